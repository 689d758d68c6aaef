"""The Quảng Ninh plan validates, and every one-digit slip in its funding is caught on its line."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from p135cli.checking import check_file, load_plan
from p135cli.findings import Severity
from p135cli.loading import read_file
from p135cli.model import Plan
from p135cli.settings import Limits, Settings

from .conftest import QUANG_NINH, run_cli

LOADED = read_file(QUANG_NINH)
# Every stated amount of the funding section except the 2017 allocation (200,0): no other
# figure restates it, so a slip there cannot be seen by any sum, only by F107 above the need.
FIGURES = sorted(
    pointer
    for pointer in LOADED.values
    if pointer.startswith("/funding/")
    and pointer.endswith("/amount")
    and "/allocated/" not in pointer
)


def test_the_plan_validates_cleanly() -> None:
    ran = run_cli("validate", QUANG_NINH)
    assert ran.code == 0, ran
    assert "✓ valid" in ran.out


def test_the_plan_records_the_decision() -> None:
    checked, findings = load_plan(QUANG_NINH, Limits())
    assert checked is not None and not findings
    plan = checked.plan
    assert isinstance(plan, Plan)
    assert plan.funding is not None and plan.funding.total is not None
    assert plan.funding.total.amount == Decimal("1342.439")
    assert len(plan.funding.sources) == 7
    assert sorted(plan.funding.years) == [2017, 2018, 2019, 2020]
    assert plan.roadmap is not None
    assert (plan.roadmap.goal.communes, plan.roadmap.goal.villages) == (22, 11)
    leaving = {year: (len(y.communes), len(y.villages)) for year, y in plan.roadmap.years.items()}
    assert leaving == {2018: (3, 11), 2019: (13, 0), 2020: (6, 0)}
    assert plan.scope is not None and len(plan.scope.districts) == 7
    assert len(plan.targets) >= 8
    assert len(plan.legal_basis) == 7
    assert [(c.number, c.source) for c in plan.considered] == [("05/TTr-BDT", "Xét đề nghị")]
    [council] = [c for c in plan.legal_basis if c.number == "50/2016/NQ-HĐND"]
    assert (council.issuer, council.session) == (
        "Hội đồng nhân dân tỉnh Quảng Ninh", "khóa XIII, kỳ họp thứ 4"
    )  # fmt: skip


def test_json_follows_the_contract() -> None:
    ran = run_cli("validate", "--format", "json", QUANG_NINH)
    data = json.loads(ran.out)
    assert data["version"] == 1
    assert data["summary"] == {"files": 1, "errors": 0, "warnings": 0, "acknowledged": 0}
    assert data["files"][0]["valid"] is True


def test_there_are_24_checked_figures() -> None:
    assert len(FIGURES) == 24  # total, 7 sources, 4 years, 12 yearly parts


def _slip(text: str, line: int, column: int) -> tuple[str, str]:
    """Change the last digit of the scalar at (line, column) by one unit; return (text, old)."""
    lines = text.split("\n")
    row = lines[line - 1]
    start = column - 1
    end = row.index('"', start + 1) if row[start] == '"' else start
    last = end - 1
    digit = int(row[last])
    new = digit + 1 if digit < 9 else digit - 1
    lines[line - 1] = row[:last] + str(new) + row[last + 1 :]
    return "\n".join(lines), row[start : end + 1]


@pytest.mark.parametrize("pointer", FIGURES)
def test_a_one_digit_slip_is_reported_on_its_line(pointer: str, tmp_path: Path) -> None:
    mark = LOADED.values[pointer]
    text, _ = _slip(QUANG_NINH.read_text(encoding="utf-8"), mark.line, mark.column)
    plan = tmp_path / "slipped.yaml"
    plan.write_text(text, encoding="utf-8")
    result = check_file(plan, Settings(), Limits())
    errors = [f for f in result.findings if f.severity is Severity.ERROR]
    assert not result.valid(), f"{pointer}: the slip was not caught"
    assert [f.code for f in errors] == ["F100"]  # the wrong figure is named, not just a sum
    named = errors[0]
    places = [named.location] + [r.location for r in named.related if r.role == "alternative"]
    # Where several figures could each explain the failures (sources that always appear
    # together), the one finding names the others; the slipped one is always among them.
    assert pointer in [p.pointer for p in places if p], f"{pointer}: {named.message}"
    assert mark.line in [p.line for p in places if p]
