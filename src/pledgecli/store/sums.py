"""The running sums of deltas stored with each figure (`figures.delta_sum`).

A sum is exact: the deltas are floats, and their sum as a fraction is what `math.fsum`
rounds to the nearest float, so a value read from two sums is the value the pure
functions of progress.py compute from the whole history, to the last bit.
"""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Mapping
from datetime import date
from fractions import Fraction
from typing import Any

from pledgecli.model import Commitment, Standing

ZERO = "0"


def add(total: str | None, value: float) -> str:
    if not math.isfinite(value):
        return total or ZERO
    return str(Fraction(total or ZERO) + Fraction(value))


def between(low: str | None, high: str | None) -> Fraction:
    """The exact sum of the deltas after the figure that holds `low`, up to `high`."""
    if low == high:
        return Fraction(0)
    return Fraction(high or ZERO) - Fraction(low or ZERO)


def settle(conn: sqlite3.Connection, since: Mapping[str, date | None] | None = None) -> None:
    """Recompute the sums a write left pending (and those of `since`), and clear them."""
    wanted: dict[str, date | None] = dict(since or {})
    for cid, day in conn.execute("SELECT commitment_id, since FROM pending_sums").fetchall():
        seen, mine = wanted.get(cid, date.max), date.fromisoformat(day)
        wanted[cid] = None if cid in wanted and seen is None else min(seen or date.max, mine)
    resum(conn, wanted)
    conn.execute("DELETE FROM pending_sums")


def resum(conn: sqlite3.Connection, since: Mapping[str, date | None]) -> None:
    """Recompute the sums of each commitment's figures on or after its day (all of them for
    None), writing only the rows whose sum changed."""
    for cid, day in since.items():
        start = day.isoformat() if day else ""
        before = conn.execute(
            'SELECT delta_sum FROM figures WHERE commitment_id = ? AND "on" < ? '
            'ORDER BY "on" DESC, id DESC LIMIT 1',
            [cid, start],
        ).fetchone()
        total = Fraction(before[0] or ZERO) if before else Fraction(0)
        rows = conn.execute(
            'SELECT id, mode, value, delta_sum FROM figures WHERE commitment_id = ? AND "on" >= ? '
            'ORDER BY "on", id',
            [cid, start],
        ).fetchall()
        changed = []
        for fid, mode, value, stored in rows:
            if mode == "delta" and math.isfinite(value):
                # A number beyond range (written by hand) is left out: readings of such a
                # commitment fall back to the pure functions, which name it.
                total += Fraction(value)
            text = str(total)
            if text != stored:
                changed.append((text, fid))
        conn.executemany("UPDATE figures SET delta_sum = ? WHERE id = ?", changed)


# The columns of a commitment, in the order of model.Commitment's fields.
COMMITMENT_COLUMNS = (
    "id, title, document_id, section, owner, kind, comparator, target, unit, baseline, start, "
    "deadline, quote, notes"
)
_COMMITMENT_WIDTH = 14

