"""Sliding windows: the one definition of "within the last N seconds", and counters keyed
by user, user+group, group or the whole platform (the flood detectors' windows)."""

from __future__ import annotations

from collections import deque

from chatcredit.policy.detection import CounterKey


def in_window(ts: float, now: float, seconds: float) -> bool:
    """Is an event at ``ts`` within the window of ``seconds`` ending at ``now``? An event
    exactly ``seconds`` old still counts; the rate limit and the detectors agree."""
    return now - ts <= seconds


def counter_key(kind: CounterKey, user: str, group: str | None) -> str:
    if kind == "user":
        return user
    if kind == "group":
        return f"g\x00{group}"
    if kind == "user+group":
        return f"{user}\x00{group}"
    return "*"


class WindowCounter:
    """Sum of amounts added within the last ``seconds``, per key; fires once per window."""

    SWEEP_EVERY = 50_000

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._items: dict[str, deque[tuple[float, int]]] = {}
        self._totals: dict[str, int] = {}
        self._quiet_until: dict[str, float] = {}
        self._adds = 0

    def _sweep(self, now: float) -> None:
        """Drop keys idle for longer than the window (bounded memory with many keys)."""
        for key in [k for k, items in self._items.items() if not in_window(items[-1][0], now, self.seconds)]:
            del self._items[key], self._totals[key]
        self._quiet_until = {k: t for k, t in self._quiet_until.items() if t > now}

    def add(self, key: str, ts: float, amount: int = 1) -> int:
        self._adds += 1
        if self._adds % self.SWEEP_EVERY == 0:
            self._sweep(ts)
        items = self._items.get(key)
        if items is None:
            items = self._items[key] = deque()
            self._totals[key] = 0
        items.append((ts, amount))
        total = self._totals[key] + amount
        while ts - items[0][0] > self.seconds:  # not in_window(...), inlined: the hot loop
            total -= items.popleft()[1]
        self._totals[key] = total
        return total

    def fire(self, key: str, ts: float) -> bool:
        """True at most once per window and key (then quiet until the window has passed)."""
        if ts < self._quiet_until.get(key, float("-inf")):
            return False
        self._quiet_until[key] = ts + self.seconds
        return True


class WindowLog(WindowCounter):
    """A ``WindowCounter`` that also keeps what was added (one short text an item), so a
    finding about a window can quote every message in it."""

    def __init__(self, seconds: float) -> None:
        super().__init__(seconds)
        self._notes: dict[str, deque[str]] = {}

    def _sweep(self, now: float) -> None:
        super()._sweep(now)
        self._notes = {k: v for k, v in self._notes.items() if k in self._items}

    def add(self, key: str, ts: float, amount: int = 1, note: str = "") -> int:
        total = super().add(key, ts, amount)
        notes = self._notes.setdefault(key, deque())
        notes.append(note)
        while len(notes) > len(self._items[key]):  # the items the window dropped
            notes.popleft()
        return total

    def notes(self, key: str) -> list[str]:
        """What was added under ``key`` and is still in the window, oldest first."""
        return list(self._notes.get(key, ()))
