"""The one place that speaks SQL: opening, migrating, reading and writing the database."""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import itertools
import json
import queue
import sqlite3
import threading
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from pledgecli.errors import DatabaseError, DiskError, InputError, unknown
from pledgecli.labels import t
from pledgecli.model import (
    BatchRow,
    Change,
    Commitment,
    Document,
    Figure,
    Outcome,
    Revision,
    Standing,
)
from pledgecli.parse import shorten
from pledgecli.store.schema import MIGRATION_SET, SCHEMA
from pledgecli.store.sums import (
    COMMITMENT_COLUMNS,
    STANDING_SQL,
    ZERO,
    add,
    commitment_of,
    settle,
    standing_of,
)

BUSY_TIMEOUT_SECONDS = 10.0
# Rows a long read hands over at a time from the thread that steps it.
_STEP_CHUNK = 500
_MAX_LIMIT = 2**63 - 1
_LAST_UNDOABLE = (
    "SELECT * FROM batches WHERE undone_at IS NULL AND reverts IS NULL ORDER BY id DESC LIMIT 1"
)


class StaleUndoError(DatabaseError):
    """The batch an undo previewed is no longer the last one."""


_DATE_FIELDS = {"issued_on", "start", "deadline", "on"}


class _Rollback(Exception):
    """Ends a transaction without keeping it: a dry run, or a batch that changed nothing."""


ON_CONFLICT = ("revise", "skip", "error")


@dataclass(frozen=True)
class Put:
    """What writing one figure did."""

    outcome: Outcome
    old_value: float | None = None
    # The key was already written earlier in this same batch (a file that
    # gives one figure twice).
    repeated: bool = False


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _to_row(record: Any) -> dict[str, Any]:
    """A record's fields as a row, dates as ISO text: shallow (dataclasses.asdict deep-copies
    every value, which a load of 100,000 commitments pays for twice)."""
    values = ((f.name, getattr(record, f.name)) for f in dataclasses.fields(record))
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in values}


@functools.cache
def _field_names(cls: Any) -> frozenset[str]:
    return frozenset(f.name for f in dataclasses.fields(cls))


def _from_row(cls: Any, row: dict[str, Any]) -> Any:
    names = _field_names(cls)
    values = {
        k: date.fromisoformat(v) if k in _DATE_FIELDS and v is not None else v
        for k, v in row.items()
        if k in names
    }
    return cls(**values)


_FIGURE_COLUMNS = 'commitment_id, "on", value, mode, source, note, entered_at, id, batch_id'


def _figure(row: tuple[Any, ...]) -> Figure:
    """A figure from a row of _FIGURE_COLUMNS: built directly, since there may be many."""
    cid, on, value, mode, source, note, entered_at, seq, batch_id = row
    return Figure(cid, date.fromisoformat(on), value, mode, source, note, entered_at, seq, batch_id)


# SQLite's primary result codes for a disk that is full or failing (SQLITE_FULL, SQLITE_IOERR).
_DISK_CODES = {13, 10}


def _describe(exc: sqlite3.Error, path: Path) -> DatabaseError | DiskError:
    text = str(exc)
    code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
    if code in _DISK_CODES or "disk is full" in text or "disk I/O error" in text:
        return DiskError(t("db_disk_full", path=path, detail=text))
    if "readonly" in text or "read-only" in text:
        return DatabaseError(t("db_read_only", path=path))
    if "locked" in text or "busy" in text:
        return DatabaseError(t("db_busy", path=path, seconds=f"{BUSY_TIMEOUT_SECONDS:g}"))
    if "not a database" in text or "malformed" in text:
        return DatabaseError(t("db_not_readable", path=path))
    if "unable to open" in text:
        return DatabaseError(t("db_cannot_open", path=path))
    return DatabaseError(f"{path}: {text}")


