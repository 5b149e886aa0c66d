"""The command line, end to end on real database files."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest

from conftest import Run
from pledgecli import __version__

SAMPLE_CSV_2024_07_31 = """\
id,document_id,title,owner,kind,comparator,target,unit,value,progress,expected,status,flags,deadline,last_reported_on,days_overdue,gap,needed_per_month
spot-checks-2024,zs-scjg-2024-168,市级工业产品质量监督抽查,市市场监管局,flow,>=,3500,批次,0,0,2032.88,no data,,2024-12-31,,,-2032.88,696.28
capability-2024,zs-scjg-2024-168,制造业企业质量管理能力评价（2024 年）,市工业和信息化局,milestone,>=,,,0,0,,in progress,,2024-12-31,,,,
cert-checks-2024,zs-scjg-2024-168,认证从业机构“双随机、一公开”检查（2024 年）,市市场监管局,milestone,>=,,,0,0,,in progress,,2024-12-31,,,,
quality-plan-2024,zs-scjg-2024-168,工业产品质量提升三年行动：2024 年初见成效,市政府,milestone,>=,,,0,0,,in progress,,2024-12-31,,,,
platforms,zs-scjg-2024-168,质量基础设施“一站式”服务平台,市市场监管局,level,>=,5,个,4,0.8,,in progress,,2025-12-31,2024-07-08,,,0.06
quality-plan-2025,zs-scjg-2024-168,工业产品质量提升三年行动：2025 年明显改善,市政府,milestone,>=,,,0,0,,in progress,,2025-12-31,,,,
quality-plan-2026,zs-scjg-2024-168,工业产品质量提升三年行动：2026 年显著提升,市政府,milestone,>=,,,0,0,,in progress,,2026-12-31,,,,
stations,zs-scjg-2024-168,质量基础设施“一站式”服务站,市市场监管局,level,>=,10,个,23,2.3,,met,,2025-12-31,2024-07-08,,,
hospital-experts,zs-scjg-2024-168,“产品医院”质量技术专家,市市场监管局,level,>=,,名,75,,,tracking,,,2024-07-08,,,
hospital-firms,zs-scjg-2024-168,“产品医院”一对一问诊帮扶企业,市市场监管局,level,>=,,家,700,,,tracking,,,2024-07-08,,,
quality-funding,zs-scjg-2024-168,质量提升发展工作相关经费（年度安排）,市财政局,level,>=,,万元,1750.04,,,tracking,,,2024-01-01,,,
skill-certificates,zs-scjg-2024-168,质量管理相关职业技能等级证书,市人力资源社会保障局,flow,>=,,人次,630,,,tracking,,,2023-12-31,,,
training-firms,zs-scjg-2024-168,参加质量管理培训的小微企业,市市场监管局,flow,>=,,家,1018,,,tracking,,,2023-12-31,,,
training-persons,zs-scjg-2024-168,小微企业质量管理培训,市市场监管局,flow,>=,,人次,1513,,,tracking,,,2023-12-31,,,
"""


def ok(result: object) -> str:
    assert result.exit_code == 0, (result.stdout, result.stderr)  # type: ignore[attr-defined]
    return result.stdout  # type: ignore[attr-defined,no-any-return]


def test_version(run: Run) -> None:
    assert ok(run("--version")) == f"pledge {__version__}\n"


def test_python_dash_m_runs_the_same_program() -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "pledgecli", "--version"], capture_output=True, text=True
    )
    assert (done.returncode, done.stdout) == (0, f"pledge {__version__}\n")


def test_status_csv_on_the_sample_is_pinned(run: Run, sample: Path) -> None:
    result = run("status", "--as-of", "2024-07-31", "--format", "csv")
    assert ok(result) == SAMPLE_CSV_2024_07_31
    assert result.stderr == ""


def test_status_json_has_the_design_columns_in_order(run: Run, sample: Path) -> None:
    rows = json.loads(ok(run("status", "--as-of", "2024-07-31", "-f", "json")))
    assert list(rows[0]) == SAMPLE_CSV_2024_07_31.splitlines()[0].split(",")
    platforms = next(r for r in rows if r["id"] == "platforms")
    assert platforms["flags"] == [] and platforms["deadline"] == "2025-12-31"


def test_init_twice_and_sample_twice_change_nothing(run: Run, sample: Path) -> None:
    before = sample.read_bytes()
    result = run("init", "--sample")
    assert "Nothing changed: zs-scjg-2024-168.toml is already loaded" in ok(result)
    assert "Using" in result.stdout
    rows = json.loads(ok(run("status", "-f", "json", "--as-of", "2024-07-31")))
    assert len(rows) == 14
    assert sample.read_bytes() == before


def test_filters_by_owner_and_document(run: Run, sample: Path) -> None:
    rows = json.loads(ok(run("status", "--owner", "财政", "-f", "json", "--as-of", "2024-07-31")))
    assert [r["id"] for r in rows] == ["quality-funding"]
    assert ok(run("status", "--doc", "zs-scjg-2024-168", "-f", "csv")).count("\n") == 15
    result = run("status", "--doc", "zs-scjg-2024-169")
    assert result.exit_code == 4
    assert "did you mean zs-scjg-2024-168" in result.stderr


def test_overdue_lists_the_longest_overdue_first(run: Run, sample: Path) -> None:
    rows = json.loads(ok(run("overdue", "--as-of", "2026-11-26", "-f", "json")))
    assert [(r["id"], r["days_overdue"]) for r in rows] == [
        ("capability-2024", 695),
        ("cert-checks-2024", 695),
        ("quality-plan-2024", 695),
        ("spot-checks-2024", 695),
        ("platforms", 330),
        ("quality-plan-2025", 330),
    ]


def test_overdue_within_adds_the_due_soon_after_the_overdue(run: Run, sample: Path) -> None:
    rows = json.loads(ok(run("overdue", "--as-of", "2026-12-01", "--within", "30", "-f", "json")))
    assert [r["id"] for r in rows][-1] == "quality-plan-2026"
    assert rows[-1]["status"] == "in progress" and "due soon" in rows[-1]["flags"]
    assert "Nothing is overdue" in ok(run("overdue", "--as-of", "2024-07-31"))


def test_record_shows_the_figure_the_row_and_the_overdue_list(run: Run, sample: Path) -> None:
    out = ok(
        run(
            "record",
            "platforms",
            "5",
            "--on",
            "2025-11-30",
            "--source",
            "市市场监管局",
            "--as-of",
            "2025-12-01",
        )
    )
    lines = out.splitlines()
    assert lines[0] == "Recorded platforms = 5 个 on 2025-11-30 (total, 市市场监管局): new"
    assert lines[1].startswith("Progress as of 2025-12-01")
    assert "1 commitment: 1 met" in out
    assert "Overdue as of 2025-12-01" in out
    assert "4 commitments: 4 overdue" in out
    revised = ok(
        run(
            "record",
            "platforms",
            "6",
            "--on",
            "2025/11/30",
            "--source",
            "市市场监管局",
            "--as-of",
            "2025-12-01",
        )
    )
    assert revised.splitlines()[0].endswith(": revised, was 5")
    same = ok(
        run(
            "record",
            "platforms",
            "6个",
            "--on",
            "2025年11月30日",
            "--source",
            "市市场监管局",
            "--as-of",
            "2025-12-01",
        )
    )
    assert same.splitlines()[0].endswith(": unchanged, already recorded")
    shown = ok(run("show", "platforms", "--as-of", "2025-12-01"))
    assert "6 个" in shown and "5 until" in shown


def test_record_a_delta_and_a_milestone(run: Run, sample: Path) -> None:
    ok(run("record", "spot-checks-2024", "1,200", "--on", "2024年1-4月", "--as-of", "2024-05-01"))
    out = ok(
        run(
            "record",
            "spot-checks-2024",
            "300",
            "--delta",
            "--on",
            "2024-05",
            "--as-of",
            "2024-06-01",
        )
    )
    assert out.splitlines()[0] == "Recorded spot-checks-2024 = +300 批次 on 2024-05-31 (delta): new"
    rows = json.loads(ok(run("status", "--as-of", "2024-06-01", "-f", "json")))
    checks = next(r for r in rows if r["id"] == "spot-checks-2024")
    # 2024-06-01 is day 152 of 365: the pace line stands at 3500 * 152 / 365 = 1457.53.
    assert (checks["value"], checks["expected"], checks["status"]) == (1500, 1457.53, "on track")
    rows = json.loads(ok(run("status", "--as-of", "2024-06-30", "-f", "json")))
    assert next(r for r in rows if r["id"] == "spot-checks-2024")["status"] == "behind"
    ok(run("record", "cert-checks-2024", "1", "--on", "2024-10-15", "--as-of", "2024-10-15"))
    rows = json.loads(ok(run("status", "--as-of", "2024-10-15", "-f", "json")))
    assert next(r for r in rows if r["id"] == "cert-checks-2024")["status"] == "met"


def test_a_negative_delta_corrects_a_count(run: Run, sample: Path) -> None:
    ok(run("record", "spot-checks-2024", "1200", "--on", "2024-04-30"))
    out = ok(
        run(
            "record",
            "spot-checks-2024",
            "-20",
            "--delta",
            "--on",
            "2024-05-31",
            "--as-of",
            "2024-06-01",
        )
    )
    assert out.splitlines()[0] == "Recorded spot-checks-2024 = -20 批次 on 2024-05-31 (delta): new"
    result = run("record", "spot-checks-2024", "5", "--sorce", "x")
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_record_outside_a_flows_period_warns_on_stderr(run: Run, sample: Path) -> None:
    result = run(
        "record", "spot-checks-2024", "2475", "--on", "2023-12-31", "--as-of", "2024-01-01"
    )
    assert result.exit_code == 0
    assert (
        "outside spot-checks-2024's period 2024-01-01 – 2024-12-31: it will not count"
        in result.stderr
    )


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["record", "platfroms", "5"], 4, "unknown commitment 'platfroms'; did you mean platforms"),
        (
            ["record", "platforms", "five"],
            2,
            "VALUE: 'five' is not a number, optionally followed by '个'",
        ),
        (
            ["record", "platforms", "5", "--on", "2025-02-30"],
            2,
            "'2025-02-30' is not a calendar date",
        ),
        (
            ["record", "cert-checks-2024", "2"],
            2,
            "cert-checks-2024 is a milestone: record 1 when it is done",
        ),
        (["record", "platforms", "5", "--source"], 2, "requires an argument"),
        (["show", "nothing-like-it"], 4, "unknown commitment 'nothing-like-it'"),
        (["status", "--as-of", "tomorrow"], 2, "'tomorrow' is not a date"),
        (["status", "--format", "xml"], 2, "'xml' is not one of"),
    ],
)
def test_bad_input_is_one_clear_error_and_writes_nothing(
    run: Run, sample: Path, args: list[str], code: int, message: str
) -> None:
    before = json.loads(ok(run("show", "platforms", "-f", "json")))
    result = run(*args)
    assert result.exit_code == code
    assert message in " ".join(result.stderr.split())
    assert result.stdout == ""
    assert "Traceback" not in result.output
    assert json.loads(ok(run("show", "platforms", "-f", "json"))) == before


def test_every_command_but_init_needs_a_database(run: Run, tmp_path: Path) -> None:
    for args in (["status"], ["list"], ["overdue"], ["show", "x"], ["record", "x", "1"]):
        result = run(*args)
        assert result.exit_code == 3, args
        assert result.stderr.startswith("pledge: error: no database at ")
        assert "create it with `pledge init`" in result.stderr
    assert not (tmp_path / "pledge.db").exists()


def test_a_corrupt_database_is_one_line(run: Run, tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    result = run("--db", str(bad), "status")
    assert result.exit_code == 3
    assert "is not a readable SQLite database" in result.stderr
    assert result.stderr.count("\n") == 1


def test_db_option_beats_the_environment(run: Run, tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    ok(run("--db", str(other), "init"))
    assert other.exists() and not (tmp_path / "pledge.db").exists()


def test_load_twice_changes_nothing_and_adds_figures(
    run: Run, sample: Path, tmp_path: Path
) -> None:
    toml = tmp_path / "plan.toml"
    toml.write_text(
        """
