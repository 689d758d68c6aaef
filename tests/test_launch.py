"""How a run starts (p135cli.launch): each shortcut it takes gives what typer's way gives.

`p135 validate` with paths and options that need only their declaration to read (switches,
choices, whole numbers) is read without typer, by the one declaration of validate's options
(`running.Validation`) that typer's command is built from too; such command lines are run
here both ways, as separate processes, and must print the same bytes and exit the same.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import typer.main
from typer.core import TyperGroup, TyperOption

from p135cli.cli import app
from p135cli.launch import quick
from p135cli.running import DEFAULT, OPTIONS
from p135cli.settings import Limits

from .conftest import ROOT

PLANS = ROOT / "data" / "plans"
CASES = ROOT / "tests" / "rules" / "cases"
LAUNCH = "import sys; sys.argv[1:] = sys.argv[2:]; from p135cli.launch import main; main()"
TYPER = "import sys; sys.argv[1:] = sys.argv[2:]; from p135cli.cli import main; main()"
SEEN = (
    "import atexit, sys\n"
    "atexit.register(lambda: print(sorted(m for m in ('typer', 'importlib.metadata', 'pandas')"
    " if m in sys.modules), file=sys.stderr))\n"
    "sys.argv[1:] = sys.argv[2:]\n"
    "from p135cli.launch import main\n"
    "main()\n"
)


def ran(program: str, args: list[str]) -> tuple[int, str, str]:
    done = subprocess.run(
        [sys.executable, "-c", program, "p135", *args],
        capture_output=True,
        timeout=60,
        check=False,
        cwd=ROOT,
    )
    return done.returncode, done.stdout.decode(), done.stderr.decode()


QUICK = [
    ["validate", str(PLANS)],
    ["validate", "--strict", "-q", str(PLANS)],
    ["validate", "--format", "json", str(CASES / "F101-fail.yaml"), str(PLANS)],
    ["validate", "-f", "sarif", "--show-acknowledged", str(PLANS / "lang-son-2017-2020.yaml")],
    ["validate", "--no-color", "--quiet", "-j", "1", "--no-cache", str(CASES / "Y003-fail.yaml")],
    ["validate", "--format", "github", "--jobs", "2", str(CASES / "C105-fail.yaml")],
    ["validate", "-f", "junit", "--no-cache", str(CASES / "F100-fail.yaml")],
    ["validate", "--with-folder", str(PLANS / "lang-son-2017-2020.yaml")],  # the hook's
    ["validate", "--cache-dir", "", str(PLANS)],  # refused, as typer refuses it
    ["validate", "--tolerance", "0,5", "--isolated", str(CASES / "F101-fail.yaml")],
    ["validate", "--tolerance", "-1", str(CASES / "F101-fail.yaml")],  # a word like an option
    ["validate", "--against", "no-such-revision", str(CASES / "F101-fail.yaml")],
    ["validate", "-j", "9999", "--no-cache", str(PLANS)],  # the most --jobs typer takes
    ["validate", "--color", "always", str(CASES / "F100-fail.yaml")],
    ["validate", "--color", "never", "--no-color", str(CASES / "F100-fail.yaml")],
    ["validate", "--color", "always", "--no-color", str(CASES / "F100-fail.yaml")],
    ["validate", "--lang", "vi", "--number-style", "en", str(CASES / "F101-fail.yaml")],
    ["validate", "--strict", "--no-strict", "--isolated", str(CASES / "F100-fail.yaml")],
    ["validate", "--max-digits", "3", "--max-bytes", "4000", str(PLANS)],  # findings, refusals
    ["validate", "no-such-file.yaml"],
    ["validate", str(ROOT / "tests")],  # a folder with no plans directly, then cases
]


@pytest.mark.parametrize("args", QUICK, ids=[" ".join(a[1:-1]) or "paths" for a in QUICK])
def test_a_quick_command_line_gives_what_typer_gives(args: list[str]) -> None:
    assert quick(args) is not None  # this test covers the shortcut
    assert ran(LAUNCH, args) == ran(TYPER, args)


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["validate"],
        ["timeline", str(PLANS / "quang-ninh-2017-2020.yaml")],
        ["validate", "-"],
        ["validate", ""],
        ["validate", "--format", "JSON", "x.yaml"],
        ["validate", "--format"],
        ["validate", "--jobs", "0", "x.yaml"],
        ["validate", "--jobs", "٣", "x.yaml"],
        ["validate", "-qj", "2", "x.yaml"],
        ["validate", "--format=json", "x.yaml"],
        ["validate", "--lang", "VI", "x.yaml"],
        ["validate", "--max-bytes", "0", "x.yaml"],
        ["validate", "--max-digits", "101", "x.yaml"],
        ["validate", "--tolerance", "x.yaml"],  # no path left after its word
        ["validate", "--units", "u.csv", "x.yaml"],
        ["validate", "-o", "r.json", "x.yaml"],
        ["validate", "--exclude", "a", "x.yaml"],
        ["validate", "--color", "ALWAYS", "x.yaml"],
        ["validate", "--color"],
        ["validate", "--", "x.yaml"],
        ["validate", "--help"],
    ],
)
def test_anything_else_goes_through_typer(args: list[str]) -> None:
    assert quick(args) is None


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "--jobs", "0", str(PLANS)],
        ["validate", "--jobs", "10000", str(PLANS)],
        ["validate", "--jobs", "9" * 5000, str(PLANS)],  # int() refuses it: no traceback
        ["validate", "--format", "JSON", str(PLANS)],
        ["validate", "-", "--stdin-filename", "x.yaml"],
    ],
)
def test_a_command_line_typer_reads_gives_the_same_through_launch(args: list[str]) -> None:
    assert ran(LAUNCH, args) == ran(TYPER, args)


def test_typer_reads_each_option_by_its_declaration() -> None:
    """typer's validate command is built from the declaration quick reads by: the same names
    for the same option, in the same order, a switch a flag, the same default."""
    group = typer.main.get_command(app)
    assert isinstance(group, TyperGroup)
    options = {param.name: param for param in group.commands["validate"].params}
    assert list(options) == ["paths", *OPTIONS]
    for field, declared in OPTIONS.items():
        param = options[field]
        assert isinstance(param, TyperOption)
        names = [name for spelled in declared.names for name in spelled.split("/")]
        assert [*param.opts, *param.secondary_opts] == names, field
        assert param.is_flag is declared.switch, field
        default = getattr(DEFAULT, field)
        assert param.default == (None if field == "exclude" else default), field  # no list: None


def test_the_limits_default_as_the_loader_does() -> None:
    assert Limits() == Limits(
        DEFAULT.max_bytes, DEFAULT.max_depth, DEFAULT.max_nodes, DEFAULT.max_digits
    )


def test_quick_validate_imports_neither_typer_nor_the_plugin_finder() -> None:
    code, _, err = ran(SEEN, ["validate", "--no-cache", str(PLANS)])
    assert code == 0
    assert err.strip().splitlines()[-1] == "[]"


def test_other_commands_still_use_typer() -> None:
    code, _, err = ran(SEEN, ["rules"])
    assert code == 0
    assert err.strip().splitlines()[-1] == "['typer']"


def test_a_user_who_wants_pydantic_plugins_gets_the_finder(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", SEEN, "p135", "validate", "--no-cache", str(PLANS)],
        capture_output=True,
        timeout=60,
        check=False,
        env={"PYDANTIC_DISABLE_PLUGINS": "some-plugin", "PATH": "", "P135_LANG": "en"},
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.decode().strip().splitlines()[-1] == "['importlib.metadata']"
