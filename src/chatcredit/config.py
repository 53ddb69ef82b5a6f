"""Settings: ``CHATCREDIT_*`` environment > config file > default, typed.

Each setting is one field of :class:`Settings`, with its default and its help; the
fields feed the docs (``docs/operations.md``, a test keeps them documented) and each is
parsed by its type. Code reads ``settings.port``, never a string key.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from chatcredit.errors import ChatcreditError


def _bool(text: str) -> bool:
    lowered = text.strip().lower()
    if lowered in ("1", "true", "yes", "on"):
        return True
    if lowered in ("0", "false", "no", "off"):
        return False
    raise ValueError(f"not a boolean: {text!r}")


def _setting(default: Any, help: str) -> Any:
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True, slots=True)
class Settings:
    db: str = _setting("chatcredit.db", "Database: a SQLite file, or a postgresql://user@host:port/name URL.")
    db_pool_size: int = _setting(4, "Connections each process keeps open to PostgreSQL (ignored for SQLite).")
    policy: str = _setting("", "Policy TOML file; empty means the packaged default.")
    host: str = _setting("127.0.0.1", "Address the HTTP service listens on.")
    port: int = _setting(8080, "Port the HTTP service listens on.")
    max_body_bytes: int = _setting(10_000_000, "Largest request body accepted (413 above).")
    max_events_per_request: int = _setting(10_000, "Most events in one POST /v1/events (413 above).")
    max_list_items: int = _setting(1000, "Most items a list endpoint returns in one page.")
    max_response_bytes: int = _setting(8_000_000, "Largest JSON answer; a longer list is cut and marked.")
    body_timeout_seconds: float = _setting(30.0, "Time allowed to receive a request body (408 after).")
    header_timeout_seconds: float = _setting(10.0, "Time allowed to send a request's headers (closed after).")
    request_timeout_seconds: float = _setting(60.0, "Time allowed to answer a request (503 after).")
    keep_alive_seconds: int = _setting(5, "Idle keep-alive connections are closed after this.")
    shutdown_grace_seconds: int = _setting(30, "On SIGTERM, time given to in-flight requests.")
    key_cache_seconds: float = _setting(5.0, "How long a verified API key is trusted before re-checking.")
    access_log: bool = _setting(True, "Write one JSON log line per request.")
    telegram_secret_token: str = _setting(
        "", "Telegram webhook secret token (X-Telegram-Bot-Api-Secret-Token); empty: off."
    )
    slack_signing_secret: str = _setting("", "Slack app signing secret (X-Slack-Signature); empty: the adapter is off.")
    matrix_hs_token: str = _setting("", "Matrix application service hs_token; empty: the adapter is off.")
    notice_webhook_url: str = _setting("", "The platform's URL for notices (POST, signed); empty: notices are pulled.")
    notice_webhook_secret: str = _setting("", "Shared secret for the notices' X-Chatcredit-Signature (HMAC-SHA256).")
    notice_delivery_seconds: float = _setting(10.0, "How often `serve` delivers the due notices to the webhook.")
    notice_max_attempts: int = _setting(8, "Failed deliveries of a notice before it is dead-lettered.")
    log_level: str = _setting("info", "Log level: debug, info, warning, error.")


@dataclass(frozen=True, slots=True)
class Setting:
    """One setting as the docs and the parsers see it."""

    name: str
    default: Any
    help: str
    parse: Callable[[str], Any]

    @property
    def env(self) -> str:
        return f"CHATCREDIT_{self.name.upper()}"


_PARSERS: dict[str, Callable[[str], Any]] = {"int": int, "float": float, "bool": _bool, "str": str}
SETTINGS: tuple[Setting, ...] = tuple(
    Setting(f.name, f.default, f.metadata["help"], _PARSERS[str(f.type)]) for f in dataclasses.fields(Settings)
)


def _checked(setting: Setting, value: Any, where: str) -> Any:
    """A value from a config file, of the setting's type (TOML has types of its own)."""
    expected = type(setting.default)
    if expected is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
        raise ChatcreditError(f"{where}: {setting.name} must be {expected.__name__}, not {value!r}")
    return value


def load_settings(
    config_file: str | Path | None = None,
    env: Mapping[str, str] = os.environ,
    overrides: Mapping[str, Any] | None = None,
) -> Settings:
    """Resolve every setting: overrides (not None) > environment > config file > default."""
    from_file: dict[str, Any] = {}
    path = config_file or env.get("CHATCREDIT_CONFIG")
    if path:
        try:
            from_file = tomllib.loads(Path(path).read_text("utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ChatcreditError(f"config file {path}: {exc}") from None
        unknown = set(from_file) - {s.name for s in SETTINGS}
        if unknown:
            raise ChatcreditError(f"config file {path}: unknown settings {', '.join(sorted(unknown))}")
    values: dict[str, Any] = {}
    for setting in SETTINGS:
        value = setting.default
        if setting.name in from_file:
            value = _checked(setting, from_file[setting.name], f"config file {path}")
        if setting.env in env:
            try:
                value = setting.parse(env[setting.env])
            except ValueError as exc:
                raise ChatcreditError(f"{setting.env}: {exc}") from None
        if overrides and overrides.get(setting.name) is not None:
            value = overrides[setting.name]
        values[setting.name] = value
    return Settings(**values)
