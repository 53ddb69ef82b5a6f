"""Times as chatcredit reads and writes them: epoch seconds inside, ISO 8601 UTC outside."""

from __future__ import annotations

import re
from datetime import UTC, datetime

_RELATIVE = re.compile(r"^([+-])(\d+(?:\.\d+)?)([smhdwy])$")
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86_400, "w": 7 * 86_400, "y": 365 * 86_400}
WHEN_FORMS = "'now', an ISO 8601 time with a zone (2027-01-01T00:00:00Z), or relative like +365d, -2h, +1y"


def to_iso(ts: float) -> str:
    """``2026-03-01T12:00:00Z`` (whole seconds, always four-digit years)."""
    return datetime.fromtimestamp(ts, UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def to_iso_ms(ts: float) -> str:
    """``2026-03-01T12:00:00.250Z``."""
    return datetime.fromtimestamp(ts, UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def parse_iso(text: str, assume_utc: bool = False) -> float | None:
    """Epoch seconds of an ISO 8601 time; None if it is not one (or has no zone, unless
    ``assume_utc``)."""
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is None:
        if not assume_utc:
            return None
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.timestamp()


def parse_when(text: str, now: float) -> float:
    """The one reader of "when" for the CLI's ``--at`` and the API's ``?at=``: ``now``,
    an ISO 8601 time **with a zone** (as events need), or a time relative to ``now``:
    ``+365d``, ``-2h``, ``+1y`` (s, m, h, d, w, y; a year is 365 days). ValueError if not."""
    if text == "now":
        return now
    if m := _RELATIVE.match(text):
        sign = 1 if m.group(1) == "+" else -1
        return now + sign * float(m.group(2)) * _UNITS[m.group(3)]
    parsed = parse_iso(text)
    if parsed is None:
        raise ValueError(f"{text!r} is not a time: use {WHEN_FORMS}")
    return parsed
