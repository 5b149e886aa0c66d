"""Commands that exchange data: import, template, export; and the log with undo."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from pledgecli import labels
from pledgecli.cli.app import (
    AsOf,
    Format,
    FormatOpt,
    after_write,
    command,
    current_day,
    open_store,
    settings_of,
)
from pledgecli.errors import InputError


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

    from pledgecli.tabular import open_file

    if file == "-":
        return sys.stdin.buffer, "stdin"
    return open_file(Path(file)), Path(file).name


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

    today = current_day()
    day = as_of or today
    kind = fmt.value if fmt else ("json" if file.lower().endswith((".json", ".jsonl")) else "csv")
    binary, name = _open_input(file)
    store = open_store(ctx)
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
        render.warn(warning)
    render.print_import_report(report, table.encoding, settings_of(ctx).ascii)
    if rows is not None:
        after_write(ctx, rows, report.changed_ids, day)


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

    day = as_of or current_day()
    store = open_store(ctx)
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
    store = open_store(ctx)
    try:
        if what is Export.commitments:
            records = [render.commitment_record(c) for c in store.commitments()]
            columns: tuple[str, ...] = render.COMMITMENT_COLUMNS
        elif what is Export.figures:
            records, columns = actions.figure_records(store), actions.FIGURE_COLUMNS
        else:
            rows = actions.assessments(store, as_of or current_day())
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

    store = open_store(ctx)
    try:
        batches = store.batches(limit)
    finally:
        store.close()
    render.print_log(batches, fmt.value, settings_of(ctx).ascii)


@command()
def undo(
    ctx: typer.Context,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask before reverting.")] = False,
) -> None:
    """Revert the last change batch exactly: new rows go, revised figures get their old values."""
    from pledgecli import render

    store = open_store(ctx)
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
