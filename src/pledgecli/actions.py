"""What the commands do, between parsing and printing: the only door to the store and the
domain. Each action takes plain values and returns a typed result from `model` for the
renderer; no printing here and no typer. Warnings a person should see come back as strings.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from importlib.resources import files
from pathlib import Path
from typing import IO, Any

from pledgecli import columns
from pledgecli.errors import DataFileError, InputError, unknown
from pledgecli.labels import MODE, count, t
from pledgecli.model import (
    AFTER_WRITE_ROWS,
    ERROR,
    MET,
    MET_LATE,
    OVERDUE,
    TRACKING,
    Assessment,
    BatchRow,
    Commitment,
    Document,
    Extraction,
    Figure,
    ImportReport,
    LedgerView,
    LoadReport,
    Notice,
    Opened,
    Outcome,
    Recorded,
    Records,
    ShowView,
    Standing,
    StatusView,
    UndoPlan,
)
from pledgecli.parse import last_day, parse_number
from pledgecli.progress import (
    DUE_SOON_DAYS,
    STALE_DAYS,
    assess,
    assess_groups,
    assess_read,
    in_period,
    overdue_list,
    series,
    urgency,
)
from pledgecli.progress import ledger as ledger_rows
from pledgecli.records import (
    Bundle,
    bundle_from_rows,
    check_figure,
    check_id,
    commitment_from,
    figure_from,
    parse_bundle,
    parse_toml,
)
from pledgecli.store import Put, Store
from pledgecli.tabular import (
    COMMITMENT_HEADERS,
    FIGURE_HEADERS,
    INFORMATIONAL_HEADERS,
    Table,
    open_file,
    read_json_object,
    read_letter,
    read_table,
    read_utf8,
)

SAMPLE = "zs-scjg-2024-168.toml"


def sample_file() -> Path:
    """The bundled letter: inside the installed package, or data/ of a source checkout."""
    packaged = files("pledgecli") / "data" / SAMPLE
    if packaged.is_file():
        return Path(str(packaged))
    # An editable install runs from src/, where data/ sits two levels up.
    return Path(__file__).resolve().parents[2] / "data" / SAMPLE


def open_store(path: Path) -> Store:
    """The database at `path`, migrated; use it in a `with` block."""
    return Store.open(path)


# -- documents and commitments ---------------------------------------------------------


def init(path: Path, sample: bool) -> Opened:
    """Create the database (or migrate it), and with `sample` load the bundled letter."""
    with Store.open(path, create=True) as store:
        report = None
        if sample:
            source = sample_file()
            report = load_bundle(store, read_bundle(source), "init --sample", source.name)
        return Opened(path, not store.was_there, store.schema_version(), report, SAMPLE)


def read_bundle(path: Path) -> Bundle:
    """Documents and commitments from TOML, or commitments from an exported CSV, JSON or workbook."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        from pledgecli.xlsx import read_workbook

        with open_file(path) as binary:
            table = read_workbook(binary, path.name, None, COMMITMENT_HEADERS, {},
                                  key="id", date_fields=("start", "deadline"))  # fmt: skip
            return bundle_from_rows(table.rows, path.name)
    if suffix not in (".csv", ".json", ".txt", ".tsv"):
        return parse_toml(read_utf8(path), path.name)
    with open_file(path) as binary:
        if suffix == ".json" and (data := read_json_object(binary, path.name)) is not None:
            return parse_bundle(data, path.name)
        fmt = "json" if suffix == ".json" else "csv"
        table = read_table(binary, path.name, fmt, "auto", COMMITMENT_HEADERS, {})
        return bundle_from_rows(table.rows, path.name)


def load(store: Store, path: Path) -> LoadReport:
    bundle = read_bundle(path)
    return load_bundle(store, bundle, f"load {path.name}", path.name)


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
            f"  {origin}: {t('document_not_found', id=c.id, document=repr(c.document_id))}"
            for c in bundle.commitments
            if c.document_id in named
        ]
        head = t("nothing_loaded", origin=origin, problems=count(len(missing), "problem"))
        raise DataFileError("\n".join([head, *missing]))
    stubs = [Document(doc_id) for doc_id in sorted(named)]
    with store.batch(command) as batch:
        for doc in [*bundle.documents, *stubs]:
            report.tallies["documents"][batch.put_document(doc)] += 1
        for c in bundle.commitments:
            report.tallies["commitments"][batch.put_commitment(c)] += 1
        for fig in bundle.figures:
            report.tallies["figures"][batch.put_figure(fig).outcome] += 1
        _refuse_uncomputable(store, bundle.commitments, origin)
    report.stubs = [d.id for d in stubs]
    return report


