"""Excel workbooks (.xlsx) for the people on the other end: the template a bureau fills,
and exports a leader opens. Written with openpyxl, imported only by these commands.

Cells are typed (dates as dates, numbers as numbers, progress as a percent); status cells
take the three lights; the header is frozen and filtered. Exports stream (write-only
mode), so a table of millions of figures costs no more memory than a small one.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from typing import IO, Any

from pledgecli import columns, labels
from pledgecli.columns import record_of
from pledgecli.model import Assessment, LedgerView
from pledgecli.render.machine import Record

# Fills of the three lights, in the pale shades a printed sheet keeps readable.
LIGHT_FILL = {
    "met": "C8E6C9", "met late": "C8E6C9", "on track": "C8E6C9",
    "behind": "FFF59D", "no data": "FFF59D", "overdue": "FFCDD2", "error": "FFCDD2",
}  # fmt: skip
FLAG_FILL = "FFF59D"  # due soon, stale
SHADE = "ECEFF1"  # what a clerk reads but does not fill
DATE_FORMAT = "yyyy-mm-dd"
PERCENT = {"progress"}
DATES = {"deadline", "start", "last_reported_on", "date", "on", "last_on"}
TEMPLATE_FILLED = ("date", "value", "mode", "source", "note")
WIDTH_SAMPLE = 200  # rows a column's width is measured on

Sheet = tuple[str, Sequence[str], Iterable[Record]]


def _mappings(records: Iterable[Record], names: Sequence[str]) -> Iterator[Mapping[str, Any]]:
    """Records as mappings by column name (an export of figures streams tuples)."""
    for r in records:
        yield r if isinstance(r, Mapping) else dict(zip(names, r, strict=True))


def _width(values: Iterable[Any]) -> float:
    """A column wide enough for its longest value; a Chinese character counts twice."""
    from rich.cells import cell_len

    longest = max((cell_len(str(v)) for v in values if v not in (None, "")), default=6)
    return min(max(longest + 2, 8), 60)


def _header_names(names: Sequence[str], headers: str) -> list[str]:
    return columns.header_names(names, headers) or list(names)


def write_sheets(out: IO[bytes], sheets: Sequence[Sheet], headers: str = "en") -> int:
    """Each (title, columns, records) as a sheet of typed cells, streamed; returns how many
    rows the first sheet has."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font, PatternFill

    book = Workbook(write_only=True)
    bold = Font(bold=True)
    fills = {status: PatternFill("solid", fgColor=colour) for status, colour in LIGHT_FILL.items()}
    flag_fill = PatternFill("solid", fgColor=FLAG_FILL)
    counts = []
    for title, names, records in sheets:
        ws = book.create_sheet(title)
        ws.freeze_panes = "A2"
        header = _header_names(names, headers)
        worded = _status_words(headers)
        # A streamed sheet writes its column widths before its rows: they are measured on
        # the first rows, held back until then; the rest stream through.
        rows = _mappings(records, names)
        first = list(itertools.islice(rows, WIDTH_SAMPLE))
        _widths(
            ws,
            [[h, *(_shown(r.get(n)) for r in first)] for h, n in zip(header, names, strict=True)],
        )
        ws.append([_cell(ws, WriteOnlyCell, h, font=bold) for h in header])
        count = 0
        for record in itertools.chain(first, rows):
            count += 1
            row = []
            for name in names:
                value = _shown(record.get(name))
                cell = WriteOnlyCell(ws, value=_typed(value))
                _text_stays_text(cell)
                if name in PERCENT and isinstance(value, (int, float)):
                    cell.number_format = "0.0%"
                elif isinstance(value, date):
                    cell.number_format = DATE_FORMAT
                if name == "status" and value in fills:
                    cell.fill = fills[value]
                elif name == "flags" and value:
                    cell.fill = flag_fill
                if name in worded and value:
                    cell.value = worded[name](value)
                row.append(cell)
            ws.append(row)
        _filter(ws, count, len(names))
        counts.append(count)
    book.save(out)
    return counts[0] if counts else 0


def _status_words(headers: str) -> dict[str, Any]:
    """A sheet with Chinese headers is for people: its status words are Chinese too (the
    vocabulary of DESIGN), with the same lights. Other columns keep what load reads."""
    if headers != "zh":
        return {}
    words = labels.LANGUAGES["zh"]
    return {
        "status": lambda v: words.STATUS.get(v, v),
        "flags": lambda v: "、".join(words.FLAGS.get(f.strip(), f) for f in str(v).split(",")),
    }


def _shown(value: Any) -> Any:
    return ", ".join(value) if isinstance(value, tuple) else value


def _cell(ws: Any, kind: Any, value: Any, **style: Any) -> Any:
    cell = kind(ws, value=value)
    for key, setting in style.items():
        setattr(cell, key, setting)
    return cell


