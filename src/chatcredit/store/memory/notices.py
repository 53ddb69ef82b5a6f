"""Notices and review items in memory."""

from __future__ import annotations

from collections.abc import Sequence

from chatcredit.dueprocess.notices import Notice
from chatcredit.dueprocess.review import ReviewItem
from chatcredit.store.memory.state import _Repo


class _Notices(_Repo):
    def add(self, notices: Sequence[Notice]) -> None:
        self.s.notices.extend(notices)

    def of_user(self, user: str) -> list[Notice]:
        return sorted((n for n in self.s.notices if n.user == user), key=lambda n: (n.ts, n.id))

    def get(self, notice_id: str) -> Notice | None:
        return next((n for n in self.s.notices if n.id == notice_id), None)

    def between(self, since: float, until: float) -> list[Notice]:
        return sorted((n for n in self.s.notices if since <= n.ts < until), key=lambda n: (n.ts, n.id))


class _Reviews(_Repo):
    def add(self, items: Sequence[ReviewItem]) -> None:
        for item in items:
            self.s.reviews.setdefault(item.id, item)

    def update(self, items: Sequence[ReviewItem]) -> None:
        for item in items:
            if item.id in self.s.reviews:
                self.s.reviews[item.id] = item

    def get(self, item_id: str) -> ReviewItem | None:
        return self.s.reviews.get(item_id)

    def summary(self, since: float = float("-inf"), until: float = float("inf")) -> dict[str, tuple[int, float]]:
        out: dict[str, tuple[int, float]] = {}
        for i in self.s.reviews.values():
            if since <= i.ts < until:
                n, oldest = out.get(i.status, (0, i.ts))
                out[i.status] = (n + 1, min(oldest, i.ts))
        return out

    def list(self, status: str = "open", limit: int = 1000, user: str | None = None) -> list[ReviewItem]:
        items = (i for i in self.s.reviews.values() if i.status == status and (user is None or i.user == user))
        return sorted(items, key=lambda i: (i.ts, i.id))[:limit]
