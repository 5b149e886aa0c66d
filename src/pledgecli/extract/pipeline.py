"""From a letter's text to proposals: commitments (numeric and milestones) and achieved figures.

clean → outline (the document: its kind, parts, headings, lead-ins, notes) → sentences and
clauses read in their scope → quantities → what each is (figures) → proposals.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from pledgecli.extract.clean import clean
from pledgecli.extract.cues import TITLE, Calendar, When, comparator_near, times_in
from pledgecli.extract.figures import (
    EACH_PERIOD,
    PROGRESS_RATE,
    Cues,
    asks,
    is_change,
    not_a_figure,
    restates,
)
from pledgecli.extract.header import read_header
from pledgecli.extract.milestones import deed_in, deed_name
from pledgecli.extract.names import metric_of, name_commitments
from pledgecli.extract.numbers import Quantity, find_quantities
from pledgecli.extract.outline import SELF, Block, Outline, outline
from pledgecli.extract.owners import (
    RESPONSIBLE,
    SUBJECT,
    THIS_WORK,
    duty_items,
    note_alone,
    shared,
)
from pledgecli.extract.tables import cell_role
from pledgecli.model import Achieved, Extraction, Proposal

__all__ = ["FLOW_UNITS", "extract", "read_header"]

FLOW_UNITS = {"批次", "人次", "家次", "户次", "次", "宗", "起", "场", "期", "轮"}
# A sentence ends at 。！？, or at a half-width . that a pasted page put after a word (30%.需要).
_SENTENCE = re.compile(
    r"(?:[^。！？\n.]|(?<=\d)\.|\.(?![\u4e00-\u9fff“]))+(?:[。！？]|\.(?=[\u4e00-\u9fff“]))?"
)
# Clauses end at commas, semicolons, colons and table cells, but not at 1,260's comma.
_CLAUSE = re.compile(r"(?:[^，；：,;:\t]|(?<=\d),(?=\d{3}))+")
_EVERY_YEAR = re.compile(r"每年")
_BASE_YEAR = re.compile(r"(?:由|从)(\d{4})年(?:底|末)?的$")
_LABEL_BEFORE = re.compile(r"[^，。；,;\t]*[：:]$")  # 居民人均可支配收入：7.2万元
_DONE_AFTER = re.compile(
    r"[\u4e00-\u9fff]{0,8}?(?:已经|已)(?:全部|基本)?(?:开工|完成|建成|竣工|投用|实现|到位|完工)"
)
_YEAR_SAID = re.compile(
    r"(?<![\d—\-至到])(\d{4})年(?![底末内度起以前—\-至到\d])[^。；]{0,60}?(?:全年|年内)"
)
_THIS_YEARS = re.compile(r"年度|全年")
_FACT_BEFORE = re.compile(r"(?:已有|共有|现有|建成|已建成)$")
_TOTAL = re.compile(r"累计|总计|合计|共计|(?<![\d年])[两三四五六七八九十]年")
_PER_CAPITA = re.compile(r"人均")
_RANGE_BEFORE = re.compile(r"(\d+(?:\.\d+)?)\s*[—–\-~至到]$")
_MILESTONE_YEARS = re.compile(
    r"(\d{4})年(?!底|末|内|前|以前|全年|以来)([\u4e00-\u9fff]{2,6}?)(?=[、，。；]|的目标|$)"
)
_ROW_LABEL = re.compile(r"^(?:完成时限|完成时间|时间节点|整改时限|时限要求|完成期限|责任单位|牵头单位|"
                        r"责任部门|责任主体|牵头部门|配合单位)[：:]")  # fmt: skip


def extract(raw: str, *, doc_id: str | None = None, issued_on: date | None = None) -> Extraction:
    """The commitments, milestones and achieved figures of a letter's text.

    Relative times (今年, 年底前) count from `issued_on`, else from the date the letter
    gives; a letter with neither leaves them unresolved. The clock is never read."""
    text = clean(raw)
    document = read_header(text, doc_id)
    given = issued_on or document.get("issued_on")
    issued = given if isinstance(given, date) else None
    document["issued_on"] = issued
    result = Extraction(text, document)
    reader = _Reader(outline(text, document, issued), result)
    for block in reader.doc.blocks:
        reader.read_block(block)
    name_commitments(result.commitments)
    return result


@dataclass
class _Sentence:
    """One sentence in its block: what its clauses share."""

    text: str
    masked: str
    block: Block
    calendar: Calendar
    times: list[tuple[int, When]]
    owner: str | None  # the unit that answers for it, from its own words or its part
    named: bool = False  # the owner is named in the sentence itself (我局将…, 市民政局要…)
    forced: When | None = None  # a task-table row's time column, for figures with none
    side: str | None = None  # a table cell's column says its figures are past or future
    deeds: int = 0  # qualitative promises read in it (a table row makes one at most)
    context: str = ""  # a row's first cell, which names what its other cells count
    heading: bool = False  # a heading: its figures are items (1.新增床位220张), not its words
    cues: Cues = field(default_factory=lambda: Cues([], [], []))
    every: list[int] = field(default_factory=list)  # where 每年 stands
    proposals: list[Proposal] = field(default_factory=list)


class _Reader:
    def __init__(self, doc: Outline, out: Extraction) -> None:
        self.doc = doc
        self.out = out
        self.issued = doc.calendar.issued
        issuer = doc.document.get("issuer")
        self.issuer = str(issuer) if issuer else None
        self.last_time: When | None = None  # what 届时 refers back to
        self.last_sentence: _Sentence | None = None  # what a 由…负责 sentence of its own names
        self._change = False  # the figure read last was a change (分别增长4.6%和6.3%)
        self.part: list[Proposal] = []  # what the part read so far promises
        self.item: list[Proposal] = []  # what the paragraph read so far promises

    # -- blocks and sentences -------------------------------------------------------------

    def read_block(self, block: Block) -> None:
        if block.level is not None and block.level <= 2:
            self.part = []  # a new part: a note of its own after its items answers for them
        if (unit := note_alone(block.text)) is not None:
            for p in self.part:
                if p.owner is None or p.owner == block.scope.owner:
                    p.owner = unit
            self.part = []
            return
        before = len(self.out.commitments)
        self._read_block(block)
        if duty_items(block.text)[-1][1] is None:  # items not closed by a note of their own
            self.part += self.out.commitments[before:]

    def _read_block(self, block: Block) -> None:
        if block.row is not None and "\t" in block.text and len(block.text) <= LONGEST_SENTENCE:
            self._read_row(block)
            return
        forced = block.row.when if block.row is not None else None
        self.item = []  # what this paragraph promises, for 此项工作由…负责
        speaker: str | None = None  # 我局将…: the unit that speaks, for the rest of the paragraph
        year = block.scope.year  # 2024年，…。全年…: the year a paragraph opened with
        for item, note in duty_items(block.text):
            for piece in (p for m in _SENTENCE.finditer(item) for p in _pieces(m[0])):
                if piece.strip("。 \t"):
                    s = self._sentence(piece, block, note, forced, year)
                    # A heading, or the title a heading opens with (（四）健全激励机制。…), names a
                    # part of the work; its figures count, its words promise nothing by themselves.
                    s.heading = block.heading or (
                        block.level is not None
                        and piece == block.text[: len(piece)]
                        and len(piece) <= HEADING_TITLE
                        and piece.endswith("。")
                    )
                    year = year or _year_named(s, self.issued)
                    if s.named:
                        speaker = s.owner
                    elif speaker and not note and s.owner == block.scope.owner:
                        s.owner = speaker
                    self._read_sentence(s)
                    self.item += s.proposals

    def _times(self, text: str, cal: Calendar) -> list[tuple[int, When]]:
        times: list[tuple[int, When]] = []
        for position, when in times_in(text, cal):
            if when.back:  # 届时: the time said before it, in this sentence or the last
                said = [w for _, w in times if w.end is not None and not w.as_of]
                back = said[-1] if said else self.last_time
                if back is None:
                    continue
                when = back
            times.append((position, when))
        return times

    def _sentence(
        self,
        text: str,
        block: Block,
        note: str | None,
        forced: When | None = None,
        year: int | None = None,
    ) -> _Sentence:
        cal = replace(self.doc.calendar, year=year or block.scope.year)
        masked = TITLE.sub(lambda m: "《" + "※" * (len(m[0]) - 2) + "》", text)
        times = self._times(text, cal)
        if (said := _YEAR_SAID.search(text)) and int(said[1]) != cal.this_year:
            # 2024年全区助餐点全年服务…: 全年 is the year the sentence opened with.
            cal = replace(cal, year=int(said[1]))
            times = self._times(text, cal)
        owner, named = self._owner_of(masked, block, note)
        s = _Sentence(text, masked, block, cal, times, owner, named, forced)
        s.cues = Cues.of(masked, times, self.issued, block.scope.mood == "past")
        s.every = [m.start() for m in _EVERY_YEAR.finditer(masked)]
        return s

    def _owner_of(self, masked: str, block: Block, note: str | None) -> tuple[str | None, bool]:
        """由X负责, then the item's note or row, then a named subject or 我局, then the part's;
        and whether the sentence itself names it."""
        if m := RESPONSIBLE.search(masked):
            return m[1], False
        if note:
            return note, False
        if block.row is not None and block.row.owner:
            return block.row.owner, False
        if m := SUBJECT.search(masked):
            return m[1], True
        report = self.doc.kind == "report"
        if SELF.search(masked) and not report:
            return self.issuer, True
        return (None if report else block.scope.owner), False

    def _read_sentence(self, s: _Sentence) -> None:
        self._read_clauses(s)
        self._name_previous_work(s)
        explicit = [w for _, w in s.times if w.end is not None and not w.as_of and not w.exact_day]
        if explicit:
            self.last_time = explicit[-1]
        if s.proposals:
            self.last_sentence = s

    def _read_row(self, block: Block) -> None:
        """A task-table line of cells: its targets are due at its time column (or the year its
        column names) and owned by its unit column; its done cells are reported figures; its
        task cell names what the others count. A row makes one milestone at most, from what
        it promises rather than from the task's name."""
        row = block.row
        assert row is not None
        s = self._sentence(block.text, block, None, forced=row.when)
        s.owner = row.owner or s.owner
        cells, spans, at = block.text.split("\t"), [], 0
        for cell in cells:
            start = block.text.index(cell, at)
            at = start + len(cell)
            spans.append((start, at))
        roles = [cell_role(cell, i, row) for i, cell in enumerate(cells)]
        s.context = next((c for c, r in zip(cells, roles, strict=True) if r == "task"), cells[0])
        order = sorted(range(len(cells)), key=lambda i: roles[i] != "target")
        for i in order:
            start, end = spans[i]
            if i == 0 and (marker := re.match(r"\d{1,2}[.．、]?\s*$|\d{1,2}[.．、]\s*", cells[0])):
                start += marker.end()  # the row's number is not a figure of the row
            if roles[i] not in ("task", "target", "done") or start >= end:
                continue
            s.side = {"target": "future", "done": "past"}.get(roles[i], "future")
            year = row.years[i] if i < len(row.years) else None
            if roles[i] == "target" and row.when is None and year:
                s.forced = When(date(year, 1, 1), date(year, 12, 31), True)  # 2030年目标
            elif roles[i] == "target" and row.when is None and row.roles:
                s.forced = self._this_year(s)  # 年度目标 in a bulletin's table
            elif roles[i] == "done" and i < len(row.times) and row.times[i] is not None:
                s.forced = row.times[i]  # 2025年基数, 1—6月完成
            else:
                s.forced = row.when
            self._read_clauses(s, start, end, one_deed=True)
        named = [i for i, r in enumerate(roles) if r in ("task", "target")]
        for p in s.proposals:
            if p.kind == "milestone" and len(named) >= 2:
                # The promise is the task with what it is to reach: 建成…平台	平台上线运行
                p.quote = block.text[spans[named[0]][0] : spans[named[1]][1]].strip()

    def _dated_next(self, s: _Sentence, end: int) -> When | None:
        """制定细化方案，于4月20日前报县安委办: a clause that goes on with a deadline is due at it."""
        for position, when in s.times:
            if end < position <= end + 3 and when.deadline_word:
                return when
        return None

    def _this_year(self, s: _Sentence) -> When | None:
        year = s.calendar.this_year
        return When(date(year, 1, 1), date(year, 12, 31), True) if year else None

    def _name_previous_work(self, s: _Sentence) -> None:
        """灌排渠道工程由县水利局负责。 standing alone names the owner of that work, said just
        before it: the proposal whose words it shares most, and those after it in its list."""
        m = RESPONSIBLE.search(s.masked)
        previous = self.last_sentence
        if m is None or previous is None or previous is s:
            return
        work = re.split(r"[，；：]", s.masked[: m.start()])[-1]
        if not work.strip() and not s.proposals:  # 由市城管局负责。 alone: the work said before it
            for p in previous.proposals:
                p.owner = m[1]
            return
        if THIS_WORK.match(work):  # 此项工作由县交通运输局牵头实施: all of the item's work
            for p in self.item or previous.proposals:
                p.owner = m[1]
            return
        scored = [(shared(work, p.quote), i) for i, p in enumerate(previous.proposals)]
        best, first = max(scored, default=(0, -1))
        if best < (3 if s.proposals else 2):
            return  # a sentence with promises of its own names the previous work only plainly
        segment = previous.text.find("；", previous.text.find(previous.proposals[first].quote))
        for p in previous.proposals[first:]:
            if segment != -1 and previous.text.find(p.quote) > segment:
                break
            p.owner = m[1]

    # -- clauses -----------------------------------------------------------------------------

    def _read_clauses(self, s: _Sentence, begin: int = 0, end: int | None = None,
                      one_deed: bool = False) -> None:  # fmt: skip
        end = len(s.text) if end is None else end
        for clause in _CLAUSE.finditer(s.masked, begin, end):
            text = clause[0]
            if not s.context and "\t" in s.text:
                s.context = s.text.split("\t")[0]  # a line of cells: its first names them
            found = find_quantities(text, s.context)
            quantities = [q for q in found if not not_a_figure(text, q)]
            hidden = [(q.start, q.end) for q in found if q not in quantities]
            taken, previous = 0, None
            for q in quantities:
                previous, taken = self._read_figure(s, clause.start(), text, q, quantities,
                                                    previous, taken)  # fmt: skip
            if quantities or s.heading or not s.block.scope.deeds or (one_deed and s.deeds):
                continue
            if self._read_deed(s, clause.start(), text, hidden):
                s.deeds += 1
        if begin == 0 and not one_deed:
            self._listed_years(s)

    def _read_figure(
        self,
        s: _Sentence,
        offset: int,
        clause: str,
        q: Quantity,
        quantities: list[Quantity],
        previous: str | None,
        taken: int,
    ) -> tuple[str | None, int]:
        at = offset + q.start
        gap = clause[taken : q.start]
        change = is_change(clause, q) or (self._change and gap.strip() in ("和", "、", "与", "及"))
        self._change = change
        if change and restates(clause, q):
            return previous, q.end  # 比2023年增加41.4%: the figure before it, said again
        side = s.cues.side_at(at)
        scope = s.block.scope
        if s.side is not None:
            side = s.side
        elif _DONE_AFTER.match(clause, q.end):
            side = "past"  # 今年计划实施的12个小区已全部开工
        if side is None:
            if scope.mood == "forward":
                side = "future"
            elif scope.mood == "past":
                side = "past"
            elif asks(clause, q):
                side = "future"
        if side is None or (change and side == "past"):
            return previous, q.end  # neither, or a change of a reported figure
        if side == "future" and EACH_PERIOD.search(clause[: q.start]):
            return previous, q.end  # 每周开放时间不少于35小时: a rule for each week
        if side == "past" and PROGRESS_RATE.search(clause[: q.start][-8:]):
            return previous, q.end  # 开工率96.5%: this year's task, done so far
        when = _time_for(s.times, at, offset + len(clause)) or s.forced
        metric, taken = metric_of(clause, q, taken, previous, quantities[0].start)
        lead = (
            _LABEL_BEFORE.search(s.masked[:offset])
            if s.masked[offset - 1 : offset] in "：:" and offset
            else None
        )
        prefix = s.context + (lead[0] if lead else "")
        q = _as_written(prefix + clause, q, len(prefix))
        quote = s.text[offset : offset + len(clause)]
        if side == "future":
            due = self._due(s, at, when, clause)
            comparator = ">=" if q.more_than else comparator_near(
                clause[: q.start][-6:], clause[q.end :][:4]
            )  # fmt: skip
            p = Proposal(
                id="", metric=metric, comparator=comparator or ">=", value=q.value, unit=q.unit,
                normalized_value=q.normalized_value, normalized_unit=q.normalized_unit,
                kind=_kind(q, due, clause), start=due.start if due else None,
                deadline=due.end if due else None, owner=s.owner, section=s.block.section,
                quote=quote, unresolved=due is not None and due.end is None,
            )  # fmt: skip
            s.proposals.append(p)
            self.out.commitments.append(p)
        elif (
            q.text[0].isdigit()
            or q.value >= 10
            or q.more_than
            or _FACT_BEFORE.search(clause[: q.start])
        ):
            # Small Chinese numerals in prose (两个认证机构) are words, not reported figures.
            on = self._as_of(s, when)
            if base := _BASE_YEAR.search(clause[: q.start]):
                on = date(int(base[1]), 12, 31)  # 由2020年的5,870亿元增加到…: the base stood then
            if on is not None:
                self.out.achieved.append(Achieved(metric, q.value, q.unit, q.normalized_value,
                                                  q.normalized_unit, on, quote, s.block.section))  # fmt: skip
        return metric, taken

    def _due(self, s: _Sentence, at: int, when: When | None, clause: str) -> When | None:
        """A target's time: its own, unless that is a day things stood; else its part's."""
        scope = s.block.scope
        own = when if when is not None and not when.as_of and not when.exact_day else None
        if own is not None and own.end is not None and self.issued and own.end < self.issued:
            own = None  # a past year said before a promise (2023年…，今年计划…) is not its time
        if own is not None and own.end is None:
            return own  # 年底前 in a letter with no date: due, on a day unknown
        due = own or (scope.due if scope.mood == "forward" else None)
        if due is None and _THIS_YEARS.search(s.masked[:at]) and s.calendar.this_year:
            year = s.calendar.this_year  # 年度目标：6万人 in a bulletin: this year's
            due = When(date(year, 1, 1), date(year, 12, 31), True)
        every = [p for p in s.every if p < at]
        if _TOTAL.search(clause):
            every = []  # 三年累计投入…: a total over the window, not each year's
        said = [p for p, w in s.times if p < at and w is when]
        if every and (not said or every[-1] > said[-1] or (due and due.start)):
            if due is not None and due.start is None and s.calendar.plan:
                due = replace(due, start=date(s.calendar.plan[0], 1, 1))  # 每年… in a 十五五 plan
            return self._first_year(due)
        return due

    def _first_year(self, due: When | None) -> When | None:
        """每年…: the first year the recurrence runs, which is the one to track now."""
        if due is not None and due.start is not None:
            year = due.start.year
        elif due is not None and due.end is not None:
            year = due.end.year
        elif self.issued is not None:
            year = self.issued.year
        else:
            return When(None, None, True)  # 每年 in a letter with no date: from a year unknown
        if self.issued and year < self.issued.year:
            year = self.issued.year
        return When(date(year, 1, 1), date(year, 12, 31), True)

    def _as_of(self, s: _Sentence, when: When | None) -> date | None:
        """The day an achieved figure stood: its time's end, its part's, or the letter's date."""
        scope = s.block.scope
        day = when.end if when is not None else None
        if day is None and scope.mood == "past" and scope.due is not None:
            day = scope.due.end
        if day is None:
            return self.issued
        return min(day, self.issued) if self.issued else day

    def _read_deed(
        self, s: _Sentence, offset: int, clause: str, hidden: list[tuple[int, int]]
    ) -> bool:
        deed = deed_in(clause, hidden)
        if deed is None:
            return False
        start, name = deed
        at = offset + start
        name = deed_name(s.text[at : offset + len(clause)]) or name  # the title unmasked
        side = s.cues.side_at(at)
        scope = s.block.scope
        if s.side is not None:
            side = s.side
        if side is None and scope.mood == "forward":
            side = "future"
        if side != "future":
            return False
        when = (
            _time_for(s.times, at, offset + len(clause))
            or self._dated_next(s, offset + len(clause))
            or s.forced
        )
        due = self._due(s, at, when, clause)
        if due is None and s.cues.said_at(at) != "future":
            return False
        quote = s.text[offset : offset + len(clause)].rstrip("。！？").strip()
        p = _milestone(name, due, s.owner, s.block.section, quote)
        s.proposals.append(p)
        self.out.commitments.append(p)
        return True

    def _listed_years(self, s: _Sentence) -> None:
        """力争实现2024年初见成效、2025年明显改善、2026年显著提升: a milestone a year."""
        promise = re.search(r"力争|确保|计划|目标|将", s.masked)
        if promise is None:
            return
        listed = [m for m in _MILESTONE_YEARS.finditer(s.masked, promise.end())
                  if not find_quantities(m[2])]  # fmt: skip
        if len(listed) < 2:
            return
        for m in listed:
            year = int(m[1])
            if self.issued is None or year >= self.issued.year:
                due = When(None, date(year, 12, 31), True)
                p = _milestone(m[2], due, s.owner, s.block.section, _around(s.text, m))
                self.out.commitments.append(p)


