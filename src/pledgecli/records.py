"""Validated domain records built from loose fields: TOML tables, command options.

Every problem is reported with where it is, and all of a file's problems at
once, so that a person can fix a file in one pass.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, TypeVar

from pledgecli.errors import DataFileError, closest
from pledgecli.labels import MODE, count, t
from pledgecli.model import COMPARATOR_WORDS, KINDS, REPLY_CLASSES, Commitment, Document, Figure
from pledgecli.parse import check_magnitude, parse_date, parse_number, shorten

# An id: a letter or digit first, then letters, digits, '-', '_' or '.'; Chinese welcome.
_ID = re.compile(r"\w[\w.-]*")
MAX_ID = 200

# The keys each table of a TOML (or JSON) file may have.
DOCUMENT_KEYS = (
    "id", "doc_number", "title", "issuer", "recipient", "reference", "issued_on", "source",
    "reply_class",
)  # fmt: skip
COMMITMENT_KEYS = (
    "id", "document", "document_id", "section", "title", "owner", "kind", "comparator", "target",
    "unit", "baseline", "start", "deadline", "quote", "notes", "figures",
)  # fmt: skip
FIGURE_KEYS = ("on", "value", "mode", "source", "note")

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
        if isinstance(value, ValueError):  # a cell its reader could not take (a workbook's)
            self.problems.append(f"{self.at(name)}: {value}")
            return None
        if value is None or (isinstance(value, str) and value.strip() == ""):
            if required:
                self.problems.append(f"{self.at(name)}: {t('missing')}")
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
        raise ValueError(t("must_be_text"))
    return check_text(str(value).strip())


def check_text(text: str) -> str:
    """Text that can be stored and printed: a lone surrogate (from broken JSON escapes or
    bytes that were not UTF-8) cannot, and would fail far from where it came in."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValueError(t("half_surrogate", text=repr(shorten(text)), n=exc.start + 1)) from None
    return text


def check_id(text: str) -> str:
    """An id as every command takes it: `add`, `load`, `extract --doc-id` alike."""
    check_text(text)
    if not _ID.fullmatch(text):
        raise ValueError(t("not_an_id", text=repr(shorten(text))))
    if len(text) > MAX_ID:
        raise ValueError(t("id_too_long", text=repr(shorten(text)), n=MAX_ID))
    return text


def _ident(value: Any) -> str:
    return check_id(_text(value))


def _day(value: Any) -> date:
    if isinstance(value, datetime):
        raise ValueError(t("date_and_time", value=value.isoformat(), day=value.date()))
    if isinstance(value, date):
        return value
    return parse_date(_text(value))


def _number(value: Any, unit: str | None) -> float:
    if isinstance(value, bool):
        raise ValueError(t("not_a_number", text=repr(value)))
    if isinstance(value, (int, float)):
        return check_magnitude(value, value)
    return parse_number(_text(value), unit)


def _choice(value: Any, words: Mapping[str, str]) -> str:
    text = _text(value)
    if text not in words:
        raise ValueError(
            t("not_one_of", text=repr(text), words=", ".join(dict.fromkeys(words.values())))
        )
    return words[text]


def document_from(
    raw: Mapping[str, Any],
    where: str,
    problems: list[str],
    at: Callable[[str], str] | None = None,
) -> Document | None:
    f = Fields(raw, where, problems, at)
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


def _commitment(
    raw: Mapping[str, Any],
    where: str,
    problems: list[str],
    at: Callable[[str], str] | None = None,
) -> Commitment:
    """A commitment with a default in place of each bad field, and the problems noted."""
    f = Fields(raw, where, problems, at)
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
        problems.append(f"{where}: {t('start_after_deadline', start=c.start, deadline=c.deadline)}")
    if c.kind == "milestone" and c.target not in (None, 1):
        problems.append(f"{where}: {t('milestone_no_target')}")
    if c.kind == "milestone" and c.comparator != ">=":
        problems.append(f"{where}: {t('milestone_no_comparator', comparator=c.comparator)}")
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
        raise ValueError(t("milestone_figure", id=c.id))


