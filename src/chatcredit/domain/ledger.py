"""Ledger entries: immutable facts about a user's score, appended, never edited."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Literal

EntryKind = Literal["penalty", "credit", "reversal"]


@dataclass(frozen=True, slots=True)
class LedgerEntry:
    """One fact in a user's ledger.

    ``points`` is signed: a penalty's base points are negative (the repeat multiplier
    and decay are applied by the fold), a credit's positive, a reversal's zero.
    """

    id: str
    user: str
    seq: int
    ts: float
    kind: EntryKind
    points: int
    reason_code: str
    category: str
    rule_id: str
    severity: str
    half_life_days: float | None
    evidence_event: str | None
    evidence_key: str | None
    excerpt: str
    actor: str
    automated_detection: bool
    automated_decision: bool
    policy_version: str
    note: str = ""
    reverses: str | None = None
    group: str | None = None
    span_start: int | None = None
    span_end: int | None = None


def entry_id(user: str, seq: int) -> str:
    """A stable, opaque id for the entry ``(user, seq)``."""
    digest = hashlib.blake2b(f"{user}\x00{seq}".encode(), digest_size=8).hexdigest()
    return f"e-{digest}"
