"""The columns of every file and machine output pledge writes, in order, and the Chinese
header of each: the one home for them, so that CSV, JSON, template and import agree.

The English names are the contract of DESIGN.md (JSON keys, CSV headers of
`--format csv`); the Chinese ones are what `--headers zh` writes and import reads.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

# One row of `status --format json|csv`, and of `export status`.
STATUS = (
    "id", "document_id", "title", "owner", "kind", "comparator", "target", "unit", "value",
    "progress", "expected", "status", "flags", "deadline", "last_reported_on", "days_overdue",
    "gap", "needed_per_month",
)  # fmt: skip

# `list --format`, `export commitments`; `load` reads them back.
COMMITMENT = (
    "id", "document_id", "section", "title", "owner", "kind", "comparator", "target", "unit",
    "baseline", "start", "deadline", "quote", "notes",
)  # fmt: skip

# `export figures`; `import` reads them back.
FIGURE = ("commitment", "date", "value", "mode", "source", "note")

# The monthly template: what to fill (date … note) after what to read.
TEMPLATE = (
    "commitment", "title", "unit", "kind", "target", "deadline", "last_value", "last_on",
    *FIGURE[1:],
)  # fmt: skip

# `status --by owner|document --format json|csv`: the 台账. The first column is `owner` or
# `document_id`; each status has a count, its name with _ for the space.
LEDGER_COUNTS = (
    "commitments", "overdue", "behind", "no_data", "in_progress", "on_track", "met_late", "met",
    "tracking", "error", "stale", "most_overdue", "most_overdue_days",
)  # fmt: skip

# `log --format`.
BATCH = (
    "id", "at", "command", "inserted", "revised", "unchanged", "skipped", "undone_at", "reverts",
)  # fmt: skip

# The Chinese header of each column, for --headers zh; import and load read them back.
CHINESE = {
    "commitment": "指标", "title": "名称", "unit": "单位", "kind": "类型", "target": "目标",
    "deadline": "截止日期", "last_value": "上次数值", "last_on": "上次日期", "date": "日期",
    "on": "日期", "value": "数值", "mode": "方式", "source": "来源", "note": "备注",
    "id": "指标", "document_id": "文件编号", "section": "章节", "owner": "责任单位",
    "comparator": "比较", "baseline": "基数", "start": "开始日期", "quote": "原文",
    "notes": "备注", "progress": "完成进度", "expected": "序时进度值", "status": "状态",
    "flags": "提示", "last_reported_on": "最近报送日期", "days_overdue": "逾期天数",
    "gap": "与序时进度差距", "needed_per_month": "余下月均需完成", "commitments": "事项数",
    "overdue": "逾期未完成", "behind": "滞后于序时进度", "no_data": "未报送",
    "in_progress": "推进中", "on_track": "按序时推进", "met_late": "逾期完成", "met": "已完成",
    "tracking": "跟踪指标", "error": "无法计算", "stale": "应报未报",
    "most_overdue": "逾期最久事项", "most_overdue_days": "逾期最久天数",
}  # fmt: skip


def header_names(names: Sequence[str], language: str) -> list[str] | None:
    """The CSV header in `language` ("zh": the Chinese names), or None for the English ones."""
    return [CHINESE.get(n, n) for n in names] if language == "zh" else None


# A text cell that Excel would run as a formula is written with a leading
# apostrophe, and read back without it (OWASP's advice against CSV injection);
# a text that starts with an apostrophe gets a second one, so it survives too.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")


def escape_cell(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_START) else text


def unescape_cell(text: str) -> str:
    return text[1:] if text.startswith("'") else text


def record_of(item: object, names: Sequence[str]) -> dict[str, Any]:
    """An object's fields as one row of a file: `names` in order."""
    return {name: getattr(item, name) for name in names}
