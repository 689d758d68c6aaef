"""The GitHub Action (`action.yml`) run as GitHub runs it, in git repositories made here.

`action.yml` is read with PyYAML; each `run:` step is written to a file and run with
`bash --noprofile --norc -eo pipefail FILE`, GitHub's `shell: bash`, its `env:` evaluated from
the inputs (defaults, or what a case gives) and from the outputs of the steps before it, with
GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, RUNNER_TEMP and GITHUB_ACTION_PATH as a runner sets them.
A step's `if:` is evaluated the same way (`==`, `!=`, `&&`, `||`, `!`, `always()`). Steps that
`uses:` another action are recorded, not run, and so is `Install p135`: these tests run the
p135 installed beside them (the hook's as-shipped test and `make dist` install it).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from .conftest import ROOT

ACTION = ROOT / "action.yml"
PLANS = ROOT / "data" / "plans"
REPORT = ROOT / "data" / "reports" / "quang-ninh-2018-06.yaml"
QUANG_NINH = "data/plans/quang-ninh-2017-2020.yaml"
SHELL = ["bash", "--noprofile", "--norc", "-eo", "pipefail"]
TOKEN = re.compile(
    r"\s*(?:(?P<text>'[^']*')|(?P<op>==|!=|&&|\|\||!|\(|\))"
    r"|(?P<call>(?:always|success|failure)\(\))|(?P<name>[A-Za-z_][\w.-]*))"
)
OPERATORS = {"==": "==", "!=": "!=", "&&": " and ", "||": " or ", "!": " not ", "(": "(", ")": ")"}


def lookup(context: Mapping[str, Any], name: str) -> Any:
    value: Any = context
    for part in name.split("."):
        value = value.get(part, "") if isinstance(value, Mapping) else ""
    return value


def evaluate(expression: str, context: Mapping[str, Any], failed: bool = False) -> Any:
    """A GitHub expression (what this action uses of the language), as Python evaluates it."""
    python, at = [], 0
    while at < len(expression.strip()):
        token = TOKEN.match(expression, at)
        assert token is not None, f"cannot read {expression!r} at {at}"
        at = token.end()
        if token["text"] is not None:
            python.append(repr(token["text"][1:-1]))
        elif token["op"] is not None:
            python.append(OPERATORS[token["op"]])
        elif token["call"] is not None:
            call = token["call"]
            python.append(repr(call == "always()" or (call == "failure()") == failed))
        else:
            python.append(repr(lookup(context, token["name"])))
    return eval("".join(python), {"__builtins__": {}})


def substitute(text: str, context: Mapping[str, Any]) -> str:
    return re.sub(r"\$\{\{(.*?)\}\}", lambda m: str(evaluate(m[1], context)), str(text))


def read_outputs(path: Path) -> dict[str, str]:
    """GITHUB_OUTPUT's `name=value` lines (this action writes no multi-line values)."""
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    return dict(line.split("=", 1) for line in lines if "=" in line)


@dataclass
class Ran:
    steps: list[str] = field(default_factory=list)  # the names of the steps that ran
    codes: dict[str, int] = field(default_factory=dict)
    logs: dict[str, str] = field(default_factory=dict)
    uses: dict[str, dict[str, str]] = field(default_factory=dict)
    outputs: dict[str, str] = field(default_factory=dict)  # the action's
    summary: str = ""

    @property
    def failed(self) -> bool:
        return any(self.codes.values())


