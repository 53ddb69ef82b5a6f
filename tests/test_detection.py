"""Behavioural detectors on JSONL scenarios, shadow mode and the emergency brake."""

from __future__ import annotations

import json
import random
import tempfile
from collections import Counter
from pathlib import Path

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chatcredit import Engine, default_policy
from chatcredit.policy.detection import FloodWindow
from chatcredit.policy.model import Rule
from chatcredit.store import open_store
from chatcredit.testing import T0, FakeClock, event, history_policy, lines, message
from databases import database

FIXTURES = Path(__file__).parent / "fixtures"


def _signals(engine: Engine, name: str) -> Counter[str]:
    with open(FIXTURES / f"{name}.jsonl", "rb") as feed:
        report = engine.ingest_lines(feed)
    assert report.quarantined == 0
    return Counter({k: v for k, v in report.signals_by_rule.items()})


def test_raid_sends_the_joiners_to_review(engine: Engine) -> None:
    signals = _signals(engine, "raid")
    assert signals == Counter({"raid": 40})  # each of the 40 new accounts in the wave, once
    reviews = engine.review_queue()
    assert {r.rule_id for r in reviews} == {"raid"} and len(reviews) == 40
    assert all(engine.ledger(r.user) == [] for r in reviews)  # no points for joining


def test_cross_posting_one_user_in_many_groups_is_penalised(engine: Engine) -> None:
    signals = _signals(engine, "crosspost")
    assert signals["crosspost-groups"] == 1
    [entry] = [e for e in engine.ledger("promo") if e.rule_id == "crosspost-groups"]
    assert entry.category == "spam" and "3 groups" in entry.excerpt


def test_campaign_of_new_accounts_goes_to_review(engine: Engine, tmp_path: Path, clock: FakeClock) -> None:
    signals = _signals(engine, "campaign")
    assert signals["crosspost-new-accounts"] == 8
    # The campaign's pitch asks for a DM, so the classifier may already penalise a message
    # as spam; every account is in review for the campaign or penalised for spam.
    reviewed = {r.user for r in engine.review_queue() if r.rule_id == "crosspost-new-accounts"}
    penalised = {f"fresh{i}" for i in range(8) if any(e.category == "spam" for e in engine.ledger(f"fresh{i}"))}
    assert reviewed | penalised == {f"fresh{i}" for i in range(8)}
    # Without the classifier, the campaign alone sends every account to a person.
    policy = msgspec.structs.replace(
        history_policy(), classifier=msgspec.structs.replace(history_policy().classifier, enabled=False)
    )
    alone = Engine(open_store(database(tmp_path, "alone.db")), policy, clock=clock)
    try:
        assert _signals(alone, "campaign")["crosspost-new-accounts"] == 8
        assert {r.user for r in alone.review_queue() if r.rule_id == "crosspost-new-accounts"} == {
            f"fresh{i}" for i in range(8)
        }
    finally:
        alone.close()


def test_a_normal_busy_group_produces_no_behavioural_signals(engine: Engine) -> None:
    signals = _signals(engine, "busy_group")
    behavioural = {
        k: v for k, v in signals.items() if k.startswith(("raid", "crosspost", "flood", "mention", "shouting", "link"))
    }
    assert behavioural == {}


def test_flood_windows_can_count_per_group(tmp_path: Path, clock: FakeClock) -> None:
    policy = msgspec.structs.replace(history_policy(), flood=[FloodWindow(messages=5, seconds=10, key="group")])
    engine = Engine(open_store(database(tmp_path, "f.db")), policy, clock=clock)
    burst = [message(f"b{i}", f"u{i}", f"hello {i}", ts=T0 + i) for i in range(6)]  # six users, one group
    report = engine.ingest_lines(lines(*burst))
    assert report.signals_by_rule == {"flood-5-in-10s-group": 1}
    assert engine.ledger("u5")[0].category == "flooding"


