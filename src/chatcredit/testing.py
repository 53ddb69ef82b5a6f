"""Helpers for tests of chatcredit and of code that embeds it: event builders and a clock."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from chatcredit.domain.timestamps import to_iso_ms

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
