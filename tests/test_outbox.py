"""Notices delivered at least once to a real HTTP receiver on 127.0.0.1: retries with
backoff, the signature, dead letters, and a restart that delivers nothing twice to a
receiver honouring the idempotency key."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from chatcredit import Engine
from chatcredit.service.outbox import SIGNATURE_HEADER, Outbox
from chatcredit.testing import T0, FakeClock, lines, message

SECRET = "s3cret"
SPAM = "you have won a guaranteed prize, call now"


class Receiver:
    """A platform's webhook: fails its first ``fail`` requests, keeps each key once."""

    def __init__(self, fail: int) -> None:
        self.fail = fail
        self.requests = 0
        self.processed: dict[str, dict[str, object]] = {}
        self.bad_signatures = 0
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests += 1
                expected = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
                if not hmac.compare_digest(expected, self.headers.get(SIGNATURE_HEADER, "")):
                    receiver.bad_signatures += 1
                    self.send_response(401)
                elif receiver.fail > 0:
                    receiver.fail -= 1
                    self.send_response(503)
                else:
                    receiver.processed.setdefault(self.headers["Idempotency-Key"], json.loads(body))
                    self.send_response(200)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/notices"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    r = Receiver(fail=2)
    yield r
    r.close()


def outbox(engine: Engine) -> Outbox:
    return Outbox(engine.reads, engine.writer, engine.now)


def test_each_notice_arrives_once_after_retries_with_a_valid_signature(
    engine: Engine, clock: FakeClock, receiver: Receiver
) -> None:
    engine.ingest_lines(lines(message("m1", "u1", SPAM), message("m2", "u2", SPAM)))
    ids = {n.id for u in ("u1", "u2") for n in engine.notices(u)}
    assert {n.id for _, n in outbox(engine).pending()} == ids
    first = outbox(engine).deliver(receiver.url, SECRET, base_delay=1.0)
    assert first.failed == 2 and first.delivered == 0
    assert outbox(engine).deliver(receiver.url, SECRET, base_delay=1.0).delivered == 0  # not due yet: backoff
    clock.now += 3
    assert outbox(engine).deliver(receiver.url, SECRET, base_delay=1.0).delivered == 2
    assert set(receiver.processed) == ids and receiver.requests == 4 and receiver.bad_signatures == 0
    assert outbox(engine).pending() == []
    body = receiver.processed[next(iter(ids))]
    assert body["appeal_until"] and body["text"]


def test_a_receiver_that_always_fails_leaves_the_notice_dead_lettered(engine: Engine, clock: FakeClock) -> None:
    r = Receiver(fail=10**6)
    try:
        engine.ingest_lines(lines(message("m1", "u1", SPAM)))
        for _ in range(3):
            outbox(engine).deliver(r.url, SECRET, max_attempts=3, base_delay=1.0)
            clock.now += 10
        [(dead, _notice)] = outbox(engine).pending(failed=True)
        assert dead.status == "dead" and dead.attempts == 3 and "503" in dead.last_error
        assert outbox(engine).pending() == []
    finally:
        r.close()


def test_a_restarted_deliverer_delivers_nothing_twice(engine: Engine, clock: FakeClock, tmp_path: object) -> None:
    r = Receiver(fail=0)
    try:
        engine.ingest_lines(lines(*(message(f"m{i}", f"u{i}", SPAM, ts=T0 + i) for i in range(6))))
        clock.now = T0 + 100
        assert outbox(engine).deliver(r.url, SECRET, limit=3).delivered == 3  # stopped mid-way
        # a crash after the receiver took a notice but before the delivery was recorded: re-sent
        [(_pending, n)] = outbox(engine).pending(limit=1)
        Outbox._post(r.url, json.dumps({"id": n.id}).encode(), SECRET, n.id, 5.0)
        assert outbox(engine).deliver(r.url, SECRET).delivered == 3  # the restarted one
        assert len(r.processed) == 6 and r.requests == 7  # one sent twice, processed once
        assert outbox(engine).pending() == []
    finally:
        r.close()


def test_the_platform_may_pull_and_acknowledge(engine: Engine) -> None:
    engine.ingest_lines(lines(message("m1", "u1", SPAM)))
    [(_, notice)] = outbox(engine).pending()
    assert outbox(engine).ack([notice.id]) == 1
    assert outbox(engine).pending() == []


def test_serve_delivers_notices_in_the_background(tmp_path: Path) -> None:
    from api_server import start_server

    r = Receiver(fail=1)
    server = start_server(
        tmp_path, notice_webhook_url=r.url, notice_webhook_secret=SECRET, notice_delivery_seconds="0.2"
    )
    try:
        body = b"\n".join(line.rstrip(b"\n") for line in lines(message("m1", "u1", SPAM), message("m2", "u2", SPAM)))
        posted = server.client("ingest").post(
            "/v1/events", content=body, headers={"Content-Type": "application/x-ndjson"}
        )
        assert posted.json()["penalties"] == 2
        deadline = time.monotonic() + 30
        while len(r.processed) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert len(r.processed) == 2 and r.bad_signatures == 0  # the first try failed, the retry got through
        # the backoff after the failure is seconds: wait for the pass that records the retry
        while server.client("ingest").get("/v1/notices/pending").json() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert server.client("ingest").get("/v1/notices/pending").json() == []
    finally:
        server.stop()
        r.close()
