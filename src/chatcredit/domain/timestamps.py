"""Times as chatcredit reads and writes them: epoch seconds inside, ISO 8601 UTC outside."""

from __future__ import annotations

from datetime import UTC, datetime


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
