"""`show`: one commitment, where it comes from, its status and its figures with their history."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from pledgecli import columns, labels
from pledgecli.charts import chart_of
from pledgecli.columns import record_of
from pledgecli.model import Assessment, Commitment, Figure, Revision, ShowView
from pledgecli.progress import series
from pledgecli.render.console import (
    console,
    flags_text,
    number,
    status_text,
    table,
    target_text,
    value_text,
)
from pledgecli.render.machine import json_text, plain, plain_record

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.text import Text


def print_commitment(view: ShowView, ascii_only: bool) -> None:
    from rich.table import Table
    from rich.text import Text

    c, document = view.commitment, view.document
    out = console()
    f = labels.FIELDS
    heading = Text(c.id, style="bold")
    heading.append("  ")
    heading.append(c.title)
    out.print(heading)
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="dim", no_wrap=True)
    facts.add_column(overflow="fold")
    doc = c.document_id or "—"
    if document is not None and document.doc_number:
        doc = f"{document.doc_number} ({c.document_id})"
    period = " – ".join(d.isoformat() if d else "…" for d in (c.start, c.deadline))
    for label, value in (
        (f["document_id"], doc),
        (f["document_title"], document.title if document else None),
        (f["source"], document.source if document else None),
        (f["section"], c.section),
        (f["owner"], c.owner),
        (f["kind"], labels.KIND[c.kind]),
        (f["target"], target_text(c.comparator, c.target, c.unit, c.kind)),
        (f["baseline"], number(c.baseline) if c.baseline is not None else None),
        (f["period"], period if c.start or c.deadline else None),
        (f["quote"], c.quote),
        (f["notes"], c.notes),
    ):
        if value:
            facts.add_row(Text(label), Text(str(value)))
    facts.add_row(Text(f["status"]), _status_line(view.assessment, view.as_of))
    out.print(facts)
    out.print(figures_table(c, view.figures, view.revisions, ascii_only))
    chart = chart_of(c, series(c, view.figures, view.as_of), view.as_of)
    if chart is not None and chart.points:
        from pledgecli.render.plot import plot_text

        out.print()
        out.print(plot_text(chart, view.assessment.status, ascii_only))


def _status_line(a: Assessment, as_of: date) -> Text:
    f = labels.FIELDS
    line = status_text(a)
    line.append("  " + labels.TEXT["as_of"].format(as_of=labels.day(as_of)), style="dim")
    details = [
        (f["value"], value_text(a) if a.value is not None or a.kind == "milestone" else None),
        (f["progress"], labels.percent(a.progress) if a.progress is not None else None),
        (f["expected"], number(a.expected) if a.expected is not None else None),
        (f["gap"], f"{a.gap:+,.2f}".rstrip("0").rstrip(".") if a.gap is not None else None),
        (
            f["needed_per_month"],
            number(a.needed_per_month) if a.needed_per_month is not None else None,
        ),
        (f["last_reported_on"], labels.day(a.last_reported_on) if a.last_reported_on else None),
        (f["problem"], a.problem),
    ]
    for label, value in details:
        if value is not None:
            line.append(f"\n{label}: {value}")
    if a.flags:
        line.append("\n")
        line.append_text(flags_text(a.flags))
    return line


def _by_figure(revisions: Sequence[Revision]) -> dict[int, list[Revision]]:
    """Each figure's earlier values, oldest first."""
    earlier: dict[int, list[Revision]] = {}
    for r in revisions:
        earlier.setdefault(r.figure_seq, []).append(r)
    return earlier


def figures_table(
    c: Commitment, figures: Sequence[Figure], revisions: Sequence[Revision], ascii_only: bool
) -> RenderableType:
    from rich.text import Text

    if not figures:
        return Text(labels.TEXT["no_figures"], style="dim")
    earlier = _by_figure(revisions)
    col = labels.COLUMNS
    grid = table(labels.TEXT["figures_title"], ascii_only)
    grid.add_column(col["on"], no_wrap=True)
    grid.add_column(col["mode"], no_wrap=True)
    grid.add_column(col["value"], justify="right", no_wrap=True)
    grid.add_column(col["source"], overflow="fold")
    grid.add_column(col["note"], overflow="fold")
    grid.add_column(col["history"], overflow="fold")
    for fig in figures:
        history = "; ".join(
            labels.TEXT["revised_on"].format(old=number(r.old_value), revised_at=r.revised_at[:10])
            for r in earlier.get(fig.seq, [])
        )
        grid.add_row(
            Text(fig.on.isoformat()),
            Text(labels.MODE[fig.mode]),
            Text(number(fig.value) + (f" {c.unit}" if c.unit else "")),
            Text(fig.source),
            Text(fig.note),
            Text(history, style="dim"),
        )
    return grid


def commitment_json(view: ShowView) -> str:
    earlier = _by_figure(view.revisions)
    document = {
        "commitment": plain_record(record_of(view.commitment, columns.COMMITMENT)),
        "status": plain_record(record_of(view.assessment, columns.STATUS)),
        "figures": [
            {
                "on": fig.on.isoformat(),
                "value": plain(fig.value),
                "mode": fig.mode,
                "source": fig.source,
                "note": fig.note,
                "entered_at": fig.entered_at,
                "earlier": [
                    {
                        "value": plain(r.old_value),
                        "entered_at": r.old_entered_at,
                        "revised_at": r.revised_at,
                    }
                    for r in earlier.get(fig.seq, [])
                ],
            }
            for fig in view.figures
        ],
    }
    return json_text(document)
