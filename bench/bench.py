"""Speed and memory of pledge at scale, by hand: `python bench/bench.py --scale 100k`.

Builds a database through pledge itself — `pledge load` of a commitments CSV, then
`pledge import` of monthly figures CSVs a million rows at a time — and then times each
operation in a fresh process (as a person or cron would run it), beside a reference that
does the same work plainly, measured in the same run:

- status and overdue beside one plain SQL query with window functions (the latest total
  on or before the day, plus the deltas after it) run from Python's sqlite3;
- export figures beside a plain sqlite3 → csv stream;
- start-up (`pledge status` on the sample) beside `python -c "import sqlite3"`;
- and a million new figures (a year after the rest) imported into a copy of the database.

Scales: smoke (100 commitments, for the test suite), 1k (1,000 commitments, 50,000
figures), 10k, 100k (100,000 and 5,000,000). Medians of --repeat runs; peak memory is the
child's maximum resident set, from wait4. Targets are printed beside the measurements; nothing here is
a test (the smoke scale runs in the suite). --keep FOLDER keeps the database for the next
run, which then measures without building it again.
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

SCALES = {"smoke": 100, "1k": 1_000, "10k": 10_000, "100k": 100_000}
FIGURES_PER_COMMITMENT = 50
IMPORT_CHUNK = 1_000_000
AS_OF = "2025-06-30"

# Runs pledge in a child, as its console script does.
_RUNNER = """
import runpy, sys
sys.argv = ["pledge", *sys.argv[1:]]
runpy.run_module("pledgecli", run_name="__main__")
"""
_SCRIPT = """
import sys
exec(sys.argv[1])
"""

# The reference reading: every commitment's latest total on or before the day and the sum
# of the deltas after it, by window functions over the whole figures table.
REFERENCE_STATUS = f"""
import sqlite3, json, sys
db = sqlite3.connect(sys.argv[2])
sql = '''
WITH f AS (
  SELECT commitment_id, "on", value, mode,
         MAX(CASE WHEN mode = 'total' THEN "on" END)
           OVER (PARTITION BY commitment_id) AS last_total
  FROM figures WHERE "on" <= :t
), anchor AS (
  SELECT commitment_id, value,
         ROW_NUMBER() OVER (PARTITION BY commitment_id ORDER BY "on" DESC) AS n
  FROM f WHERE mode = 'total'
), later AS (
  SELECT commitment_id, SUM(value) AS deltas FROM f
  WHERE mode = 'delta' AND (last_total IS NULL OR "on" > last_total) GROUP BY commitment_id
)
SELECT c.id, c.target, a.value, l.deltas, c.deadline FROM commitments c
LEFT JOIN anchor a ON a.commitment_id = c.id AND a.n = 1
LEFT JOIN later l ON l.commitment_id = c.id
'''
rows = db.execute(sql, {{"t": "{AS_OF}"}}).fetchall()
sys.stdout.write(json.dumps(rows))
"""
REFERENCE_EXPORT = """
import sqlite3, csv, sys
db = sqlite3.connect(sys.argv[2])
with open(sys.argv[3], "w", newline="", encoding="utf-8") as out:
    w = csv.writer(out)
    w.writerow(["commitment", "date", "value", "mode", "source", "note"])
    for row in db.execute('SELECT commitment_id, "on", value, mode, source, note FROM figures '
                          'ORDER BY commitment_id, "on", id'):
        w.writerow(row)
"""


def run(args: list[str], db: Path, repeat: int, script: str | None = None) -> tuple[float, float]:
    """Median seconds and the largest peak MiB of `repeat` runs of pledge (or `script`)."""
    env = {**os.environ, "COLUMNS": "120", "PLEDGE_DB": str(db), "PLEDGE_LANG": "en"}
    # Measure what a user's machine does: compiled modules cached, as Python does by default.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    times, peaks = [], []
    for _ in range(repeat):
        command = [sys.executable, "-c", _RUNNER, *args]
        if script is not None:
            command = [sys.executable, "-c", _SCRIPT, script, str(db), *args]
        started = time.perf_counter()
        # stdout is thrown away, not held here: a child forked from a large parent would
        # start with the parent's peak memory as its own.
        child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.PIPE, text=True)  # fmt: skip
        assert child.stderr is not None
        stderr = child.stderr.read()
        _, status, usage = os.wait4(child.pid, 0)
        times.append(time.perf_counter() - started)
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode not in (0, 1):
            print(f"  {' '.join(args)[:60]} failed: {stderr.strip()[-300:]}", file=sys.stderr)
            return float("nan"), 0.0
        peaks.append(usage.ru_maxrss / 1024)  # KiB on Linux
    return statistics.median(times), max(peaks)


# -- the synthetic province ---------------------------------------------------------------


def commitment_rows(n: int) -> Iterator[list[str]]:
    """A province's commitments: levels, flows and milestones of 1,000 documents, 40 units."""
    for i in range(n):
        kind = ("level", "flow", "level", "milestone")[i % 4]
        start = date(2022, 1, 1) + timedelta(days=30 * (i % 12))
        deadline = start + timedelta(days=365 * (1 + i % 4))
        target = "" if kind == "milestone" else str(100 + i % 900)
        baseline = "10" if kind == "level" and i % 8 == 0 else ""
        yield [f"c{i:06d}", f"doc{i % 1000:04d}", f"第{i}项 质量基础设施服务能力提升指标",
               f"市第{i % 40}局", kind, ">=", target, "个", baseline,
               start.isoformat(), deadline.isoformat()]  # fmt: skip


