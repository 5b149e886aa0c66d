"""DESIGN.md's value and status rules, each with its edges, on the pure functions."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from pledgecli.model import Commitment, Figure
from pledgecli.progress import (
    BEHIND,
    IN_PROGRESS,
    MET,
    MET_LATE,
    NO_DATA,
    ON_TRACK,
    OVERDUE,
    TRACKING,
    assess,
    assess_all,
    counted,
    expected_at,
    overdue_list,
    progress_of,
    status_of,
    value_at,
)

D = date.fromisoformat
LEVEL = Commitment("platforms", "服务平台", kind="level", target=5, deadline=D("2025-12-31"))
FLOW = Commitment(
    "checks", "抽查", kind="flow", target=3500, start=D("2024-01-01"), deadline=D("2024-12-31")
)
MILESTONE = Commitment("plan", "初见成效", kind="milestone", deadline=D("2024-12-31"))
INDICATOR = Commitment("training", "培训", kind="flow", unit="人次")
CAP = Commitment(
    "pm25", "PM2.5", kind="level", comparator="<=", target=30, baseline=40,
    start=D("2024-01-01"), deadline=D("2025-12-31"),
)  # fmt: skip


def fig(c: Commitment, on: str, value: float, mode: str = "total", seq: int = 0) -> Figure:
    return Figure(c.id, D(on), value, mode, seq=seq)  # type: ignore[arg-type]


# -- value -------------------------------------------------------------------------


def test_latest_total_is_the_value() -> None:
    figures = [fig(LEVEL, "2024-07-08", 4), fig(LEVEL, "2025-03-01", 5)]
    assert value_at(LEVEL, figures, D("2025-02-28")) == 4
    assert value_at(LEVEL, figures, D("2025-03-01")) == 5


def test_deltas_add_to_the_latest_total() -> None:
    figures = [fig(LEVEL, "2024-07-08", 4), fig(LEVEL, "2024-08-01", 1, "delta")]
    assert value_at(LEVEL, figures, D("2024-08-01")) == 5


def test_total_on_a_day_already_includes_that_days_deltas() -> None:
    figures = [fig(LEVEL, "2024-08-01", 2, "delta"), fig(LEVEL, "2024-08-01", 6)]
    assert value_at(LEVEL, figures, D("2024-08-01")) == 6


def test_total_overrides_earlier_deltas() -> None:
    figures = [fig(FLOW, "2024-02-01", 100, "delta"), fig(FLOW, "2024-03-31", 900)]
    assert value_at(FLOW, figures, D("2024-04-01")) == 900


def test_figure_after_as_of_is_ignored() -> None:
    figures = [fig(LEVEL, "2024-07-08", 4), fig(LEVEL, "2024-09-01", 5)]
    assert value_at(LEVEL, figures, D("2024-08-31")) == 4


def test_flow_starts_from_zero_and_ignores_figures_outside_its_period() -> None:
    figures = [
        fig(FLOW, "2023-12-31", 2475),
        fig(FLOW, "2024-04-30", 1200),
        fig(FLOW, "2025-01-31", 400, "delta"),
    ]
    assert value_at(FLOW, [], D("2024-03-01")) == 0
    assert value_at(FLOW, figures[:1], D("2024-03-01")) == 0
    assert value_at(FLOW, figures, D("2025-06-30")) == 1200


def test_level_without_baseline_or_total_is_unknown() -> None:
    assert value_at(LEVEL, [fig(LEVEL, "2024-08-01", 1, "delta")], D("2024-09-01")) is None


def test_level_with_baseline_starts_there() -> None:
    c = Commitment("x", "x", target=10, baseline=4)
    assert value_at(c, [fig(c, "2024-08-01", 1, "delta")], D("2024-09-01")) == 5


def test_two_totals_on_one_day_the_later_entered_stands() -> None:
    figures = [fig(LEVEL, "2024-08-01", 7, seq=2), fig(LEVEL, "2024-08-01", 6, seq=1)]
    assert value_at(LEVEL, figures, D("2024-08-01")) == 7


# -- progress and pace ---------------------------------------------------------------


def test_progress_from_zero_when_no_baseline() -> None:
    assert progress_of(LEVEL, 4) == 0.8


def test_progress_from_baseline() -> None:
    c = Commitment("x", "x", target=10, baseline=5)
    assert progress_of(c, 7.5) == 0.5


def test_progress_of_a_cap_needs_a_baseline() -> None:
    assert progress_of(CAP, 35) == 0.5
    assert progress_of(Commitment("x", "x", comparator="<=", target=30), 35) is None


def test_progress_without_target_is_none() -> None:
    assert progress_of(INDICATOR, 1513) is None


def test_expected_follows_the_pace_line() -> None:
    # 2024-07-01 is day 182 of a 365-day period.
    assert expected_at(FLOW, D("2024-07-01")) == pytest.approx(3500 * 182 / 365)
    assert expected_at(FLOW, D("2023-06-01")) == 0
    assert expected_at(FLOW, D("2025-06-01")) == 3500
    assert expected_at(LEVEL, D("2024-07-01")) is None  # no start, no baseline


# -- status before the deadline ------------------------------------------------------


def test_indicator_is_tracking() -> None:
    assert status_of(INDICATOR, [fig(INDICATOR, "2023-12-31", 1513)], D("2024-07-08")) == TRACKING


def test_met_before_deadline() -> None:
    assert status_of(LEVEL, [fig(LEVEL, "2024-07-08", 5)], D("2024-07-31")) == MET


def test_milestone_in_progress_until_done() -> None:
    assert status_of(MILESTONE, [], D("2024-06-01")) == IN_PROGRESS
    assert status_of(MILESTONE, [fig(MILESTONE, "2024-06-01", 1)], D("2024-06-01")) == MET


def test_no_data() -> None:
    assert status_of(FLOW, [], D("2024-07-31")) == NO_DATA


def test_baseline_alone_is_not_a_report() -> None:
    c = Commitment("x", "x", target=10, baseline=4, start=D("2024-01-01"), deadline=D("2025-01-01"))
    assert status_of(c, [], D("2024-06-01")) == NO_DATA


def test_on_track_and_behind() -> None:
    figures = [fig(FLOW, "2024-06-30", 1800)]
    assert status_of(FLOW, figures, D("2024-06-30")) == ON_TRACK
    assert status_of(FLOW, [fig(FLOW, "2024-06-30", 1500)], D("2024-06-30")) == BEHIND


def test_on_track_exactly_on_the_line() -> None:
    c = Commitment(
        "x", "x", kind="flow", target=10, start=D("2024-01-01"), deadline=D("2024-01-11")
    )
    assert status_of(c, [fig(c, "2024-01-06", 5)], D("2024-01-06")) == ON_TRACK


def test_cap_on_track_when_at_or_below_the_line() -> None:
    # Halfway through, the line is at 35.
    mid = D("2024-12-31")
    assert status_of(CAP, [fig(CAP, "2024-12-31", 36)], mid) == BEHIND
    assert status_of(CAP, [fig(CAP, "2024-12-31", 34)], mid) == ON_TRACK


def test_capped_flow_is_not_met_before_its_period_ends() -> None:
    c = Commitment(
        "accidents", "事故", kind="flow", comparator="<=", target=10,
        start=D("2024-01-01"), deadline=D("2024-12-31"),
    )  # fmt: skip
    assert status_of(c, [fig(c, "2024-03-31", 1)], D("2024-04-01")) == ON_TRACK
    assert status_of(c, [fig(c, "2024-12-31", 9)], D("2025-01-01")) == MET


def test_in_progress_without_a_pace_line() -> None:
    assert status_of(LEVEL, [fig(LEVEL, "2024-07-08", 4)], D("2024-07-31")) == IN_PROGRESS


def test_the_deadline_day_itself_is_before_the_deadline() -> None:
    figures = [fig(FLOW, "2024-12-31", 3000)]
    assert status_of(FLOW, figures, D("2024-12-31")) == BEHIND
    assert status_of(FLOW, figures, D("2025-01-01")) == OVERDUE


# -- status after the deadline ------------------------------------------------------


def test_met_on_the_deadline_stays_met() -> None:
    figures = [fig(LEVEL, "2025-12-31", 5), fig(LEVEL, "2026-03-01", 4)]
    assert status_of(LEVEL, figures, D("2026-06-01")) == MET


def test_met_late() -> None:
    figures = [fig(LEVEL, "2025-06-30", 4), fig(LEVEL, "2026-03-01", 5)]
    assert status_of(LEVEL, figures, D("2026-02-28")) == OVERDUE
    assert status_of(LEVEL, figures, D("2026-03-01")) == MET_LATE


def test_milestone_met_late() -> None:
    assert status_of(MILESTONE, [fig(MILESTONE, "2025-02-01", 1)], D("2025-03-01")) == MET_LATE


def test_flow_is_never_met_late() -> None:
    # The late batches fall outside the period and do not count.
    figures = [fig(FLOW, "2024-12-31", 3000), fig(FLOW, "2025-01-31", 600, "delta")]
    assert status_of(FLOW, figures, D("2025-03-01")) == OVERDUE


def test_nothing_reported_is_overdue_after_the_deadline() -> None:
    assert status_of(FLOW, [], D("2025-01-01")) == OVERDUE
    assert status_of(MILESTONE, [], D("2025-01-01")) == OVERDUE


def test_indicator_stays_tracking_forever() -> None:
    c = Commitment("x", "x", deadline=D("2024-12-31"))
    assert status_of(c, [], D("2026-01-01")) == TRACKING


# -- the assessed row ---------------------------------------------------------------


def test_row_overdue_days_gap_and_needed() -> None:
    a = assess(FLOW, [fig(FLOW, "2024-06-30", 1500)], D("2024-06-30"))
    assert a.status == BEHIND
    assert a.expected == pytest.approx(3500 * 181 / 365, abs=0.01)
    assert a.gap == pytest.approx(1500 - 3500 * 181 / 365, abs=0.01)
    assert a.needed_per_month == pytest.approx(2000 / (184 / 30.4375), abs=0.01)
    assert a.days_overdue is None
    late = assess(FLOW, [], D("2025-01-10"))
    assert (late.status, late.days_overdue, late.needed_per_month) == (OVERDUE, 10, None)


def test_flags_due_soon_and_stale() -> None:
    a = assess(LEVEL, [fig(LEVEL, "2024-07-08", 4)], D("2025-12-01"))
    assert a.flags == ("due soon", "stale")
    assert assess(LEVEL, [fig(LEVEL, "2025-11-01", 4)], D("2025-11-30"), soon_days=7).flags == ()
    assert assess(LEVEL, [fig(LEVEL, "2024-07-08", 5)], D("2025-12-01")).flags == ()  # met


def test_most_urgent_first_and_overdue_list() -> None:
    t = D("2025-12-15")
    rows = assess_all([INDICATOR, LEVEL, FLOW, MILESTONE], [fig(LEVEL, "2025-12-01", 4)], t)
    assert [a.id for a in rows] == ["checks", "plan", "platforms", "training"]
    assert [a.id for a in overdue_list(rows, t)] == ["checks", "plan"]
    assert [a.id for a in overdue_list(rows, t, within=30)] == ["checks", "plan", "platforms"]


# -- invariants ---------------------------------------------------------------------

days = st.integers(min_value=0, max_value=2000).map(lambda n: D("2023-01-01") + timedelta(days=n))
values = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False).map(lambda x: round(x, 2))
modes = st.sampled_from(["total", "delta"])
figure_lists = st.lists(st.tuples(days, values, modes), max_size=12).map(
    lambda rows: [Figure("c", on, v, m, seq=i) for i, (on, v, m) in enumerate(rows)]  # type: ignore[arg-type]
)
commitments = st.builds(
    Commitment,
    id=st.just("c"),
    title=st.just("c"),
    kind=st.sampled_from(["level", "flow"]),
    comparator=st.sampled_from([">=", "<="]),
    target=st.one_of(st.none(), values),
    baseline=st.one_of(st.none(), values),
    start=st.one_of(st.none(), st.just(D("2024-01-01"))),
    deadline=st.one_of(st.none(), st.just(D("2024-12-31"))),
)


@given(commitments, figure_lists, days, days)
def test_a_zero_delta_changes_nothing(
    c: Commitment, figures: list[Figure], on: date, t: date
) -> None:
    zero = Figure("c", on, 0.0, "delta", seq=99)
    assert value_at(c, [*figures, zero], t) == value_at(c, figures, t)
    if counted(c, figures, t):  # else the zero is the first report, which is news
        assert status_of(c, [*figures, zero], t) == status_of(c, figures, t)


@given(commitments, figure_lists, days, values)
def test_a_total_overrides_everything_before_it(
    c: Commitment, figures: list[Figure], on: date, v: float
) -> None:
    assume(c.kind == "level")
    earlier = [f for f in figures if f.on < on]
    total = Figure("c", on, v, "total", seq=99)
    assert value_at(c, [*earlier, total], on) == v


@given(values, values, values)
def test_progress_is_monotone_in_the_value_for_at_least(target: float, a: float, b: float) -> None:
    c = Commitment("c", "c", target=target, baseline=0)
    assume(target > 0)
    low, high = sorted([a, b])
    assert progress_of(c, low) <= progress_of(c, high)  # type: ignore[operator]


@given(commitments, figure_lists, days)
def test_days_overdue_are_counted_exactly_when_overdue(
    c: Commitment, figures: list[Figure], t: date
) -> None:
    a = assess(c, figures, t)
    assert (a.days_overdue is not None) == (a.status == OVERDUE)
    if a.status == OVERDUE:
        assert c.deadline is not None and a.days_overdue == (t - c.deadline).days > 0
