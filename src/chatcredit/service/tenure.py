"""Seeding tenure from a platform's records (``chatcredit tenure import``): first-seen
times and active days, written by the one writer like any other effect."""

from __future__ import annotations

from collections.abc import Sequence

from chatcredit.domain.effects import Effects
from chatcredit.importers.tenure import TenureRow, days_of
from chatcredit.service.writer import Writer
from chatcredit.store.base import Store


def seed_tenure(writer: Writer, rows: Sequence[TenureRow], now: float) -> int:
    """Record each row's first-seen time and active days; how many days were new."""

    def decide(store: Store) -> tuple[Effects, int]:
        users = sorted({r.user for r in rows})
        known = store.activity.days(users)
        effects = Effects()
        for r in rows:
            effects.first_seen.append((r.user, r.first_seen))
            fresh = [d for d in days_of(r, now) if d not in known.get(r.user, set())]
            effects.active_days.extend((r.user, d) for d in fresh)
        effects.active_days.sort()
        return effects, len(effects.active_days)

    return writer.write(decide, subjects=sorted({r.user for r in rows}))
