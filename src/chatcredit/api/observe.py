"""Request ids, timing, metrics, access logs, and a problem response for every error."""

from __future__ import annotations

import itertools
import os
import re
import secrets
import time
from typing import TYPE_CHECKING

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from chatcredit.api.problems import HttpProblem, from_error, problem_response
from chatcredit.errors import ChatcreditError

if TYPE_CHECKING:
    from chatcredit.api.app import Service

#: generated request ids: unique per process start and request, cheap (no UUID per request)
_ID_PREFIX = f"{os.getpid():x}{secrets.token_hex(4)}-"
_ids = itertools.count(1)
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class Observe:
    """Request ids, timing, metrics, access logs, and problem responses for every error."""

    def __init__(self, app: ASGIApp, service: Service) -> None:
        self.app = app
        self.service = service

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        given = dict(scope["headers"]).get(b"x-request-id", b"").decode("latin-1")
        request_id = given if _REQUEST_ID.match(given) else f"{_ID_PREFIX}{next(_ids):x}"
        status = 500
        sent = False

        async def send_with_id(message: Message) -> None:
            nonlocal status, sent
            if message["type"] == "http.response.start":
                status = message["status"]
                sent = True
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (b"x-request-id", request_id.encode())]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception as exc:
            problem = problem_of(exc)
            if problem.status >= 500:
                self.service.log.error(
                    "unhandled error", exc_info=exc, extra={"request_id": request_id, "path": scope["path"]}
                )
            if not sent:
                await problem_response(problem, scope["path"])(scope, receive, send_with_id)
        finally:
            route = scope.get("chatcredit.route") or _static_route(scope["path"])
            seconds = time.perf_counter() - started
            self.service.metrics.observe(scope["method"], route, status, seconds)
            if self.service.settings.access_log:
                self.service.access.record(
                    request_id=request_id,
                    method=scope["method"],
                    route=route,
                    status=status,
                    duration_ms=round(seconds * 1000, 3),
                )


def _static_route(path: str) -> str:
    known = ("/healthz", "/readyz", "/metrics", "/openapi.json", "/docs")
    return path if path in known else "unmatched"


def problem_of(exc: Exception) -> HttpProblem:
    if isinstance(exc, HttpProblem):
        return exc
    if isinstance(exc, ChatcreditError):
        return from_error(exc)
    return HttpProblem(500, "internal", "Internal error", "the error was logged with the request id")
