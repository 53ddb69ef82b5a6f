"""What the classifier costs: ingestion with it and without it, side by side in one run.

    .venv/bin/python bench/classifier_bench.py --ingest 100000

Ingests the same realistic feed (bench/corpus.py: real message texts varied with names,
numbers and emoji, about 5% exact repeats within a batch) into fresh SQLite files three
times: no rules and no classifier, the default rules without the classifier, and the
default policy (rules and classifier). It prints messages per second and the slowdowns,
and the classifier's own cost per distinct text (a batch of 20,000, and batches of 20 as
a small delivery has). Run it in an older checkout too to compare the ratios
(``--tree``), since only ratios measured in one run on one machine compare.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

parser = argparse.ArgumentParser()
parser.add_argument("--ingest", type=int, default=100_000)
parser.add_argument("--tree", default=str(Path(__file__).resolve().parents[1]), help="checkout whose src/ to use")
args = parser.parse_args()
sys.path.insert(0, str(Path(args.tree) / "src"))
sys.path.insert(0, str(Path(__file__).parent))

import msgspec  # noqa: E402

from chatcredit import default_policy  # noqa: E402
from chatcredit.ml.classifier import TextClassifier  # noqa: E402
from chatcredit.policy.model import Policy  # noqa: E402
from corpus import feed_lines  # noqa: E402
from rules_bench import time_ingest as ingest  # noqa: E402


def policy(rules: bool, classifier: bool) -> Policy:
    p = default_policy()
    return msgspec.structs.replace(
        p,
        rules=p.rules if rules else [],
        classifier=msgspec.structs.replace(p.classifier, enabled=classifier),
    )


def per_text(texts: list[str], batch: int) -> float:
    model = TextClassifier.load()
    model.predict(texts[:50])
    started = time.perf_counter()
    for i in range(0, len(texts), batch):
        model.predict(texts[i : i + batch])
    return (time.perf_counter() - started) / len(texts) * 1e6


def main() -> None:
    lines = list(feed_lines(args.ingest, users=20_000, groups=2_000, seed=9))
    texts = list(dict.fromkeys(msgspec.json.decode(line)["text"] for line in lines[:40_000]))[:20_000]
    print(f"tree {args.tree}: {len(lines):,} messages; {len(texts):,} distinct texts for the per-text cost")
    print(f"  classifier: {per_text(texts, len(texts)):.0f} µs a distinct text in one batch, ", end="")
    print(f"{per_text(texts[:2000], 20):.0f} µs in batches of 20", flush=True)
    with tempfile.TemporaryDirectory() as tmp_dir:
        tmp = Path(tmp_dir)
        bare = ingest(policy(False, False), lines, tmp, "bare")
        rules = ingest(policy(True, False), lines, tmp, "rules")
        full = ingest(policy(True, True), lines, tmp, "full")
    print(f"  no rules, no classifier: {bare:,.0f} msg/s")
    print(f"  default rules:           {rules:,.0f} msg/s")
    print(f"  default rules + classifier: {full:,.0f} msg/s")
    print(f"  slowdown: x{bare / full:.2f} against nothing, x{rules / full:.2f} the classifier alone")


if __name__ == "__main__":
    main()
