"""Groups and those who run them, sanctions, the blacklist and shared lists."""

from __future__ import annotations

from pathlib import Path

import click

from chatcredit import views
from chatcredit.cli import terminal
from chatcredit.cli.base import at_option, emit_json, engine_of, json_option, main, out, parse_when
from chatcredit.governance import formats

_BY = click.option("--by", required=True, metavar="NAME", help="Who acts (recorded, and named in the notice).")


@main.command()
@click.argument("group_id", metavar="GROUP")
@at_option
@json_option
@click.pass_context
def group(ctx: click.Context, group_id: str, at: str | None, as_json: bool) -> None:
    """A group: owner, admins, members, status, health, recent and unmoderated violations."""
    engine = engine_of(ctx)
    view = views.group_view(engine.oversight.group(group_id, parse_when(at, engine.now())))
    if as_json:
        emit_json(view)
        return
    out.print(f"group {view['group']}: {view['status']}, health {view['health']}/100, {view['members']} members")
    admins, mods = ", ".join(view["admins"]) or "-", ", ".join(view["moderators"]) or "-"
    out.print(f"owner {view['owner'] or '-'}; admins {admins}; moderators {mods}", markup=False)
    if view["sanctions"]:
        terminal.print_rows(out, "sanctions", view["sanctions"], ["id", "kind", "status", "start", "end", "reason"])
    terminal.print_rows(
        out, "unmoderated violations", view["unmoderated"], ["entry_id", "ts", "user", "message", "accountable"]
    )


@main.command()
@at_option
@json_option
@click.pass_context
def groups(ctx: click.Context, at: str | None, as_json: bool) -> None:
    """Every group, least healthy first."""
    engine = engine_of(ctx)
    reports = [views.group_view(r) for r in engine.oversight.groups(parse_when(at, engine.now()))]
    if as_json:
        emit_json(reports)
        return
    rows = [{**r, "unmoderated": len(r["unmoderated"])} for r in reports]
    terminal.print_rows(
        out, "groups", rows, ["group", "health", "status", "owner", "members", "violations", "unmoderated"]
    )


@main.command()
@at_option
@json_option
@click.pass_context
def sweep(ctx: click.Context, at: str | None, as_json: bool) -> None:
    """Judge violations whose moderation deadline has passed (ingestion does it as
    events arrive; this catches quiet groups up to now or TIME)."""
    engine = engine_of(ctx)
    effects = engine.oversight.sweep(parse_when(at, engine.now()))
    summary = {"records": len(effects.records), "penalties": len(effects.entries), "notices": len(effects.notices)}
    emit_json(summary) if as_json else out.print(", ".join(f"{k} {v}" for k, v in summary.items()))


@main.group("blacklist")
def blacklist_group() -> None:
    """The blacklist: listings with their provenance, and lists shared with others."""


def _show(view: dict[str, object], as_json: bool) -> None:
    if as_json:
        emit_json(view)
    else:
        out.print(
            f"{view['id']}: {view['subject']} ({view['subject_kind']}) {view['status']}, {view['category']}, "
            f"source {view['source']}, until {view['expires'] or '-'}: {view['reason']}"
        )


@blacklist_group.command("add")
@click.argument("subject")
@click.option("--category", required=True, help="The conduct category (chatcredit taxonomy).")
@click.option("--reason", required=True, help="Why: stated in the notice.")
@click.option(
    "--days", type=click.FloatRange(0, 36_500, min_open=True), default=None, help="How long (policy default)."
)
@click.option("--kind", type=click.Choice(["user", "account", "domain", "user-glob"]), default="user")
@_BY
@json_option
@click.pass_context
def add(
    ctx: click.Context, subject: str, category: str, reason: str, days: float | None, kind: str, by: str, as_json: bool
) -> None:
    """List SUBJECT now (a moderator's decision, with a notice)."""
    listing = engine_of(ctx).oversight.add_listing(subject, category, reason, by, days, kind)  # type: ignore[arg-type]
    _show(views.listing_view(listing), as_json)


@blacklist_group.command("confirm")
@click.argument("listing_id", metavar="ID")
@_BY
@json_option
@click.pass_context
def confirm(ctx: click.Context, listing_id: str, by: str, as_json: bool) -> None:
    """Confirm a proposed (or disputed) listing: it takes effect."""
    _show(views.listing_view(engine_of(ctx).oversight.confirm(listing_id, by)), as_json)


