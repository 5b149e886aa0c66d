"""What every table a person reads shares: the consoles, messages on stderr, numbers,
targets, status words with their colours, and the table factory.

User text is wrapped in Text() so that it is never read as markup; the Console is made
per call so that tests (and a resized terminal) get the width they set.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from pledgecli import labels
from pledgecli.model import Assessment

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

# The three lights of 督查督办 practice (DESIGN "Words, lights and languages"): green for
# met and on track, yellow for behind, no data, due soon and stale, red for overdue; the
# word is always printed beside the colour.
STATUS_STYLE = {
    "error": "bold red",
    "met": "bold green",
    "met late": "green",
    "on track": "green",
    "in progress": "",
    "no data": "yellow",
    "behind": "yellow",
    "overdue": "bold red",
    "tracking": "dim",
}
FLAG_STYLE = {"due soon": "yellow", "stale": "yellow"}


def console(stderr: bool = False) -> Console:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=False)


def error(message: str) -> None:
    """An error for a person: on stderr, never markup."""
    from rich.text import Text

    first, *rest = message.split("\n")
    text = Text(labels.TEXT["error"], style="bold red")
    text.append(first)
    for line in rest:
        text.append("\n" + line)
    console(stderr=True).print(text, soft_wrap=True)


def warn(message: str) -> None:
    hint(labels.TEXT["warning"].format(message=message))


def hint(message: str) -> None:
    from rich.text import Text

    console(stderr=True).print(Text(message, style="dim"), soft_wrap=True)


def say(message: str, style: str = "") -> None:
    from rich.text import Text

    console().print(Text(message, style=style), soft_wrap=True)


def number(x: float | None) -> str:
    """A number for people: 3,500 and 1,750.04."""
    if x is None:
        return "—"
    if float(x).is_integer():
        return f"{int(x):,}"
    return f"{x:,.2f}".rstrip("0").rstrip(".")


def target_text(comparator: str, target: float | None, unit: str | None, kind: str) -> str:
    if kind == "milestone":
        return labels.TEXT["done"]
    if target is None:
        return "—"
    sign = "≥" if comparator == ">=" else "≤"
    return f"{sign} {number(target)}{' ' + unit if unit else ''}"


def _box(ascii_only: bool) -> Any:
    from rich import box

    if ascii_only:
        # SIMPLE_HEAD drawn with '-': only the rule under the header.
        return box.Box("    \n    \n -- \n    \n    \n    \n    \n    \n", ascii=True)
    return box.SIMPLE_HEAD


def table(title: str, ascii_only: bool) -> Table:
    from rich.table import Table

    return Table(
        title=title,
        box=_box(ascii_only),
        title_justify="left",
        pad_edge=False,
        collapse_padding=True,
    )


def progress_bar(progress: float | None, ascii_only: bool, width: int = 8) -> Text:
    from rich.text import Text

    if progress is None:
        return Text("—", style="dim")
    style = "green" if progress >= 1 else "cyan"
    percent = Text(labels.percent(progress))
    if width == 0:
        percent.stylize(style)
        return percent
    filled = round(min(max(progress, 0.0), 1.0) * width)
    full, empty = ("#", "-") if ascii_only else ("█", "░")
    bar = Text(full * filled, style=style)
    bar.append(empty * (width - filled), style="dim")
    bar.append(" " * max(7 - len(percent), 1))
    bar.append_text(percent)
    return bar


def status_text(a: Assessment) -> Text:
    from rich.text import Text

    text = Text(labels.STATUS[a.status], style=STATUS_STYLE[a.status])
    if a.days_overdue:
        late = labels.TEXT["days_late"].format(days=a.days_overdue)
        text.append(f" {late}", style=STATUS_STYLE[a.status])
    return text


def flags_text(flags: Iterable[str]) -> Text:
    from rich.text import Text

    text = Text()
    for i, flag in enumerate(flags):
        if i:
            text.append(", ")
        text.append(labels.FLAGS[flag], style=FLAG_STYLE[flag])
    return text


def value_text(a: Assessment) -> str:
    if a.kind == "milestone":
        return labels.TEXT["done"] if a.progress == 1 else "—"
    return number(a.value)


def when(stamp: str) -> str:
    """A stored UTC timestamp, to the minute: 2026-11-26 09:30 UTC; in Chinese, the
    machine's local time as people there read a clock: 2026年11月26日 17:30."""
    if labels.language() == "zh":
        from datetime import datetime

        try:
            local = datetime.fromisoformat(stamp).astimezone()
        except ValueError:
            return stamp
        return f"{labels.day(local.date())} {local:%H:%M}"
    return stamp[:16].replace("T", " ") + " UTC"
