"""Ingestion benchmark: synthetic messages through the whole pipeline into SQLite.

    .venv/bin/python bench/ingest_bench.py --messages 1000000 --users 100000 --groups 10000

Generates a JSON Lines feed (not timed), then times ``Engine.ingest_lines`` on a fresh
SQLite file: parse, rules, flood, decide, ledger, notices, archive, standings. Reports
messages per second and the process's peak resident memory. Then times ``permit`` in
process over users with and without penalties.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

from chatcredit import open_engine

CLEAN = [
    "hey everyone, how is it going",
    "see you at the station at 5pm ok?",
    "does anyone know when the next release is out",
    "thanks, that fixed it for me",
    "lol that is hilarious",
    "I'll be a bit late today, start without me",
    "can someone share the notes from yesterday",
    "good morning from Lisbon",
    "the build is green again",
    "what time is the meeting tomorrow",
]
BAD = [
    "Y0U HAVE W0N a guaranteed prize, call now",
    "free money!!! send me your bank details",
    "you are an idiot",
    "txt WIN to 80082 now, 150p/msg",
]


def generate(path: Path, messages: int, users: int, groups: int, seed: int) -> None:
    rng = random.Random(seed)
    start = time.time() - 30 * 86_400
    step = 30 * 86_400 / messages
    flooders = {f"u{i}" for i in rng.sample(range(users), max(1, users // 1000))}
    with open(path, "w", encoding="utf-8") as out:
        n = 0
        while n < messages:
            user = f"u{rng.randrange(users)}"
            group = f"g{rng.randrange(groups)}"
            burst = 15 if user in flooders else 1
            for _ in range(burst):
                text = rng.choice(BAD) if rng.random() < 0.01 else rng.choice(CLEAN)
                ts = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(start + n * step))
                out.write(
                    json.dumps(
                        {
                            "type": "message",
                            "id": f"m{n}",
                            "ts": f"{ts}.{n % 1000:03d}Z",
                            "user": user,
                            "group": group,
                            "text": text,
                        }
                    )
                    + "\n"
                )
                n += 1


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=1_000_000)
    parser.add_argument("--users", type=int, default=100_000)
    parser.add_argument("--groups", type=int, default=10_000)
    parser.add_argument("--permit-calls", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        feed = Path(tmp) / "feed.jsonl"
        generate(feed, args.messages, args.users, args.groups, args.seed)
        rss_before = peak_rss_mib()
        engine = open_engine(Path(tmp) / "bench.db")
        started = time.perf_counter()
        with open(feed, "rb") as handle:
            report = engine.ingest_lines(handle, source="bench")
        elapsed = time.perf_counter() - started
        db_mib = (Path(tmp) / "bench.db").stat().st_size / 2**20
        print(
            f"ingest: {report.accepted:,} messages in {elapsed:.1f} s = "
            f"{report.accepted / elapsed:,.0f} msg/s; penalties {report.penalties:,}; "
            f"peak RSS {peak_rss_mib():.0f} MiB (before ingest {rss_before:.0f} MiB); "
            f"database {db_mib:.0f} MiB"
        )
        users = [f"u{i}" for i in range(args.users)]
        for u in users[:10_000]:
            engine.permit(u, "post_link")  # warm the snapshot cache
        actions = ["send_message", "post_link", "post_media", "create_group"]
        calls = [(users[i % 10_000], actions[i % 4]) for i in range(args.permit_calls)]
        permit = engine.permit
        started = time.perf_counter()
        for user, action in calls:
            permit(user, action)
        elapsed = time.perf_counter() - started
        print(
            f"permit: {len(calls):,} calls in {elapsed:.2f} s = {len(calls) / elapsed:,.0f} calls/s "
            f"({elapsed / len(calls) * 1e6:.2f} µs/call)"
        )
        engine.close()
    sys.stdout.flush()


if __name__ == "__main__":
    main()
