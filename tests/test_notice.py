"""The monthly 通报: every sentence it can say, in both languages, and `pledge report`.

Each case is one commitment and its figures on a pinned day, assessed by `progress.assess`
and worded by `notice.paragraph`; the numbers in the expected text are worked out by hand
in the comment above it. The CLI and HTML tests run on the bundled sample letter.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from conftest import Run
from pledgecli import labels, progress
from pledgecli.model import Commitment, Figure
from pledgecli.render import notice

D = date.fromisoformat

# A calendar-year flow: 2024-01-01 .. 2024-12-31 is 365 days (2024 is a leap year).
SPOT_CHECKS = Commitment(
    "spot-checks", "市级工业产品质量监督抽查", kind="flow", target=3500, unit="批次",
    start=D("2024-01-01"), deadline=D("2024-12-31"),
)  # fmt: skip
# A flow of 100 days that is not a calendar year: its goal is 目标, not 年度目标.
RENOVATION = Commitment(
    "renovation", "老旧小区改造", kind="flow", target=1000, unit="户",
    start=D("2025-01-01"), deadline=D("2025-04-11"),
)  # fmt: skip
PLATFORMS = Commitment(
    "platforms", "质量基础设施“一站式”服务平台", kind="level", target=5, unit="个",
    deadline=D("2025-12-31"),
)  # fmt: skip
STATIONS = Commitment(
    "stations", "质量基础设施“一站式”服务站", kind="level", target=10, unit="个",
    deadline=D("2025-12-31"),
)  # fmt: skip
PM25 = Commitment(
    "pm25", "PM2.5年均浓度", kind="level", comparator="<=", target=30, baseline=40,
    unit="微克/立方米", deadline=D("2025-12-31"),
)  # fmt: skip
ACCIDENTS = Commitment(
    "accidents", "较大生产安全事故", kind="flow", comparator="<=", target=12, unit="起",
    start=D("2025-01-01"), deadline=D("2025-12-31"),
)  # fmt: skip
CAPABILITY = Commitment(
    "capability", "制造业企业质量管理能力评价（2025 年）", kind="milestone",
    start=D("2025-01-01"), deadline=D("2025-12-31"),
)  # fmt: skip
EXPERTS = Commitment("experts", "“产品医院”质量技术专家", kind="level", unit="名")


@pytest.fixture(autouse=True)
def english_afterwards() -> Iterator[None]:
    yield
    labels.use("en")


def figure(c: Commitment, on: str, value: float) -> Figure:
    return Figure(c.id, D(on), value)


def say(
    lang: str,
    c: Commitment,
    figures: list[Figure],
    as_of: str,
    stale_days: int = progress.STALE_DAYS,
) -> str:
    """The paragraph the notice writes for `c` on `as_of`, in `lang`."""
    labels.use(lang)
    day = D(as_of)
    a = progress.assess(c, figures, day, stale_days=stale_days)
    return notice.paragraph(a, c, day, stale_days)


# -- a flow against its pace ---------------------------------------------------------


def test_flow_behind_pace_gives_the_gap_and_what_each_remaining_month_needs() -> None:
    # 2450 / 3500 = 70.0%. Pace on 9-30: day 273 of 365, 3500 * 273 / 365 = 2617.81 = 74.8%,
    # so 4.8 points below. 92 days left: round(92 / 30.4375) = 3 months, and
    # 1050 / (92 / 30.4375) = 347.4 a month.
    figures = [figure(SPOT_CHECKS, "2024-09-30", 2450)]
    assert say("zh", SPOT_CHECKS, figures, "2024-09-30") == (
        "截至2024年9月30日，市级工业产品质量监督抽查累计完成2,450批次，占年度目标（3,500批次）"
        "的70.0%，低于序时进度（74.8%）4.8个百分点，余下3个月需月均完成约347批次。"
    )
    assert say("en", SPOT_CHECKS, figures, "2024-09-30") == (
        "As of 2024-09-30, 市级工业产品质量监督抽查 reached 2,450 批次, 70.0% of the annual "
        "target (3,500 批次), 4.8 percentage points below the pace (74.8%); about 347 批次 "
        "a month is needed over the remaining 3 months."
    )


def test_flow_ahead_of_pace_gives_the_lead() -> None:
    # 2800 / 3500 = 80.0%, pace 74.8%: 5.2 points ahead; 700 / (92 / 30.4375) = 231.6.
    figures = [figure(SPOT_CHECKS, "2024-09-30", 2800)]
    assert say("zh", SPOT_CHECKS, figures, "2024-09-30") == (
        "截至2024年9月30日，市级工业产品质量监督抽查累计完成2,800批次，占年度目标（3,500批次）"
        "的80.0%，高于序时进度（74.8%）5.2个百分点，余下3个月需月均完成约232批次。"
    )
    assert say("en", SPOT_CHECKS, figures, "2024-09-30") == (
        "As of 2024-09-30, 市级工业产品质量监督抽查 reached 2,800 批次, 80.0% of the annual "
        "target (3,500 批次), 5.2 percentage points ahead of the pace (74.8%); about 232 批次 "
        "a month is needed over the remaining 3 months."
    )


def test_flow_level_with_pace_says_so_and_a_period_not_a_year_has_a_plain_target() -> None:
    # Day 50 of 100: pace 500 = 50.0%, and 500 is reported. 50 days left (more than the
    # 46 below which it is said in days): round(50 / 30.4375) = 2 months,
    # 500 / (50 / 30.4375) = 304.4 a month.
    figures = [figure(RENOVATION, "2025-02-20", 500)]
    assert say("zh", RENOVATION, figures, "2025-02-20") == (
        "截至2025年2月20日，老旧小区改造累计完成500户，占目标（1,000户）的50.0%，"
        "与序时进度（50.0%）持平，余下2个月需月均完成约304户。"
    )
    assert say("en", RENOVATION, figures, "2025-02-20") == (
        "As of 2025-02-20, 老旧小区改造 reached 500 户, 50.0% of the target (1,000 户), "
        "level with the pace (50.0%); about 304 户 a month is needed over the remaining 2 months."
    )


# -- levels and caps -----------------------------------------------------------------


def test_level_in_progress_gives_what_is_left_to_reach() -> None:
    # 4 of 5: 80.0%, 1 to go; reported 31 days before, so not stale.
    figures = [figure(PLATFORMS, "2025-06-30", 4)]
    assert say("zh", PLATFORMS, figures, "2025-07-31") == (
        "截至2025年7月31日，质量基础设施“一站式”服务平台已达4个，目标5个（2025年12月31日前），"
        "完成80.0%，尚差1个。"
    )
    assert say("en", PLATFORMS, figures, "2025-07-31") == (
        "As of 2025-07-31, 质量基础设施“一站式”服务平台 stands at 4 个 against a target of 5 个 "
        "by 2025-12-31: 80.0% done, 1 个 to go."
    )


def test_level_to_reduce_gives_how_far_it_must_still_come_down() -> None:
    # From 40 down to at most 30; at 35 it must still come down by 5.
    figures = [figure(PM25, "2025-06-30", 35)]
    assert say("zh", PM25, figures, "2025-06-30") == (
        "截至2025年6月30日，PM2.5年均浓度为35微克/立方米，目标为不超过30微克/立方米"
        "（2025年12月31日前），尚需再降低5微克/立方米。"
    )
    assert say("en", PM25, figures, "2025-06-30") == (
        "As of 2025-06-30, PM2.5年均浓度 stands at 35 微克/立方米 against a target of at most "
        "30 微克/立方米 by 2025-12-31; it must still come down by 5 微克/立方米."
    )


def test_capped_flow_within_its_limit() -> None:
    figures = [figure(ACCIDENTS, "2025-06-30", 3)]
    assert say("zh", ACCIDENTS, figures, "2025-06-30") == (
        "截至2025年6月30日，较大生产安全事故累计3起，控制在12起以内（2025年12月31日前）。"
    )
    assert say("en", ACCIDENTS, figures, "2025-06-30") == (
        "As of 2025-06-30, 较大生产安全事故 adds up to 3 起, within the limit of 12 起 by 2025-12-31."
    )


def test_capped_flow_over_its_limit_gives_by_how_much() -> None:
    # 14 against a cap of 12: 2 over.
    figures = [figure(ACCIDENTS, "2025-06-30", 14)]
    assert say("zh", ACCIDENTS, figures, "2025-06-30") == (
        "截至2025年6月30日，较大生产安全事故累计14起，超出控制目标（12起）2起。"
    )
    assert say("en", ACCIDENTS, figures, "2025-06-30") == (
        "As of 2025-06-30, 较大生产安全事故 adds up to 14 起, 2 起 over the limit of 12 起."
    )


# -- met, late, overdue, no data -----------------------------------------------------


def test_met() -> None:
    figures = [figure(STATIONS, "2024-07-08", 23)]
    assert say("zh", STATIONS, figures, "2025-07-31") == (
        "质量基础设施“一站式”服务站已完成：23个，目标10个。"
    )
    assert say("en", STATIONS, figures, "2025-07-31") == (
        "质量基础设施“一站式”服务站 is met: 23 个 against a target of 10 个."
    )


def test_met_late_gives_the_deadline_it_missed() -> None:
    # 4 at the deadline, 5 only in January.
    figures = [figure(PLATFORMS, "2025-06-30", 4), figure(PLATFORMS, "2026-01-10", 5)]
    assert say("zh", PLATFORMS, figures, "2026-01-31") == (
        "质量基础设施“一站式”服务平台逾期完成：5个，目标5个，完成时限为2025年12月31日。"
    )
    assert say("en", PLATFORMS, figures, "2026-01-31") == (
        "质量基础设施“一站式”服务平台 was met late: 5 个 against a target of 5 个 due 2025-12-31."
    )


def test_overdue_with_a_value_gives_where_it_stands_and_the_days_late() -> None:
    # 2025-12-31 to 2026-01-31 is 31 days; the figure of 12-20 is 42 days old, not stale.
    figures = [figure(PLATFORMS, "2025-12-20", 4)]
    assert say("zh", PLATFORMS, figures, "2026-01-31") == (
        "质量基础设施“一站式”服务平台，应于2025年12月31日前达到5个，截至2026年1月31日为4个，"
        "完成80.0%，已逾期31天。"
    )
    assert say("en", PLATFORMS, figures, "2026-01-31") == (
        "质量基础设施“一站式”服务平台 was due by 2025-12-31 at 5 个; as of 2026-01-31 it stands "
        "at 4 个 (80.0%), 31 days overdue."
    )


def test_overdue_with_no_figure_says_none_was_reported() -> None:
    assert say("zh", PLATFORMS, [], "2026-01-31") == (
        "质量基础设施“一站式”服务平台，应于2025年12月31日前达到5个，尚未报送数据，已逾期31天。"
    )
    assert say("en", PLATFORMS, [], "2026-01-31") == (
        "质量基础设施“一站式”服务平台 was due by 2025-12-31 at 5 个; no figure has been reported, "
        "and it is 31 days overdue."
    )


def test_overdue_flow_with_no_figure_says_none_was_reported_not_zero() -> None:
    # A flow counts from 0, but with nothing reported there is nothing to say it is 0.
    assert say("zh", SPOT_CHECKS, [], "2025-01-31") == (
        "市级工业产品质量监督抽查，应于2024年12月31日前达到3,500批次，尚未报送数据，已逾期31天。"
    )
    assert say("en", SPOT_CHECKS, [], "2025-01-31") == (
        "市级工业产品质量监督抽查 was due by 2024-12-31 at 3,500 批次; no figure has been "
        "reported, and it is 31 days overdue."
    )


def test_capped_flow_over_its_limit_after_the_deadline_gives_the_excess() -> None:
    figures = [figure(ACCIDENTS, "2025-12-20", 14)]
    assert say("zh", ACCIDENTS, figures, "2026-01-31") == (
        "截至2026年1月31日，较大生产安全事故累计14起，超出控制目标（12起）2起。"
    )
    assert say("en", ACCIDENTS, figures, "2026-01-31") == (
        "As of 2026-01-31, 较大生产安全事故 adds up to 14 起, 2 起 over the limit of 12 起."
    )


def test_reduction_overdue_says_what_it_was_to_come_down_to() -> None:
    figures = [figure(PM25, "2025-12-20", 35)]
    assert say("zh", PM25, figures, "2026-01-31") == (
        "PM2.5年均浓度，应于2025年12月31日前降至30微克/立方米以内，截至2026年1月31日为"
        "35微克/立方米，已逾期31天。"
    )
    assert say("en", PM25, figures, "2026-01-31") == (
        "PM2.5年均浓度 was to come down to at most 30 微克/立方米 by 2025-12-31; as of "
        "2026-01-31 it stands at 35 微克/立方米, 31 days overdue."
    )


def test_no_data_before_the_deadline() -> None:
    assert say("zh", PLATFORMS, [], "2025-06-30") == (
        "质量基础设施“一站式”服务平台，截至2025年6月30日尚未报送数据。"
    )
    assert say("en", PLATFORMS, [], "2025-06-30") == (
        "质量基础设施“一站式”服务平台: no figure has been reported as of 2025-06-30."
    )


def test_flow_with_no_figure_before_its_deadline_is_no_data_not_zero() -> None:
    assert say("zh", SPOT_CHECKS, [], "2024-03-31") == (
        "市级工业产品质量监督抽查，截至2024年3月31日尚未报送数据。"
    )


# -- milestones ----------------------------------------------------------------------


def test_milestone_met_gives_the_day_it_was_reported() -> None:
    figures = [figure(CAPABILITY, "2025-06-15", 1)]
    assert say("zh", CAPABILITY, figures, "2025-06-30") == (
        "制造业企业质量管理能力评价（2025 年）已完成（2025年6月15日报送）。"
    )
    assert say("en", CAPABILITY, figures, "2025-06-30") == (
        "制造业企业质量管理能力评价（2025 年） is done (reported 2025-06-15)."
    )


def test_milestone_met_late_gives_the_report_and_the_deadline() -> None:
    figures = [figure(CAPABILITY, "2026-01-10", 1)]
    assert say("zh", CAPABILITY, figures, "2026-01-31") == (
        "制造业企业质量管理能力评价（2025 年）逾期完成（2026年1月10日报送，完成时限为2025年12月31日）。"
    )
    assert say("en", CAPABILITY, figures, "2026-01-31") == (
        "制造业企业质量管理能力评价（2025 年） was done late (reported 2026-01-10, due 2025-12-31)."
    )


def test_milestone_overdue_gives_the_days_late() -> None:
    assert say("zh", CAPABILITY, [], "2026-01-31") == (
        "制造业企业质量管理能力评价（2025 年），应于2025年12月31日前完成，尚未报送完成情况，"
        "已逾期31天。"
    )
    assert say("en", CAPABILITY, [], "2026-01-31") == (
        "制造业企业质量管理能力评价（2025 年） was due by 2025-12-31; its completion has not "
        "been reported, and it is 31 days overdue."
    )


def test_milestone_open_with_nothing_reported_says_so() -> None:
    assert say("zh", CAPABILITY, [], "2025-06-30") == (
        "制造业企业质量管理能力评价（2025 年），应于2025年12月31日前完成，尚未报送进展情况。"
    )
    assert say("en", CAPABILITY, [], "2025-06-30") == (
        "制造业企业质量管理能力评价（2025 年） is due by 2025-12-31; no progress has been reported."
    )


def test_milestone_open_with_a_report_is_in_progress() -> None:
    figures = [Figure(CAPABILITY.id, D("2025-03-31"), 0)]
    assert say("zh", CAPABILITY, figures, "2025-04-30") == (
        "制造业企业质量管理能力评价（2025 年），应于2025年12月31日前完成，正在推进。"
    )
    assert say("en", CAPABILITY, figures, "2025-04-30") == (
        "制造业企业质量管理能力评价（2025 年） is due by 2025-12-31 and in progress."
    )


# -- tracked indicators --------------------------------------------------------------


def test_tracking_gives_the_latest_figure_and_its_day() -> None:
    figures = [figure(EXPERTS, "2024-07-08", 75)]
    assert say("zh", EXPERTS, figures, "2025-06-30") == (
        "“产品医院”质量技术专家，为跟踪指标，最近一次报送为75名（2024年7月8日）。"
    )
    assert say("en", EXPERTS, figures, "2025-06-30") == (
        "“产品医院”质量技术专家 is a tracked indicator; the latest figure is 75 名 (2024-07-08)."
    )


def test_tracking_with_no_figure() -> None:
    assert (
        say("zh", EXPERTS, [], "2025-06-30") == "“产品医院”质量技术专家，为跟踪指标，尚未报送数据。"
    )
    assert say("en", EXPERTS, [], "2025-06-30") == (
        "“产品医院”质量技术专家 is a tracked indicator; no figure has been reported."
    )


# -- the add-ons: stale and due soon -------------------------------------------------


@pytest.mark.parametrize("stale_days", [45, 100])
def test_stale_adds_the_last_report_and_the_limit_it_passed(stale_days: int) -> None:
    # Last reported 2025-01-31, 150 days before 2025-06-30: more than 45, and than 100.
    figures = [figure(PLATFORMS, "2025-01-31", 4)]
    assert say("zh", PLATFORMS, figures, "2025-06-30", stale_days) == (
        "截至2025年6月30日，质量基础设施“一站式”服务平台已达4个，目标5个（2025年12月31日前），"
        f"完成80.0%，尚差1个。最近一次报送为2025年1月31日，已超过{stale_days}天未更新。"
    )
    assert say("en", PLATFORMS, figures, "2025-06-30", stale_days) == (
        "As of 2025-06-30, 质量基础设施“一站式”服务平台 stands at 4 个 against a target of 5 个 "
        "by 2025-12-31: 80.0% done, 1 个 to go. The last figure was reported on 2025-01-31, "
        f"more than {stale_days} days ago."
    )


def test_a_figure_within_the_stale_limit_adds_nothing() -> None:
    figures = [figure(PLATFORMS, "2025-01-31", 4)]
    assert say("zh", PLATFORMS, figures, "2025-06-30", 150).endswith("尚差1个。")


def test_due_soon_adds_the_days_left() -> None:
    # 2025-12-16 to 2025-12-31: 15 days; the figure is 6 days old.
    figures = [figure(PLATFORMS, "2025-12-10", 4)]
    assert say("zh", PLATFORMS, figures, "2025-12-16") == (
        "截至2025年12月16日，质量基础设施“一站式”服务平台已达4个，目标5个（2025年12月31日前），"
        "完成80.0%，尚差1个。距完成时限还有15天。"
    )
    assert say("en", PLATFORMS, figures, "2025-12-16") == (
        "As of 2025-12-16, 质量基础设施“一站式”服务平台 stands at 4 个 against a target of 5 个 "
        "by 2025-12-31: 80.0% done, 1 个 to go. It is due in 15 days."
    )


def test_stale_comes_before_due_soon() -> None:
    # Reported 2025-10-01, 76 days before 2025-12-16; due in 15 days.
    figures = [figure(PLATFORMS, "2025-10-01", 4)]
    assert say("zh", PLATFORMS, figures, "2025-12-16") == (
        "截至2025年12月16日，质量基础设施“一站式”服务平台已达4个，目标5个（2025年12月31日前），"
        "完成80.0%，尚差1个。最近一次报送为2025年10月1日，已超过45天未更新。距完成时限还有15天。"
    )
    assert say("en", PLATFORMS, figures, "2025-12-16") == (
        "As of 2025-12-16, 质量基础设施“一站式”服务平台 stands at 4 个 against a target of 5 个 "
        "by 2025-12-31: 80.0% done, 1 个 to go. The last figure was reported on 2025-10-01, "
        "more than 45 days ago. It is due in 15 days."
    )


def test_behind_pace_in_the_last_weeks_with_both_add_ons_in_chinese() -> None:
    # On 12-16 the pace is day 350 of 365: 95.9%; 70.0% done, 25.9 points below. 15 days
    # left, fewer than 46: what remains (1,050) is said in days, not as a monthly rate of
    # 2,131 that would be more than what is owed. Reported 77 days before.
    figures = [figure(SPOT_CHECKS, "2024-09-30", 2450)]
    assert say("zh", SPOT_CHECKS, figures, "2024-12-16") == (
        "截至2024年12月16日，市级工业产品质量监督抽查累计完成2,450批次，占年度目标（3,500批次）"
        "的70.0%，低于序时进度（95.9%）25.9个百分点，余下15天需完成1,050批次。"
        "最近一次报送为2024年9月30日，已超过45天未更新。距完成时限还有15天。"
    )


def test_english_says_one_day_in_the_singular() -> None:
    four = [figure(PLATFORMS, "2025-12-20", 4)]
    assert say("en", PLATFORMS, four, "2025-12-30").endswith("1 个 to go. It is due in 1 day.")
    assert say("en", PLATFORMS, four, "2026-01-01").endswith("(80.0%), 1 day overdue.")
    assert say("en", CAPABILITY, [], "2026-01-01").endswith("and it is 1 day overdue.")
    stale = say("en", PLATFORMS, [figure(PLATFORMS, "2025-06-28", 4)], "2025-06-30", 1)
    assert stale.endswith("The last figure was reported on 2025-06-28, more than 1 day ago.")


def test_english_one_remaining_month_is_singular() -> None:
    # 2024-11-30: 31 days left, said in days; 2024-11-15: 46 days, round(46 / 30.4375) = 2;
    # 2024-11-20: 41 days left, in days too.
    figures = [figure(SPOT_CHECKS, "2024-11-15", 2450)]
    assert say("en", SPOT_CHECKS, figures, "2024-11-15").endswith("over the remaining 2 months.")
    late = [figure(SPOT_CHECKS, "2024-11-30", 2450)]
    assert say("en", SPOT_CHECKS, late, "2024-11-30").endswith(
        "; 1,050 批次 remain to do in the last 31 days."
    )


# -- pledge report -------------------------------------------------------------------

AS_OF = "2025-11-30"
CAPABILITY_2024_ZH = "制造业企业质量管理能力评价（2024 年），应于2024年12月31日前完成，尚未报送完成情况，已逾期334天。"
CAPABILITY_2024_EN = (
    "制造业企业质量管理能力评价（2024 年） was due by 2024-12-31; its completion has not been "
    "reported, and it is 334 days overdue."
)


def report(run: Run, *args: str) -> str:
    result = run(*args)
    assert result.exit_code == 0, result.output
    return result.stdout


def items(text: str) -> list[str]:
    """The numbered sentences of a notice, without their numbers."""
    return [m[1] for m in re.finditer(r"^\d+\. (.*)$", text, re.MULTILINE)]


def test_report_in_chinese_has_the_title_headings_counts_and_the_overdue_milestone(
    sample: Path, run: Run
) -> None:
    text = report(run, "--lang", "zh", "report", "--as-of", AS_OF)
    lines = text.splitlines()
    assert lines[0] == "截至2025年11月30日承诺事项推进情况通报"
    for heading in ("一、总体情况", "二、各责任单位推进情况", "三、具体事项推进情况"):
        assert lines.count(heading) == 1
    summary = lines[lines.index("一、总体情况") + 1]
    assert summary.startswith("截至2025年11月30日，共跟踪8项承诺事项。")
    for count in ("已完成1项", "逾期完成0项", "按序时推进0项", "推进中3项", "滞后于序时进度0项",
                  "逾期未完成4项", "未报送0项", "应报未报7项", "跟踪指标6项"):  # fmt: skip
        assert count in summary
    assert items(text).count(CAPABILITY_2024_ZH) == 1


def test_report_in_english_has_the_same_parts(sample: Path, run: Run) -> None:
    text = report(run, "--lang", "en", "report", "--as-of", AS_OF)
    lines = text.splitlines()
    assert lines[0] == "Progress of commitments as of 2025-11-30"
    for heading in ("1. Overview", "2. By owner", "3. Each commitment"):
        assert lines.count(heading) == 1
    summary = lines[lines.index("1. Overview") + 1]
    assert summary.startswith("As of 2025-11-30, 8 commitments are tracked: ")
    for count in ("1 met", "0 met late", "0 on track", "3 in progress", "0 behind",
                  "4 overdue", "0 with no data", "7 are stale", "6 indicators"):  # fmt: skip
        assert count in summary
    assert items(text).count(CAPABILITY_2024_EN) == 1


def test_report_summary_counts_add_up_to_its_total(sample: Path, run: Run) -> None:
    text = report(run, "--lang", "zh", "report", "--as-of", AS_OF)
    # The tracked indicators are counted apart (另有跟踪指标6项), not in the total.
    summary = text.splitlines()[3]
    total, *statuses, _stale, tracking = (int(n) for n in re.findall(r"(\d+)项", summary))
    assert (total, len(statuses), tracking) == (8, 7, 6)
    assert total == sum(statuses)


def test_report_lang_option_of_its_own_speaks_the_same(sample: Path, run: Run) -> None:
    before = report(run, "--lang", "zh", "report", "--as-of", AS_OF)
    assert report(run, "report", "--lang", "zh", "--as-of", AS_OF) == before
    assert report(run, "report", "--lang", "en", "--as-of", AS_OF) == report(
        run, "--lang", "en", "report", "--as-of", AS_OF
    )


def test_report_to_a_file_writes_what_it_prints(sample: Path, run: Run, tmp_path: Path) -> None:
    printed = report(run, "--lang", "zh", "report", "--as-of", AS_OF)
    path = tmp_path / "notice.txt"
    result = run("--lang", "zh", "report", "--as-of", AS_OF, "-o", str(path))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert path.read_text(encoding="utf-8") == printed


def test_report_for_one_owner_names_it_and_leaves_the_others_out(sample: Path, run: Run) -> None:
    text = report(run, "--lang", "zh", "report", "--as-of", AS_OF, "--owner", "市场监管")
    lines = text.splitlines()
    assert lines[0] == "截至2025年11月30日承诺事项推进情况通报（责任单位：市场监管）"
    assert lines[3].startswith("截至2025年11月30日，共跟踪4项承诺事项。")
    assert "认证从业机构“双随机、一公开”检查（2024 年），应于2024年12月31日前完成" in text
    assert "市工业和信息化局" not in text and CAPABILITY_2024_ZH not in text
    assert "市政府" not in text


# -- pledge report -f html -----------------------------------------------------------

HOSTILE_TITLE = "<script>alert(1)</script>"
HOSTILE_OWNER = '"&<>'
# The sample's non-milestone commitments: each gets a chart; all have figures but
# spot-checks-2024, which has a target to draw its pace line and target line against.
CHARTED = {
    "platforms", "stations", "hospital-experts", "hospital-firms", "spot-checks-2024",
    "training-persons", "training-firms", "skill-certificates", "quality-funding", "x",
}  # fmt: skip


@pytest.fixture
def html(sample: Path, run: Run, tmp_path: Path) -> str:
    for args in (
        ("add", "x", "--title", HOSTILE_TITLE, "--owner", HOSTILE_OWNER, "--target", "5",
         "--unit", "个", "--deadline", "2025-12-31"),
        ("record", "x", "3", "--on", "2025-06-30", "--as-of", AS_OF),
        ("report", "-f", "html", "-o", str(tmp_path / "r.html"), "--as-of", AS_OF),
    ):  # fmt: skip
        result = run(*args)
        assert result.exit_code == 0, result.output
    return (tmp_path / "r.html").read_text(encoding="utf-8")


def entries(html: str) -> dict[str, str]:
    """Each commitment's block of the HTML, by id."""
    return dict(re.findall(r'<div class="entry" id="([^"]+)">(.*?)</div>', html, re.DOTALL))


