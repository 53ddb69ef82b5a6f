"""The standing: a pure fold of a user's ledger under a policy at a point in time.

    score = initial + tenure credit + credits − Σ penalty × repeat multiplier × decay

clamped to 0–1000. Penalties decay with their half-life (none for critical ones until a
human reviews them); an earlier penalty in the same category that still counts makes a
later automated one cost more. A reversed entry is left out, exactly as if it had never
been recorded. Nothing here does I/O, reads a clock or depends on input order.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from chatcredit.domain.ledger import LedgerEntry
from chatcredit.policy.model import Policy, Tier

DAY = 86_400.0
SCORE_MIN, SCORE_MAX = 0, 1000
TOP_REASONS = 4
HORIZON = 50 * 365 * DAY


@dataclass(frozen=True, slots=True)
class Reason:
    """A key factor of the score: a reason code and the points it currently costs."""

    code: str
    points: int
    category: str | None
    count: int


@dataclass(frozen=True, slots=True)
class CountedPenalty:
    entry: LedgerEntry
    multiplier: float
    effective: float  # points after the repeat multiplier, before decay
    remaining: float  # points still counted at the time of the fold
    #: a person's review of this (critical) penalty: it fades from then on
    review: LedgerEntry | None = None


@dataclass(frozen=True, slots=True)
class Standing:
    user: str
    at: float
    score: int
    tier: str
    reasons: tuple[Reason, ...]
    tenure_credit: int
    credits: int
    penalties: tuple[CountedPenalty, ...]
    next_tier: str | None
    next_tier_at: float | None
    policy_version: str
    #: clean active days that would reach the next tier by tenure credit alone (None if
    #: they cannot: the tenure cap is too low, or there is no tier above)
    clean_days_to_next_tier: int | None = None


def day_of(ts: float) -> int:
    return int(ts // DAY)


def _fading(entry: LedgerEntry, review: LedgerEntry | None) -> tuple[float, float | None]:
    """From when, and with what half-life, a penalty fades: a reviewed one from its review."""
    if review is not None:
        return review.ts, review.half_life_days
    return entry.ts, entry.half_life_days


def decay_fraction(entry: LedgerEntry, at: float, review: LedgerEntry | None = None) -> float:
    start, half_life = _fading(entry, review)
    if not half_life:
        return 1.0
    elapsed = max(0.0, at - start)
    return float(0.5 ** (elapsed / (half_life * DAY)))


def order(entry: LedgerEntry) -> tuple[float, int, str]:
    """The order the fold reads entries in: time, then sequence."""
    return (entry.ts, entry.seq, entry.id)


def counts_until(entry: LedgerEntry, policy: Policy, review: LedgerEntry | None = None) -> float:
    """Until when a penalty counts as an earlier one for the repeat multiplier: while
    its decay fraction is at least ``repeat.counting_fraction``."""
    fraction = policy.repeat.counting_fraction
    start, half_life = _fading(entry, review)
    if not half_life or fraction <= 0.0:
        return math.inf
    return start + half_life * DAY * math.log2(1.0 / fraction)


def repeat_multiplier(policy: Policy, earlier: int) -> float:
    """``multiplier ** earlier``, capped at ``max_multiplier`` (without overflowing)."""
    repeat = policy.repeat
    if repeat.multiplier <= 1.0 or earlier == 0:
        return 1.0
    enough = math.ceil(math.log(repeat.max_multiplier) / math.log(repeat.multiplier)) + 1
    return float(min(repeat.max_multiplier, repeat.multiplier ** min(earlier, enough)))


def count_penalties(
    penalties: Sequence[LedgerEntry], policy: Policy, at: float, reviews: Mapping[str, LedgerEntry] | None = None
) -> list[CountedPenalty]:
    """Apply repeat multipliers (in time order) and decay to ``at``; ``reviews``: the
    review entry of each reviewed penalty, by the penalty's id."""
    counted: list[CountedPenalty] = []
    reviewed = reviews or {}
    for index, entry in enumerate(penalties):
        multiplier = 1.0
        if entry.automated_decision:
            earlier = sum(
                1
                for prior in penalties[:index]
                if prior.category == entry.category and counts_until(prior, policy, reviewed.get(prior.id)) >= entry.ts
            )
            multiplier = repeat_multiplier(policy, earlier)
        effective = -entry.points * multiplier
        review = reviewed.get(entry.id)
        remaining = effective * decay_fraction(entry, at, review)
        counted.append(CountedPenalty(entry, multiplier, effective, remaining, review))
    return counted


