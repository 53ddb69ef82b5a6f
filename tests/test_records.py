"""Records: retention runs, legal holds, the data-subject export and erasure, and the
audit chain against edits made behind the program's back with the sqlite3 shell."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest

from chatcredit import Engine
from chatcredit.api.schemas import export_schema
from chatcredit.errors import InvalidRequest
from chatcredit.service.reports import Reports
from chatcredit.store import open_store
from chatcredit.testing import DAY, T0, FakeClock, event, history_policy, lines, message
from chatcredit.views import subject_export
from databases import database

SPAM = "you have won a guaranteed prize, call now"
SQLITE3 = shutil.which("sqlite3")


def archived(engine: Engine) -> set[str]:
    return {r.id for r in engine.reads.events.iterate(["message"])}


def test_retention_purges_old_messages_but_keeps_held_evidence_and_the_minimum(
    engine: Engine, clock: FakeClock
) -> None:
    engine.ingest_lines(
        lines(
            message("old", "u1", "an old hello"),
            message("held", "u2", "old, in a held group", group="g-held"),
            message("appealed", "u3", SPAM),
            message("recent", "u1", "a recent hello", ts=T0 + 300 * DAY),
        )
    )
    clock.now = T0 + 380 * DAY  # imported late: its notice's appeal window runs from now
    engine.ingest_lines(lines(message("late", "u4", SPAM)))
    clock.now = T0 + 100 * DAY
    penalty = next(e for e in engine.ledger("u3") if e.kind == "penalty")
    engine.appeals.file(penalty.id, "u3", "it was a real prize draw")
    engine.records.add_hold("group", "g-held", "litigation about g-held", "legal-team")
    clock.now = T0 + 400 * DAY
    dry = engine.records.retain(dry_run=True)
    assert dry.purged == 1 and archived(engine) >= {"old", "held", "appealed", "late", "recent"}
    assert dict(dry.kept) == {
        "legal hold": 1,
        "evidence under appeal": 1,
        "evidence in an open appeal window": 1,
    }
    done = engine.records.retain()
    assert done.purged == 1 and archived(engine) == {"held", "appealed", "late", "recent"}
    with pytest.raises(InvalidRequest, match="min_days"):  # 50 days ago is inside the minimum
        engine.records.retain(before=T0 + 350 * DAY)
    asked = engine.records.retain(before=T0 + 220 * DAY)  # sooner than max_days, past min_days
    assert asked.purged == 0  # everything that old is held or evidence
    assert engine.records.verify().ok  # the purge was recorded: the chain knows it is gone on purpose
    assert any(r.kind == "retention purge" for r in engine.records.log())


def test_holds_expire_and_are_lifted(engine: Engine, clock: FakeClock) -> None:
    hold = engine.records.add_hold("user", "u9", "a court order", "legal-team", until=T0 + 10 * DAY)
    assert [h.id for h in engine.records.holds(active_only=True)] == [hold.id]
    clock.now = T0 + 11 * DAY
    assert engine.records.holds(active_only=True) == []
    other = engine.records.add_hold("case", "m5", "police request", "legal-team")
    engine.records.lift_hold(other.id, "legal-team")
    assert {h.status for h in engine.records.holds()} == {"active", "lifted"}
    kinds = [r.kind for r in engine.records.log()]
    assert kinds.count("hold placed") == 2 and "hold lifted" in kinds


def test_export_holds_the_persons_data_and_no_one_elses(engine: Engine, clock: FakeClock) -> None:
    engine.ingest_lines(
        lines(
            message("m1", "alice", "my own words, please", mentions=["bob"]),
            message("m2", "bob", "bob's secret words"),
            message("m3", "alice", SPAM, ts=T0 + 60),
            event("report", "r1", T0 + 90, user="carol", target_user="alice", category="harassment", message="m1"),
        )
    )
    clock.now = T0 + 120
    engine.adjust("alice", -30, "harassment", "mod-ana", "insults to bob in DMs")
    data = engine.subjects.gather("alice")
    bundle = subject_export(data)
    jsonschema.validate(json.loads(json.dumps(bundle)), export_schema())  # as written to the file
    text = json.dumps(bundle)
    assert "my own words" in text and bundle["subject"] == "alice"
    assert {m["id"] for m in bundle["messages"]} == {"m1", "m3"}
    assert len(bundle["ledger"]) == 2 and bundle["notices"] and bundle["standing_history"]
    for someone_else in ("bob", "carol", "mod-ana", "secret words"):
        assert someone_else not in text, someone_else
    assert "person-" in text  # they appear as pseudonyms
    engine.subjects.record_export("alice", "dpo", json.dumps(bundle).encode())
    assert any(r.kind == "export" for r in engine.records.log())


def test_erasure_removes_content_but_restricts_what_is_held_or_too_young(engine: Engine, clock: FakeClock) -> None:
    engine.ingest_lines(
        lines(
            message("a1", "dave", SPAM),
            message("a2", "dave", "old message in a held group", group="g-held"),
            message("a3", "dave", "a recent message", ts=T0 + 300 * DAY),
            message("b1", "erin", "erin stays"),
        )
    )
    engine.records.add_hold("group", "g-held", "litigation", "legal-team")
    clock.now = T0 + 320 * DAY
    before = Reports(engine.reads, engine.policy, engine.casework.automated).transparency(T0 - DAY, T0 + 400 * DAY)
    report = engine.subjects.erase("dave", "dpo", "request 2026-17")
    assert report.erased == 1 and report.pseudonym is not None
    assert report.restricted == {"a legal hold": 1, "the retention minimum (180 days)": 1}
    payloads = engine.reads.events.payloads(["a1", "a2", "a3", "b1"])
    assert payloads["a1"] == b"" and b"held group" in payloads["a2"] and b"erin" in payloads["b1"]
    assert engine.ledger("dave") == [] and len(engine.ledger(report.pseudonym)) == 1
    assert all(n.text == "[erased]" for n in engine.notices(report.pseudonym))
    assert not engine.is_known("dave") or engine.standing("dave").reasons == ()
    after = Reports(engine.reads, engine.policy, engine.casework.automated).transparency(T0 - DAY, T0 + 400 * DAY)
    assert after.decisions == before.decisions  # the numbers stay right
    assert engine.records.verify().ok
    assert "a2" in engine.records.restricted() and engine.rescan().penalties == 0
    engine.ingest_lines(lines(message("a1", "dave", SPAM)))  # re-sent: a duplicate, not new content
    assert engine.reads.events.payloads(["a1"])["a1"] == b""


def _tamper(db: str, sql: str) -> None:
    assert SQLITE3 is not None
    subprocess.run([SQLITE3, db, sql], check=True, capture_output=True)


@pytest.mark.skipif(SQLITE3 is None, reason="needs the sqlite3 shell (.ci/run installs it)")
@pytest.mark.parametrize(
    ("sql", "seq_of", "words"),
    [
        (
            "UPDATE audit SET body = CAST(replace(CAST(body AS TEXT), 'ingest', 'ingesT') AS BLOB) WHERE seq = {seq}",
            "ingest",
            "record was changed",
        ),
        ("UPDATE ledger SET excerpt = excerpt || '!' WHERE evidence_event = 'm2'", "ingest", "was changed"),
        (
            "UPDATE events SET payload = CAST(replace(CAST(payload AS TEXT), 'hello', 'hellO') AS BLOB) "
            "WHERE id = 'm1'",
            "ingest",
            "event m1 was changed",
        ),
        ("DELETE FROM ledger WHERE evidence_event = 'm2'", "ingest", "is missing"),
        ("DELETE FROM audit WHERE seq = {seq}", "ingest", "missing"),
        (
            "UPDATE notices SET body = CAST(replace(CAST(body AS TEXT), 'prize', 'prise') AS BLOB)",
            "ingest",
            "was changed",
        ),
    ],
)
def test_an_edit_behind_the_programs_back_is_found(
    tmp_path: Path, clock: FakeClock, sql: str, seq_of: str, words: str
) -> None:
    db = str(tmp_path / "tamper.db")
    engine = Engine(open_store(db), history_policy(), clock=clock)
    try:
        engine.ingest_lines(lines(message("m1", "u1", "hello there"), message("m2", "u2", SPAM)))
        engine.adjust("u3", -10, "other", "mod-ana", "later decision")  # records after the one tampered with
        assert engine.records.verify().ok
        seq = next(r.seq for r in engine.records.log() if r.kind == seq_of)
    finally:
        engine.close()
    _tamper(db, sql.format(seq=seq))
    again = Engine(open_store(db), history_policy(), clock=clock)
    try:
        verdict = again.records.verify()
        assert verdict.broken is not None and verdict.broken.seq == seq and words in verdict.broken.why, verdict
    finally:
        again.close()


def test_the_cli_runs_records_end_to_end(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from chatcredit.cli import main

    feed = tmp_path / "feed.jsonl"
    feed.write_bytes(b"\n".join(lines(message("m1", "u1", "hello"), message("m2", "u1", SPAM, ts=T0 + 1))))
    env = {"CHATCREDIT_DB": database(tmp_path, "cli.db"), "COLUMNS": "200"}
    runner = CliRunner()

    def cli(*args: str) -> str:
        result = runner.invoke(main, list(args), env=env, catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return result.stdout

    cli("ingest", str(feed))
    assert json.loads(cli("audit", "verify", "--json"))["ok"] is True
    assert "hold h-" in cli("hold", "add", "--user", "u1", "--reason", "court order 7", "--by", "legal")
    assert json.loads(cli("retention", "run", "--dry-run", "--json"))["purged"] == 0
    out = tmp_path / "u1.json"
    assert "written" in cli("export", "u1", "--out", str(out), "--by", "dpo")
    jsonschema.validate(json.loads(out.read_text()), json.loads(cli("export", "--schema")))
    erased = json.loads(cli("erase", "u1", "--by", "dpo", "--reason", "request", "--json"))
    assert erased["erased"] == 0 and erased["restricted"] == {"a legal hold on this person": 2}
    head = json.loads(cli("audit", "head"))
    assert head["seq"] >= 5 and len(head["hash"]) == 32
    shown = json.loads(cli("audit", "show", "--json"))
    assert {"ingest", "hold placed", "export"} <= {r["kind"] for r in shown}


def test_serve_runs_retention_on_the_policys_schedule(tmp_path: Path) -> None:
    import time
    from importlib import resources

    from api_server import start_server

    text = resources.files("chatcredit.policy").joinpath("default.toml").read_text("utf-8")
    text = text.replace("min_days = 180\nmax_days = 365", "min_days = 0\nmax_days = 30")
    text = text.replace("run_every_hours = 24", "run_every_hours = 0.0003")  # about a second
    policy = tmp_path / "fast-retention.toml"
    policy.write_text(text, "utf-8")
    server = start_server(tmp_path, policy=str(policy))
    try:
        old = message("old", "u1", "long ago")  # T0: months before the real clock
        body = b"\n".join(lines(old))
        sent = server.client("ingest").post(
            "/v1/events", content=body, headers={"Content-Type": "application/x-ndjson"}
        )
        assert sent.json()["accepted"] == 1, sent.text
        engine = Engine(open_store(server.db), history_policy())
        try:
            deadline = time.monotonic() + 30
            while engine.reads.events.payloads(["old"]) and time.monotonic() < deadline:
                time.sleep(0.2)
            assert engine.reads.events.payloads(["old"]) == {}
            assert any(r.kind == "retention purge" for r in engine.records.log())
        finally:
            engine.close()
    finally:
        server.stop()


def test_a_jurisdiction_keeps_its_own_window() -> None:
    from chatcredit.policy.records import Jurisdiction, Retention
    from chatcredit.records.retention import plan

    rules = Retention(
        min_days=180, max_days=365, jurisdictions={"de": Jurisdiction(groups=["de-*"], min_days=0, max_days=30)}
    )
    now = T0 + 400 * DAY
    candidates = [
        ("a", now - 40 * DAY, "u", "de-chat"),  # past the German 30 days
        ("b", now - 40 * DAY, "u", "fr-chat"),  # the default window: not yet
        ("c", now - 370 * DAY, "u", "fr-chat"),  # past 365
        ("d", now - 10 * DAY, "u", "de-chat"),
    ]
    result = plan(candidates, rules, now, [], {})
    assert result.purge == ["a", "c"] and result.young == 2
    with pytest.raises(InvalidRequest):  # the longest minimum of any window binds --before
        plan(candidates, rules, now, [], {}, before=now - 100 * DAY)
