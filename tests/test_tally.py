"""The incremental standing equals the fold: absorbing entries one by one, in any order,
gives what folding them all at once gives, at any evaluation time."""

from __future__ import annotations

import math
import random

import msgspec
from hypothesis import given, settings
from hypothesis import strategies as st

from chatcredit.domain.ledger import LedgerEntry
from chatcredit.domain.standing import DAY, Standing, fold
from chatcredit.domain.tally import Tally
from test_standing import POLICY, ledgers, penalty, reversal


def agree(a: Standing, b: Standing) -> None:
    """Equal, up to floating-point rounding of decayed sums (a score on a .5 boundary may
    round either way; next-tier times are found by bisection to the minute)."""
    assert abs(a.score - b.score) <= 1 and a.tenure_credit == b.tenure_credit and a.credits == b.credits
    if a.score == b.score:
        assert a.tier == b.tier
    assert [(r.code, r.count) for r in a.reasons] == [(r.code, r.count) for r in b.reasons] or all(
        abs(r.points) <= 1 for r in (*a.reasons, *b.reasons) if r.code not in {s.code for s in b.reasons}
    )
    for x, y in zip(a.reasons, b.reasons, strict=False):
        if x.code == y.code:
            assert abs(x.points - y.points) <= 1
    assert a.next_tier == b.next_tier
    if a.next_tier_at is None or b.next_tier_at is None:
        assert a.next_tier_at == b.next_tier_at or a.score != b.score
    else:
        assert math.isclose(a.next_tier_at, b.next_tier_at, abs_tol=180.0)


@settings(max_examples=300, deadline=None)
@given(ledgers(), st.randoms(use_true_random=False), st.floats(0, 300 * DAY))
def test_absorbing_one_by_one_equals_the_fold(
    case: tuple[list[LedgerEntry], frozenset[int], float], rnd: random.Random, later: float
) -> None:
    entries, days, at = case
    shuffled = entries[:]
    rnd.shuffle(shuffled)
    tally = Tally("u", POLICY, days=days)
    for entry in shuffled:
        tally.absorb(entry)
    for t in (at, at + later, max([e.ts for e in entries] + [max(days, default=0) * DAY]) + later):
        agree(tally.standing(t), fold("u", entries, days, POLICY, t))
        assert tally.standing(t, detail=True).penalties == () or len(tally.standing(t, detail=True).penalties) == len(
            fold("u", entries, days, POLICY, t).penalties
        )


@settings(max_examples=150, deadline=None)
@given(ledgers(), st.data())
def test_a_reversal_absorbed_equals_the_fold_without_the_entry(
    case: tuple[list[LedgerEntry], frozenset[int], float], data: st.DataObject
) -> None:
    entries, days, at = case
    if not entries:
        return
    target = data.draw(st.sampled_from(entries))
    rev_ts = max(e.ts for e in entries)
    tally = Tally("u", POLICY, entries, days)
    tally.absorb(reversal(target, len(entries) + 1, rev_ts))
    at = max(at, rev_ts)
    agree(tally.standing(at), fold("u", [e for e in entries if e.id != target.id], days, POLICY, at))
    assert tally.is_reversed(target.id)


def test_days_and_entries_in_any_order_give_the_same_tenure() -> None:
    a = Tally("u", POLICY, days=range(10))
    a.absorb(penalty("u", 1, 3 * DAY + 5))
    b = Tally("u", POLICY)
    b.absorb(penalty("u", 1, 3 * DAY + 5))
    for d in range(10):
        b.add_day(d)
    assert a.standing(10 * DAY).tenure_credit == b.standing(10 * DAY).tenure_credit == 18


def test_a_heavy_history_is_answered_without_rescanning() -> None:
    """20,000 penalties: each absorbed in O(log k); the standing from a few sums."""
    tally = Tally("u", POLICY)
    for seq in range(1, 20_001):
        tally.absorb(penalty("u", seq, seq * 60.0, severity="low"))
    assert len(tally._sums) == 1  # one (reason, half-life) pair, whatever the history's length
    s = tally.standing(20_001 * 60.0)
    assert s.score == 0 and s.reasons[0].count == 20_000


def test_a_copy_is_independent() -> None:
    tally = Tally("u", POLICY, [penalty("u", 1, 0.0)], [0])
    twin = tally.copy()
    twin.absorb(penalty("u", 2, DAY))
    twin.add_day(1)
    assert tally.standing(2 * DAY).score != twin.standing(2 * DAY).score
    assert len(tally.entries) == 1 and tally.days == {0}
    assert tally.standing(2 * DAY).score == Tally("u", POLICY, [penalty("u", 1, 0.0)], [0]).standing(2 * DAY).score


def review_of(target: LedgerEntry, seq: int, ts: float, half_life: float = 90.0) -> LedgerEntry:
    return msgspec.structs.replace(
        reversal(target, seq, ts), kind="review", reverses=None, reviews=target.id, half_life_days=half_life
    )


@settings(max_examples=150, deadline=None)
@given(ledgers(), st.data(), st.floats(0, 400 * DAY))
def test_a_review_absorbed_equals_the_fold(
    case: tuple[list[LedgerEntry], frozenset[int], float], data: st.DataObject, later: float
) -> None:
    """A reviewed penalty fades from its review on: the same in the tally and the fold, at
    any time after the review, whatever the order the entries arrive in."""
    entries, days, _ = case
    if not entries:
        return
    target = data.draw(st.sampled_from(entries))
    rev_ts = max(e.ts for e in entries) + data.draw(st.floats(0, 30 * DAY))
    review = review_of(target, len(entries) + 1, rev_ts)
    everything = [*entries, review]
    tally = Tally("u", POLICY, entries, days)
    tally.absorb(review)
    for t in (rev_ts, rev_ts + later):
        agree(tally.standing(t), fold("u", everything, days, POLICY, t))
    assert tally.is_reviewed(target.id)


def test_a_critical_penalty_fades_only_after_its_review() -> None:
    critical = penalty("u", 1, 0.0, "harassment", "critical")
    assert critical.half_life_days is None
    tally = Tally("u", POLICY, [critical])
    unreviewed = tally.standing(400 * DAY).score
    assert unreviewed == tally.standing(1 * DAY).score  # it does not fade by itself
    tally.absorb(review_of(critical, 2, 10 * DAY, half_life=30.0))
    assert tally.standing(10 * DAY).score == unreviewed  # nothing changes at the review itself
    assert tally.standing(40 * DAY).score > unreviewed  # half of it is gone a half-life later
    half = -critical.points / 2
    assert abs((tally.standing(40 * DAY).score - unreviewed) - half) <= 1
    assert fold("u", tally.entries, frozenset(), POLICY, 40 * DAY).score == tally.standing(40 * DAY).score
