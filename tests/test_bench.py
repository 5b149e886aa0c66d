"""The benchmark runs: a small scale of bench/bench.py, end to end (its timings are read by
hand, never asserted)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).parent.parent / "bench" / "bench.py"


def test_the_benchmark_runs_at_a_small_scale(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PLEDGE_DB"}
    done = subprocess.run(
        [sys.executable, str(BENCH), "--scale", "smoke", "--repeat", "1", "--keep", str(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    table = [line for line in done.stdout.splitlines() if line.startswith("| ")]
    operations = [line.split(" | ")[0].removeprefix("| ") for line in table[1:]]
    assert {"status --format json", "record ID VALUE", "export figures -o f.csv"} <= set(operations)
    assert any(op.startswith("import 1,000 figures into it") for op in operations)
    assert "nan" not in done.stdout and "failed" not in done.stderr, done.stderr
