"""Charts as SVG text, drawn here (no library, no network): horizontal bars with their
labels and values, readable without colour. Pure; every label is escaped."""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

BAR = 22
LABEL = 220
WIDTH = 640
PALETTE = ("#2b6cb0", "#c05621", "#2f855a", "#6b46c1", "#b7791f", "#c53030")


def bar_chart(title: str, data: Mapping[str, float], unit: str = "") -> str:
    """A horizontal bar chart of ``data`` (in its order), with a title and the values."""
    rows = list(data.items())
    height = 34 + BAR * max(1, len(rows))
    top = max((v for _, v in rows), default=0.0) or 1.0
    span = WIDTH - LABEL - 70
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" class="chart"><title>{escape(title)}</title>',
        f'<text x="0" y="16" font-size="14" font-weight="bold">{escape(title)}</text>',
    ]
    if not rows:
        parts.append('<text x="0" y="44" font-size="12" fill="#555">nothing in this period</text>')
    for i, (label, value) in enumerate(rows):
        y = 28 + i * BAR
        length = max(1.0, span * value / top) if value else 0.0
        shown = f"{value:g}{unit}"
        parts.append(
            f'<text x="{LABEL - 6}" y="{y + 14}" font-size="12" text-anchor="end">{escape(label)}</text>'
            f'<rect x="{LABEL}" y="{y + 3}" width="{length:.1f}" height="{BAR - 6}" '
            f'fill="{PALETTE[i % len(PALETTE)]}"><title>{escape(label)}: {escape(shown)}</title></rect>'
            f'<text x="{LABEL + length + 6:.1f}" y="{y + 14}" font-size="12">{escape(shown)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
