"""Configuration from p135.toml or [tool.p135], found from the working directory upward."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import ROOT, run_cli

CASES = ROOT / "tests" / "rules" / "cases"
OFF_BY_01 = CASES / "F101-fail.yaml"  # sources exceed the total by 0,1
ABOVE_NEED = CASES / "F107-fail.yaml"  # a warning by default


def codes(*args: str | Path) -> tuple[int, list[tuple[str, str]]]:
    ran = run_cli("validate", "-f", "json", *args)
    data = json.loads(ran.out)
    return ran.code, [(f["code"], f["severity"]) for r in data["files"] for f in r["findings"]]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    nested = tmp_path / "plans" / "2017"
    nested.mkdir(parents=True)
    monkeypatch.chdir(nested)
    return tmp_path


def test_no_configuration_is_exact(project: Path) -> None:
    assert codes(OFF_BY_01) == (1, [("F101", "error")])


def test_pyproject_tolerance_and_severity(project: Path) -> None:
    (project / "pyproject.toml").write_text(
        '[tool.p135]\ntolerance = "0.1"\n[tool.p135.rules]\nF107 = "error"\n'
    )
    assert codes(OFF_BY_01) == (0, [])
    assert codes(ABOVE_NEED) == (1, [("F107", "error")])
    ran = run_cli("validate", OFF_BY_01)
    assert f"(configuration: {project / 'pyproject.toml'} [tool.p135])" in ran.out


def test_a_rule_turned_off(project: Path) -> None:
    (project / "p135.toml").write_text('[rules]\nF101 = "off"\n')
    assert codes(OFF_BY_01) == (0, [])


def test_the_command_line_tolerance_wins(project: Path) -> None:
    (project / "p135.toml").write_text('tolerance = "0.1"\n')
    assert codes("--tolerance", "0", OFF_BY_01)[0] == 1


def test_the_nearest_file_wins(project: Path) -> None:
    (project / "p135.toml").write_text('[rules]\nF101 = "off"\n')
    (project / "plans" / "pyproject.toml").write_text('[tool.p135.rules]\nF101 = "warning"\n')
    assert codes(OFF_BY_01) == (0, [("F101", "warning")])


def test_a_pyproject_without_the_table_is_passed_over(project: Path) -> None:
    (project / "plans" / "pyproject.toml").write_text('[project]\nname = "x"\n')
    (project / "p135.toml").write_text('[rules]\nF101 = "off"\n')
    assert codes(OFF_BY_01) == (0, [])


@pytest.mark.parametrize(
    "text",
    [
        '[rules]\nZ999 = "off"\n',
        '[rules]\nF101 = "loud"\n',
        'tolerance = "abc"\n',
        "colour = 1\n",
        "[x",
    ],
)
def test_a_bad_configuration_is_a_usage_error(project: Path, text: str) -> None:
    (project / "p135.toml").write_text(text)
    ran = run_cli("validate", OFF_BY_01)
    assert ran.code == 2 and "configuration" in ran.err and "Traceback" not in ran.err
