"""Helpers for tests of chatcredit and of code that embeds it: event builders and a clock."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import msgspec

from chatcredit.domain.timestamps import to_iso_ms
from chatcredit.policy import Policy, default_policy

T0 = datetime(2026, 3, 1, 12, 0, tzinfo=UTC).timestamp()
DAY = 86_400.0


def iso(ts: float) -> str:
    return to_iso_ms(ts)


@dataclass
class FakeClock:
    """A clock tests can set and move: ``clock.now += DAY``."""

    now: float = T0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def message(id: str, user: str, text: str = "hello", ts: float = T0, group: str = "g1", **extra: Any) -> dict[str, Any]:
    return {"type": "message", "id": id, "ts": iso(ts), "user": user, "group": group, "text": text, **extra}


def event(type: str, id: str, ts: float = T0, **fields: Any) -> dict[str, Any]:
    return {"type": type, "id": id, "ts": iso(ts), **fields}


def lines(*events: dict[str, Any]) -> list[bytes]:
    return [json.dumps(e).encode() for e in events]


def history_policy(policy: Policy | None = None) -> Policy:
    """``policy`` (default: the packaged one) accepting events up to ten years ahead of the
    clock: for tests that feed a history while a fake clock stands at its start."""
    chosen = policy or default_policy()
    return msgspec.structs.replace(
        chosen, ingest=msgspec.structs.replace(chosen.ingest, future_tolerance_seconds=10 * 365 * DAY)
    )
