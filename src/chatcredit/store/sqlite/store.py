"""The embedded default store: one SQLite file in WAL mode, its repositories on one connection."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from chatcredit.store.sqlite.archive import SqliteActivity, SqliteEvents, SqliteQuarantine
from chatcredit.store.sqlite.db import Db
from chatcredit.store.sqlite.governance import SqliteGovernance
from chatcredit.store.sqlite.keeping import SqliteArchive, SqliteAudit
from chatcredit.store.sqlite.ledger import SqliteJournal, SqliteLedger
from chatcredit.store.sqlite.records import (
    SqliteDetectionState,
    SqliteGroups,
    SqliteKeys,
    SqliteNotices,
    SqliteReviews,
)


class SqliteStore:
    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        self.path = str(path)
        self._db = Db(self.path, read_only)
        if not read_only:
            self._db.migrate()
        db = self._db
        self.events = SqliteEvents(db)
        self.quarantine = SqliteQuarantine(db)
        self.activity = SqliteActivity(db)
        self.ledger = SqliteLedger(db)
        self.journal = SqliteJournal(db)
        self.notices = SqliteNotices(db)
        self.reviews = SqliteReviews(db)
        self.groups = SqliteGroups(db)
        self.detection = SqliteDetectionState(db)
        self.keys = SqliteKeys(db)
        self.governance = SqliteGovernance(db)
        self.audit = SqliteAudit(db)
        self.archive = SqliteArchive(db)
        self.columns, self.dump, self.load = db.columns, db.dump, db.load

    def migrate(self) -> list[str]:
        return self._db.migrate()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self._db.transaction():
            yield

    def lock(self, users: Sequence[str]) -> None:
        """Nothing to take: a transaction here holds the whole store."""

    def lock_commits(self) -> None:
        """Nothing to take: a transaction here holds the whole store."""

    def is_empty(self) -> bool:
        return self.events.count() == 0 and not self.ledger.scored_users() and not self.keys.list()

    def reader(self) -> SqliteStore:
        """A second connection on the same file, for reads only (WAL: never blocked by a writer)."""
        return SqliteStore(self.path, read_only=True)

    def close(self) -> None:
        self._db.close()
