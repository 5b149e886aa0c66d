"""Progress and status of commitments as of a day: pure functions, no I/O.

The rules are DESIGN.md's "Computing progress", implemented exactly; where a
rule needs a reading, the docstring says which one and why.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date

from pledgecli import labels
from pledgecli.model import (
    BEHIND,
    CLOSED,
    DUE_SOON,
    ERROR,
    IN_PROGRESS,
    MET,
    MET_LATE,
    NO_DATA,
    ON_TRACK,
    OVERDUE,
    STALE,
    STATUSES,
    TRACKING,
    Assessment,
    Commitment,
    Figure,
    LedgerRow,
    Standing,
)
from pledgecli.parse import LARGEST

DAYS_PER_MONTH = 30.4375  # 365.25 / 12
DUE_SOON_DAYS = 30
STALE_DAYS = 45


def counted(c: Commitment, figures: Iterable[Figure], t: date) -> list[Figure]:
    """The figures that bear on the value at `t`, oldest first.

    A figure dated after `t` is not known yet; a flow counts only what falls
    inside its period.
    """
    keep = [f for f in figures if f.commitment_id == c.id and f.on <= t]
    if c.kind == "flow":
        keep = [f for f in keep if in_period(c, f.on)]
    return sorted(keep, key=lambda f: (f.on, f.seq))


def in_period(c: Commitment, on: date) -> bool:
    return (c.start is None or c.start <= on) and (c.deadline is None or on <= c.deadline)


def start_value(c: Commitment) -> float | None:
    """The value at `start` before any report: a flow counts from 0, a milestone is
    not done (0), a level starts at its baseline."""
    return c.baseline if c.kind == "level" else 0.0


def value_at(c: Commitment, figures: Iterable[Figure], t: date) -> float | None:
    """The latest total on or before `t`, plus the deltas dated after it.

    A total on day d already includes the deltas dated d. Without a total the
    value starts from `start_value`, and stays unknown for a level with no
    baseline, however many deltas there are.
    """
    rows = counted(c, figures, t)
    totals = [f for f in rows if f.mode == "total"]
    if totals:
        anchor: float | None = totals[-1].value
        anchor_day: date | None = totals[-1].on
    else:
        anchor, anchor_day = start_value(c), None
    if anchor is None:
        return None
    deltas = [
        f.value for f in rows if f.mode == "delta" and (anchor_day is None or f.on > anchor_day)
    ]
    return math.fsum([anchor, *deltas])


def series(c: Commitment, figures: Iterable[Figure], t: date) -> list[tuple[date, float]]:
    """The value on each day a figure counts, up to `t`: what a chart draws."""
    mine = counted(c, figures, t)
    points = []
    for day in sorted({f.on for f in mine}):
        try:
            value = value_at(c, mine, day)
        except (ArithmeticError, ValueError):
            return []  # a history edited by hand beyond the numbers pledge keeps: no chart
        if value is not None and math.isfinite(value) and abs(value) <= LARGEST:
            points.append((day, value))
    return points


def satisfies(value: float | None, c: Commitment) -> bool:
    goal = c.goal
    if value is None or goal is None:
        return False
    # A milestone is done at 1 whatever comparator a hand-made row gives it: 0 takes it back.
    if c.kind == "milestone" or c.comparator == ">=":
        return value >= goal
    return value <= goal


def progress_of(c: Commitment, value: float | None) -> float | None:
    """How far from the baseline to the target: 0.8 for 80 %.

    `>=` measures from the baseline (0 when absent); `<=` is a reduction and
    needs a known level baseline to measure from.
    """
    goal = c.goal
    if goal is None or value is None:
        return None
    if c.kind == "milestone":
        return 1.0 if satisfies(value, c) else 0.0
    if c.comparator == ">=":
        b = start_value(c) or 0.0
        span, done = goal - b, value - b
    else:
        if c.kind == "flow" or c.baseline is None:
            return None
        span, done = c.baseline - goal, c.baseline - value
    if span == 0:
        return 1.0 if satisfies(value, c) else 0.0
    return done / span


def expected_at(c: Commitment, t: date) -> float | None:
    """The pace line's value at `t`: straight from (start, baseline) to (deadline, target).

    Before the start the line stays at the baseline, after the deadline at the target.
    """
    b = start_value(c)
    if c.kind == "milestone" or c.target is None or b is None:
        return None
    if c.start is None or c.deadline is None or c.deadline <= c.start:
        return None
    day = min(max(t, c.start), c.deadline)
    return b + (c.target - b) * (day - c.start).days / (c.deadline - c.start).days


def on_pace(value: float, expected: float, c: Commitment) -> bool:
    return value >= expected if c.comparator == ">=" else value <= expected


def standing(c: Commitment, figures: Sequence[Figure], t: date) -> Standing:
    """What `c`'s figures say on day `t`, for the status rules."""
    mine = [f for f in figures if f.commitment_id == c.id]
    known = [f.on for f in mine if f.on <= t]
    past = c.deadline is not None and t > c.deadline
    return Standing(
        value=value_at(c, mine, t),
        reported=bool(counted(c, mine, t)),
        last=max(known) if known else None,
        at_deadline=value_at(c, mine, c.deadline) if past and c.deadline else None,
        reported_by_deadline=bool(past and c.deadline and counted(c, mine, c.deadline)),
    )


