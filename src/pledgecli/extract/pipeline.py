"""From cleaned text to proposals: commitments (numeric and milestones) and achieved figures."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from pledgecli.extract.clean import clean
from pledgecli.extract.cues import (
    ACHIEVED,
    PROMISE,
    RELATIVE,
    TITLE,
    When,
    comparator_near,
    times_in,
)
from pledgecli.extract.numbers import Quantity, find_quantities
from pledgecli.extract.outline import (
    Scope,
    document_scope,
    duty_items,
    heading_scope,
    is_heading,
    is_top_heading,
    lead_scope,
    table_row,
)
from pledgecli.model import COMPARATOR_BEFORE, Achieved, Extraction, Proposal

FLOW_UNITS = {"批次", "人次", "家次", "户次", "次", "宗", "起"}
_SECTION = re.compile(r"^([一二三四五六七八九十]+)、")
UNDATED = date(1, 1, 1)  # stands for "no date": before every year a letter names
_SELF = {"我局", "本局", "我委", "本委", "我办", "我厅", "我院", "我市政府"}
_ITEM = re.compile(r"[一二三四五六七八九十]+是")
_AS_OF_NOW = re.compile(r"已|目前|现有|现已|截至目前")
_SENTENCE = re.compile(r"[^。！？\n]+[。！？]?")
# Clauses end at Chinese and ASCII commas and semicolons, but not at 1,260's comma.
_CLAUSE = re.compile(r"(?:[^，；：,;:]|(?<=\d),(?=\d{3}))+")
_ORG = re.compile(
    r"(?:[\u4e00-\u9fff]{2,3}市)?市?[\u4e00-\u9fff]{1,8}?(?:局|委员会|办公室|政府|中心)"
)
_METRIC_CHARS = re.compile(r"[“”‘’\u4e00-\u9fffA-Za-z]+")
_METRIC_STOP = re.compile(
    r"的|和|及|与|以上|以内|以下|左右|等|为|到|已|将|正|均|共|分别|在|进行|开展|获得|取得|参加|签订|筹建|\d"
)
_LEADING = re.compile(
    r"^(?:并|同时|其中|另外|此外|以|与|和|对|为|推动|共计|共有|共|累计|已经|已|初步|目前|全市|获"
    r"|力争|确保|计划|拟|将|把|到|使)+"
)
# Words that end a metric's name before its number: comparators, and 约, 近, 达, 共 ….
_TRAILING_WORDS = {
    *COMPARATOR_BEFORE,
    "高达",
    "扩大到",
    "增加到",
    "提高到",
    "约",
    "近",
    "达",
    "共",
    "分别",
}
_TRAILING = re.compile("(?:" + "|".join(sorted(_TRAILING_WORDS, key=len, reverse=True)) + ")+$")
_YEARS = re.compile(
    r"\d{4}(?:年)?(?:-|—|至|到)?(?:\d{4})?年(?:\d{1,2}(?:-\d{1,2})?月)?(?:全年|底前|以来|内)?|今年|年内|明年|每年"
)
# 2024年初见成效、2025年明显改善: a year and a short phrase, but not a time word (2025年底前).
_MILESTONE_YEARS = re.compile(
    r"(\d{4})年(?!底|末|内|前|以前|全年|以来)([\u4e00-\u9fff]{2,6}?)(?=[、，。；]|的目标|$)"
)
# Greedy, so that the phrase runs to its last keyword (…评价机构质量监督检查, not …评价).
_MILESTONE_ACTION = re.compile(
    r"(?:开展|完成|建成|实现|推进|组织开展|组织)([^，。；\d]{2,30}"
    r"(?:检查|监察|督查|排查|巡查|抽查|普查|审计|行动|工作|活动|评价|整治|培训|宣传|建设|试点|改革|评估|认证))"
)
# Verbs of a qualitative promise that a deadline dates: 出台 a rule, 上线 a system, 实现 coverage.
_DATED_ACTION = re.compile(
    r"出台|印发|制定|修订|编制完成|编制|上线|建成|建立|实现[^，。；]{0,24}(?:全覆盖|同步|全部|贯通)"
    r"|完成[^，。；\d]{2,}(?:改造|评估|修订|摸底|布局|规划|建设)|开通|启用|全部配备|配备"
)
_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,10}〔\d{4}〕\d+号")
_DATE_LINE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
_REFERENCE = re.compile(r"第\d+号提案|提案第\d+号")
_REPLY_CLASS = re.compile(r"\(([ABCD])类\)|（([ABCD])类）")
_REPLY = re.compile(r"答复|复函|回复")
_RATE = re.compile(
    r"按(?:每[^，。；按]{0,8})?$|每(?:家|户|站|个|人|生|座)(?:每(?:年|月|学期))?$|单(?:站|个|枪)[^，。；]{0,6}$"
)
_PER_CAPITA = re.compile(r"人均")
_RANGE_BEFORE = re.compile(r"(\d+(?:\.\d+)?)\s*[—–\-~至到]$")
_EVERY_YEAR = re.compile(r"每年")
_RELATIVE_DUE = re.compile(r"年底前|年内|今年|明年|上半年|下半年|月底前|年以内")
_ISSUER = re.compile(r"[\u4e00-\u9fff]{2,30}(?:局|委员会|政府|厅|办公室|委|部|中心|院)")


def extract(raw: str, *, doc_id: str | None = None, issued_on: date | None = None) -> Extraction:
    """The commitments, milestones and achieved figures of a letter's text.

    Relative times (今年, 明年) count from `issued_on`, else the date the letter
    gives, else `today`.
    """
    text = clean(raw)
    document = read_header(text, doc_id)
    dated = issued_on or document.get("issued_on")
    # Never the clock: a letter with no date line (and no --issued-on) leaves 今年 and 年底前
    # unresolved, and its explicit years all count as to come.
    issued = dated if isinstance(dated, date) else UNDATED
    document["issued_on"] = dated
    result = Extraction(text, document)
    section: str | None = None
    whole = document_scope(text)
    scope = whole
    for paragraph in text.splitlines():
        if m := _SECTION.match(paragraph):
            section = m[1]
        if is_top_heading(paragraph):
            scope = heading_scope(paragraph, whole, issued)
        elif is_heading(paragraph):  # an item inside a part keeps the part's scope
            scope = heading_scope(paragraph, scope, issued)
        elif lead := lead_scope(paragraph, scope, issued):
            scope = lead
        carry: When | None = None  # a paragraph's time reaches its later sentences…
        row = table_row(paragraph, issued)
        if row is not None:
            carry = row.when
        row_first = len(result.commitments)
        for index, (item, owner) in enumerate(duty_items(paragraph)):
            first = len(result.commitments)
            if index:
                carry = None  # an item's time stays in its item
            for sentence in _SENTENCE.finditer(item):
                if _ITEM.match(sentence[0]):  # …but not past the next 一是/二是 item
                    carry = None
                carry = _read_sentence(sentence[0], issued, section, carry, result, scope)
            for p in result.commitments[first:]:
                p.owner = owner or p.owner
        if row is not None and row.owner:
            for p in result.commitments[row_first:]:
                p.owner = row.owner
    _name_commitments(result.commitments)
    reply = bool(_REPLY.search(text[:400]))
    for p in result.commitments:
        if p.owner in _SELF or (reply and p.owner is None):
            # 我局 is the issuer speaking of itself; a reply's promises are its issuer's.
            p.owner = str(document.get("issuer") or p.owner) if document.get("issuer") else p.owner
    return result


def read_header(text: str, doc_id: str | None) -> dict[str, object]:
    """Document number, issuer, recipient, title, date and reply class, where the text has them."""
    lines = text.splitlines()
    head = lines[:12]
    document: dict[str, object] = {}
    if m := _DOC_NUMBER.search("\n".join(head)):
        document["doc_number"] = m[0]
    for line in head:
        if (
            "title" not in document
            and "关于" in line
            and len(line) < 80
            and not line.endswith("：")
        ):
            document["title"] = line
        if "recipient" not in document and line.endswith("：") and len(line) < 30:
            document["recipient"] = line.rstrip("：")
        if "issuer" not in document and _ISSUER.fullmatch(line):
            document["issuer"] = line
    for line in lines:
        if m := _DATE_LINE.fullmatch(line):
            try:
                document["issued_on"] = date(int(m[1]), int(m[2]), int(m[3]))
                break
            except ValueError:
                continue
    if m := _REFERENCE.search(text):
        document["reference"] = m[0]
    if m := _REPLY_CLASS.search("\n".join(head)):
        document["reply_class"] = m[1] or m[2]
    document["id"] = doc_id or _document_slug(document)
    return document


def _document_slug(document: dict[str, object]) -> str:
    number = str(document.get("doc_number") or "")
    if m := re.search(r"〔(\d{4})〕(\d+)号", number):
        return f"doc-{m[1]}-{m[2]}"
    return "document"


def _mask_titles(text: str) -> str:
    """Document titles in 《》 speak of other plans: hide their words from the cues, keep offsets."""
    return TITLE.sub(lambda m: "《" + "※" * (len(m[0]) - 2) + "》", text)


def _read_sentence(
    sentence: str,
    issued: date,
    section: str | None,
    carry: When | None,
    out: Extraction,
    scope: Scope,
) -> When | None:
    """Propose what one sentence promises or reports; return the time it leaves for the next."""
    masked = _mask_titles(sentence)
    times = times_in(sentence, issued, relative=issued != UNDATED)
    numeric_clauses = set()
    for clause in _CLAUSE.finditer(masked):
        quantities = [q for q in find_quantities(clause[0]) if not _is_identifier(clause[0], q)]
        taken, previous = 0, None
        for q in quantities:
            start = clause.start() + q.start
            numeric_clauses.add(clause.start())
            when = _time_for(times, start, clause.end())
            relative = RELATIVE.search(clause[0][: q.start])
            if relative and (_restates(clause[0], relative) or not _is_future(when, issued)):
                # 比2023年增加41.4% restates the target before it, or reports a change.
                taken = q.end
                continue
            if when is None and not _AS_OF_NOW.search(masked[:start] + clause[0]):
                when = carry or (scope.default if scope.forward else None)
            if low := _RANGE_BEFORE.search(clause[0][: q.start]):
                # 10—12个: a range promises its lower end at least.
                bound = float(low[1])
                q = replace(q, value=bound, normalized_value=bound * q.normalized_value / q.value)
            if _EVERY_YEAR.search(clause[0][: q.start]) and when and when.start:
                # 每年…不少于300公里 in a plan for 2024—2026: due at the end of each year, the
                # first of which is the one to track now.
                first = max(when.start.year, issued.year)
                when = When(date(first, 1, 1), date(first, 12, 31), True)
            metric, taken = _metric(clause[0], q, taken, previous, quantities[0].start)
            if _PER_CAPITA.search(clause[0][: q.start]):  # 人均…72学时: 学时/人
                q = replace(q, unit=q.unit + "/人", normalized_unit=q.normalized_unit + "/人")
            previous = metric
            quote = sentence[clause.start() : clause.end()]
            comparator = comparator_near(clause[0][: q.start][-6:], clause[0][q.end :][:4])
            verdict = _classify(
                masked, clause[0], start, when, issued, comparator is not None, scope.forward
            )
            if (
                verdict == "none"
                and when is None
                and issued == UNDATED
                and _RELATIVE_DUE.search(masked[:start])
                and not ACHIEVED.search(clause[0])
            ):
                verdict = "commitment"  # 年底前… in a letter with no date: due, on a day unknown
            if verdict == "commitment":
                owner = _owner(masked[:start])
                out.commitments.append(
                    _proposal(q, metric, comparator, when, clause[0], owner, section, quote)
                )
            elif verdict == "achieved" and (q.text[0].isdigit() or q.value >= 10 or q.more_than):
                # Small Chinese numerals in prose (两个认证机构) are words, not reported figures.
                if issued == UNDATED:
                    if when is None:
                        continue  # no time of its own in a letter with no date: no day to give
                    on = when.end
                else:
                    on = min(when.end, issued) if when else issued
                out.achieved.append(
                    Achieved(
                        metric,
                        q.value,
                        q.unit,
                        q.normalized_value,
                        q.normalized_unit,
                        on,
                        quote,
                        section,
                    )
                )
    _milestones(sentence, masked, times, issued, section, numeric_clauses, out)
    periods = [when for _, when in times if not when.exact_day]
    return periods[-1] if periods else carry


def _proposal(
    q: Quantity,
    metric: str,
    comparator: str | None,
    when: When | None,
    clause: str,
    owner: str | None,
    section: str | None,
    quote: str,
) -> Proposal:
    return Proposal(
        id="",
        metric=metric,
        comparator=">=" if q.more_than else (comparator or ">="),  # 300余家: more than 300
        value=q.value,
        unit=q.unit,
        normalized_value=q.normalized_value,
        normalized_unit=q.normalized_unit,
        kind=_kind(q, when, clause),
        start=when.start if when else None,
        deadline=when.end if when else None,
        owner=owner,
        section=section,
        quote=quote,
    )


def _is_identifier(clause: str, q: Quantity) -> bool:
    """Session numbers (十三届三次会议), ordinals (第3次), rates' denominators (每千人) are not quantities."""
    before, after = clause[: q.start], clause[q.end :]
    if before.endswith("每") and not q.text[0].isdigit():
        return True  # 每千人6批次: a rate's denominator
    if _RATE.search(before[-12:]):
        return True
    if before.count("“") > before.count("”"):
        return True  # inside a quoted name: “一件事一次办”, “15分钟阅读圈”
    return before.endswith(("第", "届")) or after.startswith(("会议", "号", "届"))


