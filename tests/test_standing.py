from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from chatcredit.domain.ledger import LedgerEntry, entry_id
from chatcredit.domain.standing import DAY, SCORE_MAX, fold
from chatcredit.policy import default_policy

POLICY = default_policy()
SEVERITY_POINTS = {"low": 20, "medium": 60, "high": 150, "critical": 400}
HALF_LIFE = {"low": 30.0, "medium": 60.0, "high": 120.0, "critical": None}


def penalty(
    user: str, seq: int, ts: float, category: str = "spam", severity: str = "medium", automated: bool = True
) -> LedgerEntry:
    return LedgerEntry(
        id=entry_id(user, seq),
        user=user,
        seq=seq,
        ts=ts,
        kind="penalty",
        points=-SEVERITY_POINTS[severity],
        reason_code=f"{category}-rule",
        category=category,
        rule_id=f"{category}-rule",
        severity=severity,
        half_life_days=HALF_LIFE[severity],
        evidence_event=f"m{seq}",
        evidence_key=f"{category}-rule@m{seq}",
        excerpt="x",
        actor="rules",
        automated_detection=automated,
        automated_decision=automated,
        policy_version=POLICY.version,
    )


def reversal(target: LedgerEntry, seq: int, ts: float) -> LedgerEntry:
    return LedgerEntry(
        id=entry_id(target.user, seq),
        user=target.user,
        seq=seq,
        ts=ts,
        kind="reversal",
        points=0,
        reason_code="reversal",
        category=target.category,
        rule_id=target.rule_id,
        severity=target.severity,
        half_life_days=None,
        evidence_event=None,
        evidence_key=None,
        excerpt="",
        actor="mod",
        automated_detection=False,
        automated_decision=False,
        policy_version=POLICY.version,
        reverses=target.id,
    )


@st.composite
def ledgers(draw: st.DrawFn) -> tuple[list[LedgerEntry], frozenset[int], float]:
    n = draw(st.integers(0, 12))
    entries = []
    for seq in range(1, n + 1):
        entries.append(
            penalty(
                "u",
                seq,
                draw(st.floats(0, 200 * DAY, allow_nan=False)),
                draw(st.sampled_from(["spam", "harassment", "flooding"])),
                draw(st.sampled_from(list(SEVERITY_POINTS))),
                draw(st.booleans()),
            )
        )
    days = frozenset(draw(st.lists(st.integers(0, 400), max_size=250)))
    at = draw(st.floats(0, 600 * DAY, allow_nan=False))
    return entries, days, at


def summary(s: object) -> tuple[object, ...]:
    return (s.score, s.tier, s.reasons, s.tenure_credit, s.next_tier, s.next_tier_at)  # type: ignore[attr-defined]


@settings(max_examples=150, deadline=None)
@given(ledgers(), st.randoms(use_true_random=False))
def test_fold_is_deterministic_and_ignores_input_order(
    case: tuple[list[LedgerEntry], frozenset[int], float], rnd: random.Random
) -> None:
    entries, days, at = case
    shuffled = entries[:]
    rnd.shuffle(shuffled)
    first = fold("u", entries, days, POLICY, at)
    assert summary(first) == summary(fold("u", entries, days, POLICY, at))
    assert summary(first) == summary(fold("u", shuffled, sorted(days, reverse=True), POLICY, at))


@settings(max_examples=150, deadline=None)
@given(ledgers(), st.data())
def test_reversal_equals_folding_without_the_entry(
    case: tuple[list[LedgerEntry], frozenset[int], float], data: st.DataObject
) -> None:
    entries, days, at = case
    if not entries:
        return
    target = data.draw(st.sampled_from(entries))
    rev_ts = data.draw(st.floats(target.ts, max(target.ts, at)))
    with_reversal = [*entries, reversal(target, len(entries) + 1, rev_ts)]
    at = max(at, rev_ts)
    without = [e for e in entries if e.id != target.id]
    assert summary(fold("u", with_reversal, days, POLICY, at)) == summary(fold("u", without, days, POLICY, at))


