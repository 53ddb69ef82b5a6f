"""The data commands: ingest, query, correct, maintain, demo."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import click
from rich.progress import BarColumn, DownloadColumn, Progress, TaskID, TextColumn, TimeRemainingColumn

from chatcredit import views
from chatcredit.cli import terminal
from chatcredit.cli.base import at_option, emit_json, engine_of, err, json_option, main, out, parse_when
from chatcredit.domain.permits import ACTIONS
from chatcredit.domain.taxonomy import CATEGORIES
from chatcredit.errors import ChatcreditError
from chatcredit.policy import default_policy, load_policy
from chatcredit.vocabulary import SEVERITIES


@main.command()
@click.pass_context
def init(ctx: click.Context) -> None:
    """Create (or migrate) the database."""
    engine = engine_of(ctx)
    out.print(f"database ready: {ctx.obj['db']} (policy {engine.policy.version})")


def _advance(progress: Progress, task: TaskID, done: int, _lines: int) -> None:
    progress.update(task, completed=done)


def _read_lines(path: str) -> Iterator[bytes]:
    if path == "-":
        yield from sys.stdin.buffer
        return
    with open(path, "rb") as handle:
        yield from handle


@main.command()
@click.argument("files", nargs=-1, required=True)
@click.option("--batch-size", default=20_000, show_default=True, help="Events per transaction.")
@json_option
@click.pass_context
def ingest(ctx: click.Context, files: tuple[str, ...], batch_size: int, as_json: bool) -> None:
    """Ingest JSON Lines event files ('-' reads stdin)."""
    engine = engine_of(ctx)
    total = views.ingest_view(engine.ingest_events([]))
    for path in files:
        if path != "-" and not Path(path).is_file():
            raise ChatcreditError(f"no such file: {path}")
        size = Path(path).stat().st_size if path != "-" else None
        with Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            DownloadColumn(),
            TimeRemainingColumn(),
            console=err,
            disable=as_json,
            transient=False,
        ) as progress:
            task = progress.add_task(path, total=size)
            report = engine.ingest_lines(
                _read_lines(path),
                source=path,
                batch_size=batch_size,
                on_progress=partial(_advance, progress, task),
            )
        for key, value in views.ingest_view(report).items():
            total[key] += value
        for r in report.rejected[:20]:
            if not as_json:
                err.print(f"[yellow]quarantined[/] {path}:{r.line}: {r.field or '-'}: {r.reason}", highlight=False)
    if as_json:
        emit_json(total)
    else:
        out.print(
            f"accepted {total['accepted']}, duplicates skipped {total['duplicates']}, "
            f"quarantined {total['quarantined']}; signals {total['signals']}, "
            f"penalties {total['penalties']}, for review {total['reviews']}"
        )


@main.command()
@click.argument("user")
@at_option
@json_option
@click.pass_context
def standing(ctx: click.Context, user: str, at: str | None, as_json: bool) -> None:
    """A user's score, tier and key factors."""
    engine = engine_of(ctx)
    view = views.standing_view(engine.standing(user, parse_when(at, engine.now())))
    emit_json(view) if as_json else terminal.print_standing(out, view)


@main.command()
@click.argument("user")
@at_option
@json_option
@click.pass_context
def explain(ctx: click.Context, user: str, at: str | None, as_json: bool) -> None:
    """Why a user has the score they have: every entry, what it counts now, open reviews."""
    engine = engine_of(ctx)
    view = views.explain_view(engine.explain(user, parse_when(at, engine.now())))
    if as_json:
        emit_json(view)
        return
    terminal.print_standing(out, view["standing"])
    terminal.print_entries(out, view["entries"], "ledger entries and what they count now")
    if view["open_reviews"]:
        terminal.print_rows(
            out,
            "open reviews",
            view["open_reviews"],
            ["id", "ts", "detector", "category", "reporter", "event_id"],
        )


