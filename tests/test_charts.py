"""The chart of a commitment: `charts.chart_of`'s geometry, the SVG drawn from it and the
terminal cells of `show`, each checked against the numbers it was given."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pledgecli import labels, progress
from pledgecli.charts import Chart, chart_of
from pledgecli.model import Commitment, Figure
from pledgecli.parse import LARGEST
from pledgecli.render import plot
from pledgecli.render.svg import BOTTOM, HEIGHT, LEFT, RIGHT, TOP, WIDTH, progress_svg

D = date.fromisoformat

FLOW = Commitment(
    "spot-checks", "市级工业产品质量监督抽查", kind="flow", target=3500, unit="批次",
    start=D("2024-01-01"), deadline=D("2024-12-31"),
)  # fmt: skip
LEVEL = Commitment(
    "platforms", "质量基础设施“一站式”服务平台", kind="level", target=5, baseline=2, unit="个",
    start=D("2024-07-08"), deadline=D("2025-12-31"),
)  # fmt: skip
# A total, then two deltas on top of it: 1200 + 600 + 650 = 2450.
FLOW_FIGURES = [
    Figure("spot-checks", D("2024-03-31"), 1200),
    Figure("spot-checks", D("2024-06-30"), 600, mode="delta"),
    Figure("spot-checks", D("2024-09-30"), 650, mode="delta"),
]


@pytest.fixture(autouse=True)
def english_afterwards() -> Iterator[None]:
    yield
    labels.use("en")


def chart(c: Commitment, figures: list[Figure], as_of: str) -> Chart:
    day = D(as_of)
    drawn = chart_of(c, progress.series(c, figures, day), day)
    assert drawn is not None
    return drawn


# -- chart_of ------------------------------------------------------------------------


def test_flow_pace_runs_from_zero_at_the_start_to_the_target_at_the_deadline() -> None:
    assert chart(FLOW, FLOW_FIGURES, "2024-09-30").pace == (
        (D("2024-01-01"), 0.0),
        (D("2024-12-31"), 3500.0),
    )


def test_level_pace_runs_from_its_baseline_at_the_start_to_the_target() -> None:
    assert chart(LEVEL, [], "2025-06-30").pace == ((D("2024-07-08"), 2.0), (D("2025-12-31"), 5.0))


def test_level_without_a_start_has_no_pace_line() -> None:
    no_start = Commitment(
        "p", "服务平台", kind="level", target=5, baseline=2, deadline=D("2025-12-31")
    )
    assert chart(no_start, [Figure("p", D("2025-06-30"), 4)], "2025-07-31").pace is None


def test_last_point_is_the_value_the_assessment_reports() -> None:
    drawn = chart(FLOW, FLOW_FIGURES, "2024-10-15")
    assessed = progress.assess(FLOW, FLOW_FIGURES, D("2024-10-15"))
    assert assessed.value == 2450
    assert drawn.points[-1] == (D("2024-09-30"), assessed.value)


@pytest.mark.parametrize(
    ("as_of", "where"),
    [("2024-01-01", 0.0), ("2025-11-30", 1.0)],
    ids=["on the first day", "long after the deadline"],
)
def test_as_of_day_lies_on_the_x_axis_even_beyond_the_period(as_of: str, where: float) -> None:
    drawn = chart(FLOW, [], as_of)
    assert drawn.x(drawn.as_of) == where
    assert drawn.first <= D(as_of) <= drawn.last


def test_as_of_inside_the_period_lies_between_the_ends() -> None:
    drawn = chart(FLOW, FLOW_FIGURES, "2024-09-30")
    assert (drawn.first, drawn.last) == (D("2024-01-01"), D("2024-12-31"))
    assert 0 < drawn.x(drawn.as_of) < 1


def test_a_milestone_has_no_chart() -> None:
    milestone = Commitment("plan", "初见成效", kind="milestone", deadline=D("2024-12-31"))
    assert chart_of(milestone, [(D("2024-06-30"), 1.0)], D("2024-07-01")) is None


# -- the SVG -------------------------------------------------------------------------


def attributes(svg: str, element: str, css_class: str) -> dict[str, str]:
    found = re.search(rf'<{element} class="{css_class}" ([^>]*)/>', svg)
    assert found is not None, f"no {element}.{css_class}"
    return dict(re.findall(r'([\w-]+)="([^"]*)"', found[1]))


def value_at_pixel(drawn: Chart, y: float) -> float:
    """The value an SVG y coordinate stands for, by the chart's own y scale."""
    share = (HEIGHT - BOTTOM - y) / (HEIGHT - TOP - BOTTOM)
    return drawn.low + share * (drawn.high - drawn.low)


