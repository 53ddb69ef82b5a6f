"""The ASGI application: Starlette routing over the route table, one error table, metrics.

Writes (ingestion, corrections, rescans, keys) run in a writer process with an engine of
its own (api/writes.py), the one writer (like datasette's); permits and reads run on the
event loop, from memory and a read-only connection that a writer never blocks, and the
journal tells this process what each write changed. Every wait has a time limit.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from importlib import resources
from typing import Any

import msgspec
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Mount, Route

from chatcredit import open_engine
from chatcredit.api.auth import PLATFORM, Authenticator, require
from chatcredit.api.call import Call
from chatcredit.api.endpoint import Endpoint
from chatcredit.api.housekeeping import Housekeeper
from chatcredit.api.logs import AccessLog, configure
from chatcredit.api.metrics import Metrics
from chatcredit.api.observe import Observe, problem_of
from chatcredit.api.openapi import build_openapi
from chatcredit.api.problems import HttpProblem, problem_response
from chatcredit.api.routes import ENDPOINTS
from chatcredit.api.writes import Operations, WriterProcess, Writes
from chatcredit.config import Settings
from chatcredit.errors import ChatcreditError
from chatcredit.policy import default_policy, load_policy
from chatcredit.service.engine import Engine
from chatcredit.web.routes import ui_routes

#: how often (seconds) the interpreter asks the writer thread to hand the GIL to the loop;
#: Python's default is 5 ms, which would add up to that to a permit during a batch
SWITCH_INTERVAL = 0.0005
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

    async def reload_policy(self) -> str:
        """Read the policy file again and work under it, in the writer and here; the new
        version. A file with errors raises PolicyError and changes nothing."""
        assert self.engine is not None and self.writes is not None
        path = self.settings.policy or None
        policy = load_policy(path) if path else default_policy()  # checked before anything changes
        loop = asyncio.get_running_loop()
        version = await loop.run_in_executor(self.writes.executor, self.writes.task("reload_policy", path))
        if self.engine.policy.version != policy.version:  # the writer is another process
            engine = self.engine

            def switch() -> None:
                engine.use_policy(policy)
                engine.detection.warm()

            await loop.run_in_executor(None, switch)
        self.log.info("policy reloaded", extra={"version": version, "source": policy.source})
        return str(version)

    def stop(self) -> None:
        if self.writes is not None:
            self.writes.close()
            self.writes = None
        if self.engine is not None:
            self.engine.close()
            self.engine = None

    def authorize(self, request: Request, scope: str) -> Any:
        if scope == PLATFORM:  # the route checks the platform's own secret itself
            return None
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
        call = Call(
            request,
            service.engine,
            key,
            service.settings,
            service.metrics,
            service.writes,
            service.auth,
            service.reload_policy,
        )
        return capped_response(await e.handler(call), service.settings.max_response_bytes)

    return run


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
        assert service.engine is not None
        keeper = Housekeeper(settings, service.log, service.engine.policy.retention.run_every_hours)
        serving = engine is None  # `serve` (an engine handed in belongs to its caller)
        if serving and keeper.needed:
            keeper.start()

        def on_hangup() -> None:  # SIGHUP: reload the policy file, as daemons do
            async def reload() -> None:
                try:
                    await service.reload_policy()
                except ChatcreditError as exc:
                    service.log.error("policy not reloaded", extra={"error": str(exc)})

            asyncio.get_running_loop().create_task(reload())

        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            asyncio.get_running_loop().add_signal_handler(signal.SIGHUP, on_hangup)
        try:
            yield
        finally:
            flusher.cancel()
            if serving and keeper.needed:
                keeper.stop()
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
        *ui_routes(service),
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
        return problem_response(problem_of(exc), request.url.path)

    handlers = {404: not_found, 405: not_found, HttpProblem: problem, ChatcreditError: problem}
    app = Starlette(routes=routes, lifespan=lifespan, exception_handlers=handlers)
    app.add_middleware(Observe, service=service)
    app.state.service = service
    logging.getLogger("uvicorn.access").disabled = True
    return app
