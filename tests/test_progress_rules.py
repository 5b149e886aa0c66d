"""The edges of DESIGN.md's progress rules that a small change to the code would cross.

Each test pins one boundary (stale at 45 days, a flow's first day, target equal to
baseline, ...); the properties at the end pin the rules themselves on random histories,
against a small reference implementation written here from DESIGN.md's wording.
"""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pledgecli.model import Commitment, Figure
from pledgecli.progress import (
    assess,
    flags_of,
    in_period,
    progress_of,
    status_of,
    urgency,
    value_at,
)
from pledgecli.records import check_figure, commitment_from

D = date.fromisoformat

# The statuses and flags as DESIGN.md writes them in JSON and CSV.
TRACKING = "tracking"
MET = "met"
MET_LATE = "met late"
IN_PROGRESS = "in progress"
NO_DATA = "no data"
ON_TRACK = "on track"
BEHIND = "behind"
OVERDUE = "overdue"
DUE_SOON = "due soon"
STALE = "stale"

FLOW = Commitment(
    "checks", "抽查", kind="flow", target=3500, start=D("2024-01-01"), deadline=D("2024-12-31")
)
DEADLINE = D("2025-12-31")
OPEN_LEVEL = Commitment("platforms", "服务平台", kind="level", target=5, deadline=DEADLINE)


def fig(c: Commitment, on: date | str, value: float, mode: str = "total", seq: int = 0) -> Figure:
    day = D(on) if isinstance(on, str) else on
    return Figure(c.id, day, value, mode, seq=seq)  # type: ignore[arg-type]


def days(n: int) -> timedelta:
    return timedelta(days=n)


# -- 1. stale: older than 45 days, not 45 days old ----------------------------------


def test_a_figure_45_days_old_is_not_stale_and_46_days_old_is() -> None:
    t = D("2025-06-01")
    at_45 = assess(OPEN_LEVEL, [fig(OPEN_LEVEL, t - days(45), 4)], t)
    at_46 = assess(OPEN_LEVEL, [fig(OPEN_LEVEL, t - days(46), 4)], t)
    assert (at_45.status, at_45.flags) == (IN_PROGRESS, ())
    assert (at_46.status, at_46.flags) == (IN_PROGRESS, (STALE,))


def test_stale_window_is_exclusive_for_any_configured_length() -> None:
    t = D("2025-06-01")
    assert flags_of(OPEN_LEVEL, IN_PROGRESS, t - days(10), t, 30, 10) == ()
    assert flags_of(OPEN_LEVEL, IN_PROGRESS, t - days(11), t, 30, 10) == (STALE,)
    assert flags_of(OPEN_LEVEL, IN_PROGRESS, t, t, 30, 0) == ()
    assert flags_of(OPEN_LEVEL, IN_PROGRESS, t - days(1), t, 30, 0) == (STALE,)


# -- 2. a flow's period includes its first and last day --------------------------------


def test_period_includes_start_and_deadline_and_nothing_outside() -> None:
    assert in_period(FLOW, D("2024-01-01")) is True
    assert in_period(FLOW, D("2024-12-31")) is True
    assert in_period(FLOW, D("2023-12-31")) is False
    assert in_period(FLOW, D("2025-01-01")) is False


def test_a_flow_figure_dated_on_its_start_day_counts() -> None:
    figures = [fig(FLOW, "2024-01-01", 7, "delta")]
    assert value_at(FLOW, figures, D("2024-02-01")) == 7
    assert status_of(FLOW, figures, D("2024-01-01")) == ON_TRACK  # a report, on the line


def test_a_flow_figure_dated_on_its_deadline_counts() -> None:
    figures = [fig(FLOW, "2024-12-31", 3600)]
    assert value_at(FLOW, figures, D("2025-03-01")) == 3600
    assert status_of(FLOW, figures, D("2025-03-01")) == MET


