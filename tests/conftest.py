from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings
from typer.testing import CliRunner, Result

from pledgecli import labels
from pledgecli.cli import app

settings.register_profile("ci", max_examples=200, deadline=None)
settings.register_profile("dev", max_examples=50, deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test touches a real database, the terminal's width or its colours."""
    db = tmp_path / "pledge.db"
    monkeypatch.setenv("PLEDGE_DB", str(db))
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("PLEDGE_ASCII", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    # English unless a test asks: the machine's locale must not change what tests read.
    for name in ("PLEDGE_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    labels.use(labels.DEFAULT)
    return db


Run = Callable[..., Result]


@pytest.fixture
def run() -> Run:
    def invoke(*args: str, input: str | None = None, env: dict[str, str] | None = None) -> Result:
        return CliRunner().invoke(app, list(args), input=input, env=env)

    return invoke


@pytest.fixture
def sample(run: Run, isolated: Path) -> Path:
    result = run("init", "--sample")
    assert result.exit_code == 0, result.output
    return isolated
