"""Storage: the Store protocol and its implementations."""

from __future__ import annotations

from pathlib import Path

from chatcredit.store.base import EventRow, MembershipChange, QuarantineRow, Store, UsageCounts
from chatcredit.store.memory import MemoryStore
from chatcredit.store.sqlite.store import SqliteStore

__all__ = [
    "EventRow",
    "MembershipChange",
    "MemoryStore",
    "QuarantineRow",
    "SqliteStore",
    "Store",
    "UsageCounts",
    "open_store",
]


def open_store(url: str | Path) -> Store:
    """``:memory:`` gives a MemoryStore; ``sqlite:///path`` or a plain path a SqliteStore."""
    text = str(url)
    if text == ":memory:":
        return MemoryStore()
    return SqliteStore(text.removeprefix("sqlite:///"))
