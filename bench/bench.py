"""Speed and memory of pledge on a large database, by hand: `python bench/bench.py`.

Builds a database of the bundled sample plus N synthetic commitments with monthly
figures, then times whole CLI runs (a fresh process each, as a person or cron
would run them) and reports the median of several runs and the peak memory.
Targets are printed beside the measurements; nothing here is a test.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from pledgecli.model import Commitment, Document, Figure
from pledgecli.store import Store

TARGETS_MS = {
    "--version (start-up)": 150,
    "status --format json": 1500,
    "status (table)": 2500,
    "overdue --format csv": 1500,
    "show ID": 400,
    "record ID VALUE": 1500,
}


def build(path: Path, commitments: int, months: int) -> float:
    started = time.perf_counter()
    store = Store.open(path, create=True)
    subprocess.run([sys.executable, "-m", "pledgecli", "--db", str(path), "init", "--sample"], check=True,
                   capture_output=True)  # fmt: skip
    with store.batch("bench") as batch:
        batch.put_document(Document("bench", doc_number="基准〔2025〕1号"))
        for i in range(commitments):
            kind = ("level", "flow", "milestone")[i % 3]
            c = Commitment(
                id=f"c{i:05d}",
                title=f"第{i}项 质量基础设施“一站式”服务能力提升指标",
                document_id="bench",
                owner=f"市第{i % 40}局",
                kind=kind,  # type: ignore[arg-type]
                target=None if kind == "milestone" else 100 + i,
                unit="个",
                start=date(2024, 1, 1),
                deadline=date(2024, 1, 1) + timedelta(days=365 + i % 900),
            )
            batch.put_commitment(c)
            for m in range(months if kind != "milestone" else 1):
                on = date(2024, 1, 1) + timedelta(days=30 * m)
                value = 1 if kind == "milestone" else (i % 7) * m
                batch.put_figure(Figure(c.id, on, value, "total", source="月报"))
    store.close()
    return time.perf_counter() - started


# Runs pledge in a child that reports its own peak memory on its last stderr line.
_RUNNER = """
import resource, runpy, sys
sys.argv = ["pledge", *sys.argv[1:]]
try:
    runpy.run_module("pledgecli", run_name="__main__")
finally:
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
"""


def timed(args: list[str], db: Path, repeat: int) -> tuple[float, int]:
    """Median wall time in ms and the largest peak RSS in KiB of `repeat` runs."""
    env = {**os.environ, "COLUMNS": "120", "PLEDGE_DB": str(db)}
    times, peaks = [], []
    for _ in range(repeat):
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", _RUNNER, *args], env=env, capture_output=True, text=True
        )
        times.append(time.perf_counter() - started)
        if done.returncode not in (0, 1):
            raise SystemExit(f"pledge {' '.join(args)} failed: {done.stderr}")
        peaks.append(int(done.stderr.strip().splitlines()[-1]))
    return statistics.median(times) * 1000, max(peaks)


def figures_csv(path: Path, commitments: int, rows: int) -> None:
    """A monthly-report CSV in GB18030 with Chinese headers, `rows` figures long."""
    with path.open("w", encoding="gb18030", newline="") as f:
        f.write("指标,日期,数值,方式,来源,备注\r\n")
        for n in range(rows):
            i = n % commitments
            day = date(2024, 1, 1) + timedelta(days=n // commitments)
            value = 1 if i % 3 == 2 else n % 997  # every third commitment is a milestone
            cells = [f"c{i:05d}", f"{day.year}年{day.month}月{day.day}日", f'"{value:,}"', "累计"]
            f.write(",".join([*cells, f"区局{n % 7}", f"第{n}行"]) + "\r\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commitments", type=int, default=2000)
    parser.add_argument("--months", type=int, default=24)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--import-rows", type=int, default=200_000)
    options = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "bench.db"
        seconds = build(db, options.commitments, options.months)
        figures = Store.open(db).counts()["figures"]
        rate = figures / seconds
        size = db.stat().st_size / 1e6
        print(f"built {options.commitments} commitments, {figures} figures in {seconds:.1f}s "
              f"({rate:,.0f} figures/s in one batch); file {size:.1f} MB")  # fmt: skip
        runs = {
            "--version (start-up)": ["--version"],
            "status --format json": ["status", "--as-of", "2025-06-30", "--format", "json"],
            "status (table)": ["status", "--as-of", "2025-06-30"],
            "overdue --format csv": ["overdue", "--as-of", "2025-06-30", "--format", "csv"],
            "show ID": ["show", "c00001", "--as-of", "2025-06-30"],
            "record ID VALUE": [
                "record",
                "c00001",
                "7",
                "--on",
                "2025-06-30",
                "--as-of",
                "2025-06-30",
            ],
        }
        print(f"{'command':24} {'median ms':>10} {'target ms':>10} {'peak RSS MiB':>13}")
        for name, args in runs.items():
            ms, peak = timed(args, db, options.repeat)
            verdict = "ok" if ms <= TARGETS_MS[name] else "SLOW"
            print(f"{name:24} {ms:10.0f} {TARGETS_MS[name]:10d} {peak / 1024:13.0f}  {verdict}")

        # Import: time per row, and memory that must not grow with the file.
        print(f"{'import (GB18030 CSV)':24} {'rows':>10} {'rows/s':>10} {'peak RSS MiB':>13}")
        peaks = []
        for rows in (options.import_rows // 4, options.import_rows):
            csv_path = Path(folder) / f"figures-{rows}.csv"
            figures_csv(csv_path, options.commitments, rows)
            for flag in ("--dry-run", None):
                ms, peak = timed(["import", str(csv_path), *([flag] if flag else [])], db, 1)
                peaks.append(peak)
                label = f"import {flag or ''}".strip()
                print(f"{label:24} {rows:10,d} {rows / (ms / 1000):10,.0f} {peak / 1024:13.0f}")
        growth = peaks[-1] / peaks[1]
        print(f"peak memory, {options.import_rows:,} rows against a quarter of them: x{growth:.2f} "
              f"({'flat' if growth < 1.25 else 'GROWS'}; target: flat, under x1.25)")  # fmt: skip


if __name__ == "__main__":
    main()
