"""Where a test's database lives: a SQLite file in the test's folder, or, when
``CHATCREDIT_TEST_POSTGRES`` names a (throwaway) PostgreSQL server, a database of its own
on that server. One switch runs every engine, CLI and server test on PostgreSQL:

    CHATCREDIT_TEST_POSTGRES=postgresql://chatcredit@127.0.0.1:55432/postgres pytest

(``make test-postgres`` starts such a server, runs the suite, and removes it.)
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

from chatcredit.store.postgres import PostgresStore

SERVER = os.environ.get("CHATCREDIT_TEST_POSTGRES", "")
TEMPLATE = "chatcredit_template"
_made: set[str] = set()


def on_postgres() -> bool:
    return bool(SERVER)


def url_of(name: str) -> str:
    """The URL of database ``name`` on the test server."""
    return urlunsplit(urlsplit(SERVER)._replace(path=f"/{name}"))


def _template() -> None:
    """A migrated template, made once per server (under a lock: xdist workers race)."""
    with psycopg.connect(SERVER, autocommit=True) as admin:
        admin.execute("SELECT pg_advisory_lock(4242)")
        try:
            if not admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", (TEMPLATE,)).fetchone():
                admin.execute(f"CREATE DATABASE {TEMPLATE}")
                PostgresStore(url_of(TEMPLATE)).close()
        finally:
            admin.execute("SELECT pg_advisory_unlock(4242)")


def fresh_postgres(key: str) -> str:
    """A new database for ``key`` (the same key gives the same database: a second
    process or a reopened engine finds what the first wrote)."""
    name = "t_" + hashlib.blake2b(key.encode(), digest_size=10).hexdigest()
    if name not in _made:
        _template()
        with psycopg.connect(SERVER, autocommit=True) as admin:
            if not admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
                admin.execute(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE} STRATEGY FILE_COPY")
        _made.add(name)
    return url_of(name)


def database(folder: Path, name: str) -> str:
    """The database a test calls ``name``: ``folder / name`` on SQLite, else its own
    database on the PostgreSQL test server."""
    if not SERVER:
        return str(folder / name)
    return fresh_postgres(f"{folder}/{name}")
