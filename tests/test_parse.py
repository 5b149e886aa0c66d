from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pledgecli.parse import parse_date, parse_number

D = date.fromisoformat


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-07-08", "2024-07-08"),
        ("2024/7/8", "2024-07-08"),
        ("2024.7.8", "2024-07-08"),
        ("20240708", "2024-07-08"),
        ("2024年7月8日", "2024-07-08"),
        ("２０２４年７月８日", "2024-07-08"),
        (" 2024 年 7 月 8 日 ", "2024-07-08"),
        ("2024-07", "2024-07-31"),
        ("2024年2月", "2024-02-29"),
        ("2024年1-4月", "2024-04-30"),
        ("2024年1—4月", "2024-04-30"),
        ("2024年1至4月", "2024-04-30"),
        ("2024年", "2024-12-31"),
        ("2025年底", "2025-12-31"),
    ],
)
def test_dates_people_write(text: str, expected: str) -> None:
    assert parse_date(text) == D(expected)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2024-02-30", "is not a calendar date"),
        ("2023年2月29日", "is not a calendar date"),
        ("2024-13", "there is no month 13"),
        ("2024年4-1月", "ends before it starts"),
        ("next week", "is not a date"),
        ("", "is not a date"),
    ],
)
def test_impossible_dates_say_why(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_date(text)


@pytest.mark.parametrize(
    ("text", "unit", "expected"),
    [
        ("1513", None, 1513),
        ("1,513", None, 1513),
        ("1,234,567.5", None, 1234567.5),
        ("１５１３", None, 1513),
        ("3500批次", "批次", 3500),
        ("3,612 批次", "批次", 3612),
        ("-2", None, -2),
        ("−2", None, -2),
        ("1750.04", "万元", 1750.04),
        (".5", None, 0.5),
        ("1.5E+07", None, 15_000_000),
    ],
)
def test_numbers_people_write(text: str, unit: str | None, expected: float) -> None:
    assert parse_number(text, unit) == expected


@pytest.mark.parametrize("text", ["", "abc", "1,5", "12,34", "5个", "nan", "inf", "1.2.3"])
def test_not_numbers(text: str) -> None:
    with pytest.raises(ValueError, match="is not"):
        parse_number(text, "批次")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("1e400", "'1e400' is too large"),
        ("1e308", "'1e308' is too large"),
        ("-2e15", "'-2e15' is too large"),
        ("1" * 400, "'111111111111111111111111111111111111111…' is too large"),
        ("1e-10", "'1e-10' is too small"),
    ],
)
def test_numbers_beyond_what_can_be_summed_are_refused(text: str, reason: str) -> None:
    """Bounded numbers keep every sum, progress and pace finite: none can crash a reading."""
    with pytest.raises(ValueError, match=re.escape(reason)):
        parse_number(text)


def test_the_bounds_themselves_are_numbers() -> None:
    assert parse_number("1e15") == 1e15
    assert parse_number("-1,000,000,000,000,000") == -1e15
    assert parse_number("1e-9") == 1e-9
    assert parse_number("0") == 0


days = st.dates(min_value=D("1900-01-01"), max_value=D("2999-12-31"))


@given(days)
def test_every_day_round_trips_in_every_spelling(day: date) -> None:
    for text in (
        day.isoformat(),
        f"{day.year}/{day.month}/{day.day}",
        f"{day.year}年{day.month}月{day.day}日",
        day.strftime("%Y%m%d"),
    ):
        assert parse_date(text) == day


@given(days)
def test_a_month_means_its_last_day(day: date) -> None:
    end = parse_date(f"{day.year}年{day.month}月")
    assert end.month == day.month and (end + timedelta(days=1)).day == 1


def _full_width(text: str) -> str:
    return text.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789"})


@given(
    st.integers(min_value=-(10**12), max_value=10**12), st.sampled_from(["", "个", "批次", "人次"])
)
def test_integers_round_trip_with_separators_full_width_and_unit(n: int, unit: str) -> None:
    for text in (str(n), f"{n:,}", _full_width(f"{n:,}")):
        assert parse_number(text + unit, unit or None) == n


@given(
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e15, max_value=1e15).filter(
        lambda x: x == 0 or abs(x) >= 1e-9
    )
)
def test_floats_round_trip(x: float) -> None:
    assert parse_number(repr(x)) == x
    assert parse_number(f"{x:E}") == pytest.approx(x, rel=1e-6)


def _outcome(parse: object, text: str) -> object:
    try:
        return parse(text)  # type: ignore[operator]
    except ValueError as exc:
        return type(exc)


@given(st.from_regex(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", fullmatch=True))
def test_a_plain_iso_day_reads_as_its_full_width_spelling_does(text: str) -> None:
    """ISO days skip normalising: they read (or are refused) as the spelling that does not."""
    assert _outcome(parse_date, text) == _outcome(parse_date, _full_width(text))


@given(st.from_regex(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?", fullmatch=True))
def test_a_plain_number_reads_as_the_normalising_path_reads_it(text: str) -> None:
    """Plain numbers skip normalising: they read (or are refused) as the same number does
    with a blank around it, which only the normalising path takes."""
    assert _outcome(parse_number, text) == _outcome(parse_number, f" {text} ")
