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
from pledgecli.errors import DataFileError


class ExtractFormat(StrEnum):
    table = "table"
    toml = "toml"
    json = "json"


def read_letter(path: Path) -> str:
    """A letter's text, in UTF-8 (with or without BOM) or GB18030, as the bytes say."""
    from pledgecli.tabular import detect_encoding, open_file

    with open_file(path) as binary:
        data = binary.read()
    encoding = detect_encoding(data)
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise DataFileError(f"{path}: is neither UTF-8 nor GB18030 text") from None


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
        ExtractFormat,
        typer.Option(
            "--format",
            "-f",
            help="table to read, toml to review and `pledge load`, json for scripts.",
        ),
    ] = ExtractFormat.table,
    output: Output = None,
) -> None:
    """Propose the commitments and achieved figures a letter states, each with its clause."""
    from pledgecli import render
    from pledgecli.extract import extract as read
    from pledgecli.extract.toml import to_toml

    result = read(read_letter(file), doc_id=doc_id, issued_on=issued_on)
    if fmt is ExtractFormat.table:
        render.print_extraction(result, settings_of(ctx).ascii)
        return
    text = (
        to_toml(result, file.name) if fmt is ExtractFormat.toml else render.extraction_json(result)
    )
    with render.output(output, excel=False) as out:
        out.write(text)
    if output:
        render.hint(
            labels.TEXT["extract_written"].format(
                commitments=labels.count(len(result.commitments), "proposed commitment"),
                figures=labels.count(len(result.achieved), "achieved figure"),
                path=output,
            )
        )