def add(store: Store, fields: Mapping[str, str | None]) -> Commitment:
    problems: list[str] = []
    commitment = commitment_from(fields, "add", problems)
    if commitment is None:
        raise InputError("; ".join(p.removeprefix("add: ") for p in problems))
    if commitment.document_id:
        store.document(commitment.document_id)
    with store.batch(f"add {commitment.id}") as batch:
        batch.add_commitment(commitment)
    return commitment


def commitments(store: Store, owner: str | None, document_id: str | None) -> list[Commitment]:
    return store.commitments(owner=owner, document_id=document_id)


def show(store: Store, commitment_id: str, as_of: date) -> ShowView:
    c = store.commitment(commitment_id)
    document = store.document(c.document_id) if c.document_id else None
    figures = store.figures([c.id])
    return ShowView(c, document, assess(c, figures, as_of), figures, store.revisions(c.id), as_of)


# -- figures -------------------------------------------------------------------------


def record(
    store: Store,
    commitment_id: str,
    value_text: str,
    on: date,
    delta: bool,
    source: str,
    note: str,
    today: date,
    as_of: date,
) -> Recorded:
    c = store.commitment(commitment_id)
    try:
        value = parse_number(value_text, c.unit)
    except ValueError as exc:
        raise InputError(f"{t('value_name')}: {exc}") from None
    figure = Figure(c.id, on, value, "delta" if delta else "total", source.strip(), note.strip())
    try:
        check_figure(c, figure)
    except ValueError as exc:
        raise InputError(str(exc)) from None
    warnings = []
    if c.kind == "flow" and not in_period(c, on):
        period = {"start": c.start or "…", "deadline": c.deadline or "…"}
        warnings.append(t("outside_period", on=on, id=c.id, **period))
    if on > today:
        warnings.append(t("after_today", on=on))
    if (
        delta
        and c.kind == "level"
        and c.baseline is None
        and not any(f.mode == "total" and f.on <= on for f in store.figures([c.id]))
    ):
        warnings.append(t("no_baseline", id=c.id, on=on))
    with store.batch(f"record {c.id}") as batch:
        put = batch.put_figure(figure)
        _refuse_uncomputable(store, [c], t("value_name"))
    after = after_write(store, as_of, [c.id])
    return Recorded(c, figure, put.outcome, put.old_value, warnings, after)


def _refuse_uncomputable(store: Store, changed: Iterable[Commitment], where: str) -> None:
    """Inside a write: refuse figures whose sums or progress pledge cannot compute.

    Each number is bounded when it is read, so this holds for any history; the
    check stays so that no future path can write a row that breaks every reading.
    """
    chosen = list({c.id: c for c in changed}.values())
    if not chosen:
        return
    # On the last day there is, every figure counts, and past its deadline, the deadline's
    # value too: one reading of the standings (sums settled first) covers every history.
    store.settle()
    for row in read_rows(store, chosen, date.max):
        if row.status == ERROR:
            raise InputError(t("uncomputable", where=where, id=row.id, problem=row.problem))


def assessments(
    store: Store,
    as_of: date,
    owner: str | None = None,
    document_id: str | None = None,
    soon_days: int = DUE_SOON_DAYS,
    stale_days: int = STALE_DAYS,
) -> list[Assessment]:
    standings = store.all_standings(as_of, owner, document_id)
    return sorted(rows_of(store, standings, as_of, soon_days, stale_days), key=urgency)


def read_rows(
    store: Store,
    chosen: list[Commitment],
    as_of: date,
    soon_days: int = DUE_SOON_DAYS,
    stale_days: int = STALE_DAYS,
) -> list[Assessment]:
    """The status rows of `chosen` on `as_of`."""
    return rows_of(store, store.standings(chosen, as_of), as_of, soon_days, stale_days)


def rows_of(
    store: Store,
    standings: Iterable[tuple[Commitment, Standing | None]],
    as_of: date,
    soon_days: int = DUE_SOON_DAYS,
    stale_days: int = STALE_DAYS,
) -> list[Assessment]:
    """Status rows from the store's standings, a few index seeks a commitment; from the
    figures themselves (up to `as_of`) for the rare one the store cannot read so (a number
    beyond range, written by hand), which the pure path names."""
    rows, slow = [], []
    for c, standing in standings:
        row = assess_read(c, standing, as_of, soon_days, stale_days) if standing else None
        if row is None:
            slow.append(c)
        else:
            rows.append(row)
    if slow:
        groups = store.figures_by_commitment([c.id for c in slow], until=as_of)
        rows += assess_groups(slow, groups, as_of, soon_days, stale_days)
    return rows


