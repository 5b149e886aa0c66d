"""The application: the typer app, the options every command shares, and the one
place where a PledgeError becomes a line on stderr and an exit code (`command`).
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from pledgecli import __version__, labels
from pledgecli.errors import EXIT_INTERNAL, PledgeError

APP_NAME = "pledge"
DB_FILE = "pledge.db"

app = typer.Typer(
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
            from pledgecli import render

            try:
                return fn(*a, **k)
            except PledgeError as exc:
                render.error(exc.message)
                raise typer.Exit(exc.exit_code) from None

        app.command(*args, **kwargs)(run)
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
StaleAfter = Annotated[
    int,
    typer.Option(
        "--stale-after", min=0, metavar="DAYS", help="Flag 'stale' when the last figure is older."
    ),
]


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


def open_store(ctx: typer.Context, create: bool = False) -> Any:
    from pledgecli.store import Store

    return Store.open(settings_of(ctx).db, create=create)


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
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Track the measurable commitments in government letters and plans."""
    ctx.obj = Settings(db=db or default_db(), ascii=ascii_only)


# -- shared views ---------------------------------------------------------------


def after_write(ctx: typer.Context, rows: Any, changed: list[str], day: date) -> None:
    """After figures come in: the changed commitments' rows, then what is overdue."""
    from pledgecli import render
    from pledgecli.progress import overdue_list

    ascii_only = settings_of(ctx).ascii
    mine = [a for a in rows if a.id in set(changed)]
    if mine:
        render.print_status(mine, labels.TEXT["status_title"].format(as_of=day), ascii_only, "")
    late = overdue_list(rows, day)
    render.print_status(
        late,
        labels.TEXT["overdue_title"].format(as_of=day),
        ascii_only,
        labels.TEXT["nothing_overdue"].format(as_of=day),
    )


def emit_rows(ctx: typer.Context, rows: Any, fmt: Format, title: str, empty: str) -> None:
    from pledgecli import render

    if fmt is Format.table:
        render.print_status(rows, title, settings_of(ctx).ascii, empty)
    else:
        render.write_records(
            [render.assessment_record(a) for a in rows], render.ROW_COLUMNS, fmt.value
        )


def main() -> None:
    """The console script: what escapes the commands still ends as one line, not a traceback."""
    try:
        app(prog_name=APP_NAME)
    except Exception as exc:
        if os.environ.get("PLEDGE_DEBUG"):
            raise
        from pledgecli import render

        render.error(
            f"unexpected {type(exc).__name__}: {exc} "
            "(a bug in pledge: please report it; PLEDGE_DEBUG=1 shows the traceback)"
        )
        raise SystemExit(EXIT_INTERNAL) from None