def test_a_flow_figure_a_day_outside_its_period_does_not_count() -> None:
    before = [fig(FLOW, "2023-12-31", 7, "delta")]
    after = [fig(FLOW, "2025-01-01", 3600)]
    assert value_at(FLOW, before, D("2024-02-01")) == 0
    assert status_of(FLOW, before, D("2024-02-01")) == NO_DATA
    assert value_at(FLOW, after, D("2025-03-01")) == 0
    assert status_of(FLOW, after, D("2025-03-01")) == OVERDUE


# -- 3. target equal to baseline: done when satisfied, not when not ---------------------


def test_progress_when_target_equals_baseline_at_least() -> None:
    c = Commitment("x", "x", kind="level", target=10, baseline=10)
    assert progress_of(c, 10) == 1.0
    assert progress_of(c, 12) == 1.0
    assert progress_of(c, 9) == 0.0


def test_progress_when_target_is_zero_and_there_is_no_baseline() -> None:
    c = Commitment("x", "x", kind="flow", target=0)
    assert progress_of(c, 0) == 1.0
    assert progress_of(c, -1) == 0.0


def test_progress_when_target_equals_baseline_at_most() -> None:
    c = Commitment("x", "x", kind="level", comparator="<=", target=30, baseline=30)
    assert progress_of(c, 30) == 1.0
    assert progress_of(c, 25) == 1.0
    assert progress_of(c, 31) == 0.0


# -- 4. met needs a report: a baseline that already satisfies is not evidence -----------

SATISFIED_AT_START = [
    Commitment(
        "up", "x", kind="level", target=5, baseline=10,
        start=D("2024-01-01"), deadline=D("2024-12-31"),
    ),
    Commitment(
        "down", "x", kind="level", comparator="<=", target=30, baseline=20,
        start=D("2024-01-01"), deadline=D("2024-12-31"),
    ),
]  # fmt: skip


@pytest.mark.parametrize("c", SATISFIED_AT_START, ids=lambda c: c.id)
def test_a_satisfying_baseline_without_a_report_is_no_data_before_the_deadline(
    c: Commitment,
) -> None:
    assert status_of(c, [], D("2024-06-01")) == NO_DATA
    assert status_of(c, [], D("2024-12-31")) == NO_DATA


@pytest.mark.parametrize("c", SATISFIED_AT_START, ids=lambda c: c.id)
def test_a_satisfying_baseline_without_a_report_is_overdue_after_the_deadline(
    c: Commitment,
) -> None:
    a = assess(c, [], D("2025-01-10"))
    assert (a.status, a.days_overdue) == (OVERDUE, 10)


@pytest.mark.parametrize("c", SATISFIED_AT_START, ids=lambda c: c.id)
def test_one_report_of_the_same_value_makes_it_met(c: Commitment) -> None:
    figures = [fig(c, "2024-03-01", c.baseline or 0)]
    assert status_of(c, figures, D("2024-06-01")) == MET
    assert status_of(c, figures, D("2025-01-10")) == MET


# -- 5. urgency: overdue, then due soon, then the open statuses ---------------------------

T = D("2025-06-01")


def _flow(cid: str, deadline: str, target: float = 100) -> Commitment:
    return Commitment(
        cid, cid, kind="flow", target=target, start=D("2025-01-01"), deadline=D(deadline)
    )


def test_due_soon_sorts_right_after_overdue_before_behind_and_no_data() -> None:
    late = _flow("a-late", "2025-03-31")
    soon = _flow("b-soon", "2025-06-21")  # 20 days away; the line is at 88.3
    behind = _flow("c-behind", "2025-12-31", target=365)
    no_data = _flow("d-no-data", "2025-09-30")
    rows = [
        assess(no_data, [], T),
        assess(behind, [fig(behind, "2025-05-01", 10)], T),
        assess(soon, [fig(soon, "2025-05-31", 95)], T),
        assess(late, [], T),
    ]
    assert [(a.id, a.status, a.flags) for a in rows] == [
        ("d-no-data", NO_DATA, ()),
        ("c-behind", BEHIND, ()),
        ("b-soon", ON_TRACK, (DUE_SOON,)),
        ("a-late", OVERDUE, ()),
    ]
    assert [a.id for a in sorted(rows, key=urgency)] == [
        "a-late",
        "b-soon",
        "c-behind",
        "d-no-data",
    ]


