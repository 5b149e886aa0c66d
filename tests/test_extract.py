"""`pledge extract`: each stage alone, the whole on the test letters, and the CLI round trip."""

from __future__ import annotations

import json
import tomllib
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import Run
from extract_score import LETTERS, table
from pledgecli.extract import extract
from pledgecli.extract.clean import clean
from pledgecli.extract.cues import comparator_near, times_in
from pledgecli.extract.numbers import chinese_to_number, find_quantities
from pledgecli.extract.toml import _value, to_toml
from pledgecli.records import parse_bundle

D = date.fromisoformat
# The day the letters are read on when they give no date of their own: pinned, never the clock.
TODAY = date(2026, 11, 26)
LETTER = LETTERS / "a-platforms.txt"


# -- clean -----------------------------------------------------------------------------


def test_clean_joins_broken_lines_and_drops_page_numbers() -> None:
    # A body line broken by the page is long; a heading is short and has no end mark.
    raw = (
        "一、工作情况\n\n截至目前，全市已建成区域性质量服务平台 4 个，累计服务企业 2150 家次，服务平\n\n- 2 -\n\n"
        "台运行良好，服务企业 １,２００ 家次。\n第 3 页\n下一句。\n"
    )
    assert clean(raw) == (
        "一、工作情况\n截至目前，全市已建成区域性质量服务平台4个，累计服务企业2150家次，服务平"
        "台运行良好，服务企业1,200家次。\n下一句。\n"
    )


def test_clean_keeps_short_header_lines_apart() -> None:
    assert (
        clean("珠海市市场监督管理局\n\n珠市监函〔2025〕52号\n")
        == "珠海市市场监督管理局\n珠市监函〔2025〕52号\n"
    )


# -- numbers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [("五", 5), ("十", 10), ("十二", 12), ("二十", 20), ("两千", 2000), ("三千五百", 3500),
     ("一万二千", 12000), ("一千二百", 1200), ("三百五十", 350), ("三点五", 3.5), ("一亿", 1e8)],
)  # fmt: skip
def test_chinese_numerals(text: str, value: float) -> None:
    assert chinese_to_number(text) == value


_DIGIT = "零一二三四五六七八九"


