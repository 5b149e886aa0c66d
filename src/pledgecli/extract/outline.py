"""Where a clause stands in the document, and what that says about its numbers.

A work plan's items are promises without a promise word (新建公厕11座): their nature and
their time come from the document (《2025年工作要点》, a 三年行动计划（2025—2027年）) and
from the heading they stand under (主要目标). A `Scope` carries that down to the clauses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from pledgecli.extract.cues import When, times_in

# A document that is a plan for a year or a period: everything it lists is to be done.
_PLAN = re.compile(
    r"(?:(\d{4})年(?:度)?[^，。；\n《》]{0,20}?(?:工作要点|工作计划|工作方案|实施方案|行动计划|行动方案))"
    r"|(?:(?:工作要点|工作计划|工作方案|实施方案|行动计划|行动方案|规划)[^，。；\n]{0,4}"
    r"[（(](\d{4})\s*[—\-–~至到]\s*(\d{4})年?[）)])"
)
_HEADING = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d{1,2}[.．、])"
)
# Headings over what is to be done: 主要目标, 2025年重点工作, 重点任务 ….
_TARGET_HEADING = re.compile(
    r"主要目标|预期目标|发展目标|工作目标|总体目标|目标任务|主要指标|重点工作|工作安排|主要任务|重点任务|工作重点"
)
# A lead-in over the paragraphs after it: 2025年，我们将着力做好以下工作：
_LEAD = re.compile(r"(?:以下|如下)(?:几个方面的?)?(?:工作|任务|目标)|重点抓好|着力做好|重点做好")
_YEAR = re.compile(r"(\d{4})年")


@dataclass(frozen=True)
class Scope:
    """What a part of the document says of the numbers in it."""

    forward: bool = False  # its figures are to be reached, promise word or not
    default: When | None = None  # the time a figure with none of its own is due


NONE = Scope()


def document_scope(text: str) -> Scope:
    """A plan for a year (2025年工作要点) or a period (行动计划（2025—2027年）) is forward
    throughout, due at the end of its year or period."""
    m = next(
        filter(None, (_PLAN.search(line) for line in text.splitlines() if _is_title(line))), None
    )
    if m is None:
        return NONE
    if m[1]:
        year = int(m[1])
        return Scope(True, When(date(year, 1, 1), date(year, 12, 31), True))
    first, last = int(m[2]), int(m[3])
    if not 1900 < first <= last < 10000:
        return NONE
    return Scope(True, When(date(first, 1, 1), date(last, 12, 31), True))


def _is_title(line: str) -> bool:
    """The plan's own title line: short, standing alone, not a 通知 about it or a 《》 citation."""
    line = line.strip()
    return (
        4 <= len(line) <= 50 and not any(c in line for c in "《》，。；：") and "关于" not in line
    )


def is_heading(paragraph: str) -> bool:
    return bool(_HEADING.match(paragraph)) and len(paragraph) <= 40


def is_top_heading(paragraph: str) -> bool:
    """一、 opens a part of the document; （一） and 1. open items inside the part."""
    return is_heading(paragraph) and bool(re.match(r"\s*[一二三四五六七八九十]+、", paragraph))


def heading_scope(paragraph: str, document: Scope, issued: date) -> Scope:
    """Under 主要目标 or 2025年重点工作 a figure is a target even in a document that is not a
    plan, due at the end of the year the heading names, or the plan's, or this year."""
    if _TARGET_HEADING.search(paragraph):
        return Scope(True, _due(paragraph, document, issued))
    return document


def lead_scope(paragraph: str, current: Scope, issued: date) -> Scope | None:
    """A paragraph that announces what follows (…做好以下工作：) opens a forward scope."""
    if paragraph.rstrip().endswith(("：", ":")) and _LEAD.search(paragraph):
        return Scope(True, _due(paragraph, current, issued))
    return None


def _due(text: str, around: Scope, issued: date) -> When | None:
    """The year a heading names, else its part's or plan's time, else the letter's year
    (none for a letter with no date: year 1 stands for that)."""
    if m := _YEAR.search(text):
        year = int(m[1])
        if 1900 < year < 10000:
            return When(date(year, 1, 1), date(year, 12, 31), True)
    if around.default is not None:
        return around.default
    if issued.year < 1900:
        return None
    return When(None, date(issued.year, 12, 31), True)


# （牵头单位：市发展改革委；配合单位：…）, （责任处室：发展规划处、基础教育处）: who answers
# for the item it closes. The first unit named leads.
_DUTY = re.compile(
    r"[（(](?:牵头单位|责任单位|责任处室|责任部门|牵头部门|责任科室)[：:]\s*([^；;）)、，,\s]+)[^）)]*[）)]"
)


def duty_items(paragraph: str) -> list[tuple[str, str | None]]:
    """A paragraph cut after each responsibility note, each piece with the unit it names
    (None for text after the last note): an item's time and owner stay in the item."""
    items: list[tuple[str, str | None]] = []
    at = 0
    for m in _DUTY.finditer(paragraph):
        items.append((paragraph[at : m.start()], m[1]))
        at = m.end()
    if at < len(paragraph) or not items:
        items.append((paragraph[at:], None))
    return items


# A task table as text lines: 目标值：不少于800张　完成时限：2025年12月底前　责任单位：市民政局（牵头）
_ROW_TIME = re.compile(r"(?:完成时限|完成时间|时间节点|整改时限)[：:]\s*(\S+)")
_ROW_OWNER = re.compile(r"(?:责任单位|牵头单位|责任部门)[：:]\s*([^（(、，,；;\s]+)")


@dataclass(frozen=True)
class Row:
    when: When | None
    owner: str | None


def table_row(line: str, issued: date) -> Row | None:
    """A line of a task table: its time column is every figure's deadline in the line, its
    unit column their owner, wherever the columns stand."""
    time = _ROW_TIME.search(line)
    if time is None:
        return None
    owner = _ROW_OWNER.search(line)
    cues = times_in(time[1], issued, relative=issued.year >= 1900)
    return Row(cues[0][1] if cues else None, owner[1] if owner else None)
