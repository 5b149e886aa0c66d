"""The domain's records: documents, the commitments they make, the figures reported, and
what the commands return. Every other module may import this one; it imports none of them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any, Literal

Kind = Literal["level", "flow", "milestone"]
Comparator = Literal[">=", "<="]
Mode = Literal["total", "delta"]

KINDS: tuple[Kind, ...] = ("level", "flow", "milestone")
COMPARATORS: tuple[Comparator, ...] = (">=", "<=")
MODES: tuple[Mode, ...] = ("total", "delta")
REPLY_CLASSES = ("A", "B", "C", "D")

# The words that say which way a promise points, as `add --comparator`, a TOML file and a
# letter write them. Before a number: 不少于5个; after it: 300家以上.
COMPARATOR_BEFORE: dict[str, Comparator] = {
    "不少于": ">=", "不低于": ">=", "不小于": ">=", "至少": ">=", "达到": ">=", "超过": ">=",
    "突破": ">=", "高于": ">=", "多于": ">=", "超": ">=",
    "不超过": "<=", "不高于": "<=", "不多于": "<=", "控制在": "<=", "低于": "<=", "少于": "<=",
    "下降到": "<=", "降低到": "<=", "降至": "<=", "至多": "<=",
}  # fmt: skip
COMPARATOR_AFTER: dict[str, Comparator] = {
    "以上": ">=", "及以上": ">=", "以内": "<=", "以下": "<=", "之内": "<=",
}  # fmt: skip
COMPARATOR_WORDS: dict[str, Comparator] = {
    ">=": ">=", "≥": ">=", "<=": "<=", "≤": "<=", **COMPARATOR_BEFORE, **COMPARATOR_AFTER,
}  # fmt: skip

# Statuses, as written in JSON and CSV (DESIGN.md), most urgent first.
TRACKING = "tracking"
MET = "met"
MET_LATE = "met late"
IN_PROGRESS = "in progress"
NO_DATA = "no data"
ON_TRACK = "on track"
BEHIND = "behind"
OVERDUE = "overdue"
# Not a status of DESIGN's: a row whose stored figures cannot be computed (written by an
# older pledge or by hand). It is shown, with the reason, instead of ending the command.
ERROR = "error"
STATUSES = (ERROR, OVERDUE, BEHIND, NO_DATA, IN_PROGRESS, ON_TRACK, MET_LATE, MET, TRACKING)
CLOSED = frozenset({MET, MET_LATE, TRACKING, ERROR})

DUE_SOON = "due soon"
STALE = "stale"
FLAGS = (DUE_SOON, STALE)


@dataclass(frozen=True)
class Document:
    id: str
    doc_number: str | None = None
    title: str | None = None
    issuer: str | None = None
    recipient: str | None = None
    reference: str | None = None
    issued_on: date | None = None
    source: str | None = None
    reply_class: str | None = None


@dataclass(frozen=True)
class Commitment:
    id: str
    title: str
    document_id: str | None = None
    section: str | None = None
    owner: str | None = None
    kind: Kind = "level"
    comparator: Comparator = ">="
    target: float | None = None
    unit: str | None = None
    baseline: float | None = None
    start: date | None = None
    deadline: date | None = None
    quote: str | None = None
    notes: str | None = None

    @property
    def goal(self) -> float | None:
        """The value that fulfils the promise: a milestone is done at 1."""
        return 1.0 if self.kind == "milestone" else self.target


@dataclass(frozen=True)
class Figure:
    commitment_id: str
    on: date
    value: float
    mode: Mode = "total"
    source: str = ""
    note: str = ""
    entered_at: str | None = None
    # Insertion order in the store: breaks ties between totals of one day.
    seq: int = 0
    batch_id: int | None = None

    @property
    def key(self) -> tuple[str, date, str, str]:
        return (self.commitment_id, self.on, self.mode, self.source)


@dataclass(frozen=True)
class Revision:
    """An earlier value of a figure, kept when a later batch revised it."""

    figure_seq: int
    old_value: float
    old_entered_at: str | None
    revised_at: str
    batch_id: int


@dataclass(frozen=True, slots=True)
class Standing:
    """What the status rules need of a commitment's figures on a day `t`: computed from its
    figures by progress.standing, or read by the store from its indexes and running sums."""

    value: float | None  # the value at t (None: a level with no baseline and no total)
    reported: bool  # a counted figure on or before t
    last: date | None  # the latest figure on or before t, counted or not
    at_deadline: float | None = None  # the value on the deadline, when t is after it
    reported_by_deadline: bool = False  # a counted figure on or before the deadline


@dataclass(frozen=True)
class Assessment:
    """One commitment as of one day: the row of `status`, in DESIGN's column order."""

    id: str
    document_id: str | None
    title: str
    owner: str | None
    kind: str
    comparator: str
    target: float | None
    unit: str | None
    value: float | None
    progress: float | None
    expected: float | None
    status: str
    flags: tuple[str, ...]
    deadline: date | None
    last_reported_on: date | None
    days_overdue: int | None
    gap: float | None
    needed_per_month: float | None
    # Why an `error` row could not be computed; not a column of the machine output.
    problem: str | None = None

    @property
    def is_open(self) -> bool:
        return self.status not in CLOSED


