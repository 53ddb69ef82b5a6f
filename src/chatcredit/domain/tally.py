"""The incremental standing: a per-user tally that absorbs one ledger entry at a time.

``standing.fold`` is the definition; a :class:`Tally` gives the same answer (to within
floating-point rounding, property-tested in ``tests/test_tally.py``) without rescanning
the history:

- penalties are kept as decaying sums, one per (reason code, half-life): the score at any
  later time is a handful of multiplications, whatever the length of the history;
- the repeat multiplier counts the earlier penalties of the same category that still
  count, kept in a heap of the times they stop counting (O(log k) per penalty);
- tenure counts active days without a penalty (a sorted list: any day in O(log n)).

An entry that arrives out of time order, or a reversal (which changes the multipliers of
the later penalties in its category), makes the tally replay its entries once: rare,
and still O(k log k). Asking about a time before the latest entry falls back to the fold.
Nothing here does I/O or reads a clock.
"""

from __future__ import annotations

import bisect
import heapq
import math
from collections import Counter
from collections.abc import Iterable

from chatcredit.domain.ledger import LedgerEntry
from chatcredit.domain.standing import (
    DAY,
    CountedPenalty,
    Reason,
    Standing,
    clamp,
    clean_days_to,
    counts_until,
    day_of,
    decay_fraction,
    fold,
    order,
    rank_reasons,
    repeat_multiplier,
    time_to_reach,
)
from chatcredit.policy.model import Policy

_Key = tuple[str, float | None]  # (reason code, half-life in days)


class _Sum:
    """Σ effective × 0.5^((ref − ts) / half-life) over the penalties of one key, at ``ref``."""

    __slots__ = ("category", "count", "ref", "total")

    def __init__(self, category: str) -> None:
        self.category = category
        self.total = 0.0
        self.ref = -math.inf
        self.count = 0

    def copy(self) -> _Sum:
        twin = _Sum(self.category)
        twin.total, twin.ref, twin.count = self.total, self.ref, self.count
        return twin

    def at(self, half_life: float | None, t: float) -> float:
        if not half_life or self.total == 0.0:
            return self.total
        return float(self.total * 0.5 ** ((t - self.ref) / (half_life * DAY)))


