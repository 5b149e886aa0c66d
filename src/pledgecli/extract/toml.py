"""An extraction as a TOML file that `pledge load` takes as it is, for a person to review.

Achieved figures that count what a commitment counts become its figures; the
others become tracked indicators (commitments without a target), so that no
number the letter reports is lost.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from pledgecli.extract.pipeline import FLOW_UNITS
from pledgecli.model import Achieved, Extraction, Proposal


def to_toml(result: Extraction, source: str | None = None) -> str:
    doc = result.document
    lines = [
        "# Proposed by `pledge extract`: review every entry, then `pledge load` this file.",
        "",
        "[[documents]]",
    ]
    for key in (
        "id",
        "doc_number",
        "title",
        "issuer",
        "recipient",
        "reference",
        "issued_on",
        "reply_class",
    ):
        if doc.get(key):
            lines.append(f"{key} = {_value(doc[key])}")
    if source:
        lines.append(f"source = {_value(source)}")
    taken = {p.id for p in result.commitments}
    unmatched = list(result.achieved)
    for p in result.commitments:
        mine: list[Achieved] = []
        for a in unmatched:
            # One figure a day per commitment: a second one stays an indicator of its own.
            if _counts_same(p, a) and all(a.on != m.on for m in mine):
                mine.append(a)
        unmatched = [a for a in unmatched if a not in mine]
        lines += ["", *_commitment(p, str(doc["id"])), *(_figure(a, doc) for a in mine)]
    for a in unmatched:
        ident = _unique(f"{_slug(a.metric)}-{a.on.year}", taken)
        lines += ["", *_indicator(a, ident, str(doc["id"])), _figure(a, doc)]
    return "\n".join(lines) + "\n"


def _commitment(p: Proposal, document: str) -> list[str]:
    fields: dict[str, Any] = {
        "id": p.id,
        "document": document,
        "section": p.section,
        "title": p.metric,
        "owner": p.owner,
        "kind": p.kind,
        "comparator": "<=" if p.comparator == "<=" else ">=",
        "target": p.value,
        "unit": p.unit,
        "start": p.start,
        "deadline": p.deadline,
        "quote": p.quote,
        "notes": "；".join(
            n for n in (_COMPARATOR_NOTES.get(p.comparator or ""), _UNRESOLVED * p.unresolved) if n
        )
        or None,
    }
    if p.kind == "milestone":
        del fields["comparator"], fields["target"], fields["unit"]
    return ["[[commitments]]", *(f"{k} = {_value(v)}" for k, v in fields.items() if v is not None)]


# pledge tracks a floor or a ceiling; an estimate or a level to hold is loaded as a floor,
# with a note that says how the letter put it.
_COMPARATOR_NOTES = {"≈": "约（原文为“左右”或“约”）", "=": "保持该水平（原文为“稳定在”或“保持在”）"}


_UNRESOLVED = "截止日期待定：原文用相对时间（如“今年”“年底前”），文中未注明成文日期"


def _indicator(a: Achieved, ident: str, document: str) -> list[str]:
    fields: dict[str, Any] = {
        "id": ident,
        "document": document,
        "section": a.section,
        "title": a.metric,
        "kind": "flow" if a.unit in FLOW_UNITS else "level",
        "unit": a.unit,
        "quote": a.quote,
    }
    return ["[[commitments]]", *(f"{k} = {_value(v)}" for k, v in fields.items() if v is not None)]


def _figure(a: Achieved, doc: dict[str, object]) -> str:
    source = f"\nsource = {_value(doc['doc_number'])}" if doc.get("doc_number") else ""
    return f"[[commitments.figures]]\non = {_value(a.on)}\nvalue = {_value(a.value)}{source}"


def _counts_same(p: Proposal, a: Achieved) -> bool:
    """An achieved figure belongs to a commitment that counts the same thing in the same unit."""
    if p.kind == "milestone" or p.unit != a.unit:
        return False
    mine, theirs = _plain(p.metric), _plain(a.metric)
    return bool(mine and theirs) and (mine in theirs or theirs in mine)


def _plain(text: str) -> str:
    return "".join(c for c in text if c.isalnum())


def _slug(text: str) -> str:
    return _plain(text)[:16] or "item"


def _unique(base: str, taken: set[str]) -> str:
    ident, n = base, 1
    while ident in taken:
        n += 1
        ident = f"{base}-{n}"
    taken.add(ident)
    return ident


def _value(v: Any) -> str:
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() else repr(v)
    if isinstance(v, int):
        return str(v)
    # A JSON string is a TOML basic string (same quotes and escapes), except that TOML
    # also forbids a raw DEL, which JSON leaves as it is.
    return json.dumps(str(v), ensure_ascii=False).replace("\x7f", "\\u007f")
