"""JSON Schemas of request and response bodies, for the OpenAPI document."""

from __future__ import annotations

import json
from typing import Any

import msgspec

from chatcredit.domain.events import ID_PATTERN
from chatcredit.domain.ledger import LedgerEntry
from chatcredit.domain.permits import ACTIONS, PermitDecision
from chatcredit.domain.taxonomy import CATEGORIES
from chatcredit.dueprocess.cases import Appeal, Delivery, Referral
from chatcredit.dueprocess.notices import Notice
from chatcredit.dueprocess.review import ReviewItem
from chatcredit.dueprocess.transparency import TransparencyReport
from chatcredit.governance.records import Listing, Sanction, Violation
from chatcredit.service.oversight import GroupReport
from chatcredit.views import time_fields
from chatcredit.vocabulary import SCOPES, SEVERITIES

Schema = dict[str, Any]

STR: Schema = {"type": "string"}
INT: Schema = {"type": "integer"}
NUM: Schema = {"type": "number"}
BOOL: Schema = {"type": "boolean"}
TIME: Schema = {"type": "string", "format": "date-time"}
#: a user, group or key id in a path or query (as the events' ids: printable, 1-256)
ID: Schema = {"type": "string", "minLength": 1, "maxLength": 256, "pattern": ID_PATTERN}


def nullable(schema: Schema) -> Schema:
    return {"anyOf": [schema, {"type": "null"}]}


def obj(required: dict[str, Schema], optional: dict[str, Schema] | None = None) -> Schema:
    props = {**required, **(optional or {})}
    return {"type": "object", "properties": props, "required": list(required)}


def ref(name: str) -> Schema:
    return {"$ref": f"#/components/schemas/{name}"}


def array(items: Schema) -> Schema:
    return {"type": "array", "items": items}


def struct_schema(kind: type, **extra: Schema) -> Schema:
    """A struct's schema, from the struct itself (``msgspec.json.schema``): every field is
    in every view, times are ISO 8601 strings; ``extra`` adds properties a view derives."""
    generated = msgspec.json.schema(kind)
    body = dict(generated.get("$defs", {}).get(kind.__name__, generated))
    body.pop("title", None)
    tag = getattr(kind, "__struct_config__", None)
    if tag is not None and tag.tag_field:  # the views leave the tag out (it names the record kind)
        body["properties"] = {k: v for k, v in body["properties"].items() if k != tag.tag_field}
    times = {
        name: (nullable(TIME) if "anyOf" in body["properties"][name] else dict(TIME)) for name in time_fields(kind)
    }
    props = {**body["properties"], **times}
    for name, schema in extra.items():  # derived properties, or a field described more exactly
        props[name] = schema
    return {"type": "object", "properties": props, "required": list(props)}


REASON = obj({"code": STR, "points": INT, "category": nullable(STR), "count": INT})

COMPONENTS: dict[str, Schema] = {
    "Problem": obj({"type": STR, "title": STR, "status": INT, "detail": STR, "instance": STR}),
    "Standing": obj(
        {
            "user": STR,
            "at": TIME,
            "score": {"type": "integer", "minimum": 0, "maximum": 1000},
            "tier": STR,
            "reasons": array(REASON),
            "tenure_credit": INT,
            "credits": INT,
            "next_tier": nullable(STR),
            "next_tier_at": nullable(TIME),
            "clean_days_to_next_tier": nullable(INT),
            "policy_version": STR,
        }
    ),
    "Entry": struct_schema(LedgerEntry, span=nullable(array(INT))),
    "Notice": struct_schema(Notice),
    "Review": struct_schema(ReviewItem),
    "Permit": struct_schema(PermitDecision, action={"type": "string", "enum": list(ACTIONS)}),
    "Quarantined": obj(
        {"source": STR, "line": INT, "field": nullable(STR), "reason": STR, "raw": STR, "received": TIME}
    ),
    "IngestResult": obj(
        {
            "accepted": INT,
            "duplicates": INT,
            "rejected": INT,
            "signals": INT,
            "penalties": INT,
            "reviews": INT,
            "rejections": array(obj({"index": INT, "field": nullable(STR), "reason": STR})),
        }
    ),
    "RuleStatus": obj(
        {
            "rule_id": STR,
            "category": STR,
            "severity": STR,
            "mode": STR,
            "version": STR,
            "changed_at": nullable(TIME),
            "on_trial": BOOL,
            "braked": BOOL,
            "brake_reason": nullable(STR),
            "shadow_hits": INT,
        }
    ),
    "Key": obj({"id": STR, "name": STR, "scopes": array(STR), "created": TIME, "revoked": nullable(TIME)}),
    "Sanction": struct_schema(Sanction, lifted_by_what=STR),
    "Listing": struct_schema(Listing, lifted_by_what=STR),
    "Violation": struct_schema(Violation),
    "Appeal": struct_schema(Appeal, breached=BOOL),
    "Referral": struct_schema(Referral),
    "Delivery": struct_schema(Delivery),
    "Transparency": struct_schema(
        TransparencyReport,
        since=TIME,
        until=TIME,
        detector_error_rates={
            "type": "object",
            "additionalProperties": obj({"decided": INT, "wrong": INT, "error_rate": nullable(NUM)}),
        },
    ),
    "QueueItem": struct_schema(ReviewItem, priority=NUM, reporter_precision=nullable(NUM), trusted_flagger=BOOL),
    "Group": struct_schema(
        GroupReport,
        sanctions=array(ref("Sanction")),
        unmoderated=array(ref("Violation")),
        recent=array(ref("Violation")),
    ),
}

