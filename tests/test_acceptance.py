"""Issue 2's acceptance on the bundled sample, through the CLI's JSON."""

from __future__ import annotations

import json

from conftest import Run


def rows(run: Run, *args: str) -> dict[str, dict[str, object]]:
    result = run(*args, "--format", "json")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    return {row["id"]: row for row in json.loads(result.stdout)}


def test_sample_as_of_2024_07_31(run: Run, sample: object) -> None:
    status = rows(run, "status", "--as-of", "2024-07-31")
    assert status["platforms"]["value"] == 4
    assert status["platforms"]["progress"] == 0.8
    assert status["platforms"]["status"] == "in progress"
    assert status["stations"]["status"] == "met"
    assert status["spot-checks-2024"]["status"] == "no data"


def test_sample_as_of_2026_11_26(run: Run, sample: object) -> None:
    status = rows(run, "status", "--as-of", "2026-11-26")
    assert status["platforms"]["status"] == "overdue"
    assert status["platforms"]["days_overdue"] == 330
    assert status["spot-checks-2024"]["status"] == "overdue"
    assert status["spot-checks-2024"]["days_overdue"] == 695
    overdue = rows(run, "overdue", "--as-of", "2026-11-26")
    assert "platforms" in overdue and "stations" not in overdue
