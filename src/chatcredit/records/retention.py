"""The retention plan: which archived messages go, which are kept, and why. Pure.

A message older than its window's ``max_days`` goes, unless a legal hold covers it or
it is the evidence of a ledger entry whose appeal window is still open or that is under
appeal. Nothing younger than ``min_days`` ever goes, whatever is asked.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from chatcredit.domain.standing import DAY
from chatcredit.errors import InvalidRequest
from chatcredit.policy.records import Retention
from chatcredit.records.holds import Hold

#: (event id, time, author, group)
Candidate = tuple[str, float, str, str | None]


@dataclass
class RetentionPlan:
    purge: list[str] = field(default_factory=list)
    #: kept past max_days, by reason ("legal hold", "evidence in an appeal window", "under appeal")
    kept: Counter[str] = field(default_factory=Counter)
    #: not yet past max_days, or within min_days
    young: int = 0


def check_cutoff(before: float | None, now: float, rules: Retention) -> None:
    """A request to purge messages younger than the minimum is refused, whatever it says."""
    if before is not None and before > now - rules.longest_min() * DAY:
        raise InvalidRequest(
            f"retention.min_days is {rules.longest_min()}: nothing younger than that may be purged "
            f"(--before must be at least {rules.longest_min()} days ago)"
        )


def plan(
    candidates: Iterable[Candidate],
    rules: Retention,
    now: float,
    holds: Sequence[Hold],
    evidence_open: Mapping[str, str],
    before: float | None = None,
) -> RetentionPlan:
    """``evidence_open``: event id → why it must stay (its entry's appeal window is open,
    or it is under appeal); ``before``: purge what is older than that instead of what is
    past ``max_days`` (never anything inside ``min_days``)."""
    check_cutoff(before, now, rules)
    out = RetentionPlan()
    for event_id, ts, user, group in candidates:
        low, high = rules.window(group)
        age = now - ts
        due = ts < before if before is not None else age >= high * DAY  # asked: sooner than max_days
        if age < low * DAY or not due:  # never inside min_days
            out.young += 1
            continue
        if any(h.covers(event_id, user, group, now) for h in holds):
            out.kept["legal hold"] += 1
        elif event_id in evidence_open:
            out.kept[evidence_open[event_id]] += 1
        else:
            out.purge.append(event_id)
    return out