class Store:
    """A pledge database, opened and migrated to the current schema."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path
        # Whether the file held a database before this opening (`init` says "Using").
        self.was_there = True

    @functools.cached_property
    def db(self) -> Any:
        """sqlite-utils' view of the same connection, for migrations (and tests): imported
        only when wanted, since a reading command has no use for it and it costs start-up."""
        from sqlite_utils import Database

        return Database(self.conn, execute_plugins=False)

    # -- opening ---------------------------------------------------------

    @classmethod
    def open(cls, path: Path, create: bool = False) -> Store:
        """Open the database at `path`, migrating it; with `create`, make it first.

        Refuses, without writing, a missing file (unless `create`), a file that
        is not a pledge database, and one written by a newer pledge.
        """
        try:
            folder, exists = path.is_dir(), path.exists()
        except OSError as exc:  # a name too long, a loop of links
            raise DatabaseError(
                t("db_cannot_use", path=shorten(str(path)), reason=exc.strerror)
            ) from None
        if folder:
            raise DatabaseError(t("db_is_folder", path=path))
        if not exists and not create:
            raise DatabaseError(t("db_missing", path=path))
        try:
            if create:
                path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS)
        except (OSError, sqlite3.Error) as exc:
            raise DatabaseError(t("db_cannot_open_detail", path=path, detail=exc)) from None
        store = cls(conn, path)
        store.was_there = exists and path.stat().st_size > 0
        try:
            conn.execute("PRAGMA foreign_keys = ON")
            store._check_and_migrate(create)
        except sqlite3.Error as exc:
            conn.close()
            raise _describe(exc, path) from None
        except DatabaseError:
            conn.close()
            raise
        return store

    def _check_and_migrate(self, create: bool) -> None:
        if self._applied() == SCHEMA:
            return
        from pledgecli.store.migrations import migrations

        names = set(self.db.table_names())
        applied = {m.name for m in migrations.applied(self.db)}
        known = {m.name for m in migrations._migrations}
        if names and not applied:
            raise DatabaseError(t("db_not_pledge", path=self.path))
        if not names and not create:
            raise DatabaseError(t("db_empty", path=self.path))
        if applied - known:
            newest = sorted(applied - known)[-1]
            raise DatabaseError(t("db_newer", path=self.path, schema=newest))
        if migrations.pending(self.db):
            self.db.enable_wal()
            migrations.apply(self.db)

    def _applied(self) -> tuple[str, ...]:
        """The migrations this file records, read plainly: a file that is up to date opens
        without loading the migration machinery."""
        has_log = self.conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_sqlite_migrations'"
        ).fetchone()
        if not has_log:
            return ()
        rows = self.conn.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid",
            [MIGRATION_SET],
        )
        return tuple(name for (name,) in rows)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def schema_version(self) -> str:
        return self._applied()[-1]

    # -- reading ---------------------------------------------------------

    def _rows(
        self, sql: str, params: Iterable[Any] | Mapping[str, Any] = ()
    ) -> list[dict[str, Any]]:
        try:
            cursor = self.conn.execute(sql, params if isinstance(params, Mapping) else list(params))
            names = [d[0] for d in cursor.description]
            return [dict(zip(names, row, strict=True)) for row in cursor]
        except sqlite3.Error as exc:
            raise _describe(exc, self.path) from None

    def documents(self) -> list[Document]:
        return [_from_row(Document, r) for r in self._rows("SELECT * FROM documents ORDER BY id")]

    def document(self, document_id: str) -> Document:
        rows = self._rows("SELECT * FROM documents WHERE id = ?", [document_id])
        if not rows:
            raise unknown("document", document_id, self.ids("documents"))
        document: Document = _from_row(Document, rows[0])
        return document

    def ids(self, table: str) -> list[str]:
        assert table in ("documents", "commitments")
        return [r["id"] for r in self._rows(f"SELECT id FROM {table} ORDER BY id")]

    def commitments(
        self, owner: str | None = None, document_id: str | None = None
    ) -> list[Commitment]:
        """Commitments in document and id order; `owner` matches any part of the owner's name."""
        return list(self.each_commitment(owner, document_id))

    def _commitment_filter(
        self, owner: str | None, document_id: str | None
    ) -> tuple[str, dict[str, Any]]:
        """The WHERE clause (and its parameters) of commitments of `owner` and `document_id`."""
        where, params = ["1"], {}
        if owner:
            where.append("instr(lower(coalesce(owner, '')), lower(:owner)) > 0")
            params["owner"] = owner
        if document_id:
            self.document(document_id)
            where.append("document_id = :document_id")
            params["document_id"] = document_id
        return " AND ".join(where), params

    def each_commitment(
        self, owner: str | None = None, document_id: str | None = None
    ) -> Iterator[Commitment]:
        """`commitments`, streamed from the cursor."""
        where, params = self._commitment_filter(owner, document_id)
        sql = f"SELECT {COMMITMENT_COLUMNS} FROM commitments WHERE {where} ORDER BY document_id, id"
        try:
            yield from map(commitment_of, self.conn.execute(sql, params))
        except sqlite3.Error as exc:
            raise _describe(exc, self.path) from None

    def each_figure(self) -> Iterator[tuple[str, date, float, str, str, str]]:
        """Every figure as (commitment, day, value, mode, source, note), by commitment, day
        and entry: streamed in the order of an index, as plain tuples, since an export may
        hold millions."""
        sql = 'SELECT commitment_id, "on", value, mode, source, note FROM figures '
        sql += 'ORDER BY commitment_id, "on", id'
        fromisoformat = date.fromisoformat
        try:
            for cid, on, value, mode, source, note in self.conn.execute(sql):
                yield cid, fromisoformat(on), value, mode, source, note
        except sqlite3.Error as exc:
            raise _describe(exc, self.path) from None

    def commitments_in(self, ids: Iterable[str]) -> list[Commitment]:
        """The commitments of `ids` (those that exist), in document and id order."""
        sql = (
            f"SELECT {COMMITMENT_COLUMNS} FROM commitments "
            "WHERE id IN (SELECT value FROM json_each(?)) ORDER BY document_id, id"
        )
        return self._commitments(sql, [json.dumps(list(ids))])

    def due_before(self, t: date, chunk: int = 200) -> Iterator[list[Commitment]]:
        """Commitments whose deadline is before `t`, the earliest deadline first (then by id),
        a chunk at a time by the deadline index: a reader that stops early reads no more."""
        sql = (
            f"SELECT {COMMITMENT_COLUMNS} FROM commitments "
            "WHERE deadline < :t AND (deadline, id) > (:d, :id) ORDER BY deadline, id LIMIT :n"
        )
        after = {"d": "", "id": ""}
        while chosen := self._commitments(sql, {"t": t.isoformat(), "n": chunk, **after}):
            yield chosen
            last = chosen[-1]
            after = {"d": last.deadline.isoformat() if last.deadline else "", "id": last.id}

    def _commitments(self, sql: str, params: Any) -> list[Commitment]:
        """The commitments a query of COMMITMENT_COLUMNS finds."""
        try:
            return [commitment_of(row) for row in self.conn.execute(sql, params)]
        except sqlite3.Error as exc:
            raise _describe(exc, self.path) from None

    def commitment(self, commitment_id: str) -> Commitment:
        rows = self._rows("SELECT * FROM commitments WHERE id = ?", [commitment_id])
        if not rows:
            raise unknown("commitment", commitment_id, self.ids("commitments"))
        commitment: Commitment = _from_row(Commitment, rows[0])
        return commitment

    def figures(self, commitment_ids: Iterable[str] | None = None) -> list[Figure]:
        """Figures in date order (insertion order within a day)."""
        where, params = "", []
        if commitment_ids is not None:
            where = "WHERE commitment_id IN (SELECT value FROM json_each(?))"
            params = [json.dumps(list(commitment_ids))]
        sql = f'SELECT {_FIGURE_COLUMNS} FROM figures {where} ORDER BY "on", id'
        try:
            return [_figure(row) for row in self.conn.execute(sql, params)]
        except sqlite3.Error as exc:
            raise _describe(exc, self.path) from None

    def figures_by_commitment(
        self, commitment_ids: Iterable[str], until: date | None = None
    ) -> Iterator[tuple[str, list[Figure]]]:
        """Each commitment's figures (up to `until`), one commitment at a time, streamed
        from the cursor so that memory holds one commitment's figures, not the table's."""
        sql = (
            f"SELECT {_FIGURE_COLUMNS} FROM figures "
            'WHERE commitment_id IN (SELECT value FROM json_each(?)) AND "on" <= ? '
            'ORDER BY commitment_id, "on", id'
        )
        params = [json.dumps(list(commitment_ids)), (until or date.max).isoformat()]
        try:
            rows = self.conn.execute(sql, params)
            for cid, group in itertools.groupby(rows, key=lambda row: row[0]):
                yield cid, [_figure(row) for row in group]
        except sqlite3.Error as exc:
            raise _describe(exc, self.path) from None

    def settle(self) -> None:
        """Recompute the running sums the writes so far left pending (inside a batch)."""
        settle(self.conn)

    def standings(
        self, commitments: Iterable[Commitment], t: date
    ) -> Iterator[tuple[Commitment, Standing | None]]:
        """Each of `commitments` with its standing on `t`, from a few index seeks and two
        running sums; None for one whose figures hold a number beyond range (read it from its
        figures)."""
        ids = json.dumps([c.id for c in commitments])
        return self._standings("id IN (SELECT value FROM json_each(:ids))", {"ids": ids}, t)

    def all_standings(
        self,
        t: date,
        owner: str | None = None,
        document_id: str | None = None,
        due_by: date | None = None,
    ) -> Iterator[tuple[Commitment, Standing | None]]:
        """Every commitment (of `owner`, of `document_id`, due on or before `due_by`) with its
        standing on `t`: the commitments are read in the same query, one pass over them."""
        where, params = self._commitment_filter(owner, document_id)
        if due_by is not None:
            where += " AND deadline <= :due_by"
            params["due_by"] = due_by.isoformat()
        return self._standings(where, params, t)

    def _standings(
        self, where: str, params: dict[str, Any], t: date
    ) -> Iterator[tuple[Commitment, Standing | None]]:
        try:
            sql = STANDING_SQL.format(where=where)
            rows = self._stepped_aside(sql, {**params, "t": t.isoformat()})
            for row in rows:
                c = commitment_of(row)
                yield c, standing_of(c, row)
        except sqlite3.Error as exc:
            raise _describe(exc, self.path) from None

    def _stepped_aside(self, sql: str, params: dict[str, Any]) -> Iterator[tuple[Any, ...]]:
        """The rows of a long read, stepped by SQLite on a second connection in a thread of its
        own. SQLite runs without Python's lock, so the query's seeks go on on one core while
        the caller works through the rows it already has on the other. Inside a transaction
        (whose writes only this connection sees) the rows come from this connection."""
        if self.conn.in_transaction:
            yield from self.conn.execute(sql, params)
            return
        try:
            aside = sqlite3.connect(
                self.path.resolve().as_uri() + "?mode=ro",
                uri=True,
                timeout=BUSY_TIMEOUT_SECONDS,
                check_same_thread=False,
            )
        except (OSError, ValueError, sqlite3.Error):
            yield from self.conn.execute(sql, params)
            return
        try:
            # Opened lazily by SQLite: read the schema now, so that a file this connection
            # cannot read (a folder it may not write a WAL index in) falls back here.
            aside.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.Error:
            aside.close()
            yield from self.conn.execute(sql, params)
            return
        chunks: queue.Queue[list[tuple[Any, ...]] | BaseException] = queue.Queue(maxsize=8)
        stop = threading.Event()

        def step() -> None:
            try:
                cursor = aside.execute(sql, params)
                while not stop.is_set():
                    rows = cursor.fetchmany(_STEP_CHUNK)
                    chunks.put(rows)
                    if not rows:
                        return
            except BaseException as exc:  # handed to the reader, which raises it
                chunks.put(exc)
            finally:
                aside.close()

        worker = threading.Thread(target=step, name="pledge-read", daemon=True)
        worker.start()
        try:
            while True:
                chunk = chunks.get()
                if isinstance(chunk, BaseException):
                    raise chunk
                if not chunk:
                    return
                yield from chunk
        finally:
            stop.set()
            while worker.is_alive():  # a reader that stopped early frees the worker
                with contextlib.suppress(queue.Empty):
                    chunks.get_nowait()
                worker.join(0.001)

    def revisions(self, commitment_id: str) -> list[Revision]:
        # The rows of the figure_history view, found by the journal's (table, key) index
        # from the commitment's figure ids: the view itself can only filter on the JSON of
        # every change ever made, which grows with the database.
        rows = self._rows(
            """SELECT CAST(c.row_key AS INTEGER) AS figure_id,
                      json_extract(c.before, '$.value') AS old_value,
                      json_extract(c.before, '$.entered_at') AS old_entered_at,
                      c.batch_id AS revised_by_batch, b.at AS revised_at
               FROM changes c JOIN batches b ON b.id = c.batch_id AND b.undone_at IS NULL
               WHERE c.table_name = 'figures' AND c.action = 'update'
                 AND c.row_key IN (SELECT CAST(id AS TEXT) FROM figures WHERE commitment_id = ?)
                 AND json_extract(c.before, '$.commitment_id') = ?
               ORDER BY revised_at, revised_by_batch""",
            [commitment_id, commitment_id],
        )
        return [
            Revision(
                figure_seq=r["figure_id"],
                old_value=r["old_value"],
                old_entered_at=r["old_entered_at"],
                revised_at=r["revised_at"],
                batch_id=r["revised_by_batch"],
            )
            for r in rows
        ]

    def counts(self) -> dict[str, int]:
        return {
            t: self._rows(f"SELECT count(*) AS n FROM {t}")[0]["n"]
            for t in ("documents", "commitments", "figures", "batches")
        }

    # -- writing ---------------------------------------------------------

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE … COMMIT, rolled back on any error or when the body says so.

        IMMEDIATE takes the write lock up front, so a second writer waits for the
        busy timeout instead of failing half-way. The body rolls back by raising
        _Rollback, which ends the block quietly.
        """
        conn = self.conn
        try:
            conn.execute("BEGIN IMMEDIATE")
            yield conn
            conn.commit()
        except _Rollback:
            conn.rollback()
        except sqlite3.Error as exc:
            if conn.in_transaction:
                conn.rollback()
            raise _describe(exc, self.path) from None
        except BaseException:
            if conn.in_transaction:
                conn.rollback()
            raise

    @contextmanager
    def batch(self, command: str, dry_run: bool = False) -> Iterator[Batch]:
        """One write command: one transaction, logged as a change batch.

        A batch that changes nothing is rolled back, so repeating a command
        leaves no trace; a dry run is always rolled back.
        """
        with self._transaction() as conn:
            at = now()
            cursor = conn.execute("INSERT INTO batches (at, command) VALUES (?, ?)", [at, command])
            batch = Batch(self, int(cursor.lastrowid or 0), at)
            yield batch
            if dry_run or not batch.changed:
                raise _Rollback
            batch.resum()
            tally = batch.outcomes
            conn.execute(
                "UPDATE batches SET inserted = ?, revised = ?, unchanged = ?, skipped = ? WHERE id = ?",
                [tally[Outcome.NEW], tally[Outcome.REVISED], tally[Outcome.UNCHANGED],
                 tally[Outcome.SKIPPED], batch.id],
            )  # fmt: skip

    # -- the log and undo --------------------------------------------------

    def batches(self, limit: int | None = None) -> list[BatchRow]:
        """Change batches, newest first."""
        sql = "SELECT * FROM batches ORDER BY id DESC LIMIT ?"
        # SQLite's LIMIT is a 64-bit integer; any larger count means all of them.
        return [BatchRow(**r) for r in self._rows(sql, [min(limit or -1, _MAX_LIMIT)])]

    def last_undoable(self) -> BatchRow | None:
        rows = self._rows(_LAST_UNDOABLE)
        return BatchRow(**rows[0]) if rows else None

    def changes(self, batch_id: int) -> list[Change]:
        """What a batch wrote, in the order it wrote it."""
        rows = self._rows("SELECT * FROM changes WHERE batch_id = ? ORDER BY id", [batch_id])
        return [
            Change(
                table=r["table_name"],
                action=r["action"],
                key=r["row_key"],
                before=None if r["before"] is None else json.loads(r["before"]),
                current=self._current(r["table_name"], r["row_key"]),
            )
            for r in rows
        ]

    def _current(self, table: str, key: str) -> dict[str, Any] | None:
        assert table in ("documents", "commitments", "figures")
        rows = self._rows(f"SELECT * FROM {table} WHERE id = ?", [key])
        return rows[0] if rows else None

    def undo(self, batch_id: int) -> int:
        """Revert a batch exactly, newest change first; returns how many rows it restored.

        The batch must still be the last live one when the write lock is taken: a
        batch written since the preview would otherwise be reverted half-way. The
        undo is logged as a batch of its own that is not itself undone by the next
        `undo`, which goes on to the batch before.
        """
        with self._transaction() as conn:
            last = conn.execute(_LAST_UNDOABLE).fetchone()
            if last is None or last[0] != batch_id:
                other = last[0] if last else "?"
                raise StaleUndoError(t("undo_stale", batch=batch_id, other=other))
            changes = self.changes(batch_id)
            for change in reversed(changes):
                self._revert(change)
            settle(conn, _figures_touched(changes))
            conn.execute("UPDATE batches SET undone_at = ? WHERE id = ?", [now(), batch_id])
            conn.execute(
                "INSERT INTO batches (at, command, revised, reverts) VALUES (?, ?, ?, ?)",
                [now(), f"undo {batch_id}", len(changes), batch_id],
            )
        return len(changes)

    def _revert(self, change: Change) -> None:
        conn = self.conn
        key_type = int if change.table == "figures" else str
        if change.before is None:
            conn.execute(f"DELETE FROM {change.table} WHERE id = ?", [key_type(change.key)])
            return
        columns = list(change.before)
        names = ", ".join(f'"{c}"' for c in columns)
        marks = ", ".join("?" for _ in columns)
        conn.execute(
            f"INSERT OR REPLACE INTO {change.table} ({names}) VALUES ({marks})",
            [change.before[c] for c in columns],
        )


def _figures_touched(changes: Iterable[Change]) -> dict[str, date | None]:
    """For each commitment whose figures a batch wrote, the earliest day it wrote."""
    since: dict[str, date | None] = {}
    for change in changes:
        if change.table != "figures":
            continue
        for row in (change.before, change.current):
            if row and row.get("commitment_id") and row.get("on"):
                day = date.fromisoformat(row["on"])
                cid = row["commitment_id"]
                seen = since.get(cid)
                since[cid] = day if seen is None or day < seen else seen
    return since


class Batch:
    """The writes of one command, journalled so that `undo` can revert them."""

    def __init__(self, store: Store, batch_id: int, at: str) -> None:
        self.store = store
        self.id = batch_id
        # Every row the batch writes was entered when the batch began.
        self.at = at
        self.outcomes: Counter[Outcome] = Counter()
        # Each commitment's last figure (its day and running sum of deltas), so that a figure
        # appended after it gets its sum at once. A figure written before the end, or
        # revised, is left to the triggers of m002, which mark its commitment pending.
        self._ends: dict[str, tuple[str, str]] = {}

    @property
    def changed(self) -> bool:
        return bool(self.outcomes[Outcome.NEW] or self.outcomes[Outcome.REVISED])

    def resum(self) -> None:
        settle(self.store.conn)

    def _sum_for_new(self, figure: Figure, value: float) -> str | None:
        """The running sum a new figure gets when it is its commitment's last; else None."""
        cid, day = figure.commitment_id, figure.on.isoformat()
        end = self._ends.get(cid)
        if end is None:
            row = self.store.conn.execute(
                'SELECT "on", delta_sum FROM figures WHERE commitment_id = ? '
                'ORDER BY "on" DESC, id DESC LIMIT 1',
                [cid],
            ).fetchone()
            end = (row[0], row[1]) if row else ("", ZERO)
        if day < end[0] or end[1] is None:
            self._ends.pop(cid, None)
            return None
        total = add(end[1], value) if figure.mode == "delta" else end[1]
        self._ends[cid] = (day, total)
        return total

    def _exec(self, sql: str, params: Iterable[Any]) -> sqlite3.Cursor:
        cursor: sqlite3.Cursor = self.store.conn.execute(sql, list(params))
        return cursor

    def _journal(self, table: str, key: str, action: str, before: dict[str, Any] | None) -> None:
        self._exec(
            "INSERT INTO changes (batch_id, table_name, row_key, action, before) VALUES (?, ?, ?, ?, ?)",
            [
                self.id,
                table,
                key,
                action,
                None if before is None else json.dumps(before, ensure_ascii=False),
            ],
        )

    def _put(self, table: str, row: dict[str, Any]) -> Outcome:
        """Insert or update a document or commitment by id, journalling what it replaces."""
        old = self.store._current(table, row["id"])
        if old == row:
            outcome = Outcome.UNCHANGED
        elif old is None:
            self._journal(table, row["id"], "insert", None)
            # Plain SQL: sqlite-utils' insert() inspects the table on every call, and a load
            # writes commitments by the hundred thousand.
            names = ", ".join(f'"{k}"' for k in row)
            marks = ", ".join("?" for _ in row)
            self._exec(f"INSERT INTO {table} ({names}) VALUES ({marks})", row.values())
            outcome = Outcome.NEW
        else:
            self._journal(table, row["id"], "update", old)
            sets = ", ".join(f'"{k}" = ?' for k in row if k != "id")
            self._exec(f"UPDATE {table} SET {sets} WHERE id = ?",
                       [*(v for k, v in row.items() if k != "id"), row["id"]])  # fmt: skip
            outcome = Outcome.REVISED
        self.outcomes[outcome] += 1
        return outcome

    def put_document(self, doc: Document) -> Outcome:
        return self._put("documents", _to_row(doc))

    def put_commitment(self, commitment: Commitment) -> Outcome:
        return self._put("commitments", _to_row(commitment))

    def add_commitment(self, commitment: Commitment) -> None:
        if self.store._current("commitments", commitment.id):
            raise InputError(t("commitment_exists", id=repr(commitment.id)))
        self._put("commitments", _to_row(commitment))

    def put_figure(self, figure: Figure, on_conflict: str = "revise") -> Put:
        """Upsert a figure on its natural key: (commitment, on, mode, source).

        The same value changes nothing. Another value is a revision that keeps
        the old row in the journal — or, with `on_conflict` "skip" or "error",
        is left alone and reported as SKIPPED or CONFLICT. A key this batch has
        already written with another value is a CONFLICT whatever the policy.
        """
        value = float(figure.value)
        day = figure.on.isoformat()
        # Most figures of a file are new: the insert is tried first, and the key's row is read
        # only when it is already there.
        cursor = self._exec(
            'INSERT INTO figures (commitment_id, "on", value, mode, source, note, entered_at, '
            "batch_id, delta_sum) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            [figure.commitment_id, day, value, figure.mode, figure.source, figure.note, self.at,
             self.id, self._sum_for_new(figure, value)],
        )  # fmt: skip
        if cursor.rowcount == 1:
            self._journal("figures", str(cursor.lastrowid), "insert", None)
            return self._tally(Put(Outcome.NEW))
        self._ends.pop(figure.commitment_id, None)  # nothing was appended after all
        found = self.store.conn.execute(
            'SELECT id, value, batch_id FROM figures WHERE commitment_id = ? AND "on" = ? '
            "AND mode = ? AND source = ?",
            [figure.commitment_id, day, figure.mode, figure.source],
        ).fetchone()
        old = {"id": found[0], "value": found[1], "batch_id": found[2]}
        old_value: float = old["value"]
        repeated = old["batch_id"] == self.id
        if old_value == value:
            return self._tally(Put(Outcome.UNCHANGED, old_value, repeated))
        if repeated or on_conflict == "error":
            return self._tally(Put(Outcome.CONFLICT, old_value, repeated))
        if on_conflict == "skip":
            return self._tally(Put(Outcome.SKIPPED, old_value))
        before = self.store._current("figures", old["id"])
        assert before is not None
        self._journal("figures", str(old["id"]), "update", before)
        self._exec(
            "UPDATE figures SET value = ?, note = ?, entered_at = ?, batch_id = ? WHERE id = ?",
            [value, figure.note, self.at, self.id, old["id"]],
        )
        self._ends.pop(figure.commitment_id, None)  # its triggers mark the sums pending
        return self._tally(Put(Outcome.REVISED, old_value))

    def _tally(self, put: Put) -> Put:
        self.outcomes[put.outcome] += 1
        return put
