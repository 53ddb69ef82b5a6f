"""Commands for the HTTP service: serve, and its API keys."""

from __future__ import annotations

import sys

import click

from chatcredit import views
from chatcredit.cli import terminal
from chatcredit.cli.base import emit_json, engine_of, json_option, main, out, settings_of
from chatcredit.vocabulary import SCOPES


@main.command()
@click.option("--host", default=None, help="Listen address (setting host; default 127.0.0.1).")
@click.option("--port", default=None, type=int, help="Listen port (setting port; default 8080).")
@click.option(
    "--config",
    "config_file",
    default=None,
    envvar="CHATCREDIT_CONFIG",
    help="Settings file (TOML); see docs/operations.md.",
)
@click.pass_context
def serve(ctx: click.Context, host: str | None, port: int | None, config_file: str | None) -> None:
    """Run the HTTP API (one worker) on the same database and policy as the CLI."""
    from chatcredit.api.server import run_server

    run_server(settings_of(ctx, config_file, host=host, port=port))


@main.group()
def keys() -> None:
    """Create, list and revoke API keys for the HTTP API."""


@keys.command("create")
@click.argument("name")
@click.option(
    "--scope",
    "scopes",
    multiple=True,
    required=True,
    type=click.Choice(SCOPES),
    help="Repeat for several scopes.",
)
@json_option
@click.pass_context
def keys_create(ctx: click.Context, name: str, scopes: tuple[str, ...], as_json: bool) -> None:
    """Create a key. The token is printed once and cannot be shown again."""
    record, token = engine_of(ctx, create=True).create_key(name, scopes)
    if as_json:
        emit_json({"id": record.id, "name": record.name, "scopes": list(record.scopes), "token": token})
    else:
        out.print(f"key {record.id} ({name}: {', '.join(record.scopes)})")
        out.print("token (shown once, store it now):")
        sys.stdout.write(token + "\n")


@keys.command("list")
@json_option
@click.pass_context
def keys_list(ctx: click.Context, as_json: bool) -> None:
    """List keys (never their secrets)."""
    rows = [
        {
            "id": k.id,
            "name": k.name,
            "scopes": " ".join(k.scopes),
            "created": views.iso(k.created),
            "revoked": views.iso(k.revoked),
        }
        for k in engine_of(ctx).list_keys()
    ]
    if as_json:
        emit_json(rows)
    else:
        terminal.print_rows(out, "API keys", rows, ["id", "name", "scopes", "created", "revoked"])


@keys.command("revoke")
@click.argument("key_id")
@click.pass_context
def keys_revoke(ctx: click.Context, key_id: str) -> None:
    """Revoke a key (a running server notices within key_cache_seconds)."""
    engine_of(ctx).revoke_key(key_id)
    out.print(f"revoked {key_id}")
