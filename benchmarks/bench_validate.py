"""Every figure of p135's speed, in one run (`make bench`).

1. Start-up: `p135 validate` and `p135 report` on one plan against `check-jsonschema` on the
   same file, each in fresh processes, in alternating pairs so that machine noise hits both
   alike; the figure is the median of the per-pair ratios of CPU time (and of wall time).
2. Two national sets (benchmarks/national.py): a clean one (every sum exact, nothing to
   find), and a realistic one (acknowledged findings and inferences on every plan, misdates
   across plans, a few errors). Each is checked cold (one process, then a worker per core),
   filling the cache, warm (nothing changed, text and JSON), and with 1 % of its plans edited:
   CPU time (the whole process tree), wall time, and peak memory of the whole tree
   (proportional set size, sampled). The peers read the same plans in the same run
   (check-jsonschema, yamllint, and PyYAML's C loader as the floor of any YAML reader).
3. `p135 report` over (at most 1,000 of) the realistic plans.
4. The cost of each rule family over the same plans, in one process.

    make bench                                  # 10,000 plans
    python benchmarks/bench_validate.py --plans 1000 --pairs 11
"""

from __future__ import annotations

import argparse
import os
import resource
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
SCHEMA = ROOT / "data/schemas/plan.schema.json"


def cpu_and_wall(command: list[str]) -> tuple[float, float]:
    """CPU seconds (user and system, of the command and every process it waited for) and
    wall seconds of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, wall


def paired(ours: list[str], theirs: list[str], pairs: int) -> tuple[float, float, float, float]:
    """Medians of the paired ratios (CPU, wall), and our and their median CPU seconds."""
    for command in (ours, theirs):  # warm the file cache and bytecode once
        cpu_and_wall(command)
    a_runs, b_runs = [], []
    for pair in range(pairs):
        first, second = (ours, theirs) if pair % 2 == 0 else (theirs, ours)
        x, y = cpu_and_wall(first), cpu_and_wall(second)
        a_runs.append(x if first is ours else y)
        b_runs.append(y if first is ours else x)
    cpu = statistics.median(a[0] / b[0] for a, b in zip(a_runs, b_runs, strict=True))
    wall = statistics.median(a[1] / b[1] for a, b in zip(a_runs, b_runs, strict=True))
    return (
        cpu,
        wall,
        statistics.median(a[0] for a in a_runs),
        statistics.median(b[0] for b in b_runs),
    )


def start_up(plan: Path, pairs: int) -> None:
    reference = [str(BIN / "check-jsonschema"), "--schemafile", str(SCHEMA), str(plan)]
    print(f"start-up, one plan ({plan.name}), {pairs} pairs against check-jsonschema:")
    with tempfile.TemporaryDirectory(prefix="p135-bench-cache-") as cache:
        cached = [str(BIN / "p135"), "validate", "--cache-dir", cache, str(plan)]
        time.sleep(3.5)  # the plan may have been written a moment ago: let the index know it
        subprocess.run(cached, capture_output=True, check=False)
        for label, ours, goal in (
            ("p135 validate", [str(BIN / "p135"), "validate", "--no-cache", str(plan)], 0.45),
            ("p135 validate, known", cached, None),  # a pre-commit hook's everyday run
            ("p135 report", [str(BIN / "p135"), "report", "--width", "100", str(plan)], 1.0),
        ):
            cpu, wall, mine, theirs = paired(ours, reference, pairs)
            verdict = "" if goal is None else f" ({'meets' if cpu <= goal else 'misses'} {goal})"
            print(
                f"  {label:21} CPU {1000 * mine:5.0f} ms against {1000 * theirs:5.0f} ms: "
                f"ratio {cpu:.2f} CPU, {wall:.2f} wall{verdict}"
            )


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


def measured(command: list[str]) -> tuple[float, float, float]:
    """CPU seconds, wall seconds and peak memory (MB) of the process tree of `command`."""
    peak = [0]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def sample() -> None:
        while process.poll() is None:
            peak[0] = max(peak[0], sum(_pss(pid) for pid in _tree(process.pid)))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample)
    sampler.start()
    process.wait()
    seconds = time.perf_counter() - start
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return cpu, seconds, peak[0] / 1024


def line(label: str, figures: tuple[float, float, float], count: int) -> None:
    cpu, wall, memory = figures
    print(
        f"  {label:30} CPU {cpu:7.2f} s ({1000 * cpu / count:5.2f} ms a plan)  wall "
        f"{wall:7.2f} s  peak {memory:5.0f} MB"
    )


def national(folder: Path, count: int, realistic: bool) -> None:
    cache = folder / "cache"
    plans = folder / "plans"
    command = [str(BIN / "p135"), "validate", "-q", str(plans), "--cache-dir", str(cache)]
    kind = "realistic" if realistic else "clean"
    print(f"{kind} set: {count} plans ({_size(plans)} KB a plan), {os.cpu_count()} cores")
    time.sleep(3.5)  # older than the index's racy window: every file can be known by its state
    for label, extra in (
        ("cold, one process", ["--no-cache", "--jobs", "1"]),
        ("cold, a worker per core", ["--no-cache"]),
        ("filling the cache", []),
        ("warm (nothing changed), text", []),
        ("warm (nothing changed), JSON", ["-f", "json"]),
    ):
        line(label, measured(command + extra), count)
    edited = _edit(plans, count // 100)
    time.sleep(3.5)
    line(f"{edited} plans edited (1 %)", measured(command), count)
    line("and warm again", measured(command), count)


def _edit(plans: Path, count: int) -> int:
    """Raise one target's value in every hundredth plan: what an office's day of work does."""
    files = sorted(plans.rglob("*.yaml"))[:: max(1, len(list(plans.rglob("*.yaml"))) // count)]
    for path in files[:count]:
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("    value: ", "    value: 1", 1), encoding="utf-8")
    return len(files[:count])


def peers(folder: Path, count: int) -> None:
    """The same plans read by the peers, and by p135 cold in one process, in one run."""
    files = [str(p) for p in sorted((folder / "plans").rglob("*.yaml"))[:count]]
    floor = (
        "import sys, yaml\n"
        "for name in sys.argv[1:]:\n"
        "    with open(name, 'rb') as file: yaml.load(file, Loader=yaml.CSafeLoader)\n"
    )
    print(f"peers over {len(files)} of the plans (CPU, one process each):")
    for label, command in (
        ("p135 validate", [str(BIN / "p135"), "validate", "-q", "--no-cache", "-j", "1"]),
        ("check-jsonschema", [str(BIN / "check-jsonschema"), "--schemafile", str(SCHEMA)]),
        ("yamllint", [str(BIN / "yamllint"), "-d", "relaxed"]),
        ("PyYAML C loader (floor)", [sys.executable, "-c", floor]),
    ):
        if not Path(command[0]).exists():
            print(f"  {label:30} not installed")
            continue
        line(label, measured(command + files), len(files))


def _size(plans: Path) -> str:
    files = list(plans.rglob("*.yaml"))
    return f"{sum(f.stat().st_size for f in files) / len(files) / 1024:.1f}"


def report(folder: Path, count: int) -> None:
    files = [str(p) for p in sorted((folder / "plans").rglob("*.yaml"))[:count]]
    base = [str(BIN / "p135"), "report", "--width", "100"]
    print(f"report over {len(files)} realistic plans (validate alongside, one process):")
    line("p135 report", measured([*base, *files]), len(files))
    validate = [str(BIN / "p135"), "validate", "-q", "--no-cache", "-j", "1", *files]
    line("p135 validate", measured(validate), len(files))


def families(folder: Path, count: int) -> None:
    """Seconds each rule family takes over (at most 1,000 of) the plans, in one process."""
    from p135cli.checking import load_plan
    from p135cli.model import Plan
    from p135cli.rules import PLAN_RULES
    from p135cli.rules.base import Context
    from p135cli.settings import Limits

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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=21)
    parser.add_argument("--plans", type=int, default=10_000)
    parser.add_argument("--peers", type=int, default=500, help="plans the peers read")
    parser.add_argument("--report", type=int, default=1_000, help="plans the report reads")
    parser.add_argument("--plan", type=Path, default=ROOT / "data/plans/quang-ninh-2017-2020.yaml")
    args = parser.parse_args()
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    start_up(args.plan, args.pairs)
    for realistic in (False, True):
        with tempfile.TemporaryDirectory(prefix="p135-bench-") as temporary:
            folder = Path(temporary)
            write(folder / "plans", args.plans, realistic=realistic)
            if realistic:
                peers(folder, min(args.plans, args.peers))
            national(folder, args.plans, realistic)
            if realistic:
                report(folder, min(args.plans, args.report))
                families(folder, args.plans)
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
