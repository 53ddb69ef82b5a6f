"""The ``chatcredit`` command: a thin shell over the Engine.

Each command opens the engine, calls one method and prints the result (``--json`` for
machines). Library errors become a one-line message on stderr and a non-zero exit.
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

import click
import msgspec
from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TaskID, TextColumn, TimeRemainingColumn

from chatcredit import open_engine, terminal, views
from chatcredit.engine import Engine
from chatcredit.errors import ChatcreditError
from chatcredit.permits import ACTIONS
from chatcredit.policy import default_policy, load_policy
from chatcredit.taxonomy import CATEGORIES
from chatcredit.timestamps import parse_iso

F = TypeVar("F", bound=Callable[..., Any])
out = Console()
err = Console(stderr=True)
_RELATIVE = re.compile(r"^([+-])(\d+(?:\.\d+)?)([smhdw])$")
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}


def parse_when(text: str | None, now: float) -> float | None:
    """``None``/``now``, an ISO 8601 time (UTC if no zone) or ``+365d``/``-2h`` from now."""
    if text is None or text == "now":
        return None
    if m := _RELATIVE.match(text):
        sign = 1 if m.group(1) == "+" else -1
        return now + sign * float(m.group(2)) * _UNITS[m.group(3)]
    parsed = parse_iso(text, assume_utc=True)
    if parsed is None:
        raise click.BadParameter(f"{text!r} is not ISO 8601, 'now' or a relative time like +30d")
    return parsed


def emit_json(data: Any) -> None:
    sys.stdout.write(msgspec.json.format(msgspec.json.encode(data)).decode() + "\n")


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ChatcreditError as exc:
            err.print(f"[red]error:[/] {exc}", highlight=False)
            sys.exit(1)


def _engine(ctx: click.Context) -> Engine:
    obj = ctx.ensure_object(dict)
    if "engine" not in obj:
        obj["engine"] = open_engine(obj["db"], obj["policy"])
        ctx.call_on_close(obj["engine"].close)
    engine: Engine = obj["engine"]
    return engine


json_option = click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON.")
at_option = click.option(
    "--at", "at", metavar="TIME", help="Evaluate as of TIME (ISO 8601, 'now', or relative like +365d)."
)


@click.group(cls=_Group)
@click.option(
    "--db",
    envvar="CHATCREDIT_DB",
    default="chatcredit.db",
    show_default=True,
    help="SQLite database file (env CHATCREDIT_DB).",
)
@click.option(
    "--policy",
    envvar="CHATCREDIT_POLICY",
    default=None,
    help="Policy TOML file (env CHATCREDIT_POLICY); default: the packaged policy.",
)
@click.version_option(package_name="chatcredit")
@click.pass_context
def main(ctx: click.Context, db: str, policy: str | None) -> None:
    """chatcredit: explainable credit scores and accountability for group chats."""
    ctx.ensure_object(dict).update(db=db, policy=policy)


@main.command()
@click.pass_context
def init(ctx: click.Context) -> None:
    """Create (or migrate) the database."""
    engine = _engine(ctx)
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
@click.option("--batch-size", default=5000, show_default=True, help="Events per transaction.")
@json_option
@click.pass_context
def ingest(ctx: click.Context, files: tuple[str, ...], batch_size: int, as_json: bool) -> None:
    """Ingest JSON Lines event files ('-' reads stdin)."""
    engine = _engine(ctx)
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
    engine = _engine(ctx)
    view = views.standing_view(engine.standing(user, parse_when(at, engine.now())))
    emit_json(view) if as_json else terminal.print_standing(out, view)


@main.command()
@click.argument("user")
@at_option
@json_option
@click.pass_context
def explain(ctx: click.Context, user: str, at: str | None, as_json: bool) -> None:
    """Why a user has the score they have: every entry, what it counts now, open reviews."""
    engine = _engine(ctx)
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
    engine = _engine(ctx)
    view = views.permit_view(engine.permit(user, action, group, parse_when(at, engine.now())))
    emit_json(view) if as_json else terminal.print_permit(out, view)


@main.command()
@click.argument("user")
@at_option
@json_option
@click.pass_context
def ledger(ctx: click.Context, user: str, at: str | None, as_json: bool) -> None:
    """A user's ledger entries, oldest first."""
    engine = _engine(ctx)
    entries = [views.entry_view(e) for e in engine.ledger(user, parse_when(at, engine.now()))]
    emit_json(entries) if as_json else terminal.print_entries(out, entries)


