"""Fuzzing the command line: whatever bytes, files and arguments come in, pledge ends with
a message and an exit code of its own.

Every example runs in this process, in typer's CliRunner, through the console script's
`main` (see `in_process`), on a fresh copy of a small database; and for every one:

* never exit 70 and never an exception other than SystemExit (in-process, the exception
  that would have become exit 70 in the console script);
* never "Traceback" on stdout or on stderr;
* with `--format json` (`-f json`) and exit 0: stdout is valid JSON, without NaN or Infinity
  (or, with `-o FILE`, the file is);
* with any other exit code: the database file has the same bytes as before;
* after a command that wrote, `status` and `export commitments` in JSON meet the same
  checks on what it wrote (a value stored that cannot be read back shows here).

The database is compared byte for byte, after a checkpoint (`settle`): pledge runs SQLite in
WAL mode, and every command closes its connection, which checkpoints and removes the -wal
file; if a -wal file is left (a connection leaked by a crash), its committed frames are
checkpointed into the main file first, so a leaked but committed write still shows as a
change, while a rolled-back one (never committed, so never checkpointed) does not.
On a mismatch the message names the tables whose rows differ.

The strategies and the checks are module-level so that `bench/fuzz.py` can import this module
(it puts tests/ on sys.path) and run them at a larger scale, some as real processes.
Sized to run in well under a minute on two cores with CI=true: the profile's examples (50,
or 200 with CI=true) for random bytes, twice that for each kind of near-valid file and
three times that for argument lists (see `_examples`): about 20 s with CI=true when nothing
fails; `python bench/fuzz.py` runs more, and part of them as real processes.
"""

from __future__ import annotations

import csv
import functools
import inspect
import io
import json
import math
import os
import re
import shlex
import sqlite3
import subprocess
import sys
import tempfile
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, time, timedelta, timezone
from pathlib import Path
from typing import Any
from unittest import mock

import typer.main
import typer.testing
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from pledgecli.cli import app, main

TMP = "@TMP@"  # stands for the example's folder in arguments; replaced when it runs
DB_NAME = "pledge.db"
AS_OF = "2025-01-31"

# -- the database every example starts from ---------------------------------------------

DOC_ID = "zs-scjg-2024-168"
SAMPLE_IDS = (
    "platforms", "stations", "spot-checks-2024", "capability-2024", "cert-checks-2024",
    "quality-plan-2024", "quality-plan-2025", "quality-plan-2026", "hospital-experts",
    "hospital-firms", "quality-funding", "skill-certificates", "training-firms",
    "training-persons",
)  # fmt: skip
EXTRA_IDS = ("fuzz-level", "fuzz-flow", "fuzz-milestone", "fuzz-cap")
IDS = SAMPLE_IDS + EXTRA_IDS

SETUP: tuple[tuple[str, ...], ...] = (
    ("init", "--sample"),
    ("add", "fuzz-level", "--title", "水平指标", "--doc", DOC_ID, "--owner", "市局",
     "--target", "10", "--unit", "个", "--deadline", "2025-12-31"),
    ("add", "fuzz-flow", "--title", "流量指标", "--kind", "flow", "--target", "3500",
     "--unit", "批次", "--start", "2024-01-01", "--deadline", "2024-12-31"),
    ("add", "fuzz-milestone", "--title", "里程碑", "--kind", "milestone",
     "--deadline", "2025-06-30", "--owner", "市政府"),
    ("add", "fuzz-cap", "--title", "上限", "--comparator", "<=", "--target", "100",
     "--baseline", "150", "--start", "2024-01-01", "--deadline", "2026-12-31"),
    ("record", "spot-checks-2024", "1200", "--on", "2024-06-30", "--source", "市局",
     "--as-of", AS_OF),
    ("record", "spot-checks-2024", "300", "--on", "2024-09-30", "--delta", "--as-of", AS_OF),
    ("record", "fuzz-flow", "2000", "--on", "2024-10-31", "--as-of", AS_OF),
    ("record", "fuzz-level", "3", "--on", "2024-08-31", "--as-of", AS_OF),
    ("record", "fuzz-level", "4", "--on", "2024-08-31", "--note", "revised", "--as-of", AS_OF),
    ("record", "fuzz-milestone", "1", "--on", "2025-01-15", "--as-of", AS_OF),
    ("record", "fuzz-cap", "120", "--on", "2024-12-31", "--as-of", AS_OF),
)  # fmt: skip

ENV = {
    "COLUMNS": "120",
    "NO_COLOR": "1",
    "PLEDGE_ASCII": None,
    "FORCE_COLOR": None,
    "PLEDGE_DEBUG": None,
}


def settle(db: Path) -> None:
    """Checkpoint what a -wal file holds into the main file, and remove the -wal file."""
    wal = db.with_name(db.name + "-wal")
    if db.is_file() and wal.exists():
        conn = sqlite3.connect(db)
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.Error:
            pass  # not a database (any more): the bytes say what happened to it
        finally:
            conn.close()


@functools.cache
def base_database() -> bytes:
    """The bytes of a database: the sample, four commitments added, a few figures recorded."""
    with tempfile.TemporaryDirectory(prefix="pledge-fuzz-base-") as tmp:
        db = Path(tmp) / DB_NAME
        env = {**ENV, "PLEDGE_DB": str(db)}
        for args in SETUP:
            result = CliRunner().invoke(app, list(args), env=env)
            assert result.exit_code == 0 and result.exception is None, (
                args,
                result.stdout,
                result.stderr,
                result.exception,
            )
        status = CliRunner().invoke(app, ["status", "--as-of", AS_OF], env=env)
        assert status.exit_code == 0, status.stderr
        settle(db)
        assert not db.with_name(DB_NAME + "-wal").exists()
        return db.read_bytes()


