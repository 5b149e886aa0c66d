"""中文帮助：the help texts of the command line, keyed by their English text in the code."""

from __future__ import annotations

HELP: dict[str, str] = {}
