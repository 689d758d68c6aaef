"""`validate -o FILE` writes the report whole; `-` reads one plan from standard input."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import QUANG_NINH, run_cli, run_process


def test_validate_writes_its_report_to_a_file_and_may_replace_it(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    first = run_cli("validate", "-f", "json", "-o", target, QUANG_NINH)
    assert first.code == 0 and first.out == "" and "wrote" in first.err
    assert json.loads(target.read_text())["summary"]["files"] == 1
    again = run_cli("validate", "-f", "json", "-o", target, QUANG_NINH)  # its own file
    assert again.code == 0, again
    other = tmp_path / "notes.json"
    other.write_text('{"mine": true}')
    refused = run_cli("validate", "-f", "json", "-o", other, QUANG_NINH)
    assert refused.code == 2 and json.loads(other.read_text()) == {"mine": True}


def test_validate_never_writes_over_a_plan(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_bytes(QUANG_NINH.read_bytes())
    ran = run_cli("validate", "-o", plan, "--force", plan)
    assert ran.code == 2 and plan.read_bytes() == QUANG_NINH.read_bytes()


def test_a_plan_from_standard_input_is_named_as_asked() -> None:
    slipped = QUANG_NINH.read_bytes().replace(b'"245,159"', b'"245,160"')
    ran = run_process(
        ["validate", "-", "--stdin-filename", "data/plans/qn.yaml", "-f", "json"], stdin=slipped
    )
    data = json.loads(ran.out)
    assert ran.code == 1 and data["files"][0]["path"] == "data/plans/qn.yaml"
    [error] = [f for f in data["files"][0]["findings"] if f["severity"] == "error"]
    assert error["line"] == 262
    clean = run_process(["validate", "-"], stdin=QUANG_NINH.read_bytes())
    assert clean.code == 0 and clean.out.startswith("-  ✓ valid"), clean
