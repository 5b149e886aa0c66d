"""Excel workbooks both ways: the template a bureau fills, import of what real offices send
back (title rows, date cells, serial numbers, numbers as text, formulas), exports typed and
coloured, and export → import round trips. LibreOffice, where installed, opens them all."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import Run
from pledgecli.xlsx import cell_ref, excel_day

AS_OF = "2025-01-31"


def _with_cached_value(path: Path, value: str) -> None:
    """Give a formula the value Excel would have stored with it (openpyxl stores none)."""
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    members[sheet] = members[sheet].replace(b"<v />", f"<v>{value}</v>".encode(), 1)
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)


def _messy(path: Path) -> None:
    """A sheet as an office sends it back: a merged title, an empty line, then the header."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "填报"
    ws.append(["2024年12月承诺事项数据填报表"])
    ws.merge_cells("A1:F1")
    ws.append([])
    ws.append(["备注", "数值", "日期", "指标", "方式"])  # any order, Chinese headers
    ws.append(["", 5, datetime(2024, 12, 31), "platforms", "累计"])  # a date cell
    ws.append(["", 23, 45657, "stations", "累计"])  # 45657 is 2024-12-31 as a serial
    ws.append(["", "３，６１２", "2024年12月", "spot-checks-2024", "累计"])  # text, full-width
    ws.append(["", "1,018", "2024/12/31", "training-firms", "新增"])
    ws.append([])
    ws.append([])  # trailing empty rows
    wb.save(path)


def test_excel_serials_and_cell_names() -> None:
    assert excel_day(45657) == date(2024, 12, 31)
    assert excel_day(1) == date(1899, 12, 31)
    with pytest.raises(ValueError):
        excel_day(0)
    assert cell_ref("填报", 9, 7) == "填报!J7"
    assert cell_ref("Sheet 1", 0, 2) == "'Sheet 1'!A2"


def test_a_messy_workbook_imports_as_its_cells_say(run: Run, sample: Path, tmp_path: Path) -> None:
    book = tmp_path / "back.xlsx"
    _messy(book)
    result = run("import", str(book), "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    assert "Imported back.xlsx: 4 new, 0 revised, 0 unchanged" in result.stdout
    figures = {
        (r["commitment"], r["date"], r["value"], r["mode"])
        for r in csv.DictReader(io.StringIO(run("export", "figures").stdout))
    }
    assert {
        ("platforms", "2024-12-31", "5", "total"),
        ("stations", "2024-12-31", "23", "total"),
        ("spot-checks-2024", "2024-12-31", "3612", "total"),
        ("training-firms", "2024-12-31", "1018", "delta"),
    } <= figures
    again = run("import", str(book), "--as-of", AS_OF)
    assert "0 new, 0 revised, 4 unchanged" in again.stdout


def test_every_bad_cell_is_named_as_excel_names_it(run: Run, sample: Path, tmp_path: Path) -> None:
    book = tmp_path / "bad.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "填报"
    ws.append(["指标", "日期", "数值"])
    ws.append(["platforms", "2024-13-01", 5])
    ws.append(["platfroms", "2024-12-31", 5])
    ws.append(["stations", datetime(2024, 12, 31), "很多"])
    ws.append(["stations", datetime(2024, 11, 30), "=B2*2"])
    ws.append(["stations", 0, 1])
    wb.save(book)
    result = run("import", str(book))
    assert result.exit_code == 5 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0] == "pledge: error: bad.xlsx: 5 bad rows, nothing was imported"
    assert "  填报!B2: '2024-13-01' is not a calendar date" in lines
    assert any(
        line.startswith("  填报!A3: unknown commitment 'platfroms'; did you mean platforms")
        for line in lines
    )
    assert "  填报!C4: '很多' is not a number, optionally followed by '个'" in lines
    assert any(
        line.startswith("  填报!C5: the formula =B2*2 has no calculated value") for line in lines
    )
    assert any(line.startswith("  填报!B6: '0' is not a date") for line in lines)
    zh = run("--lang", "zh", "import", str(book)).stderr
    assert "填报!C5: 公式 =B2*2 没有计算结果" in zh


