"""What the commands do, between parsing and printing: store and domain together.

No printing here and no typer: each action takes plain values and returns
what the command reports. Warnings a person should see come back as strings.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from importlib.resources import files
from pathlib import Path

from pledgecli.errors import DataFileError, InputError
from pledgecli.model import Commitment, Figure
from pledgecli.parse import parse_number
from pledgecli.progress import DUE_SOON_DAYS, STALE_DAYS, Assessment, assess_all, in_period
from pledgecli.records import Bundle, check_figure
from pledgecli.store import Outcome, Store

SAMPLE = "zs-scjg-2024-168.toml"


def sample_file() -> Path:
    """The bundled letter: inside the installed package, or data/ of a source checkout."""
    packaged = files("pledgecli") / "data" / SAMPLE
    if packaged.is_file():
        return Path(str(packaged))
    # An editable install runs from src/, where data/ sits two levels up.
    return Path(__file__).resolve().parents[2] / "data" / SAMPLE


@dataclass
class LoadReport:
    tallies: dict[str, Counter[Outcome]] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return any(t[Outcome.NEW] or t[Outcome.REVISED] for t in self.tallies.values())


def load_bundle(store: Store, bundle: Bundle, command: str, origin: str) -> LoadReport:
    """Write documents, commitments and figures in one batch; the same bundle twice changes nothing."""
    known = set(store.ids("documents")) | {d.id for d in bundle.documents}
    missing = [
        f"  {origin}: commitment {c.id}: document {c.document_id!r} is not in the file or the database"
        for c in bundle.commitments
        if c.document_id and c.document_id not in known
    ]
    if missing:
        raise DataFileError(
            "\n".join([f"{origin}: {len(missing)} problem(s), nothing was loaded", *missing])
        )
    report = LoadReport({name: Counter() for name in ("documents", "commitments", "figures")})
    with store.batch(command) as batch:
        for doc in bundle.documents:
            report.tallies["documents"][batch.put_document(doc)] += 1
        for c in bundle.commitments:
            report.tallies["commitments"][batch.put_commitment(c)] += 1
        for fig in bundle.figures:
            report.tallies["figures"][batch.put_figure(fig)[0]] += 1
    return report


@dataclass
class Recorded:
    commitment: Commitment
    figure: Figure
    outcome: Outcome
    old_value: float | None
    warnings: list[str]


def record(
    store: Store,
    commitment_id: str,
    value_text: str,
    on: date,
    delta: bool,
    source: str,
    note: str,
    today: date,
) -> Recorded:
    c = store.commitment(commitment_id)
    try:
        value = parse_number(value_text, c.unit)
    except ValueError as exc:
        raise InputError(f"VALUE: {exc}") from None
    figure = Figure(c.id, on, value, "delta" if delta else "total", source.strip(), note.strip())
    try:
        check_figure(c, figure)
    except ValueError as exc:
        raise InputError(str(exc)) from None
    warnings = []
    if c.kind == "flow" and not in_period(c, on):
        warnings.append(
            f"{on} is outside {c.id}'s period {c.start or '…'} – {c.deadline or '…'}: it will not count"
        )
    if on > today:
        warnings.append(f"{on} is after today: the figure counts from that day on")
    if (
        delta
        and c.kind == "level"
        and c.baseline is None
        and not any(f.mode == "total" and f.on <= on for f in store.figures([c.id]))
    ):
        warnings.append(
            f"{c.id} has no baseline and no total before {on}: its value stays unknown until one is recorded"
        )
    with store.batch(f"record {c.id}") as batch:
        outcome, old = batch.put_figure(figure)
    return Recorded(c, figure, outcome, old, warnings)


def assessments(
    store: Store,
    as_of: date,
    owner: str | None = None,
    document_id: str | None = None,
    soon_days: int = DUE_SOON_DAYS,
    stale_days: int = STALE_DAYS,
) -> list[Assessment]:
    commitments = store.commitments(owner=owner, document_id=document_id)
    figures = store.figures([c.id for c in commitments])
    return assess_all(commitments, figures, as_of, soon_days, stale_days)
