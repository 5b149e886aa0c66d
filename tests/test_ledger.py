"""The 台账: `status --by owner|document`, one line per responsible unit, the worst first."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from conftest import Run
from pledgecli.model import STATUSES, Assessment
from pledgecli.progress import ledger, needs_report, owners_of

AS_OF = "2025-11-30"


def _row(id: str, owner: str | None, status: str, **more: object) -> Assessment:
    fields: dict[str, object] = {
        "id": id, "document_id": "d", "title": id, "owner": owner, "kind": "level",
        "comparator": ">=", "target": 5.0, "unit": "个", "value": None, "progress": None,
        "expected": None, "status": status, "flags": (), "deadline": date(2025, 12, 31),
        "last_reported_on": date(2025, 11, 1), "days_overdue": None, "gap": None,
        "needed_per_month": None,
    }  # fmt: skip
    fields.update(more)
    return Assessment(**fields)  # type: ignore[arg-type]


def test_the_sample_ledger_by_owner(run: Run, sample: Path) -> None:
    rows = json.loads(run("status", "--by", "owner", "--as-of", AS_OF, "-f", "json").stdout)
    assert [(r["owner"], r["commitments"], r["overdue"], r["stale"]) for r in rows] == [
        ("市市场监管局", 8, 2, 3),
        ("市政府", 3, 1, 3),
        ("市工业和信息化局", 1, 1, 1),
        ("市人力资源社会保障局", 1, 0, 0),
        ("市财政局", 1, 0, 0),
    ]
    worst = rows[0]
    assert (worst["most_overdue"], worst["most_overdue_days"]) == ("cert-checks-2024", 334)
    assert worst["met"] == 1 and worst["tracking"] == 4 and worst["in_progress"] == 1


def test_the_ledger_by_document_and_as_csv(run: Run, sample: Path) -> None:
    out = run("status", "--by", "document", "--as-of", AS_OF, "-f", "csv").stdout
    head, line = out.splitlines()
    assert head.startswith("document_id,commitments,overdue,behind,no_data,in_progress,on_track")
    assert line.startswith("zs-scjg-2024-168,14,4,")
    zh = run("status", "--by", "owner", "--as-of", AS_OF, "-f", "csv", "--headers", "zh").stdout
    assert zh.startswith("责任单位,事项数,逾期未完成,滞后于序时进度,未报送,推进中,按序时推进")


def test_the_ledger_table_in_chinese(run: Run, sample: Path) -> None:
    out = run("--lang", "zh", "status", "--by", "owner", "--as-of", AS_OF).stdout
    lines = out.splitlines()
    assert lines[0].startswith("截至2025年11月30日各责任单位承诺事项台账")
    assert lines[2].split() == [
        "责任单位",
        "事项",
        "逾期",
        "滞后",
        "未报送",
        "应报未报",
        "推进中",
        "已完成",
        "跟踪",
    ]
    assert lines[4].split() == ["市市场监管局", "8", "2", "0", "0", "3", "1", "1", "4"]
    assert "逾期最久：cert-checks-2024（334天）" in out.replace("\n", "").replace(" ", "")


def test_owner_filter_narrows_the_ledger(run: Run, sample: Path) -> None:
    rows = json.loads(
        run("status", "--by", "owner", "--owner", "财政", "--as-of", AS_OF, "-f", "json").stdout
    )
    assert [r["owner"] for r in rows] == ["市财政局"]


def test_a_shared_commitment_counts_for_each_unit_it_names() -> None:
    assert owners_of("市发展改革委、市财政局；市发展改革委") == ["市发展改革委", "市财政局"]
    assert owners_of(None) == [""] and owners_of(" ") == [""]
    rows = ledger([_row("a", "市甲局、市乙局", "overdue", days_overdue=3)], "owner")
    assert [(r.group, r.overdue, r.most_overdue) for r in rows] == [
        ("市乙局", 1, "a"),
        ("市甲局", 1, "a"),
    ]


def test_stale_counts_open_rows_reported_too_long_ago_or_never() -> None:
    assert needs_report(_row("a", "x", "in progress", flags=("stale",)))
    assert needs_report(_row("b", "x", "no data", last_reported_on=None))
    assert needs_report(_row("c", "x", "in progress", last_reported_on=None))
    assert not needs_report(_row("d", "x", "in progress"))
    assert not needs_report(_row("e", "x", "met", last_reported_on=None))
    assert not needs_report(_row("f", "x", "tracking", last_reported_on=None))


def test_worst_first_then_by_name() -> None:
    rows = [
        _row("a", "乙", "behind"),
        _row("b", "甲", "overdue", days_overdue=10),
        _row("c", "丙", "in progress", last_reported_on=None),
        _row("d", None, "met"),
        _row("e", "丁", "met"),
    ]
    assert [r.group for r in ledger(rows, "owner")] == ["甲", "丙", "乙", "丁", ""]


statuses = st.sampled_from(STATUSES)
owners = st.sampled_from(["市甲局", "市乙局", "市甲局、市乙局", None])


@given(st.lists(st.tuples(owners, statuses), max_size=30))
def test_every_line_adds_up(items: list[tuple[str | None, str]]) -> None:
    rows = [_row(f"c{i}", owner, status) for i, (owner, status) in enumerate(items)]
    for line in ledger(rows, "owner"):
        assert sum(line.counts.values()) == line.commitments
        assert 0 <= line.stale <= line.commitments
    by_document = ledger(rows, "document")
    assert sum(line.commitments for line in by_document) == len(rows)
