"""Exact output of what people read: show, log, the undo preview, a dry run, extract.

The clock of the store is pinned, so the times in the log are too; tables are read at
100 columns with trailing spaces trimmed (rich pads every line to the width).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pledgecli import store
from pledgecli.cli import app, tracking

PINNED_NOW = "2025-07-01T09:30:00+00:00"


@pytest.fixture
def pinned(isolated: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setattr(store, "now", lambda: PINNED_NOW)
    monkeypatch.setenv("COLUMNS", "100")
    yield isolated


def lines(*args: str, input: str | None = None) -> str:
    result = CliRunner().invoke(app, list(args), input=input)
    assert result.exit_code == 0, result.output
    assert result.stderr == ("Next: pledge status\n" if args[0] == "init" else "")
    return "\n".join(line.rstrip() for line in result.stdout.splitlines()) + "\n"


@pytest.fixture
def revised(pinned: Path) -> Path:
    lines("init", "--sample")
    for value in ("5", "6"):
        lines("record", "platforms", value, "--on", "2025-06-30", "--source", "市局",
              "--as-of", "2025-07-01")  # fmt: skip
    return pinned


def test_show_is_pinned(revised: Path) -> None:
    assert (
        lines("show", "platforms", "--as-of", "2025-07-01")
        == """\
platforms  质量基础设施“一站式”服务平台
document        中市监函〔2024〕168号 (zs-scjg-2024-168)
document title  中山市市场监督管理局关于市政协十三届三次会议第133023号提案答复的函
source          zs-scjg-2024-168.txt
section         四
owner           市市场监管局
kind            level
target          ≥ 5 个
period          … – 2025-12-31
status          met  as of 2025-07-01
                value: 6
                progress: 120.0%
                last reported: 2025-06-30
Figures

 date        mode   value  source                 note    earlier values
 ───────────────────────────────────────────────────────────────────────────
 2024-07-08  total   4 个  中市监函〔2024〕168号  已建成
 2025-06-30  total   6 个  市局                           5 until 2025-07-01


6.3                                ●
    ────────────────────────────────────────────────
                                   │
    ●                              │
                                   │
                                   │
                                   │
  0                                │
    2024-07-08                            2025-12-31
    ● reported  · pace  ─ target  │ as of
"""
    )


def test_log_is_pinned(revised: Path) -> None:
    assert (
        lines("log")
        == """\
Change batches, newest first

 batch  when                  command           new  revised  unchanged  skipped  state
 ──────────────────────────────────────────────────────────────────────────────────────
     3  2025-07-01 09:30 UTC  record platforms    0        1          0        0
     2  2025-07-01 09:30 UTC  record platforms    1        0          0        0
     1  2025-07-01 09:30 UTC  init --sample      25        0          0        0

"""
    )


def test_undo_preview_is_pinned(revised: Path) -> None:
    assert (
        lines("undo", input="n\n")
        == """\
Batch 3 (record platforms, 2025-07-01 09:30 UTC) wrote 1 row; undo will:
  restore platforms 2025-06-30 total (市局): 6 back to 5
Undo batch 3? [y/N]: n
Nothing was undone.
"""
    )


def test_dry_run_report_is_pinned(revised: Path, tmp_path: Path) -> None:
    csv_file = tmp_path / "f.csv"
    csv_file.write_text(
        "commitment,date,value,source\nstations,2025-06-30,25,\nplatforms,2025-06-30,6,市局\n"
        "spot-checks-2024,2024-12-31,3612,\n"
    )
    assert (
        lines("import", str(csv_file), "--dry-run")
        == """\
Dry run of f.csv (utf-8): 2 new, 0 revised, 1 unchanged. Nothing was written.
Per commitment

 id                new  revised  unchanged  skipped
 ──────────────────────────────────────────────────
 stations            1        0          0        0
 platforms           0        0          1        0
 spot-checks-2024    1        0          0        0

"""
    )


def test_extract_tables_are_pinned(
    pinned: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Below 110 columns the clause goes under what is counted; at 120 it has its column."""
    letter = tmp_path / "l.txt"
    letter.write_text(
        "关于质量提升的函\n中市监函〔2024〕9号\n一、到2025年，建成不少于5个服务平台，2023年已建成4个。\n",
        encoding="utf-8",
    )
    assert (
        lines("extract", str(letter), "--issued-on", "2024-07-08")
        == """\
中市监函〔2024〕9号
title: 关于质量提升的函
issued on: 2024-07-08
Proposed commitments

 what is counted          target  deadline    owner
 ──────────────────────────────────────────────────
 服务平台                 ≥ 5 个  2025-12-31
   建成不少于5个服务平台

Achieved figures

 what is counted      value  as of
 ──────────────────────────────────────
 建成                  4 个  2023-12-31
   2023年已建成4个。

"""
    )
    monkeypatch.setenv("COLUMNS", "120")
    assert (
        lines("extract", str(letter), "--issued-on", "2024-07-08")
        == """\
中市监函〔2024〕9号
title: 关于质量提升的函
issued on: 2024-07-08
Proposed commitments

 what is counted  target  kind   deadline    owner  §   clause
 ────────────────────────────────────────────────────────────────────────────
 服务平台         ≥ 5 个  level  2025-12-31         一  建成不少于5个服务平台

Achieved figures

 what is counted  value  as of       clause
 ─────────────────────────────────────────────────────
 建成              4 个  2023-12-31  2023年已建成4个。

"""
    )


def test_the_default_day_is_the_clock_of_current_day(
    pinned: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without --as-of, the reading commands compute as of `current_day()`."""
    lines("init", "--sample")
    monkeypatch.setattr(tracking, "current_day", lambda: date(2024, 12, 31))
    assert "Progress as of 2024-12-31" in lines("status")
    monkeypatch.setattr(tracking, "current_day", lambda: date(2025, 1, 1))
    assert "Overdue as of 2025-01-01" in lines("overdue")
    assert "overdue 1d" in lines("overdue")