def dump(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows, for saying what a failed command changed."""
    if not db.is_file():
        return {}
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {
            t: sorted(map(tuple, conn.execute(f'SELECT * FROM "{t}"')), key=repr) for t in tables
        }
    except sqlite3.Error as exc:
        return {"<unreadable>": [(str(exc),)]}
    finally:
        conn.close()


# -- one example: a command line, the files it reads, its stdin --------------------------


def _short(value: object, limit: int = 160) -> str:
    text = repr(value)
    if len(text) <= limit:
        return text
    size = len(value) if isinstance(value, (str, bytes)) else len(text)
    return f"{text[: limit // 2]}…{text[-limit // 4 :]} ({size:,} long)"


@dataclass(frozen=True)
class Case:
    args: tuple[str, ...]
    files: tuple[tuple[str, bytes], ...] = ()
    stdin: bytes | None = None

    def __repr__(self) -> str:
        files = ", ".join(f"{name!r}: {_short(data)}" for name, data in self.files)
        stdin = f", stdin={_short(self.stdin)}" if self.stdin is not None else ""
        args = ", ".join(_short(a, 80) for a in self.args)
        return f"Case(args=[{args}], files={{{files}}}{stdin})"

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(repr(self))  # how hypothesis prints a failing example: short

    def shell(self) -> str:
        """The command line, as a person would type it (with $TMP for the example's folder)."""
        words = [shlex.quote(a).replace(TMP, "$TMP") for a in self.args]
        return " ".join(["pledge", *(w if len(w) < 120 else _short(w, 100) for w in words)])


@dataclass
class Outcome:
    exit_code: int
    stdout: bytes
    stderr: bytes
    exception: BaseException | None = None
    where: str = ""  # the innermost pledgecli frame of an exception


@dataclass(frozen=True)
class Problem:
    kind: str  # stable across examples, for counting
    detail: str


Invoke = Callable[[list[str], bytes | None, Path], Outcome | None]


def _where(exc_info: Any) -> str:
    if not exc_info or exc_info[2] is None:
        return ""
    frames = traceback.extract_tb(exc_info[2])
    ours = [f for f in frames if "pledgecli" in f.filename] or frames
    last = ours[-1]
    name = last.filename.split("pledgecli/")[-1]
    return f"{name}:{last.lineno} ({last.name})"


_get_command = typer.main.get_command


@functools.cache
def _click_command(typer_app: Any) -> Any:
    """The click command typer builds from `app` on every call (a third of the time of a
    short command), built once."""
    return _get_command(typer_app)


def _takes_args(entry: Callable[..., Any]) -> bool:
    return "args" in inspect.signature(entry).parameters


def in_process(args: list[str], stdin: bytes | None, folder: Path) -> Outcome:
    """The command in this process, in typer's CliRunner.

    It enters where the `pledge` script does, `main(args)`, so that what main does before
    and after `app` (arguments that are not UTF-8, one-line usage errors, the answer to a
    question that never came) is what is tested; with PLEDGE_DEBUG=1, which only makes
    main re-raise what it would have ended with exit 70, so the exception arrives here
    with the line it came from. (A `main` without `args` is run as CliRunner.invoke(app).)
    """
    env = {**ENV, "PLEDGE_DB": str(folder / DB_NAME), "PLEDGE_DEBUG": "1"}
    with mock.patch.object(typer.main, "get_command", _click_command):
        if not _takes_args(main):
            with mock.patch.object(typer.testing, "_get_command", _click_command):
                result = CliRunner().invoke(app, args, input=stdin, env=env)
            return Outcome(
                result.exit_code,
                result.stdout_bytes,
                result.stderr_bytes or b"",
                result.exception,
                _where(result.exc_info) if result.exception is not None else "",
            )
        code: int = 0
        exception: BaseException | None = None
        where = ""
        with CliRunner().isolation(input=stdin, env=env) as (out, err, _):
            try:
                main(args)
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else int(exc.code is not None)
                exception = exc if code else None
            except Exception as exc:
                code, exception, where = 1, exc, _where(sys.exc_info())
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                stdout, stderr = out.getvalue(), err.getvalue()
    return Outcome(code, stdout, stderr, exception, where)


def as_process(args: list[str], stdin: bytes | None, folder: Path) -> Outcome | None:
    """The same command as a real process (`python -m pledgecli`); None if argv cannot
    carry the arguments (a lone surrogate other than those a non-UTF-8 argv decodes to)."""
    try:
        argv = [os.fsencode(a) for a in args]
    except UnicodeEncodeError:
        return None
    if any(b"\x00" in a for a in argv):
        return None
    env = {k: v for k, v in os.environ.items() if k not in ENV or ENV[k] is not None}
    env |= {k: v for k, v in ENV.items() if v is not None}
    env["PLEDGE_DB"] = str(folder / DB_NAME)
    done = subprocess.run(
        [os.fsencode(sys.executable), b"-m", b"pledgecli", *argv],
        input=stdin or b"",
        capture_output=True,
        env=env,
        cwd=folder,
        timeout=300,
    )
    return Outcome(done.returncode, done.stdout, done.stderr)


# -- what every example must keep ---------------------------------------------------------

JSON_COMMANDS = {"status", "overdue", "list", "show", "log", "export", "extract"}


def _command(args: list[str]) -> tuple[str | None, list[str]]:
    """The command's name and the words after it (global options skipped)."""
    i = 0
    while i < len(args):
        word = args[i]
        if word == "--db":
            i += 2
            continue
        if word.startswith("-"):
            i += 1
            continue
        return word, args[i + 1 :]
    return None, []


def _last_option(words: list[str], names: tuple[str, ...]) -> str | None:
    """The value the last of `names` gets (click takes the last one given)."""
    value = None
    for i, word in enumerate(words):
        if word in names and i + 1 < len(words):
            value = words[i + 1]
        for name in names:
            if name.startswith("--") and word.startswith(name + "="):
                value = word[len(name) + 1 :]
    return value


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def json_problem(text: bytes, what: str) -> Problem | None:
    try:
        json.loads(text.decode("utf-8"), parse_constant=_reject_constant)
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        return Problem(f"invalid JSON {what}", f"{type(exc).__name__}: {exc}; {_short(text)}")
    return None


def problems(args: list[str], outcome: Outcome, folder: Path, before: bytes) -> list[Problem]:
    found: list[Problem] = []
    command, words = _command(args)
    label = command or "(no command)"
    stderr = outcome.stderr.decode("utf-8", "replace")
    if outcome.exit_code == 70:
        m = re.search(r"unexpected (\w+)", stderr)
        last_line = (stderr.strip().splitlines() or [""])[-1]
        found.append(Problem(f"{label}: exit 70 ({m[1] if m else '?'})", last_line))
    exc = outcome.exception
    if exc is not None and not isinstance(exc, SystemExit):
        found.append(
            Problem(
                f"{label}: {type(exc).__name__} at {outcome.where}",
                f"{type(exc).__name__}: {_short(str(exc), 300)}",
            )
        )
    for name, stream in (("stdout", outcome.stdout), ("stderr", outcome.stderr)):
        if b"Traceback" in stream:
            found.append(Problem(f"{label}: Traceback on {name}", _short(stream[-600:], 600)))
    fmt = _last_option(words, ("--format", "-f"))
    if outcome.exit_code == 0 and command in JSON_COMMANDS and fmt == "json":
        output = _last_option(words, ("--output", "-o"))
        if output is None:
            problem = json_problem(outcome.stdout, f"on stdout of {label}")
        elif Path(output).is_file():
            problem = json_problem(Path(output).read_bytes(), f"in the -o file of {label}")
        else:
            problem = Problem(f"{label}: -o file missing after exit 0", output)
        if problem:
            found.append(problem)
    db = folder / DB_NAME
    settle(db)
    if outcome.exit_code != 0:
        after = db.read_bytes() if db.is_file() else b""
        if after != before:
            changed = _changed_tables(before, db)
            found.append(
                Problem(
                    f"{label}: database changed by a failed command",
                    f"exit {outcome.exit_code}; tables changed: {changed}; stderr: {_short(stderr, 300)}",
                )
            )
    return found


def _changed_tables(before: bytes, db: Path) -> list[str]:
    with tempfile.TemporaryDirectory() as tmp:
        old = Path(tmp) / "before.db"
        old.write_bytes(before)
        a, b = dump(old), dump(db)
    return sorted(t for t in set(a) | set(b) if a.get(t) != b.get(t)) or ["(bytes only)"]


FOLLOW_UPS: tuple[tuple[str, ...], ...] = (
    ("status", "--as-of", AS_OF, "--format", "json"),
    ("export", "commitments", "--format", "json"),
)


def run_case(case: Case, invoke: Invoke = in_process) -> list[Problem] | None:
    """Run one example on a fresh copy of the database; the problems found (None: not run)."""
    before = base_database()
    with tempfile.TemporaryDirectory(prefix="pledge-fuzz-") as tmp:
        folder = Path(tmp)
        db = folder / DB_NAME
        db.write_bytes(before)
        for name, data in case.files:
            (folder / name).write_bytes(data)
        args = [a.replace(TMP, tmp) for a in case.args]
        outcome = invoke(args, case.stdin, folder)
        if outcome is None:
            return None
        found = problems(args, outcome, folder, before)
        if outcome.exit_code == 0 and db.is_file() and db.read_bytes() != before and not found:
            # It wrote: what it wrote must read back.
            written = db.read_bytes()
            for follow in FOLLOW_UPS:
                after = invoke(list(follow), None, folder)
                assert after is not None
                # Not "exits 0": `export -o pledge.db` may have written over the database.
                for p in problems(list(follow), after, folder, written):
                    found.append(
                        Problem(f"after {_command(list(case.args))[0]}: {p.kind}", p.detail)
                    )
    return found


def check(case: Case) -> None:
    found = run_case(case)
    assert found is not None
    assert not found, f"{case.shell()}\n" + "\n".join(f"{p.kind}: {p.detail}" for p in found)


# -- strategies: values -----------------------------------------------------------------

HUGE_SIZES = (131_072, 131_073, 140_000)
huge_texts = st.tuples(st.sampled_from(HUGE_SIZES), st.sampled_from(["9", "平", "a", '"'])).map(
    lambda t: t[1] * t[0]
)

NASTY_TEXTS = (
    "", " ", "\t", "\u3000", "=1+1", "+1", "-1", "@SUM(A1)", "'", "''", '"', '""', ",", ";",
    "\n", "\r\n", "\r", "\x00", "\x1b[31m", "\u202e", "\ufeff", "😀", "平台", "中市监函〔2024〕168号",
    "[red]x", "[/]", "[/red]", "[link=x]y", "[bold", "%s", "{}", "{0}", "\\", "a" * 300,
    "市市场监管局", "ｆｕｌｌ", "null", "None", "NaN",
)  # fmt: skip
# Lone surrogates: a file gets them through surrogatepass (invalid UTF-8), a JSON file as
# escapes, argv as surrogateescape decodes bytes that are not UTF-8. They make a whole file
# unreadable, so they are drawn rarely (see `rare`), not as a text like the others.
SURROGATES = ("\ud800", "\udfff", "\udcff", "a\udc80b", "平\udce4")
surrogate_texts = st.sampled_from(SURROGATES)
texts = st.one_of(
    st.sampled_from(NASTY_TEXTS),
    st.text(max_size=12),
    st.text(alphabet="质量平台市局抽查批次个，。（）〔〕“”\u3000 ,\"'\n=+-@", max_size=12),
)


def rare(common: st.SearchStrategy[Any], *rarely: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """`common` nine times in ten, else one of `rarely`."""
    return st.integers(0, 9).flatmap(lambda n: common if n else st.one_of(*rarely))


NASTY_NUMBERS = (
    "0", "-0", "1", "-2", "4", "23", "3500", "3,612", "3,612批次", "3612 批次", "１２３", "１，２３４",
    "1e308", "-1e308", "1e309", "1e15", "1e16", "-1e15", "1000000000000001", "NaN", "nan", "inf",
    "-inf", "Infinity", "1e-400", "5e-324", "1e-9", "1e-10", "0.0000000001", "", " ", ".", "+", "-", "1.", ".5", "1e", "1,2,3",
    "1,,000", "0x10", "1_000", "١٢٣", "²", "½", "一千", "三千五百", "1.5E+07", "12%", "−2",
)  # fmt: skip
# Long digit strings are made by map: as constants they would swell every repr of a strategy.
long_numbers = st.sampled_from([("", 400), ("-", 400), ("", 4301), ("1e", 400)]).map(
    lambda t: t[0] + "9" * t[1]
)
numbers = st.one_of(
    st.sampled_from(NASTY_NUMBERS),
    long_numbers,
    st.integers().map(str),
    st.integers(min_value=0, max_value=5000).map(str),
    st.floats().map(repr),
    st.decimals(allow_nan=True).map(str),
)

NASTY_DATES = (
    "2024-13-45", "9999-12-31", "0001-01-01", "0000-01-01", "2024-02-30", "2023-02-29",
    "2024-02-29", "2024-00-10", "2024年13月", "2024年0月", "2024年12-1月", "2024年1-4月",
    "99999-01-01", "10000-12-31", "2024-07", "2024年", "2024年底", "20240230", "2024/7/8",
    "2024.7.8", "２０２４-０７-０８", "2024-07-08T10:00", "2024-07-08 10:00:00", "9999-12",
    "9999年", "9999年底", "0001-01", "0000年", "", " ", "today", "2024-7-8", "2024—07—08",
    "2024年7月8号", "-2024-01-01", "2024-W01-1", "20240708", "2024-06-30", "2024-12-31",
    "2025-01-31", "2024-09-30",
)  # fmt: skip
dates = st.one_of(
    st.sampled_from(NASTY_DATES),
    st.dates().map(date.isoformat),
    st.dates().map(lambda d: f"{d.year}年{d.month}月{d.day}日"),
    st.dates(min_value=date(2023, 1, 1), max_value=date(2027, 12, 31)).map(date.isoformat),
)

NASTY_IDS = (
    "platform", "PLATFORMS", " platforms", "platforms ", "平台", "no-such-id", "", "-", "a b",
    "x" * 200, "../x", "%", "_", "spot-checks-2024\n", "fuzz-level\x00", "１２３",
)  # fmt: skip
ids = st.one_of(st.sampled_from(IDS), st.sampled_from(NASTY_IDS), texts)
new_ids = st.one_of(
    st.sampled_from(["new-one", "new.2", "新指标", "n_1", "x" * 300, "a b", "-x", "", "é", "٣"]),
    st.sampled_from(IDS),
    st.from_regex(r"\w[\w.-]{0,15}", fullmatch=True),
)
MODES = ("total", "delta", "累计", "新增", "", "TOTAL", "x", " total ", "新增 ")
modes = st.sampled_from(MODES)


class Raw(str):
    """Text put into JSON or TOML as it is: a token a serializer would not write."""


huge_integers = st.sampled_from([4301, 5000]).map(lambda n: Raw("1" + "0" * n))

# -- strategies: bytes, encodings, mutations -----------------------------------------------

ENCODINGS = (
    "utf-8", "utf-8", "utf-8", "utf-8", "utf-8", "utf-8", "utf-8-sig", "gb18030", "gb18030",
    "utf-16", "utf-16-le", "utf-16-be", "utf-16+odd", "latin-1",
)  # fmt: skip


def encode(text: str, how: str) -> bytes:
    """Text as a file holds it; lone surrogates written with surrogatepass where UTF is used."""
    if how == "utf-16+odd":
        return text.encode("utf-16", "surrogatepass") + b"\x00"
    if how.startswith("utf"):
        return text.encode(how, "surrogatepass")
    return text.encode(how, "replace")


@st.composite
def mutated(draw: st.DrawFn, data: bytes) -> bytes:
    """Mostly the bytes as they are; else cut, with bytes put in, or with one byte changed."""
    op = draw(st.sampled_from(["keep"] * 10 + ["cut", "insert", "flip", "bom"]))
    if op == "keep" or not data:
        return data
    at = draw(st.integers(min_value=0, max_value=len(data)))
    if op == "cut":
        return data[:at]
    if op == "insert":
        return data[:at] + draw(st.binary(min_size=1, max_size=8)) + data[at:]
    if op == "bom":
        return data[:at] + b"\xef\xbb\xbf" + data[at:]
    at = min(at, len(data) - 1)
    return data[:at] + bytes([draw(st.integers(0, 255))]) + data[at + 1 :]


random_bytes = st.one_of(
    st.binary(max_size=400),
    st.tuples(
        st.sampled_from(
            [b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"commitment,date,value\n"]
        ),
        st.binary(max_size=300),
    ).map(lambda t: t[0] + t[1]),
)

# -- strategies: near-valid CSV and JSON -----------------------------------------------------

FIGURE_HEADERS = {
    "commitment": (
        "commitment",
        "指标",
        "id",
        "commitment_id",
        "Commitment",
        "ＣＯＭＭＩＴＭＥＮＴ",
    ),
    "date": ("date", "日期", "on", "统计日期"),
    "value": ("value", "数值", " Value ", "完成值"),
    "mode": ("mode", "方式", "累计/新增"),
    "source": ("source", "来源"),
    "note": ("note", "备注"),
}
EXTRA_HEADERS = ("title", "名称", "unit", "上次数值", "last_on", "foo", "", " ", "指标", "value")

COMMITMENT_FIELDS = {
    "id": ("id", "指标"), "document_id": ("document_id", "文件"), "title": ("title", "名称"),
    "owner": ("owner", "责任单位"), "kind": ("kind", "类型"), "comparator": ("comparator", "比较"),
    "target": ("target", "目标"), "unit": ("unit", "单位"), "baseline": ("baseline", "基数"),
    "start": ("start", "开始日期"), "deadline": ("deadline", "截止日期"),
    "quote": ("quote", "原文"), "notes": ("notes", "备注"), "section": ("section", "章节"),
}  # fmt: skip

KINDS = ("level", "flow", "milestone", "", "LEVEL", "stock", "里程碑")
COMPARATORS = (">=", "<=", "≥", "≤", "不少于", "不超过", "≈", "==", "", "以内")


def cell_values(name: str) -> st.SearchStrategy[str]:
    """A cell for the field `name`: a plausible value, or a nasty one."""
    plain: dict[str, st.SearchStrategy[str]] = {
        "commitment": ids,
        "id": st.one_of(new_ids, ids),
        "date": dates,
        "start": dates,
        "deadline": dates,
        "value": numbers,
        "target": numbers,
        "baseline": numbers,
        "mode": modes,
        "kind": st.sampled_from(KINDS),
        "comparator": st.sampled_from(COMPARATORS),
        "document_id": st.one_of(st.just(DOC_ID), st.just(""), ids),
    }
    return st.one_of(plain.get(name, texts), texts) if name != "extra" else texts


@st.composite
def now_and_then(draw: st.DrawFn, rows: list[list[Any]] | list[dict[str, Any]]) -> None:
    """One file in ten: one cell longer than csv's field limit, with a lone surrogate, or an
    integer of more digits than int() takes from text (4300)."""
    cells = [(r, k) for r in rows for k in (r if isinstance(r, dict) else range(len(r)))]
    if cells and draw(st.integers(0, 9)) == 0:
        row, key = draw(st.sampled_from(cells))
        row[key] = draw(st.one_of(huge_texts, surrogate_texts, huge_integers))  # type: ignore[index]


@st.composite
def tables(
    draw: st.DrawFn, fields: dict[str, tuple[str, ...]]
) -> tuple[list[str], list[list[str]]]:
    """A header line and rows: usually every field, each named in some language."""
    names = list(fields)
    if draw(st.integers(0, 3)):
        chosen = draw(st.permutations(names))
    else:
        chosen = draw(st.lists(st.sampled_from([*names, "extra"]), max_size=len(names) + 2))
    headers = [draw(st.sampled_from(fields[n] if n in fields else EXTRA_HEADERS)) for n in chosen]
    rows = []
    for _ in range(draw(st.integers(min_value=0, max_value=5))):
        row = [draw(cell_values(n)) for n in chosen]
        shape = draw(st.sampled_from(["same", "same", "same", "short", "long", "empty"]))
        if shape == "short":
            row = row[: draw(st.integers(0, max(0, len(row) - 1)))]
        elif shape == "long":
            row += draw(st.lists(texts, min_size=1, max_size=3))
        elif shape == "empty":
            row = [""] * len(row)
        rows.append(row)
    draw(now_and_then([headers, *rows]))
    return headers, rows


@st.composite
def csv_files(draw: st.DrawFn, fields: dict[str, tuple[str, ...]] = FIGURE_HEADERS) -> bytes:
    headers, rows = draw(tables(fields))
    delimiter = draw(rare(st.sampled_from([",", ",", "\t"]), st.just(";")))
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    if draw(st.booleans()):
        out = io.StringIO()
        quoting = draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]))
        writer = csv.writer(out, delimiter=delimiter, lineterminator=newline, quoting=quoting)
        writer.writerows([headers, *rows])
        text = out.getvalue()
    else:  # as a careless script writes it: no quoting at all
        text = "".join(delimiter.join(r) + newline for r in [headers, *rows])
    return draw(mutated(encode(text, draw(st.sampled_from(ENCODINGS)))))


