"""The words around a number that say what it is: a comparator, a time, a promise or a fact."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from pledgecli.model import COMPARATOR_AFTER, COMPARATOR_BEFORE
from pledgecli.parse import last_day

# -- comparators ---------------------------------------------------------------------------

# Words that end a level's run-up (缩短至20分钟以内): the level is a ceiling to fall to.
_DOWN_TO = ("缩短至", "缩短到", "压缩至", "压缩到", "降低至", "减少到", "减少至", "下降至", "降到")
_BEFORE_WORDS: dict[str, str] = {
    **COMPARATOR_BEFORE,
    **dict.fromkeys(_DOWN_TO, "<="),
    **dict.fromkeys(
        (
            "达",
            "高达",
            "提高到",
            "提高至",
            "增加到",
            "增加至",
            "扩大到",
            "扩充至",
            "扩展到",
            "提升到",
            "提升至",
            "上升到",
            "力争达到",
        ),
        ">=",
    ),  # fmt: skip
    **dict.fromkeys(("约", "大约", "约为"), "≈"),
    **dict.fromkeys(("稳定在", "保持在", "稳定保持在", "维持在", "保持"), "="),
}
_BEFORE = re.compile("(?:" + "|".join(sorted(_BEFORE_WORDS, key=len, reverse=True)) + ")$")
_AFTER = [(re.compile(r"^(?:左右|上下)"), "≈")] + [
    (re.compile("^" + word), comparator)
    for word, comparator in sorted(COMPARATOR_AFTER.items(), key=lambda w: -len(w[0]))
]
# A level held (稳定在95%) points nowhere; with 以上 it is a floor, with 左右 an estimate.
_HELD = "="


def comparator_near(before: str, after: str) -> str | None:
    """The comparator the words around a number give it.

    After the number (以上, 以内, 左右) wins over before it (控制在, 达到), except that 约
    before it and 左右 after it make any of them approximate, and 稳定在 takes the direction
    of a 以上 or 以下 after it."""
    m = _BEFORE.search(before)
    said = _BEFORE_WORDS[m[0]] if m else None
    for pattern, comparator in _AFTER:
        if pattern.search(after):
            return comparator
    return said


# -- promises and facts ----------------------------------------------------------------------

TARGET_WORDS = re.compile(
    r"不少于|不低于|不小于|至少|达到|突破|超过|不超过|不高于|控制在|以内|以上|提高到|缩短至|压缩至|下降到|降至"
)
PROMISE = re.compile(
    r"力争|确保|计划|拟|目标|争取|设定|预计|努力|要(?!求|点|素|件|事)|"
    r"将(?![^，。；]{0,12}(?:列入|纳入|作为))"
    r"|下一步|今后|接下来|重点做好|重点抓好|着力"
)
ACHIEVED = re.compile(r"已经|已|共计|共有|累计|截至|截止|目前|现有|初步|完成了|实现了|达到了|获评")
# A change against another time is not a level of its own (比2023年增加41.4%, 同比增长6.5%).
RELATIVE = re.compile(
    r"(?:比|较|与)(?:上年|去年|上一年|同期|去年同期|上年同期|\d{4}年(?:底|末)?|“十[一二三四五]五”末)"
    r"[^，。；]{0,10}?(?:增加|增长|提高|减少|下降|降低|上升|回落|多|少)|同比|环比"
)
TITLE = re.compile(r"《[^》《\n]{0,120}》")  # bounded: an unclosed 《 costs nothing

# -- times ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class When:
    """A time a clause speaks of. `end` is None for a time relative to a letter with no date."""

    start: date | None
    end: date | None
    deadline_word: bool  # 到…年, …年底前, 年内: a deadline, not just a period
    exact_day: bool = False  # 2月9日: a day something happened or is due
    as_of: bool = False  # 截至…, 目前: the day figures stood
    back: bool = False  # 届时: the time said before it


@dataclass(frozen=True)
class Calendar:
    """What times are counted from: the letter's date (None when it gives none), the year
    that 全年 and 年底前 mean (a section on 2024 means 2024), and the plan's period, which
    三年内 in a three-year plan spans."""

    issued: date | None
    year: int | None = None
    plan: tuple[int, int] | None = None

    @property
    def this_year(self) -> int | None:
        return self.year or (self.issued.year if self.issued else None)


_CN = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
       "十": 10, "1": 1, "2": 2, "3": 3, "4": 4, "5": 5, "6": 6, "7": 7, "8": 8, "9": 9}  # fmt: skip
_PLAN_PERIODS = {"十三五": (2016, 2020), "十四五": (2021, 2025), "十五五": (2026, 2030),
                 "十六五": (2031, 2035)}  # fmt: skip
_DASH = r"\s*(?:-|—|–|~|－|至|到)\s*"
_BY = r"(?:(?<![截止])(?P<by>到|至))?(?:在|于)?"
_BEFORE_WORD = r"(?P<before>前|以前|之前|内|以内)?"
_REL = r"(?P<rel>今年|本年度?|当年|明年|次年|去年|上年|上一年|后年)"
_REL_YEAR = {"今年": 0, "本年": 0, "本年度": 0, "当年": 0, "明年": 1, "次年": 1, "后年": 2,
             "去年": -1, "上年": -1, "上一年": -1}  # fmt: skip
_YEAR_OR_REL = rf"(?:(?P<y>\d{{4}})年|{_REL})"
_AS_OF_CUE = re.compile(r"(?:截至|截止到|截止|到目前)\s*$")
_BASE = re.compile(r"(?:较|比|与|相比|同|对比|相对于)\s*$")
_FROM_YEAR = re.compile(r"(\d{4})年(?:起|开始)[^。]{0,12}$")
# 2000年以前建成的老旧小区: a year that says which ones are counted, not when.
_QUALIFIER_AFTER = re.compile(r"[\u4e00-\u9fff]{0,4}?(?:建成|建设|修建|竣工|出生|投用|登记|认定)的")
_BASE_AFTER = re.compile(r"的\s*[\d一二两三四五六七八九十]")

_DATE_FORMS: list[tuple[str, str]] = [
    # The longest and most specific first: a later form never takes a span an earlier took.
    ("since", rf"{_YEAR_OR_REL}(?:\d{{1,2}}月(?:份)?)?以来|一年来|近年来"
              r"|近[两二三四五六七八九十\d]年(?:来|以来)?"),
    ("range", rf"{_BY}(?P<y>\d{{4}})\s*(?:年)?{_DASH}(?P<y2>\d{{4}})\s*年(?:间|期间)?"),
    ("months", rf"{_YEAR_OR_REL}?(?P<m1>\d{{1,2}})(?:月)?{_DASH}(?P<m2>\d{{1,2}})月(?:份)?(?:底|末)?"),
    ("day_range", rf"{_YEAR_OR_REL}?(?P<m>\d{{1,2}})月(?P<d>\d{{1,2}})日{_DASH}"
                  r"(?:(?P<m2>\d{1,2})月)?(?P<d2>\d{1,2})日"),
    ("day", rf"{_BY}{_YEAR_OR_REL}?(?P<m>\d{{1,2}})月(?P<d>\d{{1,2}})日{_BEFORE_WORD}"),
    ("month", rf"{_BY}{_YEAR_OR_REL}?(?P<m>\d{{1,2}})月(?:份)?"
              rf"(?P<end>底|末|中旬|下旬|上旬)?{_BEFORE_WORD}"),
    ("half", rf"{_BY}{_YEAR_OR_REL}?(?P<half>上半年|下半年)(?:末|底)?{_BEFORE_WORD}"),
    ("quarter", rf"{_BY}{_YEAR_OR_REL}?第?(?P<q>[一二三四1-4])季度(?:末|底)?{_BEFORE_WORD}"),
    ("plan", r"(?:(?<![截止])(?P<by>到|至))?[“\"]?(?P<p>十[三四五六]五)[”\"]?"
             r"(?P<part>末期|期末|末|时期|期间|以来)"),
    ("year", rf"{_BY}{_YEAR_OR_REL}(?P<part>年底|年末|全年|年内|底|末|内|度)?{_BEFORE_WORD}"
             r"(?P<from>起|开始)?"),
    ("within", r"(?:用|在)?(?P<n>[两二三四五六七八九十\d])年(?:内|之内|以内|时间|左右时间)"),
    ("this_year", r"(?P<part>年内|全年|年底|年末|年度内)(?P<before>前|以前)?"),
    ("back", r"届时"),
    # 汛期前, 开学前, 春节前: a deadline on a day no calendar gives; due, on a day unknown
    ("vague", r"(?:主)?汛(?:期)?前|(?:新)?(?:学期|学年)?开学前|春节前|国庆前|入冬前|冬季来临前|供暖季前"
              r"|(?:下|新)学期前"),
    ("now", r"截至目前|目前|当前|现阶段|至今|现已"),
]  # fmt: skip
_FORMS = [(name, re.compile(pattern)) for name, pattern in _DATE_FORMS]


def _group(m: re.Match[str], name: str) -> str | None:
    return m.groupdict().get(name)


def _year(m: re.Match[str], cal: Calendar) -> int | None:
    """The year a match names: as written, relative to the letter's date, or this year."""
    if y := _group(m, "y"):
        return int(y)
    if rel := _group(m, "rel"):
        if rel == "当年":
            return cal.this_year  # that year: the one the part speaks of
        if rel in ("今年", "本年", "本年度"):
            return cal.issued.year if cal.issued else None
        return cal.issued.year + _REL_YEAR[rel] if cal.issued else None
    return cal.this_year


