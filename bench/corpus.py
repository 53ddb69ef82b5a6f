"""Realistic synthetic chat for benchmarks: real messages from the demo corpus, varied."""

from __future__ import annotations

import csv
import io
import json
import random
import time
from collections.abc import Iterator
from importlib import resources

NAMES = ["alex", "sam", "kim", "jo", "lee", "max", "ana", "ravi", "mia", "tom"]


def texts() -> tuple[list[str], list[str]]:
    """(clean, violating) texts from the packaged demo corpus."""
    data = resources.files("chatcredit").joinpath("data/demo_messages.tsv").read_text("utf-8")
    clean: list[str] = []
    bad: list[str] = []
    for row in csv.DictReader(io.StringIO(data), delimiter="\t"):
        (clean if row["label"] in ("ham", "neither") else bad).append(row["text"])
    return clean, bad


def variations(rng: random.Random, n: int, bad_share: float = 0.01) -> Iterator[str]:
    """``n`` message texts. Real chat repeats itself little (5% exact duplicates in the
    #ubuntu IRC logs), so 95% of these get a name, a number or an emoji, leaving about as
    few exact repeats: the per-batch caches of normalised forms and classifier scores get
    no more help here than they would in real chat."""
    clean, bad = texts()
    for _ in range(n):
        text = rng.choice(bad) if rng.random() < bad_share else rng.choice(clean)
        roll = rng.random()
        if roll < 0.3:
            text = f"@{rng.choice(NAMES)} {text}"
        elif roll < 0.85:
            text = f"{text} {rng.randrange(100_000)}"
        elif roll < 0.95:
            text = f"{text} {rng.choice(NAMES)} 😀"
        yield text


def feed_lines(n: int, users: int, groups: int, seed: int = 1, bad_share: float = 0.01) -> Iterator[str]:
    """JSON Lines of ``n`` message events over 30 days, 0.1% of users flooding in bursts."""
    rng = random.Random(seed)
    start = time.time() - 30 * 86_400
    step = 30 * 86_400 / n
    flooders = {rng.randrange(users) for _ in range(max(1, users // 1000))}
    made = 0
    messages = variations(rng, n, bad_share)
    while made < n:
        user = rng.randrange(users)
        group = f"g{rng.randrange(groups)}"
        for _ in range(15 if user in flooders else 1):
            if made >= n:
                break
            ts = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(start + made * step))
            yield json.dumps(
                {
                    "type": "message",
                    "id": f"m{made}",
                    "ts": f"{ts}.{made % 1000:03d}Z",
                    "user": f"u{user}",
                    "group": group,
                    "text": next(messages),
                }
            )
            made += 1
