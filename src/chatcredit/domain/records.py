"""Records kept as they came: archived events, quarantined input, usage counts."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class EventRow:
    id: str
    type: str
    ts: float
    user: str
    group: str | None
    payload: bytes


@dataclass(frozen=True, slots=True)
class QuarantineRow:
    source: str
    line: int
    raw: str
    field: str | None
    reason: str
    received: float
    #: a hash of the whole raw record: the same record from the same place is kept once
    digest: str = ""


@dataclass(frozen=True, slots=True)
class UsageCounts:
    groups_owned: int
    groups_joined: int
    identity_level: str


@dataclass(frozen=True, slots=True)
class ModerationRecord:
    """A platform moderator's act, as reported by a ``moderation_action`` event."""

    event_id: str
    ts: float
    group: str
    moderator: str
    target_user: str
    action: str
    message: str | None
    reason: str