def json_text(value: Any, ascii_only: bool) -> str:
    if isinstance(value, Raw):
        return str(value)
    if isinstance(value, dict):
        return (
            "{"
            + ", ".join(
                f"{json_text(str(k), ascii_only)}: {json_text(v, ascii_only)}"
                for k, v in value.items()
            )
            + "}"
        )
    if isinstance(value, list):
        return "[" + ", ".join(json_text(v, ascii_only) for v in value) + "]"
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    if isinstance(value, (date, time)):
        return json.dumps(value.isoformat())
    return json.dumps(value, ensure_ascii=ascii_only)


RAW_JSON_NUMBERS = tuple(
    Raw(t) for t in ("1e400", "-1e400", "NaN", "-Infinity", "1E308", "-0", "0.0")
)
json_leaves = st.one_of(
    st.sampled_from(RAW_JSON_NUMBERS),
    st.just(400).map(lambda n: Raw("1" + "0" * n)),
    st.integers(),
    st.floats(),
    st.booleans(),
    st.none(),
    st.just(Raw('"\\ud800"')),
    st.just(Raw('"\\udc80x\\ud800"')),
)
json_values = st.recursive(
    json_leaves,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts, inner, max_size=3),
    max_leaves=6,
)


@st.composite
def json_objects(draw: st.DrawFn, fields: dict[str, tuple[str, ...]]) -> dict[str, Any]:
    chosen = draw(st.lists(st.sampled_from(list(fields)), unique=True, max_size=len(fields)))
    if draw(st.booleans()):
        chosen = list(fields)
    obj: dict[str, Any] = {}
    for name in chosen:
        key = draw(st.one_of(st.sampled_from(fields[name]), st.sampled_from(EXTRA_HEADERS), texts))
        obj[key] = draw(st.one_of(cell_values(name), cell_values(name), json_values))
    return obj


