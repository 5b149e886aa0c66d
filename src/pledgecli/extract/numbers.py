"""Numbers with their units, as written: 3500批次, 1,513人次, 五个, 百分之十五, 55万人次, 4亿元."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from pledgecli.parse import LARGEST

_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_SMALL = {"十": 10, "百": 100, "千": 1000}
_LARGE = {"万": 10_000, "亿": 100_000_000}
_MAGNITUDE = {**_LARGE, "万亿": 1_000_000_000_000}
CHINESE_NUMERAL = "零〇一二两三四五六七八九十百千万亿"

# Tried longest first, so that 人次 wins over 人, 个百分点 over 个 and 台件 over 台.
UNITS = (
    "微克/立方米", "毫克/立方米", "立方米/秒", "立方米/日", "毫克/升", "吨/日", "吨/年",
    "万千瓦时", "个工作日", "个百分点", "平方公里", "平方米", "立方米",
    "千瓦时", "吨标准煤", "标准箱", "百分点", "场次", "批次", "人次", "家次", "户次", "车次", "班次",
    "架次", "公里", "千米", "公顷", "千瓦", "兆瓦", "分钟", "小时", "学时", "课时", "公斤", "千克",
    "个", "家", "名", "所", "项", "座", "宗", "起", "件", "条", "场", "台", "套", "吨", "亩", "处",
    "支", "辆", "张", "间", "床", "部", "期", "轮", "对", "倍", "册", "份", "块", "届", "栋", "幢",
    "人", "户", "元", "次", "天", "分", "株", "棵", "头", "只", "例", "位", "本", "篇", "门", "节",
    "艘", "列", "趟", "笔", "片", "口", "眼", "盏", "米", "美元", "斤", "个月", "台件", "%", "‰",
    "PFlops", "EFlops", "TFlops", "MW", "GW", "kWh", "kW", "TEU", "Gbps", "Mbps",
)  # fmt: skip
_UNIT = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
_ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# A number, an optional 余 (more than), an optional magnitude, then a unit — or a
# magnitude alone (减免费用474.2万), or a rate per population (10/10万).
NUMBER = re.compile(
    rf"(?<![\d.,])(?P<num>{_ARABIC}|[{CHINESE_NUMERAL}]+)(?P<more>余|多)?"
    rf"(?:(?P<rate>/(?:10万|万|千|百|10万人|万人|千人|百人))"
    rf"|(?P<mag>万亿|[万亿])(?P<unit_after_mag>{_UNIT})?|(?P<unit>{_UNIT}))(?P<per>/人(?![次]))?"
)
# An index or a span that has no unit of its own, or one only some words give: 综合指数3.86,
# 基尼系数0.32, 平均受教育年限11.5年, 人均预期寿命80.5岁.
_BARE = re.compile(
    r"(?:(?P<index>指数|系数|(?<=死亡|发生|事故|患病|感染)率)|(?P<years>年限|寿命))"
    r"(?:[^，。；\d]{0,6}?)(?P<num>\d+(?:\.\d+)?)(?![\d.])(?P<unit>(?(years)[年岁]|))"
)
PERCENT_WORDS = re.compile(r"百分之(?P<num>[零〇一二两三四五六七八九十百点]+|\d+(?:\.\d+)?)")


def chinese_to_number(text: str) -> float:
    """五 → 5, 十二 → 12, 两千 → 2000, 三千五百 → 3500, 一万二千 → 12000, 三点五 → 3.5."""
    if "点" in text:
        whole, _, fraction = text.partition("点")
        return chinese_to_number(whole or "零") + float(
            "0." + "".join(str(_DIGITS[c]) for c in fraction)
        )
    total = section = digit = 0
    for c in text:
        if c in _DIGITS:
            digit = _DIGITS[c]
        elif c in _SMALL:
            section += (digit or 1) * _SMALL[c]
            digit = 0
        elif c in _LARGE:
            total = (total + section + digit) * _LARGE[c]
            section = digit = 0
        else:
            raise ValueError(f"{text!r} is not a Chinese numeral")
    return float(total + section + digit)


@dataclass(frozen=True)
class Quantity:
    start: int
    end: int
    text: str
    value: float
    unit: str  # as written: 万元, 万人次, 批次, %
    normalized_value: float
    normalized_unit: str
    more_than: bool  # 300余家


# In a table row whose first cell names a span (平均受教育年限), its other cells give years.
_SPAN_WORDS = re.compile(r"年限|寿命")
_SPAN = re.compile(
    r"(?<![\d.])(?P<num>\d{1,2}(?:\.\d+)?)(?P<unit>年|岁)(?![度底末内前后起以来初中])"
)


def find_quantities(text: str, context: str = "") -> list[Quantity]:
    """Every quantity in `text`; `context` is what names what the text counts (a table
    row's first cell), for units that only such words give."""
    found = [
        q
        for m in NUMBER.finditer(text)
        if not text.startswith("之", m.end()) and (q := _quantity(m)) is not None
    ]  # 百分之三十 is read below, not as 百分
    for m in PERCENT_WORDS.finditer(text):
        value = _number(m["num"])
        if value is not None:
            found.append(Quantity(m.start(), m.end(), m[0], value, "%", value, "%", False))
    for m in _BARE.finditer(text):
        at = m.start("num")
        if m["index"] and (NUMBER.match(text, at) or text[m.end() : m.end() + 1] in ("%", "‰")):
            continue  # a number with a unit after all
        if any(q.start <= at < q.end for q in found):
            continue
        value = float(m["num"])
        unit = m["unit"] or ""
        found.append(Quantity(at, m.end(), text[at : m.end()], value, unit, value, unit, False))
    if _SPAN_WORDS.search(context):
        for m in _SPAN.finditer(text):
            if not any(q.start <= m.start() < q.end for q in found):
                value = float(m["num"])
                found.append(Quantity(m.start(), m.end(), m[0], value, m["unit"], value,
                                      m["unit"], False))  # fmt: skip
    return sorted(found, key=lambda q: q.start)


def _number(text: str) -> float | None:
    if text[0].isdigit():
        return float(text.replace(",", ""))
    try:
        return chinese_to_number(text)
    except (ValueError, KeyError):
        return None


def _quantity(m: re.Match[str]) -> Quantity | None:
    raw = m["num"]
    if not raw[0].isdigit() and (raw in ("万", "亿") or raw[-1] in "万亿" and not m["unit"]):
        return None
    value = _number(raw)
    if value is None or not math.isfinite(value) or value > LARGEST:
        return None  # a 400-digit run of figures is not a quantity pledge can track
    if m["rate"]:  # 10/10万: the rate keeps its denominator as its unit
        return Quantity(m.start(), m.end(), m[0], value, m["rate"], value, m["rate"], False)
    magnitude = m["mag"] or ""
    unit_word = (m["unit_after_mag"] or m["unit"] or "") + (m["per"] or "")  # 28万元/人
    unit = magnitude + unit_word
    scale = _MAGNITUDE.get(magnitude, 1)
    return Quantity(
        m.start(), m.end(), m[0], value, unit, value * scale, unit_word, bool(m["more"])
    )
