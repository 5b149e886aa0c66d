"""The document a letter is: its header, its kind, and the parts its figures stand in.

A work plan's items are promises without a promise word (新建公厕11座): their nature, their
time and their owner come from the document (《2025年工作要点》, a 三年行动计划（2025—2027年）),
from the heading they stand under (主要目标, 一、工作进展), from a lead-in over them
(下一步，我局将重点抓好以下工作：) and from the note that closes them (（牵头单位：市民政局）).
`outline` reads that once, into blocks each carrying its `Scope`; the clauses are read in it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Literal

from pledgecli.extract.cues import Calendar, When, named_year, times_in
from pledgecli.extract.tables import Header, Row, header_roles, table_row

Mood = Literal["forward", "past", "open"]


@dataclass(frozen=True)
class Scope:
    """What a part of the document says of the figures in it."""

    mood: Mood = "open"  # forward: to be reached wherever they stand; past: reported
    due: When | None = None  # the time a figure with none of its own is due, or stood
    owner: str | None = None  # who answers for what it promises
    year: int | None = None  # the year that 全年 and 年底前 mean in it
    deeds: bool = True  # its qualitative deeds are promises (not in 保障措施: 实行月调度…)


@dataclass
class Block:
    """A paragraph, read in its scope."""

    text: str
    scope: Scope
    section: str | None
    heading: bool = False  # a heading alone: nothing to read in it
    row: Row | None = None
    level: int | None = None  # the heading level it opens (1 for 一、, 2 for （一）, …)


@dataclass
class Outline:
    document: dict[str, object]
    kind: str  # reply, plan, report, bulletin or other
    calendar: Calendar
    blocks: list[Block] = field(default_factory=list)


# -- the kind of document ------------------------------------------------------------------------

_PLAN_WORDS = (
    r"工作要点|工作计划|工作方案|实施方案|行动计划|行动方案|任务分解表|任务清单|规划纲要|规划|"
    r"实事项目|民生实事|重点工作|工作安排"
)
# A plan's own title: for a year (2025年工作要点) or a period (行动计划（2025—2027年）).
_PLAN_YEAR = re.compile(rf"(\d{{4}})年(?:度)?[^，。；\n《》]{{0,24}}?(?:{_PLAN_WORDS})")
_PLAN_PERIOD = re.compile(
    rf"(?:{_PLAN_WORDS})[^，。；\n]{{0,6}}[（(](\d{{4}})\s*[—\-–~至到－]\s*(\d{{4}})年?[）)]"
)
_PLAN_FIVE_YEAR = re.compile(
    r"(?:[“\"]?(十[三四五六]五)[”\"]?|第(十[三四五六])个五年)[^，。；\n]{0,12}(?:规划|纲要)"
)
_REPLY = re.compile(r"答复|复函|回复|办理情况")
_REPORT = re.compile(r"政府工作报告|工作报告")
_BULLETIN = re.compile(r"通报|(?:进展|推进|完成|落实|办理)情况(?:的)?(?:通报|报告)|进展情况$|进度")


def _is_title(line: str) -> bool:
    """A title line: short, standing alone, not a sentence and not a 《》 citation."""
    line = line.strip()
    return 4 <= len(line) <= 60 and not any(c in line for c in "《》，。；：")


def plan_period(line: str) -> tuple[int, int] | None:
    """The years a plan's title line covers, or None when it is not such a title."""
    if not _is_title(line) or "关于" in line and "印发" not in line:
        return None
    if m := _PLAN_PERIOD.search(line):
        first, last = int(m[1]), int(m[2])
        return (first, last) if 1900 < first <= last < 10000 else None
    if m := _PLAN_FIVE_YEAR.search(line):
        first = {"十三": 2016, "十四": 2021, "十五": 2026, "十六": 2031}[(m[1] or m[2])[:2]]
        return first, first + 4
    if m := _PLAN_YEAR.search(line):
        year = int(m[1])
        return (year, year) if 1900 < year < 10000 else None
    return None


def _kind(lines: list[str]) -> str:
    head = "\n".join(lines[:8])
    titles = [line for line in lines[:8] if "关于" in line or _is_title(line)]
    if _REPORT.search(head):
        return "report"
    if any(_REPLY.search(t) for t in titles):
        return "reply"
    if any(_BULLETIN.search(t) and "印发" not in t and not heading_level(t) for t in titles):
        return "bulletin"
    if any(
        plan_period(line) or re.search(_PLAN_WORDS, line) for line in lines[:40] if _is_title(line)
    ):
        return "plan"
    return "other"


# -- headings -------------------------------------------------------------------------------------