@st.composite
def json_files(draw: st.DrawFn, fields: dict[str, tuple[str, ...]] = FIGURE_HEADERS) -> bytes:
    shape = draw(st.sampled_from(["array"] * 3 + ["lines"] * 3 + ["deep", "scalar", "one"]))
    ascii_only = draw(st.booleans())
    objects = draw(st.lists(json_objects(fields), max_size=5))
    draw(now_and_then(objects))
    items = [json_text(o, ascii_only) for o in objects]
    if shape == "array":
        text = "[" + ",\n".join(items) + "]"
    elif shape == "lines":
        text = "".join(draw(st.sampled_from(["\n", "\r\n", "\n\n"])) + i for i in items)
    elif shape == "deep":
        depth = draw(st.sampled_from([50, 1000, 5000, 100_000]))
        opener, closer = draw(st.sampled_from([("[", "]"), ('{"a":', "}"), ('[{"value":', "}]")]))
        text = (
            opener * depth
            + draw(st.sampled_from(["", "1", "{}"]))
            + closer * draw(st.sampled_from([0, depth]))
        )
        if draw(st.booleans()):
            text = "[" + text + "]"
    elif shape == "scalar":
        text = draw(
            st.sampled_from(["5", "null", '"x"', "true", "[]", "[[]]", "[5]", "{}", "", " "])
        )
    else:
        text = items[0] if items else "{}"
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8", "utf-8-sig", "utf-16", "gb18030"]))
    return draw(mutated(encode(text, encoding)))


