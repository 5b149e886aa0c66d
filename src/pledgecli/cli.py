"""The command line: parse options, call an action, hand the result to render.

No SQL and no arithmetic here. Every PledgeError becomes one message on stderr
and its exit code, in `command` below.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from pledgecli import __version__, labels
from pledgecli.errors import EXIT_ALERT, EXIT_INTERNAL, DataFileError, InputError, PledgeError

APP_NAME = "pledge"
DB_FILE = "pledge.db"

app = typer.Typer(
    name=APP_NAME,
    help="Track the measurable commitments in government letters and plans: "
    "targets, reported figures, progress, and what is overdue.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

F = TypeVar("F", bound=Callable[..., Any])


def command(*args: Any, **kwargs: Any) -> Callable[[F], F]:
    """Register a command whose PledgeErrors end as one line on stderr and their exit code."""

    def register(fn: F) -> F:
        @functools.wraps(fn)
        def run(*a: Any, **k: Any) -> Any:
            from pledgecli import render

            try:
                return fn(*a, **k)
            except PledgeError as exc:
                render.error(exc.message)
                raise typer.Exit(exc.exit_code) from None

        app.command(*args, **kwargs)(run)
        return fn

    return register


# -- shared options ----------------------------------------------------------------


class Format(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


def _day(text: str) -> date:
    from pledgecli.parse import parse_date

    try:
        return parse_date(text)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


AsOf = Annotated[
    date | None,
    typer.Option(
        "--as-of", parser=_day, metavar="DATE", help="Compute as of this day (default: today)."
    ),
]
Owner = Annotated[
    str | None, typer.Option("--owner", help="Only commitments whose owner contains this text.")
]
Doc = Annotated[str | None, typer.Option("--doc", help="Only the commitments of this document id.")]
FormatOpt = Annotated[
    Format, typer.Option("--format", "-f", help="table for people; csv or json for scripts.")
]
Within = Annotated[
    int,
    typer.Option(
        "--within", min=0, metavar="DAYS", help="Flag 'due soon' this many days before a deadline."
    ),
]
StaleAfter = Annotated[
    int,
    typer.Option(
        "--stale-after", min=0, metavar="DAYS", help="Flag 'stale' when the last figure is older."
    ),
]


@dataclass
class Settings:
    db: Path
    ascii: bool


def default_db() -> Path:
    return Path(typer.get_app_dir(APP_NAME)) / DB_FILE


def _settings(ctx: typer.Context) -> Settings:
    settings: Settings = ctx.find_root().obj
    return settings


def _today() -> date:
    return date.today()


def _open(ctx: typer.Context, create: bool = False) -> Any:
    from pledgecli.store import Store

    return Store.open(_settings(ctx).db, create=create)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"pledge {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
    db: Annotated[
        Path | None,
        typer.Option(
            "--db",
            envvar="PLEDGE_DB",
            metavar="PATH",
            help="The database file. Default: $PLEDGE_DB, else pledge.db in the per-user data folder.",
            dir_okay=False,
        ),
    ] = None,
    ascii_only: Annotated[
        bool,
        typer.Option(
            "--ascii",
            envvar="PLEDGE_ASCII",
            help="Draw tables with ASCII only, for terminals that "
            "show box characters double-width.",
        ),
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Track the measurable commitments in government letters and plans."""
    ctx.obj = Settings(db=db or default_db(), ascii=ascii_only)


# -- commands ----------------------------------------------------------------------


@command()
def init(
    ctx: typer.Context,
    sample: Annotated[
        bool,
        typer.Option("--sample", help="Also load the bundled sample letter (zs-scjg-2024-168)."),
    ] = False,
) -> None:
    """Create the database, or bring an existing one up to date."""
    from pledgecli import actions, render
    from pledgecli.records import read_bundle

    path = _settings(ctx).db
    existed = path.exists() and path.stat().st_size > 0
    store = _open(ctx, create=True)
    try:
        verb = "Using" if existed else "Created"
        render.say(f"{verb} {path} (schema {store.schema_version()})")
        if sample:
            source = actions.sample_file()
            report = actions.load_bundle(store, read_bundle(source), "init --sample", source.name)
            render.print_load_report(report, source.name)
    finally:
        store.close()
    render.hint("Next: pledge status")


