"""Qualitative promises: a clause that commits to a deed with no quantity (出台…办法,
实现…全覆盖, 全部开工, 建成…平台), to be tracked as done or not by its deadline."""

from __future__ import annotations

import re
from collections.abc import Sequence

# The deeds a promise names. Greedy where a phrase runs on to its object (建成…监测网络).
_DEED = re.compile(
    r"出台|印发|制定|修订|编制完成|编制|颁布|"
    r"完成(?!时限|情况|率|进度)[^，。；\d了]{3,30}|形成[^，。；\d]{0,20}(?:报告|总结|方案|清单|机制|台账|制度)|公示|清零|"
    r"签订[^，。；\d]{0,20}(?:协议|合同|责任书)|举办[^，。；\d]{0,24}(?:大赛|竞赛|博览会|展会|论坛|运动会)|"
    r"完成[^，。；\d]{0,24}?(?:评估|修订|摸底|选址|诊断|编制|验收|改造|建设|整改|申报|备案|排查|调查|"
    r"普查|清查|认定|审查|开工|招标|签约|布设|挂牌|上线|规划|立项|销号|任务|工作|换届|整治|治理|"
    r"提升|清理|拆除|迁建|建档|登记|核查|部署|培训|试点|创建|回头看|检查|督查|监察|抽查)|"
    r"(?:组织)?开展[^，。；\d]{0,24}(?:检查|监察|督查|排查|巡查|抽查|普查|审计|评估|考评|考核|回头看[”\"]?)(?![\u4e00-\u9fff])|"
    r"(?:竣工|投产|通车|通水|贯通|封顶|完工)(?:投产|投用|验收)?|组织[^，。；\d]{0,6}验收|"
    r"(?:全面|全部)?达到[^，。；\d]{0,12}标准|通过[^，。；\d]{0,14}(?:认证|验收|评审|评估|考核|复审)|"
    r"[^，。；\d〇年月日底前内]{1,16}全覆盖|基本完成|覆盖(?:所有|全部)|(?:全面)?(?:实行|推行)[^，。；\d]{2,20}|"
    r"健全[^，。；\d]{0,20}(?:机制|制度|体系)|(?:机制|制度|体系)(?:基本)?(?:健全|建立|形成)|"
    r"建成[^，。；\d]{0,30}(?:平台|网络|系统|中心|体系|机制|数据库|基地|园区|工程|场所|站|馆|队|库|区|厂|场|"
    r"[一二三四五]期)|"
    r"建成投用|建成投运|建立[^，。；\d]{0,24}(?:制度|机制|体系|台账|平台|清单|档案|数据库|名录)|"
    r"实现[^，。；\d]{0,30}?(?:全覆盖|同步|全部|贯通|清零|全域|联网|共享|通办|互通|互认|常态化|"
    r"全流程|达标|一体化|统一|零)|"
    r"全部(?:开工|建成|完成|配备|投用|到位|拆除|达标|整改|清零|消除|接入|纳入)|一律|"
    r"全面(?:推行|推开|完成|建成|实施|启用|落实|铺开|开展)|"
    r"启动[^，。；\d]{0,20}(?:建设|试点|工程|改革|编制|创建)|上线|开通|投入使用|投入运营|挂牌|"
    r"开展[^，。；\d]{0,24}专项(?:行动|整治|检查|治理|督查|排查|执法)|组织验收|通过[^，。；\d]{0,12}验收|"
    r"零填埋|基本消除|全面消除|消除[^，。；\d]{0,10}(?:隐患|风险)|"
    r"确保[^，。；\d]{0,24}(?:完成|实现|到位)|完成[^，。；\d]{0,8}下达[^，。；\d]{0,6}任务|"
    r"[^，。；\d]{2,20}同步(?=$|[，。；])"
)
_NOT_A_DEED = re.compile(r"已经|已|了$|曾|获评|荣获|现将|现予|\d{1,2}月\d{1,2}日\s*$")
# 现印发给你们, （二）全面实施阶段: the notice's own words, a phase's name
_NOT_A_PROMISE = re.compile(
    r"印发给|转发给|阶段[）)]?|^[（(][一二三四五六七八九十]+[）)][^。]{0,12}$"
    r"|关于[^，。；]*(?:通知|函|答复|报告|意见|方案)$"
)
# The document making itself (制定本方案) is not a promise it makes.
_ITSELF = re.compile(
    r"^(?:出台|印发|制定|修订|编制)(?:本|此)(?:方案|办法|意见|细则|通知|计划|要点|规划)"
)
_MARKER = re.compile(r"^\s*(?:\d{1,2}[.．、]|[（(]\d{1,2}[）)])\s*")
_METRIC_CHARS = re.compile(r"[“”‘’《》\u4e00-\u9fffA-Za-z]+")


def deed_in(clause: str, hidden: Sequence[tuple[int, int]] = ()) -> tuple[int, str] | None:
    """Where the deed a clause promises starts, and a short name for it; None when the clause
    holds a figure (a promise with a number is a numeric one), or reports a deed already done."""
    if re.fullmatch(r"\s*[（(].*[）)]\s*", clause):
        return None  # （2025年2月20日…印发）: a note on the document, not a promise
    clause = _MARKER.sub(lambda m: " " * len(m[0]), clause)  # 11. 年底前建成…: the item's number
    for start, end in hidden:  # numbers that are no figures (200米范围内) do not make it numeric
        clause = clause[:start] + "〇" * (end - start) + clause[end:]
    if re.search(r"\d", re.sub(r"\d{4}年|\d{1,2}月(?:\d{1,2}日)?|[“《][^”》]*[”》]", "", clause)):
        return None
    # Dates stay in a deed (完成2026年度…调整) but are not figures: hide their digits.
    plain = re.sub(
        r"\d{4}年|\d{1,2}月(?:\d{1,2}日)?", lambda d: "〇" * (len(d[0]) - 1) + d[0][-1], clause
    )
    m = _DEED.search(plain)
    if m is None or _NOT_A_DEED.search(clause[: m.start()]) or _ITSELF.match(plain, m.start()):
        return None
    if _NOT_A_PROMISE.search(clause):
        return None
    return m.start(), deed_name(clause[m.start() :]) or m[0]


def deed_name(text: str) -> str:
    """A short name for a deed: its words from the verb on (出台《…管理办法》)."""
    return "".join(_METRIC_CHARS.findall(text))[:30]