def test_html_is_one_file_that_needs_nothing_else(html: str) -> None:
    assert "<script" not in html.lower()
    assert "<link" not in html.lower()
    assert set(re.findall(r"https?://[^\s\"'<>)]+", html)) == {"http://www.w3.org/2000/svg"}
    assert re.search(r"@page\s*\{[^}]*\bA4\b", html)


def test_html_draws_one_chart_per_numeric_commitment_and_the_overview(html: str) -> None:
    blocks = entries(html)
    charted = {cid for cid, block in blocks.items() if block.count("<svg") == 1}
    assert charted == CHARTED
    assert all(block.count("<svg") <= 1 for block in blocks.values())
    assert html.count('class="chart overview"') == 1
    assert html.count("<svg") == len(CHARTED) + 1


def test_html_escapes_a_hostile_title_and_owner(html: str) -> None:
    assert HOSTILE_TITLE not in html and HOSTILE_OWNER not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in entries(html)["x"]
    assert "&#34;&amp;&lt;&gt;" in html
    overview = re.search(r'<svg [^>]*class="chart overview".*?</svg>', html, re.DOTALL)
    assert overview is not None
    assert "&lt;script&gt;alert(1" in overview[0]
    for svg in re.findall(r"<svg .*?</svg>", html, re.DOTALL):
        assert "<script" not in svg and '"&<>' not in svg


