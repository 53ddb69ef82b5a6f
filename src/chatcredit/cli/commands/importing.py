"""Chat exports in: ``chatcredit import --format NAME FILE...``."""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import click
from rich.progress import Progress

from chatcredit import views
from chatcredit.cli.base import emit_json, engine_of, json_option, main, out
from chatcredit.errors import ChatcreditError
from chatcredit.importers import Options, importers
from chatcredit.service.pipeline import BATCH_SIZE, IngestReport

FORMATS = tuple(importers())


@main.command("import")
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True, help="The export's format.")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--timezone", default="UTC", show_default=True, help="Time zone of exports without one (WhatsApp, IRC).")
@click.option("--group", default=None, help="Group id for exports of one chat that carry none.")
@click.option(
    "--prefix",
    "--group-id-prefix",
    "prefix",
    default="",
    help="Put before every id (two platforms' ids never collide).",
)
@click.option("--date", "day", default=None, metavar="YYYY-MM-DD", help="The day of an IRC log (else from its name).")
@click.option("--day-first/--month-first", default=None, help="WhatsApp's date order (default: inferred).")
@click.option("--batch-size", default=BATCH_SIZE, show_default=True, type=click.IntRange(1, 1_000_000))
@json_option
@click.pass_context
def import_(
    ctx: click.Context,
    fmt: str,
    files: tuple[Path, ...],
    timezone: str,
    group: str | None,
    prefix: str,
    day: str | None,
    day_first: bool | None,
    batch_size: int,
    as_json: bool,
) -> None:
    """Import chat exports: their history establishes members' first-seen dates and
    active days (their tenure) and is judged in shadow (unless the policy's
    import.penalise_history is on). A record that cannot be mapped is quarantined with
    its file, position and reason; the rest goes through; importing again adds nothing."""
    try:
        zone = ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ChatcreditError(f"unknown time zone {timezone!r} (an IANA name: Europe/Madrid, UTC)") from None
    try:
        when = date.fromisoformat(day) if day else None
    except ValueError:
        raise ChatcreditError(f"--date {day!r} is not YYYY-MM-DD") from None
    options = Options(timezone=zone, group=group, prefix=prefix, day=when, day_first=day_first)
    importer = importers()[fmt]
    engine = engine_of(ctx, create=True)
    report = IngestReport()
    started = time.perf_counter()
    with Progress(console=out, disable=as_json) as progress:
        total = sum(p.stat().st_size for p in files)
        task = progress.add_task(f"importing {fmt}", total=total)
        done = 0
        for path in files:
            with open(path, "rb", buffering=0) as raw:  # read as it goes: an export of any size

                def shown(position: int, base: int = done) -> None:
                    progress.update(task, completed=base + position)

                stream = io.BufferedReader(_Counted(raw, shown), buffer_size=1 << 20)
                items = importer.read(stream, str(path), options)
                report.add(engine.ingest_items(items, source=str(path), batch_size=batch_size, history=True))
            done += path.stat().st_size
            progress.update(task, completed=done)
    view = {**views.ingest_view(report), "skipped": dict(sorted(options.skipped.items()))}
    view["seconds"] = round(time.perf_counter() - started, 3)
    if as_json:
        emit_json(view)
        return
    out.print(
        f"imported {view['accepted']:,} events from {len(files)} files; duplicates {view['duplicates']:,}, "
        f"quarantined {view['quarantined']:,} (chatcredit quarantine), judged in shadow: {view['signals']:,} signals"
    )
    for what, count in view["skipped"].items():
        out.print(f"  not represented: {what} × {count}", markup=False)


class _Counted(io.RawIOBase):
    """A file that reports how far it has been read (for the progress bar)."""

    def __init__(self, raw: BinaryIO, on_read: Callable[[int], None]) -> None:
        self._raw = raw
        self._on_read = on_read

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return self._raw.seekable()

    def seek(self, offset: int, whence: int = 0) -> int:
        return self._raw.seek(offset, whence)

    def tell(self) -> int:
        return self._raw.tell()

    def readinto(self, buffer: Any) -> int:
        n = self._raw.readinto(buffer)  # type: ignore[attr-defined]
        self._on_read(self._raw.tell())
        return int(n or 0)


@main.group("tenure")
def tenure() -> None:
    """Tenure from the platform's own records, when it has no history to import."""


@tenure.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@json_option
@click.pass_context
def tenure_import(ctx: click.Context, file: Path, as_json: bool) -> None:
    """Seed first-seen times and active days from a CSV: user,first_seen,active_days
    (the days are spread evenly from first_seen to today). Broken rows are reported
    with their line; the rest are taken; importing again adds nothing."""
    from chatcredit.importers.tenure import parse_tenure
    from chatcredit.service.tenure import seed_tenure

    engine = engine_of(ctx, create=True)
    rows, broken = parse_tenure(file.read_bytes(), engine.now())
    days = seed_tenure(engine.writer, rows, engine.now()) if rows else 0
    view = {
        "users": len(rows),
        "active_days": days,
        "broken": [{"line": b.position, "reason": b.reason} for b in broken],
    }
    if as_json:
        emit_json(view)
        return
    out.print(f"tenure for {len(rows):,} users: {days:,} active days recorded")
    for b in broken:
        out.print(f"line {b.position}: {b.reason}", markup=False)
