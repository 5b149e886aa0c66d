"""Commands that exchange data: import, template, export; and the log with undo."""

from __future__ import annotations

import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import IO, Annotated

import typer

from pledgecli import columns, labels
from pledgecli.cli.app import (
    AsOf,
    Format,
    FormatOpt,
    Headers,
    HeadersOpt,
    check_headers,
    command,
    current_day,
    open_store,
    settings_of,
)
from pledgecli.errors import InputError


class InFormat(StrEnum):
    csv = "csv"
    json = "json"


class ImportFormat(StrEnum):
    csv = "csv"
    json = "json"
    xlsx = "xlsx"


def _format_of(file: str) -> str:
    name = file.lower()
    if name.endswith((".xlsx", ".xlsm")):
        return "xlsx"
    return "json" if name.endswith((".json", ".jsonl")) else "csv"


class SheetFormat(StrEnum):
    csv = "csv"
    xlsx = "xlsx"


def _sheet_format_of(output_file: Path | None, kinds: tuple[str, ...]) -> str:
    """The format an -o file's name asks for (.xlsx, .json) among `kinds`; else csv."""
    suffix = output_file.suffix.lower() if output_file is not None else ""
    by_suffix = {".xlsx": "xlsx", ".xlsm": "xlsx", ".json": "json"}.get(suffix, "csv")
    return by_suffix if by_suffix in kinds else "csv"


def export_workbook(
    ctx: typer.Context, binary: IO[bytes], what: str, day: date, headers: str
) -> int:
    """commitments, figures or status as a workbook; status gains the 台账 as a second sheet.
    Returns how many rows the first sheet has."""
    from pledgecli import actions
    from pledgecli.render.workbook import sheet_words, status_sheets, write_sheets

    with open_store(ctx) as store:
        if what == "status":
            view = actions.status(store, day)
            sheets = status_sheets(view.rows, actions.ledger_of(view, "owner"), headers)
        else:
            records = actions.export(store, what, day)
            sheets = [(sheet_words(headers)[f"{what}_sheet"], records.columns, records.rows)]
        return write_sheets(binary, sheets, headers)


class Encoding(StrEnum):
    auto = "auto"
    utf8 = "utf-8"
    gb18030 = "gb18030"


class OnConflict(StrEnum):
    revise = "revise"
    skip = "skip"
    error = "error"


class Export(StrEnum):
    commitments = "commitments"
    figures = "figures"
    status = "status"


Output = Annotated[
    Path | None,
    typer.Option("--output", "-o", metavar="FILE", help="Write to FILE instead of stdout."),
]
Excel = Annotated[
    bool,
    typer.Option(
        "--excel", help="UTF-8 with BOM and CRLF line ends, so Excel on Chinese Windows opens it."
    ),
]