# -- strategies: near-valid TOML ------------------------------------------------------------

TZ = st.sampled_from([None, UTC, timezone(timedelta(hours=8)), timezone(timedelta(hours=-5))])
toml_leaves = st.one_of(
    texts,
    st.integers(),
    st.integers(min_value=2**63 - 2, max_value=2**70),
    st.just(400).map(lambda n: Raw("1" + "0" * n)),
    st.floats(),
    st.booleans(),
    st.dates(),
    st.datetimes(timezones=TZ),
    st.times(),
)
toml_values = st.recursive(
    toml_leaves,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.sampled_from(["a", "id", "value", "on"]), inner, max_size=2)
    ),
    max_leaves=4,
)


def _key(name: str) -> str:
    return name if re.fullmatch(r"[A-Za-z0-9_-]+", name) else json.dumps(name, ensure_ascii=False)


def toml_value(value: Any) -> str:
    if isinstance(value, Raw):
        return str(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, (date, time)):  # datetime is a date
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_key(str(k))} = {toml_value(v)}" for k, v in value.items()) + "}"
    raise TypeError(value)


def toml_text(data: dict[str, Any], tables_style: bool) -> str:
    """TOML for `data`: arrays of tables as [[name]] (and [[commitments.figures]]) blocks."""
    lines = [f"{_key(k)} = {toml_value(v)}" for k, v in data.items() if not _is_tables(v)]
    for name, value in data.items():
        if not _is_tables(value):
            continue
        for table in value:
            lines += ["", f"[[{_key(name)}]]"]
            subs = {
                k: v for k, v in table.items() if tables_style and k == "figures" and _is_tables(v)
            }
            lines += [
                f"{_key(str(k))} = {toml_value(v)}" for k, v in table.items() if k not in subs
            ]
            for sub in subs.get("figures", []):
                lines += [f"[[{_key(name)}.figures]]"]
                lines += [f"{_key(str(k))} = {toml_value(v)}" for k, v in sub.items()]
    return "\n".join(lines) + "\n"


