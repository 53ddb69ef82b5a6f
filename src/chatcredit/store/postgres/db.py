"""The PostgreSQL connection pool: transactions, subject locks, the commit-order lock,
migrations, bulk writes (``COPY`` and ``unnest``), and the one place where psycopg's
errors become chatcredit's.

Outside a transaction every call borrows a pooled connection in autocommit mode, so
readers on several threads never wait for each other or for a writer. A transaction
keeps one connection for its thread until it commits.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import psycopg
from psycopg import errors as pgerrors
from psycopg_pool import ConnectionPool, PoolTimeout

from chatcredit.errors import ChatcreditError, StoreBusy, StoreConflict
from chatcredit.store import redacted
from chatcredit.store.migrations import migration_files, statements

#: the advisory lock key that orders commits (ledger positions, the journal) and migrations
COMMIT_LOCK = 0x63636F6D  # "ccom"
MIGRATE_LOCK = 0x63636D67  # "ccmg"
#: how long a write waits for a lock another process holds before giving up (ms)
LOCK_TIMEOUT_MS = 600_000
#: how long a call waits for a free pooled connection
POOL_WAIT_SECONDS = 30.0


@contextmanager
def translated(what: str) -> Iterator[None]:
    """psycopg's errors as chatcredit's: the one place a driver error is translated.

    A unique key another writer took first, a deadlock between two writers and a
    serialisation failure are conflicts (the writer decides again on fresh state); a lock
    or pool wait that ran out is busy; anything else names what failed."""
    try:
        yield
    except (pgerrors.UniqueViolation, pgerrors.DeadlockDetected, pgerrors.SerializationFailure) as exc:
        raise StoreConflict(f"{what} conflicts with another writer: {_first_line(exc)}") from None
    except (pgerrors.LockNotAvailable, pgerrors.QueryCanceled) as exc:
        raise StoreBusy(f"{what}: another process held a lock too long ({_first_line(exc)})") from None
    except PoolTimeout as exc:
        raise StoreBusy(f"{what}: no free database connection ({exc})") from None
    except psycopg.OperationalError as exc:
        raise ChatcreditError(f"{what}: cannot reach the database ({_first_line(exc)})") from None
    except psycopg.Error as exc:
        raise ChatcreditError(f"{what}: {_first_line(exc)}") from None


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


class PgDb:
    """A pool of connections to one database, shared by a store and its readers."""

    def __init__(self, url: str, pool_size: int = 4, pool: ConnectionPool[Any] | None = None) -> None:
        self.url = url
        self._local = threading.local()
        if pool is not None:
            self.pool = pool
            return
        with translated(f"cannot open database {redacted(url)}"):
            self.pool = ConnectionPool(
                url,
                min_size=1,
                max_size=max(2, pool_size),
                kwargs={"autocommit": True},
                open=False,
                timeout=POOL_WAIT_SECONDS,
            )
            self.pool.open(wait=True, timeout=POOL_WAIT_SECONDS)

    def close(self) -> None:
        self.pool.close()

    def sibling(self) -> PgDb:
        """Another handle on the same pool that never joins this handle's transactions
        (a reader on the writer's thread sees only what is committed, as on SQLite)."""
        return PgDb(self.url, pool=self.pool)

    # ------------------------------------------------------------- connections

    @property
    def in_transaction(self) -> bool:
        return getattr(self._local, "conn", None) is not None

    @contextmanager
    def connection(self) -> Iterator[psycopg.Connection[Any]]:
        """This thread's transaction connection, else a pooled one (autocommit)."""
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            yield conn
            return
        with translated("database connection"), self.pool.connection() as pooled:
            yield pooled

    def rows(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[Any]:
        with self.connection() as conn, translated("query"):
            return conn.execute(sql, params).fetchall()

    def run(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> int:
        with self.connection() as conn, translated("write"):
            return conn.execute(sql, params).rowcount

    def run_many(self, sql: str, params: Sequence[Sequence[Any] | dict[str, Any]]) -> None:
        """One statement over many rows, pipelined (one round trip, not one per row)."""
        if params:
            with self.connection() as conn, translated("write"), conn.cursor() as cur:
                cur.executemany(sql, params)

    def copy(self, table: str, columns: Sequence[str], types: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        """Bulk-load ``rows`` with binary ``COPY`` (no per-row statements)."""
        if not rows:
            return
        sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN (FORMAT BINARY)"
        with self.connection() as conn, translated(f"write to {table}"), conn.cursor() as cur, cur.copy(sql) as copy:
            copy.set_types(list(types))
            for row in rows:
                copy.write_row(row)

    def insert(
        self,
        table: str,
        columns: Sequence[str],
        types: Sequence[str],
        rows: Sequence[Sequence[Any]],
        conflict: str = "ON CONFLICT DO NOTHING",
    ) -> None:
        """Insert ``rows`` in one statement: one array per column, ``unnest``ed (what
        ``COPY`` cannot do: skip or merge rows that are already there)."""
        if not rows:
            return
        arrays = ", ".join(f"%s::{t}[]" for t in types)
        sql = f"INSERT INTO {table} ({', '.join(columns)}) SELECT * FROM unnest({arrays}) {conflict}"
        self.run(sql, [list(column) for column in zip(*rows, strict=True)])

    # ------------------------------------------------------------- transactions

    @contextmanager
    def transaction(self) -> Iterator[None]:
        if self.in_transaction:
            yield
            return
        with translated("database connection"), self.pool.connection() as conn:
            self._local.conn = conn
            self._local.held = set()
            try:
                with translated("commit"), conn.transaction():
                    conn.execute(f"SET LOCAL lock_timeout = {LOCK_TIMEOUT_MS}")
                    yield
            finally:
                self._local.conn = None
                self._local.held = set()

    def lock_subjects(self, users: Sequence[str]) -> None:
        """Lock each subject's row (in user order, so that two writers never deadlock on
        them) until the transaction ends; subjects already held are skipped."""
        if not self.in_transaction:
            return
        held: set[str] = self._local.held
        wanted = sorted(set(users) - held)
        if not wanted:
            return
        self.run(
            "INSERT INTO subject_locks (user_id) SELECT u FROM unnest(%s::text[]) AS u ORDER BY u "
            "ON CONFLICT (user_id) DO UPDATE SET writes = subject_locks.writes + 1",
            (wanted,),
        )
        held.update(wanted)

    def lock_commits(self) -> None:
        """Take the lock that orders commits, held until this transaction ends."""
        if self.in_transaction:
            self.run("SELECT pg_advisory_xact_lock(%s)", (COMMIT_LOCK,))

    # ------------------------------------------------------------- migrations

    def migrate(self) -> list[str]:
        """Apply the migrations not yet recorded, each in its own transaction (under an
        advisory lock: two processes starting at once apply each migration once)."""
        with self.transaction():  # CREATE … IF NOT EXISTS is not safe from a race by itself
            self.run("SELECT pg_advisory_xact_lock(%s)", (MIGRATE_LOCK,))
            self.run(
                "CREATE TABLE IF NOT EXISTS schema_migrations "
                "(version integer PRIMARY KEY, name text NOT NULL, applied double precision NOT NULL)"
            )
        applied = []
        for version, name, sql in migration_files("chatcredit.store.postgres"):
            with self.transaction():
                self.run("SELECT pg_advisory_xact_lock(%s)", (MIGRATE_LOCK,))
                if self.rows("SELECT 1 FROM schema_migrations WHERE version = %s", (version,)):
                    continue
                for statement in statements(sql):
                    self.run(statement)
                self.run("INSERT INTO schema_migrations VALUES (%s, %s, %s)", (version, name, time.time()))
            applied.append(name)
        return applied

    # ------------------------------------------------------------- copying (store/transfer.py)

    def columns(self, table: str) -> list[str]:
        return [name for name, _ in self._column_types(table)]

    def _column_types(self, table: str) -> list[tuple[str, str]]:
        return self.rows(
            "SELECT column_name, udt_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND table_name = %s ORDER BY ordinal_position",
            (table,),
        )

    def dump(self, table: str, columns: Sequence[str], order: str | None) -> Iterator[list[tuple[Any, ...]]]:
        by = {"arrival": "n", None: "1"}.get(order, order)
        sql = f"SELECT {', '.join(columns)} FROM {table} ORDER BY {by}"
        with (
            translated(f"read {table}"),
            self.pool.connection() as conn,
            conn.transaction(),
            conn.cursor(name=f"dump_{table}") as cur,
        ):
            cur.execute(sql)
            while rows := cur.fetchmany(10_000):
                yield rows

    def load(self, table: str, columns: Sequence[str], rows: Sequence[tuple[Any, ...]]) -> None:
        """Rows from another backend, made of this table's types (SQLite's 0/1 as booleans)."""
        types = dict(self._column_types(table))
        wanted = [types[c] for c in columns]
        flags = [i for i, t in enumerate(wanted) if t == "bool"]
        if flags:
            rows = [tuple(bool(v) if i in flags and v is not None else v for i, v in enumerate(r)) for r in rows]
        self.copy(table, columns, wanted, rows)


def database_exists(url: str) -> bool:
    """Whether the database at ``url`` holds chatcredit's tables (``init`` was run)."""
    with translated(f"cannot open database {redacted(url)}"), psycopg.connect(url, autocommit=True) as conn:
        row = conn.execute("SELECT to_regclass('schema_migrations') IS NOT NULL").fetchone()
        return bool(row and row[0])
