"""Plain-data views of chatcredit's objects: the JSON the CLI prints (and the API serves)."""

from __future__ import annotations

from typing import Any

import msgspec

from chatcredit.domain.ledger import LedgerEntry
from chatcredit.domain.permits import PermitDecision
from chatcredit.domain.records import QuarantineRow
from chatcredit.domain.standing import Standing
from chatcredit.domain.timestamps import to_iso
from chatcredit.dueprocess.notices import Notice
from chatcredit.dueprocess.review import ReviewItem, ShadowHit
from chatcredit.governance.records import Listing, Sanction, Violation
from chatcredit.records.pseudonyms import scrub
from chatcredit.service.detection import RuleStatus
from chatcredit.service.engine import Explanation, IngestReport
from chatcredit.service.oversight import GroupReport
from chatcredit.service.subjects import SubjectData

View = dict[str, Any]
_TIME_FIELDS: dict[type, tuple[str, ...]] = {}


def iso(ts: float | None) -> str | None:
    if ts is None or ts == float("inf"):
        return None
    return to_iso(ts)


def standing_view(s: Standing) -> View:
    return {
        "user": s.user,
        "at": iso(s.at),
        "score": s.score,
        "tier": s.tier,
        "reasons": [{"code": r.code, "points": r.points, "category": r.category, "count": r.count} for r in s.reasons],
        "tenure_credit": s.tenure_credit,
        "credits": s.credits,
        "next_tier": s.next_tier,
        "next_tier_at": iso(s.next_tier_at),
        "clean_days_to_next_tier": s.clean_days_to_next_tier,
        "policy_version": s.policy_version,
    }


def time_fields(kind: type) -> tuple[str, ...]:
    """The fields of a struct declared as ``vocabulary.Time``: shown as ISO 8601."""
    found = _TIME_FIELDS.get(kind)
    if found is None:
        info = msgspec.inspect.type_info(kind)
        fields = info.fields if isinstance(info, msgspec.inspect.StructType) else ()
        found = _TIME_FIELDS[kind] = tuple(f.name for f in fields if _is_time(f.type))
    return found


def _is_time(kind: msgspec.inspect.Type) -> bool:
    """``Time``, or ``Time | None``."""
    if isinstance(kind, msgspec.inspect.UnionType):
        return any(_is_time(k) for k in kind.types)
    return isinstance(kind, msgspec.inspect.Metadata) and (kind.extra_json_schema or {}).get("format") == "date-time"


def struct_view(obj: msgspec.Struct) -> View:
    """A struct as JSON: its fields as declared, times in ISO 8601 (the same shape the
    OpenAPI schema derived from the struct describes)."""
    view: View = msgspec.structs.asdict(obj)
    for name in time_fields(type(obj)):
        view[name] = iso(view[name])
    return view


def entry_view(e: LedgerEntry) -> View:
    """The entry's fields, and ``span`` ([start, end) of the evidence in the text)."""
    view = struct_view(e)
    view["span"] = [e.span_start, e.span_end] if e.span_start is not None else None
    return view


def notice_view(n: Notice) -> View:
    return struct_view(n)


def permit_view(p: PermitDecision) -> View:
    return struct_view(p)


def quarantine_view(q: QuarantineRow) -> View:
    return {
        "source": q.source,
        "line": q.line,
        "field": q.field,
        "reason": q.reason,
        "raw": q.raw,
        "received": iso(q.received),
    }


def review_view(r: ReviewItem) -> View:
    return struct_view(r)


def ingest_view(r: IngestReport) -> View:
    return {
        "accepted": r.accepted,
        "duplicates": r.duplicates,
        "quarantined": r.quarantined,
        "signals": r.signals,
        "penalties": r.penalties,
        "reviews": r.reviews,
    }


