"""Tables for people, pinned at fixed widths: Chinese text must keep the columns aligned."""

from __future__ import annotations

from pathlib import Path

from rich.cells import cell_len

from conftest import Run

WIDE = """\
Overdue as of 2026-11-26

 id                commitment                                  target  value  progress         deadline    status
 ──────────────────────────────────────────────────────────────────────────────────────────────────────────────────────
 cert-checks-2024  认证从业机构“双随机、一公开”检查（20          done      —  ░░░░░░░░   0.0%  2024-12-31  overdue 695d
                   24 年）
                   市市场监管局
 spot-checks-2024  市级工业产品质量监督抽查              ≥ 3,500 批次      0  ░░░░░░░░   0.0%  2024-12-31  overdue 695d
                   市市场监管局
 platforms         质量基础设施“一站式”服务平台                ≥ 5 个      4  ██████░░  80.0%  2025-12-31  overdue 330d
                   市市场监管局                                                                            stale

3 commitments: 3 overdue
"""

NARROW_ASCII = """\
Overdue as of 2026-11-26

                                                 target     value
 commitment                                    deadline  progress  status
 ------------------------------------------------------------------------------
 cert-checks-2024                                  done         —  overdue 695d
 认证从业机构“双随机、一公开”检查（2024      2024-12-31      0.0%
 年）
 市市场监管局
 spot-checks-2024                          ≥ 3,500 批次         0  overdue 695d
 市级工业产品质量监督抽查                    2024-12-31      0.0%
 市市场监管局
 platforms                                       ≥ 5 个         4  overdue 330d
 质量基础设施“一站式”服务平台                2025-12-31     80.0%  stale
 市市场监管局

3 commitments: 3 overdue
"""


def _stripped(text: str) -> str:
    return "".join(line.rstrip() + "\n" for line in text.splitlines())


def _table_lines(text: str) -> list[str]:
    """Every line but the footer: rich pads each to the full width."""
    return text.splitlines()[:-1]


def test_wide_table_is_pinned_and_aligned(run: Run, sample: Path) -> None:
    result = run("overdue", "--as-of", "2026-11-26", "--owner", "市场监管", env={"COLUMNS": "120"})
    assert result.exit_code == 0 and result.stderr == ""
    assert _stripped(result.stdout) == WIDE
    assert {cell_len(line) for line in _table_lines(result.stdout)} == {120}


def test_narrow_ascii_table_is_pinned_and_aligned(run: Run, sample: Path) -> None:
    result = run(
        "--ascii", "overdue", "--as-of", "2026-11-26", "--owner", "市场监管", env={"COLUMNS": "80"}
    )
    assert result.exit_code == 0
    assert _stripped(result.stdout) == NARROW_ASCII
    assert {cell_len(line) for line in _table_lines(result.stdout)} == {80}
    assert all(ord(c) < 128 for c in "".join(_table_lines(result.stdout)[2:5]))


def test_status_footer_counts_by_status(run: Run, sample: Path) -> None:
    out = run("status", "--as-of", "2024-07-31").stdout
    assert out.splitlines()[-1] == "14 commitments: 1 no data · 6 in progress · 1 met · 6 tracking"


def test_most_urgent_first_in_the_table(run: Run, sample: Path) -> None:
    out = run("status", "--as-of", "2026-11-26").stdout
    assert out.index("cert-checks-2024") < out.index("platforms") < out.index("stations")
    assert out.index("stations") < out.index("training-persons")


def test_long_ids_switch_to_the_narrow_layout_rather_than_cut_the_status(
    run: Run, sample: Path
) -> None:
    long_id = "质量基础设施一站式服务平台建设任务-2025"
    assert (
        run(
            "add", long_id, "--title", "平台", "--target", "5", "--deadline", "2025-12-31"
        ).exit_code
        == 0
    )
    out = run("status", "--as-of", "2024-07-31", env={"COLUMNS": "110"}).stdout
    assert "in progress" in out and "overdue" not in out
    header = out.splitlines()[2:4]
    assert [line.split() for line in header] == [
        ["target", "value"],
        ["commitment", "deadline", "progress", "status"],
    ]
    widths = {cell_len(line) for line in _table_lines(out)[2:]}
    assert len(widths) == 1 and widths.pop() <= 110
