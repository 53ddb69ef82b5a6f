"""Settings: ``CHATCREDIT_*`` environment > config file > default.

Each setting is declared once, with its default and help; the declarations feed
``chatcredit serve --help``-adjacent docs (``docs/operations.md``) and a test keeps them
documented.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
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


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    default: Any
    help: str
    parse: Callable[[str], Any] = str

    @property
    def env(self) -> str:
        return f"CHATCREDIT_{self.name.upper()}"


SETTINGS: tuple[Setting, ...] = (
    Setting("db", "chatcredit.db", "SQLite database file."),
    Setting("policy", "", "Policy TOML file; empty means the packaged default."),
    Setting("host", "127.0.0.1", "Address the HTTP service listens on."),
    Setting("port", 8080, "Port the HTTP service listens on.", int),
    Setting("max_body_bytes", 10_000_000, "Largest request body accepted (413 above).", int),
    Setting("max_events_per_request", 10_000, "Most events in one POST /v1/events (413 above).", int),
    Setting("max_list_items", 1000, "Most items a list endpoint returns in one page.", int),
    Setting("body_timeout_seconds", 30.0, "Time allowed to receive a request body (408 after).", float),
    Setting("keep_alive_seconds", 5, "Idle keep-alive connections are closed after this.", int),
    Setting("shutdown_grace_seconds", 30, "On SIGTERM, time given to in-flight requests.", int),
    Setting("key_cache_seconds", 5.0, "How long a verified API key is trusted before re-checking.", float),
    Setting("access_log", True, "Write one JSON log line per request.", _bool),
    Setting("log_level", "info", "Log level: debug, info, warning, error."),
)


@dataclass(frozen=True, slots=True)
class Settings:
    values: Mapping[str, Any]

    def __getitem__(self, name: str) -> Any:
        return self.values[name]


def load_settings(
    config_file: str | Path | None = None,
    env: Mapping[str, str] = os.environ,
    overrides: Mapping[str, Any] | None = None,
) -> Settings:
    """Resolve every setting: overrides > environment > config file > default."""
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
            value = from_file[setting.name]
        if setting.env in env:
            try:
                value = setting.parse(env[setting.env])
            except ValueError as exc:
                raise ChatcreditError(f"{setting.env}: {exc}") from None
        if overrides and overrides.get(setting.name) is not None:
            value = overrides[setting.name]
        values[setting.name] = value
    return Settings(values)
