"""Tenure from a platform's own records, when it has no message history to give: a CSV
of ``user,first_seen,active_days`` (a time, ISO 8601 or Unix seconds; a count of days
on which the user was active). The days are spread evenly from ``first_seen`` to the
day of the import, one per day at most."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from chatcredit.domain.standing import DAY, day_of
from chatcredit.domain.timestamps import parse_when
from chatcredit.errors import InvalidRequest
from chatcredit.governance.formats import Broken


@dataclass(frozen=True, slots=True)
class TenureRow:
    user: str
    first_seen: float
    active_days: int


def parse_tenure(data: bytes, now: float) -> tuple[list[TenureRow], list[Broken]]:
    """The rows of a tenure CSV, and each broken one with its line and reason."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidRequest(f"not UTF-8 (byte {exc.start})") from None
    reader = csv.DictReader(io.StringIO(text))
    if reader.fieldnames is None or not {"user", "first_seen", "active_days"} <= set(reader.fieldnames):
        raise InvalidRequest("the header must name user, first_seen and active_days")
    rows, broken = [], []
    for row in reader:
        line = reader.line_num
        user = (row.get("user") or "").strip()
        if not user or any(ord(c) < 32 or ord(c) == 127 for c in user) or len(user) > 256:
            broken.append(Broken(line, "user is empty, too long or has control characters"))
            continue
        first = _time(row.get("first_seen") or "", now)
        if first is None:
            broken.append(
                Broken(
                    line, f"first_seen is not a time (ISO 8601 with a zone, or Unix seconds): {row.get('first_seen')!r}"
                )
            )
            continue
        if first > now:
            broken.append(Broken(line, "first_seen is missing or in the future"))
            continue
        try:
            days = int(row["active_days"])
        except ValueError:
            broken.append(Broken(line, f"active_days is not a whole number: {row['active_days']!r}"))
            continue
        span = int((now - first) // DAY) + 1
        if not 0 <= days <= span:
            broken.append(Broken(line, f"active_days must be 0 to {span} (the days since first_seen)"))
            continue
        rows.append(TenureRow(user, first, days))
    return rows, broken


def _time(text: str, now: float) -> float | None:
    text = text.strip()
    try:
        return float(text)
    except ValueError:
        pass
    try:
        return parse_when(text, now)
    except ValueError:
        return None


def days_of(row: TenureRow, now: float) -> list[int]:
    """``active_days`` distinct days, evenly spread from first_seen to now."""
    start, end = day_of(row.first_seen), day_of(now)
    if row.active_days == 0:
        return []
    if row.active_days == 1:
        return [start]
    step = (end - start) / (row.active_days - 1)
    return sorted({start + round(i * step) for i in range(row.active_days)})
