"""Charts as SVG text, drawn here (no library, no network): horizontal bars with their
labels and values, readable without colour. Pure; every label is escaped."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from html import escape
from itertools import pairwise

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


def line_chart(
    title: str,
    points: Sequence[tuple[float, float]],
    lines: Mapping[str, float] = {},
    marks: Sequence[tuple[float, str, str]] = (),
    low: float = 0.0,
    high: float = 1000.0,
    label: Callable[[float], str] = lambda t: f"{t:g}",
) -> str:
    """A step line of ``points`` (x, y), with horizontal ``lines`` (a name and a level: tier
    thresholds) and vertical ``marks`` (x, kind, text: penalties, reversals), labelled."""
    width, height, left, top, bottom = WIDTH, 260, 44, 26, 30
    xs = [x for x, _ in points] + [x for x, _, _ in marks]
    x0, x1 = (min(xs), max(xs)) if xs else (0.0, 1.0)
    x1 = x1 if x1 > x0 else x0 + 1.0
    plot_w, plot_h = width - left - 10, height - top - bottom

    def px(x: float) -> float:
        return left + (x - x0) / (x1 - x0) * plot_w

    def py(y: float) -> float:
        return top + (1 - (min(max(y, low), high) - low) / (high - low)) * plot_h

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" class="chart"><title>{escape(title)}</title>',
        f'<text x="0" y="16" font-size="14" font-weight="bold">{escape(title)}</text>',
        f'<rect x="{left}" y="{top}" width="{plot_w}" height="{plot_h}" fill="none" stroke="#cbd5e0"/>',
    ]
    for name, level in lines.items():
        y = py(level)
        parts.append(
            f'<line x1="{left}" x2="{left + plot_w}" y1="{y:.1f}" y2="{y:.1f}" stroke="#a0aec0" '
            f'stroke-dasharray="4 3"/>'
            f'<text x="{left - 4}" y="{y + 4:.1f}" font-size="10" text-anchor="end">{level:g}</text>'
            f'<text x="{left + plot_w - 4}" y="{y - 3:.1f}" font-size="10" text-anchor="end" fill="#4a5568">'
            f"{escape(name)}</text>"
        )
    colours = {"penalty": "#c53030", "reversal": "#2f855a", "review": "#6b46c1", "credit": "#2b6cb0"}
    for x, kind, text in marks:
        parts.append(
            f'<line x1="{px(x):.1f}" x2="{px(x):.1f}" y1="{top}" y2="{top + plot_h}" '
            f'stroke="{colours.get(kind, "#718096")}" '
            f'stroke-width="1.5" class="mark mark-{escape(kind)}"><title>{escape(text)}</title></line>'
        )
    if points:
        path = [f"M{px(points[0][0]):.1f},{py(points[0][1]):.1f}"]
        for (_, y_prev), (x, y) in pairwise(points):
            path.append(f"L{px(x):.1f},{py(y_prev):.1f}L{px(x):.1f},{py(y):.1f}")
        parts.append(f'<path d="{"".join(path)}" fill="none" stroke="#1a202c" stroke-width="2" class="score-line"/>')
        last_x, last_y = points[-1]
        parts.append(
            f'<text x="{px(last_x) - 4:.1f}" y="{py(last_y) - 6:.1f}" font-size="12" text-anchor="end">'
            f"{last_y:g}</text>"
        )
    parts.append(f'<text x="{left}" y="{height - 8}" font-size="10">{escape(label(x0))}</text>')
    parts.append(
        f'<text x="{left + plot_w}" y="{height - 8}" font-size="10" text-anchor="end">{escape(label(x1))}</text>'
    )
    parts.append("</svg>")
    return "".join(parts)


def column_chart(title: str, data: Mapping[str, float]) -> str:
    """Vertical bars of ``data`` in order (a series over time), every few labels shown."""
    rows = list(data.items())
    height, top, bottom, left = 200, 26, 34, 36
    plot_h = height - top - bottom
    step = (WIDTH - left - 10) / max(1, len(rows))
    peak = max((v for _, v in rows), default=0.0) or 1.0
    every = max(1, len(rows) // 8)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" class="chart"><title>{escape(title)}</title>',
        f'<text x="0" y="16" font-size="14" font-weight="bold">{escape(title)}</text>',
        f'<text x="{left - 4}" y="{top + 10}" font-size="10" text-anchor="end">{peak:g}</text>',
        f'<line x1="{left}" x2="{WIDTH - 10}" y1="{top + plot_h}" y2="{top + plot_h}" stroke="#cbd5e0"/>',
    ]
    for i, (label, value) in enumerate(rows):
        h = plot_h * value / peak
        x = left + i * step
        parts.append(
            f'<rect x="{x + 1:.1f}" y="{top + plot_h - h:.1f}" width="{max(1.0, step - 2):.1f}" height="{h:.1f}" '
            f'fill="{PALETTE[0]}"><title>{escape(label)}: {value:g}</title></rect>'
        )
        if i % every == 0:
            parts.append(
                f'<text x="{x + step / 2:.1f}" y="{height - 16}" font-size="10" text-anchor="middle">'
                f"{escape(label)}</text>"
            )
    parts.append("</svg>")
    return "".join(parts)
