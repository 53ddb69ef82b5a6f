"""The database itself: copy a deployment between backends."""

from __future__ import annotations

import time

import click
from rich.progress import Progress, TaskID

from chatcredit.cli.base import emit_json, err, json_option, main, out
from chatcredit.errors import ChatcreditError
from chatcredit.store import open_store, redacted, store_exists
from chatcredit.store.transfer import Copyable, copy_deployment


@main.group("db")
def database() -> None:
    """The database: copy a deployment from one backend to another."""


@database.command("copy")
@click.option("--from", "source", required=True, metavar="URL", help="Where the deployment is: a SQLite file or URL.")
@click.option("--to", "target", required=True, metavar="URL", help="An empty (or new) database to copy it into.")
@json_option
def copy(source: str, target: str, as_json: bool) -> None:
    """Copy every table (events, ledger, notices, review items, keys, …) into an empty
    database, in one transaction: an interrupted copy leaves the target empty.

    The journal is not copied (it belongs to the processes of one database). Run
    `chatcredit rebuild` on the target to derive the standings there; they equal the
    source's. Example: chatcredit db copy --from sqlite:chatcredit.db --to
    postgresql://chatcredit@db.internal/chatcredit"""
    if source == target:
        raise ChatcreditError("--from and --to name the same database")
    if not store_exists(source):
        raise ChatcreditError(f"no database at {redacted(source)}")
    started = time.perf_counter()
    src, dst = open_store(source), open_store(target)
    if not (isinstance(src, Copyable) and isinstance(dst, Copyable)):
        raise ChatcreditError("db copy moves between SQLite and PostgreSQL databases")
    try:
        with Progress(console=err, disable=as_json) as progress:
            tasks: dict[str, TaskID] = {}

            def shown(table: str, rows: int) -> None:
                if table not in tasks:
                    tasks[table] = progress.add_task(f"copying {table}", total=None)
                progress.update(tasks[table], completed=rows)

            copied = copy_deployment(src, dst, shown)
    finally:
        src.close()
        dst.close()
    elapsed = time.perf_counter() - started
    if as_json:
        emit_json({"tables": copied, "rows": sum(copied.values()), "seconds": round(elapsed, 3)})
        return
    out.print(f"copied {sum(copied.values()):,} rows from {redacted(source)} to {redacted(target)} in {elapsed:.1f} s")
    for table, rows in copied.items():
        out.print(f"  {table:<20} {rows:>12,}")