def test_a_formula_counts_by_its_cached_value(run: Run, sample: Path, tmp_path: Path) -> None:
    book = tmp_path / "formula.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["commitment", "date", "value"])
    ws.append(["platforms", datetime(2024, 12, 31), "=2+3"])
    wb.save(book)
    _with_cached_value(book, "5")
    result = run("import", str(book), "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    assert "platforms,2024-12-31,5,total" in run("export", "figures").stdout


def test_sheet_choice_and_files_that_are_not_workbooks(
    run: Run, sample: Path, tmp_path: Path
) -> None:
    book = tmp_path / "two.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "说明"
    wb.active.append(["见第二页"])
    ws = wb.create_sheet("填报")
    ws.append(["指标", "日期", "数值"])
    ws.append(["platforms", datetime(2024, 12, 31), 5])
    wb.save(book)
    assert "no header row in the first 20 rows" in run("import", str(book)).stderr
    assert run("import", str(book), "--sheet", "填报", "--as-of", AS_OF).exit_code == 0
    missing = run("import", str(book), "--sheet", "Sheet9")
    assert (
        missing.exit_code == 5 and "no sheet named 'Sheet9' (sheets: 说明, 填报)" in missing.stderr
    )
    fake = tmp_path / "fake.xlsx"
    fake.write_bytes(b"id,date,value\n")
    result = run("import", str(fake))
    assert result.exit_code == 5 and "fake.xlsx: not an Excel workbook (.xlsx)" in result.stderr
    assert "Traceback" not in result.output


def test_the_template_workbook_is_ready_to_fill(run: Run, sample: Path, tmp_path: Path) -> None:
    book = tmp_path / "2024-12.xlsx"
    result = run(
        "--lang", "zh", "template", "--as-of", "2024-12-15", "--headers", "zh", "-o", str(book)
    )
    assert result.exit_code == 0 and "已把" in result.stderr
    wb = openpyxl.load_workbook(book)
    assert wb.sheetnames == ["填报", "填表说明"]
    ws = wb["填报"]
    header = [c.value for c in ws[1]]
    assert header[:3] == ["指标", "名称", "单位"] and header[8:11] == ["日期", "数值", "方式"]
    assert ws.freeze_panes == "A2" and ws.protection.sheet
    first = ws[2]
    assert first[0].protection.locked and first[0].fill.fgColor.rgb.endswith("ECEFF1")
    assert not first[8].protection.locked and not first[9].protection.locked
    assert first[8].value == datetime(2024, 12, 31) and first[8].number_format == "yyyy-mm-dd"
    assert first[10].value == "累计"
    kinds = {v.type: v for v in ws.data_validations.dataValidation}
    assert set(kinds) == {"date", "decimal", "list"}
    assert kinds["list"].formula1 == '"累计,新增"'
    assert str(kinds["decimal"].sqref).startswith("J2:")
    assert "pledge import" in " ".join(str(c.value) for c in wb["填表说明"]["A"])
    english = tmp_path / "en.xlsx"
    assert run("template", "--as-of", "2024-12-15", "-o", str(english)).exit_code == 0
    wb = openpyxl.load_workbook(english)
    assert wb.sheetnames == ["Figures", "Instructions"]
    assert '"total,delta"' in {v.formula1 for v in wb["Figures"].data_validations.dataValidation}


def test_a_filled_template_imports_all_or_nothing(run: Run, sample: Path, tmp_path: Path) -> None:
    book = tmp_path / "t.xlsx"
    assert (
        run("template", "--as-of", "2024-12-15", "--headers", "zh", "-o", str(book)).exit_code == 0
    )
    wb = openpyxl.load_workbook(book)
    ws = wb.active
    ids = [row[0].value for row in ws.iter_rows(min_row=2)]
    ws.cell(ids.index("spot-checks-2024") + 2, 10).value = 3612
    ws.cell(ids.index("platforms") + 2, 10).value = "5"
    wb.save(book)
    dry = run("import", str(book), "--dry-run", "--as-of", AS_OF)
    assert dry.exit_code == 0 and "Dry run of t.xlsx: 2 new" in dry.stdout
    done = run("import", str(book), "--as-of", AS_OF)
    assert "Imported t.xlsx: 2 new, 0 revised, 0 unchanged" in done.stdout
    assert "rows left empty" in done.stdout


def test_exports_are_typed_coloured_and_filtered(run: Run, sample: Path, tmp_path: Path) -> None:
    book = tmp_path / "status.xlsx"
    assert run("export", "status", "--as-of", "2025-11-30", "-o", str(book)).exit_code == 0
    wb = openpyxl.load_workbook(book)
    assert wb.sheetnames == ["Status", "By owner"]
    ws = wb["Status"]
    header = [c.value for c in ws[1]]
    rows = {r[0].value: dict(zip(header, r, strict=True)) for r in ws.iter_rows(min_row=2)}
    overdue, met = rows["cert-checks-2024"], rows["stations"]
    assert overdue["status"].value == "overdue" and overdue["status"].fill.fgColor.rgb.endswith(
        "FFCDD2"
    )
    assert met["status"].fill.fgColor.rgb.endswith("C8E6C9")
    assert rows["platforms"]["flags"].fill.fgColor.rgb.endswith("FFF59D")
    assert met["progress"].value == pytest.approx(2.3) and met["progress"].number_format == "0.0%"
    assert met["deadline"].value == datetime(2025, 12, 31)
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:R15"
    owners = [[c.value for c in r] for r in wb["By owner"].iter_rows(max_row=2)]
    assert owners[0][:3] == ["owner", "commitments", "overdue"] and owners[1][:3] == [
        "市市场监管局",
        8,
        2,
    ]
    zh = tmp_path / "zh.xlsx"
    args = (
        "--lang",
        "zh",
        "status",
        "--format",
        "xlsx",
        "--headers",
        "zh",
        "--as-of",
        "2025-11-30",
    )
    assert run(*args, "-o", str(zh)).exit_code == 0
    assert openpyxl.load_workbook(zh).sheetnames == ["推进情况", "台账"]
    assert run("status", "-o", str(zh)).exit_code == 2


def test_commitments_and_figures_round_trip_through_workbooks(
    run: Run, sample: Path, tmp_path: Path
) -> None:
    for what in ("commitments", "figures"):
        assert run("export", what, "-o", str(tmp_path / f"{what}.xlsx")).exit_code == 0
    before = {what: run("export", what).stdout for what in ("commitments", "figures")}
    fresh = tmp_path / "fresh.db"
    env = {"PLEDGE_DB": str(fresh)}
    assert run("init", env=env).exit_code == 0
    assert run("load", str(tmp_path / "commitments.xlsx"), env=env).exit_code == 0
    assert run("import", str(tmp_path / "figures.xlsx"), env=env).exit_code == 0
    assert {what: run("export", what, env=env).stdout for what in before} == before


values = st.one_of(
    st.integers(-(10**9), 10**12),
    st.floats(min_value=-1e9, max_value=1e12, allow_nan=False, allow_infinity=False).filter(
        lambda x: x == 0 or abs(x) >= 1e-6
    ),
)
days = st.dates(date(2000, 1, 1), date(2030, 12, 31))
texts = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=12)


@settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=25, deadline=None
)
@given(
    st.lists(st.tuples(days, values, st.sampled_from(["total", "delta"]), texts, texts), max_size=8)
)
def test_any_figures_round_trip_through_a_workbook(
    run: Run,
    sample: Path,
    tmp_path_factory: pytest.TempPathFactory,
    figures: list[tuple[date, float, str, str, str]],
) -> None:
    folder = tmp_path_factory.mktemp("trip")
    source = folder / "in.csv"
    with source.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["commitment", "date", "value", "mode", "source", "note"])
        for day, value, mode, src, note in figures:
            writer.writerow(
                [
                    "quality-funding",
                    day.isoformat(),
                    repr(float(value)),
                    mode,
                    src.strip(),
                    note.strip(),
                ]
            )
    db = folder / "a.db"
    env = {"PLEDGE_DB": str(db)}
    assert run("init", "--sample", env=env).exit_code == 0
    loaded = run("import", str(source), "--on-conflict", "revise", env=env)
    if loaded.exit_code != 0:
        return  # a file the CSV rules refuse (a key given twice) is not this property's concern
    book = folder / "out.xlsx"
    assert run("export", "figures", "-o", str(book), env=env).exit_code == 0
    other = {"PLEDGE_DB": str(folder / "b.db")}
    assert run("init", "--sample", env=other).exit_code == 0
    assert run("import", str(book), env=other).exit_code == 0
    assert run("export", "figures", env=other).stdout == run("export", "figures", env=env).stdout


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_every_workbook_pledge_writes(
    run: Run, sample: Path, tmp_path: Path
) -> None:
    books = {
        "template": ("--lang", "zh", "template", "--as-of", "2024-12-15", "--headers", "zh"),
        "status": ("export", "status", "--as-of", "2025-11-30"),
        "figures": ("export", "figures"),
    }
    for name, args in books.items():
        assert run(*args, "-o", str(tmp_path / f"{name}.xlsx")).exit_code == 0
    done = subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
         "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", str(tmp_path),
         *(str(tmp_path / f"{name}.xlsx") for name in books)],
        capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    template = (tmp_path / "template.csv").read_text(encoding="utf-8").splitlines()
    assert template[0].startswith("指标,名称,单位,类型,目标,截止日期")
    assert template[1].startswith("capability-2024,制造业企业质量管理能力评价（2024 年）")
    figures = (tmp_path / "figures.csv").read_text(encoding="utf-8")
    assert figures.splitlines()[0] == "commitment,date,value,mode,source,note"
    assert "platforms,2024-07-08,4,total" in figures
    assert "overdue" in (tmp_path / "status.csv").read_text(encoding="utf-8")


