"""The one place that renders: rich tables for people, CSV and JSON for scripts.

Tables go through rich; CSV and JSON are written with the standard library
straight to stdout, so nothing wraps them. User text is wrapped in Text() so
that it is never read as markup.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from pledgecli import labels
from pledgecli.model import Commitment, Document, Figure, Revision
from pledgecli.progress import STATUSES, Assessment

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.table import Table

STATUS_STYLE = {
    "met": "bold green",
    "met late": "green",
    "on track": "green",
    "in progress": "blue",
    "no data": "magenta",
    "behind": "yellow",
    "overdue": "bold red",
    "tracking": "dim",
}
FLAG_STYLE = {"due soon": "yellow", "stale": "dim"}

ROW_COLUMNS = (
    "id", "document_id", "title", "owner", "kind", "comparator", "target", "unit", "value",
    "progress", "expected", "status", "flags", "deadline", "last_reported_on", "days_overdue",
    "gap", "needed_per_month",
)  # fmt: skip
COMMITMENT_COLUMNS = (
    "id", "document_id", "section", "title", "owner", "kind", "comparator", "target", "unit",
    "baseline", "start", "deadline", "quote", "notes",
)  # fmt: skip


# -- consoles ------------------------------------------------------------------


def console(stderr: bool = False) -> Console:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=False)


def error(message: str) -> None:
    """An error for a person: on stderr, never markup."""
    from rich.text import Text

    first, *rest = message.split("\n")
    text = Text(labels.TEXT["error"], style="bold red")
    text.append(first)
    for line in rest:
        text.append("\n" + line)
    console(stderr=True).print(text, soft_wrap=True)


def warn(message: str) -> None:
    hint(labels.TEXT["warning"].format(message=message))


def hint(message: str) -> None:
    from rich.text import Text

    console(stderr=True).print(Text(message, style="dim"), soft_wrap=True)


def say(message: str, style: str = "") -> None:
    from rich.text import Text

    console().print(Text(message, style=style), soft_wrap=True)


# -- plain values ----------------------------------------------------------------


def number(x: float | None) -> str:
    """A number for people: 3,500 and 1,750.04."""
    if x is None:
        return "—"
    if float(x).is_integer():
        return f"{int(x):,}"
    return f"{x:,.2f}".rstrip("0").rstrip(".")


def plain(x: Any) -> Any:
    """A value for JSON: ISO dates, whole numbers without '.0'."""
    if isinstance(x, date):
        return x.isoformat()
    if isinstance(x, float) and x.is_integer():
        return int(x)
    if isinstance(x, tuple):
        return list(x)
    return x


def target_text(comparator: str, target: float | None, unit: str | None, kind: str) -> str:
    if kind == "milestone":
        return labels.TEXT["done"]
    if target is None:
        return "—"
    sign = "≥" if comparator == ">=" else "≤"
    return f"{sign} {number(target)}{' ' + unit if unit else ''}"


# -- scripts: CSV and JSON ---------------------------------------------------------


def assessment_record(a: Assessment) -> dict[str, Any]:
    return {name: getattr(a, name) for name in ROW_COLUMNS}


def commitment_record(c: Commitment) -> dict[str, Any]:
    return {name: getattr(c, name) for name in COMMITMENT_COLUMNS}


def _plain_record(record: dict[str, Any]) -> dict[str, Any]:
    return {k: plain(v) for k, v in record.items()}


def write_records(
    records: Iterable[dict[str, Any]],
    columns: Sequence[str],
    fmt: str,
    out: IO[str] | None = None,
    excel: bool = False,
) -> None:
    """Records as a JSON array or as CSV with a header, keys in `columns` order.

    CSV text that Excel would run as a formula gets a leading apostrophe; import
    and load take it off again. `excel` ends lines with CRLF (the caller opens
    the stream with a BOM).
    """
    out = out or sys.stdout
    if fmt == "json":
        # One row a line: readable, grep-able, and encoded by json's fast C path
        # (which indent= would turn off).
        rows = ",\n".join(
            json.dumps({c: plain(r[c]) for c in columns}, ensure_ascii=False) for r in records
        )
        out.write(f"[\n{rows}\n]\n" if rows else "[]\n")
        return
    writer = csv.writer(out, lineterminator="\r\n" if excel else "\n")
    writer.writerow(columns)
    for record in records:
        writer.writerow([_csv_cell(record[name]) for name in columns])


@contextmanager
def output(path: Path | None, excel: bool) -> Iterator[IO[str]]:
    """Where an export goes: stdout, or a file replaced only once it is complete."""
    encoding = "utf-8-sig" if excel else "utf-8"
    if path is None:
        if not excel:
            yield sys.stdout
            return
        stream = io.TextIOWrapper(sys.stdout.buffer, encoding=encoding, newline="")
        try:
            yield stream
        finally:
            stream.flush()
            stream.detach()
        return
    folder = path.resolve().parent
    handle, temp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with open(handle, "w", encoding=encoding, newline="") as stream:
            yield stream
        os.replace(temp, path)
    except BaseException:
        os.unlink(temp)
        raise


def _csv_cell(value: Any) -> Any:
    from pledgecli.tabular import escape_cell

    value = plain(value)
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(value)
    if isinstance(value, str):
        return escape_cell(value)
    return value


# -- people: tables ----------------------------------------------------------------


# Below this width the title moves under the id and the bar gives way to the percent,
# so that an 80-column terminal still shows every commitment's words.
NARROW_WIDTH = 110


def _box(ascii_only: bool) -> Any:
    from rich import box

    if ascii_only:
        # SIMPLE_HEAD drawn with '-': only the rule under the header.
        return box.Box("    \n    \n -- \n    \n    \n    \n    \n    \n", ascii=True)
    return box.SIMPLE_HEAD


def _table(title: str, ascii_only: bool) -> Table:
    from rich.table import Table

    return Table(
        title=title,
        box=_box(ascii_only),
        title_justify="left",
        pad_edge=False,
        collapse_padding=True,
    )


def progress_bar(progress: float | None, ascii_only: bool, width: int = 8) -> Any:
    from rich.text import Text

    if progress is None:
        return Text("—", style="dim")
    style = "green" if progress >= 1 else "cyan"
    percent = Text(f"{progress * 100:.0f}%")
    if width == 0:
        percent.stylize(style)
        return percent
    filled = round(min(max(progress, 0.0), 1.0) * width)
    full, empty = ("#", "-") if ascii_only else ("█", "░")
    bar = Text(full * filled, style=style)
    bar.append(empty * (width - filled), style="dim")
    bar.append(" " * (6 - len(percent)))
    bar.append_text(percent)
    return bar


def status_text(a: Assessment) -> Any:
    from rich.text import Text

    text = Text(labels.STATUS[a.status], style=STATUS_STYLE[a.status])
    if a.days_overdue:
        late = labels.TEXT["days_late"].format(days=a.days_overdue)
        text.append(f" {late}", style=STATUS_STYLE[a.status])
    return text


def flags_text(flags: Iterable[str]) -> Any:
    from rich.text import Text

    text = Text()
    for i, flag in enumerate(flags):
        if i:
            text.append(", ")
        text.append(labels.FLAGS[flag], style=FLAG_STYLE[flag])
    return text


def _wide_width(rows: Sequence[Assessment]) -> int:
    """The width the wide layout needs: its one-line columns, a title column of 12, and gaps."""
    from rich.cells import cell_len

    def widest(cells: Iterable[str]) -> int:
        return max((cell_len(c) for c in cells), default=0)

    one_line = [
        widest(a.id for a in rows),
        widest(target_text(a.comparator, a.target, a.unit, a.kind) for a in rows),
        widest(_value_text(a) for a in rows),
        8 + 6,  # the bar and its percent
        10,  # a date
        widest(status_text(a).plain for a in rows),
    ]
    return sum(one_line) + 12 + 2 * len(one_line) + 1


def status_table(
    rows: Sequence[Assessment], title: str, ascii_only: bool, narrow: bool = False
) -> Table:
    """One row per commitment, the owner under the title and the flags under the status.

    Narrow, the title and owner go under the id and the progress is a percent.
    """
    from rich.text import Text

    col = labels.COLUMNS
    table = _table(title, ascii_only)
    if narrow:
        table.add_column(col["title"], overflow="fold", ratio=1)
    else:
        table.add_column(col["id"], no_wrap=True)
        table.add_column(col["title"], overflow="fold", min_width=12, ratio=1)
    table.add_column(col["target"], justify="right", no_wrap=True)
    table.add_column(col["value"], justify="right", no_wrap=True)
    table.add_column(col["progress"], justify="right" if narrow else "left", no_wrap=True)
    table.add_column(col["deadline"], no_wrap=True)
    table.add_column(col["status"], no_wrap=True)
    for a in rows:
        what = Text(a.title)
        if a.owner:
            what.append("\n" + a.owner, style="dim")
        if narrow:
            what = Text(a.id, style="bold").append("\n").append_text(what)
        state = status_text(a)
        if a.flags:
            state.append("\n")
            state.append_text(flags_text(a.flags))
        cells = [] if narrow else [Text(a.id)]
        table.add_row(
            *cells,
            what,
            Text(target_text(a.comparator, a.target, a.unit, a.kind)),
            Text(_value_text(a)),
            progress_bar(a.progress, ascii_only, width=0 if narrow else 8),
            Text(a.deadline.isoformat() if a.deadline else "—"),
            state,
        )
    return table


def _value_text(a: Assessment) -> str:
    if a.kind == "milestone":
        return labels.TEXT["done"] if a.progress == 1 else "—"
    return number(a.value)


def footer(rows: Sequence[Assessment]) -> Any:
    from rich.text import Text

    tally = Counter(a.status for a in rows)
    text = Text(labels.count(len(rows), "commitment") + ": ")
    parts = [s for s in STATUSES if tally[s]]
    for i, status in enumerate(parts):
        if i:
            text.append(" · ")
        text.append(f"{tally[status]} {labels.STATUS[status]}", style=STATUS_STYLE[status])
    return text


def print_status(rows: Sequence[Assessment], title: str, ascii_only: bool, empty: str) -> None:
    out = console()
    if not rows:
        out.print(empty)
        return
    narrow = out.width < max(NARROW_WIDTH, _wide_width(rows))
    out.print(status_table(rows, title, ascii_only, narrow=narrow))
    out.print(footer(rows))


def print_commitments(commitments: Sequence[Commitment], ascii_only: bool) -> None:
    from rich.text import Text

    out = console()
    if not commitments:
        out.print(labels.TEXT["no_commitments"])
        return
    col = labels.COLUMNS
    table = _table(labels.TEXT["commitments_title"], ascii_only)
    table.add_column(col["id"], no_wrap=True)
    table.add_column(col["document"], no_wrap=True)
    table.add_column(col["section"], no_wrap=True)
    table.add_column(col["title"], overflow="fold", ratio=1)
    table.add_column(col["owner"], overflow="fold", max_width=12)
    table.add_column(col["kind"], no_wrap=True)
    table.add_column(col["target"], justify="right", no_wrap=True)
    table.add_column(col["deadline"], no_wrap=True)
    for c in commitments:
        table.add_row(
            Text(c.id),
            Text(c.document_id or "—"),
            Text(c.section or ""),
            Text(c.title),
            Text(c.owner or ""),
            Text(labels.KIND[c.kind]),
            Text(target_text(c.comparator, c.target, c.unit, c.kind)),
            Text(c.deadline.isoformat() if c.deadline else "—"),
        )
    out.print(table)


def print_commitment(
    c: Commitment,
    document: Document | None,
    assessment: Assessment,
    figures: Sequence[Figure],
    revisions: Sequence[Revision],
    as_of: date,
    ascii_only: bool,
) -> None:
    from rich.table import Table
    from rich.text import Text

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
    facts.add_row(Text(f["status"]), _status_line(assessment, as_of))
    out.print(facts)
    out.print(figures_table(c, figures, revisions, ascii_only))


def _status_line(a: Assessment, as_of: date) -> Any:

    f = labels.FIELDS
    line = status_text(a)
    line.append("  " + labels.TEXT["as_of"].format(as_of=as_of.isoformat()), style="dim")
    details = [
        (f["value"], _value_text(a) if a.value is not None or a.kind == "milestone" else None),
        (f["progress"], f"{a.progress * 100:.0f}%" if a.progress is not None else None),
        (f["expected"], number(a.expected) if a.expected is not None else None),
        (f["gap"], f"{a.gap:+,.2f}".rstrip("0").rstrip(".") if a.gap is not None else None),
        (
            f["needed_per_month"],
            number(a.needed_per_month) if a.needed_per_month is not None else None,
        ),
        (f["last_reported_on"], a.last_reported_on.isoformat() if a.last_reported_on else None),
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
    table = _table(labels.TEXT["figures_title"], ascii_only)
    table.add_column(col["on"], no_wrap=True)
    table.add_column(col["mode"], no_wrap=True)
    table.add_column(col["value"], justify="right", no_wrap=True)
    table.add_column(col["source"], overflow="fold")
    table.add_column(col["note"], overflow="fold")
    table.add_column(col["history"], overflow="fold")
    for fig in figures:
        history = "; ".join(
            labels.TEXT["revised_on"].format(old=number(r.old_value), revised_at=r.revised_at[:10])
            for r in earlier.get(fig.seq, [])
        )
        table.add_row(
            Text(fig.on.isoformat()),
            Text(labels.MODE[fig.mode]),
            Text(number(fig.value) + (f" {c.unit}" if c.unit else "")),
            Text(fig.source),
            Text(fig.note),
            Text(history, style="dim"),
        )
    return table


# -- reports of writes ---------------------------------------------------------------


def print_load_report(report: Any, origin: str) -> None:
    """`documents: 1 new · commitments: 14 new, 1 revised · …`, or that nothing changed."""
    from pledgecli.store import Outcome

    parts = []
    for name, tally in report.tallies.items():
        counts = [f"{tally[o]} {o.value}" for o in Outcome if tally[o]]
        if counts:
            parts.append(f"{name}: {', '.join(counts)}")
    summary = " · ".join(parts) or labels.TEXT["nothing_in_it"]
    if report.stubs:
        warn(labels.TEXT["stub_documents"].format(ids=", ".join(report.stubs)))
    if report.changed:
        say(labels.TEXT["loaded"].format(origin=origin, summary=summary))
    else:
        say(labels.TEXT["loaded_nothing"].format(origin=origin, summary=summary))


def print_recorded(result: Any) -> None:
    from pledgecli.store import Outcome

    t = labels.TEXT
    c, fig = result.commitment, result.figure
    if result.outcome is Outcome.NEW:
        outcome = t["new"]
    elif result.outcome is Outcome.REVISED:
        outcome = t["revised"].format(old=number(result.old_value))
    else:
        outcome = t["unchanged"]
    value = number(fig.value) + (f" {c.unit}" if c.unit else "")
    if fig.mode == "delta" and fig.value >= 0:
        value = "+" + value
    say(
        t["recorded"].format(
            id=c.id,
            value=value,
            on=fig.on.isoformat(),
            mode=labels.MODE[fig.mode],
            source=f", {fig.source}" if fig.source else "",
            outcome=outcome,
        )
    )


def write_commitment_json(
    c: Commitment, assessment: Assessment, figures: Sequence[Figure], revisions: Sequence[Revision]
) -> None:
    earlier = _by_figure(revisions)
    document = {
        "commitment": _plain_record(commitment_record(c)),
        "status": _plain_record(assessment_record(assessment)),
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
            for fig in figures
        ],
    }
    sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")


def counts_text(tally: Any, empty: int = 0) -> str:
    """'3 new, 1 revised, 10 unchanged' (+ skipped, + rows left empty when there are any)."""
    from pledgecli.store import Outcome

    parts = [f"{tally[o]} {o.value}" for o in (Outcome.NEW, Outcome.REVISED, Outcome.UNCHANGED)]
    if tally[Outcome.SKIPPED]:
        parts.append(f"{tally[Outcome.SKIPPED]} {Outcome.SKIPPED.value}")
    text = ", ".join(parts)
    if empty:
        text += "; " + labels.TEXT["rows_empty"].format(rows=labels.count(empty, "row"))
    return text


def print_import_report(report: Any, encoding: str, ascii_only: bool) -> None:
    from rich.text import Text

    from pledgecli.store import Outcome

    t = labels.TEXT
    summary = counts_text(report.totals, report.empty)
    where = f"{report.origin} ({encoding.removesuffix('-sig')})" if encoding else report.origin
    if report.dry_run:
        say(t["dry_run"].format(origin=where, summary=summary))
        table = _table(t["would_change"], ascii_only)
        table.add_column(labels.COLUMNS["id"], no_wrap=True)
        for outcome in (Outcome.NEW, Outcome.REVISED, Outcome.UNCHANGED, Outcome.SKIPPED):
            table.add_column(outcome.value, justify="right")
        for cid, tally in report.per_commitment.items():
            table.add_row(
                Text(cid),
                *(
                    str(tally[o])
                    for o in (Outcome.NEW, Outcome.REVISED, Outcome.UNCHANGED, Outcome.SKIPPED)
                ),
            )
        if report.per_commitment:
            console().print(table)
    elif report.changed_ids:
        say(t["imported"].format(origin=where, summary=summary))
    else:
        say(t["imported_nothing"].format(origin=where, summary=summary))


def print_log(batches: Sequence[dict[str, Any]], fmt: str, ascii_only: bool) -> None:
    from rich.text import Text

    columns = (
        "id",
        "at",
        "command",
        "inserted",
        "revised",
        "unchanged",
        "skipped",
        "undone_at",
        "reverts",
    )
    if fmt != "table":
        write_records(batches, columns, fmt)
        return
    if not batches:
        say(labels.TEXT["log_empty"])
        return
    col = labels.COLUMNS
    table = _table(labels.TEXT["log_title"], ascii_only)
    table.add_column(col["batch"], justify="right", no_wrap=True)
    table.add_column(col["at"], no_wrap=True)
    table.add_column(col["command"], overflow="fold", ratio=1)
    for name in ("new", "revised", "unchanged", "skipped"):
        table.add_column(name, justify="right", no_wrap=True)
    table.add_column(col["state"], no_wrap=True)
    for b in batches:
        if b["undone_at"]:
            state = Text(labels.TEXT["undone"].format(at=_when(b["undone_at"])), style="dim")
        elif b["reverts"]:
            state = Text(labels.TEXT["reverts"].format(batch=b["reverts"]))
        else:
            state = Text("")
        table.add_row(
            str(b["id"]), _when(b["at"]), Text(b["command"]),
            *(str(b[k]) for k in ("inserted", "revised", "unchanged", "skipped")), state,
        )  # fmt: skip
    console().print(table)


def _when(stamp: str) -> str:
    """A stored UTC timestamp, to the minute: 2026-11-26 09:30 UTC."""
    return stamp[:16].replace("T", " ") + " UTC"


def describe_change(change: Any) -> str:
    """One line of what `undo` will do to a row."""
    t = labels.TEXT
    row = change.current or change.before or {}
    if change.table == "figures":
        what = f"{row.get('commitment_id')} {row.get('on')} {row.get('mode')}"
        if row.get("source"):
            what += f" ({row['source']})"
        if change.before is None:
            return t["undo_remove"].format(what=f"{what} = {number(row.get('value'))}")
        now_value = number((change.current or {}).get("value"))
        return t["undo_restore_value"].format(
            what=what, now=now_value, old=number(change.before.get("value"))
        )
    noun = labels.NOUNS["commitment"][0] if change.table == "commitments" else t["document"]
    what = f"{noun} {change.key}"
    return (
        t["undo_remove"].format(what=what)
        if change.before is None
        else t["undo_restore"].format(what=what)
    )


def print_undo_preview(batch: dict[str, Any], changes: Sequence[Any], limit: int = 20) -> None:
    t = labels.TEXT
    say(
        t["undo_preview"].format(
            batch=batch["id"],
            command=batch["command"],
            at=_when(batch["at"]),
            rows=labels.count(len(changes), "row"),
        )
    )
    for change in changes[:limit]:
        say("  " + describe_change(change))
    if len(changes) > limit:
        say("  " + t["and_more"].format(n=len(changes) - limit))


# -- extraction ------------------------------------------------------------------------


def extraction_json(result: Any) -> str:
    """The document, the proposed commitments and the achieved figures, as one JSON object."""
    commitments = [
        {
            "id": p.id, "metric": p.metric, "comparator": p.comparator, "value": plain(p.value),
            "unit": p.unit, "normalized_value": plain(p.normalized_value),
            "normalized_unit": p.normalized_unit, "kind": p.kind, "start": plain(p.start),
            "deadline": plain(p.deadline), "owner": p.owner, "section": p.section, "quote": p.quote,
        }
        for p in result.commitments
    ]  # fmt: skip
    achieved = [
        {
            "metric": a.metric, "value": plain(a.value), "unit": a.unit,
            "normalized_value": plain(a.normalized_value), "normalized_unit": a.normalized_unit,
            "on": plain(a.on), "section": a.section, "quote": a.quote,
        }
        for a in result.achieved
    ]  # fmt: skip
    document = _plain_record(result.document)
    return (
        json.dumps(
            {"document": document, "commitments": commitments, "achieved": achieved},
            ensure_ascii=False,
            indent=2,
        )
        + "\n"
    )


def print_extraction(result: Any, ascii_only: bool) -> None:
    """The document's header, then the proposed commitments and the achieved figures."""
    from rich.text import Text

    out = console()
    t = labels.TEXT
    doc = result.document
    heading = Text(str(doc.get("doc_number") or doc["id"]), style="bold")
    for key in ("title", "issuer", "recipient", "issued_on"):
        if doc.get(key):
            heading.append(f"\n{labels.FIELDS[key]}: {plain(doc[key])}")
    out.print(heading)
    if not result.commitments:
        out.print(t["nothing_proposed"])
    else:
        table = _extraction_table(t["proposed_title"], ascii_only, PROPOSAL_COLUMNS)
        for p in result.commitments:
            target = "—" if p.value is None else f"{_sign(p.comparator)} {number(p.value)} {p.unit}"
            cells = [p.id, p.metric, target, labels.KIND[p.kind], plain(p.start) or "",
                     plain(p.deadline) or "—", p.owner or "", p.section or ""]  # fmt: skip
            table.add_row(*map(Text, cells), Text(p.quote, style="dim"))
        out.print(table)
    if result.achieved:
        table = _extraction_table(t["achieved_title"], ascii_only, ACHIEVED_COLUMNS)
        for a in result.achieved:
            cells = [a.metric, f"{number(a.value)} {a.unit}", a.on.isoformat()]
            table.add_row(*map(Text, cells), Text(a.quote, style="dim"))
        out.print(table)


# Columns of the extraction tables: name, and whether it keeps to one line.
PROPOSAL_COLUMNS = (
    ("id", True), ("metric", False), ("target", True), ("kind", True), ("start", True),
    ("deadline", True), ("owner", False), ("section", True), ("quote", False),
)  # fmt: skip
ACHIEVED_COLUMNS = (("metric", False), ("value", True), ("on", True), ("quote", False))


def _extraction_table(title: str, ascii_only: bool, columns: Sequence[tuple[str, bool]]) -> Table:
    table = _table(title, ascii_only)
    for name, one_line in columns:
        table.add_column(
            labels.EXTRACT_COLUMNS[name],
            justify="right" if name in ("target", "value") else "left",
            no_wrap=one_line,
            overflow="fold",
            ratio=2 if name == "quote" else (1 if not one_line else None),
        )
    return table


def _sign(comparator: str | None) -> str:
    return {">=": "≥", "<=": "≤", "≈": "≈"}.get(comparator or "", "")
