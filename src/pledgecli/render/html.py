"""The 通报 as one self-contained HTML file: inline CSS and SVG, no script, no network.

Jinja2 with autoescape: every piece of user text (titles, owners, units) is escaped;
only the SVG that `svg` builds, itself escaped inside, is marked safe.
"""

from __future__ import annotations

from typing import Any

from pledgecli import labels
from pledgecli.charts import chart_of
from pledgecli.model import BEHIND, NO_DATA, OVERDUE, Notice
from pledgecli.progress import progress_of
from pledgecli.render import notice as words
from pledgecli.render.svg import LIGHT, overview_svg, progress_svg


def _environment() -> Any:
    from jinja2 import Environment, PackageLoader, select_autoescape

    return Environment(
        loader=PackageLoader("pledgecli.render", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def notice_html(notice: Notice, owner: str | None = None, doc: str | None = None) -> str:
    titles = {a.id: a.title for a in notice.rows}
    groups = []
    for group, items in words.paragraphs(notice):
        entries = []
        for a, text in items:
            c = notice.commitments[a.id]
            chart = chart_of(c, notice.series.get(a.id, []), notice.as_of)
            svg = progress_svg(chart, a.unit, LIGHT[a.status]) if chart else None
            entries.append({"row": a, "text": text, "chart": svg, "light": LIGHT[a.status]})
        groups.append({"title": group, "entries": entries})
    numeric = [
        (a, progress_of(notice.commitments[a.id], a.expected) if a.expected is not None else None)
        for a in notice.rows
        if a.progress is not None and a.kind != "milestone"
    ]
    ledger = [
        {
            "row": row,
            "sentence": words.ledger_sentence(row, titles),
            "behind": row.counts.get(BEHIND, 0),
            "no_data": row.counts.get(NO_DATA, 0),
        }
        for row in notice.ledger
    ]
    template = _environment().get_template("notice.html")
    return str(
        template.render(
            lang="zh-CN" if labels.language() == "zh" else "en",
            title=words.title(notice, owner, doc),
            headings=[
                words.heading(i, labels.NOTICE[k])
                for i, k in enumerate(("h_summary", "h_ledger", "h_items"), start=1)
            ],  # fmt: skip
            summary=words.summary(notice),
            ledger=ledger,
            ledger_words=labels.LEDGER,
            owner_word=labels.COLUMNS["owner"],
            none_word=labels.t("ledger_none"),
            overview=overview_svg(numeric) if numeric else None,
            overview_title=labels.NOTICE["overview_title"],
            groups=groups,
            status_words=labels.STATUS,
            overdue=OVERDUE,
            subheading=words.subheading,
            generated=labels.NOTICE["generated"].format(as_of=labels.day(notice.as_of)),
        )
    )