def _time_for(times: list[tuple[int, When]], at: int, clause_end: int) -> When | None:
    """The time a number speaks of: the nearest cue before it in the sentence (a deadline
    carries over a list of clauses), else the first one after it in its own clause."""
    before = [when for position, when in times if position < at]
    if before:
        return before[-1]
    after = [when for position, when in times if at < position < clause_end]
    return after[0] if after else None


def _classify(
    sentence: str,
    clause: str,
    at: int,
    when: When | None,
    issued: date,
    target_word: bool,
    forward: bool = False,
) -> str:
    """commitment, achieved or none: a promise (or a target word) about the future is a
    commitment; a figure about the past, or marked as done, is achieved. In a forward scope
    (a plan's items, a 主要目标 heading) the place itself promises."""
    promised = bool(PROMISE.search(sentence[:at])) or (
        forward and not _AS_OF_NOW.search(sentence[:at])
    )
    if when is not None and not when.exact_day:
        future = _is_future(when, issued, promised)
        # A deadline still to come promises by itself (年底前新建…12家), unless marked as done.
        due = when.deadline_word and not ACHIEVED.search(clause)
        if future and (promised or target_word or due):
            return "commitment"
        if when.end <= issued or not future and when.start and when.start < issued:
            return "achieved" if not promised or ACHIEVED.search(clause) else "none"
    if when is None and promised and target_word:
        return "commitment"
    if ACHIEVED.search(sentence) and not (promised and target_word):
        return "achieved"
    return "none"