[[documents]]
id = "plan-2025"
doc_number = "中市监〔2025〕1号"
issued_on = 2025-01-10

[[commitments]]
id = "labs"
document = "plan-2025"
title = "检验检测实验室"
target = "3个"
unit = "个"
comparator = "不少于"
start = "2025年1月"
deadline = "2025年底"
baseline = 1

[[commitments.figures]]
on = "2025年3月"
value = "2个"
mode = "累计"
""",
        encoding="utf-8",
    )
    assert "Loaded plan.toml: documents: 1 new · commitments: 1 new · figures: 1 new" in ok(
        run("load", str(toml))
    )
    assert "Nothing changed" in ok(run("load", str(toml)))
    shown = json.loads(ok(run("show", "labs", "-f", "json", "--as-of", "2025-04-01")))
    assert shown["commitment"]["start"] == "2025-01-31"
    assert shown["figures"][0]["on"] == "2025-03-31" and shown["figures"][0]["value"] == 2
    assert shown["status"]["progress"] == 0.5


def test_a_bad_toml_file_lists_every_problem_and_loads_nothing(
    run: Run, sample: Path, tmp_path: Path
) -> None:
    toml = tmp_path / "bad.toml"
    toml.write_text(
        """
[[commitments]]
id = "a"
title = "甲"
kind = "stock"
deadline = "2025-02-30"

