"""Commands that track: create and fill the database, read progress and what is overdue."""

from __future__ import annotations

import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from pledgecli import labels
from pledgecli.cli.app import (
    AllRows,
    AsOf,
    Doc,
    Format,
    FormatOpt,
    Headers,
    HeadersOpt,
    Owner,
    StaleAfter,
    Within,
    check_headers,
    command,
    current_day,
    open_store,
    parse_day,
    settings_of,
)
from pledgecli.errors import EXIT_ALERT, InputError
from pledgecli.model import OVERDUE


@command()
def init(
    ctx: typer.Context,
    sample: Annotated[
        bool,
        typer.Option("--sample", help="Also load the bundled sample letter (zs-scjg-2024-168)."),
    ] = False,
) -> None:
    """Create the database, or bring an existing one up to date."""
    from pledgecli import actions
    from pledgecli.render.console import hint
    from pledgecli.render.reports import print_opened

    print_opened(actions.init(settings_of(ctx).db, sample))
    hint(labels.TEXT["next_step"])


@command()
def load(
    ctx: typer.Context,
    file: Annotated[
        Path, typer.Argument(help="A TOML file of documents and commitments, with their figures.")
    ],
) -> None:
    """Load documents and commitments from a TOML file (loading it again changes nothing)."""
    from pledgecli import actions
    from pledgecli.render.reports import print_load_report

    with open_store(ctx) as store:
        report = actions.load(store, file)
    print_load_report(report, file.name)


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
    from pledgecli import actions
    from pledgecli.render.console import say

    fields = {
        "id": commitment_id, "title": title, "document": doc, "section": section, "owner": owner,
        "kind": kind, "comparator": comparator, "target": target, "unit": unit, "baseline": baseline,
        "start": start, "deadline": deadline, "quote": quote, "notes": notes,
    }  # fmt: skip
    with open_store(ctx) as store:
        commitment = actions.add(store, fields)
    say(labels.TEXT["added"].format(id=commitment.id, title=commitment.title))


@command("list")
def list_(
    ctx: typer.Context,
    owner: Owner = None,
    doc: Doc = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """List the commitments."""
    from pledgecli import actions, columns
    from pledgecli.render.machine import write_records
    from pledgecli.render.status import print_commitments

    with open_store(ctx) as store:
        commitments = actions.commitments(store, owner, doc)
    if fmt is Format.table:
        print_commitments(commitments, settings_of(ctx).ascii)
    else:
        records = (columns.record_of(c, columns.COMMITMENT) for c in commitments)
        write_records(records, columns.COMMITMENT, fmt.value)


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
    from pledgecli import actions
    from pledgecli.render.commitment import commitment_json, print_commitment

    if fmt is Format.csv:
        raise InputError(labels.t("show_formats"))
    with open_store(ctx) as store:
        view = actions.show(store, commitment_id, as_of or current_day())
    if fmt is Format.table:
        print_commitment(view, settings_of(ctx).ascii)
    else:
        sys.stdout.write(commitment_json(view))


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
            parser=parse_day,
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
    from pledgecli import actions
    from pledgecli.render.console import warn
    from pledgecli.render.reports import print_recorded
    from pledgecli.render.status import print_after_write

    today = current_day()
    with open_store(ctx) as store:
        result = actions.record(
            store, commitment_id, value, on or today, delta, source, note, today, as_of or today
        )
    for warning in result.warnings:
        warn(warning)
    print_recorded(result)
    print_after_write(result.after, settings_of(ctx).ascii)


class StatusFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"
    xlsx = "xlsx"


class By(StrEnum):
    owner = "owner"
    document = "document"


@command()
def status(
    ctx: typer.Context,
    as_of: AsOf = None,
    owner: Owner = None,
    doc: Doc = None,
    fmt: Annotated[
        StatusFormat,
        typer.Option(
            "--format", "-f", help="table for people; csv or json for scripts; xlsx for Excel."
        ),
    ] = StatusFormat.table,
    within: Within = 30,
    stale_after: StaleAfter = 45,
    by: Annotated[
        By | None,
        typer.Option(
            "--by",
            help="One line per owner (the 台账) or per document: counts by status, "
            "stale ones, the most overdue.",
        ),
    ] = None,
    headers: HeadersOpt = Headers.en,
    output_file: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write to FILE (with --format xlsx)."),
    ] = None,
    every: AllRows = False,
) -> None:
    """Progress of every commitment, the most urgent first."""
    from pledgecli import actions
    from pledgecli.render.status import emit_rows

    check_headers(headers, fmt.value)
    if fmt is StatusFormat.xlsx:
        from pledgecli.render.machine import binary_output
        from pledgecli.render.workbook import status_sheets, write_sheets

        day = as_of or current_day()
        with binary_output(output_file, [settings_of(ctx).db]) as binary:
            with open_store(ctx) as store:
                view = actions.status(store, day, owner, doc, within, stale_after)
            ledger = actions.ledger_of(view, "owner")
            write_sheets(binary, status_sheets(view.rows, ledger, headers.value), headers.value)
        if output_file:
            from pledgecli.render.console import hint

            rows = labels.count(len(view.rows), "row")
            hint(labels.t("exported", rows=rows, what=labels.t("table_status"), path=output_file))
        return
    if output_file is not None:
        raise InputError(labels.t("output_is_for_xlsx"))
    if by is not None:
        from pledgecli.render.ledger import emit_ledger

        with open_store(ctx) as store:
            day = as_of or current_day()
            ledger = actions.ledger(store, day, by.value, owner, doc, within, stale_after)
        emit_ledger(ledger, fmt.value, settings_of(ctx).ascii, headers.value)
        return
    with open_store(ctx) as store:
        view = actions.status(store, as_of or current_day(), owner, doc, within, stale_after)
    title = labels.TEXT["status_title"].format(as_of=labels.day(view.as_of))
    empty = labels.TEXT["no_commitments"]
    emit_rows(view.rows, fmt.value, title, empty, settings_of(ctx).ascii, headers.value, every)


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
    every: AllRows = False,
) -> None:
    """What is overdue (and, with --within, due soon), the longest overdue first."""
    from pledgecli import actions
    from pledgecli.render.status import emit_rows

    with open_store(ctx) as store:
        view = actions.overdue(store, as_of or current_day(), within, owner, doc, stale_after)
    day = labels.day(view.as_of)
    if within is None:
        title = labels.TEXT["overdue_title"].format(as_of=day)
        empty = labels.TEXT["nothing_overdue"].format(as_of=day)
    else:
        title = labels.TEXT["overdue_within_title"].format(as_of=day, days=within)
        empty = labels.TEXT["nothing_overdue_within"].format(as_of=day, days=within)
    emit_rows(view.rows, fmt.value, title, empty, settings_of(ctx).ascii, every=every)
    if fail and any(a.status == OVERDUE for a in view.overdue):
        raise typer.Exit(EXIT_ALERT)
