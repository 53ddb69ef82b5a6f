"""``chatcredit demo``: a small realistic world built from real messages, end to end.

The world (users, groups, messages, floods, reports) is generated from a seed by pure
functions; ``run_demo`` writes it as JSON Lines, ingests it with a progress bar and prints
a summary.
"""

from __future__ import annotations

import csv
import io
import json
import random
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn
from rich.table import Table

from chatcredit import open_engine, views
from chatcredit.cli import terminal
from chatcredit.domain.timestamps import to_iso_ms
from chatcredit.service.engine import Engine

DAY = 86_400.0
SPAN_DAYS = 180
PERSONAS = (("regular", 0.72), ("spammer", 0.08), ("abusive", 0.08), ("flooder", 0.04), ("mixed", 0.08))


@dataclass(frozen=True, slots=True)
class Corpus:
    clean: list[str]
    spam: list[str]
    abusive: list[str]


def load_corpus() -> Corpus:
    text = resources.files("chatcredit").joinpath("data/demo_messages.tsv").read_text("utf-8")
    clean, spam, abusive = [], [], []
    for row in csv.DictReader(io.StringIO(text), delimiter="\t"):
        label = row["label"]
        if label in ("ham", "neither"):
            clean.append(row["text"])
        elif label == "spam":
            spam.append(row["text"])
        else:
            abusive.append(row["text"])
    return Corpus(clean, spam, abusive)


def _iso(ts: float) -> str:
    return to_iso_ms(ts)


