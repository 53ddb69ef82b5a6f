"""The Store protocol: everything chatcredit keeps, behind one batch-oriented interface.

Two implementations pass the same contract tests (``tests/test_store_contract.py``):
:class:`~chatcredit.store.memory.MemoryStore` for unit tests and
:class:`~chatcredit.store.sqlite.SqliteStore`, the embedded default.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Literal, Protocol

from chatcredit.dueprocess.notices import Notice
from chatcredit.keys import ApiKey
from chatcredit.ledger import LedgerEntry
from chatcredit.policy.decide import ReviewItem
from chatcredit.standing import Standing

MembershipOp = Literal["create", "join", "leave", "grant", "revoke"]


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


@dataclass(frozen=True, slots=True)
class MembershipChange:
    op: MembershipOp
    group: str
    user: str
    role: str
    ts: float


@dataclass(frozen=True, slots=True)
class UsageCounts:
    groups_owned: int
    groups_joined: int
    identity_level: str


class Store(Protocol):
    def close(self) -> None: ...

    def transaction(self) -> AbstractContextManager[None]:
        """All writes inside happen together or not at all."""
        ...

    # archive of events
    def known_event_ids(self, ids: Sequence[str]) -> set[str]: ...
    def add_events(self, rows: Sequence[EventRow]) -> None: ...
    def iter_events(self, types: Sequence[str], since: float | None = None) -> Iterator[EventRow]: ...
    def message_times(self, user: str, since: float, until: float) -> list[float]: ...
    def count_events(self) -> int: ...

    # quarantine
    def add_rejects(self, rows: Sequence[QuarantineRow]) -> None: ...
    def quarantine(self, limit: int = 1000, offset: int = 0) -> list[QuarantineRow]: ...

    # activity (days on which a user posted)
    def add_active_days(self, pairs: Iterable[tuple[str, int]]) -> None: ...
    def active_days(self, users: Sequence[str]) -> dict[str, set[int]]: ...

    # the ledger
    def append_entries(self, entries: Sequence[LedgerEntry]) -> None:
        """Append; raise ConflictError if a (user, seq) or evidence key already exists."""
        ...

    def entries(self, users: Sequence[str]) -> dict[str, list[LedgerEntry]]: ...
    def entry(self, entry_id: str) -> LedgerEntry | None: ...
    def decided_keys(self, keys: Sequence[str]) -> set[str]: ...
    def scored_users(self) -> list[str]: ...

    # due process
    def add_notices(self, notices: Sequence[Notice]) -> None: ...
    def notices(self, user: str) -> list[Notice]: ...
    def add_review_items(self, items: Sequence[ReviewItem]) -> None: ...
    def review_items(self, status: str = "open", limit: int = 1000) -> list[ReviewItem]: ...

    # standings (a projection: can be dropped and rebuilt)
    def put_standings(self, standings: Sequence[Standing]) -> None: ...
    def standing(self, user: str) -> Standing | None: ...
    def all_standings(self) -> list[Standing]: ...
    def clear_standings(self) -> None: ...

    # groups, roles and identity
    def apply_memberships(self, changes: Sequence[MembershipChange]) -> None: ...
    def set_identity(self, user: str, level: str) -> None: ...
    def usage_counts(self, user: str) -> UsageCounts: ...
    def group_size(self, group: str) -> int: ...

    # API keys
    def add_key(self, key: ApiKey) -> None: ...
    def key(self, key_id: str) -> ApiKey | None: ...
    def list_keys(self) -> list[ApiKey]: ...
    def revoke_key(self, key_id: str, when: float) -> bool: ...
