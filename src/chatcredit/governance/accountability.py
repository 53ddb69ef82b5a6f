"""Admin accountability, pure: which violations were left standing, who answers for
them, and the graduated steps for a group and for the people who run it.

A violation (a penalty for something posted in a group) is *moderated* when anyone acted
on it — a moderation action on the message or its author, or the message deleted —
within ``accountability.deadline_minutes``; otherwise it is *unmoderated*, and those who
held a role in the group (owner, admin, moderator) at the time and did not act in the
group meanwhile answer for it. People appointed later, and people who acted, do not.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import msgspec

from chatcredit.domain.ledger import LedgerEntry
from chatcredit.domain.standing import DAY
from chatcredit.governance.records import RoleSpan, Sanction, SanctionKind, SanctionStatus, Violation
from chatcredit.policy.governance import Accountability

HOUR = 3600.0
#: penalties that follow from another penalty (an owner's negligence, an operator's
#: share of an account's): the violation is the original's, not counted twice
DERIVED = ("negligent-moderation", "operated-account-violation")
#: a group's steps, mildest first
STEPS: tuple[SanctionKind, ...] = ("group-warning", "posting-suspended", "closure-proposed")


@dataclass(frozen=True, slots=True)
class Act:
    """Someone acted in a group: a moderation action, or a message deleted."""

    ts: float
    group: str
    actor: str
    target_user: str | None
    message: str | None


def violations_from(entries: Iterable[LedgerEntry], policy: Accountability) -> list[Violation]:
    """A pending violation for each new penalty about something posted in a group."""
    deadline = policy.deadline_minutes * 60.0
    return [
        Violation(e.id, e.group, e.user, e.evidence_event, e.ts, e.ts + deadline)
        for e in entries
        if e.kind == "penalty" and e.group and e.evidence_event and e.reason_code not in DERIVED
    ]


def apply_acts(pending: Sequence[Violation], acts: Sequence[Act]) -> dict[str, Violation]:
    """Pending violations that ``acts`` moderate or that someone acted beside; by id."""
    changed: dict[str, Violation] = {}
    for v in pending:
        current = v
        for act in acts:
            if current.state != "pending" or act.group != current.group:
                continue
            if not current.ts <= act.ts <= current.deadline:
                continue
            on_it = act.message is not None and act.message == current.message
            on_author = act.target_user is not None and act.target_user == current.user and act.message is None
            if on_it or on_author:
                current = msgspec.structs.replace(current, state="moderated", moderated_by=act.actor)
            elif act.actor not in current.acted:
                current = msgspec.structs.replace(current, acted=(*current.acted, act.actor))
        if current is not v:
            changed[current.id] = current
    return changed


def judge(v: Violation, roles: Sequence[RoleSpan]) -> Violation:
    """A pending violation past its deadline: unmoderated, with who answers for it."""
    holders = sorted({r.user for r in roles if r.group == v.group and r.held_at(v.ts) and r.user != v.user})
    accountable = tuple(u for u in holders if u not in v.acted)
    return msgspec.structs.replace(v, state="unmoderated", accountable=accountable)


def health(violations: Iterable[Violation], at: float, policy: Accountability) -> int:
    """100, less the cost of each unmoderated violation in the window, plus a credit for
    each moderated one: a group whose people act well regains health."""
    since = at - policy.window_days * DAY
    score = 100
    for v in violations:
        if v.ts >= since and v.ts <= at:
            if v.state == "unmoderated":
                score -= policy.unmoderated_cost
            elif v.state == "moderated":
                score += policy.moderated_credit
    return max(0, min(100, score))


def _sanction_id(*parts: str) -> str:
    return "s-" + hashlib.blake2b("\x1f".join(parts).encode(), digest_size=8).hexdigest()


def group_step(
    group: str, unmoderated: Sequence[Violation], active: Sequence[Sanction], at: float, policy: Accountability
) -> Sanction | None:
    """The next step for a group with ``unmoderated`` violations in the window, if it has
    reached one it is not already under (a step is only ever taken upwards)."""
    count = len(unmoderated)
    reached: SanctionKind | None = None
    for kind, threshold in zip(
        STEPS, (policy.warn_at, policy.suspend_posting_at, policy.propose_closure_at), strict=True
    ):
        if count >= threshold:
            reached = kind
    if reached is None:
        return None
    held = {
        s.kind
        for s in active
        if s.subject == group and s.status in ("active", "proposed") and (s.end is None or at < s.end)
    }
    if any(STEPS.index(k) >= STEPS.index(reached) for k in held if k in STEPS):
        return None
    last = unmoderated[-1]
    cause = f"{count} unmoderated violations in {policy.window_days:g} days, the latest {last.entry_id}"
    if reached == "group-warning":
        end: float | None = at + policy.warning_days * DAY
        reason = "violations in the group were left standing past the moderation deadline"
    elif reached == "posting-suspended":
        end = at + policy.posting_suspension_hours * HOUR
        reason = "posting in the group is suspended: violations keep being left standing"
    else:
        end = None
        reason = "closure of the group is proposed to a human: violations keep being left standing"
    status: SanctionStatus = "proposed" if reached == "closure-proposed" else "active"
    return Sanction(_sanction_id(reached, group, repr(at)), reached, group, group, at, end, reason, cause, status)


def negligence_due(answered: int, policy: Accountability) -> bool:
    """Does the ``answered``-th unmoderated violation a person answers for cost them?"""
    return answered > 0 and answered % policy.negligence_every == 0


def personal_measures(
    person: str, negligence_penalties: int, score: int, active: Sequence[Sanction], at: float, policy: Accountability
) -> list[Sanction]:
    """Admin rights suspended and group creation barred, each for its period, once a
    person has had enough negligence penalties or their score is too low."""
    if negligence_penalties < policy.suspend_admin_after and score >= policy.suspend_admin_below_score:
        return []
    why = (
        f"{negligence_penalties} negligent-moderation penalties in {policy.window_days:g} days"
        if negligence_penalties >= policy.suspend_admin_after
        else f"score {score} below {policy.suspend_admin_below_score} after negligent moderation"
    )
    out = []
    in_force = {s.kind for s in active if s.subject == person and s.in_force(at)}
    measures: tuple[tuple[SanctionKind, float, str], ...] = (
        ("manage-suspended", policy.admin_suspension_days, "admin rights suspended in every group"),
        ("create-barred", policy.creation_bar_days, "barred from creating groups"),
    )
    for kind, days, reason in measures:
        if kind not in in_force:
            sid = _sanction_id(kind, person, repr(at))
            out.append(Sanction(sid, kind, person, None, at, at + days * DAY, reason, why))
    return out
