"""The records of due process: appeals, manual marks, the notice outbox, reporters'
records and referrals. Each is a msgspec struct kept in the generic records table (one
JSON body, found by kind and a few index columns: ``index_fields``), written only by the
one writer, as every other domain state."""

from __future__ import annotations

import hashlib
from typing import Literal

import msgspec

from chatcredit.vocabulary import Time

AppealStatus = Literal["filed", "upheld", "overturned", "modified"]
AppealOutcome = Literal["uphold", "overturn", "modify"]
DeliveryStatus = Literal["pending", "delivered", "dead", "acked"]
MarkScope = Literal["evidence", "rule"]

#: an index: (subject, group, status, time)
IndexFields = tuple[str, str | None, str, float]


def case_id(prefix: str, *parts: str) -> str:
    return prefix + hashlib.blake2b("\x1f".join(parts).encode(), digest_size=8).hexdigest()


class Appeal(msgspec.Struct, frozen=True, tag="appeal"):
    """A person contests a decision (a ledger entry or a measure), naming its notice."""

    id: str
    user: str
    notice_id: str
    target: str  # the ledger entry, or the measure (sanction, listing) the notice is about
    target_kind: str  # the notice's kind: penalty, sanction, listing, ...
    original_actor: str  # who made the decision: never its reviewer
    statement: str
    filed: Time
    deadline: Time  # by when a decision is due (the policy's decision_days)
    status: AppealStatus = "filed"
    reviewer: str | None = None
    decided: Time | None = None
    reason: str = ""
    points: int | None = None  # a modified decision's new points
    result: tuple[str, ...] = ()  # the entries and measures the decision wrote or lifted

    def index_fields(self) -> IndexFields:
        return (self.user, None, self.status, self.filed)


class Mark(msgspec.Struct, frozen=True, tag="mark"):
    """A person's decision that automation must respect: a penalty removed (an evidence
    and category, or a rule for a user, for a period) cannot be applied again by
    re-ingestion, a rescan or a new rule; a manual penalty cannot be removed by automation."""

    id: str
    user: str
    scope: MarkScope
    category: str
    event_id: str | None
    rule_id: str | None
    by: str
    ts: Time
    until: Time | None
    reason: str

    def index_fields(self) -> IndexFields:
        return (self.user, None, self.scope, self.ts)

    def covers(self, event_id: str, rule_id: str, category: str, at: float) -> bool:
        if self.until is not None and at >= self.until:
            return False
        if self.scope == "evidence":
            return self.event_id == event_id and self.category == category
        return self.rule_id == rule_id


def evidence_mark_id(user: str, event_id: str, category: str) -> str:
    return case_id("k-", "evidence", user, event_id, category)


def rule_mark_id(user: str, rule_id: str) -> str:
    return case_id("k-", "rule", user, rule_id)


class Delivery(msgspec.Struct, frozen=True, tag="delivery"):
    """The outbox: one row per notice, written with it, delivered at least once."""

    notice_id: str
    user: str
    created: Time
    status: DeliveryStatus = "pending"
    attempts: int = 0
    next_at: Time = 0.0
    last_error: str = ""
    delivered: Time | None = None

    @property
    def id(self) -> str:
        return self.notice_id

    def index_fields(self) -> IndexFields:
        return (self.user, None, self.status, self.next_at)


class Reporter(msgspec.Struct, frozen=True, tag="reporter"):
    """A reporter's record: decided reports, upheld or dismissed, a warning and a
    suspension from reporting (DSA Art. 23(2)), each with notice."""

    reporter: str
    upheld: int = 0
    dismissed: int = 0
    warned: Time | None = None
    suspended_until: Time | None = None

    @property
    def id(self) -> str:
        return self.reporter

    def index_fields(self) -> IndexFields:
        return (self.reporter, None, "suspended" if self.suspended_until else "active", self.warned or 0.0)

    def precision(self, prior_upheld: float, prior_dismissed: float) -> float:
        """Upheld / decided, with a Beta prior: a new reporter starts at the prior's mean."""
        return (self.upheld + prior_upheld) / (self.upheld + self.dismissed + prior_upheld + prior_dismissed)

    def suspended_at(self, at: float) -> bool:
        return self.suspended_until is not None and at < self.suspended_until


class Referral(msgspec.Struct, frozen=True, tag="referral"):
    """A moderator's referral of a threat to life or safety to an authority (DSA Art. 18):
    always a person's act, never automation's."""

    id: str
    case: str
    authority: str
    reason: str
    by: str
    ts: Time
    user: str | None = None

    def index_fields(self) -> IndexFields:
        return (self.user or self.case, None, self.authority, self.ts)
