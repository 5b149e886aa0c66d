"""What an attack on pledge found, each as the reproducer that failed before its fix.

Every command here must end with one line on stderr and a non-zero exit code (never
70, never a traceback), and a failed command must leave the database as it was.
"""

from __future__ import annotations

import errno
import json
import os
import sqlite3
import stat
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import typer
from hypothesis import given
from hypothesis import strategies as st

from conftest import Run
from pledgecli import actions
from pledgecli.cli import main
from pledgecli.errors import DiskError
from pledgecli.store import StaleUndoError, Store
from pledgecli.tabular import SNIFF_BYTES, detect_encoding


def strict_json(text: str) -> Any:
    """JSON as any other parser reads it: NaN and Infinity are not JSON."""

    def refuse(word: str) -> Any:
        raise AssertionError(f"{word} in JSON output")

    return json.loads(text, parse_constant=refuse)


def one_line_error(result: Any, code: int) -> str:
    assert result.exit_code == code, (result.stdout, result.stderr)
    assert result.stderr.startswith("pledge: error: ")
    assert "Traceback" not in result.stderr
    return str(result.stderr)


@pytest.fixture
def flow(run: Run, isolated: Path) -> Path:
    assert run("init").exit_code == 0
    assert run("add", "fl", "--title", "流量", "--kind", "flow", "--target", "10").exit_code == 0
    return isolated


def _poke(db: Path, sql: str, *params: Any) -> None:
    """Write past pledge, as a hand edit or an older version could."""
    with sqlite3.connect(db) as conn:
        conn.execute(sql, params)
    conn.close()


# -- 1. a figure too large to sum ------------------------------------------------------


def test_a_value_too_large_to_sum_is_refused_by_record(run: Run, flow: Path) -> None:
    before = flow.read_bytes()
    result = run("record", "fl", "1e308", "--delta", "--on", "2026-01-01")
    assert "VALUE: '1e308' is too large" in one_line_error(result, 2)
    assert flow.read_bytes() == before


def test_a_csv_of_values_too_large_to_sum_writes_nothing(
    run: Run, flow: Path, tmp_path: Path
) -> None:
    csv_file = tmp_path / "big.csv"
    csv_file.write_text(
        "commitment,date,value,mode\nfl,2026-01-01,1e308,delta\nfl,2026-01-02,1e308,delta\n"
    )
    before = flow.read_bytes()
    for args in (["--dry-run"], []):
        stderr = one_line_error(run("import", str(csv_file), *args), 5)
        assert "line 2, column value: '1e308' is too large" in stderr
        assert "line 3, column value: '1e308' is too large" in stderr
    assert flow.read_bytes() == before


def test_a_stored_value_that_cannot_be_summed_is_an_error_row_not_a_crash(
    run: Run, flow: Path
) -> None:
    assert run("record", "fl", "1", "--on", "2026-01-01", "--delta").exit_code == 0
    _poke(flow, "UPDATE figures SET value = 1e308")
    _poke(
        flow,
        'INSERT INTO figures (commitment_id, "on", value, mode, entered_at, batch_id) '
        "VALUES ('fl', '2026-01-02', 1e308, 'delta', '2026-01-02', 1)",
    )
    rows = strict_json(run("status", "-f", "json", "--as-of", "2026-02-01").stdout)
    assert [(r["id"], r["status"], r["value"]) for r in rows] == [("fl", "error", None)]
    table = run("status", "--as-of", "2026-02-01")
    assert table.exit_code == 0 and "cannot compute" in table.stdout
    assert (
        "fl: the figure of 2026-01-01 (1e+308) is beyond the numbers pledge keeps" in table.stderr
    )
    for args in (["overdue"], ["template"], ["export", "status"], ["show", "fl"]):
        assert run(*args, "--as-of", "2026-02-01").exit_code == 0, args


# -- 2. NaN and infinity in output -----------------------------------------------------


