"""Configuration from p135.toml or [tool.p135], in the project's root: the nearest folder from
the working directory upward holding p135.toml, pyproject.toml or .git; never above it."""

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


def test_pyproject_tolerance_and_severity(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "1000")  # the summary on one line, however long the path
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


def test_a_pyproject_without_the_table_is_the_root_and_ends_the_search(project: Path) -> None:
    """The project below has no settings of its own: it gets p135's, not the folder above's."""
    (project / "plans" / "pyproject.toml").write_text('[project]\nname = "x"\n')
    (project / "p135.toml").write_text('[rules]\nF101 = "off"\n')
    assert codes(OFF_BY_01) == (1, [("F101", "error")])


@pytest.mark.parametrize("kind", ["folder", "file"])
def test_a_repository_is_the_root_and_ends_the_search(project: Path, kind: str) -> None:
    """`.git` is a folder in a clone, a file in a worktree or a submodule: either ends it."""
    git = project / "plans" / ".git"
    git.mkdir() if kind == "folder" else git.write_text("gitdir: /elsewhere/.git\n")
    (project / "p135.toml").write_text('[rules]\nF101 = "off"\n')
    assert codes(OFF_BY_01) == (1, [("F101", "error")])
    (project / "plans" / "p135.toml").write_text('[rules]\nF101 = "warning"\n')
    assert codes(OFF_BY_01) == (0, [("F101", "warning")])  # the root's own file is read


@pytest.fixture
def shared_drive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Someone's p135.toml turning F101 off two folders above a planner's repository, whose
    plans folder is the working folder; the cache is on."""
    (tmp_path / "p135.toml").write_text('[rules]\nF101 = "off"\n')
    repository = tmp_path / "provinces" / "quang-ninh"
    (repository / ".git").mkdir(parents=True)
    (repository / "plans").mkdir()
    monkeypatch.chdir(repository / "plans")
    monkeypatch.delenv("P135_NO_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home-cache"))
    return repository


@pytest.mark.parametrize("isolated", [[], ["--isolated"]])
def test_nothing_above_the_root_is_read_or_written(shared_drive: Path, isolated: list[str]) -> None:
    assert codes(*isolated, OFF_BY_01) == (1, [("F101", "error")])
    assert (shared_drive / ".p135_cache" / "entries").is_dir()
    assert not (shared_drive.parent.parent / ".p135_cache").exists()
    assert not (shared_drive / "plans" / ".p135_cache").exists()


def test_outside_every_project_the_cache_is_the_users(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No root up to the file system's: no configuration, and the cache in the user's own
    folder, never in a folder the search passed (the working folder may be anyone's)."""
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.delenv("P135_NO_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home-cache"))
    assert codes(OFF_BY_01) == (1, [("F101", "error")])
    assert (tmp_path / "home-cache" / "p135" / "cache" / "entries").is_dir()
    assert not (work / ".p135_cache").exists()


README_EXAMPLE = '[tool.p135]\ntolerance = "0.1"\n\n[tool.p135.rules]\nF107 = "error"\n'


@pytest.mark.parametrize("named", [False, True])
def test_the_readmes_example_works_in_a_p135_toml(project: Path, named: bool) -> None:
    """Copied as it is from the README into p135.toml: read as in a pyproject.toml."""
    (project / "p135.toml").write_text(README_EXAMPLE)
    given = ["--config", str(project / "p135.toml")] if named else []
    assert codes(*given, OFF_BY_01) == (0, [])
    assert codes(*given, ABOVE_NEED) == (1, [("F107", "error")])


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        ('tolerance = "0.1"\n' + README_EXAMPLE, "tolerance"),
        (README_EXAMPLE + "[tool.ruff]\nline-length = 100\n", "tool.ruff"),
    ],
)
def test_a_p135_toml_takes_one_form(project: Path, text: str, keys: str) -> None:
    (project / "p135.toml").write_text(text)
    ran = run_cli("validate", OFF_BY_01)
    assert ran.code == 2, ran
    assert ran.err == (
        f"p135: configuration: {project / 'p135.toml'}: unknown key(s) {keys}: a p135.toml "
        "holds its settings at its top level, or all of them under [tool.p135]\n"
    )


@pytest.mark.parametrize(
    "text",
    [
        '[rules]\nZ999 = "off"\n',
        '[rules]\nF101 = "loud"\n',
        'tolerance = "abc"\n',
        'tolerance = "١"\n',  # Decimal() reads it as 1
        'tolerance = "1_0"\n',
        "colour = 1\n",
        "[x",
    ],
)
def test_a_bad_configuration_is_a_usage_error(project: Path, text: str) -> None:
    (project / "p135.toml").write_text(text)
    ran = run_cli("validate", OFF_BY_01)
    assert ran.code == 2 and "configuration" in ran.err and "Traceback" not in ran.err
