"""Ingestion on PostgreSQL beside SQLite, with one process and with two, in one run.

    .venv/bin/python bench/store_bench.py --messages 1000000 --users 100000 --groups 10000

Generates the JSON Lines feed of ``ingest_bench.py`` (real messages from the demo corpus,
1% violating, some users flooding) — not timed — and splits it in two by user. Starts a
throwaway PostgreSQL cluster (``tools/postgres.sh``: Debian's server, fsync on,
synchronous_commit off, as SQLite's WAL mode with synchronous=NORMAL) on a loopback
port. Then times ``chatcredit ingest`` processes, the default policy, side by side:

- SQLite, one process, the whole feed;
- PostgreSQL, one process, the whole feed;
- PostgreSQL, two processes at once, half the users each;
- SQLite, two processes at once, half the users each (they take turns at the write lock).

Each line gives wall time, messages per second over the whole feed, and the penalties
decided (the same in every configuration when the feed is split by user).
"""

from __future__ import annotations

import argparse
import json
import socket
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from corpus import feed_lines

ROOT = Path(__file__).resolve().parents[1]
CLI = str(Path(sys.executable).parent / "chatcredit")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def run(label: str, dbs: list[str], feeds: list[Path], total: int) -> None:
    started = time.perf_counter()
    procs = [
        subprocess.Popen([CLI, "--db", db, "ingest", str(feed), "--json"], stdout=subprocess.PIPE, text=True)
        for db, feed in zip(dbs, feeds, strict=True)
    ]
    reports = [json.loads(p.communicate()[0]) for p in procs]
    elapsed = time.perf_counter() - started
    if any(p.returncode for p in procs):
        raise SystemExit(f"{label}: an ingest failed")
    accepted = sum(r["accepted"] for r in reports)
    penalties = sum(r["penalties"] for r in reports)
    print(
        f"{label}: {accepted:,} of {total:,} events in {elapsed:.1f} s = {total / elapsed:,.0f} events/s; "
        f"penalties {penalties:,}",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=1_000_000)
    parser.add_argument("--users", type=int, default=100_000)
    parser.add_argument("--groups", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="chatcredit-store-bench-") as tmp_name:
        tmp = Path(tmp_name)
        feed, halves = tmp / "feed.jsonl", [tmp / "a.jsonl", tmp / "b.jsonl"]
        total = 0
        with open(feed, "w") as whole, open(halves[0], "w") as a, open(halves[1], "w") as b:
            for line in feed_lines(args.messages, args.users, args.groups):
                user = json.loads(line)["user"]
                whole.write(line + "\n")
                (a, b)[zlib.crc32(user.encode()) % 2].write(line + "\n")
                total += 1
        cluster = Path(tempfile.mkdtemp(prefix="chatcredit-bench-pg-"))
        admin = subprocess.run(
            [str(ROOT / "tools/postgres.sh"), "start", str(cluster), str(free_port())],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        try:
            import psycopg

            with psycopg.connect(admin, autocommit=True) as conn:
                for name in ("bench_one", "bench_two"):
                    conn.execute(f"CREATE DATABASE {name}")
            pg = admin.rsplit("/", 1)[0]
            print(f"{total:,} events ({args.users:,} users, {args.groups:,} groups); default policy", flush=True)
            run("SQLite, 1 process", [str(tmp / "one.db")], [feed], total)
            run("PostgreSQL, 1 process", [f"{pg}/bench_one"], [feed], total)
            run("PostgreSQL, 2 processes (split by user)", [f"{pg}/bench_two"] * 2, halves, total)
            run("SQLite, 2 processes (split by user)", [str(tmp / "two.db")] * 2, halves, total)
        finally:
            subprocess.run([str(ROOT / "tools/postgres.sh"), "stop", str(cluster)], check=False)


if __name__ == "__main__":
    main()
