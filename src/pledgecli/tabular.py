"""Reading the files people bring: CSV (and Excel's tab-separated text) or JSON, in
UTF-8, UTF-8 with BOM, UTF-16 or GB18030/GBK, with English or Chinese headers.

Rows are streamed: a file of any length is read in constant memory. Nothing here
knows about commitments; it turns bytes into (where, {field: text}) pairs.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from pledgecli.columns import unescape_cell
from pledgecli.errors import DataFileError
from pledgecli.labels import t
from pledgecli.parse import shorten

SNIFF_BYTES = 64 * 1024
_CJK = re.compile(r"[\u4e00-\u9fff]")

# The commitment fields, for `load` of an exported CSV or JSON.
COMMITMENT_HEADERS: dict[str, tuple[str, ...]] = {
    "id": ("id", "commitment", "指标", "指标id", "指标编号"),
    "document_id": ("document_id", "document", "文件", "文件编号"),
    "section": ("section", "章节"),
    "title": ("title", "名称", "指标名称"),
    "owner": ("owner", "责任单位", "牵头单位"),
    "kind": ("kind", "类型"),
    "comparator": ("comparator", "比较"),
    "target": ("target", "目标"),
    "unit": ("unit", "单位"),
    "baseline": ("baseline", "基数"),
    "start": ("start", "开始日期"),
    "deadline": ("deadline", "截止日期"),
    "quote": ("quote", "原文"),
    "notes": ("notes", "备注"),
}

# Columns the monthly template and the exports add for people to read: known, not imported.
INFORMATIONAL_HEADERS: dict[str, tuple[str, ...]] = {
    **{name: COMMITMENT_HEADERS[name] for name in ("title", "unit", "kind", "target", "deadline")},
    "last_value": ("last_value", "上次数值"),
    "last_on": ("last_on", "上次日期"),
}

# The figure fields, with the headers people use for them.
FIGURE_HEADERS: dict[str, tuple[str, ...]] = {
    "commitment": ("commitment", "commitment_id", "id", "指标", "指标id", "指标编号", "承诺"),
    "on": ("date", "on", "日期", "统计日期", "截至日期"),
    "value": ("value", "数值", "数据", "完成值"),
    "mode": ("mode", "方式", "累计/新增"),
    "source": ("source", "来源", "报送单位"),
    "note": ("note", "备注", "说明"),
}


def header_key(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().lower().replace(" ", "_")


def _vocabulary(
    fields: Mapping[str, tuple[str, ...]], informational: Mapping[str, tuple[str, ...]]
) -> tuple[dict[str, str], set[str]]:
    """Each header people write, to the field it means; and the headers known but not read."""
    lookup = {header_key(alias): name for name, aliases in fields.items() for alias in aliases}
    known = {header_key(alias) for aliases in informational.values() for alias in aliases}
    return lookup, known


def map_headers(
    headers: list[str],
    fields: Mapping[str, tuple[str, ...]],
    informational: Mapping[str, tuple[str, ...]],
) -> tuple[dict[str, int], list[str]]:
    """Column index of each field found, and the headers that mean nothing to pledge."""
    lookup, known = _vocabulary(fields, informational)
    columns: dict[str, int] = {}
    unknown = []
    for i, header in enumerate(headers):
        key = header_key(header)
        if key in lookup and lookup[key] not in columns:
            columns[lookup[key]] = i
        elif key not in known and key:
            unknown.append(header.strip())
    return columns, unknown


@dataclass
class Table:
    """A file opened for reading: its header map and a stream of rows."""

    name: str
    headers: dict[str, str]  # field -> header as written, for messages
    unknown: list[str]
    rows: Iterator[tuple[str, dict[str, Any]]]
    encoding: str = ""
    # A workbook names a cell as Excel does (填报!J7): (row's where, field) -> its name.
    locate: Callable[[str, str], str] | None = None


def open_file(path: Path) -> io.BufferedReader:
    """A file opened for reading bytes, or one line that says why it cannot be."""
    try:
        return path.open("rb")
    except FileNotFoundError:
        raise DataFileError(t("no_such_file", path=path)) from None
    except IsADirectoryError:
        raise DataFileError(t("is_folder", path=path)) from None
    except OSError as exc:
        raise DataFileError(t("cannot_read", path=path, reason=exc.strerror)) from None


def detect_encoding(head: bytes, whole: bool = True) -> str:
    """BOMs first; then UTF-8 if the bytes are valid UTF-8; else GB18030 (a superset of GBK).

    `head` is the start of the file, or all of it when `whole`. A character that the end
    of a partial `head` cuts in two is no evidence against UTF-8.

    A few GBK characters also happen to be valid UTF-8 (平台 reads as "ƽ̨"): valid UTF-8
    with no Chinese in it that reads as Chinese in GB18030 is taken to be GB18030.
    """
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as exc:
        cut_at_end = not whole and exc.reason == "unexpected end of data"
        if not cut_at_end:
            return "gb18030"
        text = head[: exc.start].decode("utf-8")
    if not _CJK.search(text) and any("\x80" <= c < "\u0800" for c in text):
        try:
            if _CJK.search(head.decode("gb18030")):
                return "gb18030"
        except UnicodeDecodeError:
            pass
    return "utf-8-sig"


class _Prefixed(io.RawIOBase):
    """The bytes already read to sniff the encoding, then the rest of the stream."""

    def __init__(self, head: bytes, rest: IO[bytes]) -> None:
        self.head = head
        self.rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        if self.head:
            n = min(len(view), len(self.head))
            view[:n] = self.head[:n]
            self.head = self.head[n:]
            return n
        data = self.rest.read(len(view))
        view[: len(data)] = data
        return len(data)


def _read_head(binary: IO[bytes]) -> bytes:
    """Up to SNIFF_BYTES from the start: a pipe may hand them over in several reads."""
    parts, size = [], 0
    while size < SNIFF_BYTES:
        part = binary.read(SNIFF_BYTES - size)
        if not part:
            break
        parts.append(part)
        size += len(part)
    return b"".join(parts)


# Bytes that are not valid in the file's encoding become this lone surrogate, which no
# valid text contains: the reader then names the line it is on, not a later one.
_UNDECODABLE = "\udcff"
_UNDECODABLE_HANDLER = "pledge-undecodable"


def _mark_undecodable(exc: UnicodeError) -> tuple[str, int]:
    assert isinstance(exc, UnicodeDecodeError)
    return _UNDECODABLE, exc.end


codecs.register_error(_UNDECODABLE_HANDLER, _mark_undecodable)


def _text_stream(binary: IO[bytes], encoding: str, name: str) -> tuple[IO[str], str]:
    head = _read_head(binary)
    if encoding == "auto":
        encoding = detect_encoding(head, whole=len(head) < SNIFF_BYTES)
    elif encoding == "utf-8":
        encoding = "utf-8-sig"
    buffered = io.BufferedReader(_Prefixed(head, binary))
    stream = io.TextIOWrapper(buffered, encoding=encoding, errors=_UNDECODABLE_HANDLER, newline="")
    return stream, encoding


def _checked_lines(lines: Iterable[str], name: str, encoding: str, first: int = 1) -> Iterator[str]:
    """The lines of a text stream, stopping with the line number at the first bad byte."""
    for number, line in enumerate(lines, start=first):
        if _UNDECODABLE in line:
            raise _decode_error(name, encoding, t("at_line", n=number))
        yield line


def _decode_error(name: str, encoding: str, where: str) -> DataFileError:
    other = "gb18030" if encoding.startswith("utf") else "utf-8"
    shown = encoding.removesuffix("-sig")
    return DataFileError(
        t("not_valid_encoding", name=name, where=where, encoding=shown, other=other)
    )


def read_table(
    binary: IO[bytes],
    name: str,
    fmt: str,
    encoding: str,
    fields: Mapping[str, tuple[str, ...]],
    informational: Mapping[str, tuple[str, ...]],
) -> Table:
    """Open a CSV or JSON file of rows; each row comes out as ("line N", {field: value})."""
    text, used = _text_stream(binary, encoding, name)
    if fmt == "json":
        return _json_table(text, name, used, fields, informational)
    return _csv_table(text, name, used, fields, informational)


def _csv_table(
    text: IO[str],
    name: str,
    encoding: str,
    fields: Mapping[str, tuple[str, ...]],
    informational: Mapping[str, tuple[str, ...]],
) -> Table:
    first = next(_checked_lines([text.readline()], name, encoding), "")
    # Excel's "Unicode text" is tab-separated; its CSV is comma-separated.
    delimiter = "\t" if first.count("\t") > first.count(",") else ","
    try:
        header = next(csv.reader([first], delimiter=delimiter), [])
    except csv.Error as exc:
        raise DataFileError(f"{name}: {t('at_header')}: {exc}") from None
    columns, unknown = map_headers(header, fields, informational)
    headers = {f: header[i].strip() for f, i in columns.items()}

    def rows() -> Iterator[tuple[str, dict[str, Any]]]:
        reader = csv.reader(_checked_lines(text, name, encoding, first=2), delimiter=delimiter)
        done = 0  # physical lines the reader has consumed; the header was line 1
        try:
            for cells in reader:
                where = t("at_line", n=done + 2)
                done = reader.line_num
                yield (
                    where,
                    {
                        f: unescape_cell(cells[i]) if i < len(cells) else ""
                        for f, i in columns.items()
                    },
                )
        except csv.Error as exc:
            raise DataFileError(
                f"{name}: {t('at_line', n=done + 2)}: {shorten(str(exc))}"
            ) from None

    return Table(name, headers, unknown, rows(), encoding)


def _json_table(
    text: IO[str],
    name: str,
    encoding: str,
    fields: Mapping[str, tuple[str, ...]],
    informational: Mapping[str, tuple[str, ...]],
) -> Table:
    """A JSON array of objects (read whole), or JSON Lines: one object a line (streamed)."""
    start = text.read(1)
    while start.isspace():
        start = text.read(1)
    items: Iterator[tuple[str, Any]]
    if start == "[":
        whole = start + text.read()
        if (bad := whole.find(_UNDECODABLE)) >= 0:
            raise _decode_error(name, encoding, t("at_line", n=whole.count(chr(10), 0, bad) + 1))
        items = ((t("at_item", n=i + 1), item) for i, item in enumerate(_json_loads(whole, name)))
    else:
        items = _json_lines(start, _checked_lines(text, name, encoding), name)
    lookup, known = _vocabulary(fields, informational)
    unknown: list[str] = []
    headers = {f: f for f in fields}

    def rows() -> Iterator[tuple[str, dict[str, Any]]]:
        for where, item in items:
            if not isinstance(item, dict):
                raise DataFileError(t("not_an_object", name=name, where=where))
            row: dict[str, Any] = {}
            for key, value in item.items():
                f = lookup.get(header_key(str(key)))
                if f is not None:
                    row[f] = value
                elif header_key(str(key)) not in known and key not in unknown:
                    unknown.append(str(key))
            yield where, row

    return Table(name, headers, unknown, rows(), encoding)


def _json_lines(first: str, lines: Iterator[str], name: str) -> Iterator[tuple[str, Any]]:
    for number, line in enumerate(_prepend(first, lines), start=1):
        if not line.strip():
            continue
        where = t("at_line", n=number)
        yield where, _json_loads(line.rstrip(), f"{name}: {where}", one_line=True)


def _prepend(first: str, lines: Iterator[str]) -> Iterator[str]:
    yield first + next(lines, "")
    yield from lines


def _json_loads(text: str, where: str, one_line: bool = False) -> Any:
    """Parsed JSON, or one line that says why not. NaN and Infinity are not JSON."""
    try:
        return json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        at = (
            t("json_at_column", column=exc.colno)
            if one_line
            else t("json_at_line_column", line=exc.lineno, column=exc.colno)
        )
        raise DataFileError(t("not_json", where=where, detail=f"{exc.msg} ({at})")) from None
    except RecursionError:
        raise DataFileError(t("not_json", where=where, detail=t("nested_too_deeply"))) from None
    except ValueError as exc:
        raise DataFileError(t("not_json", where=where, detail=exc)) from None


def _no_constant(word: str) -> Any:
    raise ValueError(t("not_json_number", word=word))


def read_utf8(path: Path) -> str:
    """A UTF-8 text file (BOM or none), such as a TOML file: TOML is UTF-8 by definition."""
    with open_file(path) as binary:
        data = binary.read()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise DataFileError(t("not_utf8_save", path=path, line=line, reason=exc.reason)) from None


def read_json_object(binary: IO[bytes], name: str) -> Any | None:
    """A whole JSON object ({"documents": …}), or None when the file holds rows instead."""
    head = _read_head(binary)
    if not head.removeprefix(codecs.BOM_UTF8).lstrip().startswith(b"{"):
        binary.seek(0)
        return None
    data = head + binary.read()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise DataFileError(t("not_utf8", name=name, line=line, reason=exc.reason)) from None
    return _json_loads(text, name)


def read_letter(path: Path) -> str:
    """A letter's text, in UTF-8 (with or without BOM), UTF-16 or GB18030, as the bytes say."""
    with open_file(path) as binary:
        data = binary.read()
    encoding = detect_encoding(data)
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise DataFileError(t("not_utf8_or_gb", path=path)) from None