LONGEST_SENTENCE = 600
HEADING_TITLE = 20  # （四）健全激励机制。: a title before the text of its item


def _pieces(sentence: str) -> list[str]:
    """A sentence, or for one longer than any letter writes (a damaged or hostile file), cuts
    of it at clause ends: what a clause reads stays bounded, whatever the file."""
    if len(sentence) <= LONGEST_SENTENCE:
        return [sentence]
    pieces, at = [], 0
    while at < len(sentence):
        cut = at + LONGEST_SENTENCE
        if cut < len(sentence):
            ends = [m.end() for m in re.finditer(r"[，；,;]", sentence[at + 1 : cut])]
            cut = at + 1 + ends[-1] if ends else cut
        pieces.append(sentence[at:cut])
        at = cut
    return pieces


def _year_named(s: _Sentence, issued: date | None) -> int | None:
    """A past year a sentence names as a whole (2024年，全市…), which 全年 in the sentences
    after it means."""
    for position, when in s.times:
        if not re.match(r"\d{4}年", s.text[position:]) or issued is None:
            continue
        if when.start and when.end and not when.deadline_word and not when.as_of:
            if when.end.year >= issued.year:
                continue
            if (when.start.month, when.start.day, when.end.month, when.end.day) == (1, 1, 12, 31):
                if when.start.year == when.end.year:
                    return when.start.year
    return None


