"""What the commands do, between parsing and printing: store and domain together.

No printing here and no typer: each action takes plain values and returns
what the command reports. Warnings a person should see come back as strings.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from importlib.resources import files
from pathlib import Path
from typing import Any

from pledgecli.errors import DataFileError, InputError, unknown
from pledgecli.model import Commitment, Document, Figure
from pledgecli.parse import last_day, parse_number
from pledgecli.progress import (
    DUE_SOON_DAYS,
    MET,
    MET_LATE,
    STALE_DAYS,
    TRACKING,
    Assessment,
    assess_groups,
    in_period,
)
from pledgecli.records import Bundle, check_figure, figure_from
from pledgecli.store import Outcome, Put, Store
from pledgecli.tabular import CHINESE, Table

SAMPLE = "zs-scjg-2024-168.toml"


def sample_file() -> Path:
    """The bundled letter: inside the installed package, or data/ of a source checkout."""
    packaged = files("pledgecli") / "data" / SAMPLE
    if packaged.is_file():
        return Path(str(packaged))
    # An editable install runs from src/, where data/ sits two levels up.
    return Path(__file__).resolve().parents[2] / "data" / SAMPLE


@dataclass
class LoadReport:
    tallies: dict[str, Counter[Outcome]] = field(default_factory=dict)
    stubs: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(t[Outcome.NEW] or t[Outcome.REVISED] for t in self.tallies.values())


def load_bundle(store: Store, bundle: Bundle, command: str, origin: str) -> LoadReport:
    """Write documents, commitments and figures in one batch; the same bundle twice changes nothing.

    A commitment must name a document in the file or the database; a flat
    export (CSV or JSON of commitments) may name one by id alone, which is
    then created bare.
    """
    known = set(store.ids("documents")) | {d.id for d in bundle.documents}
    named = {c.document_id for c in bundle.commitments if c.document_id} - known
    report = LoadReport({name: Counter() for name in ("documents", "commitments", "figures")})
    if named and not bundle.stub_documents:
        missing = [
            f"  {origin}: commitment {c.id}: document {c.document_id!r} is not in the file or the database"
            for c in bundle.commitments
            if c.document_id in named
        ]
        raise DataFileError(
            "\n".join([f"{origin}: {len(missing)} problem(s), nothing was loaded", *missing])
        )
    stubs = [Document(doc_id) for doc_id in sorted(named)]
    with store.batch(command) as batch:
        for doc in [*bundle.documents, *stubs]:
            report.tallies["documents"][batch.put_document(doc)] += 1
        for c in bundle.commitments:
            report.tallies["commitments"][batch.put_commitment(c)] += 1
        for fig in bundle.figures:
            report.tallies["figures"][batch.put_figure(fig).outcome] += 1
    report.stubs = [d.id for d in stubs]
    return report


@dataclass
class Recorded:
    commitment: Commitment
    figure: Figure
    outcome: Outcome
    old_value: float | None
    warnings: list[str]


def record(
    store: Store,
    commitment_id: str,
    value_text: str,
    on: date,
    delta: bool,
    source: str,
    note: str,
    today: date,
) -> Recorded:
    c = store.commitment(commitment_id)
    try:
        value = parse_number(value_text, c.unit)
    except ValueError as exc:
        raise InputError(f"VALUE: {exc}") from None
    figure = Figure(c.id, on, value, "delta" if delta else "total", source.strip(), note.strip())
    try:
        check_figure(c, figure)
    except ValueError as exc:
        raise InputError(str(exc)) from None
    warnings = []
    if c.kind == "flow" and not in_period(c, on):
        warnings.append(
            f"{on} is outside {c.id}'s period {c.start or '…'} – {c.deadline or '…'}: it will not count"
        )
    if on > today:
        warnings.append(f"{on} is after today: the figure counts from that day on")
    if (
        delta
        and c.kind == "level"
        and c.baseline is None
        and not any(f.mode == "total" and f.on <= on for f in store.figures([c.id]))
    ):
        warnings.append(
            f"{c.id} has no baseline and no total before {on}: its value stays unknown until one is recorded"
        )
    with store.batch(f"record {c.id}") as batch:
        put = batch.put_figure(figure)
    return Recorded(c, figure, put.outcome, put.old_value, warnings)


def assessments(
    store: Store,
    as_of: date,
    owner: str | None = None,
    document_id: str | None = None,
    soon_days: int = DUE_SOON_DAYS,
    stale_days: int = STALE_DAYS,
) -> list[Assessment]:
    commitments = store.commitments(owner=owner, document_id=document_id)
    # Figures after `as_of` cannot change a row: the store leaves them out.
    groups = store.figures_by_commitment([c.id for c in commitments], until=as_of)
    return assess_groups(commitments, groups, as_of, soon_days, stale_days)


# -- import --------------------------------------------------------------------------

MAX_PROBLEMS = 100  # listed in full; beyond this only counted, so memory stays flat


@dataclass
class ImportReport:
    origin: str
    dry_run: bool
    per_commitment: dict[str, Counter[Outcome]] = field(default_factory=dict)
    empty: int = 0
    warnings: list[str] = field(default_factory=list)

    @property
    def totals(self) -> Counter[Outcome]:
        total: Counter[Outcome] = Counter()
        for tally in self.per_commitment.values():
            total.update(tally)
        return total

    @property
    def changed_ids(self) -> list[str]:
        return [
            cid for cid, t in self.per_commitment.items() if t[Outcome.NEW] or t[Outcome.REVISED]
        ]


class Problems:
    """Bad rows of a file: all of them counted, the first MAX_PROBLEMS kept for the message."""

    def __init__(self, origin: str) -> None:
        self.origin = origin
        self.lines: list[str] = []
        self.count = 0

    def add(self, where: str, message: str) -> None:
        self.add_line(f"{where}: {message}")

    def add_line(self, line: str) -> None:
        self.count += 1
        if len(self.lines) < MAX_PROBLEMS:
            self.lines.append(line)

    def raise_if_any(self) -> None:
        if not self.count:
            return
        more = self.count - len(self.lines)
        tail = [f"  … and {more} more"] if more else []
        head = f"{self.origin}: {self.count} bad row{'s' if self.count > 1 else ''}, nothing was imported"
        raise DataFileError("\n".join([head, *(f"  {line}" for line in self.lines), *tail]))


def import_figures(
    store: Store, table: Table, on_conflict: str, dry_run: bool, today: date
) -> ImportReport:
    """Figures from a table, all or nothing, streamed inside one transaction.

    Rows with an empty value are skipped (a template's unfilled rows). A dry run
    does every check and write, then rolls back.
    """
    missing = [f for f in ("commitment", "on", "value") if f not in table.headers]
    if missing:
        wanted = ", ".join(f"{f} ({CHINESE.get(f, f)})" for f in missing)
        raise DataFileError(f"{table.name}: no column for {wanted} in the header line")
    commitments = {c.id: c for c in store.commitments()}
    report = ImportReport(table.name, dry_run)
    problems = Problems(table.name)
    with store.batch(f"import {table.name}", dry_run=dry_run) as batch:
        for where, cells in table.rows:
            if not any(str(v).strip() for v in cells.values()):
                continue
            if str(cells.get("value", "")).strip() == "":
                report.empty += 1
                continue
            figure = _row_figure(where, cells, table.headers, commitments, problems)
            if figure is None:
                continue
            put = batch.put_figure(figure, on_conflict)
            if put.outcome is Outcome.CONFLICT:
                problems.add(where, _conflict(figure, put, commitments[figure.commitment_id]))
                continue
            report.per_commitment.setdefault(figure.commitment_id, Counter())[put.outcome] += 1
            c = commitments[figure.commitment_id]
            if (
                c.kind == "flow"
                and not in_period(c, figure.on)
                and len(report.warnings) < MAX_PROBLEMS
            ):
                report.warnings.append(
                    f"{where}: {figure.on} is outside {c.id}'s period: it will not count"
                )
        problems.raise_if_any()
    if table.unknown:
        report.warnings.insert(
            0, f"ignored column{'s' if len(table.unknown) > 1 else ''}: {', '.join(table.unknown)}"
        )
    return report


def _row_figure(
    where: str,
    cells: dict[str, Any],
    headers: dict[str, str],
    commitments: dict[str, Commitment],
    problems: Problems,
) -> Figure | None:
    def at(name: str) -> str:
        return f"{where}, column {headers.get(name, name)}"

    cid = str(cells.get("commitment", "")).strip()
    c = commitments.get(cid)
    if c is None:
        message = unknown("commitment", cid, commitments).message if cid else "no commitment id"
        problems.add(at("commitment"), message)
    fields = {
        "on": cells.get("on", ""),
        "value": cells.get("value", ""),
        "mode": cells.get("mode", ""),
        "source": str(cells.get("source") or ""),
        "note": str(cells.get("note") or ""),
    }
    messages: list[str] = []
    figure = figure_from(fields, c or Commitment(cid, cid), where, messages, at)
    for message in messages:
        problems.add_line(message)
    if c is None or figure is None:
        return None
    return figure


def _conflict(figure: Figure, put: Put, c: Commitment) -> str:
    unit = f" {c.unit}" if c.unit else ""
    what = f"{c.id} on {figure.on} ({figure.mode}{', ' + figure.source if figure.source else ''})"
    if put.repeated:
        return (
            f"{what} is given twice in this file: "
            f"{_num(put.old_value)}{unit} earlier, {_num(figure.value)}{unit} here"
        )
    return (
        f"{what} is already recorded as {_num(put.old_value)}{unit}, the file says {_num(figure.value)}{unit} "
        "(--on-conflict revise replaces it, skip keeps it)"
    )


def _num(x: float | None) -> str:
    return "?" if x is None else (str(int(x)) if float(x).is_integer() else repr(x))


# -- template and export -------------------------------------------------------------

TEMPLATE_COLUMNS = (
    "commitment", "title", "unit", "kind", "target", "deadline", "last_value", "last_on",
    "date", "value", "mode", "source", "note",
)  # fmt: skip
FIGURE_COLUMNS = ("commitment", "date", "value", "mode", "source", "note")


def template_records(store: Store, as_of: date, indicators: bool) -> list[dict[str, Any]]:
    """One row to fill per open commitment, dated the last day of `as_of`'s month."""
    day = last_day(as_of.year, as_of.month)
    rows = []
    for a in assessments(store, as_of):
        if a.status in (MET, MET_LATE) or (a.status == TRACKING and not indicators):
            continue
        rows.append(
            {
                "commitment": a.id,
                "title": a.title,
                "unit": a.unit,
                "kind": a.kind,
                "target": a.target,
                "deadline": a.deadline,
                "last_value": a.value if a.last_reported_on else None,
                "last_on": a.last_reported_on,
                "date": day,
                "value": None,
                "mode": "total",
                "source": None,
                "note": None,
            }
        )
    return rows


def figure_records(store: Store) -> list[dict[str, Any]]:
    figures = sorted(store.figures(), key=lambda f: (f.commitment_id, f.on, f.seq))
    return [
        {"commitment": f.commitment_id, "date": f.on, "value": f.value, "mode": f.mode,
         "source": f.source, "note": f.note}
        for f in figures
    ]  # fmt: skip
