"""Ledger entries: immutable facts about a subject's score, appended, never edited.

``LedgerEntry`` is the one description of an entry: the store's columns, the JSON views
and the OpenAPI schema are all derived from its fields. Adding a field means adding it
here and writing one migration.
"""

from __future__ import annotations

import hashlib

import msgspec

from chatcredit.vocabulary import EntryKind, Severity, Time


class LedgerEntry(msgspec.Struct, frozen=True):
    """One fact in a user's ledger.

    ``points`` is signed: a penalty's base points are negative (the repeat multiplier
    and decay are applied by the fold), a credit's positive, a reversal's zero.
    A ``review`` entry records that a person reviewed the critical penalty ``reviews``
    names and upheld it: from then on that penalty fades with the entry's half-life.
    ``pos`` is the entry's global position in the ledger (assigned by the store when
    the entry is appended, 0 before): every process's caches follow it.
    """

    id: str
    user: str
    seq: int
    ts: Time
    kind: EntryKind
    points: int
    reason_code: str
    category: str
    rule_id: str
    severity: Severity
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
    pos: int = 0
    reviews: str | None = None


def entry_id(user: str, seq: int) -> str:
    """A stable, opaque id for the entry ``(user, seq)``."""
    digest = hashlib.blake2b(f"{user}\x00{seq}".encode(), digest_size=8).hexdigest()
    return f"e-{digest}"
