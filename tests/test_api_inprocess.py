"""Parts of the service that are easiest to see in process: internal errors, settings."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import httpx
import msgspec
import pytest

from chatcredit import Engine, default_policy
from chatcredit.api import create_app
from chatcredit.config import SETTINGS, load_settings
from chatcredit.dueprocess.notices import Notice
from chatcredit.errors import ChatcreditError
from chatcredit.store import MemoryStore


class BrokenNotices:
    def add(self, notices: object) -> None:
        pass

    def of_user(self, user: str) -> list[Notice]:
        raise RuntimeError("disk on fire at /secret/path")


class BrokenStore(MemoryStore):
    def __init__(self) -> None:
        super().__init__()
        self.notices = BrokenNotices()  # type: ignore[assignment]


def test_internal_errors_are_problems_without_stack_traces(capsys: pytest.CaptureFixture[str]) -> None:
    engine = Engine(BrokenStore(), default_policy())
    _, token = engine.create_key("t", ["read"])
    engine.adjust("u1", 10, "other", by="mod", reason="a known user")
    app = create_app(load_settings(env={}, overrides={"access_log": False}), engine=engine)
    app.state.service.start()  # what the lifespan does when a server runs the app

    async def get() -> httpx.Response:
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            return await client.get("/v1/users/u1/notices", headers={"Authorization": f"Bearer {token}"})

    r = asyncio.run(get())
    assert r.status_code == 500
    body = r.json()
    assert body["type"] == "urn:chatcredit:problem:internal" and body["status"] == 500
    assert "secret" not in r.text and "Traceback" not in r.text and "RuntimeError" not in r.text
    assert r.headers["x-request-id"]
    logged = [json.loads(line) for line in capsys.readouterr().err.splitlines() if line.startswith("{")]
    [error] = [line for line in logged if line["msg"] == "unhandled error"]
    assert error["error"] == "RuntimeError" and "disk on fire" in error["message"]  # the operator sees what broke
    assert error["request_id"] == r.headers["x-request-id"]


def test_settings_come_from_env_then_file_then_default(tmp_path: Path) -> None:
    config = tmp_path / "chatcredit.toml"
    config.write_text('port = 9000\nhost = "0.0.0.0"\nmax_body_bytes = 1000\n')
    s = load_settings(config, env={"CHATCREDIT_PORT": "9100", "CHATCREDIT_ACCESS_LOG": "off"})
    assert (s.port, s.host, s.max_body_bytes, s.access_log) == (9100, "0.0.0.0", 1000, False)
    assert s.db == "chatcredit.db"
    assert load_settings(config, env={}, overrides={"port": 1}).port == 1
    config.write_text('port = "eighty"\n')
    with pytest.raises(ChatcreditError, match="port must be int"):
        load_settings(config, env={})
    config.write_text("prot = 9000\n")
    with pytest.raises(ChatcreditError, match="unknown settings prot"):
        load_settings(config, env={})
    with pytest.raises(ChatcreditError, match="CHATCREDIT_PORT"):
        load_settings(None, env={"CHATCREDIT_PORT": "eighty"})


def test_every_setting_is_documented() -> None:
    doc = (Path(__file__).resolve().parents[1] / "docs" / "operations.md").read_text("utf-8")
    assert [s.env for s in SETTINGS if f"`{s.env}`" not in doc] == []


def test_a_list_answer_is_cut_to_the_byte_limit_and_says_so() -> None:
    from chatcredit.api.app import capped_response

    items = [{"id": f"x{i}", "text": "y" * 100} for i in range(1000)]
    whole = capped_response(items, 10_000_000)
    assert "x-chatcredit-truncated" not in whole.headers
    cut = capped_response(items, 5_000)
    body = bytes(cut.body)
    assert len(body) <= 5_000 and cut.headers["x-chatcredit-truncated"] == "true"
    assert int(cut.headers["x-chatcredit-items"]) == len(msgspec.json.decode(body)) > 0
