"""Speed and memory of pledge on a large database, by hand: `python bench/bench.py`.

Builds a database of the bundled sample plus N synthetic commitments with monthly
figures, then times whole CLI runs (a fresh process each, as a person or cron
would run them) and reports the median of several runs and the peak memory.
Targets are printed beside the measurements; nothing here is a test.
"""

from __future__ import annotations

import argparse
import os
import resource
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


def timed(args: list[str], db: Path, repeat: int) -> tuple[float, int]:
    env = {**os.environ, "COLUMNS": "120", "PLEDGE_DB": str(db)}
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "pledgecli", *args], env=env, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return statistics.median(times) * 1000, peak_kib


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commitments", type=int, default=2000)
    parser.add_argument("--months", type=int, default=24)
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "bench.db"
        seconds = build(db, options.commitments, options.months)
        figures = Store.open(db).counts()["figures"]
        print(f"built {options.commitments} commitments, {figures} figures in {seconds:.1f}s "
              f"({figures / seconds:,.0f} figures/s in one batch); file {db.stat().st_size / 1e6:.1f} MB")  # fmt: skip
        runs = {
            "--version (start-up)": ["--version"],
            "status --format json": ["status", "--as-of", "2025-06-30", "--format", "json"],
            "status (table)": ["status", "--as-of", "2025-06-30"],
            "overdue --format csv": ["overdue", "--as-of", "2025-06-30", "--format", "csv"],
            "show ID": ["show", "c00001", "--as-of", "2025-06-30"],
            "record ID VALUE": ["record", "c00001", "7", "--on", "2025-06-30", "--as-of", "2025-06-30"],
        }
        print(f"{'command':24} {'median ms':>10} {'target ms':>10} {'peak RSS MiB':>13}")
        for name, args in runs.items():
            ms, peak = timed(args, db, options.repeat)
            verdict = "ok" if ms <= TARGETS_MS[name] else "SLOW"
            print(f"{name:24} {ms:10.0f} {TARGETS_MS[name]:10d} {peak / 1024:13.0f}  {verdict}")


if __name__ == "__main__":
    main()
