"""PostgreSQL: one database shared by several engine processes, its repositories on a
pool of connections."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from chatcredit.store.postgres.archive import PgActivity, PgEvents, PgQuarantine
from chatcredit.store.postgres.db import PgDb
from chatcredit.store.postgres.governance import PgGovernance
from chatcredit.store.postgres.keeping import PgArchive, PgAudit
from chatcredit.store.postgres.ledger import PgJournal, PgLedger
from chatcredit.store.postgres.records import PgDetectionState, PgGroups, PgKeys, PgNotices, PgReviews


class PostgresStore:
    def __init__(self, url: str, pool_size: int = 4, db: PgDb | None = None) -> None:
        self.url = url
        self._owner = db is None
        self._db = db if db is not None else PgDb(url, pool_size)
        if self._owner:
            self._db.migrate()
        pg = self._db
        self.events = PgEvents(pg)
        self.quarantine = PgQuarantine(pg)
        self.activity = PgActivity(pg)
        self.ledger = PgLedger(pg)
        self.journal = PgJournal(pg)
        self.notices = PgNotices(pg)
        self.reviews = PgReviews(pg)
        self.groups = PgGroups(pg)
        self.detection = PgDetectionState(pg)
        self.keys = PgKeys(pg)
        self.governance = PgGovernance(pg)
        self.audit = PgAudit(pg)
        self.archive = PgArchive(pg)
        self.columns, self.dump, self.load = pg.columns, pg.dump, pg.load

    def migrate(self) -> list[str]:
        return self._db.migrate()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self._db.transaction():
            yield

    def lock(self, users: Sequence[str]) -> None:
        self._db.lock_subjects(users)

    def lock_commits(self) -> None:
        self._db.lock_commits()

    def is_empty(self) -> bool:
        return self.events.count() == 0 and not self.ledger.scored_users() and not self.keys.list()

    def reader(self) -> PostgresStore:
        """The same pool: each read on another thread borrows its own connection."""
        return PostgresStore(self.url, db=self._db.sibling())

    def close(self) -> None:
        if self._owner:
            self._db.close()