def test_mentions_links_and_shouting(engine: Engine) -> None:
    mentions = " ".join(f"@user{i}" for i in range(12))
    report = engine.ingest_lines(
        lines(
            message("old", "vet", "hello", ts=T0 - 30 * 86_400),
            message("m1", "vet", f"look {mentions}", ts=T0),
            message("m2", "vet", "grab it at https://free-nitro.gift/claim now", ts=T0 + 1),
            message("m3", "newbie", "see https://bit.ly/3xYz for details", ts=T0 + 2),
            message("m4", "vet", "WHY DOES NOBODY EVER ANSWER MY QUESTIONS HERE", ts=T0 + 3),
            message("m4b", "vet", "HELLO?? IS ANYONE READING THIS CHANNEL AT ALL", ts=T0 + 3.5),
            message("m4c", "vet", "I AM GOING TO KEEP ASKING UNTIL SOMEONE ANSWERS", ts=T0 + 3.7),
            message("m5", "vet", "docs at https://github.com/org/repo and en.wikipedia.org/wiki/Chat", ts=T0 + 4),
        )
    )
    # the spam head also sends some of these pitches to review; this test is about the
    # behavioural detectors
    behavioural = {k: v for k, v in report.signals_by_rule.items() if not k.startswith("classifier-")}
    assert behavioural == {
        "mention-spam-message": 1,
        "link-blocked-domain": 1,
        "link-shortener-new-account": 1,
        "shouting-caps": 1,
    }
    blocked = [e for e in engine.ledger("vet") if e.rule_id == "link-blocked-domain"]
    assert blocked[0].category == "malware" and blocked[0].severity == "critical"
    assert blocked[0].span_start is not None


def _policy_with(rule: Rule) -> object:
    p = history_policy()
    return msgspec.structs.replace(p, rules=[*p.rules, rule])


def test_shadow_rules_are_recorded_and_explained_but_cost_nothing(tmp_path: Path, clock: FakeClock) -> None:
    rule = Rule(id="trial-pineapple", category="off-scope", severity="low", keywords=["pineapple"], mode="shadow")
    engine = Engine(open_store(database(tmp_path, "s.db")), _policy_with(rule), clock=clock)  # type: ignore[arg-type]
    engine.ingest_lines(lines(message("p1", "u1", "Pineapple on pizza is great")))
    assert engine.ledger("u1") == []
    [hit] = engine.explain("u1").shadow_hits
    assert (hit.rule_id, hit.event_id, hit.why) == ("trial-pineapple", "p1", "rule in shadow mode")
    [status] = [r for r in engine.detection.rules() if r.rule_id == "trial-pineapple"]
    assert status.mode == "shadow" and status.shadow_hits == 1


def test_brake_stops_a_new_rule_that_fires_too_often(tmp_path: Path, clock: FakeClock) -> None:
    Engine(open_store(database(tmp_path, "b.db")), history_policy(), clock=clock).detection.rules()  # the baseline
    clock.advance(3600)
    rule = Rule(id="oops-the", category="spam", severity="low", keywords=["the"])  # a broken new rule
    engine = Engine(open_store(database(tmp_path, "b.db")), _policy_with(rule), clock=clock)  # type: ignore[arg-type]
    texts = ["the weather is nice", "see you tomorrow", "what is the plan", "ok", "on the way home"]
    feed = [message(f"w{i}", f"u{i % 50}", texts[i % 5], ts=T0 + i * 30) for i in range(300)]
    engine.ingest_lines(lines(*feed[:100]))
    before = sum(len(engine.ledger(f"u{i}")) for i in range(50))
    assert before > 0  # under min_messages (200) the rule still bites
    engine.ingest_lines(lines(*feed[100:]))
    [status] = [r for r in engine.detection.rules() if r.rule_id == "oops-the"]
    assert status.brake is not None and "stopped costing points" in status.brake.reason
    after = sum(len(engine.ledger(f"u{i}")) for i in range(50))
    assert after - before <= 60  # from the batch where it engaged on, hits are shadow hits
    assert status.shadow_hits > 0
    # the brake is remembered by a new engine on the same database
    again = Engine(open_store(database(tmp_path, "b.db")), _policy_with(rule), clock=clock)  # type: ignore[arg-type]
    assert next(r.brake for r in again.detection.rules() if r.rule_id == "oops-the") is not None


def test_the_first_policy_is_the_baseline_and_not_on_trial(tmp_path: Path, clock: FakeClock) -> None:
    rule = Rule(id="common-the", category="spam", severity="low", keywords=["the"])
    engine = Engine(open_store(database(tmp_path, "n.db")), _policy_with(rule), clock=clock)  # type: ignore[arg-type]
    assert not any(r.recent for r in engine.detection.rules())
    engine.ingest_lines(lines(*[message(f"w{i}", f"u{i}", "the end", ts=T0 + i) for i in range(250)]))
    assert all(r.brake is None for r in engine.detection.rules())


