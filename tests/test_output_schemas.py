"""The JSON contracts: `validate --format json` and `diff --format json` against the schemas
shipped in data/schemas/ (`validate-output.schema.json`, `diff-output.schema.json`).

Every JSON output the suite makes is checked: every rule case, the shipped plans and report,
a run with `--against` and standard input, the diff goldens, each shipped plan compared with
itself and with a slip, and a NEW that cannot be compared (the same keys, empty or null). The
shipped schemas let a later p135 add keys (they only describe); here each object is also held
to the keys its schema names, so that no key goes undocumented.
"""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from .conftest import GOLDEN, PLANS, ROOT, run_cli

jsonschema = pytest.importorskip("jsonschema")

SCHEMAS = ROOT / "data" / "schemas"
CASES = ROOT / "tests" / "rules" / "cases"
REPORTS = ROOT / "data" / "reports"


def closed(schema: Any) -> Any:
    """The schema with every object limited to the keys it names."""
    if isinstance(schema, dict):
        schema = {key: closed(value) for key, value in schema.items()}
        if "properties" in schema and "additionalProperties" not in schema:
            schema["additionalProperties"] = False
    elif isinstance(schema, list):
        schema = [closed(value) for value in schema]
    return schema


@cache
def validator(name: str) -> Any:
    schema = json.loads((SCHEMAS / f"{name}-output.schema.json").read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    assert cls is jsonschema.Draft202012Validator
    cls.check_schema(schema)
    return cls(closed(copy.deepcopy(schema)))


def assert_valid(name: str, data: Any) -> None:
    errors = sorted(validator(name).iter_errors(data), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])


def validated(*args: str | Path) -> dict[str, Any]:
    ran = run_cli("validate", "--format", "json", "--no-cache", *args)
    assert ran.code in (0, 1), ran
    data: dict[str, Any] = json.loads(ran.out)
    assert_valid("validate", data)
    return data


def diffed(old: str | Path, new: str | Path) -> dict[str, Any]:
    ran = run_cli("diff", "--format", "json", old, new)
    assert ran.code in (0, 1), ran
    data: dict[str, Any] = json.loads(ran.out)
    assert_valid("diff", data)
    return data


def test_every_rule_case_and_shipped_file() -> None:
    data = validated(CASES, PLANS, REPORTS)
    assert data["version"] == 1 and data["contract"] == 4
    findings = [f for file in data["files"] for f in file["findings"]]
    assert {f["severity"] for f in findings} == {"error", "warning", "info"}
    assert any(f["suggested_acknowledgement"] for f in findings)
    assert any(f["related"] for f in findings)


@pytest.mark.parametrize("case", sorted(p.name for p in CASES.glob("*.yaml")))
def test_each_rule_case_alone(case: str) -> None:
    validated(CASES / case, "--show-acknowledged", "--lang", "vi")


def test_against_and_standard_input(tmp_path: Path) -> None:
    shutil.copyfile(PLANS / "quang-ninh-2017-2020.yaml", tmp_path / "plan.yaml")
    identity = ["-c", "user.name=ci", "-c", "user.email=ci@example.org"]
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "base"]):
        subprocess.run(["git", *identity, *args], cwd=tmp_path, check=True, capture_output=True)
    plan = tmp_path / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace('"245,159"', '"245,160"', 1))
    shutil.copyfile(PLANS / "lang-son-2017-2020.yaml", tmp_path / "new.yaml")
    data = validated("--against", "HEAD", plan, tmp_path / "new.yaml")
    assert {f["status"] for f in data["against"]["files"]} == {"compared", "new"}
    assert data["against"]["commit"]


@pytest.mark.parametrize("golden", sorted(p.name for p in (GOLDEN / "diff").glob("*.json")))
def test_the_diff_goldens(golden: str) -> None:
    assert_valid("diff", json.loads((GOLDEN / "diff" / golden).read_text(encoding="utf-8")))


@pytest.mark.parametrize("plan", sorted(p.name for p in PLANS.glob("*.yaml")))
def test_each_shipped_plan_through_diff(plan: str, tmp_path: Path) -> None:
    assert diffed(PLANS / plan, PLANS / plan)["changes"] == []
    slipped = tmp_path / plan
    text = (PLANS / plan).read_text(encoding="utf-8")
    slipped.write_text(text.replace("amount: ", "amount: 1", 1), encoding="utf-8")
    diffed(PLANS / plan, slipped)  # compared, or not where the 1 breaks the figure's form


def test_a_new_that_cannot_be_compared_keeps_the_shape(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("province: [\n", encoding="utf-8")
    data = diffed(PLANS / "quang-ninh-2017-2020.yaml", broken)
    assert data["compared"] is False
    assert data["sums"]["failing_after"] == [] and data["sums"]["hold_after"] is None
    assert data["money"] is None and data["changes"] == []


def keys_of(schema: Any) -> set[str]:
    found: set[str] = set()
    if isinstance(schema, dict):
        found |= set(schema.get("properties", {}))
        for value in schema.values():
            found |= keys_of(value)
    elif isinstance(schema, list):
        for value in schema:
            found |= keys_of(value)
    return found


@pytest.mark.parametrize("name", ["validate", "diff"])
def test_the_readme_documents_every_key(name: str) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    schema = json.loads((SCHEMAS / f"{name}-output.schema.json").read_text(encoding="utf-8"))
    assert sorted(key for key in keys_of(schema) if f"`{key}`" not in readme) == []
