"""The guides' console examples (README.md in English, README.vi.md in Vietnamese) are run,
and their output must match what p135 prints.

A block is a `console` fence: `$ command` lines, each followed by the output it prints. A
line `…` stands for any number of lines; a line that ends with `…` stands for any line that
starts with what comes before it. Commands run in a copy of the repository's data, with the
installed `p135` first on the PATH, so that an example may write files (`> slipped.yaml`).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

FENCE = re.compile(r"```console\n(.*?)```", re.S)


GUIDES = {"README.md": "en", "README.vi.md": "vi"}
"""Each guide, and the language its examples are shown in."""


def examples() -> list[tuple[str, str, list[str]]]:
    """(language, command, expected lines) for every `$` line of every console block."""
    found: list[tuple[str, str, list[str]]] = []
    for name, lang in GUIDES.items():
        readme = (ROOT / name).read_text(encoding="utf-8")
        for block in FENCE.findall(readme):
            for line in block.splitlines():
                if line.startswith("$ "):
                    found.append((lang, line[2:], []))
                elif found:
                    found[-1][2].append(line)
    return found


def matches(expected: list[str], actual: list[str]) -> bool:
    """Whether `actual` fits `expected`, with `…` lines and `…` line ends as wildcards."""
    if not expected:
        return not actual
    head, rest = expected[0], expected[1:]
    if head == "…":
        return any(matches(rest, actual[i:]) for i in range(len(actual) + 1))
    if not actual:
        return False
    same = actual[0].startswith(head[:-1]) if head.endswith("…") else actual[0] == head
    return same and matches(rest, actual[1:])


EXAMPLES = examples()


def test_the_readme_has_examples() -> None:
    assert len([e for e in EXAMPLES if e[0] == "en"]) >= 5
    assert len([e for e in EXAMPLES if e[0] == "vi"]) >= 5


@pytest.mark.parametrize("lang", sorted(set(GUIDES.values())))
def test_a_guide_s_examples_print_what_it_shows(lang: str, tmp_path: Path) -> None:
    """A guide's examples run in order in one folder, as a reader runs them: one may use what
    an earlier one wrote (`> slipped.yaml`), so they are one test, never split across workers.
    Every example that does not print what the guide shows is reported."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    bin_dir = str(Path(sys.executable).parent)
    env = {**os.environ, "PATH": bin_dir + os.pathsep + os.environ["PATH"], "COLUMNS": "80"}
    env["P135_LANG"] = lang
    env.pop("NO_COLOR", None)
    wrong = []
    for _lang, command, expected in (e for e in EXAMPLES if e[0] == lang):
        done = subprocess.run(
            ["bash", "-c", command], cwd=tmp_path, capture_output=True, text=True, env=env,
            check=False,
        )  # fmt: skip
        actual = done.stdout.splitlines()
        if not matches(expected, actual):
            wrong.append("\n".join([f"$ {command}", "--- got", *actual, "--- stderr", done.stderr]))
    assert not wrong, "\n\n".join(wrong)
