"""The foundation issue's end-to-end behaviour, on a real SQLite file."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from chatcredit import Engine
from chatcredit.errors import ConflictError, InvalidRequest, NotFound
from chatcredit.store import open_store
from chatcredit.testing import DAY, T0, FakeClock, event, lines, message
from databases import database

SPAM = "Y0U HAVE W0N a guaranteed prize, call now"


def test_violation_costs_points_and_is_explained(engine: Engine, clock: FakeClock) -> None:
    report = engine.ingest_lines(lines(message("m1", "u1", "hello all"), message("m2", "u1", SPAM, ts=T0 + 60)))
    assert (report.accepted, report.penalties) == (2, 1)
    clock.now = T0 + 120
    s = engine.standing("u1")
    assert s.score < 500 and "spam-prize" in [r.code for r in s.reasons]
    x = engine.explain("u1")
    [entry] = x.entries
    assert (entry.rule_id, entry.category, entry.evidence_event) == ("spam-prize", "spam", "m2")
    assert entry.automated_detection and entry.automated_decision
    assert entry.policy_version == engine.policy.version
    [notice] = engine.notices("u1")
    assert notice.entry_id == entry.id and notice.appealable
    assert notice.score_before > notice.score_after
    assert "spam-prize" in notice.text and "appeal" in notice.text and SPAM[:20] in notice.text
    assert notice.dsa_category == "STATEMENT_CATEGORY_SCOPE_OF_PLATFORM_SERVICE"


def test_score_recovers_after_a_year(engine: Engine, clock: FakeClock) -> None:
    engine.ingest_lines(lines(message("m1", "u1", "hello"), message("m2", "u1", SPAM, ts=T0 + 60)))
    before = engine.notices("u1")[0].score_before
    now = engine.standing("u1", at=T0 + 61).score
    later = engine.standing("u1", at=T0 + 365 * DAY)
    assert now < before - 50
    # the day of the penalty earns no tenure credit (2) and under 1 point is still counted
    assert later.score >= before - 3
    assert "spam-prize" not in [r.code for r in later.reasons]


def test_second_violation_in_same_category_costs_more(engine: Engine) -> None:
    engine.ingest_lines(lines(message("m1", "u1", SPAM), message("m2", "u1", "claim your prize", ts=T0 + DAY)))
    first, second = engine.notices("u1")
    cost1 = first.score_before - first.score_after
    cost2 = second.score_before - second.score_after
    assert cost2 > cost1
    assert engine.explain("u1", at=T0 + DAY).standing.penalties[1].multiplier == 1.5


def test_reverse_restores_exact_standing_and_rebuild_is_identical(
    engine: Engine, clock: FakeClock, tmp_path: Path
) -> None:
    history = [message(f"c{i}", "u1", "hi", ts=T0 + i * DAY) for i in range(5)]
    engine.ingest_lines(lines(*history, message("bad", "u1", SPAM, ts=T0 + 5 * DAY)))
    twin = Engine(open_store(database(tmp_path, "twin.db")), engine.policy, clock=clock)
    twin.ingest_lines(lines(*history, message("bad", "u1", "hi again", ts=T0 + 5 * DAY)))
    clock.now = T0 + 6 * DAY
    penalised = engine.standing("u1")
    [entry] = engine.ledger("u1")
    rev, notice = engine.reverse(entry.id, by="mod-ana", reason="prize draw was real")
    restored, never = engine.standing("u1"), twin.standing("u1")
    assert penalised.score < restored.score
    assert (restored.score, restored.tier, restored.reasons, restored.tenure_credit) == (
        never.score,
        never.tier,
        never.reasons,
        never.tenure_credit,
    )
    for later in (T0 + 30 * DAY, T0 + 400 * DAY):
        assert engine.standing("u1", at=later).score == twin.standing("u1", at=later).score
    assert rev.reverses == entry.id and not rev.automated_decision and rev.actor == "mod-ana"
    assert notice.kind == "reversal" and notice.score_after == restored.score
    with pytest.raises(ConflictError):
        engine.reverse(entry.id, by="mod-ana", reason="again")
    with pytest.raises(NotFound):
        engine.reverse("e-nope", by="mod", reason="x")

    cached = list(engine.standings())
    engine.rebuild()
    assert list(engine.standings()) == cached and cached


def test_reversed_penalty_is_never_reapplied(engine: Engine) -> None:
    feed = lines(message("m1", "u1", SPAM))
    engine.ingest_lines(feed)
    [entry] = engine.ledger("u1")
    engine.reverse(entry.id, by="mod", reason="false positive")
    score = engine.standing("u1").score
    assert engine.ingest_lines(feed).duplicates == 1
    assert engine.rescan().penalties == 0
    engine.rebuild()
    assert len(engine.ledger("u1")) == 2 and engine.standing("u1").score == score


def test_adjust_records_a_manual_decision_with_notice(engine: Engine) -> None:
    entry, notice = engine.adjust("u2", -100, "harassment", by="mod-bo", reason="insults in DMs")
    assert entry.kind == "penalty" and not entry.automated_decision and not entry.automated_detection
    assert notice.score_before - notice.score_after == 100 and "mod-bo" in notice.text
    credit, _ = engine.adjust("u2", 40, "other", by="mod-bo", reason="helpful member")
    assert credit.kind == "credit" and engine.standing("u2").score == 500 - 100 + 40
    with pytest.raises(InvalidRequest):
        engine.adjust("u2", -10, "politics", by="mod", reason="x")
    with pytest.raises(InvalidRequest):
        engine.adjust("u2", 0, "spam", by="mod", reason="x")


def test_permits_follow_the_tier(engine: Engine, clock: FakeClock) -> None:
    active = [message(f"a{d}", "vet", "hi", ts=T0 + d * DAY) for d in range(30)]
    engine.ingest_lines(lines(*active))
    clock.now = T0 + 30 * DAY
    vet = engine.permit("vet", "create_group")
    assert vet.allowed and vet.tier == "standard"
    newbie = engine.permit("newbie", "create_group")
    assert not newbie.allowed and newbie.tier == "limited" and newbie.threshold == 550
    assert "group-creation-not-in-tier" in newbie.reasons
    assert not engine.permit("newbie", "post_link").allowed
    assert engine.permit("newbie", "post_media").allowed


def test_flooder_is_denied_while_over_the_allowance(engine: Engine, clock: FakeClock) -> None:
    burst = [message(f"f{i}", "flood", "spam spam", ts=T0 + i * 0.5) for i in range(12)]
    report = engine.ingest_lines(lines(*burst))
    assert report.penalties == 1  # one flooding penalty per window, not one per message
    clock.now = T0 + 6
    denied = engine.permit("flood", "send_message")
    assert not denied.allowed and denied.reasons == ("rate-limit-exceeded",) and denied.allowance == 0
    assert engine.explain("flood").entries[0].category == "flooding"
    clock.now = T0 + 120
    assert engine.permit("flood", "send_message").allowed
    assert not engine.permit("flood", "send_message", at=T0 + 6).allowed


def test_reports_go_to_review_and_cost_nothing(engine: Engine) -> None:
    engine.ingest_lines(lines(event("report", "r1", user="u1", target_user="u2", category="harassment")))
    assert engine.ledger("u2") == []
    [item] = engine.review_queue()
    assert (item.user, item.reporter, item.category) == ("u2", "u1", "harassment")


def test_ten_thousand_good_lines_and_fifty_broken_ones(engine: Engine) -> None:
    rng = random.Random(5)
    good = [json.dumps(message(f"m{i}", f"u{i % 300}", f"hello {i}", ts=T0 + i)) for i in range(10_000)]
    broken_kinds = [
        "{not json",
        '{"type": "message"}',
        '{"type": "sticker", "id": "s", "ts": "2026-01-01T00:00:00Z"}',
        json.dumps(message("x", "u", "t") | {"ts": "31/12/2026"}),
        json.dumps(message("x", "u", "t") | {"user": 7}),
        "[]",
        json.dumps(message("x", "u", "t") | {"ts": "2026-03-01T12:00:00"}),
        json.dumps(event("report", "rr", user="a", target_user="b", category="opinions")),
        json.dumps(message("x", "u", "t") | {"group": None}),
        '"just a string"',
    ]
    broken = [broken_kinds[i % len(broken_kinds)] for i in range(50)]
    feed = good[:]
    for b in broken:
        feed.insert(rng.randrange(len(feed)), b)
    report = engine.ingest_lines(feed)
    assert (report.accepted, report.quarantined, report.duplicates) == (10_000, 50, 0)
    rows = engine.quarantine(limit=100)
    assert len(rows) == 50 and all(r.reason for r in rows)
    assert {feed[r.line - 1] for r in rows} == set(broken)
    again = engine.ingest_lines(good)
    assert (again.accepted, again.duplicates) == (0, 10_000)
    assert engine.reads.events.count() == 10_000


def test_membership_limits_and_identity(engine: Engine, clock: FakeClock) -> None:
    engine.ingest_lines(lines(*(message(f"a{d}", "vet", "hi", ts=T0 + d * DAY) for d in range(30))))
    clock.now = T0 + 30 * DAY
    feed = [event("group_created", f"gc{i}", ts=T0 + 30 * DAY, user="vet", group=f"g{i}") for i in range(5)]
    engine.ingest_lines(lines(*feed))
    full = engine.permit("vet", "create_group")
    assert not full.allowed and full.reasons == ("group-ownership-limit-reached",)
    joins = [event("member_joined", f"j{i}", user=f"m{i}", group="g0") for i in range(500)]
    engine.ingest_lines(lines(*joins))
    big = engine.permit("vet", "manage_group", group="g0")
    assert not big.allowed and big.reasons == ("group-too-large-for-tier",)
    engine.ingest_lines(lines(event("member_left", "l1", user="m1", group="g0")))
    needs_id = engine.permit("vet", "manage_group", group="g0")
    assert needs_id.reasons == ("identity-verification-required",)
    engine.ingest_lines(lines(event("identity_verified", "iv", user="vet", level="phone")))
    assert engine.permit("vet", "manage_group", group="g0").allowed


def test_appeal_window_runs_from_the_decision_not_the_event(engine: Engine, clock: FakeClock) -> None:
    clock.now = T0 + 200 * DAY  # an old event imported late
    engine.ingest_lines(lines(message("old", "u1", SPAM, ts=T0)))
    [notice] = engine.notices("u1")
    assert notice.ts == clock.now and notice.appeal_until == clock.now + 180 * DAY
    [entry] = engine.ledger("u1")
    assert entry.ts == T0  # the penalty itself dates from the act, and decays from then


def test_permits_see_another_processs_corrections_once_the_journal_is_followed(
    engine: Engine, clock: FakeClock, tmp_path: Path
) -> None:
    engine.ingest_lines(lines(*(message(f"a{d}", "vet", "hi", ts=T0 + d * DAY) for d in range(30))))
    clock.now = T0 + 30 * DAY
    assert engine.permit("vet", "post_link").allowed
    other = Engine(open_store(database(tmp_path, "engine.db")), engine.policy, clock=clock)  # a moderator's CLI
    other.adjust("vet", -300, "harassment", by="mod", reason="threats in DMs")
    other.close()
    engine.follow()  # what the engine does by itself at least once a second
    assert not engine.permit("vet", "post_link").allowed
    assert engine.standing("vet").score == other_score(tmp_path, engine, clock)


def other_score(tmp_path: Path, engine: Engine, clock: FakeClock) -> int:
    fresh = Engine(open_store(database(tmp_path, "engine.db")), engine.policy, clock=clock)
    try:
        return fresh.standing("vet").score
    finally:
        fresh.close()


def test_two_writers_on_one_file_interleave_without_conflicts(engine: Engine, clock: FakeClock, tmp_path: Path) -> None:
    """Sequence numbers are read inside the write transaction: a second process's writes
    between ours never collide with them, and each sees the other's entries."""
    other = Engine(open_store(database(tmp_path, "engine.db")), engine.policy, clock=clock)
    try:
        engine.ingest_lines(lines(message("s1", "u1", SPAM)))
        other.adjust("u1", -20, "harassment", by="mod", reason="insults")
        engine.ingest_lines(lines(message("s2", "u1", SPAM + " again", ts=T0 + 60)))
        other.adjust("u1", 10, "other", by="mod", reason="apologised")
        engine.follow()
        assert [e.seq for e in engine.ledger("u1")] == [1, 2, 3, 4]
        assert [e.actor for e in engine.ledger("u1")] == ["rules", "mod", "rules", "mod"]
        assert engine.standing("u1").score == other.standing("u1").score
    finally:
        other.close()


