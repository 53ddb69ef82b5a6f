"""People's decisions as effects: a review that upholds a penalty, a report upheld, the
marks that keep automation from undoing a person's decision, reporters' records. Pure:
each returns what the one writer is to write."""

from __future__ import annotations

import msgspec

from chatcredit.domain.effects import Effects
from chatcredit.domain.ledger import LedgerEntry, entry_id
from chatcredit.domain.standing import DAY
from chatcredit.domain.tally import Tally
from chatcredit.dueprocess.cases import Mark, Reporter, evidence_mark_id, rule_mark_id
from chatcredit.dueprocess.notices import Notice, measure_notice
from chatcredit.dueprocess.review import ReviewItem
from chatcredit.errors import ConflictError
from chatcredit.policy.decide import record
from chatcredit.policy.model import Policy
from chatcredit.vocabulary import SEVERITIES, Severity


def review_entry(target: LedgerEntry, by: str, reason: str, tally: Tally, policy: Policy, now: float) -> Effects:
    """A person reviewed the critical penalty ``target`` and upheld it: it fades from now."""
    if target.kind != "penalty" or target.half_life_days:
        raise ConflictError(f"{target.id} is not a penalty waiting for a person's review")
    if tally.is_reversed(target.id):
        raise ConflictError(f"{target.id} has been reversed")
    if tally.is_reviewed(target.id):
        raise ConflictError(f"{target.id} has already been reviewed")
    seq = tally.next_seq
    entry = msgspec.structs.replace(
        target,
        id=entry_id(target.user, seq),
        seq=seq,
        ts=max(now, target.ts),
        kind="review",
        points=0,
        reason_code=f"review-{target.reason_code}",
        half_life_days=policy.oversight.reviewed_half_life_days,
        evidence_key=None,
        actor=by,
        automated_detection=False,
        automated_decision=False,
        policy_version=policy.version,
        note=reason,
        reverses=None,
        reviews=target.id,
        pos=0,
    )
    effects = Effects()
    record(tally.copy(), entry, effects, policy, now)
    return effects


def upheld_report(
    item: ReviewItem,
    by: str,
    reason: str,
    tally: Tally,
    policy: Policy,
    now: float,
    source: str,
    evidence: str | None = None,
    severity_name: str | None = None,
) -> Effects:
    """A person upheld a report or a low-confidence finding: a penalty that a person
    decided. ``evidence``: the reported message (default: the item's event). Evidence
    already penalised in this category is not penalised twice (one act, one penalty)."""
    evidence = evidence or item.event_id or None
    if evidence and tally.has_penalty_for(evidence, item.category):
        return Effects()  # already penalised for it (automation found it too): that penalty stands
    chosen = severity_name or item.severity
    level: Severity = chosen if chosen in SEVERITIES else "medium"  # type: ignore[assignment]
    severity = policy.severities.get(level)
    seq = tally.next_seq
    entry = LedgerEntry(
        id=entry_id(item.user, seq),
        user=item.user,
        seq=seq,
        ts=max(now, item.ts),
        kind="penalty",
        points=-severity.points,
        reason_code=item.reason_code,
        category=item.category,
        rule_id=item.rule_id,
        severity=level,
        half_life_days=severity.half_life_days or policy.oversight.reviewed_half_life_days,
        evidence_event=evidence,
        evidence_key=f"{item.rule_id}@{item.event_id}" if item.event_id else None,
        excerpt=item.excerpt,
        actor=by,
        automated_detection=source == "automated-detection",
        automated_decision=False,
        policy_version=policy.version,
        note=reason,
        group=item.group,
    )
    effects = Effects()
    notice = record(tally.copy(), entry, effects, policy, now)
    effects.notices[-1] = msgspec.structs.replace(notice, source=source)
    return effects


def marks_for(entry: LedgerEntry, by: str, reason: str, now: float, policy: Policy) -> list[Mark]:
    """What a person's removal of ``entry`` bars automation from doing again: the same
    evidence in the same category for good, and the same rule on the same user for a
    policy-set period."""
    marks = []
    if entry.evidence_event:
        marks.append(evidence_mark(entry.user, entry.evidence_event, entry.category, by, reason, now))
    if entry.automated_decision and policy.oversight.mark_days > 0:
        until = now + policy.oversight.mark_days * DAY
        marks.append(
            Mark(
                rule_mark_id(entry.user, entry.rule_id),
                entry.user,
                "rule",
                entry.category,
                None,
                entry.rule_id,
                by,
                now,
                until,
                reason,
            )
        )
    return marks


def evidence_mark(user: str, event_id: str, category: str, by: str, reason: str, now: float) -> Mark:
    """No automation may penalise ``user`` for this evidence in this category again."""
    mark_id = evidence_mark_id(user, event_id, category)
    return Mark(mark_id, user, "evidence", category, event_id, None, by, now, None, reason)


def judge_reporter(
    current: Reporter, upheld: bool, policy: Policy, now: float, tally: Tally
) -> tuple[Reporter, list[Notice]]:
    """A decided report counts for or against its reporter; a reporter who keeps filing
    manifestly unfounded reports is warned, then suspended from reporting (DSA Art. 23(2))."""
    rules = policy.reporting
    after = msgspec.structs.replace(current, upheld=current.upheld + upheld, dismissed=current.dismissed + (not upheld))
    notices: list[Notice] = []
    decided = after.upheld + after.dismissed
    low = after.precision(rules.prior_upheld, rules.prior_dismissed) < rules.unfounded_precision
    if upheld or decided < rules.unfounded_after or not low or after.suspended_at(now):
        return after, notices
    standing = tally.standing(now)
    if after.warned is None:
        after = msgspec.structs.replace(after, warned=now)
        measure = "warning: your reports are mostly unfounded; if this goes on, you will be suspended from reporting"
        kind, end = "reporting-warning", None
    else:
        end = now + rules.suspension_days * DAY
        after = msgspec.structs.replace(after, suspended_until=end)
        measure = f"suspended from reporting for {rules.suspension_days:g} days"
        kind = "reporting-suspended"
    facts = f"{after.dismissed} of your {decided} decided reports were dismissed as unfounded"
    notices.append(
        measure_notice(
            current.reporter,
            f"{kind}:{current.reporter}:{now!r}",
            kind,
            measure,
            facts,
            "other",
            standing,
            policy,
            now,
            automated=False,
            end=end,
            scope="filing reports",
        )
    )
    return after, notices
