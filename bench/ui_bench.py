"""Dashboard benchmark: every page's server time on a database of a million messages.

    .venv/bin/python bench/ui_bench.py --messages 1000000 --users 100000 --groups 10000

Ingests the feed of `make bench` (real texts, 1% violating; every detector, the
classifier off) into a fresh SQLite file — not timed — with a few reports, appeals and
a group with an owner so that every page has something to show. Then signs in with a
moderate key and requests each page in process (Starlette's test client: the same app
`serve` runs, without the network), five times; the first request of each page is
reported apart (caches are cold), then the median and the slowest of the rest.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

import msgspec
from starlette.testclient import TestClient

sys.path.insert(0, str(Path(__file__).parent))
from chatcredit import Engine, default_policy
from chatcredit.api.app import create_app
from chatcredit.config import Settings
from chatcredit.store import SqliteStore
from corpus import feed_lines


def build(db: Path, messages: int, users: int, groups: int) -> Engine:
    policy = default_policy()
    policy = msgspec.structs.replace(policy, classifier=msgspec.structs.replace(policy.classifier, enabled=False))
    engine = Engine(SqliteStore(db), policy)
    lines = [
        '{"type": "group_created", "id": "bench-g", "ts": "2026-01-01T00:00:00Z", "user": "u1", "group": "g1"}',
        *feed_lines(messages, users, groups),
    ]
    started = time.perf_counter()
    engine.ingest_lines(lines, source="bench")
    print(
        f"built: {messages:,} messages in {time.perf_counter() - started:.0f} s (not part of the results)", flush=True
    )
    return engine


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=1_000_000)
    parser.add_argument("--users", type=int, default=100_000)
    parser.add_argument("--groups", type=int, default=10_000)
    parser.add_argument("--reuse", default=None, help="A database built by an earlier run (kept there).")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp_dir:
        db = Path(args.reuse or Path(tmp_dir) / "ui.db")
        if db.exists():
            engine = Engine(SqliteStore(db), default_policy())
        else:
            engine = build(db, args.messages, args.users, args.groups)
        penalised: list[str] = []
        for user in engine.reads.ledger.scored_users():
            if any(e.kind == "penalty" for e in engine.ledger(user)):
                penalised.append(user)
                if len(penalised) == 50:
                    break
        heavy = max(penalised, key=lambda u: len(engine.ledger(u)))
        entry = next(e for e in engine.ledger(heavy) if e.kind == "penalty")
        appeal = engine.appeals.file(entry.id, heavy, "that was not me")
        _, token = engine.create_key("bench-moderator", ["read", "moderate"])
        group = f"g{1}"
        engine.close()
        app = create_app(Settings(db=str(db), access_log=False), None)
        with TestClient(app) as client:
            form = client.get("/ui/login").text
            csrf = re.search(r'name="csrf" value="([^"]+)"', form)
            assert csrf is not None
            client.post("/ui/login", data={"csrf": csrf.group(1), "key": token, "next": "/ui/"})
            queue = client.get("/ui/review").text
            item = re.search(r'href="/ui/review/(r-[0-9a-f]+)"', queue)
            pages = {
                "overview": "/ui/",
                "review queue": "/ui/review",
                "review item": f"/ui/review/{item.group(1)}" if item else "/ui/review",
                "appeals": "/ui/appeals",
                "appeal": f"/ui/appeals/{appeal.id}",
                "user (of the first 50 penalised, most entries)": f"/ui/users/{heavy}",
                "groups": "/ui/groups",
                "group": f"/ui/groups/{group}",
                "rules": "/ui/rules",
                "blacklist": "/ui/blacklist",
                "report (30 days)": "/ui/report",
            }
            print("| page | first request | median of 4 more | slowest |\n|---|---|---|---|", flush=True)
            for name, path in pages.items():
                times = []
                for _ in range(5):
                    started = time.perf_counter()
                    response = client.get(path)
                    times.append((time.perf_counter() - started) * 1000)
                    assert response.status_code == 200, (path, response.status_code)
                rest = times[1:]
                print(
                    f"| {name} | {times[0]:.0f} ms | {statistics.median(rest):.0f} ms | {max(rest):.0f} ms |",
                    flush=True,
                )


if __name__ == "__main__":
    main()