class Tally:
    """Everything needed to answer a user's standing at any time, absorbed entry by entry."""

    __slots__ = (
        "_clean",
        "_counted",
        "_days",
        "_expiries",
        "_horizon",
        "_last",
        "_penalised",
        "_penalty_days",
        "_reversed",
        "_reviews",
        "_sums",
        "credits",
        "entries",
        "next_seq",
        "policy",
        "user",
    )

    def __init__(
        self, user: str, policy: Policy, entries: Iterable[LedgerEntry] = (), days: Iterable[int] = ()
    ) -> None:
        self.user = user
        self.policy = policy
        self._days: set[int] = set()
        self._clean: list[int] = []  # active days without a penalty, sorted
        self.entries: list[LedgerEntry] = []
        self.next_seq = 1
        self._replay(sorted(entries, key=lambda e: e.seq))
        for day in days:
            self.add_day(day)

    def copy(self) -> Tally:
        """An independent copy (the writer works on copies and publishes them at commit)."""
        twin = Tally.__new__(Tally)
        twin.user, twin.policy, twin.next_seq, twin._clean = self.user, self.policy, self.next_seq, list(self._clean)
        twin.credits, twin._last, twin._horizon = self.credits, self._last, self._horizon
        twin.entries = list(self.entries)
        twin._days = set(self._days)
        twin._counted = dict(self._counted)
        twin._reversed = set(self._reversed)
        twin._reviews = dict(self._reviews)
        twin._sums = {key: slot.copy() for key, slot in self._sums.items()}
        twin._expiries = {category: list(heap) for category, heap in self._expiries.items()}
        twin._penalty_days = Counter(self._penalty_days)
        twin._penalised = set(self._penalised)
        return twin

    # ---------------------------------------------------------------- absorbing

    def _reset(self) -> None:
        self._counted: dict[str, CountedPenalty] = {}
        self._reversed: set[str] = set()
        self._reviews: dict[str, LedgerEntry] = {}
        self._sums: dict[_Key, _Sum] = {}
        self._expiries: dict[str, list[float]] = {}
        self._penalty_days: Counter[int] = Counter()
        self._penalised: set[tuple[str | None, str]] = set()
        self.credits = 0
        self._last: tuple[float, int, str] = (-math.inf, 0, "")
        self._horizon = -math.inf
        self._clean = sorted(self._days)

    def _replay(self, entries: list[LedgerEntry]) -> None:
        self._reset()
        self.entries = []
        reversed_ids = {e.reverses for e in entries if e.kind == "reversal"}
        self._reviews = {e.reviews: e for e in entries if e.kind == "review" and e.reviews}
        for entry in sorted(entries, key=order):
            self._note(entry)
            if entry.kind == "reversal":
                self._reversed.add(entry.reverses or "")
            elif entry.id not in reversed_ids:
                self._count(entry)
        self.entries = list(entries)

    def absorb(self, entry: LedgerEntry) -> None:
        """Add one entry (in any order; out-of-order entries and reversals replay)."""
        if entry.kind in ("reversal", "review") or order(entry) < self._last:
            self._replay([*self.entries, entry])
            return
        self.entries.append(entry)
        self._note(entry)
        self._count(entry)

    def _note(self, entry: LedgerEntry) -> None:
        self.next_seq = max(self.next_seq, entry.seq + 1)
        self._horizon = max(self._horizon, entry.ts)
        if entry.kind == "penalty" and entry.evidence_event is not None:
            self._penalised.add((entry.evidence_event, entry.category))

    def _count(self, entry: LedgerEntry) -> None:
        self._last = max(self._last, order(entry))
        if entry.kind == "credit":
            self.credits += entry.points
            return
        if entry.kind != "penalty":
            return
        heap = self._expiries.setdefault(entry.category, [])
        while heap and heap[0] < entry.ts:
            heapq.heappop(heap)
        multiplier = 1.0
        if entry.automated_decision:
            multiplier = repeat_multiplier(self.policy, len(heap))
        review = self._reviews.get(entry.id)
        heapq.heappush(heap, counts_until(entry, self.policy, review))
        effective = -entry.points * multiplier
        self._counted[entry.id] = CountedPenalty(entry, multiplier, effective, effective, review)
        # a reviewed penalty fades from its review: it joins the sums as if posted then
        start, half_life = (review.ts, review.half_life_days) if review else (entry.ts, entry.half_life_days)
        key = (entry.reason_code, half_life or None)
        slot = self._sums.get(key)
        if slot is None:
            slot = self._sums[key] = _Sum(entry.category)
        slot.total = slot.at(key[1], start) + effective
        slot.ref = start
        slot.count += 1
        day = day_of(entry.ts)
        if self._penalty_days[day] == 0 and day in self._days:
            del self._clean[bisect.bisect_left(self._clean, day)]
        self._penalty_days[day] += 1

    def add_day(self, day: int) -> bool:
        """Record an active day; True if it is new."""
        if day in self._days:
            return False
        self._days.add(day)
        if self._penalty_days.get(day, 0) == 0:
            bisect.insort(self._clean, day)
        return True

    # ---------------------------------------------------------------- questions

    @property
    def days(self) -> frozenset[int]:
        return frozenset(self._days)

    def clean_days_until(self, day: int) -> int:
        """Active days up to ``day`` on which no penalty was received (O(log n))."""
        return bisect.bisect_right(self._clean, day)

    def has_penalty_for(self, event_id: str, category: str) -> bool:
        return (event_id, category) in self._penalised

    def multiplier_of(self, entry_id: str) -> float:
        """The repeat multiplier a counted penalty got (1.0 for anything else)."""
        counted = self._counted.get(entry_id)
        return counted.multiplier if counted is not None else 1.0

    def is_reversed(self, entry_id: str) -> bool:
        return entry_id in self._reversed

    def is_reviewed(self, entry_id: str) -> bool:
        """Has a person reviewed (and upheld) this penalty?"""
        return entry_id in self._reviews

    def _current(self, at: float) -> bool:
        """Can the sums answer for ``at``? (No ledger entry lies after it.)"""
        return at >= self._horizon

    def standing(self, at: float, detail: bool = False) -> Standing:
        """The standing at ``at``; ``detail`` adds every counted penalty (for explain)."""
        if not self._current(at):
            return fold(self.user, self.entries, self._days, self.policy, at)
        policy = self.policy
        tenure = min(policy.tenure.cap, self.clean_days_until(day_of(at)) * policy.tenure.points_per_active_day)
        base = policy.score.initial + tenure + self.credits
        totals: dict[str, list[float]] = {}
        categories: dict[str, str] = {}
        for (code, half_life), slot in self._sums.items():
            item = totals.setdefault(code, [0.0, 0])
            item[0] += slot.at(half_life, at)
            item[1] += slot.count
            categories[code] = slot.category
        score = clamp(base - sum(t[0] for t in totals.values()))
        tier = policy.tier_for(score)
        above = policy.tier_above(tier)
        next_at = self._time_to_reach(base, above.min_score, at) if above and self._sums else None
        penalties: tuple[CountedPenalty, ...] = ()
        if detail:
            penalties = tuple(
                _decayed(self._counted[e.id], at) for e in sorted(self.entries, key=order) if e.id in self._counted
            )
        reasons = [Reason(code, round(p), categories[code], int(n)) for code, (p, n) in totals.items() if p >= 1.0]
        return Standing(
            user=self.user,
            at=at,
            score=score,
            tier=tier.name,
            reasons=rank_reasons(reasons),
            tenure_credit=tenure,
            credits=self.credits,
            penalties=penalties,
            next_tier=above.name if above else None,
            next_tier_at=next_at,
            policy_version=policy.version,
            clean_days_to_next_tier=clean_days_to(score, above, tenure, policy),
        )

    def _penalty_at(self, t: float) -> float:
        return sum(slot.at(key[1], t) for key, slot in self._sums.items())

    def _time_to_reach(self, base: float, target: int, at: float) -> float | None:
        return time_to_reach(lambda t: clamp(base - self._penalty_at(t)), target, at)


def _decayed(c: CountedPenalty, at: float) -> CountedPenalty:
    return CountedPenalty(
        c.entry, c.multiplier, c.effective, c.effective * decay_fraction(c.entry, at, c.review), c.review
    )