def test_a_target_and_baseline_at_the_edge_of_floats_are_refused(run: Run, flow: Path) -> None:
    result = run("add", "big", "--title", "大", "--target", "1e308", "--baseline", "-1e308")
    stderr = one_line_error(result, 2)
    assert "target: '1e308' is too large" in stderr and "baseline: '-1e308' is too large" in stderr


def test_json_output_stays_json_when_a_stored_row_overflows(run: Run, flow: Path) -> None:
    run("add", "big", "--title", "大", "--target", "5", "--baseline", "-5")
    run("record", "big", "0", "--on", "2026-01-01")
    _poke(flow, "UPDATE commitments SET target = 1e308, baseline = -1e308 WHERE id = 'big'")
    result = run("status", "-f", "json", "--as-of", "2026-01-02")
    rows = {r["id"]: r for r in strict_json(result.stdout)}
    assert rows["big"]["status"] == "error" and rows["big"]["progress"] is None
    assert run("status", "--as-of", "2026-01-02").exit_code == 0  # the wide table too


def test_a_400_digit_number_in_a_letter_is_not_a_quantity(run: Run, tmp_path: Path) -> None:
    letter = tmp_path / "l.txt"
    letter.write_text(
        "到2025年建成" + "1" * 400 + "个平台，建成不少于5个服务站。\n", encoding="utf-8"
    )
    out = run("extract", str(letter), "-f", "json", "--issued-on", "2024-01-01")
    document = strict_json(out.stdout)
    assert [p["value"] for p in document["commitments"]] == [5]
    toml = run("extract", str(letter), "-f", "toml", "--issued-on", "2024-01-01").stdout
    assert "inf" not in toml


# -- 3, 5 and 6. where -o may write ----------------------------------------------------


@pytest.mark.parametrize("suffix", ["", "-wal", "-shm"])
def test_export_refuses_to_overwrite_the_database(run: Run, sample: Path, suffix: str) -> None:
    target = Path(str(sample) + suffix)
    target.touch()
    before = sample.read_bytes()
    result = run("export", "status", "-o", str(target))
    assert "is the database pledge is using" in one_line_error(result, 2)
    assert sample.read_bytes() == before


def test_export_refuses_the_database_through_another_spelling(
    run: Run, sample: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    link = tmp_path / "link.db"
    link.symlink_to(sample)
    for spelling in ("./pledge.db", "link.db", "../" + tmp_path.name + "/pledge.db"):
        result = run("export", "figures", "-o", spelling)
        assert "is the database" in one_line_error(result, 2), spelling


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (["export", "status"], "is a folder"),
        (["template"], "is a folder"),
    ],
)
def test_a_folder_is_not_an_output_file(
    run: Run, sample: Path, tmp_path: Path, args: list[str], reason: str
) -> None:
    stderr = one_line_error(run(*args, "-o", str(tmp_path)), 2)
    assert reason in stderr


def test_new_output_files_follow_the_umask_and_replaced_ones_keep_their_mode(
    run: Run, sample: Path, tmp_path: Path
) -> None:
    old = os.umask(0o022)
    try:
        fresh = tmp_path / "fresh.csv"
        assert run("export", "status", "-o", str(fresh)).exit_code == 0
        assert stat.S_IMODE(fresh.stat().st_mode) == 0o644
        shared = tmp_path / "shared.csv"
        shared.write_text("old")
        shared.chmod(0o664)
        assert run("export", "figures", "-o", str(shared)).exit_code == 0
        assert stat.S_IMODE(shared.stat().st_mode) == 0o664
        assert shared.read_text().startswith("commitment,date")
    finally:
        os.umask(old)


