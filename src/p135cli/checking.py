"""The validate pipeline: path -> located tree -> Plan -> rules -> findings.

Library code: it never prints and never exits. The CLI builds the settings and a renderer
and runs this in between.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from p135cli.findings import FileResult, Finding, Location, Related, RunResult
from p135cli.loading import Limits, Loaded, LoadError, Problem, read_file
from p135cli.model import Plan
from p135cli.numbers import NumberStyle
from p135cli.rules import BY_CODE, PLAN_RULES, acknowledgements
from p135cli.rules.base import Context, Settings
from p135cli.rules.structure import NOT_A_PLAN
from p135cli.schema_errors import schema_findings

PLAN_SUFFIXES = (".yaml", ".yml")


class UsageProblem(Exception):
    """A problem with how p135 was called (a path that does not exist): exit code 2."""


@dataclass(frozen=True)
class Checked:
    """A plan that loaded and matched the schema, with its findings."""

    plan: Plan
    loaded: Loaded
    findings: list[Finding]


def discover(paths: Sequence[Path]) -> list[Path]:
    """The plan files named, with folders searched for `*.yaml` and `*.yml`."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            plans = sorted(p for p in path.rglob("*") if p.suffix in PLAN_SUFFIXES and p.is_file())
            if not plans:  # in CI an empty folder passing silently would hide a wrong path
                raise UsageProblem(f"no *.yaml or *.yml files in the folder {path}")
            found.extend(plans)
        elif path.exists() or path.is_symlink():
            found.append(path)
        else:
            raise UsageProblem(f"no such file or folder: {path}")
    return found


def problem_finding(problem: Problem) -> Finding:
    rule = BY_CODE[problem.code]
    context = Context(Loaded(root=None))
    context.loaded.values[""] = problem.mark
    extra = [Related(Location(m.line, m.column), role) for m, role in problem.related]
    return rule.finding(context, "text", "", text=problem.message, hint=problem.hint, related=extra)


def load_plan(path: Path, limits: Limits) -> tuple[Checked | None, list[Finding]]:
    """Read and match one file to the schema; findings if it cannot be done."""
    try:
        loaded = read_file(path, limits)
    except LoadError as error:
        return None, [problem_finding(error.problem)]
    problems = [problem_finding(p) for p in loaded.problems]
    if not isinstance(loaded.root, dict):
        what = "nothing" if loaded.root is None else "a single value or a list"
        text = f"the file holds {what}, not a plan (a mapping of keys such as 'province:')"
        return None, [*problems, NOT_A_PLAN.finding(Context(loaded), "text", "", text=text)]
    try:
        plan = Plan.model_validate(loaded.root, context={"number_style": _style(loaded.root)})
    except ValidationError as error:
        return None, problems + schema_findings(error, loaded)
    return Checked(plan, loaded, []), problems


def _style(root: dict[str, Any]) -> NumberStyle | None:
    value = root.get("number_style")
    return NumberStyle(value) if value in ("vi", "en") else None


def run_rules(plan: Plan, loaded: Loaded, settings: Settings) -> list[Finding]:
    context = Context(loaded, settings)
    findings = [finding for rule in PLAN_RULES for finding in rule.run(plan, context)]
    return acknowledgements.apply(plan, context, findings)


def check_file(
    path: Path, settings: Settings, limits: Limits, shown: str | None = None
) -> FileResult:
    checked, findings = load_plan(path, limits)
    if checked is not None:
        findings += run_rules(checked.plan, checked.loaded, settings)
    findings.sort(key=lambda f: f.sort_key)
    return FileResult(shown or str(path), findings)


def check_paths(
    paths: Iterable[Path], settings: Settings | None = None, limits: Limits | None = None
) -> RunResult:
    settings, limits = settings or Settings(), limits or Limits()
    files = [check_file(path, settings, limits) for path in discover(list(paths))]
    return RunResult(files)