def _deadline(m: re.Match[str]) -> bool:
    return bool(_group(m, "by") or _group(m, "before"))


def _when(name: str, m: re.Match[str], cal: Calendar, as_of: bool, before: str) -> When | None:
    """What one matched time phrase means, or None when it is not a time of the clause."""
    issued = cal.issued
    if name == "since":
        year = _year(m, cal) if _group(m, "y") or _group(m, "rel") else None
        return When(date(year, 1, 1) if year else None, issued, False, as_of=True)
    if name == "range":
        first, last = int(m["y"]), int(m["y2"])
        return When(date(first, 1, 1), date(last, 12, 31), True) if first <= last else None
    if name == "plan":
        first, last = _PLAN_PERIODS[m["p"]]
        if m["part"] == "以来":
            return When(date(first, 1, 1), issued, False, as_of=True)
        if m["by"] or m["part"] in ("末", "末期", "期末"):
            return When(None, date(last, 12, 31), True)  # 到“十四五”末: a deadline
        return When(date(first, 1, 1), date(last, 12, 31), False)  # “十五五”时期: a period
    if name == "back":
        return When(None, None, True, back=True)
    if name == "vague":
        return When(None, None, True)
    if name == "now":
        return When(None, issued, False, exact_day=True, as_of=True)
    if name == "within":
        n = _CN.get(m["n"], 0)
        if cal.plan and cal.plan[1] - cal.plan[0] + 1 == n:
            return When(None, date(cal.plan[1], 12, 31), True)  # 三年内 in a three-year plan
        begin = cal.plan[0] if cal.plan else (issued.year if issued else None)
        if since := _FROM_YEAR.search(before):
            begin = int(since[1])  # 自2026年起，力争用三年时间: counted from 2026
        return When(None, date(begin + n - 1, 12, 31) if begin else None, True) if n else None
    year = _year(m, cal)
    if year is None:
        return When(None, None, True)  # counted from a date the letter does not give
    deadline = _deadline(m) and not as_of
    if name == "day_range":  # 10月22日至11月5日: a period, not a deadline
        opens = date(year, int(m["m"]), int(m["d"]))
        closes = date(year, int(m["m2"] or m["m"]), int(m["d2"]))
        return When(opens, closes, False, as_of=as_of) if opens <= closes else None
    if name == "months":
        first, last = int(m["m1"]), int(m["m2"])
        return When(date(year, first, 1), last_day(year, last), False, as_of=as_of)
    if name == "day":
        day = date(year, int(m["m"]), int(m["d"]))
        if not _group(m, "y") and not _group(m, "rel") and issued and deadline and day < issued:
            day = date(year + 1, day.month, day.day)  # 3月1日前 in a letter of June: next March
        return When(None, day, deadline, exact_day=not deadline, as_of=as_of)
    if name == "month":
        month = int(m["m"])
        if not _group(m, "y") and not _group(m, "rel") and issued and not cal.year:
            # 9月底前 in a letter of March is this September, 3月底前 in June the next March;
            # 5月 in June is this May, and 11月末 in August this November.
            if deadline and month < issued.month:
                year += 1
        end = date(year, month, 20) if m["end"] == "中旬" else last_day(year, month)
        if m["end"] == "上旬":
            end = date(year, month, 10)
        return When(date(year, month, 1), end, deadline, as_of=as_of)
    if name == "half":
        first = 1 if m["half"] == "上半年" else 7
        return When(date(year, first, 1), last_day(year, first + 5), not as_of, as_of=as_of)
    if name == "quarter":
        q = _CN[m["q"]]
        return When(date(year, 3 * q - 2, 1), last_day(year, 3 * q), not as_of, as_of=as_of)
    if name == "year":
        part = m["part"]
        if part == "度" and not _group(m, "rel"):
            return When(date(year, 1, 1), date(year, 12, 31), False, as_of=as_of)
        whole = part == "全年" or m["from"] is not None or (not part and not deadline)
        deadline = (deadline or part in ("底", "末", "年底", "年末", "年内", "内")) and not as_of
        return When(date(year, 1, 1) if whole else None, date(year, 12, 31), deadline, as_of=as_of)
    if name == "this_year":
        part = m["part"]
        start = date(year, 1, 1) if part == "全年" else None
        return When(start, date(year, 12, 31), part != "全年" or bool(m["before"]))
    return None  # pragma: no cover - every form is read above


