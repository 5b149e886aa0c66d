"""The application: the typer app, the options every command shares, and the one
place where a PledgeError becomes a line on stderr and an exit code (`command`).
"""

from __future__ import annotations

import copy
import functools
import os
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from typer.core import TyperCommand, TyperGroup

from pledgecli import __version__, labels
from pledgecli.errors import EXIT_ALERT, EXIT_INTERNAL, PledgeError

if TYPE_CHECKING:
    from pledgecli.store import Store

APP_NAME = "pledge"
DB_FILE = "pledge.db"

# -- help in the user's language ------------------------------------------------------
# Help texts are English in the code; the formatter words them in the language in use,
# so that one command tree serves every language (and every test in one process).

_EXTRAS = re.compile(r"\s\s\[([^\[\]]*)\]$")
_EXTRA_WORDS = ("default: ", "env var: ", "required")


def _help_line(text: str) -> str:
    """An option's help: its text, then click's [default: …; env var: …], both worded."""
    if m := _EXTRAS.search(text):
        extras = m[1]
        for word in _EXTRA_WORDS:
            extras = extras.replace(word, labels.help_text(word))
        return f"{labels.help_text(text[: m.start()])}  [{extras}]"
    return labels.help_text(text)


# typer carries its own click: its classes are reached through typer, never `import click`.
_HelpFormatter: Any = typer.Context.formatter_class


class LocalizedFormatter(_HelpFormatter):  # type: ignore[misc]
    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, labels.help_text(prefix or "Usage: "))

    def section(self, name: str) -> Any:
        return super().section(labels.help_text(name))

    def write_text(self, text: str) -> None:
        super().write_text("\n\n".join(labels.help_text(p) for p in text.split("\n\n")))

    def write_dl(self, rows: Sequence[tuple[str, str]], *args: Any, **kwargs: Any) -> None:
        super().write_dl([(term, _help_line(text)) for term, text in rows], *args, **kwargs)


class LocalizedContext(typer.Context):
    formatter_class = LocalizedFormatter


def _speak_before_help(ctx: typer.Context) -> None:
    """`pledge --help` is printed before --lang is read, so the language is chosen here."""
    if LANG_KEY not in ctx.find_root().meta:
        labels.use(labels.from_environment())


class LocalizedGroup(TyperGroup):
    context_class = LocalizedContext

    def format_help(self, ctx: Any, formatter: Any) -> None:
        _speak_before_help(ctx)
        super().format_help(ctx, formatter)


class LocalizedCommand(TyperCommand):
    context_class = LocalizedContext

    def format_help(self, ctx: Any, formatter: Any) -> None:
        _speak_before_help(ctx)
        super().format_help(ctx, formatter)

    def get_short_help_str(self, limit: int = 45) -> str:
        """The first line of the docstring, whole: a summary that is looked up, not cut."""
        return (self.help or "").strip().split("\n")[0]


LANG_KEY = "pledge.language"

