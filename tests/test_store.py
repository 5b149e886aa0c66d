"""The store on real SQLite files: schema, migrations, refusals, revisions, concurrency."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
import threading
from datetime import date
from pathlib import Path

import pytest

import pledgecli.store as store_module
from pledgecli.errors import DatabaseError, NotFoundError
from pledgecli.model import Commitment, Document, Figure
from pledgecli.store import Outcome, Put, Store
from pledgecli.store.schema import SCHEMA

D = date.fromisoformat
DOC = Document("doc", doc_number="中市监函〔2024〕168号", issued_on=D("2024-07-08"))
PLATFORMS = Commitment("platforms", "服务平台", document_id="doc", target=5, unit="个")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store.open(tmp_path / "p.db", create=True)
    with s.batch("setup") as b:
        b.put_document(DOC)
        b.put_commitment(PLATFORMS)
    return s


def test_blank_database_gets_the_schema(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "folder" / "p.db"
    s = Store.open(path, create=True)
    assert s.schema_version() == "m002_standing"
    assert {"documents", "commitments", "figures", "batches", "changes"} <= set(s.db.table_names())
    assert "figure_history" in s.db.view_names()
    assert s.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert s.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    strict = s.db.execute("SELECT sql FROM sqlite_master WHERE name = 'figures'").fetchone()[0]
    assert strict.rstrip().endswith("STRICT")


def test_reopening_keeps_rows_and_applies_nothing(store: Store) -> None:
    path = store.path
    store.close()
    again = Store.open(path)
    assert [c.id for c in again.commitments()] == ["platforms"]
    assert again.db["_sqlite_migrations"].count == 2


def test_missing_database_says_run_init(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="pledge init"):
        Store.open(tmp_path / "nope.db")
    assert not (tmp_path / "nope.db").exists()


def test_database_from_a_newer_pledge_is_refused_untouched(store: Store) -> None:
    store.db["_sqlite_migrations"].insert(
        {"migration_set": "pledge", "name": "m999_future", "applied_at": "2030-01-01"}
    )
    store.close()
    before = digest(store.path)
    with pytest.raises(DatabaseError, match="newer pledge"):
        Store.open(store.path, create=True)
    assert digest(store.path) == before


def test_another_sqlite_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE notes (text TEXT)")
    before = digest(path)
    with pytest.raises(DatabaseError, match="not a pledge database"):
        Store.open(path, create=True)
    assert digest(path) == before


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("这不是数据库\n" * 100, encoding="utf-8")
    with pytest.raises(DatabaseError, match="not a readable SQLite database"):
        Store.open(path)


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="is a folder"):
        Store.open(tmp_path)


def test_read_only_connection_refuses_writes_with_a_clear_message(store: Store) -> None:
    """Opened read-only as SQLite sees it (file modes are no bar to root, who runs CI)."""
    path = store.path
    store.close()
    s = Store.open(path)
    s.conn.close()
    s.conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    with (
        pytest.raises(DatabaseError, match="read-only: nothing was written"),
        s.batch("record") as b,
    ):
        b.put_figure(Figure("platforms", D("2024-07-08"), 4))


def test_figure_key_new_unchanged_revised(store: Store) -> None:
    fig = Figure("platforms", D("2024-07-08"), 4, source="函")
    with store.batch("one") as b:
        assert b.put_figure(fig) == Put(Outcome.NEW)
    with store.batch("two") as b:
        assert b.put_figure(fig) == Put(Outcome.UNCHANGED, 4)
    with store.batch("three") as b:
        assert b.put_figure(Figure("platforms", D("2024-07-08"), 5, source="函")) == Put(
            Outcome.REVISED, 4
        )
    with store.batch("four") as b:  # another source is another figure
        assert (
            b.put_figure(Figure("platforms", D("2024-07-08"), 6, source="局")).outcome
            is Outcome.NEW
        )
    figures = store.figures(["platforms"])
    assert [(f.value, f.source) for f in figures] == [(5, "函"), (6, "局")]
    assert [(r.old_value, r.figure_seq) for r in store.revisions("platforms")] == [
        (4, figures[0].seq)
    ]


def test_conflict_policies_and_a_key_repeated_in_one_batch(store: Store) -> None:
    with store.batch("one") as b:
        b.put_figure(Figure("platforms", D("2024-07-08"), 4))
    with store.batch("skip") as b:
        assert b.put_figure(Figure("platforms", D("2024-07-08"), 5), "skip") == Put(
            Outcome.SKIPPED, 4
        )
    with store.batch("error") as b:
        assert b.put_figure(Figure("platforms", D("2024-07-08"), 5), "error") == Put(
            Outcome.CONFLICT, 4
        )
    assert [f.value for f in store.figures()] == [4]
    with store.batch("twice") as b:
        assert b.put_figure(Figure("platforms", D("2025-01-01"), 1)).outcome is Outcome.NEW
        assert b.put_figure(Figure("platforms", D("2025-01-01"), 1)) == Put(
            Outcome.UNCHANGED, 1, True
        )
        assert b.put_figure(Figure("platforms", D("2025-01-01"), 2)) == Put(
            Outcome.CONFLICT, 1, True
        )


def test_undo_restores_revised_values_and_removes_new_rows(store: Store) -> None:
    start = _content(store)
    with store.batch("record") as b:
        b.put_figure(Figure("platforms", D("2024-07-08"), 4))
    middle = _content(store)
    with store.batch("load") as b:
        b.put_figure(Figure("platforms", D("2024-07-08"), 5))
        b.put_figure(Figure("platforms", D("2024-08-31"), 6))
        b.put_commitment(Commitment("platforms", "平台", document_id="doc", target=6))
    batch = store.last_undoable()
    assert batch is not None and batch.command == "load"
    assert [(c.table, c.action) for c in store.changes(batch.id)] == [
        ("figures", "update"), ("figures", "insert"), ("commitments", "update"),
    ]  # fmt: skip
    assert store.undo(batch.id) == 3
    assert _content(store) == middle
    assert store.revisions("platforms") == []  # an undone revision is no longer history
    again = store.last_undoable()
    assert again is not None and again.command == "record"
    store.undo(again.id)
    assert _content(store) == start
    assert [b.command for b in store.batches()] == [
        "undo 2",
        "undo 3",
        "load",
        "record",
        "setup",
    ]


def _content(store: Store) -> dict[str, list[tuple[object, ...]]]:
    return {
        t: sorted(tuple(r) for r in store.db.execute(f"SELECT * FROM {t}").fetchall())
        for t in ("documents", "commitments", "figures")
    }


def test_a_batch_that_changes_nothing_leaves_no_trace(store: Store) -> None:
    before = store.counts()
    with store.batch("again") as b:
        b.put_document(DOC)
        b.put_commitment(PLATFORMS)
    assert store.counts() == before


def test_a_failed_batch_writes_nothing(store: Store) -> None:
    before = store.counts()
    with pytest.raises(RuntimeError), store.batch("boom") as b:
        b.put_figure(Figure("platforms", D("2024-07-08"), 4))
        raise RuntimeError("boom")
    assert store.counts() == before


def test_every_write_is_journalled(store: Store) -> None:
    with store.batch("record") as b:
        b.put_figure(Figure("platforms", D("2024-07-08"), 4))
    with store.batch("load") as b:
        b.put_commitment(
            Commitment("platforms", "服务平台", document_id="doc", target=6, unit="个")
        )
    changes = list(store.db.query("SELECT table_name, action, before FROM changes ORDER BY id"))
    assert [(c["table_name"], c["action"]) for c in changes] == [
        ("documents", "insert"),
        ("commitments", "insert"),
        ("figures", "insert"),
        ("commitments", "update"),
    ]
    assert '"target": 5.0' in changes[-1]["before"]


def test_unknown_ids_suggest_the_closest(store: Store) -> None:
    with pytest.raises(NotFoundError, match="did you mean platforms"):
        store.commitment("platform")
    with pytest.raises(NotFoundError, match="unknown document 'dox'"):
        store.document("dox")


def test_owner_filter_matches_part_of_the_name(store: Store) -> None:
    with store.batch("add") as b:
        b.put_commitment(Commitment("stations", "服务站", owner="市市场监管局"))
    assert [c.id for c in store.commitments(owner="市场监管")] == ["stations"]
    assert [c.id for c in store.commitments(document_id="doc")] == ["platforms"]


def test_two_writers_at_once_both_succeed(store: Store) -> None:
    path = store.path
    store.close()
    errors: list[BaseException] = []

    def write(source: str) -> None:
        try:
            s = Store.open(path)
            for day in range(1, 29):
                with s.batch(f"record {source}") as b:
                    b.put_figure(Figure("platforms", date(2024, 2, day), day, source=source))
            s.close()
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(name,)) for name in ("a", "b")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(Store.open(path).figures()) == 56


def test_an_older_database_is_migrated_with_its_rows_kept(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A later migration, registered for this test only, runs once on the next open."""
    from pledgecli.store.migrations import migrations

    with store.batch("record") as b:
        b.put_figure(Figure("platforms", D("2024-07-08"), 4))
    store.close()

    def m003_owner_email(db: object) -> None:
        db.execute("ALTER TABLE commitments ADD COLUMN owner_email TEXT")  # type: ignore[attr-defined]

    monkeypatch.setattr(migrations, "_migrations", list(migrations._migrations))
    migrations()(m003_owner_email)
    monkeypatch.setattr(store_module, "SCHEMA", (*SCHEMA, "m003_owner_email"))
    upgraded = Store.open(store.path)
    assert upgraded.schema_version() == "m003_owner_email"
    assert "owner_email" in upgraded.db["commitments"].columns_dict
    assert [f.value for f in upgraded.figures()] == [4]
    assert [c.id for c in upgraded.commitments()] == ["platforms"]


