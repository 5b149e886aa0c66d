"""Speed of `pledge extract` by hand: `python bench/extract.py`.

Times the extractor (the pure function, as `pledge extract` runs it after reading the file)
on every test letter, on a 2,000-character letter, and on hostile files that a fuzzer or a
damaged conversion could hand it: one sentence of 100,000 characters, an unclosed 《, a
note that never closes, a table line of 10,000 cells. The target of issue 10 is printed
beside: a 2,000-character letter in under 0.5 s. Nothing here is a test.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1] / "src"))

from pledgecli.extract import extract  # noqa: E402

LETTERS = Path(__file__).parents[1] / "tests" / "letters"
HOSTILE = {
    "one sentence of 128,000 characters": "由市局负责到2025年新增10个" * 8000,
    "an unclosed 《 and 50,000 of them": "《" * 50000 + "10个",
    "a note that never closes (120,000)": "（牵头单位：" * 20000,
    "a table line of 10,000 cells": "目标值：10个\t完成时限：2025年12月底前\t" * 5000,
    "150,000 characters of years": "2025年" * 30000,
    "30,000 numbered empty items": "1.\n" * 30000,
}


def _ms(run: Callable[[], object], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(LETTERS.rglob("*.txt"))]
    print(f"{'input':44} {'chars':>8} {'ms':>9}")
    total = sum(len(t) for t in texts)
    ms = _ms(lambda: [extract(t) for t in texts], 3)
    print(f"{'every test letter (' + str(len(texts)) + ')':44} {total:8,} {ms:9.1f}")
    letter = "".join(texts)[:2000]
    ms = _ms(lambda: extract(letter))
    print(f"{'a 2,000-character letter (target < 500 ms)':44} {len(letter):8,} {ms:9.1f}")
    for name, text in HOSTILE.items():
        ms = _ms(lambda text=text: extract(text), 1)
        print(f"{name:44} {len(text):8,} {ms:9.1f}")


if __name__ == "__main__":
    main()