# -- limits met, limits with nothing reported, the 台账's sentences ---------------------


def test_a_limit_kept_reads_as_kept_not_as_done() -> None:
    # 3 accidents by the deadline, reported on it, against at most 12: met, within the limit.
    figures = [figure(ACCIDENTS, "2025-12-31", 3)]
    assert say("zh", ACCIDENTS, figures, "2026-01-31") == (
        "较大生产安全事故控制在目标以内：3起，目标为不超过12起。"
    )
    assert say("en", ACCIDENTS, figures, "2026-01-31") == (
        "较大生产安全事故 stayed within its limit: 3 起 against at most 12 起."
    )


def test_a_limit_with_nothing_reported_after_its_deadline_is_not_a_target_to_reach() -> None:
    assert say("zh", ACCIDENTS, [], "2026-01-31") == (
        "较大生产安全事故，应于2025年12月31日前控制在12起以内，尚未报送数据，已逾期31天。"
    )
    assert say("en", ACCIDENTS, [], "2026-01-31") == (
        "较大生产安全事故 was to stay within 12 起 by 2025-12-31; no figure has been reported, "
        "and it is 31 days overdue."
    )


def test_ledger_sentences_name_tracked_indicators_apart_and_quote_once(
    run: Run, sample: Path
) -> None:
    out = run("--lang", "zh", "report", "--as-of", AS_OF).stdout
    assert "市人力资源社会保障局：跟踪指标1项。" in out
    assert "市市场监管局：4项承诺事项，其中逾期未完成2项、应报未报3项，" in out
    assert "逾期最久的是“认证从业机构‘双随机、一公开’检查（2024 年）”（334天）。" in out
    english = run("--lang", "en", "report", "--as-of", AS_OF).stdout
    assert "市人力资源社会保障局: 1 indicator tracked without a target." in english
