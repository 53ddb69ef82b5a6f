"""More than one process on one SQLite file: a running `chatcredit serve` ingesting over
HTTP while the CLI ingests, adjusts and reverses beside it. Real processes, a real file."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from api_server import Server, start_server
from chatcredit import open_engine
from chatcredit.testing import T0, message
from databases import on_postgres

SPAM = "Y0U HAVE W0N a guaranteed prize, call now"
CLI = str(Path(sys.executable).parent / "chatcredit")
pytestmark = pytest.mark.slow


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    s = start_server(tmp_path)
    yield s
    assert s.stop()


def cli(server: Server, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([CLI, "--db", str(server.db), *args], capture_output=True, text=True, timeout=300)


def http_feed(n: int, prefix: str) -> list[dict[str, object]]:
    """Messages from 200 users, every 50th of them spam."""
    return [message(f"{prefix}{i}", f"h{i % 200}", SPAM if i % 50 == 0 else f"hello {i}", ts=T0 + i) for i in range(n)]


def test_serve_and_the_cli_write_side_by_side_without_losing_anything(server: Server, tmp_path: Path) -> None:
    # a file the CLI ingests while the server ingests over HTTP: 30,000 events, some of
    # them also sent over HTTP (the same events delivered twice, to both processes)
    cli_events = [
        message(f"c{i}", f"c{i % 300}", SPAM if i % 40 == 0 else f"morning {i}", ts=T0 + i) for i in range(30_000)
    ]
    overlap = cli_events[:2_000:4]
    feed = tmp_path / "cli.jsonl"
    feed.write_text("".join(json.dumps(e) + "\n" for e in cli_events))
    seed = server.client().post("/v1/events", json=[message("v0", "victim", SPAM, ts=T0)]).json()
    assert seed["penalties"] == 1
    [entry] = server.client().get("/v1/users/victim/ledger").json()

    failures: list[str] = []
    answered: list[int] = []

    def post_batches() -> None:
        c = httpx.Client(base_url=server.url, headers={"Authorization": f"Bearer {server.tokens['all']}"}, timeout=120)
        for b in range(20):
            batch = http_feed(500, f"b{b}-") + (overlap[b * 25 : (b + 1) * 25] if b < 20 else [])
            r = c.post("/v1/events", json=batch)
            if r.status_code != 200:
                failures.append(f"batch {b}: {r.status_code} {r.text[:200]}")
            else:
                answered.append(r.json()["accepted"] + r.json()["duplicates"])
        c.close()

    sender = threading.Thread(target=post_batches)
    sender.start()
    ingest = subprocess.Popen(
        [CLI, "--db", str(server.db), "ingest", str(feed), "--json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    moderator = [
        cli(server, "adjust", "victim", "-50", "--category", "harassment", "--by", "mod-ana", "--reason", "insults"),
        cli(server, "reverse", entry["id"], "--by", "mod-ana", "--reason", "false positive"),
        cli(server, "adjust", "h7", "-30", "--category", "spam", "--by", "mod-bo", "--reason", "ads in DMs"),
    ]
    _, err = ingest.communicate(timeout=600)
    sender.join(timeout=600)
    assert not failures, failures
    assert ingest.returncode == 0, err.decode()[-2000:]
    assert all(m.returncode == 0 for m in moderator), [m.stderr for m in moderator]
    assert "Traceback" not in err.decode() and answered == [525] * 20

    # nothing lost, nothing processed twice
    engine = open_engine(server.db)
    try:
        assert engine.reads.events.count() == 1 + 30_000 + 20 * 500
        for user in ("victim", "h7", "c0", "h0"):
            entries = engine.ledger(user)
            assert [e.seq for e in entries] == list(range(1, len(entries) + 1))
            keys = [e.evidence_key for e in entries if e.evidence_key]
            assert len(keys) == len(set(keys))
        # the server sees the CLI's corrections within a second
        deadline = time.monotonic() + 1.5
        for user in ("victim", "h7", "c0"):
            expected = engine.standing(user)
            while True:
                got = server.client().get(f"/v1/users/{user}/standing").json()
                if got["score"] == expected.score or time.monotonic() > deadline:
                    break
                time.sleep(0.05)
            assert got["score"] == expected.score and got["tier"] == expected.tier, user
        permit = server.client().get("/v1/permit", params={"user": "victim", "action": "send_message"}).json()
        assert permit["score"] == engine.standing("victim").score
        explain = server.client().get("/v1/users/victim/explain").json()
        assert [e["reversed"] for e in explain["entries"]] == [True, False, False]
    finally:
        engine.close()


def _hold_write_lock(db: str, user: str) -> Any:
    """Another process's open write transaction that holds ``user``: returns its connection."""
    if on_postgres():
        import psycopg

        pg = psycopg.connect(db)
        pg.execute("INSERT INTO subject_locks VALUES (%s) ON CONFLICT (user_id) DO UPDATE SET writes = 0", (user,))
        return pg
    import sqlite3

    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    return holder