def test_a_domain_conflict_is_not_retried_as_a_store_conflict(engine: Engine) -> None:
    """Reversing twice is the caller's mistake (409), not a race: the writer does not
    retry it, and the cached standings stay."""
    engine.ingest_lines(lines(message("m1", "u1", SPAM)))
    [entry] = engine.ledger("u1")
    engine.reverse(entry.id, by="mod", reason="false positive")
    cached = len(engine.projection)
    with pytest.raises(ConflictError, match="already been reversed"):
        engine.reverse(entry.id, by="mod", reason="again")
    assert len(engine.projection) == cached


def test_notices_show_base_points_multiplier_and_the_floor(engine: Engine) -> None:
    """A moderator can reconcile a notice with the ledger: base points, the repeat
    multiplier, how it fades; at the floor the notice says so instead of '0 -> 0'."""
    engine.ingest_lines(lines(message("m1", "u1", SPAM), message("m2", "u1", SPAM + " now", ts=T0 + 60)))
    first, second = engine.notices("u1")
    assert "60 base points" in first.points_text and " x " not in first.points_text
    assert "every 60 days" in first.points_text and first.points_text in first.text
    assert "60 base points, x 1.5" in second.points_text and "= 90" in second.points_text
    assert "(spam-prize)" not in first.text  # the rule and its reason code share a name: said once
    engine.adjust("u1", -1000, "harassment", by="mod", reason="threats")
    _, floor = engine.adjust("u1", -20, "harassment", by="mod", reason="more threats")
    assert "already at its floor (0)" in floor.measure and "unchanged" in floor.text and "0 -> 0" not in floor.text


