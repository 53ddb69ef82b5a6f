"""The route table: one ``Endpoint`` per operation. Adding a route is adding a row here.

Each row says the method, path, scope, handler, and the schemas the OpenAPI document is
built from (``openapi.py``), so the document cannot drift from the routes.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import msgspec

from chatcredit import views
from chatcredit.api import schemas as sc
from chatcredit.api.bodies import AdjustBody, KeyBody, ReverseBody, parse_events_body
from chatcredit.api.call import Call, Param
from chatcredit.api.problems import HttpProblem
from chatcredit.domain.keys import ApiKey
from chatcredit.domain.permits import ACTIONS
from chatcredit.domain.taxonomy import CATEGORIES
from chatcredit.errors import PolicyError
from chatcredit.policy import parse_policy

Handler = Callable[[Call], Awaitable[Any]]


@dataclass(frozen=True, slots=True)
class Endpoint:
    method: str
    path: str
    scope: str
    handler: Handler
    summary: str
    response: sc.Schema
    params: tuple[Param, ...] = ()
    body: sc.Schema | None = None
    tag: str = "users"
    errors: tuple[int, ...] = field(default=(400, 401, 403))


USER = Param("user", {"type": "string", "minLength": 1, "maxLength": 256}, True, "the user id", "path")
AT = Param("at", {**sc.TIME, "minLength": 1}, description="evaluate as of this time (default: now)")
LIMIT = Param("limit", {"type": "integer", "minimum": 1, "maximum": 1000})
MAX_OFFSET = 2**31
OFFSET = Param("offset", {"type": "integer", "minimum": 0, "maximum": MAX_OFFSET})


# ------------------------------------------------------------------ handlers


async def post_events(call: Call) -> Any:
    kind = call.content_type()
    body = await call.body()
    items = parse_events_body(body, kind, call.settings["max_events_per_request"])
    report = call.engine.ingest_items(items, source="api")
    call.metrics.count_ingest(report)
    return {
        **{k: v for k, v in views.ingest_view(report).items() if k != "quarantined"},
        "rejected": report.quarantined,
        "rejections": [{"index": r.line, "field": r.field, "reason": r.reason} for r in report.rejected],
    }


async def get_standing(call: Call) -> Any:
    return views.standing_view(call.engine.standing(call.path("user"), call.time()))


async def get_explain(call: Call) -> Any:
    return views.explain_view(call.engine.explain(call.path("user"), call.time()))


async def get_ledger(call: Call) -> Any:
    return [views.entry_view(e) for e in call.engine.ledger(call.path("user"), call.time())]


async def get_notices(call: Call) -> Any:
    return [views.notice_view(n) for n in call.engine.notices(call.path("user"))]


async def get_permit(call: Call) -> Any:
    user = call.text("user", required=True)
    action = call.text("action", required=True)
    if action not in ACTIONS:
        raise HttpProblem(
            400,
            "invalid-parameter",
            "A parameter is not valid",
            f"'action' must be one of {', '.join(ACTIONS)}",
        )
    assert user is not None
    return views.permit_view(call.engine.permit(user, action, call.text("group"), call.time()))


async def post_reverse(call: Call) -> Any:
    body = await call.json(ReverseBody)
    assert call.key is not None
    entry, notice = call.engine.reverse(body.entry_id, by=call.key.name, reason=body.reason)
    call.metrics.ledger_entries.inc()
    return {"entry": views.entry_view(entry), "notice": views.notice_view(notice)}


async def post_adjust(call: Call) -> Any:
    body = await call.json(AdjustBody)
    assert call.key is not None
    if not body.points.is_integer():
        raise HttpProblem(
            422, "invalid-body", "The request body does not fit the schema", "points must be a whole number"
        )
    entry, notice = call.engine.adjust(
        body.user,
        int(body.points),
        body.category,
        by=call.key.name,
        reason=body.reason,
        severity=body.severity,
    )
    call.metrics.ledger_entries.inc()
    return {"entry": views.entry_view(entry), "notice": views.notice_view(notice)}


async def get_quarantine(call: Call) -> Any:
    limit = call.integer("limit", 100, 1, call.settings["max_list_items"])
    offset = call.integer("offset", 0, 0, MAX_OFFSET)
    return [views.quarantine_view(q) for q in call.engine.quarantine(limit, offset)]


async def get_review(call: Call) -> Any:
    limit = call.integer("limit", 100, 1, call.settings["max_list_items"])
    return [views.review_view(r) for r in call.engine.review_queue(limit)]


async def get_policy(call: Call) -> Any:
    policy = call.engine.policy
    return {"source": policy.source, "version": policy.version, "text": policy.text}


async def post_policy_check(call: Call) -> Any:
    kind = call.request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind not in ("application/toml", "text/plain"):
        raise HttpProblem(415, "unsupported-media-type", "Send TOML", "Content-Type must be application/toml")
    try:
        text = (await call.body()).decode("utf-8")
    except UnicodeDecodeError:
        raise HttpProblem(400, "invalid-body", "The policy is not UTF-8 text") from None
    try:
        checked = parse_policy(text, "<request body>")
    except PolicyError as exc:  # the check's answer, not a failed request
        return {"ok": False, "error": {"line": exc.line, "key": exc.key, "message": exc.message}}
    return {"ok": True, "version": checked.version, "rules": len(checked.rules), "tiers": len(checked.tiers)}


async def get_taxonomy(call: Call) -> Any:
    return [{"code": c.code, "dsa_category": c.dsa_category, "title": c.title} for c in CATEGORIES.values()]


async def get_rules(call: Call) -> Any:
    return [views.rule_view(r) for r in call.engine.detection.rules()]


async def post_rebuild(call: Call) -> Any:
    return {"users": call.engine.rebuild()}


async def post_rescan(call: Call) -> Any:
    report = call.engine.rescan(call.time("since"))
    call.metrics.count_ingest(report)
    return {"signals": report.signals, "penalties": report.penalties, "reviews": report.reviews}


def key_view(key: ApiKey) -> dict[str, Any]:
    return {
        "id": key.id,
        "name": key.name,
        "scopes": list(key.scopes),
        "created": views.iso(key.created),
        "revoked": views.iso(key.revoked),
    }


async def get_keys(call: Call) -> Any:
    return [key_view(k) for k in call.engine.list_keys()]


async def post_key(call: Call) -> Any:
    body = await call.json(KeyBody)
    record, token = call.engine.create_key(body.name, body.scopes)
    return {**key_view(record), "token": token}


async def delete_key(call: Call) -> Any:
    call.engine.revoke_key(call.path("key_id"))
    return {"revoked": call.path("key_id")}


def _body_schema(kind: type, **refine: sc.Schema) -> sc.Schema:
    """The struct's JSON Schema, with the rules msgspec cannot express added per property."""
    schema = msgspec.json.schema(kind)
    defs = schema.pop("$defs", {})
    body = dict(defs[kind.__name__]) if "$ref" in schema else schema
    for prop, extra in refine.items():
        body["properties"][prop] = {**body["properties"][prop], **extra}
    return body


