"""Records: retention, legal holds, data-subject export and erasure, the audit log."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.progress import Progress, SpinnerColumn, TextColumn

from chatcredit import views
from chatcredit.api.schemas import export_schema
from chatcredit.cli import terminal
from chatcredit.cli.base import emit_json, engine_of, err, json_option, main, out, parse_when
from chatcredit.domain.timestamps import to_iso
from chatcredit.errors import ChatcreditError


@main.group()
def retention() -> None:
    """Purge archived messages past the policy's retention window."""


@retention.command("run")
@click.option("--dry-run", is_flag=True, help="Count what would go and what is kept, and why; change nothing.")
@click.option("--before", default=None, help="Purge what is older than this instead (never inside min_days).")
@json_option
@click.pass_context
def retention_run(ctx: click.Context, dry_run: bool, before: str | None, as_json: bool) -> None:
    """Purge messages past retention.max_days, except those held and the evidence of open
    appeal windows and appeals. Nothing younger than retention.min_days ever goes."""
    engine = engine_of(ctx)
    cutoff = parse_when(before, engine.now()) if before else None
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), console=err, transient=True) as progress:
        task = progress.add_task("judging archived messages", total=None)
        report = engine.records.retain(
            dry_run, cutoff, lambda seen: progress.update(task, description=f"judged {seen:,} archived messages")
        )
    view = {"dry_run": report.dry_run, "purged": report.purged, "kept": dict(report.kept), "not_yet_due": report.young}
    if as_json:
        emit_json(view)
        return
    verb = "would purge" if dry_run else "purged"
    out.print(f"{verb} {report.purged:,} messages; not yet due {report.young:,}")
    for why, n in sorted(report.kept.items()):
        out.print(f"kept {n:,}: {why}")


@main.group()
def hold() -> None:
    """Legal holds: records kept beyond retention and erasure."""


@hold.command("add")
@click.option("--user", "user", default=None, help="Hold a person's records.")
@click.option("--group", "group", default=None, help="Hold a group's records.")
@click.option("--case", "case", default=None, help="Hold a case's records (an event id).")
@click.option("--reason", required=True)
@click.option("--until", default=None, help="When the hold ends (default: until lifted).")
@click.option("--by", required=True, help="Who places it.")
@click.pass_context
def hold_add(
    ctx: click.Context, user: str | None, group: str | None, case: str | None, reason: str, until: str | None, by: str
) -> None:
    """Place a hold on --user, --group or --case."""
    chosen = [(s, t) for s, t in (("user", user), ("group", group), ("case", case)) if t]
    if len(chosen) != 1:
        raise click.UsageError("name exactly one of --user, --group, --case")
    engine = engine_of(ctx)
    scope, target = chosen[0]
    placed = engine.records.add_hold(scope, target, reason, by, parse_when(until, engine.now()) if until else None)  # type: ignore[arg-type]
    out.print(f"hold {placed.id} on {scope} {target}" + (f" until {to_iso(placed.until)}" if placed.until else ""))


@hold.command("list")
@click.option("--active", is_flag=True, help="Only holds in force.")
@json_option
@click.pass_context
def hold_list(ctx: click.Context, active: bool, as_json: bool) -> None:
    """Holds, with their scope, reason and expiry."""
    rows = [views.struct_view(h) for h in engine_of(ctx).records.holds(active)]
    cols = ["id", "scope", "target", "status", "until", "by", "reason"]
    emit_json(rows) if as_json else terminal.print_rows(out, "holds", rows, cols)


@hold.command("lift")
@click.argument("hold_id")
@click.option("--by", required=True)
@click.pass_context
def hold_lift(ctx: click.Context, hold_id: str, by: str) -> None:
    """Lift a hold."""
    lifted = engine_of(ctx).records.lift_hold(hold_id, by)
    out.print(f"hold {lifted.id} lifted by {by}")


