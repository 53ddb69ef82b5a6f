"""Records benchmark: the archive at millions of messages, retention purges, and what the
audit chain costs ingestion.

    .venv/bin/python bench/records_bench.py --archive 5000000 --ingest 200000

1. Archive: ``--archive`` messages (real texts from the demo corpus, varied) spread over
   a year, written through the one writer in batches of 20,000 with the audit chain on
   (each batch one audit record naming every event with the hash of its payload), into
   one SQLite file: messages per second. Then a retention run that purges the oldest
   month (everything past ``max_days``) and one that purges the next five months
   (``--before``): seconds and messages per second; then ``audit verify`` over it all.
2. Ingestion, side by side in one run: the same ``--ingest`` messages through the whole
   pipeline (every detector, the classifier off) into fresh files with the audit chain
   off and on, ``--runs`` times each, alternated with the order swapped every run; the
   median and range of each and their ratio.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import msgspec
from rich.progress import Progress

sys.path.insert(0, str(Path(__file__).parent))
from chatcredit import Engine, default_policy
from chatcredit.domain.effects import Effects
from chatcredit.domain.records import EventRow
from chatcredit.domain.standing import DAY
from chatcredit.policy.model import Policy
from chatcredit.store import SqliteStore
from chatcredit.store.base import Store
from corpus import feed_lines, variations

BATCH = 20_000


def policy(audit: bool, classifier: bool = False) -> Policy:
    p = default_policy()
    p = msgspec.structs.replace(p, classifier=msgspec.structs.replace(p.classifier, enabled=classifier))
    return msgspec.structs.replace(p, audit=msgspec.structs.replace(p.audit, enabled=audit))


def write(engine: Engine, rows: list[EventRow]) -> None:
    def decide(store: Store) -> tuple[Effects, None]:
        return Effects(events=rows), None

    engine.writer.write(decide)


def archive(tmp: Path, n: int, now: float) -> Engine:
    engine = Engine(SqliteStore(tmp / "archive.db"), policy(audit=True), clock=lambda: now)
    rng = random.Random(5)
    start = now - 395 * DAY  # a year and a month: the oldest month is past max_days (365)
    step = 395 * DAY / n
    texts = variations(rng, n)
    written = 0
    started = time.perf_counter()
    with Progress(transient=True) as progress:
        task = progress.add_task("archive", total=n)
        while written < n:
            rows = []
            for i in range(written, min(n, written + BATCH)):
                ts = start + i * step
                event = {
                    "type": "message",
                    "id": f"m{i}",
                    "ts": ts,
                    "user": f"u{i % 100_000}",
                    "group": f"g{i % 10_000}",
                    "text": next(texts),
                }
                rows.append(
                    EventRow(f"m{i}", "message", ts, f"u{i % 100_000}", f"g{i % 10_000}", json.dumps(event).encode())
                )
            write(engine, rows)
            written += len(rows)
            progress.update(task, completed=written)
    elapsed = time.perf_counter() - started
    size = sum(p.stat().st_size for p in tmp.glob("archive.db*")) / 2**20
    print(
        f"archive write: {n:,} messages in {elapsed:.1f} s = {n / elapsed:,.0f} msg/s (audit chain on); "
        f"database {size:,.0f} MiB",
        flush=True,
    )
    return engine


def purge(engine: Engine, label: str, before: float | None = None) -> None:
    started = time.perf_counter()
    report = engine.records.retain(before=before)
    elapsed = time.perf_counter() - started
    rate = report.purged / elapsed if elapsed else 0.0
    print(
        f"retention run, {label}: purged {report.purged:,} in {elapsed:.1f} s = {rate:,.0f} msg/s; "
        f"kept {sum(report.kept.values()):,}, not yet due {report.young:,}",
        flush=True,
    )


def ingest(tmp: Path, feed: Path, audit: bool, run: int) -> float:
    db = tmp / f"ingest-{audit}-{run}.db"
    engine = Engine(SqliteStore(db), policy(audit))
    engine.detection.rules()
    started = time.perf_counter()
    with open(feed, "rb") as handle:
        report = engine.ingest_lines(handle, source="bench")
    elapsed = time.perf_counter() - started
    engine.close()
    db.unlink()
    return report.accepted / elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--archive", type=int, default=5_000_000)
    parser.add_argument("--ingest", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=4)
    parser.add_argument("--skip-archive", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp_dir:
        tmp = Path(tmp_dir)
        if not args.skip_archive:
            now = time.time()
            engine = archive(tmp, args.archive, now)
            purge(engine, "the oldest month (past max_days)")
            purge(engine, "five months more (--before)", before=now - 185 * DAY)
            started = time.perf_counter()
            verdict = engine.records.verify()
            print(
                f"audit verify: {verdict.records:,} records, {verdict.items:,} items, ok={verdict.ok} in "
                f"{time.perf_counter() - started:.1f} s",
                flush=True,
            )
            engine.close()
            (tmp / "archive.db").unlink()
        feed = tmp / "feed.jsonl"
        with open(feed, "w", encoding="utf-8") as out:
            for line in feed_lines(args.ingest, 20_000, 2_000):
                out.write(line + "\n")
        rates: dict[bool, list[float]] = {False: [], True: []}
        for run in range(args.runs):  # alternated, the order swapped each run: neither always goes first
            for audit in (False, True) if run % 2 == 0 else (True, False):
                rates[audit].append(ingest(tmp, feed, audit, run))
        off, on = statistics.median(rates[False]), statistics.median(rates[True])
        spread = {k: f"{min(v):,.0f}-{max(v):,.0f}" for k, v in rates.items()}
        print(
            f"ingest {args.ingest:,} messages, classifier off: audit chain off {off:,.0f} msg/s ({spread[False]}), "
            f"on {on:,.0f} msg/s ({spread[True]}); median of {args.runs} each: on costs {(off / on - 1) * 100:.1f}%",
            flush=True,
        )


if __name__ == "__main__":
    main()
