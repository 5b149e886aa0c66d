"""Parsers for what people type and what Excel saves: dates and numbers.

Pure functions: they take text and return a value or raise ValueError with a
message that says what was expected.
"""

from __future__ import annotations

import calendar
import math
import re
import unicodedata
from datetime import date

from pledgecli.labels import t

_DAY = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DAY_CN = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})[日号]")
_COMPACT_DAY = re.compile(r"(\d{4})(\d{2})(\d{2})")
_MONTH = re.compile(r"(\d{4})[-/.](\d{1,2})")
# 2024年7月, 2024年1-4月 and 2024年1至4月 (a range ends on its last month)
_MONTH_CN = re.compile(r"(\d{4})年(?:(\d{1,2})(?:-|~|至|到))?(\d{1,2})月(?:份|底|末)?")
_YEAR_CN = re.compile(r"(\d{4})年(?:底|末|全年)?")

# Hyphens, en and em dashes and the minus sign all mean '-'; the wave dash
# (2024年1〜4月) means '~', as the full-width tilde already does after NFKC.
_DASHES = {ord(c): "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"} | {0x301C: "~"}

# Excel writes long numbers in scientific notation (1.5E+07) when saving CSV.
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_GROUPED = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?")

# The range of numbers pledge keeps. The largest sum a commitment tracks (a national
# budget in 元 is about 3e13) fits with room to spare, and with every number either 0
# or at least 1e-9 in size, sums, progress and pace stay finite for any history.
LARGEST = 1e15
SMALLEST = 1e-9


def normalize(text: str) -> str:
    """Full-width digits, letters and punctuation to ASCII; dashes to '-'; no spaces."""
    text = unicodedata.normalize("NFKC", text).translate(_DASHES)
    return re.sub(r"\s+", "", text)


def last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _calendar_date(year: int, month: int, day: int, text: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(t("not_calendar_date", text=repr(shorten(text)))) from None


def _month_end(year: int, month: int, text: str) -> date:
    if not 1 <= month <= 12:
        raise ValueError(t("no_such_month", text=repr(shorten(text)), month=month))
    return _calendar_date(year, month, calendar.monthrange(year, month)[1], text)


def parse_date(text: str) -> date:
    """A day, or a month or year meaning its last day.

    Accepts 2024-07-08, 2024/7/8, 2024.7.8, 20240708, 2024年7月8日, 2024-07,
    2024年7月, 2024年1-4月 (the range's last month), 2024年 and 2024年底.
    """
    if _ISO_DAY.fullmatch(text):  # what files mostly hold: no normalising needed
        return _calendar_date(int(text[:4]), int(text[5:7]), int(text[8:]), text)
    clean = normalize(text)
    for pattern in (_DAY, _DAY_CN, _COMPACT_DAY):
        if m := pattern.fullmatch(clean):
            return _calendar_date(int(m[1]), int(m[2]), int(m[3]), text)
    if m := _MONTH.fullmatch(clean):
        return _month_end(int(m[1]), int(m[2]), text)
    if m := _MONTH_CN.fullmatch(clean):
        if m[2] and int(m[2]) > int(m[3]):
            raise ValueError(t("month_range_backwards", text=repr(shorten(text))))
        return _month_end(int(m[1]), int(m[3]), text)
    if m := _YEAR_CN.fullmatch(clean):
        return _calendar_date(int(m[1]), 12, 31, text)
    raise ValueError(t("not_a_date", text=repr(shorten(text))))


def parse_number(text: str, unit: str | None = None) -> float:
    """A reported number: 1513, 1,513, １５１３, 4.5, -2, or with the unit: 3500批次."""
    if _NUMBER.fullmatch(text):  # what files mostly hold: no normalising needed
        return check_magnitude(float(text), text)
    clean = normalize(text)
    if unit:
        clean = clean.removesuffix(normalize(unit))
    if _GROUPED.fullmatch(clean):
        clean = clean.replace(",", "")
    if not _NUMBER.fullmatch(clean):
        shown = repr(shorten(text))
        if unit:
            raise ValueError(t("not_a_number_unit", text=shown, unit=repr(unit)))
        raise ValueError(t("not_a_number", text=shown))
    return check_magnitude(float(clean), text)


def check_magnitude(value: float | int, text: object) -> float:
    """`value` as a float, if pledge can add and divide it without overflow; else ValueError."""
    if isinstance(value, int) and abs(value) > LARGEST:
        raise ValueError(t("too_large", text=_shown(text), largest=f"{LARGEST:,.0f}"))
    value = float(value)
    if math.isnan(value):
        raise ValueError(t("not_a_number", text=_shown(text)))
    if abs(value) > LARGEST:
        raise ValueError(t("too_large", text=_shown(text), largest=f"{LARGEST:,.0f}"))
    if 0 < abs(value) < SMALLEST:
        raise ValueError(t("too_small", text=_shown(text), smallest=f"{SMALLEST:g}"))
    return value


def _shown(text: object) -> str:
    return repr(shorten(str(text)))


def shorten(text: str, limit: int = 40) -> str:
    """Text for a message: a 400-digit number or a 100 KiB cell is cut to what names it."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