def run_step(
    step: Mapping[str, Any], number: int, repo: Path, temp: Path, context: Mapping[str, Any]
) -> tuple[subprocess.CompletedProcess[str], dict[str, str]]:
    """One `run:` step as a runner runs it; what it did and the outputs it wrote."""
    script, outputs = temp / f"step-{number}.sh", temp / f"output-{number}"
    script.write_text(step["run"], encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "P135_"))}
    env |= {
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}",
        "GITHUB_OUTPUT": str(outputs),
        "GITHUB_STEP_SUMMARY": str(temp / "summary.md"),
        "GITHUB_ACTION_PATH": str(ROOT),
        "GITHUB_WORKSPACE": str(repo),
        "RUNNER_TEMP": str(temp),
        "P135_NO_CACHE": "1",
    }
    env |= {k: substitute(v, context) for k, v in (step.get("env") or {}).items()}
    done = subprocess.run(
        [*SHELL, str(script)],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    return done, read_outputs(outputs)


def run_action(repo: Path, inputs: Mapping[str, str], base_sha: str, temp: Path) -> Ran:
    action = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    given = {name: spec.get("default", "") for name, spec in action["inputs"].items()}
    unknown = set(inputs) - set(given)
    assert not unknown, unknown
    context: dict[str, Any] = {
        "inputs": {**given, **inputs},
        "github": {"event": {"pull_request": {"base": {"sha": base_sha}}}, "action_ref": "v"},
        "runner": {"os": "Linux", "temp": str(temp)},
        "steps": {},
    }
    temp.mkdir(parents=True, exist_ok=True)
    summary = temp / "summary.md"
    summary.touch()
    ran = Ran()
    for number, step in enumerate(action["runs"]["steps"]):
        name = step.get("name", step.get("uses", ""))
        condition = str(step.get("if", "success()"))
        if not evaluate(condition.removeprefix("${{").removesuffix("}}"), context, ran.failed):
            continue
        if "uses" in step or step.get("id") == "install":
            ran.steps.append(name)
            with_ = {k: substitute(v, context) for k, v in (step.get("with") or {}).items()}
            ran.uses[name] = with_
            continue
        done, outputs = run_step(step, number, repo, temp, context)
        ran.steps.append(name)
        ran.codes[name] = done.returncode
        ran.logs[name] = done.stdout + done.stderr
        if "id" in step:
            context["steps"][step["id"]] = {"outputs": outputs}
    ran.outputs = {k: substitute(v["value"], context) for k, v in action["outputs"].items()}
    ran.summary = summary.read_text(encoding="utf-8")
    return ran


def git(repo: Path, *args: str) -> str:
    identity = ["-c", "user.name=ci", "-c", "user.email=ci@example.org"]
    done = subprocess.run(
        ["git", *identity, *args], cwd=repo, check=True, capture_output=True, text=True
    )
    return done.stdout.strip()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A plans repository at its base commit: two plans and a report."""
    root = tmp_path / "plans-repo"
    (root / "data" / "plans").mkdir(parents=True)
    (root / "data" / "reports").mkdir()
    for name in ("quang-ninh-2017-2020.yaml", "ninh-binh-2017-2020.yaml"):
        shutil.copyfile(PLANS / name, root / "data" / "plans" / name)
    shutil.copyfile(REPORT, root / "data" / "reports" / REPORT.name)
    (root / "README.md").write_text("Plans.\n", encoding="utf-8")
    git(root, "init", "--quiet", "--initial-branch=main")
    git(root, "add", "--all")
    git(root, "commit", "--quiet", "-m", "base")
    return root


def edited(repo: Path, change: str) -> str:
    """Make one edit of the kinds a pull request holds, commit it; the base's commit id."""
    base = git(repo, "rev-parse", "HEAD")
    plans = repo / "data" / "plans"
    if change == "readme":
        (repo / "README.md").write_text("Plans, reviewed.\n", encoding="utf-8")
    elif change == "added":
        shutil.copyfile(PLANS / "lang-son-2017-2020.yaml", plans / "lang-son-2017-2020.yaml")
    elif change == "edited":
        path = repo / QUANG_NINH
        path.write_text(path.read_text(encoding="utf-8").replace('"245,159"', '"245,160"', 1))
    elif change == "report":
        path = repo / "data" / "reports" / REPORT.name
        path.write_text(path.read_text(encoding="utf-8") + "# reviewed\n", encoding="utf-8")
    elif change == "renamed":
        git(repo, "mv", QUANG_NINH, "data/plans/quang-ninh.yaml")
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "-m", change)
    return base


def test_no_plan_changed(repo: Path, tmp_path: Path) -> None:
    base = edited(repo, "readme")
    ran = run_action(repo, {}, base, tmp_path)
    assert not ran.failed, ran.logs
    assert "What the edit changed" in ran.steps
    assert ran.summary == ""
    assert ran.outputs["errors"] == "0"
    assert ran.outputs["base"] == base
    assert Path(ran.outputs["json-report"]).is_file()
    assert ran.outputs["sarif-report"] == ""
    assert "Upload SARIF to code scanning" not in ran.steps


def test_a_plan_added_is_shown(repo: Path, tmp_path: Path) -> None:
    ran = run_action(repo, {"lang": "en"}, edited(repo, "added"), tmp_path)
    assert not ran.failed, ran.logs
    assert "Lạng Sơn" in ran.summary
    assert ran.outputs["errors"] == "0"


def test_a_slipped_edit_fails_after_the_summary_and_the_upload(repo: Path, tmp_path: Path) -> None:
    ran = run_action(repo, {"lang": "en", "sarif": "true"}, edited(repo, "edited"), tmp_path)
    assert ran.codes["Validate"] == 0  # the verdict waits for the summary and the upload
    assert ran.codes["Fail when a plan has an error"] == 1
    assert f"::error file={QUANG_NINH},line=262" in ran.logs["Validate"]
    assert "D101" in ran.logs["Validate"]  # --against: the figure changed without amendment
    assert int(ran.outputs["errors"]) >= 1
    assert "245,160" in ran.summary
    sarif = repo / ran.outputs["sarif-report"]
    assert sarif.is_file()
    assert ran.uses["Upload SARIF to code scanning"]["sarif_file"] == "p135.sarif"


def test_an_edited_report_is_validated(repo: Path, tmp_path: Path) -> None:
    ran = run_action(repo, {}, edited(repo, "report"), tmp_path)
    assert not ran.failed, ran.logs
    assert ran.summary == ""  # a results report has no diff; Validate checked it


def test_a_renamed_plan_is_compared_with_its_old_name(repo: Path, tmp_path: Path) -> None:
    ran = run_action(repo, {"lang": "en"}, edited(repo, "renamed"), tmp_path)
    assert not ran.failed, ran.logs
    assert "data/plans/quang-ninh.yaml" in ran.summary
    assert "quang-ninh-2017-2020.yaml" in ran.summary


def test_a_base_the_checkout_lacks_is_fetched(repo: Path, tmp_path: Path) -> None:
    """actions/checkout's default: one commit, the base not in it."""
    base = edited(repo, "edited")
    git(repo, "config", "uploadpack.allowAnySHA1InWant", "true")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "--quiet", "--depth=1", f"file://{repo}", str(clone))
    ran = run_action(clone, {"lang": "en"}, base, tmp_path / "temp")
    assert ran.codes["The base of the edit"] == 0, ran.logs
    assert "245,160" in ran.summary


def test_no_input_is_pasted_into_a_script() -> None:
    action = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    for step in action["runs"]["steps"]:
        assert "${{" not in step.get("run", ""), step["name"]