@command("import")
def import_(
    ctx: typer.Context,
    file: Annotated[
        str,
        typer.Argument(
            metavar="FILE", help="A CSV, JSON or .xlsx file of figures, or - for stdin."
        ),
    ],
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run", help="Check everything and show what would change; write nothing."
        ),
    ] = False,
    fmt: Annotated[
        ImportFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="csv, json (JSON array or JSON Lines) or xlsx; default: from the name.",
        ),
    ] = None,
    sheet: Annotated[
        str | None,
        typer.Option("--sheet", help="The workbook's sheet to read (default: the first visible)."),
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
    """Import figures from CSV, JSON or Excel: all or nothing, and importing again changes nothing."""
    from pledgecli import actions
    from pledgecli.render.reports import print_import_report
    from pledgecli.render.status import print_after_write

    today = current_day()
    kind = fmt.value if fmt else _format_of(file)
    binary, name = actions.open_input(file, sys.stdin.buffer)
    with binary, open_store(ctx) as store:
        report = actions.import_file(
            store, binary, name, kind, encoding.value, on_conflict.value, dry_run, today,
            as_of or today, sheet,
        )  # fmt: skip
    print_import_report(report, settings_of(ctx).ascii)
    if report.after is not None:
        print_after_write(report.after, settings_of(ctx).ascii)


@command()
def template(
    ctx: typer.Context,
    as_of: AsOf = None,
    output_file: Output = None,
    excel: Excel = False,
    indicators: Annotated[
        bool,
        typer.Option("--indicators", help="Include the tracked indicators that have no target."),
    ] = False,
    headers: HeadersOpt = Headers.en,
    fmt: Annotated[
        SheetFormat | None,
        typer.Option("--format", "-f", help="csv or xlsx; default: from the name, else csv."),
    ] = None,
) -> None:
    """A sheet to fill for the month (CSV or Excel): one row per open commitment, the date filled in."""
    from pledgecli import actions
    from pledgecli.render.console import hint
    from pledgecli.render.machine import binary_output, output, write_records

    kind = fmt.value if fmt else _sheet_format_of(output_file, ("xlsx",))
    protected = [settings_of(ctx).db]
    if kind == "xlsx":
        from pledgecli.render.workbook import write_template

        with binary_output(output_file, protected) as binary:
            with open_store(ctx) as store:
                records = actions.template(store, as_of or current_day(), indicators)
            filled = write_template(binary, records.rows, records.day, headers.value)
    else:
        # The output is opened first, so a bad -o is refused before any work is done.
        with output(output_file, excel, protected) as out:
            with open_store(ctx) as store:
                records = actions.template(store, as_of or current_day(), indicators)
            names = columns.header_names(records.columns, headers.value)
            filled = write_records(records.rows, records.columns, "csv", out, excel, names)
    if output_file:
        hint(
            labels.TEXT["template_written"].format(
                commitments=labels.count(filled, "commitment"),
                day=labels.day(records.day),
                path=output_file,
            )
        )


@command()
def export(
    ctx: typer.Context,
    what: Annotated[
        Export, typer.Argument(help="commitments, figures, or status (as of --as-of).")
    ],
    fmt: Annotated[
        ImportFormat | None,
        typer.Option("--format", "-f", help="csv, json or xlsx; default: from the name, else csv."),
    ] = None,
    output_file: Output = None,
    excel: Excel = False,
    as_of: AsOf = None,
    headers: HeadersOpt = Headers.en,
) -> None:
    """Export commitments, figures or status; `load` and `import` read the files back."""
    from pledgecli import actions
    from pledgecli.render.console import hint
    from pledgecli.render.machine import binary_output, output, write_records

    kind = fmt.value if fmt else _sheet_format_of(output_file, ("xlsx", "json"))
    if excel and kind != "csv":
        raise InputError(labels.t("excel_is_for_csv"))
    check_headers(headers, kind)
    day = as_of or current_day()
    protected = [settings_of(ctx).db]
    if kind == "xlsx":
        with binary_output(output_file, protected) as binary:
            rows = export_workbook(ctx, binary, what.value, day, headers.value)
    else:
        # The output is opened first, so a bad -o is refused before any work is done.
        with output(output_file, excel, protected) as out:
            with open_store(ctx) as store:
                records = actions.export(store, what.value, day)
                names = columns.header_names(records.columns, headers.value)
                rows = write_records(records.rows, records.columns, kind, out, excel, names)
    if output_file:
        hint(
            labels.TEXT["exported"].format(
                rows=labels.count(rows, "row"),
                what=labels.t(f"table_{what.value}"),
                path=output_file,
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
    from pledgecli import actions
    from pledgecli.render.reports import print_log

    with open_store(ctx) as store:
        batches = actions.log(store, limit)
    print_log(batches, fmt.value, settings_of(ctx).ascii)


def _confirm(question: str) -> bool:
    """A yes from the person at the terminal; an answer that is not text is not a yes."""
    try:
        return typer.confirm(question)
    except UnicodeDecodeError:
        return False


@command()
def undo(
    ctx: typer.Context,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask before reverting.")] = False,
) -> None:
    """Revert the last change batch exactly: new rows go, revised figures get their old values."""
    from pledgecli import actions
    from pledgecli.render.console import say
    from pledgecli.render.reports import print_undo_preview

    with open_store(ctx) as store:
        plan = actions.undo_plan(store)
        if plan is None:
            say(labels.TEXT["nothing_to_undo"])
            return
        print_undo_preview(plan.batch, plan.changes)
        if not yes and not _confirm(labels.TEXT["undo_confirm"].format(batch=plan.batch.id)):
            say(labels.TEXT["undo_declined"])
            return
        restored = actions.undo(store, plan)
    say(labels.TEXT["undo_done"].format(batch=plan.batch.id, rows=labels.count(restored, "row")))
