"""Every rule's passing and failing cases, kept as data in `cases/`.

A case is a small plan. Its leading comments say what it must produce:

    # expect: F101@8 F100@11     (code@line of each unacknowledged finding; `none` for none)
    # acknowledged: F101@8       (findings the plan acknowledges)
    # disable: F100              (rules turned off for this case)
    # tolerance: 0.1             (amount tolerance)
    # plan: data/plans/x.yaml    (the case is a results report, checked against this plan)
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from p135cli.checking import check_file, check_report, load_plan
from p135cli.loading import Limits
from p135cli.model import Plan
from p135cli.rules import ALL_RULES
from p135cli.rules.base import Rule, Settings

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


def marks(text: str) -> set[str]:
    return set() if text in ("", "none") else set(text.split())


def settings_of(fields: dict[str, str]) -> Settings:
    return Settings(
        tolerance=Decimal(fields.get("tolerance", "0")),
        disabled=frozenset(marks(fields.get("disable", ""))),
    )


@pytest.mark.parametrize("case", CASES, ids=[case.stem for case in CASES])
def test_case(case: Path) -> None:
    fields = header(case)
    assert "expect" in fields, f"{case.name} has no '# expect:' line"
    if "plan" in fields:
        plan, _ = load_plan(ROOT / fields["plan"], Limits())
        assert plan is not None and isinstance(plan.plan, Plan)
        _, result = check_report(case, plan.plan, settings_of(fields))
    else:
        result = check_file(case, settings_of(fields), Limits())
    found = {
        f"{f.code}@{f.location.line}" for f in result.findings if f.location and not f.acknowledged
    }
    acknowledged = {
        f"{f.code}@{f.location.line}" for f in result.findings if f.location and f.acknowledged
    }
    detail = "\n".join(
        f"{f.code}@{f.location.line if f.location else '?'}: {f.message}" for f in result.findings
    )
    assert found == marks(fields["expect"]), detail
    assert acknowledged == marks(fields.get("acknowledged", "")), detail


@pytest.mark.parametrize(
    "rule", [r for r in ALL_RULES if r.check is not None], ids=lambda r: r.code
)
def test_every_rule_has_passing_and_failing_cases(rule: Rule[Any]) -> None:
    code = rule.code
    names = {case.stem for case in CASES}
    assert any(name.startswith(f"{code}-pass") for name in names), f"no passing case for {code}"
    assert any(name.startswith(f"{code}-fail") for name in names), f"no failing case for {code}"
