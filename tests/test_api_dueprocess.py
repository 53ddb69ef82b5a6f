"""Due process over HTTP on a real `chatcredit serve` process on 127.0.0.1."""

from __future__ import annotations

import json
from pathlib import Path

from chatcredit.testing import lines, message

SPAM = "you have won a guaranteed prize, call now"


def test_review_appeals_referrals_outbox_and_report_over_http(tmp_path: Path) -> None:
    from api_server import start_server

    server = start_server(tmp_path)
    try:
        platform, reader, mod, senior = (server.client(s) for s in ("ingest", "read", "moderate", "all"))
        feed = [
            message("m1", "u1", SPAM),
            message("m2", "t2", "see you at the meeting"),
            {
                "type": "report",
                "id": "r1",
                "ts": message("x", "x")["ts"],
                "user": "zelda",
                "target_user": "t2",
                "category": "harassment",
                "message": "m2",
            },
        ]
        body = b"\n".join(line.rstrip(b"\n") for line in lines(*feed))
        assert (
            platform.post("/v1/events", content=body, headers={"Content-Type": "application/x-ndjson"}).status_code
            == 200
        )
        queue = reader.get("/v1/review/queue").json()
        [item] = [q for q in queue if q["reporter"] == "zelda"]
        assert item["priority"] > 0 and item["reporter_precision"] == 0.5
        case = reader.get(f"/v1/review/{item['id']}").json()
        assert case["message"] == "see you at the meeting" and case["standing"]["user"] == "t2"
        assert reader.post(f"/v1/review/{item['id']}/claim").status_code == 403  # a reader decides nothing
        assert mod.post(f"/v1/review/{item['id']}/claim").json()["claimed_by"] == "moderate-key"
        bad = mod.post(f"/v1/review/{item['id']}/decide", json={"outcome": "maybe", "reason": "x"})
        assert bad.status_code == 422
        done = mod.post(f"/v1/review/{item['id']}/decide", json={"outcome": "dismiss", "reason": "no insult"}).json()
        assert done["item"]["status"] == "decided" and done["item"]["decided_by"] == "moderate-key"

        entry = senior.post(
            "/v1/adjust", json={"user": "u3", "points": -50, "category": "harassment", "reason": "insults"}
        ).json()["entry"]
        appeal = platform.post("/v1/appeals", json={"target": entry["id"], "user": "u3", "statement": "quoting"})
        assert appeal.status_code == 200, appeal.text
        aid = appeal.json()["id"]
        refused = senior.post(f"/v1/appeals/{aid}/decide", json={"outcome": "overturn", "reason": "mine"})
        assert refused.status_code == 409 and "original decision" in refused.json()["detail"]
        decided = mod.post(f"/v1/appeals/{aid}/decide", json={"outcome": "overturn", "reason": "a quote"}).json()
        assert decided["status"] == "overturned" and decided["reviewer"] == "moderate-key"
        assert reader.get("/v1/appeals", params={"status": "overturned"}).json()[0]["id"] == aid
        ledger = reader.get("/v1/users/u3/ledger").json()
        assert [e["kind"] for e in ledger] == ["penalty", "reversal"]
        standing = reader.get("/v1/users/u3/standing").json()
        assert standing["reasons"] == [] and standing["score"] >= 500  # as if the penalty never happened

        made = mod.post("/v1/referrals", json={"case": "c1", "authority": "police", "reason": "threat to life"})
        assert made.status_code == 200 and reader.get("/v1/referrals").json()[0]["by"] == "moderate-key"

        pending = platform.get("/v1/notices/pending").json()
        assert pending and all(p["delivery"]["status"] == "pending" for p in pending)
        ids = [p["notice"]["id"] for p in pending]
        assert platform.post("/v1/notices/ack", json={"notice_ids": ids}).json() == {"acknowledged": len(ids)}
        assert platform.get("/v1/notices/pending").json() == []

        report = reader.get("/v1/report", params={"from": "2000-01-01T00:00:00Z", "to": "2100-01-01T00:00:00Z"})
        numbers = report.json()
        assert numbers["appeals_decided"] == 1 and numbers["referrals"] == 1 and numbers["reviews_decided"] == 1
        assert json.dumps(numbers)
    finally:
        server.stop()
