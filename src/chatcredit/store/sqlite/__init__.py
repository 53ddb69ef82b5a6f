"""The embedded default store: one SQLite file in WAL mode, with its migrations."""

from chatcredit.store.sqlite.store import SqliteStore, migrations

__all__ = ["SqliteStore", "migrations"]