def _as_written(clause: str, q: Quantity, shift: int = 0) -> Quantity:
    """The value a range promises (its lower end), and /人 for a per-capita figure; `clause`
    may open with the words that name what it counts, `shift` characters of them."""
    q = replace(q, start=q.start + shift, end=q.end + shift)
    if low := _RANGE_BEFORE.search(clause[: q.start]):
        bound = float(low[1])
        q = replace(q, value=bound, normalized_value=bound * q.normalized_value / q.value)
    if _PER_CAPITA.search(clause[: q.start]) and not q.unit.endswith("/人"):
        q = replace(q, unit=q.unit + "/人", normalized_unit=q.normalized_unit + "/人")
    return replace(q, start=q.start - shift, end=q.end - shift)


def _time_for(times: list[tuple[int, When]], at: int, clause_end: int) -> When | None:
    """The time a number speaks of: the nearest cue before it in the sentence (a deadline
    carries over a list of clauses), else the first one after it in its own clause."""
    before = [when for position, when in times if position < at]
    if before:
        return before[-1]
    after = [when for position, when in times if at < position < clause_end]
    return after[0] if after else None


def _kind(q: Quantity, when: When | None, clause: str) -> str:
    if (when and when.start) or q.unit in FLOW_UNITS or "每年" in clause or "年度" in clause:
        return "flow"
    return "level"


def _milestone(
    metric: str, due: When | None, owner: str | None, section: str | None, quote: str
) -> Proposal:
    return Proposal(
        "", metric, None, None, None, None, None, "milestone", None,
        due.end if due else None, owner, section, quote, due is not None and due.end is None,
    )  # fmt: skip


def _around(sentence: str, m: re.Match[str]) -> str:
    """The clause around a listed year: from the comma before it to the next mark."""
    start = sentence.rfind("，", 0, m.start()) + 1
    stops = [i for i in (sentence.find(c, m.end()) for c in "，。；") if i != -1]
    return sentence[start : min(stops) if stops else len(sentence)]
