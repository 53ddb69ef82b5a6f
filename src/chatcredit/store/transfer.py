"""Moving a deployment between backends: every table, row for row, in one transaction.

``chatcredit db copy --from sqlite:chatcredit.db --to postgresql://…`` (and back). What
is copied is the deployment's record: events, the quarantine, active days, the ledger,
notices, review items, groups, memberships and identities, moderators' acts, API keys
(their hashes), account ages, rule versions, brakes and shadow hits, and governance records (roles,
violations, sanctions, public accounts, blacklist listings and their sources). Not copied: the
journal and the writers' lock rows, which belong to the processes of one database (the
target's start from its own). Standings are never stored: ``rebuild`` on the target
derives them from the ledger, the same as on the source.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any, Protocol, runtime_checkable

from chatcredit.errors import InvalidRequest

#: the tables of a deployment, each with the column that keeps its rows' order
#: (``arrival``: the order the rows were written), in an order that keeps references valid
TABLES: tuple[tuple[str, str | None], ...] = (
    ("events", "arrival"),
    ("quarantine", "arrival"),
    ("active_days", None),
    ("ledger", "pos"),
    ("notices", None),
    ("review_items", None),
    ("groups", None),
    ("memberships", None),
    ("identities", None),
    ("moderation_actions", None),
    ("api_keys", None),
    ("users", None),
    ("rule_versions", None),
    ("rule_brakes", None),
    ("shadow_hits", "arrival"),
    ("governance", None),
    ("audit", "seq"),
)
#: columns that number rows as they arrive: the target numbers them afresh, in order
_NUMBERING = {"n"}
CHUNK = 10_000
Progress = Callable[[str, int], None]


class Tables(Protocol):
    """What a backend offers for a copy: its columns, its rows in order, a bulk load."""

    def columns(self, table: str) -> list[str]: ...
    def dump(self, table: str, columns: Sequence[str], order: str | None) -> Iterator[list[tuple[Any, ...]]]: ...
    def load(self, table: str, columns: Sequence[str], rows: Sequence[tuple[Any, ...]]) -> None: ...


@runtime_checkable
class Copyable(Tables, Protocol):
    def transaction(self) -> Any: ...
    def is_empty(self) -> bool: ...


def copy_deployment(source: Copyable, target: Copyable, on_progress: Progress | None = None) -> dict[str, int]:
    """Copy every table of ``source`` into the empty ``target``; rows copied per table."""
    if not target.is_empty():
        raise InvalidRequest("the target database is not empty: copy into a new database")
    copied: dict[str, int] = {}
    with target.transaction():
        for table, order in TABLES:
            columns = [c for c in source.columns(table) if c not in _NUMBERING]
            missing = set(columns) - set(target.columns(table))
            if missing:
                raise InvalidRequest(
                    f"the target's {table} has no column {', '.join(sorted(missing))}: migrate it first"
                )
            count = 0
            for rows in source.dump(table, columns, order):
                target.load(table, columns, rows)
                count += len(rows)
                if on_progress is not None:
                    on_progress(table, count)
            copied[table] = count
    return copied
