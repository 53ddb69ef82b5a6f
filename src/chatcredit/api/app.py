"""The ASGI application: Starlette routing over the route table, one error table, metrics.

Writes (ingestion, corrections, rescans, keys) run in a writer process with an engine of
its own (api/writes.py), the one writer (like datasette's); permits and reads run on the
event loop, from memory and a read-only connection that a writer never blocks, and the
journal tells this process what each write changed. Every wait has a time limit.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import os
import re
import secrets
import sys
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from importlib import resources
from typing import Any

import msgspec
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Mount, Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from chatcredit import open_engine
from chatcredit.api.auth import Authenticator, require
from chatcredit.api.call import Call
from chatcredit.api.endpoint import Endpoint
from chatcredit.api.logs import AccessLog, configure
from chatcredit.api.metrics import Metrics
from chatcredit.api.openapi import build_openapi
from chatcredit.api.problems import HttpProblem, from_error, problem_response
from chatcredit.api.routes import ENDPOINTS
from chatcredit.api.writes import Operations, WriterProcess, Writes
from chatcredit.config import Settings
from chatcredit.errors import ChatcreditError
from chatcredit.service.engine import Engine

#: how often (seconds) the interpreter asks the writer thread to hand the GIL to the loop;
#: Python's default is 5 ms, which would add up to that to a permit during a batch
SWITCH_INTERVAL = 0.0005
#: generated request ids: unique per process start and request, cheap (no UUID per request)
_ID_PREFIX = f"{os.getpid():x}{secrets.token_hex(4)}-"
_ids = itertools.count(1)
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
_encoder = msgspec.json.Encoder()


def json_response(data: Any, status: int = 200) -> Response:
    return Response(_encoder.encode(data), status_code=status, media_type="application/json")


def capped_response(data: Any, limit: int) -> Response:
    """JSON, at most ``limit`` bytes: a list that would be larger is cut to the items that
    fit, and says so (``X-Chatcredit-Truncated``; page on with ``offset`` or ``at``)."""
    body = _encoder.encode(data)
    if len(body) <= limit or not isinstance(data, list):
        return Response(body, media_type="application/json")
    low, high = 0, len(data)
    while low < high:  # the most items whose encoding fits
        mid = (low + high + 1) // 2
        if len(_encoder.encode(data[:mid])) <= limit:
            low = mid
        else:
            high = mid - 1
    headers = {"X-Chatcredit-Truncated": "true", "X-Chatcredit-Items": str(low)}
    return Response(_encoder.encode(data[:low]), media_type="application/json", headers=headers)


class Service:
    """What the routes share: the engine, settings, metrics, the authenticator, the log."""

    def __init__(self, settings: Settings, engine: Engine | None) -> None:
        self.settings = settings
        self.metrics = Metrics()
        self.log = configure(settings.log_level)
        self.access = AccessLog()
        self.engine: Engine | None = engine
        self.auth: Authenticator | None = None
        self.writes: Writes | None = None
        self.openapi = _encoder.encode(build_openapi())

    def start(self) -> None:
        # when writes run on a thread here, a short switch interval lets the request loop
        # take the interpreter lock back within half a millisecond instead of five
        sys.setswitchinterval(SWITCH_INTERVAL)
        if self.engine is None:  # `serve`: writes in a process of their own
            policy = self.settings.policy or None
            self.writes = Writes(WriterProcess(self.settings.db, policy))
            self.engine = open_engine(self.settings.db, policy)
        else:  # an engine handed in (tests, embedding): writes on a thread of this process
            self.writes = Writes(Operations(self.engine))
        self.engine.detection.warm()  # for GET /v1/rules
        self.auth = Authenticator(self.engine.reads, self.settings.key_cache_seconds)

    def stop(self) -> None:
        if self.writes is not None:
            self.writes.close()
            self.writes = None
        if self.engine is not None:
            self.engine.close()
            self.engine = None

    def authorize(self, request: Request, scope: str) -> Any:
        assert self.auth is not None
        key = self.auth.authenticate(request.headers.get("authorization"))
        require(key, scope)
        return key


def _path_handler(service: Service, endpoints: list[Endpoint]) -> Callable[[Request], Awaitable[Response]]:
    """One handler per path, dispatching on the method (so 405 answers list every method)."""
    by_method = {e.method: e for e in endpoints}

    async def run(request: Request) -> Response:
        e = by_method[request.method]
        request.scope["chatcredit.route"] = e.path
        key = service.authorize(request, e.scope)
        assert service.engine is not None
        assert service.auth is not None
        assert service.writes is not None
        call = Call(request, service.engine, key, service.settings, service.metrics, service.writes, service.auth)
        return capped_response(await e.handler(call), service.settings.max_response_bytes)

    return run


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
            problem = _problem_of(exc)
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


def _problem_of(exc: Exception) -> HttpProblem:
    if isinstance(exc, HttpProblem):
        return exc
    if isinstance(exc, ChatcreditError):
        return from_error(exc)
    return HttpProblem(500, "internal", "Internal error", "the error was logged with the request id")


def docs_page() -> str:
    """The interactive API docs: a page of our own (no external assets, no network) that
    renders /openapi.json, OpenAPI 3.1 included, and lets a reader try the GET routes."""
    return resources.files("chatcredit.api").joinpath("docs.html").read_text("utf-8")


def create_app(settings: Settings, engine: Engine | None = None) -> Starlette:
    service = Service(settings, engine)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        service.start()
        service.log.info("started", extra={"db": str(settings.db)})

        async def flush_access_log() -> None:
            while True:
                await asyncio.sleep(0.2)
                service.access.flush()

        flusher = asyncio.get_running_loop().create_task(flush_access_log())
        try:
            yield
        finally:
            flusher.cancel()
            service.access.flush()
            service.stop()
            service.log.info("stopped")

    async def healthz(request: Request) -> Response:
        return json_response({"status": "ok"})

    async def readyz(request: Request) -> Response:
        try:
            assert service.engine is not None
            service.engine.reads.events.count()
        except Exception:
            return json_response({"status": "not ready"}, 503)
        return json_response({"status": "ready"})

    async def metrics(request: Request) -> Response:
        service.authorize(request, "read")
        return Response(service.metrics.render(), media_type="text/plain; version=0.0.4")

    async def openapi(request: Request) -> Response:  # holds no data: code generators may fetch it
        return Response(service.openapi, media_type="application/json")

    page = docs_page()

    async def docs(request: Request) -> Response:
        return HTMLResponse(page)

    routes: list[Route | Mount] = [
        Route("/healthz", healthz),
        Route("/readyz", readyz),
        Route("/metrics", metrics),
        Route("/openapi.json", openapi),
        Route("/docs", docs),
    ]
    by_path: dict[str, list[Endpoint]] = {}
    for e in ENDPOINTS:
        by_path.setdefault(e.path, []).append(e)
    routes += [
        Route(path, _path_handler(service, group), methods=[e.method for e in group]) for path, group in by_path.items()
    ]

    async def not_found(request: Request, exc: Exception) -> Response:
        status = getattr(exc, "status_code", 404)
        kind = "not-found" if status == 404 else "method-not-allowed"
        title = "No such route" if status == 404 else "Method not allowed"
        headers = getattr(exc, "headers", None)
        return problem_response(HttpProblem(status, kind, title), request.url.path, headers)

    async def problem(request: Request, exc: Exception) -> Response:
        return problem_response(_problem_of(exc), request.url.path)

    handlers = {404: not_found, 405: not_found, HttpProblem: problem, ChatcreditError: problem}
    app = Starlette(routes=routes, lifespan=lifespan, exception_handlers=handlers)
    app.add_middleware(Observe, service=service)
    app.state.service = service
    logging.getLogger("uvicorn.access").disabled = True
    return app
