"""People's decisions: the review queue, appeals and referrals."""

from __future__ import annotations

from typing import Any

import click

from chatcredit import views
from chatcredit.cli import terminal
from chatcredit.cli.base import emit_json, engine_of, json_option, main, out
from chatcredit.service.casework import QueueRow

QUEUE_COLUMNS = ["id", "priority", "status", "severity", "category", "user", "detector", "reporter", "ts"]


def _row(r: QueueRow) -> dict[str, Any]:
    return {
        **views.review_view(r.item),
        "priority": r.priority,
        "reporter_precision": r.reporter_precision,
        "trusted_flagger": r.trusted_flagger,
    }


@main.group(invoke_without_command=True)
@click.option("--limit", default=100, show_default=True)
@json_option
@click.pass_context
def review(ctx: click.Context, limit: int, as_json: bool) -> None:
    """The review queue, highest priority first (`review list`); show, claim, decide."""
    if ctx.invoked_subcommand is None:
        ctx.invoke(review_list, limit=limit, as_json=as_json)


@review.command("list")
@click.option("--limit", default=100, show_default=True)
@click.option("--status", multiple=True, help="open, in-review, escalated, decided (default: all but decided).")
@click.option("--category", default=None)
@click.option("--detector", default=None)
@click.option("--group", default=None)
@json_option
@click.pass_context
def review_list(
    ctx: click.Context,
    limit: int,
    as_json: bool,
    status: tuple[str, ...] = (),
    category: str | None = None,
    detector: str | None = None,
    group: str | None = None,
) -> None:
    """Waiting items by priority: severity, reporter precision or trusted flagger, confidence, age."""
    casework = engine_of(ctx).casework
    statuses = status or ("open", "in-review", "escalated")
    rows = [_row(r) for r in casework.queue(limit, statuses, category, detector, group)]
    emit_json(rows) if as_json else terminal.print_rows(out, "review queue", rows, QUEUE_COLUMNS)


@review.command("show")
@click.argument("item_id")
@json_option
@click.pass_context
def review_show(ctx: click.Context, item_id: str, as_json: bool) -> None:
    """An item with what a moderator needs: the message in context, the standing, history."""
    engine = engine_of(ctx)
    case = engine.casework.case(item_id)
    item, recent = _row(case.row), [views.entry_view(e) for e in case.recent]
    if as_json:
        context = [views.struct_view(m) for m in case.context]
        standing = views.standing_view(case.standing)
        emit_json({"item": item, "message": case.message, "context": context, "standing": standing, "recent": recent})
        return
    terminal.print_rows(out, "item", [item], QUEUE_COLUMNS)
    out.print(f"message: {case.message!r}")
    for m in case.context:
        out.print(("> " if m.reported else "  ") + f"{m.user}: {m.text}", markup=False)
    out.print(f"standing: {case.standing.score} ({case.standing.tier})")
    terminal.print_entries(out, recent, "recent ledger")


@review.command("claim")
@click.argument("item_id")
@click.option("--by", required=True, help="The moderator taking the item.")
@click.pass_context
def review_claim(ctx: click.Context, item_id: str, by: str) -> None:
    """Take an item (in-review): nobody else decides it meanwhile."""
    item = engine_of(ctx).casework.claim(item_id, by)
    out.print(f"{item.id} claimed by {item.claimed_by}")


@review.command("decide")
@click.argument("item_id")
@click.option("--uphold", "outcome", flag_value="uphold", help="It broke the rules: a penalty a person decided.")
@click.option("--dismiss", "outcome", flag_value="dismiss", help="No violation (counts against the reporter).")
@click.option("--escalate", "outcome", flag_value="escalate", help="To a senior moderator.")
@click.option("--by", required=True, help="The moderator deciding.")
@click.option("--reason", required=True, help="Why (shown to the people it concerns).")
@click.option("--severity", default=None, help="What an upheld item costs (default: the item's severity).")
@json_option
@click.pass_context
def review_decide(
    ctx: click.Context, item_id: str, outcome: str | None, by: str, reason: str, severity: str | None, as_json: bool
) -> None:
    """Decide an item: --uphold, --dismiss or --escalate."""
    if outcome is None:
        raise click.UsageError("say --uphold, --dismiss or --escalate")
    item, effects = engine_of(ctx).casework.decide(item_id, outcome, by, reason, severity)  # type: ignore[arg-type]
    if as_json:
        emit_json({"item": views.review_view(item), "entries": [views.entry_view(e) for e in effects.entries]})
    else:
        out.print(f"{item.id}: {item.outcome} by {item.decided_by}" + (f" -> {item.result}" if item.result else ""))


