"""The service's housekeeping: a thread with an engine (and a database connection) of its
own, so that a slow webhook or a long retention run never holds up the request loop or
the writer. It delivers the due notices every ``notice_delivery_seconds`` (when a webhook
is set; ``service/outbox.py``) and runs retention every ``retention.run_every_hours`` of
the policy (``service/recordkeeping.py``). Its writes go through its own engine's one
writer, serialised with every other writer by the database, as another process's are."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from chatcredit import open_engine
from chatcredit.config import Settings
from chatcredit.service.engine import Engine
from chatcredit.service.outbox import Outbox

TICK = 0.2


class Housekeeper:
    def __init__(self, settings: Settings, log: logging.Logger, retention_hours: float) -> None:
        self._settings = settings
        self._log = log
        self._retention_seconds = retention_hours * 3600
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="chatcredit-housekeeping", daemon=True)

    @property
    def needed(self) -> bool:
        return bool(self._settings.notice_webhook_url) or self._retention_seconds > 0

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=60)

    def _run(self) -> None:
        s = self._settings
        engine = open_engine(s.db, s.policy or None)
        outbox = Outbox(engine.reads, engine.writer, engine.now)
        next_delivery = time.monotonic() + s.notice_delivery_seconds
        next_retention = time.monotonic() + self._retention_seconds
        try:
            while not self._stop.wait(TICK):
                now = time.monotonic()
                if s.notice_webhook_url and now >= next_delivery:
                    next_delivery = now + s.notice_delivery_seconds
                    self._guard("notice delivery", lambda: self._deliver(engine, outbox))
                if self._retention_seconds > 0 and now >= next_retention:
                    next_retention = now + self._retention_seconds
                    self._guard("retention", lambda: self._retain(engine))
        finally:
            engine.close()

    def _guard(self, what: str, task: Callable[[], None]) -> None:
        try:
            task()
        except Exception as exc:  # a failed pass is tried again at the next
            self._log.error(f"{what} failed", extra={"error": f"{type(exc).__name__}: {exc}"})

    def _deliver(self, engine: Engine, outbox: Outbox) -> None:
        s = self._settings
        engine.follow()
        report = outbox.deliver(s.notice_webhook_url, s.notice_webhook_secret, s.notice_max_attempts)
        if report.delivered or report.failed or report.dead:
            extra = {"delivered": report.delivered, "retrying": report.failed, "dead": report.dead}
            self._log.info("notices delivered", extra=extra)

    def _retain(self, engine: Engine) -> None:
        report = engine.records.retain()
        self._log.info("retention run", extra={"purged": report.purged, "kept": sum(report.kept.values())})
