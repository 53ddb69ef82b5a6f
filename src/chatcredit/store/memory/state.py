"""The memory store's state: plain containers, copied for a transaction's rollback."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from chatcredit.detectors.brake import BrakeRecord
from chatcredit.domain.keys import ApiKey
from chatcredit.domain.ledger import LedgerEntry
from chatcredit.domain.records import EventRow, ModerationRecord, QuarantineRow
from chatcredit.dueprocess.notices import Notice
from chatcredit.dueprocess.review import ReviewItem, ShadowHit
from chatcredit.governance.records import GovRecord, Index
from chatcredit.records.audit import AuditRecord

if TYPE_CHECKING:
    from chatcredit.store.memory import MemoryStore


@dataclass
class _State:
    events: dict[str, EventRow] = field(default_factory=dict)
    rejects: list[QuarantineRow] = field(default_factory=list)
    days: set[tuple[str, int]] = field(default_factory=set)
    ledger: dict[str, LedgerEntry] = field(default_factory=dict)
    evidence_keys: set[str] = field(default_factory=set)
    seqs: set[tuple[str, int]] = field(default_factory=set)
    journal: list[list[str]] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    reviews: dict[str, ReviewItem] = field(default_factory=dict)
    groups: dict[str, str] = field(default_factory=dict)
    members: dict[tuple[str, str], str] = field(default_factory=dict)
    identities: dict[str, str] = field(default_factory=dict)
    actions: dict[str, ModerationRecord] = field(default_factory=dict)
    keys: dict[str, ApiKey] = field(default_factory=dict)
    users: dict[str, float] = field(default_factory=dict)
    versions: dict[tuple[str, str], float] = field(default_factory=dict)
    brakes: dict[tuple[str, str], BrakeRecord] = field(default_factory=dict)
    shadow: list[ShadowHit] = field(default_factory=list)
    governance: dict[tuple[str, str], tuple[Index, GovRecord]] = field(default_factory=dict)
    audit: list[AuditRecord] = field(default_factory=list)


class _Repo:
    def __init__(self, store: MemoryStore) -> None:
        self._store = store

    @property
    def s(self) -> _State:
        return self._store.state
