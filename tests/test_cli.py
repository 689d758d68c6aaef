"""The command-line contract: commands, formats and exit codes (0 clean, 1 errors, 2 usage)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from p135cli.rules import ALL_RULES
from p135cli.rules.base import Rule
from p135cli.schema import plan_schema_text

from .conftest import PLANS, QUANG_NINH, ROOT, run_cli, run_process

CASES = ROOT / "tests" / "rules" / "cases"
FAILING = CASES / "F101-fail.yaml"
WARNING_ONLY = CASES / "F107-fail.yaml"
ACKNOWLEDGED = CASES / "A001-pass.yaml"


@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_clean_plan_exits_0(fmt: str) -> None:
    assert run_cli("validate", "--format", fmt, QUANG_NINH).code == 0


@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_errors_exit_1(fmt: str) -> None:
    ran = run_cli("validate", "--format", fmt, FAILING)
    assert ran.code == 1, ran
    assert "F101" in ran.out


@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_missing_path_exits_2(fmt: str, tmp_path: Path) -> None:
    ran = run_cli("validate", "--format", fmt, tmp_path / "nope.yaml")
    assert ran.code == 2 and "no such file" in ran.err


def test_unknown_option_exits_2() -> None:
    assert run_cli("validate", "--bogus", QUANG_NINH).code == 2


def test_unknown_format_exits_2() -> None:
    assert run_cli("validate", "--format", "xml", QUANG_NINH).code == 2


def test_bad_tolerance_exits_2() -> None:
    ran = run_cli("validate", "--tolerance", "abc", QUANG_NINH)
    assert ran.code == 2 and "--tolerance" in ran.err


WHOLE_OPTIONS = [
    (["validate", "--max-bytes"], 1, 1_000_000_000),
    (["validate", "--max-depth"], 1, 1_000),
    (["validate", "--max-nodes"], 1, 100_000_000),
    (["validate", "--max-digits"], 1, 100),
    (["validate", "--jobs"], 1, 9_999),
    (["timeline", "--width"], 40, 10_000),
    (["report", "--width"], 40, 10_000),
    (["progress", "--width"], 40, 10_000),
]
"""Every whole-number option of every command, with its range."""

NOT_WHOLE = ["99999999999999999999999", "9" * 5000, "١", "٦٤", "１", "1_000", "+5", " 5", "5.0", ""]
"""Too large for what reads a file (an OverflowError once), beyond int()'s 4,300 digits, and
what int() reads but a plan's figure may not hold: other scripts' digits, underscores, signs,
blanks."""


def operands(command: list[str]) -> list[Path]:
    """What the command checks or shows: Quảng Ninh's plan (and its report, for progress)."""
    report = ROOT / "data" / "reports" / "quang-ninh-2018-06.yaml"
    return [QUANG_NINH, report] if command[0] == "progress" else [QUANG_NINH]


@pytest.mark.parametrize(("command", "least", "most"), WHOLE_OPTIONS, ids=str)
@pytest.mark.parametrize("value", ["below", "above", *NOT_WHOLE])
def test_a_whole_number_option_takes_the_digits_0_9_within_its_range(
    command: list[str], least: int, most: int, value: str
) -> None:
    given = {"below": str(least - 1), "above": str(most + 1)}.get(value, value)
    ran = run_cli(*command, given, *operands(command))
    assert ran.code == 2, ran
    assert ran.err.endswith(
        f"'{given}': give a whole number from {least} to {most}, in the digits 0-9\n"
    ), ran
    assert "internal error" not in ran.err and "Traceback" not in ran.err


@pytest.mark.parametrize(("command", "least", "most"), WHOLE_OPTIONS, ids=str)
def test_a_whole_number_option_takes_both_ends_of_its_range(
    command: list[str], least: int, most: int
) -> None:
    for value in (least, most):  # `--max-bytes 1` is accepted, and the plan is too large
        ran = run_cli(*command, str(value), *operands(command))
        assert ran.code in (0, 1) and ran.err == "", ran


