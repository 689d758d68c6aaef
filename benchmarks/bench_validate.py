"""Every figure of p135's speed, in one run (`make bench`).

1. Start-up: `p135 validate` on one plan against `check-jsonschema` on the same file, each in
   fresh processes, in alternating pairs so that machine noise hits both alike; the figure is
   the median of the per-pair ratios (goal: at most 0.50).
2. A national set (benchmarks/national.py: 63 provinces, every sum exact) checked cold
   (no cache), then warm (cache filled, nothing changed): wall time, ms a plan, and the peak
   memory of the whole process tree (main process and workers, proportional set size, sampled).
3. The cost of each rule family over the same plans, in one process.
4. `p135 report` over 100 plans.

    make bench                                  # 10,000 plans
    python benchmarks/bench_validate.py --plans 1000 --pairs 11
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.national import write  # noqa: E402

BIN = Path(sys.executable).parent
GOAL = 0.50


def elapsed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def start_up(plan: Path, pairs: int) -> None:
    schema = ROOT / "data/schemas/plan.schema.json"
    p135 = [str(BIN / "p135"), "validate", "--no-cache", str(plan)]
    reference = [str(BIN / "check-jsonschema"), "--schemafile", str(schema), str(plan)]
    for command in (p135, reference):  # warm the file cache and bytecode once
        elapsed(command)
    ours, theirs = [], []
    for pair in range(pairs):
        first, second = (p135, reference) if pair % 2 == 0 else (reference, p135)
        a, b = elapsed(first), elapsed(second)
        ours.append(a if first is p135 else b)
        theirs.append(b if first is p135 else a)
    ratio = statistics.median(a / b for a, b in zip(ours, theirs, strict=True))
    verdict = "meets" if ratio <= GOAL else "misses"
    print(f"start-up, one plan ({plan.name}), {pairs} pairs:")
    for label, times in (
        ("p135 validate (schema + every rule)", ours),
        ("check-jsonschema", theirs),
    ):
        print(f"  {label:36} median {1000 * statistics.median(times):.1f} ms")
    print(f"  ratio (median of paired ratios): {ratio:.2f} ({verdict} the goal of {GOAL})")


def _tree(root: int) -> list[int]:
    """`root` and every process below it."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(parent, []).append(int(entry))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += children.get(pid, [])
    return found


def _pss(pid: int) -> int:
    """Proportional set size in kB: shared pages of forked workers counted once in all."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def measured(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak memory (MB) of the process tree of `command`."""
    peak = [0]
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def sample() -> None:
        while process.poll() is None:
            peak[0] = max(peak[0], sum(_pss(pid) for pid in _tree(process.pid)))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample)
    sampler.start()
    process.wait()
    seconds = time.perf_counter() - start
    sampler.join()
    return seconds, peak[0] / 1024


def national(folder: Path, count: int) -> None:
    cache = folder / "cache"
    plans = folder / "plans"
    command = [str(BIN / "p135"), "validate", "-q", str(plans), "--cache-dir", str(cache)]
    print(f"national set: {count} plans ({_size(plans)} KB a plan), {os.cpu_count()} cores")
    for label, extra in (
        ("cold, one process", ["--no-cache", "--jobs", "1"]),
        ("cold, a worker per core", ["--no-cache"]),
        ("cache filled", []),
        ("warm (nothing changed)", []),
    ):
        seconds, memory = measured(command + extra)
        per = 1000 * seconds / count
        print(f"  {label:24} {seconds:7.2f} s  {per:6.2f} ms a plan  peak {memory:6.0f} MB")


def _size(plans: Path) -> str:
    files = list(plans.rglob("*.yaml"))
    return f"{sum(f.stat().st_size for f in files) / len(files) / 1024:.1f}"


def families(folder: Path, count: int) -> None:
    """Seconds each rule family takes over (at most 1,000 of) the plans, in one process."""
    from p135cli.checking import load_plan
    from p135cli.loading import Limits
    from p135cli.model import Plan
    from p135cli.rules import PLAN_RULES
    from p135cli.rules.base import Context

    files = sorted((folder / "plans").rglob("*.yaml"))[: min(count, 1000)]
    loaded = [load_plan(path, Limits())[0] for path in files]
    plans = [c for c in loaded if c is not None and isinstance(c.plan, Plan)]
    cost: dict[str, float] = {}
    for checked in plans:
        context = Context(checked.loaded)
        for rule in PLAN_RULES:
            start = time.perf_counter()
            for _ in rule.run(checked.plan, context):  # type: ignore[arg-type]
                pass
            cost[rule.family] = cost.get(rule.family, 0) + time.perf_counter() - start
    print(f"rule families over {len(plans)} plans (ms a plan):")
    for family, seconds in sorted(cost.items(), key=lambda item: -item[1]):
        print(f"  {family:12} {1000 * seconds / len(plans):6.3f}")


def report(folder: Path) -> None:
    files = sorted((folder / "plans").rglob("*.yaml"))[:100]
    command = [str(BIN / "p135"), "report", "--width", "100", *map(str, files)]
    seconds, memory = measured(command)
    print(f"report over {len(files)} plans: {seconds:.2f} s, peak {memory:.0f} MB")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=21)
    parser.add_argument("--plans", type=int, default=10_000)
    parser.add_argument("--plan", type=Path, default=ROOT / "data/plans/quang-ninh-2017-2020.yaml")
    args = parser.parse_args()
    start_up(args.plan, args.pairs)
    with tempfile.TemporaryDirectory(prefix="p135-bench-") as temporary:
        folder = Path(temporary)
        write(folder / "plans", args.plans)
        national(folder, args.plans)
        families(folder, args.plans)
        report(folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
