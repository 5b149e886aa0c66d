"""Who answers for a promise, as a letter names it: 由…负责, a named subject, a unit of a kind
(各镇街), and the work a sentence of its own names (灌排渠道工程由县水利局负责)."""

from __future__ import annotations

import re

# 由市公交集团负责, 由县交通运输局牵头: the unit that answers (not 由市政府约谈主要负责人).
RESPONSIBLE = re.compile(
    r"由([\u4e00-\u9fff（）()、]{1,24}?(?:局|委员会|委|办公室|办|中心|政府|集团|公司|支队|大队|院|站|所|处|科|股|"
    r"街道|镇街|乡镇|社区|居委会|村|部门|单位|专班|管委会|小组|队))"
    r"(?:负责(?!人)|牵头|组织实施|具体实施|实施|承担|落实|统筹)"
)
# A unit named as it answers for something: 市民政局, 县交通运输局, 市公交集团; or all of a kind.
_ORG = (
    r"(?!会同|联合|配合|协同|商请)(?:[\u4e00-\u9fff]{2,4}?[省市县区镇])?[市县区镇街][\u4e00-\u9fff]{1,10}?"
    r"(?:局|委员会|委|办公室|中心|集团|公司|支队|大队|院|馆|站|所|处|办|队)"
)
_COLLECTIVE = (
    r"各(?:[县市区][（(]市、区[）)]|[\u4e00-\u9fff]{0,6}?(?:镇街|乡镇|街道|镇|区|县|部门|单位|村|社区|学校))"
    r"(?:人民政府|办事处)?"
)
SUBJECT = re.compile(
    rf"(?:^(?:[（(][一二三四五六七八九十\d]{{1,3}}[）)]|[一二三四五六七八九十]{{1,3}}[、是]|\d{{1,2}}[.．、])?|[，；：])"
    rf"(?:[^，；：]{{0,12}}?[，])?({_ORG}|{_COLLECTIVE})"
    r"(?:要|将|负责|牵头|计划|力争|确保|会同|联合|统筹|持续|继续|年内|今年|全年|进一步|每年|安排|组织|"
    r"推动|加快|牵头组织|拟|争取)"
)
THIS_WORK = re.compile(r"^(?:此项|该项|这项|上述|以上|前述)(?:工作|任务|项目|工程)")


def shared(a: str, b: str) -> int:
    """The length of the longest run of characters two phrases share."""
    best = 0
    for i in range(len(a)):
        for j in range(i + best + 1, len(a) + 1):
            if a[i:j] in b:
                best = j - i
            else:
                break
    return best


# （牵头单位：市发展改革委；配合单位：…）, （责任处室：发展规划处、基础教育处）: who answers
# for the item it closes. The first unit named leads, or the one marked （牵头）.
_DUTY = re.compile(
    r"[（(](?:牵头单位|责任单位|责任处室|牵头处室|牵头股室|责任股室|责任部门|牵头部门|责任科室|牵头科室|"
    r"主责单位|责任主体|牵头|负责单位)[：:]\s*((?:[^（()）\n]|[（(][^（()）\n]{0,12}[）)]){0,120})[）)]"
)
_UNIT_SPLIT = re.compile(r"[、，,；;／/\s]+")
_LEADS = re.compile(r"([^、，,；;\s（(]{1,30})[（(]牵头[）)]")


def first_unit(names: str) -> str | None:
    """The unit that leads in a list of them: the one marked （牵头）, else the first."""
    if m := _LEADS.search(names):
        return m[1]
    names = re.split(r"[；;]|配合单位|协办单位", names)[0]
    # 各县（市、区）人民政府 is one unit: split only outside brackets.
    hidden = re.sub(r"[（(][^（()）]*[）)]", lambda b: b[0].replace("、", "\0"), names)
    units = [u.replace("\0", "、") for u in _UNIT_SPLIT.split(hidden) if u]
    return units[0] if units else None


def note_alone(paragraph: str) -> str | None:
    """A paragraph that is only a responsibility note (（责任科室：登记注册科、信用监管科）), which
    answers for the items above it: the unit it names."""
    m = _DUTY.fullmatch(paragraph.strip())
    return first_unit(m[1]) if m else None


# （由县文化旅游体育局负责）: a note in the other form
_DUTY_BY = re.compile(r"[（(]由([^（()）\n]{2,30}?)(?:负责|牵头)[^（()）\n]{0,20}[）)]")


def duty_items(paragraph: str) -> list[tuple[str, str | None]]:
    """A paragraph cut after each responsibility note, each piece with the unit it names
    (None for text after the last note): an item's time and owner stay in the item."""
    items: list[tuple[str, str | None]] = []
    at = 0
    notes = sorted(
        [*_DUTY.finditer(paragraph), *_DUTY_BY.finditer(paragraph)], key=lambda m: m.start()
    )
    for m in notes:
        if m.start() < at:
            continue
        items.append((paragraph[at : m.start()], first_unit(m[1])))
        at = m.end()
    if at < len(paragraph) or not items:
        items.append((paragraph[at:], None))
    return items


# A task table as text lines: 目标值：不少于800张　完成时限：2025年12月底前　责任单位：市民政局（牵头）
