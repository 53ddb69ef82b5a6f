"""Ingestion benchmark: a million messages through the whole pipeline into SQLite.

    .venv/bin/python bench/ingest_bench.py --messages 1000000 --users 100000 --groups 10000

Generates a JSON Lines feed of real messages from the demo corpus (varied so that few
repeat exactly; 1% violating; 0.1% of users flooding) — not timed. Then, in the same run,
times ``Engine.ingest_lines`` on fresh SQLite files twice: with every detector but the
classifier, and with the classifier too (the default policy). Each reports messages per
second and the process's peak resident memory growth. Then it times ``permit`` in process.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

import msgspec

sys.path.insert(0, str(Path(__file__).parent))
from chatcredit import Engine, default_policy
from chatcredit.store import SqliteStore
from corpus import feed_lines


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def ingest(tmp: Path, feed: Path, classifier: bool) -> Engine:
    policy = default_policy()
    policy = msgspec.structs.replace(policy, classifier=msgspec.structs.replace(policy.classifier, enabled=classifier))
    engine = Engine(SqliteStore(tmp / f"bench-{classifier}.db"), policy)
    engine.detection.rules()  # build the detectors before the clock starts
    before = peak_rss_mib()
    started = time.perf_counter()
    with open(feed, "rb") as handle:
        report = engine.ingest_lines(handle, source="bench")
    elapsed = time.perf_counter() - started
    size = (tmp / f"bench-{classifier}.db").stat().st_size / 2**20
    label = "all detectors + classifier (default policy)" if classifier else "all detectors, classifier off"
    print(
        f"ingest, {label}: {report.accepted:,} messages in {elapsed:.1f} s = {report.accepted / elapsed:,.0f} msg/s; "
        f"penalties {report.penalties:,}, reviews {report.reviews:,}; peak RSS {peak_rss_mib():.0f} MiB "
        f"(+{peak_rss_mib() - before:.0f}); database {size:.0f} MiB",
        flush=True,
    )
    return engine


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=1_000_000)
    parser.add_argument("--users", type=int, default=100_000)
    parser.add_argument("--groups", type=int, default=10_000)
    parser.add_argument("--permit-calls", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp_dir:
        tmp = Path(tmp_dir)
        feed = tmp / "feed.jsonl"
        with open(feed, "w", encoding="utf-8") as out:
            for line in feed_lines(args.messages, args.users, args.groups):
                out.write(line + "\n")
        ingest(tmp, feed, classifier=False).close()
        engine = ingest(tmp, feed, classifier=True)
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
            f"({elapsed / len(calls) * 1e6:.2f} µs/call)",
            flush=True,
        )
        engine.close()


if __name__ == "__main__":
    main()
