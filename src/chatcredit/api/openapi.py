"""The OpenAPI 3.1 document, built from the route table."""

from __future__ import annotations

from typing import Any

from chatcredit import __version__
from chatcredit.api import schemas as sc
from chatcredit.api.auth import PLATFORM
from chatcredit.api.endpoint import Endpoint
from chatcredit.api.routes import ENDPOINTS

ERROR_TEXT = {
    400: "Bad request",
    401: "No valid API key",
    403: "The key lacks the scope",
    404: "Not found",
    408: "Body too slow",
    409: "Conflict",
    413: "Too large",
    415: "Unsupported media type",
    422: "Body does not fit the schema",
}


def _operation(e: Endpoint) -> dict[str, Any]:
    op: dict[str, Any] = {
        "summary": e.summary,
        "operationId": e.handler.__name__,
        "tags": [e.tag],
        "security": [] if e.scope == PLATFORM else [{"apiKey": []}],
        "description": (
            "Authenticated by the platform's own secret or signature (no API key)."
            if e.scope == PLATFORM
            else f"Needs an API key with the `{e.scope}` scope."
        ),
        "parameters": [
            {
                "name": p.name,
                "in": p.where,
                "required": p.required or p.where == "path",
                "schema": p.schema,
                **({"description": p.description} if p.description else {}),
            }
            for p in e.params
        ],
        "responses": {
            "200": {"description": "OK", "content": {"application/json": {"schema": e.response}}},
            **{
                str(code): {
                    "description": ERROR_TEXT[code],
                    "content": {"application/problem+json": {"schema": sc.ref("Problem")}},
                }
                for code in e.errors
            },
        },
    }
    if e.body is not None and e.path == "/v1/policy/check":
        op["requestBody"] = {"required": True, "content": {"text/plain": {"schema": e.body}}}  # or application/toml
    elif e.body is not None:
        content = {"application/json": {"schema": e.body}}
        if e.path == "/v1/events":
            content["application/x-ndjson"] = {"schema": {"type": "string"}}
        op["requestBody"] = {"required": True, "content": content}
    return op


def build_openapi() -> dict[str, Any]:
    paths: dict[str, dict[str, Any]] = {}
    for e in ENDPOINTS:
        paths.setdefault(e.path, {})[e.method.lower()] = _operation(e)
    health = {
        "get": {
            "summary": "Liveness and readiness",
            "security": [],
            "tags": ["operations"],
            "responses": {
                "200": {
                    "description": "OK",
                    "content": {"application/json": {"schema": sc.obj({"status": sc.STR})}},
                },
                "503": {
                    "description": "Not ready",
                    "content": {"application/json": {"schema": sc.obj({"status": sc.STR})}},
                },
            },
        }
    }
    paths["/healthz"] = health
    paths["/readyz"] = health
    paths["/metrics"] = {
        "get": {
            "summary": "Prometheus metrics",
            "tags": ["operations"],
            "description": "Needs an API key with the `read` scope.",
            "security": [{"apiKey": []}],
            "responses": {
                "200": {"description": "OK", "content": {"text/plain": {"schema": sc.STR}}},
                "401": {"description": ERROR_TEXT[401]},
                "403": {"description": ERROR_TEXT[403]},
            },
        }
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "chatcredit",
            "version": __version__,
            "description": "Trust and accountability for group chats: ingest events, ask "
            "for standings and permits, correct decisions. Errors are RFC 9457 "
            "problem details.",
        },
        "paths": paths,
        "components": {
            "schemas": sc.COMPONENTS,
            "securitySchemes": {
                "apiKey": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "chatcredit keys create NAME --scope ...",
                }
            },
        },
    }
