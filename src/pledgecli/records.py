"""Validated domain records built from loose fields: TOML tables, command options.

Every problem is reported with where it is, and all of a file's problems at
once, so that a person can fix a file in one pass.
"""

from __future__ import annotations

import json
import math
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from pledgecli.errors import DataFileError
from pledgecli.model import KINDS, REPLY_CLASSES, Commitment, Document, Figure
from pledgecli.parse import parse_date, parse_number

_ID = re.compile(r"\w[\w.-]*")

COMPARATOR_WORDS = {
    ">=": ">=", "≥": ">=", "不少于": ">=", "不低于": ">=", "达到": ">=", "超过": ">=", "至少": ">=",
    "<=": "<=", "≤": "<=", "不超过": "<=", "不高于": "<=", "以内": "<=", "至多": "<=",
}  # fmt: skip
MODE_WORDS = {"total": "total", "delta": "delta", "累计": "total", "新增": "delta"}

T = TypeVar("T")


class FieldError(ValueError):
    """A bad field: `where` names it, the message says what is wrong."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: {message}")


@dataclass
class Bundle:
    documents: list[Document] = field(default_factory=list)
    commitments: list[Commitment] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    # A flat export names documents by id only: unknown ones are created bare.
    stub_documents: bool = False


class Fields:
    """One table of loose fields, read with the problems collected, not raised."""

    def __init__(
        self,
        raw: Mapping[str, Any],
        where: str,
        problems: list[str],
        at: Callable[[str], str] | None = None,
    ) -> None:
        self.raw = raw
        self.where = where
        self.problems = problems
        # Where a field is, for messages: "file: commitments[2]: deadline" by
        # default; an import names "line 5, column 日期" instead.
        self.at = at or (lambda name: f"{where}: {name}")

    def _get(self, name: str, convert: Callable[[Any], T], required: bool) -> T | None:
        value = self.raw.get(name)
        if value is None or (isinstance(value, str) and value.strip() == ""):
            if required:
                self.problems.append(f"{self.at(name)}: missing")
            return None
        try:
            return convert(value)
        except ValueError as exc:
            self.problems.append(f"{self.at(name)}: {exc}")
            return None

    def text(self, name: str, required: bool = False) -> str | None:
        return self._get(name, _text, required)

    def ident(self, name: str, required: bool = False) -> str | None:
        return self._get(name, _ident, required)

    def day(self, name: str, required: bool = False) -> date | None:
        return self._get(name, _day, required)

    def number(self, name: str, unit: str | None = None, required: bool = False) -> float | None:
        return self._get(name, lambda v: _number(v, unit), required)

    def choice(self, name: str, words: Mapping[str, str], default: str) -> str:
        value = self._get(name, lambda v: _choice(v, words), required=False)
        return value if value is not None else default


def _text(value: Any) -> str:
    if isinstance(value, (dict, list)):
        raise ValueError("must be text")
    return str(value).strip()


def _ident(value: Any) -> str:
    text = _text(value)
    if not _ID.fullmatch(text):
        raise ValueError(f"{text!r} is not an id (letters, digits, '-', '_' or '.', no spaces)")
    return text


def _day(value: Any) -> date:
    if isinstance(value, date):
        return value
    return parse_date(_text(value))


def _number(value: Any, unit: str | None) -> float:
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a number")
    if isinstance(value, (int, float)):
        if not math.isfinite(value):
            raise ValueError(f"{value!r} is not a finite number")
        return float(value)
    return parse_number(_text(value), unit)


def _choice(value: Any, words: Mapping[str, str]) -> str:
    text = _text(value)
    if text not in words:
        raise ValueError(f"{text!r} is not one of {', '.join(dict.fromkeys(words.values()))}")
    return words[text]


def document_from(raw: Mapping[str, Any], where: str, problems: list[str]) -> Document | None:
    f = Fields(raw, where, problems)
    before = len(problems)
    doc = Document(
        id=f.ident("id", required=True) or "",
        doc_number=f.text("doc_number"),
        title=f.text("title"),
        issuer=f.text("issuer"),
        recipient=f.text("recipient"),
        reference=f.text("reference"),
        issued_on=f.day("issued_on"),
        source=f.text("source"),
        reply_class=f.choice("reply_class", {c: c for c in REPLY_CLASSES}, "") or None,
    )
    return doc if len(problems) == before else None


def commitment_from(raw: Mapping[str, Any], where: str, problems: list[str]) -> Commitment | None:
    """A commitment from loose fields; `document` and `document_id` both name its document."""
    before = len(problems)
    c = _commitment(raw, where, problems)
    return c if len(problems) == before else None


def _commitment(raw: Mapping[str, Any], where: str, problems: list[str]) -> Commitment:
    """A commitment with a default in place of each bad field, and the problems noted."""
    f = Fields(raw, where, problems)
    unit = f.text("unit")
    kind = f.choice("kind", {k: k for k in KINDS}, "level")
    comparator = f.choice("comparator", COMPARATOR_WORDS, ">=")
    document = f.ident("document") or f.ident("document_id")
    c = Commitment(
        id=f.ident("id", required=True) or "",
        title=f.text("title", required=True) or "",
        document_id=document,
        section=f.text("section"),
        owner=f.text("owner"),
        kind=kind,  # type: ignore[arg-type]
        comparator=comparator,  # type: ignore[arg-type]
        target=f.number("target", unit),
        unit=unit,
        baseline=f.number("baseline", unit),
        start=f.day("start"),
        deadline=f.day("deadline"),
        quote=f.text("quote"),
        notes=f.text("notes"),
    )
    if c.start and c.deadline and c.start > c.deadline:
        problems.append(f"{where}: start {c.start} is after deadline {c.deadline}")
    if c.kind == "milestone" and c.target not in (None, 1):
        problems.append(f"{where}: target: a milestone has no numeric target (it is done at 1)")
    return c


def figure_from(
    raw: Mapping[str, Any],
    commitment: Commitment,
    where: str,
    problems: list[str],
    at: Callable[[str], str] | None = None,
) -> Figure | None:
    f = Fields(raw, where, problems, at)
    before = len(problems)
    on = f.day("on", required=True)
    value = f.number("value", commitment.unit, required=True)
    mode = f.choice("mode", MODE_WORDS, "total")
    if on is None or value is None or len(problems) > before:
        return None
    figure = Figure(
        commitment_id=commitment.id,
        on=on,
        value=value,
        mode=mode,  # type: ignore[arg-type]
        source=f.text("source") or "",
        note=f.text("note") or "",
    )
    try:
        check_figure(commitment, figure)
    except ValueError as exc:
        problems.append(f"{where}: {exc}")
        return None
    return figure


def check_figure(c: Commitment, figure: Figure) -> None:
    """The rules a figure must keep for its commitment's kind."""
    if c.kind == "milestone" and (figure.mode != "total" or figure.value not in (0, 1)):
        raise ValueError(
            f"{c.id} is a milestone: record 1 when it is done (or 0 to take that back)"
        )


