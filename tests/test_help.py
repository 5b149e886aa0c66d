"""Help is part of the product: every command, option and argument explains itself."""

from __future__ import annotations

import pytest
import typer

from conftest import Run
from pledgecli.cli import app

COMMAND = typer.main.get_command(app)
NAMES = sorted(COMMAND.commands)  # type: ignore[attr-defined]


def test_help_lists_the_commands_in_the_order_of_the_work() -> None:
    assert list(COMMAND.commands) == [  # type: ignore[attr-defined]
        "init", "load", "add", "list", "show", "record", "status", "overdue",
        "import", "template", "export", "log", "undo", "report", "extract",
    ]  # fmt: skip


@pytest.mark.parametrize("name", NAMES)
def test_every_command_and_parameter_has_help(name: str) -> None:
    command = COMMAND.commands[name]  # type: ignore[attr-defined]
    assert command.help, name
    for param in command.params:
        assert getattr(param, "help", None), f"{name} {param.name}"


def test_global_options_have_help() -> None:
    for param in COMMAND.params:
        assert getattr(param, "help", None), param.name


@pytest.mark.parametrize("name", NAMES)
def test_help_runs_without_a_database(run: Run, name: str) -> None:
    result = run(name, "--help")
    assert result.exit_code == 0
    assert "Usage: pledge" in result.stdout