EXPLANATION = obj(
    {
        "standing": ref("Standing"),
        "entries": array(
            {"allOf": [ref("Entry"), obj({"reversed": BOOL, "multiplier": nullable(NUM), "points_now": NUM})]}
        ),
        "open_reviews": array(ref("Review")),
        "shadow_hits": array(
            obj({"rule_id": STR, "user": STR, "event_id": STR, "ts": TIME, "why": STR, "excerpt": STR})
        ),
        "moderation_actions": array(
            obj(
                {
                    "event_id": STR,
                    "ts": TIME,
                    "group": STR,
                    "moderator": STR,
                    "action": STR,
                    "message": nullable(STR),
                    "reason": STR,
                }
            )
        ),
    }
)
CORRECTION = obj({"entry": ref("Entry"), "notice": ref("Notice")})
REVERSE_BODY = obj(
    {
        "entry_id": {"type": "string", "minLength": 1},
        "reason": {"type": "string", "minLength": 1, "maxLength": 4096},
    }
)
ADJUST_BODY = obj(
    {
        "user": {"type": "string", "minLength": 1, "maxLength": 256},
        "points": {"type": "integer", "minimum": -1000, "maximum": 1000, "not": {"const": 0}},
        "category": {"type": "string", "enum": sorted(CATEGORIES)},
        "reason": {"type": "string", "minLength": 1, "maxLength": 4096},
    },
    {"severity": {"type": "string", "enum": list(SEVERITIES)}},
)
KEY_BODY = obj(
    {
        "name": {"type": "string", "minLength": 1, "maxLength": 200},
        "scopes": {
            "type": "array",
            "minItems": 1,
            "uniqueItems": True,
            "items": {"type": "string", "enum": list(SCOPES)},
        },
    }
)
EVENTS_BODY: Schema = {
    "type": "array",
    "items": {
        "description": "an event (docs/events.md); one that does not fit is rejected alone, "
        "kept in the quarantine and reported with its index"
    },
    "description": "A JSON array of events; or NDJSON with Content-Type application/x-ndjson.",
}


def export_schema() -> Schema:
    """The JSON Schema (2020-12) of the data-subject export (``views.subject_export``)."""
    defs = {**COMPONENTS, "ExportAppeal": struct_schema(Appeal)}
    bundle = obj(
        {
            "format": {"const": "chatcredit.subject-export/1"},
            "subject": STR,
            "generated": TIME,
            "standing": ref("Standing"),
            "standing_history": array(obj({"at": TIME, "score": INT, "tier": STR, "entry": STR})),
            "identity_level": STR,
            "messages": array(
                obj({"id": STR, "type": STR, "ts": TIME, "group": nullable(STR), "event": {"type": "object"}})
            ),
            "ledger": array(ref("Entry")),
            "notices": array(ref("Notice")),
            "appeals": array(ref("ExportAppeal")),
            "sanctions": array(ref("Sanction")),
            "listings": array(ref("Listing")),
            "reviews": array(ref("Review")),
            "others": STR,
        }
    )
    text = json.dumps({"$schema": "https://json-schema.org/draft/2020-12/schema", **bundle, "$defs": defs})
    result: Schema = json.loads(text.replace("#/components/schemas/", "#/$defs/"))
    return result
