"""Run the service with uvicorn: one worker, graceful shutdown, our own JSON logs."""

from __future__ import annotations

import uvicorn

from chatcredit.api.app import create_app
from chatcredit.config import Settings


def run_server(settings: Settings) -> None:
    app = create_app(settings)
    uvicorn.run(
        app,
        host=settings["host"],
        port=settings["port"],
        workers=1,
        loop="uvloop",
        http="httptools",
        access_log=False,
        log_config=None,
        server_header=False,
        timeout_keep_alive=settings["keep_alive_seconds"],
        timeout_graceful_shutdown=settings["shutdown_grace_seconds"],
        limit_concurrency=1000,
        h11_max_incomplete_event_size=64 * 1024,
    )