# -- what the commands return --------------------------------------------------------


class Outcome(Enum):
    """What writing one row did."""

    NEW = "new"
    REVISED = "revised"
    UNCHANGED = "unchanged"
    SKIPPED = "skipped"  # another value is on record, and the caller asked to keep it
    CONFLICT = "conflict"  # another value is on record, and the caller asked to be told


@dataclass
class LoadReport:
    tallies: dict[str, Counter[Outcome]] = field(default_factory=dict)
    stubs: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(t[Outcome.NEW] or t[Outcome.REVISED] for t in self.tallies.values())


@dataclass(frozen=True)
class Opened:
    """A database that `init` created or found, and what the sample added to it."""

    path: Path
    created: bool
    schema: str
    sample: LoadReport | None = None
    sample_name: str = ""


@dataclass(frozen=True)
class StatusView:
    """Rows as of a day: the ones asked for, and what is overdue (after a write)."""

    as_of: date
    rows: list[Assessment]
    overdue: list[Assessment] = field(default_factory=list)
    # After a write only the longest overdue are read: True when more are overdue than these.
    more_overdue: bool = False


# How many rows the report after a write shows of each list (the rest are one line): the
# longest overdue (only these are read), the changed commitments, a dry run's commitments.
AFTER_WRITE_ROWS = 20


@dataclass(frozen=True)
class LedgerRow:
    """One line of the 台账: a responsible unit (or a document) and how its commitments stand."""

    group: str  # the owner or document id; "" for commitments that name none
    commitments: int
    counts: dict[str, int]  # by status
    stale: int  # open, and no figure within --stale-after days (or none at all)
    most_overdue: str | None
    most_overdue_days: int | None

    @property
    def overdue(self) -> int:
        return self.counts.get(OVERDUE, 0)


@dataclass
class LedgerView:
    as_of: date
    by: str  # "owner" or "document"
    rows: list[LedgerRow]


@dataclass
class Notice:
    """What the monthly 通报 says: every row, the 台账, and each commitment's history."""

    as_of: date
    rows: list[Assessment]
    ledger: list[LedgerRow]
    commitments: dict[str, Commitment]
    series: dict[str, list[tuple[date, float]]]
    stale_days: int


@dataclass(frozen=True)
class Recorded:
    commitment: Commitment
    figure: Figure
    outcome: Outcome
    old_value: float | None
    warnings: list[str]
    after: StatusView


@dataclass
class ImportReport:
    origin: str
    dry_run: bool
    encoding: str = ""
    per_commitment: dict[str, Counter[Outcome]] = field(default_factory=dict)
    empty: int = 0
    warnings: list[str] = field(default_factory=list)
    # Warnings of the same kind beyond the ones listed: counted, not printed.
    unshown_warnings: int = 0
    after: StatusView | None = None

    @property
    def totals(self) -> Counter[Outcome]:
        total: Counter[Outcome] = Counter()
        for tally in self.per_commitment.values():
            total.update(tally)
        return total

    @property
    def changed_ids(self) -> list[str]:
        return [
            cid for cid, t in self.per_commitment.items() if t[Outcome.NEW] or t[Outcome.REVISED]
        ]


@dataclass(frozen=True)
class ShowView:
    commitment: Commitment
    document: Document | None
    assessment: Assessment
    figures: list[Figure]
    revisions: list[Revision]
    as_of: date


@dataclass(frozen=True)
class Records:
    """Rows for a file: their columns in order, and (for a template) the day they are for.
    An export's rows stream from the database: iterate them once, while the store is open;
    an export of figures streams tuples of the columns' values, in their order."""

    rows: Iterable[dict[str, Any]] | Iterable[tuple[Any, ...]]
    columns: tuple[str, ...]
    day: date | None = None


@dataclass(frozen=True)
class BatchRow:
    """One change batch of the log."""

    id: int
    at: str
    command: str
    inserted: int
    revised: int
    unchanged: int
    skipped: int
    undone_at: str | None
    reverts: int | None


@dataclass(frozen=True)
class Change:
    """One row a batch wrote: how it was before, and how it is now."""

    table: str
    action: str
    key: str
    before: dict[str, Any] | None
    current: dict[str, Any] | None


@dataclass(frozen=True)
class UndoPlan:
    """The batch `undo` would revert, and what reverting it does to each row."""

    batch: BatchRow
    changes: list[Change]


# -- what extraction proposes --------------------------------------------------------


@dataclass
class Proposal:
    """A commitment the letter makes: numeric (value and unit) or a milestone (neither)."""

    id: str
    metric: str
    comparator: str | None
    value: float | None
    unit: str | None
    normalized_value: float | None
    normalized_unit: str | None
    kind: str
    start: date | None
    deadline: date | None
    owner: str | None
    section: str | None
    quote: str
    unresolved: bool = False  # due by a time the letter counts from a date it does not give


@dataclass
class Achieved:
    metric: str
    value: float
    unit: str
    normalized_value: float
    normalized_unit: str
    on: date
    quote: str
    section: str | None = None


@dataclass
class Extraction:
    text: str
    document: dict[str, object]
    commitments: list[Proposal] = field(default_factory=list)
    achieved: list[Achieved] = field(default_factory=list)