def generate_world(corpus: Corpus, n_users: int, n_messages: int, seed: int, end: float) -> list[dict[str, Any]]:
    """Events for a world of ``n_users`` in a few groups over the ``SPAN_DAYS`` before ``end``."""
    rng = random.Random(seed)
    start = end - SPAN_DAYS * DAY
    users = [f"u{i:04d}" for i in range(1, n_users + 1)]
    personas = {u: rng.choices([p for p, _ in PERSONAS], [w for _, w in PERSONAS])[0] for u in users}
    n_groups = max(3, n_users // 40)
    groups = [f"g{i:02d}" for i in range(1, n_groups + 1)]
    events: list[dict[str, Any]] = []
    owners = [u for u in users if personas[u] == "regular"][:n_groups]
    for g, owner in zip(groups, owners, strict=False):
        events.append(
            {
                "type": "group_created",
                "id": f"gc-{g}",
                "ts": _iso(start),
                "user": owner,
                "group": g,
                "name": f"Group {g}",
            }
        )
    membership: dict[str, list[str]] = {}
    for u in users:
        membership[u] = rng.sample(groups, k=min(len(groups), rng.randint(1, 3)))
        for g in membership[u]:
            events.append(
                {
                    "type": "member_joined",
                    "id": f"j-{u}-{g}",
                    "ts": _iso(start + rng.random() * DAY),
                    "user": u,
                    "group": g,
                }
            )
        if rng.random() < 0.3:
            level = "phone" if rng.random() < 0.3 else "email"
            events.append(
                {
                    "type": "identity_verified",
                    "id": f"iv-{u}",
                    "user": u,
                    "level": level,
                    "ts": _iso(start + rng.random() * DAY),
                    "provider_ref": f"demo-{u}",
                }
            )
    spam, abusive = set(corpus.spam), set(corpus.abusive)
    weights = [rng.paretovariate(1.5) for _ in users]
    for n, u in enumerate(rng.choices(users, weights, k=n_messages)):
        ts = start + DAY + rng.random() * (SPAN_DAYS - 1) * DAY
        text = _pick_text(rng, personas[u], corpus)
        events.append(
            {
                "type": "message",
                "id": f"m{n:06d}",
                "ts": _iso(ts),
                "user": u,
                "group": rng.choice(membership[u]),
                "text": text,
            }
        )
        if (text in spam or text in abusive) and rng.random() < 0.25:
            category = "spam" if text in spam else "harassment"
            reporter = rng.choice(users)
            events.append(
                {
                    "type": "report",
                    "id": f"rep-m{n:06d}",
                    "ts": _iso(ts + 300),
                    "user": reporter,
                    "target_user": u,
                    "message": f"m{n:06d}",
                    "category": category,
                    "group": membership[u][0],
                }
            )
    for u in (u for u in users if personas[u] == "flooder"):
        for burst in range(rng.randint(1, 3)):
            t0 = start + DAY + rng.random() * (SPAN_DAYS - 2) * DAY
            for k in range(15):
                events.append(
                    {
                        "type": "message",
                        "id": f"fl-{u}-{burst}-{k}",
                        "ts": _iso(t0 + k * 0.5),
                        "user": u,
                        "group": membership[u][0],
                        "text": rng.choice(corpus.clean),
                    }
                )
    events.sort(key=lambda e: e["ts"])
    return events


def _pick_text(rng: random.Random, persona: str, corpus: Corpus) -> str:
    bad = {
        "spammer": (0.6, corpus.spam),
        "abusive": (0.5, corpus.abusive),
        "mixed": (0.1, corpus.spam + corpus.abusive),
    }.get(persona)
    if bad and rng.random() < bad[0]:
        return rng.choice(bad[1])
    return rng.choice(corpus.clean)


BROKEN = (
    '{"type": "message", "id": "broken-1", "ts": "yesterday", "user": "u0001"}',
    '{"type": "sticker", "id": "broken-2", "ts": "2026-01-01T00:00:00Z"}',
    '{"type": "message", "id": "broken-3", "ts": "2026-01-01T00:00:00Z", "user": "u1"',
)


def world_lines(events: list[dict[str, Any]]) -> Iterator[str]:
    """The world as JSON Lines, with three broken records such as real feeds contain."""
    at = {len(events) // 10: BROKEN[0], len(events) // 2: BROKEN[1], len(events) * 9 // 10: BROKEN[2]}
    for n, event in enumerate(events):
        yield json.dumps(event, ensure_ascii=False)
        if n in at:
            yield at[n]


def run_demo(
    db: Path,
    policy: str | None,
    n_users: int,
    n_messages: int,
    seed: int,
    out: Console,
    err: Console,
    as_json: bool,
) -> None:
    started = time.perf_counter()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    events = generate_world(load_corpus(), n_users, n_messages, seed, time.time())
    feed = db.with_suffix(".jsonl")
    feed.write_text("\n".join(world_lines(events)) + "\n", "utf-8")
    engine = open_engine(db, policy)
    try:
        with Progress(
            TextColumn("[bold]ingesting {task.description}"),
            BarColumn(),
            DownloadColumn(),
            console=err,
            disable=as_json,
        ) as progress:
            task = progress.add_task(feed.name, total=feed.stat().st_size)
            with open(feed, "rb") as handle:
                report = engine.ingest_lines(
                    handle,
                    source=feed.name,
                    on_progress=lambda done, _n: progress.update(task, completed=done),
                )
        engine.rebuild()
        summary = summarize(engine, report.accepted, report.duplicates, report.quarantined)
    finally:
        engine.close()
    summary["seconds"] = round(time.perf_counter() - started, 2)
    summary["database"] = str(db)
    summary["events_file"] = str(feed)
    if as_json:
        out.print_json(data=summary)
    else:
        print_summary(out, summary)


def summarize(engine: Engine, accepted: int, duplicates: int, quarantined: int) -> dict[str, Any]:
    standings = list(engine.standings())
    by_tier = Counter(s.tier for s in standings)
    lowest = sorted(standings, key=lambda s: (s.score, s.user))[:5]
    categories: Counter[str] = Counter()
    for s in standings:
        entries = engine.ledger(s.user)
        reversed_ids = {e.reverses for e in entries if e.reverses}
        categories.update(e.category for e in entries if e.kind == "penalty" and e.id not in reversed_ids)
    example = engine.explain(lowest[0].user) if lowest else None
    return {
        "events": {"accepted": accepted, "duplicates": duplicates, "quarantined": quarantined},
        "violations_by_category": dict(categories.most_common()),
        "tiers": {t.name: by_tier.get(t.name, 0) for t in engine.policy.tiers},
        "lowest": [views.standing_view(s) for s in lowest],
        "open_reviews": len(engine.review_queue(100_000)),
        "example": views.explain_view(example) if example else None,
    }


def print_summary(out: Console, summary: dict[str, Any]) -> None:
    ev = summary["events"]
    out.rule("[bold]chatcredit demo")
    out.print(
        f"events: {ev['accepted']} accepted, {ev['duplicates']} duplicates, "
        f"{ev['quarantined']} quarantined (see `chatcredit --db {summary['database']} quarantine`)"
    )
    table = Table(title="violations by category")
    table.add_column("category")
    table.add_column("penalties", justify="right")
    for cat, n in summary["violations_by_category"].items():
        table.add_row(cat, str(n))
    out.print(table)
    total = sum(summary["tiers"].values()) or 1
    tiers = Table(title="users by tier")
    for col in ("tier", "users", "share"):
        tiers.add_column(col)
    for tier, n in summary["tiers"].items():
        bar = "█" * round(40 * n / total)
        tiers.add_row(terminal.tier_text(tier), str(n), f"{bar} {100 * n / total:.0f}%")
    out.print(tiers)
    low = Table(title="five lowest standings")
    for col in ("user", "score", "tier", "key factors"):
        low.add_column(col)
    for s in summary["lowest"]:
        factors = ", ".join(f"{r['code']} ({r['points']})" for r in s["reasons"])
        low.add_row(s["user"], str(s["score"]), terminal.tier_text(s["tier"]), factors)
    out.print(low)
    out.print(
        f"open items in the human review queue (reports, classifier middle band, raids): {summary['open_reviews']}"
    )
    if summary["example"]:
        example = summary["example"]
        out.rule(f"worked example: chatcredit explain {example['standing']['user']}")
        terminal.print_standing(out, example["standing"])
        terminal.print_entries(out, example["entries"][:12], "ledger entries (first 12)")
    out.print(f"done in {summary['seconds']} s · database {summary['database']} · events {summary['events_file']}")