def _is_tables(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


GOOD_DATES = st.one_of(
    st.dates(min_value=date(2023, 1, 1), max_value=date(2027, 12, 31)),
    st.sampled_from([date(1, 1, 1), date(9999, 12, 31), date(2024, 2, 29)]),
)
DATE_LIKE = st.one_of(
    GOOD_DATES,
    GOOD_DATES,
    st.datetimes(timezones=TZ),
    st.times(),
    dates,
)
NUMBER_LIKE = st.one_of(
    st.integers(min_value=0, max_value=10_000),
    st.floats(min_value=0, max_value=1e6),
    st.sampled_from([1e308, -1e308, 10**15, 10**15 + 1, 2**63 - 1, -(2**63), 0.0, -0.0, 1e-10]),
    st.floats(),
    numbers,
)


def fields_of(
    draw: st.DrawFn, spec: dict[str, st.SearchStrategy[Any]], required: tuple[str, ...]
) -> dict[str, Any]:
    """A table with each field: well-typed, or of any TOML type; its key sometimes mistyped."""
    out: dict[str, Any] = {}
    for name, good in spec.items():
        if name not in required and draw(st.integers(0, 3)) == 0:
            continue
        key = name
        if draw(st.integers(0, 15)) == 0:
            key = draw(
                st.sampled_from(
                    [name.upper(), name + "_", f" {name}", "日期", "ｉｄ", name[:-1] or "x"]
                )
            )
        out[key] = draw(good) if draw(st.integers(0, 4)) else draw(toml_values)
    return out


@st.composite
def bundles(draw: st.DrawFn) -> dict[str, Any]:
    """Documents and commitments, with figures, as `load` reads them from TOML (or JSON)."""
    doc_ids = st.one_of(st.sampled_from([DOC_ID, "doc-new", "doc-2"]), new_ids)
    document = {
        "id": doc_ids, "doc_number": texts, "title": texts, "issuer": texts,
        "issued_on": DATE_LIKE, "reply_class": st.sampled_from(["A", "B", "E", "", "a"]),
        "source": texts,
    }  # fmt: skip
    figure = {"on": DATE_LIKE, "value": NUMBER_LIKE, "mode": modes, "source": texts, "note": texts}
    commitment = {
        "id": new_ids, "document": doc_ids, "title": texts, "kind": st.sampled_from(KINDS),
        "comparator": st.sampled_from(COMPARATORS), "target": NUMBER_LIKE, "unit": texts,
        "baseline": NUMBER_LIKE, "start": DATE_LIKE, "deadline": DATE_LIKE, "owner": texts,
        "section": texts, "quote": texts, "notes": texts,
    }  # fmt: skip
    data: dict[str, Any] = {}
    if draw(st.integers(0, 7)) == 0:
        data[draw(st.sampled_from(["meta", "figures", "document", "title"]))] = draw(toml_values)
    docs = [fields_of(draw, document, ("id",)) for _ in range(draw(st.integers(0, 2)))]
    commitments = []
    for _ in range(draw(st.integers(0, 3))):
        c = fields_of(draw, commitment, ("id", "title"))
        figures = [fields_of(draw, figure, ("on", "value")) for _ in range(draw(st.integers(0, 3)))]
        if figures:
            c["figures"] = figures
        commitments.append(c)
    if docs:
        data["documents"] = docs if draw(st.integers(0, 9)) else draw(toml_values)
    if commitments and draw(st.integers(0, 9)) == 0:
        c = draw(st.sampled_from(commitments))
        c[draw(st.sampled_from(["target", "baseline"]))] = draw(huge_integers)
    if commitments:
        data["commitments"] = commitments if draw(st.integers(0, 9)) else draw(toml_values)
    return data


@st.composite
def toml_files(draw: st.DrawFn) -> bytes:
    text = toml_text(draw(bundles()), draw(st.booleans()))
    if draw(st.integers(0, 5)) == 0:  # an edit by hand gone wrong
        at = draw(st.integers(0, len(text)))
        text = (
            text[:at]
            + draw(
                st.sampled_from(
                    ['"', "=", "[", "]", "\n", "#", "\\", "\x00", "[[commitments]]\n", "\ud800"]
                )
            )
            + text[at:]
        )
    encoding = draw(st.sampled_from(["utf-8"] * 6 + ["utf-8-sig", "utf-16", "gb18030"]))
    return draw(mutated(encode(text, encoding)))


def _bundle_json(data: dict[str, Any]) -> bytes:
    return json_text(data, ascii_only=False).encode("utf-8", "surrogatepass")


# -- strategies: whole examples -----------------------------------------------------------

IMPORT_NAMES = {
    "csv": ("in.csv", "in.csv", "in.txt", "in.tsv", "-"),
    "json": ("in.json", "in.json", "in.jsonl", "IN.JSON", "-"),
}
OTHER_NAMES = ("in.csv", "in.json", "in.jsonl", "in.txt", "in", "-")


@st.composite
def import_cases(draw: st.DrawFn, contents: st.SearchStrategy[bytes], kind: str) -> Case:
    """`import FILE` (or stdin) with the file's bytes and a random choice of options; the
    file's name (or --format) mostly says what it holds."""
    data = draw(contents)
    name = draw(
        rare(st.sampled_from(IMPORT_NAMES.get(kind, OTHER_NAMES)), st.sampled_from(OTHER_NAMES))
    )
    args = ["import", "-" if name == "-" else f"{TMP}/{name}"]
    if draw(st.booleans()):
        args.append("--dry-run")
    if name in ("-", "in.txt", "in") and kind in IMPORT_NAMES or draw(st.integers(0, 4)) == 0:
        fmt = kind if kind in IMPORT_NAMES else draw(st.sampled_from(["csv", "json"]))
        args += [
            draw(st.sampled_from(["--format", "-f"])),
            draw(rare(st.just(fmt), st.sampled_from(["csv", "json"]))),
        ]
    if draw(st.integers(0, 3)) == 0:
        args += ["--encoding", draw(st.sampled_from(["auto", "utf-8", "gb18030"]))]
    if draw(st.integers(0, 3)) == 0:
        args += ["--on-conflict", draw(st.sampled_from(["revise", "skip", "error"]))]
    args += ["--as-of", draw(rare(st.just(AS_OF), dates))]
    if name == "-":
        return Case(tuple(args), stdin=data)
    return Case(tuple(args), files=((name, data),))


@st.composite
def load_cases(draw: st.DrawFn) -> Case:
    """`load FILE`: TOML mostly; else a commitments CSV or JSON like `export commitments` writes."""
    kind = draw(st.sampled_from(["toml", "toml", "toml", "csv", "json", "bundle-json"]))
    if kind == "toml":
        name, data = draw(st.sampled_from(["in.toml", "IN.TOML", "in"])), draw(toml_files())
    elif kind == "csv":
        name, data = "in.csv", draw(csv_files(COMMITMENT_FIELDS))
    elif kind == "json":
        name, data = "in.json", draw(json_files(COMMITMENT_FIELDS))
    else:
        name, data = "in.json", draw(mutated(_bundle_json(draw(bundles()))))
    return Case(("load", f"{TMP}/{name}"), files=((name, data),))


def argv_safe(text: str) -> str:
    """What argv can carry: no NUL, and a lone surrogate only as surrogateescape decodes a
    byte that is not UTF-8 (U+DC80 to U+DCFF)."""
    return "".join(
        "\ufffd"
        if c == "\x00" or ("\ud800" <= c <= "\udfff" and not "\udc80" <= c <= "\udcff")
        else c
        for c in text
    )


arg_texts = rare(texts, surrogate_texts).map(argv_safe)
INTS = (
    "0", "1", "30", "-1", "999999999999999999999", "1e3", "", "１０", "3650000", "2932896", "10000",
    "4000000", "2.5", "0x10",
)  # fmt: skip
ints = st.one_of(st.sampled_from(INTS), st.integers().map(str))
# Arguments are mostly valid, so that most commands get past the option parser.
good_dates = st.one_of(
    st.dates().map(date.isoformat),
    st.dates(min_value=date(2023, 1, 1), max_value=date(2027, 12, 31)).map(date.isoformat),
    st.sampled_from(["9999-12-31", "0001-01-01", "2024年底", "2024-07", "2024年1-4月", "20240708"]),
)
good_numbers = st.one_of(
    st.integers(min_value=-5, max_value=5000).map(str),
    st.floats(min_value=0, max_value=1e6).map(repr),
    st.sampled_from(
        ["1e15", "-1e15", "3,612", "１２３", "-2", "1e-9", "0", "1", "999999999999999"]
    ),
)
arg_dates = rare(good_dates, dates).map(argv_safe)
arg_numbers = rare(good_numbers, numbers).map(argv_safe)
arg_ids = ids.map(argv_safe)
OUTPUTS = (
    f"{TMP}/out.csv", f"{TMP}/out.json", f"{TMP}/missing/out.csv", TMP, f"{TMP}/{DB_NAME}",
    f"{TMP}/letter.txt", f"{TMP}/文件 ü.csv", f"{TMP}/out.toml", f"{TMP}/letter.txt/out.csv",
    f"{TMP}/{'x' * 300}.csv", f"{TMP}/a\nb.csv", f"{TMP}/.csv",
)  # fmt: skip
outputs = st.sampled_from(OUTPUTS)
formats = rare(
    st.sampled_from(["table", "csv", "json", "json"]), st.sampled_from(["toml", "xml", "", "JSON"])
)

LETTER_BITS = (
    "中山市市场监督管理局", "中市监函〔2024〕168号", "2024年7月8日", "到2025年，建成不少于5个服务平台。",
    "2024年全年完成抽查3500批次以上。", "今年已建成4个。", "明年", "百分之十五", "三千五百", "１２３",
    "第133023号", "电话：0760-12345678", "\n", "\u3000", "一、", "（二）", "到9999年底", "到0001年",
    "不超过1e308万元", "9" * 50 + "个", "比上年增长15%", "2024-2026年", "控制在10%以内", "左右",
    "万", "亿", "一万亿亿", "截至2024年6月底，累计培训1513人次。", "\f", "— 3 —", "。",
)  # fmt: skip


@st.composite
def letters(draw: st.DrawFn) -> bytes:
    if draw(st.integers(0, 4)) == 0:
        return draw(random_bytes)
    parts = draw(st.lists(st.one_of(st.sampled_from(LETTER_BITS), texts), max_size=30))
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "gb18030", "utf-16"]))
    return draw(mutated(encode("".join(parts), encoding)))