@pytest.mark.parametrize("command", [["export", "status"], ["template"], ["extract", "LETTER"]])
@pytest.mark.parametrize(
    ("where", "code", "reason"),
    [
        ("missing/out.csv", 2, "does not exist"),
        ("/dev/stdout", 2, "is not a regular file"),
        ("x" * 300 + ".csv", 2, "at most 255 bytes"),
    ],
)
def test_bad_output_paths_are_one_line_and_exit_2(
    run: Run,
    sample: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: list[str],
    where: str,
    code: int,
    reason: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    letter = tmp_path / "letter.txt"
    letter.write_text("建成不少于5个平台。\n", encoding="utf-8")
    args = [str(letter) if a == "LETTER" else a for a in command]
    assert reason in one_line_error(run(*args, "-o", where), code)


@pytest.mark.parametrize(
    ("failure", "code", "reason"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), 3, "the disk is full or failing"),
        (PermissionError(errno.EACCES, "Permission denied"), 2, "cannot be written"),
    ],
)
def test_output_that_cannot_be_written_is_one_line(
    run: Run,
    sample: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    failure: OSError,
    code: int,
    reason: str,
) -> None:
    def fail(*args: Any, **kwargs: Any) -> None:
        raise failure

    monkeypatch.setattr(os, "replace", fail)
    for args in (["export", "figures"], ["template"]):
        out = tmp_path / "out.csv"
        assert reason in one_line_error(run(*args, "-o", str(out)), code)
        assert not out.exists()
        assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".pledge-")] == []


# -- 4. undo re-checks what it previewed -----------------------------------------------


