"""Check the hand-written answer keys of the development corpus against their texts.

Run from anywhere:  python3 check_keys.py
Exits non-zero if any key quote is missing from its text, a target, achieved or
non-numeric quote is not unique, two of them overlap, or a field breaks the
conventions in README.md. Prints the totals at the end.
"""

import json
import re
import sys
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
# Longest prefix first: 万亿元 is 10^12 yuan, not 10^4 x 亿元.
MULT = [("万亿", 10**12), ("万", 10**4), ("亿", 10**8)]
NUMERAL = re.compile(r"[0-9０-９〇零一二两三四五六七八九十百千万亿]")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
COMPARATORS = (">=", "<=", "=", "≈")
PERIODS = ("cumulative", "annual")

TOP_FIELDS = (
    "doc_date",
    "doc_number",
    "issuer",
    "targets",
    "achieved",
    "non_numeric_targets",
    "distractors",
)
FIELDS = {
    "targets": (
        "quote",
        "metric",
        "comparator",
        "value",
        "raw_value",
        "unit",
        "raw_unit",
        "deadline",
        "period",
        "owner",
        "approx",
        "ambiguous",
    ),
    "achieved": (
        "quote",
        "metric",
        "value",
        "raw_value",
        "unit",
        "raw_unit",
        "as_of",
        "as_of_inferred",
    ),
    "non_numeric_targets": ("quote", "deadline", "owner"),
    "distractors": ("quote", "why"),
}


def spans(text, quote):
    out, i = [], text.find(quote)
    while i >= 0:
        out.append((i, i + len(quote)))
        i = text.find(quote, i + 1)
    return out


def split_unit(raw_unit):
    for prefix, mult in MULT:
        if raw_unit.startswith(prefix) and len(raw_unit) > len(prefix):
            return mult, raw_unit[len(prefix) :]
    return 1, raw_unit


def parse_date(value):
    if not isinstance(value, str) or not DATE.match(value):
        raise ValueError(value)
    return date.fromisoformat(value)


