"""Task tables written as text: a header row that names its columns (序号　项目　年度目标
完成情况　责任单位), rows under it, and rows that label their own cells (目标值：…　完成时限：…)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from pledgecli.extract.cues import Calendar, When, named_year, times_in
from pledgecli.extract.owners import first_unit

_ROW_TIME = re.compile(
    r"(?:完成时限|完成时间|时间节点|整改时限|时限要求|完成期限)[：:]\s*([^\t；;]+)"
)
_ROW_OWNER = re.compile(r"(?:责任单位|牵头单位|责任部门|责任主体|牵头部门)[：:]\s*([^\t]+)")


@dataclass(frozen=True)
class Row:
    when: When | None
    owner: str | None
    roles: tuple[str, ...] = ()  # what each cell is, from the table's header row
    years: tuple[int | None, ...] = ()  # the year a column names (2030年目标, 2025年基数)
    times: tuple[When | None, ...] = ()  # the period a column names (1—6月完成)


# What a column holds, from the words of its header or of a cell's own label (目标值：…).
ROLES = (
    ("serial", re.compile(r"^(?:序号|编号|NO\.?)$")),
    ("rate", re.compile(r"完成率|进度|完成比例|百分比|开工率")),
    ("deadline", re.compile(r"完成时限|时限|完成时间|时间节点|时间要求|完成期限|整改时限")),
    (
        "owner",
        re.compile(r"责任单位|牵头单位|责任部门|牵头部门|责任主体|主责单位|配合单位|责任领导"),
    ),
    ("kind", re.compile(r"^(?:属性|类型|指标属性|性质)$")),
    (
        "done",
        re.compile(
            r"完成情况|实际完成|进展|已完成|累计完成|\d+\s*[—\-～~至]\s*\d+月|基数|基期|现状|完成值"
        ),
    ),
    ("target", re.compile(r"目标|计划|预期|任务量|指标值")),
    ("task", re.compile(r"项目|任务|名称|事项|指标|内容|工作")),
)
_LABEL = re.compile(r"^([^：:\t]{1,12})[：:]")


def role_of(words: str) -> str | None:
    for role, pattern in ROLES:
        if pattern.search(words):
            return role
    return None


@dataclass(frozen=True)
class Header:
    """A table's header row: what each column holds, and the year or period it names."""

    roles: tuple[str, ...]
    years: tuple[int | None, ...]
    times: tuple[When | None, ...]


def header_roles(line: str, cal: Calendar) -> Header | None:
    """A table's header row (序号　项目　年度目标　完成情况　责任单位): the role of each column,
    or None when the line is not one."""
    cells = line.split("\t")
    if len(cells) < 3 or any(len(c) > 16 or "：" in c or ":" in c for c in cells):
        return None
    if re.search(r"\d", re.sub(r"\d{4}年|\d+\s*[—\-～~至]\s*\d+月", "", line)):
        return None  # a row of figures, not the names of its columns
    roles = tuple(role_of(c) or "other" for c in cells)
    if sum(r != "other" for r in roles) < 2 or not {"target", "done"} & set(roles):
        return None
    return Header(
        roles, tuple(named_year(c) for c in cells), tuple(_column_time(c, cal) for c in cells)
    )


def _column_time(cell: str, cal: Calendar) -> When | None:
    """The period a column's figures stand for (1—6月完成, 2025年基数)."""
    found = [w for _, w in times_in(cell, cal) if w.end is not None]
    return replace(found[0], as_of=True, deadline_word=False) if found else None


def table_row(line: str, cal: Calendar, header: Header | None = None) -> Row | None:
    """A line of a task table: its time column is every figure's deadline in the line, its
    unit column their owner, wherever the columns stand; under a header row, each cell has
    the role of its column."""
    cells = line.split("\t")
    if header is not None and "\t" in line and abs(len(cells) - len(header.roles)) <= 1:
        roles, years = header.roles, header.years
        when: When | None = None
        owner: str | None = None
        for cell, role in zip(cells, roles, strict=False):
            if role == "deadline" and (found := times_in(cell, cal)):
                when = _as_deadline(found[0][1])
            elif role == "owner" and owner is None:
                owner = first_unit(cell)
        return Row(when, owner, roles, years, header.times)
    time = _ROW_TIME.search(line)
    if time is None:
        return None
    owner_m = _ROW_OWNER.search(line)
    cues = [w for _, w in times_in(time[1], cal)]
    due = _as_deadline(cues[0]) if cues else None
    return Row(due, first_unit(owner_m[1]) if owner_m else None)


def _as_deadline(when: When) -> When:
    """A day in a time column (完成时限：2025年12月31日) is the deadline, not an event."""
    return replace(when, exact_day=False, deadline_word=True, as_of=False)


def cell_role(cell: str, index: int, row: Row) -> str:
    """What one cell of a row holds: its column's role, else its own label's (目标值：…), else
    the first cell names the task and the others are what it promises."""
    if index < len(row.roles) and row.roles[index] != "other":
        return row.roles[index]
    if (label := _LABEL.match(cell)) and (role := role_of(label[1])):
        return role
    return "task" if index == 0 else "target"
