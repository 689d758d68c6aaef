"""The command line reads cleanly: help names, short options, examples, JSON rules, and a
file's extension choosing its format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import PLANS, run_cli, run_process

COMMANDS = ["validate", "timeline", "report", "progress", "schema", "rules", "explain"]


@pytest.mark.parametrize("command", COMMANDS)
def test_help_names_read_as_names_and_show_examples(command: str) -> None:
    ran = run_process([command, "-h"])
    assert ran.code == 0, ran
    assert "<list[" not in ran.out and "{PATH" not in ran.out and "{PLAN" not in ran.out
    assert "Value error" not in ran.out and "<path>" not in ran.out
    assert "Examples:" in ran.out and f"p135 {command}" in ran.out.split("Examples:")[1]


def test_short_options_and_completion() -> None:
    assert run_cli("-V").out.startswith("p135 ")
    top = run_process(["-h"]).out
    assert "--install-completion" in top and "-V, --version" in top and "-h, --help" in top


def test_rules_as_json() -> None:
    data = json.loads(run_cli("rules", "--format", "json").out)
    codes = [rule["code"] for rule in data["rules"]]
    assert data["version"] == 1 and "F101" in codes and len(codes) == len(set(codes))
    assert {"code", "name", "severity", "family", "summary"} <= set(data["rules"][0])


def test_explain_suggests_the_closest_code() -> None:
    ran = run_cli("explain", "F1O1")
    assert ran.code == 2 and "did you mean F101?" in ran.err


@pytest.mark.parametrize(
    ("name", "starts"),
    [("r.xlsx", b"PK"), ("r.csv", b"table,province"), ("r.md", b"<!--"), ("r.json", b"{")],
)
def test_the_output_file_extension_chooses_the_format(
    name: str, starts: bytes, tmp_path: Path
) -> None:
    target = tmp_path / name
    ran = run_cli("report", PLANS, "-o", target)
    assert ran.code == 0, ran
    assert target.read_bytes().lstrip(b"\xef\xbb\xbf").startswith(starts)


def test_a_format_that_contradicts_the_extension_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "r.xlsx"
    ran = run_cli("report", PLANS, "-o", target, "-f", "text")
    assert ran.code == 2 and "contradicts" in ran.err and not target.exists()
    unknown = run_cli("report", PLANS, "-o", tmp_path / "r.dat")
    assert unknown.code == 2 and "give --format" in unknown.err
    assert run_cli("report", PLANS, "-o", tmp_path / "r.dat", "-f", "csv").code == 0


def test_excel_csv_starts_with_a_byte_order_mark_and_is_p135s(tmp_path: Path) -> None:
    target = tmp_path / "kinh-phi.csv"
    assert run_cli("report", PLANS, "-o", target, "--excel").code == 0
    assert target.read_bytes().startswith(
        b"\xef\xbb\xbftable,province,row,column,value,unit,marks\n"
    )
    assert run_cli("report", PLANS, "-o", target, "--excel").code == 0  # replaced: its own
    plain = run_cli("report", PLANS, "-f", "csv").out
    assert plain.startswith("table,province")
