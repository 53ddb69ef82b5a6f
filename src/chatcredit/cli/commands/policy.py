"""The policy, the rules and the taxonomy."""

from __future__ import annotations

import sys

import click
from rich.markup import escape

from chatcredit import views
from chatcredit.cli import terminal
from chatcredit.cli.base import emit_json, engine_of, err, json_option, main, out
from chatcredit.domain.taxonomy import CATEGORIES
from chatcredit.errors import ChatcreditError, PolicyError
from chatcredit.policy import default_policy, load_policy
from chatcredit.policy.model import Policy


@main.command()
@json_option
@click.pass_context
def rules(ctx: click.Context, as_json: bool) -> None:
    """The policy's rules: mode, version, whether on trial or braked, shadow hits."""
    rows = [views.rule_view(r) for r in engine_of(ctx).detection.rules()]
    if as_json:
        emit_json(rows)
        return
    terminal.print_rows(
        out,
        "rules",
        rows,
        ["rule_id", "category", "severity", "mode", "changed_at", "on_trial", "braked", "shadow_hits"],
    )
    for row in rows:
        if row["braked"]:
            err.print(f"[red]braked[/] {row['rule_id']}: {row['brake_reason']}", highlight=False)


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
    """Validate a policy file; every error is listed with the file, line and key."""
    try:
        checked = load_policy(file)
    except PolicyError as exc:
        for error in exc.errors[1:]:  # the first is reported as the command's error
            err.print(f"[red]error:[/] {escape(str(error))}", highlight=False, soft_wrap=True)
        raise
    _check_heads(file, checked)
    out.print(f"{file}: ok ({len(checked.rules)} rules, {len(checked.tiers)} tiers, version {checked.version})")


def _check_heads(file: str, checked: Policy) -> None:
    """The policy's classifier heads against the model's: a head the model lacks would
    silently find nothing (the ``abuse`` head of older policies is ``harassment`` now)."""
    c = checked.classifier
    if not c.enabled:
        return
    from chatcredit.ml.classifier import TextClassifier

    try:
        model = TextClassifier.load(c.model or None)
    except (OSError, ValueError) as exc:
        raise ChatcreditError(f"{file}: classifier.model {c.model!r} cannot be loaded: {exc}") from exc
    problems = [
        f"classifier.heads.{name}: the model has no head {name!r}" for name in c.heads if name not in model.heads
    ]
    problems += [
        f"classifier.heads.{name}.refines: no head {head.refines!r} in the policy"
        for name, head in c.heads.items()
        if head.refines is not None and head.refines not in c.heads
    ]
    if problems:
        raise ChatcreditError(f"{file}: " + "; ".join(problems) + f" (the model's heads: {', '.join(model.heads)})")
