"""A user's standing, explanation, ledger, notices, and permit."""

from __future__ import annotations

from typing import Any

from chatcredit import views
from chatcredit.api import schemas as sc
from chatcredit.api.call import Call, Param
from chatcredit.api.endpoint import AT, USER, Endpoint
from chatcredit.api.problems import HttpProblem
from chatcredit.domain.permits import ACTIONS


async def get_standing(call: Call) -> Any:
    at = call.time()
    call.engine.check_known(call.path("user"))
    return views.standing_view(call.engine.standing(call.path("user"), at))


async def get_explain(call: Call) -> Any:
    at = call.time()
    call.engine.check_known(call.path("user"))
    return views.explain_view(call.engine.explain(call.path("user"), at))


async def get_ledger(call: Call) -> Any:
    at = call.time()
    call.engine.check_known(call.path("user"))
    return [views.entry_view(e) for e in call.engine.ledger(call.path("user"), at)]


async def get_notices(call: Call) -> Any:
    call.engine.check_known(call.path("user"))
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
    size = call.integer("size", -1, 0, 100_000_000)
    audience = call.integer("audience", -1, 0, 100_000_000_000)
    decision = call.engine.permit(
        user, action, call.text("group"), call.time(), size if size >= 0 else None, audience if audience >= 0 else None
    )
    return views.permit_view(decision)


ROUTES: tuple[Endpoint, ...] = (
    Endpoint(
        "GET",
        "/v1/users/{user}/standing",
        "read",
        get_standing,
        "A user's score, tier and key factors",
        sc.ref("Standing"),
        (USER, AT),
        errors=(400, 401, 403, 404),
    ),
    Endpoint(
        "GET",
        "/v1/users/{user}/explain",
        "read",
        get_explain,
        "Every ledger entry of a user and what it counts now",
        sc.EXPLANATION,
        (USER, AT),
        errors=(400, 401, 403, 404),
    ),
    Endpoint(
        "GET",
        "/v1/users/{user}/ledger",
        "read",
        get_ledger,
        "A user's ledger entries",
        sc.array(sc.ref("Entry")),
        (USER, AT),
        errors=(400, 401, 403, 404),
    ),
    Endpoint(
        "GET",
        "/v1/users/{user}/notices",
        "read",
        get_notices,
        "The statements of reasons sent to a user",
        sc.array(sc.ref("Notice")),
        (USER,),
        errors=(400, 401, 403, 404),
    ),
    Endpoint(
        "GET",
        "/v1/permit",
        "read",
        get_permit,
        "May this user do this action now? (the hot path)",
        sc.ref("Permit"),
        (
            Param("user", sc.ID, True),
            Param("action", {"type": "string", "enum": list(ACTIONS)}, True),
            Param("group", sc.ID, description="the group: posting in it, manage_group, grow_group"),
            Param(
                "size", {"type": "integer", "minimum": 0, "maximum": 100_000_000}, description="group size asked for"
            ),
            Param(
                "audience",
                {"type": "integer", "minimum": 0, "maximum": 100_000_000_000},
                description="followers to reach",
            ),
            AT,
        ),
        tag="permit",
    ),
)
