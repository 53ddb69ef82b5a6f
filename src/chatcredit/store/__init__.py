"""Storage: repositories behind a unit of work, and their backends."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from chatcredit.errors import InvalidRequest
from chatcredit.store.base import Store
from chatcredit.store.memory import MemoryStore
from chatcredit.store.sqlite import SqliteStore

__all__ = [
    "MemoryStore",
    "SqliteStore",
    "Store",
    "is_postgres",
    "open_store",
    "redacted",
    "sqlite_path",
    "store_exists",
]

_POSTGRES = ("postgresql://", "postgres://")


def redacted(url: str | Path) -> str:
    """``url`` without its password, for messages and logs."""
    text = str(url)
    if not is_postgres(text):
        return text
    parts = urlsplit(text)
    if parts.password is None:
        return text
    host = parts.netloc.rsplit("@", 1)[-1]
    return urlunsplit(parts._replace(netloc=f"{parts.username}:***@{host}"))


def is_postgres(url: str | Path) -> bool:
    return str(url).startswith(_POSTGRES)


def sqlite_path(url: str | Path) -> str:
    """The file of a SQLite URL: ``sqlite:///rel.db`` and ``sqlite:////abs.db`` (as
    SQLAlchemy writes them), ``sqlite:rel.db``, or a plain path."""
    text = str(url)
    if text.startswith("sqlite:///"):
        return text.removeprefix("sqlite:///")
    return text.removeprefix("sqlite:")


def store_exists(url: str | Path) -> bool:
    """Whether chatcredit's tables are at ``url`` (``init`` was run there)."""
    text = str(url)
    if text == ":memory:":
        return True
    if is_postgres(text):
        from chatcredit.store.postgres.db import database_exists

        return database_exists(text)
    return Path(sqlite_path(text)).exists()


def open_store(url: str | Path, pool_size: int = 4) -> Store:
    """``:memory:`` a MemoryStore; ``postgresql://user@host:port/db`` a PostgresStore (the
    ``postgres`` extra); ``sqlite:path`` or a plain path a SqliteStore."""
    text = str(url)
    if text == ":memory:":
        return MemoryStore()
    if is_postgres(text):
        try:
            from chatcredit.store.postgres import PostgresStore
        except ImportError as exc:  # the optional driver is not installed
            raise InvalidRequest(
                f"{redacted(text)}: PostgreSQL needs the postgres extra (pip install 'chatcredit[postgres]'): {exc}"
            ) from None
        return PostgresStore(text, pool_size)
    return SqliteStore(sqlite_path(text))
