"""The HTTP API against a real server process on 127.0.0.1."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from api_server import SCOPES, Server, start_server
from browser import CHROMIUM, headless
from chatcredit import open_engine
from chatcredit.api.routes import ENDPOINTS
from chatcredit.testing import DAY, T0, iso, message
from databases import database

SPAM = "Y0U HAVE W0N a guaranteed prize, call now"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    s = start_server(tmp_path_factory.mktemp("api"), max_body_bytes="200000", max_events_per_request="500")
    yield s
    assert s.stop()


def test_ingest_standing_adjust_reverse_over_http(server: Server) -> None:
    c = server.client()
    events = [message("h1", "alice", "hello", ts=T0), message("h2", "alice", SPAM, ts=T0 + 60)]
    r = c.post("/v1/events", json=events)
    assert r.status_code == 200 and r.json()["accepted"] == 2 and r.json()["penalties"] == 1
    assert c.post("/v1/events", json=events).json()["duplicates"] == 2
    at = iso(T0 + 120)
    before = c.get("/v1/users/alice/standing", params={"at": at}).json()
    assert before["score"] < 500 and before["reasons"][0]["code"] == "spam-prize"
    [entry] = c.get("/v1/users/alice/ledger").json()
    adj = c.post(
        "/v1/adjust", json={"user": "alice", "points": -40, "category": "harassment", "reason": "insults"}
    ).json()
    assert adj["entry"]["actor"] == "mod-api" and adj["notice"]["score_before"] > adj["notice"]["score_after"]
    rev = c.post("/v1/reverse", json={"entry_id": entry["id"], "reason": "false positive"}).json()
    assert rev["entry"]["reverses"] == entry["id"] and rev["entry"]["actor"] == "mod-api"
    again = c.post("/v1/reverse", json={"entry_id": entry["id"], "reason": "again"})
    assert again.status_code == 409 and again.json()["type"] == "urn:chatcredit:problem:conflict"
    after = c.get("/v1/users/alice/standing").json()
    assert "spam-prize" not in [x["code"] for x in after["reasons"]]
    notices = c.get("/v1/users/alice/notices").json()
    assert [n["kind"] for n in notices] == ["penalty", "penalty", "reversal"]
    explain = c.get("/v1/users/alice/explain").json()
    assert [e["reversed"] for e in explain["entries"]] == [True, False, False]
    permit = c.get("/v1/permit", params={"user": "alice", "action": "post_link"}).json()
    assert permit["allowed"] is False and permit["threshold"] == 550


def test_ndjson_and_rejections_with_index(server: Server) -> None:
    c = server.client("ingest")
    body = (
        "\n".join(
            [
                json.dumps(message("n1", "bob", "hi")),
                '{"type": "nope", "id": "x"}',
                json.dumps(message("n2", "bob", "hi", ts=T0 + 5)),
            ]
        )
        + "\n"
    )
    r = c.post("/v1/events", content=body, headers={"Content-Type": "application/x-ndjson"})
    data = r.json()
    assert (data["accepted"], data["rejected"]) == (2, 1)
    assert data["rejections"] == [{"index": 1, "field": "type", "reason": "unknown event type 'nope'"}]
    rows = server.client("read").get("/v1/quarantine").json()
    assert any(q["source"] == "api" and q["line"] == 1 for q in rows)


def _count_events(server: Server) -> int:
    engine = open_engine(server.db)
    try:
        return engine.reads.events.count()
    finally:
        engine.close()


@pytest.mark.parametrize(
    ("body", "content_type", "status", "kind"),
    [
        (b"{not json", "application/json", 400, "malformed-json"),
        (b'{"type": "message"}', "application/json", 400, "malformed-json"),
        (
            b"[" + b",".join([json.dumps(message(f"big{i}", "z", "x" * 500)).encode() for i in range(400)]) + b"]",
            "application/json",
            413,
            "body-too-large",
        ),
        (
            json.dumps([message(f"many{i}", "z", "x") for i in range(501)]).encode(),
            "application/json",
            413,
            "too-many-events",
        ),
        (b"[]", "text/plain", 415, "unsupported-media-type"),
        (b'[{"type": "message", "id": "a", "ts": NaN}]', "application/json", 400, "malformed-json"),
    ],
)
def test_bad_bodies_get_4xx_and_write_nothing(
    server: Server, body: bytes, content_type: str, status: int, kind: str
) -> None:
    before = _count_events(server)
    r = server.client("ingest").post("/v1/events", content=body, headers={"Content-Type": content_type})
    assert r.status_code == status and r.json()["type"].endswith(kind)
    assert r.headers["content-type"] == "application/problem+json"
    assert "Traceback" not in r.text
    assert _count_events(server) == before


def test_bad_parameters_and_bodies_on_other_routes(server: Server) -> None:
    c = server.client()
    assert c.get("/v1/permit", params={"user": "u"}).status_code == 400
    assert c.get("/v1/permit", params={"user": "u", "action": "fly"}).status_code == 400
    assert c.get("/v1/users/u/standing", params={"at": "yesterday"}).status_code == 400
    assert c.get("/v1/quarantine", params={"limit": "100000"}).status_code == 400
    r = c.post("/v1/adjust", json={"user": "u", "points": -5, "category": "spam", "reason": "x", "extra": 1})
    assert r.status_code == 422
    assert c.post("/v1/adjust", json={"user": "u", "points": 0, "category": "spam", "reason": "x"}).status_code == 400
    assert c.post("/v1/reverse", json={"entry_id": "e-none", "reason": "x"}).status_code == 404
    assert c.delete("/v1/users/u/standing").status_code == 405


SAMPLE = {
    "user": "carol",
    "key_id": "000000000000",
    "group": "g1",
    "listing_id": "bl-0000000000000000",
    "item_id": "r-0000000000000000",
    "appeal_id": "a-0000000000000000",
}


def _concrete(path: str) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: SAMPLE[m.group(1)], path)


@pytest.mark.parametrize(
    "endpoint", [e for e in ENDPOINTS if e.scope != "platform"], ids=lambda e: f"{e.method} {e.path}"
)
def test_every_route_needs_a_key_with_its_scope(server: Server, endpoint: Any) -> None:
    path = _concrete(endpoint.path)
    with httpx.Client(base_url=server.url) as anonymous:
        assert anonymous.request(endpoint.method, path).status_code == 401
        bad = anonymous.request(endpoint.method, path, headers={"Authorization": "Bearer cck_nope"})
        assert bad.status_code == 401
    for scope in SCOPES:
        r = server.client(scope).request(endpoint.method, path, params={"user": "carol", "action": "invite"})
        if scope == endpoint.scope:
            assert r.status_code not in (401, 403), (scope, r.text)
        else:
            assert r.status_code == 403 and r.json()["required_scope"] == endpoint.scope


def test_only_health_checks_and_the_api_description_answer_without_a_key(server: Server) -> None:
    with httpx.Client(base_url=server.url) as anonymous:
        assert anonymous.get("/healthz").json() == {"status": "ok"}
        assert anonymous.get("/readyz").json() == {"status": "ready"}
        assert anonymous.get("/metrics").status_code == 401
        assert anonymous.get("/openapi.json").json()["openapi"].startswith("3.")  # holds no data
        assert "<html" in anonymous.get("/docs").text  # a static page that holds no data
    assert "/openapi.json" in server.client("read").get("/docs").text


def test_openapi_describes_exactly_the_routes(server: Server) -> None:
    doc = server.client("read").get("/openapi.json").json()
    documented = {(m.upper(), p) for p, ops in doc["paths"].items() for m in ops}
    served = {(e.method, e.path) for e in ENDPOINTS} | {("GET", p) for p in ("/healthz", "/readyz", "/metrics")}
    assert documented == served
    assert doc["openapi"].startswith("3.")


def test_metrics_and_logs(server: Server) -> None:
    c = server.client()
    c.get("/v1/permit", params={"user": "dave", "action": "send_message"}, headers={"X-Request-ID": "trace-42"})
    text = c.get("/metrics").text
    assert 'chatcredit_http_requests_total{method="GET",route="/v1/permit",status="200"}' in text
    assert "chatcredit_http_request_duration_seconds_bucket" in text
    assert "chatcredit_events_ingested_total" in text and "chatcredit_signals_total" in text
    deadline = time.monotonic() + 5  # the access log is written in batches, a few times a second
    while True:
        log = server.log.read_text()
        lines = [json.loads(line) for line in log.splitlines() if line.startswith("{")]
        found = any(line.get("request_id") == "trace-42" and line["route"] == "/v1/permit" for line in lines)
        if found or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    assert found
    for token in server.tokens.values():
        assert token not in log and token[17:] not in log  # cck_<12 hex>_<secret>


def test_policy_check_names_line_and_key(server: Server) -> None:
    from chatcredit.policy.load import default_policy_text

    admin = server.client("admin")
    headers = {"Content-Type": "application/toml"}
    ok = admin.post("/v1/policy/check", content=default_policy_text(), headers=headers)
    assert ok.status_code == 200 and ok.json()["ok"] is True
    bad = default_policy_text().replace('category = "threat"', 'category = "politics"')
    r = admin.post("/v1/policy/check", content=bad, headers=headers)
    error = r.json()["error"]
    assert r.status_code == 200 and r.json()["ok"] is False
    assert error["key"].endswith(".category") and error["line"] > 1 and "never political" in error["message"]


def test_revoked_key_stops_working(server: Server) -> None:
    admin = server.client("admin")
    created = admin.post("/v1/keys", json={"name": "temp", "scopes": ["read"]}).json()
    token = created["token"]
    with httpx.Client(base_url=server.url, headers={"Authorization": f"Bearer {token}"}) as c:
        assert c.get("/v1/taxonomy").status_code == 200
        assert admin.delete(f"/v1/keys/{created['id']}").status_code == 200
        import time

        time.sleep(0.3)  # the server's key cache is 0.2 s in these tests
        assert c.get("/v1/taxonomy").status_code == 401
    assert all("token" not in k and "secret_hash" not in k for k in admin.get("/v1/keys").json())


def test_http_and_cli_ingestion_give_identical_standings(server: Server, tmp_path: Path) -> None:
    events = [message(f"x{i}", f"p{i % 7}", SPAM if i % 5 == 0 else "hi", ts=T0 + i * 3600) for i in range(60)]
    r = server.client("ingest").post("/v1/events", json=events)
    assert r.json()["accepted"] == 60
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(json.dumps(e) for e in events))
    exe = Path(sys.executable).parent / "chatcredit"
    cli_db = database(tmp_path, "cli.db")
    subprocess.run([str(exe), "--db", str(cli_db), "ingest", str(feed)], check=True, capture_output=True)
    at = iso(T0 + 10 * DAY)
    for user in (f"p{i}" for i in range(7)):
        via_http = server.client("read").get(f"/v1/users/{user}/standing", params={"at": at}).json()
        via_cli = json.loads(
            subprocess.run(
                [str(exe), "--db", str(cli_db), "standing", user, "--at", at, "--json"],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
        )
        assert via_http == via_cli


def test_graceful_shutdown_finishes_the_batch_in_flight(tmp_path: Path) -> None:
    s = start_server(tmp_path)
    events = [message(f"g{i}", f"u{i % 50}", "hello there", ts=T0 + i) for i in range(10_000)]
    result: dict[str, Any] = {}

    def send() -> None:  # its own client: stop() closes the server's shared ones
        headers = {"Authorization": f"Bearer {s.tokens['ingest']}"}
        with httpx.Client(base_url=s.url, headers=headers, timeout=60) as client:
            result["response"] = client.post("/v1/events", json=events)

    sender = threading.Thread(target=send)
    sender.start()
    import time

    time.sleep(0.15)
    assert s.stop()
    sender.join(30)
    assert result["response"].status_code == 200
    assert result["response"].json()["accepted"] == 10_000
    assert _count_events(s) == 10_000


def test_schemathesis_finds_no_server_errors_and_no_contract_violations(tmp_path: Path) -> None:
    """Property-based requests from /openapi.json: no 5xx, responses match the document."""
    s = start_server(tmp_path)
    try:
        exe = Path(sys.executable).parent / "schemathesis"
        done = subprocess.run(
            [
                str(exe),
                "run",
                f"{s.url}/openapi.json",
                "-H",
                f"Authorization: Bearer {s.tokens['all']}",
                "--checks",
                "all",
                "--max-examples",
                "30",
                "--seed",
                "20261129",
                "--phases",
                "examples,coverage,fuzzing",
                "--suppress-health-check",
                "all",
                "--request-timeout",
                "20",
            ],
            capture_output=True,
            text=True,
            timeout=600,
        )
        report = re.sub(r"(.)\1{80,}", r"\1…", done.stdout)  # a generated 10,000-character value, shortened
        assert done.returncode == 0, report[-6000:] + done.stderr[-2000:]
        assert "generated" in done.stdout
    finally:
        assert s.stop()


@pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (.ci/run installs it)")
def test_the_docs_page_renders_every_route_in_a_real_browser(server: Server, tmp_path: Path) -> None:
    """Headless Chromium loads /docs, which fetches /openapi.json (3.1) and lists each route."""
    assert CHROMIUM is not None
    dom = subprocess.run(
        [
            *headless(tmp_path / "chromium"),
            "--virtual-time-budget=10000",
            "--dump-dom",
            f"{server.url}/docs",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout
    assert 'data-ready="true"' in dom, dom[-2000:]
    shown = set(re.findall(r'data-path="([^"]+)" data-method="([A-Z]+)"', dom))
    assert {(p, m) for m, p in {(e.method, e.path) for e in ENDPOINTS}} <= shown
