"""What a number in a clause is: not a figure at all, a change, or a figure that some cue
marks as done or as to be reached.

Each rule is a small function over the clause (titles in 《》 already masked) and the
quantity's place in it, so that it can be tested on the sentence it came from.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from datetime import date

from pledgecli.extract.cues import When
from pledgecli.extract.numbers import Quantity, find_quantities

# -- numbers that are not figures ------------------------------------------------------------

_POPULATION = r"(?:千|万|百|十万)(?:人口?|名|户|常住人口|户籍人口|老年人|老人|儿童|学生|职工|居民)"
# 每家使用面积不小于120平方米, 按每户每月600元, 每人每餐补贴3元, 单站最高不超过50万元: a rule for
# each one, not a total to reach. 每千人口床位数 is a rate per population and is a figure.
_EACH = re.compile(
    rf"每(?!年|月|周|日|天|季度|学期|半年|{_POPULATION})(?:[一二两三四五六七八九十\d]*[\u4e00-\u9fff]{{1,4}}?)"
    r"(?:每(?:年|月|周|日|天|餐|次|学期|季度))?[^，。；]{0,10}$"
)
_EACH_PERIOD = re.compile(r"每(?:月|周|日|天|季度|半年|学期|次|餐|批)")
_SINGLE = re.compile(
    r"(?:单(?:站|个|枪|台|套|户|处|项|体|座|家)|亩均|户均|最高|最低|上限|下限|封顶)[^，。；]{0,8}$"
)
_SUBSIDY = re.compile(r"补助|补贴|奖励|奖补|资助|津贴|补偿|标准|收费|票价|租金|定价")
_BY_RULE = re.compile(r"按(?:照)?[^，。；]{0,20}$")
_AFTER_STANDARD = re.compile(
    r"^(?:/[\u4e00-\u9fff]|的?标准|一票制|制(?![度定])|/人·|建设|配建|预留|配置)"
)
# 隔离带宽度不低于3米, 公示期不少于7天, 年级间隔15分钟, 该支路长约0.6公里: the measure of a thing
# or a rule, not a total. A length with no comparator (修复长度约18.5公里) is a figure.
_SPEC = re.compile(
    r"(?:宽度|长度|高度|深度|厚度|年限)[^，。；]{0,4}(?:不低于|不小于|不少于|不超过|不大于|不高于|按)$"
    r"|(?:间距|半径|直径|期限|时长|净高|坡度|公示期|有效期|试用期|周期|间隔|分值|长约|宽约|全长约?)"
    r"(?:不低于|不小于|不少于|不超过|不大于|不高于|为|按|约)?$"
)
_THRESHOLD_AFTER = re.compile(
    r"^(?:(?:及)?以上|(?:及)?以下|以内)?的(?!目标|任务|要求)|^(?:范围|半径|以内的|内的|见方)"
)
# 10亿元以上项目32个: 以上 before a noun that another figure counts.
_ABOVE_NOUN = re.compile(r"^(?:及)?(?:以上|以下)(?=[\u4e00-\u9fff])")
_STATUS_COUNT = re.compile(
    r"(?:序时推进|进度滞后|滞后|超序时|提前完成|未完成|按期完成|完成年度目标|超额完成)[^，。；]{0,6}的(?:项目|事项)?$"
)
_METRIC_NAME_AFTER = re.compile(r"^(?:内|以内)?[\u4e00-\u9fff]{1,6}?(?:率|比例|占比|覆盖率)")
_TIME_UNITS = {"分钟", "小时", "天", "秒", "个工作日"}
_RANK = re.compile(r"(?:第|前|后)$")
_RANK_AFTER = re.compile(r"^(?:名|位|强)")
_GROUP = re.compile(r"(?:全省|全国|全市|全区|全州|全县|全镇|全乡|同类)[^，。；]{0,4}$")
_GROUP_AFTER = re.compile(r"^[\u4e00-\u9fff]{1,6}?(?:中|之中)(?:[，,排位名居列已有]|$)")
_PROGRESS = re.compile(
    r"(?:完成|占|达到|为)(?:了)?[\u4e00-\u9fff]{0,6}?(?:目标|任务|计划)[\u4e00-\u9fff]{0,4}?的$"
    r"|(?:序时进度|完成进度)(?:为|达|达到)?$|(?:^|[，,、])完成$"
)
# A share of this year's task done so far (开工率96.5%): a progress ratio when reported, a
# target when promised (整治完成率达到100%).
# 每周开放时间不少于35小时, 每季度通报1次: a rule for each week or quarter when promised; a
# daily figure reported (每日投入警力约260人次) is a figure.
EACH_PERIOD = _EACH_PERIOD
# A bound said of a shortfall (到位率不足60%, 完成率低于50%): not a level reported.
PROGRESS_RATE = re.compile(r"(?:不足|不到|尚不足|低于|均低于|未达到|未达)$")
_IDENT_AFTER = re.compile(r"^(?:号|届|次会议|会议|期间)")
_NEGATED = re.compile(r"没有必要|无需|不必|暂不|暂无|不予|不宜|无法|难以|不再")
_ITEMS_BY_STATUS = re.compile(
    r"^(?:重点)?(?:项目|事项)(?:的)?(?:完成率|进展|进度|滞后|均|已|超过|低于|尚未|未)"
)
_ESTIMATE = re.compile(r"估算|预估|测算|估计|概算")
_PENALTY = re.compile(r"罚款|罚金|处罚|罚没")
_NUMERAL_RUN = re.compile(r"^[一二两三四五六七八九十]")
_IDIOM = re.compile(r"一(?:张蓝图|盘棋|批|站式|件事|网|条龙|体化|把手|揽子|对一|票制)")


def not_a_figure(clause: str, q: Quantity) -> str | None:
    """Why a number is not a figure of the letter's own (a reason for tests), or None."""
    before, after = clause[: q.start], clause[q.end :]
    near = before[-20:]
    if before.count("“") > before.count("”") or before.count('"') % 2:
        return "inside a quoted name"  # “15分钟阅读圈”, “一件事一次办”
    if before.endswith(("第", "届")) or _IDENT_AFTER.match(after):
        return "an ordinal or an identifier"
    if (
        _RANK.search(before)
        and _RANK_AFTER.match(after)
        or _RANK_AFTER.match(after)
        and "排名" in near
    ):
        return "a ranking"
    if q.unit.endswith("位") and re.search(r"排名|位列|位居", near):
        return "a ranking"
    if _GROUP.search(before) and _GROUP_AFTER.match(after):
        return "the size of a comparison group"  # 在全省13个设区市中
    if before.endswith("每") and not q.text[0].isdigit():
        return "a rate's denominator"  # 每千人6批次
    if _EACH.search(near) or _SINGLE.search(near):
        return "a rule for each one"
    if _BY_RULE.search(before) and (
        _SUBSIDY.search(clause) or re.search(r"确定|给予|发放|拨付", after)
    ):
        return "a rule for each one"
    if _AFTER_STANDARD.match(after) or _SPEC.search(near):
        return "a standard or a specification"
    if _ABOVE_NOUN.match(after) and (find_quantities(after) or not q.text[0].isdigit()):
        return "a threshold that names what is counted"
    if _THRESHOLD_AFTER.match(after) and not (
        re.search(r"(?:不少于|不低于|至少)$", before) and not find_quantities(after)
    ):
        return "a threshold that names what is counted"  # 超10万件的, but 不少于20人的队伍 counts
    if (
        q.unit in ("岁", "个月")
        and re.match(r"[\u4e00-\u9fff]", after[:1])
        and not after.startswith(("以上", "以内"))
    ):
        return "a threshold that names what is counted"  # 0—36个月儿童
    if q.unit in ("个月", "天", "年") and re.search(r"(?:剩|不到|不足|还有|距)$", before):
        return "a span of time, not a count"  # 距年底仅剩不到两个月
    if q.unit == "个" and re.match(r"(?:季度|月|年度|工作日|小时|星期)", after):
        return "a span of time, not a count"  # 连续两个季度
    if before.endswith(("以下", "如下", "下列")):
        return "the count of the items that follow"  # 办好以下十件民生实事
    if q.unit in ("岁",) and not after.startswith(("，", "。")):
        return "a threshold that names what is counted"  # 年寄递量超10万件的农产品品牌
    if q.normalized_unit in _TIME_UNITS and _METRIC_NAME_AFTER.match(after):
        return "a threshold that names what is counted"  # 火警5分钟到场率, 10秒内接听率
    if _NEGATED.search(before):
        return "negated: not to be done"  # 没有必要再修一条道路
    if _ESTIMATE.search(before) or _PENALTY.search(clause):
        return "an estimate or a penalty, not a figure to track"  # 初步估算…约1.1亿元, 处…罚款
    if re.match(r"(?:及)?以上\s*\d", after) or re.search(r"\d[\u4e00-\u9fff%]{0,4}以上$", before):
        return "a range that bounds a rule"  # 5000元以上3万元以下
    if _PROGRESS.search(before[-14:]):
        return "a progress ratio"  # 完成年度任务的62%
    if q.unit in ("件", "项") and re.match(r"(?:民生)?实事", after):
        return "the count of a programme's items"  # 十件民生实事
    if _STATUS_COUNT.search(near) or _ITEMS_BY_STATUS.match(after):
        return "a count of items by their progress"  # 序时推进的3项, 3个项目进展滞后
    if re.search(r"\d\s*[×xX*]\s*$", before) or re.match(r"\s*[×xX*]\s*\d", after):
        return "a standard or a specification"  # 7×24小时, 28米×15米
    if not q.text[0].isdigit() and re.match(r"[\u4e00-\u9fff]", after[:1]):
        if q.unit == "次" and (q.value != 1 or after.startswith("性")):
            return "a numeral in a phrase"  # 二次供水, 一次性
        if q.unit == "期" and re.match(r"[\u4e00-\u9fff]{0,4}?(?:项目|工程|建设)", after):
            return "a numeral in a phrase"  # 二期项目
        if q.unit == "届":
            return "an ordinal or an identifier"  # 十七届人大五次会议
    if (
        q.unit == "期"
        and not q.text[0].isdigit()
        and re.search(r"(?:站|厂|工程|项目|中心|园|线|馆|院|楼|城)$", before)
    ):
        return "a numeral in a phrase"  # 建成镇区污水处理站二期
    if _IDIOM.match(clause, q.start):
        return "a numeral in a phrase"  # 一张蓝图绘到底, 一站式
    if not q.text[0].isdigit() and (
        _NUMERAL_RUN.match(after) or q.text in ("一个", "一项", "一批")
    ):
        return "a numeral in a phrase"  # 一对一, 一个中心
    return None


