"""What every command shares: the ``main`` group, options, the engine, output and errors."""

from __future__ import annotations

import sys
from collections.abc import Collection
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
from chatcredit.store import redacted, store_exists

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


GLOBAL_OPTIONS = ("--db", "--policy")


def hoist_global_options(args: list[str], own: Collection[str] = frozenset()) -> list[str]:
    """``chatcredit standing u1 --db x.db`` as ``chatcredit --db x.db standing u1``: the
    global options are accepted after the subcommand too, unless the subcommand has an
    option of that name itself (``own``, as ``demo --db``)."""
    front: list[str] = []
    rest: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        name = arg.split("=", 1)[0]
        if name in GLOBAL_OPTIONS and name not in own and rest:  # after the subcommand's name
            if "=" in arg:
                front.append(arg)
            elif i + 1 < len(args):
                front += [arg, args[i + 1]]
                i += 1
            else:
                rest.append(arg)
        else:
            rest.append(arg)
        i += 1
    return front + rest


def _subcommand_name(args: list[str]) -> str | None:
    values = iter(args)
    for arg in values:
        if arg in GLOBAL_OPTIONS:
            next(values, None)  # its value
        elif not arg.startswith("-"):
            return arg
    return None


class _Group(click.Group):
    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if ctx.parent is None:
            command = self.commands.get(_subcommand_name(args) or "")
            own = {o for p in command.params for o in p.opts} if command is not None else set()
            args = hoist_global_options(args, own)
        return super().parse_args(ctx, args)

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


def engine_of(ctx: click.Context, create: bool = False) -> Engine:
    """The engine on the settings' database. Only commands that build a database
    (``create``: init, ingest, serve) make one; the others refuse a file that does not
    exist, so that a typo in ``--db`` is not answered from an empty database."""
    obj = ctx.ensure_object(dict)
    if "engine" not in obj:
        settings = settings_of(ctx)
        if not create and not store_exists(settings.db):
            where = redacted(settings.db)
            raise ChatcreditError(
                f"no database at {where} (chatcredit init creates one; --db or CHATCREDIT_DB names another)"
            )
        obj["engine"] = open_engine(settings.db, settings.policy or None, pool_size=settings.db_pool_size)
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
    help="SQLite file or postgresql:// URL (env CHATCREDIT_DB, else the config file's db, else chatcredit.db).",
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