def times_in(text: str, cal: Calendar | date | None) -> list[tuple[int, When]]:
    """Every time phrase in `text`, with its position; titles in 《》 and base years of a
    comparison (较2020年, 2024年的1.5倍) are not times the text speaks of.

    With no letter date, times counted from it (今年, 年底前, 9月底前) are found but left
    with no day (end None): neither lost nor guessed."""
    if not isinstance(cal, Calendar):
        cal = Calendar(cal)
    text = TITLE.sub(lambda m: "※" * len(m[0]), text)
    found: list[tuple[int, When]] = []
    taken: list[tuple[int, int]] = []
    for name, pattern in _FORMS:
        for m in pattern.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            taken.append((m.start(), m.end()))
            if _BASE.search(text[: m.start()]) or _BASE_AFTER.match(text, m.end()):
                continue
            if _QUALIFIER_AFTER.match(text, m.end()):
                continue
            as_of = bool(_AS_OF_CUE.search(text[: m.start()]))
            try:
                when = _when(name, m, cal, as_of, text[: m.start()])
            except (ValueError, OverflowError):
                continue  # no such day (month 13, year 0): not a time
            if when is not None:
                found.append((m.start(), when))
    return sorted(found, key=lambda item: item[0])


def named_year(text: str) -> int | None:
    """The first year a text names (2030年目标 → 2030), if a plausible one."""
    m = re.search(r"(\d{4})年", text)
    return int(m[1]) if m and 1900 < int(m[1]) < 10000 else None
