"""Errors as RFC 9457 problem details, mapped from the library's errors in one table."""

from __future__ import annotations

from typing import Any

import msgspec
from starlette.responses import Response

from chatcredit.errors import (
    ChatcreditError,
    ConflictError,
    InvalidEvent,
    InvalidRequest,
    NotFound,
    PolicyError,
    StoreBusy,
)

TYPE_PREFIX = "urn:chatcredit:problem:"

#: library error → (status, stable type, title). Most specific first.
PROBLEMS: tuple[tuple[type[ChatcreditError], int, str, str], ...] = (
    (InvalidEvent, 422, "invalid-event", "The event is not valid"),
    (PolicyError, 422, "invalid-policy", "The policy is not valid"),
    (StoreBusy, 503, "busy", "The database stayed busy with another process's write; retry"),
    (ConflictError, 409, "conflict", "The request conflicts with what is recorded"),
    (NotFound, 404, "not-found", "No such record"),
    (InvalidRequest, 400, "invalid-request", "The request cannot be acted on"),
    (ChatcreditError, 400, "failed", "The request failed"),
)


class HttpProblem(Exception):
    """A problem found at the HTTP layer (auth, limits, malformed input)."""

    def __init__(self, status: int, kind: str, title: str, detail: str = "", **extra: Any) -> None:
        super().__init__(detail or title)
        self.status = status
        self.kind = kind
        self.title = title
        self.detail = detail
        self.extra = extra

    def __reduce__(self) -> tuple[Any, ...]:  # so that it crosses from the writer process
        return (_problem, (self.status, self.kind, self.title, self.detail, self.extra))


def _problem(status: int, kind: str, title: str, detail: str, extra: dict[str, Any]) -> HttpProblem:
    return HttpProblem(status, kind, title, detail, **extra)


def from_error(exc: ChatcreditError) -> HttpProblem:
    extra: dict[str, Any] = {}
    if isinstance(exc, PolicyError):
        extra = {"line": exc.line, "key": exc.key}
    elif isinstance(exc, InvalidEvent):
        extra = {"field": exc.field}
    for cls, status, kind, title in PROBLEMS:
        if isinstance(exc, cls):
            return HttpProblem(status, kind, title, str(exc), **extra)
    raise AssertionError("unreachable: ChatcreditError is in the table")


def problem_response(problem: HttpProblem, instance: str, headers: dict[str, str] | None = None) -> Response:
    body = {
        "type": TYPE_PREFIX + problem.kind,
        "title": problem.title,
        "status": problem.status,
        "detail": problem.detail or problem.title,
        "instance": instance,
        **problem.extra,
    }
    return Response(
        msgspec.json.encode(body),
        status_code=problem.status,
        media_type="application/problem+json",
        headers=headers,
    )
