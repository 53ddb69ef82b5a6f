"""The governance records of one write: what the store holds, as the write changes them
(a record put earlier in the same write is found by later reads of it)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from chatcredit.domain.effects import Effects
from chatcredit.governance.records import KINDS, GovRecord, index_of
from chatcredit.store.base import Store

R = TypeVar("R", bound=GovRecord)


class Pending:
    """The governance records of one write: the store's, as this write changes them."""

    def __init__(self, store: Store, effects: Effects) -> None:
        self._store = store
        self._effects = effects
        self._mine: dict[tuple[str, str], GovRecord] = {}

    def put(self, r: GovRecord) -> None:
        i = index_of(r)
        self._mine[(i.kind, i.id)] = r
        self._effects.records.append(r)

    def find(
        self,
        cls: type[R],
        subject: str | None = None,
        group: str | None = None,
        status: Sequence[str] = (),
        since: float | None = None,
    ) -> list[R]:
        kind = KINDS[cls]
        found: dict[str, GovRecord] = {
            index_of(r).id: r for r in self._store.governance.find(kind, subject, group, status, since)
        }
        for (k, rid), r in self._mine.items():
            i = index_of(r)
            if k != kind:
                continue
            matches = (
                (subject is None or i.subject == subject)
                and (group is None or i.group == group)
                and (since is None or i.ts >= since)
            )
            if matches and (not status or i.status in status):
                found[rid] = r
            else:
                found.pop(rid, None)
        return sorted((r for r in found.values() if isinstance(r, cls)), key=lambda r: index_of(r).ts)

    def get(self, cls: type[R], rid: str) -> R | None:
        mine = self._mine.get((KINDS[cls], rid))
        r = mine if mine is not None else self._store.governance.get(KINDS[cls], rid)
        return r if isinstance(r, cls) else None
