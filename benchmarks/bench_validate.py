"""Cold-start time of `p135 validate` against `check-jsonschema` on the same plan.

p135 runs the schema and every rule; check-jsonschema runs the JSON Schema only. Each pair
runs both in fresh processes, in alternating order, so that machine noise hits both alike.
The figure that counts is the median of the per-pair ratios (goal: at most 0.6).

    make bench                      # 21 pairs on the Quảng Ninh plan
    python benchmarks/bench_validate.py --pairs 51 --plan data/plans/other.yaml
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
GOAL = 0.6


def elapsed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=21)
    parser.add_argument("--plan", type=Path, default=ROOT / "data/plans/quang-ninh-2017-2020.yaml")
    parser.add_argument("--schema", type=Path, default=ROOT / "data/schemas/plan.schema.json")
    args = parser.parse_args()
    p135 = [str(BIN / "p135"), "validate", str(args.plan)]
    reference = [str(BIN / "check-jsonschema"), "--schemafile", str(args.schema), str(args.plan)]
    for command in (p135, reference):  # warm the file cache and bytecode once
        elapsed(command)
    ours, theirs = [], []
    for pair in range(args.pairs):
        first, second = (p135, reference) if pair % 2 == 0 else (reference, p135)
        a, b = elapsed(first), elapsed(second)
        ours.append(a if first is p135 else b)
        theirs.append(b if first is p135 else a)
    ratios = [a / b for a, b in zip(ours, theirs, strict=True)]
    ratio = statistics.median(ratios)
    print(f"plan: {args.plan.relative_to(ROOT) if args.plan.is_relative_to(ROOT) else args.plan}")
    print(f"pairs: {args.pairs}")
    print(f"p135 validate (schema + every rule): median {1000 * statistics.median(ours):.1f} ms")
    print(f"check-jsonschema (schema only):      median {1000 * statistics.median(theirs):.1f} ms")
    verdict = "meets" if ratio <= GOAL else "misses"
    print(f"ratio (median of paired ratios): {ratio:.2f} ({verdict} the goal of {GOAL})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
