"""Run the service with uvicorn: one worker, graceful shutdown, our own JSON logs, and a
time limit on sending a request's headers (uvicorn has none: a client trickling one
header line a second would hold a connection slot for ever)."""

from __future__ import annotations

import asyncio
from functools import partial
from typing import Any

import uvicorn
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from chatcredit.api.app import create_app
from chatcredit.config import Settings


class HeaderTimeoutProtocol(HttpToolsProtocol):
    """httptools' protocol, closing a connection whose request headers take too long."""

    def __init__(self, *args: Any, header_timeout: float = 10.0, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._header_timeout = header_timeout
        self._header_timer: asyncio.TimerHandle | None = None

    def _arm(self) -> None:
        self._disarm()
        self._header_timer = self.loop.call_later(self._header_timeout, self._headers_too_slow)

    def _disarm(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _headers_too_slow(self) -> None:
        self._header_timer = None
        if not self.transport.is_closing():
            self.transport.close()

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def on_message_begin(self) -> None:
        super().on_message_begin()
        if self._header_timer is None:
            self._arm()

    def on_headers_complete(self) -> None:
        self._disarm()
        super().on_headers_complete()


def run_server(settings: Settings) -> None:
    app = create_app(settings)
    uvicorn.run(
        app,
        host=settings.host,
        port=settings.port,
        workers=1,
        loop="uvloop",
        http=partial(HeaderTimeoutProtocol, header_timeout=settings.header_timeout_seconds),  # type: ignore[arg-type]
        access_log=False,
        log_config=None,
        server_header=False,
        timeout_keep_alive=settings.keep_alive_seconds,
        timeout_graceful_shutdown=settings.shutdown_grace_seconds,
        limit_concurrency=10_000,
        h11_max_incomplete_event_size=64 * 1024,
    )
