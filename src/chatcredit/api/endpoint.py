"""An API operation: method, path, scope, handler and the schemas the OpenAPI document is
built from (``openapi.py``), so the document cannot drift from the routes."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import msgspec

from chatcredit.api import schemas as sc
from chatcredit.api.call import Call, Param

Handler = Callable[[Call], Awaitable[Any]]


@dataclass(frozen=True, slots=True)
class Endpoint:
    method: str
    path: str
    scope: str
    handler: Handler
    summary: str
    response: sc.Schema
    params: tuple[Param, ...] = ()
    body: sc.Schema | None = None
    tag: str = "users"
    errors: tuple[int, ...] = field(default=(400, 401, 403))


USER = Param("user", sc.ID, True, "the user id", "path")
AT = Param("at", {**sc.TIME, "minLength": 1}, description="evaluate as of this time (default: now)")
LIMIT = Param("limit", {"type": "integer", "minimum": 1, "maximum": 1000})
MAX_OFFSET = 2**31
#: events per write transaction in the service: the write lock is held briefly, so another
#: process's writer (a moderator's CLI) waits at most about this long
INGEST_SLICE = 1_000
RESCAN_SLICE = 2_000
OFFSET = Param("offset", {"type": "integer", "minimum": 0, "maximum": MAX_OFFSET})


def body_schema(kind: type, **refine: sc.Schema) -> sc.Schema:
    """The struct's JSON Schema, with the rules msgspec cannot express added per property."""
    schema = msgspec.json.schema(kind)
    defs = schema.pop("$defs", {})
    body = dict(defs[kind.__name__]) if "$ref" in schema else schema
    for prop, extra in refine.items():
        body["properties"][prop] = {**body["properties"][prop], **extra}
    return body