def test_an_old_rule_is_never_braked(tmp_path: Path, clock: FakeClock) -> None:
    rule = Rule(id="old-the", category="spam", severity="low", keywords=["the"])
    db = database(tmp_path, "o.db")
    Engine(open_store(db), _policy_with(rule), clock=clock).detection.rules()  # first seen now
    clock.advance(48 * 3600)
    engine = Engine(open_store(db), _policy_with(rule), clock=clock)  # type: ignore[arg-type]
    feed = [message(f"w{i}", f"u{i}", "the end", ts=clock.now + i) for i in range(250)]
    engine.ingest_lines(lines(*feed))
    assert all(r.brake is None for r in engine.detection.rules())


def test_rules_scoped_to_groups_and_languages(tmp_path: Path, clock: FakeClock) -> None:
    rule = Rule(
        id="nl-only", category="off-scope", severity="low", keywords=["spoiler"], groups=["g-books"], languages=["nl"]
    )
    engine = Engine(open_store(database(tmp_path, "l.db")), _policy_with(rule), clock=clock)  # type: ignore[arg-type]
    report = engine.ingest_lines(
        lines(
            message("a", "u1", "spoiler alert", group="g-books", lang="nl"),
            message("b", "u2", "spoiler alert", group="g-books", lang="en"),
            message("c", "u3", "spoiler alert", group="g-films", lang="nl"),
            event("member_joined", "j", user="u4", group="g-books"),
        )
    )
    assert report.signals_by_rule.get("nl-only") == 1 and engine.ledger("u1")


def test_emoji_flooding_is_counted_per_user(engine: Engine) -> None:
    from chatcredit.detectors.shouting import emoji_count

    assert emoji_count("🎉" * 31 + " party ✨") == 32 and emoji_count("plain text") == 0
    burst = [message(f"e{i}", "confetti", "🎉" * 40 + " yay everyone look at this", ts=T0 + i) for i in range(3)]
    report = engine.ingest_lines(lines(*burst))
    assert report.signals_by_rule.get("shouting-emoji") == 1


def test_the_raid_detector_forgets_quiet_groups() -> None:
    """Per-group state is bounded: groups with no join inside the window are dropped."""
    from chatcredit.detectors import Context
    from chatcredit.detectors.raid import SWEEP_EVERY, RaidDetector
    from chatcredit.domain.events import parse_event

    detector = RaidDetector(default_policy())
    joins = []
    for i in range(SWEEP_EVERY + 5):
        ts = T0 + i * 3600.0
        joins.append((ts, parse_event(json.dumps(event("member_joined", f"j{i}", ts=ts, user=f"n{i}", group=f"g{i}")))))
    detector.scan(joins, Context())
    assert len(detector._joins) < 10


def test_link_domains_come_from_the_public_suffix_list() -> None:
    from chatcredit.detectors.links import domains_of

    assert [d for d, _ in domains_of("free skins at steam-gift.lol now", frozenset({"steam-gift.lol"}))] == [
        "steam-gift.lol"
    ]
    assert [d for d, _ in domains_of("see https://promo.example.lol/x")] == ["promo.example.lol"]
    assert [d for d, _ in domains_of("visit shop.example.co.uk today")] == ["shop.example.co.uk"]
    assert domains_of("run setup.py, then node.js, e.g. this") == []


def test_a_blocked_domain_on_any_public_suffix_is_penalised(tmp_path: Path, clock: FakeClock) -> None:
    policy = history_policy()
    policy = msgspec.structs.replace(
        policy, links=msgspec.structs.replace(policy.links, block_domains=["steam-gift.lol"])
    )
    engine = Engine(open_store(database(tmp_path, "l.db")), policy, clock=clock)
    report = engine.ingest_lines(lines(message("s1", "u1", "free skins: steam-gift.lol")))
    assert report.penalties == 1 and engine.ledger("u1")[0].rule_id == "link-blocked-domain"