@main.command()
@click.argument("user")
@click.argument("action", type=click.Choice(ACTIONS))
@click.option("--group", default=None, help="The group concerned (for manage_group).")
@at_option
@json_option
@click.pass_context
def permit(ctx: click.Context, user: str, action: str, group: str | None, at: str | None, as_json: bool) -> None:
    """May USER do ACTION? Allowed or denied, with the reasons and the threshold."""
    engine = engine_of(ctx)
    view = views.permit_view(engine.permit(user, action, group, parse_when(at, engine.now())))
    emit_json(view) if as_json else terminal.print_permit(out, view)


@main.command()
@click.argument("user")
@at_option
@json_option
@click.pass_context
def ledger(ctx: click.Context, user: str, at: str | None, as_json: bool) -> None:
    """A user's ledger entries, oldest first."""
    engine = engine_of(ctx)
    entries = [views.entry_view(e) for e in engine.ledger(user, parse_when(at, engine.now()))]
    emit_json(entries) if as_json else terminal.print_entries(out, entries)


@main.command()
@click.argument("user")
@json_option
@click.pass_context
def notices(ctx: click.Context, user: str, as_json: bool) -> None:
    """The statements of reasons sent to a user."""
    items = [views.notice_view(n) for n in engine_of(ctx).notices(user)]
    emit_json(items) if as_json else terminal.print_notices(out, items)


@main.command()
@click.argument("entry_id")
@click.option("--by", required=True, help="The moderator making the correction.")
@click.option("--reason", required=True, help="Why the entry is reversed (shown to the user).")
@json_option
@click.pass_context
def reverse(ctx: click.Context, entry_id: str, by: str, reason: str, as_json: bool) -> None:
    """Reverse a ledger entry: the standing becomes as if it never happened."""
    entry, notice = engine_of(ctx).reverse(entry_id, by, reason)
    if as_json:
        emit_json({"entry": views.entry_view(entry), "notice": views.notice_view(notice)})
    else:
        out.print(f"reversed {entry_id} with {entry.id}: score {notice.score_before} -> {notice.score_after}")


@main.command(context_settings={"ignore_unknown_options": True})
@click.argument("user")
@click.argument("points", type=int)
@click.option("--by", required=True, help="The moderator deciding.")
@click.option("--category", required=True, type=click.Choice(sorted(CATEGORIES)))
@click.option("--reason", required=True, help="The statement of reasons (shown to the user).")
@click.option(
    "--severity",
    default="medium",
    show_default=True,
    type=click.Choice(SEVERITIES),
    help="Sets the decay half-life of a negative adjustment.",
)
@json_option
@click.pass_context
def adjust(
    ctx: click.Context,
    user: str,
    points: int,
    by: str,
    category: str,
    reason: str,
    severity: str,
    as_json: bool,
) -> None:
    """Record a moderator's manual decision: POINTS < 0 penalises, > 0 credits."""
    entry, notice = engine_of(ctx).adjust(user, points, category, by, reason, severity)
    if as_json:
        emit_json({"entry": views.entry_view(entry), "notice": views.notice_view(notice)})
    else:
        out.print(f"recorded {entry.id}: score {notice.score_before} -> {notice.score_after}")


@main.command()
@click.option("--limit", default=1000, show_default=True)
@json_option
@click.pass_context
def quarantine(ctx: click.Context, limit: int, as_json: bool) -> None:
    """Input records that were rejected, with the line and the reason."""
    rows = [views.quarantine_view(q) for q in engine_of(ctx).quarantine(limit)]
    if as_json:
        emit_json(rows)
    else:
        terminal.print_rows(out, "quarantine", rows, ["source", "line", "field", "reason", "raw"])


@main.command()
@click.option("--limit", default=1000, show_default=True)
@json_option
@click.pass_context
def review(ctx: click.Context, limit: int, as_json: bool) -> None:
    """The open review queue (user reports, low-confidence signals)."""
    rows = [views.review_view(r) for r in engine_of(ctx).review_queue(limit)]
    if as_json:
        emit_json(rows)
    else:
        terminal.print_rows(
            out, "review queue", rows, ["id", "ts", "user", "detector", "category", "reporter", "event_id"]
        )


