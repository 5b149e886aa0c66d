"""A letter's header: its 文号, issuer, recipient, title, date and the proposal it answers."""

from __future__ import annotations

import re
from datetime import date

_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,10}[〔\[［(（]\d{4}[〕\]］)）]\d+号")
_DATE_LINE = re.compile(r"[（(]?(\d{4})年(\d{1,2})月(\d{1,2})日[^，。；]{0,20}?[）)]?")
_REFERENCE = re.compile(r"第\d+号(?:提案|建议)|(?:提案|建议)第\d+号")
_REPLY_CLASS = re.compile(r"[(（]\s*([ABCD])\s*类\s*[)）]|^([ABCD])类$", re.MULTILINE)
_ISSUER = re.compile(
    r"[\u4e00-\u9fff（）]{2,30}(?:局|委员会|政府|厅|办公室|委|部|中心|院|支队|大队|处|办|所|站|公司)"
)
_DRAFTER = re.compile(r"(?:起草单位|发文单位|印发单位)[：:]\s*(\S+)")
_SESSION = re.compile(r"——\s*(\d{4})年(\d{1,2})月(\d{1,2})日在")


def read_header(text: str, doc_id: str | None) -> dict[str, object]:
    """Document number, issuer, recipient, title, date and reply class, where the text has them."""
    lines = text.splitlines()
    head = lines[:12]
    document: dict[str, object] = {}
    if m := _DOC_NUMBER.search("\n".join(head)):
        document["doc_number"] = m[0]
    for line in head:
        if (
            "title" not in document
            and "关于" in line
            and len(line) < 80
            and not line.endswith(("：", ":"))
        ):
            document["title"] = line
        if "recipient" not in document and line.endswith(("：", ":")) and len(line) < 30:
            document["recipient"] = line.rstrip("：:")
        if "issuer" not in document and _ISSUER.fullmatch(line.replace("文件", "")):
            document["issuer"] = line.removesuffix("文件")
        if "issuer" not in document and (m := _DRAFTER.search(line)):
            document["issuer"] = m[1]
    if "issuer" not in document:
        document.update(_issuer_elsewhere(head))
    if "issuer" not in document:
        document.update(_signer(lines))
    if day := _letter_date(lines):
        document["issued_on"] = day
    if m := _REFERENCE.search(text):
        document["reference"] = m[0]
    if m := _REPLY_CLASS.search("\n".join(head)):
        document["reply_class"] = m[1] or m[2]
    document["id"] = doc_id or _document_slug(document)
    return document


_SPEAKER = re.compile(r"^(.{2,20}?人民政府)(?:代?(?:市|县|区|州|镇|乡)长|主席)")
_ISSUED_BY = re.compile(r"\d{1,2}日\s*(\S{2,30}?)印发[）)]")


def _issuer_elsewhere(head: list[str]) -> dict[str, object]:
    """Who issues a text with no issuer line: the government whose head gives a report
    (霁城市人民政府市长 程礼松), the unit in an issuing note ((2025年2月20日…委员会印发)), or
    the unit that opens the title (蘅州市发展和改革局关于…的通报)."""
    for line in head:
        if m := _SPEAKER.match(line) or _ISSUED_BY.search(line):
            return {"issuer": m[1]}
    for line in head:
        if "关于" in line and _ISSUER.fullmatch(before := line.split("关于")[0]):
            return {"issuer": before}
    return {}


def _signer(lines: list[str]) -> dict[str, object]:
    """The unit that signs above the date line at the end."""
    for before, line in zip(lines, lines[1:], strict=False):
        if _DATE_LINE.fullmatch(line.strip()) and _ISSUER.fullmatch(before.strip()):
            return {"issuer": before.strip()}
    return {}


def _letter_date(lines: list[str]) -> date | None:
    """The date a letter is signed on (a line of its own), or the day a report was given."""
    candidates = [m for line in lines if (m := _DATE_LINE.fullmatch(line.strip()))]
    candidates += [m for line in lines[:6] if (m := _SESSION.search(line))]
    for m in candidates:
        try:
            return date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            continue
    return None


def _document_slug(document: dict[str, object]) -> str:
    number = str(document.get("doc_number") or "")
    if m := re.search(r"(\d{4})\D+(\d+)号", number):
        return f"doc-{m[1]}-{m[2]}"
    return "document"
