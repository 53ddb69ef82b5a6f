"""Heavy posters cost what light ones cost: 20,000 messages from 3 users beside the
same 20,000 spread over 2,000 users, in the same run.

    .venv/bin/python bench/heavy_bench.py

Both feeds carry the same texts, 10% of them violating (so the heavy users collect
thousands of penalties each: the case where a fold over the whole history per penalty
made ingestion cubic). Each feed is ingested into a fresh SQLite file with the default
policy; the ratio heavy / spread is the number to watch (target: at most 2).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from chatcredit import Engine, default_policy
from chatcredit.store import SqliteStore
from corpus import feed_lines


def ingest(tmp: Path, name: str, lines: list[str]) -> tuple[float, int]:
    engine = Engine(SqliteStore(tmp / f"{name}.db"), default_policy())
    engine.detection.warm()
    started = time.perf_counter()
    report = engine.ingest_lines([line.encode() for line in lines], source="bench")
    elapsed = time.perf_counter() - started
    engine.close()
    return elapsed, report.penalties


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=20_000)
    parser.add_argument("--heavy-users", type=int, default=3)
    parser.add_argument("--spread-users", type=int, default=2_000)
    args = parser.parse_args()
    heavy = list(feed_lines(args.messages, args.heavy_users, 10, seed=7, bad_share=0.1))
    spread = list(feed_lines(args.messages, args.spread_users, 10, seed=7, bad_share=0.1))
    with tempfile.TemporaryDirectory() as tmp_dir:
        tmp = Path(tmp_dir)
        t_spread, p_spread = ingest(tmp, "spread", spread)
        t_heavy, p_heavy = ingest(tmp, "heavy", heavy)
    n = f"{args.messages:,} messages"
    print(f"spread: {n} from {args.spread_users:,} users in {t_spread:.2f} s ({p_spread:,} penalties)")
    print(f"heavy:  {n} from {args.heavy_users} users in {t_heavy:.2f} s ({p_heavy:,} penalties)")
    print(f"heavy / spread = {t_heavy / t_spread:.2f}")


if __name__ == "__main__":
    main()