def test_due_soon_outranks_every_other_open_status_with_the_same_deadline() -> None:
    # One deadline for all; only the first row is assessed with a window that reaches it,
    # and the ids sort the other way, so only the due-soon group puts it first.
    deadline = "2025-06-21"
    soon = _flow("z-soon", deadline)
    behind, no_data, on_track, met = (_flow(i, deadline) for i in ("a", "b", "d", "e"))
    in_progress = Commitment("c", "c", kind="level", target=10, deadline=D(deadline))
    rows = [
        assess(soon, [fig(soon, "2025-05-31", 95)], T),
        assess(behind, [fig(behind, "2025-05-31", 10)], T, soon_days=10),
        assess(no_data, [], T, soon_days=10),
        assess(in_progress, [fig(in_progress, "2025-05-31", 4)], T, soon_days=10),
        assess(on_track, [fig(on_track, "2025-05-31", 95)], T, soon_days=10),
        assess(met, [fig(met, "2025-05-31", 100)], T, soon_days=10),
    ]
    assert [(a.status, a.flags) for a in rows] == [
        (ON_TRACK, (DUE_SOON,)),
        (BEHIND, ()),
        (NO_DATA, ()),
        (IN_PROGRESS, ()),
        (ON_TRACK, ()),
        (MET, ()),
    ]
    assert [a.id for a in sorted(reversed(rows), key=urgency)] == [
        "z-soon",
        "a",
        "b",
        "c",
        "d",
        "e",
    ]


def test_overdue_rows_sort_longest_overdue_first() -> None:
    recent, older = _flow("a-recent", "2025-05-01"), _flow("b-older", "2025-04-01")
    rows = [assess(recent, [], T), assess(older, [], T)]
    assert [(a.status, a.days_overdue) for a in rows] == [(OVERDUE, 31), (OVERDUE, 61)]
    assert [a.id for a in sorted(rows, key=urgency)] == ["b-older", "a-recent"]


# -- 6. due soon: from the deadline day itself to `soon_days` before it ---------------------


@pytest.mark.parametrize(
    ("days_left", "flags"),
    [(31, ()), (30, (DUE_SOON,)), (1, (DUE_SOON,)), (0, (DUE_SOON,))],
)
def test_due_soon_window_of_30_days_includes_both_ends(
    days_left: int, flags: tuple[str, ...]
) -> None:
    t = DEADLINE - days(days_left)
    a = assess(OPEN_LEVEL, [fig(OPEN_LEVEL, t, 4)], t)
    assert (a.status, a.flags) == (IN_PROGRESS, flags)


def test_due_soon_window_follows_the_configured_length() -> None:
    assert flags_of(OPEN_LEVEL, IN_PROGRESS, None, DEADLINE - days(7), 7, 45) == (DUE_SOON,)
    assert flags_of(OPEN_LEVEL, IN_PROGRESS, None, DEADLINE - days(8), 7, 45) == ()
    assert flags_of(OPEN_LEVEL, IN_PROGRESS, None, DEADLINE, 0, 45) == (DUE_SOON,)
    assert flags_of(OPEN_LEVEL, IN_PROGRESS, None, DEADLINE - days(1), 0, 45) == ()


def test_an_overdue_commitment_is_not_due_soon() -> None:
    t = DEADLINE + days(1)
    a = assess(OPEN_LEVEL, [fig(OPEN_LEVEL, DEADLINE, 4)], t)
    assert (a.status, a.flags) == (OVERDUE, ())
    assert flags_of(OPEN_LEVEL, OVERDUE, DEADLINE, t, 30, 45) == ()


