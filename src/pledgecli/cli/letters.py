"""Reading letters: propose the commitments a text makes, for a person to review and load."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from pledgecli import labels
from pledgecli.cli.app import command, parse_day, settings_of
from pledgecli.cli.exchange import Output
from pledgecli.errors import InputError
from pledgecli.model import Extraction


class ExtractFormat(StrEnum):
    table = "table"
    toml = "toml"
    json = "json"


def _format_for(output_file: Path | None) -> ExtractFormat:
    """A table on the terminal; a file gets what its name says: .json, else TOML to load."""
    if output_file is None:
        return ExtractFormat.table
    return ExtractFormat.json if output_file.suffix.lower() == ".json" else ExtractFormat.toml


@command()
def extract(
    ctx: typer.Context,
    file: Annotated[
        Path, typer.Argument(help="A letter or plan as plain text (UTF-8 or GB18030).")
    ],
    doc_id: Annotated[
        str | None, typer.Option("--doc-id", help="The document's id (default: from its number).")
    ] = None,
    issued_on: Annotated[
        date | None,
        typer.Option(
            "--issued-on",
            parser=parse_day,
            metavar="DATE",
            help="The date that resolves 今年 and 明年 (default: the date the letter gives).",
        ),
    ] = None,
    fmt: Annotated[
        ExtractFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="table to read, toml to review and `pledge load`, json for scripts "
            "(default: table; with -o, json for a .json file and toml otherwise).",
        ),
    ] = None,
    output_file: Output = None,
) -> None:
    """Propose the commitments and achieved figures a letter states, each with its clause."""
    from pledgecli import actions
    from pledgecli.render.console import hint
    from pledgecli.render.extraction import extraction_json, print_extraction
    from pledgecli.render.machine import output

    settings = settings_of(ctx)
    if fmt is None:
        fmt = _format_for(output_file)
    if fmt is ExtractFormat.table:
        if output_file is not None:
            raise InputError(labels.t("extract_output_format"))
        result = actions.extract(file, doc_id, issued_on)
        _warn_if_undated(result)
        print_extraction(result, settings.ascii)
        return
    # The output is opened first, so a bad -o is refused before the letter is read.
    with output(output_file, False, [settings.db]) as out:
        result = actions.extract(file, doc_id, issued_on)
        _warn_if_undated(result)
        if fmt is ExtractFormat.toml:
            out.write(actions.extraction_toml(result, file.name))
        else:
            out.write(extraction_json(result))
    if output_file:
        hint(
            labels.TEXT["extract_written"].format(
                commitments=labels.count(len(result.commitments), "proposed commitment"),
                figures=labels.count(len(result.achieved), "achieved figure"),
                path=output_file,
            )
        )


def _warn_if_undated(result: Extraction) -> None:
    """A letter with no date: say that its relative times were left open, and how to close them."""
    if result.document.get("issued_on") is None:
        from pledgecli.render.console import warn

        warn(labels.t("letter_undated"))
