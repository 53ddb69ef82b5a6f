"""Ingest and inspect what came in: init, ingest, quarantine."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import click
from rich.markup import escape
from rich.progress import BarColumn, DownloadColumn, Progress, TaskID, TextColumn, TimeRemainingColumn

from chatcredit import views
from chatcredit.cli import terminal
from chatcredit.cli.base import EXIT_QUARANTINED, emit_json, engine_of, err, json_option, main, out, settings_of
from chatcredit.errors import ChatcreditError


@main.command()
@click.pass_context
def init(ctx: click.Context) -> None:
    """Create (or migrate) the database."""
    engine = engine_of(ctx, create=True)
    out.print(f"database ready: {settings_of(ctx).db} (policy {engine.policy.version})")


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
@click.option("--strict", is_flag=True, help="Exit with status 4 if any record was quarantined.")
@json_option
@click.pass_context
def ingest(ctx: click.Context, files: tuple[str, ...], batch_size: int, strict: bool, as_json: bool) -> None:
    """Ingest JSON Lines event files ('-' reads stdin). Rejected records are kept in the
    quarantine with their line and reason; the rest goes through."""
    engine = engine_of(ctx, create=True)
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
                where = escape(f"{path}:{r.line}: {r.field or '-'}: {r.reason}")
                err.print(f"[yellow]quarantined[/] {where}", highlight=False)
    if as_json:
        emit_json(total)
    else:
        out.print(
            f"accepted {total['accepted']}, duplicates skipped {total['duplicates']}, "
            f"quarantined {total['quarantined']}; signals {total['signals']}, "
            f"penalties {total['penalties']}, for review {total['reviews']}"
        )
    if strict and total["quarantined"]:
        ctx.exit(EXIT_QUARANTINED)


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