def status(
    store: Store,
    as_of: date,
    owner: str | None = None,
    document_id: str | None = None,
    soon_days: int = DUE_SOON_DAYS,
    stale_days: int = STALE_DAYS,
) -> StatusView:
    return StatusView(as_of, assessments(store, as_of, owner, document_id, soon_days, stale_days))


def ledger(
    store: Store,
    as_of: date,
    by: str,
    owner: str | None = None,
    document_id: str | None = None,
    soon_days: int = DUE_SOON_DAYS,
    stale_days: int = STALE_DAYS,
) -> LedgerView:
    """The 台账: per owner or per document, how its commitments stand, the worst first."""
    return ledger_of(status(store, as_of, owner, document_id, soon_days, stale_days), by)


def ledger_of(view: StatusView, by: str) -> LedgerView:
    """The 台账 of rows already assessed: a status sheet and its 台账 from one reading."""
    return LedgerView(view.as_of, by, ledger_rows(view.rows, by))


def notice(
    store: Store,
    as_of: date,
    owner: str | None = None,
    document_id: str | None = None,
    stale_days: int = STALE_DAYS,
) -> Notice:
    """What the monthly 通报 says: every commitment's row and history, and the 台账."""
    chosen = store.commitments(owner=owner, document_id=document_id)
    by_id = {c.id: c for c in chosen}
    figures = dict(store.figures_by_commitment(list(by_id), until=as_of))
    rows = assess_groups(chosen, figures.items(), as_of, DUE_SOON_DAYS, stale_days)
    history = {cid: series(by_id[cid], figs, as_of) for cid, figs in figures.items()}
    return Notice(as_of, rows, ledger_rows(rows, "owner"), by_id, history, stale_days)


def overdue(
    store: Store,
    as_of: date,
    within: int | None = None,
    owner: str | None = None,
    document_id: str | None = None,
    stale_days: int = STALE_DAYS,
) -> StatusView:
    """The overdue rows, and with `within` the ones due within that many days: read from the
    commitments whose deadline is past (or that near) only, since no other can be either."""
    standings = store.all_standings(as_of, owner, document_id, _due_by(as_of, within))
    rows = rows_of(store, standings, as_of, within or DUE_SOON_DAYS, stale_days)
    late = overdue_list(rows, as_of, within)
    return StatusView(as_of, late, [a for a in late if a.status == OVERDUE])


def _due_by(as_of: date, within: int | None) -> date | None:
    """The latest deadline an overdue (or, with `within`, due-soon) row can have; None where
    the calendar ends first, and then every commitment is read."""
    try:
        return as_of + timedelta(days=-1 if within is None else within)
    except OverflowError:
        return None


def after_write(store: Store, as_of: date, changed: Iterable[str]) -> StatusView:
    """After figures come in: the changed commitments' rows, and the longest overdue.

    Only what is shown is read, so a write costs the same at any size of the database:
    the changed commitments, and commitments past their deadline in deadline order (the
    order of the overdue list) until AFTER_WRITE_ROWS of them are found overdue."""
    rows = sorted(read_rows(store, store.commitments_in(changed), as_of), key=urgency)
    late: list[Assessment] = []
    for chunk in store.due_before(as_of):
        late += overdue_list(read_rows(store, chunk, as_of), as_of)
        if len(late) > AFTER_WRITE_ROWS:
            break
    return StatusView(as_of, rows, late[:AFTER_WRITE_ROWS], len(late) > AFTER_WRITE_ROWS)


# -- import --------------------------------------------------------------------------

MAX_PROBLEMS = 100  # listed in full; beyond this only counted, so memory stays flat
MAX_WARNINGS = 10  # a file of rows outside their period warns of the first ones and counts the rest


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
        tail = [f"  {t('and_more', n=more)}"] if more else []
        head = t("nothing_imported", origin=self.origin, rows=count(self.count, "bad row"))
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
        wanted = ", ".join(f"{f} ({columns.CHINESE.get(f, f)})" for f in missing)
        raise DataFileError(t("no_column_for", name=table.name, wanted=wanted))
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
            figure = _row_figure(where, cells, table, commitments, problems)
            if figure is None:
                continue
            put = batch.put_figure(figure, on_conflict)
            if put.outcome is Outcome.CONFLICT:
                problems.add(where, _conflict(figure, put, commitments[figure.commitment_id]))
                continue
            report.per_commitment.setdefault(figure.commitment_id, Counter())[put.outcome] += 1
            c = commitments[figure.commitment_id]
            if c.kind == "flow" and not in_period(c, figure.on):
                if len(report.warnings) < MAX_WARNINGS:
                    outside = t("outside_period_short", on=figure.on, id=c.id)
                    report.warnings.append(f"{where}: {outside}")
                else:
                    report.unshown_warnings += 1
        problems.raise_if_any()
        _refuse_uncomputable(store, [commitments[i] for i in report.changed_ids], table.name)
    if table.unknown:
        noun = count(len(table.unknown), "column")
        report.warnings.insert(0, t("ignored_columns", noun=noun, names=", ".join(table.unknown)))
    return report


