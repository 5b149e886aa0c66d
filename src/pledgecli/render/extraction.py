"""`extract`: the document's header, the proposed commitments and the achieved figures."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from pledgecli import labels
from pledgecli.model import Extraction
from pledgecli.render.console import console, number, table
from pledgecli.render.machine import json_text, plain, plain_record

if TYPE_CHECKING:
    from rich.table import Table
    from rich.text import Text

Columns = tuple[tuple[str, bool, int], ...]

# Columns of the extraction tables: name, whether it keeps to one line, and its share of the
# width left. Below NARROW_WIDTH the clause goes under what is counted, in the same cell, and
# kind and section are left out: what a person reviews is what, how much, by when, by whom.
PROPOSAL_COLUMNS: Columns = (
    ("metric", False, 2), ("target", True, 0), ("kind", True, 0), ("deadline", True, 0),
    ("owner", False, 1), ("section", True, 0), ("quote", False, 3),
)  # fmt: skip
NARROW_PROPOSAL_COLUMNS: Columns = (
    ("metric", False, 3), ("target", True, 0), ("deadline", True, 0), ("owner", False, 1),
)  # fmt: skip
ACHIEVED_COLUMNS: Columns = (
    ("metric", False, 2),
    ("value", True, 0),
    ("on", True, 0),
    ("quote", False, 3),
)
NARROW_ACHIEVED_COLUMNS: Columns = (("metric", False, 3), ("value", True, 0), ("on", True, 0))
NARROW_WIDTH = 110


def extraction_json(result: Extraction) -> str:
    """The document, the proposed commitments and the achieved figures, as one JSON object."""
    commitments = [
        {
            "id": p.id, "metric": p.metric, "comparator": p.comparator, "value": plain(p.value),
            "unit": p.unit, "normalized_value": plain(p.normalized_value),
            "normalized_unit": p.normalized_unit, "kind": p.kind, "start": plain(p.start),
            "deadline": plain(p.deadline), "deadline_unresolved": p.unresolved, "owner": p.owner,
            "section": p.section, "quote": p.quote,
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
    document = plain_record(result.document)
    return json_text({"document": document, "commitments": commitments, "achieved": achieved})


def print_extraction(result: Extraction, ascii_only: bool) -> None:
    """The document's header, then the proposed commitments and the achieved figures."""
    from rich.text import Text

    out = console()
    narrow = out.width < NARROW_WIDTH
    t = labels.TEXT
    doc = result.document
    first = "doc_number" if doc.get("doc_number") else "title" if doc.get("title") else "id"
    heading = Text(str(doc[first]), style="bold")
    for key in ("title", "issuer", "recipient", "issued_on"):
        if doc.get(key) and key != first:
            heading.append(f"\n{labels.FIELDS[key]}: {plain(doc[key])}")
    out.print(heading)
    if not result.commitments:
        out.print(t["nothing_proposed"])
    else:
        columns = NARROW_PROPOSAL_COLUMNS if narrow else PROPOSAL_COLUMNS
        grid = _extraction_table(t["proposed_title"], ascii_only, columns)
        for p in result.commitments:
            target = "—" if p.value is None else f"{_sign(p.comparator)} {number(p.value)} {p.unit}"
            deadline = plain(p.deadline) or ("?" if p.unresolved else "—")
            cells = {
                "metric": _with_clause(p.metric, p.quote, narrow), "target": Text(target),
                "kind": Text(labels.KIND[p.kind]), "deadline": Text(deadline),
                "owner": Text(p.owner or ""), "section": Text(p.section or ""),
                "quote": Text(p.quote, style="dim"),
            }  # fmt: skip
            grid.add_row(*(cells[name] for name, _, _ in columns))
        out.print(grid)
    if result.achieved:
        columns = NARROW_ACHIEVED_COLUMNS if narrow else ACHIEVED_COLUMNS
        grid = _extraction_table(t["achieved_title"], ascii_only, columns)
        for a in result.achieved:
            cells = {
                "metric": _with_clause(a.metric, a.quote, narrow),
                "value": Text(f"{number(a.value)} {a.unit}"), "on": Text(a.on.isoformat()),
                "quote": Text(a.quote, style="dim"),
            }  # fmt: skip
            grid.add_row(*(cells[name] for name, _, _ in columns))
        out.print(grid)


def _with_clause(metric: str, quote: str, narrow: bool) -> Text:
    """What is counted; in a narrow terminal with the clause it comes from beneath it."""
    from rich.text import Text

    cell = Text(metric)
    if narrow:
        cell.append("\n  " + quote, style="dim")
    return cell


def _extraction_table(
    title: str, ascii_only: bool, columns: Sequence[tuple[str, bool, int]]
) -> Table:
    grid = table(title, ascii_only)
    for name, one_line, share in columns:
        grid.add_column(
            labels.EXTRACT_COLUMNS[name],
            justify="right" if name in ("target", "value") else "left",
            no_wrap=one_line,
            overflow="fold",
            ratio=share or None,
        )
    return grid


def _sign(comparator: str | None) -> str:
    return {">=": "≥", "<=": "≤", "≈": "≈", "=": "="}.get(comparator or "", "")