def _o(names: str | tuple[str, ...], values: st.SearchStrategy[str] | None = None) -> Any:
    return (names if isinstance(names, tuple) else (names,), values)


AS_OF_OPT = _o("--as-of", arg_dates)
HEADERS = st.sampled_from(["en", "zh", "fr", ""])
BY = st.sampled_from(["owner", "document", "unit", ""])
FORMAT_OPT = _o(("--format", "-f"), formats)
OPTIONS: dict[str, list[Any]] = {
    "status": [AS_OF_OPT, _o("--owner", arg_texts), _o("--doc", arg_ids), FORMAT_OPT,
               _o("--within", ints), _o("--stale-after", ints), _o("--by", BY), _o("--headers", HEADERS)],
    "report": [AS_OF_OPT, _o("--owner", arg_texts), _o("--doc", arg_ids),
               _o(("--format", "-f"), rare(st.sampled_from(["text", "html"]), formats)),
               _o(("--output", "-o"), outputs), _o("--lang", HEADERS), _o("--stale-after", ints)],
    "overdue": [AS_OF_OPT, _o("--within", ints), _o("--owner", arg_texts), _o("--doc", arg_ids),
                FORMAT_OPT, _o("--stale-after", ints), _o("--fail")],
    "show": [AS_OF_OPT, FORMAT_OPT],
    "record": [_o("--on", arg_dates), _o("--delta"), _o("--source", arg_texts),
               _o("--note", arg_texts), AS_OF_OPT],
    "add": [_o("--doc", st.one_of(st.just(DOC_ID), arg_ids)), _o("--section", arg_texts),
            _o("--owner", arg_texts), _o("--kind", st.sampled_from(KINDS)),
            _o("--comparator", st.sampled_from(COMPARATORS)), _o("--target", arg_numbers),
            _o("--unit", arg_texts), _o("--baseline", arg_numbers), _o("--start", arg_dates),
            _o("--deadline", arg_dates), _o("--quote", arg_texts), _o("--notes", arg_texts)],
    "list": [_o("--owner", arg_texts), _o("--doc", arg_ids), FORMAT_OPT],
    "log": [_o(("--limit", "-n"), ints), FORMAT_OPT],
    "undo": [_o(("--yes", "-y"))],
    "export": [_o(("--format", "-f"), rare(st.sampled_from(["csv", "json", "xlsx"]), formats)),
               _o(("--output", "-o"), outputs), _o("--excel"), AS_OF_OPT, _o("--headers", HEADERS)],
    "template": [AS_OF_OPT, _o(("--output", "-o"), outputs), _o("--excel"), _o("--indicators"),
                 _o("--headers", st.sampled_from(["en", "zh", "fr", ""])),
                 _o(("--format", "-f"), st.sampled_from(["csv", "xlsx", "x"]))],
    "init": [_o("--sample")],
    "extract": [_o("--doc-id", arg_ids), _o("--issued-on", arg_dates),
                _o(("--format", "-f"), rare(st.sampled_from(["table", "toml", "json"]), formats)),
                _o(("--output", "-o"), outputs)],
}  # fmt: skip
COMMANDS = tuple(OPTIONS)
ALL_OPTION_NAMES = sorted({n for opts in OPTIONS.values() for names, _ in opts for n in names})
DB_OPTIONS = (f"{TMP}/{DB_NAME}", TMP, f"{TMP}/letter.txt", f"{TMP}/new.db", f"{TMP}/missing/x.db")


