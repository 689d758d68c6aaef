"""Shared helpers: run the CLI in-process or as a real process, and read case files."""

from __future__ import annotations

import difflib
import os
import subprocess
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

# Tests read English unless they ask for Vietnamese, whatever the machine's locale; this is
# set before the command line is built, since its help follows P135_LANG.
os.environ["P135_LANG"] = "en"
# A run writes its cache in the project's root by default; tests that test the cache name a
# folder of their own, and the others must not read what an earlier test left.
os.environ["P135_NO_CACHE"] = "1"
# Text is wrapped at COLUMNS where it is set: tests see the width a pipe has (80) unless they
# set one, whatever the shell that runs them exports.
os.environ.pop("COLUMNS", None)

from typer.testing import CliRunner

from p135cli.cli import app
from p135cli.i18n import speak

ROOT = Path(__file__).resolve().parent.parent
PLANS = ROOT / "data" / "plans"
QUANG_NINH = PLANS / "quang-ninh-2017-2020.yaml"
NINH_BINH = PLANS / "ninh-binh-2017-2020.yaml"
GOLDEN = Path(__file__).resolve().parent / "golden"


def assert_golden(name: str, text: str) -> None:
    """`text` equals the file `tests/golden/<name>`. With P135_UPDATE_GOLDEN=1 the file is
    rewritten instead, and what changed is printed to the terminal (past pytest's capture), so
    a person reads each change before committing it; a failure shows the same diff."""
    path = GOLDEN / name
    kept = path.read_text(encoding="utf-8") if path.exists() else None
    if os.environ.get("P135_UPDATE_GOLDEN") == "1":
        if kept != text:
            REGENERATED.append(golden_diff(name, kept or "", text))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
        return
    assert kept is not None, f"no golden file {path}: run with P135_UPDATE_GOLDEN=1 to create it"
    assert text == kept, f"output differs from {path}:\n{golden_diff(name, kept, text)}"


REGENERATED: list[str] = []
"""What P135_UPDATE_GOLDEN=1 changed, shown at the end of the run."""


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """The golden files a run rewrote, with what changed in each, for a person to read."""
    if REGENERATED:
        terminalreporter.section("golden files rewritten: read each change before keeping it")
        for diff in REGENERATED:
            terminalreporter.write(diff)


def golden_diff(name: str, kept: str, text: str) -> str:
    """What a new output changes in a golden file, as `diff -u` shows it."""
    lines = difflib.unified_diff(
        kept.splitlines(keepends=True), text.splitlines(keepends=True),
        f"tests/golden/{name}", f"{name} (new)",
    )  # fmt: skip
    return "".join(lines)


def git_in(folder: Path, *args: str) -> None:
    """git run in `folder` as a test's own committer, failing the test if git fails."""
    subprocess.run(
        ["git", "-c", "user.email=a@b", "-c", "user.name=a", *args],
        cwd=folder, check=True, capture_output=True, timeout=30,
    )  # fmt: skip


MARKED = (
    ("goal: {communes: 22, villages: 11,", "goal: {communes: 22, villages: 13, qualifier: about,"),
    (
        "- {name: Lục Hồn, district: Bình Liêu}",
        "- {name: Lục Hồn, district: Bình Liêu, inferred: why}",
    ),
    (
        "    2019:\n      count: {communes: 13}\n",
        "    2019:\n      count: {communes: 13}\n      inferred: why\n",
    ),
    ("count: {communes: 6}", "count: {communes: 6, villages: 2, qualifier: about}"),
    (
        'total: {amount: "452,938", source: "4.3 a"}',
        'total: {amount: "khoảng 452,938", inferred: why, source: "4.3 a"}',
    ),
    ('amount: "44,165"', 'amount: "khoảng 44,165"'),
    ('amount: "200,0"', 'amount: "200,0"\n            inferred: why'),
)
"""Quảng Ninh's plan with what a plan may say of its figures beyond their digits: the goal
and a year's count qualified (khoảng, the year's villages not named), a commune and a year
of the roadmap inferred, a year's total qualified and inferred, a yearly part qualified, an
allocation inferred. Every sum still holds (as the qualifiers allow)."""


def marked_plan(folder: Path) -> Path:
    """`MARKED` applied to Quảng Ninh's plan, written into `folder`."""
    text = QUANG_NINH.read_text(encoding="utf-8")
    for old, new in MARKED:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = folder / "marked.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@dataclass
class Ran:
    code: int
    out: str
    err: str

    def __str__(self) -> str:  # shown by pytest when an assertion about a run fails
        return f"exit {self.code}\n--- stdout\n{self.out}\n--- stderr\n{self.err}"


def run_cli(*args: str | Path) -> Ran:
    """Run p135 in-process (fast); stdout and stderr kept apart."""
    result = CliRunner().invoke(app, [str(arg) for arg in args], catch_exceptions=False)
    return Ran(result.exit_code, result.stdout, result.stderr)


def run_process(
    args: Sequence[str | Path],
    stdin: bytes | None = None,
    timeout: float = 60,
    env: dict[str, str] | None = None,
) -> Ran:
    """Run `python -m p135cli` as a separate process: exit codes, signals, imports."""
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100", **(env or {})}
    done = subprocess.run(
        [sys.executable, "-m", "p135cli", *map(str, args)],
        input=stdin,
        capture_output=True,
        timeout=timeout,
        env=env,
        check=False,
    )
    return Ran(done.returncode, done.stdout.decode(), done.stderr.decode())


@pytest.fixture(autouse=True)
def english_by_default() -> Iterator[None]:
    """A command run in-process sets the language of what follows: set it back."""
    yield
    speak("en", None)


@pytest.fixture
def cli() -> type[Ran]:
    return Ran
