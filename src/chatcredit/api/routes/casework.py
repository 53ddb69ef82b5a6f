"""Due process over HTTP: the review queue, appeals, referrals, the notice outbox and the
transparency report. ``read`` sees; ``moderate`` decides (the moderator is the key's
name); ``ingest`` is the platform's: it files appeals on its users' behalf and pulls
and acknowledges notices."""

from __future__ import annotations

from typing import Any

from chatcredit import views
from chatcredit.api import schemas as sc
from chatcredit.api.bodies import AckBody, AppealBody, DecideAppealBody, DecideReviewBody, ReferralBody
from chatcredit.api.call import Call, Param
from chatcredit.api.endpoint import LIMIT, Endpoint, body_schema
from chatcredit.api.problems import HttpProblem
from chatcredit.dueprocess.publication import as_view
from chatcredit.service.casework import QueueRow
from chatcredit.service.outbox import Outbox
from chatcredit.service.reports import Reports

ITEM = Param("item_id", {**sc.ID, "maxLength": 64}, True, "the review item id", "path")
APPEAL = Param("appeal_id", {**sc.ID, "maxLength": 64}, True, "the appeal id", "path")
_WRITE = (400, 401, 403, 404, 409, 413, 415, 422)
_APPEAL_STATUSES = ("filed", "upheld", "overturned", "modified")


def _row(r: QueueRow) -> dict[str, Any]:
    return {
        **views.review_view(r.item),
        "priority": r.priority,
        "reporter_precision": r.reporter_precision,
        "trusted_flagger": r.trusted_flagger,
    }


def _moderator(call: Call) -> str:
    assert call.key is not None  # the route's scope was checked
    return call.key.name


async def get_queue(call: Call) -> Any:
    limit = call.integer("limit", 100, 1, 1000)
    rows = call.engine.casework.queue(limit, category=call.text("category"), detector=call.text("detector"))
    return [_row(r) for r in rows]


async def get_item(call: Call) -> Any:
    case = call.engine.casework.case(call.path("item_id", 64))
    return {
        "item": _row(case.row),
        "message": case.message,
        "context": [views.struct_view(m) for m in case.context],
        "standing": views.standing_view(case.standing),
        "recent": [views.entry_view(e) for e in case.recent],
    }


async def post_claim(call: Call) -> Any:
    return views.review_view(await call.write("review_claim", call.path("item_id", 64), _moderator(call)))


async def post_decide(call: Call) -> Any:
    body = await call.json(DecideReviewBody)
    args = (call.path("item_id", 64), body.outcome, _moderator(call), body.reason, body.severity)
    item, entries = await call.write("review_decide", *args)
    return {"item": views.review_view(item), "entries": entries}


def _appeal(call: Call, appeal: Any) -> dict[str, Any]:
    return {**views.struct_view(appeal), "breached": call.engine.appeals.breached(appeal)}


async def get_appeals(call: Call) -> Any:
    status = call.text("status")
    if status is not None and status not in _APPEAL_STATUSES:
        raise HttpProblem(
            400, "invalid-parameter", "A parameter is not valid", f"'status' must be one of {_APPEAL_STATUSES}"
        )
    return [_appeal(call, a) for a in call.engine.appeals.all(status)]


async def get_appeal(call: Call) -> Any:
    return _appeal(call, call.engine.appeals.get(call.path("appeal_id", 64)))


async def post_appeal(call: Call) -> Any:
    body = await call.json(AppealBody)
    return _appeal(call, await call.write("appeal_file", body.target, body.user, body.statement))


async def post_appeal_decide(call: Call) -> Any:
    body = await call.json(DecideAppealBody)
    if body.points is not None and not body.points.is_integer():
        raise HttpProblem(422, "invalid-body", "The request body does not fit the schema", "points must be whole")
    points = None if body.points is None else int(body.points)
    args = (call.path("appeal_id", 64), body.outcome, _moderator(call), body.reason, points)
    return _appeal(call, await call.write("appeal_decide", *args))


async def get_referrals(call: Call) -> Any:
    return [views.struct_view(r) for r in call.engine.casework.referrals()]


async def post_referral(call: Call) -> Any:
    body = await call.json(ReferralBody)
    made = await call.write("refer", body.case, body.authority, body.reason, _moderator(call), body.user)
    return views.struct_view(made)


async def get_pending(call: Call) -> Any:
    flag = call.text("failed")
    if flag not in (None, "true", "false"):
        raise HttpProblem(400, "invalid-parameter", "A parameter is not valid", "'failed' is true or false")
    failed = flag == "true"
    outbox = Outbox(call.engine.reads, call.engine.writer, call.engine.now)
    pending = outbox.pending(failed, call.integer("limit", 100, 1, 1000))
    return [{"notice": views.notice_view(n), "delivery": views.struct_view(d)} for d, n in pending]


async def post_ack(call: Call) -> Any:
    body = await call.json(AckBody)
    return {"acknowledged": await call.write("notices_ack", list(body.notice_ids))}


