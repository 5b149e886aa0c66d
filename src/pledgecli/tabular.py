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
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from pledgecli.errors import DataFileError

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

# The Chinese header of each column the template writes with --headers zh.
CHINESE = {
    "commitment": "指标", "title": "名称", "unit": "单位", "kind": "类型", "target": "目标",
    "deadline": "截止日期", "last_value": "上次数值", "last_on": "上次日期", "date": "日期",
    "on": "日期", "value": "数值", "mode": "方式", "source": "来源", "note": "备注",
}  # fmt: skip

# A text cell that Excel would run as a formula is written with a leading
# apostrophe, and read back without it (OWASP's advice against CSV injection);
# a text that starts with an apostrophe gets a second one, so it survives too.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")


def escape_cell(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_START) else text


def unescape_cell(text: str) -> str:
    return text[1:] if text.startswith("'") else text


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


def open_file(path: Path) -> io.BufferedReader:
    """A file opened for reading bytes, or one line that says why it cannot be."""
    try:
        return path.open("rb")
    except FileNotFoundError:
        raise DataFileError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise DataFileError(f"{path}: is a folder, not a file") from None
    except OSError as exc:
        raise DataFileError(f"{path}: cannot be read ({exc.strerror})") from None


def detect_encoding(head: bytes) -> str:
    """BOMs first; then UTF-8 if the bytes are valid UTF-8; else GB18030 (a superset of GBK).

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
        # A character cut off by the end of the sniffed block is not evidence.
        if exc.start < len(head) - 3 or len(head) < SNIFF_BYTES:
            return "gb18030"
        text = head[: exc.start].decode("utf-8")
    if not _CJK.search(text) and any("\x80" <= c < "\u0800" for c in text):
        try:
            if _CJK.search(head.decode("gb18030")):
                return "gb18030"
        except UnicodeDecodeError:
            pass
    return "utf-8-sig"


def _text_stream(binary: IO[bytes], encoding: str, name: str) -> tuple[IO[str], str]:
    # peek() needs a buffered reader; stdin's buffer and open(..., "rb") already are.
    buffered = binary if isinstance(binary, io.BufferedReader) else io.BufferedReader(binary)  # type: ignore[type-var]
    if encoding == "auto":
        encoding = detect_encoding(buffered.peek(SNIFF_BYTES)[:SNIFF_BYTES])
    elif encoding == "utf-8":
        encoding = "utf-8-sig"
    return io.TextIOWrapper(buffered, encoding=encoding, newline=""), encoding


def _decode_error(name: str, encoding: str, where: str) -> DataFileError:
    other = "gb18030" if encoding.startswith("utf") else "utf-8"
    return DataFileError(
        f"{name}: {where} is not valid {encoding.removesuffix('-sig')} text; "
        f"pass --encoding {other} if the file was saved that way"
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
    try:
        if fmt == "json":
            return _json_table(text, name, used, fields, informational)
        return _csv_table(text, name, used, fields, informational)
    except UnicodeDecodeError:
        raise _decode_error(name, used, "the start of the file") from None


def _csv_table(
    text: IO[str],
    name: str,
    encoding: str,
    fields: Mapping[str, tuple[str, ...]],
    informational: Mapping[str, tuple[str, ...]],
) -> Table:
    first = text.readline()
    # Excel's "Unicode text" is tab-separated; its CSV is comma-separated.
    delimiter = "\t" if first.count("\t") > first.count(",") else ","
    header = next(csv.reader([first], delimiter=delimiter), [])
    columns, unknown = map_headers(header, fields, informational)
    headers = {f: header[i].strip() for f, i in columns.items()}

    def rows() -> Iterator[tuple[str, dict[str, Any]]]:
        reader = csv.reader(text, delimiter=delimiter)
        done = 0  # physical lines the reader has consumed; the header was line 1
        try:
            for cells in reader:
                where = f"line {done + 2}"
                done = reader.line_num
                yield (
                    where,
                    {
                        f: unescape_cell(cells[i]) if i < len(cells) else ""
                        for f, i in columns.items()
                    },
                )
        except UnicodeDecodeError:
            raise _decode_error(name, encoding, f"line {done + 2}") from None
        except csv.Error as exc:
            raise DataFileError(f"{name}: line {done + 2}: {exc}") from None

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
        try:
            data = json.loads(start + text.read())
        except json.JSONDecodeError as exc:
            raise DataFileError(f"{name}: not valid JSON: {exc}") from None
        items = ((f"item {i + 1}", item) for i, item in enumerate(data))
    else:
        items = _json_lines(start, text, name)
    lookup, known = _vocabulary(fields, informational)
    unknown: list[str] = []
    headers = {f: f for f in fields}

    def rows() -> Iterator[tuple[str, dict[str, Any]]]:
        for where, item in items:
            if not isinstance(item, dict):
                raise DataFileError(f"{name}: {where} is not an object with named fields")
            row: dict[str, Any] = {}
            for key, value in item.items():
                f = lookup.get(header_key(str(key)))
                if f is not None:
                    row[f] = value
                elif header_key(str(key)) not in known and key not in unknown:
                    unknown.append(str(key))
            yield where, row

    return Table(name, headers, unknown, rows(), encoding)


def _json_lines(first: str, text: IO[str], name: str) -> Iterator[tuple[str, Any]]:
    for number, line in enumerate(_prepend(first, text), start=1):
        if not line.strip():
            continue
        try:
            yield f"line {number}", json.loads(line)
        except json.JSONDecodeError as exc:
            raise DataFileError(f"{name}: line {number} is not valid JSON: {exc.msg}") from None


def _prepend(first: str, text: IO[str]) -> Iterator[str]:
    rest = text.readline()
    yield first + rest
    yield from text
