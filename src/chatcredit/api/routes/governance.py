"""Groups, sanctions and the blacklist: ``read`` to see, ``moderate`` to act (the
moderator is the key's name)."""

from __future__ import annotations

from typing import Any

from chatcredit import views
from chatcredit.api import schemas as sc
from chatcredit.api.bodies import LiftBody, ListingBody
from chatcredit.api.call import Call, Param
from chatcredit.api.endpoint import AT, USER, Endpoint, body_schema
from chatcredit.api.problems import HttpProblem
from chatcredit.domain.taxonomy import CATEGORIES
from chatcredit.governance.records import Listing

GROUP = Param("group", sc.ID, True, "the group id", "path")
LISTING = Param("listing_id", {**sc.ID, "maxLength": 64}, True, "the listing id", "path")
STATUS = Param(
    "status", {"type": "string", "enum": ["proposed", "active", "lifted", "expired", "disputed", "overridden"]}
)
_WRITE_ERRORS = (400, 401, 403, 404, 413, 415, 422)


async def get_groups(call: Call) -> Any:
    return [views.group_view(r) for r in call.engine.oversight.groups(call.time())]


async def get_group(call: Call) -> Any:
    return views.group_view(call.engine.oversight.group(call.path("group"), call.time()))


async def get_sanctions(call: Call) -> Any:
    user = call.path("user")
    call.engine.check_known(user)
    o = call.engine.oversight
    return {
        "sanctions": [views.sanction_view(s) for s in o.sanctions(user)],
        "listings": [views.listing_view(x) for x in o.listings_of(user)],
    }


_STATUSES = ("proposed", "active", "lifted", "expired", "disputed", "overridden")


async def get_blacklist(call: Call) -> Any:
    status = call.text("status")
    if status is not None and status not in _STATUSES:
        raise HttpProblem(
            400, "invalid-parameter", "A parameter is not valid", f"'status' must be one of {', '.join(_STATUSES)}"
        )
    return [views.listing_view(x) for x in call.engine.oversight.listings((status,) if status else ())]


async def get_listing(call: Call) -> Any:
    return views.listing_view(call.engine.oversight.listing(call.path("listing_id", 64)))


async def post_listing(call: Call) -> Any:
    body = await call.json(ListingBody)
    assert call.key is not None
    listing: Listing = await call.write(
        "listing_add", body.subject, body.category, body.reason, call.key.name, body.days, body.kind
    )
    return views.listing_view(listing)


async def post_confirm(call: Call) -> Any:
    assert call.key is not None
    listing: Listing = await call.write("listing_confirm", call.path("listing_id", 64), call.key.name)
    return views.listing_view(listing)


async def post_lift(call: Call) -> Any:
    body = await call.json(LiftBody)
    assert call.key is not None
    listing: Listing = await call.write("listing_lift", call.path("listing_id", 64), call.key.name, body.reason)
    return views.listing_view(listing)


async def post_sweep(call: Call) -> Any:
    return await call.write("sweep", call.time())


SWEEP = sc.obj({"records": sc.INT, "penalties": sc.INT, "notices": sc.INT})

ROUTES: tuple[Endpoint, ...] = (
    Endpoint(
        "GET",
        "/v1/groups",
        "read",
        get_groups,
        "Every group, least healthy first",
        sc.array(sc.ref("Group")),
        (AT,),
        tag="governance",
    ),
    Endpoint(
        "GET",
        "/v1/groups/{group}",
        "read",
        get_group,
        "A group: who runs it, its status, health, sanctions and unmoderated violations",
        sc.ref("Group"),
        (GROUP, AT),
        tag="governance",
        errors=(400, 401, 403, 404),
    ),
    Endpoint(
        "GET",
        "/v1/users/{user}/sanctions",
        "read",
        get_sanctions,
        "A user's sanctions and blacklist listings",
        sc.obj({"sanctions": sc.array(sc.ref("Sanction")), "listings": sc.array(sc.ref("Listing"))}),
        (USER,),
        tag="governance",
        errors=(400, 401, 403, 404),
    ),
    Endpoint(
        "GET",
        "/v1/blacklist",
        "read",
        get_blacklist,
        "Blacklist listings",
        sc.array(sc.ref("Listing")),
        (Param("status", {"type": "string", "enum": list(_STATUSES)}),),
        tag="governance",
    ),
    Endpoint(
        "GET",
        "/v1/blacklist/{listing_id}",
        "read",
        get_listing,
        "One listing",
        sc.ref("Listing"),
        (LISTING,),
        tag="governance",
        errors=(400, 401, 403, 404),
    ),
    Endpoint(
        "POST",
        "/v1/blacklist",
        "moderate",
        post_listing,
        "List a subject (a moderator's decision, with a notice)",
        sc.ref("Listing"),
        body=body_schema(ListingBody, category={"enum": sorted(CATEGORIES)}),
        tag="governance",
        errors=_WRITE_ERRORS,
    ),
    Endpoint(
        "POST",
        "/v1/blacklist/{listing_id}/confirm",
        "moderate",
        post_confirm,
        "Confirm a proposed listing",
        sc.ref("Listing"),
        (LISTING,),
        tag="governance",
        errors=(*_WRITE_ERRORS, 409),
    ),
    Endpoint(
        "POST",
        "/v1/blacklist/{listing_id}/lift",
        "moderate",
        post_lift,
        "Lift a listing",
        sc.ref("Listing"),
        (LISTING,),
        body=body_schema(LiftBody),
        tag="governance",
        errors=(*_WRITE_ERRORS, 409),
    ),
    Endpoint(
        "POST",
        "/v1/sweep",
        "moderate",
        post_sweep,
        "Judge violations whose moderation deadline has passed",
        SWEEP,
        (AT,),
        tag="governance",
        errors=(400, 401, 403),
    ),
)