def explain_view(x: Explanation) -> View:
    counted = {c.entry.id: c for c in x.standing.penalties}
    entries = []
    for e in x.entries:
        item = entry_view(e)
        c = counted.get(e.id)
        item["reversed"] = e.id in x.reversed_ids
        item["multiplier"] = c.multiplier if c else None
        item["points_now"] = round(c.remaining, 1) if c else 0
        entries.append(item)
    return {
        "standing": standing_view(x.standing),
        "entries": entries,
        "open_reviews": [review_view(r) for r in x.open_reviews],
        "shadow_hits": [shadow_view(h) for h in x.shadow_hits],
        "moderation_actions": [
            {
                "event_id": a.event_id,
                "ts": iso(a.ts),
                "group": a.group,
                "moderator": a.moderator,
                "action": a.action,
                "message": a.message,
                "reason": a.reason,
            }
            for a in x.moderation
        ],
        "sanctions": [sanction_view(s) for s in x.sanctions],
        "listings": [listing_view(item) for item in x.listings],
    }


_LIFTS = {
    "group-warning": "expires at its end; the group's people acting on violations keeps it from returning",
    "posting-suspended": "expires at its end, or is lifted on appeal",
    "closure-proposed": "a moderator decides the proposal (review queue)",
    "manage-suspended": "expires at its end, or is lifted on appeal",
    "create-barred": "expires at its end, or is lifted on appeal",
}


def sanction_view(s: Sanction) -> View:
    view = struct_view(s)
    view["lifted_by_what"] = _LIFTS.get(s.kind, "expires at its end")
    return view


def listing_view(x: Listing) -> View:
    view = struct_view(x)
    view["lifted_by_what"] = "a moderator's lift (chatcredit blacklist lift), its expiry, or an appeal upheld"
    return view


def violation_view(v: Violation) -> View:
    return struct_view(v)


def group_view(r: GroupReport) -> View:
    view = struct_view(r)
    view["sanctions"] = [sanction_view(s) for s in r.sanctions]
    view["unmoderated"] = [violation_view(v) for v in r.unmoderated]
    view["recent"] = [violation_view(v) for v in r.recent]
    return view


def rule_view(r: RuleStatus) -> View:
    return {
        "rule_id": r.rule_id,
        "category": r.category,
        "severity": r.severity,
        "mode": r.mode,
        "version": r.version,
        "changed_at": iso(r.changed_at),
        "on_trial": r.recent,
        "braked": r.brake is not None,
        "brake_reason": r.brake.reason if r.brake else None,
        "shadow_hits": r.shadow_hits,
    }


def shadow_view(h: ShadowHit) -> View:
    return {
        "rule_id": h.rule_id,
        "user": h.user,
        "event_id": h.event_id,
        "ts": iso(h.ts),
        "why": h.why,
        "excerpt": h.excerpt,
    }


EXPORT_FORMAT = "chatcredit.subject-export/1"


def subject_export(d: SubjectData) -> View:
    """The data-subject export: everything held about a person, other people pseudonymised
    (its JSON Schema: ``chatcredit export --schema``, api/schemas.py)."""
    bundle: View = {
        "format": EXPORT_FORMAT,
        "subject": d.user,
        "generated": iso(d.at),
        "standing": standing_view(d.standing),
        "standing_history": [{"at": iso(t), "score": s, "tier": tier, "entry": e} for t, s, tier, e in d.history],
        "identity_level": d.identity_level,
        "messages": [
            {"id": r.id, "type": r.type, "ts": iso(r.ts), "group": r.group, "event": msgspec.json.decode(r.payload)}
            for r in d.events
        ],
        "ledger": [entry_view(e) for e in d.entries],
        "notices": [notice_view(n) for n in d.notices],
        "appeals": [struct_view(a) for a in d.appeals],
        "sanctions": [sanction_view(s) for s in d.sanctions],
        "listings": [listing_view(x) for x in d.listings],
        "reviews": [review_view(i) for i in d.reviews],
        "others": "other people appear as person-... pseudonyms, the same within this export and no other",
    }
    scrubbed: View = scrub(bundle, d.others)
    return scrubbed
