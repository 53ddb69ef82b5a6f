"""The embedded default store: one SQLite file in WAL mode, with its migrations."""

from chatcredit.store.sqlite.store import SqliteStore

__all__ = ["SqliteStore"]
