"""Commands that track: create and fill the database, read progress and what is overdue."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from pledgecli import labels
from pledgecli.cli.app import (
    AsOf,
    Doc,
    Format,
    FormatOpt,
    Owner,
    StaleAfter,
    Within,
    after_write,
    command,
    current_day,
    emit_rows,
    open_store,
    parse_day,
    settings_of,
)
from pledgecli.errors import EXIT_ALERT, InputError


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

    path = settings_of(ctx).db
    existed = path.exists() and path.stat().st_size > 0
    store = open_store(ctx, create=True)
    try:
        message = labels.TEXT["database_used" if existed else "database_created"]
        render.say(message.format(path=path, schema=store.schema_version()))
        if sample:
            source = actions.sample_file()
            report = actions.load_bundle(store, read_bundle(source), "init --sample", source.name)
            render.print_load_report(report, source.name)
    finally:
        store.close()
    render.hint(labels.TEXT["next_step"])


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
    store = open_store(ctx)
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
    store = open_store(ctx)
    try:
        if commitment.document_id:
            store.document(commitment.document_id)
        with store.batch(f"add {commitment.id}") as batch:
            batch.add_commitment(commitment)
    finally:
        store.close()
    render.say(labels.TEXT["added"].format(id=commitment.id, title=commitment.title))


@command("list")
def list_(
    ctx: typer.Context,
    owner: Owner = None,
    doc: Doc = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """List the commitments."""
    from pledgecli import render

    store = open_store(ctx)
    try:
        commitments = store.commitments(owner=owner, document_id=doc)
    finally:
        store.close()
    if fmt is Format.table:
        render.print_commitments(commitments, settings_of(ctx).ascii)
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

    day = as_of or current_day()
    store = open_store(ctx)
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
            c, document, assessment, figures, revisions, day, settings_of(ctx).ascii
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
    from pledgecli import actions, render

    today = current_day()
    day = as_of or today
    store = open_store(ctx)
    try:
        result = actions.record(
            store, commitment_id, value, on or today, delta, source, note, today
        )
        rows = actions.assessments(store, day)
    finally:
        store.close()
    for warning in result.warnings:
        render.warn(warning)
    render.print_recorded(result)
    after_write(ctx, rows, [result.commitment.id], day)


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

    day = as_of or current_day()
    store = open_store(ctx)
    try:
        rows = actions.assessments(store, day, owner, doc, within, stale_after)
    finally:
        store.close()
    emit_rows(
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

    day = as_of or current_day()
    store = open_store(ctx)
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
    emit_rows(ctx, late, fmt, title, empty)
    if fail and any(a.status == "overdue" for a in late):
        raise typer.Exit(EXIT_ALERT)