def _restates(clause: str, relative: re.Match[str]) -> bool:
    """A clause that opens with the comparison (，比2023年增加41.4%) has no subject of its own:
    it restates the number before it. 单位GDP能耗较2020年下降14% is a target of its own."""
    return not clause[: relative.start()].strip("并且即同时 ")


def _is_future(when: When | None, issued: date, promised: bool = False) -> bool:
    """A later year; or this year, when a deadline word or a promise says it is still to come."""
    return when is not None and (
        when.end.year > issued.year or (when.end >= issued and (when.deadline_word or promised))
    )


def _kind(q: Quantity, when: When | None, clause: str) -> str:
    if (when and when.start) or q.unit in FLOW_UNITS or "每年" in clause or "年度" in clause:
        return "flow"
    return "level"


def _metric(
    clause: str, q: Quantity, taken: int, previous: str | None, lead: int
) -> tuple[str, int]:
    """What is counted, and where the words used for it end.

    The noun after the unit (5个服务平台) comes first; else the words before the
    number, from the end of what the previous number used (1018家小微企业1513人次
    counts 培训, not 小微企业); a list joined by 、 shares the first one's words.
    """
    after = _METRIC_CHARS.match(clause[q.end :])
    if after:
        noun = _METRIC_STOP.split(after[0], maxsplit=1)[0]
        if len(noun.strip("“”‘’")) >= 2:
            return noun, q.end + len(noun)
    gap = clause[taken : q.start]
    if previous and gap.strip() == "、":
        return previous, q.end
    before = gap.strip("、") or clause[:lead]
    before = _TRAILING.sub("", _LEADING.sub("", _YEARS.sub("", before).strip("，、 ")))
    if org := _ORG.match(before):
        before = before[org.end() :]
    return before.strip("，、 ") or q.unit, q.end


