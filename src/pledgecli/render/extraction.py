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

# Columns of the extraction tables: name, and whether it keeps to one line.
PROPOSAL_COLUMNS = (
    ("id", True), ("metric", False), ("target", True), ("kind", True), ("start", True),
    ("deadline", True), ("owner", False), ("section", True), ("quote", False),
)  # fmt: skip
ACHIEVED_COLUMNS = (("metric", False), ("value", True), ("on", True), ("quote", False))


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
    t = labels.TEXT
    doc = result.document
    heading = Text(str(doc.get("doc_number") or doc["id"]), style="bold")
    for key in ("title", "issuer", "recipient", "issued_on"):
        if doc.get(key):
            heading.append(f"\n{labels.FIELDS[key]}: {plain(doc[key])}")
    out.print(heading)
    if not result.commitments:
        out.print(t["nothing_proposed"])
    else:
        grid = _extraction_table(t["proposed_title"], ascii_only, PROPOSAL_COLUMNS)
        for p in result.commitments:
            target = "—" if p.value is None else f"{_sign(p.comparator)} {number(p.value)} {p.unit}"
            cells = [p.id, p.metric, target, labels.KIND[p.kind], plain(p.start) or "",
                     plain(p.deadline) or ("?" if p.unresolved else "—"), p.owner or "",
                     p.section or ""]  # fmt: skip
            grid.add_row(*map(Text, cells), Text(p.quote, style="dim"))
        out.print(grid)
    if result.achieved:
        grid = _extraction_table(t["achieved_title"], ascii_only, ACHIEVED_COLUMNS)
        for a in result.achieved:
            cells = [a.metric, f"{number(a.value)} {a.unit}", a.on.isoformat()]
            grid.add_row(*map(Text, cells), Text(a.quote, style="dim"))
        out.print(grid)


def _extraction_table(title: str, ascii_only: bool, columns: Sequence[tuple[str, bool]]) -> Table:
    grid = table(title, ascii_only)
    for name, one_line in columns:
        grid.add_column(
            labels.EXTRACT_COLUMNS[name],
            justify="right" if name in ("target", "value") else "left",
            no_wrap=one_line,
            overflow="fold",
            ratio=2 if name == "quote" else (1 if not one_line else None),
        )
    return grid


def _sign(comparator: str | None) -> str:
    return {">=": "≥", "<=": "≤", "≈": "≈"}.get(comparator or "", "")
