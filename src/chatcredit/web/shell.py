"""What every page shares: the signed-in session, rendering, forms with their CSRF token,
and writes through the service's one writer (errors become a message on the page)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any, Protocol, TypeVar
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from chatcredit.domain.timestamps import to_iso
from chatcredit.errors import ChatcreditError, NotFound
from chatcredit.service.engine import Engine
from chatcredit.web.session import Session, Sessions, csrf_ok


class Served(Protocol):
    """The parts of the HTTP service the pages use (``api.app.Service``)."""

    engine: Engine | None
    writes: Any
    auth: Any
    settings: Any


T = TypeVar("T")
Page = Callable[["Web", Request, Session], Awaitable[Response]]


def when(ts: float | None) -> str:
    return "" if ts is None else to_iso(ts).replace("T", " ").removesuffix("Z") + " UTC"


class Web:
    def __init__(self, service: Served) -> None:
        self.service = service
        self.sessions = Sessions()
        self.env = Environment(loader=PackageLoader("chatcredit.web", "templates"), autoescape=select_autoescape())
        self.env.filters["when"] = when
        self.env.globals["quote"] = lambda s: quote(str(s), safe="")
        self._cache: dict[str, tuple[float, Any]] = {}

    def cached(self, name: str, seconds: float, compute: Callable[[], T]) -> tuple[T, float]:
        """``compute()``'s value, computed again once it is older than ``seconds``; and when
        it was computed (the page says so)."""
        now = self.engine.now()
        hit = self._cache.get(name)
        if hit is None or now - hit[0] > seconds:
            hit = self._cache[name] = (now, compute())
        value: T = hit[1]
        return value, hit[0]

    @property
    def engine(self) -> Engine:
        assert self.service.engine is not None
        return self.service.engine

    def render(
        self, request: Request, session: Session | None, template: str, status: int = 200, **ctx: Any
    ) -> Response:
        started = time.perf_counter()
        html = self.env.get_template(template).render(
            session=session, flash=session.take_flash() if session else [], path=request.url.path, **ctx
        )
        headers = {
            "Cache-Control": "no-store",
            "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; "
            "script-src 'self'; form-action 'self'; frame-ancestors 'none'",
            "X-Content-Type-Options": "nosniff",
            "Server-Timing": f"render;dur={(time.perf_counter() - started) * 1000:.1f}",
        }
        return HTMLResponse(html, status, headers=headers)

    def page(self, handler: Page, act: bool = False) -> Callable[[Request], Awaitable[Response]]:
        """A page for a signed-in key (``act``: a form that changes something, for a
        ``moderate`` key, with its CSRF token checked)."""

        async def run(request: Request) -> Response:
            session = self.sessions.of(request)
            if session is None or not self._key_active(session):
                if session is not None:
                    self.sessions.end(session)
                if request.method != "GET":
                    return HTMLResponse("Sign in first.", 403)
                return RedirectResponse(f"/ui/login?next={quote(str(request.url.path), safe='/')}", 303)
            if request.method == "POST":
                form = await request.form()
                if not csrf_ok(session.csrf, form.get("csrf")):
                    return HTMLResponse("The form's CSRF token is missing or wrong: reload the page.", 403)
                if act and not session.can_act:
                    return HTMLResponse("This key may read, not act (it lacks the 'moderate' scope).", 403)
                request.state.form = form
            try:
                return await handler(self, request, session)
            except NotFound as exc:
                return self.render(request, session, "missing.html", 404, what=str(exc))

        return run

    def _key_active(self, session: Session) -> bool:
        key = self.engine.reads.keys.get(session.key_id)
        return key is not None and key.active

    async def write(self, session: Session, op: str, *args: Any) -> Any:
        """Run a write of the service (``api/writes.py``); a refusal is said on the next page."""
        from chatcredit.api.problems import HttpProblem  # the api package mounts these pages: import late

        loop = asyncio.get_running_loop()
        writes = self.service.writes
        try:
            result = await loop.run_in_executor(writes.executor, writes.task(op, *args))
        except (ChatcreditError, HttpProblem) as exc:
            detail = getattr(exc, "detail", "") or str(exc)
            session.says("error", detail)
            return None
        self.engine.follow()
        return result


def form_of(request: Request) -> FormData:
    form: FormData = request.state.form
    return form


def field(request: Request, name: str, default: str = "") -> str:
    value = form_of(request).get(name, default)
    return value.strip() if isinstance(value, str) else default


def back(to: str) -> Response:
    return RedirectResponse(to, 303)
