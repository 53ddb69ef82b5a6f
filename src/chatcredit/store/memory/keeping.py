"""Record keeping in memory: the audit log, and the archive's retention and erasure."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import msgspec

from chatcredit.domain.records import EventRow
from chatcredit.dueprocess.notices import Notice
from chatcredit.dueprocess.review import ReviewItem
from chatcredit.records.audit import AuditRecord
from chatcredit.store.memory.state import _Repo

MESSAGE_TYPES = ("message", "message_edited", "message_deleted")


class MemoryAudit(_Repo):
    def head(self) -> AuditRecord | None:
        return self.s.audit[-1] if self.s.audit else None

    def append(self, records: Sequence[AuditRecord]) -> None:
        self.s.audit.extend(records)

    def iterate(self, since_seq: int = 0, since_ts: float | None = None) -> Iterator[AuditRecord]:
        lo = -float("inf") if since_ts is None else since_ts
        yield from (r for r in list(self.s.audit) if r.seq > since_seq and r.ts >= lo)


class MemoryArchive(_Repo):
    def candidates(self, before: float) -> Iterator[tuple[str, float, str, str | None]]:
        rows = sorted((r.ts, r.id, r) for r in self.s.events.values() if r.type in MESSAGE_TYPES and r.ts < before)
        yield from ((r.id, r.ts, r.user, r.group) for _, _, r in rows)

    def purge(self, ids: Sequence[str]) -> int:
        return sum(1 for i in ids if self.s.events.pop(i, None) is not None)

    def evidence(self, ids: Sequence[str]) -> dict[str, list[str]]:
        wanted, out = set(ids), dict[str, list[str]]()
        for e in self.s.ledger.values():
            if e.evidence_event in wanted:
                out.setdefault(e.evidence_event, []).append(e.id)
        return out

    def of_user(self, user: str) -> list[EventRow]:
        return sorted((r for r in self.s.events.values() if r.user == user), key=lambda r: r.ts)

    def erase(
        self, user: str, pseudonym: str, events: Sequence[str], notices: Sequence[Notice], reviews: Sequence[ReviewItem]
    ) -> None:
        s = self.s
        for i in events:
            if i in s.events:
                s.events[i] = EventRow(i, "erased", s.events[i].ts, "", None, b"")
        for key, e in list(s.ledger.items()):
            if e.user == user:
                s.ledger[key] = msgspec.structs.replace(e, user=pseudonym, excerpt="")
        s.seqs = {(pseudonym if u == user else u, q) for u, q in s.seqs}
        s.notices = [n for n in s.notices if n.user != user] + list(notices)
        for item in reviews:
            s.reviews[item.id] = item
        s.days = {(u, d) for u, d in s.days if u != user}
        s.members = {k: v for k, v in s.members.items() if k[1] != user}
        s.identities.pop(user, None)
        s.users.pop(user, None)
        s.shadow = [h for h in s.shadow if h.user != user]
