"""The dashboard's pieces that need no browser: the overview's tier counts equal the
standings folded one by one, and the charts it draws."""

from __future__ import annotations

from collections import Counter

from chatcredit import Engine
from chatcredit.dueprocess.charts import column_chart, line_chart
from chatcredit.testing import DAY, T0, FakeClock, lines, message
from chatcredit.web.queues import tier_counts

SPAM = "you have won a guaranteed prize, call now"


def test_tier_counts_equal_the_standings_of_everyone(engine: Engine, clock: FakeClock) -> None:
    feed = [message(f"m{i}", f"u{i % 40}", "hello", ts=T0 + (i % 90) * DAY) for i in range(400)]
    feed += [message(f"s{i}", f"u{i}", SPAM, ts=T0 + 5 * DAY) for i in range(8)]
    engine.ingest_lines(lines(*feed))
    engine.adjust("u39", 300, "other", "mod-ana", "a long record of help")
    clock.now = T0 + 100 * DAY
    expected = Counter(s.tier for s in engine.standings())
    assert tier_counts(engine, clock.now) == expected
    assert len(expected) >= 2  # several tiers: the shortcut for the unpenalised is exercised


def test_charts_escape_their_labels_and_draw_every_point() -> None:
    svg = line_chart(
        "score <of> x",
        [(0.0, 500.0), (10.0, 440.0), (20.0, 470.0)],
        {"standard": 550},
        [(10.0, "penalty", "spam <rule>")],
    )
    assert "<of>" not in svg and "&lt;of&gt;" in svg and svg.count('class="mark mark-penalty"') == 1
    assert "score-line" in svg and "&lt;rule&gt;" in svg
    columns = column_chart("per day", {f"d{i}": float(i) for i in range(30)})
    assert columns.count("<rect") == 30
