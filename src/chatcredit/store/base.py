"""The store: small repositories, one per concept, behind a unit of work.

A store is opened once per process. Its ``transaction()`` is the unit of work: every
write inside commits together or not at all, and the writer (``service/writer.py``) is
the only caller that writes domain state. ``reader()`` gives a second handle for reads
that must never wait for a writer (the HTTP service's request loop).

Three backends pass the same contract tests (``tests/test_store_contract.py``): the
in-memory store for unit tests, SQLite (the embedded default) and PostgreSQL (several
processes sharing one database). Each backend turns its driver's errors into
:mod:`chatcredit.errors` in one place.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from typing import Protocol

from chatcredit.detectors.brake import BrakeRecord
from chatcredit.domain.effects import MembershipChange
from chatcredit.domain.keys import ApiKey
from chatcredit.domain.ledger import LedgerEntry
from chatcredit.domain.records import EventRow, ModerationRecord, QuarantineRow, UsageCounts
from chatcredit.dueprocess.notices import Notice
from chatcredit.dueprocess.review import ReviewItem, ShadowHit
from chatcredit.governance.records import GovRecord
from chatcredit.records.audit import AuditRecord


class Events(Protocol):
    """The archive of accepted events."""

    def payloads(self, ids: Sequence[str]) -> dict[str, bytes]:
        """The stored payload of each of ``ids`` that is known."""
        ...

    def add(self, rows: Sequence[EventRow]) -> None: ...
    def iterate(
        self, types: Sequence[str], since: float | None = None, until: float | None = None
    ) -> Iterator[EventRow]:
        """Archived events of ``types`` with ``since <= ts <= until``, in time order."""
        ...

    def message_times(self, user: str, since: float, until: float) -> list[float]: ...
    def count(self) -> int: ...
    def per_day(self, since: float) -> dict[int, int]:
        """{UTC day number: archived events} from ``since`` on."""
        ...


class Quarantine(Protocol):
    def add(self, rows: Sequence[QuarantineRow]) -> None:
        """Keep each record once: a row with the same source, line and digest is skipped."""
        ...

    def list(self, limit: int = 1000, offset: int = 0) -> list[QuarantineRow]: ...


class Activity(Protocol):
    """The days on which each user posted."""

    def add(self, pairs: Iterable[tuple[str, int]]) -> None: ...
    def days(self, users: Sequence[str]) -> dict[str, set[int]]: ...
    def unscored_histogram(self) -> dict[int, int]:
        """{active days: users} over the users without a ledger entry."""
        ...


class Ledger(Protocol):
    def append(self, entries: Sequence[LedgerEntry]) -> list[LedgerEntry]:
        """Append, giving each entry the next global position; return them with it.
        Raise ConflictError if a (user, seq) or evidence key already exists."""
        ...

    def of_users(self, users: Sequence[str]) -> dict[str, list[LedgerEntry]]: ...
    def get(self, entry_id: str) -> LedgerEntry | None: ...
    def decided_keys(self, keys: Sequence[str]) -> set[str]: ...
    def scored_users(self) -> list[str]: ...
    def users(self) -> list[str]:
        """The users with at least one entry."""
        ...


class Journal(Protocol):
    """One row per committed write naming the users it changed: what caches follow."""

    def append(self, users: Sequence[str], ts: float) -> int: ...
    def since(self, position: int, limit: int = 10_000) -> tuple[int, set[str], bool]:
        """``(last position read, users changed after position, more rows left)``."""
        ...

    def head(self) -> int: ...


class Notices(Protocol):
    def add(self, notices: Sequence[Notice]) -> None: ...
    def of_user(self, user: str) -> list[Notice]: ...
    def get(self, notice_id: str) -> Notice | None: ...
    def between(self, since: float, until: float) -> list[Notice]:
        """Notices issued in ``[since, until)``, in time order (the transparency report)."""
        ...


class Reviews(Protocol):
    def add(self, items: Sequence[ReviewItem]) -> None:
        """Add new items (an item already there is kept as it is)."""
        ...

    def update(self, items: Sequence[ReviewItem]) -> None:
        """Replace items already there (a claim, a decision)."""
        ...

    def get(self, item_id: str) -> ReviewItem | None: ...
    def summary(self, since: float = float("-inf"), until: float = float("inf")) -> dict[str, tuple[int, float]]:
        """{status: (items, the oldest one's time)} over the items dated in [since, until)."""
        ...

    def list(self, status: str = "open", limit: int = 1000, user: str | None = None) -> list[ReviewItem]: ...


class Groups(Protocol):
    """Groups, roles, memberships and identity levels."""

    def apply(self, changes: Sequence[MembershipChange]) -> None: ...
    def add_actions(self, actions: Sequence[ModerationRecord]) -> None:
        """Record platform moderators' acts (each event once)."""
        ...

    def actions_on(self, user: str, limit: int = 1000) -> list[ModerationRecord]: ...
    def set_identity(self, user: str, level: str) -> None: ...
    def usage(self, user: str) -> UsageCounts: ...
    def size(self, group: str) -> int: ...


class DetectionState(Protocol):
    """Account ages, rule versions, the brake, shadow hits."""

    def add_users(self, pairs: Sequence[tuple[str, float]]) -> None:
        """Record when users were first seen (the earliest time recorded for a user wins,
        whichever process records it first)."""
        ...

    def first_seen(self, users: Sequence[str]) -> dict[str, float]: ...
    def rule_versions(self) -> dict[tuple[str, str], float]: ...
    def add_rule_versions(self, rows: Sequence[tuple[str, str, float]]) -> None: ...
    def brakes(self) -> list[BrakeRecord]: ...
    def add_brakes(self, records: Sequence[BrakeRecord]) -> None: ...
    def add_shadow_hits(self, hits: Sequence[ShadowHit]) -> None: ...
    def shadow_hits(self, user: str | None = None, limit: int = 1000) -> list[ShadowHit]: ...
    def shadow_hit_counts(self) -> dict[str, int]: ...


class Governance(Protocol):
    """Governance records (role spans, violations, sanctions, accounts, listings, banks,
    overrides, verifications): one JSON body each, found by kind and its index columns."""

    def put(self, records: Sequence[GovRecord]) -> None:
        """Store each record, replacing the one of the same kind and id."""
        ...

    def get(self, kind: str, record_id: str) -> GovRecord | None: ...
    def find(
        self,
        kind: str,
        subject: str | None = None,
        group: str | None = None,
        status: Sequence[str] = (),
        since: float | None = None,
        limit: int | None = None,
    ) -> list[GovRecord]:
        """Records of ``kind`` matching every filter given, in time order (the first ``limit``)."""
        ...


class AuditLog(Protocol):
    """The hash-chained audit log (``records/audit.py``): appended by the one writer."""

    def head(self) -> AuditRecord | None: ...
    def append(self, records: Sequence[AuditRecord]) -> None: ...
    def iterate(self, since_seq: int = 0, since_ts: float | None = None) -> Iterator[AuditRecord]: ...


class Archive(Protocol):
    """The archive's housekeeping: retention's candidates and purge, erasure."""

    def candidates(self, before: float) -> Iterator[tuple[str, float, str, str | None]]:
        """Messages, edits and deletions older than ``before``: (id, time, author, group), oldest first."""
        ...

    def purge(self, ids: Sequence[str]) -> int: ...
    def evidence(self, ids: Sequence[str]) -> dict[str, list[str]]:
        """For each of ``ids`` that is a ledger entry's evidence: the entries' ids."""
        ...

    def of_user(self, user: str) -> list[EventRow]: ...
    def erase(
        self, user: str, pseudonym: str, events: Sequence[str], notices: Sequence[Notice], reviews: Sequence[ReviewItem]
    ) -> None:
        """Tombstone ``events``, give the ledger ``pseudonym`` for ``user``, replace the
        user's notices and these review items, forget days, roles, identity, first-seen."""
        ...


class Keys(Protocol):
    """API keys (only a hash of each secret)."""

    def add(self, key: ApiKey) -> None: ...
    def get(self, key_id: str) -> ApiKey | None: ...
    def list(self) -> list[ApiKey]: ...
    def revoke(self, key_id: str, when: float) -> bool: ...


class Store(Protocol):
    """The unit of work and its repositories."""

    @property
    def events(self) -> Events: ...
    @property
    def quarantine(self) -> Quarantine: ...
    @property
    def activity(self) -> Activity: ...
    @property
    def ledger(self) -> Ledger: ...
    @property
    def journal(self) -> Journal: ...
    @property
    def notices(self) -> Notices: ...
    @property
    def reviews(self) -> Reviews: ...
    @property
    def groups(self) -> Groups: ...
    @property
    def detection(self) -> DetectionState: ...
    @property
    def keys(self) -> Keys: ...
    @property
    def governance(self) -> Governance: ...
    @property
    def audit(self) -> AuditLog: ...
    @property
    def archive(self) -> Archive: ...

    def transaction(self) -> AbstractContextManager[None]:
        """Writes inside happen together or not at all; writers serialise (SQLite takes
        the write lock at the start, waiting for another process's write to finish)."""
        ...

    def lock(self, users: Sequence[str]) -> None:
        """Inside a transaction: hold these subjects until it ends, so that no other
        process's writer changes them meanwhile (a writer locks whom it reads a standing
        of). Where the transaction already holds the whole store (SQLite's write lock,
        the memory store) there is nothing more to take."""
        ...

    def lock_commits(self) -> None:
        """Inside a transaction: take the lock that orders commits, held until it ends
        (ledger positions and the journal are numbered under it, in commit order)."""
        ...

    def reader(self) -> Store:
        """A handle for reads from another thread, never blocked by a writer."""
        ...

    def close(self) -> None: ...
