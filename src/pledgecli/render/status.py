"""Progress tables: `status`, `overdue`, and the view after a write; and `list`."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from pledgecli import columns, labels
from pledgecli.columns import record_of
from pledgecli.model import AFTER_WRITE_ROWS, STATUSES, Assessment, Commitment, StatusView
from pledgecli.render.console import (
    STATUS_STYLE,
    console,
    flags_text,
    progress_bar,
    status_text,
    table,
    target_text,
    value_text,
    warn,
)
from pledgecli.render.machine import write_records

if TYPE_CHECKING:
    from rich.table import Table
    from rich.text import Text

# Below this width the title moves under the id and the bar gives way to the percent,
# so that an 80-column terminal still shows every commitment's words.
NARROW_WIDTH = 110


def _wide_width(rows: Sequence[Assessment]) -> int:
    """The width the wide layout needs: its one-line columns, a title column of 12, and gaps."""
    from rich.cells import cell_len

    def widest(cells: Iterable[str]) -> int:
        return max((cell_len(c) for c in cells), default=0)

    one_line = [
        widest(a.id for a in rows),
        widest(target_text(a.comparator, a.target, a.unit, a.kind) for a in rows),
        widest(value_text(a) for a in rows),
        8 + 7,  # the bar and its percent
        10,  # a date
        widest(status_text(a).plain for a in rows),
    ]
    return sum(one_line) + 12 + 2 * len(one_line) + 1


def status_table(
    rows: Sequence[Assessment], title: str, ascii_only: bool, narrow: bool = False
) -> Table:
    """One row per commitment, the owner under the title and the flags under the status.

    Narrow, the title and owner go under the id, the deadline under the target and the
    percent under the value, so that the commitment's words keep most of the width.
    """
    from rich.text import Text

    col = labels.COLUMNS
    grid = table(title, ascii_only)
    if narrow:
        grid.add_column(col["title"], overflow="fold", ratio=1)
        grid.add_column(f"{col['target']}\n{col['deadline']}", justify="right", no_wrap=True)
        grid.add_column(f"{col['value']}\n{col['progress']}", justify="right", no_wrap=True)
    else:
        grid.add_column(col["id"], no_wrap=True)
        grid.add_column(col["title"], overflow="fold", min_width=12, ratio=1)
        grid.add_column(col["target"], justify="right", no_wrap=True)
        grid.add_column(col["value"], justify="right", no_wrap=True)
        grid.add_column(col["progress"], no_wrap=True)
        grid.add_column(col["deadline"], no_wrap=True)
    grid.add_column(col["status"], no_wrap=True)
    for a in rows:
        what = Text(a.title)
        if a.owner:
            what.append("\n" + a.owner, style="dim")
        if a.problem:
            what.append("\n" + a.problem, style=STATUS_STYLE[a.status])
        state = status_text(a)
        if a.flags:
            state.append("\n")
            state.append_text(flags_text(a.flags))
        target = Text(target_text(a.comparator, a.target, a.unit, a.kind))
        deadline = Text(a.deadline.isoformat() if a.deadline else "—")
        value = Text(value_text(a))
        if narrow:
            what = Text(a.id, style="bold").append("\n").append_text(what)
            target.append("\n").append_text(deadline)
            value.append("\n").append_text(progress_bar(a.progress, ascii_only, width=0))
            grid.add_row(what, target, value, state)
        else:
            bar = progress_bar(a.progress, ascii_only, width=8)
            grid.add_row(Text(a.id), what, target, value, bar, deadline, state)
    return grid


def footer(rows: Sequence[Assessment]) -> Text:
    from rich.text import Text

    tally = Counter(a.status for a in rows)
    text = Text(labels.t("footer", count=labels.count(len(rows), "commitment")))
    parts = [s for s in STATUSES if tally[s]]
    for i, status in enumerate(parts):
        if i:
            text.append(" · ")
        words = labels.t("status_count", n=tally[status], status=labels.STATUS[status])
        text.append(words, style=STATUS_STYLE[status])
    return text


# A table shows what a person reads: the most urgent rows (the rest counted, --all for them).
SHOWN_ROWS = 50


def print_status(
    rows: Sequence[Assessment],
    title: str,
    ascii_only: bool,
    empty: str,
    shown: int | None = SHOWN_ROWS,
    more: str = "more_rows",
) -> None:
    """The table of `rows` (the first `shown` of them), their count by status, and a line
    for the rest."""
    out = console()
    if not rows:
        out.print(empty)
        return
    head = rows if shown is None else rows[:shown]
    print_table(head, title, ascii_only)
    out.print(footer(rows))
    if len(head) < len(rows):
        total, rest = f"{len(rows):,}", f"{len(rows) - len(head):,}"
        out.print(labels.t(more, shown=len(head), total=total, more=rest), style="dim")


def print_table(rows: Sequence[Assessment], title: str, ascii_only: bool) -> None:
    out = console()
    narrow = out.width < max(NARROW_WIDTH, _wide_width(rows))
    out.print(status_table(rows, title, ascii_only, narrow=narrow))


def emit_rows(
    rows: Sequence[Assessment],
    fmt: str,
    title: str,
    empty: str,
    ascii_only: bool,
    headers: str = "en",
    every: bool = False,
) -> None:
    """Rows as a table for people (the most urgent ones, or `every` one), or CSV/JSON for
    scripts; a row that could not be computed is also named on stderr, so a script sees it."""
    for a in rows:
        if a.problem:
            warn(f"{a.id}: {a.problem}")
    if fmt == "table":
        print_status(rows, title, ascii_only, empty, None if every else SHOWN_ROWS)
    else:
        names = columns.header_names(columns.STATUS, headers)
        write_records(
            (record_of(a, columns.STATUS) for a in rows), columns.STATUS, fmt, None, False, names
        )


def print_after_write(view: StatusView, ascii_only: bool) -> None:
    """After figures come in: the changed commitments' rows, then the longest overdue (only
    those were read when more are overdue: the rest are a line, not a count)."""
    day = labels.day(view.as_of)
    if view.rows:
        print_status(view.rows, labels.TEXT["status_title"].format(as_of=day), ascii_only, "",
                     AFTER_WRITE_ROWS, "more_changed")  # fmt: skip
    title = labels.TEXT["overdue_title"].format(as_of=day)
    if not view.more_overdue:
        print_status(
            view.overdue, title, ascii_only, labels.TEXT["nothing_overdue"].format(as_of=day)
        )
        return
    print_table(view.overdue, title, ascii_only)
    console().print(labels.t("more_overdue", shown=len(view.overdue)), style="dim")


def print_commitments(commitments: Sequence[Commitment], ascii_only: bool) -> None:
    from rich.text import Text

    out = console()
    if not commitments:
        out.print(labels.TEXT["no_commitments"])
        return
    col = labels.COLUMNS
    grid = table(labels.TEXT["commitments_title"], ascii_only)
    grid.add_column(col["id"], no_wrap=True)
    grid.add_column(col["document"], no_wrap=True)
    grid.add_column(col["section"], no_wrap=True)
    grid.add_column(col["title"], overflow="fold", ratio=1)
    grid.add_column(col["owner"], overflow="fold", max_width=12)
    grid.add_column(col["kind"], no_wrap=True)
    grid.add_column(col["target"], justify="right", no_wrap=True)
    grid.add_column(col["deadline"], no_wrap=True)
    for c in commitments:
        grid.add_row(
            Text(c.id),
            Text(c.document_id or "—"),
            Text(c.section or ""),
            Text(c.title),
            Text(c.owner or ""),
            Text(labels.KIND[c.kind]),
            Text(target_text(c.comparator, c.target, c.unit, c.kind)),
            Text(c.deadline.isoformat() if c.deadline else "—"),
        )
    out.print(grid)
