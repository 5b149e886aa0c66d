"""The 台账: one line per responsible unit (or document), as a table or as records."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pledgecli import columns, labels
from pledgecli.model import (
    BEHIND,
    IN_PROGRESS,
    MET,
    MET_LATE,
    NO_DATA,
    ON_TRACK,
    OVERDUE,
    TRACKING,
    LedgerRow,
    LedgerView,
)
from pledgecli.render.console import console, table
from pledgecli.render.machine import write_records

# What each count column of the table adds up, and the colour it takes when not zero.
_COUNTS = (
    ("overdue", (OVERDUE,), "bold red"),
    ("behind", (BEHIND,), "yellow"),
    ("no_data", (NO_DATA,), "yellow"),
    ("stale", (), "yellow"),
    ("open", (IN_PROGRESS, ON_TRACK), ""),
    ("met", (MET, MET_LATE), "green"),
    ("tracking", (TRACKING,), "dim"),
)


def group_column(by: str) -> str:
    return "owner" if by == "owner" else "document_id"


def ledger_records(view: LedgerView) -> Iterator[dict[str, Any]]:
    """Rows for --format json|csv: the group, then every status's count, 应报未报 and the worst."""
    for row in view.rows:
        record: dict[str, Any] = {group_column(view.by): row.group, "commitments": row.commitments}
        for name in columns.LEDGER_COUNTS[1:-3]:
            record[name] = row.counts.get(name.replace("_", " "), 0)
        record["stale"] = row.stale
        record["most_overdue"] = row.most_overdue
        record["most_overdue_days"] = row.most_overdue_days
        yield record


def _count(row: LedgerRow, name: str, statuses: tuple[str, ...]) -> int:
    return row.stale if name == "stale" else sum(row.counts.get(s, 0) for s in statuses)


def print_ledger(view: LedgerView, ascii_only: bool) -> None:
    from rich.text import Text

    out = console()
    if not view.rows:
        out.print(labels.TEXT["no_commitments"])
        return
    words = labels.LEDGER
    title = labels.t(f"ledger_title_{view.by}", as_of=labels.day(view.as_of))
    grid = table(title, ascii_only)
    group = labels.COLUMNS["owner" if view.by == "owner" else "document"]
    grid.add_column(group, ratio=1, overflow="fold")
    grid.add_column(words["commitments"], justify="right", no_wrap=True)
    for name, _, _ in _COUNTS:
        grid.add_column(words[name], justify="right", no_wrap=True)
    for row in view.rows:
        # The most overdue item goes under the unit's name, so the counts keep one line.
        who = Text(row.group or labels.t("ledger_none"), style="" if row.group else "dim")
        if row.most_overdue:
            days = labels.TEXT["days_late"].format(days=row.most_overdue_days)
            worst = labels.t("ledger_worst", id=row.most_overdue, days=days)
            who.append("\n" + worst, style="red")
        cells = [who, Text(f"{row.commitments:,}")]
        for name, statuses, style in _COUNTS:
            n = _count(row, name, statuses)
            cells.append(Text(f"{n:,}", style=style if n else "dim"))
        grid.add_row(*cells)
    out.print(grid)


def emit_ledger(view: LedgerView, fmt: str, ascii_only: bool, headers: str = "en") -> None:
    if fmt == "table":
        print_ledger(view, ascii_only)
        return
    names = (group_column(view.by), *columns.LEDGER_COUNTS)
    write_records(
        ledger_records(view), names, fmt, None, False, columns.header_names(names, headers)
    )