@pytest.mark.parametrize("command", [["validate"], ["diff", QUANG_NINH]])
@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("١", "'١' holds ARABIC-INDIC DIGIT ONE (U+0661): write numbers with the digits 0-9"),
        ("0.١", "'0.١' holds ARABIC-INDIC DIGIT ONE (U+0661): write numbers with the digits 0-9"),
        ("１", "'１' holds FULLWIDTH DIGIT ONE (U+FF11): write numbers with the digits 0-9"),
        ("1_0", "'1_0' is not a decimal number such as 0.001"),
        ("1e-3", "'1e-3' is not a decimal number such as 0.001"),
        ("Infinity", "'Infinity' is not a decimal number such as 0.001"),
        ("0,1", "'0,1' is not a decimal number such as 0.001"),
    ],
)
def test_tolerance_takes_the_digits_a_plan_takes(
    command: list[str | Path], value: str, reason: str
) -> None:
    """Decimal() reads `١` as 1: the tolerance is read as a plan's plain figures are."""
    ran = run_cli(*command, "--tolerance", value, FAILING)
    assert (ran.code, ran.err) == (2, f"p135: --tolerance: {reason}\n"), ran


def test_tolerance_lets_a_small_difference_pass() -> None:
    assert run_cli("validate", "--tolerance", "0.1", FAILING).code == 0
    assert run_cli("validate", "--tolerance", "0.05", FAILING).code == 1


def test_text_report_places_and_quantifies() -> None:
    ran = run_cli("validate", FAILING)
    assert f"{FAILING}:8:" in ran.out
    assert "expected 10,0, found 10,1, difference +0,1" in ran.out
    assert "1 file checked: 1 error, 0 warnings, 0 acknowledged" in ran.out


def test_json_finding_fields() -> None:
    data = json.loads(run_cli("validate", "-f", "json", FAILING).out)
    (finding,) = data["files"][0]["findings"]
    assert finding == {
        "code": "F101",
        "rule": "sources-sum-to-total",
        "severity": "error",
        "message": finding["message"],
        "line": 8,
        "column": 19,
        "pointer": "/funding/total/amount",
        "expected": "10.0",
        "actual": "10.1",
        "difference": "0.1",
        "related": [
            {"line": 10, "column": 26, "pointer": "/funding/sources/a/amount", "role": "part"},
            {"line": 11, "column": 26, "pointer": "/funding/sources/b/amount", "role": "part"},
        ],
        "acknowledged": False,
        "suggested_acknowledgement": (
            '{rule: F101, pointer: /funding/total/amount, expected: "10,0", found: "10,1"}'
        ),
        "hint": None,
        "suggestions": [],
        "became": None,
    }
    assert data["summary"] == {"files": 1, "errors": 1, "warnings": 0, "acknowledged": 0}
    assert data["files"][0]["valid"] is False


def test_github_annotations() -> None:
    ran = run_cli("validate", "-f", "github", FAILING)
    line = ran.out.splitlines()[0]
    assert line.startswith(
        f"::error file={FAILING},line=8,col=19,title=F101 sources-sum-to-total::"
    )


def test_acknowledged_findings_do_not_fail() -> None:
    ran = run_cli("validate", "-f", "json", ACKNOWLEDGED)
    data = json.loads(ran.out)
    assert ran.code == 0
    assert data["summary"]["acknowledged"] == 1 and data["summary"]["errors"] == 0
    assert data["files"][0]["findings"][0]["acknowledged"] is True
    quiet = run_cli("validate", "-f", "github", ACKNOWLEDGED).out  # nothing needs action
    assert "::" not in quiet and quiet.startswith("p135: 1 file(s)")
    assert (
        "::notice " in run_cli("validate", "-f", "github", "--show-acknowledged", ACKNOWLEDGED).out
    )


def test_warnings_fail_only_with_strict() -> None:
    assert run_cli("validate", WARNING_ONLY).code == 0
    assert run_cli("validate", "--strict", WARNING_ONLY).code == 1


def test_directories_are_searched() -> None:
    data = json.loads(run_cli("validate", "-f", "json", PLANS).out)
    assert [f["path"] for f in data["files"]] == [str(p) for p in sorted(PLANS.glob("*.yaml"))]


