"""Every word the interface shows a person, in one place.

Machine-readable output (JSON, CSV) uses the fixed keys and status values of
DESIGN.md; the table shows these labels, so a Chinese interface is a second
dictionary here and nothing else.
"""

from __future__ import annotations

STATUS = {
    "overdue": "overdue",
    "behind": "behind",
    "no data": "no data",
    "in progress": "in progress",
    "on track": "on track",
    "met late": "met late",
    "met": "met",
    "tracking": "tracking",
    "error": "cannot compute",
}

FLAGS = {"due soon": "due soon", "stale": "stale"}

KIND = {"level": "level", "flow": "flow", "milestone": "milestone"}

MODE = {"total": "total", "delta": "delta"}

COLUMNS = {
    "id": "id",
    "title": "commitment",
    "owner": "owner",
    "document": "document",
    "section": "§",
    "kind": "kind",
    "target": "target",
    "value": "value",
    "progress": "progress",
    "expected": "pace",
    "deadline": "deadline",
    "status": "status",
    "flags": "flags",
    "on": "date",
    "mode": "mode",
    "source": "source",
    "note": "note",
    "entered_at": "entered",
    "history": "earlier values",
    "days_overdue": "days late",
    "batch": "batch",
    "at": "when",
    "command": "command",
    "state": "state",
}

FIELDS = {
    "document_id": "document",
    "section": "section",
    "title": "title",
    "owner": "owner",
    "kind": "kind",
    "comparator": "comparator",
    "target": "target",
    "unit": "unit",
    "baseline": "baseline",
    "start": "start",
    "deadline": "deadline",
    "quote": "quote",
    "notes": "notes",
    "doc_number": "document number",
    "value": "value",
    "progress": "progress",
    "expected": "pace value",
    "gap": "gap to pace",
    "needed_per_month": "needed per month",
    "last_reported_on": "last reported",
    "status": "status",
    "issuer": "issuer",
    "recipient": "recipient",
    "issued_on": "issued on",
    "period": "period",
    "document_title": "document title",
    "source": "source",
    "problem": "problem",
}

EXTRACT_COLUMNS = {
    "id": "id",
    "metric": "what is counted",
    "target": "target",
    "kind": "kind",
    "start": "start",
    "deadline": "deadline",
    "owner": "owner",
    "section": "§",
    "quote": "clause",
    "value": "value",
    "on": "as of",
}

TEXT = {
    "error": "pledge: error: ",
    "aborted": "stopped before anything was written (no answer to the question)",
    "option_goes_first": "{option} goes before the command: pledge {option} … {command} …",
    "see_help": "{message} (see `{command} --help`)",
    "argument_not_text": "argument {n} ({raw}) is neither UTF-8 nor GB18030 text; save the script as UTF-8",
    "bug": "unexpected {kind}: {detail} (a bug in pledge: please report it; PLEDGE_DEBUG=1 shows the traceback)",
    "warning": "warning: {message}",
    "loaded": "Loaded {origin}: {summary}",
    "loaded_nothing": "Nothing changed: {origin} is already loaded ({summary})",
    "nothing_in_it": "nothing in it",
    "database_created": "Created {path} (schema {schema})",
    "database_used": "Using {path} (schema {schema})",
    "next_step": "Next: pledge status",
    "added": "Added {id}: {title}",
    "extract_written": "Wrote {commitments} and {figures} to {path}",
    "proposed_title": "Proposed commitments",
    "achieved_title": "Achieved figures",
    "nothing_proposed": "No commitments found.",
    "stub_documents": "created document(s) {ids} with only an id; load their TOML to fill them in",
    "document": "document",
    "rows_empty": "{rows} left empty",
    "dry_run": "Dry run of {origin}: {summary}. Nothing was written.",
    "would_change": "Per commitment",
    "imported": "Imported {origin}: {summary}",
    "imported_nothing": "Imported {origin}: {summary}. Nothing changed.",
    "log_title": "Change batches, newest first",
    "log_empty": "No changes yet.",
    "undone": "undone {at}",
    "reverts": "reverts batch {batch}",
    "undo_preview": "Batch {batch} ({command}, {at}) wrote {rows}; undo will:",
    "undo_remove": "remove {what}",
    "undo_restore": "restore {what} as it was before",
    "undo_restore_value": "restore {what}: {now} back to {old}",
    "and_more": "… and {n} more",
    "undo_confirm": "Undo batch {batch}?",
    "undo_done": "Undid batch {batch}: {rows} restored.",
    "undo_declined": "Nothing was undone.",
    "nothing_to_undo": "Nothing to undo.",
    "template_written": "Wrote a template of {commitments} to fill, dated {day}, to {path}",
    "exported": "Exported {rows} of {what} to {path}",
    "as_of": "as of {as_of}",
    "days_late": "{days}d",
    "status_title": "Progress as of {as_of}",
    "overdue_title": "Overdue as of {as_of}",
    "overdue_within_title": "Overdue, or due within {days} days, as of {as_of}",
    "nothing_overdue": "Nothing is overdue as of {as_of}.",
    "nothing_overdue_within": "Nothing is overdue or due within {days} days as of {as_of}.",
    "done": "done",
    "no_commitments": "No commitments match.",
    "no_figures": "No figures reported yet.",
    "figures_title": "Figures",
    "commitments_title": "Commitments",
    "recorded": "Recorded {id} = {value} on {on} ({mode}{source}): {outcome}",
    "new": "new",
    "revised": "revised, was {old}",
    "unchanged": "unchanged, already recorded",
    "revised_on": "{old} until {revised_at}",
}

NOUNS = {
    "row": ("row", "rows"),
    "commitment": ("commitment", "commitments"),
    "proposed commitment": ("proposed commitment", "proposed commitments"),
    "achieved figure": ("achieved figure", "achieved figures"),
}


def count(n: int, noun: str) -> str:
    """'1 row', '3 rows': the one place that knows how English makes plurals."""
    one, many = NOUNS[noun]
    return f"{n} {one if n == 1 else many}"