def _row_figure(
    where: str,
    cells: dict[str, Any],
    table: Table,
    commitments: dict[str, Commitment],
    problems: Problems,
) -> Figure | None:
    def at(name: str) -> str:
        if table.locate is not None:
            return table.locate(where, name)
        return t("at_column", where=where, name=table.headers.get(name, name))

    cid = str(cells.get("commitment", "")).strip()
    c = commitments.get(cid)
    if c is None:
        message = unknown("commitment", cid, commitments).message if cid else t("no_commitment_id")
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
    source = ", " + figure.source if figure.source else ""
    what = t("figure_what", id=c.id, on=figure.on, mode=MODE[figure.mode], source=source)
    values = {
        "what": what,
        "old": f"{_num(put.old_value)}{unit}",
        "new": f"{_num(figure.value)}{unit}",
    }
    return t("given_twice" if put.repeated else "already_recorded", **values)


def _num(x: float | None) -> str:
    return "?" if x is None else (str(int(x)) if float(x).is_integer() else repr(x))


# -- template, export, log and undo ------------------------------------------------------


def open_input(file: str, stdin: IO[bytes]) -> tuple[IO[bytes], str]:
    """The bytes to import: a file, or `stdin` for "-"; and the name to report."""
    if file == "-":
        return stdin, "stdin"
    return open_file(Path(file)), Path(file).name


def import_file(
    store: Store,
    binary: IO[bytes],
    name: str,
    fmt: str,
    encoding: str,
    on_conflict: str,
    dry_run: bool,
    today: date,
    as_of: date,
    sheet: str | None = None,
) -> ImportReport:
    """Figures from a CSV, JSON or workbook stream; after a real import, the view of what changed."""
    if fmt == "xlsx":
        from pledgecli.xlsx import read_workbook

        table = read_workbook(binary, name, sheet, FIGURE_HEADERS, INFORMATIONAL_HEADERS)
    else:
        table = read_table(binary, name, fmt, encoding, FIGURE_HEADERS, INFORMATIONAL_HEADERS)
    report = import_figures(store, table, on_conflict, dry_run, today)
    report.encoding = table.encoding
    if not dry_run:
        report.after = after_write(store, as_of, report.changed_ids)
    return report


def template(store: Store, as_of: date, indicators: bool) -> Records:
    """One row to fill per open commitment, dated the last day of `as_of`'s month."""
    day = last_day(as_of.year, as_of.month)
    rows = []
    for a in assessments(store, as_of):
        if a.status in (MET, MET_LATE, ERROR) or (a.status == TRACKING and not indicators):
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
    return Records(rows, columns.TEMPLATE, day)


def export(store: Store, what: str, as_of: date) -> Records:
    """The rows of `export commitments|figures|status`, in their columns; commitments and
    figures stream from the store, so an export's memory stays flat at any size."""
    if what == "commitments":
        commitments = store.each_commitment()
        return Records((columns.record_of(c, columns.COMMITMENT) for c in commitments),
                       columns.COMMITMENT)  # fmt: skip
    if what == "figures":
        return Records(store.each_figure(), columns.FIGURE)
    rows = [columns.record_of(a, columns.STATUS) for a in assessments(store, as_of)]
    return Records(rows, columns.STATUS)


def log(store: Store, limit: int) -> list[BatchRow]:
    return store.batches(limit)


def undo_plan(store: Store) -> UndoPlan | None:
    """The batch `undo` would revert now, with each of its changes; None when there is none."""
    batch = store.last_undoable()
    if batch is None:
        return None
    return UndoPlan(batch, store.changes(batch.id))


def undo(store: Store, plan: UndoPlan) -> int:
    """Revert the planned batch, if it is still the last one; how many rows were restored."""
    return store.undo(plan.batch.id)


# -- letters -------------------------------------------------------------------------


def extract(path: Path, doc_id: str | None, issued_on: date | None) -> Extraction:
    """What a letter proposes. 今年 and 年底前 count from --issued-on, else the letter's own
    date; a letter with neither leaves them unresolved (never the clock)."""
    from pledgecli.extract import extract as read

    if doc_id is not None:
        try:
            check_id(doc_id)
        except ValueError as exc:
            raise InputError(t("doc_id_option", message=exc)) from None
    return read(read_letter(path), doc_id=doc_id, issued_on=issued_on)


def extraction_toml(result: Extraction, source: str) -> str:
    from pledgecli.extract.toml import to_toml

    return to_toml(result, source)