async def get_report(call: Call) -> Any:
    since, until = call.time("from"), call.time("to")
    if since is None or until is None:
        raise HttpProblem(400, "invalid-parameter", "A parameter is not valid", "'from' and 'to' are required")
    engine = call.engine
    return as_view(Reports(engine.reads, engine.policy, engine.casework.automated).transparency(since, until))


PENDING = sc.array(sc.obj({"notice": sc.ref("Notice"), "delivery": sc.ref("Delivery")}))
CASE = sc.obj(
    {
        "item": sc.ref("QueueItem"),
        "message": sc.nullable(sc.STR),
        "context": sc.array(sc.obj({"id": sc.STR, "ts": sc.NUM, "user": sc.STR, "text": sc.STR, "reported": sc.BOOL})),
        "standing": sc.ref("Standing"),
        "recent": sc.array(sc.ref("Entry")),
    }
)
TIME_PARAM = {**sc.TIME, "minLength": 1}
#: a modified decision needs its new points
DECIDE_APPEAL = {
    **body_schema(
        DecideAppealBody, points={"anyOf": [{"type": "integer", "minimum": -1000, "maximum": -1}, {"type": "null"}]}
    ),
    "if": {"properties": {"outcome": {"const": "modify"}}},
    "then": {"required": ["points"], "properties": {"points": {"type": "integer"}}},
}


def _e(
    method: str, path: str, scope: str, handler: Any, summary: str, response: Any, *params: Param, **kw: Any
) -> Endpoint:
    return Endpoint(method, path, scope, handler, summary, response, params, tag="due process", **kw)


ROUTES: tuple[Endpoint, ...] = (
    _e(
        "GET",
        "/v1/review/queue",
        "read",
        get_queue,
        "The review queue by priority",
        sc.array(sc.ref("QueueItem")),
        LIMIT,
        Param("category", sc.ID),
        Param("detector", sc.ID),
    ),
    _e(
        "GET",
        "/v1/review/{item_id}",
        "read",
        get_item,
        "A review item with its context",
        CASE,
        ITEM,
        errors=(400, 401, 403, 404),
    ),
    _e(
        "POST",
        "/v1/review/{item_id}/claim",
        "moderate",
        post_claim,
        "Claim an item",
        sc.ref("Review"),
        ITEM,
        errors=_WRITE,
    ),
    _e(
        "POST",
        "/v1/review/{item_id}/decide",
        "moderate",
        post_decide,
        "Uphold, dismiss or escalate an item",
        sc.obj({"item": sc.ref("Review"), "entries": sc.array(sc.STR)}),
        ITEM,
        body=body_schema(DecideReviewBody),
        errors=_WRITE,
    ),
    _e(
        "GET",
        "/v1/appeals",
        "read",
        get_appeals,
        "Appeals, with their deadline",
        sc.array(sc.ref("Appeal")),
        Param("status", {"type": "string", "enum": list(_APPEAL_STATUSES)}),
    ),
    _e(
        "GET",
        "/v1/appeals/{appeal_id}",
        "read",
        get_appeal,
        "One appeal",
        sc.ref("Appeal"),
        APPEAL,
        errors=(400, 401, 403, 404),
    ),
    _e(
        "POST",
        "/v1/appeals",
        "ingest",
        post_appeal,
        "File an appeal on a user's behalf",
        sc.ref("Appeal"),
        body=body_schema(AppealBody),
        errors=_WRITE,
    ),
    _e(
        "POST",
        "/v1/appeals/{appeal_id}/decide",
        "moderate",
        post_appeal_decide,
        "Decide an appeal (never the original decider)",
        sc.ref("Appeal"),
        APPEAL,
        body=DECIDE_APPEAL,
        errors=_WRITE,
    ),
    _e("GET", "/v1/referrals", "read", get_referrals, "Recorded referrals", sc.array(sc.ref("Referral"))),
    _e(
        "POST",
        "/v1/referrals",
        "moderate",
        post_referral,
        "Record a referral to an authority (a person's act)",
        sc.ref("Referral"),
        body=body_schema(ReferralBody),
        errors=_WRITE,
    ),
    _e(
        "GET",
        "/v1/notices/pending",
        "ingest",
        get_pending,
        "Notices not yet delivered",
        PENDING,
        LIMIT,
        Param("failed", {"type": "string", "enum": ["true", "false"]}),
    ),
    _e(
        "POST",
        "/v1/notices/ack",
        "ingest",
        post_ack,
        "Acknowledge notices the platform fetched",
        sc.obj({"acknowledged": sc.INT}),
        body=body_schema(AckBody),
        errors=_WRITE,
    ),
    _e(
        "GET",
        "/v1/report",
        "read",
        get_report,
        "The transparency report for a period",
        sc.obj({}, {}),
        Param("from", TIME_PARAM, True),
        Param("to", TIME_PARAM, True),
        errors=(400, 401, 403),
    ),
)
