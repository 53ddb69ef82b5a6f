"""Group governance: admins answer for what they leave standing, identity levels for
those who run groups, the blacklist and the lists shared with others."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import msgspec
import pytest

from chatcredit import Engine
from chatcredit.domain.permits import ACTIONS
from chatcredit.domain.timestamps import parse_when
from chatcredit.governance import formats
from chatcredit.governance.records import Listing
from chatcredit.store import open_store
from chatcredit.testing import FakeClock, history_policy, lines
from databases import database

SCENARIO = Path(__file__).parent / "fixtures" / "governance" / "ignored-spam.jsonl"
CLI = str(Path(sys.executable).parent / "chatcredit")
AFTER = parse_when("2026-03-02T23:00:00Z", 0)


def at(text: str) -> float:
    return parse_when(text, 0)


@pytest.fixture
def world(tmp_path: Path) -> tuple[str, Engine]:
    """The scenario ingested by the CLI, then opened as a moderator's engine."""
    db = database(tmp_path, "gov.db")
    done = subprocess.run([CLI, "--db", db, "ingest", str(SCENARIO), "--json"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout)["accepted"] == len(SCENARIO.read_text().splitlines())
    engine = Engine(open_store(db), history_policy(), clock=FakeClock(AFTER))
    yield db, engine
    engine.close()


def test_an_owner_who_ignores_spam_is_warned_suspended_and_loses_admin_rights(world: tuple[str, Engine]) -> None:
    _, engine = world
    lax = engine.oversight.group("g-lax")
    kinds = [s.kind for s in sorted(lax.sanctions, key=lambda s: s.start)]
    assert kinds == ["group-warning", "posting-suspended", "closure-proposed"]  # graduated, in time order
    warning, suspension, closure = sorted(lax.sanctions, key=lambda s: s.start)
    assert warning.start < suspension.start < closure.start and suspension.end is not None
    assert closure.status == "proposed" and any(r.rule_id == "group-closure" for r in engine.review_queue())
    assert lax.status == "closure-proposed" and lax.health < 50 and len(lax.unmoderated) == 6
    assert {*lax.unmoderated[0].accountable} == {"owner-lax", "admin-lax"}
    # posting in the group is denied while the suspension runs, with the measure and its end
    during = engine.permit("regular", "send_message", "g-lax", at=suspension.start + 60)
    assert not during.allowed and during.reasons == ("group-posting-suspended",) and during.until == suspension.end
    assert engine.permit("regular", "send_message", "g-lax", at=suspension.end + 60).allowed
    # the owner: negligent-moderation penalties, then admin rights and group creation taken, for a period
    owner = [e for e in engine.ledger("owner-lax") if e.reason_code == "negligent-moderation"]
    assert len(owner) == 3 and all(e.group == "g-lax" for e in owner)
    measures = {s.kind: s for s in engine.oversight.sanctions("owner-lax")}
    assert set(measures) == {"manage-suspended", "create-barred"}
    for action, kind, code in (
        ("manage_group", "manage-suspended", "admin-rights-suspended"),
        ("create_group", "create-barred", "group-creation-barred"),
    ):
        denied = engine.permit("owner-lax", action, "g-lax")
        assert denied.reasons == (code,) and denied.measure == measures[kind].id and denied.until == measures[kind].end
    assert measures["create-barred"].end > measures["manage-suspended"].end  # each its own period
    notices = {n.kind for n in engine.notices("owner-lax")}
    assert {"group-warning", "posting-suspended", "closure-proposed", "manage-suspended", "penalty"} <= notices
    explained = engine.explain("owner-lax")
    assert {s.kind for s in explained.sanctions} == {"manage-suspended", "create-barred"}


def test_those_who_acted_or_came_later_are_not_held_to_account(world: tuple[str, Engine]) -> None:
    _, engine = world
    tidy = engine.oversight.group("g-tidy")
    assert tidy.sanctions == () and tidy.unmoderated == () and tidy.health == 100
    for person in ("mod-tidy", "owner-tidy", "admin-late"):
        assert engine.ledger(person) == [] and engine.oversight.sanctions(person) == []
        assert engine.notices(person) == []  # not even told: they answer for nothing
    assert engine.oversight.group("g-lax", AFTER + 7200).admins == ("admin-late", "admin-lax")


def test_group_commands_show_health_and_unmoderated_violations(world: tuple[str, Engine]) -> None:
    db, _ = world
    shown = subprocess.run(
        [CLI, "--db", db, "group", "g-lax", "--json", "--at", "2026-03-02T23:00:00Z"], capture_output=True, text=True
    )
    view = json.loads(shown.stdout)
    assert view["owner"] == "owner-lax" and view["status"] == "closure-proposed"
    assert len(view["unmoderated"]) == 6 and view["sanctions"][0]["end"].endswith("Z")
    listed = subprocess.run(
        [CLI, "--db", db, "groups", "--json", "--at", "2026-03-02T23:00:00Z"], capture_output=True, text=True
    )
    assert [g["group"] for g in json.loads(listed.stdout)] == ["g-lax", "g-tidy"]  # least healthy first


def _engine(tmp_path: Path, name: str, initial: int = 600, clock: float | None = None) -> Engine:
    policy = history_policy()
    policy = msgspec.structs.replace(policy, score=msgspec.structs.replace(policy.score, initial=initial))
    return Engine(open_store(database(tmp_path, name)), policy, clock=FakeClock(clock or AFTER))


def test_creating_a_large_group_needs_the_identity_level_the_policy_sets(tmp_path: Path) -> None:
    engine = _engine(tmp_path, "id.db")
    engine.ingest_lines(
        lines({"type": "message", "id": "m1", "ts": "2026-03-02T10:00:00Z", "user": "ada", "group": "g", "text": "hi"})
    )
    small = engine.permit("ada", "create_group")
    assert small.allowed
    large = engine.permit("ada", "create_group", size=300)
    assert not large.allowed and large.reasons == ("identity-verification-required",)
    assert large.needed_level == "phone" and large.how and "phone" in large.how
    engine.ingest_lines(
        lines(
            {
                "type": "identity_verified",
                "id": "iv1",
                "ts": "2026-03-02T11:00:00Z",
                "user": "ada",
                "level": "phone",
                "provider": "acme-kyc",
                "provider_ref": "k-1",
            }
        )
    )
    assert engine.permit("ada", "create_group", size=300).allowed
    assert engine.permit("ada", "grow_group", size=6000).reasons == ("group-size-limit-reached",)
    odd = engine.ingest_lines(
        lines(
            {"type": "identity_verified", "id": "iv2", "ts": "2026-03-02T11:00:00Z", "user": "ada", "level": "passport"}
        )
    )
    assert odd.quarantined == 1 and "unknown identity level" in odd.rejected[0].reason
    engine.close()


def test_limits_by_tier_answer_with_the_count_and_the_limit(tmp_path: Path) -> None:
    engine = _engine(tmp_path, "limits.db")
    events = [
        {"type": "group_created", "id": f"gc{i}", "ts": "2026-03-02T10:00:00Z", "user": "bo", "group": f"g{i}"}
        for i in range(5)
    ]
    engine.ingest_lines(lines(*events))
    answer = engine.permit("bo", "create_group")
    assert not answer.allowed and answer.reasons == ("group-ownership-limit-reached",)
    assert (answer.current, answer.limit) == (5, 5)
    engine.close()


def test_repeated_manifest_spam_is_proposed_confirmed_denies_everything_and_lift_restores(
    world: tuple[str, Engine],
) -> None:
    _, engine = world
    [proposed] = engine.oversight.listings_of("spammer")
    assert proposed.status == "proposed" and "after a first notice" in proposed.reason
    assert engine.permit("spammer", "join_group").allowed or engine.permit("spammer", "join_group").reasons != (
        "blacklisted",
        "spam",
    )
    engine.oversight.confirm(proposed.id, "mod-ana")
    for action in ACTIONS:
        denied = engine.permit("spammer", action, "g-tidy")
        assert not denied.allowed and denied.reasons[0] == "blacklisted" and denied.measure == proposed.id
    assert any(n.kind == "listing" for n in engine.notices("spammer"))
    engine.oversight.lift(proposed.id, "mod-ana", "appeal upheld")
    assert "blacklisted" not in engine.permit("spammer", "join_group").reasons


def test_a_public_account_posting_scams_loses_standing_and_its_operator_answers(tmp_path: Path) -> None:
    engine = _engine(tmp_path, "acct.db", initial=700)
    feed = [
        {
            "type": "account_registered",
            "id": "ar1",
            "ts": "2026-03-02T09:00:00Z",
            "user": "op-olga",
            "account": "chan-deals",
            "kind": "channel",
        },
        *[
            {
                "type": "message",
                "id": f"cm{i}",
                "ts": f"2026-03-02T1{i}:00:00Z",
                "user": "chan-deals",
                "group": "g-news",
                "text": f"Crypto giveaway! Free money, send btc to claim #{i}",
            }
            for i in range(3)
        ],
    ]
    engine.ingest_lines(lines(*feed))
    assert engine.standing("chan-deals").score < 700
    operated = [e for e in engine.ledger("op-olga") if e.reason_code == "operated-account-violation"]
    penalties = [e for e in engine.ledger("chan-deals") if e.kind == "penalty"]
    assert len(penalties) >= 3  # the scam rule on each message (and the spam head on some)
    assert len(operated) == len(penalties) and all("chan-deals" in e.note for e in operated)
    assert engine.standing("op-olga").score < 700
    assert engine.oversight.account("chan-deals") is not None
    fresh = [
        {
            "type": "account_registered",
            "id": "ar2",
            "ts": "2026-03-02T09:00:00Z",
            "user": "op-olga",
            "account": "chan-news",
            "kind": "channel",
        },
        {
            "type": "account_registered",
            "id": "ar3",
            "ts": "2026-03-02T09:00:00Z",
            "user": "op-paul",
            "account": "org-paper",
            "kind": "organization",
            "verified_organization": True,
        },
    ]
    engine.ingest_lines(lines(*fresh))
    reach = engine.permit("chan-news", "broadcast", audience=50_000)
    assert reach.reasons == ("organization-verification-required",) and (reach.current, reach.limit) == (50_000, 10_000)
    assert engine.permit("chan-news", "broadcast", audience=5_000).allowed
    assert engine.permit("org-paper", "broadcast", audience=50_000).allowed
    engine.close()


def _listing(subject: str, category: str = "spam", kind: str = "user") -> Listing:
    return Listing(f"x-{subject}", subject, kind, category, "seen spamming", "local", AFTER, None, "active")  # type: ignore[arg-type]


def test_shared_lists_round_trip_retract_dispute_and_yield_to_overrides(tmp_path: Path) -> None:
    source = _engine(tmp_path, "src.db")
    source.oversight.add_listing("spam-king", "spam", "bulk prize spam", "mod-ana")
    source.oversight.add_listing("scam-lord", "scam", "fake giveaways", "mod-ana")
    exported = source.oversight.export_list()
    target = _engine(tmp_path, "dst.db")
    first = target.oversight.import_list(exported, "acme", trusted=True)
    assert (first.added, first.broken) == (2, [])
    again = target.oversight.import_list(exported, "acme")
    assert again.added == again.changed == 0 and again.unchanged == 2  # idempotent
    got = {(x.subject, x.category, x.status) for x in target.oversight.listings()}
    assert got == {("spam-king", "spam", "active"), ("scam-lord", "scam", "active")}
    assert target.permit("spam-king", "join_group").reasons[0] == "blacklisted"
    # an update that retracts an entry lifts it
    doc = json.loads(exported)
    doc["entries"][0]["retracted"] = True
    doc["checkpoint"] += 1
    update = target.oversight.import_list(json.dumps(doc).encode(), "acme")
    assert update.retracted == 1
    assert "blacklisted" not in target.permit(doc["entries"][0]["subject"], "join_group").reasons
    # a second source that disagrees: disputed
    other = json.loads(exported)
    other["entries"] = [dict(other["entries"][1], opinion="false-positive")]
    disputed = target.oversight.import_list(json.dumps(other).encode(), "beta")
    assert disputed.disputed >= 1
    assert {x.status for x in target.oversight.listings_of("scam-lord")} == {"disputed"}
    # a local override wins over any import
    target.oversight.allow("spam-king", "a known partner", "mod-ana")
    doc["entries"][0]["retracted"] = False
    target.oversight.import_list(json.dumps(doc).encode(), "gamma", trusted=True)
    assert "blacklisted" not in target.permit("spam-king", "join_group").reasons
    # unreviewed banks wait for review
    review = _engine(tmp_path, "review.db")
    review.oversight.import_list(exported, "lightly-reviewed")
    assert {x.status for x in review.oversight.listings()} == {"proposed"}
    for e in (source, target, review):
        e.close()


def test_matrix_policy_lists_and_mastodon_csv_round_trip() -> None:
    listings = [_listing("@spam*:example.org", kind="user-glob"), _listing("@bot:evil.example", "scam")]
    matrix = formats.export_matrix(listings)
    parsed, broken = formats.parse(matrix, "matrix", "m")
    assert broken == []
    assert [(e.subject, e.subject_kind, e.category) for e in parsed.entries] == [
        ("@spam*:example.org", "user-glob", "spam"),
        ("@bot:evil.example", "user", "scam"),
    ]
    domains = [_listing("spam.example", kind="domain"), _listing("phish.example", "malware", kind="domain")]
    csv_bytes = formats.export_mastodon(domains)
    assert csv_bytes.startswith(b"#domain,#severity")
    back, broken = formats.parse(csv_bytes, "mastodon", "mastodon")
    assert broken == [] and [(e.subject, e.category, e.opinion) for e in back.entries] == [
        ("spam.example", "spam", "positive"),
        ("phish.example", "malware", "positive"),
    ]


def test_broken_entries_are_reported_with_position_and_the_rest_imported(tmp_path: Path) -> None:
    doc = {
        "format": "chatcredit.blacklist",
        "entries": [
            {"subject": "good-1", "category": "spam"},
            {"subject": "", "category": "spam"},
            {"subject": "bad-cat", "category": "politics"},
            {"subject": "good-2", "category": "scam", "opinion": "maybe"},
            {"subject": "good-3", "category": "scam", "extra": 1},
            {"subject": "good-4", "category": "harassment"},
        ],
    }
    engine = _engine(tmp_path, "broken.db")
    report = engine.oversight.import_list(json.dumps(doc).encode(), "feed")
    assert report.added == 2
    assert [b.position for b in report.broken] == [2, 3, 4, 5]
    assert "politics" in report.broken[1].reason and "opinion" in report.broken[2].reason
    csv_doc = b"#domain,#severity\nspam.example,suspend\nnot a domain,suspend\nok.example,obliterate\n"
    _, broken = formats.parse(csv_doc, "mastodon", "m")
    assert [(b.position, "domain" in b.reason or "severity" in b.reason) for b in broken] == [(3, True), (4, True)]
    engine.close()


@pytest.mark.slow
def test_governance_over_http(tmp_path: Path) -> None:
    from api_server import start_server

    server = start_server(tmp_path)
    try:
        mod = server.client("all")
        posted = mod.post("/v1/events", content=SCENARIO.read_bytes(), headers={"Content-Type": "application/x-ndjson"})
        assert posted.status_code == 200 and posted.json()["accepted"] == len(SCENARIO.read_text().splitlines())
        at = "2026-03-02T23:00:00Z"
        group = server.client("read").get("/v1/groups/g-lax", params={"at": at}).json()
        assert group["status"] == "closure-proposed" and len(group["unmoderated"]) == 6
        assert [g["group"] for g in mod.get("/v1/groups", params={"at": at}).json()] == ["g-lax", "g-tidy"]
        assert mod.get("/v1/groups/nope").status_code == 404
        sanctions = mod.get("/v1/users/owner-lax/sanctions").json()
        assert {s["kind"] for s in sanctions["sanctions"]} == {"manage-suspended", "create-barred"}
        [proposed] = mod.get("/v1/blacklist", params={"status": "proposed"}).json()
        assert server.client("read").post(f"/v1/blacklist/{proposed['id']}/confirm").status_code == 403
        confirmed = mod.post(f"/v1/blacklist/{proposed['id']}/confirm").json()
        assert confirmed["status"] == "active" and confirmed["by"] == "mod-api"
        assert mod.post(f"/v1/blacklist/{proposed['id']}/confirm").status_code == 409
        denied = mod.get("/v1/permit", params={"user": "spammer", "action": "join_group"}).json()
        assert denied["reasons"][0] == "blacklisted" and denied["measure"] == proposed["id"]
        lifted = mod.post(f"/v1/blacklist/{proposed['id']}/lift", json={"reason": "appeal upheld"}).json()
        assert lifted["status"] == "lifted"
        added = mod.post(
            "/v1/blacklist",
            json={"subject": "bad.example", "category": "malware", "reason": "phishing", "kind": "domain"},
        )
        assert added.status_code == 200 and added.json()["subject_kind"] == "domain"
        swept = mod.post("/v1/sweep")
        assert swept.status_code == 200 and set(swept.json()) == {"records", "penalties", "notices"}
    finally:
        server.stop()


def test_ownership_passes_and_an_accounts_violation_counts_once(tmp_path: Path) -> None:
    engine = _engine(tmp_path, "pass.db")
    engine.ingest_lines(
        lines(
            {"type": "group_created", "id": "gc", "ts": "2026-03-02T09:00:00Z", "user": "ann", "group": "g"},
            {
                "type": "role_granted",
                "id": "rg",
                "ts": "2026-03-02T09:01:00Z",
                "user": "ben",
                "group": "g",
                "role": "owner",
            },
            {
                "type": "account_registered",
                "id": "ar",
                "ts": "2026-03-02T09:02:00Z",
                "user": "op",
                "account": "bot-1",
                "kind": "bot",
            },
            {
                "type": "message",
                "id": "bm",
                "ts": "2026-03-02T10:00:00Z",
                "user": "bot-1",
                "group": "g",
                "text": "you have won a cash prize, call to claim",
            },
        )
    )
    engine.oversight.sweep(at("2026-03-02T12:00:00Z"))
    report = engine.oversight.group("g", at("2026-03-02T12:00:00Z"))
    assert report.owner == "ben" and report.violations == 1  # the operator's share is not a second violation
    [violation] = report.unmoderated
    assert violation.user == "bot-1" and violation.accountable == ("ben",)  # ann no longer owned it
    engine.close()


def test_a_matrix_glob_from_a_trusted_bank_denies_the_ids_it_matches(tmp_path: Path) -> None:
    engine = _engine(tmp_path, "glob.db")
    rules = [
        {
            "type": "m.policy.rule.user",
            "state_key": "rule:1",
            "content": {"entity": "@spam*:example.org", "recommendation": "m.ban", "reason": "spam: bulk invites"},
        },
        {"type": "m.room.member", "state_key": "@x:example.org", "content": {}},
    ]
    report = engine.oversight.import_list(json.dumps(rules).encode(), "matrix-coc", "matrix", trusted=True)
    assert report.added == 1 and [b.position for b in report.broken] == [2]
    assert engine.permit("@spambot:example.org", "join_group").reasons == ("blacklisted", "spam")
    assert engine.permit("@alice:example.org", "join_group").allowed
    engine.close()
