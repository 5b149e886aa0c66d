"""What a figure counts, and the id a proposal gets: the words a person reads in a table."""

from __future__ import annotations

import re

from pledgecli.extract.numbers import Quantity
from pledgecli.model import COMPARATOR_BEFORE, Proposal

_METRIC_CHARS = re.compile(r"[“”‘’\u4e00-\u9fffA-Za-z]+")
_METRIC_STOP = re.compile(
    r"的|和|及|与|以上|以内|以下|左右|等|为|到|已|将|正|均|共|分别|在|进行|开展|获得|取得|参加|签订|筹建|\d"
)
_LEADING = re.compile(
    r"^(?:并|同时|其中|另外|此外|以|与|和|对|为|推动|共计|共有|共|累计|已经|已|初步|目前|全市|获"
    r"|力争|确保|计划|拟|将|把|到|使|再)+"
)
# Words that end a metric's name before its number: comparators, and 约, 近, 达, 共 ….
_TRAILING_WORDS = {
    *COMPARATOR_BEFORE, "高达", "扩大到", "增加到", "提高到", "缩短至", "压缩至", "扩充至", "约",
    "近", "达", "共", "分别", "稳定在", "保持在",
}  # fmt: skip
_TRAILING = re.compile("(?:" + "|".join(sorted(_TRAILING_WORDS, key=len, reverse=True)) + ")+$")
_YEARS = re.compile(
    r"\d{4}(?:年)?(?:-|—|至|到)?(?:\d{4})?年(?:\d{1,2}(?:-\d{1,2})?月)?(?:全年|底前|以来|内)?|今年|年内|明年|每年"
)
_METRIC_ORG = re.compile(
    r"(?:[\u4e00-\u9fff]{2,3}市)?市?[\u4e00-\u9fff]{1,8}?(?:局|委员会|办公室|政府|中心)"
)


def metric_of(
    clause: str, q: Quantity, taken: int, previous: str | None, lead: int
) -> tuple[str, int]:
    """What is counted, and where the words used for it end.

    The noun after the unit (5个服务平台) comes first; else the words before the
    number, from the end of what the previous number used (1018家小微企业1513人次
    counts 培训, not 小微企业); a list joined by 、 shares the first one's words.
    """
    after = _METRIC_CHARS.match(clause[q.end :])
    if after:
        noun = _METRIC_STOP.split(after[0], maxsplit=1)[0]
        if len(noun.strip("“”‘’")) >= 2:
            return noun, q.end + len(noun)
    gap = clause[taken : q.start]
    if previous and gap.strip() == "、":
        return previous, q.end
    before = gap.strip("、") or clause[:lead]
    before = _TRAILING.sub("", _LEADING.sub("", _YEARS.sub("", before).strip("，、 ")))
    if org := _METRIC_ORG.match(before):
        before = before[org.end() :]
    return before.strip("，、 ") or q.unit, q.end


def _slug(text: str) -> str:
    return re.sub(r"[^\w]+", "", text)[:16] or "item"


def name_commitments(proposals: list[Proposal]) -> None:
    """Readable, unique ids: the metric and the deadline's year (服务平台-2025)."""
    seen: dict[str, int] = {}
    for p in proposals:
        base = _slug(p.metric) + (f"-{p.deadline.year}" if p.deadline else "")
        seen[base] = seen.get(base, 0) + 1
        p.id = base if seen[base] == 1 else f"{base}-{seen[base]}"
