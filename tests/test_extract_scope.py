"""The document model of `extract`: a plan's scope and its headings carry target-ness and a
time down to bare figures; time words and units a plan uses. One test per pattern, from
sentences of the development corpus (tests/letters/dev)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from conftest import Run
from pledgecli.extract.cues import Calendar, times_in
from pledgecli.extract.numbers import find_quantities
from pledgecli.extract.outline import Scope, heading_level, heading_scope, plan_period
from pledgecli.extract.pipeline import extract

ISSUED = date(2025, 2, 12)


def _targets(
    text: str, issued: date = ISSUED
) -> list[tuple[float | None, str | None, date | None]]:
    result = extract(text, issued_on=issued)
    return [(p.value, p.unit, p.deadline) for p in result.commitments if p.kind != "milestone"]


def test_a_work_plan_for_a_year_makes_its_bare_figures_targets_of_that_year() -> None:
    text = "澄岭市教育局2025年工作要点\n\n一、扩大优质教育资源供给\n\n新建、改扩建中小学和幼儿园14所，新增学位1.26万个。\n"
    assert _targets(text) == [(14, "所", date(2025, 12, 31)), (1.26, "万个", date(2025, 12, 31))]


def test_a_plan_for_a_period_is_due_at_its_end() -> None:
    assert plan_period("霁城市充电基础设施建设三年行动计划（2025—2027年）") == (2025, 2027)
    assert plan_period("澄岭市教育局2025年工作要点") == (2025, 2025)
    text = "某市充电设施三年行动计划（2025—2027年）\n\n一、重点任务\n\n新建公共充电桩7000个。\n"
    assert _targets(text) == [(7000, "个", date(2027, 12, 31))]


def test_a_plan_cited_in_a_letter_or_a_notice_title_is_not_this_document() -> None:
    assert plan_period("我局将按照《澄岭市全民阅读三年行动计划（2024—2026年）》要求，") is None
    assert plan_period("关于印发《澄岭市教育局2025年工作要点》的通知") is None


def test_a_target_heading_makes_its_items_targets_and_a_progress_heading_reports() -> None:
    cal = Calendar(ISSUED)
    assert heading_level("一、主要目标") == 1 and heading_level("（二）重点任务") == 2
    assert heading_scope("一、主要目标", Scope(), cal).mood == "forward"
    assert heading_scope("二、工作进展", Scope(), cal).mood == "past"
    assert heading_scope("一、2024年工作回顾", Scope(), cal).year == 2024
    assert heading_scope("三、关于经费", Scope(), cal).mood == "open"


def test_figures_marked_as_now_stay_achieved_in_a_plan() -> None:
    text = "某市2025年工作要点\n\n目前全市已建成城市书房73家。新建社区城市书房12家。\n"
    result = extract(text, issued_on=ISSUED)
    assert [(a.value, a.unit) for a in result.achieved] == [(73, "家")]
    assert [(p.value, p.unit) for p in result.commitments] == [(12, "家")]


def test_year_end_and_half_years_are_this_years() -> None:
    ends = [when.end for _, when in times_in("年底前完成，上半年完成，下半年完成，年末", ISSUED)]
    assert ends == [date(2025, 12, 31), date(2025, 6, 30), date(2025, 12, 31), date(2025, 12, 31)]
    assert all(when.deadline_word for _, when in times_in("年底前，上半年", ISSUED))


def test_a_month_deadline_is_the_next_such_month() -> None:
    ((_, when),) = times_in("9月底前编制完成", date(2025, 3, 21))
    assert when.end == date(2025, 9, 30) and when.deadline_word
    ((_, when),) = times_in("3月底前完成", date(2025, 6, 18))
    assert when.end == date(2026, 3, 31)
    ((_, when),) = times_in("5月共接待读者", date(2025, 6, 18))  # a month reported: this May
    assert when.end == date(2025, 5, 31) and not when.deadline_word


def test_units_plans_use() -> None:
    found = {
        (q.value, q.unit)
        for q in find_quantities(
            "控制在24小时以内，12分钟，72学时，3部，2期，3轮，12对，29微克/立方米，3‰，提高2个百分点，1.5倍"
        )
    }
    assert found == {
        (24, "小时"), (12, "分钟"), (72, "学时"), (3, "部"), (2, "期"), (3, "轮"), (12, "对"),
        (29, "微克/立方米"), (3, "‰"), (2, "个百分点"), (1.5, "倍"),
    }  # fmt: skip


def test_an_item_belongs_to_the_unit_its_note_names_and_keeps_its_time() -> None:
    text = (
        "某市充电基础设施建设三年行动计划（2025—2027年）\n\n"
        "（一）加密网络。2025年新建公共充电桩7000个。（牵头单位：市发展改革委；配合单位：市住房城乡建设局）"
        "（二）改造小区。完成既有小区充电设施改造600个。（牵头单位：市住房城乡建设局）\n"
    )
    result = extract(text, issued_on=date(2025, 3, 21))
    assert [(p.value, p.deadline, p.owner) for p in result.commitments] == [
        (7000, date(2025, 12, 31), "市发展改革委"),
        (600, date(2027, 12, 31), "市住房城乡建设局"),
    ]


def test_a_replys_promises_are_its_issuers_where_it_speaks_of_itself() -> None:
    text = (
        "澄岭市文化广电旅游局\n关于市政协第0217号提案答复的函\n\n"
        "下一步，我局将着力抓好以下几项工作：\n\n（一）扩大覆盖面。年底前新建社区城市书房12家。\n\n"
        "二、其他\n\n2025年，全县计划新建高标准农田5万亩。\n\n澄岭市文化广电旅游局\n2025年6月18日\n"
    )
    result = extract(text)
    assert [(p.value, p.owner) for p in result.commitments] == [
        (12, "澄岭市文化广电旅游局"),
        (50000 / 10000, None),  # no unit named: nobody's (the corpus's convention)
    ]


def test_a_work_reports_targets_and_tasks_for_the_year() -> None:
    text = (
        "某市政府工作报告\n\n一、2024年工作回顾\n\n新建5G基站3000个。\n\n"
        "二、2025年重点工作\n\n（一）推进新型基础设施建设。新建5G基站5000个。\n\n"
        "2026年，我们将着力做好以下工作：\n\n一是抓项目。新开工项目40个。\n"
    )
    result = extract(text, issued_on=date(2025, 1, 14))
    assert [(p.value, p.deadline) for p in result.commitments] == [
        (5000, date(2025, 12, 31)),
        (40, date(2026, 12, 31)),
    ]


def test_a_deadline_still_to_come_promises_by_itself() -> None:
    text = "（一）扩大覆盖面。年底前新建社区城市书房12家。截至5月底已建成城市书房73家。\n"
    result = extract(text, issued_on=date(2025, 6, 18))
    assert [(p.value, p.deadline) for p in result.commitments] == [(12, date(2025, 12, 31))]
    assert [a.value for a in result.achieved] == [73]


def test_years_within_count_this_one() -> None:
    ((_, when),) = times_in("三年内完成既有居住小区充电设施改造600个", date(2025, 3, 21))
    assert when.end == date(2027, 12, 31) and when.deadline_word


def test_wan_yi_per_capita_and_more_units() -> None:
    (q,) = find_quantities("规模以上工业总产值突破2万亿元")
    assert (q.value, q.unit, q.normalized_value, q.normalized_unit) == (2, "万亿元", 2e12, "元")
    found = {(q.value, q.unit) for q in find_quantities("30万册，20万份，8块，1届，60个工作日")}
    assert found == {(30, "万册"), (20, "万份"), (8, "块"), (1, "届"), (60, "个工作日")}
    text = "某县2025年工作要点\n\n中小学教师人均培训不少于72学时。城镇居民人均可支配收入突破7.4万元。\n"
    assert [(v, u) for v, u, _ in _targets(text)] == [(72, "学时/人"), (7.4, "万元/人")]


def test_rates_of_support_are_not_targets() -> None:
    text = (
        "某市2025年工作要点\n\n市财政按每家每年8万元给予运营补助。按每户每月600元发放租赁补贴。"
        "单站最高不超过50万元。新建社区城市书房12家。\n"
    )
    assert _targets(text) == [(12, "家", date(2025, 12, 31))]


def test_a_task_table_line_gives_its_figures_its_deadline_and_unit() -> None:
    text = (
        "2025年“一老一小”民生实事任务分解表\n\n"
        "1. 新增养老机构护理型床位　目标值：不少于800张　完成时限：2025年12月底前　责任单位：市民政局（牵头）、各区人民政府\n"
        "2. 建设社区老年助餐点　目标值：新增120个　完成时限：2025年9月底前　责任单位：市民政局、各区人民政府\n"
    )
    result = extract(text, issued_on=date(2025, 3, 14))
    assert [(p.value, p.deadline, p.owner) for p in result.commitments] == [
        (800, date(2025, 12, 31), "市民政局"),
        (120, date(2025, 9, 30), "市民政局"),
    ]


def test_dated_qualitative_promises_are_milestones() -> None:
    text = (
        "（三）完善制度。9月底前出台《澄岭市城市书房运营管理办法》，下半年上线“澄岭云书房”小程序。"
        "到2026年，实现中心城区街道城市书房全覆盖。\n"
    )
    result = extract(text, issued_on=date(2025, 6, 18))
    milestones = [(p.deadline, p.quote) for p in result.commitments if p.kind == "milestone"]
    assert milestones == [
        (date(2025, 9, 30), "9月底前出台《澄岭市城市书房运营管理办法》"),
        (date(2025, 12, 31), "下半年上线“澄岭云书房”小程序"),
        (date(2026, 12, 31), "实现中心城区街道城市书房全覆盖"),
    ]


def test_ranges_quoted_names_halves_of_named_years_and_every_year() -> None:
    text = (
        "某市新能源三年行动方案（2026—2028年）\n\n"
        "打造新能源产业园区3—5个。“一件事一次办”事项扩展到30个。"
        "2027年上半年新增新能源渣土车约300辆。\n\n每年新增分布式光伏装机不少于50万千瓦。\n"
    )
    found = _targets(text, date(2025, 12, 5))
    assert found == [
        (3, "个", date(2028, 12, 31)),
        (30, "个", date(2028, 12, 31)),
        (300, "辆", date(2027, 6, 30)),
        (50, "万千瓦", date(2026, 12, 31)),
    ]


def test_an_undated_letter_never_uses_the_clock(run: Run, tmp_path: Path) -> None:
    text = "某县全民健身设施补短板工作方案（征求意见稿）\n\n年底前新建健身场地50处。到2027年，建成体育公园3个。\n"
    result = extract(text)
    assert result.document["issued_on"] is None
    assert [(p.value, p.deadline) for p in result.commitments] == [
        (50, None),
        (3, date(2027, 12, 31)),
    ]
    letter = tmp_path / "draft.txt"
    letter.write_text(text, encoding="utf-8")
    out = run("extract", str(letter), "-f", "json")
    assert (
        out.exit_code == 0
        and "relative times (今年, 年底前, 9月底前) are left unresolved" in out.stderr
    )
    dated = run("extract", str(letter), "-f", "json", "--issued-on", "2025-03-01")
    assert dated.stderr == "" and '"deadline": "2025-12-31"' in dated.stdout


def test_as_of_a_day_is_not_a_deadline() -> None:
    ((_, when),) = times_in("截至2024年底，全县共有各类体育场地1,326个", date(2025, 3, 1))
    assert when.end == date(2024, 12, 31) and not when.deadline_word
    ((_, when),) = times_in("截至2025年5月底，已建成", date(2025, 6, 18))
    assert not when.deadline_word