def test_platform_moderation_actions_are_recorded_and_explained(engine: Engine) -> None:
    ban = event("moderation_action", "ma1", user="mod1", group="g1", action="ban", target_user="u9", reason="raids")
    engine.ingest_lines(lines(message("m1", "u9", "hello"), ban))
    [act] = engine.explain("u9").moderation
    assert (act.action, act.moderator, act.group, act.reason) == ("ban", "mod1", "g1", "raids")
    assert engine.is_known("u9")


def test_a_message_exactly_a_minute_old_counts_towards_the_rate_everywhere(
    engine: Engine, clock: FakeClock, tmp_path: Path
) -> None:
    """One window definition: the rate limit counts a message exactly 60 s old, as the
    detectors' windows do, whether the window is in memory or read from the archive."""
    limit = engine.policy.tier_named("limited").messages_per_minute
    engine.ingest_lines(lines(*(message(f"r{i}", "rate", f"hi {i}", ts=T0 + i) for i in range(limit))))
    clock.now = T0 + 60  # the first message is now exactly a minute old
    assert engine.permit("rate", "send_message", at=T0 + 60).allowance == 0
    fresh = Engine(open_store(database(tmp_path, "engine.db")), engine.policy, clock=clock)  # a cold window
    try:
        assert fresh.permit("rate", "send_message").allowance == 0
    finally:
        fresh.close()