app = typer.Typer(
    cls=LocalizedGroup,
    name=APP_NAME,
    help="Track the measurable commitments in government letters and plans: "
    "targets, reported figures, progress, and what is overdue.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

F = TypeVar("F", bound=Callable[..., Any])


def command(*args: Any, **kwargs: Any) -> Callable[[F], F]:
    """Register a command whose PledgeErrors end as one line on stderr and their exit code."""

    def register(fn: F) -> F:
        @functools.wraps(fn)
        def run(*a: Any, **k: Any) -> Any:
            from pledgecli.render.console import error

            try:
                return fn(*a, **k)
            except PledgeError as exc:
                error(exc.message)
                raise typer.Exit(exc.exit_code) from None

        app.command(*args, cls=LocalizedCommand, **kwargs)(run)
        return fn

    return register


# -- shared options ----------------------------------------------------------------


class Format(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


def parse_day(text: str) -> date:
    from pledgecli.parse import parse_date

    try:
        return parse_date(text)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


AsOf = Annotated[
    date | None,
    typer.Option(
        "--as-of", parser=parse_day, metavar="DATE", help="Compute as of this day (default: today)."
    ),
]
Owner = Annotated[
    str | None, typer.Option("--owner", help="Only commitments whose owner contains this text.")
]
Doc = Annotated[str | None, typer.Option("--doc", help="Only the commitments of this document id.")]
FormatOpt = Annotated[
    Format, typer.Option("--format", "-f", help="table for people; csv or json for scripts.")
]
Within = Annotated[
    int,
    typer.Option(
        "--within", min=0, metavar="DAYS", help="Flag 'due soon' this many days before a deadline."
    ),
]
AllRows = Annotated[
    bool,
    typer.Option(
        "--all",
        help="Every row in the table, not only the most urgent ones "
        "(CSV and JSON always have every row).",
    ),
]
StaleAfter = Annotated[
    int,
    typer.Option(
        "--stale-after", min=0, metavar="DAYS", help="Flag 'stale' when the last figure is older."
    ),
]


class Headers(StrEnum):
    """A language pledge speaks: for CSV headers, and for `report --lang`."""

    en = "en"
    zh = "zh"


HeadersOpt = Annotated[
    Headers,
    typer.Option("--headers", help="CSV column names in English (en) or Chinese (zh)."),
]


def check_headers(headers: Headers, fmt: str) -> None:
    """Chinese names are for people opening a CSV; JSON keys are the English contract."""
    if headers is Headers.zh and fmt == "json":
        from pledgecli.errors import InputError

        raise InputError(labels.t("headers_are_for_csv"))


@dataclass
class Settings:
    db: Path
    ascii: bool


def default_db() -> Path:
    return Path(typer.get_app_dir(APP_NAME)) / DB_FILE


def settings_of(ctx: typer.Context) -> Settings:
    settings: Settings = ctx.find_root().obj
    return settings


def current_day() -> date:
    return date.today()


def open_store(ctx: typer.Context) -> Store:
    """The database, migrated: use it in a `with` block, which closes it."""
    from pledgecli import actions

    return actions.open_store(settings_of(ctx).db)


def _choose_language(ctx: typer.Context, value: str | None) -> str:
    chosen = (value or labels.from_environment()).strip().lower()
    if chosen not in labels.LANGUAGES:
        raise typer.BadParameter(labels.t("lang_unknown", value=repr(value)))
    labels.use(chosen)
    ctx.find_root().meta[LANG_KEY] = chosen
    return chosen


def _version(value: bool) -> None:
    if value:
        typer.echo(f"pledge {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
    db: Annotated[
        Path | None,
        typer.Option(
            "--db",
            envvar="PLEDGE_DB",
            metavar="PATH",
            help="The database file. Default: $PLEDGE_DB, else pledge.db in the per-user data folder.",
            dir_okay=False,
        ),
    ] = None,
    ascii_only: Annotated[
        bool,
        typer.Option(
            "--ascii",
            envvar="PLEDGE_ASCII",
            help="Draw tables with ASCII only, for terminals that "
            "show box characters double-width.",
        ),
    ] = False,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            metavar="zh|en",
            callback=_choose_language,
            is_eager=True,
            help="The language pledge speaks: zh or en. "
            "Default: $PLEDGE_LANG, else the locale (LC_ALL, LC_MESSAGES, LANG), else en.",
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Track the measurable commitments in government letters and plans."""
    ctx.obj = Settings(db=db or default_db(), ascii=ascii_only)


# -- the program -------------------------------------------------------------------

# Options of `pledge` itself, which go before the command.
GLOBAL_OPTIONS = ("--db", "--ascii", "--lang", "--version")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def recover_arguments(args: Sequence[str]) -> list[str]:
    """Arguments as text. Bytes that are not UTF-8 reach Python as lone surrogates; a
    script saved in GBK (what Notepad on Chinese Windows writes) passes its Chinese
    that way, so such an argument is read as GB18030 when that gives Chinese text."""
    recovered = []
    for i, arg in enumerate(args, start=1):
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            raw = arg.encode("utf-8", "surrogateescape")
            try:
                text = raw.decode("gb18030")
            except UnicodeDecodeError:
                text = ""
            if not _CJK.search(text):
                raise PledgeError(
                    labels.TEXT["argument_not_text"].format(n=i, raw=repr(raw[:40]))
                ) from None
            arg = text
        recovered.append(arg)
    return recovered


def _usage_line(exc: Exception) -> str:
    """A usage error from typer as one line: what is wrong, and where the help is."""
    format_message: Callable[[], str] = getattr(exc, "format_message", lambda: str(exc))
    message = format_message()
    ctx = getattr(exc, "ctx", None)
    path = getattr(ctx, "command_path", APP_NAME)
    option = getattr(exc, "option_name", None)
    if option in GLOBAL_OPTIONS and path != APP_NAME:
        command = path.removeprefix(APP_NAME + " ")
        return labels.TEXT["option_goes_first"].format(option=option, command=command)
    if labels.language() != labels.DEFAULT:
        message = _worded(exc, message)
    return labels.TEXT["see_help"].format(message=message.rstrip("."), command=path)


_NO_SUCH_COMMAND = re.compile(r"No such command '(.*)'\.(?: Did you mean '(.*)'\?)?")
_EXTRA_ARGUMENTS = re.compile(r"Got unexpected extra arguments? \((.*)\)")


def _worded(exc: Any, message: str) -> str:
    """click's usage errors, which it words in English only, in the language in use.
    They are known by class name: typer carries its own copy of click's classes."""
    t = labels.t
    kinds = {cls.__name__ for cls in type(exc).__mro__}
    if "NoSuchOption" in kinds:
        hint = t("did_you_mean", words=", ".join(exc.possibilities)) if exc.possibilities else ""
        return t("no_such_option", option=exc.option_name, suggestion=hint)
    if "BadParameter" in kinds:
        opts = getattr(exc.param, "opts", None) or [getattr(exc.param, "name", "") or ""]
        param = exc.param_hint or " / ".join(repr(o) for o in opts)
        if "MissingParameter" in kinds:
            return t("missing_parameter", param=param)
        return t("bad_value", param=param, message=exc.message)
    if m := _NO_SUCH_COMMAND.fullmatch(message):
        hint = t("did_you_mean", words=repr(m[2])) if m[2] else ""
        return t("no_such_command", name=repr(m[1]), suggestion=hint)
    if m := _EXTRA_ARGUMENTS.fullmatch(message):
        return t("extra_arguments", args=m[1])
    return message


# Global options that take a value: the word after them is not the command.
_VALUED_OPTIONS = ("--db", "--lang")


def command_named(argv: Sequence[str]) -> str | None:
    """The command the arguments name, if they name one before anything else: the first
    word that is neither a global option nor its value."""
    words = iter(argv)
    for word in words:
        if word in _VALUED_OPTIONS:
            next(words, None)
        elif not word.startswith("-"):
            return word
        elif word.split("=", 1)[0] not in GLOBAL_OPTIONS:
            return None  # --help, or something to be refused by the whole program
    return None


def only_the_command(argv: Sequence[str]) -> typer.Typer:
    """The program with only the command `argv` names (the whole one when it names none it
    knows). typer builds the parameters of every command it holds on each run: about 10 ms
    of a short command's start-up that only the one named needs."""
    name = command_named(argv)
    chosen = [c for c in app.registered_commands if _name_of(c) == name]
    if not chosen:
        return app
    lean = copy.copy(app)
    lean.registered_commands = chosen
    return lean


def _name_of(info: Any) -> str | None:
    return info.name or getattr(info.callback, "__name__", None)


def main(args: Sequence[str] | None = None) -> None:
    """The console script: every way out is one line on stderr and an exit code, never a
    traceback. Usage errors are made one line here, since typer prints four."""
    from pledgecli.render.console import error

    # What cannot be encoded is escaped, not fatal: a title in a database edited by hand.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    try:
        argv = recover_arguments(sys.argv[1:] if args is None else args)
        code = only_the_command(argv)(args=argv, prog_name=APP_NAME, standalone_mode=False)
    except PledgeError as exc:
        error(exc.message)
        raise SystemExit(exc.exit_code) from None
    except typer.Abort:
        error(labels.TEXT["aborted"])
        raise SystemExit(EXIT_ALERT) from None
    except Exception as exc:
        if hasattr(exc, "exit_code") and hasattr(exc, "format_message"):
            error(_usage_line(exc))
            raise SystemExit(exc.exit_code) from None
        if os.environ.get("PLEDGE_DEBUG"):
            raise
        error(labels.TEXT["bug"].format(kind=type(exc).__name__, detail=exc))
        raise SystemExit(EXIT_INTERNAL) from None
    raise SystemExit(code if isinstance(code, int) else 0)
