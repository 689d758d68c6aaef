"""Paths: what a search reads, skips and reports; a bad path never hides a plan or hangs."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from .conftest import QUANG_NINH, run_cli, run_process


@pytest.fixture
def plans(tmp_path: Path) -> Path:
    (tmp_path / "a").mkdir()
    shutil.copy(QUANG_NINH, tmp_path / "a" / "qn.yaml")
    for folder in (".github/workflows", ".venv", "node_modules", "env", "old"):
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "x.yaml").write_text("on: push\n")
    (tmp_path / "env" / "pyvenv.cfg").write_text("home = /usr\n")
    (tmp_path / ".pre-commit-config.yaml").write_text("repos: []\n")
    return tmp_path


def checked(*args: str | Path) -> tuple[int, list[str]]:
    ran = run_cli("validate", "-f", "json", *args)
    return ran.code, [f["path"] for f in json.loads(ran.out)["files"]]


def test_a_search_skips_hidden_folders_virtual_environments_and_node_modules(plans: Path) -> None:
    assert checked(plans) == (1, [str(plans / "a" / "qn.yaml"), str(plans / "old" / "x.yaml")])


@pytest.mark.parametrize("pattern", ["old", "old/*", "*/x.yaml", "x.yaml"])
def test_exclude_skips_more(plans: Path, pattern: str) -> None:
    assert checked(plans, "--exclude", pattern) == (0, [str(plans / "a" / "qn.yaml")])


def test_a_file_named_is_checked_even_in_a_skipped_folder(plans: Path) -> None:
    hidden = plans / ".github" / "workflows" / "x.yaml"
    assert checked(hidden)[1] == [str(hidden)]


@pytest.mark.parametrize("path", ["", " "])
def test_an_empty_path_is_a_usage_error(path: str) -> None:
    ran = run_cli("validate", path)
    assert ran.code == 2 and "empty path" in ran.err


def test_an_unreadable_folder_is_a_finding_and_the_rest_is_checked(
    plans: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_walk = os.walk

    def walk(top: str, onerror: Callable[[OSError], None]) -> Iterator[object]:
        for folder, folders, files in real_walk(top, onerror=onerror):
            if Path(folder).name == "old":  # as root every folder reads: refuse this one
                onerror(PermissionError(13, "Permission denied", folder))
                folders[:] = []
                continue
            yield folder, folders, files

    monkeypatch.setattr("p135cli.checking.os.walk", walk)
    ran = run_cli("validate", "-f", "json", plans)
    data = json.loads(ran.out)
    assert ran.code == 1
    assert [f["path"] for f in data["files"]] == [str(plans / "old"), str(plans / "a" / "qn.yaml")]
    finding = data["files"][0]["findings"][0]
    assert finding["code"] == "Y001" and "Permission denied" in finding["message"]
    report = run_cli("report", plans)
    assert report.code == 1 and "cannot read the folder" in report.err


def test_an_unreadable_file_is_a_finding_and_the_others_are_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = tmp_path / "locked.yaml"
    shutil.copy(QUANG_NINH, locked)
    from p135cli import loading

    real = loading._read_regular

    def refuse(path: Path, size: int) -> loading.Read:
        if path == locked:
            raise PermissionError(13, "Permission denied")
        return real(path, size)

    monkeypatch.setattr("p135cli.loading._read_regular", refuse)
    ran = run_cli("validate", "-f", "json", locked, QUANG_NINH)
    data = json.loads(ran.out)
    assert ran.code == 1 and [f["valid"] for f in data["files"]] == [False, True]
    assert data["files"][0]["findings"][0]["code"] == "Y001"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_named_as_a_plan_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "plan.yaml"
    os.mkfifo(fifo)
    ran = run_process(["validate", fifo, QUANG_NINH], timeout=20)  # a hang fails here
    assert ran.code == 1 and "Y001" in ran.out and "FIFO" in ran.out
    assert "quang-ninh-2017-2020.yaml  ✓ valid" in ran.out
