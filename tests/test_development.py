"""The development setup: the same tools on every machine, and a pre-commit config that runs them.

constraints.txt pins what `make` installs; .pre-commit-config.yaml runs the tools of .venv
before each commit. Both can drift from pyproject.toml and the Makefile without a sound: these
tests make the drift fail.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / ".pre-commit-config.yaml"
BIN = Path(sys.executable).parent
"""Where the running environment's tools are: .venv/bin under `make`."""

pytestmark = pytest.mark.skipif(
    ROOT.name == "mutants",
    reason="mutmut's copy of the project (mutants/) holds no Makefile, constraints.txt or "
    ".pre-commit-config.yaml, and no mutant reaches them",
)


def pins() -> dict[str, Version]:
    pinned: dict[str, Version] = {}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, _, version = line.partition("==")
            assert version, f"not an exact pin: {line}"
            pinned[canonicalize_name(name)] = Version(version)
    return pinned


def direct_requirements() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    listed = [*project["dependencies"], *project["optional-dependencies"]["dev"]]
    return [Requirement(text) for text in listed]


def test_every_dependency_is_pinned_at_a_version_pyproject_allows() -> None:
    """A dependency added to pyproject.toml, or a range changed, without `make lock` would be
    installed unpinned, or not at all (pip refuses pins outside the range): `make lock`."""
    pinned = pins()
    for requirement in direct_requirements():
        name = canonicalize_name(requirement.name)
        assert name in pinned, f"{name} is not in constraints.txt: run make lock"
        assert requirement.specifier.contains(pinned[name], prereleases=True), (
            f"constraints.txt pins {name} {pinned[name]}, outside {requirement}: run make lock"
        )


def test_make_installs_the_pinned_versions() -> None:
    """The Makefile's install step reads constraints.txt, and reinstalls when it changes."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^\$\(STAMP\):.*\$\(CONSTRAINTS\)", makefile, re.MULTILINE)
    assert "pip install --quiet -c $(CONSTRAINTS) -e '.[dev]'" in makefile
    assert re.search(r"^CONSTRAINTS := constraints\.txt$", makefile, re.MULTILINE)


def hooks() -> list[dict[str, Any]]:
    config = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    (repo,) = config["repos"]
    assert repo["repo"] == "local"  # nothing downloaded: the tools of .venv
    found: list[dict[str, Any]] = repo["hooks"]
    return found


def test_the_developers_pre_commit_config_is_valid() -> None:
    ran = subprocess.run(
        [BIN / "pre-commit", "validate-config", CONFIG],
        capture_output=True,
        text=True,
        check=False,
    )
    assert ran.returncode == 0, ran.stdout + ran.stderr


def test_each_hook_runs_a_tool_installed_in_the_environment() -> None:
    """Each hook names a program of .venv/bin that `make` installs (ruff, mypy, lint-imports,
    p135), as the running environment has it."""
    for hook in hooks():
        program = hook["entry"].split()[0]
        assert hook["language"] == "system", hook["id"]
        assert program.startswith(".venv/bin/"), hook["id"]
        assert (BIN / program.removeprefix(".venv/bin/")).is_file(), program


def test_the_hooks_check_what_make_lint_checks() -> None:
    """ruff's hooks look at the folders `make lint` gives ruff, mypy's at those pyproject
    gives mypy: a folder added to one and not the other would go unchecked before commits."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    linted = re.search(r"\$\(BIN\)/ruff check (.+)$", makefile, re.MULTILINE)
    assert linted is not None
    typed = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]
    by_id = {hook["id"]: hook for hook in hooks()}
    for hook, folders in [
        ("ruff-check", linted.group(1).split()),
        ("ruff-format", linted.group(1).split()),
        ("mypy", typed["files"]),
    ]:
        assert by_id[hook]["files"] == "^(" + "|".join(folders) + ")/", hook


# --- getting started: `make run` ---------------------------------------------------------------

MAKE = shutil.which("make")
needs_make = pytest.mark.skipif(MAKE is None, reason="no make on this machine")


def _make(folder: Path, *args: str) -> str:
    """What `make -n ARGS` would run, as a user's own shell runs it: under `make test` the
    environment says make runs make, which would then print the folders it enters."""
    assert MAKE is not None
    env = {k: v for k, v in os.environ.items() if k not in {"MAKELEVEL", "MAKEFLAGS", "MFLAGS"}}
    done = subprocess.run(
        [MAKE, "-n", "--no-print-directory", *args], cwd=folder, capture_output=True,
        text=True, check=True, timeout=60, env=env,
    )  # fmt: skip
    return done.stdout


@needs_make
def test_make_run_installs_what_running_needs_and_says_how_to_run_p135() -> None:
    """On a fresh machine (`-B`: as if nothing were made), `make run` installs p135 without
    its development tools and ends saying where p135 is; `make test` installs them."""
    ran = _make(ROOT, "-B", "run")
    assert "pip install --quiet -c constraints.txt -e .\n" in ran and "[dev]" not in ran
    last = ran.splitlines()[-1]
    assert ".venv/bin/p135" in last and "source .venv/bin/activate" in last
    assert "-e '.[dev]'" in _make(ROOT, "-B", "test")


@needs_make
@pytest.mark.parametrize(
    ("made", "target", "installs"),
    [
        ([], "run", "-e ."),  # nothing made: run installs what running needs
        ([".installed-run"], "run", None),  # run again: nothing to install
        ([".installed-run"], "test", "-e '.[dev]'"),  # run first, then test: the dev tools
        ([".installed", ".installed-run"], "run", None),  # test first, then run: all there
    ],
)
def test_make_run_and_make_test_work_in_either_order(
    made: list[str], target: str, installs: str | None, tmp_path: Path
) -> None:
    for name in ("Makefile", "pyproject.toml", "constraints.txt"):
        (tmp_path / name).write_bytes((ROOT / name).read_bytes())
    (tmp_path / ".venv" / "bin").mkdir(parents=True)
    (tmp_path / ".venv" / "bin" / "python").touch()
    for name in made:  # made after the project files were last changed
        stamp = tmp_path / ".venv" / name
        stamp.touch()
        os.utime(stamp, (time.time() + 60, time.time() + 60))
    ran = _make(tmp_path, target)
    installed = [line for line in ran.splitlines() if "pip install" in line]
    if installs is None:
        assert not installed, ran
    else:
        assert len(installed) == 1 and installed[0].endswith(installs), ran


@pytest.mark.parametrize("guide", ["README.md", "README.vi.md"])
def test_the_guides_say_how_to_run_p135_after_make_run(guide: str) -> None:
    text = (ROOT / guide).read_text(encoding="utf-8")
    start = text.index("make run")
    said = text[start : start + 1200]
    assert "`.venv/bin/p135 --help`" in said and "`source .venv/bin/activate`" in said
