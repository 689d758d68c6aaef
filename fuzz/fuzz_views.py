"""Fuzz the views (`make fuzz`): the Quảng Ninh plan and its results report with generated
names and figures, through `timeline`, `report`, `progress` and `diff` in every format.

Names are drawn from markup, formula, heading and fence characters, quotes, brackets and
Vietnamese letters, from every script Unicode has (any character but a lone surrogate, look-
alikes, combining marks, bidi controls and wide letters among them), at every length up to
a name far longer than a line; figures from every form a vi plan may write (and some it may
not). Each run must end 0 or 1 with no traceback and no internal error, and write output
proportional to its plan (issue 23); `report -f xlsx` writes a workbook that must open again.

    python fuzz/fuzz_views.py --examples 2000
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from p135cli.cli import app

ROOT = Path(__file__).resolve().parent.parent
PLAN = (ROOT / "data/plans/quang-ninh-2017-2020.yaml").read_text(encoding="utf-8")
REPORT = (ROOT / "data/reports/quang-ninh-2018-06.yaml").read_text(encoding="utf-8")
NAME = re.compile(r'(\bname: )("[^"\n]*"|[^,}\n]+)')  # a quoted name whole, commas and all
AMOUNT = re.compile(r'(\bamount: )"[^"]*"')
RUNS = (
    [("timeline", "PLAN", "-f", fmt) for fmt in ("text", "json", "markdown", "mermaid", "csv")]
    + [("report", "PLAN", "-f", fmt) for fmt in ("text", "json", "markdown", "csv")]
    + [
        ("report", "PLAN", "-f", "xlsx", "-o", "OUT"),
        ("timeline", "PLAN", "--svg", "OUT.svg"),
        ("timeline", "PLAN", "--width", "40"),
        *(("progress", "PLAN", "REPORT", "-f", fmt) for fmt in ("text", "json", "markdown")),
        *(("diff", "BASE", "PLAN", "-f", fmt) for fmt in ("text", "json", "markdown")),
    ]
)
GROWTH = 40
"""The most output a view may write per byte of its plan, beyond a fixed allowance (a four-year
plan's views are a few kilobytes whatever its names)."""
ALLOWANCE = 200_000
tried = [0]

syntax = st.text(
    alphabet="[]/=+-@|#`*_<>()!;%{}\"'\\\n\t ĐđàáảãạưƯơâêôăxaB0123456789.,:&~^$",
    min_size=1,
    max_size=24,
)
any_script = st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=60)
"""Any character of any script: look-alikes, marks, bidi controls, wide and astral letters."""
long_names = st.builds(
    lambda piece, times: (piece * times)[:20_000],
    st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=8),
    st.integers(50, 5_000),
)
"""A name longer than any line and than a view shows: one word, or many, up to 20.000
characters (the cost of 150.000 is measured in tests/test_long_text.py)."""
names = st.one_of(syntax, syntax, syntax, any_script, any_script, long_names)
figures = st.one_of(
    st.integers(0, 10**6).map(lambda n: f"{n:,}".replace(",", ".")),
    st.decimals(0, 10**6, places=3).map(lambda d: f"{d:f}".replace(".", ",")),
)
odd_figures = st.sampled_from(["-1", "1.000.000,001", "9" * 30, "1,²", "", "hơn 5", "1e3"])


def quoted(text: str) -> str:
    """A YAML double-quoted scalar (a JSON string is one) with every control character written
    as an escape: in the file itself one is Y001, and the whole plan would be refused."""
    written = json.dumps(text, ensure_ascii=False)
    return "".join(f"\\u{ord(c):04x}" if unicodedata.category(c) == "Cc" else c for c in written)


def plan_with(data: st.DataObject) -> str:
    text = NAME.sub(lambda m: m.group(1) + quoted(data.draw(names)), PLAN)
    text = AMOUNT.sub(lambda m: m.group(1) + quoted(data.draw(figures)), text)
    if data.draw(st.integers(0, 9)) == 0:  # now and then one figure a plan may not hold
        text = AMOUNT.sub(lambda m: m.group(1) + quoted(data.draw(odd_figures)), text, count=1)
    province = quoted(data.draw(names))
    return text.replace("province: Quảng Ninh", f"province: {province}", 1)


def exercise(data: st.DataObject, folder: Path) -> None:
    tried[0] += 1
    plan, report, out = folder / "plan.yaml", folder / "report.yaml", folder / "out.xlsx"
    plan.write_text(plan_with(data), encoding="utf-8")
    report.write_text(NAME.sub(lambda m: m.group(1) + quoted(data.draw(names)), REPORT), "utf-8")
    swap = {
        "PLAN": str(plan),
        "REPORT": str(report),
        "BASE": str(ROOT / "data/plans/quang-ninh-2017-2020.yaml"),
        "OUT": str(out),
        "OUT.svg": str(out) + ".svg",
    }
    # Y006 a warning, as tests/test_injection.py has it: names with controls, bidi marks or
    # letters of two scripts reach the views, whose own escaping is what is fuzzed.
    config = folder / "p135.toml"
    config.write_text('[rules]\nY006 = "warning"\n', encoding="utf-8")
    room = GROWTH * (plan.stat().st_size + report.stat().st_size) + ALLOWANCE
    for run in RUNS:
        args = [swap.get(arg, arg) for arg in run] + ["--force"] * ("-o" in run or "--svg" in run)
        result = CliRunner().invoke(app, [*args, "--config", str(config)], catch_exceptions=True)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise AssertionError(f"{args}: {result.exception!r}") from result.exception
        if result.exit_code not in (0, 1) or "internal error" in result.stderr:
            raise AssertionError(f"{args}: exit {result.exit_code}: {result.stderr[-500:]}")
        written = len(result.stdout_bytes) + sum(
            Path(name).stat().st_size
            for name in swap.values()
            if name.endswith(".svg") and Path(name).exists() and "--svg" in run
        )
        if written > room:
            raise AssertionError(f"{args}: {written} bytes of output for a {room} byte allowance")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=2_000)
    args = parser.parse_args()
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:

        @settings(
            max_examples=args.examples,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(st.data())
        def run(data: st.DataObject) -> None:
            exercise(data, Path(folder))

        try:
            run()
        except Exception as crash:  # hypothesis has shrunk it; report and fail
            print(f"crash after {tried[0]} plans: {crash!r}")
            return 1
    seconds = time.perf_counter() - start
    print(
        f"fuzz: {tried[0]} plans through {len(RUNS)} view runs each in {seconds:.0f} s, 0 crashes"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
