"""Context in detection: a burst of jabs at one person, each below the review band alone,
goes to review together (``classifier.burst``); nothing else does."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from chatcredit import Engine, default_policy
from chatcredit.errors import PolicyError
from chatcredit.ml.classifier import TextClassifier
from chatcredit.policy import parse_policy
from chatcredit.policy.load import default_policy_text
from chatcredit.store import open_store
from chatcredit.testing import T0, FakeClock, history_policy, lines, message
from databases import database

RULE = "classifier-harassment-burst"
CANDIDATES = [
    "you are clueless",
    "you are a waste of space",
    "honestly you are clueless",
    "such a waste of space you are",
    "you are a waste of oxygen",
    "you are a joke",
    "you are totally clueless",
    "still clueless, you are",
    "you clown",
    "you have no clue",
    "what a clown you are",
    "you are so annoying",
]


@pytest.fixture(scope="module")
def jabs() -> list[str]:
    """Three messages that lean to harassment without reaching review, by the shipped
    model (chosen from the candidates, so a retrained model need not break the test)."""
    burst = default_policy().classifier.burst
    review_at = default_policy().classifier.review_at
    p = TextClassifier.load().predict(CANDIDATES)["harassment"]
    leaning = [text for text, q in zip(CANDIDATES, p, strict=True) if burst.leaning_at <= q < review_at]
    assert len(leaning) >= 3, dict(zip(CANDIDATES, p.round(3).tolist(), strict=True))
    return leaning[:3]


def _engine(tmp_path: Path, name: str = "b.db") -> Engine:
    return Engine(open_store(database(tmp_path, name)), history_policy(), clock=FakeClock())


def _jab(n: int, text: str, ts: float, target: str = "victim", user: str = "bully") -> dict[str, Any]:
    return message(f"j{n}-{target}-{user}", user, text, ts=ts, mentions=[target])


def test_three_jabs_at_one_person_go_to_review_together(tmp_path: Path, jabs: list[str]) -> None:
    engine = _engine(tmp_path)
    report = engine.ingest_lines(lines(*(_jab(n, text, T0 + 120 * n) for n, text in enumerate(jabs))))
    assert report.signals_by_rule.get(RULE) == 1
    [item] = [r for r in engine.review_queue() if r.rule_id == RULE]
    assert item.user == "bully" and item.category == "harassment"
    assert "3 messages leaning to harassment at victim" in item.excerpt
    assert all(jab in item.excerpt for jab in jabs)  # every message of the burst is quoted
    assert engine.ledger("bully") == []  # review only: a burst never costs points by itself
    assert engine.rescan().penalties == 0


@pytest.mark.parametrize(
    "spread",
    [
        "two",  # two jabs are not a burst
        "slow",  # three, but not within the window
        "targets",  # three, each at someone else
        "authors",  # three, each by someone else
    ],
)
def test_what_is_not_a_burst(tmp_path: Path, jabs: list[str], spread: str) -> None:
    window = default_policy().classifier.burst.window_seconds
    events = {
        "two": [_jab(n, text, T0 + 60 * n) for n, text in enumerate(jabs[:2])],
        "slow": [_jab(n, text, T0 + (window / 2 + 1) * n) for n, text in enumerate(jabs)],
        "targets": [_jab(n, text, T0 + 60 * n, target=f"t{n}") for n, text in enumerate(jabs)],
        "authors": [_jab(n, text, T0 + 60 * n, user=f"u{n}") for n, text in enumerate(jabs)],
    }[spread]
    engine = _engine(tmp_path)
    assert RULE not in engine.ingest_lines(lines(*events)).signals_by_rule


def test_a_burst_split_by_a_restart_is_still_found_once(tmp_path: Path, jabs: list[str]) -> None:
    events = [_jab(n, text, T0 + 120 * n) for n, text in enumerate(jabs)]
    first = _engine(tmp_path, "r.db")
    assert RULE not in first.ingest_lines(lines(*events[:2])).signals_by_rule
    first.close()
    again = _engine(tmp_path, "r.db")  # a new process: the window is replayed from the archive
    assert again.ingest_lines(lines(*events)).signals_by_rule.get(RULE) == 1
    [item] = [r for r in again.review_queue() if r.rule_id == RULE]
    assert all(jab in item.excerpt for jab in jabs)  # the replayed messages are quoted too


def test_a_window_log_quotes_what_is_still_in_its_window() -> None:
    from chatcredit.domain.windows import WindowLog

    log = WindowLog(60)
    assert log.add("k", 0, note="a") == 1
    assert log.add("k", 30, note="b") == 2
    assert log.add("k", 90, note="c") == 2  # "a" left the window
    assert log.notes("k") == ["b", "c"]
    assert log.notes("other") == []
    log._sweep(1000)  # idle keys are dropped with their notes
    assert log.notes("k") == []


def test_the_burst_can_be_switched_off(tmp_path: Path, jabs: list[str]) -> None:
    on = 'enabled = true\nheads = ["harassment"]'
    assert on in default_policy_text()
    policy = parse_policy(default_policy_text().replace(on, on.replace("true", "false")))
    assert not policy.classifier.burst.enabled
    engine = Engine(open_store(database(tmp_path, "off.db")), history_policy(policy), clock=FakeClock())
    events = [_jab(n, text, T0 + 120 * n) for n, text in enumerate(jabs)]
    assert RULE not in engine.ingest_lines(lines(*events)).signals_by_rule


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        ('heads = ["harassment"]', 'heads = ["abuse"]', "classifier.burst.heads[0]"),
        ("leaning_at = 0.25", "leaning_at = 0.6", "classifier.burst.leaning_at"),
    ],
)
def test_a_burst_policy_that_cannot_work_is_refused(old: str, new: str, key: str) -> None:
    text = default_policy_text()
    assert old in text
    with pytest.raises(PolicyError) as info:
        parse_policy(text.replace(old, new, 1))
    assert info.value.key == key