def status_of(c: Commitment, figures: Sequence[Figure], t: date) -> str:
    return status_from(c, standing(c, figures, t), t)


def status_from(c: Commitment, s: Standing, t: date) -> str:
    """The first of DESIGN's status rules that applies at `t`.

    Readings beyond DESIGN: `met` needs at least one report, because no
    evidence is not success; and a flow capped with `<=` is not met before its
    period ends, since the count can still grow.
    """
    if c.goal is None:
        return TRACKING
    if c.deadline is not None and t > c.deadline:
        # Met on time needs a report by the deadline: a late report does not make a
        # baseline that already satisfied the target into evidence.
        if s.reported_by_deadline and satisfies(s.at_deadline, c):
            return MET
        if s.reported and c.kind != "flow" and satisfies(s.value, c):
            return MET_LATE
        return OVERDUE
    capped_flow = c.kind == "flow" and c.comparator == "<="
    if s.reported and not capped_flow and satisfies(s.value, c):
        return MET
    if c.kind == "milestone":
        return IN_PROGRESS
    if not s.reported:
        return NO_DATA
    expected = expected_at(c, t)
    if expected is not None and s.value is not None:
        return ON_TRACK if on_pace(s.value, expected, c) else BEHIND
    return IN_PROGRESS


def flags_of(
    c: Commitment, status: str, last: date | None, t: date, soon_days: int, stale_days: int
) -> tuple[str, ...]:
    if status in CLOSED:
        return ()
    flags = []
    if c.deadline is not None and 0 <= (c.deadline - t).days <= soon_days:
        flags.append(DUE_SOON)
    if last is not None and (t - last).days > stale_days:
        flags.append(STALE)
    return tuple(flags)


def needed_per_month(c: Commitment, value: float | None, status: str, t: date) -> float | None:
    """What must still be added each month to reach the target by the deadline."""
    if status in CLOSED or status == OVERDUE or c.kind == "milestone":
        return None
    if c.target is None or c.deadline is None or value is None:
        return None
    # On the deadline itself the day is still there to use: count it as one.
    days_left = max((c.deadline - t).days, 1)
    return (c.target - value) / (days_left / DAYS_PER_MONTH)


def _round(x: float | None, digits: int) -> float | None:
    return None if x is None else round(x, digits)


