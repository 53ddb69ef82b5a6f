"""Live adapters on a real server: a valid payload is ingested once even when delivered
twice; a wrong secret or signature is 401 and nothing is written."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from api_server import Server, start_server

SECRETS = {"telegram_secret_token": "tg-secret", "slack_signing_secret": "slack-secret", "matrix_hs_token": "hs-token"}
SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "data" / "chat-exports"
pytestmark = pytest.mark.slow

UPDATE = {  # as in the Bot API documentation (Update with a message)
    "update_id": 10000,
    "message": {
        "message_id": 1365,
        "from": {"id": 1111111, "is_bot": False, "first_name": "Test", "username": "Test"},
        "chat": {"id": -1001234567890, "title": "Test group", "type": "supergroup"},
        "date": 1441645532,
        "text": "hello from telegram",
    },
}


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    s = start_server(tmp_path, **SECRETS)
    yield s
    s.stop()


def _known(server: Server, user: str) -> bool:
    return server.client("read").get(f"/v1/users/{user}/standing").status_code == 200


def test_telegram_updates_are_taken_once_and_a_wrong_secret_is_refused(server: Server) -> None:
    c = server.clients.setdefault("plain", httpx.Client(base_url=server.url))  # closed by server.stop()
    wrong = c.post("/v1/adapters/telegram", json=UPDATE, headers={"X-Telegram-Bot-Api-Secret-Token": "nope"})
    assert wrong.status_code == 401 and not _known(server, "tg-user1111111")
    good = {"X-Telegram-Bot-Api-Secret-Token": "tg-secret"}
    first = c.post("/v1/adapters/telegram", json=UPDATE, headers=good).json()
    again = c.post("/v1/adapters/telegram", json=UPDATE, headers=good).json()
    assert (first["accepted"], again["accepted"], again["duplicates"]) == (1, 0, 1)
    assert _known(server, "tg-user1111111")
    joined = {
        "update_id": 10001,
        "chat_member": {
            "chat": {"id": -1001234567890, "type": "supergroup"},
            "from": {"id": 1},
            "date": 1441645600,
            "old_chat_member": {"user": {"id": 2}, "status": "left"},
            "new_chat_member": {"user": {"id": 2}, "status": "member"},
        },
    }
    assert c.post("/v1/adapters/telegram", json=joined, headers=good).json()["accepted"] == 1


def _slack(body: bytes, secret: str = "slack-secret", stamp: int | None = None) -> dict[str, str]:
    ts = str(stamp if stamp is not None else int(time.time()))
    sig = "v0=" + hmac.new(secret.encode(), f"v0:{ts}:".encode() + body, hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": sig, "Content-Type": "application/json"}


def test_slack_events_are_verified_and_taken_once(server: Server) -> None:
    c = server.clients.setdefault("plain", httpx.Client(base_url=server.url))  # closed by server.stop()
    challenge = json.dumps(
        {"type": "url_verification", "challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"}
    ).encode()
    assert (
        c.post("/v1/adapters/slack", content=challenge, headers=_slack(challenge))
        .json()["challenge"]
        .startswith("3eZb")
    )
    event = json.dumps(
        {
            "type": "event_callback",
            "team_id": "T1",
            "event_id": "Ev1",
            "event_time": 1355517523,
            "event": {
                "type": "message",
                "channel": "C2147483705",
                "user": "U2147483697",
                "text": "Hello world",
                "ts": "1355517523.000005",
            },
        }
    ).encode()
    assert c.post("/v1/adapters/slack", content=event, headers=_slack(event, "wrong")).status_code == 401
    assert (
        c.post("/v1/adapters/slack", content=event, headers=_slack(event, stamp=int(time.time()) - 3600)).status_code
        == 401
    )
    assert not _known(server, "slack-U2147483697")
    first = c.post("/v1/adapters/slack", content=event, headers=_slack(event)).json()
    again = c.post("/v1/adapters/slack", content=event, headers=_slack(event)).json()
    assert (first["accepted"], again["accepted"], again["duplicates"]) == (1, 0, 1)


def test_matrix_transactions_need_the_hs_token_and_are_idempotent(server: Server) -> None:
    c = server.clients.setdefault("plain", httpx.Client(base_url=server.url))  # closed by server.stop()
    event = (
        json.loads((SAMPLES / "matrix" / "matrix-nio_event_message_text.json").read_text())
        if SAMPLES.is_dir()
        else {
            "type": "m.room.message",
            "event_id": "$e1:localhost",
            "sender": "@a:localhost",
            "origin_server_ts": 1516362319505,
            "content": {"msgtype": "m.text", "body": "hello"},
        }
    )
    event["room_id"] = "!room:localhost"
    txn = {"events": [event]}
    assert (
        c.put("/_matrix/app/v1/transactions/t1", json=txn, headers={"Authorization": "Bearer nope"}).status_code == 401
    )
    good = {"Authorization": "Bearer hs-token"}
    first = c.put("/_matrix/app/v1/transactions/t1", json=txn, headers=good).json()
    again = c.put("/_matrix/app/v1/transactions/t1", json=txn, headers=good).json()
    assert (first["accepted"], again["accepted"], again["duplicates"]) == (1, 0, 1)


def test_an_adapter_without_its_secret_is_off(tmp_path: Path) -> None:
    plain = start_server(tmp_path)
    try:
        r = httpx.post(
            f"{plain.url}/v1/adapters/telegram", json=UPDATE, headers={"X-Telegram-Bot-Api-Secret-Token": ""}
        )
        assert r.status_code == 404 and "CHATCREDIT_TELEGRAM_SECRET_TOKEN" in r.json()["detail"]
    finally:
        plain.stop()