_MARKERS = (
    (
        1,
        re.compile(
            r"^\s*(?:[一二三四五六七八九十]{1,3}、|第[一二三四五六七八九十]{1,3}[章篇部分])"
        ),
    ),
    (2, re.compile(r"^\s*第[一二三四五六七八九十]{1,3}节")),
    (2, re.compile(r"^\s*[（(][一二三四五六七八九十]{1,3}[）)]")),
    (3, re.compile(r"^\s*\d{1,2}[.．、](?!\d)")),
    (4, re.compile(r"^\s*[（(]\d{1,2}[）)]")),
)
HEADING_LENGTH = 40
# What a heading says of the figures under it.
_PAST_HEADING = re.compile(
    r"工作进展|进展情况|基本情况|工作现状|现状|办理情况|工作回顾|回顾|工作总结|总结|主要工作|取得成效|"
    r"工作成效|完成情况|发展基础|主要成效|开展情况|存在的?问题|面临的?形势|工作成绩|主要做法"
)
_FORWARD_HEADING = re.compile(
    r"主要目标|预期目标|工作目标|发展目标|总体目标|目标任务|工作安排|主要任务|重点任务|"
    r"下一步|下步|工作计划|工作打算|打算|工作措施|工作举措|具体措施|实施步骤|时间安排|进度安排|"
    r"任务分工|行动目标|建设目标|目标要求|主要内容|工作内容|任务清单|整改要求|整改措施|工作要求|有关要求|"
    r"工作思路|思路|安排"
)
# Words that name what a part is about, not whether it reports or promises (2025年民生实事完成情况).
_SUBJECT_HEADING = re.compile(r"民生实事|实事项目|重点项目|主要指标|重点工作|工作重点")
# A part on how the work is backed (保障措施, 组织领导): its figures are rules and standards.
_NEUTRAL_HEADING = re.compile(
    r"保障措施|保障机制|组织保障|组织领导|工作机制|督导考核|监督考核|考核评估|资金保障"
)
_YEAR = re.compile(r"(\d{4})年")


def heading_level(paragraph: str) -> int | None:
    for level, marker in _MARKERS:
        if marker.match(paragraph):
            return level
    return None


def heading_title(paragraph: str) -> str:
    """A heading's own words: the whole of a short heading, or what comes before the first 。
    of a heading that runs on into its text (（一）扩大覆盖面。年底前新建…). A sentence that
    only starts with a marker (一、到2025年，建成…。) has none."""
    first = re.split(r"[。：:！？]", paragraph, maxsplit=1)[0]
    if len(first) > HEADING_LENGTH or "，" in first or "；" in first:
        return ""
    return first


def heading_scope(title: str, around: Scope, cal: Calendar) -> Scope:
    """The scope under a heading: 主要目标 and 2025年重点工作 promise, 工作进展 and 2024年工作回顾
    report; a heading that says neither keeps its part's."""
    named = named_year(title)
    issued = cal.issued
    past_year = named is not None and issued is not None and named < issued.year
    # The word said last decides: 主要目标完成情况 reports, 存在问题及下一步打算 promises.
    said_past = max((m.end() for m in _PAST_HEADING.finditer(title)), default=-1)
    said_forward = max((m.end() for m in _FORWARD_HEADING.finditer(title)), default=-1)
    if (said_past > said_forward) or (past_year and said_forward < 0):
        year = named or (issued.year - 1 if issued and re.search(r"回顾|总结", title) else None)
        due = When(date(year, 1, 1), date(year, 12, 31), False) if year else None
        said = [w for _, w in times_in(title, cal) if w.end and (w.start or w.as_of)]
        whole_year = said and said[0].start and said[0].end and said[0].start.month == 1
        if said and not (whole_year and said[0].end and said[0].end.month == 12):
            due = replace(said[0], as_of=True)  # 一、上半年工作完成情况: as of 30 June
        if due is None and around.mood == "past":
            due = around.due  # 一、项目进展情况 in a bulletin: as of its reporting period
        return Scope("past", due, None, year)
    if _NEUTRAL_HEADING.search(title) and said_forward < 0:
        return replace(
            around, deeds=False
        )  # 保障措施: its money promised counts, its methods do not
    if (
        said_forward >= 0
        or _SUBJECT_HEADING.search(title)
        or (named and issued and named >= issued.year)
    ):
        if named:
            return Scope("forward", _year_end(named), around.owner, named)
        return Scope("forward", around.due, around.owner, around.year)
    return around


def _year_end(year: int) -> When:
    return When(date(year, 1, 1), date(year, 12, 31), True)


# -- lead-ins ----------------------------------------------------------------------------------

# A paragraph that announces what follows: 下一步，我局将重点抓好以下工作：, 具体安排是：
_LEAD = re.compile(
    r"以下|如下|下一步|今后|计划|将|重点|具体安排|主要预期目标|目标是|目标为|要求|安排是|打算"
)
# 今年重点做好以下工作。, 2026年县政府将集中力量办好以下十件民生实事: a lead-in without a colon
_FOLLOWING = re.compile(r"(?:做好|办好|抓好|推进|完成|实施|落实)(?:好)?以下")
SELF = re.compile(
    r"我局|本局|我委|本委|我办|本办|我厅|我中心|我院|我支队|本支队|我大队|我站|我所|我处|我街道|本街道|我镇|本镇|我乡|本乡"
)