@main.command()
@json_option
@click.pass_context
def rebuild(ctx: click.Context, as_json: bool) -> None:
    """Drop the cached standings and fold every ledger again."""
    engine = engine_of(ctx)
    started = time.perf_counter()
    with Progress(console=err, disable=as_json) as progress:
        task = progress.add_task("rebuilding standings", total=None)
        count = engine.rebuild(lambda done, total: progress.update(task, completed=done, total=total))
    elapsed = time.perf_counter() - started
    if as_json:
        emit_json({"users": count, "seconds": round(elapsed, 3)})
    else:
        out.print(f"rebuilt {count} standings in {elapsed:.2f} s")


@main.command()
@click.option("--since", default=None, metavar="TIME", help="Only messages from TIME on.")
@json_option
@click.pass_context
def rescan(ctx: click.Context, since: str | None, as_json: bool) -> None:
    """Run the detectors again over archived messages (after changing rules).

    Evidence already decided, including penalties a moderator reversed, is never
    penalised again."""
    engine = engine_of(ctx)
    report = engine.rescan(parse_when(since, engine.now()))
    view = views.ingest_view(report)
    if as_json:
        emit_json(view)
    else:
        out.print(f"signals {view['signals']}, new penalties {view['penalties']}, for review {view['reviews']}")


@main.command()
@json_option
@click.pass_context
def rules(ctx: click.Context, as_json: bool) -> None:
    """The policy's rules: mode, version, whether on trial or braked, shadow hits."""
    rows = [views.rule_view(r) for r in engine_of(ctx).detection.rules()]
    if as_json:
        emit_json(rows)
        return
    terminal.print_rows(
        out,
        "rules",
        rows,
        ["rule_id", "category", "severity", "mode", "changed_at", "on_trial", "braked", "shadow_hits"],
    )
    for row in rows:
        if row["braked"]:
            err.print(f"[red]braked[/] {row['rule_id']}: {row['brake_reason']}", highlight=False)


@main.command()
@json_option
def taxonomy(as_json: bool) -> None:
    """The fixed categories of conduct, with their DSA transparency-database names."""
    rows = [{"code": c.code, "dsa_category": c.dsa_category, "title": c.title} for c in CATEGORIES.values()]
    if as_json:
        emit_json(rows)
    else:
        terminal.print_rows(out, "taxonomy", rows, ["code", "dsa_category", "title"])


@main.group()
def policy() -> None:
    """Show or check policy files."""


@policy.command("show")
@json_option
@click.pass_context
def policy_show(ctx: click.Context, as_json: bool) -> None:
    """Print the policy in force (its TOML text and version)."""
    path = ctx.find_root().obj["policy"]
    chosen = load_policy(path) if path else default_policy()
    if as_json:
        emit_json({"source": chosen.source, "version": chosen.version, "text": chosen.text})
    else:
        sys.stdout.write(f"# source: {chosen.source}\n# version: {chosen.version}\n{chosen.text}")


@policy.command("check")
@click.argument("file", type=click.Path(dir_okay=False))
def policy_check(file: str) -> None:
    """Validate a policy file; errors name the file, line and key."""
    checked = load_policy(file)
    out.print(f"{file}: ok ({len(checked.rules)} rules, {len(checked.tiers)} tiers, version {checked.version})")


@main.command()
@click.option(
    "--db",
    "demo_db",
    default="chatcredit-demo.db",
    show_default=True,
    help="The demo's own database file; it is recreated on every run.",
)
@click.option("--users", default=400, show_default=True)
@click.option("--messages", default=8000, show_default=True)
@click.option("--seed", default=7, show_default=True)
@json_option
@click.pass_context
def demo(ctx: click.Context, demo_db: str, users: int, messages: int, seed: int, as_json: bool) -> None:
    """Build a small realistic world from real messages, ingest it and summarise it."""
    from chatcredit.cli.demo import run_demo

    run_demo(Path(demo_db), ctx.find_root().obj["policy"], users, messages, seed, out, err, as_json)