def test_svg_pace_line_spans_the_plot_when_start_and_deadline_are_the_axis_ends() -> None:
    drawn = chart(FLOW, FLOW_FIGURES, "2024-09-30")
    assert (drawn.first, drawn.last) == (FLOW.start, FLOW.deadline)
    pace = attributes(progress_svg(drawn, "批次", "#e0a100"), "line", "pace")
    assert float(pace["x1"]) == LEFT
    assert float(pace["x2"]) == WIDTH - RIGHT


def test_svg_last_reported_point_maps_back_to_the_last_value() -> None:
    drawn = chart(FLOW, FLOW_FIGURES, "2024-09-30")
    reported = attributes(progress_svg(drawn, "批次", "#e0a100"), "polyline", "reported")
    x, y = (float(n) for n in reported["points"].split()[-1].split(","))
    assert x == pytest.approx(LEFT + drawn.x(D("2024-09-30")) * (WIDTH - LEFT - RIGHT), abs=0.05)
    # Coordinates are rounded to 0.1 pixel.
    one_pixel = (drawn.high - drawn.low) / (HEIGHT - TOP - BOTTOM)
    assert value_at_pixel(drawn, y) == pytest.approx(2450, abs=0.05 * one_pixel)


def test_svg_escapes_the_unit() -> None:
    svg = progress_svg(chart(FLOW, FLOW_FIGURES, "2024-09-30"), "<b>批次</b>", "#e0a100")
    assert "<b>" not in svg and "&lt;b&gt;批次" in svg


# -- the terminal cells --------------------------------------------------------------


def test_cells_put_each_point_at_its_value_and_mark_the_as_of_column() -> None:
    # Ten days and the values 0..10 on an 11 x 11 grid: one cell per day and per unit.
    first = D("2025-01-01")
    drawn = Chart(
        first=first, last=first + timedelta(days=10), low=0.0, high=10.0,
        points=[(first, 0.0), (first + timedelta(days=3), 7.0), (first + timedelta(days=10), 10.0)],
        pace=None, target=None, as_of=first + timedelta(days=5),
    )  # fmt: skip
    grid = plot.cells(drawn, width=11, height=11)
    points = {cell for cell, kind in grid.items() if kind == "point"}
    assert points == {(10, 0), (3, 3), (0, 10)}  # row 0 is the top, 10
    assert {row for (row, col), kind in grid.items() if kind == "as_of"} == set(range(11))
    assert {col for (row, col), kind in grid.items() if kind == "as_of"} == {5}


def test_cells_draw_the_pace_and_target_of_a_real_chart_under_the_points() -> None:
    drawn = chart(FLOW, FLOW_FIGURES, "2024-09-30")
    grid = plot.cells(drawn)
    kinds = set(grid.values())
    assert kinds == {"point", "pace", "target", "as_of"}
    assert sum(kind == "point" for kind in grid.values()) == len(drawn.points)


# -- a property of every flow --------------------------------------------------------

days = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))
amounts = st.floats(min_value=-LARGEST, max_value=LARGEST, allow_nan=False, allow_infinity=False)


@st.composite
def flows(draw: st.DrawFn) -> Commitment:
    start = draw(days)
    deadline = start + timedelta(days=draw(st.integers(min_value=1, max_value=2000)))
    target = draw(st.floats(min_value=0.001, max_value=LARGEST, allow_nan=False))
    return Commitment("f", "流量", kind="flow", target=target, start=start, deadline=deadline)


histories = st.lists(
    st.builds(
        lambda on, value, mode, seq: Figure("f", on, value, mode=mode, seq=seq),
        days,
        amounts,
        st.sampled_from(["total", "delta"]),
        st.integers(min_value=0, max_value=1000),
    ),
    max_size=12,
)


@given(flows(), histories, days)
def test_every_point_of_a_flow_lies_inside_the_chart(
    c: Commitment, figures: list[Figure], as_of: date
) -> None:
    drawn = chart_of(c, progress.series(c, figures, as_of), as_of)
    assert drawn is not None
    for day, value in drawn.points:
        assert drawn.low <= value <= drawn.high
        assert 0 <= drawn.x(day) <= 1
