"""Due process end to end: notices with every Art. 17 content, appeals decided by another
person, overturns that restore the standing and the privileges, marks that automation
respects, the review queue decided by people, reporters' precision, referrals."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import msgspec
import pytest

from chatcredit import Engine
from chatcredit.domain.standing import fold
from chatcredit.errors import ConflictError
from chatcredit.policy.model import Policy, Rule
from chatcredit.store import open_store
from chatcredit.testing import DAY, T0, FakeClock, event, history_policy, lines, message
from databases import database

SPAM = "you have won a guaranteed prize, call now"


def with_rules(*rules: Rule) -> Policy:
    base = history_policy()
    return msgspec.structs.replace(base, rules=[*base.rules, *rules])


@pytest.fixture
def open_engine(tmp_path: Path, clock: FakeClock) -> Iterator[object]:
    opened: list[Engine] = []

    def make(policy: Policy | None = None) -> Engine:
        e = Engine(open_store(database(tmp_path, "engine.db")), policy or history_policy(), clock=clock)
        opened.append(e)
        return e

    yield make
    for e in opened:
        e.close()


def test_penalty_notice_appeal_refused_to_the_decider_overturned_and_not_reapplied(
    engine: Engine, clock: FakeClock, open_engine: object
) -> None:
    engine.adjust("u1", 100, "other", "mod-ana", "long and helpful membership")  # standard tier: links allowed
    assert engine.permit("u1", "post_link").allowed
    clock.now = T0 + 60
    engine.ingest_lines(lines(message("m1", "u1", SPAM, ts=T0 + 60)))
    clock.now = T0 + 120
    assert not engine.permit("u1", "post_link").allowed
    penalty = next(e for e in engine.ledger("u1") if e.kind == "penalty")
    notice = next(n for n in engine.notices("u1") if n.entry_id == penalty.id)
    # every content a statement of reasons must have (DSA Art. 17)
    assert notice.measure and notice.scope and notice.start == penalty.ts and notice.end is None
    assert notice.source == "automated-detection" and notice.automation == "fully"
    assert (notice.rule_id, notice.category) == ("spam-prize", "spam") and notice.dsa_category
    assert notice.base_points == 60 and notice.multiplier == 1.0 and notice.half_life_days == 60
    assert notice.score_before > notice.score_after and notice.tier_before != notice.tier_after
    assert "links" in notice.privileges_lost and notice.reasons == ("spam-prize",)
    assert notice.appeal_until is not None and notice.appeal_until >= penalty.ts + 180 * DAY
    for words in ("Scope:", "What started it: automated detection", "60 base points", "fading by half every 60"):
        assert words in notice.text
    assert "No longer allowed at this score: links" in notice.text and "appeal until" in notice.text

    appeal = engine.appeals.file(penalty.id, "u1", "It was a real prize draw run by the group.")
    assert appeal.original_actor == penalty.actor and appeal.status == "filed"
    with pytest.raises(ConflictError, match="automation"):
        engine.appeals.decide(appeal.id, "overturn", penalty.actor, "looks fine")
    with pytest.raises(ConflictError, match="only they can appeal"):
        engine.appeals.file(penalty.id, "u2", "not mine")

    decided = engine.appeals.decide(appeal.id, "overturn", "mod-bo", "the draw was real")
    assert decided.status == "overturned" and decided.reviewer == "mod-bo"
    entries = engine.ledger("u1")
    without = [e for e in entries if e.id != penalty.id and e.reverses != penalty.id]
    tally = engine.projection.get("u1")
    expected = fold("u1", without, tally.days, engine.policy, clock.now)
    assert engine.standing("u1").score == expected.score and engine.standing("u1").tier == expected.tier
    assert engine.permit("u1", "post_link").allowed  # the privilege it removed is back
    told = [n for n in engine.notices("u1") if n.kind == "appeal-decided"]
    assert told and "overturned" in told[0].measure
    assert any(n.kind == "reversal" for n in engine.notices("u1"))

    assert engine.rescan().penalties == 0  # the rule finds it again: a person's decision stands
    # a new rule of the same category on the same evidence is barred by the mark too
    stricter = with_rules(Rule(id="prize-call", category="spam", severity="high", keywords=["call now"]))
    other = open_engine(stricter)  # type: ignore[operator]
    assert other.rescan().penalties == 0
    assert any("a person's decision" in h.why for h in other.explain("u1").shadow_hits)
    assert other.standing("u1").score == expected.score


def test_the_original_decider_cannot_decide_the_appeal(engine: Engine) -> None:
    entry, _ = engine.adjust("u2", -80, "harassment", "mod-ana", "insults in DMs")
    appeal = engine.appeals.file(entry.id, "u2", "I was quoting someone else")
    with pytest.raises(ConflictError, match="mod-ana made the original decision"):
        engine.appeals.decide(appeal.id, "overturn", "mod-ana", "changed my mind")
    modified = engine.appeals.decide(appeal.id, "modify", "mod-bo", "insult, but a mild one", points=-20)
    assert modified.status == "modified"
    assert [e.points for e in engine.ledger("u2") if e.kind == "penalty"] == [-80, -20]
    assert engine.explain("u2").reversed_ids == {entry.id}
    with pytest.raises(ConflictError, match="already decided"):
        engine.appeals.decide(appeal.id, "uphold", "mod-cy", "again")


def test_a_critical_penalty_waits_for_a_person_and_fades_once_reviewed(engine: Engine, clock: FakeClock) -> None:
    threat = Rule(id="threat-kill", category="threat", severity="critical", keywords=["your family will pay"])
    engine.use_policy(with_rules(threat))
    engine.ingest_lines(lines(message("m1", "u3", "remember, your family will pay")))
    [item] = [r.item for r in engine.casework.queue() if r.item.entry_id]
    assert item.severity == "critical"
    clock.now = T0 + 10 * DAY
    unreviewed = engine.standing("u3", at=T0 + 400 * DAY).score
    assert unreviewed == engine.standing("u3").score  # it does not fade by itself
    engine.casework.claim(item.id, "mod-ana")
    with pytest.raises(ConflictError, match="claimed by mod-ana"):
        engine.casework.decide(item.id, "uphold", "mod-bo", "a threat")
    done, _ = engine.casework.decide(item.id, "uphold", "mod-ana", "a real threat")
    assert done.status == "decided" and done.outcome == "uphold"
    assert engine.standing("u3", at=T0 + 400 * DAY).score > unreviewed  # the review started its decay
    assert any(e.kind == "review" for e in engine.ledger("u3"))


def test_reports_are_ordered_by_the_reporters_precision(engine: Engine, clock: FakeClock) -> None:
    def report(rid: str, reporter: str, target: str, mid: str, ts: float) -> dict[str, object]:
        return event("report", rid, ts, user=reporter, target_user=target, category="harassment", message=mid)

    feed = [message(f"m{i}", f"t{i}", "see you all at the meeting", ts=T0 + i) for i in range(8)]
    feed += [report(f"r{i}", "good" if i < 3 else "bad", f"t{i}", f"m{i}", T0 + 100 + i) for i in range(6)]
    engine.ingest_lines(lines(*feed))
    clock.now = T0 + 200
    queue = {r.item.event_id: r.item for r in engine.casework.queue()}
    for i in range(3):
        engine.casework.decide(queue[f"r{i}"].id, "uphold", "mod-ana", "insult")
        engine.casework.decide(queue[f"r{i + 3}"].id, "dismiss", "mod-ana", "no insult here")
    assert engine.casework.precision("good") > 0.5 > engine.casework.precision("bad")  # type: ignore[operator]
    assert any(n.kind == "report-received" for n in engine.notices("good"))
    assert any(n.kind == "report-decided" and "dismissed" in n.measure for n in engine.notices("bad"))
    engine.ingest_lines(lines(report("r6", "bad", "t6", "m6", T0 + 300), report("r7", "good", "t7", "m7", T0 + 301)))
    order = [r.item.reporter for r in engine.casework.queue() if r.item.reporter]
    assert order == ["good", "bad"]
    upheld = [e for e in engine.ledger("t0") if e.kind == "penalty"]
    assert upheld and not upheld[0].automated_decision and upheld[0].actor == "mod-ana"
    assert next(n for n in engine.notices("t0") if n.entry_id == upheld[0].id).source == "user-report"


def test_a_reporter_of_manifestly_unfounded_reports_is_warned_then_suspended(engine: Engine, clock: FakeClock) -> None:
    rules = engine.policy.reporting
    n = rules.unfounded_after + 5  # with the prior, the precision falls below the line after a few more
    feed = [message(f"m{i}", f"t{i}", "nice weather", ts=T0 + i) for i in range(n + 1)]
    feed += [
        event(
            "report", f"r{i}", T0 + 100 + i, user="troll", target_user=f"t{i}", category="harassment", message=f"m{i}"
        )
        for i in range(n)
    ]
    engine.ingest_lines(lines(*feed))
    for row in engine.casework.queue():
        engine.casework.decide(row.item.id, "dismiss", "mod-ana", "nothing wrong")
    kinds = [x.kind for x in engine.notices("troll")]
    assert "reporting-warning" in kinds and "reporting-suspended" in kinds
    assert engine.casework.reporter("troll").suspended_at(clock.now)
    report = event("report", "rX", T0 + 500, user="troll", target_user=f"t{n}", category="spam", message=f"m{n}")
    engine.ingest_lines(lines(report))
    clock.now = T0 + 600
    assert not [r for r in engine.casework.queue() if r.item.event_id == "rX"]
    assert any("suspended from reporting" in h.why for h in engine.explain(f"t{n}").shadow_hits)


def test_referrals_are_recorded_acts_of_a_person(engine: Engine) -> None:
    with pytest.raises(ConflictError, match="automation"):
        engine.casework.refer("case-1", "police-nl", "threat to life", "rules")
    referral = engine.casework.refer("case-1", "police-nl", "credible threat to life in g1", "mod-ana", user="u3")
    assert engine.casework.referrals() == [referral]


def test_the_demos_queue_can_be_worked_through_and_the_cli_decides(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from chatcredit.cli import main

    db = tmp_path / "demo.db"
    runner = CliRunner()
    env = {"COLUMNS": "200"}
    made = runner.invoke(main, ["demo", "--db", str(db), "--users", "150", "--messages", "3000", "--json"], env=env)
    assert made.exit_code == 0, made.output

    def cli(*args: str) -> object:
        result = runner.invoke(main, ["--db", str(db), *args], env=env, catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout) if "--json" in args else result.stdout

    queue = cli("review", "list", "--limit", "100000", "--json")
    assert isinstance(queue, list) and queue
    priorities = [row["priority"] for row in queue]
    assert priorities == sorted(priorities, reverse=True)
    shown = cli("review", "show", queue[0]["id"], "--json")
    assert isinstance(shown, dict) and shown["item"]["id"] == queue[0]["id"] and "standing" in shown
    for i, row in enumerate(queue):
        outcome = ("--uphold", "--dismiss", "--escalate")[i % 3]
        result = runner.invoke(
            main, ["--db", str(db), "review", "decide", row["id"], outcome, "--by", "mod-ana", "--reason", "checked"]
        )
        assert result.exit_code == 0, result.output
    left = cli("review", "list", "--limit", "100000", "--json")
    assert isinstance(left, list) and {r["status"] for r in left} <= {"escalated"}
    for row in left:  # a senior moderator decides what was escalated
        cli("review", "decide", row["id"], "--dismiss", "--by", "senior-bo", "--reason", "no violation")
    assert cli("review", "list", "--json") == []


def test_notices_render_from_the_policys_templates_in_another_language(tmp_path: Path, clock: FakeClock) -> None:
    from importlib import resources

    from chatcredit.policy import load_policy

    german = "\n".join(
        line
        for line in (Path(__file__).resolve().parents[1] / "docs" / "dueprocess.md")
        .read_text("utf-8")
        .split("```toml", 1)[1]
        .split("```", 1)[0]
        .splitlines()
    )
    default = resources.files("chatcredit.policy").joinpath("default.toml").read_text("utf-8")
    path = tmp_path / "de.toml"
    path.write_text(default + "\n" + german + "\n", "utf-8")
    policy = history_policy(load_policy(str(path)))
    e = Engine(open_store(database(tmp_path, "de.db")), policy, clock=clock)
    try:
        e.ingest_lines(lines(message("m1", "u1", SPAM)))
        [notice] = e.notices("u1")
        assert notice.language == "de" and "Entscheidung:" in notice.text and "Beschwerde" in notice.text
        assert "Regel: spam-prize" in notice.text and "You can appeal" not in notice.text
    finally:
        e.close()


def test_an_overturn_lifts_the_listing_that_rested_on_the_penalty(engine: Engine, clock: FakeClock) -> None:
    threat = Rule(id="threat-family", category="threat", severity="critical", keywords=["your family will pay"])
    engine.use_policy(with_rules(threat))
    engine.ingest_lines(lines(message("m1", "u4", "remember, your family will pay")))
    penalty = next(e for e in engine.ledger("u4") if e.kind == "penalty")
    [listing] = engine.oversight.listings_of("u4")
    assert penalty.id in listing.evidence
    engine.oversight.confirm(listing.id, "mod-cy")
    assert not engine.permit("u4", "send_message").allowed  # listed: denied
    appeal = engine.appeals.file(penalty.id, "u4", "a line from a film we were discussing")
    done = engine.appeals.decide(appeal.id, "overturn", "mod-bo", "a quotation, in context")
    assert listing.id in done.result
    [after] = engine.oversight.listings_of("u4")
    assert after.status == "lifted"
    assert engine.permit("u4", "send_message").allowed
    assert any(n.kind == "listing" and "lifted" in n.measure for n in engine.notices("u4"))


def test_a_trusted_flaggers_report_comes_first(engine: Engine, clock: FakeClock) -> None:
    base = history_policy()
    trusted = msgspec.structs.replace(base.reporting, trusted_flaggers=["hotline"])
    engine.use_policy(msgspec.structs.replace(base, reporting=trusted))
    feed = [message(f"m{i}", f"t{i}", "see you at the meeting", ts=T0 + i) for i in range(2)]
    feed += [
        event("report", "r0", T0 + 10, user="someone", target_user="t0", category="harassment", message="m0"),
        event("report", "r1", T0 + 20, user="hotline", target_user="t1", category="harassment", message="m1"),
    ]
    engine.ingest_lines(lines(*feed))
    first, _ = engine.casework.queue()
    assert (first.item.reporter, first.trusted_flagger) == ("hotline", True)
    engine.casework.decide(first.item.id, "uphold", "mod-ana", "harassment")
    upheld = next(e for e in engine.ledger("t1") if e.kind == "penalty")
    assert next(n for n in engine.notices("t1") if n.entry_id == upheld.id).source == "trusted-flagger"


def test_automation_never_removes_a_persons_penalty(engine: Engine) -> None:
    entry, _ = engine.adjust("u5", -60, "harassment", "mod-ana", "insults in DMs")
    engine.ingest_lines(lines(message("m1", "u5", "hello again")))
    engine.rescan()
    engine.rebuild()
    assert [e.id for e in engine.ledger("u5") if e.kind == "penalty"] == [entry.id]
    assert not engine.explain("u5").reversed_ids


def test_a_dismissed_report_bars_automation_on_the_reported_message(
    engine: Engine, clock: FakeClock, open_engine: object
) -> None:
    engine.ingest_lines(
        lines(
            message("m1", "t1", "meet me behind the gym"),
            event("report", "r1", T0 + 10, user="rep", target_user="t1", category="harassment", message="m1"),
        )
    )
    [row] = engine.casework.queue()
    engine.casework.decide(row.item.id, "dismiss", "mod-ana", "an invitation, not a threat")
    stricter = with_rules(Rule(id="gym-threat", category="harassment", severity="medium", keywords=["behind the gym"]))
    other = open_engine(stricter)  # type: ignore[operator]
    assert other.rescan().penalties == 0
    assert any("a person's decision" in h.why and h.event_id == "m1" for h in other.explain("t1").shadow_hits)