@command()
def load(
    ctx: typer.Context,
    file: Annotated[
        Path, typer.Argument(help="A TOML file of documents and commitments, with their figures.")
    ],
) -> None:
    """Load documents and commitments from a TOML file (loading it again changes nothing)."""
    from pledgecli import actions, render
    from pledgecli.records import read_bundle

    bundle = read_bundle(file)
    store = _open(ctx)
    try:
        report = actions.load_bundle(store, bundle, f"load {file.name}", file.name)
    finally:
        store.close()
    render.print_load_report(report, file.name)


@command()
def add(
    ctx: typer.Context,
    commitment_id: Annotated[
        str, typer.Argument(metavar="ID", help="A short id, e.g. spot-checks-2025.")
    ],
    title: Annotated[str, typer.Option(help="What is counted, as the letter words it.")],
    doc: Annotated[
        str | None, typer.Option("--doc", help="The id of the document that makes it.")
    ] = None,
    section: Annotated[str | None, typer.Option(help="Where in the document, e.g. 四.")] = None,
    owner: Annotated[str | None, typer.Option(help="The responsible agency.")] = None,
    kind: Annotated[str, typer.Option(help="level, flow or milestone.")] = "level",
    comparator: Annotated[str, typer.Option(help=">= (不少于) or <= (不超过).")] = ">=",
    target: Annotated[
        str | None, typer.Option(help="The number promised; none for a tracked indicator.")
    ] = None,
    unit: Annotated[str | None, typer.Option(help="The unit, e.g. 个 or 批次.")] = None,
    baseline: Annotated[str | None, typer.Option(help="The value at the start.")] = None,
    start: Annotated[
        str | None, typer.Option(help="When the period starts (a flow counts from here).")
    ] = None,
    deadline: Annotated[str | None, typer.Option(help="When it is due.")] = None,
    quote: Annotated[str | None, typer.Option(help="The clause it comes from.")] = None,
    notes: Annotated[str | None, typer.Option(help="Anything else worth knowing.")] = None,
) -> None:
    """Add one commitment from options."""
    from pledgecli import render
    from pledgecli.records import commitment_from

    fields = {
        "id": commitment_id, "title": title, "document": doc, "section": section, "owner": owner,
        "kind": kind, "comparator": comparator, "target": target, "unit": unit, "baseline": baseline,
        "start": start, "deadline": deadline, "quote": quote, "notes": notes,
    }  # fmt: skip
    problems: list[str] = []
    commitment = commitment_from(fields, "add", problems)
    if commitment is None:
        raise InputError("; ".join(p.removeprefix("add: ") for p in problems))
    store = _open(ctx)
    try:
        if commitment.document_id:
            store.document(commitment.document_id)
        with store.batch(f"add {commitment.id}") as batch:
            batch.add_commitment(commitment)
    finally:
        store.close()
    render.say(f"Added {commitment.id}: {commitment.title}")


