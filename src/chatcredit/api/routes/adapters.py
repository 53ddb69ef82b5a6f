"""Live adapters: platforms' own webhooks in (docs/importers.md). Each checks the
platform's secret or signature first: a wrong one is 401 and nothing is written. The
payload is mapped to events (``importers/webhooks.py``) and written as ``POST
/v1/events`` writes; a payload delivered twice is ingested once (ids from the platform's)."""

from __future__ import annotations

import hashlib
import hmac
import time
from collections.abc import Iterator
from typing import Any

import msgspec

from chatcredit.api import schemas as sc
from chatcredit.api.auth import PLATFORM
from chatcredit.api.call import Call, Param
from chatcredit.api.endpoint import INGEST_SLICE, Endpoint
from chatcredit.api.problems import HttpProblem
from chatcredit.importers import webhooks
from chatcredit.importers.base import Item

#: how old a Slack request's timestamp may be (its replay window)
SLACK_MAX_AGE = 300
RESULT = sc.obj({"accepted": sc.INT, "duplicates": sc.INT, "unmapped": sc.array(sc.STR)})
_ERRORS = (400, 401, 404, 413, 415)


def _off(name: str) -> HttpProblem:
    return HttpProblem(404, "adapter-off", "This adapter is not configured", f"set {name} to turn it on")


def _unauthorised(detail: str) -> HttpProblem:
    return HttpProblem(401, "bad-signature", "The platform's secret or signature does not match", detail)


async def _ingest(call: Call, items: Iterator[Item]) -> Any:
    body, problems = webhooks.as_json_events(items)
    report = await call.write("ingest", body, "application/json", call.settings.max_events_per_request, INGEST_SLICE)
    call.metrics.count_ingest(report)
    problems += [f"{r.field or 'event'}: {r.reason}" for r in report.rejected]
    return {"accepted": report.accepted, "duplicates": report.duplicates, "unmapped": problems}


def _decode(body: bytes) -> Any:
    try:
        return msgspec.json.decode(body)
    except msgspec.DecodeError as exc:
        raise HttpProblem(400, "malformed-json", "The request body is not valid JSON", str(exc)) from None


async def post_telegram(call: Call) -> Any:
    secret = call.settings.telegram_secret_token
    if not secret:
        raise _off("CHATCREDIT_TELEGRAM_SECRET_TOKEN")
    given = call.request.headers.get("x-telegram-bot-api-secret-token", "")
    if not hmac.compare_digest(given.encode(), secret.encode()):
        raise _unauthorised("X-Telegram-Bot-Api-Secret-Token is missing or wrong")
    return await _ingest(call, webhooks.telegram_update(_decode(await call.body())))


async def post_slack(call: Call) -> Any:
    secret = call.settings.slack_signing_secret
    if not secret:
        raise _off("CHATCREDIT_SLACK_SIGNING_SECRET")
    body = await call.body()
    stamp = call.request.headers.get("x-slack-request-timestamp", "")
    if not stamp.isdigit() or abs(time.time() - int(stamp)) > SLACK_MAX_AGE:
        raise _unauthorised("X-Slack-Request-Timestamp is missing or more than 5 minutes off (a replay?)")
    expected = "v0=" + hmac.new(secret.encode(), b"v0:" + stamp.encode() + b":" + body, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(call.request.headers.get("x-slack-signature", "").encode(), expected.encode()):
        raise _unauthorised("X-Slack-Signature does not match the body")
    payload = _decode(body)
    if isinstance(payload, dict) and payload.get("type") == "url_verification":
        return {"challenge": str(payload.get("challenge", ""))}
    return await _ingest(call, webhooks.slack_event(payload))


async def put_matrix(call: Call) -> Any:
    token = call.settings.matrix_hs_token
    if not token:
        raise _off("CHATCREDIT_MATRIX_HS_TOKEN")
    header = call.request.headers.get("authorization", "")
    given = header.removeprefix("Bearer ").strip() if header else call.request.query_params.get("access_token", "")
    if not hmac.compare_digest(given.encode(), token.encode()):
        raise _unauthorised("the homeserver's hs_token is missing or wrong")
    call.path("txn_id")
    return await _ingest(call, webhooks.matrix_transaction(await call.body()))


ROUTES: tuple[Endpoint, ...] = (
    Endpoint(
        "POST",
        "/v1/adapters/telegram",
        PLATFORM,
        post_telegram,
        "Telegram Bot API webhook (an Update; X-Telegram-Bot-Api-Secret-Token checked)",
        RESULT,
        tag="adapters",
        errors=_ERRORS,
    ),
    Endpoint(
        "POST",
        "/v1/adapters/slack",
        PLATFORM,
        post_slack,
        "Slack Events API (event_callback; url_verification answered; signature checked)",
        {"anyOf": [RESULT, sc.obj({"challenge": sc.STR})]},
        tag="adapters",
        errors=_ERRORS,
    ),
    Endpoint(
        "PUT",
        "/_matrix/app/v1/transactions/{txn_id}",
        PLATFORM,
        put_matrix,
        "Matrix application-service transaction (hs_token checked; idempotent)",
        RESULT,
        (Param("txn_id", {**sc.ID, "maxLength": 255}, True, "the transaction id", "path"),),
        tag="adapters",
        errors=_ERRORS,
    ),
)