@blacklist_group.command("lift")
@click.argument("listing_id", metavar="ID")
@click.option("--reason", required=True)
@_BY
@json_option
@click.pass_context
def lift(ctx: click.Context, listing_id: str, reason: str, by: str, as_json: bool) -> None:
    """Lift a listing: the subject may act again (with a notice)."""
    _show(views.listing_view(engine_of(ctx).oversight.lift(listing_id, by, reason)), as_json)


@blacklist_group.command("allow")
@click.argument("subject")
@click.option("--reason", required=True)
@_BY
@click.pass_context
def allow(ctx: click.Context, subject: str, reason: str, by: str) -> None:
    """Allow SUBJECT locally: no imported listing applies to it."""
    engine_of(ctx).oversight.allow(subject, reason, by)
    out.print(f"{subject} allowed: imported listings no longer apply")


@blacklist_group.command("list")
@click.option("--status", multiple=True, help="proposed, active, lifted, expired, disputed, overridden.")
@json_option
@click.pass_context
def list_(ctx: click.Context, status: tuple[str, ...], as_json: bool) -> None:
    """Listings (every status unless --status)."""
    rows = [views.listing_view(x) for x in engine_of(ctx).oversight.listings(status)]
    if as_json:
        emit_json(rows)
    else:
        terminal.print_rows(
            out, "blacklist", rows, ["id", "subject", "status", "category", "source", "expires", "reason"]
        )


@blacklist_group.command("show")
@click.argument("listing_id", metavar="ID")
@json_option
@click.pass_context
def show(ctx: click.Context, listing_id: str, as_json: bool) -> None:
    """One listing in full."""
    _show(views.listing_view(engine_of(ctx).oversight.listing(listing_id)), as_json)


@blacklist_group.command("export")
@click.option("--format", "fmt", type=click.Choice(formats.FORMATS), default="chatcredit", show_default=True)
@click.option("--source", default="local", show_default=True, help="Whose listings: local, or a bank's name.")
@click.option(
    "--out", "target", type=click.Path(dir_okay=False, path_type=Path), default=None, help="File (default: stdout)."
)
@click.pass_context
def export(ctx: click.Context, fmt: str, source: str, target: Path | None) -> None:
    """Write the listings as a shared list (chatcredit JSON, a Matrix policy list, or
    Mastodon's domain block-list CSV)."""
    oversight = engine_of(ctx).oversight
    listings = [x for x in oversight.listings() if x.source == source]
    data = {
        "chatcredit": lambda: oversight.export_list(source),
        "matrix": lambda: formats.export_matrix(listings),
        "mastodon": lambda: formats.export_mastodon(listings),
    }[fmt]()
    if target is None:
        click.echo(data.decode(), nl=False)
    else:
        target.write_bytes(data)
        out.print(f"wrote {len(listings)} listings to {target}")


@blacklist_group.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--source", required=True, help="The bank the list comes from (its name).")
@click.option("--format", "fmt", type=click.Choice(formats.FORMATS), default="chatcredit", show_default=True)
@click.option(
    "--trusted/--review", default=None, help="Whether this bank's entries take effect unreviewed (remembered)."
)
@json_option
@click.pass_context
def import_(ctx: click.Context, file: Path, source: str, fmt: str, trusted: bool | None, as_json: bool) -> None:
    """Apply a shared list from SOURCE: additions, changes and retractions, idempotently;
    entries wait for review unless the bank is trusted; broken entries are reported."""
    report = engine_of(ctx).oversight.import_list(file.read_bytes(), source, fmt, trusted)
    view = {
        "source": report.source,
        "added": report.added,
        "changed": report.changed,
        "retracted": report.retracted,
        "disputed": report.disputed,
        "unchanged": report.unchanged,
        "broken": [{"position": b.position, "reason": b.reason} for b in report.broken],
    }
    if as_json:
        emit_json(view)
        return
    out.print(", ".join(f"{k} {v}" for k, v in view.items() if k not in ("source", "broken")))
    for b in report.broken:
        out.print(f"entry {b.position}: {b.reason}", markup=False)