@command("list")
def list_(
    ctx: typer.Context,
    owner: Owner = None,
    doc: Doc = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """List the commitments."""
    from pledgecli import render

    store = _open(ctx)
    try:
        commitments = store.commitments(owner=owner, document_id=doc)
    finally:
        store.close()
    if fmt is Format.table:
        render.print_commitments(commitments, _settings(ctx).ascii)
    else:
        records = [render.commitment_record(c) for c in commitments]
        render.write_records(records, render.COMMITMENT_COLUMNS, fmt.value)


@command()
def show(
    ctx: typer.Context,
    commitment_id: Annotated[str, typer.Argument(metavar="ID", help="The commitment's id.")],
    as_of: AsOf = None,
    fmt: Annotated[
        Format, typer.Option("--format", "-f", help="table, or json for scripts.")
    ] = Format.table,
) -> None:
    """Show one commitment: its source, its figures in date order, its status."""
    from pledgecli import render
    from pledgecli.progress import assess

    day = as_of or _today()
    store = _open(ctx)
    try:
        c = store.commitment(commitment_id)
        document = store.document(c.document_id) if c.document_id else None
        figures = store.figures([c.id])
        revisions = store.revisions(c.id)
    finally:
        store.close()
    assessment = assess(c, figures, day)
    if fmt is Format.table:
        render.print_commitment(
            c, document, assessment, figures, revisions, day, _settings(ctx).ascii
        )
    elif fmt is Format.json:
        render.write_commitment_json(c, assessment, figures, revisions)
    else:
        raise InputError("show prints a table or json; for CSV use `pledge status --format csv`")


# A negative VALUE (a correcting delta: -2) must not be read as an option.
@command(context_settings={"ignore_unknown_options": True})
def record(
    ctx: typer.Context,
    commitment_id: Annotated[str, typer.Argument(metavar="ID", help="The commitment's id.")],
    value: Annotated[str, typer.Argument(help="The reported number; 1 marks a milestone done.")],
    on: Annotated[
        date | None,
        typer.Option(
            "--on",
            parser=_day,
            metavar="DATE",
            help="The day the number describes (default: today).",
        ),
    ] = None,
    delta: Annotated[
        bool,
        typer.Option(
            "--delta", help="VALUE is an increment since the previous figure, not a total."
        ),
    ] = False,
    source: Annotated[str, typer.Option(help="Who reported it.")] = "",
    note: Annotated[str, typer.Option(help="A note kept with the figure.")] = "",
    as_of: AsOf = None,
) -> None:
    """Record a reported figure, then show the progress and what is overdue."""
    from pledgecli import actions, render

    today = _today()
    day = as_of or today
    store = _open(ctx)
    try:
        result = actions.record(
            store, commitment_id, value, on or today, delta, source, note, today
        )
        rows = actions.assessments(store, day)
    finally:
        store.close()
    for warning in result.warnings:
        render.hint(f"warning: {warning}")
    render.print_recorded(result)
    _after_write(ctx, rows, [result.commitment.id], day)


def _after_write(ctx: typer.Context, rows: Any, changed: list[str], day: date) -> None:
    """After figures come in: the changed commitments' rows, then what is overdue."""
    from pledgecli import render
    from pledgecli.progress import overdue_list

    ascii_only = _settings(ctx).ascii
    mine = [a for a in rows if a.id in set(changed)]
    if mine:
        render.print_status(mine, labels.TEXT["status_title"].format(as_of=day), ascii_only, "")
    late = overdue_list(rows, day)
    render.print_status(
        late,
        labels.TEXT["overdue_title"].format(as_of=day),
        ascii_only,
        labels.TEXT["nothing_overdue"].format(as_of=day),
    )


@command()
def status(
    ctx: typer.Context,
    as_of: AsOf = None,
    owner: Owner = None,
    doc: Doc = None,
    fmt: FormatOpt = Format.table,
    within: Within = 30,
    stale_after: StaleAfter = 45,
) -> None:
    """Progress of every commitment, the most urgent first."""
    from pledgecli import actions

    day = as_of or _today()
    store = _open(ctx)
    try:
        rows = actions.assessments(store, day, owner, doc, within, stale_after)
    finally:
        store.close()
    _emit(
        ctx, rows, fmt, labels.TEXT["status_title"].format(as_of=day), labels.TEXT["no_commitments"]
    )


@command()
def overdue(
    ctx: typer.Context,
    as_of: AsOf = None,
    within: Annotated[
        int | None,
        typer.Option(
            "--within", min=0, metavar="DAYS", help="Also list what is due within DAYS days."
        ),
    ] = None,
    owner: Owner = None,
    doc: Doc = None,
    fmt: FormatOpt = Format.table,
    stale_after: StaleAfter = 45,
    fail: Annotated[
        bool, typer.Option("--fail", help="Exit with code 1 when anything is overdue (for cron).")
    ] = False,
) -> None:
    """What is overdue (and, with --within, due soon), the longest overdue first."""
    from pledgecli import actions
    from pledgecli.progress import DUE_SOON_DAYS, overdue_list

    day = as_of or _today()
    store = _open(ctx)
    try:
        rows = actions.assessments(store, day, owner, doc, within or DUE_SOON_DAYS, stale_after)
    finally:
        store.close()
    late = overdue_list(rows, day, within)
    if within is None:
        title = labels.TEXT["overdue_title"].format(as_of=day)
        empty = labels.TEXT["nothing_overdue"].format(as_of=day)
    else:
        title = labels.TEXT["overdue_within_title"].format(as_of=day, days=within)
        empty = labels.TEXT["nothing_overdue_within"].format(as_of=day, days=within)
    _emit(ctx, late, fmt, title, empty)
    if fail and any(a.status == "overdue" for a in late):
        raise typer.Exit(EXIT_ALERT)


class InFormat(StrEnum):
    csv = "csv"
    json = "json"


class Encoding(StrEnum):
    auto = "auto"
    utf8 = "utf-8"
    gb18030 = "gb18030"


class OnConflict(StrEnum):
    revise = "revise"
    skip = "skip"
    error = "error"


class Headers(StrEnum):
    en = "en"
    zh = "zh"


class Export(StrEnum):
    commitments = "commitments"
    figures = "figures"
    status = "status"


Output = Annotated[
    Path | None,
    typer.Option(
        "--output", "-o", metavar="FILE", dir_okay=False, help="Write to FILE instead of stdout."
    ),
]
Excel = Annotated[
    bool,
    typer.Option(
        "--excel", help="UTF-8 with BOM and CRLF line ends, so Excel on Chinese Windows opens it."
    ),
]


def _open_input(file: str) -> tuple[Any, str]:
    import sys

    if file == "-":
        return sys.stdin.buffer, "stdin"
    path = Path(file)
    try:
        return path.open("rb"), path.name
    except FileNotFoundError:
        raise DataFileError(f"{file}: no such file") from None
    except IsADirectoryError:
        raise DataFileError(f"{file}: is a folder, not a file") from None
    except OSError as exc:
        raise DataFileError(f"{file}: cannot be read ({exc.strerror})") from None


@command("import")
def import_(
    ctx: typer.Context,
    file: Annotated[
        str, typer.Argument(metavar="FILE", help="A CSV or JSON file of figures, or - for stdin.")
    ],
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run", help="Check everything and show what would change; write nothing."
        ),
    ] = False,
    fmt: Annotated[
        InFormat | None,
        typer.Option(
            "--format", "-f", help="csv or json (JSON array or JSON Lines); default: from the name."
        ),
    ] = None,
    encoding: Annotated[
        Encoding,
        typer.Option(help="auto detects UTF-8 (with or without BOM), UTF-16 and GB18030/GBK."),
    ] = Encoding.auto,
    on_conflict: Annotated[
        OnConflict,
        typer.Option(
            help="A figure already recorded with another value: revise it, skip the row, or error."
        ),
    ] = OnConflict.revise,
    as_of: AsOf = None,
) -> None:
    """Import figures from CSV or JSON: all or nothing, and importing again changes nothing."""
    from pledgecli import actions, render
    from pledgecli.tabular import FIGURE_HEADERS, INFORMATIONAL_HEADERS, read_table

    today = _today()
    day = as_of or today
    kind = fmt.value if fmt else ("json" if file.lower().endswith((".json", ".jsonl")) else "csv")
    binary, name = _open_input(file)
    store = _open(ctx)
    try:
        table = read_table(
            binary, name, kind, encoding.value, FIGURE_HEADERS, INFORMATIONAL_HEADERS
        )
        report = actions.import_figures(store, table, on_conflict.value, dry_run, today)
        rows = None if dry_run else actions.assessments(store, day)
    finally:
        store.close()
        if file != "-":
            binary.close()
    for warning in report.warnings:
        render.hint(f"warning: {warning}")
    render.print_import_report(report, table.encoding, _settings(ctx).ascii)
    if rows is not None:
        _after_write(ctx, rows, report.changed_ids, day)