def assess(
    c: Commitment,
    figures: Sequence[Figure],
    t: date,
    soon_days: int = DUE_SOON_DAYS,
    stale_days: int = STALE_DAYS,
) -> Assessment:
    """The row of `status` for `c` at `t`; an `error` row when its numbers cannot be computed.

    pledge refuses such numbers when they are written, but a database edited by hand or
    by an older pledge may hold them: one bad commitment must not hide all the others.
    """
    mine = [f for f in figures if f.commitment_id == c.id]
    if problem := _out_of_range(c, mine):
        return _error_row(c, mine, t, problem)
    try:
        row = assess_standing(c, standing(c, mine, t), t, soon_days, stale_days)
    except (ArithmeticError, ValueError) as exc:
        return _error_row(c, mine, t, labels.t("cannot_add_up", detail=exc))
    return row if _finite(row) else _error_row(c, mine, t, labels.t("beyond_range"))


def assess_read(
    c: Commitment, s: Standing, t: date, soon_days: int, stale_days: int
) -> Assessment | None:
    """The row of `status` from a standing the store read, or None when the row needs the
    figures themselves (a number beyond range: the pure path names it)."""
    if _out_of_range(c, ()):
        return None
    try:
        row = assess_standing(c, s, t, soon_days, stale_days)
    except (ArithmeticError, ValueError):
        return None
    return row if _finite(row) else None


def _finite(row: Assessment) -> bool:
    numbers = (row.value, row.progress, row.expected, row.gap, row.needed_per_month)
    return all(x is None or math.isfinite(x) for x in numbers)


def _out_of_range(c: Commitment, figures: Sequence[Figure]) -> str | None:
    """The first stored number beyond what pledge accepts when it is written."""
    for field_name in ("target", "baseline"):
        x = getattr(c, field_name)
        if _beyond(x):
            return _beyond_message(labels.FIELDS[field_name], x)
    for f in figures:
        if _beyond(f.value):
            return _beyond_message(labels.t("figure_of", on=f.on), f.value)
    return None


def _beyond(x: float | None) -> bool:
    return x is not None and not (math.isfinite(x) and abs(x) <= LARGEST)


def _beyond_message(name: str, x: float) -> str:
    return labels.t("beyond_numbers", name=name, x=f"{x:g}", largest=f"{LARGEST:g}")


def _error_row(c: Commitment, figures: Sequence[Figure], t: date, problem: str) -> Assessment:
    known = [f.on for f in figures if f.on <= t]
    return Assessment(
        id=c.id, document_id=c.document_id, title=c.title, owner=c.owner, kind=c.kind,
        comparator=c.comparator, target=c.target, unit=c.unit, value=None, progress=None,
        expected=None, status=ERROR, flags=(), deadline=c.deadline,
        last_reported_on=max(known) if known else None, days_overdue=None, gap=None,
        needed_per_month=None, problem=problem,
    )  # fmt: skip


def assess_standing(
    c: Commitment, s: Standing, t: date, soon_days: int, stale_days: int
) -> Assessment:
    """The row of `status` for `c` at `t`, from what its figures say (DESIGN's rules)."""
    value = s.value
    status = status_from(c, s, t)
    expected = expected_at(c, t)
    overdue_days = (t - c.deadline).days if status == OVERDUE and c.deadline else None
    gap = value - expected if value is not None and expected is not None else None
    return Assessment(
        id=c.id,
        document_id=c.document_id,
        title=c.title,
        owner=c.owner,
        kind=c.kind,
        comparator=c.comparator,
        target=c.target,
        unit=c.unit,
        value=value,
        progress=_round(progress_of(c, value), 4),
        expected=_round(expected, 2),
        status=status,
        flags=flags_of(c, status, s.last, t, soon_days, stale_days),
        deadline=c.deadline,
        last_reported_on=s.last,
        days_overdue=overdue_days,
        gap=_round(gap, 2),
        needed_per_month=_round(needed_per_month(c, value, status, t), 2),
    )


def urgency(a: Assessment) -> tuple[int, int, date, str]:
    """Sort key: overdue (longest first), then due soon, behind, no data, … met, tracking."""
    if a.status == OVERDUE:
        group = 0
    elif DUE_SOON in a.flags:
        group = 1
    else:
        group = 2 + STATUSES.index(a.status)
    return (group, -(a.days_overdue or 0), a.deadline or date.max, a.id)


