"""Every word the interface shows a person, in each language pledge speaks.

One catalogue per language (`en.py`, `zh.py`) with the same keys; tests fail when
one misses a key the other has. The language is chosen once per command, by
`--lang`, else PLEDGE_LANG, else the locale (LC_ALL, LC_MESSAGES, LANG), else
English. Machine output (JSON, CSV) never goes through here: its keys and status
values are the English contract in every language.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import date
from types import ModuleType
from typing import Any, Generic, TypeVar, cast

from pledgecli.labels import en, zh

LANGUAGES: dict[str, ModuleType] = {"en": en, "zh": zh}
DEFAULT = "en"
SECTIONS = ("STATUS", "FLAGS", "KIND", "MODE", "COLUMNS", "FIELDS", "EXTRACT_COLUMNS", "TEXT",
            "NOUNS", "OUTCOME", "LEDGER", "NOTICE", "WORKBOOK", "HELP")  # fmt: skip

_current = DEFAULT


def use(language: str) -> None:
    """Speak this language from now on (a code in LANGUAGES)."""
    global _current
    _current = language


def language() -> str:
    return _current


def from_environment(environ: Mapping[str, str] | None = None) -> str:
    """PLEDGE_LANG, else the first locale variable that is set; zh… is Chinese."""
    env = os.environ if environ is None else environ
    for name in ("PLEDGE_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "").strip().lower()
        if value:
            # zh, zh_CN.UTF-8, zh_TW…; a language pledge does not speak falls back to English.
            return next((code for code in LANGUAGES if value.startswith(code)), DEFAULT)
    return DEFAULT


V = TypeVar("V")


class _Section(Mapping[str, V], Generic[V]):
    """One dictionary of the catalogue, read in the language in use when it is read."""

    def __init__(self, name: str) -> None:
        self.name = name

    def _words(self) -> Mapping[str, V]:
        return cast(Mapping[str, V], getattr(LANGUAGES[_current], self.name))

    def __getitem__(self, key: str) -> V:
        return self._words()[key]

    def __iter__(self) -> Any:
        return iter(self._words())

    def __len__(self) -> int:
        return len(self._words())


STATUS: _Section[str] = _Section("STATUS")
FLAGS: _Section[str] = _Section("FLAGS")
KIND: _Section[str] = _Section("KIND")
MODE: _Section[str] = _Section("MODE")
COLUMNS: _Section[str] = _Section("COLUMNS")
FIELDS: _Section[str] = _Section("FIELDS")
EXTRACT_COLUMNS: _Section[str] = _Section("EXTRACT_COLUMNS")
TEXT: _Section[str] = _Section("TEXT")
NOUNS: _Section[tuple[str, str]] = _Section("NOUNS")
OUTCOME: _Section[str] = _Section("OUTCOME")
LEDGER: _Section[str] = _Section("LEDGER")
NOTICE: _Section[str] = _Section("NOTICE")
WORKBOOK: _Section[str] = _Section("WORKBOOK")


def t(key: str, /, **values: Any) -> str:
    """The message `key` in the language in use, its {placeholders} filled."""
    template = TEXT[key]
    return template.format(**values) if values else template


def count(n: int, noun: str) -> str:
    """'1 row', '3 rows', '3行': how each language counts things."""
    one, many = NOUNS[noun]
    return str(one if n == 1 else many).format(n=f"{n:,}")


def help_text(english: str) -> str:
    """A help text written in English in the code, in the language in use."""
    words: Mapping[str, str] = LANGUAGES[_current].HELP
    # Docstrings wrap anywhere: they are looked up with their whitespace collapsed.
    return words.get(english) or words.get(" ".join(english.split()), english)


def day(d: date | None) -> str:
    """A day as people write it: 2025-11-30, or 2025年11月30日."""
    if d is None:
        return "—"
    if _current == "zh":
        return f"{d.year}年{d.month}月{d.day}日"
    return d.isoformat()


def percent(fraction: float) -> str:
    """A share with one decimal: 70.0%."""
    return f"{fraction * 100:.1f}%"
