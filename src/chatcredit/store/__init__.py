"""Storage: repositories behind a unit of work, and their backends."""

from __future__ import annotations

from pathlib import Path

from chatcredit.store.base import Store
from chatcredit.store.memory import MemoryStore
from chatcredit.store.sqlite import SqliteStore

__all__ = ["MemoryStore", "SqliteStore", "Store", "open_store"]


def open_store(url: str | Path) -> Store:
    """``:memory:`` gives a MemoryStore; ``sqlite:///path`` or a plain path a SqliteStore."""
    text = str(url)
    if text == ":memory:":
        return MemoryStore()
    return SqliteStore(text.removeprefix("sqlite:///"))
