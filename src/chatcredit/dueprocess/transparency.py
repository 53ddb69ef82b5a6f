"""The transparency report: what was decided in a period, by whom and how, and how
often people found automation wrong. Pure and deterministic: the same records and range
give the same report (keys sorted, medians of sorted values)."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable, Sequence

import msgspec

from chatcredit.dueprocess.cases import Appeal, Referral, Reporter
from chatcredit.dueprocess.notices import Notice
from chatcredit.dueprocess.review import ReviewItem
from chatcredit.governance.records import Listing, Sanction

PRECISION_BINS = ("0.0-0.2", "0.2-0.4", "0.4-0.6", "0.6-0.8", "0.8-1.0")


class DetectorRate(msgspec.Struct, frozen=True):
    """Of a detector's decisions that people looked at, how many they found wrong."""

    decided: int
    wrong: int
    error_rate: float | None


class TransparencyReport(msgspec.Struct, frozen=True):
    since: float
    until: float
    decisions: int
    decisions_by_category: dict[str, int]
    decisions_by_source: dict[str, int]
    decisions_by_automation: dict[str, int]
    decisions_by_measure: dict[str, int]
    sanctions_by_kind: dict[str, int]
    blacklist_added: int
    blacklist_lifted: int
    appeals_received: int
    appeals_decided: int
    appeals_by_outcome: dict[str, int]
    appeals_overturn_rate: float | None
    appeals_median_days_to_decision: float | None
    appeals_breached: int
    reviews_received: int
    reviews_decided: int
    reviews_by_outcome: dict[str, int]
    reviews_median_hours_to_decision: float | None
    reporter_precision: dict[str, int]
    referrals: int
    referrals_by_authority: dict[str, int]
    detector_error_rates: dict[str, DetectorRate]


def _sorted(counter: Counter[str]) -> dict[str, int]:
    return {k: counter[k] for k in sorted(counter)}


def _median(values: Iterable[float]) -> float | None:
    found = sorted(values)
    return round(statistics.median(found), 3) if found else None


def _bin(precision: float) -> str:
    return PRECISION_BINS[min(int(precision * 5), 4)]


def report(
    since: float,
    until: float,
    notices: Sequence[Notice],
    appeals: Sequence[Appeal],
    reviews: Sequence[ReviewItem],
    received: int,
    reporters: Sequence[Reporter],
    referrals: Sequence[Referral],
    sanctions: Sequence[Sanction],
    listings: Sequence[Listing],
    automated: frozenset[str],
    prior: tuple[float, float],
) -> TransparencyReport:
    """``notices``: those issued in ``[since, until)``; ``reviews``: the decided items;
    ``received``: the review items dated in the period; the other records whole (each is
    counted by its own dates); ``automated``: the detectors' names."""

    def inside(ts: float | None) -> bool:
        return ts is not None and since <= ts < until

    adverse = [n for n in notices if n.appealable and n.recipient == "subject" and inside(n.ts)]
    filed = [a for a in appeals if inside(a.filed)]
    decided = [a for a in appeals if a.status != "filed" and inside(a.decided)]
    changed = [a for a in decided if a.status in ("overturned", "modified")]
    closed = [r for r in reviews if r.status == "decided" and inside(r.decided_at)]
    reporters_seen = [r for r in reporters if r.upheld + r.dismissed]
    rates: dict[str, list[int]] = {}
    for r in closed:
        if r.reporter is None and r.detector in automated:
            slot = rates.setdefault(r.detector, [0, 0])
            slot[0] += 1
            slot[1] += r.outcome == "dismiss"
    for a in decided:
        if a.original_actor in automated:
            slot = rates.setdefault(a.original_actor, [0, 0])
            slot[0] += 1
            slot[1] += a.status in ("overturned", "modified")
    return TransparencyReport(
        since=since,
        until=until,
        decisions=len(adverse),
        decisions_by_category=_sorted(Counter(n.category for n in adverse)),
        decisions_by_source=_sorted(Counter(n.origin for n in adverse)),
        decisions_by_automation=_sorted(Counter(n.automation_level for n in adverse)),
        decisions_by_measure=_sorted(Counter(n.kind for n in adverse)),
        sanctions_by_kind=_sorted(Counter(s.kind for s in sanctions if inside(s.start))),
        blacklist_added=sum(1 for x in listings if inside(x.created) and x.status != "proposed"),
        blacklist_lifted=sum(1 for x in listings if x.status == "lifted" and inside(x.updated)),
        appeals_received=len(filed),
        appeals_decided=len(decided),
        appeals_by_outcome=_sorted(Counter(a.status for a in decided)),
        appeals_overturn_rate=round(len(changed) / len(decided), 4) if decided else None,
        appeals_median_days_to_decision=_median(((a.decided or a.filed) - a.filed) / 86_400 for a in decided),
        appeals_breached=sum(1 for a in decided if (a.decided or 0) > a.deadline)
        + sum(1 for a in appeals if a.status == "filed" and a.deadline < until and a.filed < until),
        reviews_received=received,
        reviews_decided=len(closed),
        reviews_by_outcome=_sorted(Counter(r.outcome or "" for r in closed)),
        reviews_median_hours_to_decision=_median(((r.decided_at or r.ts) - r.ts) / 3600 for r in closed),
        reporter_precision={
            b: sum(1 for r in reporters_seen if _bin(r.precision(*prior)) == b) for b in PRECISION_BINS
        },
        referrals=sum(1 for r in referrals if inside(r.ts)),
        referrals_by_authority=_sorted(Counter(r.authority for r in referrals if inside(r.ts))),
        detector_error_rates={
            name: DetectorRate(n, wrong, round(wrong / n, 4) if n else None)
            for name, (n, wrong) in sorted(rates.items())
        },
    )
