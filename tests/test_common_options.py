"""Every command reads and writes like the others (issue 24): `-` for standard input, `-o FILE`,
`--color auto|always|never` beside NO_COLOR and FORCE_COLOR, and the common options before the
command."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from p135cli.output import created_by_p135

from .conftest import QUANG_NINH, ROOT, run_cli

REPORT = ROOT / "data" / "reports" / "quang-ninh-2018-06.yaml"
NAME = str(QUANG_NINH)


def ran(args: list[str], stdin: bytes | None = None, **env: str) -> tuple[int, str, str]:
    """p135 in a process, its output into a pipe (never a terminal)."""
    base = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    done = subprocess.run(
        [sys.executable, "-m", "p135cli", *args],
        input=stdin,
        capture_output=True,
        timeout=60,
        check=False,
        env={**base, "TERM": "xterm-256color", "COLUMNS": "100", "P135_NO_CACHE": "1", **env},
    )
    return done.returncode, done.stdout.decode(), done.stderr.decode()


# --- standard input ---------------------------------------------------------------------------

STDIN_CASES = {
    "timeline": (["timeline", NAME], ["timeline", "-"]),
    "report": (["report", NAME], ["report", "-"]),
    "progress": (["progress", NAME, str(REPORT)], ["progress", "-", str(REPORT)]),
    "diff-new": (["diff", NAME, NAME], ["diff", NAME, "-"]),
    "diff-old": (["diff", NAME, NAME], ["diff", "-", NAME]),
}


@pytest.mark.parametrize("case", list(STDIN_CASES))
def test_standard_input_gives_what_the_file_gives(case: str) -> None:
    from_file, from_stdin = STDIN_CASES[case]
    expected = ran(from_file)
    given = ran([*from_stdin, "--stdin-filename", NAME], stdin=QUANG_NINH.read_bytes())
    assert given == expected
    assert expected[0] == 0


@pytest.mark.parametrize("command", [["diff", "-", "-"], ["progress", "-", "-"]])
def test_standard_input_is_at_most_one_side(command: list[str]) -> None:
    code, out, err = ran(command, stdin=QUANG_NINH.read_bytes())
    assert code == 2
    assert out == ""
    assert "standard input" in err


def test_a_plan_from_standard_input_is_named_by_stdin_filename() -> None:
    code, out, _err = ran(
        ["progress", "-", str(REPORT), "-f", "json", "--stdin-filename", "tinh.yaml"],
        stdin=QUANG_NINH.read_bytes(),
    )
    assert code == 0
    assert '"path": "tinh.yaml"' in out


# --- -o FILE ----------------------------------------------------------------------------------

OUTPUTS = {
    "timeline-text": ["timeline", NAME],
    "timeline-json": ["timeline", NAME, "-f", "json"],
    "timeline-markdown": ["timeline", NAME, "-f", "markdown"],
    "timeline-mermaid": ["timeline", NAME, "-f", "mermaid"],
    "timeline-csv": ["timeline", NAME, "-f", "csv"],
    "progress-text": ["progress", NAME, str(REPORT)],
    "progress-json": ["progress", NAME, str(REPORT), "-f", "json"],
    "diff-markdown": ["diff", NAME, NAME, "-f", "markdown"],
    "diff-json": ["diff", NAME, NAME, "-f", "json"],
    "rules": ["rules"],
    "rules-json": ["rules", "-f", "json"],
    "explain": ["explain", "F101"],
}


@pytest.mark.parametrize("case", list(OUTPUTS))
def test_output_goes_whole_to_a_file_p135_may_replace(tmp_path: Path, case: str) -> None:
    target = tmp_path / "out"
    first = run_cli(*OUTPUTS[case], "-o", target)
    assert first.code == 0, first.err
    assert first.out == ""
    written = target.read_text(encoding="utf-8")
    assert written.strip()
    assert created_by_p135(target)
    assert run_cli(*OUTPUTS[case], "-o", target).code == 0  # its own file: replaced
    assert target.read_text(encoding="utf-8") == written
    shown = run_cli(*OUTPUTS[case]).out
    assert shown.strip() in written or shown.splitlines()[1] in written


@pytest.mark.parametrize("case", ["timeline-text", "diff-json", "rules"])
def test_output_never_replaces_a_file_p135_did_not_write(tmp_path: Path, case: str) -> None:
    target = tmp_path / "notes.txt"
    target.write_text("mine\n", encoding="utf-8")
    refused = run_cli(*OUTPUTS[case], "-o", target)
    assert refused.code == 2
    assert target.read_text(encoding="utf-8") == "mine\n"
    assert run_cli(*OUTPUTS[case], "-o", target, "--force").code == 0


# --- colour -----------------------------------------------------------------------------------

COLORED = {
    "validate": ["validate", str(ROOT / "tests" / "rules" / "cases" / "F101-fail.yaml")],
    "timeline": ["timeline", NAME],
    "progress": ["progress", NAME, str(REPORT)],
}
ESC = "\x1b["


@pytest.mark.parametrize("command", list(COLORED))
def test_color_always_colours_a_pipe_and_never_does_not(command: str) -> None:
    args = COLORED[command]
    assert ESC in ran([*args, "--color", "always"])[1]
    assert ESC not in ran([*args, "--color", "never"], FORCE_COLOR="1")[1]
    assert ESC not in ran(args)[1]  # a pipe: auto is plain


def test_force_color_colours_a_pipe_and_no_color_wins_over_it() -> None:
    args = COLORED["timeline"]
    assert ESC in ran(args, FORCE_COLOR="1")[1]
    assert ESC not in ran(args, FORCE_COLOR="1", NO_COLOR="1")[1]
    assert ESC in ran([*args, "--color", "always"], NO_COLOR="1")[1]  # the flag wins
    assert ESC not in ran(args, FORCE_COLOR="")[1]  # empty: not set


def test_no_color_and_a_contrary_color_are_refused() -> None:
    code, _out, err = ran([*COLORED["timeline"], "--no-color", "--color", "always"])
    assert code == 2
    assert "--no-color" in err


# --- options before the command ---------------------------------------------------------------


def test_options_before_the_command_apply_to_it() -> None:
    before = ran(["--lang", "vi", "--no-color", "timeline", NAME])
    after = ran(["timeline", NAME, "--lang", "vi", "--no-color"])
    assert before == after
    assert before[0] == 0


def test_the_commands_own_value_wins() -> None:
    assert ran(["--lang", "vi", "rules", "--lang", "en"]) == ran(["rules", "--lang", "en"])
    assert ESC not in ran(["--color", "always", "timeline", NAME, "--color", "never"])[1]


def test_validate_before_and_after_agree() -> None:
    case = str(ROOT / "tests" / "rules" / "cases" / "F101-fail.yaml")
    assert ran(["--lang", "vi", "validate", case]) == ran(["validate", "--lang", "vi", case])
