"""Record keeping: legal holds, retention runs, the audit log's verification, and the
policy versions put in force. Every change goes through the one writer (and so into the
audit log); the data-subject rights are in ``service/subjects.py``."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice

import msgspec

from chatcredit.domain.effects import Effects
from chatcredit.domain.standing import DAY
from chatcredit.dueprocess.cases import Appeal
from chatcredit.dueprocess.notices import notice_id
from chatcredit.errors import ConflictError, InvalidRequest, NotFound
from chatcredit.policy.model import Policy
from chatcredit.policy.records import Retention
from chatcredit.records import audit, retention
from chatcredit.records.audit import AuditRecord, Verdict, digest, state_digest
from chatcredit.records.holds import Hold, HoldScope, hold_id
from chatcredit.records.notes import PolicyVersion, Restriction
from chatcredit.records.trail import key_digest, record_digest
from chatcredit.service.projection import Projection
from chatcredit.service.writer import Writer
from chatcredit.store.base import Store

#: messages judged and purged per write: a run never holds the write lock for long
SLICE = 5000


@dataclass
class RetentionReport:
    dry_run: bool
    purged: int = 0
    kept: Counter[str] = field(default_factory=Counter)
    young: int = 0


class Records:
    def __init__(
        self, reads: Store, writer: Writer, projection: Projection, policy: Policy, clock: Callable[[], float]
    ) -> None:
        self._reads, self._writer, self._projection = reads, writer, projection
        self._policy, self._clock = policy, clock

    # ------------------------------------------------------------- holds

    def add_hold(self, scope: HoldScope, target: str, reason: str, by: str, until: float | None = None) -> Hold:
        if not (target.strip() and reason.strip() and by.strip()):
            raise InvalidRequest("a hold needs its target, a reason and who places it (--by)")
        now = self._clock()
        if until is not None and until <= now:
            raise InvalidRequest("a hold's end (--until) must be in the future")
        hold = Hold(hold_id(scope, target, now), scope, target, reason, by, now, until)
        return self._writer.write(lambda store: (Effects(records=[hold], act="hold placed", actor=by), hold))

    def holds(self, active_only: bool = False) -> list[Hold]:
        found = [h for h in self._reads.governance.find("hold") if isinstance(h, Hold)]
        return [h for h in found if h.in_force(self._clock())] if active_only else found

    def lift_hold(self, hold_id_: str, by: str) -> Hold:
        now = self._clock()

        def decide(store: Store) -> tuple[Effects, Hold]:
            hold = store.governance.get("hold", hold_id_)
            if not isinstance(hold, Hold):
                raise NotFound(f"no hold {hold_id_!r}")
            if hold.status != "active":
                raise ConflictError(f"{hold_id_} was already lifted")
            lifted = msgspec.structs.replace(hold, status="lifted", lifted_by=by, lifted_at=now)
            return Effects(records=[lifted], act="hold lifted", actor=by), lifted

        return self._writer.write(decide)

    def restricted(self) -> set[str]:
        """The archived events kept only for a hold's purpose or the retention minimum."""
        found = self._reads.governance.find("restriction")
        return {event for r in found if isinstance(r, Restriction) for event in r.events}

    # ------------------------------------------------------------- retention

    def retain(
        self, dry_run: bool = False, before: float | None = None, on_progress: Callable[[int], None] | None = None
    ) -> RetentionReport:
        """Purge archived messages past ``retention.max_days`` (or older than ``before``,
        never inside ``min_days``), except those held and the evidence of open appeals;
        ``dry_run``: count what would go and what is kept, change nothing."""
        now = self._clock()
        rules = self._policy.retention
        retention.check_cutoff(before, now, rules)
        # the candidates: older than asked, or than the shortest max_days of any window
        cutoff = before if before is not None else now - _shortest_max(rules) * DAY
        holds = [h for h in self._reads.governance.find("hold") if isinstance(h, Hold)]
        appealed = {a.target for a in self._reads.governance.find("appeal", status=("filed",)) if isinstance(a, Appeal)}
        report = RetentionReport(dry_run)
        scan = self._reads.reader()  # a connection of its own, open for the whole scan
        try:
            rows = scan.archive.candidates(cutoff)
            seen = 0
            while page := list(islice(rows, SLICE)):
                seen += len(page)
                open_ = self._evidence_open([p[0] for p in page], appealed, now)
                plan = retention.plan(page, rules, now, holds, open_, before)
                report.kept.update(plan.kept)
                report.young += plan.young
                if plan.purge and not dry_run:
                    self._purge(plan.purge)
                report.purged += len(plan.purge)
                if on_progress:
                    on_progress(seen)
        finally:
            if scan is not self._reads:
                scan.close()
        return report

    def _purge(self, ids: list[str]) -> None:
        def decide(store: Store) -> tuple[Effects, None]:
            return Effects(purged=ids, act="retention purge"), None

        self._writer.write(decide)

    def _evidence_open(self, ids: list[str], appealed: set[str], now: float) -> dict[str, str]:
        out: dict[str, str] = {}
        for event_id, entries in self._reads.archive.evidence(ids).items():
            for entry_id in entries:
                if entry_id in appealed:
                    out[event_id] = "evidence under appeal"
                    break
                notice = self._reads.notices.get(notice_id(entry_id))
                if notice is not None and notice.appeal_until is not None and notice.appeal_until > now:
                    out[event_id] = "evidence in an open appeal window"
                    break
        return out

    # ------------------------------------------------------------- the audit log

    def verify(self) -> Verdict:
        return audit.verify(lambda: self._reads.audit.iterate(), self._current)

    def head(self) -> AuditRecord | None:
        return self._reads.audit.head()

    def log(self, since_ts: float | None = None, since_seq: int = 0) -> Iterator[AuditRecord]:
        return self._reads.audit.iterate(since_seq, since_ts)

    def _current(self, kind: str, ids: Sequence[str]) -> dict[str, str | None]:
        r = self._reads
        names = list(ids)
        if kind == "event":
            payloads = r.events.payloads(names)
            return {i: digest(payloads[i]) if payloads.get(i) else None for i in names}
        getters: dict[str, Callable[[str], str | None]] = {
            "entry": lambda i: _opt(r.ledger.get(i)),
            "notice": lambda i: _opt(r.notices.get(i)),
            "review": lambda i: _opt(r.reviews.get(i)),
            "key": lambda i: (lambda k: key_digest(k) if k else None)(r.keys.get(i)),
        }
        if kind.startswith("record:"):
            name = kind.split(":", 1)[1]
            return {
                i: (lambda x: record_digest(x) if x is not None else None)(r.governance.get(name, i)) for i in names
            }
        get = getters.get(kind)
        return {i: get(i) if get else None for i in names}

    # ------------------------------------------------------------- policy

    def note_policy(self) -> None:
        """Record the policy version in force, the first time it is used."""
        p = self._policy
        if not p.version or self._reads.governance.get("policy", p.version) is not None:
            return
        note = PolicyVersion(p.version, self._clock(), p.source or "packaged default")
        self._writer.write(lambda store: (Effects(records=[note], act="policy in force"), None))


def _opt(obj: msgspec.Struct | None) -> str | None:
    return state_digest(obj) if obj is not None else None


def _shortest_max(rules: Retention) -> int:
    """The earliest any message may go: the shortest max_days of any window."""
    return min([rules.max_days, *(j.max_days for j in rules.jurisdictions.values())])
