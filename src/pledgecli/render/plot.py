"""A progress chart in the terminal, under `show`'s figures: the same `Chart` the HTML draws."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from pledgecli import labels
from pledgecli.charts import Chart
from pledgecli.render.console import STATUS_STYLE, number

if TYPE_CHECKING:
    from rich.text import Text

WIDTH, HEIGHT = 48, 8


def _marks(ascii_only: bool) -> dict[str, str]:
    if ascii_only:
        return {"point": "o", "pace": ".", "target": "-", "as_of": "|", "axis": "+"}
    return {"point": "●", "pace": "·", "target": "─", "as_of": "│", "axis": "└"}


def cells(chart: Chart, width: int = WIDTH, height: int = HEIGHT) -> dict[tuple[int, int], str]:
    """What each (row, column) shows, row 0 at the top: the pure part, tested on its own."""
    grid: dict[tuple[int, int], str] = {}

    def row(value: float) -> int:
        return min(max(round((1 - chart.y(value)) * (height - 1)), 0), height - 1)

    def column(fraction: float) -> int:
        return min(max(round(fraction * (width - 1)), 0), width - 1)

    if chart.target is not None:
        for col in range(width):
            grid[(row(chart.target), col)] = "target"
    if chart.pace is not None:
        (d0, v0), (d1, v1) = chart.pace
        span = (d1 - d0).days or 1
        for col in range(column(chart.x(d0)), column(chart.x(d1)) + 1):
            day = chart.first + timedelta(
                days=round(col / (width - 1) * (chart.last - chart.first).days)
            )
            share = min(max((day - d0).days / span, 0.0), 1.0)
            grid.setdefault((row(v0 + (v1 - v0) * share), col), "pace")
    as_of = column(chart.x(chart.as_of))
    for r in range(height):
        grid.setdefault((r, as_of), "as_of")
    for d, v in chart.points:
        grid[(row(v), column(chart.x(d)))] = "point"
    return grid


def plot_text(chart: Chart, status: str, ascii_only: bool) -> Text:
    from rich.cells import cell_len
    from rich.text import Text

    marks = _marks(ascii_only)
    styles = {"point": STATUS_STYLE[status], "pace": "cyan", "target": "dim", "as_of": "dim"}
    grid = cells(chart)
    high, low = number(chart.high), number(chart.low)
    pad = max(len(high), len(low))
    text = Text()
    for r in range(HEIGHT):
        label = high if r == 0 else low if r == HEIGHT - 1 else ""
        text.append(f"{label:>{pad}} ", style="dim")
        for col in range(WIDTH):
            kind = grid.get((r, col))
            text.append(marks[kind] if kind else " ", style=styles.get(kind or "", ""))
        text.append("\n")
    first, last = labels.day(chart.first), labels.day(chart.last)
    text.append(" " * (pad + 1) + first, style="dim")
    gap = max(WIDTH - cell_len(first) - cell_len(last), 1)
    text.append(" " * gap + last + "\n", style="dim")
    say = labels.NOTICE
    legend = [
        (marks["point"], say["chart_reported"], styles["point"]),
        (marks["pace"], say["chart_pace"], "cyan"),
        (marks["target"], say["chart_target"], "dim"),
        (marks["as_of"], say["chart_as_of"], "dim"),
    ]
    text.append(" " * (pad + 1))
    for mark, word, style in legend:
        text.append(mark, style=style)
        text.append(f" {word}  ", style="dim")
    return text
