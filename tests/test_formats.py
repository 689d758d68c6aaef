"""Each command's formats come from its registry (p135cli.formats): the renderers it names
exist, and the command's --format choices, default and usage error are its names."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from p135cli.formats import DIFF, PROGRESS, REPORT, RULES, SUFFIXES, TIMELINE, VALIDATE, Formats

from .conftest import PLANS, QUANG_NINH, run_cli

REGISTRIES = {
    "validate": VALIDATE,
    "timeline": TIMELINE,
    "report": REPORT,
    "progress": PROGRESS,
    "diff": DIFF,
    "rules": RULES,
}
ARGS = {
    "validate": [PLANS],
    "timeline": [QUANG_NINH],
    "report": [QUANG_NINH],
    "progress": [QUANG_NINH, PLANS.parent / "reports" / "quang-ninh-2018-06.yaml"],
    "diff": [QUANG_NINH, QUANG_NINH],
    "rules": [],
}


@pytest.mark.parametrize("formats", REGISTRIES.values(), ids=list(REGISTRIES))
def test_every_renderer_a_registry_names_exists(formats: Formats) -> None:
    for name, renderer in formats.items():
        assert callable(renderer.load()), name


def test_an_extension_names_a_format_some_command_has() -> None:
    names = {name for formats in REGISTRIES.values() for name in formats}
    assert set(SUFFIXES.values()) <= names


@pytest.mark.parametrize("command", list(REGISTRIES))
def test_the_help_lists_the_registry_and_its_default(command: str) -> None:
    formats = REGISTRIES[command]
    help = run_cli(command, "--help").out
    listed = re.search(r"--format <([a-z|]+)>", help)
    assert listed is not None and listed[1].split("|") == list(formats), help
    shown = re.search(r"--format <[a-z|]+>\s+Output format\.\s+\[default: (\w+)\]", help)
    assert (shown is None) is formats.from_output, help
    assert formats.from_output or (shown is not None and shown[1] == formats.default)


@pytest.mark.parametrize("command", list(REGISTRIES))
def test_a_format_not_in_the_registry_is_a_usage_error(command: str) -> None:
    ran = run_cli(command, "-f", "xml", *ARGS[command])
    choices = ", ".join(f"'{name}'" for name in REGISTRIES[command])
    assert ran.code == 2 and f"'xml' is not one of {choices}." in ran.err, ran


@pytest.mark.parametrize("command", ["timeline", "progress", "diff", "rules"])
def test_each_format_of_a_view_is_written(command: str, tmp_path: Path) -> None:
    for name in REGISTRIES[command]:
        ran = run_cli(command, "-f", name, "-o", tmp_path / f"out-{name}", *ARGS[command])
        assert ran.code == 0 and (tmp_path / f"out-{name}").stat().st_size > 0, (name, ran)