def figure_rows(n: int, months: range) -> Iterator[list[str]]:
    """Monthly figures for months `months` of every commitment: mostly running totals, every
    fifth commitment by deltas, a second source for some, milestones done once."""
    for m in months:
        day = (date(2022, 1, 1) + timedelta(days=31 * m)).replace(day=28).isoformat()
        for i in range(n):
            kind = ("level", "flow", "level", "milestone")[i % 4]
            if kind == "milestone":
                if m == 20 + i % 20:
                    yield [f"c{i:06d}", day, "1", "total", "", ""]
                continue
            if i % 5 == 0:
                yield [f"c{i:06d}", day, str(1 + (i + m) % 9), "delta", "月报", ""]
            else:
                yield [f"c{i:06d}", day, str((i % 7 + 1) * (m + 1)), "total", "月报", ""]
            if i % 10 == 1 and m % 6 == 0:
                yield [f"c{i:06d}", day, str(m), "total", "区局", "复核"]


def write_csv(path: Path, header: list[str], rows: Iterator[list[str]], limit: int) -> int:
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        n = 0
        for row in rows:
            w.writerow(row)
            n += 1
            if n >= limit:
                break
    return n


def build(folder: Path, n: int, repeat: int) -> tuple[Path, dict[str, tuple[float, float, int]]]:
    """The database at `folder`/province.db, built through pledge; the timings of the build."""
    db = folder / "province.db"
    timings: dict[str, tuple[float, float, int]] = {}
    run(["init"], db, 1)
    commitments = folder / "commitments.csv"
    head = ["id", "document_id", "title", "owner", "kind", "comparator", "target", "unit",
            "baseline", "start", "deadline"]  # fmt: skip
    rows = write_csv(commitments, head, commitment_rows(n), n)
    seconds, peak = run(["load", str(commitments)], db, 1)
    timings["load commitments CSV"] = (seconds, peak, rows)
    wanted = n * FIGURES_PER_COMMITMENT
    done, month, last = 0, 0, (0.0, 0.0, 0)
    per_month = n * 8 // 10  # figures a month: see figure_rows
    while done < wanted:
        months = max(1, min(IMPORT_CHUNK, wanted - done) // per_month)
        chunk = folder / f"figures-{month:03d}.csv"
        rows = write_csv(chunk, ["commitment", "date", "value", "mode", "source", "note"],
                         figure_rows(n, range(month, month + months)), wanted - done)  # fmt: skip
        seconds, peak = run(["import", str(chunk)], db, 1)
        last = (seconds, peak, rows)
        print(
            f"  import {chunk.name}: {rows:,} rows in {seconds:.1f} s, {peak:.0f} MiB", flush=True
        )
        done += rows
        month += months
        chunk.unlink()
    timings["import figures CSV (the last file)"] = last
    return db, timings


def import_rows(
    folder: Path, db: Path, n: int, lines: list[tuple[str, float, float, str, str]]
) -> None:
    """A million new figures (ten a commitment at smaller scales) imported into a copy of
    the built database: months after every figure it holds, as the next year's files are."""
    wanted = min(IMPORT_CHUNK, n * 10)
    chunk = folder / "next-year.csv"
    rows = write_csv(chunk, ["commitment", "date", "value", "mode", "source", "note"],
                     figure_rows(n, range(80, 200)), wanted)  # fmt: skip
    copy = folder / "import-copy.db"
    shutil.copyfile(db, copy)
    try:
        seconds, peak = run(["import", str(chunk)], copy, 1)
    finally:
        copy.unlink()
        chunk.unlink()
    lines.append((f"import {rows:,} figures into it", seconds, peak,
                  f"{rows / seconds:,.0f} rows/s", "< 60 s, < 300 MiB"))  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=SCALES, default="1k")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="build in (or reuse) this folder, and keep it")
    options = parser.parse_args()
    n = SCALES[options.scale]
    with tempfile.TemporaryDirectory() as scratch:
        folder = options.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        if (folder / "province.db").exists():
            db, timings = folder / "province.db", {}
        else:
            print(f"building {n:,} commitments and {n * FIGURES_PER_COMMITMENT:,} figures …")
            db, timings = build(folder, n, options.repeat)
        report(folder, db, n, options.repeat, timings)


