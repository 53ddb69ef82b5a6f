"""The transparency report against a scenario computed by hand, the statements of
reasons export against the transparency database's fields, the HTML report in a real
headless Chromium."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
from pathlib import Path

import msgspec
import pytest

from browser import CHROMIUM, headless
from chatcredit import Engine
from chatcredit.domain.timestamps import to_iso
from chatcredit.dueprocess.publication import as_html, as_rows
from chatcredit.dueprocess.sor import InvalidStatement, statement_of, validate
from chatcredit.service.reports import Reports
from chatcredit.testing import DAY, T0, FakeClock, event, lines, message
from databases import database

SPAM = "you have won a guaranteed prize, call now"
HOUR = 3600.0


def scenario(engine: Engine, clock: FakeClock) -> None:
    """Three decisions (automated, a moderator's, an upheld report), two appeals (one
    overturned, one upheld, each decided two days after filing), a referral."""
    engine.ingest_lines(
        lines(
            message("m1", "u1", SPAM),
            message("m3", "t3", "see you at the meeting"),
            event("report", "r1", T0 + 10, user="zelda", target_user="t3", category="harassment", message="m3"),
        )
    )
    clock.now = T0 + HOUR
    entry, _ = engine.adjust("u2", -80, "harassment", "mod-ana", "insults in DMs")
    [item] = [r.item for r in engine.casework.queue()]
    engine.casework.decide(item.id, "uphold", "mod-ana", "an insult after all")
    spam = next(e for e in engine.ledger("u1") if e.kind == "penalty")
    first = engine.appeals.file(spam.id, "u1", "it was a real draw")
    second = engine.appeals.file(entry.id, "u2", "I was quoting")
    clock.now = T0 + HOUR + 2 * DAY
    engine.appeals.decide(first.id, "overturn", "mod-bo", "real draw")
    engine.appeals.decide(second.id, "uphold", "mod-bo", "it was an insult")
    engine.casework.refer("case-9", "police", "threat to life", "mod-ana", user="u2")


def test_the_report_matches_the_hand_computed_scenario(engine: Engine, clock: FakeClock) -> None:
    scenario(engine, clock)
    reports = Reports(engine.reads, engine.policy, engine.casework.automated)
    r = reports.transparency(T0 - DAY, T0 + 10 * DAY)
    assert r.decisions == 3
    assert r.decisions_by_category == {"harassment": 2, "spam": 1}
    assert r.decisions_by_source == {"automated-detection": 1, "moderator": 1, "user-report": 1}
    assert r.decisions_by_automation == {"fully": 1, "not": 2}
    assert (r.appeals_received, r.appeals_decided) == (2, 2)
    assert r.appeals_by_outcome == {"overturned": 1, "upheld": 1} and r.appeals_overturn_rate == 0.5
    assert r.appeals_median_days_to_decision == 2.0 and r.appeals_breached == 0
    assert (r.reviews_received, r.reviews_decided, r.reviews_by_outcome) == (1, 1, {"uphold": 1})
    assert r.reporter_precision["0.6-0.8"] == 1  # (1 + 2) / (1 + 4) = 0.6
    assert (r.referrals, r.referrals_by_authority) == (1, {"police": 1})
    rules = r.detector_error_rates["rules"]
    assert (rules.decided, rules.wrong, rules.error_rate) == (1, 1, 1.0)
    assert "mod-ana" not in r.detector_error_rates  # a person is no detector
    # deterministic, and the same numbers in every format
    assert reports.transparency(T0 - DAY, T0 + 10 * DAY) == r
    rows = {(s, k): v for s, k, v in as_rows(r)}
    assert rows[("decisions", "")] == "3" and rows[("detector_error_rates", "rules.error_rate")] == "1.0"
    # outside the period, nothing
    assert reports.transparency(T0 + 20 * DAY, T0 + 30 * DAY).decisions == 0


def test_the_sor_export_fits_the_database_format_and_holds_no_personal_data(
    engine: Engine, clock: FakeClock, tmp_path: Path
) -> None:
    scenario(engine, clock)
    reports = Reports(engine.reads, engine.policy, engine.casework.automated)
    records = list(reports.statements(T0 - DAY, T0 + 10 * DAY))
    assert len(records) == 3
    text = msgspec.json.encode(records).decode()
    for personal in ("u1", "u2", "t3", "zelda", "mod-ana", "mod-bo", "g1", "guaranteed prize", "meeting", "DMs"):
        assert personal not in text, personal
    sources = sorted(r.source_type for r in records)
    assert sources == ["SOURCE_ARTICLE_16", "SOURCE_VOLUNTARY", "SOURCE_VOLUNTARY"]
    assert {r.automated_decision for r in records} == {"AUTOMATED_DECISION_FULLY", "AUTOMATED_DECISION_NOT_AUTOMATED"}
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", r.application_date) for r in records)
    good = statement_of(engine.notices("u1")[0])
    assert good is not None
    with pytest.raises(InvalidStatement, match="category"):
        validate({**good, "category": "STATEMENT_CATEGORY_POLITICAL_VIEWS"})
    with pytest.raises(InvalidStatement, match="restriction"):
        validate(
            {k: v for k, v in good.items() if not k.startswith("decision_visibility") and k != "decision_provision"}
        )
    with pytest.raises(InvalidStatement):
        validate({**good, "content_date": "03/01/2026"})


def test_the_cli_writes_every_format(engine: Engine, clock: FakeClock, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from chatcredit.cli import main

    scenario(engine, clock)
    runner = CliRunner()
    env = {"CHATCREDIT_DB": database(tmp_path, "engine.db"), "COLUMNS": "200"}
    period = ["--from", to_iso(T0 - DAY), "--to", to_iso(T0 + 10 * DAY)]
    got = runner.invoke(main, ["report", *period, "--format", "json"], env=env, catch_exceptions=False)
    assert got.exit_code == 0, got.output
    assert json.loads(got.stdout)["decisions"] == 3
    got = runner.invoke(main, ["report", *period, "--format", "csv"], env=env, catch_exceptions=False)
    table = list(csv.reader(io.StringIO(got.stdout)))
    assert table[0] == ["section", "key", "value"] and ["decisions", "", "3"] in table
    out = tmp_path / "sor.jsonl"
    got = runner.invoke(main, ["report", "sor", *period, "--out", str(out)], env=env, catch_exceptions=False)
    assert got.exit_code == 0 and len(out.read_text().splitlines()) == 3
    for line in out.read_text().splitlines():
        validate(json.loads(line))


@pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (.ci/run installs it)")
def test_the_html_report_opens_in_a_real_browser_with_its_charts(
    engine: Engine, clock: FakeClock, tmp_path: Path
) -> None:
    assert CHROMIUM is not None
    scenario(engine, clock)
    page = tmp_path / "report.html"
    page.write_text(
        as_html(Reports(engine.reads, engine.policy, engine.casework.automated).transparency(T0 - DAY, T0 + 10 * DAY)),
        "utf-8",
    )
    flags = headless(tmp_path / "chromium")[1:]
    dom = subprocess.run([CHROMIUM, *flags, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120)
    assert dom.stdout.count("<svg") == 8 and "Decisions by category" in dom.stdout, dom.stderr[-2000:]
    shot = tmp_path / "report.png"
    subprocess.run(
        [CHROMIUM, *flags, "--window-size=1280,2400", f"--screenshot={shot}", page.as_uri()],
        capture_output=True,
        timeout=120,
    )
    assert shot.exists() and shot.stat().st_size > 10_000


def test_notices_stored_before_their_source_field_are_counted_by_their_flags() -> None:
    """A notice written by an earlier version has no ``source``/``automation``: its flags
    (kept since the first version) decide, so a moderator's old decision is not counted
    as automated in the report or the statements of reasons."""
    old = msgspec.json.encode(
        {
            "id": "n-1",
            "user": "u",
            "entry_id": "e-1",
            "ts": T0,
            "kind": "penalty",
            "measure": "m",
            "facts": "f",
            "rule_id": "manual",
            "category": "harassment",
            "dsa_category": "STATEMENT_CATEGORY_CYBER_VIOLENCE",
            "automated_detection": False,
            "automated_decision": False,
            "score_before": 500,
            "score_after": 440,
            "tier_before": "limited",
            "tier_after": "limited",
            "reasons": [],
            "appealable": True,
            "appeal_until": T0 + 200 * DAY,
            "policy_version": "v",
            "text": "t",
        }
    )
    from chatcredit.store import codec

    notice = codec.decode_notice(old)
    assert (notice.origin, notice.automation_level) == ("moderator", "not")
    record = statement_of(notice)
    assert record is not None and record["source_type"] == "SOURCE_VOLUNTARY"
    assert record["automated_decision"] == "AUTOMATED_DECISION_NOT_AUTOMATED"