def parse_bundle(data: Mapping[str, Any], origin: str) -> Bundle:
    """Documents and commitments, each with its figures, from a parsed TOML file."""
    problems: list[str] = []
    bundle = Bundle()
    for key in sorted(set(data) - {"documents", "commitments"}):
        problems.append(f"{origin}: unknown table {key!r} (expected documents and commitments)")
    for i, raw in enumerate(_tables(data, "documents", origin, problems)):
        if doc := document_from(raw, f"{origin}: documents[{i}]", problems):
            bundle.documents.append(doc)
    for i, raw in enumerate(_tables(data, "commitments", origin, problems)):
        where = f"{origin}: commitments[{i}]" + (
            f" ({raw['id']})" if isinstance(raw.get("id"), str) else ""
        )
        before = len(problems)
        c = _commitment(raw, where, problems)
        if len(problems) == before:
            bundle.commitments.append(c)
        # Its figures are checked even when the commitment is not, so one pass finds all.
        for j, fig in enumerate(_tables(raw, "figures", where, problems)):
            if figure := figure_from(fig, c, f"{where}: figures[{j}]", problems):
                bundle.figures.append(figure)
    _check_unique(bundle, origin, problems)
    if problems:
        raise DataFileError(_summary(origin, problems))
    return bundle


def _tables(
    data: Mapping[str, Any], key: str, where: str, problems: list[str]
) -> list[Mapping[str, Any]]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        problems.append(f"{where}: {key} must be an array of tables ([[{key}]])")
        return []
    return value


def _check_unique(bundle: Bundle, origin: str, problems: list[str]) -> None:
    for what, ids in (
        ("document", [d.id for d in bundle.documents]),
        ("commitment", [c.id for c in bundle.commitments]),
    ):
        for dup in sorted({i for i in ids if ids.count(i) > 1}):
            problems.append(f"{origin}: {what} id {dup!r} appears more than once")
    seen: dict[tuple[str, date, str, str], float] = {}
    for fig in bundle.figures:
        if seen.get(fig.key, fig.value) != fig.value:
            problems.append(
                f"{origin}: {fig.commitment_id} on {fig.on} ({fig.mode}) is given twice with different values"
            )
        seen[fig.key] = fig.value


def _summary(origin: str, problems: list[str]) -> str:
    head = (
        f"{origin}: {len(problems)} problem{'s' if len(problems) > 1 else ''}, nothing was loaded"
    )
    return "\n".join([head, *(f"  {p}" for p in problems)])


def read_bundle(path: Path) -> Bundle:
    """Documents and commitments from TOML, or commitments from an exported CSV or JSON."""
    suffix = path.suffix.lower()
    if suffix in (".csv", ".json", ".txt", ".tsv"):
        return _read_flat(path, "json" if suffix == ".json" else "csv")
    from pledgecli.tabular import open_file

    with open_file(path) as binary:
        try:
            text = binary.read().decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise DataFileError(
                f"{path}: is not UTF-8 text ({exc.reason} at byte {exc.start})"
            ) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DataFileError(f"{path}: not valid TOML: {exc}") from None
    return parse_bundle(data, path.name)


def _read_flat(path: Path, fmt: str) -> Bundle:
    from pledgecli.tabular import COMMITMENT_HEADERS, open_file, read_table

    with open_file(path) as binary:
        if fmt == "json" and binary.peek(1)[:1] == b"{":
            try:
                return parse_bundle(json.loads(binary.read().decode("utf-8-sig")), path.name)
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                raise DataFileError(f"{path.name}: not valid JSON: {exc}") from None
        table = read_table(binary, path.name, fmt, "auto", COMMITMENT_HEADERS, {})
        problems: list[str] = []
        bundle = Bundle(stub_documents=True)
        for where, row in table.rows:
            if not any(str(v).strip() for v in row.values() if v is not None):
                continue
            if c := commitment_from(row, f"{path.name}: {where}", problems):
                bundle.commitments.append(c)
    _check_unique(bundle, path.name, problems)
    if problems:
        raise DataFileError(_summary(path.name, problems))
    return bundle
