"""`report`: the monthly 通报, as text to paste into a document or one HTML file to print."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from pledgecli import labels
from pledgecli.cli.app import (
    AsOf,
    Doc,
    Headers,
    Owner,
    StaleAfter,
    command,
    current_day,
    open_store,
    settings_of,
)
from pledgecli.cli.exchange import Output


class NoticeFormat(StrEnum):
    text = "text"
    html = "html"


@command()
def report(
    ctx: typer.Context,
    as_of: AsOf = None,
    owner: Owner = None,
    doc: Doc = None,
    fmt: Annotated[
        NoticeFormat,
        typer.Option(
            "--format",
            "-f",
            help="text to paste into a document; html for one file with charts that prints on A4.",
        ),
    ] = NoticeFormat.text,
    output_file: Output = None,
    lang: Annotated[
        Headers | None,
        typer.Option(
            "--lang", help="The notice's language (default: pledge's, see pledge --help)."
        ),
    ] = None,
    stale_after: StaleAfter = 45,
) -> None:
    """The monthly progress notice (通报): summary, 台账, a paragraph per commitment, charts."""
    from pledgecli import actions
    from pledgecli.render.console import hint
    from pledgecli.render.machine import output

    if lang is not None:
        labels.use(lang.value)
    day = as_of or current_day()
    # The output is opened first, so a bad -o is refused before any work is done.
    with output(output_file, False, [settings_of(ctx).db]) as out:
        with open_store(ctx) as store:
            notice = actions.notice(store, day, owner, doc, stale_after)
        if fmt is NoticeFormat.html:
            from pledgecli.render.html import notice_html

            out.write(notice_html(notice, owner, doc))
        else:
            from pledgecli.render.notice import notice_text

            out.write(notice_text(notice, owner, doc))
    if output_file:
        hint(labels.t("report_written", path=output_file))
