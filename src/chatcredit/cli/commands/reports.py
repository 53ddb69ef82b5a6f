"""Published numbers: the transparency report and the statement-of-reasons export."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import click
import msgspec

from chatcredit.cli.base import engine_of, main, out, parse_when
from chatcredit.dueprocess.publication import as_html, as_rows, as_view
from chatcredit.service.reports import Reports


def _reports(ctx: click.Context) -> Reports:
    engine = engine_of(ctx)
    return Reports(engine.reads, engine.policy, engine.casework.automated)


def _period(ctx: click.Context, since: str, until: str) -> tuple[float, float]:
    now = engine_of(ctx).now()
    start, end = parse_when(since, now), parse_when(until, now)
    start, end = (now if start is None else start), (now if end is None else end)
    if end <= start:
        raise click.BadParameter("the period's end (--to) must come after its start (--from)")
    return start, end


def _write(text: str, path: str | None) -> None:
    if path:
        Path(path).write_text(text, "utf-8")
        out.print(f"written {path}")
    else:
        click.echo(text, nl=False)


@main.group(invoke_without_command=True)
@click.option("--from", "since", default=None, help="Start of the period (inclusive).")
@click.option("--to", "until", default=None, help="End of the period (exclusive).")
@click.option("--format", "fmt", type=click.Choice(["json", "csv", "html"]), default="json", show_default=True)
@click.option("--out", "path", default=None, help="Write to this file (default: standard output).")
@click.pass_context
def report(ctx: click.Context, since: str | None, until: str | None, fmt: str, path: str | None) -> None:
    """The transparency report for a period (`report sor` exports statements of reasons)."""
    if ctx.invoked_subcommand is not None:
        return
    if since is None or until is None:
        raise click.UsageError("--from and --to are required")
    numbers = _reports(ctx).transparency(*_period(ctx, since, until))
    if fmt == "json":
        _write(msgspec.json.format(msgspec.json.encode(as_view(numbers)), indent=2).decode() + "\n", path)
    elif fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["section", "key", "value"])
        writer.writerows(as_rows(numbers))
        _write(buffer.getvalue(), path)
    else:
        _write(as_html(numbers), path)


@report.command("sor")
@click.option("--from", "since", required=True, help="Start of the period (inclusive).")
@click.option("--to", "until", required=True, help="End of the period (exclusive).")
@click.option("--out", "path", required=True, help="The JSON Lines file to write.")
@click.pass_context
def report_sor(ctx: click.Context, since: str, until: str, path: str) -> None:
    """Statements of reasons as JSON Lines in the EU transparency database's format, each
    record checked against its fields and enumerations before it is written."""
    records = list(_reports(ctx).statements(*_period(ctx, since, until)))
    encoder = msgspec.json.Encoder()
    with open(path, "wb") as handle:
        for record in records:
            handle.write(encoder.encode(record) + b"\n")
    out.print(f"{len(records)} statements of reasons written to {path}")