def is_number(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def check(name, text, key, errors):
    def err(msg):
        errors.append(f"{name}: {msg}")

    if not 600 <= len(text) <= 1800:
        err(f"length {len(text)} outside 600-1800")
    for field in TOP_FIELDS:
        if field not in key:
            err(f"missing field {field}")
            return
    extra = set(key) - set(TOP_FIELDS)
    if extra:
        err(f"unexpected top-level fields {sorted(extra)}")

    doc_date = None
    if key["doc_date"] is not None:
        try:
            doc_date = parse_date(key["doc_date"])
        except ValueError:
            err(f"bad doc_date {key['doc_date']!r}")
            return
    if key["doc_number"] is not None and key["doc_number"] not in text:
        err("doc_number not in text")
    if not key["issuer"] or key["issuer"] not in text:
        err("issuer not in text")

    def check_deadline(item, q):
        dl = item["deadline"]
        if dl is None:
            return
        try:
            d = parse_date(dl)
        except ValueError:
            err(f"bad deadline {dl!r}: {q!r}")
            return
        if doc_date is not None and d < doc_date:
            err(f"deadline {dl} before doc_date: {q!r}")

    def check_owner(item, q):
        owner = item["owner"]
        if owner is not None and (not isinstance(owner, str) or owner not in text):
            err(f"owner {owner!r} not spelled as in the text: {q!r}")

    taken = []
    for kind in ("targets", "achieved", "non_numeric_targets", "distractors"):
        for item in key[kind]:
            missing = [f for f in FIELDS[kind] if f not in item]
            extra = [f for f in item if f not in FIELDS[kind]]
            if missing or extra:
                err(
                    f"{kind} item fields: missing {missing}, unexpected {extra}: {item.get('quote')!r}"
                )
                continue
            q = item["quote"]
            where = spans(text, q)
            if not where:
                err(f"{kind} quote not in text: {q!r}")
                continue
            if kind != "distractors":
                if len(where) != 1:
                    err(f"{kind} quote occurs {len(where)} times: {q!r}")
                taken.append((where[0], q))
            if kind in ("targets", "achieved"):
                if not NUMERAL.search(q):
                    err(f"{kind} quote has no number: {q!r}")
                if not (is_number(item["value"]) and is_number(item["raw_value"])):
                    err(f"value/raw_value not numbers: {q!r}")
                    continue
                mult, unit = split_unit(item["raw_unit"])
                if abs(item["raw_value"] * mult - item["value"]) > 1e-6 * max(
                    1, abs(item["value"])
                ):
                    err(f"value {item['value']} != raw {item['raw_value']} x {mult}: {q!r}")
                if unit != item["unit"]:
                    err(
                        f"unit {item['unit']!r} does not follow raw_unit {item['raw_unit']!r}: {q!r}"
                    )
                if not item["metric"]:
                    err(f"empty metric: {q!r}")
            if kind == "targets":
                if item["comparator"] not in COMPARATORS:
                    err(f"bad comparator {item['comparator']!r}: {q!r}")
                if item["period"] not in PERIODS:
                    err(f"bad period: {q!r}")
                if not isinstance(item["approx"], bool) or not isinstance(item["ambiguous"], bool):
                    err(f"approx/ambiguous not bool: {q!r}")
                if item["approx"] != (item["comparator"] == "≈"):
                    err(f"approx must be true exactly when the comparator is '≈': {q!r}")
                check_deadline(item, q)
                check_owner(item, q)
            if kind == "achieved":
                if not isinstance(item["as_of_inferred"], bool):
                    err(f"as_of_inferred not bool: {q!r}")
                if item["as_of"] is None:
                    if not (doc_date is None and item["as_of_inferred"]):
                        err(
                            f"as_of may be null only for an inferred date in an undated text: {q!r}"
                        )
                else:
                    try:
                        as_of = parse_date(item["as_of"])
                    except ValueError:
                        err(f"bad as_of {item['as_of']!r}: {q!r}")
                        continue
                    if doc_date is not None and as_of > doc_date:
                        err(f"as_of after doc_date: {q!r}")
                    if item["as_of_inferred"] and as_of != doc_date:
                        err(f"inferred as_of must be the doc date: {q!r}")
            if kind == "non_numeric_targets":
                if re.search(r"[0-9０-９]", re.sub(r"\d+[年月日]", "", q)):
                    err(f"non-numeric quote contains digits: {q!r}")
                check_deadline(item, q)
                check_owner(item, q)
            if kind == "distractors" and not item["why"]:
                err(f"distractor without why: {q!r}")

    taken.sort()
    for (a, qa), (b, qb) in zip(taken, taken[1:]):
        if b[0] < a[1]:
            err(f"overlapping quotes {qa!r} / {qb!r}")


def main():
    errors = []
    totals = dict(
        documents=0, targets=0, ambiguous_targets=0, achieved=0, non_numeric=0, distractors=0
    )
    texts = sorted(HERE.glob("[0-9][0-9]-*.txt"))
    for txt in texts:
        key_path = txt.with_name(txt.stem + ".expected.json")
        if not key_path.exists():
            errors.append(f"{txt.name}: no key")
            continue
        text = txt.read_text(encoding="utf-8")
        key = json.loads(key_path.read_text(encoding="utf-8"))
        check(txt.name, text, key, errors)
        totals["documents"] += 1
        totals["targets"] += len(key.get("targets", []))
        totals["ambiguous_targets"] += sum(1 for t in key.get("targets", []) if t.get("ambiguous"))
        totals["achieved"] += len(key.get("achieved", []))
        totals["non_numeric"] += len(key.get("non_numeric_targets", []))
        totals["distractors"] += len(key.get("distractors", []))
    for key_path in sorted(HERE.glob("[0-9][0-9]-*.expected.json")):
        if not key_path.with_name(key_path.name.replace(".expected.json", ".txt")).exists():
            errors.append(f"{key_path.name}: no text")
    for e in errors:
        print(e)
    print(totals)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
