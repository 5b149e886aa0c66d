"""Charts as static SVG, drawn from `charts.Chart`: no script, no network, text escaped."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from markupsafe import Markup, escape

from pledgecli import labels
from pledgecli.charts import Chart
from pledgecli.model import Assessment
from pledgecli.render.console import number

# The three lights of 督查督办 practice; grey where a status has no light.
LIGHT = {
    "met": "#2e7d32", "met late": "#2e7d32", "on track": "#2e7d32",
    "behind": "#e0a100", "no data": "#e0a100", "overdue": "#c62828",
    "in progress": "#607d8b", "tracking": "#9e9e9e", "error": "#c62828",
}  # fmt: skip
INK, FAINT = "#263238", "#b0bec5"

WIDTH, HEIGHT = 560, 190
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 14, 30


def _sx(chart: Chart, day: date) -> float:
    return round(LEFT + chart.x(day) * (WIDTH - LEFT - RIGHT), 1)


def _sy(chart: Chart, value: float) -> float:
    return round(HEIGHT - BOTTOM - chart.y(value) * (HEIGHT - TOP - BOTTOM), 1)


def _text(x: float, y: float, words: str, anchor: str = "start", fill: str = INK) -> str:
    return (
        f'<text x="{x}" y="{y}" text-anchor="{anchor}" fill="{fill}" font-size="11">'
        f"{escape(words)}</text>"
    )


def progress_svg(chart: Chart, unit: str | None, light: str) -> Markup:
    """Reported values over time against the pace line, the target and the as-of day."""
    say = labels.NOTICE
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" class="chart">',
        f'<line x1="{LEFT}" y1="{HEIGHT - BOTTOM}" x2="{WIDTH - RIGHT}" y2="{HEIGHT - BOTTOM}" '
        f'stroke="{FAINT}"/>',
        _text(LEFT - 6, _sy(chart, chart.low) + 4, number(chart.low), "end"),
        _text(LEFT - 6, _sy(chart, chart.high) + 4, number(chart.high), "end"),
        _text(LEFT, HEIGHT - 10, labels.day(chart.first)),
        _text(WIDTH - RIGHT, HEIGHT - 10, labels.day(chart.last), "end"),
    ]
    if chart.target is not None:
        y = _sy(chart, chart.target)
        parts.append(
            f'<line class="target" x1="{LEFT}" y1="{y}" x2="{WIDTH - RIGHT}" y2="{y}" '
            f'stroke="{INK}" stroke-dasharray="2 3"/>'
        )
        parts.append(_text(LEFT + 4, y - 4, f"{say['chart_target']} {number(chart.target)}"))
    if chart.pace is not None:
        (d0, v0), (d1, v1) = chart.pace
        parts.append(
            f'<line class="pace" x1="{_sx(chart, d0)}" y1="{_sy(chart, v0)}" '
            f'x2="{_sx(chart, d1)}" y2="{_sy(chart, v1)}" stroke="{FAINT}" stroke-width="2" '
            f'stroke-dasharray="6 4"/>'
        )
        parts.append(
            _text(_sx(chart, d1) - 4, _sy(chart, v1) + 14, say["chart_pace"], "end", "#78909c")
        )
    x = _sx(chart, chart.as_of)
    parts.append(
        f'<line class="as-of" x1="{x}" y1="{TOP}" x2="{x}" y2="{HEIGHT - BOTTOM}" '
        f'stroke="{INK}" stroke-width="0.8"/>'
    )
    # The as-of label hangs from its line, on the side with room for it.
    anchor = "end" if chart.x(chart.as_of) > 0.6 else "start"
    label_x = x - 4 if anchor == "end" else x + 4
    as_of_label = f"{say['chart_as_of']} {labels.day(chart.as_of)}"
    parts.append(_text(label_x, HEIGHT - BOTTOM - 6, as_of_label, anchor))
    if chart.points:
        coords = " ".join(f"{_sx(chart, d)},{_sy(chart, v)}" for d, v in chart.points)
        parts.append(
            f'<polyline class="reported" points="{coords}" fill="none" stroke="{light}" '
            f'stroke-width="2.5"/>'
        )
        for d, v in chart.points:
            parts.append(
                f'<circle cx="{_sx(chart, d)}" cy="{_sy(chart, v)}" r="3.5" fill="{light}"/>'
            )
        d, v = chart.points[-1]
        shown = number(v) + (f" {unit}" if unit else "")
        parts.append(_text(_sx(chart, d) + 6, _sy(chart, v) - 6, shown, "start", light))
    parts.append("</svg>")
    return Markup("".join(parts))


ROW, LABEL = 26, 220


def overview_svg(rows: Sequence[tuple[Assessment, float | None]]) -> Markup:
    """Each numeric commitment's progress as a bar, a tick where the pace says it should be."""
    say = labels.NOTICE
    width = WIDTH + 100
    bar = width - LABEL - 150
    height = ROW * len(rows) + 24
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" class="chart overview">'
    ]
    for i, (a, expected) in enumerate(rows):
        y = 8 + i * ROW
        title = a.title if len(a.title) <= 16 else a.title[:15] + "…"
        parts.append(_text(LABEL - 8, y + 13, title, "end"))
        parts.append(f'<rect x="{LABEL}" y="{y + 3}" width="{bar}" height="12" fill="#eceff1"/>')
        share = min(max(a.progress or 0.0, 0.0), 1.0)
        parts.append(
            f'<rect class="done" x="{LABEL}" y="{y + 3}" width="{round(share * bar, 1)}" '
            f'height="12" fill="{LIGHT[a.status]}"/>'
        )
        if expected is not None:
            x = round(LABEL + min(max(expected, 0.0), 1.0) * bar, 1)
            parts.append(
                f'<line class="expected" x1="{x}" y1="{y}" x2="{x}" y2="{y + 18}" '
                f'stroke="{INK}" stroke-width="2"/>'
            )
        words = f"{labels.percent(a.progress or 0.0)} {labels.STATUS[a.status]}"
        parts.append(_text(LABEL + bar + 6, y + 13, words, "start", LIGHT[a.status]))
    parts.append(_text(LABEL, height - 4, f"| {say['overview_expected']}", "start", "#546e7a"))
    parts.append("</svg>")
    return Markup("".join(parts))
