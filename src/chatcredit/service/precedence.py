"""People's decisions outrank automation: before signals are decided, those a person's
mark covers (a removed penalty's evidence, or its rule on that user for a while) and the
reports of a reporter suspended from reporting are set aside, recorded as shadow hits
with the reason. A query per user with findings, only when there are findings."""

from __future__ import annotations

from collections.abc import Sequence

from chatcredit.domain.signals import Signal
from chatcredit.domain.timestamps import to_iso
from chatcredit.dueprocess.cases import Mark, Reporter
from chatcredit.dueprocess.review import ShadowHit
from chatcredit.store.base import Store


def screen(signals: Sequence[Signal], store: Store, now: float) -> tuple[list[Signal], list[ShadowHit]]:
    """``(signals to decide, shadow hits for those set aside)``."""
    live = [s for s in signals if s.mode != "shadow"]
    if not live:
        return list(signals), []
    marks: dict[str, list[Mark]] = {}
    for user in sorted({s.user for s in live}):
        marks[user] = [m for m in store.governance.find("mark", subject=user) if isinstance(m, Mark)]
    reporters: dict[str, Reporter | None] = {}
    for name in sorted({s.reporter for s in live if s.reporter}):
        found = store.governance.get("reporter", name)
        reporters[name] = found if isinstance(found, Reporter) else None
    kept: list[Signal] = []
    hits: list[ShadowHit] = []
    for s in signals:
        why = _set_aside(s, marks.get(s.user, ()), reporters, now) if s.mode != "shadow" else None
        if why is None:
            kept.append(s)
        else:
            hits.append(ShadowHit(s.rule_id, s.user, s.event_id, s.ts, why, s.excerpt))
    return kept, hits


def _set_aside(s: Signal, marks: Sequence[Mark], reporters: dict[str, Reporter | None], now: float) -> str | None:
    for mark in marks:
        if mark.covers(s.event_id, s.rule_id, s.category, now):
            return f"a person's decision ({mark.by}, {to_iso(mark.ts)}) removed this: {mark.reason}"
    record = reporters.get(s.reporter) if s.reporter else None
    if record is not None and record.suspended_at(now):
        return f"reporter {s.reporter} is suspended from reporting until {to_iso(record.suspended_until or now)}"
    return None
