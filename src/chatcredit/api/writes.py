"""The service's writes, run off the request loop: in a writer process of their own (what
`chatcredit serve` does), or on a worker thread of this process (an engine handed in).

A write is named by an operation of :class:`Operations`. In a writer process it runs
with that process's own engine and connection, so its CPU-heavy detection never holds
this process's interpreter lock: the request loop keeps answering permits. After every
write, the service follows the journal, which names the users the write changed.
"""

from __future__ import annotations

import multiprocessing
import pickle
from collections.abc import Iterator
from concurrent.futures import Executor, ThreadPoolExecutor
from functools import partial
from itertools import count
from multiprocessing.connection import Connection
from typing import Any

from chatcredit.api.bodies import parse_events_body
from chatcredit.errors import StoreBusy
from chatcredit.policy import default_policy, load_policy
from chatcredit.service.engine import Engine
from chatcredit.service.outbox import Outbox
from chatcredit.service.pipeline import IngestReport


class Operations:
    """Every write the service makes, as methods of one engine (the one writer)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._rescans: dict[int, Iterator[IngestReport]] = {}
        self._ids = count(1)

    def ingest(self, body: bytes, content_type: str, max_events: int, batch_size: int) -> IngestReport:
        items = parse_events_body(body, content_type, max_events)
        return self.engine.ingest_items(items, source="api", batch_size=batch_size)

    def reverse(self, entry_id: str, by: str, reason: str) -> Any:
        return self.engine.reverse(entry_id, by, reason)

    def adjust(self, user: str, points: int, category: str, by: str, reason: str, severity: str) -> Any:
        return self.engine.adjust(user, points, category, by, reason, severity)

    def listing_add(self, subject: str, category: str, reason: str, by: str, days: float | None, kind: str) -> Any:
        return self.engine.oversight.add_listing(subject, category, reason, by, days, kind)  # type: ignore[arg-type]

    def listing_confirm(self, listing_id: str, by: str) -> Any:
        return self.engine.oversight.confirm(listing_id, by)

    def listing_lift(self, listing_id: str, by: str, reason: str) -> Any:
        return self.engine.oversight.lift(listing_id, by, reason)

    def review_claim(self, item_id: str, by: str) -> Any:
        return self.engine.casework.claim(item_id, by)

    def review_decide(self, item_id: str, outcome: str, by: str, reason: str, severity: str | None) -> Any:
        item, effects = self.engine.casework.decide(item_id, outcome, by, reason, severity)  # type: ignore[arg-type]
        return item, [e.id for e in effects.entries]

    def appeal_file(self, target: str, user: str, statement: str) -> Any:
        return self.engine.appeals.file(target, user, statement)

    def appeal_decide(self, appeal_id: str, outcome: str, by: str, reason: str, points: int | None) -> Any:
        return self.engine.appeals.decide(appeal_id, outcome, by, reason, points)  # type: ignore[arg-type]

    def refer(self, case: str, authority: str, reason: str, by: str, user: str | None) -> Any:
        return self.engine.casework.refer(case, authority, reason, by, user)

    def notices_ack(self, notice_ids: list[str]) -> int:
        return Outbox(self.engine.reads, self.engine.writer, self.engine.now).ack(notice_ids)

    def sweep(self, at: float | None) -> dict[str, int]:
        effects = self.engine.oversight.sweep(at)
        return {"records": len(effects.records), "penalties": len(effects.entries), "notices": len(effects.notices)}

    def rebuild(self) -> int:
        return self.engine.rebuild()

    def rescan_start(self, since: float | None, batch_size: int) -> int:
        token = next(self._ids)
        self._rescans[token] = self.engine.rescan_slices(since, batch_size)
        return token

    def rescan_next(self, token: int) -> IngestReport | None:
        """The next slice of a rescan, or None when it is done."""
        part = next(self._rescans[token], None)
        if part is None:
            del self._rescans[token]
        return part

    def reload_policy(self, path: str | None) -> str:
        """Read the policy file again (the packaged default when ``path`` is None) and work
        under it; its version. A policy with errors raises and changes nothing."""
        policy = load_policy(path) if path else default_policy()
        self.engine.use_policy(policy)
        self.engine.detection.warm()  # records the new rule versions (the brake's trial)
        return policy.version

    def create_key(self, name: str, scopes: list[str]) -> Any:
        return self.engine.create_key(name, scopes)

    def revoke_key(self, key_id: str) -> None:
        self.engine.revoke_key(key_id)


class Writes:
    """Runs operations on a worker thread of this process: with a local ``Operations``,
    or forwarding each to a writer process (``WriterProcess``) and waiting for it there."""

    def __init__(self, target: Operations | WriterProcess) -> None:
        self._target = target
        self.executor: Executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="chatcredit-writer")

    def task(self, op: str, *args: Any) -> Any:
        """The operation as a callable for the executor: run here, or sent to the writer process."""
        if isinstance(self._target, WriterProcess):
            return partial(self._target.call, op, *args)
        return partial(getattr(self._target, op), *args)

    def close(self) -> None:
        self.executor.shutdown(wait=True)
        if isinstance(self._target, WriterProcess):
            self._target.close()


class WriterProcess:
    """A child process with an engine of its own, serving operations over a pipe."""

    def __init__(self, db: str, policy: str | None) -> None:
        self._db, self._policy = db, policy
        self._start()

    def _start(self) -> None:
        context = multiprocessing.get_context("spawn")  # no fork: the parent runs threads
        self._conn, child = context.Pipe()
        args = (child, self._db, self._policy)
        self._process = context.Process(target=_serve, args=args, name="chatcredit-writer", daemon=True)
        self._process.start()
        child.close()
        status, value = self._conn.recv()  # the engine is open and its detectors built
        if status != "ok":
            raise value

    def call(self, op: str, *args: Any) -> Any:
        try:
            self._conn.send((op, args))
            status, value = self._conn.recv()
        except (EOFError, OSError):  # the writer died (killed, out of memory): start another
            self._process.join(timeout=5)
            self._conn.close()
            self._start()
            raise StoreBusy("the writer process stopped and was restarted; send the request again") from None
        if status == "error":
            raise value
        return value

    def close(self) -> None:
        if self._process.is_alive():
            try:
                self._conn.send(("stop", ()))
                self._conn.recv()
            except (EOFError, OSError):
                pass
        self._process.join(timeout=30)
        self._conn.close()


def _serve(conn: Connection, db: str, policy: str | None) -> None:
    from chatcredit import open_engine

    try:
        engine = open_engine(db, policy)
        engine.detection.warm()
    except BaseException as exc:
        conn.send(("error", _sendable(exc)))
        return
    ops = Operations(engine)
    conn.send(("ok", None))
    try:
        while True:
            try:
                op, args = conn.recv()
            except EOFError:
                return
            if op == "stop":
                conn.send(("ok", None))
                return
            try:
                conn.send(("ok", getattr(ops, op)(*args)))
            except Exception as exc:
                conn.send(("error", _sendable(exc)))
    finally:
        engine.close()


def _sendable(exc: BaseException) -> BaseException:
    """The exception itself if it survives pickling, else a RuntimeError with its type and
    message (logged by the service as an internal error)."""
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:
        return RuntimeError(f"in the writer process: {type(exc).__name__}: {exc}")
    return exc
