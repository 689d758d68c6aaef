"""The engine applies the configuration, --strict, acknowledgements and explanations once, so
that every output of one run tells the same verdict."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import ROOT, run_cli

CASES = ROOT / "tests" / "rules" / "cases"
ABOVE_NEED = CASES / "F107-fail.yaml"  # one warning
SLIPPED = CASES / "F100-fail.yaml"  # F100 explains F101 and F104
ACKNOWLEDGED = CASES / "A001-pass.yaml"


@pytest.fixture(autouse=True)
def no_configuration(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_strict_makes_header_summary_json_and_exit_code_agree() -> None:
    text = run_cli("validate", "--strict", ABOVE_NEED)
    assert text.code == 1
    assert "✗ 1 error" in text.out and "1 file checked: 1 error, 0 warnings" in text.out
    ran = run_cli("validate", "--strict", "-f", "json", ABOVE_NEED)
    data = json.loads(ran.out)
    assert ran.code == 1
    assert [f["severity"] for f in data["files"][0]["findings"]] == ["error"]
    assert data["summary"] == {"files": 1, "errors": 1, "warnings": 0, "acknowledged": 0}
    assert data["files"][0]["valid"] is False
    assert data["config"]["strict"] is True
    github = run_cli("validate", "--strict", "-f", "github", ABOVE_NEED)
    assert github.out.startswith("::error ") and "1 error(s), 0 warning(s)" in github.out


def test_without_strict_a_warning_passes() -> None:
    ran = run_cli("validate", "-f", "json", ABOVE_NEED)
    data = json.loads(ran.out)
    assert ran.code == 0 and data["summary"]["warnings"] == 1 and data["files"][0]["valid"]


def codes(*args: str | Path) -> tuple[int, list[tuple[str, str]]]:
    ran = run_cli("validate", "-f", "json", *args)
    data = json.loads(ran.out)
    return ran.code, [(f["code"], f["severity"]) for f in data["files"][0]["findings"]]


def test_f100_explains_the_sums_it_breaks() -> None:
    assert codes(SLIPPED) == (1, [("F100", "error")])


@pytest.mark.parametrize("level", ["info", "warning"])
def test_an_f100_turned_down_hides_no_failing_sum(level: str, no_configuration: Path) -> None:
    (no_configuration / "p135.toml").write_text(f'[rules]\nF100 = "{level}"\n')
    code, found = codes(SLIPPED)
    assert code == 1  # was a false pass: "✓ valid" with every sum failing
    assert found == [("F101", "error"), ("F100", level), ("F104", "error")]


def test_sums_turned_down_with_f100_stay_explained(no_configuration: Path) -> None:
    (no_configuration / "p135.toml").write_text(
        '[rules]\nF100 = "warning"\nF101 = "warning"\nF104 = "info"\n'
    )
    assert codes(SLIPPED) == (0, [("F100", "warning")])


def test_f100_off_shows_the_sums(no_configuration: Path) -> None:
    (no_configuration / "p135.toml").write_text('[rules]\nF100 = "off"\n')
    assert codes(SLIPPED) == (1, [("F101", "error"), ("F104", "error")])


def test_every_code_can_be_configured_but_the_file_level_ones(no_configuration: Path) -> None:
    (no_configuration / "p135.toml").write_text('[rules]\nA001 = "error"\nY006 = "warning"\n')
    assert run_cli("validate", ACKNOWLEDGED).code == 0
    (no_configuration / "p135.toml").write_text('[rules]\nY002 = "off"\n')
    ran = run_cli("validate", ACKNOWLEDGED)
    assert ran.code == 2
    assert "p135.toml: rules.Y002: cannot be changed" in ran.err


def test_an_acknowledgement_of_a_rule_turned_off_is_not_stale(no_configuration: Path) -> None:
    (no_configuration / "p135.toml").write_text('[rules]\nF101 = "off"\n')
    assert codes(ACKNOWLEDGED) == (0, [])


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("[rules]\nF101 = []\n", "rules.F101"),
        ('[rules]\nF101 = "loud"\n', "rules.F101"),
        ("tolerance = [1]\n", "tolerance"),
        ("tolerance = true\n", "tolerance"),
        ("rules = 3\n", "'rules'"),
    ],
)
def test_configuration_values_of_the_wrong_type_name_the_key(
    text: str, says: str, no_configuration: Path
) -> None:
    (no_configuration / "p135.toml").write_text(text)
    ran = run_cli("validate", ACKNOWLEDGED)
    assert ran.code == 2 and says in ran.err and "internal error" not in ran.err, ran


def test_a_pyproject_whose_tool_is_not_a_table_is_a_configuration_error(
    no_configuration: Path,
) -> None:
    (no_configuration / "pyproject.toml").write_text('tool = "x"\n')
    ran = run_cli("validate", ACKNOWLEDGED)
    assert ran.code == 2 and "pyproject.toml: 'tool' must be a table" in ran.err, ran


def test_config_names_a_file_and_isolated_skips_it(no_configuration: Path) -> None:
    (no_configuration / "p135.toml").write_text('[rules]\nF107 = "error"\n')
    other = no_configuration / "elsewhere.toml"
    other.write_text('[rules]\nF107 = "off"\n')
    assert codes(ABOVE_NEED) == (1, [("F107", "error")])
    assert codes("--config", other, ABOVE_NEED) == (0, [])
    assert codes("--isolated", ABOVE_NEED) == (0, [("F107", "warning")])
    data = json.loads(run_cli("validate", "-f", "json", "--config", other, ABOVE_NEED).out)
    assert data["config"] == {
        "file": str(other),
        "tolerance": "0",
        "strict": False,
        "rules": {"F107": "off"},
    }
    ran = run_cli("validate", "--config", other, "--isolated", ABOVE_NEED)
    assert ran.code == 2 and "contradict" in ran.err
    missing = run_cli("validate", "--config", no_configuration / "nope.toml", ABOVE_NEED)
    assert missing.code == 2 and "no such file" in missing.err


def test_views_use_the_configuration_too(no_configuration: Path) -> None:
    (no_configuration / "p135.toml").write_text('[rules]\nY006 = "warning"\n')
    other = no_configuration / "bad.toml"
    other.write_text('[rules]\nF101 = "loud"\n')
    ran = run_cli("timeline", "--config", other, ROOT / "data/plans/quang-ninh-2017-2020.yaml")
    assert ran.code == 2 and "rules.F101" in ran.err


KNOCK_ON = ROOT / "tests" / "rules" / "cases" / "Y003-fail-knock-on.yaml"


def test_a_sum_a_duplicate_key_breaks_says_so_and_offers_no_acknowledgement() -> None:
    ran = run_cli("validate", "--isolated", "-f", "json", KNOCK_ON)
    found = json.loads(ran.out)["files"][0]["findings"]
    assert [f["code"] for f in found] == ["Y003", "F102"]  # the cause first
    assert found[1]["suggested_acknowledgement"] is None
    text = run_cli("validate", "--isolated", KNOCK_ON).out
    assert "hint: this may follow from the duplicate key at line 17: fix that first" in text
    assert "acknowledge:" not in text


def test_a_rule_turned_off_is_dropped_by_the_engine(no_configuration: Path) -> None:
    """The engine alone applies `off`: a rule runs whatever its level, and its findings are
    dropped here, so no other place can forget to."""
    from p135cli.engine import conclude
    from p135cli.findings import Finding, Severity
    from p135cli.i18n import Message
    from p135cli.settings import Settings

    finding = Finding("F101", "sources-sum-to-total", Severity.ERROR, Message("x"))
    assert conclude([finding], Settings(disabled=frozenset({"F101"}))) == []
    assert conclude([finding], Settings()) == [finding]