@main.command()
@click.argument("target")
@click.option("--by", required=True, help="The person appealing (the one the notice concerns).")
@click.option("--statement", required=True, help="What they say.")
@json_option
@click.pass_context
def appeal(ctx: click.Context, target: str, by: str, statement: str, as_json: bool) -> None:
    """Appeal a decision: TARGET is a notice id, or the entry or measure it is about."""
    filed = engine_of(ctx).appeals.file(target, by, statement)
    emit_json(views.struct_view(filed)) if as_json else out.print(f"appeal {filed.id} filed, due {filed.deadline}")


@main.group()
def appeals() -> None:
    """The appeals queue: list, show, decide."""


@appeals.command("list")
@click.option("--status", default=None, help="filed, upheld, overturned, modified (default: all).")
@json_option
@click.pass_context
def appeals_list(ctx: click.Context, status: str | None, as_json: bool) -> None:
    """Appeals, oldest first, with their deadline and whether it is breached."""
    service = engine_of(ctx).appeals
    rows = [{**views.struct_view(a), "breached": service.breached(a)} for a in service.all(status)]
    cols = ["id", "status", "user", "target", "original_actor", "deadline", "breached", "reviewer"]
    emit_json(rows) if as_json else terminal.print_rows(out, "appeals", rows, cols)


@appeals.command("show")
@click.argument("appeal_id")
@click.pass_context
def appeals_show(ctx: click.Context, appeal_id: str) -> None:
    """One appeal, as JSON."""
    service = engine_of(ctx).appeals
    found = service.get(appeal_id)
    emit_json({**views.struct_view(found), "breached": service.breached(found)})


@appeals.command("decide")
@click.argument("appeal_id")
@click.option("--uphold", "outcome", flag_value="uphold", help="The decision stands.")
@click.option("--overturn", "outcome", flag_value="overturn", help="Reverse it and lift what rested on it.")
@click.option("--modify", "points", type=int, default=None, help="Replace the penalty by one of POINTS (< 0).")
@click.option("--by", required=True, help="The reviewer: never who made the original decision.")
@click.option("--reason", required=True, help="Why (shown to the person).")
@json_option
@click.pass_context
def appeals_decide(
    ctx: click.Context, appeal_id: str, outcome: str | None, points: int | None, by: str, reason: str, as_json: bool
) -> None:
    """Decide an appeal: --uphold, --overturn or --modify POINTS."""
    chosen = "modify" if points is not None else outcome
    if chosen is None:
        raise click.UsageError("say --uphold, --overturn or --modify POINTS")
    done = engine_of(ctx).appeals.decide(appeal_id, chosen, by, reason, points)  # type: ignore[arg-type]
    emit_json(views.struct_view(done)) if as_json else out.print(f"appeal {done.id} {done.status} by {done.reviewer}")


@main.group()
def referral() -> None:
    """Referrals of threats to life or safety to an authority: a person's act, recorded."""


@referral.command("add")
@click.option("--case", "case", required=True, help="The case (an event, a review item, a user).")
@click.option("--by", required=True, help="The moderator making the referral.")
@click.option("--authority", required=True, help="To whom.")
@click.option("--reason", required=True, help="The threat to life or safety.")
@click.option("--user", default=None, help="The person concerned, if one.")
@click.pass_context
def referral_add(ctx: click.Context, case: str, by: str, authority: str, reason: str, user: str | None) -> None:
    """Record a referral (DSA Art. 18). Never made by automation."""
    made = engine_of(ctx).casework.refer(case, authority, reason, by, user)
    out.print(f"referral {made.id} recorded")


@referral.command("list")
@json_option
@click.pass_context
def referral_list(ctx: click.Context, as_json: bool) -> None:
    """Recorded referrals."""
    rows = [views.struct_view(r) for r in engine_of(ctx).casework.referrals()]
    emit_json(rows) if as_json else terminal.print_rows(out, "referrals", rows, ["id", "ts", "case", "authority", "by"])
