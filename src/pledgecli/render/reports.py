"""What a write did: load, record and import reports; the log; the undo preview."""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Sequence

from pledgecli import columns, labels
from pledgecli.model import (
    AFTER_WRITE_ROWS,
    BatchRow,
    Change,
    ImportReport,
    LoadReport,
    Opened,
    Outcome,
    Recorded,
)
from pledgecli.render.console import console, number, say, table, warn, when
from pledgecli.render.machine import write_records

# A load that creates a province's documents names the first few, not a thousand.
STUBS_NAMED = 10

LOG_NARROW_WIDTH = 100

_COUNTED = (Outcome.NEW, Outcome.REVISED, Outcome.UNCHANGED, Outcome.SKIPPED)


def print_opened(opened: Opened) -> None:
    message = labels.TEXT["database_created" if opened.created else "database_used"]
    say(message.format(path=opened.path, schema=opened.schema))
    if opened.sample is not None:
        print_load_report(opened.sample, opened.sample_name)


def print_load_report(report: LoadReport, origin: str) -> None:
    """`documents: 1 new · commitments: 14 new, 1 revised · …`, or that nothing changed."""
    parts = []
    for name, tally in report.tallies.items():
        counts = [outcome_count(tally, o) for o in Outcome if tally[o]]
        if counts:
            parts.append(f"{labels.t('table_' + name)}: {', '.join(counts)}")
    summary = " · ".join(parts) or labels.TEXT["nothing_in_it"]
    if report.stubs:
        named = report.stubs[:STUBS_NAMED]
        more = len(report.stubs) - len(named)
        ids = ", ".join(named) + (labels.t("and_more_ids", n=f"{more:,}") if more > 0 else "")
        warn(labels.TEXT["stub_documents"].format(ids=ids))
    if report.changed:
        say(labels.TEXT["loaded"].format(origin=origin, summary=summary))
    else:
        say(labels.TEXT["loaded_nothing"].format(origin=origin, summary=summary))


def print_recorded(result: Recorded) -> None:
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
            on=labels.day(fig.on),
            mode=labels.MODE[fig.mode],
            source=f", {fig.source}" if fig.source else "",
            outcome=outcome,
        )
    )


def outcome_count(tally: Counter[Outcome], outcome: Outcome) -> str:
    """'3 new', '新增3'."""
    return labels.t("outcome_count", n=f"{tally[outcome]:,}", outcome=labels.OUTCOME[outcome.value])


def counts_text(tally: Counter[Outcome], empty: int = 0) -> str:
    """'3 new, 1 revised, 10 unchanged' (+ skipped, + rows left empty when there are any)."""
    parts = [outcome_count(tally, o) for o in (Outcome.NEW, Outcome.REVISED, Outcome.UNCHANGED)]
    if tally[Outcome.SKIPPED]:
        parts.append(outcome_count(tally, Outcome.SKIPPED))
    text = labels.t("list_comma").join(parts)
    if empty:
        text += labels.t("list_semicolon") + labels.t("rows_empty", rows=labels.count(empty, "row"))
    return text


def print_import_report(report: ImportReport, ascii_only: bool) -> None:
    from rich.text import Text

    t = labels.TEXT
    for warning in report.warnings:
        warn(warning)
    if report.unshown_warnings:
        warn(labels.t("more_warnings", n=f"{report.unshown_warnings:,}"))
    summary = counts_text(report.totals, report.empty)
    encoding = report.encoding.removesuffix("-sig")
    where = f"{report.origin} ({encoding})" if encoding else report.origin
    if report.dry_run:
        say(t["dry_run"].format(origin=where, summary=summary))
        grid = table(t["would_change"], ascii_only)
        grid.add_column(labels.COLUMNS["id"], no_wrap=True)
        for outcome in _COUNTED:
            grid.add_column(labels.OUTCOME[outcome.value], justify="right")
        # The first commitments the file names: a file for the whole province says the rest
        # in one line, not one line each.
        for cid, tally in itertools.islice(report.per_commitment.items(), AFTER_WRITE_ROWS):
            grid.add_row(Text(cid), *(str(tally[o]) for o in _COUNTED))
        if report.per_commitment:
            console().print(grid)
        rest = len(report.per_commitment) - AFTER_WRITE_ROWS
        if rest > 0:
            console().print(labels.t("more_commitments", n=f"{rest:,}"), style="dim")
    elif report.changed_ids:
        say(t["imported"].format(origin=where, summary=summary))
    else:
        say(t["imported_nothing"].format(origin=where, summary=summary))


def print_log(batches: Sequence[BatchRow], fmt: str, ascii_only: bool) -> None:
    from rich.text import Text

    if fmt != "table":
        write_records((vars(b) for b in batches), columns.BATCH, fmt)
        return
    if not batches:
        say(labels.TEXT["log_empty"])
        return
    col = labels.COLUMNS
    out = console()
    # Below this width the time goes under the command, which would otherwise be squeezed
    # into pieces of a few letters.
    narrow = out.width < LOG_NARROW_WIDTH
    grid = table(labels.TEXT["log_title"], ascii_only)
    grid.add_column(col["batch"], justify="right", no_wrap=True)
    if not narrow:
        grid.add_column(col["at"], no_wrap=True)
    grid.add_column(col["command"], overflow="fold", ratio=1)
    for name in ("new", "revised", "unchanged", "skipped"):
        grid.add_column(labels.OUTCOME[name], justify="right", no_wrap=True)
    grid.add_column(col["state"], no_wrap=True)
    for b in batches:
        if b.undone_at:
            state = Text(labels.TEXT["undone"].format(at=when(b.undone_at)), style="dim")
        elif b.reverts:
            state = Text(labels.TEXT["reverts"].format(batch=b.reverts))
        else:
            state = Text("")
        command = Text(b.command)
        if narrow:
            command.append("\n" + when(b.at), style="dim")
        counts = (f"{n:,}" for n in (b.inserted, b.revised, b.unchanged, b.skipped))
        grid.add_row(str(b.id), *([] if narrow else [when(b.at)]), command, *counts, state)
    out.print(grid)


def describe_change(change: Change) -> str:
    """One line of what `undo` will do to a row."""
    t = labels.TEXT
    row = change.current or change.before or {}
    if change.table == "figures":
        mode = labels.MODE.get(str(row.get("mode")), str(row.get("mode")))
        what = f"{row.get('commitment_id')} {row.get('on')} {mode}"
        if row.get("source"):
            what += f" ({row['source']})"
        if change.before is None:
            return t["undo_remove"].format(what=f"{what} = {number(row.get('value'))}")
        now_value = number((change.current or {}).get("value"))
        return t["undo_restore_value"].format(
            what=what, now=now_value, old=number(change.before.get("value"))
        )
    noun = t["commitment_word"] if change.table == "commitments" else t["document_word"]
    what = f"{noun} {change.key}"
    return (
        t["undo_remove"].format(what=what)
        if change.before is None
        else t["undo_restore"].format(what=what)
    )


def print_undo_preview(batch: BatchRow, changes: Sequence[Change], limit: int = 20) -> None:
    t = labels.TEXT
    say(
        t["undo_preview"].format(
            batch=batch.id,
            command=batch.command,
            at=when(batch.at),
            rows=labels.count(len(changes), "row"),
        )
    )
    for change in changes[:limit]:
        say("  " + describe_change(change))
    if len(changes) > limit:
        say("  " + t["and_more"].format(n=len(changes) - limit))
