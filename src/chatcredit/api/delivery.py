"""The service's notice deliverer: a thread with an engine (and a database connection) of
its own, so that a slow webhook never holds up the request loop or the writer. Every
``notice_delivery_seconds`` it delivers the due notices once (``service/outbox.py``);
its writes go through its own engine's one writer, serialised with every other writer
by the database as another process's would be."""

from __future__ import annotations

import logging
import threading

from chatcredit import open_engine
from chatcredit.config import Settings
from chatcredit.service.outbox import Outbox


class Deliverer:
    def __init__(self, settings: Settings, log: logging.Logger) -> None:
        self._settings = settings
        self._log = log
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="chatcredit-deliverer", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=30)

    def _run(self) -> None:
        s = self._settings
        engine = open_engine(s.db, s.policy or None)
        try:
            outbox = Outbox(engine.reads, engine.writer, engine.now)
            while not self._stop.wait(s.notice_delivery_seconds):
                try:
                    engine.follow()
                    report = outbox.deliver(s.notice_webhook_url, s.notice_webhook_secret, s.notice_max_attempts)
                except Exception as exc:  # a pass that failed is tried again at the next
                    self._log.error("notice delivery failed", extra={"error": f"{type(exc).__name__}: {exc}"})
                    continue
                if report.delivered or report.failed or report.dead:
                    extra = {"delivered": report.delivered, "retrying": report.failed, "dead": report.dead}
                    self._log.info("notices delivered", extra=extra)
        finally:
            engine.close()