# -- changes ------------------------------------------------------------------------------

_CHANGE_BEFORE = re.compile(
    r"(?:增长|下降|降低|提高|增加|减少|上升|回落|提升|缩短|压减|增幅|降幅|增速|涨幅|多|少|多完成|少完成)"
    r"(?:了|约|近|超)?$"
)
_COMPARED = re.compile(
    r"(?:比|较|与)(?:上年|去年|上一年|同期|去年同期|上年同期|\d{4}年(?:底|末)?|“十[一二三四五]五”末)"
    r"|同比|环比|年均"
)


def is_change(clause: str, q: Quantity) -> bool:
    """增长5.6%, 同比下降6.5%, 较上年提高1.9个百分点, 年均增长12%: a change, not a level."""
    before = clause[: q.start]
    return bool(_CHANGE_BEFORE.search(before[-8:]) or _COMPARED.search(before[-14:]) and
                q.normalized_unit in ("%", "个百分点", "百分点", "倍"))  # fmt: skip


def restates(clause: str, q: Quantity) -> bool:
    """A clause that opens with the comparison (，比2023年增加41.4%) has no subject of its
    own: it restates the figure before it. 能耗较2020年下降14% has one and is a figure."""
    m = _COMPARED.search(clause[: q.start])
    return m is not None and not clause[: m.start()].strip("并且即同时 ")


