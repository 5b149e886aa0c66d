"""Precision and recall of `pledge extract` on the test letters and their answer keys.

Run it to see the table: `python tests/extract_score.py`.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

sys.path.insert(0, str(Path(__file__).parents[1] / "src"))  # run as a script from a checkout

from pledgecli.extract.pipeline import extract  # noqa: E402
from pledgecli.model import Achieved, Proposal  # noqa: E402

T = TypeVar("T")

LETTERS = Path(__file__).parent / "letters"
# Every key gives its letter's date; this day is only the fallback the API asks for.
TODAY = date(2026, 11, 26)


@dataclass
class Score:
    name: str
    proposed: int = 0
    right: int = 0  # proposals that match an expected item
    expected: int = 0
    found: int = 0  # expected items that some proposal matches

    @property
    def precision(self) -> float:
        return self.right / self.proposed if self.proposed else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.expected if self.expected else 1.0


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _same(a: float | None, b: float | None) -> bool:
    return a is not None and b is not None and abs(a - b) < 1e-9


def score_letter(path: Path) -> tuple[Score, Score]:
    """(targets, achieved): targets are numeric commitments and milestones together."""
    key = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    result = extract(
        path.read_text(encoding="utf-8"), today=TODAY, issued_on=_day(key["issued_on"])
    )

    def target_matches(p: Proposal, e: dict[str, Any]) -> bool:
        if p.kind == "milestone":
            return (
                "value" not in e and p.deadline == _day(e["deadline"]) and e["metric"] in p.metric
            )
        return (
            "value" in e
            and _same(p.value, float(e["value"]))
            and p.unit == e["unit"]
            and p.comparator == e["comparator"]
            and p.deadline == _day(e["deadline"])
            and e["metric"] in p.metric
        )

    def achieved_matches(a: Achieved, e: dict[str, Any]) -> bool:
        return _same(a.value, float(e["value"])) and a.unit == e["unit"] and a.on == _day(e["on"])

    expected_targets = key["commitments"] + key["milestones"]
    targets = _score(path.stem, result.commitments, expected_targets, target_matches)
    achieved = _score(path.stem, result.achieved, key["achieved"], achieved_matches)
    return targets, achieved


def _score(
    name: str,
    proposed: Sequence[T],
    expected: list[dict[str, Any]],
    same: Callable[[T, dict[str, Any]], bool],
) -> Score:
    return Score(
        name,
        proposed=len(proposed),
        right=sum(any(same(p, e) for e in expected) for p in proposed),
        expected=len(expected),
        found=sum(any(same(p, e) for p in proposed) for e in expected),
    )


def totals(scores: list[Score], name: str = "all") -> Score:
    total = Score(name)
    for s in scores:
        total.proposed += s.proposed
        total.right += s.right
        total.expected += s.expected
        total.found += s.found
    return total


def table() -> tuple[str, Score, Score]:
    rows = [score_letter(p) for p in sorted(LETTERS.glob("*.txt"))]
    targets, achieved = [t for t, _ in rows], [a for _, a in rows]
    lines = [f"{'letter':16} {'targets P':>9} {'R':>5} {'achieved P':>10} {'R':>5}"]
    for t, a in zip(targets, achieved, strict=True):
        lines.append(
            f"{t.name:16} {t.precision:9.2f} {t.recall:5.2f} {a.precision:10.2f} {a.recall:5.2f}"
        )
    t, a = totals(targets), totals(achieved)
    lines.append(
        f"{'all (micro)':16} {t.precision:9.2f} {t.recall:5.2f} {a.precision:10.2f} {a.recall:5.2f}"
    )
    lines.append(
        f"targets: {t.right}/{t.proposed} proposals right, {t.found}/{t.expected} found; "
        f"achieved: {a.right}/{a.proposed} right, {a.found}/{a.expected} found"
    )
    return "\n".join(lines), t, a


if __name__ == "__main__":
    print(table()[0])