def report(
    folder: Path, db: Path, n: int, repeat: int, timings: dict[str, tuple[float, float, int]]
) -> None:
    sample = folder / "sample.db"
    if not sample.exists():
        run(["--db", str(sample), "init", "--sample"], sample, 1)
    out = folder / "out"
    lines: list[tuple[str, float, float, str, str]] = []

    def row(name: str, args: list[str], reference: tuple[float, float] | None = None,
            target: str = "", times: int = repeat) -> tuple[float, float]:  # fmt: skip
        seconds, peak = run(args, db, times)
        ref = f"{reference[0]:.2f} s" if reference else "—"
        ratio = f"x{seconds / reference[0]:.2f}" if reference else ""
        lines.append((name, seconds, peak, ref + (f" ({ratio})" if ratio else ""), target))
        return seconds, peak

    plain_status = run([], db, repeat, REFERENCE_STATUS)
    row("status --format json", ["status", "--as-of", AS_OF, "--format", "json"], plain_status,
        "< 2 s, ≤ x0.5")  # fmt: skip
    row("status (table, to a file)", ["status", "--as-of", AS_OF], plain_status, "< 2 s")
    row("status --format csv", ["status", "--as-of", AS_OF, "--format", "csv"], plain_status,
        "< 2 s, ≤ x0.5")  # fmt: skip
    # Every row through rich's table layout: the escape hatch, not the daily view; run once.
    row("status --all (table, every row)", ["status", "--as-of", AS_OF, "--all"], plain_status,
        "", times=1)  # fmt: skip
    row("overdue --format csv", ["overdue", "--as-of", AS_OF, "--format", "csv"], plain_status,
        "< 2 s, ≤ x0.5")  # fmt: skip
    small = run(["--db", str(sample), "status", "--as-of", AS_OF, "--owner", "市工业"], sample,
                repeat)  # fmt: skip
    row("status --owner X", ["status", "--as-of", AS_OF, "--owner", "市第7局"], small, "≤ x2")
    show_small = run(["--db", str(sample), "show", "platforms", "--as-of", AS_OF], sample, repeat)
    row("show ID", ["show", "c000001", "--as-of", AS_OF], show_small, "≤ x2 of the sample")
    record_small = run(["--db", str(sample), "record", "platforms", "7", "--on", AS_OF,
                        "--as-of", AS_OF], sample, repeat)  # fmt: skip
    row("record ID VALUE", ["record", "c000001", "7", "--on", AS_OF, "--as-of", AS_OF],
        record_small, "≤ x2 of the sample")  # fmt: skip
    plain_export = run([str(out) + "-ref.csv"], db, repeat, REFERENCE_EXPORT)
    row("export figures -o f.csv", ["export", "figures", "-o", str(out) + ".csv"], plain_export,
        "< 100 MiB, ≤ x2")  # fmt: skip
    import_rows(folder, db, n, lines)
    startup = run([], db, repeat, "import sqlite3")
    seconds, peak = run(["--db", str(sample), "status", "--as-of", AS_OF], sample, repeat)
    lines.append(("pledge status on the sample", seconds, peak,
                  f"{startup[0]:.3f} s (x{seconds / startup[0]:.1f})", "≤ x6"))  # fmt: skip
    for name, (seconds, peak, rows) in timings.items():
        rate = f"{rows / seconds:,.0f} rows/s" if seconds else ""
        target = "< 10 s at 100,000" if name.startswith("load") else ""
        lines.append((f"{name}: {rows:,} rows", seconds, peak, rate, target))
    with open(str(out) + "-ref.csv", encoding="utf-8") as exported:
        figures = sum(1 for _ in exported) - 1
    print(f"\n{n:,} commitments, {figures:,} figures; as of {AS_OF}; medians of {repeat}\n")
    print("| operation | seconds | peak MiB | reference (ratio) | target |\n|---|---|---|---|---|")
    for name, seconds, peak, ref, target in lines:
        print(f"| {name} | {seconds:.2f} | {peak:.0f} | {ref} | {target} |")


if __name__ == "__main__":
    main()
