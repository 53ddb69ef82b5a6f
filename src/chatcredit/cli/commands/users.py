"""A user's standing, explanation, permit, ledger and notices."""

from __future__ import annotations

import click

from chatcredit import views
from chatcredit.cli import terminal
from chatcredit.cli.base import EXIT_DENIED, at_option, emit_json, engine_of, json_option, main, out, parse_when
from chatcredit.domain.permits import ACTIONS


@main.command()
@click.argument("user")
@at_option
@json_option
@click.pass_context
def standing(ctx: click.Context, user: str, at: str | None, as_json: bool) -> None:
    """A user's score, tier and key factors."""
    engine = engine_of(ctx)
    when = parse_when(at, engine.now())
    engine.check_known(user)
    view = views.standing_view(engine.standing(user, when))
    emit_json(view) if as_json else terminal.print_standing(out, view)


@main.command()
@click.argument("user")
@at_option
@json_option
@click.pass_context
def explain(ctx: click.Context, user: str, at: str | None, as_json: bool) -> None:
    """Why a user has the score they have: every entry, what it counts now, open reviews."""
    engine = engine_of(ctx)
    when = parse_when(at, engine.now())
    engine.check_known(user)
    view = views.explain_view(engine.explain(user, when))
    if as_json:
        emit_json(view)
        return
    terminal.print_standing(out, view["standing"])
    terminal.print_entries(out, view["entries"], "ledger entries and what they count now")
    for s in view["sanctions"]:
        until = s["end"] or "a moderator's decision"
        out.print(f"sanction {s['id']}: {s['kind']} ({s['status']}) until {until}; lifted by: {s['lifted_by_what']}")
    for item in view["listings"]:
        out.print(f"blacklist {item['id']}: {item['status']} until {item['expires']}; {item['lifted_by_what']}")
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
@click.option("--group", default=None, help="The group concerned (posting, manage_group, grow_group).")
@click.option("--size", type=click.IntRange(0), default=None, help="Group size asked for (create_group, grow_group).")
@click.option("--audience", type=click.IntRange(0), default=None, help="Followers to reach (broadcast).")
@at_option
@click.option("--exit-status", is_flag=True, help="Exit with status 3 when denied (for scripts, like grep -q).")
@json_option
@click.pass_context
def permit(
    ctx: click.Context,
    user: str,
    action: str,
    group: str | None,
    size: int | None,
    audience: int | None,
    at: str | None,
    exit_status: bool,
    as_json: bool,
) -> None:
    """May USER do ACTION? Allowed or denied, with the reasons, the limit and what is
    used of it, the identity level needed, and the sanction or listing that denies it."""
    engine = engine_of(ctx)
    view = views.permit_view(engine.permit(user, action, group, parse_when(at, engine.now()), size, audience))
    emit_json(view) if as_json else terminal.print_permit(out, view)
    if exit_status and not view["allowed"]:
        ctx.exit(EXIT_DENIED)


@main.command()
@click.argument("user")
@at_option
@json_option
@click.pass_context
def ledger(ctx: click.Context, user: str, at: str | None, as_json: bool) -> None:
    """A user's ledger entries, oldest first."""
    engine = engine_of(ctx)
    when = parse_when(at, engine.now())
    engine.check_known(user)
    entries = [views.entry_view(e) for e in engine.ledger(user, when)]
    emit_json(entries) if as_json else terminal.print_entries(out, entries)
