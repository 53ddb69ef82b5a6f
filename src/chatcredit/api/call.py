"""One API call: the request, the engine, the key, and strict readers for its inputs."""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from starlette.requests import Request

from chatcredit.api import schemas as sc
from chatcredit.api.auth import Authenticator
from chatcredit.api.bodies import decode_body
from chatcredit.api.metrics import Metrics
from chatcredit.api.problems import HttpProblem
from chatcredit.api.writes import Writes
from chatcredit.config import Settings
from chatcredit.domain.keys import ApiKey
from chatcredit.domain.timestamps import parse_when
from chatcredit.service.engine import Engine

JSON_TYPES = ("application/json", "application/x-ndjson")
T = TypeVar("T")
_CONTROL = re.compile("[\x00-\x1f\x7f]")  # what ID_PATTERN forbids


@dataclass(frozen=True, slots=True)
class Param:
    name: str
    schema: sc.Schema
    required: bool = False
    description: str = ""
    where: str = "query"


@dataclass(slots=True)
class Call:
    request: Request
    engine: Engine
    key: ApiKey | None
    settings: Settings
    metrics: Metrics
    writes: Writes
    auth: Authenticator
    reload: Callable[[], Awaitable[str]]

    async def reload_policy(self) -> str:
        return await self.reload()

    def forget_keys(self) -> None:
        """Drop the verified-key cache (after a revocation)."""
        self.auth.forget()

    async def write(self, op: str, *args: Any) -> Any:
        """Run the write operation ``op`` (``writes.Operations``) off the request loop, then
        follow the journal, so that this process answers with what the write changed.
        Reads and permits are answered from memory on the loop: only waits have a limit."""
        limit = self.settings.request_timeout_seconds
        try:
            async with asyncio.timeout(limit):
                loop = asyncio.get_running_loop()
                result = await loop.run_in_executor(self.writes.executor, self.writes.task(op, *args))
        except TimeoutError:
            raise HttpProblem(
                503,
                "timeout",
                "The request took too long",
                f"no answer within {limit:g} s; the write may still complete (re-sending the same events is safe)",
            ) from None
        self.engine.follow()
        return result

    def text(self, name: str, required: bool = False, max_length: int = 256) -> str | None:
        value = self.request.query_params.get(name)
        if value == "":
            raise HttpProblem(400, "invalid-parameter", "A parameter is not valid", f"'{name}' is empty")
        if value is None:
            if required:
                raise HttpProblem(
                    400,
                    "missing-parameter",
                    "A required parameter is missing",
                    f"query parameter '{name}' is required",
                )
            return None
        if len(value) > max_length:
            raise HttpProblem(400, "invalid-parameter", "A parameter is not valid", f"'{name}' is too long")
        return _printable(name, value)

    def time(self, name: str = "at") -> float | None:
        value = self.text(name)
        if value is None:
            return None
        try:
            return parse_when(value, time.time())
        except ValueError as exc:
            raise HttpProblem(400, "invalid-parameter", "A parameter is not valid", f"'{name}': {exc}") from None

    def integer(self, name: str, default: int, low: int, high: int) -> int:
        value = self.text(name)
        if value is None:
            return default
        try:
            number = int(value)
        except ValueError:
            number = low - 1
        if not low <= number <= high:
            raise HttpProblem(
                400,
                "invalid-parameter",
                "A parameter is not valid",
                f"'{name}' must be an integer from {low} to {high}",
            )
        return number

    def path(self, name: str, max_length: int = 256) -> str:
        value = str(self.request.path_params[name])
        if not 1 <= len(value) <= max_length:
            raise HttpProblem(
                400,
                "invalid-parameter",
                "A parameter is not valid",
                f"'{name}' must be 1 to {max_length} characters",
            )
        return _printable(name, value)

    async def body(self) -> bytes:
        limit = self.settings.max_body_bytes
        declared = self.request.headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            raise _too_large(limit)
        chunks: list[bytes] = []
        size = 0

        async def receive() -> None:
            nonlocal size
            async for chunk in self.request.stream():
                size += len(chunk)
                if size > limit:
                    raise _too_large(limit)
                chunks.append(chunk)

        try:
            await asyncio.wait_for(receive(), self.settings.body_timeout_seconds)
        except TimeoutError:
            raise HttpProblem(408, "body-timeout", "The request body took too long") from None
        return b"".join(chunks)

    async def json(self, kind: type[T]) -> T:
        if self.content_type() != "application/json":
            raise HttpProblem(415, "unsupported-media-type", "Send JSON", "Content-Type must be application/json")
        return decode_body(await self.body(), kind)

    def content_type(self) -> str:
        kind = self.request.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind not in JSON_TYPES:
            raise HttpProblem(
                415,
                "unsupported-media-type",
                "Send JSON",
                f"Content-Type must be one of {', '.join(JSON_TYPES)}",
            )
        return kind


def _too_large(limit: int) -> HttpProblem:
    return HttpProblem(413, "body-too-large", "The request body is too large", f"at most {limit} bytes")


def _printable(name: str, value: str) -> str:
    if _CONTROL.search(value):
        raise HttpProblem(400, "invalid-parameter", "A parameter is not valid", f"'{name}' has control characters")
    return value
