"""The development setup: the same tools on every machine, and a pre-commit config that runs them.

constraints.txt pins what `make` installs; .pre-commit-config.yaml runs the tools of .venv
before each commit. Both can drift from pyproject.toml and the Makefile without a sound: these
tests make the drift fail.
"""

from __future__ import annotations

import re
import subprocess
import sys
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
