"""Rule matching at scale: 1,000 and 10,000 patterns over a million messages.

    .venv/bin/python bench/rules_bench.py --messages 1000000 --ingest 200000

For each rule set (the default policy's rules, then 1,000 and 10,000 synthetic rules of
which 70% are keyword phrases and 30% regular expressions), it reports:

* the matcher alone (normalisation + keyword automaton + pattern database + confirmation)
  over the same messages: messages per second;
* ingestion of the same feed through the whole pipeline into a fresh SQLite file with
  that rule set, against ingestion with no rules at all, in the same run: the slowdown.

The classifier is disabled in the ingestion runs so that the ratio isolates the rules.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

import msgspec

sys.path.insert(0, str(Path(__file__).parent))
from chatcredit import Engine, default_policy
from chatcredit.detectors.rules import RuleMatcher
from chatcredit.policy.model import Policy, Rule
from chatcredit.store import SqliteStore
from corpus import feed_lines, variations

SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "ta", "vo", "zi", "pe", "su", "da", "fo", "gu", "hi", "jo", "xe"]


def pseudo_word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))


def synthetic_rules(n: int, seed: int = 3) -> list[Rule]:
    rng = random.Random(seed)
    rules = []
    for i in range(n):
        if i % 10 < 7:
            keywords = [" ".join(pseudo_word(rng) for _ in range(rng.randint(1, 3))) for _ in range(2)]
            rules.append(Rule(id=f"kw-{i}", category="spam", severity="low", keywords=keywords))
        else:
            a, b = pseudo_word(rng), pseudo_word(rng)
            rules.append(
                Rule(id=f"re-{i}", category="spam", severity="low", patterns=[rf"\b{a}\w*\s+(?:{b}|{b[::-1]})\d*\b"])
            )
    return rules


def with_rules(rules: list[Rule], classifier: bool = False) -> Policy:
    p = default_policy()
    return msgspec.structs.replace(p, rules=rules, classifier=msgspec.structs.replace(p.classifier, enabled=classifier))


def time_matcher(rules: list[Rule], messages: list[str]) -> tuple[float, float, int, str]:
    started = time.perf_counter()
    matcher = RuleMatcher(rules)
    build = time.perf_counter() - started
    hits = 0
    started = time.perf_counter()
    for text in messages:
        if matcher.match(text):
            hits += 1
    return len(messages) / (time.perf_counter() - started), build, hits, matcher.patterns.engine


def time_ingest(policy: Policy, lines: list[str], tmp: Path, name: str) -> float:
    engine = Engine(SqliteStore(tmp / f"{name}.db"), policy)
    engine.detection.rules()  # build detectors (compiles the rules) outside the timing
    started = time.perf_counter()
    report = engine.ingest_lines(lines, source=name)
    elapsed = time.perf_counter() - started
    engine.close()
    assert report.accepted == len(lines)
    return len(lines) / elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=1_000_000)
    parser.add_argument("--ingest", type=int, default=200_000)
    args = parser.parse_args()
    messages = list(variations(random.Random(7), args.messages, bad_share=0.01))
    lines = list(feed_lines(args.ingest, users=20_000, groups=2_000, seed=9))
    sets = {
        "default policy": default_policy().rules,
        "1,000 rules": synthetic_rules(1000),
        "10,000 rules": synthetic_rules(10_000),
    }
    with tempfile.TemporaryDirectory() as tmp_dir:
        tmp = Path(tmp_dir)
        baseline = time_ingest(with_rules([]), lines, tmp, "no-rules")
        print(f"ingestion with no rules: {baseline:,.0f} msg/s ({args.ingest:,} messages)", flush=True)
        for label, rules in sets.items():
            n_kw = sum(len(r.keywords) for r in rules)
            n_re = sum(len(r.patterns) for r in rules)
            rate, build, hits, engine = time_matcher(rules, messages)
            print(
                f"{label} ({n_kw:,} keywords, {n_re:,} patterns, {engine}): matcher {rate:,.0f} msg/s over "
                f"{len(messages):,} messages, {hits:,} with a hit, built in {build:.1f} s",
                flush=True,
            )
            ingest = time_ingest(with_rules(rules), lines, tmp, label.replace(",", "").replace(" ", "-"))
            print(
                f"  ingestion with these rules: {ingest:,.0f} msg/s, slowdown x{baseline / ingest:.2f} "
                f"against no rules",
                flush=True,
            )
        full = time_ingest(with_rules(default_policy().rules, classifier=True), lines, tmp, "classifier")
        print(
            f"ingestion with the default rules and the classifier: {full:,.0f} msg/s, "
            f"x{baseline / full:.2f} against no rules",
            flush=True,
        )


if __name__ == "__main__":
    main()