def parse_toml(text: str, origin: str) -> Bundle:
    """Documents and commitments, each with its figures, from a TOML file's text."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DataFileError(t("not_toml", origin=origin, detail=exc)) from None
    except RecursionError:
        raise DataFileError(t("not_toml", origin=origin, detail=t("nested_too_deeply"))) from None
    except ValueError as exc:  # an integer of more digits than Python converts
        raise DataFileError(t("not_toml", origin=origin, detail=shorten(str(exc), 80))) from None
    return parse_bundle(data, origin, toml_lines(text))


TomlPath = tuple[str | int, ...]


def toml_lines(text: str) -> dict[TomlPath, int]:
    """The line of each table and key of a pledge TOML file, for messages: tomllib keeps none.

    ("commitments", 2) is the third [[commitments]]; ("commitments", 2, "deadline") its key.
    """
    lines: dict[TomlPath, int] = {}
    counts = {"documents": -1, "commitments": -1, "commitments.figures": -1}
    here: TomlPath | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if m := _TOML_ARRAY.match(line):
            name = m[1].replace(" ", "")
            if name not in counts:
                here = None
                continue
            counts[name] += 1
            if name == "commitments":
                counts["commitments.figures"] = -1
                here = ("commitments", counts[name])
            elif name == "documents":
                here = ("documents", counts[name])
            else:
                here = ("commitments", counts["commitments"], "figures", counts[name])
            lines.setdefault(here, number)
        elif _TOML_TABLE.match(line):
            here = None
        elif here is not None and (m := _TOML_KEY.match(line)):
            lines.setdefault((*here, m[1].strip('"')), number)
    return lines


_TOML_ARRAY = re.compile(r"\s*\[\[\s*([\w. ]+?)\s*\]\]")
_TOML_TABLE = re.compile(r"\s*\[")
_TOML_KEY = re.compile(r'\s*([\w-]+|"[^"]*")\s*=')


class _Places:
    """Names where a table or a field of a parsed file is: "file: line 12: commitments[2] (id)"."""

    def __init__(self, origin: str, lines: Mapping[TomlPath, int]) -> None:
        self.origin = origin
        self.lines = lines

    def table(self, path: TomlPath, label: str) -> str:
        line = self.lines.get(path)
        return self._where(line, label)

    def _where(self, line: int | None, label: str) -> str:
        return (
            f"{self.origin}: {t('at_line', n=line)}: {label}" if line else f"{self.origin}: {label}"
        )

    def field(self, path: TomlPath, label: str) -> Callable[[str], str]:
        def at(name: str) -> str:
            line = self.lines.get((*path, name)) or self.lines.get(path)
            return f"{self._where(line, label)}: {name}"

        return at


def parse_bundle(
    data: Mapping[str, Any], origin: str, lines: Mapping[TomlPath, int] | None = None
) -> Bundle:
    """Documents and commitments, each with its figures, from a parsed TOML or JSON file."""
    places = _Places(origin, lines or {})
    problems: list[str] = []
    bundle = Bundle()
    for key in sorted(set(data) - {"documents", "commitments"}):
        problems.append(t("unknown_table", origin=origin, key=repr(key)))
    for i, raw in enumerate(_tables(data, "documents", origin, problems)):
        path: TomlPath = ("documents", i)
        where = places.table(path, f"documents[{i}]")
        _unknown_keys(raw, DOCUMENT_KEYS, places.field(path, f"documents[{i}]"), problems)
        if doc := document_from(raw, where, problems, places.field(path, f"documents[{i}]")):
            bundle.documents.append(doc)
    for i, raw in enumerate(_tables(data, "commitments", origin, problems)):
        path = ("commitments", i)
        label = f"commitments[{i}]" + (f" ({raw['id']})" if isinstance(raw.get("id"), str) else "")
        where = places.table(path, label)
        at = places.field(path, label)
        _unknown_keys(raw, COMMITMENT_KEYS, at, problems)
        before = len(problems)
        c = _commitment(raw, where, problems, at)
        if len(problems) == before:
            bundle.commitments.append(c)
        # Its figures are checked even when the commitment is not, so one pass finds all.
        for j, fig in enumerate(_tables(raw, "figures", where, problems)):
            fig_path: TomlPath = (*path, "figures", j)
            fig_label = f"{label}: figures[{j}]"
            fig_at = places.field(fig_path, fig_label)
            _unknown_keys(fig, FIGURE_KEYS, fig_at, problems)
            fig_where = places.table(fig_path, fig_label)
            if figure := figure_from(fig, c, fig_where, problems, fig_at):
                bundle.figures.append(figure)
    _check_unique(bundle, origin, problems)
    if problems:
        raise DataFileError(_summary(origin, problems))
    return bundle


def _unknown_keys(
    raw: Mapping[str, Any], known: tuple[str, ...], at: Callable[[str], str], problems: list[str]
) -> None:
    """A misspelt key (deadine) would otherwise be dropped without a word."""
    for key in raw:
        if key not in known:
            hint = closest(str(key), known, n=1)
            suggestion = t("did_you_mean", words=repr(hint[0])) if hint else ""
            problems.append(f"{at(str(key))}: {t('unknown_key')}{suggestion}")


def _tables(
    data: Mapping[str, Any], key: str, where: str, problems: list[str]
) -> list[Mapping[str, Any]]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        problems.append(f"{where}: {t('array_of_tables', key=key)}")
        return []
    return value


def _check_unique(bundle: Bundle, origin: str, problems: list[str]) -> None:
    for what, ids in (
        (t("document_word"), [d.id for d in bundle.documents]),
        (t("commitment_word"), [c.id for c in bundle.commitments]),
    ):
        for dup in sorted(i for i, n in Counter(ids).items() if n > 1):
            problems.append(f"{origin}: {t('duplicate_id', what=what, id=repr(dup))}")
    seen: dict[tuple[str, date, str, str], float] = {}
    for fig in bundle.figures:
        if seen.get(fig.key, fig.value) != fig.value:
            twice = t("figure_twice", id=fig.commitment_id, on=fig.on, mode=MODE[fig.mode])
            problems.append(f"{origin}: {twice}")
        seen[fig.key] = fig.value


def _summary(origin: str, problems: list[str]) -> str:
    head = t("nothing_loaded", origin=origin, problems=count(len(problems), "problem"))
    return "\n".join([head, *(f"  {p}" for p in problems)])


def bundle_from_rows(rows: Iterable[tuple[str, dict[str, Any]]], origin: str) -> Bundle:
    """Commitments from the rows of an exported CSV or JSON; documents are named by id only."""
    problems: list[str] = []
    bundle = Bundle(stub_documents=True)
    for where, row in rows:
        if not any(str(v).strip() for v in row.values() if v is not None):
            continue
        if c := commitment_from(row, f"{origin}: {where}", problems):
            bundle.commitments.append(c)
    _check_unique(bundle, origin, problems)
    if problems:
        raise DataFileError(_summary(origin, problems))
    return bundle
