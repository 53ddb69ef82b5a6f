"""What every command shares: the ``main`` group, options, the engine, output and errors."""

from __future__ import annotations

import sys
from typing import Any

import click
import msgspec
from rich.console import Console
from rich.markup import escape

from chatcredit import open_engine
from chatcredit.config import Settings, load_settings
from chatcredit.domain.timestamps import WHEN_FORMS
from chatcredit.domain.timestamps import parse_when as read_when
from chatcredit.errors import ChatcreditError
from chatcredit.service.engine import Engine

#: exit statuses (docs/cli.md): 0 done; 1 an error chatcredit reported; 2 a usage error
#: (click's); 3 denied (permit --exit-status); 4 records quarantined (ingest --strict)
EXIT_ERROR = 1
EXIT_DENIED = 3
EXIT_QUARANTINED = 4
out = Console()
err = Console(stderr=True)


def parse_when(text: str | None, now: float) -> float | None:
    """``--at``: None for now, else what :func:`chatcredit.domain.timestamps.parse_when` reads."""
    if text is None or text == "now":
        return None
    try:
        return read_when(text, now)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def emit_json(data: Any) -> None:
    sys.stdout.write(msgspec.json.format(msgspec.json.encode(data)).decode() + "\n")


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ChatcreditError as exc:
            err.print(f"[red]error:[/] {escape(str(exc))}", highlight=False, soft_wrap=True)
            sys.exit(EXIT_ERROR)


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
at_option = click.option("--at", "at", metavar="TIME", help=f"Evaluate as of TIME: {WHEN_FORMS}.")


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
