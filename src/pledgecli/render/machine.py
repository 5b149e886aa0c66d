"""Output for scripts and spreadsheets: CSV and JSON, written with the standard library
straight to the stream (never through rich, which wraps at the terminal's width), and
files that are replaced only once they are complete."""

from __future__ import annotations

import csv
import errno
import io
import json
import math
import os
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import IO, Any

from pledgecli.columns import escape_cell
from pledgecli.errors import DiskError, InputError
from pledgecli.labels import t

# The errors that mean the disk, not the path, is the problem.
_DISK_ERRORS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO}


def plain(x: Any) -> Any:
    """A value for JSON: ISO dates, whole numbers without '.0', and no NaN or infinity."""
    kind = type(x)
    if kind is str or x is None or kind is int:  # most cells: checked first, by identity
        return x
    if isinstance(x, date):
        return x.isoformat()
    if isinstance(x, float):
        return _plain_number(x)
    if isinstance(x, tuple):
        return list(x)
    return x


def _plain_number(x: float) -> float | int | None:
    """A float as JSON and CSV write it: whole numbers without '.0', no NaN or infinity."""
    if not math.isfinite(x):
        return None
    return int(x) if x.is_integer() else x


def plain_record(record: dict[str, Any]) -> dict[str, Any]:
    return {k: plain(v) for k, v in record.items()}


def json_text(document: Any, indent: int | None = 2) -> str:
    """JSON that any parser reads: NaN and infinity are refused, not written."""
    return json.dumps(document, ensure_ascii=False, indent=indent, allow_nan=False) + "\n"


# A record: a mapping by column name, or a tuple of the columns' values in their order (what
# an export of millions of rows streams, with no mapping built for each).
Record = Mapping[str, Any] | tuple[Any, ...]


def values_of(record: Record, columns: Sequence[str]) -> Sequence[Any]:
    return record if isinstance(record, tuple) else [record[c] for c in columns]


def write_records(
    records: Iterable[Record],
    columns: Sequence[str],
    fmt: str,
    out: IO[str] | None = None,
    excel: bool = False,
    headers: Sequence[str] | None = None,
) -> int:
    """Records as a JSON array or as CSV with a header, keys in `columns` order, written as
    they come (never held whole); returns how many were written.

    CSV text that Excel would run as a formula gets a leading apostrophe; import
    and load take it off again. `excel` ends lines with CRLF (the caller opens
    the stream with a BOM). `headers` names the CSV columns for people.
    """
    out = out or sys.stdout
    count = 0
    if fmt == "json":
        # One row a line: readable, grep-able, and encoded by json's fast C path
        # (which indent= would turn off).
        encode = json.JSONEncoder(ensure_ascii=False, allow_nan=False).encode
        for r in records:
            out.write(",\n" if count else "[\n")
            out.write(encode(dict(zip(columns, map(plain, values_of(r, columns)), strict=True))))
            count += 1
        out.write("\n]\n" if count else "[]\n")
        return count
    writer = csv.writer(out, lineterminator="\r\n" if excel else "\n")
    writer.writerow(headers or columns)
    for record in records:
        writer.writerow([_csv_cell(v) for v in values_of(record, columns)])
        count += 1
    return count


def _csv_cell(value: Any) -> Any:
    cell = _CSV_CELLS.get(type(value))
    return cell(value) if cell else _csv_other(value)


def _csv_other(value: Any) -> Any:
    value = plain(value)
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(value)
    if isinstance(value, str):
        return escape_cell(value)
    return value


def _csv_number(x: float) -> Any:
    number = _plain_number(x)
    return "" if number is None else number


# A cell by the type of its value, looked up once: an export writes millions of them.
_CSV_CELLS: dict[type, Any] = {
    str: escape_cell,
    float: _csv_number,
    int: lambda x: x,
    type(None): lambda _: "",
    date: date.isoformat,
}


# -- files -------------------------------------------------------------------------


# Folders of the system, not of files: /dev/stdout is a link there, never a file to replace.
_SYSTEM_FOLDERS = ("/dev/", "/proc/", "/sys/")


def _check_output_path(path: Path, protected: Sequence[Path] = ()) -> Path:
    """The file an -o names, checked before anything is written: it must be a regular file
    (or none yet) in a folder that exists, and not the database. A link is followed, so
    the file it points to is replaced and the link kept."""
    if len(os.fsencode(path.name)) > 255:
        raise InputError(t("name_too_long", name=path.name[:40]))
    try:
        target = path.resolve() if path.is_symlink() else path.absolute()
        for db in protected:
            for kept in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
                if _same_file(target, kept):
                    raise InputError(t("is_database", path=path))
        if target.is_dir():
            raise InputError(t("output_is_folder", path=path))
        system = any(str(p).startswith(_SYSTEM_FOLDERS) for p in (path.absolute(), target))
        if system or (target.exists() and not target.is_file()):
            raise InputError(t("not_regular", path=path))
        if not target.parent.is_dir():
            raise InputError(t("no_folder", path=path, folder=target.parent))
    except OSError as exc:
        raise _write_error(path, exc) from None
    return target


def _same_file(path: Path, other: Path) -> bool:
    try:
        if path.exists() and other.exists():
            return path.samefile(other)
        return path.resolve() == other.resolve()
    except OSError:
        return False


@contextmanager
def output(path: Path | None, excel: bool, protected: Sequence[Path] = ()) -> Iterator[IO[str]]:
    """Where an export goes: stdout, or a file replaced only once it is complete.

    A new file gets the mode the umask gives, like any file a shell redirect makes;
    a replaced one keeps its mode, so a shared export stays readable by colleagues.
    """
    encoding = "utf-8-sig" if excel else "utf-8"
    if path is None:
        if not excel:
            yield sys.stdout
            return
        stream = io.TextIOWrapper(sys.stdout.buffer, encoding=encoding, newline="")
        try:
            yield stream
        finally:
            stream.flush()
            stream.detach()
        return
    with _replaced(path, protected, lambda h: open(h, "w", encoding=encoding, newline="")) as out:
        yield out


@contextmanager
def binary_output(path: Path | None, protected: Sequence[Path] = ()) -> Iterator[IO[bytes]]:
    """`output` for a binary file (a workbook): stdout's bytes, or a file replaced whole."""
    if path is None:
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
        return
    with _replaced(path, protected, lambda h: open(h, "wb")) as out:
        yield out


@contextmanager
def _replaced(
    path: Path, protected: Sequence[Path], opener: Callable[[int], IO[Any]]
) -> Iterator[IO[Any]]:
    target = _check_output_path(path, protected)
    try:
        handle, temp = tempfile.mkstemp(dir=target.parent, prefix=".pledge-", suffix=".tmp")
    except OSError as exc:
        raise _write_error(path, exc) from None
    try:
        with opener(handle) as stream:
            yield stream
        os.chmod(temp, _mode_for(target))
        os.replace(temp, target)
    except OSError as exc:
        _discard(temp)
        raise _write_error(path, exc) from None
    except BaseException:
        _discard(temp)
        raise


def _mode_for(path: Path) -> int:
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _discard(temp: str) -> None:
    try:
        os.unlink(temp)
    except OSError:
        pass


def _write_error(path: Path, exc: OSError) -> InputError | DiskError:
    if exc.errno in _DISK_ERRORS:
        return DiskError(t("disk_full_output", path=path, reason=exc.strerror))
    return InputError(t("cannot_write", path=path, reason=exc.strerror or exc))
