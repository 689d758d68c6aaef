"""Fuzz the loader and `validate` with many generated inputs (`make fuzz`).

Three kinds of input: arbitrary bytes, YAML-like text, and mutations of the real Quảng Ninh
plan (bytes flipped, lines dropped, repeated or swapped, digits changed). Every input goes
through the whole validate path and all three renderers; any exception is a crash.

    python fuzz/fuzz_validate.py --examples 20000
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from p135cli.checking import check_file
from p135cli.findings import RunResult
from p135cli.formats import VALIDATE
from p135cli.render import renderer
from p135cli.settings import Limits, Settings

ROOT = Path(__file__).resolve().parent.parent
SEED = (ROOT / "data/plans/quang-ninh-2017-2020.yaml").read_bytes()
SEED_LINES = SEED.split(b"\n")
tried = [0]  # inputs seen, counted across hypothesis's calls


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    lines = list(SEED_LINES)
    for _ in range(draw(st.integers(1, 4))):
        index = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["drop", "repeat", "swap", "flip", "digit", "insert"]))
        line = lines[index]
        if op == "drop":
            del lines[index]
        elif op == "repeat":
            lines.insert(index, line)
        elif op == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[index], lines[other] = lines[other], line
        elif op == "flip" and line:
            at = draw(st.integers(0, len(line) - 1))
            lines[index] = line[:at] + bytes([draw(st.integers(0, 255))]) + line[at + 1 :]
        elif op == "digit":
            lines[index] = bytes(c if not 48 <= c <= 57 else 48 + (c - 47) % 10 for c in line)
        else:
            lines.insert(index, draw(st.binary(max_size=40)))
    return b"\n".join(lines)


YAMLISH = st.text(alphabet="{}[]:,-&*!|>'\"#%@`?~ \n\tabcĐđ019.eE_<", max_size=400)
INPUTS = st.one_of(mutated(), st.binary(max_size=500), YAMLISH.map(lambda t: t.encode()))


def exercise(data: bytes, folder: Path) -> None:
    tried[0] += 1
    path = folder / "fuzz.yaml"
    path.write_bytes(data)
    result = check_file(path, Settings(), Limits())
    for name in VALIDATE:
        renderer(name)(RunResult([result]), io.StringIO(), color=name == "text")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=20_000)
    args = parser.parse_args()
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:

        @settings(
            max_examples=args.examples,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(INPUTS)
        def run(data: bytes) -> None:
            exercise(data, Path(folder))

        try:
            run()
        except Exception as crash:  # hypothesis has shrunk it; report and fail
            print(f"crash after {tried[0]} inputs: {crash!r}")
            return 1
    seconds = time.perf_counter() - start
    print(f"fuzz: {tried[0]} inputs through validate and 3 renderers in {seconds:.0f} s, 0 crashes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