def assess_groups(
    commitments: Iterable[Commitment],
    groups: Iterable[tuple[str, Sequence[Figure]]],
    t: date,
    soon_days: int = DUE_SOON_DAYS,
    stale_days: int = STALE_DAYS,
) -> list[Assessment]:
    """Every commitment as of `t`, the most urgent first, from figures grouped by commitment.

    Groups are consumed one at a time, so a caller can stream them from the store.
    """
    by_id = {c.id: c for c in commitments}
    rows = []
    for cid, figures in groups:
        if (c := by_id.pop(cid, None)) is not None:
            rows.append(assess(c, figures, t, soon_days, stale_days))
    rows += [assess(c, [], t, soon_days, stale_days) for c in by_id.values()]
    return sorted(rows, key=urgency)


def assess_all(
    commitments: Iterable[Commitment],
    figures: Iterable[Figure],
    t: date,
    soon_days: int = DUE_SOON_DAYS,
    stale_days: int = STALE_DAYS,
) -> list[Assessment]:
    """Every commitment as of `t`, the most urgent first."""
    by_id: dict[str, list[Figure]] = {}
    for f in figures:
        by_id.setdefault(f.commitment_id, []).append(f)
    return assess_groups(commitments, by_id.items(), t, soon_days, stale_days)


def overdue_list(
    rows: Iterable[Assessment], t: date, within: int | None = None
) -> list[Assessment]:
    """The overdue rows, longest overdue first; with `within`, then the open ones due within
    that many days of `t`, soonest first."""
    rows = sorted(rows, key=urgency)
    late = [a for a in rows if a.status == OVERDUE]
    if within is None:
        return late
    soon = [
        a
        for a in rows
        if a.is_open and a.deadline is not None and 0 <= (a.deadline - t).days <= within
    ]
    return late + sorted(soon, key=lambda a: (a.deadline or date.max, a.id))


# -- the 台账: per responsible unit ------------------------------------------------------

# A commitment shared by several units names them all: 市发展改革委、市财政局.
_OWNER_SEPARATORS = re.compile(r"[、,，;；/]+")


def owners_of(owner: str | None) -> list[str]:
    """The units an owner field names, each once; [""] when it names none."""
    names = [n.strip() for n in _OWNER_SEPARATORS.split(owner or "")]
    return list(dict.fromkeys(n for n in names if n)) or [""]


def needs_report(a: Assessment) -> bool:
    """应报未报: open, and its last figure is older than the stale limit, or it has none."""
    return a.is_open and (STALE in a.flags or a.last_reported_on is None)


def ledger(rows: Iterable[Assessment], by: str) -> list[LedgerRow]:
    """One row per owner (each unit of a shared commitment counts it) or per document,
    the worst first: most overdue, then most 应报未报, most behind, longest overdue."""
    groups: dict[str, list[Assessment]] = {}
    for a in rows:
        keys = owners_of(a.owner) if by == "owner" else [a.document_id or ""]
        for key in keys:
            groups.setdefault(key, []).append(a)
    lines = [_ledger_row(key, members) for key, members in groups.items()]
    return sorted(lines, key=_worst_first)


def _ledger_row(group: str, members: Sequence[Assessment]) -> LedgerRow:
    late = [a for a in members if a.status == OVERDUE]
    worst = min(late, key=lambda a: (-(a.days_overdue or 0), a.id), default=None)
    return LedgerRow(
        group=group,
        commitments=len(members),
        counts=dict(Counter(a.status for a in members)),
        stale=sum(needs_report(a) for a in members),
        most_overdue=worst.id if worst else None,
        most_overdue_days=worst.days_overdue if worst else None,
    )


def _worst_first(row: LedgerRow) -> tuple[int, int, int, int, bool, str]:
    behind = row.counts.get(BEHIND, 0)
    return (
        -row.overdue,
        -row.stale,
        -behind,
        -(row.most_overdue_days or 0),
        not row.group,
        row.group,
    )