# Each chosen commitment (its own columns first) with its standing on :t. For the day `hi`
# up to which its figures count (t, or a flow's deadline) and, past the deadline, for the
# deadline itself: the latest counted total (the anchor), the latest figure (its running sum
# is the deltas up to `hi`), and the running sum at the anchor's day (or before the flow's
# start), so that the deltas after the anchor are the difference of two sums. Every one is a
# seek in figures_day or figures_total_day; CASE leaves the deadline's seeks out for a
# commitment not yet due, and the latest day on or before t is the latest figure's when its
# figures count up to t.
STANDING_SQL = f"""
WITH base AS (
  SELECT {COMMITMENT_COLUMNS},
         CASE WHEN kind = 'flow' AND deadline IS NOT NULL AND deadline < :t THEN deadline
              ELSE :t END AS hi,
         CASE WHEN kind = 'flow' THEN start END AS lo,
         deadline IS NOT NULL AND deadline < :t AS past
  FROM commitments WHERE {{where}}
), seek AS (
  SELECT b.*,
    (SELECT f.id FROM figures f WHERE f.commitment_id = b.id AND f.mode = 'total'
       AND f."on" <= b.hi AND (b.lo IS NULL OR f."on" >= b.lo)
     ORDER BY f."on" DESC, f.id DESC LIMIT 1) AS anchor,
    (SELECT f.id FROM figures f WHERE f.commitment_id = b.id AND f."on" <= b.hi
     ORDER BY f."on" DESC, f.id DESC LIMIT 1) AS high,
    CASE WHEN b.hi < :t THEN
      (SELECT max(f."on") FROM figures f WHERE f.commitment_id = b.id AND f."on" <= :t)
    END AS last_after_hi,
    EXISTS (SELECT 1 FROM figures f WHERE f.commitment_id = b.id AND abs(f.value) > 1e15
            AND f."on" <= :t)
      OR EXISTS (SELECT 1 FROM pending_sums p WHERE p.commitment_id = b.id) AS beyond,
    CASE WHEN b.past THEN
      (SELECT f.id FROM figures f WHERE f.commitment_id = b.id AND f.mode = 'total'
         AND f."on" <= b.deadline AND (b.lo IS NULL OR f."on" >= b.lo)
       ORDER BY f."on" DESC, f.id DESC LIMIT 1) END AS anchor_d,
    CASE WHEN b.past THEN
      (SELECT f.id FROM figures f WHERE f.commitment_id = b.id AND f."on" <= b.deadline
       ORDER BY f."on" DESC, f.id DESC LIMIT 1) END AS high_d
  FROM base b
), ends AS (
  SELECT s.*,
         a.value AS a_value, a."on" AS a_on, h."on" AS h_on, h.delta_sum AS h_sum,
         ad.value AS ad_value, ad."on" AS ad_on, hd."on" AS hd_on, hd.delta_sum AS hd_sum
  FROM seek s
  LEFT JOIN figures a ON a.id = s.anchor
  LEFT JOIN figures h ON h.id = s.high
  LEFT JOIN figures ad ON ad.id = s.anchor_d
  LEFT JOIN figures hd ON hd.id = s.high_d
)
SELECT {COMMITMENT_COLUMNS}, e.lo, e.beyond,
  CASE WHEN e.hi < :t THEN e.last_after_hi ELSE e.h_on END AS last,
  e.a_value, e.h_on, e.h_sum,
  (SELECT f.delta_sum FROM figures f WHERE f.commitment_id = e.id
     AND f."on" <= min(coalesce(e.a_on, date(e.lo, '-1 day')), e.hi)
   ORDER BY f."on" DESC, f.id DESC LIMIT 1) AS low_sum,
  e.past, e.ad_value, e.hd_on, e.hd_sum,
  CASE WHEN e.past THEN
    (SELECT f.delta_sum FROM figures f WHERE f.commitment_id = e.id
       AND f."on" <= min(coalesce(e.ad_on, date(e.lo, '-1 day')), e.deadline)
     ORDER BY f."on" DESC, f.id DESC LIMIT 1) END AS low_sum_d
FROM ends e
"""


def commitment_of(row: tuple[Any, ...]) -> Commitment:
    """A commitment from a row that starts with COMMITMENT_COLUMNS: built directly, since a
    reading builds one for every commitment of the province."""
    (cid, title, document_id, section, owner, kind, comparator, target, unit, baseline,
     start, deadline, quote, notes) = row[:_COMMITMENT_WIDTH]  # fmt: skip
    return Commitment(
        cid, title, document_id, section, owner, kind, comparator, target, unit, baseline,
        date.fromisoformat(start) if start else None,
        date.fromisoformat(deadline) if deadline else None,
        quote, notes,
    )  # fmt: skip


def standing_of(c: Commitment, row: tuple[Any, ...]) -> Standing | None:
    """A row of STANDING_SQL as the standing progress.standing would compute."""
    (lo, beyond, last, a_value, h_on, h_sum, low_sum,
     past, ad_value, hd_on, hd_sum, low_sum_d) = row[_COMMITMENT_WIDTH:]  # fmt: skip
    if beyond:
        return None
    value = _value(c, a_value, low_sum, h_sum)
    reported = h_on is not None and (lo is None or h_on >= lo)
    at_deadline, by_deadline = None, False
    if past:
        at_deadline = _value(c, ad_value, low_sum_d, hd_sum)
        by_deadline = hd_on is not None and (lo is None or hd_on >= lo)
    return Standing(
        value=value,
        reported=reported,
        last=date.fromisoformat(last) if last else None,
        at_deadline=at_deadline,
        reported_by_deadline=by_deadline,
    )


def _value(c: Commitment, anchor: float | None, low: str | None, high: str | None) -> float | None:
    """The latest total (or the start value) plus the deltas after it: exactly rounded, as
    math.fsum rounds the same numbers."""
    if anchor is None:
        anchor = c.baseline if c.kind == "level" else 0.0
        if anchor is None:
            return None
    deltas = between(low, high)
    if not deltas:
        return float(anchor)
    return float(Fraction(anchor) + deltas)
