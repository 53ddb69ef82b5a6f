"""Statements of reasons: a person's notices, the outbox, delivery to the platform."""

from __future__ import annotations

import click
import msgspec
from rich.progress import Progress

from chatcredit import views
from chatcredit.cli import terminal
from chatcredit.cli.base import emit_json, engine_of, err, json_option, main, out
from chatcredit.dueprocess.statement import render
from chatcredit.service.outbox import Outbox


class _UserOrCommand(click.Group):
    """``notices USER`` shows a person's notices; ``notices pending|ack|deliver`` the outbox."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and not args[0].startswith("-") and args[0] not in self.commands:
            args = ["show", *args]
        return super().parse_args(ctx, args)


def _outbox(ctx: click.Context) -> Outbox:
    engine = engine_of(ctx)
    return Outbox(engine.reads, engine.writer, engine.now)


@main.group(cls=_UserOrCommand)
def notices() -> None:
    """Statements of reasons: `notices USER`, and the outbox (pending, ack, deliver)."""


@notices.command("show")
@click.argument("user")
@click.option("--language", default=None, help="Render the texts again in this language of the policy's templates.")
@json_option
@click.pass_context
def notices_show(ctx: click.Context, user: str, language: str | None, as_json: bool) -> None:
    """The statements of reasons sent to a user."""
    engine = engine_of(ctx)
    engine.check_known(user)
    found = engine.notices(user)
    if language is not None:
        text = engine.policy.notices.text(language)
        found = [msgspec.structs.replace(n, text=render(n, text), language=language) for n in found]
    items = [views.notice_view(n) for n in found]
    emit_json(items) if as_json else terminal.print_notices(out, items)


@notices.command("pending")
@click.option("--failed", is_flag=True, help="The dead-lettered notices instead (deliveries that kept failing).")
@click.option("--limit", default=1000, show_default=True)
@json_option
@click.pass_context
def notices_pending(ctx: click.Context, failed: bool, limit: int, as_json: bool) -> None:
    """Notices not yet delivered to the platform, oldest first."""
    rows = [{**views.notice_view(n), "delivery": views.struct_view(d)} for d, n in _outbox(ctx).pending(failed, limit)]
    if as_json:
        emit_json(rows)
        return
    flat = [{**r, "attempts": r["delivery"]["attempts"], "error": r["delivery"]["last_error"]} for r in rows]
    terminal.print_rows(
        out, "dead letters" if failed else "outbox", flat, ["id", "ts", "user", "kind", "attempts", "error"]
    )


@notices.command("ack")
@click.argument("notice_ids", nargs=-1, required=True)
@click.pass_context
def notices_ack(ctx: click.Context, notice_ids: tuple[str, ...]) -> None:
    """Mark notices the platform fetched itself as delivered."""
    out.print(f"acknowledged {_outbox(ctx).ack(notice_ids)}")


@notices.command("deliver")
@click.option("--webhook", required=True, help="The platform's URL; each notice is POSTed there as JSON.")
@click.option("--secret", envvar="CHATCREDIT_WEBHOOK_SECRET", required=True, help="Shared HMAC secret (or env).")
@click.option("--max-attempts", default=8, show_default=True, help="Tries before a notice is dead-lettered.")
@click.option("--base-delay", default=5.0, show_default=True, help="Seconds before the first retry (doubling).")
@click.option("--retry-dead", is_flag=True, help="Queue the dead-lettered notices again first.")
@json_option
@click.pass_context
def notices_deliver(
    ctx: click.Context, webhook: str, secret: str, max_attempts: int, base_delay: float, retry_dead: bool, as_json: bool
) -> None:
    """Deliver the due notices once (run it from cron, or let `serve` do it)."""
    outbox = _outbox(ctx)
    if retry_dead:
        outbox.retry_dead()
    with Progress(console=err, transient=True) as progress:
        task = progress.add_task("delivering", total=None)
        report = outbox.deliver(
            webhook,
            secret,
            max_attempts,
            base_delay,
            on_progress=lambda done, total: progress.update(task, completed=done, total=total),
        )
    view = {"delivered": report.delivered, "failed": report.failed, "dead": report.dead, "errors": report.errors}
    if as_json:
        emit_json(view)
    else:
        out.print(f"delivered {report.delivered}, will retry {report.failed}, dead-lettered {report.dead}")