def test_undo_refuses_when_another_batch_landed_after_its_preview(
    run: Run, sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("record", "stations", "24", "--on", "2024-08-31").exit_code == 0

    def another_script_records_then_yes(*args: Any, **kwargs: Any) -> bool:
        assert run("record", "platforms", "5", "--on", "2024-09-30").exit_code == 0
        return True

    monkeypatch.setattr(typer, "confirm", another_script_records_then_yes)
    result = run("undo")
    assert "batch 2 is no longer the last change: another command wrote batch 3" in one_line_error(
        result, 3
    )
    log = strict_json(run("log", "-f", "json").stdout)
    assert [(b["command"], b["undone_at"]) for b in log] == [
        ("record platforms", None), ("record stations", None), ("init --sample", None),
    ]  # fmt: skip
    rows = strict_json(run("status", "-f", "json", "--as-of", "2024-09-30").stdout)
    values = {r["id"]: r["value"] for r in rows}
    assert (values["platforms"], values["stations"]) == (5, 24)


def test_undo_of_a_plan_that_is_no_longer_last_writes_nothing(sample: Path) -> None:
    with Store.open(sample) as store:
        plan = actions.undo_plan(store)
        assert plan is not None
        day = date(2024, 8, 31)
        actions.record(store, "stations", "30", day, False, "", "", day, day)
        with pytest.raises(StaleUndoError):
            actions.undo(store, plan)
        assert [b.command for b in store.batches(2)] == ["record stations", "init --sample"]


# -- 7. other crashes ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("deep.json", "[" * 100_000, "nested too deeply"),
        ("deep.jsonl", '{"a": ' + "[" * 100_000 + "\n", "nested too deeply"),
        ("big.json", '[{"commitment": "stations", "date": "2024-08-31", "value": 1' + "0" * 400 + "}]", "is too large"),
        ("surrogate.json", '[{"commitment": "stations", "date": "2024-08-31", "value": 5, "note": "\\ud800"}]', "is not valid text"),
        ("nan.json", '[{"commitment": "stations", "date": "2024-08-31", "value": NaN}]', "NaN is not a number JSON allows"),
    ],
)  # fmt: skip
def test_json_that_python_cannot_take_is_one_line(
    run: Run, sample: Path, tmp_path: Path, name: str, content: str, reason: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    before = sample.read_bytes()
    assert reason in one_line_error(run("import", str(path)), 5)
    assert sample.read_bytes() == before


def test_a_gbk_byte_deep_in_json_lines_names_its_line(
    run: Run, sample: Path, tmp_path: Path
) -> None:
    good = '{"commitment": "stations", "date": "2024-08-31", "value": 24, "note": "好"}\n'
    lines = good * 2000  # well past the 64 KiB that detection reads
    path = tmp_path / "late.jsonl"
    path.write_bytes(lines.encode("utf-8") + '{"note": "中文"}\n'.encode("gbk"))
    stderr = one_line_error(run("import", str(path)), 5)
    assert "late.jsonl: line 2001 is not valid utf-8 text" in stderr


def test_an_odd_final_byte_in_utf16_is_one_line(run: Run, sample: Path, tmp_path: Path) -> None:
    path = tmp_path / "excel.txt"
    text = "commitment\tdate\tvalue\nstations\t2024-08-31\t24\n"
    path.write_bytes(text.encode("utf-16") + b"\x00")
    assert "line 3 is not valid utf-16 text" in one_line_error(run("import", str(path)), 5)


def test_a_csv_header_longer_than_the_field_limit_is_one_line(
    run: Run, sample: Path, tmp_path: Path
) -> None:
    path = tmp_path / "wide.csv"
    path.write_text('"' + "x" * 200_000 + '"\n1\n')
    assert "line 1 (the header): field larger than field limit" in one_line_error(
        run("import", str(path)), 5
    )


def test_huge_integers_in_toml_are_refused_with_their_line(
    run: Run, sample: Path, tmp_path: Path
) -> None:
    path = tmp_path / "big.toml"
    path.write_text('[[commitments]]\nid = "x"\ntitle = "大"\ntarget = 1' + "0" * 400 + "\n")
    assert (
        "big.toml: line 4: commitments[0] (x): target: '100000000000000000000000000000000000000…' is too large"
        in one_line_error(run("load", str(path)), 5)
    )


def test_log_takes_any_count(run: Run, sample: Path) -> None:
    result = run("log", "-n", "999999999999999999999", "-f", "json")
    assert [b["command"] for b in strict_json(result.stdout)] == ["init --sample"]


@pytest.mark.parametrize(
    ("text", "issued_on"),
    [("明年完成不少于5个平台建设。", "9999-12-31"), ("6月份完成不少于5个平台建设。", "0001-01-01"),
     ("2024年13-14月建成不少于5个平台，0000年至0001年建成6个站。", "2024-01-01")],
)  # fmt: skip
def test_extract_with_days_out_of_the_calendar(
    run: Run, tmp_path: Path, text: str, issued_on: str
) -> None:
    letter = tmp_path / "l.txt"
    letter.write_text(text, encoding="utf-8")
    result = run("extract", str(letter), "--issued-on", issued_on, "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert strict_json(result.stdout)["document"]["issued_on"] == issued_on


def test_an_argument_saved_in_gbk_is_read_as_chinese(tmp_path: Path) -> None:
    """A script saved by Notepad in GBK passes its Chinese as GBK bytes."""
    env = {**os.environ, "PLEDGE_DB": str(tmp_path / "p.db")}
    pledge = [sys.executable, "-m", "pledgecli"]
    subprocess.run([*pledge, "init", "--sample"], env=env, check=True, capture_output=True)
    done = subprocess.run(
        [*pledge, "record", "stations", "24", "--on", "2024-08-31", b"--source=" + "市局".encode("gbk")],  # type: ignore[list-item]
        env=env,
        capture_output=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr.decode()
    shown = subprocess.run(
        [*pledge, "show", "stations", "-f", "json"], env=env, capture_output=True
    )
    figures = json.loads(shown.stdout)["figures"]
    assert [f["source"] for f in figures if f["on"] == "2024-08-31"] == ["市局"]
    latin = subprocess.run(
        [*pledge, "record", "stations", "25", b"--note=\xff\xfe"],  # type: ignore[list-item]
        env=env,
        capture_output=True,
    )
    assert latin.returncode == 2
    assert latin.stderr.decode().startswith("pledge: error: argument 4")


# -- 8. encoding detection ---------------------------------------------------------------


@given(st.text(alphabet="中文字符质量平台市场监管局", min_size=1, max_size=40), st.integers(0, 3))
def test_utf8_chinese_cut_anywhere_at_the_end_of_a_partial_sample_is_utf8(
    text: str, extra: int
) -> None:
    data = ("a" * extra + text).encode("utf-8")
    for cut in range(1, len(data) + 1):
        assert detect_encoding(data[:cut], whole=False) == "utf-8-sig"
    assert detect_encoding(data, whole=True) == "utf-8-sig"


@pytest.mark.parametrize("offset", [0, 1, 2])
def test_a_utf8_csv_is_read_as_utf8_wherever_the_sample_ends(
    run: Run, sample: Path, tmp_path: Path, offset: int
) -> None:
    """The sample used to end at 4,096 bytes; a character cut there sent the file to GB18030."""
    head = "commitment,date,value,note\n"
    filler = "stations,2024-08-31,24,x\n"
    count = (SNIFF_BYTES + 5000) // len(filler)
    body = filler * count
    pad = "y" * offset
    note = pad + "中中中" * 2000
    path = tmp_path / "u.csv"
    path.write_text(head + body + f"platforms,2024-08-31,5,{note}\n", encoding="utf-8")
    assert "Imported u.csv (utf-8)" in run("import", str(path)).stdout
    shown = strict_json(run("show", "platforms", "-f", "json").stdout)
    assert shown["figures"][-1]["note"] == note


# -- 9. wrong or silent errors -------------------------------------------------------------


def test_a_datetime_in_a_date_field_names_the_field_and_line(
    run: Run, sample: Path, tmp_path: Path
) -> None:
    path = tmp_path / "t.toml"
    path.write_text('[[commitments]]\nid = "x"\ntitle = "甲"\ndeadline = 2025-01-01T00:00:00Z\n')
    assert (
        "t.toml: line 4: commitments[0] (x): deadline: 2025-01-01T00:00:00+00:00 is a date and "
        "time; give the day alone: 2025-01-01"
    ) in one_line_error(run("load", str(path)), 5)


def test_a_misspelt_key_is_named_with_the_closest_known_one(
    run: Run, sample: Path, tmp_path: Path
) -> None:
    path = tmp_path / "t.toml"
    path.write_text(
        '[[documents]]\nid = "d"\nissuer = "局"\nisued_on = 2024-01-01\n\n'
        '[[commitments]]\nid = "x"\ndocument = "d"\ntitle = "甲"\ndeadine = 2025-12-31\n'
        "[[commitments.figures]]\non = 2024-01-01\nvalu = 3\n"
    )
    stderr = one_line_error(run("load", str(path)), 5)
    assert (
        "t.toml: line 4: documents[0]: isued_on: unknown key; did you mean 'issued_on'?" in stderr
    )
    assert (
        "t.toml: line 10: commitments[0] (x): deadine: unknown key; did you mean 'deadline'?"
        in stderr
    )
    assert (
        "line 13: commitments[0] (x): figures[0]: valu: unknown key; did you mean 'value'?"
        in stderr
    )


def test_a_decoding_error_names_its_true_line(run: Run, sample: Path, tmp_path: Path) -> None:
    lines = ["commitment,date,value,note"] + ["stations,2024-08-31,24,好"] * 3000  # past the sample
    path = tmp_path / "mixed.csv"
    path.write_bytes(
        ("\n".join(lines) + "\n").encode("utf-8") + "platforms,2024-08-31,5,中文\n".encode("gbk")
    )
    assert "mixed.csv: line 3002 is not valid utf-8 text" in one_line_error(
        run("import", str(path)), 5
    )


def test_extract_checks_the_document_id_as_load_does(run: Run, tmp_path: Path) -> None:
    letter = tmp_path / "l.txt"
    letter.write_text("建成不少于5个平台。", encoding="utf-8")
    result = run("extract", str(letter), "--doc-id", "bad id")
    assert "--doc-id: 'bad id' is not an id" in one_line_error(result, 2)


def test_a_full_disk_says_so(sample: Path) -> None:
    with Store.open(sample) as store:
        pages = store.db.execute("PRAGMA page_count").fetchone()[0]
        store.db.execute(f"PRAGMA max_page_count = {pages}")
        with pytest.raises(DiskError, match="the disk is full or failing"):
            with store.batch("fill") as batch:
                for i in range(2000):
                    batch._journal("figures", str(i), "insert", {"x": "好" * 200})
                raise AssertionError("the disk never filled")


def _main(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as stop:
        main(args)
    out, err = capsys.readouterr()
    return int(stop.value.code or 0), out, err


def test_a_global_option_after_the_command_says_where_it_goes(
    sample: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _main(["status", "--db", "x.db"], capsys)
    assert (code, out) == (2, "")
    assert err == "pledge: error: --db goes before the command: pledge --db … status …\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["status", "--as-of", "someday"], "Invalid value for '--as-of'"),
        (["statu"], "No such command 'statu'"),
        (["record", "stations"], "Missing argument 'value'"),
        (["status", "--bogus"], "No such option: --bogus"),
    ],
)
def test_option_errors_are_one_line(
    sample: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, out, err = _main(args, capsys)
    assert (code, out) == (2, "")
    assert err.startswith("pledge: error: ") and message in err
    assert err.count("\n") == 1


# -- the house: one vocabulary ---------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "comparator"), [("控制在", "<="), ("以上", ">="), ("不多于", "<="), ("≥", ">=")]
)
def test_add_takes_every_comparator_word_that_extract_reads(
    run: Run, sample: Path, word: str, comparator: str
) -> None:
    from pledgecli.extract.cues import comparator_near

    assert run("add", "c", "--title", "甲", "--comparator", word, "--target", "3").exit_code == 0
    rows = strict_json(run("list", "-f", "json").stdout)
    assert [r["comparator"] for r in rows if r["id"] == "c"] == [comparator]
    if word not in ("≥", "以上"):
        assert comparator_near(word, "") == comparator


# -- found by the fuzz test --------------------------------------------------------------


def test_a_toml_integer_of_more_digits_than_python_converts(
    run: Run, sample: Path, tmp_path: Path
) -> None:
    path = tmp_path / "big.toml"
    path.write_text('[[commitments]]\nid = "a"\ntitle = "t"\ntarget = 1' + "0" * 4301 + "\n")
    assert "big.toml: not valid TOML: Exceeds the limit" in one_line_error(
        run("load", str(path)), 5
    )


def test_an_undo_answer_that_is_not_text_is_not_a_yes(tmp_path: Path) -> None:
    env = {**os.environ, "PLEDGE_DB": str(tmp_path / "p.db"), "PYTHONIOENCODING": "utf-8:strict"}
    pledge = [sys.executable, "-m", "pledgecli"]
    subprocess.run([*pledge, "init", "--sample"], env=env, check=True, capture_output=True)
    done = subprocess.run([*pledge, "undo"], env=env, input=b"\xff\n", capture_output=True)
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout.decode().endswith("Nothing was undone.\n")


@pytest.mark.parametrize("command", [["status"], ["init"]])
def test_a_database_name_too_long_for_the_disk_is_one_line(
    run: Run, tmp_path: Path, command: list[str]
) -> None:
    db = tmp_path / ("x" * 300 + ".db")
    assert "cannot be used: File name too long" in one_line_error(run("--db", str(db), *command), 3)


@pytest.mark.parametrize("command", [["export", "status"], ["template"], ["extract", "LETTER"]])
def test_a_bad_output_path_is_refused_before_any_work(
    run: Run, tmp_path: Path, command: list[str]
) -> None:
    """No database yet and an -o that is a folder: the -o is what the person hears about."""
    letter = tmp_path / "letter.txt"
    letter.write_text("建成不少于5个平台。\n", encoding="utf-8")
    args = [str(letter) if a == "LETTER" else a for a in command]
    assert "is a folder" in one_line_error(run(*args, "-o", str(tmp_path)), 2)