def test_the_schema_names_every_migration_in_order() -> None:
    from pledgecli.store.migrations import migrations

    assert tuple(m.name for m in migrations._migrations) == SCHEMA


def test_a_current_database_opens_and_reads_without_sqlite_utils(tmp_path: Path) -> None:
    """Start-up: a reading command on an up-to-date file needs sqlite3 alone."""
    path = tmp_path / "p.db"
    Store.open(path, create=True).close()
    code = (
        "import sys; from pathlib import Path; from pledgecli.store import Store; "
        f"s = Store.open(Path({str(path)!r})); s.commitments(); s.figures(); "
        "print(sorted(m for m in sys.modules if m.startswith('sqlite_utils')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "[]", done.stderr


def test_a_long_read_stepped_in_a_thread_gives_what_the_connection_gives(store: Store) -> None:
    """Standings are stepped on a second, read-only connection in a thread; the rows are the
    ones the store's own connection reads, a reader that stops early leaves no thread behind,
    and inside a transaction the read sees that transaction's writes."""
    sql = "SELECT id, title FROM commitments ORDER BY id"
    assert list(store._stepped_aside(sql, {})) == store.conn.execute(sql).fetchall()
    early = store._stepped_aside(sql, {})
    next(early)
    early.close()
    assert threading.active_count() == 1
    with store.batch("record") as b:
        b.put_figure(Figure("platforms", D("2024-07-08"), 4))
        (c, standing), *_ = store.standings([store.commitment("platforms")], D("2024-12-31"))
        assert standing is not None and standing.value == 4
