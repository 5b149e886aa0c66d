"""The words around a number that say what it is: a comparator, a time, a promise or a fact."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from pledgecli.model import COMPARATOR_AFTER, COMPARATOR_BEFORE
from pledgecli.parse import last_day

# Read just before a number (不少于5个), or just after it (300家以上, 10个以内, 5个左右).
# Longest first: 不超过 must win over 超过, and 不低于 over 低于.
_BEFORE = re.compile("(?:" + "|".join(sorted(COMPARATOR_BEFORE, key=len, reverse=True)) + ")$")
_AFTER = [(re.compile(r"^左右"), "≈")] + [
    (re.compile("^" + word), comparator)
    for word, comparator in sorted(COMPARATOR_AFTER.items(), key=lambda w: -len(w[0]))
]
TARGET_WORDS = re.compile(r"不少于|不低于|不小于|至少|达到|突破|不超过|不高于|控制在|以内|以上")
PROMISE = re.compile(
    r"力争|确保|计划|拟|目标|争取|设定|预计|将(?![^，。；]{0,12}(?:列入|纳入|作为))"
    r"|下一步|今后|接下来|重点做好"  # a lead-in: what follows is to be done
)
ACHIEVED = re.compile(r"已经|已|共计|共有|共|累计|截至|截止|目前|现有|初步|获|完成了|实现了|了")
# A change against another year is not a target or a level of its own (比2023年增加41.4%).
RELATIVE = re.compile(
    r"(?:比|较)(?:上年|去年|同期|上一年|\d{4}年)[^，。；]{0,8}(?:增加|增长|提高|减少|下降|降低)|同比|环比"
)
TITLE = re.compile(r"《[^》]*》")


def comparator_near(before: str, after: str) -> str | None:
    """The comparator the words around a number give it; 左右 after it makes any of them approximate."""
    for pattern, comparator in _AFTER:
        if pattern.search(after):
            if comparator == "≈" or not _BEFORE.search(before):
                return comparator
    m = _BEFORE.search(before)
    return COMPARATOR_BEFORE[m[0]] if m else None


@dataclass(frozen=True)
class When:
    """A time a clause speaks of."""

    start: date | None
    end: date
    deadline_word: bool  # 到…年, …年底前, …全年: a deadline, not just a date
    exact_day: bool = False


_RANGE = re.compile(r"(\d{4})\s*(?:年)?\s*(?:-|—|–|~|至|到)\s*(\d{4})年")
_MONTHS = re.compile(r"(\d{4})年(\d{1,2})\s*(?:-|—|–|至|到)\s*(\d{1,2})月")
_DAY = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
# 到…, 至… make a deadline; 截至… and 截止… an as-of day, never a deadline.
_MONTH_BY = re.compile(r"(?:(?<![截止])(?:到|至))?(\d{4})年(\d{1,2})月(?:底|末)?(?:前|以前)?")
_YEAR_BY = re.compile(r"(?:(?<![截止])(到|至|在))?(\d{4})年(底|末|全年|年底|内)?(前|以前)?")
_AS_OF_CUE = re.compile(r"(?:截至|截止|截止到)$")
_RELATIVE_YEAR = {
    "今年": 0,
    "本年": 0,
    "年内": 0,
    "本年度": 0,
    "当年": 0,
    "明年": 1,
    "去年": -1,
    "上年": -1,
}
_RELATIVE = re.compile("|".join(sorted(_RELATIVE_YEAR, key=len, reverse=True)))
_BASE = re.compile(r"(?:较|比|与|相比)$")
_NOW = re.compile(r"目前|截至目前|当前|现已|至今")
_SINCE = re.compile(r"(\d{4})年以来")
_BARE_MONTH = re.compile(r"(?<![\d年])(\d{1,2})月(?:份|底|末)?(前|以前)?")
# 2026年上半年: a half of a named year.
_YEAR_HALF = re.compile(r"(\d{4})年(上半年|下半年)")
# 三年内: by the end of the third year, this one counted.
_YEARS_WITHIN = re.compile(r"([两二三四五六七八九十])年(?:内|之内|时间)")
_COUNT = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
# This year's end or half, as a plan says it: 年底前, 年末, 上半年, 下半年.
_YEAR_PART = re.compile(r"(?<![\d年])(?:(年底|年末)(前|以前)?|(上半年|下半年))")


def times_in(text: str, issued: date, relative: bool = True) -> list[tuple[int, When]]:
    """Every time cue in `text` with its position; titles in 《》 are not the letter's own time.

    Without `relative` (a letter with no date), the times that count from the letter's
    date (今年, 年底前, 9月底前, 三年内) are not read: they stay unresolved."""
    text = TITLE.sub(lambda m: "※" * len(m[0]), text)
    found: list[tuple[int, When]] = []
    taken: list[range] = []

    def add(m: re.Match[str], when: When) -> None:
        if any(m.start() in r for r in taken):
            return
        if _BASE.search(text[: m.start()]):
            # 较2020年下降14%: a base year to compare with, not a time the clause speaks of.
            taken.append(range(m.start(), m.end()))
            return
        taken.append(range(m.start(), m.end()))
        found.append((m.start(), when))

    def year_end(m: re.Match[str]) -> When:
        year = int(m[2])
        whole_year = m[3] == "全年"
        as_of = bool(_AS_OF_CUE.search(text[: m.start()]))  # 截至2024年底: a day things stood
        return When(
            date(year, 1, 1) if whole_year else None,
            date(year, 12, 31),
            bool(m[1] or m[3] or m[4]) and not as_of,
        )

    def relative_year(m: re.Match[str]) -> When:
        year = issued.year + _RELATIVE_YEAR[m[0]]
        return When(None, date(year, 12, 31), year >= issued.year)

    def bare_month(m: re.Match[str]) -> When:
        """5月 in a letter of July is this May; 9月底前, a deadline, is the next September."""
        month = int(m[1])
        if m[2]:
            year = issued.year if month >= issued.month else issued.year + 1
            return When(None, last_day(year, month), True)
        year = issued.year if month <= issued.month else issued.year - 1
        return When(None, last_day(year, month), False)

    def year_half(m: re.Match[str]) -> When:
        year = int(m[1])
        if m[2] == "上半年":
            return When(date(year, 1, 1), date(year, 6, 30), True)
        return When(date(year, 7, 1), date(year, 12, 31), True)

    def year_part(m: re.Match[str]) -> When:
        if m[3] == "上半年":
            return When(date(issued.year, 1, 1), date(issued.year, 6, 30), True)
        if m[3] == "下半年":
            return When(date(issued.year, 7, 1), date(issued.year, 12, 31), True)
        return When(None, date(issued.year, 12, 31), True)

    readings: list[tuple[re.Pattern[str], Callable[[re.Match[str]], When]]] = [
        (_SINCE, lambda m: When(date(int(m[1]), 1, 1), issued, False)),
        (_RANGE, lambda m: When(date(int(m[1]), 1, 1), date(int(m[2]), 12, 31), True)),
        (
            _MONTHS,
            lambda m: When(date(int(m[1]), int(m[2]), 1), last_day(int(m[1]), int(m[3])), False),
        ),
        (
            _DAY,
            lambda m: When(None, date(int(m[1]), int(m[2]), int(m[3])), False, exact_day=True),
        ),
        (
            _MONTH_BY,
            lambda m: When(
                None,
                last_day(int(m[1]), int(m[2])),
                ("前" in m[0] or m[0][0] in "到至") and not _AS_OF_CUE.search(text[: m.start()]),
            ),
        ),
        (_YEAR_HALF, year_half),
        (_YEAR_BY, year_end),
        (
            _YEARS_WITHIN,  # before 年内, which it holds
            lambda m: When(None, date(issued.year + _COUNT[m[1]] - 1, 12, 31), True),
        ),
        (_RELATIVE, relative_year),
        (_YEAR_PART, year_part),
        (_BARE_MONTH, bare_month),
        (_NOW, lambda m: When(None, issued, False, exact_day=True)),
    ]
    absolute = (_RANGE, _MONTHS, _DAY, _MONTH_BY, _YEAR_HALF, _YEAR_BY)
    for pattern, read in readings:
        if not relative and pattern not in absolute:
            continue
        for m in pattern.finditer(text):
            try:
                when = read(m)
            except (ValueError, OverflowError):
                continue  # no such day (month 13, year 0, a year past 9999): not a time
            add(m, when)
    return sorted(found, key=lambda item: item[0])