# -- 7. a milestone has no numeric target ----------------------------------------------------


def _milestone(**fields: object) -> dict[str, object]:
    return {"id": "plan", "title": "初见成效", "kind": "milestone", **fields}


def test_a_milestone_with_a_numeric_target_is_refused() -> None:
    problems: list[str] = []
    assert commitment_from(_milestone(target=5), "where", problems) is None
    assert len(problems) == 1
    assert problems[0].startswith("where: target: ")
    assert "milestone" in problems[0]


def test_a_milestone_with_target_zero_is_refused() -> None:
    problems: list[str] = []
    assert commitment_from(_milestone(target="0"), "where", problems) is None
    assert len(problems) == 1


@pytest.mark.parametrize(
    ("fields", "target"),
    [({}, None), ({"target": 1}, 1.0), ({"target": "1"}, 1.0), ({"target": ""}, None)],
)
def test_a_milestone_with_target_1_or_none_is_accepted(
    fields: dict[str, object], target: float | None
) -> None:
    problems: list[str] = []
    c = commitment_from(_milestone(**fields), "where", problems)
    assert problems == []
    assert c is not None
    assert (c.kind, c.target, c.goal) == ("milestone", target, 1.0)


MILESTONE = Commitment("plan", "初见成效", kind="milestone", deadline=D("2024-12-31"))


@pytest.mark.parametrize(("value", "mode"), [(5, "total"), (2, "total"), (1, "delta")])
def test_a_milestone_figure_other_than_a_total_of_0_or_1_is_refused(
    value: float, mode: str
) -> None:
    with pytest.raises(ValueError, match="plan is a milestone"):
        check_figure(MILESTONE, fig(MILESTONE, "2024-06-01", value, mode))


@pytest.mark.parametrize("value", [0, 1])
def test_a_milestone_figure_of_0_or_1_is_accepted(value: float) -> None:
    assert check_figure(MILESTONE, fig(MILESTONE, "2024-06-01", value)) is None


def test_a_level_with_target_5_is_accepted() -> None:
    problems: list[str] = []
    c = commitment_from({"id": "x", "title": "x", "target": 5}, "where", problems)
    assert problems == []
    assert c is not None
    assert (c.kind, c.target) == ("level", 5.0)


# -- properties: the rules on random histories ------------------------------------------------

CLOSED = frozenset({MET, MET_LATE, TRACKING})
OPEN_BEFORE_DEADLINE = frozenset({NO_DATA, ON_TRACK, BEHIND, IN_PROGRESS})
LEVEL_AND_FLOW = [("level", ">="), ("level", "<="), ("flow", ">="), ("flow", "<=")]

FIRST, LAST = D("2020-01-01"), D("2030-12-31")
dates = st.dates(min_value=FIRST, max_value=LAST)
values = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False).map(lambda x: round(x, 2))
maybe_values = st.one_of(st.none(), values)

History = tuple[Commitment, list[Figure], date]


def near(day: date, before: int, after: int) -> st.SearchStrategy[date]:
    """A day within `before` days before and `after` days after `day`, kept in range."""
    return st.integers(min_value=-before, max_value=after).map(
        lambda n: min(max(day + days(n), FIRST), LAST)
    )


def between(a: date, b: date) -> st.SearchStrategy[date]:
    return st.dates(min_value=min(a, b), max_value=max(a, b))


