"""`validate --against REV`: an edit's changed figures need an amendment the edit adds."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from .conftest import QUANG_NINH, run_cli

AMENDMENT = """amendments:
  - kind: Quyết định
    number: 100/QĐ-UBND
    date: 15/3/2019
    changes: [/funding/years/2019, /funding/years/2020]
    reason: chuyển 10 tỷ đồng ngân sách tỉnh từ 2019 sang 2020
    source: "Điều 1"
"""


def git(folder: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True, timeout=30)


@pytest.fixture
def repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "plans").mkdir()
    plan = tmp_path / "plans" / "qn.yaml"
    plan.write_bytes(QUANG_NINH.read_bytes())
    git(tmp_path, "init", "-q")
    git(tmp_path, "-c", "user.email=a@b", "-c", "user.name=a", "add", ".")
    git(tmp_path, "-c", "user.email=a@b", "-c", "user.name=a", "commit", "-q", "-m", "plan")
    monkeypatch.chdir(tmp_path / "plans")
    return plan


def moved(plan: Path, amended: bool) -> None:
    text = plan.read_text(encoding="utf-8")
    for old, new in (("339,739", "329,739"), ("245,159", "235,159"), ("146,621", "156,621"),
                     ("105,960", "115,960")):  # fmt: skip
        text = text.replace(f'"{old}"', f'"{new}"', 1)
    if amended:
        text = text.replace("acknowledged:", AMENDMENT + "acknowledged:", 1)
        if "amendments:" not in text:
            text += AMENDMENT
    plan.write_text(text, encoding="utf-8")


def codes(*args: str) -> tuple[int, list[tuple[str, int]]]:
    """The exit code and the findings, less the plan's inferences (I101, information)."""
    ran = run_cli("validate", "-f", "json", *args)
    data = json.loads(ran.out)
    findings = [f for f in data["files"][0]["findings"] if f["code"] != "I101"]
    return ran.code, [(f["code"], f["line"]) for f in findings]


def test_an_unamended_change_is_reported_on_its_line(repository: Path) -> None:
    moved(repository, amended=False)
    code, found = codes("--against", "HEAD", "qn.yaml")
    assert code == 0  # warnings by default
    assert found == [("D101", 260), ("D101", 262), ("D101", 266), ("D101", 268)]
    assert codes("qn.yaml") == (0, [])  # without --against the edit is not looked at
    assert codes("--strict", "--against", "HEAD", "qn.yaml")[0] == 1


def test_an_amended_change_passes(repository: Path) -> None:
    moved(repository, amended=True)
    assert codes("--against", "HEAD", "qn.yaml") == (0, [])


def test_a_plan_git_does_not_have_is_new(repository: Path) -> None:
    new = repository.parent / "new.yaml"
    new.write_bytes(QUANG_NINH.read_bytes())
    assert codes("--against", "HEAD", str(new)) == (0, [])