def test_internal_errors_show_no_traceback_unless_debug(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **options: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("p135cli.checking.check_paths", broken)
    ran = run_cli("validate", QUANG_NINH)
    assert ran.code == 2 and "internal error" in ran.err and "Traceback" not in ran.err
    with pytest.raises(RuntimeError):
        run_cli("validate", "--debug", QUANG_NINH)


def test_schema_check_passes_on_the_committed_schema() -> None:
    ran = run_cli("schema", "--check", "-o", ROOT / "data" / "schemas" / "plan.schema.json")
    assert ran.code == 0, ran


def test_schema_check_fails_when_out_of_date(tmp_path: Path) -> None:
    stale = tmp_path / "plan.schema.json"
    stale.write_text('{"$comment": "Generated by p135 schema", "old": true}\n')
    assert run_cli("schema", "--check", "-o", stale).code == 1
    assert run_cli("schema", "-o", stale).code == 0
    assert stale.read_text(encoding="utf-8") == plan_schema_text()
    assert run_cli("schema", "--check", "-o", stale).code == 0


def test_schema_has_both_languages() -> None:
    schema = json.loads(plan_schema_text())
    description = schema["$defs"]["Funding"]["properties"]["total"]["description"]
    assert description == "Total — Tổng kinh phí"


def test_rules_lists_every_rule() -> None:
    out = run_cli("rules").out
    assert all(rule.code in out and rule.name in out for rule in ALL_RULES)


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda r: r.code)
def test_explain_prints_passing_and_failing_examples(rule: Rule[Any]) -> None:
    ran = run_cli("explain", rule.code)
    assert ran.code == 0
    assert "Passing" in ran.out and "Failing" in ran.out


def test_explain_by_name_and_unknown() -> None:
    assert "F101" in run_cli("explain", "sources-sum-to-total").out
    assert run_cli("explain", "Z999").code == 2


def test_module_entry_point_and_version() -> None:
    ran = run_process(["--version"])
    assert ran.code == 0 and ran.out.startswith("p135 ")


def test_validate_never_imports_pandas_or_what_only_other_commands_need() -> None:
    code = (
        "import sys; from p135cli.cli import main\n"
        f"sys.argv = ['p135', 'validate', {str(QUANG_NINH)!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "assert 'pandas' not in sys.modules, 'pandas was imported'\n"
        "assert 'openpyxl' not in sys.modules, 'openpyxl was imported'\n"
        "assert 'p135cli.progress_report' not in sys.modules, 'the report model was built'"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, check=False)
    assert done.returncode == 0, done.stderr.decode()


def test_a_run_the_index_knows_imports_no_reader_model_or_rule(tmp_path: Path) -> None:
    """A run whose every file the cache's index knows as it was concluded takes their
    findings from it: it must not pay for the YAML reader, the models or the rules (a
    national office's CI run over thousands of unchanged plans). The first run, which
    reads the plan, does import them: the check is not vacuous."""
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "plan.yaml").write_bytes(QUANG_NINH.read_bytes())
    wrong = ROOT / "tests" / "rules" / "cases" / "F101-fail.yaml"  # its findings are shown
    (plans / "wrong.yaml").write_bytes(wrong.read_bytes())
    heavy = ["yaml", "p135cli.loading", "p135cli.model", "p135cli.rules", "p135cli.engine"]
    code = (
        "import sys; from p135cli.cli import main; from p135cli import cache\n"
        "cache.RACY_NS = -1\n"  # a file written a moment ago may be known by its state
        f"sys.argv = ['p135', 'validate', '--isolated', {str(plans)!r}, '--cache-dir', "
        f"{str(tmp_path / 'cache')!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        f"print(sorted(set({heavy!r}) & set(sys.modules)))"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "home")}
    env.pop("P135_NO_CACHE")  # the suite's own runs keep no cache (conftest.py)
    runs = [
        subprocess.run([sys.executable, "-c", code], capture_output=True, env=env, check=True)
        for _ in range(2)
    ]
    first, second = (run.stdout.decode().splitlines()[-1] for run in runs)
    assert first == repr(sorted(heavy))
    assert second == "[]"
    assert b"F101" in runs[1].stdout
    assert runs[0].stdout.splitlines()[:-1] == runs[1].stdout.splitlines()[:-1]


def test_every_code_of_an_edit_is_a_d_code() -> None:
    """What `render.offer` takes for granted, so that showing a finding imports no rule."""
    from p135cli.rules.amendments import EDIT_CODES

    assert EDIT_CODES and all(code.startswith("D") for code in EDIT_CODES)


def test_a_stale_acknowledgement_is_not_offered_an_acknowledgement() -> None:
    """A001 says to remove the entry: offering `{rule: A001, ...}` to add would contradict it."""
    ran = run_cli("validate", "--isolated", CASES / "A001-fail.yaml")
    assert "A001 stale-acknowledgement" in ran.out
    assert "to acknowledge" not in ran.out
