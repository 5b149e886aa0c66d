"""Reading a large workbook, by hand: `python bench/xlsx.py [--rows 200000]`.

Writes a workbook of figures as a bureau would send it back (a title row, a Chinese
header, dates as date cells, numbers as numbers and now and then as text), then reads
it in a fresh process with each candidate reader and reports time and peak memory.
`--pledge` also times `pledge import --dry-run` of it against a database of its ids.

Measured on the 2-core machine (2026-11-29), which chose the reader:

    rows      reader                 seconds   rows/s   peak RSS MiB
    50,000    python-calamine            0.3  179,615             39
    50,000    openpyxl read-only         3.2   15,659             29
    200,000   python-calamine            1.1  190,260            127  (grows with the sheet)
    200,000   openpyxl read-only        13.6   14,661             41  (flat)
    50,000    pledge import --dry-run    7.7    6,459             56
    200,000   pledge import --dry-run   30.2    6,633             67

calamine is twelve times faster, but it loads the whole sheet (about 0.5 KiB a row), so
its memory grows with the file. openpyxl's read-only mode streams the sheet in flat memory.
pledge reads with openpyxl, the library it already writes with: a month's sheet of a few
hundred rows takes well under a second, and no sheet can exhaust the machine.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

READERS = {
    "openpyxl read-only": """
import openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1], read_only=True, data_only=True)
n = sum(1 for _ in wb.worksheets[0].iter_rows(values_only=True))
print(n)
""",
    "python-calamine": """
import python_calamine, sys
wb = python_calamine.CalamineWorkbook.from_path(sys.argv[1])
n = sum(1 for _ in wb.get_sheet_by_index(0).iter_rows())
print(n)
""",
}


def write(path: Path, rows: int) -> float:
    import openpyxl

    started = time.perf_counter()
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("填报")
    ws.append(["2024年12月承诺事项数据填报表"])
    ws.append(["指标", "名称", "日期", "数值", "方式", "来源", "备注"])
    day = date(2024, 1, 31)
    for i in range(rows):
        value: object = i % 5000 if i % 7 else f"{i % 5000:,}"
        ws.append([f"c{i % 2000:04d}", "市级工业产品质量监督抽查", day + timedelta(days=i % 300),
                   value, "累计", f"市局{i}", ""])  # fmt: skip
    wb.save(path)
    return time.perf_counter() - started


def measure(code: list[str]) -> tuple[float, float, str]:
    """Wall time and peak RSS of one child, measured by a wrapper of its own (ru_maxrss of
    RUSAGE_CHILDREN is the largest of all children so far, not this one's)."""
    wrapper = (
        "import resource, subprocess, sys, time; t = time.perf_counter(); "
        "d = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
        "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, "
        "repr((d.stdout.strip() or d.stderr.strip())[-80:]))"
    )
    done = subprocess.run([sys.executable, "-c", wrapper, *code], capture_output=True, text=True)
    seconds, peak, out = done.stdout.split(" ", 2)
    return float(seconds), int(peak) / 1024, out.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--pledge", action="store_true", help="also time pledge import --dry-run")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        book = Path(tmp) / "figures.xlsx"
        took = write(book, args.rows)
        print(f"wrote {args.rows:,} rows in {took:.1f}s; {book.stat().st_size / 2**20:.1f} MiB")
        print(f"{'reader':<28}{'seconds':>9}{'rows/s':>10}{'peak RSS MiB':>14}")
        for name in ("python-calamine", "openpyxl read-only"):
            seconds, peak, out = measure([sys.executable, "-c", READERS[name], str(book)])
            print(f"{name:<28}{seconds:>9.1f}{args.rows / seconds:>10,.0f}{peak:>14.0f}  ({out})")
        if args.pledge:
            db = Path(tmp) / "p.db"
            pledge = [sys.executable, "-m", "pledgecli", "--db", str(db)]
            subprocess.run([*pledge, "init"], check=True, capture_output=True)
            ids = "\n".join(f'[[commitments]]\nid = "c{i:04d}"\ntitle = "抽查"\nkind = "flow"\nunit = "批次"\n'
                            for i in range(2000))  # fmt: skip
            toml = Path(tmp) / "c.toml"
            toml.write_text(ids, encoding="utf-8")
            subprocess.run([*pledge, "load", str(toml)], check=True, capture_output=True)
            seconds, peak, out = measure([*pledge, "import", str(book), "--dry-run"])
            label = "pledge import --dry-run"
            print(f"{label:<28}{seconds:>9.1f}{args.rows / seconds:>10,.0f}{peak:>14.0f}  ({out})")


if __name__ == "__main__":
    main()