def _chinese(n: int) -> str:
    """A plain way of writing 1..99999 in Chinese numerals, for the property below."""
    out, zero = "", False
    for unit, name in ((10000, "万"), (1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, n = divmod(n, unit)
        if digit:
            out += ("零" if zero and out else "") + _DIGIT[digit] + name
            zero = False
        elif out:
            zero = True
    return out


@given(st.integers(min_value=1, max_value=99999))
def test_every_chinese_numeral_reads_back(n: int) -> None:
    assert chinese_to_number(_chinese(n)) == n


def test_quantities_with_units_magnitudes_and_words() -> None:
    found = find_quantities(
        "培训1018家小微企业1,513人次，超55万人次，投入4亿元，占百分之十五，三千五百批次"
    )
    assert [(q.value, q.unit, q.normalized_value, q.normalized_unit) for q in found] == [
        (1018, "家", 1018, "家"),
        (1513, "人次", 1513, "人次"),
        (55, "万人次", 550000, "人次"),
        (4, "亿元", 4e8, "元"),
        (15, "%", 15, "%"),
        (3500, "批次", 3500, "批次"),
    ]
    assert find_quantities("第133023号提案，电话88160303，2024年7月8日") == []


# -- cues ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after", "comparator"),
    [("不少于", "", ">="), ("不低于", "", ">="), ("不超过", "", "<="), ("控制在", "以内", "<="),
     ("", "以上", ">="), ("达到", "左右", "≈"), ("突破", "", ">="), ("", "", None)],
)  # fmt: skip
def test_comparators(before: str, after: str, comparator: str | None) -> None:
    assert comparator_near(before, after) == comparator


def test_times_resolve_against_the_issue_date() -> None:
    issued = D("2024-07-08")
    spans = {text: times_in(text, issued)[0][1] for text in (
        "到2025年", "2025年底前", "2024年全年", "今年", "明年", "2024-2026年", "2024年1-4月", "截至2024年6月底",
    )}  # fmt: skip
    assert (spans["到2025年"].end, spans["到2025年"].deadline_word) == (D("2025-12-31"), True)
    assert spans["2025年底前"].end == D("2025-12-31")
    assert (spans["2024年全年"].start, spans["2024年全年"].end) == (
        D("2024-01-01"),
        D("2024-12-31"),
    )
    assert spans["今年"].end == D("2024-12-31") and spans["明年"].end == D("2025-12-31")
    assert (spans["2024-2026年"].start, spans["2024-2026年"].end) == (
        D("2024-01-01"),
        D("2026-12-31"),
    )
    assert spans["2024年1-4月"].end == D("2024-04-30")
    assert spans["截至2024年6月底"].end == D("2024-06-30")


def test_titles_and_base_years_are_not_times() -> None:
    issued = D("2024-07-08")
    assert times_in("出台《三年行动方案（2024-2026年）》", issued) == []
    assert [w.end for _, w in times_in("到2025年，能耗较2020年下降14%", issued)] == [
        D("2025-12-31")
    ]


# -- the whole ---------------------------------------------------------------------------


def test_header_fields() -> None:
    result = extract(LETTER.read_text(encoding="utf-8"))
    assert result.document == {
        "doc_number": "珠市监函〔2025〕52号",
        "issuer": "珠海市市场监督管理局",
        "title": "珠海市市场监督管理局关于市政协十四届四次会议第140215号提案答复的函",
        "recipient": "九三学社珠海市委会",
        "issued_on": D("2025-06-20"),
        "reference": "第140215号提案",
        "reply_class": "B",
        "id": "doc-2025-52",
    }


def test_targets_achieved_and_what_is_neither() -> None:
    result = extract(LETTER.read_text(encoding="utf-8"))
    targets = [
        (c.metric, c.comparator, c.value, c.unit, c.kind, c.start, c.deadline)
        for c in result.commitments
    ]
    assert targets == [
        ("区域性质量服务平台", ">=", 12, "个", "level", None, D("2027-12-31")),
        ("服务企业", ">=", 5000, "家次", "flow", None, D("2027-12-31")),
        ("开展产品质量监督抽查", ">=", 2800, "批次", "flow", D("2025-01-01"), D("2025-12-31")),
    ]
    achieved = [(a.value, a.unit, a.on) for a in result.achieved]
    assert {c.owner for c in result.commitments[:2]} == {"珠海市市场监督管理局"}  # 我局
    assert achieved == [
        (6, "个", D("2025-06-20")),
        (2150, "家次", D("2025-06-20")),
        (18.6, "万批次", D("2024-12-31")),
    ]
    values = {c.value for c in result.commitments} | {a.value for a in result.achieved}
    assert not values & {
        12.5,
        52,
        140215,
        22183456,
    }  # a change, the doc number, the proposal, a phone


def test_precision_and_recall_on_the_test_letters_are_at_least_0_9() -> None:
    report, targets, achieved = table()
    print("\n" + report)
    assert targets.precision >= 0.9 and targets.recall >= 0.9, report
    assert achieved.precision >= 0.9 and achieved.recall >= 0.9, report


# -- TOML ------------------------------------------------------------------------------


@given(st.text())
def test_toml_strings_read_back_exactly(text: str) -> None:
    assert tomllib.loads(f"x = {_value(text)}")["x"] == text


def test_toml_attaches_achieved_figures_to_what_they_count() -> None:
    result = extract((LETTERS / "e-damaged.txt").read_text(encoding="utf-8"))
    data = tomllib.loads(to_toml(result, "e-damaged.txt"))
    by_title = {c["title"]: c for c in data["commitments"]}
    assert [f["value"] for f in by_title["建成工业互联网标杆示范项目"]["figures"]] == [42]
    assert by_title["建成工业互联网标杆示范项目"]["target"] == 60
    assert data["documents"][0]["source"] == "e-damaged.txt"


# -- the command --------------------------------------------------------------------------


def test_extract_json_for_scripts(run: Run) -> None:
    result = run("extract", str(LETTER), "--format", "json")
    assert result.exit_code == 0 and result.stderr == ""
    data = json.loads(result.stdout)
    assert data["document"]["issued_on"] == "2025-06-20"
    first = data["commitments"][0]
    assert {k: first[k] for k in ("value", "unit", "comparator", "deadline", "kind")} == {
        "value": 12, "unit": "个", "comparator": ">=", "deadline": "2027-12-31", "kind": "level",
    }  # fmt: skip
    big = next(a for a in data["achieved"] if a["unit"] == "万批次")
    assert (big["value"], big["normalized_value"], big["normalized_unit"]) == (18.6, 186000, "批次")


def test_issued_on_resolves_relative_years(run: Run) -> None:
    data = json.loads(
        run(
            "extract", str(LETTERS / "b-training.txt"), "-f", "json", "--issued-on", "2030-01-15"
        ).stdout
    )
    assert {c["deadline"] for c in data["commitments"] if c["unit"] == "人次"} == {"2031-12-31"}


def test_extract_toml_load_status(run: Run, tmp_path: Path) -> None:
    letter = tmp_path / "来函.txt"
    letter.write_bytes((LETTERS / "c-plan.txt").read_text(encoding="utf-8").encode("gb18030"))
    proposed = tmp_path / "c-plan.toml"
    result = run("extract", str(letter), "--format", "toml", "-o", str(proposed))
    assert result.exit_code == 0, result.output
    assert run("init").exit_code == 0
    loaded = run("load", str(proposed))
    assert loaded.exit_code == 0, loaded.output
    rows = {
        r["title"]: r
        for r in json.loads(run("status", "--as-of", "2024-12-31", "-f", "json").stdout)
    }
    assert rows["市级产品质量监督抽查"]["status"] == "no data"  # due that day, nothing reported
    assert rows["培育省级质量标杆企业"]["target"] == 30
    assert rows["打牢基础"]["kind"] == "milestone"


def test_extract_table_and_a_missing_file(run: Run, tmp_path: Path) -> None:
    out = run("extract", str(LETTER), env={"COLUMNS": "160"}).stdout
    assert (
        "Proposed commitments" in out and "Achieved figures" in out and "区域性质量服务平台" in out
    )
    result = run("extract", str(tmp_path / "none.txt"))
    assert result.exit_code == 5 and "none.txt: no such file" in result.stderr


_LETTER_ALPHABET = list(
    "0123456789０１２年月日到至底前全内今明不少于超过以上以内左右余万亿个家批次人次%，。；、“”《》（）\n 已将力争确保计划建成开展检查行动第号届次会议市局"
)


@given(
    st.text(alphabet=_LETTER_ALPHABET, max_size=300),
    st.dates(min_value=D("2000-01-01"), max_value=D("2099-12-31")),
)
def test_any_text_gives_a_toml_that_load_takes(raw: str, issued: date) -> None:
    result = extract(raw, issued_on=issued)
    parse_bundle(tomllib.loads(to_toml(result)), "proposed.toml")


@given(
    st.integers(min_value=1, max_value=10**6),
    st.sampled_from(["个", "家", "批次", "人次", "万元", "座"]),
    st.sampled_from(["不少于", "达到", "至少"]),
    st.integers(min_value=2025, max_value=2035),
    st.sampled_from(["服务平台", "质量检查", "培训"]),
)
def test_a_stated_target_is_found_with_its_value_unit_and_deadline(
    n: int, unit: str, word: str, year: int, what: str
) -> None:
    """Any number promised by a year is proposed as it is written, whatever the number."""
    text = f"到{year}年，建成{what}{word}{n:,}{unit}。"
    result = extract(text, issued_on=D("2024-07-08"))
    assert [(p.value, p.unit, p.comparator, p.deadline) for p in result.commitments] == [
        (n, unit, ">=", date(year, 12, 31))
    ]
    assert result.achieved == []


# The targets of issue 10: targets P 0.95 / R 0.90, achieved figures P and R 0.90,
# milestones R 0.70 with the right deadline, owner right on 0.80 of matched targets.
TARGETS = {"targets P": 0.95, "targets R": 0.90, "achieved P": 0.90, "achieved R": 0.90,
           "milestones R": 0.70, "owner": 0.80}  # fmt: skip


def _measures(scores: list[Any]) -> dict[str, float]:
    from extract_score import totals

    t = totals([s.targets for s in scores])
    a = totals([s.achieved for s in scores])
    m = totals([s.milestones for s in scores])
    owners = sum(s.owners_right for s in scores) / (t.found or 1)
    return {"targets P": t.precision, "targets R": t.recall, "achieved P": a.precision,
            "achieved R": a.recall, "milestones R": m.recall, "owner": owners}  # fmt: skip


@pytest.mark.parametrize("part", ["held back", "final blind texts", "fresh blind texts"])
def test_the_held_back_and_final_texts_stay_above_the_targets(part: str) -> None:
    """The parts no rule was drawn from until the end of issue 10 (their first reading is in
    tests/letters/README.md): a change that loses ground on them fails here."""
    from extract_score import FINAL, FRESH, HELD_BACK, dev_report, dev_scores

    scores = {
        "held back": lambda: [s for s in dev_scores() if s.targets.name in HELD_BACK],
        "final blind texts": lambda: dev_scores(folder=FINAL),
        "fresh blind texts": lambda: dev_scores(folder=FRESH),
    }[part]()
    measures = _measures(scores)
    assert all(measures[k] >= floor for k, floor in TARGETS.items()), dev_report()


@pytest.mark.parametrize("folder", ["dev", "extra", "blind"])
def test_the_development_texts_keep_the_ground_gained(folder: str) -> None:
    """A floor under the parts the rules were drawn from, a little below where they stand."""
    from extract_score import BLIND, EXTRA, HELD_BACK, dev_report, dev_scores

    scores = {
        "dev": [s for s in dev_scores() if s.targets.name not in HELD_BACK],
        "extra": dev_scores(folder=EXTRA),
        "blind": dev_scores(folder=BLIND),
    }[folder]
    measures = _measures(scores)
    floors = {**TARGETS, "achieved P": 0.80, "milestones R": 0.90}
    assert all(measures[k] >= floor for k, floor in floors.items()), dev_report()


@pytest.mark.parametrize("folder", ["dev", "blind", "extra", "final", "fresh"])
def test_the_corpus_keys_agree_with_their_texts(folder: str) -> None:
    """Every quote in its text once, values following raw values, dates in order: the
    corpus author's checker, so a key edited by hand cannot drift from its text."""
    import subprocess
    import sys

    checker = LETTERS / folder / "check_keys.py"
    if not checker.exists():  # the blind folder's checker reads any folder it is given
        checker = LETTERS / "blind" / "check_keys.py"
    done = subprocess.run(
        [sys.executable, str(checker), str(LETTERS / folder)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