def test_text_that_looks_like_a_formula_stays_text(run: Run, sample: Path, tmp_path: Path) -> None:
    note = '=HYPERLINK("http://x")'
    assert run("record", "platforms", "5", "--on", "2025-06-30", "--note", note).exit_code == 0
    book = tmp_path / "f.xlsx"
    assert run("export", "figures", "-o", str(book)).exit_code == 0
    cell = next(
        r[5] for r in openpyxl.load_workbook(book).active.iter_rows(min_row=2) if r[5].value == note
    )
    assert cell.data_type == "s"
    fresh = {"PLEDGE_DB": str(tmp_path / "b.db")}
    assert run("init", "--sample", env=fresh).exit_code == 0
    assert run("import", str(book), env=fresh).exit_code == 0
    assert run("export", "figures", env=fresh).stdout == run("export", "figures").stdout


def test_a_chinese_status_sheet_speaks_the_status_words(
    run: Run, sample: Path, tmp_path: Path
) -> None:
    book = tmp_path / "zh.xlsx"
    args = (
        "status",
        "--format",
        "xlsx",
        "--headers",
        "zh",
        "--as-of",
        "2025-11-30",
        "-o",
        str(book),
    )
    assert run(*args).exit_code == 0
    ws = openpyxl.load_workbook(book)["推进情况"]
    header = [c.value for c in ws[1]]
    rows = {r[0].value: dict(zip(header, r, strict=True)) for r in ws.iter_rows(min_row=2)}
    assert rows["cert-checks-2024"]["状态"].value == "逾期未完成"
    assert rows["cert-checks-2024"]["状态"].fill.fgColor.rgb.endswith("FFCDD2")
    assert rows["platforms"]["提示"].value == "应报未报"
    assert ws.column_dimensions["C"].width > 20  # a Chinese title column is wide enough


_MESSY: list[bytes] = []


def _messy_bytes(factory: pytest.TempPathFactory) -> bytes:
    """One messy workbook for every example: its bytes must not change between them."""
    if not _MESSY:
        book = factory.mktemp("messy") / "m.xlsx"
        _messy(book)
        _MESSY.append(book.read_bytes())
    return _MESSY[0]


@settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=60, deadline=None
)
@given(st.data())
def test_a_damaged_workbook_ends_in_a_message_not_a_traceback(
    run: Run, sample: Path, tmp_path_factory: pytest.TempPathFactory, data: st.DataObject
) -> None:
    folder = tmp_path_factory.mktemp("damaged")
    book = folder / "d.xlsx"
    raw = bytearray(_messy_bytes(tmp_path_factory))
    for _ in range(data.draw(st.integers(1, 8))):
        at = data.draw(st.integers(0, len(raw) - 1))
        raw[at] = data.draw(st.integers(0, 255))
    if data.draw(st.booleans()):
        raw = raw[: data.draw(st.integers(0, len(raw)))]
    book.write_bytes(bytes(raw))
    result = run("import", str(book), "--dry-run", "--as-of", AS_OF)
    assert result.exit_code in (0, 5), result.output
    assert "unexpected" not in result.stderr and "Traceback" not in result.output
    if result.exit_code == 5:
        assert result.stderr.startswith("pledge: error: d.xlsx")
