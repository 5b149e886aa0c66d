"""What a progress chart shows, in the commitment's own days and numbers: pure, no drawing.

The SVG of the HTML report and the terminal chart of `show` both draw a `Chart`, so
the numbers a test checks here are the numbers a leader sees.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from pledgecli.model import Commitment
from pledgecli.progress import expected_at, start_value

Point = tuple[date, float]


@dataclass(frozen=True)
class Chart:
    first: date  # the x axis, from this day
    last: date  # to this day
    low: float  # the y axis, from this value
    high: float  # to this value
    points: list[Point]  # the reported value on each day a figure counts
    pace: tuple[Point, Point] | None  # from (start, start value) to (deadline, target)
    target: float | None
    as_of: date

    def x(self, day: date) -> float:
        """Where `day` falls on the x axis: 0 at `first`, 1 at `last`."""
        span = (self.last - self.first).days or 1
        return (day - self.first).days / span

    def y(self, value: float) -> float:
        """Where `value` falls on the y axis: 0 at `low`, 1 at `high`."""
        span = (self.high - self.low) or 1.0
        return (value - self.low) / span


def chart_of(c: Commitment, points: Sequence[Point], as_of: date) -> Chart | None:
    """The chart of a numeric commitment, or None when there is nothing to draw: a
    milestone, or neither a figure nor a target."""
    if c.kind == "milestone" or (not points and c.target is None):
        return None
    pace = _pace_line(c)
    days = [d for d, _ in points] + [as_of]
    days += [d for d in (c.start, c.deadline) if d is not None]
    first, last = min(days), max(days)
    if first == last:
        first, last = first - timedelta(days=1), last + timedelta(days=1)
    values = [v for _, v in points] + [v for v in (c.target, start_value(c)) if v is not None]
    values.append(0.0)  # a bar people compare starts at zero
    low, high = min(values), max(values)
    if low == high:
        high = low + 1.0
    return Chart(first, last, low, high * 1.05 if high > 0 else high, list(points), pace,
                 c.target, as_of)  # fmt: skip


def _pace_line(c: Commitment) -> tuple[Point, Point] | None:
    if c.start is None or c.deadline is None:
        return None
    begin, end = expected_at(c, c.start), expected_at(c, c.deadline)
    if begin is None or end is None:
        return None
    return (c.start, begin), (c.deadline, end)
