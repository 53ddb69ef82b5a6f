"""Governance records in memory."""

from __future__ import annotations

from collections.abc import Sequence

from chatcredit.governance.records import GovRecord, index_of
from chatcredit.store.memory.state import _Repo


class _Governance(_Repo):
    def put(self, records: Sequence[GovRecord]) -> None:
        for r in records:
            i = index_of(r)
            self.s.governance[(i.kind, i.id)] = (i, r)

    def get(self, kind: str, record_id: str) -> GovRecord | None:
        found = self.s.governance.get((kind, record_id))
        return found[1] if found else None

    def find(
        self,
        kind: str,
        subject: str | None = None,
        group: str | None = None,
        status: Sequence[str] = (),
        since: float | None = None,
        limit: int | None = None,
    ) -> list[GovRecord]:
        hits = [
            (i.ts, i.id, r)
            for i, r in self.s.governance.values()
            if i.kind == kind
            and (subject is None or i.subject == subject)
            and (group is None or i.group == group)
            and (not status or i.status in status)
            and (since is None or i.ts >= since)
        ]
        return [r for _, _, r in sorted(hits, key=lambda h: h[:2])][:limit]
