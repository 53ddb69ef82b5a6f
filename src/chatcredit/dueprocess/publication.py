"""The transparency report as published: JSON, CSV rows and an HTML page with charts.
Pure: every format is derived from the one ``TransparencyReport``."""

from __future__ import annotations

from html import escape
from typing import Any

import msgspec

from chatcredit.domain.timestamps import to_iso
from chatcredit.dueprocess.charts import bar_chart
from chatcredit.dueprocess.transparency import TransparencyReport


def as_view(r: TransparencyReport) -> dict[str, Any]:
    view: dict[str, Any] = msgspec.to_builtins(r)
    view["since"], view["until"] = to_iso(r.since), to_iso(r.until)
    return view


def as_rows(r: TransparencyReport) -> list[tuple[str, str, str]]:
    """``(section, key, value)`` for every number (a CSV with a header row)."""
    rows: list[tuple[str, str, str]] = []
    for name, value in as_view(r).items():
        if isinstance(value, dict):
            for key, inner in value.items():
                if isinstance(inner, dict):
                    for field, number in inner.items():
                        rows.append((name, f"{key}.{field}", "" if number is None else str(number)))
                else:
                    rows.append((name, key, str(inner)))
        else:
            rows.append((name, "", "" if value is None else str(value)))
    return rows


def _figure(label: str, value: object) -> str:
    shown = "n/a" if value is None else value
    return f'<div class="figure"><span class="value">{escape(str(shown))}</span><span>{escape(label)}</span></div>'


def as_fragment(r: TransparencyReport) -> str:
    """The report's content (headings, figures, charts, the detectors' table) for a page."""
    rates = {k: (v.error_rate or 0.0) * 100 for k, v in r.detector_error_rates.items()}
    figures = [
        ("decisions (statements of reasons)", r.decisions),
        ("appeals received", r.appeals_received),
        ("appeals decided", r.appeals_decided),
        ("overturn rate", None if r.appeals_overturn_rate is None else f"{r.appeals_overturn_rate:.1%}"),
        ("median days to an appeal decision", r.appeals_median_days_to_decision),
        ("reviews decided", r.reviews_decided),
        ("median hours to a review decision", r.reviews_median_hours_to_decision),
        ("blacklist additions", r.blacklist_added),
        ("blacklist lifts", r.blacklist_lifted),
        ("referrals to authorities", r.referrals),
    ]
    charts = [
        bar_chart("Decisions by category", r.decisions_by_category),
        bar_chart("Decisions by source", r.decisions_by_source),
        bar_chart("Decisions by automation", r.decisions_by_automation),
        bar_chart("Sanctions by kind", r.sanctions_by_kind),
        bar_chart("Appeals by outcome", r.appeals_by_outcome),
        bar_chart("Review decisions by outcome", r.reviews_by_outcome),
        bar_chart("Reporters by precision", r.reporter_precision),
        bar_chart("Detector error rate (overturned or dismissed / decided)", rates, "%"),
    ]
    rows = "".join(
        f"<tr><td>{escape(k)}</td><td>{v.decided}</td><td>{v.wrong}</td>"
        f"<td>{'n/a' if v.error_rate is None else f'{v.error_rate:.1%}'}</td></tr>"
        for k, v in r.detector_error_rates.items()
    )
    title = f"Transparency report, {to_iso(r.since)[:10]} to {to_iso(r.until)[:10]}"
    return f"""<h1>{escape(title)}</h1>
<p>Every adverse act had a statement of reasons; appeals are decided by a person who did not make the
decision; no one is reported to an authority by automation (referrals are recorded acts of a person).</p>
<section class="figures">{"".join(_figure(label, value) for label, value in figures)}</section>
{"".join(charts)}
<h2>Automated detectors</h2>
<table><thead><tr><th>detector</th><th>decided by people</th><th>found wrong</th><th>error rate</th></tr></thead>
<tbody>{rows}</tbody></table>
"""


def as_html(r: TransparencyReport, platform: str = "chatcredit") -> str:
    """A page of its own (its style inside it): opens in any browser, no network."""
    title = f"Transparency report, {to_iso(r.since)[:10]} to {to_iso(r.until)[:10]}"
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(platform)}: {escape(title)}</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #1a202c; }}
.figures {{ display: grid; grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr)); gap: .75rem; }}
.figure {{ border: 1px solid #cbd5e0; border-radius: 6px; padding: .6rem; display: flex; flex-direction: column; }}
.figure .value {{ font-size: 1.6rem; font-weight: bold; }}
svg.chart {{ max-width: 100%; height: auto; display: block; margin: 1.5rem 0; }}
table {{ border-collapse: collapse; }} td, th {{ border: 1px solid #cbd5e0; padding: .3rem .6rem; }}
</style></head><body>
{as_fragment(r)}</body></html>
"""
