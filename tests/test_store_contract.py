"""One contract, every backend: the same tests run against the memory store, SQLite and
PostgreSQL (the last where ``CHATCREDIT_TEST_POSTGRES`` names a test server)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import msgspec
import pytest

from chatcredit.domain.effects import MembershipChange
from chatcredit.domain.ledger import LedgerEntry, entry_id
from chatcredit.domain.records import EventRow, QuarantineRow
from chatcredit.domain.standing import fold
from chatcredit.dueprocess.notices import build_notice
from chatcredit.dueprocess.review import ReviewItem
from chatcredit.errors import ConflictError
from chatcredit.policy import default_policy
from chatcredit.store import MemoryStore, SqliteStore, Store, open_store
from databases import database, on_postgres

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


class Contract:
    """What every backend must do. A subclass per backend supplies ``store_factory``,
    which opens a store (the same database each time, where the backend has one)."""

    def test_events_are_archived_and_known(self, store_factory: Factory) -> None:
        store = store_factory()
        rows = [EventRow(f"m{i}", "message", float(i), "u1", "g1", b"{}") for i in range(3)]
        with store.transaction():
            store.events.add(rows)
        assert store.events.payloads(["m0", "m2", "zz"]) == {"m0": b"{}", "m2": b"{}"}
        assert store.events.count() == 3
        assert store.events.message_times("u1", 0.0, 2.0) == [1.0, 2.0]
        assert [r.id for r in store.events.iterate(["message"], since=1.0)] == ["m1", "m2"]

    def test_transaction_rolls_back_everything(self, store_factory: Factory) -> None:
        store = store_factory()
        with pytest.raises(RuntimeError), store.transaction():
            store.events.add([EventRow("m1", "message", 1.0, "u1", "g1", b"{}")])
            store.ledger.append([_entry("u1", 1)])
            raise RuntimeError("boom")
        assert store.events.count() == 0
        assert store.ledger.of_users(["u1"]) == {}

    def test_ledger_append_conflicts_fail_loudly(self, store_factory: Factory) -> None:
        store = store_factory()
        store.ledger.append([_entry("u1", 1, "k1")])
        with pytest.raises(ConflictError):
            store.ledger.append([_entry("u1", 1, "k2")])  # same (user, seq)
        other = _entry("u1", 2, "k1")
        with pytest.raises(ConflictError):
            store.ledger.append([other])  # same evidence key
        store.ledger.append([_entry("u1", 2, "k2"), _entry("u2", 1, None)])
        assert [e.seq for e in store.ledger.of_users(["u1"])["u1"]] == [1, 2]
        stored = store.ledger.get(entry_id("u2", 1))
        assert stored is not None and msgspec.structs.replace(stored, pos=0) == _entry("u2", 1, None)
        assert store.ledger.decided_keys(["k1", "k2", "k3"]) == {"k1", "k2"}

    def test_quarantine_keeps_line_and_reason(self, store_factory: Factory) -> None:
        store = store_factory()
        store.quarantine.add(
            [
                QuarantineRow("f.jsonl", 3, "{bad", None, "malformed JSON", 1.0),
                QuarantineRow("f.jsonl", 9, "{}", "type", "missing", 1.0),
            ]
        )
        assert [(q.line, q.field) for q in store.quarantine.list()] == [(3, None), (9, "type")]
        assert [q.line for q in store.quarantine.list(limit=1, offset=1)] == [9]
        store.quarantine.add([QuarantineRow("f.jsonl", 3, "{bad", None, "malformed JSON", 2.0, "d3")])
        store.quarantine.add([QuarantineRow("f.jsonl", 3, "{bad", None, "malformed JSON", 3.0, "d3")])
        assert len(store.quarantine.list()) == 3  # the same record from the same place, once

    def test_active_days_and_scored_users(self, store_factory: Factory) -> None:
        store = store_factory()
        store.activity.add([("u1", 1), ("u1", 2), ("u1", 2), ("u3", 5)])
        store.ledger.append([_entry("u2", 1)])
        assert store.activity.days(["u1", "u2"]) == {"u1": {1, 2}}
        assert store.ledger.scored_users() == ["u1", "u2", "u3"]

    def test_notices_and_reviews_round_trip(self, store_factory: Factory) -> None:
        store = store_factory()
        entry = _entry("u1", 1, "k")
        before = fold("u1", [], (), POLICY, 100.0)
        after = fold("u1", [entry], (), POLICY, 100.0)
        notice = build_notice(entry, before, after, POLICY)
        store.notices.add([notice])
        assert store.notices.of_user("u1") == [notice]
        item = ReviewItem("r1", "u1", "rep1", 5.0, "reports", "user-report", "spam", "user-report", 0.0, "", "u9")
        store.reviews.add([item, item])
        assert store.reviews.list() == [item]

    def test_memberships_roles_and_identity(self, store_factory: Factory) -> None:
        store = store_factory()
        store.groups.apply(
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
        assert store.groups.size("g1") == 2
        counts = store.groups.usage("a")
        assert (counts.groups_owned, counts.groups_joined, counts.identity_level) == (1, 2, "none")
        store.groups.set_identity("a", "phone")
        assert store.groups.usage("a").identity_level == "phone"
        assert store.groups.usage("owner").groups_owned == 1

    def test_api_keys_are_stored_hashed_and_revocable(self, store_factory: Factory) -> None:
        from chatcredit.domain.keys import matches, new_key, split_token

        store = store_factory()
        record, token = new_key("bot", ("ingest", "read"), 10.0)
        store.keys.add(record)
        key_id, secret = split_token(token)  # type: ignore[misc]
        got = store.keys.get(key_id)
        assert got == record and matches(got, secret) and secret not in got.secret_hash
        assert store.keys.list() == [record]
        assert store.keys.revoke(key_id, 20.0) and not store.keys.revoke(key_id, 30.0)
        assert store.keys.get(key_id).revoked == 20.0  # type: ignore[union-attr]
        assert store.keys.get("nope") is None

    def test_ledger_positions_are_global_and_increasing(self, store_factory: Factory) -> None:
        store = store_factory()
        with store.transaction():
            first = store.ledger.append([_entry("u1", 1), _entry("u2", 1)])
        with store.transaction():
            second = store.ledger.append([_entry("u1", 2)])
        positions = [e.pos for e in (*first, *second)]
        assert positions == sorted(positions) and len(set(positions)) == 3 and positions[0] >= 1
        assert [e.pos for e in store.ledger.of_users(["u1"])["u1"]] == [positions[0], positions[2]]

    def test_the_journal_names_who_changed_since_a_position(self, store_factory: Factory) -> None:
        store = store_factory()
        start = store.journal.head()
        with store.transaction():
            one = store.journal.append(["u2", "u1"], 1.0)
        with store.transaction():
            two = store.journal.append(["u3"], 2.0)
        assert start < one < two == store.journal.head()
        assert store.journal.since(start) == (two, {"u1", "u2", "u3"}, False)
        assert store.journal.since(one) == (two, {"u3"}, False)
        assert store.journal.since(start, limit=1) == (one, {"u1", "u2"}, True)
        assert store.journal.since(two) == (two, set(), False)

    def test_a_reader_sees_what_the_writer_committed(self, store_factory: Factory) -> None:
        store = store_factory()
        reads = store.reader()
        with store.transaction():
            store.ledger.append([_entry("u1", 1)])
        assert [e.seq for e in reads.ledger.of_users(["u1"])["u1"]] == [1]

    def test_first_seen_keeps_the_earliest_time(self, store_factory: Factory) -> None:
        store = store_factory()
        for pairs in ([("u1", 50.0)], [("u1", 70.0), ("u2", 5.0)], [("u1", 40.0)]):
            with store.transaction():
                store.detection.add_users(pairs)
        assert store.detection.first_seen(["u1", "u2", "u3"]) == {"u1": 40.0, "u2": 5.0}

    def test_governance_records_are_found_by_kind_subject_group_and_status(self, store_factory: Factory) -> None:
        from chatcredit.governance.records import RoleSpan, Sanction

        store = store_factory()
        owner = RoleSpan("g1", "u1", "owner", 10.0)
        warn = Sanction("s1", "group-warning", "g1", "g1", 20.0, 30.0, "left standing", "v1")
        with store.transaction():
            store.governance.put([owner, RoleSpan("g2", "u2", "admin", 5.0), warn])
        with store.transaction():
            store.governance.put([msgspec.structs.replace(owner, until=50.0)])  # replaced, not added
        g = store.governance
        assert g.find("role", group="g1") == [msgspec.structs.replace(owner, until=50.0)]
        assert g.find("role", status=("open",)) == [RoleSpan("g2", "u2", "admin", 5.0)]
        assert g.find("role", subject="u2", since=6.0) == []
        assert g.get("sanction", "s1") == warn and g.get("sanction", "nope") is None
        assert g.find("sanction", subject="g1", status=("active", "proposed")) == [warn]
        assert g.find("role", limit=1) == [RoleSpan("g2", "u2", "admin", 5.0)]  # the earliest, and only it


class TestMemoryStore(Contract):
    @pytest.fixture
    def store_factory(self) -> Factory:
        return MemoryStore


class TestSqliteStore(Contract):
    @pytest.fixture
    def store_factory(self, tmp_path: Path) -> Factory:
        return lambda: SqliteStore(tmp_path / "contract.db")


@pytest.mark.skipif(not on_postgres(), reason="no PostgreSQL test server (make test-postgres starts one)")
class TestPostgresStore(Contract):
    @pytest.fixture
    def store_factory(self, tmp_path: Path) -> Factory:
        url = database(tmp_path, "contract")
        return lambda: open_store(url)


def test_the_ledger_entry_is_described_once(tmp_path: Path) -> None:
    """The struct is the one description: the SQLite columns (from the migrations), the
    JSON view and the OpenAPI schema all follow its fields."""
    import sqlite3

    from chatcredit.api.schemas import COMPONENTS
    from chatcredit.store.codec import LEDGER_COLUMNS
    from chatcredit.store.sqlite import SqliteStore
    from chatcredit.views import entry_view

    SqliteStore(tmp_path / "shape.db").close()
    with sqlite3.connect(tmp_path / "shape.db") as db:
        columns = [row[1] for row in db.execute("PRAGMA table_info(ledger)")]
    assert sorted(columns) == sorted(LEDGER_COLUMNS)
    fields = list(LedgerEntry.__struct_fields__)
    view = entry_view(_entry("u1", 1, "k"))
    assert list(view) == [*fields, "span"]
    assert list(COMPONENTS["Entry"]["properties"]) == list(view)


def test_notices_and_review_items_are_described_once() -> None:
    """The JSON view and the OpenAPI schema of a notice and a review item follow the struct."""
    from chatcredit.api.schemas import COMPONENTS
    from chatcredit.dueprocess.notices import Notice
    from chatcredit.views import notice_view, review_view

    entry = _entry("u1", 1, "k")
    notice = build_notice(entry, fold("u1", [], (), POLICY, 100.0), fold("u1", [entry], (), POLICY, 100.0), POLICY)
    assert list(notice_view(notice)) == list(Notice.__struct_fields__) == list(COMPONENTS["Notice"]["properties"])
    assert notice_view(notice)["ts"].endswith("Z") and notice_view(notice)["appeal_until"].endswith("Z")
    item = ReviewItem("r1", "u1", "rep1", 5.0, "reports", "user-report", "spam", "user-report", 0.0, "", "u9")
    assert list(review_view(item)) == list(ReviewItem.__struct_fields__) == list(COMPONENTS["Review"]["properties"])