@st.composite
def histories(
    draw: st.DrawFn,
    kind: str | None = None,
    comparator: str | None = None,
    when: str = "any",
    target: st.SearchStrategy[float | None] = maybe_values,
    baseline: st.SearchStrategy[float | None] = maybe_values,
    at: date | None = None,
) -> History:
    """A commitment "c", its figures (and a few of another's) and a day `t` (or `at`).

    `when` puts `t` on or before the deadline (or there is none), after it, or anywhere.
    Figures fall anywhere, just before `t`, between `t` and the deadline, or around the
    deadline and the start, so that the boundaries are often on them.
    """
    deadline: date | None
    if when == "after" and at is not None:
        t, room = at, (at - FIRST).days
        deadline = t - days(
            draw(st.integers(min_value=1, max_value=min(room, draw(st.sampled_from([60, room])))))
        )
    elif when == "after":
        deadline = draw(st.dates(min_value=FIRST, max_value=LAST - days(1)))
        room = (LAST - deadline).days
        t = deadline + days(
            draw(st.integers(min_value=1, max_value=min(room, draw(st.sampled_from([60, room])))))
        )
    else:
        t = at or draw(dates)
        low = t if when == "before" else FIRST
        deadline = draw(
            st.one_of(
                st.none(),
                st.dates(min_value=low, max_value=LAST),
                near(t, 0 if when == "before" else 60, 60),
            )
        )
    anchor = deadline or t
    start = draw(st.one_of(st.none(), near(anchor, 800, 0)))
    c = Commitment(
        "c",
        "c",
        kind=kind or draw(st.sampled_from(["level", "flow"])),  # type: ignore[arg-type]
        comparator=comparator or draw(st.sampled_from([">=", "<="])),  # type: ignore[arg-type]
        target=draw(target),
        baseline=draw(baseline),
        start=start,
        deadline=deadline,
    )
    on = st.one_of(
        dates, near(t, 60, 0), between(t, anchor), near(anchor, 3, 3), near(start or anchor, 3, 3)
    )
    rows = draw(
        st.lists(
            st.tuples(
                st.sampled_from(["c", "c", "c", "other"]),
                on,
                values,
                st.sampled_from(["total", "delta"]),
            ),
            max_size=12,
        )
    )
    figures = [
        Figure(who, day, v, mode, seq=i)  # type: ignore[arg-type]
        for i, (who, day, v, mode) in enumerate(rows)
    ]
    return c, figures, t


def ref_counted(c: Commitment, figures: list[Figure], t: date) -> list[Figure]:
    """DESIGN: figures on or before t; for a flow only those with start <= on <= deadline."""
    known = [f for f in figures if f.commitment_id == c.id and f.on <= t]
    if c.kind == "flow":
        known = [
            f
            for f in known
            if (c.start is None or not f.on < c.start)
            and (c.deadline is None or not f.on > c.deadline)
        ]
    return known


def ref_value(c: Commitment, figures: list[Figure], t: date) -> float | None:
    """DESIGN: the latest total (the later entered on a tie), plus the deltas after its day;
    with no total, the baseline for a level (unknown without one) and 0 for a flow."""
    known = ref_counted(c, figures, t)
    anchor: float | None
    totals = [f for f in known if f.mode == "total"]
    if totals:
        latest = max(totals, key=lambda f: (f.on, f.seq))
        anchor, since = latest.value, latest.on
    else:
        anchor = c.baseline if c.kind == "level" else 0.0
        since = date.min
    if anchor is None:
        return None
    return math.fsum([anchor] + [f.value for f in known if f.mode == "delta" and f.on > since])


def ref_satisfies(c: Commitment, value: float | None) -> bool:
    if value is None or c.target is None:
        return False
    return value >= c.target if c.comparator == ">=" else value <= c.target


@pytest.mark.parametrize(("kind", "comparator"), LEVEL_AND_FLOW)
@given(data=st.data())
def test_value_is_the_latest_total_plus_the_later_deltas(
    kind: str, comparator: str, data: st.DataObject
) -> None:
    c, figures, t = data.draw(histories(kind, comparator))
    assert value_at(c, figures, t) == ref_value(c, figures, t)
    assert assess(c, figures, t).value == ref_value(c, figures, t)


