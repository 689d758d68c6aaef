"""A seeded random sample of the mutants `make mutation` made, and the score over it.

A full run tests 3,500 mutants and takes hours on two cores; a random sample of them gives
the same score within a stated margin, in the time a session allows. The sample is drawn from
every mutant (not the cheapest first, the order mutmut runs them in), so it is unbiased. It is
kept in mutants/sample.txt: when the code changes, mutmut retests the mutants of the changed
functions, and the same sample is scored again (less the mutants that no longer exist).

    python tools/mutation_sample.py names 1200     # the names, for `mutmut run NAME...`
    python tools/mutation_sample.py score 1200     # the score over that sample so far
"""

from __future__ import annotations

import json
import math
import random
import sys
from collections import Counter
from pathlib import Path

SEED = 135
KILLED = {1: "killed", 3: "killed", 255: "timeout", 36: "timeout", 24: "timeout", -24: "timeout"}
"""mutmut's exit codes that mean the tests caught the mutant. 255 is a run that could not even
load the mutated module (pytest cannot find the tests it was given), which mutmut files as a
timeout; both count as caught, as mutmut's own score counts them."""


def mutants(folder: Path) -> dict[str, int | None]:
    """Every mutant mutmut generated under `folder`, with its exit code (None: not run)."""
    found: dict[str, int | None] = {}
    for meta in sorted(folder.glob("src/**/*.meta")):
        found.update(json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"])
    return found


def sample(names: list[str], size: int, kept: Path) -> list[str]:
    """The sample kept in `kept`, or a new one of `size` (then kept there)."""
    if kept.is_file():
        chosen = kept.read_text(encoding="utf-8").split()
        return [name for name in chosen if name in names]
    chosen = sorted(random.Random(SEED).sample(sorted(names), min(size, len(names))))
    kept.write_text("\n".join(chosen) + "\n", encoding="utf-8")
    return chosen


def score(results: dict[str, int | None], chosen: list[str]) -> str:
    codes = [code for name in chosen if (code := results[name]) is not None]
    counts = Counter("survived" if c == 0 else KILLED.get(c, f"other ({c})") for c in codes)
    tested = sum(n for kind, n in counts.items() if kind in ("killed", "timeout", "survived"))
    caught = counts["killed"] + counts["timeout"]
    share = caught / tested if tested else 0.0
    margin = 1.96 * math.sqrt(share * (1 - share) / tested) if tested else 0.0
    return (
        f"{len(codes)} of {len(chosen)} sampled mutants run ({len(results)} in all): "
        f"{dict(sorted(counts.items()))}; score {100 * share:.1f} % "
        f"(± {100 * margin:.1f} at 95 %)"
    )


def main() -> int:
    command, size = sys.argv[1], int(sys.argv[2])
    results = mutants(Path("mutants"))
    if not results:
        print("no mutants yet: run `make mutation` once (it generates them first)")
        return 1
    chosen = sample(list(results), size, Path("mutants") / "sample.txt")
    if command == "names":
        print("\n".join(name for name in chosen if results[name] is None))
    else:
        print(score(results, chosen))
        survivors = [name for name in chosen if results[name] == 0]
        print("\n".join(f"  survived: {name}" for name in survivors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
