"""One contract, every backend: the same tests run against MemoryStore and SqliteStore."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from chatcredit.domain.ledger import LedgerEntry, entry_id
from chatcredit.domain.standing import fold
from chatcredit.dueprocess.notices import build_notice
from chatcredit.errors import ConflictError
from chatcredit.policy import default_policy
from chatcredit.policy.decide import ReviewItem
from chatcredit.store import EventRow, MembershipChange, QuarantineRow, Store

POLICY = default_policy()
Factory = Callable[[], Store]


def _entry(user: str, seq: int, key: str | None = None, ts: float = 100.0) -> LedgerEntry:
    return LedgerEntry(
        id=entry_id(user, seq),
        user=user,
        seq=seq,
        ts=ts,
        kind="penalty",
        points=-60,
        reason_code="spam-prize",
        category="spam",
        rule_id="spam-prize",
        severity="medium",
        half_life_days=60.0,
        evidence_event=f"m{seq}",
        evidence_key=key,
        excerpt="win",
        actor="rules",
        automated_detection=True,
        automated_decision=True,
        policy_version=POLICY.version,
        group="g1",
    )


def test_events_are_archived_and_known(store_factory: Factory) -> None:
    store = store_factory()
    rows = [EventRow(f"m{i}", "message", float(i), "u1", "g1", b"{}") for i in range(3)]
    with store.transaction():
        store.add_events(rows)
    assert store.known_event_ids(["m0", "m2", "zz"]) == {"m0", "m2"}
    assert store.count_events() == 3
    assert store.message_times("u1", 0.0, 2.0) == [1.0, 2.0]
    assert [r.id for r in store.iter_events(["message"], since=1.0)] == ["m1", "m2"]


def test_transaction_rolls_back_everything(store_factory: Factory) -> None:
    store = store_factory()
    with pytest.raises(RuntimeError), store.transaction():
        store.add_events([EventRow("m1", "message", 1.0, "u1", "g1", b"{}")])
        store.append_entries([_entry("u1", 1)])
        raise RuntimeError("boom")
    assert store.count_events() == 0
    assert store.entries(["u1"]) == {}


def test_ledger_append_conflicts_fail_loudly(store_factory: Factory) -> None:
    store = store_factory()
    store.append_entries([_entry("u1", 1, "k1")])
    with pytest.raises(ConflictError):
        store.append_entries([_entry("u1", 1, "k2")])  # same (user, seq)
    other = _entry("u1", 2, "k1")
    with pytest.raises(ConflictError):
        store.append_entries([other])  # same evidence key
    store.append_entries([_entry("u1", 2, "k2"), _entry("u2", 1, None)])
    assert [e.seq for e in store.entries(["u1"])["u1"]] == [1, 2]
    assert store.entry(entry_id("u2", 1)) == _entry("u2", 1, None)
    assert store.decided_keys(["k1", "k2", "k3"]) == {"k1", "k2"}


def test_quarantine_keeps_line_and_reason(store_factory: Factory) -> None:
    store = store_factory()
    store.add_rejects(
        [
            QuarantineRow("f.jsonl", 3, "{bad", None, "malformed JSON", 1.0),
            QuarantineRow("f.jsonl", 9, "{}", "type", "missing", 1.0),
        ]
    )
    assert [(q.line, q.field) for q in store.quarantine()] == [(3, None), (9, "type")]
    assert [q.line for q in store.quarantine(limit=1, offset=1)] == [9]


def test_active_days_and_scored_users(store_factory: Factory) -> None:
    store = store_factory()
    store.add_active_days([("u1", 1), ("u1", 2), ("u1", 2), ("u3", 5)])
    store.append_entries([_entry("u2", 1)])
    assert store.active_days(["u1", "u2"]) == {"u1": {1, 2}}
    assert store.scored_users() == ["u1", "u2", "u3"]


def test_notices_reviews_and_standings_round_trip(store_factory: Factory) -> None:
    store = store_factory()
    entry = _entry("u1", 1, "k")
    before = fold("u1", [], (), POLICY, 100.0)
    after = fold("u1", [entry], (), POLICY, 100.0)
    notice = build_notice(entry, before, after, POLICY)
    store.add_notices([notice])
    assert store.notices("u1") == [notice]
    item = ReviewItem("r1", "u1", "rep1", 5.0, "reports", "user-report", "spam", "user-report", 0.0, "", "u9")
    store.add_review_items([item, item])
    assert store.review_items() == [item]
    store.put_standings([after])
    got = store.standing("u1")
    assert got is not None and (got.score, got.tier, got.reasons) == (after.score, after.tier, after.reasons)
    assert got.next_tier_at == after.next_tier_at
    store.clear_standings()
    assert store.all_standings() == []


def test_memberships_roles_and_identity(store_factory: Factory) -> None:
    store = store_factory()
    store.apply_memberships(
        [
            MembershipChange("create", "g1", "owner", "owner", 1.0),
            MembershipChange("join", "g1", "a", "member", 2.0),
            MembershipChange("join", "g1", "a", "member", 2.5),
            MembershipChange("join", "g2", "a", "member", 3.0),
            MembershipChange("join", "g1", "b", "member", 3.0),
            MembershipChange("leave", "g1", "b", "member", 4.0),
            MembershipChange("grant", "g1", "a", "admin", 5.0),
            MembershipChange("revoke", "g1", "a", "admin", 6.0),
            MembershipChange("grant", "g2", "a", "owner", 7.0),
        ]
    )
    assert store.group_size("g1") == 2
    counts = store.usage_counts("a")
    assert (counts.groups_owned, counts.groups_joined, counts.identity_level) == (1, 2, "none")
    store.set_identity("a", "phone")
    assert store.usage_counts("a").identity_level == "phone"
    assert store.usage_counts("owner").groups_owned == 1


def test_api_keys_are_stored_hashed_and_revocable(store_factory: Factory) -> None:
    from chatcredit.domain.keys import matches, new_key, split_token

    store = store_factory()
    record, token = new_key("bot", ("ingest", "read"), 10.0)
    store.add_key(record)
    key_id, secret = split_token(token)  # type: ignore[misc]
    got = store.key(key_id)
    assert got == record and matches(got, secret) and secret not in got.secret_hash
    assert store.list_keys() == [record]
    assert store.revoke_key(key_id, 20.0) and not store.revoke_key(key_id, 30.0)
    assert store.key(key_id).revoked == 20.0  # type: ignore[union-attr]
    assert store.key("nope") is None
