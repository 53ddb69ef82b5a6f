"""Effects: what the pure policy functions decide should be written, as typed data.

``decide`` (and every other pure function that changes state: corrections, and later
governance steps, appeal outcomes, retention plans) returns an :class:`Effects`; the one
writer (``service/writer.py``) applies it in one transaction. Nothing else writes domain
state, so nothing can change without passing through that one place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from chatcredit.detectors.brake import BrakeRecord
from chatcredit.domain.keys import ApiKey
from chatcredit.domain.ledger import LedgerEntry
from chatcredit.domain.records import EventRow, ModerationRecord, QuarantineRow
from chatcredit.domain.tally import Tally
from chatcredit.dueprocess.notices import Notice
from chatcredit.dueprocess.review import ReviewItem, ShadowHit
from chatcredit.governance.records import GovRecord, governance_subjects

MembershipOp = Literal["create", "join", "leave", "grant", "revoke"]


@dataclass(frozen=True, slots=True)
class MembershipChange:
    op: MembershipOp
    group: str
    user: str
    role: str
    ts: float


@dataclass(frozen=True, slots=True)
class Erasure:
    """A person's data erased: their messages tombstoned, the ledger under a pseudonym,
    their notices and the review items about them rewritten (as they will be stored)."""

    user: str
    pseudonym: str
    events: list[str]
    entries: list[LedgerEntry]
    notices: list[Notice]
    reviews: list[ReviewItem]


@dataclass(slots=True)
class Effects:
    """Everything one decision writes. ``tallies`` holds the new standing state of each
    subject whose standing changed; the writer publishes them when the write commits."""

    events: list[EventRow] = field(default_factory=list)
    rejects: list[QuarantineRow] = field(default_factory=list)
    active_days: list[tuple[str, int]] = field(default_factory=list)
    memberships: list[MembershipChange] = field(default_factory=list)
    identities: list[tuple[str, str]] = field(default_factory=list)
    moderation: list[ModerationRecord] = field(default_factory=list)
    entries: list[LedgerEntry] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    reviews: list[ReviewItem] = field(default_factory=list)
    #: review items claimed or decided (replacing the stored ones)
    decided: list[ReviewItem] = field(default_factory=list)
    shadow: list[ShadowHit] = field(default_factory=list)
    #: detection's own state: users seen for the first time, brakes engaged
    first_seen: list[tuple[str, float]] = field(default_factory=list)
    brakes: list[BrakeRecord] = field(default_factory=list)
    tallies: dict[str, Tally] = field(default_factory=dict)
    #: governance records to store (role spans, violations, sanctions, listings, …)
    records: list[GovRecord] = field(default_factory=list)
    #: archived messages purged by retention (their ids)
    purged: list[str] = field(default_factory=list)
    erasure: Erasure | None = None
    api_keys: list[ApiKey] = field(default_factory=list)
    #: what the audit log calls this write, and who acted (default: from what it writes)
    act: str = ""
    actor: str = ""

    @property
    def changed_users(self) -> set[str]:
        """Whose standing or usage this changes (what other processes must reload)."""
        return (
            set(self.tallies)
            | {u for u, _ in self.active_days}
            | {c.user for c in self.memberships}
            | {u for u, _ in self.identities}
            | {m.target_user for m in self.moderation}
            | governance_subjects(self.records)
            | ({self.erasure.user, self.erasure.pseudonym} if self.erasure else set())
        )