def test_a_burst_delivered_out_of_order_costs_once_and_rescan_adds_nothing(tmp_path: Path, clock: FakeClock) -> None:
    engine = Engine(open_store(database(tmp_path, "o.db")), history_policy(), clock=clock)
    burst = [message(f"b{i}", "u1", f"hi {i}", ts=T0 + i * 0.4) for i in range(11)]  # 11 within 5 s
    report = engine.ingest_lines(lines(burst[-1], *burst[:-1]))  # the last one delivered first
    assert report.penalties == 1
    assert engine.rescan().penalties == 0  # one burst, one penalty, whatever the order


def test_a_burst_split_by_a_restart_is_still_one_burst(tmp_path: Path, clock: FakeClock) -> None:
    """What happens after a crash: the first 6 of 11 were ingested, then the whole file
    again by a new process. The burst costs exactly once, and a rescan adds nothing."""
    burst = [message(f"b{i}", "u1", f"hi {i}", ts=T0 + i * 0.4) for i in range(11)]
    first = Engine(open_store(database(tmp_path, "r.db")), history_policy(), clock=clock)
    assert first.ingest_lines(lines(*burst[:6])).penalties == 0
    first.close()
    again = Engine(open_store(database(tmp_path, "r.db")), history_policy(), clock=clock)  # a new process
    report = again.ingest_lines(lines(*burst))
    assert (report.duplicates, report.penalties) == (6, 1)
    assert again.rescan().penalties == 0
    assert [e.category for e in again.ledger("u1")] == ["flooding"]


USERS = ["f1", "f2", "m1", "s1", "c1"]
FLOOD_FEED = (
    [message(f"f1-{i}", "f1", f"hey {i}", ts=T0 + i * 0.3) for i in range(12)]  # a flood
    + [message(f"f2-{i}", "f2", f"yo {i}", ts=T0 + 100 + i * 0.45) for i in range(11)]  # another
    + [  # mention spam over a window
        message(f"m1-{i}", "m1", f"hi {i}", ts=T0 + 200 + i, mentions=[f"p{k}" for k in range(8)]) for i in range(5)
    ]
    + [message(f"s1-{i}", "s1", f"THIS IS ALL IN CAPITALS NUMBER {i} OK", ts=T0 + 300 + i) for i in range(4)]
    + [  # the same text in three groups (cross-posting)
        message(f"c1-{i}", "c1", "join my crypto channel for daily signals and profit", ts=T0 + 400 + i * 20, group=g)
        for i, g in enumerate(["g1", "g2", "g3"])
    ]
    + [event("member_joined", f"j{i}", ts=T0 + 500 + i, user=f"n{i}", group="gr") for i in range(26)]  # a raid
)


def _expected() -> list[tuple[str, str]]:
    with tempfile.TemporaryDirectory() as tmp:
        engine = Engine(open_store(database(Path(tmp), "e.db")), history_policy(), clock=FakeClock())
        engine.ingest_lines(lines(*FLOOD_FEED))  # in time order, one delivery
        found = _decisions(engine)
        engine.close()
    assert {rule for _, rule in found} >= {"mention-spam-window", "shouting-caps", "crosspost-groups", "raid"}
    return found


def _decisions(engine: Engine) -> list[tuple[str, str]]:
    """Penalties by user and rule, and the review items (the raid's joiners)."""
    penalties = [(e.user, e.rule_id) for u in USERS for e in engine.ledger(u)]
    return sorted(penalties + [(r.user, r.rule_id) for r in engine.review_queue()])


EXPECTED_FLOOD = _expected()
IN_TIME_ORDER = sorted(FLOOD_FEED, key=lambda e: str(e["ts"]))


@settings(max_examples=25, deadline=None)
@given(st.randoms(use_true_random=False), st.integers(0, len(FLOOD_FEED)))
def test_windowed_detectors_give_the_same_penalties_in_any_arrival_order(rnd: random.Random, crash: int) -> None:
    """Any permutation of a feed gives the same penalties (flood, mentions, shouting), also
    when a first process took only a part of it before a second took it all (a crash and
    a re-send); and a rescan of an unchanged policy adds none."""
    feed = FLOOD_FEED[:]
    rnd.shuffle(feed)
    with tempfile.TemporaryDirectory() as tmp:
        db = database(Path(tmp), "p.db")
        if crash:
            before = Engine(open_store(db), history_policy(), clock=FakeClock())
            before.ingest_lines(lines(*IN_TIME_ORDER[:crash]))  # the head of the file, then a crash
            before.close()
        engine = Engine(open_store(db), history_policy(), clock=FakeClock())  # a new process
        engine.ingest_lines(lines(*feed))
        got = _decisions(engine)
        assert engine.rescan().penalties == 0
        engine.close()
    assert got == EXPECTED_FLOOD


