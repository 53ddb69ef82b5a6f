"""Casework: the review queue decided by people, reporters' records and referrals.

Reads come from the read handle; every decision is a write through the one writer, with
its notices (the person affected, the reporter) and the marks that keep automation from
undoing it. Appeals are in ``service/appeals.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import msgspec

from chatcredit.domain.effects import Effects
from chatcredit.domain.events import parse_event
from chatcredit.domain.ledger import LedgerEntry
from chatcredit.domain.standing import Standing
from chatcredit.dueprocess import decisions, reports
from chatcredit.dueprocess.cases import Referral, Reporter, case_id
from chatcredit.dueprocess.queue import priority
from chatcredit.dueprocess.review import ReviewItem, ReviewOutcome
from chatcredit.errors import ConflictError, InvalidRequest, NotFound
from chatcredit.policy.decide import decide_reversal
from chatcredit.policy.model import Policy
from chatcredit.service.projection import Projection
from chatcredit.service.writer import Writer
from chatcredit.store.base import Store

WAITING = ("open", "in-review", "escalated")
#: names that are automation, never a person: they cannot decide reviews or appeals
SYSTEM_ACTORS = frozenset({"accountability", "automation", "system", "chatcredit"})


class QueueRow(msgspec.Struct, frozen=True):
    item: ReviewItem
    priority: float
    reporter_precision: float | None
    trusted_flagger: bool


class ContextMessage(msgspec.Struct, frozen=True):
    id: str
    ts: float
    user: str
    text: str
    reported: bool


class ReviewCase(msgspec.Struct, frozen=True):
    """What a moderator needs to decide an item."""

    row: QueueRow
    message: str | None
    context: tuple[ContextMessage, ...]
    standing: Standing
    recent: tuple[LedgerEntry, ...]


@dataclass
class Casework:
    reads: Store
    writer: Writer
    projection: Projection
    policy: Policy
    clock: Callable[[], float]
    automated: frozenset[str]

    # ------------------------------------------------------------- reading

    def precision(self, reporter: str | None) -> float | None:
        if reporter is None:
            return None
        rules = self.policy.reporting
        return self.reporter(reporter).precision(rules.prior_upheld, rules.prior_dismissed)

    def reporter(self, name: str) -> Reporter:
        found = self.reads.governance.get("reporter", name)
        return found if isinstance(found, Reporter) else Reporter(name)

    def row(self, item: ReviewItem, now: float | None = None) -> QueueRow:
        now = self.clock() if now is None else now
        trusted = item.reporter is not None and item.reporter in self.policy.reporting.trusted_flaggers
        precision = self.precision(item.reporter)
        return QueueRow(item, priority(item, precision, trusted, now), precision, trusted)

    def queue(
        self,
        limit: int = 100,
        statuses: Sequence[str] = WAITING,
        category: str | None = None,
        detector: str | None = None,
        group: str | None = None,
    ) -> list[QueueRow]:
        """Waiting items, highest priority first (ties: oldest first)."""
        items = [i for s in statuses for i in self.reads.reviews.list(s, 100_000)]
        items = [
            i
            for i in items
            if (category is None or i.category == category)
            and (detector is None or i.detector == detector)
            and (group is None or i.group == group)
        ]
        now = self.clock()
        rows = [self.row(i, now) for i in items]
        rows.sort(key=lambda r: (-r.priority, r.item.ts, r.item.id))
        return rows[:limit]

    def item(self, item_id: str) -> ReviewItem:
        found = self.reads.reviews.get(item_id)
        if found is None:
            raise NotFound(f"no review item {item_id!r}")
        return found

    def case(self, item_id: str) -> ReviewCase:
        item = self.item(item_id)
        message, context = self._context(item)
        tally = self.projection.get(item.user)
        recent = tuple(sorted(tally.entries, key=lambda e: e.ts)[-10:])
        return ReviewCase(self.row(item), message, context, tally.standing(self.clock()), recent)

    def _context(self, item: ReviewItem) -> tuple[str | None, tuple[ContextMessage, ...]]:
        """The reported message's text and the messages around it in its group."""
        target = self.reads.events.payloads([item.event_id]).get(item.event_id) if item.event_id else None
        if target is None:
            return None, ()
        event = parse_event(target)
        text = getattr(event, "text", None)
        reported = getattr(event, "message", None)  # a report names the message it is about
        if reported:
            payload = self.reads.events.payloads([reported]).get(reported)
            if payload is not None:
                event = parse_event(payload)
                text = getattr(event, "text", None)
        group = getattr(event, "group", None)
        if group is None:
            return text, ()
        around = [
            ContextMessage(r.id, r.ts, r.user, getattr(parse_event(r.payload), "text", ""), r.id == event.id)
            for r in self.reads.events.iterate(["message"], item.ts - 3600, item.ts + 3600)
            if r.group == group
        ]
        at = next((i for i, m in enumerate(around) if m.reported), None)
        n = self.policy.oversight.context_messages
        if at is None:
            return text, tuple(around[-n:])
        return text, tuple(around[max(0, at - n) : at + n + 1])

    def referrals(self) -> list[Referral]:
        return [r for r in self.reads.governance.find("referral") if isinstance(r, Referral)]

    # ------------------------------------------------------------- acting

    def check_person(self, by: str) -> None:
        if not by.strip():
            raise InvalidRequest("a decision needs the person who makes it (--by)")
        if by in self.automated or by in SYSTEM_ACTORS:
            raise ConflictError(f"{by!r} is automation: only a person decides reviews and appeals")

    def claim(self, item_id: str, by: str) -> ReviewItem:
        self.check_person(by)

        def decide(store: Store) -> tuple[Effects, ReviewItem]:
            item = self._waiting(store, item_id)
            if item.status == "in-review" and item.claimed_by not in (None, by):
                raise ConflictError(f"{item_id} is claimed by {item.claimed_by}")
            claimed = msgspec.structs.replace(item, status="in-review", claimed_by=by)
            return Effects(decided=[claimed]), claimed

        return self.writer.write(decide)

    def decide(
        self, item_id: str, outcome: ReviewOutcome, by: str, reason: str, severity: str | None = None
    ) -> tuple[ReviewItem, Effects]:
        """Uphold, dismiss or escalate an item: a person's decision, with its notices;
        ``severity``: what an upheld item costs (default: the item's)."""
        self.check_person(by)
        if not reason.strip():
            raise InvalidRequest("a decision needs a reason (it is shown to the people it concerns)")
        now = self.clock()

        def decide(store: Store) -> tuple[Effects, tuple[ReviewItem, Effects]]:
            item = self._waiting(store, item_id)
            if item.status == "in-review" and item.claimed_by not in (None, by):
                raise ConflictError(f"{item_id} is claimed by {item.claimed_by}")
            effects = self._effects(item, outcome, by, reason, store, now, severity)
            result = effects.entries[0].id if effects.entries else None
            status = "escalated" if outcome == "escalate" else "decided"
            done = msgspec.structs.replace(
                item,
                status=status,
                claimed_by=None if outcome == "escalate" else item.claimed_by,
                decided_by=by,
                decided_at=now,
                outcome=outcome,
                decision_reason=reason,
                result=result,
            )
            effects.decided.append(done)
            return effects, (done, effects)

        item = self.item(item_id)
        subjects = [item.user, *([item.reporter] if item.reporter else [])]
        return self.writer.write(decide, subjects=subjects)

    def _waiting(self, store: Store, item_id: str) -> ReviewItem:
        item = store.reviews.get(item_id)
        if item is None:
            raise NotFound(f"no review item {item_id!r}")
        if item.status not in WAITING:
            raise ConflictError(f"{item_id} was already decided ({item.outcome} by {item.decided_by})")
        return item

    def _effects(
        self,
        item: ReviewItem,
        outcome: ReviewOutcome,
        by: str,
        reason: str,
        store: Store,
        now: float,
        severity: str | None,
    ) -> Effects:
        if outcome == "escalate":
            return Effects()
        tally = self.projection.get_many([item.user], store)[item.user]
        if item.entry_id is not None:  # an automated critical penalty, waiting for a person
            target = store.ledger.get(item.entry_id)
            if target is None:
                raise NotFound(f"no ledger entry {item.entry_id!r}")
            if outcome == "uphold":
                return decisions.review_entry(target, by, reason, tally, self.policy, now)
            effects = decide_reversal(target, by, reason, tally, self.policy, now)
            effects.records.extend(decisions.marks_for(target, by, reason, now, self.policy))
            return effects
        trusted = item.reporter in self.policy.reporting.trusted_flaggers
        source = "automated-detection" if item.reporter is None else "trusted-flagger" if trusted else "user-report"
        evidence = self._reported(item, store) or item.event_id or None  # a report's evidence is its message
        if outcome == "uphold":
            effects = decisions.upheld_report(item, by, reason, tally, self.policy, now, source, evidence, severity)
        else:
            effects = Effects()
            if evidence:  # no automation may penalise this evidence in this category again
                effects.records.append(decisions.evidence_mark(item.user, evidence, item.category, by, reason, now))
        if item.reporter is not None:
            self._judge_reporter(item, outcome == "uphold", store, now, effects)
        return effects

    def _reported(self, item: ReviewItem, store: Store) -> str | None:
        """The message a report is about (the evidence of an upheld report)."""
        payload = store.events.payloads([item.event_id]).get(item.event_id) if item.reporter else None
        return getattr(parse_event(payload), "message", None) if payload is not None else None

    def _judge_reporter(self, item: ReviewItem, upheld: bool, store: Store, now: float, effects: Effects) -> None:
        name = item.reporter or ""
        found = store.governance.get("reporter", name)
        current = found if isinstance(found, Reporter) else Reporter(name)
        tally = self.projection.get_many([name], store)[name]
        record, notices = decisions.judge_reporter(current, upheld, self.policy, now, tally)
        effects.records.append(record)
        effects.notices.append(reports.outcome(item, "uphold" if upheld else "dismiss", self.policy, now))
        effects.notices.extend(notices)

    def refer(self, case: str, authority: str, reason: str, by: str, user: str | None = None) -> Referral:
        """Record a person's referral of a threat to life or safety to an authority."""
        self.check_person(by)
        if not (case.strip() and authority.strip() and reason.strip()):
            raise InvalidRequest("a referral needs the case, the authority and the reason")
        now = self.clock()
        referral = Referral(case_id("f-", case, authority, repr(now)), case, authority, reason, by, now, user)
        return self.writer.write(lambda store: (Effects(records=[referral]), referral))
