"""Moderators' corrections: reversals and adjustments."""

from __future__ import annotations

from typing import Any

from chatcredit import views
from chatcredit.api import schemas as sc
from chatcredit.api.bodies import AdjustBody, ReverseBody
from chatcredit.api.call import Call
from chatcredit.api.endpoint import Endpoint, body_schema
from chatcredit.api.problems import HttpProblem
from chatcredit.domain.taxonomy import CATEGORIES


async def post_reverse(call: Call) -> Any:
    body = await call.json(ReverseBody)
    assert call.key is not None
    entry, notice = await call.write("reverse", body.entry_id, call.key.name, body.reason)
    call.metrics.ledger_entries.inc()
    return {"entry": views.entry_view(entry), "notice": views.notice_view(notice)}


async def post_adjust(call: Call) -> Any:
    body = await call.json(AdjustBody)
    assert call.key is not None
    if not body.points.is_integer():
        raise HttpProblem(
            422, "invalid-body", "The request body does not fit the schema", "points must be a whole number"
        )
    entry, notice = await call.write(
        "adjust", body.user, int(body.points), body.category, call.key.name, body.reason, body.severity
    )
    call.metrics.ledger_entries.inc()
    return {"entry": views.entry_view(entry), "notice": views.notice_view(notice)}


ROUTES: tuple[Endpoint, ...] = (
    Endpoint(
        "POST",
        "/v1/reverse",
        "moderate",
        post_reverse,
        "Reverse a ledger entry (the moderator is the key's name)",
        sc.CORRECTION,
        body=body_schema(ReverseBody),
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
        body=body_schema(
            AdjustBody, points={"type": "integer", "not": {"const": 0}}, category={"enum": sorted(CATEGORIES)}
        ),
        tag="corrections",
        errors=(400, 401, 403, 413, 415, 422),
    ),
)
