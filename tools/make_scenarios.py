"""Write the detection scenarios in tests/fixtures/ (reproducible; committed).

.venv/bin/python tools/make_scenarios.py
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

from chatcredit.cli.demo import load_corpus
from chatcredit.testing import DAY, T0, event, message

OUT = Path(__file__).resolve().parents[1] / "tests" / "fixtures"
PROMO = "Join my crypto signals channel, 10x guaranteed this week, link in my bio, dm me now"


def history(users: list[str], days: int = 30) -> list[dict[str, Any]]:
    """Older activity, so these users are established accounts."""
    return [
        message(f"h-{u}-{d}", u, "morning all", ts=T0 - d * DAY, group="g-home")
        for u in users
        for d in range(days, 0, -7)
    ]


def raid() -> list[dict[str, Any]]:
    members = [f"m{i}" for i in range(5)]
    events = history(members)
    events += [
        event("member_joined", f"raid-join-{i}", ts=T0 + i * 1.5, user=f"raider{i}", group="g-target")
        for i in range(40)
    ]
    return events


def crosspost() -> list[dict[str, Any]]:
    events = history(["promo"])
    variants = [PROMO, PROMO.upper(), PROMO.replace("10x", "10X!!"), PROMO.replace("now", "now 🚀")]
    events += [message(f"xp{i}", "promo", text, ts=T0 + i * 60, group=f"g{i}") for i, text in enumerate(variants)]
    return events


def campaign() -> list[dict[str, Any]]:
    return [
        message(f"cp{i}", f"fresh{i}", PROMO.replace("week", f"week {'!' * i}"), ts=T0 + i * 40, group="g-target")
        for i in range(8)
    ]


def busy_group() -> list[dict[str, Any]]:
    rng = random.Random(11)
    clean = [t for t in load_corpus().clean if 25 <= len(t) <= 200]
    users = [f"regular{i}" for i in range(40)]
    events = history(users)
    events += [
        event("member_joined", f"busy-join-{i}", ts=T0 + i * 1.5, user=u, group="g-busy") for i, u in enumerate(users)
    ]
    texts = rng.sample(clean, 200)
    events += [
        message(f"busy{i}", rng.choice(users), text, ts=T0 + 60 + i * 3, group="g-busy") for i, text in enumerate(texts)
    ]
    return events


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, make in (("raid", raid), ("crosspost", crosspost), ("campaign", campaign), ("busy_group", busy_group)):
        path = OUT / f"{name}.jsonl"
        path.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in make()), "utf-8")
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
