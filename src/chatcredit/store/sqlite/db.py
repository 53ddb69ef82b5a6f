"""The SQLite connection: pragmas, migrations, the write transaction, and the one place
where sqlite3's errors become chatcredit's."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import msgspec

from chatcredit.errors import ChatcreditError, StoreBusy, StoreConflict
from chatcredit.store.migrations import migration_files, statements

CHUNK = 500
_PRAGMAS = (
    "journal_mode=WAL",
    "synchronous=NORMAL",
    "foreign_keys=ON",
    "temp_store=MEMORY",
    "cache_size=-262144",
    "wal_autocheckpoint=20000",
    "busy_timeout=5000",
)
#: how long a writer waits in all for another process's write lock before giving up
LOCK_WAIT_SECONDS = 600.0


@contextmanager
def translated(what: str) -> Iterator[None]:
    """sqlite3's errors as chatcredit's: the one place a driver error is translated."""
    try:
        yield
    except sqlite3.IntegrityError as exc:
        raise StoreConflict(f"{what} conflicts with a stored record: {exc}") from None
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise StoreBusy(f"{what}: the database is busy ({exc})") from None
        raise ChatcreditError(f"{what}: {exc}") from None
    except sqlite3.Error as exc:
        raise ChatcreditError(f"{what}: {exc}") from None


def json_list(items: Sequence[str]) -> str:
    return msgspec.json.encode(list(items)).decode()


def marks(n: int) -> str:
    return ",".join("?" * n)


def chunks(items: Sequence[str]) -> Iterator[Sequence[str]]:
    for i in range(0, len(items), CHUNK):
        yield items[i : i + CHUNK]


class Db:
    """One connection. Writes happen in ``transaction()``, which takes the write lock
    first (``BEGIN IMMEDIATE``) so two processes' writers serialise instead of failing."""

    def __init__(self, path: str, read_only: bool = False) -> None:
        self.path = path
        with translated(f"cannot open database {path}"):
            self.conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            for pragma in _PRAGMAS:
                self.conn.execute(f"PRAGMA {pragma}")
            if read_only:
                self.conn.execute("PRAGMA query_only=ON")
        self.depth = 0

    def close(self) -> None:
        self.conn.close()

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        with translated("query"):
            return self.conn.execute(sql, params).fetchall()

    def cursor(self, sql: str, params: Sequence[Any] = ()) -> Iterator[Any]:
        with translated("query"):
            yield from self.conn.execute(sql, params)

    def run(self, sql: str, params: Sequence[Any] = ()) -> int:
        with translated("write"):
            return self.conn.execute(sql, params).rowcount

    def run_many(self, sql: str, params: Iterable[Sequence[Any]]) -> None:
        with translated("write"):
            self.conn.executemany(sql, params)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        if self.depth:
            self.depth += 1
            try:
                yield
            finally:
                self.depth -= 1
            return
        self._begin()
        self.depth = 1
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            with translated("commit"):
                self.conn.execute("COMMIT")
        finally:
            self.depth = 0

    def _begin(self) -> None:
        """Take the write lock, waiting (with back-off) while another process holds it."""
        deadline = time.monotonic() + LOCK_WAIT_SECONDS
        pause = 0.01
        while True:
            try:
                self.conn.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) and "busy" not in str(exc):
                    raise ChatcreditError(f"cannot start a write: {exc}") from None
                if time.monotonic() > deadline:
                    raise StoreBusy(f"another process held the write lock for {LOCK_WAIT_SECONDS:.0f} s") from None
                time.sleep(pause)
                pause = min(pause * 2, 0.5)

    def migrate(self) -> list[str]:
        """Apply the migrations not yet recorded, each in its own transaction."""
        self.run(
            "CREATE TABLE IF NOT EXISTS schema_migrations "
            "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied REAL NOT NULL)"
        )
        applied = []
        for version, name, sql in migration_files("chatcredit.store.sqlite"):
            with self.transaction():  # checked inside the lock: two processes may start at once
                if self.rows("SELECT 1 FROM schema_migrations WHERE version = ?", (version,)):
                    continue
                for statement in statements(sql):
                    self.run(statement)
                self.run("INSERT INTO schema_migrations VALUES (?, ?, ?)", (version, name, time.time()))
            applied.append(name)
        return applied

    # ------------------------------------------------------------- copying (store/transfer.py)

    def columns(self, table: str) -> list[str]:
        return [row[1] for row in self.rows(f"PRAGMA table_info({table})")]

    def dump(self, table: str, columns: Sequence[str], order: str | None) -> Iterator[list[tuple[Any, ...]]]:
        by = {"arrival": "rowid", None: "1"}.get(order, order)
        cursor = self.conn.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY {by}")
        while rows := cursor.fetchmany(10_000):
            yield rows

    def load(self, table: str, columns: Sequence[str], rows: Sequence[tuple[Any, ...]]) -> None:
        self.run_many(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks(len(columns))})", rows)
