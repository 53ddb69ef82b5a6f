"""Ingestion side by side with an earlier commit, in one run, on the same feed.

    .venv/bin/python bench/ingest_compare.py --against 922cd3f --messages 300000 --users 100000

Checks the earlier commit out into a temporary git worktree and times, alternately, the
earlier tree and this one (``--rounds`` each) on one generated feed with the classifier
off, each in a fresh process and a fresh SQLite file. Ratios measured this way are what
bench/README.md reports; absolute rates move by ±20% on this shared machine.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ONE_RUN = """
import sys, time
sys.path.insert(0, sys.argv[1] + "/src")
from pathlib import Path
import msgspec
from chatcredit import Engine, default_policy
from chatcredit.store import SqliteStore
policy = default_policy()
policy = msgspec.structs.replace(policy, classifier=msgspec.structs.replace(policy.classifier, enabled=False))
engine = Engine(SqliteStore(Path(sys.argv[3])), policy)
engine.detection.rules()
lines = open(sys.argv[2], "rb").readlines()
started = time.perf_counter()
report = engine.ingest_lines(lines)
print(report.accepted / (time.perf_counter() - started), report.penalties, report.reviews)
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--against", required=True, help="the earlier commit")
    parser.add_argument("--messages", type=int, default=300_000)
    parser.add_argument("--users", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "bench"))
    from corpus import feed_lines

    with tempfile.TemporaryDirectory() as tmp_dir:
        tmp = Path(tmp_dir)
        feed = tmp / "feed.jsonl"
        feed.write_text("".join(line + "\n" for line in feed_lines(args.messages, args.users, 1000)))
        old = tmp / "old"
        git = ["git", "-C", str(ROOT), "worktree"]
        subprocess.run([*git, "add", "-q", "--detach", str(old), args.against], check=True)
        try:
            rates: dict[str, list[float]] = {"earlier": [], "this": []}
            for n in range(args.rounds):
                for label, tree in (("earlier", old), ("this", ROOT)):
                    db = tmp / f"{label}-{n}.db"
                    out = subprocess.run(
                        [sys.executable, "-c", ONE_RUN, str(tree), str(feed), str(db)],
                        check=True,
                        capture_output=True,
                        text=True,
                    ).stdout.split()
                    rates[label].append(float(out[0]))
                    print(f"{label:8} round {n + 1}: {float(out[0]):,.0f} msg/s ({out[1]} penalties, {out[2]} reviews)")
        finally:
            subprocess.run([*git, "remove", "--force", str(old)], check=True)
    best = {k: max(v) for k, v in rates.items()}
    print(f"best of {args.rounds}: this / earlier = {best['this'] / best['earlier']:.2f}")


if __name__ == "__main__":
    main()