@pytest.mark.parametrize(("kind", "comparator"), [("level", ">="), ("level", "<="), ("flow", ">=")])
@given(data=st.data())
def test_before_the_deadline_met_iff_a_report_satisfies_the_target(
    kind: str, comparator: str, data: st.DataObject
) -> None:
    c, figures, t = data.draw(histories(kind, comparator, "before", target=values))
    reported = bool(ref_counted(c, figures, t))
    a = assess(c, figures, t)
    assert a.status == status_of(c, figures, t)
    assert (a.status == MET) == (reported and ref_satisfies(c, ref_value(c, figures, t)))
    if not reported:
        assert a.status == NO_DATA
    assert a.days_overdue is None


@given(histories("flow", "<=", "before", target=values))
def test_a_capped_flow_is_never_met_before_its_deadline(h: History) -> None:
    c, figures, t = h
    assert status_of(c, figures, t) in OPEN_BEFORE_DEADLINE


@pytest.mark.parametrize(("kind", "comparator"), LEVEL_AND_FLOW)
@given(data=st.data())
def test_after_the_deadline_a_target_is_met_met_late_or_overdue(
    kind: str, comparator: str, data: st.DataObject
) -> None:
    c, figures, t = data.draw(histories(kind, comparator, "after", target=values))
    assert c.deadline is not None and t > c.deadline
    a = assess(c, figures, t)
    assert a.status in {MET, MET_LATE, OVERDUE}
    at_deadline = ref_satisfies(c, ref_value(c, figures, c.deadline))
    now = ref_satisfies(c, ref_value(c, figures, t))
    if not ref_counted(c, figures, t):
        assert a.status == OVERDUE  # no evidence is not success
    met_on_time = bool(ref_counted(c, figures, c.deadline)) and at_deadline
    # Met needs a report by the deadline; otherwise a later value that satisfies is met late.
    assert (a.status == MET) == met_on_time
    late = not met_on_time and bool(ref_counted(c, figures, t)) and now and c.kind == "level"
    assert (a.status == MET_LATE) == late
    if a.status == OVERDUE:
        assert a.days_overdue == (t - c.deadline).days
    else:
        assert a.days_overdue is None


@pytest.mark.parametrize("when", ["before", "after"])
@given(data=st.data())
def test_a_milestone_is_met_by_a_1_on_time_met_late_after_or_else_overdue(
    when: str, data: st.DataObject
) -> None:
    c, figures, t = data.draw(histories("milestone", ">=", when, target=st.none()))
    figures = [replace(f, value=float(f.value > 0), mode="total") for f in figures]
    a = assess(c, figures, t)
    done_now = ref_value(c, figures, t) == 1
    assert a.progress == (1.0 if done_now else 0.0)
    if c.deadline is None or t <= c.deadline:
        assert a.status == (MET if done_now else IN_PROGRESS)
    else:
        done_then = ref_value(c, figures, c.deadline) == 1
        assert a.status == (MET if done_then else MET_LATE if done_now else OVERDUE)


@given(histories(when="after", target=st.none()))
def test_after_the_deadline_an_indicator_is_still_tracking(h: History) -> None:
    c, figures, t = h
    a = assess(c, figures, t)
    assert (a.status, a.days_overdue, a.flags) == (TRACKING, None, ())


@given(histories("level", ">=", target=values))
def test_progress_of_at_least_runs_from_baseline_or_zero_to_target(h: History) -> None:
    c, figures, t = h
    assert c.target is not None
    value = ref_value(c, figures, t)
    progress = assess(c, figures, t).progress
    b = c.baseline if c.baseline is not None else 0.0
    if value is None:
        assert progress is None
    elif c.target == b:
        assert progress == (1.0 if value >= c.target else 0.0)
    else:
        assert progress == pytest.approx((value - b) / (c.target - b), abs=1e-4)


