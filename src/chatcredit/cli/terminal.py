"""Rich rendering of chatcredit's views for people at a terminal."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.panel import Panel
from rich.table import Table

from chatcredit.views import View

TIER_STYLE = {"trusted": "bold green", "standard": "green", "limited": "yellow", "restricted": "bold red"}


def tier_text(tier: str) -> str:
    style = TIER_STYLE.get(tier, "white")
    return f"[{style}]{tier}[/]"


def score_bar(score: int, width: int = 40) -> str:
    filled = round(score / 1000 * width)
    return "█" * filled + "░" * (width - filled)


def print_standing(console: Console, v: View) -> None:
    lines = [
        f"[bold]{v['user']}[/]  score [bold]{v['score']}[/] / 1000  {tier_text(v['tier'])}",
        score_bar(v["score"]),
        f"as of {v['at']}   tenure credit {v['tenure_credit']}   credits {v['credits']}",
    ]
    if v["next_tier"]:
        when = v["next_tier_at"] or "not by decay alone (needs clean activity)"
        lines.append(f"next tier [bold]{v['next_tier']}[/]: {when}")
        days = v.get("clean_days_to_next_tier")
        if days:
            lines.append(f"{days} more clean active days to {v['next_tier']}")
    console.print(Panel("\n".join(lines), title="standing", expand=False))
    if v["reasons"]:
        table = Table(title="key factors (points currently counted)")
        for col in ("code", "points", "category", "count"):
            table.add_column(col)
        for r in v["reasons"]:
            table.add_row(r["code"], str(r["points"]), r["category"] or "", str(r["count"]))
        console.print(table)


def print_entries(console: Console, entries: Sequence[View], title: str = "ledger") -> None:
    table = Table(title=title)
    for col in ("id", "time", "kind", "points", "now", "reason", "category", "actor", "evidence"):
        table.add_column(col, overflow="fold")
    for e in entries:
        now = e.get("points_now")
        note = " (reversed)" if e.get("reversed") else ""
        table.add_row(
            e["id"],
            e["ts"],
            e["kind"] + note,
            str(e["points"]),
            "" if now is None else str(now),
            e["reason_code"],
            e["category"],
            e["actor"],
            (e["evidence_event"] or "") + (f": {e['excerpt'][:60]}" if e["excerpt"] else ""),
        )
    console.print(table)


def print_permit(console: Console, v: View) -> None:
    verdict = "[bold green]allowed[/]" if v["allowed"] else "[bold red]denied[/]"
    extra = ""
    if v["allowance"] is not None:
        extra = f"  allowance {v['allowance']}/{v['limit']} per minute"
    threshold = "" if v["threshold"] is None else f"  (tier threshold: score {v['threshold']})"
    console.print(
        f"{v['user']} {v['action']}: {verdict}  tier {tier_text(v['tier'])} score {v['score']}{extra}{threshold}"
    )
    console.print("reasons: " + ", ".join(v["reasons"]))


def print_notices(console: Console, notices: Sequence[View]) -> None:
    if not notices:
        console.print("no notices")
    for n in notices:
        console.print(Panel(n["text"], title=f"{n['id']} · {n['ts']} · {n['kind']}", expand=False))


def print_rows(console: Console, title: str, rows: Sequence[View], columns: Sequence[str]) -> None:
    table = Table(title=f"{title} ({len(rows)})")
    for col in columns:
        table.add_column(col, overflow="fold")
    for row in rows:
        table.add_row(*("" if row.get(c) is None else str(row.get(c)) for c in columns))
    console.print(table)
