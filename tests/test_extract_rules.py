"""The rules of `extract`, one test per pattern, each from a sentence of the development
corpus (tests/letters/dev and tests/letters/extra) or written in its style."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from conftest import Run
from pledgecli.extract.cues import Calendar, comparator_near, times_in
from pledgecli.extract.figures import is_change, not_a_figure
from pledgecli.extract.milestones import deed_in
from pledgecli.extract.numbers import find_quantities
from pledgecli.extract.outline import Scope, heading_level, heading_scope
from pledgecli.extract.pipeline import extract

D = date.fromisoformat


def _ends(text: str, cal: Calendar | date) -> list[tuple[date | None, bool]]:
    return [(w.end, w.deadline_word) for _, w in times_in(text, cal)]


def _targets(text: str, issued: str) -> list[tuple[float | None, str | None, date | None]]:
    result = extract(text, issued_on=D(issued))
    return [(p.value, p.unit, p.deadline) for p in result.commitments if p.kind != "milestone"]


def _achieved(text: str, issued: str) -> list[tuple[float, str, date]]:
    return [(a.value, a.unit, a.on) for a in extract(text, issued_on=D(issued)).achieved]


def _owners(text: str, issued: str) -> list[tuple[float | None, str | None]]:
    result = extract(text, issued_on=D(issued))
    return [(p.value, p.owner) for p in result.commitments if p.kind != "milestone"]


def _milestones(text: str, issued: str) -> list[tuple[date | None, str]]:
    result = extract(text, issued_on=D(issued))
    return [(p.deadline, p.quote) for p in result.commitments if p.kind == "milestone"]


# -- times ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "issued", "end", "deadline"),
    [
        ("到2027年", "2025-03-21", "2027-12-31", True),
        ("年底前新建", "2025-06-18", "2025-12-31", True),
        ("9月底前出台", "2025-03-21", "2025-09-30", True),
        ("3月底前完成", "2025-06-18", "2026-03-31", True),  # the next March
        ("明年3月底前出台", "2024-10-15", "2025-03-31", True),
        ("明年6月底前，建成", "2025-07-25", "2026-06-30", True),
        ("2026年6月底前出台", "2025-12-05", "2026-06-30", True),
        ("9月1日前完成", "2025-07-18", "2025-09-01", True),
        ("上半年完成", "2025-02-20", "2025-06-30", True),
        ("2027年上半年新增", "2025-12-05", "2027-06-30", True),
        ("第四季度再筹集", "2024-10-15", "2024-12-31", True),
        ("三季度末前新建", "2026-01-23", "2026-09-30", True),
        ("到“十四五”末", "2025-01-14", "2025-12-31", True),
        ("“十五五”时期", "2026-01-09", "2030-12-31", False),
        ("今年1—6月", "2025-07-25", "2025-06-30", False),
        ("2026年度城乡居民", "2026-01-23", "2026-12-31", False),
    ],
)
def test_time_phrases(text: str, issued: str, end: str, deadline: bool) -> None:
    assert _ends(text, D(issued)) == [(D(end), deadline)]


def test_years_within_count_from_the_plan_or_the_year_said() -> None:
    plan = Calendar(D("2025-12-05"), plan=(2026, 2028))
    assert _ends("三年内新增用户侧储能8万千瓦", plan) == [(D("2028-12-31"), True)]
    (_, (end, _)) = _ends("自2026年起，力争用三年时间完成", D("2025-08-14"))
    assert end == D("2028-12-31")


def test_as_of_days_and_since_are_not_deadlines() -> None:
    ((_, w),) = times_in("截至2025年5月底，全市累计建成", D("2025-06-18"))
    assert (w.end, w.as_of, w.deadline_word) == (D("2025-05-31"), True, False)
    ((_, w),) = times_in("今年以来新筹集2,050套", D("2024-10-15"))
    assert (w.end, w.as_of) == (D("2024-10-15"), True)


def test_base_years_and_titles_are_not_times() -> None:
    assert times_in("涉企行政检查频次较2024年降低30%", D("2025-05-16")) == []
    assert times_in("知识产权质押融资额达到2024年的1.5倍", D("2025-05-16")) == []
    assert times_in("出台《三年行动方案（2024-2026年）》", D("2024-07-08")) == []


def test_a_letter_with_no_date_finds_relative_times_but_gives_them_no_day() -> None:
    assert _ends("年底前实现全覆盖", Calendar(None)) == [(None, True)]
    assert _ends("到2027年", Calendar(None)) == [(D("2027-12-31"), True)]


def test_then_refers_back_to_the_time_said_before_it() -> None:
    text = (
        "某市实施方案（2026—2028年）\n\n一、主要目标\n\n到2028年，全市新能源装机容量达到520万千瓦。"
        "届时，新能源装机占比超过50%。\n"
    )
    assert _targets(text, "2025-12-05")[-1] == (50, "%", D("2028-12-31"))


def test_the_year_a_paragraph_opens_with_is_what_quan_nian_means() -> None:
    text = "一、安全生产形势\n\n2024年，全市共发生生产安全事故38起。全年共检查企业1.35万家次。\n"
    assert _achieved(text, "2025-04-18") == [
        (38, "起", D("2024-12-31")),
        (1.35, "万家次", D("2024-12-31")),
    ]


# -- comparators and units -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after", "comparator"),
    [("约", "", "≈"), ("", "左右", "≈"), ("稳定在", "", "="), ("稳定在", "以上", ">="),
     ("保持在", "左右", "≈"), ("缩短至", "以内", "<="), ("压缩至", "", "<="), ("达", "", ">="),
     ("下降到", "", "<="), ("扩充至", "", ">="), ("不超过", "", "<=")],
)  # fmt: skip
def test_comparator_words(before: str, after: str, comparator: str) -> None:
    assert comparator_near(before, after) == comparator


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [("孕产妇死亡率控制在10/10万以下", 10, "/10万"), ("环境空气质量综合指数3.86", 3.86, ""),
     ("平均受教育年限达到11.5年", 11.5, "年"), ("实际使用外资4.6亿美元", 4.6, "亿美元"),
     ("重污染天数控制在3天以内", 3, "天"), ("得分不低于90分", 90, "分")],
)  # fmt: skip
def test_units_and_indices(text: str, value: float, unit: str) -> None:
    assert [(q.value, q.unit) for q in find_quantities(text)] == [(value, unit)]


def test_per_capita_figures_keep_per_person_in_a_row_of_cells() -> None:
    text = (
        "某区规划纲要（2026—2030年）\n\n9．人均公园绿地面积\t2025年：13.2平方米\t2030年：15平方米\n"
    )
    assert _targets(text, "2026-02-06") == [(15, "平方米/人", D("2030-12-31"))]


# -- numbers that are not figures ------------------------------------------------------------


@pytest.mark.parametrize(
    ("clause", "number", "reason"),
    [
        ("每家使用面积不小于120平方米", "120平方米", "a rule for each one"),
        ("市财政按每家每年8万元给予运营补助", "8万元", "a rule for each one"),
        ("单站最高不超过50万元", "50万元", "a rule for each one"),
        ("亩均投资不低于3000元", "3000元", "a rule for each one"),
        ("租金按不高于同地段同品质市场租金的90%确定", "90%", "a rule for each one"),
        ("目前城乡公交实行2元一票制", "2元", "a standard or a specification"),
        ("隔离带宽度不低于3米", "3米", "a standard or a specification"),
        ("公示期不少于7天", "7天", "a standard or a specification"),
        ("实行7×24小时值守", "24小时", "a standard or a specification"),
        (
            "培育年寄递量超10万件的农产品品牌10个",
            "10万件",
            "a threshold that names what is counted",
        ),
        ("新开工10亿元以上项目32个", "10亿元", "a threshold that names what is counted"),
        ("城区火警5分钟到场率达90%", "5分钟", "a threshold that names what is counted"),
        ("急救电话10秒内接听率达到95%以上", "10秒", None),  # 秒 is no unit: never a figure
        ("在全省13个设区市中排名第6", "13个", "the size of a comparison group"),
        ("位列全省第4名", "4名", "an ordinal or an identifier"),
        ("完成年度任务的62%", "62%", "a progress ratio"),
        ("已提前完成年度目标的项目4项，序时推进的3项", "3项", "a count of items by their progress"),
        ("打造“15分钟阅读圈”", "15分钟", "inside a quoted name"),
        ("老旧小区二次供水设施改造", "二次", "a numeral in a phrase"),
    ],
)
def test_numbers_that_are_not_figures(clause: str, number: str, reason: str | None) -> None:
    found = [q for q in find_quantities(clause) if q.text == number]
    assert [not_a_figure(clause, q) for q in found] == ([reason] if reason else [])


def test_a_figure_with_a_threshold_of_its_own_is_still_a_figure() -> None:
    (q,) = find_quantities("为300名以上失能、独居老人提供送餐上门服务")
    assert not_a_figure("为300名以上失能、独居老人提供送餐上门服务", q) is None


# -- changes, and what is done against what is to be reached ----------------------------------


def test_a_change_of_a_reported_figure_is_neither() -> None:
    text = (
        "一、2024年工作回顾\n\n全市地区生产总值达到1.18万亿元，增长5.6%；"
        "城乡居民人均可支配收入分别增长4.6%和6.3%。\n"
    )
    assert _achieved(text, "2025-01-14") == [(1.18, "万亿元", D("2024-12-31"))]
    (q,) = find_quantities("同比下降6.5%")
    assert is_change("同比下降6.5%", q)


def test_a_change_promised_is_a_target() -> None:
    text = "澄岭市教育局2025年工作要点\n\n一、学生发展\n\n近视率较上年下降1个百分点，全市经济增长5.5%左右。\n"
    assert _targets(text, "2025-02-12") == [
        (1, "个百分点", D("2025-12-31")),
        (5.5, "%", D("2025-12-31")),
    ]


def test_cumulative_in_a_future_sentence_is_a_target_and_in_a_past_one_achieved() -> None:
    text = "截至2025年5月底，全市累计建成城市书房64家。到2027年累计新增普惠性托位1000个以上。\n"
    assert _achieved(text, "2025-06-18") == [(64, "家", D("2025-05-31"))]
    assert _targets(text, "2025-06-18") == [(1000, "个", D("2027-12-31"))]


def test_this_year_reported_as_done_is_achieved() -> None:
    text = "县人民医院重症医学科现有床位16床，今年已新增急诊留观床位12张。今年下半年开展专项执法检查4轮。\n"
    assert _achieved(text, "2024-09-26") == [
        (16, "床", D("2024-09-26")),
        (12, "张", D("2024-09-26")),
    ]
    assert _targets(text, "2024-09-26") == [(4, "轮", D("2024-12-31"))]


def test_a_window_mostly_behind_the_letter_is_reported() -> None:
    text = "2022年至2024年，市财政局每年分别安排1518.5万元、1956.53万元、1750.04万元。\n"
    assert _targets(text, "2024-07-08") == []
    assert [v for v, _, _ in _achieved(text, "2024-07-08")] == [1518.5, 1956.53, 1750.04]


def test_every_year_is_due_at_the_end_of_its_first_year_but_a_total_is_not() -> None:
    text = (
        "某市制造业质量提升三年行动方案（2024—2026年）\n\n（一）实施质量攻关。2024—2026年，每年组织实施"
        "质量攻关项目不少于50项，三年累计投入专项资金不超过1.2亿元。\n"
    )
    assert _targets(text, "2024-03-15") == [
        (50, "项", D("2024-12-31")),
        (1.2, "亿元", D("2026-12-31")),
    ]


def test_a_bulletins_labels_say_which_is_the_target_and_which_is_done() -> None:
    text = (
        "某市人民政府办公室\n关于2025年1—10月市级重点民生项目进展情况的通报\n\n一、项目进展情况\n\n"
        "1. 城镇新增就业。年度目标：6万人；完成情况：5.48万人，完成年度目标的91.3%。\n"
    )
    assert _targets(text, "2025-11-12") == [(6, "万人", D("2025-12-31"))]
    assert _achieved(text, "2025-11-12") == [(5.48, "万人", D("2025-10-31"))]


# -- owners ---------------------------------------------------------------------------------


def test_a_note_closing_the_paragraph_owns_its_items() -> None:
    text = (
        "蓼原市卫生健康委员会2025年工作要点\n\n一、急救\n\n新增急救分站4个。（牵头处室：应急办）\n"
    )
    assert _owners(text, "2025-02-20") == [(4, "应急办")]


def test_work_named_by_its_own_sentence_is_owned_by_the_unit_named() -> None:
    text = (
        "某县农业农村局关于某提案答复的函\n\n三、下一步工作\n\n2024年，全县计划新建高标准农田5万亩，"
        "新建和修复灌排渠道46公里。灌排渠道工程由县水利局负责。\n"
        "一是加快提档升级。2026年底前完成乡道窄路加宽改造120公里。此项工作由县交通运输局牵头实施。\n"
    )
    assert _owners(text, "2024-08-22") == [(5, None), (46, "县水利局"), (120, "县交通运输局")]


def test_the_issuer_owns_what_it_says_it_will_do_for_the_rest_of_the_paragraph() -> None:
    text = (
        "璟川市茗湾区民政局\n关于区政协第0068号提案答复的函\n\n三、下一步工作\n\n"
        "我局将认真吸收采纳，重点做好三方面工作：一是扩大服务覆盖。今年年底前新增老年助餐服务点12个。\n"
        "\n璟川市茗湾区民政局\n2025年7月15日\n"
    )
    assert _owners(text, "2025-07-15") == [(12, "璟川市茗湾区民政局")]


def test_a_named_subject_owns_its_sentence_and_a_work_report_names_nobody() -> None:
    text = (
        "（一）农村公路项目进度滞后。市交通运输局要督促倒排工期，11月底前完成剩余54公里路基施工。\n"
    )
    assert _owners(text, "2025-11-12") == [(54, "市交通运输局")]
    report = "政府工作报告\n\n二、2025年重点工作\n\n我们将新建公共充电桩7000个。\n"
    assert _owners(report, "2025-01-14") == [(7000, None)]


def test_a_task_table_row_gives_its_figures_its_time_and_unit_columns() -> None:
    text = (
        "2025年民生实事任务分解表\n\n"
        "6. 实现街道综合为老服务中心全覆盖\t目标值：全覆盖\t完成时限：2025年12月底前\t责任单位：各区人民政府\n"
        "8. 新增普惠性托位\t目标值：2000个左右\t完成时限：2025年12月底前\t责任单位：市卫生健康委（牵头）、各区人民政府\n"
    )
    result = extract(text, issued_on=D("2025-03-14"))
    assert [(p.kind, p.value, p.comparator, p.deadline, p.owner) for p in result.commitments] == [
        ("milestone", None, None, D("2025-12-31"), "各区人民政府"),
        ("flow", 2000, "≈", D("2025-12-31"), "市卫生健康委"),
    ]


# -- milestones -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "clause",
    ["9月底前出台《澄岭市城市书房运营管理办法》", "我局将于9月底前完成全县河湖管理范围划界成果复核",
     "完成2026年度城乡居民基础养老金调整", "11月底前形成专项整治工作总结报县政府",
     "届时实现全县危桥动态清零", "居民收入增长和经济增长同步", "6月底前完成选址",
     "9月底前与相邻的汇泽商务楼签订错时共享协议"],
)  # fmt: skip
def test_deeds_a_promise_names(clause: str) -> None:
    assert deed_in(clause) is not None


@pytest.mark.parametrize(
    "clause",
    ["现将《某局2026年工作要点》印发给你们", "（2025年2月20日蓼原市卫生健康委员会印发）",
     "已完成全市技能评价机构质量监督检查", "新建社区城市书房12家", "各责任单位要按照目标值和完成时限抓好落实"],
)  # fmt: skip
def test_what_is_not_a_promised_deed(clause: str) -> None:
    assert deed_in(clause) is None


def test_a_dated_deed_is_a_milestone_due_at_its_deadline() -> None:
    text = "下一步，我局将重点抓好以下工作：\n\n四是加强安全管理。10月底前实现开放学校公众责任险全覆盖。\n"
    assert _milestones(text, "2025-09-03") == [
        (D("2025-10-31"), "10月底前实现开放学校公众责任险全覆盖")
    ]


def test_an_item_that_is_all_heading_is_still_read() -> None:
    text = "2025年区政府实事项目安排\n\n一、实事项目\n\n1.*改建认知障碍照护床位220张\n\n2.*新增1家社区长者食堂、*3家乡村长者照护之家\n"
    assert _targets(text, "2025-03-17") == [
        (220, "张", D("2025-12-31")),
        (1, "家", D("2025-12-31")),
        (3, "家", D("2025-12-31")),
    ]


@pytest.mark.parametrize(
    "text",
    ["由市局负责到2025年新增10个" * 300, "《" * 3000 + "10个", "（牵头单位：" * 3000,
     "目标值：10个\t完成时限：2025年12月底前\t" * 300],
)  # fmt: skip
def test_hostile_text_is_read_in_bounded_pieces(text: str) -> None:
    result = extract(text, issued_on=D("2025-03-01"))
    assert all(len(p.quote) <= 600 for p in result.commitments)


def test_an_undated_letters_relative_deadlines_are_flagged_unresolved(
    run: Run, tmp_path: Path
) -> None:
    letter = tmp_path / "draft.txt"
    letter.write_text(
        "某县工作方案（征求意见稿）\n\n今年新建健身场地50处。到2027年，建成体育公园3个。\n",
        encoding="utf-8",
    )
    out = run("extract", str(letter), "-f", "json")
    rows = [
        (c["value"], c["deadline"], c["deadline_unresolved"])
        for c in json.loads(out.stdout)["commitments"]
    ]
    assert rows == [(50, None, True), (3, "2027-12-31", False)]
    toml = run("extract", str(letter), "-f", "toml").stdout
    assert "截止日期待定" in toml and toml.count("截止日期待定") == 1


def test_the_document_header_of_a_work_report_and_a_work_plan() -> None:
    report = extract(
        "政府工作报告\n——2025年1月14日在霁城市第十六届人民代表大会第五次会议上\n霁城市人民政府市长　程礼松\n"
    )
    assert report.document["issuer"] == "霁城市人民政府"
    assert report.document["issued_on"] == D("2025-01-14")
    plan = extract(
        "蓼原市卫生健康委员会2025年工作要点\n（2025年2月20日蓼原市卫生健康委员会印发）\n"
    )
    assert plan.document["issuer"] == "蓼原市卫生健康委员会"
    notice = extract(
        "蘅州市人民政府办公室关于印发《蘅州市生活垃圾分类提质增效实施方案（2025—2027年）》的通知\n"
        "蘅政办发〔2025〕9号\n"
    )
    assert notice.document["doc_number"] == "蘅政办发〔2025〕9号"


def test_a_table_with_a_header_row_gives_each_cell_its_columns_role() -> None:
    text = (
        "某县人民政府办公室\n关于2025年1—10月民生实事项目进展情况的通报\n\n二、部分项目完成情况\n\n"
        "序号 | 项目 | 年度目标 | 完成情况 | 责任单位\n"
        "1 | 新增城镇就业 | 4500人 | 4,218人，完成93.7% | 县人社局\n"
        "2 | 改造农村危房 | 120户 | 已竣工108户 | 县住建局\n"
    )
    result = extract(text, issued_on=D("2025-11-12"))
    assert [(p.value, p.unit, p.deadline, p.owner) for p in result.commitments] == [
        (4500, "人", D("2025-12-31"), "县人社局"),
        (120, "户", D("2025-12-31"), "县住建局"),
    ]
    assert [(a.value, a.unit, a.on) for a in result.achieved] == [
        (4218, "人", D("2025-10-31")),
        (108, "户", D("2025-10-31")),
    ]


def test_an_indicator_table_with_years_in_its_header() -> None:
    text = (
        "某区“十五五”规划纲要\n\n指标\t2025年基数\t2030年目标\t属性\n"
        "常住人口城镇化率\t68.4%\t72%\t预期性\n"
    )
    result = extract(text, issued_on=D("2026-02-06"))
    assert [(p.value, p.deadline) for p in result.commitments] == [(72, D("2030-12-31"))]
    assert [(a.value, a.on) for a in result.achieved] == [(68.4, D("2025-12-31"))]


def test_half_width_punctuation_of_a_pasted_page() -> None:
    text = (
        "三、下半年工作打算\n下半年,我镇将重点抓好以下工作:\n(一)全力冲刺年度目标。确保全年完成固定资产投资9亿元以上;"
        "年底前再新签约项目2个.需要说明的是,部分项目仍在洽谈。\n"
    )
    result = extract(text, issued_on=D("2025-07-09"))
    assert [(p.value, p.deadline) for p in result.commitments] == [
        (9, D("2025-12-31")),
        (2, D("2025-12-31")),
    ]


def test_secured_after_a_past_time_and_striven_for_ahead() -> None:
    text = "2024年，县财政安排配套资金2,600万元，争取中央预算内投资4,150万元。明年力争争取补助资金3,000万元以上。\n"
    assert [v for v, _, _ in _achieved(text, "2025-08-20")] == [2600, 4150]
    assert _targets(text, "2025-08-20") == [(3000, "万元", D("2026-12-31"))]


@pytest.mark.parametrize(
    ("clause", "number"),
    [("对违规销售的依法处5000元以上3万元以下罚款", "5000元"), ("初步估算改造总投资约1.1亿元", "1.1亿元"),
     ("户均改造成本约4,600元", "4,600元"), ("确保6月底前城乡供水一体化二期工程主管网贯通", "二期"),
     ("做到一张蓝图绘到底", "一张"), ("实现千人以上供水工程水质自动监测全覆盖", "千人"),
     ("经县十七届人大五次会议票决产生", "十七届")],
)  # fmt: skip
def test_more_numbers_that_are_not_figures(clause: str, number: str) -> None:
    found = [q for q in find_quantities(clause) if q.text == number]
    assert found and all(not_a_figure(clause, q) for q in found)


def test_a_year_that_says_which_ones_is_not_a_time() -> None:
    assert times_in("县城建成区现有2000年以前建成的老旧小区94个", D("2025-08-20")) == []


def test_a_deed_dated_by_the_clause_after_it() -> None:
    text = "二、工作安排\n\n各乡镇要制定细化方案,于4月20日前报县安委办。\n"
    assert _milestones(text, "2025-04-03") == [(D("2025-04-20"), "各乡镇要制定细化方案")]


def test_a_month_after_the_letters_is_this_year_and_a_negated_deed_is_no_promise() -> None:
    text = "项目建议书已经批复,11月末完成征地组卷。故没有必要再修一条道路。\n"
    assert _milestones(text, "2022-08-26") == [(D("2022-11-30"), "11月末完成征地组卷")]
    assert _targets(text, "2022-08-26") == []


def test_a_long_title_does_not_swallow_the_recipient_line() -> None:
    result = extract(
        "对市九届人大一次会议《关于修建从石新镇至盘山新县城道路的建议》（第21号）的答复\n刘锦代表:\n"
        "您提出的建议收悉,现答复如下:\n"
    )
    assert result.document["recipient"] == "刘锦代表"


def test_a_rule_for_each_week_is_no_target_but_a_daily_figure_reported_is() -> None:
    text = "一、工作目标\n\n县体育馆每周免费开放时间不少于35小时。\n\n二、工作现状\n\n今年以来，每日投入警力约260人次。\n"
    assert _targets(text, "2025-06-24") == []
    assert _achieved(text, "2025-06-24") == [(260, "人次", D("2025-06-24"))]


# -- rules drawn after the blind reading (the held-back, blind and final texts) -------------


def test_the_word_a_heading_says_last_decides_whether_it_reports_or_promises() -> None:
    cal = Calendar(D("2025-10-24"))
    assert heading_scope("一、主要指标完成情况", Scope(), cal).mood == "past"
    assert heading_scope("二、重点工作进展", Scope(), cal).mood == "past"
    assert heading_scope("三、存在问题及下一步打算", Scope(), cal).mood == "forward"
    assert heading_scope("三、整改要求", Scope(), cal).mood == "forward"
    assert heading_scope("一、2024年民生实事完成情况", Scope(), cal).mood == "past"
    assert heading_level("第二章\t主要目标") == 1 and heading_level("第一节 总体要求") == 2


def test_a_notice_whose_body_is_the_plan_is_due_at_the_period_its_title_names() -> None:
    text = (
        "某县人民政府办公室关于印发2026年某县十件民生实事项目的通知\n\n"
        "经县人大会议票决，2026年县政府将集中力量办好以下十件民生实事，现印发给你们。\n\n"
        "一、老年助餐。新增村（社区）老年食堂18个。（责任单位：县民政局）\n\n"
        "八、文体惠民。建成城市书房4家。（由县文化旅游体育局负责）\n"
    )
    result = extract(text, issued_on=D("2026-01-10"))
    assert [(p.value, p.deadline, p.owner) for p in result.commitments] == [
        (18, D("2026-12-31"), "县民政局"),
        (4, D("2026-12-31"), "县文化旅游体育局"),
    ]


def test_a_note_of_its_own_after_the_items_answers_for_them() -> None:
    text = (
        "某局2026年工作要点\n\n一、优化经营主体发展环境\n\n1. 新设经营主体6,500户以上。\n\n"
        "2. 开办时间压缩至0.5个工作日以内。\n\n（责任科室：登记注册科、信用监管科）\n"
    )
    assert _owners(text, "2026-02-09") == [(6500, "登记注册科"), (0.5, "登记注册科")]


def test_units_in_brackets_stay_whole_and_a_head_is_no_unit() -> None:
    text = (
        "三、整改要求\n\n（三）管网清淤。再清淤疏浚排水管网不少于150公里。"
        "（责任单位：各县（市、区）人民政府）\n\n（四）考核。得分低于80分的，由市政府约谈主要负责人；"
        "新建监测点位60个。\n"
    )
    assert _owners(text, "2025-11-20") == [(150, "各县（市、区）人民政府"), (60, None)]


@pytest.mark.parametrize(
    ("text", "issued", "end", "deadline"),
    [("10月22日至11月5日，督查组召开座谈会", "2025-11-20", "2025-11-05", False),
     ("汛期前完成防汛应急预案修订", "2026-02-09", None, True),
     ("下学期开学前新增接送泊位120个", "2025-06-24", None, True)],
)  # fmt: skip
def test_day_ranges_and_deadlines_no_calendar_gives(
    text: str, issued: str, end: str | None, deadline: bool
) -> None:
    ((_, when), *_) = times_in(text, D(issued))
    assert (when.end, when.deadline_word) == (D(end) if end else None, deadline)


def test_a_day_in_a_time_column_is_the_deadline() -> None:
    text = (
        "某市燃气安全专项整治行动方案\n\n三、重点任务清单\n\n序号\t任务\t目标\t完成时限\t牵头单位\n"
        "1\t更换老旧燃气管道\t不少于260公里\t2026年6月30日\t市住房城乡建设局\n"
        "6\t建成城市燃气安全监测预警平台\t平台上线运行\t2026年3月31日\t市住房城乡建设局\n"
    )
    result = extract(text, issued_on=D("2025-09-26"))
    assert [(p.kind, p.value, p.deadline, p.quote) for p in result.commitments] == [
        ("level", 260, D("2026-06-30"), "不少于260公里"),
        ("milestone", None, D("2026-03-31"), "建成城市燃气安全监测预警平台\t平台上线运行"),
    ]


def test_per_person_units_written_or_named_before_a_colon() -> None:
    text = (
        "某市国民经济和社会发展第十五个五年规划纲要\n\n第二章\t主要目标\n\n"
        "3. 全员劳动生产率：28万元/人以上（预期性）\n6. 居民人均可支配收入：7.2万元左右（预期性）\n"
    )
    result = extract(text, issued_on=D("2026-01-28"))
    assert [(p.normalized_value, p.normalized_unit, p.deadline) for p in result.commitments] == [
        (280000, "元/人", D("2030-12-31")),
        (72000, "元/人", D("2030-12-31")),
    ]


@pytest.mark.parametrize(
    ("clause", "number"),
    [("为65岁以上老年人和0—36个月儿童提供服务", "36个月"), ("对连续两个季度排名后3位的乡镇进行约谈", "两个"),
     ("县政府将集中力量办好以下十件民生实事", "十件"), ("去年确定的十件民生实事全部完成", "十件"),
     ("5个项目完成率超过50%", "5个"), ("距年底仅剩不到两个月", "两个月"),
     ("全县15个乡镇卫生院中已有13个建成中医馆", "15个")],
)  # fmt: skip
def test_counts_that_name_a_group_or_a_span(clause: str, number: str) -> None:
    found = [q for q in find_quantities(clause) if q.text == number]
    assert found and all(not_a_figure(clause, q) for q in found)


def test_a_base_figure_stands_at_its_base_year_and_a_level_held_is_equal() -> None:
    text = "一、发展基础\n\n“十四五”时期，全市地区生产总值由2020年的5,870亿元增加到8,960亿元。\n"
    assert [(v, on) for v, _, on in _achieved(text, "2026-01-28")] == [
        (5870, D("2020-12-31")),
        (8960, D("2025-12-31")),
    ]
    assert comparator_near("保持", "") == "="
