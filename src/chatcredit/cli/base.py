"""What every command shares: the ``main`` group, options, the engine, output and errors."""

from __future__ import annotations

import re
import sys
from typing import Any

import click
import msgspec
from rich.console import Console

from chatcredit import open_engine
from chatcredit.config import Settings, load_settings
from chatcredit.domain.timestamps import parse_iso
from chatcredit.errors import ChatcreditError
from chatcredit.service.engine import Engine

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
            err.print(f"[red]error:[/] {exc}", highlight=False, soft_wrap=True)
            sys.exit(1)


def settings_of(ctx: click.Context, config_file: str | None = None, **overrides: Any) -> Settings:
    """The settings for this command: its options > environment > config file > default.
    Options not given are None and do not override (the config file's ``db`` counts)."""
    root = ctx.find_root().ensure_object(dict)
    return load_settings(config_file, overrides={"db": root.get("db"), "policy": root.get("policy"), **overrides})


def engine_of(ctx: click.Context) -> Engine:
    obj = ctx.ensure_object(dict)
    if "engine" not in obj:
        settings = settings_of(ctx)
        obj["engine"] = open_engine(settings.db, settings.policy or None)
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
    default=None,
    help="SQLite database file (env CHATCREDIT_DB, else the config file's db, else chatcredit.db).",
)
@click.option(
    "--policy",
    envvar="CHATCREDIT_POLICY",
    default=None,
    help="Policy TOML file (env CHATCREDIT_POLICY); default: the packaged policy.",
)
@click.version_option(package_name="chatcredit")
@click.pass_context
def main(ctx: click.Context, db: str | None, policy: str | None) -> None:
    """chatcredit: explainable credit scores and accountability for group chats."""
    ctx.ensure_object(dict).update(db=db, policy=policy)