def fold(
    user: str,
    entries: Iterable[LedgerEntry],
    active_days: Iterable[int],
    policy: Policy,
    at: float,
) -> Standing:
    penalties: list[LedgerEntry] = []
    counted: list[CountedPenalty] = []
    credits = 0
    if not isinstance(entries, Sequence) or entries:  # the common case of no entries is fast
        live = sorted((e for e in entries if e.ts <= at), key=order)
        reversed_ids = {e.reverses for e in live if e.kind == "reversal"}
        reviews = {e.reviews: e for e in live if e.kind == "review" and e.reviews}
        kept = [e for e in live if e.id not in reversed_ids]
        penalties = [e for e in kept if e.kind == "penalty"]
        credits = sum(e.points for e in kept if e.kind == "credit")
        counted = count_penalties(penalties, policy, at, reviews)

    tenure = min(
        policy.tenure.cap,
        _clean_days(active_days, penalties, day_of(at)) * policy.tenure.points_per_active_day,
    )

    base = policy.score.initial + tenure + credits
    score = clamp(base - sum(c.remaining for c in counted))
    tier = policy.tier_for(score)
    above = policy.tier_above(tier)
    # without penalties nothing changes with time alone
    next_at = _time_to_reach(base, counted, above.min_score, at) if above and counted else None
    return Standing(
        user=user,
        at=at,
        score=score,
        tier=tier.name,
        reasons=_reasons(counted),
        tenure_credit=tenure,
        credits=credits,
        penalties=tuple(counted),
        next_tier=above.name if above else None,
        next_tier_at=next_at,
        policy_version=policy.version,
        clean_days_to_next_tier=clean_days_to(score, above, tenure, policy),
    )


def _clean_days(active_days: Iterable[int], penalties: Sequence[LedgerEntry], today: int) -> int:
    """Active days up to ``today`` on which the user received no penalty."""
    days = active_days if isinstance(active_days, set | frozenset) else set(active_days)
    if not penalties and (not days or max(days) <= today):
        return len(days)
    penalty_days = {day_of(p.ts) for p in penalties}
    return sum(1 for d in days if d <= today and d not in penalty_days)


def clamp(value: float) -> int:
    return max(SCORE_MIN, min(SCORE_MAX, round(value)))


def _reasons(counted: Sequence[CountedPenalty]) -> tuple[Reason, ...]:
    totals: dict[str, list[float]] = {}
    categories: dict[str, str] = {}
    for c in counted:
        slot = totals.setdefault(c.entry.reason_code, [0.0, 0])
        slot[0] += c.remaining
        slot[1] += 1
        categories[c.entry.reason_code] = c.entry.category
    reasons = [  # a factor is shown while it costs at least one full point
        Reason(code, round(points), categories[code], int(count))
        for code, (points, count) in totals.items()
        if points >= 1.0
    ]
    return rank_reasons(reasons)


def rank_reasons(reasons: list[Reason]) -> tuple[Reason, ...]:
    """The key factors: the reasons costing most now. Tenure not yet earned is not among
    them (it is no violation): ``clean_days_to_next_tier`` shows the progress instead."""
    reasons.sort(key=lambda r: (-r.points, r.code))
    return tuple(reasons[:TOP_REASONS])


def clean_days_to(score: int, above: Tier | None, tenure: int, policy: Policy) -> int | None:
    """Clean active days that would lift ``score`` to the tier ``above`` by tenure credit
    alone, as Discourse shows progress toward the next trust level."""
    if above is None:
        return None
    needed = above.min_score - score
    if needed <= 0:
        return 0
    per_day = policy.tenure.points_per_active_day
    if per_day <= 0 or tenure + needed > policy.tenure.cap:
        return None
    return math.ceil(needed / per_day)


def _time_to_reach(base: float, counted: Sequence[CountedPenalty], target: int, at: float) -> float | None:
    return time_to_reach(
        lambda t: clamp(base - sum(c.effective * decay_fraction(c.entry, t, c.review) for c in counted)), target, at
    )


def time_to_reach(score_at: Callable[[float], int], target: int, at: float) -> float | None:
    """When ``score_at`` (rising as penalties decay) reaches ``target`` — to the minute,
    by bisection over fifty years — or None if it does not."""
    if score_at(at) >= target:
        return at
    if score_at(at + HORIZON) < target:
        return None
    lo, hi = at, at + HORIZON
    while hi - lo > 60.0:
        mid = (lo + hi) / 2
        if score_at(mid) >= target:
            hi = mid
        else:
            lo = mid
    return hi