[[commitments]]
id = "b b"
document = "missing-doc"

[[commitments]]
id = "c"
title = "丙"
target = "lots"
[[commitments.figures]]
value = 3
""",
        encoding="utf-8",
    )
    before = ok(run("list", "-f", "csv"))
    result = run("load", str(toml))
    assert result.exit_code == 5
    assert result.stderr.splitlines() == [
        "pledge: error: bad.toml: 6 problems, nothing was loaded",
        "  bad.toml: line 5: commitments[0] (a): kind: 'stock' is not one of level, flow, milestone",
        "  bad.toml: line 6: commitments[0] (a): deadline: '2025-02-30' is not a calendar date",
        "  bad.toml: line 9: commitments[1] (b b): id: 'b b' is not an id (letters, digits, '-', '_' or '.', no spaces)",
        "  bad.toml: line 8: commitments[1] (b b): title: missing",
        "  bad.toml: line 15: commitments[2] (c): target: 'lots' is not a number",
        "  bad.toml: line 16: commitments[2] (c): figures[0]: on: missing",
    ]
    assert ok(run("list", "-f", "csv")) == before


def test_load_refuses_an_unknown_document_and_invalid_toml(
    run: Run, sample: Path, tmp_path: Path
) -> None:
    toml = tmp_path / "x.toml"
    toml.write_text('[[commitments]]\nid = "x"\ntitle = "x"\ndocument = "nope"\n', encoding="utf-8")
    result = run("load", str(toml))
    assert (
        result.exit_code == 5
        and "document 'nope' is not in the file or the database" in result.stderr
    )
    toml.write_text("[[commitments]\n", encoding="utf-8")
    result = run("load", str(toml))
    assert result.exit_code == 5 and "x.toml: not valid TOML" in result.stderr
    result = run("load", str(tmp_path / "absent.toml"))
    assert result.exit_code == 5 and "absent.toml: no such file" in result.stderr
    toml.write_bytes('[[commitments]]\nid = "x"\ntitle = "服务平台"\n'.encode("gbk"))
    result = run("load", str(toml))
    assert result.exit_code == 5 and "x.toml: line 3 is not UTF-8 text" in result.stderr
    result = run("load", str(tmp_path))
    assert result.exit_code == 5 and "is a folder, not a file" in result.stderr


def test_add_reaches_every_field(run: Run, sample: Path) -> None:
    out = ok(
        run(
            "add",
            "accidents-2025",
            "--title",
            "较大质量安全事故",
            "--doc",
            "zs-scjg-2024-168",
            "--section",
            "五",
            "--owner",
            "市市场监管局",
            "--kind",
            "flow",
            "--comparator",
            "<=",
            "--target",
            "0",
            "--unit",
            "起",
            "--baseline",
            "1",
            "--start",
            "2025-01-01",
            "--deadline",
            "2025-12-31",
            "--quote",
            "不发生较大事故",
            "--notes",
            "示例",
        )  # fmt: skip
    )
    assert out == "Added accidents-2025: 较大质量安全事故\n"
    listed = list(csv.DictReader(io.StringIO(ok(run("list", "-f", "csv", "--owner", "监管")))))
    added = next(r for r in listed if r["id"] == "accidents-2025")
    assert added == {
        "id": "accidents-2025", "document_id": "zs-scjg-2024-168", "section": "五",
        "title": "较大质量安全事故", "owner": "市市场监管局", "kind": "flow", "comparator": "<=",
        "target": "0", "unit": "起", "baseline": "1", "start": "2025-01-01", "deadline": "2025-12-31",
        "quote": "不发生较大事故", "notes": "示例",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["platforms", "--title", "x"], 2, "commitment 'platforms' already exists"),
        (
            ["new-one", "--title", "x", "--doc", "zs-scjg-2024"],
            4,
            "unknown document 'zs-scjg-2024'",
        ),
        (
            ["new-one", "--title", "x", "--kind", "stock"],
            2,
            "kind: 'stock' is not one of level, flow, milestone",
        ),
        (
            ["new-one", "--title", "x", "--start", "2025-06-01", "--deadline", "2025-01-01"],
            2,
            "is after deadline",
        ),
    ],
)
def test_add_refuses_bad_commitments(
    run: Run, sample: Path, args: list[str], code: int, message: str
) -> None:
    result = run("add", *args)
    assert result.exit_code == code
    assert message in result.stderr
    assert "new-one" not in ok(run("list", "-f", "csv"))


def test_user_text_is_never_markup(run: Run, sample: Path) -> None:
    ok(run("add", "odd", "--title", "a[/]b [bold]c[/bold]", "--owner", "[red]x"))
    out = ok(run("status", "--as-of", "2024-07-31"))
    assert "a[/]b [bold]c[/bold]" in out and "[red]x" in out


def test_show_lists_figures_in_date_order_with_the_source(run: Run, sample: Path) -> None:
    ok(run("record", "platforms", "5", "--on", "2025-06-30", "--as-of", "2025-07-01"))
    ok(run("record", "platforms", "1", "--delta", "--on", "2025-03-31", "--as-of", "2025-07-01"))
    shown = json.loads(ok(run("show", "platforms", "-f", "json", "--as-of", "2025-07-01")))
    assert [(f["on"], f["mode"], f["value"]) for f in shown["figures"]] == [
        ("2024-07-08", "total", 4),
        ("2025-03-31", "delta", 1),
        ("2025-06-30", "total", 5),
    ]
    assert shown["status"]["status"] == "met"
    table = ok(run("show", "platforms", "--as-of", "2025-07-01"))
    assert "中市监函〔2024〕168号 (zs-scjg-2024-168)" in table
    listing = table[table.index("Figures") :]
    assert listing.index("2024-07-08") < listing.index("2025-03-31") < listing.index("2025-06-30")


def test_unexpected_errors_end_as_one_line_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], sample: Path
) -> None:
    from pledgecli import actions, cli

    def broken(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(actions, "assessments", broken)
    monkeypatch.setattr("sys.argv", ["pledge", "status"])
    with pytest.raises(SystemExit) as exit_info:
        cli.main()
    assert exit_info.value.code == 70
    err = capsys.readouterr().err
    assert err.startswith("pledge: error: unexpected ZeroDivisionError: division by zero")
    assert "Traceback" not in err


def test_another_sqlite_file_is_refused_untouched(run: Run, tmp_path: Path) -> None:
    import sqlite3

    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE notes (text TEXT)")
    before = other.read_bytes()
    for args in (["init", "--sample"], ["status"]):
        result = run("--db", str(other), *args)
        assert result.exit_code == 3
        assert "is a SQLite database but not a pledge database" in result.stderr
    assert other.read_bytes() == before


def _many_commitments(tmp_path: Path, n: int) -> Path:
    path = tmp_path / "many.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "document_id", "title", "owner", "kind", "target", "unit", "deadline"])
        for i in range(n):
            w.writerow([f"m{i:03d}", "plan", f"第{i}项", "市局", "level", "10", "个",
                        f"2024-{1 + i % 12:02d}-28"])  # fmt: skip
    return path


def test_a_table_shows_the_most_urgent_rows_and_counts_the_rest(run: Run, tmp_path: Path) -> None:
    """A person reads a screen, not 100,000 lines: the table stops at the 50 most urgent,
    says how many there are, and --all shows every one; CSV and JSON always have all."""
    ok(run("init"))
    ok(run("load", str(_many_commitments(tmp_path, 60))))
    table = ok(run("status", "--as-of", "2025-06-30"))
    assert table.count("overdue") >= 50
    assert "m0" in table and "The 50 most urgent of 60 are shown; --all shows every one." in table
    shown = {line.split()[0] for line in table.splitlines() if line.strip().startswith("m0")}
    assert len(shown) == 50
    every = ok(run("status", "--as-of", "2025-06-30", "--all"))
    assert len({ln.split()[0] for ln in every.splitlines() if ln.strip().startswith("m0")}) == 60
    assert "--all shows" not in every
    overdue = ok(run("overdue", "--as-of", "2025-06-30"))
    assert "The 50 most urgent of 60 are shown" in overdue
    rows = list(csv.reader(io.StringIO(ok(run("status", "--as-of", "2025-06-30", "-f", "csv")))))
    assert len(rows) == 61
    zh = ok(run("--lang", "zh", "status", "--as-of", "2025-06-30"))
    assert "仅列出最紧急的50项（共60项）；加 --all 列出全部。" in zh


def test_after_a_write_the_table_is_a_summary(run: Run, tmp_path: Path) -> None:
    ok(run("init"))
    ok(run("load", str(_many_commitments(tmp_path, 60))))
    out = ok(run("record", "m001", "3", "--on", "2024-01-31", "--as-of", "2025-06-30"))
    assert (
        "The 20 longest overdue are shown; more are: pledge overdue --all lists every one." in out
    )
    listed = [
        ln.split()[0]
        for ln in out.split("Overdue as of")[1].splitlines()
        if ln.strip().startswith("m0")
    ]
    assert listed == sorted(listed, key=lambda i: (int(i[1:]) % 12, i))[:20]


def test_the_overdue_after_a_write_is_the_head_of_the_full_overdue_list(
    run: Run, tmp_path: Path, isolated: Path
) -> None:
    """The write reads only the longest overdue, by the deadline index: the same rows, in the
    same order, as the first ones of `overdue`, which assesses everything."""
    from pledgecli import actions
    from pledgecli.progress import overdue_list
    from pledgecli.store import Store

    ok(run("init"))
    ok(run("load", str(_many_commitments(tmp_path, 450))))
    for i in range(0, 450, 7):  # some met, so the overdue are not simply the first deadlines
        ok(run("record", f"m{i:03d}", "12", "--on", "2024-01-01", "--as-of", "2024-01-01"))
    with Store.open(isolated) as store:
        for day in ("2024-01-01", "2024-06-30", "2025-06-30"):
            t = date.fromisoformat(day)
            full = actions.overdue(store, t).rows
            after = actions.after_write(store, t, ["m001"])
            assert [a.id for a in after.overdue] == [a.id for a in full[:20]]
            assert after.more_overdue == (len(full) > 20)
            assert [a.id for a in after.rows] == ["m001"]
            for within in (None, 0, 30, 400, 10**9):  # the deadline filter changes nothing
                unfiltered = overdue_list(actions.assessments(store, t, soon_days=within or 30),
                                          t, within)  # fmt: skip
                assert actions.overdue(store, t, within).rows == unfiltered


def test_an_import_for_a_province_reports_in_a_screenful(run: Run, tmp_path: Path) -> None:
    """A dry run lists the first 20 commitments and counts the rest; warnings of one kind
    stop at 10 and count the rest, so 60 rows outside their period are 11 lines, not 60."""
    flows = tmp_path / "flows.csv"
    flows.write_text(
        "id,title,kind,target,start,deadline\n"
        + "".join(f"f{i:02d},第{i}项,flow,10,2024-01-01,2024-12-31\n" for i in range(60)),
        encoding="utf-8",
    )
    figures = tmp_path / "figures.csv"
    figures.write_text(
        "commitment,date,value\n" + "".join(f"f{i:02d},2025-03-31,5\n" for i in range(60)),
        encoding="utf-8",
    )
    ok(run("init"))
    ok(run("load", str(flows)))
    dry = run("import", str(figures), "--dry-run", "--as-of", "2025-03-31")
    assert dry.exit_code == 0, dry.output
    assert dry.stdout.count("\n f") == 20 and "… and 40 more commitments." in dry.stdout
    warned = [ln for ln in dry.stderr.splitlines() if ln.startswith("warning")]
    assert len(warned) == 11
    assert warned[-1] == (
        "warning: … and 50 more figures outside their commitment's period: they will not count."
    )


@pytest.mark.parametrize(
    ("argv", "named"),
    [
        (["status", "--as-of", "2025-01-01"], "status"),
        (["--db", "x.db", "--lang", "zh", "--ascii", "overdue"], "overdue"),
        (["--db=x.db", "list"], "list"),
        (["--db", "status"], None),  # the database is called status; no command follows
        (["--help", "status"], None),
        (["--version"], None),
        ([], None),
    ],
)
def test_the_command_is_found_before_typer_builds_it(argv: list[str], named: str | None) -> None:
    from pledgecli.cli.app import command_named, only_the_command

    assert command_named(argv) == named
    lean = only_the_command(argv)
    names = [c.name or getattr(c.callback, "__name__", None) for c in lean.registered_commands]
    assert names == [named] if named else len(names) == 15


def test_the_program_with_one_command_answers_as_the_whole(run: Run, sample: Path) -> None:
    """main() builds only the named command; what it prints is what the whole program does."""
    import subprocess
    import sys

    for args in (["status", "--as-of", "2025-06-30"], ["list", "--bogus"], ["statos"]):
        whole = run(*args)
        lean = subprocess.run(
            [sys.executable, "-m", "pledgecli", *args], capture_output=True, text=True
        )
        assert lean.returncode == whole.exit_code
        assert lean.stdout == whole.stdout


def test_the_log_at_80_columns_keeps_each_command_whole(run: Run, sample: Path) -> None:
    ok(run("record", "platforms", "4", "--on", "2024-09-30", "--as-of", "2024-09-30"))
    narrow = ok(run("log", env={"COLUMNS": "80"}))
    assert "record platforms" in narrow
    assert all(len(line) <= 80 for line in narrow.splitlines())
    assert "when" not in narrow.splitlines()[2]  # the time is under the command
    assert "when" in ok(run("log")).splitlines()[2]