@settings(max_examples=200, deadline=None)
@given(ledgers())
def test_scores_stay_within_bounds(case: tuple[list[LedgerEntry], frozenset[int], float]) -> None:
    entries, days, at = case
    s = fold("u", entries, days, POLICY, at)
    assert 0 <= s.score <= SCORE_MAX
    assert s.tier == POLICY.tier_for(s.score).name
    assert len(s.reasons) <= 4
    assert [r.points for r in s.reasons] == sorted((r.points for r in s.reasons), reverse=True)


@settings(max_examples=150, deadline=None)
@given(ledgers(), st.floats(0, 400 * DAY))
def test_score_only_recovers_when_nothing_happens(
    case: tuple[list[LedgerEntry], frozenset[int], float], later: float
) -> None:
    entries, days, _ = case
    t1 = max([e.ts for e in entries] + [max(days, default=0) * DAY + DAY - 1])
    s1 = fold("u", entries, days, POLICY, t1)
    s2 = fold("u", entries, days, POLICY, t1 + later)
    assert s2.score >= s1.score
    if s1.next_tier_at is not None and t1 + later >= s1.next_tier_at:
        assert POLICY.tier_named(s2.tier).min_score >= POLICY.tier_named(s1.next_tier).min_score  # type: ignore[arg-type]


def test_penalty_decays_by_half_life_and_repeats_cost_more() -> None:
    first = penalty("u", 1, 0.0)
    s = fold("u", [first], (), POLICY, 0.0)
    assert s.score == 500 - 60
    assert fold("u", [first], (), POLICY, 60 * DAY).score == 500 - 30  # one half-life
    second = penalty("u", 2, DAY)
    both = fold("u", [first, second], (), POLICY, DAY)
    cost_second = fold("u", [first], (), POLICY, DAY).score - both.score
    assert cost_second == 90  # x1.5
    third_kind = penalty("u", 3, DAY, category="harassment")
    other = fold("u", [first, third_kind], (), POLICY, DAY)
    assert fold("u", [first], (), POLICY, DAY).score - other.score == 60  # other category: no repeat


def test_repeat_multiplier_is_capped() -> None:
    entries = [penalty("u", i, i * 60.0, severity="low") for i in range(1, 8)]
    counted = fold("u", entries, (), POLICY, 3600.0).penalties
    assert [c.multiplier for c in counted][:4] == [1.0, 1.5, 2.25, 3.0]
    assert max(c.multiplier for c in counted) == 3.0


def test_critical_does_not_decay_and_next_tier_is_none() -> None:
    s = fold("u", [penalty("u", 1, 0.0, severity="critical")], (), POLICY, 3650 * DAY)
    assert s.score == 100 and s.tier == "restricted" and s.next_tier_at is None


def test_tenure_counts_clean_active_days_and_reports_next_tier() -> None:
    days = frozenset(range(10))
    s = fold("u", [], days, POLICY, 10 * DAY)
    assert s.tenure_credit == 20 and s.score == 520 and s.tier == "limited"
    assert s.reasons == () and s.clean_days_to_next_tier == 15  # (550 - 520) / 2 a day, shown apart
    assert s.next_tier == "standard" and s.next_tier_at is None  # needs activity, not time
    penalised = fold("u", [penalty("u", 1, 3 * DAY + 5)], days, POLICY, 10 * DAY)
    assert penalised.tenure_credit == 18  # the day of the penalty earns nothing
    recovering = fold("u", [penalty("u", 1, 0.0, severity="high")], frozenset(range(60)), POLICY, 60 * DAY)
    assert recovering.tier == "limited" and recovering.next_tier == "standard"
    assert recovering.next_tier_at is not None
    assert (
        fold(
            "u",
            [penalty("u", 1, 0.0, severity="high")],
            frozenset(range(60)),
            POLICY,
            recovering.next_tier_at,
        ).tier
        == "standard"
    )
