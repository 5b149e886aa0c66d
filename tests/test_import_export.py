"""The monthly loop: template, fill, import; export; log and undo. On real files."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import Run

ROWS_EN = "commitment,date,value,mode,source,note\n"


def ok(result: object) -> str:
    assert result.exit_code == 0, (result.stdout, result.stderr)  # type: ignore[attr-defined]
    return result.stdout  # type: ignore[attr-defined,no-any-return]


def figures(run: Run, *db: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(ok(run(*db, "export", "figures")))))


def write(path: Path, text: str, encoding: str) -> Path:
    path.write_bytes(text.encode(encoding))
    return path


CHINESE_FILE = (
    "指标,日期,数值,方式,来源,备注\n"
    'spot-checks-2024,2024年1-4月,"1,180批次",累计,市市场监管局,1—4月\n'
    "platforms,２０２４／７／３１,４,累计,市市场监管局,\n"
    "spot-checks-2024,2024年5月,300,新增,市市场监管局,\n"
)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_chinese_headers_in_every_encoding_excel_saves(
    run: Run, sample: Path, tmp_path: Path, encoding: str
) -> None:
    path = write(tmp_path / "四月.csv", CHINESE_FILE, encoding)
    result = run("import", str(path), "--as-of", "2024-05-31")
    out = ok(result)
    assert out.splitlines()[0].startswith("Imported 四月.csv (")
    assert "3 new, 0 revised, 0 unchanged" in out.splitlines()[0]
    rows = json.loads(ok(run("status", "--as-of", "2024-05-31", "-f", "json")))
    checks = next(r for r in rows if r["id"] == "spot-checks-2024")
    assert checks["value"] == 1480 and checks["last_reported_on"] == "2024-05-31"
    got = {(f["commitment"], f["date"], f["value"], f["mode"]) for f in figures(run)}
    assert {
        ("spot-checks-2024", "2024-04-30", "1180", "total"),
        ("platforms", "2024-07-31", "4", "total"),
        ("spot-checks-2024", "2024-05-31", "300", "delta"),
    } <= got


def test_excel_unicode_text_is_utf16_and_tab_separated(
    run: Run, sample: Path, tmp_path: Path
) -> None:
    path = write(
        tmp_path / "report.txt", "指标\t日期\t数值\r\nplatforms\t2024/8/31\t5\r\n", "utf-16"
    )
    assert "(utf-16): 1 new" in ok(run("import", str(path), "--format", "csv"))


def test_gbk_that_happens_to_be_valid_utf8_is_still_read_as_gbk(
    run: Run, sample: Path, tmp_path: Path
) -> None:
    # 平台 in GBK bytes is also valid UTF-8 ("ƽ̨"), and the rest of the file is ASCII.
    path = write(
        tmp_path / "tiny.csv", "commitment,date,value,note\nplatforms,2024-08-31,5,平台\n", "gbk"
    )
    assert "(gb18030): 1 new" in ok(run("import", str(path)))
    assert [f["note"] for f in figures(run) if f["date"] == "2024-08-31"] == ["平台"]


def test_the_detected_encoding_can_be_overridden(run: Run, sample: Path, tmp_path: Path) -> None:
    path = write(tmp_path / "gbk.csv", "指标,日期,数值,来源\nplatforms,2024-08-31,5,市局\n", "gbk")
    result = run("import", str(path), "--encoding", "utf-8")
    assert result.exit_code == 5
    assert "gbk.csv: line 1 is not valid utf-8 text; pass --encoding gb18030" in result.stderr
    assert "(gb18030): 1 new" in ok(run("import", str(path), "--encoding", "gb18030"))


def test_reimport_changes_nothing_and_writes_nothing(
    run: Run, sample: Path, tmp_path: Path
) -> None:
    path = write(tmp_path / "m.csv", CHINESE_FILE, "utf-8")
    ok(run("import", str(path), "--as-of", "2024-05-31"))
    log_before = ok(run("log", "-f", "json"))
    db_before = sample.read_bytes()
    again = ok(run("import", str(path), "--as-of", "2024-05-31"))
    assert (
        again.splitlines()[0]
        == "Imported m.csv (utf-8): 0 new, 0 revised, 3 unchanged. Nothing changed."
    )
    assert ok(run("log", "-f", "json")) == log_before
    assert sample.read_bytes() == db_before


def test_dry_run_shows_each_commitment_and_writes_nothing(
    run: Run, sample: Path, tmp_path: Path
) -> None:
    path = write(tmp_path / "m.csv", CHINESE_FILE, "utf-8")
    before = sample.read_bytes()
    out = ok(run("import", str(path), "--dry-run"))
    assert (
        out.splitlines()[0]
        == "Dry run of m.csv (utf-8): 3 new, 0 revised, 0 unchanged. Nothing was written."
    )
    assert [line.split()[:3] for line in out.splitlines()[5:7]] == [
        ["spot-checks-2024", "2", "0"],
        ["platforms", "1", "0"],
    ]
    assert sample.read_bytes() == before
    assert len(figures(run)) == 10


def test_conflicts_revise_skip_or_error(run: Run, sample: Path, tmp_path: Path) -> None:
    path = write(
        tmp_path / "r.csv",
        ROWS_EN + "platforms,2024-07-08,5,total,中市监函〔2024〕168号,\n",
        "utf-8",
    )
    result = run("import", str(path), "--on-conflict", "error")
    assert result.exit_code == 5
    assert (
        "line 2: platforms on 2024-07-08 (total, 中市监函〔2024〕168号) is already recorded as 4 个, "
        "the file says 5 个"
    ) in result.stderr
    assert "0 new, 0 revised, 0 unchanged, 1 skipped" in ok(
        run("import", str(path), "--on-conflict", "skip")
    )
    assert "0 new, 1 revised, 0 unchanged" in ok(run("import", str(path)))
    shown = json.loads(ok(run("show", "platforms", "-f", "json")))
    assert shown["figures"][0]["value"] == 5
    assert [e["value"] for e in shown["figures"][0]["earlier"]] == [4]


def test_every_bad_row_is_named_and_nothing_is_written(
    run: Run, sample: Path, tmp_path: Path
) -> None:
    text = (
        ROWS_EN
        + "platfroms,2024-08-31,5,total,,\n"  # line 2: unknown id
        + "platforms,2024-02-30,5,total,,\n"  # line 3: impossible date
        + "platforms,2024-08-31,五个,total,,\n"  # line 4: not a number
        + "platforms,2024-08-31,5,monthly,,\n"  # line 5: unknown mode
        + "cert-checks-2024,2024-08-31,2,total,,\n"  # line 6: milestone value
        + "stations,2024-08-31,11,total,,\n"  # line 7: fine
        + "stations,2024-08-31,12,total,,\n"  # line 8: same key, other value
        + "platforms,2024-08-31,5批次,total,,\n"  # line 9: wrong unit
        + '"multi\nline",2024-08-31,1,total,,\n'  # lines 10-11: unknown id across two lines
        + "stations,,3,total,,\n"  # line 12: no date
    )
    path = write(tmp_path / "bad.csv", text, "utf-8")
    before = sample.read_bytes()
    result = run("import", str(path))
    assert result.exit_code == 5
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "pledge: error: bad.csv: 9 bad rows, nothing was imported",
        "  line 2, column commitment: unknown commitment 'platfroms'; did you mean platforms?",
        "  line 3, column date: '2024-02-30' is not a calendar date",
        "  line 4, column value: '五个' is not a number, optionally followed by '个'",
        "  line 5, column mode: 'monthly' is not one of total, delta",
        "  line 6: cert-checks-2024 is a milestone: record 1 when it is done (or 0 to take that back)",
        "  line 8: stations on 2024-08-31 (total) is given twice in this file: 11 个 earlier, 12 个 here",
        "  line 9, column value: '5批次' is not a number, optionally followed by '个'",
        "  line 10, column commitment: unknown commitment 'multi\\nline'",
        "  line 12, column date: missing",
    ]
    assert sample.read_bytes() == before


def test_a_file_without_the_needed_columns(run: Run, sample: Path, tmp_path: Path) -> None:
    path = write(tmp_path / "x.csv", "名称,数量\n平台,5\n", "utf-8")
    result = run("import", str(path))
    assert result.exit_code == 5
    assert (
        "x.csv: no column for commitment (指标), on (日期), value (数值) in the header line"
        in result.stderr
    )


def test_extra_columns_are_ignored_with_a_warning(run: Run, sample: Path, tmp_path: Path) -> None:
    path = write(
        tmp_path / "x.csv",
        "commitment,date,value,负责人,title\nplatforms,2024-08-31,5,张三,平台\n",
        "utf-8",
    )
    result = run("import", str(path))
    assert result.exit_code == 0
    assert "warning: ignored column: 负责人" in result.stderr


def test_stdin_and_json_and_json_lines(run: Run, sample: Path) -> None:
    csv_text = "commitment,date,value\nplatforms,2024-08-31,5\n"
    assert "Imported stdin (utf-8): 1 new" in ok(run("import", "-", input=csv_text))
    array = json.dumps(
        [{"commitment": "stations", "date": "2024-08-31", "value": 24, "来源": "局"}]
    )
    assert "1 new" in ok(run("import", "-", "--format", "json", input=array))
    lines = '{"指标": "stations", "日期": "2024年9月", "数值": "25"}\n\n{"commitment": "stations", "date": "2024-10-31", "value": 26}\n'
    assert "2 new" in ok(run("import", "-", "-f", "json", input=lines))
    result = run("import", "-", "-f", "json", input='{"commitment": "stations"\n')
    assert (
        result.exit_code == 5
        and "stdin: line 1: not valid JSON: Expecting ',' delimiter (column 26)" in result.stderr
    )


def test_template_fill_import_round_trip(run: Run, sample: Path, tmp_path: Path) -> None:
    out = tmp_path / "2024-08.csv"
    result = run("template", "--as-of", "2024-08-20", "-o", str(out), "--excel", "--headers", "zh")
    assert result.exit_code == 0
    assert "Wrote a template of 7 commitments to fill, dated 2024-08-31" in result.stderr
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert list(rows[0]) == [
        "指标",
        "名称",
        "单位",
        "类型",
        "目标",
        "截止日期",
        "上次数值",
        "上次日期",
        "日期",
        "数值",
        "方式",
        "来源",
        "备注",
    ]
    assert {r["指标"] for r in rows} >= {"platforms", "spot-checks-2024", "cert-checks-2024"}
    assert "stations" not in {r["指标"] for r in rows}  # met: nothing to report
    assert all(r["日期"] == "2024-08-31" and r["数值"] == "" for r in rows)
    filled = {"spot-checks-2024": "2,300", "platforms": "4", "cert-checks-2024": "1"}
    for r in rows:
        r["数值"] = filled.get(r["指标"], "")
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    out.write_bytes(buffer.getvalue().encode("gbk"))  # as Excel on Chinese Windows saves CSV
    imported = ok(run("import", str(out), "--as-of", "2024-08-31"))
    assert imported.splitlines()[0] == (
        "Imported 2024-08.csv (gb18030): 3 new, 0 revised, 0 unchanged; 4 rows left empty"
    )
    status = {
        r["id"]: r for r in json.loads(ok(run("status", "--as-of", "2024-08-31", "-f", "json")))
    }
    assert status["spot-checks-2024"]["value"] == 2300
    assert status["cert-checks-2024"]["status"] == "met"


def test_template_leaves_out_what_is_met_and_indicators_unless_asked(
    run: Run, sample: Path
) -> None:
    ids = [
        r["commitment"]
        for r in csv.DictReader(io.StringIO(ok(run("template", "--as-of", "2024-07-31"))))
    ]
    assert "stations" not in ids and "training-persons" not in ids
    with_indicators = ok(run("template", "--as-of", "2024-07-31", "--indicators"))
    assert "training-persons" in with_indicators


def test_export_commitments_then_load_into_a_fresh_database(
    run: Run, sample: Path, tmp_path: Path
) -> None:
    fresh = str(tmp_path / "fresh.db")
    for fmt in ("csv", "json"):
        path = tmp_path / f"commitments.{fmt}"
        ok(run("export", "commitments", "-f", fmt, "-o", str(path)))
        db = ["--db", f"{fresh}.{fmt}"]
        ok(run(*db, "init"))
        result = run(*db, "load", str(path))
        assert "documents: 1 new · commitments: 14 new" in ok(result)
        assert "created document(s) zs-scjg-2024-168 with only an id" in result.stderr
        assert ok(run(*db, "export", "commitments")) == ok(run("export", "commitments"))
        assert "Nothing changed" in ok(run(*db, "load", str(path)))


def test_export_to_a_file_and_excel_flavour(run: Run, sample: Path, tmp_path: Path) -> None:
    target = tmp_path / "status.csv"
    result = run("export", "status", "--as-of", "2024-07-31", "-o", str(target), "--excel")
    assert result.exit_code == 0 and result.stdout == ""
    assert "Exported 14 rows of status to" in result.stderr
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and data.count(b"\r\n") == 15
    assert list(tmp_path.glob(".status.csv.*")) == []
    result = run("export", "figures", "-f", "json", "--excel")
    assert result.exit_code == 2 and "--excel is for CSV" in result.stderr


def test_overdue_fail_is_for_cron(run: Run, sample: Path) -> None:
    assert run("overdue", "--as-of", "2024-07-31", "--fail").exit_code == 0
    result = run("overdue", "--as-of", "2026-11-26", "--fail", "-f", "csv")
    assert result.exit_code == 1
    assert result.stdout.startswith("id,document_id,")


def test_log_and_undo(run: Run, sample: Path) -> None:
    ok(run("record", "platforms", "5", "--on", "2025-01-31"))
    ok(run("record", "platforms", "6", "--on", "2025-01-31"))
    log = json.loads(ok(run("log", "-f", "json")))
    assert [b["command"] for b in log] == ["record platforms", "record platforms", "init --sample"]
    declined = run("undo", input="n\n")
    assert declined.exit_code == 0
    assert "restore platforms 2025-01-31 total: 6 back to 5" in declined.stdout
    assert "Nothing was undone." in declined.stdout
    assert "Undid batch 3: 1 row restored." in ok(run("undo", input="y\n"))
    assert [f["value"] for f in figures(run) if f["date"] == "2025-01-31"] == ["5"]
    assert "remove platforms 2025-01-31 total = 5" in ok(run("undo", "--yes"))
    assert [f for f in figures(run) if f["date"] == "2025-01-31"] == []
    log = json.loads(ok(run("log", "-f", "json", "-n", "2")))
    assert [(b["command"], b["reverts"]) for b in log] == [("undo 2", 2), ("undo 3", 3)]
    table = ok(run("log"))
    assert "reverts batch 2" in table and "undone" in table


def test_undo_without_an_answer_aborts(run: Run, sample: Path) -> None:
    ok(run("record", "platforms", "5", "--on", "2025-01-31"))
    result = run("undo")
    assert result.exit_code == 1
    assert len(figures(run)) == 11


# -- properties ---------------------------------------------------------------------

texts = st.text(
    alphabet=st.sampled_from(list("质量平台,\"'\n\r=+-@ ab市局;\t")), max_size=12
).filter(lambda t: t == t.strip() and "\r" not in t)
values = st.one_of(
    st.integers(min_value=-(10**9), max_value=10**9).map(float),
    st.floats(min_value=-1e9, max_value=1e9, allow_nan=False).map(lambda x: round(x, 4)),
)
figure_rows = st.lists(
    st.tuples(
        st.sampled_from(["platforms", "stations", "spot-checks-2024"]),
        st.dates(
            min_value=__import__("datetime").date(2024, 1, 1),
            max_value=__import__("datetime").date(2024, 12, 31),
        ),
        values,
        st.sampled_from(["total", "delta"]),
        texts,
        texts,
    ),
    max_size=8,
    unique_by=lambda r: (r[0], r[1], r[3], r[4]),
)


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=figure_rows, fmt=st.sampled_from(["csv", "json", "excel"]))
def test_exported_figures_import_into_a_fresh_database_exactly(
    run: Run, tmp_path_factory: pytest.TempPathFactory, rows: list[tuple], fmt: str
) -> None:
    folder = tmp_path_factory.mktemp("trip")
    first, second = ["--db", str(folder / "a.db")], ["--db", str(folder / "b.db")]
    for db in (first, second):
        ok(run(*db, "init"))
        ok(run(*db, "load", str(Path(__file__).parent / "data" / "three.toml")))
    for cid, day, value, mode, source, note in rows:
        args = [
            "record",
            cid,
            repr(value),
            "--on",
            day.isoformat(),
            "--source",
            source,
            "--note",
            note,
        ]
        ok(run(*first, *args, *(["--delta"] if mode == "delta" else [])))
    path = folder / f"figures.{'json' if fmt == 'json' else 'csv'}"
    flavour = ["--excel"] if fmt == "excel" else ["-f", fmt]
    ok(run(*first, "export", "figures", *flavour, "-o", str(path)))
    ok(run(*second, "import", str(path)))
    assert figures(run, *second) == figures(run, *first)
    assert ok(run(*second, "export", "figures", "-f", "json")) == ok(
        run(*first, "export", "figures", "-f", "json")
    )


def _content(db: Path) -> dict[str, list[tuple[object, ...]]]:
    import sqlite3

    with sqlite3.connect(db) as conn:
        return {
            t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall())
            for t in ("documents", "commitments", "figures")
        }


operations = st.lists(
    st.one_of(
        st.tuples(
            st.just("record"),
            st.sampled_from(["platforms", "stations", "spot-checks-2024"]),
            st.sampled_from(["2024-07-08", "2024-08-31", "2024-09-30"]),
            st.integers(min_value=-5, max_value=30),
            st.sampled_from(["", "中市监函〔2024〕168号", "市局"]),
        ),
        st.tuples(
            st.just("import"),
            st.sampled_from(["platforms", "stations"]),
            st.sampled_from(["2024-07-08", "2024-08-31"]),
            st.integers(min_value=0, max_value=30),
            st.sampled_from(["", "中市监函〔2024〕168号"]),
        ),
    ),
    min_size=1,
    max_size=6,
)


@settings(max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=operations)
def test_as_many_undos_as_writes_restore_the_start(
    run: Run, tmp_path_factory: pytest.TempPathFactory, ops: list[tuple[str, str, str, int, str]]
) -> None:
    db = tmp_path_factory.mktemp("undo") / "p.db"
    base = ["--db", str(db)]
    ok(run(*base, "init", "--sample"))
    start = _content(db)
    batches = len(json.loads(ok(run(*base, "log", "-f", "json", "-n", "1000"))))
    for op, cid, day, value, source in ops:
        if op == "record":
            ok(run(*base, "record", cid, str(value), "--on", day, "--source", source))
        else:
            text = f"commitment,date,value,source\n{cid},{day},{value},{source}\nstations,2024-10-31,{value + 1},\n"
            ok(run(*base, "import", "-", input=text))
    written = len(json.loads(ok(run(*base, "log", "-f", "json", "-n", "1000")))) - batches
    for _ in range(written):
        ok(run(*base, "undo", "--yes"))
    assert _content(db) == start
