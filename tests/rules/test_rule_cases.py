"""Every rule's passing and failing cases, kept as data in `cases/`.

A case is a small plan. Its leading comments say what it must produce, in full and in order:

    # expect: F101@8:7:error F100@11:26:error   (code@line:column:severity of every finding
                                                 not acknowledged; `none` for none)
    # acknowledged: F101@8:7:error               (the findings the plan acknowledges)
    # rules: F100=info T102=off                  (the configuration's rule levels)
    # strict: true                               (--strict)
    # units: units/x.csv 17/01/2017              (--units FILE --units-date DATE: the
                                                  user's own list of administrative units)
    # tolerance: 0.1                             (amount tolerance)
    # plan: data/plans/x.yaml                    (the case is a results report, checked
                                                  against this plan)
    # base: bases/x.yaml                         (the case is an edit of this plan, checked
                                                  as `validate --against` checks it: D103 is
                                                  an error by default; `none`: the revision
                                                  has no such file)

A case with an extra, a missing or a misplaced finding fails, and so does a message template
of a rule that no case produces.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from p135cli.checking import Edited, check_file, check_paths, check_report, load_plan
from p135cli.config import LEVELS
from p135cli.edit import Base, edited
from p135cli.findings import FileResult, Finding
from p135cli.model import Plan
from p135cli.places import OwnList
from p135cli.rules import ALL_RULES
from p135cli.rules.amendments import against_settings
from p135cli.rules.base import Rule
from p135cli.settings import Limits, Settings
from p135cli.units_file import own_list

ROOT = Path(__file__).resolve().parents[2]
CASES = sorted((Path(__file__).parent / "cases").glob("*.yaml"))


def header(path: Path) -> dict[str, str]:
    fields: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("# "):
            break
        key, _, value = line[2:].partition(":")
        fields[key.strip()] = value.strip()
    return fields


def entries(text: str) -> list[str]:
    return [] if text in ("", "none") else text.split()


def settings_of(fields: dict[str, str]) -> Settings:
    levels = dict(item.split("=") for item in entries(fields.get("rules", "")))
    return Settings(
        tolerance=Decimal(fields.get("tolerance", "0")),
        disabled=frozenset(code for code, level in levels.items() if level == "off"),
        severities={code: LEVELS[level] for code, level in levels.items() if level != "off"},
        strict=fields.get("strict") == "true",
        units=_units(fields.get("units")),
    )


def _units(given: str | None) -> OwnList | None:
    if given is None:
        return None
    path, date = given.split()
    return own_list(Path(__file__).parent / path, date, "# units")


def outcome(case: Path) -> FileResult:
    """The case checked afresh. Never cached: mutation testing runs, for each mutant, the
    tests that ran its function, and a cached outcome credits only the first test to ask for
    it (a message test after it would never run against the mutant)."""
    fields = header(case)
    if "plan" in fields:
        plan, _ = load_plan(ROOT / fields["plan"], Limits())
        assert plan is not None and isinstance(plan.plan, Plan)
        return check_report(case, plan.plan, settings_of(fields))[1]
    if "base" not in fields:
        return check_file(case, settings_of(fields), Limits())
    settings = against_settings(settings_of(fields))
    against = BaseGiven(base_of(case, fields["base"]))
    return check_paths([case], settings, Limits(), against=against).files[0]


@dataclass(frozen=True)
class BaseGiven:
    """The edit's base as given, not read from git: the file is checked with its edit as
    `validate --against` checks it."""

    base: Base

    def of(self, path: Path, settings: Settings, limits: Limits) -> Edited:
        new, _ = load_plan(path, limits)
        assert new is not None
        return edited(self.base, new, settings)

    def summary(self) -> dict[str, Any]:
        return {}


def base_of(case: Path, named: str) -> Base:
    """The edit's base: a plan of `bases/`, or none (a new plan)."""
    if named == "none":
        return Base(None, "HEAD", "0" * 40, case.name, "new")
    base, _ = load_plan(case.parent.parent / named, Limits())
    return Base(base, "HEAD", "0" * 40, named, "compared" if base else "unread")


def entry(finding: Finding) -> str:
    location = finding.location
    where = f"{location.line}:{location.column}" if location else "?"
    return f"{finding.code}@{where}:{finding.severity}"


@pytest.mark.parametrize("case", CASES, ids=[case.stem for case in CASES])
def test_case(case: Path) -> None:
    fields = header(case)
    assert "expect" in fields, f"{case.name} has no '# expect:' line"
    result = outcome(case)
    detail = "\n".join(f"{entry(f)}: {f.message}" for f in result.findings)
    found = [entry(f) for f in result.findings if not f.acknowledged]
    acknowledged = [entry(f) for f in result.findings if f.acknowledged]
    assert found == entries(fields["expect"]), detail
    assert acknowledged == entries(fields.get("acknowledged", "")), detail


@pytest.mark.parametrize(
    "rule", [r for r in ALL_RULES if r.check is not None], ids=lambda r: r.code
)
def test_every_rule_has_passing_and_failing_cases(rule: Rule[Any]) -> None:
    code = rule.code
    names = {case.stem for case in CASES}
    assert any(name.startswith(f"{code}-pass") for name in names), f"no passing case for {code}"
    assert any(name.startswith(f"{code}-fail") for name in names), f"no failing case for {code}"


def _produced() -> Iterator[tuple[str, str]]:
    for case in CASES:
        for finding in outcome(case).findings:
            yield finding.code, finding.template


TEMPLATED = [r for r in ALL_RULES if r.family not in ("file", "schema")]
"""Rules whose findings come from their own templates; the file and schema codes carry the
loader's and the schema layer's text, which the corpus and the loader tests cover."""


@pytest.mark.parametrize("rule", TEMPLATED, ids=lambda r: r.code)
def test_every_message_template_is_produced_by_a_case(rule: Rule[Any]) -> None:
    produced = {template for code, template in _produced() if code == rule.code}
    missing = set(rule.messages) - produced
    assert not missing, f"{rule.code}: no case produces the message(s) {sorted(missing)}"
