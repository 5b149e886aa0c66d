"""Repair what PDF conversion does to a letter, so that sentences are whole again.

The cleaned text is what every later stage reads, and every quote is an exact
substring of it.
"""

from __future__ import annotations

import re

# Full-width digits, Latin letters, %, . and the ideographic space become ASCII;
# Chinese punctuation (，。；：“”（）) is kept as written.
_FULL_WIDTH = {c: c - 0xFEE0 for c in range(0xFF10, 0xFF1A)}  # ０-９
_FULL_WIDTH |= {c: c - 0xFEE0 for c in range(0xFF21, 0xFF3B)}  # Ａ-Ｚ
_FULL_WIDTH |= {c: c - 0xFEE0 for c in range(0xFF41, 0xFF5B)}  # ａ-ｚ
_FULL_WIDTH |= {0xFF05: ord("%"), 0xFF0E: ord("."), 0xFF0D: ord("-")}
# Between cells of a table written as text: a tab, an ideographic space, or a run of spaces.
_CELL_GAP = re.compile(r"[ \t]*(?:\t|\u3000|  )[ \t\u3000]*")

_PAGE_NUMBER = re.compile(
    r"(?:[-—–]\s*)?(?:第\s*)?\d{1,3}(?:\s*页)?(?:\s*[-—–])?|\d{1,3}\s*/\s*\d{1,3}"
)
# A line that ends a paragraph: terminal punctuation, or a closing bracket after it.
_ENDS = re.compile(r"(?:[。！？；：…]|(?<!\d)[:;!?])['’”」』)）]?$")
_CJK = r"\u4e00-\u9fff\u3000-\u303f\uff00-\uffef“”‘’《》〔〕"
_SPACE_AROUND_CJK = re.compile(
    rf"(?<=[{_CJK}])[ ]+(?=[\w%])|(?<=[\w%])[ ]+(?=[{_CJK}])|(?<=[{_CJK}])[ ]+(?=[{_CJK}])"
)
# Header and heading lines are short and end without punctuation; body lines that
# PDF conversion broke are long. This is the length between the two.
HEADING_LENGTH = 40
# A line that opens a numbered item (1. , （二）, 三、) starts a paragraph of its own, even
# after a long line with no end mark: the rows of a task table are such lines.
_ITEM_START = re.compile(
    r"(?:\d{1,2}[.．、](?!\d)|[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}、)"
)


# A line of cells (联系人：…\t电话：…, a row scraped as 项目 | 目标 |) is whole as it is; a
# signing date stands on its own line.
_STANDS_ALONE = re.compile(r"\t|[|｜]\s*$")
_DATE_ALONE = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日")
_RECIPIENT = re.compile(r"[^，。；,;]{2,30}[：:]")  # 刘锦代表： opens the letter's body
_NUMBER_ALONE = re.compile(r"[\u4e00-\u9fff]{1,12}[〔\[［(（]\d{4}[〕\]］)）]\d+号")


# A table scraped from a web page (序号 | 项目 | 年度目标 |) or written as 任务:… / 目标:…
_PIPE = re.compile(r"\s*[|｜]\s*")
_SLASH = re.compile(r"\s+/\s+")


def _cells(line: str) -> str:
    """A line with its cells apart by tabs, whatever separated them."""
    if line.count("|") + line.count("｜") >= 2:
        line = _PIPE.sub("\t", line.strip().strip("|｜"))
    elif len(_SLASH.findall(line)) >= 2:
        line = _SLASH.sub("\t", line)
    return _CELL_GAP.sub("\t", line).strip(" \t\u3000")


def clean(raw: str) -> str:
    """Paragraphs, one a line, with page numbers gone and broken lines joined."""
    lines = [_cells(line) for line in raw.translate(_FULL_WIDTH).splitlines()]
    paragraphs: list[str] = []
    current = ""
    for line in lines:
        if not line or _PAGE_NUMBER.fullmatch(line):
            continue
        if current and (
            _ENDS.search(current)
            or len(current) < HEADING_LENGTH
            or _ITEM_START.match(line)
            or _STANDS_ALONE.search(current)
            or _DATE_ALONE.fullmatch(line)
            or _NUMBER_ALONE.fullmatch(line)
            or _RECIPIENT.fullmatch(line)
        ):
            paragraphs.append(current)
            current = ""
        current += line
    if current:
        paragraphs.append(current)
    return "\n".join(_SPACE_AROUND_CJK.sub("", p) for p in paragraphs) + "\n"
