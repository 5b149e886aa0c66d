"""Reading an Excel workbook of figures (.xlsx), as offices really send them back.

Streams the sheet with openpyxl's read-only mode, so memory stays flat however many rows
(measured in bench/xlsx.py). A row comes out as CSV rows do — ("填报!7:7", {field: value})
— with values typed as Excel stored them: a date cell is a date, a serial number in a date
column becomes its day, numbers stored as text are parsed later by the same rules as CSV.
A formula counts by its cached value; one with no cached value is an error for its cell.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterator, Mapping
from datetime import date, datetime, timedelta
from typing import IO, Any
from xml.etree.ElementTree import ParseError

from pledgecli.errors import DataFileError
from pledgecli.labels import t
from pledgecli.tabular import Table, map_headers

# Excel counts days from 1899-12-30 (its 1900 leap-year bug included); 2958465 is 9999-12-31.
_EXCEL_EPOCH = date(1899, 12, 30)
_LAST_SERIAL = 2_958_465
HEADER_SEARCH_ROWS = 20  # title rows a sheet may have above its header
_PLAIN_SHEET = re.compile(r"[\w.]+")


# What a damaged file raises from the zip, the deflate stream or the XML, early or late.
_DAMAGED = (zipfile.BadZipFile, zlib.error, ParseError, KeyError, ValueError, OSError, EOFError,
            NotImplementedError, RuntimeError,
            TypeError, IndexError, AttributeError)  # fmt: skip


class FormulaWithoutValue(ValueError):
    """A formula Excel never calculated (saved by a program that does not compute)."""


def is_workbook(name: str) -> bool:
    return name.lower().endswith((".xlsx", ".xlsm"))


def excel_day(serial: float) -> date:
    """The day an Excel serial number stands for: 45657 is 2024-12-31."""
    if not 1 <= serial <= _LAST_SERIAL:
        raise ValueError(t("not_a_date", text=repr(f"{serial:g}")))
    return _EXCEL_EPOCH + timedelta(days=int(serial))


def cell_ref(sheet: str, column: int, row: int) -> str:
    """填报!J7, or 'Sheet 1'!J7 when the name needs quotes (as Excel writes it)."""
    from openpyxl.utils import get_column_letter

    return f"{_quoted(sheet)}!{get_column_letter(column + 1)}{row}"


def read_workbook(
    binary: IO[bytes],
    name: str,
    sheet: str | None,
    fields: Mapping[str, tuple[str, ...]],
    informational: Mapping[str, tuple[str, ...]],
    key: str = "commitment",
    date_fields: tuple[str, ...] = ("on",),
) -> Table:
    """The rows of one sheet (the first, or `sheet`), its header found below any title rows:
    the first row that names the `key` column and one more field."""
    data = binary if binary.seekable() else io.BytesIO(binary.read())
    try:
        return _read(data, name, sheet, fields, informational, key, date_fields)
    except _DAMAGED as exc:
        raise _damaged(name, exc) from None


def _damaged(name: str, exc: BaseException) -> DataFileError:
    detail = str(exc) or type(exc).__name__
    return DataFileError(t("not_a_workbook", name=name, detail=detail[:80]))


def _read(
    data: IO[bytes],
    name: str,
    sheet: str | None,
    fields: Mapping[str, tuple[str, ...]],
    informational: Mapping[str, tuple[str, ...]],
    key: str,
    date_fields: tuple[str, ...],
) -> Table:
    book = _open(data, name, data_only=True)
    ws = _sheet(book, name, sheet)
    rows = ws.iter_rows(values_only=True)
    formulas: Iterator[tuple[Any, ...]] | None = None
    if _has_formulas(data):
        # Cached values and formulas come from two readings of the same sheet, in step.
        formulas = _sheet(_open(data, name, data_only=False), name, ws.title).iter_rows(
            values_only=True
        )
    header_row, header = _find_header(rows, formulas, fields, informational, name, key)
    columns, unknown = map_headers(header, fields, informational)
    headers = {f: str(header[i]).strip() for f, i in columns.items()}

    def locate(where: str, field: str) -> str:
        row = int(where.rsplit("!", 1)[1].split(":")[0])
        return cell_ref(ws.title, columns.get(field, 0), row)

    def cells() -> Iterator[tuple[str, dict[str, Any]]]:
        try:
            yield from read_rows()
        except _DAMAGED as exc:  # a sheet is read as its rows are: damage may show late
            raise _damaged(name, exc) from None

    def read_rows() -> Iterator[tuple[str, dict[str, Any]]]:
        number = header_row
        for values in rows:
            number += 1
            cached = formulas and next(formulas, None)
            record: dict[str, Any] = {}
            for field, i in columns.items():
                value = values[i] if i < len(values) else None
                formula = cached[i] if cached and i < len(cached) else None
                record[field] = _value(value, formula, field in date_fields)
            yield f"{_quoted(ws.title)}!{number}:{number}", record

    return Table(name, headers, unknown, cells(), "", locate=locate)


def _quoted(sheet: str) -> str:
    return sheet if _PLAIN_SHEET.fullmatch(sheet) else "'" + sheet.replace("'", "''") + "'"


def _open(data: IO[bytes], name: str, data_only: bool) -> Any:
    from openpyxl import load_workbook

    data.seek(0)
    return load_workbook(data, read_only=True, data_only=data_only)


def _sheet(book: Any, name: str, sheet: str | None) -> Any:
    if sheet is None:
        visible = [
            ws for ws in book.worksheets if getattr(ws, "sheet_state", "visible") == "visible"
        ]
        if not visible:
            raise DataFileError(t("no_sheet", name=name, sheets=", ".join(book.sheetnames)))
        return visible[0]
    if sheet not in book.sheetnames:
        raise DataFileError(
            t("unknown_sheet", name=name, sheet=repr(sheet), sheets=", ".join(book.sheetnames))
        )
    return book[sheet]


def _has_formulas(data: IO[bytes]) -> bool:
    """Whether any sheet holds a formula: read in chunks, so a large sheet costs little."""
    data.seek(0)
    with zipfile.ZipFile(data) as archive:
        for member in archive.namelist():
            if not member.startswith("xl/worksheets/"):
                continue
            tail = b""
            with archive.open(member) as xml:
                while chunk := xml.read(1 << 20):
                    if b"<f>" in tail + chunk or b"<f " in tail + chunk:
                        return True
                    tail = chunk[-3:]
    return False


def _find_header(
    rows: Iterator[tuple[Any, ...]],
    formulas: Iterator[tuple[Any, ...]] | None,
    fields: Mapping[str, tuple[str, ...]],
    informational: Mapping[str, tuple[str, ...]],
    name: str,
    key: str,
) -> tuple[int, list[str]]:
    """The first row that names the key column and one more field; the rows above it (a
    merged title, a date line, a logo's empty cells) are skipped."""
    for number in range(1, HEADER_SEARCH_ROWS + 1):
        values = next(rows, None)
        if formulas is not None:
            next(formulas, None)  # the formulas' reading keeps in step
        if values is None:
            break
        header = ["" if v is None else str(v) for v in values]
        columns, _ = map_headers(header, fields, informational)
        if key in columns and len(columns) >= 2:
            return number, header
    raise DataFileError(t("no_header_row", name=name, rows=HEADER_SEARCH_ROWS))


def _value(value: Any, formula: Any, is_date: bool) -> Any:
    """A cell as import reads it: a day for a date, text or a number otherwise."""
    if value is None and isinstance(formula, str) and formula.startswith("="):
        return FormulaWithoutValue(t("formula_without_value", formula=formula[:40]))
    if isinstance(value, datetime):
        return value.date() if value.time() == datetime.min.time() else value
    if is_date and isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            return excel_day(value)
        except ValueError as exc:
            return exc
    if value is None:
        return ""
    return value
