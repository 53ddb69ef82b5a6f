"""Moderators' corrections: reverse and adjust."""

from __future__ import annotations

import click

from chatcredit import views
from chatcredit.cli.base import emit_json, engine_of, json_option, main, out
from chatcredit.domain.taxonomy import CATEGORIES
from chatcredit.vocabulary import SEVERITIES


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