@given(histories("level", "<=", target=values, baseline=values))
def test_progress_of_at_most_runs_from_baseline_down_to_target(h: History) -> None:
    c, figures, t = h
    assert c.target is not None and c.baseline is not None
    value = ref_value(c, figures, t)
    assert value is not None
    b = c.baseline
    progress = assess(c, figures, t).progress
    if c.target == b:
        assert progress == (1.0 if value <= c.target else 0.0)
    else:
        assert progress == pytest.approx((b - value) / (b - c.target), abs=1e-4)


@pytest.mark.parametrize("kind", ["level", "flow"])
@given(data=st.data())
def test_progress_of_at_most_needs_a_level_baseline(kind: str, data: st.DataObject) -> None:
    c, figures, t = data.draw(
        histories(kind, "<=", baseline=st.none() if kind == "level" else maybe_values)
    )
    assert assess(c, figures, t).progress is None


@given(histories())
def test_flags_due_soon_and_stale_only_on_open_rows(h: History) -> None:
    c, figures, t = h
    a = assess(c, figures, t)
    known = [f.on for f in figures if f.commitment_id == c.id and f.on <= t]
    last = max(known) if known else None
    assert a.last_reported_on == last
    due = c.deadline is not None and 0 <= (c.deadline - t).days <= 30
    stale = last is not None and (t - last).days > 45
    if a.status in CLOSED:
        assert a.flags == ()
    else:
        assert a.flags == tuple(f for f, on in ((DUE_SOON, due), (STALE, stale)) if on)


@given(st.dates(min_value=FIRST + days(1), max_value=LAST), st.data())
def test_urgency_puts_overdue_longest_first_then_due_soon_then_the_rest(
    t: date, data: st.DataObject
) -> None:
    rows = []
    for i in range(data.draw(st.integers(min_value=2, max_value=6))):
        when = data.draw(st.sampled_from(["after", "any"]))
        c, figures, _ = data.draw(histories(when=when, target=values, at=t))
        cid = f"c{i}"
        mine = [replace(f, commitment_id=cid) for f in figures if f.commitment_id == c.id]
        rows.append(assess(replace(c, id=cid), mine, t))
    ordered = sorted(rows, key=urgency)
    ranks = [0 if a.status == OVERDUE else 1 if DUE_SOON in a.flags else 2 for a in ordered]
    assert ranks == sorted(ranks)
    late = [a.days_overdue or 0 for a in ordered if a.status == OVERDUE]
    assert late == sorted(late, reverse=True)


# -- found while pinning these rules -------------------------------------------------------


def test_a_late_report_that_misses_the_target_does_not_make_a_baseline_met() -> None:
    """Baseline 10 already satisfies >= 5, nothing is reported by the deadline, then 3 is:
    no evidence by the deadline is not success, and 3 does not meet the target late."""
    c = Commitment("c", "c", kind="level", target=5, baseline=10, deadline=D("2025-12-31"))
    late = [fig(c, "2026-02-28", 3)]
    assert status_of(c, late, D("2026-03-01")) == OVERDUE
    assert status_of(c, [fig(c, "2026-02-28", 6)], D("2026-03-01")) == MET_LATE
    assert status_of(c, [fig(c, "2025-12-31", 10), *late], D("2026-03-01")) == MET


def test_a_milestone_is_done_at_1_whatever_its_comparator() -> None:
    c = Commitment("m", "m", kind="milestone", comparator="<=", deadline=D("2025-12-31"))
    assert status_of(c, [fig(c, "2025-06-30", 0)], D("2025-07-01")) == IN_PROGRESS
    assert status_of(c, [fig(c, "2025-06-30", 1)], D("2025-07-01")) == MET


def test_a_milestone_with_an_at_most_comparator_is_refused() -> None:
    problems: list[str] = []
    raw = {"id": "m", "title": "m", "kind": "milestone", "comparator": "<="}
    assert commitment_from(raw, "where", problems) is None
    assert problems == ["where: comparator: a milestone is done at 1; it takes no <="]
