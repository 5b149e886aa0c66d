"""The monthly 通报 as text: the sentences such a notice is written in, from the status rows.

Every sentence is a template of the catalogue's NOTICE section, so each kind,
comparator, status and flag reads the same in a test as on paper, in both languages.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date

from pledgecli import labels
from pledgecli.model import (
    BEHIND,
    DUE_SOON,
    ERROR,
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
    LedgerRow,
    Notice,
)
from pledgecli.progress import DAYS_PER_MONTH, needs_report, progress_of
from pledgecli.render.console import number

_CHINESE_ORDINALS = "一二三四五六七八九十"
SHORT_RUN_DAYS = 46  # below about six weeks, what remains is said in days


def amount(x: float | None, unit: str | None) -> str:
    """2,450批次 in Chinese, 2,450 批次 in English."""
    if not unit:
        return number(x)
    gap = "" if labels.language() == "zh" else " "
    return f"{number(x)}{gap}{unit}"


def percent(fraction: float | None) -> str:
    return "—" if fraction is None else labels.percent(fraction)


def heading(n: int, text: str) -> str:
    """一、总体情况 / 1. Overview."""
    if labels.language() == "zh":
        return f"{_CHINESE_ORDINALS[n - 1]}、{text}"
    return f"{n}. {text}"


def subheading(n: int, text: str) -> str:
    if labels.language() == "zh":
        return f"（{_CHINESE_ORDINALS[min(n, 10) - 1]}）{text}"
    return f"({chr(ord('a') + n - 1)}) {text}"


def _say(key: str, **values: object) -> str:
    template: str = labels.NOTICE[key]
    return template.format(**values)


def title(notice: Notice, owner: str | None = None, doc: str | None = None) -> str:
    text = _say("title", as_of=labels.day(notice.as_of))
    if owner:
        text += _say("scope_owner", owner=owner)
    if doc:
        text += _say("scope_document", document=doc)
    return text


def summary(notice: Notice) -> str:
    tally = {s: 0 for s in STATUSES}
    for a in notice.rows:
        tally[a.status] += 1
    text = _say(
        "summary",
        as_of=labels.day(notice.as_of),
        total=labels.count(len(notice.rows) - tally[TRACKING], "commitment"),
        met=tally[MET],
        met_late=tally[MET_LATE],
        on_track=tally[ON_TRACK],
        in_progress=tally["in progress"],
        behind=tally[BEHIND],
        overdue=tally[OVERDUE],
        no_data=tally[NO_DATA],
        stale=sum(needs_report(a) for a in notice.rows),
    )
    if tally[TRACKING]:
        text += _say("summary_tracking", tracking=tally[TRACKING])
    return text


def _quoted(title: str) -> str:
    """A title to put in “…”: its own double quotes become single ones."""
    return title.replace("“", "‘").replace("”", "’")


def ledger_sentence(row: LedgerRow, titles: dict[str, str]) -> str:
    """One unit in the notice's words; its tracked indicators are named apart, as the summary
    does, since they promise no target."""
    who = row.group or labels.t("ledger_none")
    tracked = row.counts.get(TRACKING, 0)
    commitments = row.commitments - tracked
    if not commitments:
        return _say("ledger_tracking_only", owner=who, tracking=labels.count(tracked, "indicator"))
    problems = [
        _say(key, n=n)
        for key, n in (
            ("ledger_overdue", row.overdue),
            ("ledger_behind", row.counts.get(BEHIND, 0)),
            ("ledger_stale", row.stale),
        )
        if n
    ]
    if not problems:
        return _say("ledger_fine", owner=who, total=labels.count(commitments, "commitment"))
    text = _say(
        "ledger_line",
        owner=who,
        total=labels.count(commitments, "commitment"),
        problems=_say("list_sep").join(problems),
    )
    if row.most_overdue:
        worst = _quoted(titles.get(row.most_overdue, row.most_overdue))
        days = labels.count(row.most_overdue_days or 0, "day")
        text += _say("ledger_worst", title=worst, days=days)
    return text + _say("full_stop")


def paragraph(a: Assessment, c: Commitment, as_of: date, stale_days: int) -> str:
    """One commitment in the register of a progress notice: where it stands, and what is owed."""
    text = _state_sentence(a, c, as_of)
    if STALE in a.flags and a.last_reported_on:
        stale = labels.count(stale_days, "day")
        text += _say("stale", last=labels.day(a.last_reported_on), days=stale)
    if DUE_SOON in a.flags and a.deadline:
        text += _say("due_soon", days=labels.count((a.deadline - as_of).days, "day"))
    return text


def _state_sentence(a: Assessment, c: Commitment, as_of: date) -> str:
    day = labels.day(as_of)
    values = {
        "title": a.title,
        "as_of": day,
        "value": amount(a.value, a.unit),
        "target": amount(a.target, a.unit),
        "deadline": labels.day(a.deadline),
        "progress": percent(a.progress),
        "days": labels.count(a.days_overdue or 0, "day"),
        "last": labels.day(a.last_reported_on),
    }
    if a.status == ERROR:
        return _say("error", title=a.title, problem=a.problem)
    if a.status == TRACKING:
        return _say("tracking" if a.value is not None else "tracking_empty", **values)
    if a.kind == "milestone":
        key = {MET: "milestone_met", MET_LATE: "milestone_met_late", OVERDUE: "milestone_overdue"}
        unreported = "milestone_unreported" if a.last_reported_on is None else "milestone_open"
        return _say(key.get(a.status, unreported), **values)
    # A flow counts from 0: with nothing reported, say so rather than "0 done".
    if a.status == NO_DATA or a.value is None or a.last_reported_on is None:
        if a.status == OVERDUE:
            within = a.comparator == "<="
            return _say("overdue_empty_within" if within else "overdue_empty", **values)
        return _say("no_data", **values)
    if a.status == OVERDUE and a.comparator == "<=":
        if a.kind == "flow":
            return _say("cap_over", over=amount((a.value or 0) - (a.target or 0), a.unit), **values)
        return _say("reduce_overdue", **values)
    if a.status == OVERDUE:
        return _say("overdue", **values)
    if a.status in (MET, MET_LATE):
        met = "met" if a.status == MET else "met_late"
        return _say(met + ("_within" if a.comparator == "<=" else ""), **values)
    if a.comparator == "<=":
        return _at_most(a, values)
    if a.kind == "flow" and a.expected is not None:
        return _against_pace(a, c, as_of, values)
    remaining = (a.target or 0) - a.value
    return _say("level", remaining=amount(remaining, a.unit), **values)


def _at_most(a: Assessment, values: Mapping[str, object]) -> str:
    over = (a.value or 0) - (a.target or 0)
    if a.kind == "flow":
        if over > 0:
            return _say("cap_over", over=amount(over, a.unit), **values)
        return _say("cap_within", **values)
    return _say("reduce", remaining=amount(max(over, 0), a.unit), **values)


def _against_pace(a: Assessment, c: Commitment, as_of: date, values: Mapping[str, object]) -> str:
    expected = progress_of(c, a.expected)
    points = round((a.progress or 0) * 100, 1) - round((expected or 0) * 100, 1)
    calendar_year = (
        c.start is not None
        and c.deadline is not None
        and (c.start.month, c.start.day, c.deadline.month, c.deadline.day) == (1, 1, 12, 31)
        and c.start.year == c.deadline.year
    )
    values = {**values, "expected": percent(expected), "gap": f"{abs(points):.1f}"}
    values["goal"] = _say("annual_goal" if calendar_year else "goal")
    relation = "even" if abs(points) < 0.05 else ("below" if points < 0 else "above")
    text = _say(f"pace_{relation}", **values)
    if a.needed_per_month is not None and a.needed_per_month > 0 and a.deadline is not None:
        days_left = (a.deadline - as_of).days
        if days_left < SHORT_RUN_DAYS:
            # A monthly rate larger than what is left misleads: say what is left instead.
            remaining = amount((a.target or 0) - (a.value or 0), a.unit)
            text += _say(
                "pace_needed_days", days=labels.count(days_left, "day"), remaining=remaining
            )
        else:
            months = round(days_left / DAYS_PER_MONTH)
            needed = amount(round(a.needed_per_month), a.unit)
            text += _say("pace_needed", months=labels.count(months, "month"), needed=needed)
    return text + _say("full_stop")


def paragraphs(notice: Notice) -> Iterator[tuple[str, list[tuple[Assessment, str]]]]:
    """The commitments grouped by status, worst first, each with its paragraph."""
    for status in STATUSES:
        members = [a for a in notice.rows if a.status == status]
        if members:
            heading_text = _say("group", status=labels.STATUS[status], n=len(members))
            yield (
                heading_text,
                [
                    (a, paragraph(a, notice.commitments[a.id], notice.as_of, notice.stale_days))
                    for a in members
                ],
            )


def notice_text(notice: Notice, owner: str | None = None, doc: str | None = None) -> str:
    """The whole notice as plain text, ready to paste into a document."""
    titles = {a.id: a.title for a in notice.rows}
    lines = [title(notice, owner, doc), ""]
    lines += [heading(1, _say("h_summary")), summary(notice), ""]
    lines.append(heading(2, _say("h_ledger")))
    lines += [ledger_sentence(row, titles) for row in notice.ledger]
    lines.append("")
    lines.append(heading(3, _say("h_items")))
    for i, (group, items) in enumerate(paragraphs(notice), start=1):
        lines.append(subheading(i, group))
        lines += [f"{n}. {text}" for n, (_, text) in enumerate(items, start=1)]
    return "\n".join(lines) + "\n"