@command()
def template(
    ctx: typer.Context,
    as_of: AsOf = None,
    output: Output = None,
    excel: Excel = False,
    indicators: Annotated[
        bool,
        typer.Option("--indicators", help="Include the tracked indicators that have no target."),
    ] = False,
    headers: Annotated[
        Headers, typer.Option(help="Column names in English (en) or Chinese (zh).")
    ] = Headers.en,
) -> None:
    """A CSV to fill for the month: one row per open commitment, the date filled in."""
    from pledgecli import actions, render
    from pledgecli.tabular import CHINESE

    day = as_of or _today()
    store = _open(ctx)
    try:
        records = actions.template_records(store, day, indicators)
    finally:
        store.close()
    columns: tuple[str, ...] = actions.TEMPLATE_COLUMNS
    if headers is Headers.zh:
        records = [{CHINESE[k]: v for k, v in r.items()} for r in records]
        columns = tuple(CHINESE[c] for c in columns)
    with render.output(output, excel) as out:
        render.write_records(records, columns, "csv", out, excel)
    if output:
        month_end = records[0][columns[8]] if records else day
        render.hint(
            labels.TEXT["template_written"].format(
                commitments=labels.count(len(records), "commitment"), day=month_end, path=output
            )
        )


@command()
def export(
    ctx: typer.Context,
    what: Annotated[
        Export, typer.Argument(help="commitments, figures, or status (as of --as-of).")
    ],
    fmt: Annotated[InFormat, typer.Option("--format", "-f", help="csv or json.")] = InFormat.csv,
    output: Output = None,
    excel: Excel = False,
    as_of: AsOf = None,
) -> None:
    """Export commitments, figures or status; `load` and `import` read the files back."""
    from pledgecli import actions, render

    if excel and fmt is InFormat.json:
        raise InputError("--excel is for CSV; leave it out with --format json")
    store = _open(ctx)
    try:
        if what is Export.commitments:
            records = [render.commitment_record(c) for c in store.commitments()]
            columns: tuple[str, ...] = render.COMMITMENT_COLUMNS
        elif what is Export.figures:
            records, columns = actions.figure_records(store), actions.FIGURE_COLUMNS
        else:
            rows = actions.assessments(store, as_of or _today())
            records, columns = [render.assessment_record(a) for a in rows], render.ROW_COLUMNS
    finally:
        store.close()
    with render.output(output, excel) as out:
        render.write_records(records, columns, fmt.value, out, excel)
    if output:
        render.hint(
            labels.TEXT["exported"].format(
                rows=labels.count(len(records), "row"), what=what.value, path=output
            )
        )