def _owner(before: str) -> str | None:
    names = _ORG.findall(before)
    return names[-1] if names else None


def _milestones(
    sentence: str,
    masked: str,
    times: list[tuple[int, When]],
    issued: date,
    section: str | None,
    numeric_clauses: set[int],
    out: Extraction,
) -> None:
    promise = PROMISE.search(masked)
    future = [
        (position, when) for position, when in times if when.end >= issued and not when.exact_day
    ]
    if promise is None:
        # A deadline of its own promises too: 2025年内完成…建设.
        deadlines = [position for position, when in future if when.deadline_word]
        if not deadlines:
            return
        begin = deadlines[0]
    else:
        begin = promise.start()
        listed = list(_MILESTONE_YEARS.finditer(masked, promise.end()))
        listed = [m for m in listed if not find_quantities(m[2])]
        for m in listed:
            year = int(m[1])
            if year >= issued.year:
                deadline = date(year, 12, 31)
                out.commitments.append(
                    _milestone(m[2], deadline, None, section, _around(sentence, m))
                )
        if listed:
            return
    if not future:
        return
    for clause in _CLAUSE.finditer(masked):
        if clause.end() <= begin or clause.start() in numeric_clauses:
            continue
        if action := _MILESTONE_ACTION.search(clause[0]):
            metric = action[1].removeprefix("继续").strip()
            quote = sentence[clause.start() : clause.end()]
            owner = _owner(masked[: clause.start() + action.start()])
            out.commitments.append(_milestone(metric, future[0][1].end, owner, section, quote))
            return
    _dated_actions(sentence, masked, future, section, numeric_clauses, out)


