"""A larger fuzz run than the suite's: the strategies and checks of tests/test_fuzz.py, many
more examples, and a share of them run again as real processes (`python -m pledgecli`, the
console script's `main`, where a crash is exit 70 rather than an exception).

    python bench/fuzz.py --examples 5000 --seed 1
    python bench/fuzz.py --examples 500 --property arguments --processes 0.2

It runs every example to the end (no shrinking), counts the failures by kind (the command
and where it broke), prints the smallest example of each kind with its shell command, and
exits 1 if there was any failure. The same seed gives the same examples.

The strategies live in tests/test_fuzz.py, the one place the suite and this script share;
this script puts tests/ on sys.path and imports that module (which imports only pledgecli,
hypothesis and typer, not conftest), so the suite needs no path tricks, and a change to a
strategy reaches both.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, seed, settings

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import test_fuzz as fuzz  # noqa: E402


@dataclass
class Kind:
    """One kind of failure: how often, in which properties, and its smallest example."""

    count: int = 0
    properties: set[str] = field(default_factory=set)
    smallest: fuzz.Case | None = None
    size: int = 0
    detail: str = ""


@dataclass
class Tally:
    examples: int = 0
    processes: int = 0
    failing: int = 0
    seconds: float = 0.0
    exits: Counter[int] = field(default_factory=Counter)


def size_of(case: fuzz.Case) -> int:
    return (
        sum(len(a) for a in case.args) + sum(len(d) for _, d in case.files) + len(case.stdin or b"")
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--examples", type=int, default=2000, help="examples in all, shared among the properties"
    )
    parser.add_argument("--seed", type=int, default=0, help="the same seed, the same examples")
    parser.add_argument(
        "--processes",
        type=float,
        default=0.05,
        metavar="SHARE",
        help="the share of examples also run as a real process (default 0.05)",
    )
    parser.add_argument(
        "--property",
        action="append",
        choices=list(fuzz.PROPERTIES),
        help="run only this property (repeat for more); default: all",
    )
    parser.add_argument(
        "--strict-io",
        action="store_true",
        help="run the processes with PYTHONIOENCODING=utf-8:strict, as Python does its "
        "stdin and stdout in a UTF-8 locale other than C.UTF-8 (en_US.UTF-8, zh_CN.UTF-8); "
        "by default the processes get this environment's locale",
    )
    parser.add_argument(
        "--show", type=int, default=40, help="print at most this many kinds of failure"
    )
    args = parser.parse_args(argv)
    if args.strict_io:
        os.environ["PYTHONIOENCODING"] = "utf-8:strict"

    names = args.property or list(fuzz.PROPERTIES)
    per_property = max(1, args.examples // len(names))
    picker = random.Random(args.seed)
    kinds: dict[str, Kind] = {}
    tallies = {name: Tally() for name in names}
    fuzz.base_database()
    started = time.perf_counter()

    def note(name: str, case: fuzz.Case, found: list[fuzz.Problem], where: str) -> None:
        for problem in found:
            kind = kinds.setdefault(f"[{where}] {problem.kind}", Kind())
            kind.count += 1
            kind.properties.add(name)
            if kind.smallest is None or size_of(case) < kind.size:
                kind.smallest, kind.size, kind.detail = case, size_of(case), problem.detail

    def explore(name: str) -> None:
        tally = tallies[name]

        def visit(case: fuzz.Case) -> None:
            tally.examples += 1
            outcomes: list[int] = []

            def in_process(a: list[str], stdin: bytes | None, folder: Path) -> fuzz.Outcome:
                outcome = fuzz.in_process(a, stdin, folder)
                outcomes.append(outcome.exit_code)
                return outcome

            found = fuzz.run_case(case, in_process) or []
            tally.exits[outcomes[0]] += 1
            note(name, case, found, "in-process")
            failed = bool(found)
            if picker.random() < args.processes:
                real = fuzz.run_case(case, fuzz.as_process)
                if real is not None:
                    tally.processes += 1
                    note(name, case, real, "process")
                    failed = failed or bool(real)
            tally.failing += failed

        @seed(args.seed)
        @settings(
            max_examples=per_property,
            database=None,
            deadline=None,
            phases=[Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(fuzz.PROPERTIES[name])
        def run(case: fuzz.Case) -> None:
            visit(case)

        begun = time.perf_counter()
        try:
            run()
        finally:
            tally.seconds = time.perf_counter() - begun

    interrupted = False
    try:
        for name in names:
            print(f"{name}: {per_property} examples …", file=sys.stderr, flush=True)
            explore(name)
    except KeyboardInterrupt:
        interrupted = True
    elapsed = time.perf_counter() - started

    total = sum(t.examples for t in tallies.values())
    processes = sum(t.processes for t in tallies.values())
    print(
        f"pledge fuzz: seed {args.seed}, {total} examples ({processes} also as processes) "
        f"in {elapsed:.1f} s{' (interrupted)' if interrupted else ''}"
    )
    print(
        f"\n{'property':<14}{'examples':>9}{'processes':>10}{'failing':>8}{'seconds':>9}  exit codes"
    )
    for name, t in tallies.items():
        exits = " ".join(f"{code}:{n}" for code, n in sorted(t.exits.items()))
        print(f"{name:<14}{t.examples:>9}{t.processes:>10}{t.failing:>8}{t.seconds:>9.1f}  {exits}")
    if not kinds:
        print("\nNo failures.")
        return 1 if interrupted else 0
    print(f"\n{len(kinds)} kinds of failure (count, properties; the smallest example):")
    ordered = sorted(kinds.items(), key=lambda kv: (-kv[1].count, kv[0]))
    for label, kind in ordered[: args.show]:
        print(f"\n{kind.count:>6}× {label}  [{', '.join(sorted(kind.properties))}]")
        assert kind.smallest is not None
        print(f"        $ {kind.smallest.shell()}")
        for file_name, data in kind.smallest.files:
            print(f"          {file_name}: {fuzz._short(data, 200)}")
        if kind.smallest.stdin is not None:
            print(f"          stdin: {fuzz._short(kind.smallest.stdin, 200)}")
        print(f"          {kind.detail[:300]}")
    if len(ordered) > args.show:
        print(f"\n… and {len(ordered) - args.show} more kinds (--show N prints more)")
    return 1


if __name__ == "__main__":
    sys.exit(main())
