"""Every snippet of docs/ci.md works as copied: each is read as its tool reads it, and run
where it can be (the hook's configuration with pre-commit, the workflow's `p135` steps with
GitHub's bash in a plans repository). What needs GitHub or a published copy of p135 is checked
for its form: the install lines name what exists (the repository at a commit, a wheel
`make dist` builds), the workflow's inputs and outputs are the action's.

`your-org/p135`, `https://git.example.org/your-org/p135` and `COMMIT` are the guide's
placeholders; the tests put a repository made here and its commit in their place.
"""

from __future__ import annotations

import re
import subprocess
import textwrap
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml
from packaging.requirements import Requirement

from .conftest import ROOT
from .test_ci_action import SHELL, git
from .test_ci_hook import LAYOUTS, SLIP, environment, kit, plans_repository

__all__ = ["kit"]  # the hook tests' fixture: a repository with the hooks file

GUIDE = ROOT / "docs" / "ci.md"
BLOCK = re.compile(r"^( *)```(\w*)\n(.*?)^\1```", re.MULTILINE | re.DOTALL)
PLACEHOLDER_URL = "https://git.example.org/your-org/p135"


def blocks(language: str) -> list[str]:
    text = GUIDE.read_text(encoding="utf-8")
    return [textwrap.dedent(m[3]) for m in BLOCK.finditer(text) if m[2] == language]


def action() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    return loaded


def yaml_block(key: str) -> Any:
    """The YAML snippet that holds `key`, parsed."""
    found = [yaml.safe_load(block) for block in blocks("yaml") if key in block]
    assert len(found) == 1, key
    return found[0]


def test_the_guide_installs_only_what_exists() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    assert not re.search(r"pip install p135cli(?! @)", text)  # not on the package index
    assert not re.search(r"rev: v\d", text) and "@v0." not in text  # no tags
    lines = [line for block in blocks("sh") for line in block.splitlines()]
    from_git = next(line for line in lines if "git+" in line)
    requirement = Requirement(from_git.split('"')[1])
    assert requirement.name == "p135cli"
    assert requirement.url and requirement.url.startswith("git+https://")
    assert any("make dist" in line for line in lines)
    assert any("pip install dist/p135cli-*-py3-none-any.whl" in line for line in lines)
    subprocess.run(["make", "-n", "dist"], cwd=ROOT, check=True, capture_output=True)


def test_the_configuration_snippet_is_read(tmp_path: Path) -> None:
    (toml,) = blocks("toml")
    tomllib.loads(toml)
    (tmp_path / "p135.toml").write_text(toml, encoding="utf-8")
    done = subprocess.run(
        ["p135", "validate", "--config", str(tmp_path / "p135.toml"), str(ROOT / "data/plans")],
        capture_output=True,
        text=True,
        check=False,
        env=environment(tmp_path / "home"),
    )
    assert done.returncode == 0, done.stderr


def test_the_pre_commit_configuration_works_as_copied(kit: Path, tmp_path: Path) -> None:
    config = yaml_block("repos:")
    (repository,) = config["repos"]
    assert repository["repo"] == PLACEHOLDER_URL and repository["rev"] == "COMMIT"
    repository |= {"repo": str(kit), "rev": git(kit, "rev-parse", "HEAD")}
    repo = plans_repository(tmp_path / "repo", LAYOUTS["data-plans"])
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    plan = repo / "data/plans/quang-ninh-2017-2020.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace(*SLIP, 1), encoding="utf-8")
    git(repo, "add", "--all")
    done = subprocess.run(
        ["pre-commit", "run"],
        cwd=repo,
        env=environment(tmp_path / "home"),
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert "data/plans/quang-ninh-2017-2020.yaml:262:56" in done.stdout


def test_the_workflow_uses_the_action_as_it_is() -> None:
    workflow = yaml_block("jobs:")
    inputs, outputs = set(action()["inputs"]), set(action()["outputs"])
    steps = workflow["jobs"]["p135"]["steps"]
    (step,) = [s for s in steps if s.get("uses") == "your-org/p135@COMMIT"]
    assert set(step["with"]) <= inputs
    assert step["with"]["sarif"] == "true"
    assert workflow["permissions"]["security-events"] == "write"
    later = yaml_block("steps.p135.outputs")
    used = set(re.findall(r"steps\.p135\.outputs\.([\w-]+)", yaml.safe_dump(later)))
    assert used and used <= outputs


def test_the_steps_by_hand_run_as_copied(tmp_path: Path) -> None:
    """Each `p135` step in GitHub's bash, in a plans repository with an error, and the SARIF
    upload after it whatever it found."""
    steps = yaml_block("upload-sarif")
    upload = next(s for s in steps if "upload-sarif" in s.get("uses", ""))
    assert upload["if"] == "always()"
    repo = plans_repository(tmp_path / "repo", LAYOUTS["data-plans"])
    plan = repo / "data/plans/quang-ninh-2017-2020.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace(*SLIP, 1), encoding="utf-8")
    codes = []
    for step in steps:
        script = step.get("run", "")
        if not script.startswith("p135 "):
            continue  # the install, checked by test_the_guide_installs_only_what_exists
        done = subprocess.run(
            [*SHELL, "-c", script],
            cwd=repo,
            env=environment(tmp_path / "home"),
            capture_output=True,
            check=False,
        )
        codes.append(done.returncode)
    assert codes == [1, 1, 1]  # each finds the error; all but the first run `if: always()`
    assert all("if" in s for s in steps[2:])
    assert (repo / "p135.sarif").is_file() and (repo / "p135.xml").is_file()


@pytest.mark.parametrize("name", ["README.md", "README.vi.md", "docs/ci.md"])
def test_no_guide_names_a_published_package(name: str) -> None:
    text = (ROOT / name).read_text(encoding="utf-8")
    assert not re.search(r"pip install p135cli(?! @)", text)