@command()
def log(
    ctx: typer.Context,
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=1, help="Show this many batches.")
    ] = 20,
    fmt: FormatOpt = Format.table,
) -> None:
    """The change batches: when, which command, what it changed."""
    from pledgecli import render

    store = _open(ctx)
    try:
        batches = store.batches(limit)
    finally:
        store.close()
    render.print_log(batches, fmt.value, _settings(ctx).ascii)


@command()
def undo(
    ctx: typer.Context,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask before reverting.")] = False,
) -> None:
    """Revert the last change batch exactly: new rows go, revised figures get their old values."""
    from pledgecli import render

    store = _open(ctx)
    try:
        batch = store.last_undoable()
        if batch is None:
            render.say(labels.TEXT["nothing_to_undo"])
            return
        changes = store.changes(batch["id"])
        render.print_undo_preview(batch, changes)
        if not yes and not typer.confirm(labels.TEXT["undo_confirm"].format(batch=batch["id"])):
            render.say(labels.TEXT["undo_declined"])
            return
        restored = store.undo(batch["id"])
    finally:
        store.close()
    render.say(
        labels.TEXT["undo_done"].format(batch=batch["id"], rows=labels.count(restored, "row"))
    )


def _emit(ctx: typer.Context, rows: Any, fmt: Format, title: str, empty: str) -> None:
    from pledgecli import render

    if fmt is Format.table:
        render.print_status(rows, title, _settings(ctx).ascii, empty)
    else:
        render.write_records(
            [render.assessment_record(a) for a in rows], render.ROW_COLUMNS, fmt.value
        )


def main() -> None:
    """The console script: what escapes the commands still ends as one line, not a traceback."""
    try:
        app(prog_name=APP_NAME)
    except Exception as exc:
        if os.environ.get("PLEDGE_DEBUG"):
            raise
        from pledgecli import render

        render.error(
            f"unexpected {type(exc).__name__}: {exc} "
            "(a bug in pledge: please report it; PLEDGE_DEBUG=1 shows the traceback)"
        )
        raise SystemExit(EXIT_INTERNAL) from None
