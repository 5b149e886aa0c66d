"""The schema, as ordered migrations recorded in the database itself.

Append only: never edit or reorder a migration that has shipped; add the next one here and
its name to schema.SCHEMA, and test it on a saved database of the previous version.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from sqlite_utils.migrations import Migrations

from pledgecli.store.schema import MIGRATION_SET

migrations = Migrations(MIGRATION_SET)

_ISO_DAY = "CHECK ({0} IS NULL OR date({0}) IS {0})"


def _run_script(db: Any, script: str) -> None:
    """Run statements one by one: sqlite3's executescript() would COMMIT first
    and so break the transaction the migration runs in."""
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            db.execute(statement)
            statement = ""


@migrations()
def m001_initial(db: Any) -> None:
    _run_script(
        db,
        f"""
        CREATE TABLE documents (
            id TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),
            doc_number TEXT,
            title TEXT,
            issuer TEXT,
            recipient TEXT,
            reference TEXT,
            issued_on TEXT {_ISO_DAY.format("issued_on")},
            source TEXT,
            reply_class TEXT CHECK (reply_class IS NULL OR reply_class IN ('A', 'B', 'C', 'D'))
        ) STRICT;

        CREATE TABLE commitments (
            id TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),
            document_id TEXT REFERENCES documents(id),
            section TEXT,
            title TEXT NOT NULL CHECK (title <> ''),
            owner TEXT,
            kind TEXT NOT NULL CHECK (kind IN ('level', 'flow', 'milestone')),
            comparator TEXT NOT NULL CHECK (comparator IN ('>=', '<=')),
            target REAL,
            unit TEXT,
            baseline REAL,
            start TEXT {_ISO_DAY.format("start")},
            deadline TEXT {_ISO_DAY.format("deadline")},
            quote TEXT,
            notes TEXT,
            CHECK (start IS NULL OR deadline IS NULL OR start <= deadline)
        ) STRICT;
        CREATE INDEX commitments_document ON commitments(document_id);

        CREATE TABLE batches (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            command TEXT NOT NULL,
            inserted INTEGER NOT NULL DEFAULT 0,
            revised INTEGER NOT NULL DEFAULT 0,
            unchanged INTEGER NOT NULL DEFAULT 0,
            skipped INTEGER NOT NULL DEFAULT 0,
            -- set on a batch that `undo` reverted
            undone_at TEXT,
            -- set on the batch that an `undo` wrote: the batch it reverted
            reverts INTEGER REFERENCES batches(id)
        ) STRICT;

        CREATE TABLE figures (
            id INTEGER PRIMARY KEY,
            commitment_id TEXT NOT NULL REFERENCES commitments(id),
            "on" TEXT NOT NULL CHECK (date("on") IS "on"),
            value REAL NOT NULL,
            mode TEXT NOT NULL CHECK (mode IN ('total', 'delta')),
            source TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '',
            entered_at TEXT NOT NULL,
            batch_id INTEGER NOT NULL REFERENCES batches(id),
            UNIQUE (commitment_id, "on", mode, source)
        ) STRICT;

        -- The undo journal: for every row a batch wrote, the row as it was
        -- before (NULL for a row the batch inserted).
        CREATE TABLE changes (
            id INTEGER PRIMARY KEY,
            batch_id INTEGER NOT NULL REFERENCES batches(id),
            table_name TEXT NOT NULL CHECK (table_name IN ('documents', 'commitments', 'figures')),
            row_key TEXT NOT NULL,
            action TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
            before TEXT CHECK (before IS NULL OR json_valid(before))
        ) STRICT;
        CREATE INDEX changes_batch ON changes(batch_id);
        CREATE INDEX changes_row ON changes(table_name, row_key);

        -- Every value a figure had before a revision replaced it.
        CREATE VIEW figure_history AS
        SELECT
            CAST(c.row_key AS INTEGER) AS figure_id,
            json_extract(c.before, '$.commitment_id') AS commitment_id,
            json_extract(c.before, '$.on') AS "on",
            json_extract(c.before, '$.value') AS old_value,
            json_extract(c.before, '$.entered_at') AS old_entered_at,
            c.batch_id AS revised_by_batch,
            b.at AS revised_at
        FROM changes c JOIN batches b ON b.id = c.batch_id AND b.undone_at IS NULL
        WHERE c.table_name = 'figures' AND c.action = 'update';
        """,
    )


@migrations()
def m002_standing(db: Any) -> None:
    """What a reading needs in one or two index seeks a commitment, at any size.

    - `delta_sum`: the exact sum (a fraction, as text) of the commitment's deltas up to and
      including this figure in (on, id) order, so that the deltas between two days are the
      difference of two sums, not a scan of the history. Kept by every write, in its batch.
    - indexes that find the latest total, or the latest figure, on or before a day; the rare
      figure beyond the numbers pledge accepts; and commitments by deadline.
    """
    _run_script(
        db,
        """
        ALTER TABLE figures ADD COLUMN delta_sum TEXT;
        CREATE INDEX figures_day ON figures(commitment_id, "on", id);
        CREATE INDEX figures_total_day ON figures(commitment_id, "on", id) WHERE mode = 'total';
        CREATE INDEX figures_beyond ON figures(commitment_id, "on") WHERE abs(value) > 1e15;
        CREATE INDEX commitments_deadline ON commitments(deadline);

        -- Commitments whose running sums a write left behind: a figure written without its
        -- sum, or whose number, kind or day changed (by pledge, or by hand in another tool).
        -- Readings take such a commitment from its figures; the next write recomputes it.
        CREATE TABLE pending_sums (
            commitment_id TEXT PRIMARY KEY NOT NULL,
            since TEXT NOT NULL
        ) STRICT;
        CREATE TRIGGER figures_sum_inserted AFTER INSERT ON figures WHEN NEW.delta_sum IS NULL
        BEGIN
            INSERT INTO pending_sums VALUES (NEW.commitment_id, NEW."on")
            ON CONFLICT (commitment_id) DO UPDATE SET since = min(since, excluded.since);
        END;
        CREATE TRIGGER figures_sum_deleted AFTER DELETE ON figures
        BEGIN
            INSERT INTO pending_sums VALUES (OLD.commitment_id, OLD."on")
            ON CONFLICT (commitment_id) DO UPDATE SET since = min(since, excluded.since);
        END;
        CREATE TRIGGER figures_sum_changed AFTER UPDATE OF value, mode, "on", commitment_id
        ON figures
        WHEN OLD.value IS NOT NEW.value OR OLD.mode IS NOT NEW.mode OR OLD."on" IS NOT NEW."on"
          OR OLD.commitment_id IS NOT NEW.commitment_id
        BEGIN
            INSERT INTO pending_sums VALUES (OLD.commitment_id, min(OLD."on", NEW."on"))
            ON CONFLICT (commitment_id) DO UPDATE SET since = min(since, excluded.since);
            INSERT INTO pending_sums VALUES (NEW.commitment_id, min(OLD."on", NEW."on"))
            ON CONFLICT (commitment_id) DO UPDATE SET since = min(since, excluded.since);
        END;
        """,
    )
    from pledgecli.store.sums import resum

    conn = db.conn
    ids = [row[0] for row in conn.execute("SELECT DISTINCT commitment_id FROM figures")]
    resum(conn, {cid: None for cid in ids})
    conn.execute("DELETE FROM pending_sums")