def lead_scope(paragraph: str, around: Scope, cal: Calendar, issuer: str | None) -> Scope | None:
    """A paragraph ending in ： that announces what follows opens a forward scope for the
    paragraphs under it: due in the year it names, owned by the unit that speaks in it."""
    text = paragraph.rstrip()
    announces = text.endswith(("：", ":")) or _FOLLOWING.search(text)
    if not announces or not _LEAD.search(text) or len(text) > 160:
        return None
    if _BODY_START.search(text):
        return None  # 现答复如下： opens the letter's body, not a list of promises
    times = [w for _, w in times_in(text, cal) if w.end is not None and w.deadline_word or w.start]
    due = times[-1] if times else around.due
    year = due.end.year if due and due.end and due is not around.due else around.year
    owner = issuer if SELF.search(text) else around.owner
    return Scope("forward", due, owner, year)


# -- the whole ---------------------------------------------------------------------------------

_SECTION = re.compile(r"^([一二三四五六七八九十]+)、")
_BODY_START = re.compile(r"现(?:将有关情况)?答复如下|现将[^，。]{0,20}(?:答复|报告|通报)如下")


def outline(text: str, document: dict[str, object], issued: date | None) -> Outline:
    """Every paragraph of the cleaned text with the scope it stands in."""
    lines = text.splitlines()
    kind = _kind(lines)
    plan = next(filter(None, map(plan_period, lines)), None) if kind == "plan" else None
    cal = Calendar(issued, plan=plan)
    result = Outline(document, kind, cal)
    issuer = str(document["issuer"]) if document.get("issuer") else None
    base = Scope()
    if kind == "bulletin":
        base = Scope("past", _reporting_period(lines, cal), None, None)
    notice = next((p for line in lines[:8] if "印发" in line and (p := plan_period(line))), None)
    titled = any(
        plan_period(line) and "关于" not in line and heading_level(line) is None for line in lines
    )
    if kind == "plan" and notice and not titled:
        # 关于印发2026年十件民生实事项目的通知 with the items as its own body: the notice's period
        first, last = notice
        base = Scope("forward", When(date(first, 1, 1), date(last, 12, 31), True), None,
                     first if first == last else None)  # fmt: skip
    stack: list[tuple[int, Scope]] = []  # the headings over this paragraph, outermost first
    lead: tuple[int, Scope] | None = None  # a lead-in, and the heading level it ends at
    section: str | None = None
    header: Header | None = None  # the table being read
    for line in lines:
        period = plan_period(line) if kind == "plan" and heading_level(line) is None else None
        if period and "关于" not in line:
            # The plan itself begins: its own title, after the notice that issues it.
            first, last = period
            base = Scope("forward", When(date(first, 1, 1), date(last, 12, 31), True), None,
                         first if first == last else None)  # fmt: skip
            stack, lead = [], None
            result.blocks.append(Block(line, base, section, heading=True))
            continue
        if m := _SECTION.match(line):
            section = m[1]
        level = heading_level(line)
        if level is not None:
            stack = [(lv, s) for lv, s in stack if lv < level]
            if lead and lead[0] >= level:
                lead = None
            around = lead[1] if lead else (stack[-1][1] if stack else base)
            title = heading_title(line)
            scope = heading_scope(title, around, cal) if title else around
            stack.append((level, scope))
            alone = title == line.rstrip("：:")
            block_scope = scope
        else:
            block_scope = lead[1] if lead else (stack[-1][1] if stack else base)
            alone = False
        block_cal = replace(cal, year=block_scope.year)
        if opened := lead_scope(line, block_scope, block_cal, issuer):
            lead = (stack[-1][0] if stack else 1, opened)
        if (found := header_roles(line, cal)) is not None:
            header = found
            result.blocks.append(Block(line, block_scope, section, heading=True))
            continue
        if "\t" not in line:
            header = None  # a table ends at the first line that is not a row
        row = table_row(line, replace(cal, year=block_scope.year), header)
        result.blocks.append(Block(line, block_scope, section, alone, row, level))
    return result


_PERIOD_IN_TITLE = re.compile(
    r"(?:(\d{4})年|今年)?(?:(\d{1,2})\s*[—\-–至~]\s*(\d{1,2})月|(上半年|前三季度|一季度|第一季度|前两个月))"
)


def _reporting_period(lines: list[str], cal: Calendar) -> When | None:
    """The period a progress bulletin reports on (1—9月, 上半年): the day its figures stood."""
    for line in lines[:8]:
        if m := _PERIOD_IN_TITLE.search(line):
            year = int(m[1]) if m[1] else (cal.issued.year if cal.issued else None)
            if year is None:
                return None
            month = int(m[3]) if m[3] else {"上半年": 6, "前三季度": 9, "一季度": 3,
                                              "第一季度": 3, "前两个月": 2}[m[4]]  # fmt: skip
            end = date(year, month, 1).replace(day=28)
            from pledgecli.parse import last_day

            return When(date(year, 1, 1), last_day(year, end.month), False, as_of=True)
    return None