@main.command()
@click.argument("user")
@json_option
@click.pass_context
def notices(ctx: click.Context, user: str, as_json: bool) -> None:
    """The statements of reasons sent to a user."""
    items = [views.notice_view(n) for n in _engine(ctx).notices(user)]
    emit_json(items) if as_json else terminal.print_notices(out, items)


@main.command()
@click.argument("entry_id")
@click.option("--by", required=True, help="The moderator making the correction.")
@click.option("--reason", required=True, help="Why the entry is reversed (shown to the user).")
@json_option
@click.pass_context
def reverse(ctx: click.Context, entry_id: str, by: str, reason: str, as_json: bool) -> None:
    """Reverse a ledger entry: the standing becomes as if it never happened."""
    entry, notice = _engine(ctx).reverse(entry_id, by, reason)
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
    type=click.Choice(["low", "medium", "high", "critical"]),
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
    entry, notice = _engine(ctx).adjust(user, points, category, by, reason, severity)
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
    rows = [views.quarantine_view(q) for q in _engine(ctx).quarantine(limit)]
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
    rows = [views.review_view(r) for r in _engine(ctx).review_queue(limit)]
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
    engine = _engine(ctx)
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
    engine = _engine(ctx)
    report = engine.rescan(parse_when(since, engine.now()))
    view = views.ingest_view(report)
    if as_json:
        emit_json(view)
    else:
        out.print(f"signals {view['signals']}, new penalties {view['penalties']}, for review {view['reviews']}")


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
@click.option("--host", default=None, help="Listen address (setting host; default 127.0.0.1).")
@click.option("--port", default=None, type=int, help="Listen port (setting port; default 8080).")
@click.option(
    "--config",
    "config_file",
    default=None,
    envvar="CHATCREDIT_CONFIG",
    help="Settings file (TOML); see docs/operations.md.",
)
@click.pass_context
def serve(ctx: click.Context, host: str | None, port: int | None, config_file: str | None) -> None:
    """Run the HTTP API (one worker) on the same database and policy as the CLI."""
    from chatcredit.api.server import run_server
    from chatcredit.config import load_settings

    root = ctx.find_root().obj
    settings = load_settings(
        config_file, overrides={"host": host, "port": port, "db": root["db"], "policy": root["policy"]}
    )
    run_server(settings)


@main.group()
def keys() -> None:
    """Create, list and revoke API keys for the HTTP API."""


@keys.command("create")
@click.argument("name")
@click.option(
    "--scope",
    "scopes",
    multiple=True,
    required=True,
    type=click.Choice(["ingest", "read", "moderate", "admin"]),
    help="Repeat for several scopes.",
)
@json_option
@click.pass_context
def keys_create(ctx: click.Context, name: str, scopes: tuple[str, ...], as_json: bool) -> None:
    """Create a key. The token is printed once and cannot be shown again."""
    record, token = _engine(ctx).create_key(name, scopes)
    if as_json:
        emit_json({"id": record.id, "name": record.name, "scopes": list(record.scopes), "token": token})
    else:
        out.print(f"key {record.id} ({name}: {', '.join(record.scopes)})")
        out.print("token (shown once, store it now):")
        sys.stdout.write(token + "\n")


@keys.command("list")
@json_option
@click.pass_context
def keys_list(ctx: click.Context, as_json: bool) -> None:
    """List keys (never their secrets)."""
    rows = [
        {
            "id": k.id,
            "name": k.name,
            "scopes": " ".join(k.scopes),
            "created": views.iso(k.created),
            "revoked": views.iso(k.revoked),
        }
        for k in _engine(ctx).list_keys()
    ]
    if as_json:
        emit_json(rows)
    else:
        terminal.print_rows(out, "API keys", rows, ["id", "name", "scopes", "created", "revoked"])


@keys.command("revoke")
@click.argument("key_id")
@click.pass_context
def keys_revoke(ctx: click.Context, key_id: str) -> None:
    """Revoke a key (a running server notices within key_cache_seconds)."""
    _engine(ctx).revoke_key(key_id)
    out.print(f"revoked {key_id}")


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
    from chatcredit.demo import run_demo

    run_demo(Path(demo_db), ctx.find_root().obj["policy"], users, messages, seed, out, err, as_json)