# -- cues: done, or to be reached ---------------------------------------------------------------

_FACT = re.compile(
    r"已经|已|共有|共计|(?<!完成)(?<!改造)(?<!对)现有|尚有|仍有|完成了|实现了|达到了|建成了|获评|荣获|获得|初步|"
    r"完成情况|实际完成|进展情况|完成进度"
)
_PROMISE = re.compile(
    r"力争|确保|(?<!工作)(?<!年度)(?<!方案及)(?<!的)计划(?![，。；、的中内])|拟|目标(?:任务)?(?:是|为|值|：|:)|主要目标|预期目标|预计|努力|力求|着力|要(?!求|点|素|件|事|闻)|"
    r"将(?![^，。；]{0,12}(?:列入|纳入|作为))|下一步|今后|接下来|重点做好|重点抓好"
)
_STRIVE = re.compile(r"(?<!力)争取")
# Words that ask for a level, not report one: a clause with no time or fact that says
# 不少于 is a promise.
_ASKING = re.compile(r"不少于|不低于|不小于|至少|不超过|不高于|不多于|以上|以内|力争|确保")


@dataclass(frozen=True)
class Cues:
    """The cues of one sentence that say past or future, in the order they stand, read
    once so that each number looks its nearest one up."""

    positions: list[int]
    sides: list[str]
    said: list[tuple[int, str]]  # the words alone (将, 已), without the times

    @classmethod
    def of(
        cls, sentence: str, times: list[tuple[int, When]], issued: date | None, past: bool = False
    ) -> Cues:
        """The cues of a sentence; in a part that reports (`past`), 争取 means secured."""
        words = [(m.start(), "past") for m in _FACT.finditer(sentence)]
        words += [(m.start(), "future") for m in _PROMISE.finditer(sentence)]
        timed = [(p, side) for p, when in times if (side := _time_side(when, issued))]
        # 争取 is "strive for" after no past cue, and "secured" after one (2024年争取资金…).
        before = [p for p, side in words + timed if side == "past"]
        words += [(m.start(), "future") for m in _STRIVE.finditer(sentence)
                  if not past and not any(p < m.start() for p in before)]  # fmt: skip
        every = sorted(words + timed)
        return cls([p for p, _ in every], [side for _, side in every], sorted(words))

    def side_at(self, at: int) -> str | None:
        """past or future: the cue nearest before position `at`.

        A time before the letter's date, 截至, 目前, 已 say past; a later time, a deadline
        still to come, 将, 计划, 力争 say future; 今年 or 2025年 alone, in a letter of 2025,
        say neither."""
        i = bisect_left(self.positions, at)
        return self.sides[i - 1] if i else None

    def said_at(self, at: int) -> str | None:
        """The same, from the words alone."""
        i = bisect_left(self.said, (at, ""))
        return self.said[i - 1][1] if i else None


def vote(sentence: str, at: int, times: list[tuple[int, When]], issued: date | None) -> str | None:
    """The cue nearest before position `at` of a sentence (see `Cues.side_at`)."""
    return Cues.of(sentence, times, issued).side_at(at)


def _time_side(when: When, issued: date | None) -> str | None:
    if when.back:
        return "future"
    if when.as_of:
        return "past"
    if when.end is None:
        return "future" if when.deadline_word else None
    if issued is None:
        return "future" if when.deadline_word else None
    if when.end < issued:
        return "past"
    if when.start and when.start.year < issued.year and when.end.year <= issued.year:
        return "past"  # 2022年至2024年 in a letter of 2024: a window mostly behind it
    if when.start and when.start > issued or when.deadline_word:
        return "future"
    if when.end.year > issued.year:
        return "future"
    return None  # 今年, 2025年: the year the letter is in


def asks(clause: str, q: Quantity) -> bool:
    """A comparator that asks for a level (不少于5个, 10个以内)."""
    return bool(_ASKING.search(clause[max(0, q.start - 6) : q.end + 4]))