LIST = ("limit", "offset")
ENDPOINTS: tuple[Endpoint, ...] = (
    Endpoint(
        "POST",
        "/v1/events",
        "ingest",
        post_events,
        "Ingest a batch of events (JSON array or NDJSON)",
        sc.ref("IngestResult"),
        body=sc.EVENTS_BODY,
        tag="events",
        errors=(400, 401, 403, 408, 413, 415),
    ),
    Endpoint(
        "GET",
        "/v1/users/{user}/standing",
        "read",
        get_standing,
        "A user's score, tier and key factors",
        sc.ref("Standing"),
        (USER, AT),
    ),
    Endpoint(
        "GET",
        "/v1/users/{user}/explain",
        "read",
        get_explain,
        "Every ledger entry of a user and what it counts now",
        sc.EXPLANATION,
        (USER, AT),
    ),
    Endpoint(
        "GET",
        "/v1/users/{user}/ledger",
        "read",
        get_ledger,
        "A user's ledger entries",
        sc.array(sc.ref("Entry")),
        (USER, AT),
    ),
    Endpoint(
        "GET",
        "/v1/users/{user}/notices",
        "read",
        get_notices,
        "The statements of reasons sent to a user",
        sc.array(sc.ref("Notice")),
        (USER,),
    ),
    Endpoint(
        "GET",
        "/v1/permit",
        "read",
        get_permit,
        "May this user do this action now? (the hot path)",
        sc.ref("Permit"),
        (
            Param("user", {"type": "string", "minLength": 1, "maxLength": 256}, True),
            Param("action", {"type": "string", "enum": list(ACTIONS)}, True),
            Param("group", {"type": "string", "minLength": 1, "maxLength": 256}, description="for manage_group"),
            AT,
        ),
        tag="permit",
    ),
    Endpoint(
        "POST",
        "/v1/reverse",
        "moderate",
        post_reverse,
        "Reverse a ledger entry (the moderator is the key's name)",
        sc.CORRECTION,
        body=_body_schema(ReverseBody),
        tag="corrections",
        errors=(400, 401, 403, 404, 409, 413, 415, 422),
    ),
    Endpoint(
        "POST",
        "/v1/adjust",
        "moderate",
        post_adjust,
        "Record a moderator's manual decision (the moderator is the key's name)",
        sc.CORRECTION,
        body=_body_schema(
            AdjustBody, points={"type": "integer", "not": {"const": 0}}, category={"enum": sorted(CATEGORIES)}
        ),
        tag="corrections",
        errors=(400, 401, 403, 413, 415, 422),
    ),
    Endpoint(
        "GET",
        "/v1/quarantine",
        "read",
        get_quarantine,
        "Rejected input records",
        sc.array(sc.ref("Quarantined")),
        (LIMIT, OFFSET),
        tag="events",
    ),
    Endpoint(
        "GET",
        "/v1/review",
        "read",
        get_review,
        "The open human review queue",
        sc.array(sc.ref("Review")),
        (LIMIT,),
        tag="events",
    ),
    Endpoint(
        "GET",
        "/v1/policy",
        "read",
        get_policy,
        "The policy in force",
        sc.obj({"source": sc.STR, "version": sc.STR, "text": sc.STR}),
        tag="policy",
    ),
    Endpoint(
        "POST",
        "/v1/policy/check",
        "admin",
        post_policy_check,
        "Validate a policy file (TOML body); errors name the line and key",
        sc.obj(
            {"ok": sc.BOOL},
            {
                "version": sc.STR,
                "rules": sc.INT,
                "tiers": sc.INT,
                "error": sc.obj({"line": sc.nullable(sc.INT), "key": sc.nullable(sc.STR), "message": sc.STR}),
            },
        ),
        body={"type": "string", "description": "the policy file, as TOML text"},
        tag="policy",
        errors=(400, 401, 403, 408, 413, 415, 422),
    ),
    Endpoint(
        "GET",
        "/v1/taxonomy",
        "read",
        get_taxonomy,
        "The fixed conduct categories",
        sc.array(sc.obj({"code": sc.STR, "dsa_category": sc.STR, "title": sc.STR})),
        tag="policy",
    ),
    Endpoint(
        "GET",
        "/v1/rules",
        "read",
        get_rules,
        "The policy's rules: mode, version, trial, brake, shadow hits",
        sc.array(sc.ref("RuleStatus")),
        tag="policy",
    ),
    Endpoint(
        "POST",
        "/v1/rebuild",
        "admin",
        post_rebuild,
        "Drop and rebuild the cached standings",
        sc.obj({"users": sc.INT}),
        tag="admin",
    ),
    Endpoint(
        "POST",
        "/v1/rescan",
        "admin",
        post_rescan,
        "Run the detectors again over the archive",
        sc.obj({"signals": sc.INT, "penalties": sc.INT, "reviews": sc.INT}),
        (Param("since", {**sc.TIME, "minLength": 1}),),
        tag="admin",
    ),
    Endpoint(
        "GET",
        "/v1/keys",
        "admin",
        get_keys,
        "API keys (never their secrets)",
        sc.array(sc.ref("Key")),
        tag="admin",
    ),
    Endpoint(
        "POST",
        "/v1/keys",
        "admin",
        post_key,
        "Create an API key; the token is shown once",
        sc.obj({**sc.COMPONENTS["Key"]["properties"], "token": sc.STR}),
        body=_body_schema(KeyBody),
        tag="admin",
        errors=(400, 401, 403, 413, 415, 422),
    ),
    Endpoint(
        "DELETE",
        "/v1/keys/{key_id}",
        "admin",
        delete_key,
        "Revoke an API key",
        sc.obj({"revoked": sc.STR}),
        (Param("key_id", sc.STR, True, where="path"),),
        tag="admin",
        errors=(400, 401, 403, 404),
    ),
)
