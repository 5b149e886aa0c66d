"""The fast reading (indexes and running sums in the store) gives exactly the rows of the
pure functions of progress.py, which stay the definition: on random histories with
revisions, backdated figures, same-day totals and deltas, flows with figures outside their
period, undo, and days before, on and after every figure."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pledgecli.actions import read_rows
from pledgecli.model import Commitment, Document, Figure
from pledgecli.progress import assess, assess_read, standing
from pledgecli.store import Store

DAY0 = date(2024, 1, 1)
VALUES = st.one_of(
    st.integers(min_value=-50, max_value=500).map(float),
    st.sampled_from([0.1, 0.2, 0.3, 1e-9, 123456789.123, 1e15, -0.7, 2.5]),
)
BATCHES = st.lists(
    st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=3),  # which commitment
            st.integers(min_value=0, max_value=30),  # day
            VALUES,
            st.sampled_from(["total", "delta"]),
            st.sampled_from(["", "区局"]),
        ),
        max_size=10,
    ),
    max_size=4,
)
COMMITMENTS = st.lists(
    st.tuples(
        st.sampled_from(["level", "flow", "milestone"]),
        st.sampled_from([">=", "<="]),
        st.one_of(st.none(), st.integers(min_value=0, max_value=400).map(float)),
        st.one_of(st.none(), st.integers(min_value=0, max_value=50).map(float)),
        st.one_of(st.none(), st.integers(min_value=0, max_value=10)),  # start day
        st.one_of(st.none(), st.integers(min_value=5, max_value=28)),  # deadline day
    ),
    min_size=1,
    max_size=4,
)


def _commitment(i: int, spec: tuple[Any, ...]) -> Commitment:
    kind, comparator, target, baseline, start, deadline = spec
    if kind == "milestone":
        comparator, target, baseline = ">=", 1.0, None
    start_day = DAY0 + timedelta(days=start) if start is not None else None
    end_day = DAY0 + timedelta(days=deadline) if deadline is not None else None
    if start_day and end_day and start_day > end_day:
        start_day = end_day
    return Commitment(f"c{i}", f"第{i}项", "doc", kind=kind, comparator=comparator,
                      target=target, baseline=baseline, start=start_day, deadline=end_day)  # fmt: skip


def _write(store: Store, commitments: list[Commitment], batches: list[list[Any]]) -> None:
    with store.batch("setup") as b:
        b.put_document(Document("doc"))
        for c in commitments:
            b.put_commitment(c)
    for figures in batches:
        with store.batch("import") as b:
            for i, day, value, mode, source in figures:
                c = commitments[i % len(commitments)]
                if c.kind == "milestone":
                    mode, value = "total", float(value > 0)
                b.put_figure(Figure(c.id, DAY0 + timedelta(days=day), value, mode, source))


def _check(store: Store, commitments: list[Commitment]) -> None:
    figures = store.figures()
    days = sorted({DAY0 + timedelta(days=d) for d in (-1, 0, 5, 40)}
                  | {f.on + timedelta(days=k) for f in figures for k in (-1, 0, 1)}
                  | {c.deadline + timedelta(days=k) for c in commitments if c.deadline
                     for k in (-1, 0, 1)})  # fmt: skip
    for t in days:
        for c, fast in store.standings(commitments, t):
            mine = [f for f in figures if f.commitment_id == c.id and f.on <= t]
            assert fast is None or fast == standing(c, mine, t), (c, t)
            if fast is not None:
                assert assess_read(c, fast, t, 30, 45) in (None, assess(c, mine, t, 30, 45))
        rows = {a.id: a for a in read_rows(store, commitments, t, 30, 45)}
        assert rows == {
            c.id: assess(c, [f for f in figures if f.on <= t], t, 30, 45) for c in commitments
        }
        everything = dict(store.all_standings(t))
        assert everything == dict(store.standings(commitments, t))


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(COMMITMENTS, BATCHES, st.booleans())
def test_the_fast_reading_is_the_pure_one(
    tmp_path_factory: Any, specs: list[Any], batches: list[Any], undo: bool
) -> None:
    path = tmp_path_factory.mktemp("standing") / "p.db"
    store = Store.open(path, create=True)
    commitments = [_commitment(i, spec) for i, spec in enumerate(specs)]
    _write(store, commitments, batches)
    _check(store, commitments)
    last = store.last_undoable()
    if undo and last is not None and last.command != "setup":
        store.undo(last.id)
        _check(store, commitments)
    store.close()


def test_a_database_of_the_first_schema_is_migrated_with_every_figure_and_its_sums(
    tmp_path: Path,
) -> None:
    """tests/data/m001-sample.db was written by pledge before m002: the sample with totals,
    deltas (0.1 and 0.2 on one day from two sources) and a revision."""
    path = tmp_path / "old.db"
    path.write_bytes((Path(__file__).parent / "data" / "m001-sample.db").read_bytes())
    with sqlite3.connect(path) as old:
        before = old.execute(
            'SELECT id, commitment_id, "on", value, mode, source, note, entered_at, batch_id '
            "FROM figures ORDER BY id"
        ).fetchall()
    store = Store.open(path)
    assert store.schema_version() == "m002_standing"
    after = store.conn.execute(
        'SELECT id, commitment_id, "on", value, mode, source, note, entered_at, batch_id '
        "FROM figures ORDER BY id"
    ).fetchall()
    assert after == before
    commitments = store.commitments()
    _check(store, commitments)


def test_figures_edited_by_hand_in_another_tool_are_read_right_and_settled_later(
    tmp_path: Path,
) -> None:
    """Datasette or sqlite3 can insert, change and delete rows without any running sum: the
    triggers mark the commitment pending, readings take it from its figures, and pledge's
    next write recomputes its sums."""
    path = tmp_path / "p.db"
    store = Store.open(path, create=True)
    flow = _commitment(0, ("flow", ">=", 100.0, None, 0, 28))
    other = _commitment(1, ("level", ">=", 50.0, 5.0, None, None))
    _write(store, [flow, other], [[(0, 3, 10.0, "delta", ""), (0, 9, 0.1, "delta", ""),
                                   (1, 4, 7.0, "delta", "")]])  # fmt: skip
    store.close()
    with sqlite3.connect(path) as hand:
        hand.execute(
            'INSERT INTO figures (commitment_id, "on", value, mode, source, note, entered_at, '
            "batch_id) VALUES ('c0', '2024-01-05', 0.2, 'delta', 'x', '', '2024', 1)"
        )
        hand.execute("UPDATE figures SET value = 8.0 WHERE commitment_id = 'c1'")
    store = Store.open(path)
    assert {cid for (cid,) in store.conn.execute("SELECT commitment_id FROM pending_sums")} == {
        "c0",
        "c1",
    }
    _check(store, [flow, other])
    _write(store, [flow, other], [[(1, 20, 1.0, "delta", "")]])
    assert store.conn.execute("SELECT count(*) FROM pending_sums").fetchone()[0] == 0
    _check(store, [flow, other])
    assert all(fast is not None for _, fast in store.standings([flow, other], DAY0))
