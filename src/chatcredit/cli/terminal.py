"""Rich rendering of chatcredit's views for people at a terminal."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

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


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    #: ids and times: never wrapped (a wrapped id breaks grep and copy-paste)
    whole: bool = False
    #: dropped first on a narrow terminal (under NARROW columns)
    optional: bool = False


NARROW = 100


def print_table(console: Console, title: str, columns: Sequence[Column], rows: Sequence[Sequence[str]]) -> None:
    """A table for a person at a terminal; piped, plain aligned text, one line a row.
    Cells are text, never markup (they hold what users sent)."""
    if not console.is_terminal:
        _print_plain(console, columns, rows)
        return
    shown = [i for i, c in enumerate(columns) if not (c.optional and console.width < NARROW)]
    table = Table(title=title)
    for i in shown:
        column = columns[i]
        table.add_column(column.name, no_wrap=column.whole, overflow="ellipsis" if column.whole else "fold")
    for row in rows:
        table.add_row(*(Text(row[i]) for i in shown))
    console.print(table)


def _print_plain(console: Console, columns: Sequence[Column], rows: Sequence[Sequence[str]]) -> None:
    cells = [[c.name for c in columns], *([" ".join(cell.split()) for cell in row] for row in rows)]
    widths = [max(len(r[i]) for r in cells) for i in range(len(columns))]
    for r in cells:
        line = "  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)).rstrip()
        console.print(line, markup=False, highlight=False, soft_wrap=True)


ENTRY_COLUMNS = (
    Column("id", whole=True),
    Column("time", whole=True),
    Column("kind"),
    Column("points"),
    Column("now"),
    Column("reason"),
    Column("category", optional=True),
    Column("actor", optional=True),
    Column("evidence", optional=True),
)


def print_entries(console: Console, entries: Sequence[View], title: str = "ledger") -> None:
    rows = []
    for e in entries:
        now = e.get("points_now")
        note = " (reversed)" if e.get("reversed") else ""
        rows.append(
            [
                e["id"],
                e["ts"],
                e["kind"] + note,
                str(e["points"]),
                "" if now is None else str(now),
                e["reason_code"],
                e["category"],
                e["actor"],
                (e["evidence_event"] or "") + (f": {e['excerpt'][:60]}" if e["excerpt"] else ""),
            ]
        )
    print_table(console, title, ENTRY_COLUMNS, rows)


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
    if v.get("current") is not None and v.get("limit") is not None and v["allowance"] is None:
        console.print(f"using {v['current']} of {v['limit']}")
    if v.get("needed_level"):
        console.print(f"needs identity level {v['needed_level']}: {v['how']}")
    elif v.get("how"):
        console.print(v["how"])
    if v.get("measure"):
        console.print(f"measure {v['measure']}" + (f" in force until {v['until']}" if v.get("until") else ""))


def print_notices(console: Console, notices: Sequence[View]) -> None:
    if not notices:
        console.print("no notices")
    for n in notices:
        console.print(Panel(n["text"], title=f"{n['id']} · {n['ts']} · {n['kind']}", expand=False))


#: columns that hold an id or a time (never wrapped) and those dropped first when narrow
_WHOLE = {"id", "ts", "time", "received", "line", "event_id", "rule_id", "user", "subject", "entry_id", "group"}
_OPTIONAL = {"raw", "excerpt", "reporter", "field", "source", "detector"}


def print_rows(console: Console, title: str, rows: Sequence[View], columns: Sequence[str]) -> None:
    spec = [Column(c, whole=c in _WHOLE, optional=c in _OPTIONAL) for c in columns]
    cells = [["" if row.get(c) is None else str(row.get(c)) for c in columns] for row in rows]
    print_table(console, f"{title} ({len(rows)})", spec, cells)
