"""The domain's records: documents, the commitments they make, the figures reported."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

Kind = Literal["level", "flow", "milestone"]
Comparator = Literal[">=", "<="]
Mode = Literal["total", "delta"]

KINDS: tuple[Kind, ...] = ("level", "flow", "milestone")
COMPARATORS: tuple[Comparator, ...] = (">=", "<=")
MODES: tuple[Mode, ...] = ("total", "delta")
REPLY_CLASSES = ("A", "B", "C", "D")


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
