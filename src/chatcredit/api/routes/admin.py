"""Maintenance (rebuild, rescan) and API keys."""

from __future__ import annotations

from typing import Any

from chatcredit import views
from chatcredit.api import schemas as sc
from chatcredit.api.bodies import KeyBody
from chatcredit.api.call import Call, Param
from chatcredit.api.endpoint import RESCAN_SLICE, Endpoint, body_schema
from chatcredit.domain.keys import ApiKey
from chatcredit.service.pipeline import IngestReport


def key_view(key: ApiKey) -> dict[str, Any]:
    return {
        "id": key.id,
        "name": key.name,
        "scopes": list(key.scopes),
        "created": views.iso(key.created),
        "revoked": views.iso(key.revoked),
    }


async def post_rebuild(call: Call) -> Any:
    users = await call.write("rebuild")
    call.engine.forget_standings()  # rebuilt by the writer: this process derives them again
    return {"users": users}


async def post_rescan(call: Call) -> Any:
    report = IngestReport()
    token = await call.write("rescan_start", call.time("since"), RESCAN_SLICE)
    # one slice per trip to the writer: batches sent meanwhile are not held up
    while (part := await call.write("rescan_next", token)) is not None:
        report.add(part)
    call.metrics.count_ingest(report)
    return {"signals": report.signals, "penalties": report.penalties, "reviews": report.reviews}


async def get_keys(call: Call) -> Any:
    return [key_view(k) for k in call.engine.list_keys()]


async def post_key(call: Call) -> Any:
    body = await call.json(KeyBody)
    record, token = await call.write("create_key", body.name, list(body.scopes))
    return {**key_view(record), "token": token}


async def delete_key(call: Call) -> Any:
    await call.write("revoke_key", call.path("key_id"))
    call.forget_keys()  # revoked here takes effect here at once (elsewhere within the key cache time)
    return {"revoked": call.path("key_id")}


ROUTES: tuple[Endpoint, ...] = (
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
        body=body_schema(KeyBody),
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