@st.composite
def arg_cases(draw: st.DrawFn) -> Case:
    """A command from the real ones, its arguments, its options in any order, now and then
    a word too many or too few."""
    command = draw(st.sampled_from(COMMANDS))
    files: list[tuple[str, bytes]] = []
    stdin = None
    if command in ("show", "record"):
        positional = [draw(arg_ids)]
        if command == "record":
            positional.append(draw(arg_numbers))
    elif command == "add":
        positional = [draw(new_ids.map(argv_safe))]
        if draw(st.integers(0, 9)):
            positional += ["--title", draw(arg_texts)]
    elif command == "export":
        positional = [draw(st.sampled_from(["commitments", "figures", "status", "status", "all"]))]
    elif command == "extract":
        name = draw(st.sampled_from(["letter.txt", "letter.txt", "letter.txt", "none.txt", ""]))
        positional = [f"{TMP}/{name}" if name else TMP]
        files.append(("letter.txt", draw(letters())))
    else:
        positional = []
    if command == "undo":
        stdin = draw(st.sampled_from([None, b"y\n", b"n\n", b"", b"\xff\n"]))
    groups = []
    for names, values in draw(
        st.lists(st.sampled_from(OPTIONS[command]), max_size=5, unique_by=lambda o: o[0])
    ):
        name = draw(st.sampled_from(names))
        groups.append([name] if values is None else [name, draw(values)])
    words = positional + [w for g in draw(st.permutations(groups)) for w in g]
    edit = draw(st.sampled_from(["none"] * 10 + ["drop", "insert"]))
    if edit == "drop" and words:
        del words[draw(st.integers(0, len(words) - 1))]
    elif edit == "insert":
        word = draw(st.one_of(st.sampled_from(ALL_OPTION_NAMES), arg_texts, arg_numbers))
        words.insert(draw(st.integers(0, len(words))), word)
    prefix: list[str] = []
    if draw(st.integers(0, 5)) == 0:
        prefix.append("--ascii")
    if draw(st.integers(0, 9)) == 0:
        prefix += ["--db", draw(st.sampled_from(DB_OPTIONS))]
    if not files:  # for --db and -o to meet a file that is not a database or a folder
        files.append(("letter.txt", "到2025年建成5个平台。".encode()))
    return Case(tuple(prefix + [command] + words), tuple(files), stdin)


import_bytes_cases = import_cases(random_bytes, "bytes")
import_csv_cases = import_cases(csv_files(), "csv")
import_json_cases = import_cases(json_files(), "json")
load_toml_cases = load_cases()
argument_cases = arg_cases()

# Named for bench/fuzz.py: each property's strategy of Cases.
PROPERTIES: dict[str, st.SearchStrategy[Case]] = {
    "import-bytes": import_bytes_cases,
    "import-csv": import_csv_cases,
    "import-json": import_json_cases,
    "load": load_toml_cases,
    "arguments": argument_cases,
}

# -- the properties ------------------------------------------------------------------------

SLOW = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example]
# No explain phase: it reruns failing examples under tracing, slow for a CLI run.
PHASES = (Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink)


def _examples(share: float) -> int:
    """This property's share of the profile's examples (50 locally, 200 with CI=true)."""
    return max(10, int(settings().max_examples * share))


@settings(deadline=None, suppress_health_check=SLOW, phases=PHASES, max_examples=_examples(1.0))
@given(case=import_bytes_cases)
def test_import_of_random_bytes_ends_in_a_message(case: Case) -> None:
    check(case)


@settings(deadline=None, suppress_health_check=SLOW, phases=PHASES, max_examples=_examples(2.0))
@given(case=import_csv_cases)
def test_import_of_near_valid_csv_ends_in_a_message(case: Case) -> None:
    check(case)


@settings(deadline=None, suppress_health_check=SLOW, phases=PHASES, max_examples=_examples(2.0))
@given(case=import_json_cases)
def test_import_of_near_valid_json_ends_in_a_message(case: Case) -> None:
    check(case)


@settings(deadline=None, suppress_health_check=SLOW, phases=PHASES, max_examples=_examples(2.0))
@given(case=load_toml_cases)
def test_load_of_near_valid_toml_csv_or_json_ends_in_a_message(case: Case) -> None:
    check(case)


@settings(deadline=None, suppress_health_check=SLOW, phases=PHASES, max_examples=_examples(3.0))
@given(case=argument_cases)
def test_random_arguments_end_in_a_message(case: Case) -> None:
    check(case)


def test_the_checks_see_a_crash_a_bad_json_and_a_changed_database(tmp_path: Path) -> None:
    """The checks themselves: each kind of failure is reported."""
    before = base_database()
    db = tmp_path / DB_NAME
    db.write_bytes(before)
    crash = Outcome(1, b"", b"", ZeroDivisionError("x"), "x.py:1 (f)")
    assert [p.kind for p in problems(["status"], crash, tmp_path, before)] == [
        "status: ZeroDivisionError at x.py:1 (f)"
    ]
    bad = Outcome(0, b'[{"progress": NaN}]', b"")
    assert [p.kind for p in problems(["status", "-f", "json"], bad, tmp_path, before)] == [
        "invalid JSON on stdout of status"
    ]
    assert problems(["status", "-f", "csv"], bad, tmp_path, before) == []
    with sqlite3.connect(db) as conn:
        conn.execute("DELETE FROM figures")
    conn.close()
    failed = Outcome(2, b"", b"pledge: error: x\nTraceback (most recent call last)")
    kinds = [p.kind for p in problems(["record", "x", "1"], failed, tmp_path, before)]
    assert kinds == ["record: Traceback on stderr", "record: database changed by a failed command"]
    assert _changed_tables(before, db) == ["figures", "pending_sums"]  # the hand edit is marked
    seventy = Outcome(
        70, b"", b"pledge: error: unexpected OverflowError: date value out of range (a bug)"
    )
    assert [p.kind for p in problems(["status"], seventy, tmp_path, db.read_bytes())] == [
        "status: exit 70 (OverflowError)"
    ]