@main.command()
@click.argument("user", required=False)
@click.option("--out", "path", default=None, help="The JSON file to write.")
@click.option("--by", default="operator", show_default=True, help="Who hands it over (recorded).")
@click.option("--schema", is_flag=True, help="Print the bundle's JSON Schema instead.")
@click.pass_context
def export(ctx: click.Context, user: str | None, path: str | None, by: str, schema: bool) -> None:
    """Everything held about USER (GDPR Art. 15) as a JSON bundle; other people appear as pseudonyms."""
    if schema:
        click.echo(json.dumps(export_schema(), indent=2))
        return
    if not user or not path:
        raise click.UsageError("name the USER and --out FILE (or --schema)")
    engine = engine_of(ctx)
    engine.check_known(user)
    bundle = views.subject_export(engine.subjects.gather(user))
    body = json.dumps(bundle, ensure_ascii=False, indent=2, sort_keys=True).encode()
    Path(path).write_bytes(body)
    note = engine.subjects.record_export(user, by, body)
    out.print(
        f"written {path} ({len(body):,} bytes, sha {note.digest[:12]}…): {len(bundle['messages'])} messages, "
        f"{len(bundle['ledger'])} ledger entries, {len(bundle['notices'])} notices"
    )


@main.command()
@click.argument("user")
@click.option("--by", required=True, help="Who carries out the erasure (recorded).")
@click.option("--reason", required=True, help="Why (the request, its reference).")
@json_option
@click.pass_context
def erase(ctx: click.Context, user: str, by: str, reason: str, as_json: bool) -> None:
    """Erase USER's archived content and personal data (GDPR Art. 17); what a legal hold
    or the retention minimum covers is restricted instead, and said so."""
    engine = engine_of(ctx)
    engine.check_known(user)
    report = engine.subjects.erase(user, by, reason)
    view = {
        "user": user,
        "pseudonym": report.pseudonym,
        "erased": report.erased,
        "restricted": report.restricted,
        "kept": report.kept,
    }
    if as_json:
        emit_json(view)
        return
    out.print(
        f"erased {report.erased} archived records of {user}"
        + (f"; the ledger now names {report.pseudonym}" if report.pseudonym else "; nothing erased")
    )
    for why, n in report.restricted.items():
        out.print(f"restricted {n}: {why}")
    for line in report.kept:
        out.print(f"kept: {line}")


@main.group()
def audit() -> None:
    """The hash-chained audit log: verify, show, head."""


@audit.command("verify")
@json_option
@click.pass_context
def audit_verify(ctx: click.Context, as_json: bool) -> None:
    """Walk the chain and check each record against the state it describes; exit 1 and
    name the first broken record if anything was changed or removed behind its back."""
    verdict = engine_of(ctx).records.verify()
    broken = verdict.broken
    view = {
        "ok": verdict.ok,
        "records": verdict.records,
        "items": verdict.items,
        "head": verdict.head,
        "broken": None if broken is None else {"seq": broken.seq, "why": broken.why},
    }
    if as_json:
        emit_json(view)
    elif verdict.broken is None:
        out.print(f"ok: {verdict.records:,} records, {verdict.items:,} items checked; head {verdict.head}")
    else:
        out.print(f"BROKEN at record {verdict.broken.seq}: {verdict.broken.why}", markup=False)
    if verdict.broken is not None:
        ctx.exit(1)


@audit.command("show")
@click.option("--since", default=None, help="Records from this time on.")
@click.option("--limit", default=100, show_default=True)
@json_option
@click.pass_context
def audit_show(ctx: click.Context, since: str | None, limit: int, as_json: bool) -> None:
    """Audit records, oldest first."""
    engine = engine_of(ctx)
    start = parse_when(since, engine.now()) if since else None
    rows = []
    for r in engine.records.log(start):
        rows.append(
            {"seq": r.seq, "ts": to_iso(r.ts), "kind": r.kind, "actor": r.actor, "summary": r.summary, "hash": r.hash}
        )
        if len(rows) >= limit:
            break
    emit_json(rows) if as_json else terminal.print_rows(
        out, "audit log", rows, ["seq", "ts", "kind", "actor", "summary"]
    )


@audit.command("head")
@click.pass_context
def audit_head(ctx: click.Context) -> None:
    """The chain's head (seq and hash): publish or anchor it elsewhere."""
    head = engine_of(ctx).records.head()
    if head is None:
        raise ChatcreditError("the audit log is empty")
    emit_json({"seq": head.seq, "ts": to_iso(head.ts), "hash": head.hash})