def test_self_promotion_is_spam_however_it_is_worded(engine: Engine) -> None:
    pitches = [
        "Check out my new music video, it would mean a lot!",
        "Hey guys I'm a young rapper, please give my songs a listen",
        "I make beats, check my soundcloud",
        "subscribe to my channel for daily gaming videos",
        # a video site's comment spam
        "Hey guys, take a look at my cover of this song!",
        "I'm a small youtuber. Follow me on twitter @beatmaker99",
        "subscribe to me and I'll sub back",
        "please help me reach 1,000 subscribers before christmas",
        "like this comment so everyone can see it",
        "Go check out my rapping video called Four Wheels please",
        "hey, check out my new website!!",
        "new cover of this song up on my channel :D",
        "if you like this song, you will love my cover. check it out",
        "Hey everyone, I just started a gaming channel, give it a look :)",
        "hey everyone i make beats, listen and tell me what you think https://soundcloud.com/user/beat",
        "just dropped a remix of this song, link in my bio",
        "I'm a small youtuber trying to make it, a sub would mean the world",
        # a shop's pitch
        "Selling hoodies and caps, message me for prices",
        "Limited offer! Get 50% off followers and likes, message @growfast_bot",
    ]
    everyday = [
        "check my answer above, it has the fstab line",
        "I follow my own advice here",
        "my channel of choice is #ubuntu",
        "watch my back while I reboot the server",
        "if you follow me on twitter you know I hate mondays",
        "can't even get a follow back lol",
        "like this comment if you agree",
        "we hit 1000 subscribers on the project newsletter today",
        "check out my code on github, the fix is in the second commit",
        "like my new profile pic?",
        "I created a channel for the release team, join if you like",
        "you will love my cat, she is so friendly",
        "we make music together every friday, come listen",
        "I started a podcast feed reader in python last year",
        "the link in the description is broken",
        "a sub would help the team in the second half",
        "I'm a new artist here, hi everyone",
        "how do you get more followers on a new account?",
        "I'm selling my old bike if anyone in the city wants it",
    ]
    feed = [message(f"p{n}", f"u{n}", text, ts=T0 + n) for n, text in enumerate(pitches + everyday)]
    report = engine.ingest_lines(lines(*feed))
    assert report.signals_by_rule["spam-self-promotion"] == len(pitches)
    flagged = {e.user for n in range(len(feed)) for e in engine.ledger(f"u{n}") if e.rule_id == "spam-self-promotion"}
    assert flagged == {f"u{n}" for n in range(len(pitches))}


def test_a_slur_rule_does_not_fire_on_the_set_phrases_its_words_mean_no_one_in(
    tmp_path: Path, clock: FakeClock
) -> None:
    """The default policy's slur rule is enforced at a high severity: "the chink in his
    armour" and "spic and span" cost a point-heavy penalty until its ``unless`` phrases were
    read (found by hc41, bench/probes). The rule is matched again with them blanked out, so
    the slur beside such a phrase still fires."""
    from chatcredit.errors import PolicyError
    from chatcredit.policy.load import default_policy_text, parse_policy

    engine = Engine(open_store(database(tmp_path, "u.db")), default_policy(), clock=clock)
    engine.ingest_lines(
        lines(
            message("h1", "u1", "the chink in his armour is his backhand"),
            message("h2", "u1", "the spic and span commercial was on again"),
            message("h3", "u1", "faggots and peas for tea tonight"),
            message("h4", "u2", "spic and span, you dirty spic"),
        )
    )
    assert [e for e in engine.ledger("u1") if e.category == "hate"] == []
    assert [e.category for e in engine.ledger("u2")].count("hate") == 1
    broken = default_policy_text().replace("'\\bspic (?:and|n|&) span\\b'", "'(?<=a)spic'")
    with pytest.raises(PolicyError, match=r"unless\[0\].*linear time"):
        parse_policy(broken)