def _dated_actions(
    sentence: str,
    masked: str,
    future: list[tuple[int, When]],
    section: str | None,
    numeric_clauses: set[int],
    out: Extraction,
) -> None:
    """Dated qualitative promises, one a clause: 9月底前出台…办法, 下半年上线…小程序,
    实现…全覆盖 — each due at the nearest deadline before it in the sentence, or its own."""
    for clause in _CLAUSE.finditer(masked):
        if clause.start() in numeric_clauses or not (action := _DATED_ACTION.search(clause[0])):
            continue
        if re.search(r"\d", clause[0][action.start() :]):
            continue  # a figure in what is done (even one too long to read) is not qualitative
        at = clause.start() + action.start()
        due = [when for position, when in future if position <= at + 1 and when.deadline_word]
        if not due:
            continue
        quote = sentence[clause.start() : clause.end()].rstrip("。！？")
        metric = _METRIC_CHARS.findall(clause[0][action.start() :])
        out.commitments.append(
            _milestone("".join(metric)[:30] or action[0], due[-1].end, None, section, quote)
        )


def _milestone(
    metric: str, deadline: date, owner: str | None, section: str | None, quote: str
) -> Proposal:
    return Proposal(
        "", metric, None, None, None, None, None, "milestone", None, deadline, owner, section, quote
    )


def _around(sentence: str, m: re.Match[str]) -> str:
    """The clause around a listed year: from the comma before it to the next mark."""
    start = sentence.rfind("，", 0, m.start()) + 1
    stops = [i for i in (sentence.find(c, m.end()) for c in "，。；") if i != -1]
    return sentence[start : min(stops) if stops else len(sentence)]


def _slug(text: str) -> str:
    return re.sub(r"[^\w]+", "", text)[:16] or "item"


def _name_commitments(proposals: list[Proposal]) -> None:
    """Readable, unique ids: the metric and the deadline's year (服务平台-2025)."""
    seen: dict[str, int] = {}
    for p in proposals:
        base = _slug(p.metric) + (f"-{p.deadline.year}" if p.deadline else "")
        seen[base] = seen.get(base, 0) + 1
        p.id = base if seen[base] == 1 else f"{base}-{seen[base]}"
