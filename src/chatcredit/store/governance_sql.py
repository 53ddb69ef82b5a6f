"""The governance table's query, for the SQL backends (their placeholders differ)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

#: ``(values) -> (SQL for "status is one of values", its parameters)``
OneOf = Callable[[Sequence[str]], tuple[str, list[Any]]]


def find_query(
    mark: str,
    one_of: OneOf,
    kind: str,
    subject: str | None,
    group: str | None,
    status: Sequence[str],
    since: float | None,
    limit: int | None = None,
) -> tuple[str, list[Any]]:
    """``SELECT body`` of the records of ``kind`` matching every filter given, in time order."""
    sql = f"SELECT body FROM governance WHERE kind = {mark}"
    params: list[Any] = [kind]
    for column, value in (("subject", subject), ("group_id", group)):
        if value is not None:
            sql += f" AND {column} = {mark}"
            params.append(value)
    if status:
        fragment, values = one_of(status)
        sql += f" AND status {fragment}"
        params.extend(values)
    if since is not None:
        sql += f" AND ts >= {mark}"
        params.append(since)
    sql += " ORDER BY ts, id"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return sql, params
