"""Maintenance and the demo: rebuild, rescan, demo."""

from __future__ import annotations

import time
from pathlib import Path

import click
from rich.progress import Progress

from chatcredit import views
from chatcredit.cli.base import emit_json, engine_of, err, json_option, main, out, parse_when


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