def _typed(value: Any) -> Any:
    """A value as its cell holds it. Excel keeps 15 significant digits: a number with more
    is written as text, which import reads back exactly, so no figure changes on the way."""
    if isinstance(value, float) and float(f"{value:.15g}") != value:
        return repr(value)
    return value


def _text_stays_text(cell: Any) -> None:
    """Text that starts with = is stored as text, never as a formula Excel would run."""
    if isinstance(cell.value, str) and cell.data_type == "f":
        cell.data_type = "s"


def _widths(ws: Any, columns_values: list[list[Any]]) -> None:
    from openpyxl.utils import get_column_letter

    for i, values in enumerate(columns_values):
        ws.column_dimensions[get_column_letter(i + 1)].width = _width(values)


def _filter(ws: Any, rows: int, count: int) -> None:
    from openpyxl.utils import get_column_letter

    ws.auto_filter.ref = f"A1:{get_column_letter(max(count, 1))}{rows + 1}"


def write_template(
    out: IO[bytes], records: Iterable[Record], day: date | None, headers: str
) -> int:
    """The monthly sheet to fill: what to read shaded and locked, what to fill open and
    validated (a date, a number, 累计/新增), and a second sheet that says how."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill, Protection
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    names = columns.TEMPLATE
    rows = list(_mappings(records, names))
    words = labels.WORKBOOK
    book = Workbook()
    ws = book.active
    ws.title = words["template_sheet"]
    ws.append(_header_names(names, headers))
    # The words a clerk reads and picks are in the sheet's language; import takes both.
    worded = {"mode": labels.MODE, "kind": labels.KIND}
    for record in rows:
        ws.append([worded[n].get(record[n], record[n]) if n in worded and record.get(n) else
                   record.get(n) for n in names])  # fmt: skip
    shade = PatternFill("solid", fgColor=SHADE)
    last = len(rows) + 1
    for i, name in enumerate(names, start=1):
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = _width(
            [ws.cell(1, i).value, *(r.get(name) for r in rows)]
        )
        fill_in = name in TEMPLATE_FILLED
        for row in range(1, last + 1):
            cell = ws.cell(row, i)
            _text_stays_text(cell)
            if row == 1:
                cell.font = Font(bold=True)
            if name in DATES and row > 1:
                cell.number_format = DATE_FORMAT
            if row > 1 and fill_in:
                cell.protection = Protection(locked=False)
            elif row > 1:
                cell.fill = shade
    # Room for rows a clerk adds below: fill-in columns stay open there too.
    for i, name in enumerate(names, start=1):
        if name in TEMPLATE_FILLED:
            for row in range(last + 1, last + 51):
                ws.cell(row, i).protection = Protection(locked=False)
    column = {name: get_column_letter(i) for i, name in enumerate(names, start=1)}
    span = f"{last + 50}"
    checks = [
        DataValidation(type="date", operator="greaterThan", formula1="DATE(2000,1,1)",
                       error=words["bad_date"], errorTitle=words["bad_title"], showErrorMessage=True),
        DataValidation(type="decimal", operator="between", formula1="-1000000000000000",
                       formula2="1000000000000000", error=words["bad_number"],
                       errorTitle=words["bad_title"], showErrorMessage=True),
        DataValidation(type="list", formula1=f'"{words["modes"]}"', allow_blank=True,
                       error=words["bad_mode"], errorTitle=words["bad_title"], showErrorMessage=True),
    ]  # fmt: skip
    for check, name in zip(checks, ("date", "value", "mode"), strict=True):
        ws.add_data_validation(check)
        check.add(f"{column[name]}2:{column[name]}{span}")
    ws.freeze_panes = "A2"
    ws.protection.sheet = True
    ws.protection.formatRows = False
    ws.protection.formatColumns = False
    ws.protection.autoFilter = False
    ws.protection.sort = False
    guide = book.create_sheet(words["guide_sheet"])
    guide.column_dimensions["A"].width = 100
    for line in words["guide"].format(day=labels.day(day)).split("\n"):
        guide.append([line])
    guide["A1"].font = Font(bold=True, size=13)
    book.save(out)
    return len(rows)


def sheet_words(headers: str) -> Any:
    """Sheet names in the language of the headers when they are Chinese, else the interface's."""
    return labels.LANGUAGES["zh"].WORKBOOK if headers == "zh" else labels.WORKBOOK


def status_sheets(rows: Sequence[Assessment], ledger: LedgerView, headers: str) -> list[Sheet]:
    """The status of every commitment, and the 台账 beside it."""
    from pledgecli.render.ledger import group_column, ledger_records

    words = sheet_words(headers)
    return [
        (words["status_sheet"], columns.STATUS, (record_of(a, columns.STATUS) for a in rows)),
        (words["ledger_sheet"], (group_column(ledger.by), *columns.LEDGER_COUNTS),
         list(ledger_records(ledger))),
    ]  # fmt: skip