def test_a_cli_holding_the_write_lock_does_not_stop_the_servers_permits(server: Server) -> None:
    """While another process holds the write lock (SQLite's, or on PostgreSQL the
    subject's row), the server's batch waits for it (it does not fail) and its permits
    keep answering from memory."""
    server.client().post("/v1/events", json=[message("w0", "u-lock", "hello", ts=T0)])
    holder = _hold_write_lock(server.db, "u-lock")
    result: dict[str, httpx.Response] = {}

    def post() -> None:
        c = httpx.Client(base_url=server.url, headers={"Authorization": f"Bearer {server.tokens['all']}"}, timeout=60)
        result["r"] = c.post("/v1/events", json=[message("w1", "u-lock", "hello again", ts=T0 + 1)])
        c.close()

    sender = threading.Thread(target=post)
    sender.start()
    started = time.monotonic()
    permits = 0
    while time.monotonic() - started < 6.0:  # longer than SQLite's busy timeout
        r = server.client().get("/v1/permit", params={"user": "u-lock", "action": "send_message"})
        assert r.status_code == 200
        permits += 1
    assert "r" not in result  # the batch is still waiting for the lock, not failed
    holder.commit()
    holder.close()
    sender.join(timeout=60)
    assert result["r"].status_code == 200 and result["r"].json()["accepted"] == 1
    assert permits > 100  # permits kept answering all along (hundreds a second in practice)


def test_slow_header_clients_are_cut_off_and_permits_keep_answering(tmp_path: Path) -> None:
    """A client that trickles its headers is disconnected after header_timeout_seconds;
    meanwhile, with a hundred such clients connected, permits answer as usual."""
    import socket

    server = start_server(tmp_path, header_timeout_seconds="0.5")
    try:
        slow = []
        for _ in range(100):
            s = socket.create_connection(("127.0.0.1", server.port))
            s.sendall(b"GET /v1/permit?user=u&action=post_link HTTP/1.1\r\nHost: x\r\n")  # never finished
            slow.append(s)
        for _ in range(20):
            r = server.client().get("/v1/permit", params={"user": "u", "action": "post_link"})
            assert r.status_code == 200
        time.sleep(1.0)
        closed = 0
        for s in slow:
            s.settimeout(2.0)
            try:
                closed += s.recv(1) == b""
            except TimeoutError:  # still open: the server did not cut it off
                pass
            except ConnectionResetError:
                closed += 1
            s.close()
        assert closed == 100
    finally:
        assert server.stop()


def test_a_running_server_reloads_its_policy_on_sighup_and_on_request(tmp_path: Path) -> None:
    import signal

    from chatcredit.policy.load import default_policy_text

    policy = tmp_path / "policy.toml"
    policy.write_text(default_policy_text())
    server = start_server(tmp_path, policy=str(policy))
    try:
        read = server.client("read")
        first = read.get("/v1/policy").json()["version"]
        policy.write_text(default_policy_text().replace("initial = 500", "initial = 450", 1))
        server.process.send_signal(signal.SIGHUP)
        deadline = time.monotonic() + 20
        while read.get("/v1/policy").json()["version"] == first and time.monotonic() < deadline:
            time.sleep(0.1)
        second = read.get("/v1/policy").json()["version"]
        assert second != first
        server.client().post("/v1/events", json=[message("p1", "newcomer", "hello")])
        standing = server.client().get("/v1/users/newcomer/standing").json()
        assert standing["score"] == 450 + standing["tenure_credit"]  # the new initial score, in both processes
        policy.write_text(default_policy_text().replace('category = "threat"', 'category = "politics"', 1))
        refused = server.client("admin").post("/v1/policy/reload")
        assert refused.status_code == 422 and "politic" in refused.text
        assert read.get("/v1/policy").json()["version"] == second  # a broken file changes nothing
        policy.write_text(default_policy_text())
        assert server.client("admin").post("/v1/policy/reload").json()["version"] == first
    finally:
        assert server.stop()


def test_a_writer_process_that_dies_is_replaced(server: Server) -> None:
    """If the writer process is killed (out of memory, an operator), the next write is
    answered 503 'send it again' and a new writer takes over; nothing hangs."""
    import os
    import signal

    children = subprocess.run(["pgrep", "-P", str(server.process.pid)], capture_output=True, text=True).stdout.split()
    writers = [int(pid) for pid in children if "spawn_main" in Path(f"/proc/{pid}/cmdline").read_text()]
    assert writers, children
    for pid in writers:
        os.kill(pid, signal.SIGKILL)
    c = server.client()
    first = c.post("/v1/events", json=[message("k1", "u-kill", "hello")])
    assert first.status_code == 503 and first.json()["type"].endswith("busy")
    again = c.post("/v1/events", json=[message("k1", "u-kill", "hello")])
    assert again.status_code == 200 and again.json()["accepted"] == 1
