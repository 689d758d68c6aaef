"""The pre-commit hook as a plans repository uses it: `pre-commit try-repo` on example
repositories made here, with plans in `plans/`, in `data/plans/`, and with a results report; a
clean edit passes, a slipped figure fails naming its line.

The hooks file is the one shipped, read as pre-commit reads it. Most tests change one key,
`language: unsupported` (pre-commit runs the entry found on PATH, the p135 these tests run),
so they need no network; `test_the_hook_as_shipped_installs_and_runs` runs it unchanged
(`language: python`: pre-commit builds p135 from the repository, and pip fetches its
dependencies from the package index, as `make` does).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .conftest import ROOT

HOOKS = ROOT / ".pre-commit-hooks.yaml"
PLAN = ROOT / "data" / "plans" / "quang-ninh-2017-2020.yaml"
OTHER_PLAN = ROOT / "data" / "plans" / "ninh-binh-2017-2020.yaml"
REPORT = ROOT / "data" / "reports" / "quang-ninh-2018-06.yaml"
SLIP = ('"245,159"', '"245,160"')  # a figure of 2019's provincial funding, line 262
REPORT_SLIP = ("count: {communes: 6, villages: 2}", "count: {communes: six, villages: 2}")
UNREACHABLE = ("No matching distribution", "NewConnectionError", "Temporary failure in name")
SHIPPED = ["pyproject.toml", "README.md", "LICENSE", "src", ".pre-commit-hooks.yaml"]


def git(cwd: Path, *args: str) -> None:
    identity = [
        "-c",
        "user.name=ci",
        "-c",
        "user.email=ci@example.org",
        "-c",
        "init.defaultBranch=main",
    ]
    subprocess.run(["git", *identity, *args], cwd=cwd, check=True, capture_output=True)


def committed(folder: Path) -> Path:
    git(folder, "init", "--quiet")
    git(folder, "add", "--all")
    git(folder, "commit", "--quiet", "--no-verify", "-m", "start")
    return folder


def environment(home: Path) -> dict[str, str]:
    """The test's p135 first on PATH; pre-commit's own store in `home`; no outer git hook's
    variables (GIT_DIR, GIT_INDEX_FILE) leaking into the example repository."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env |= {
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}",
        "PRE_COMMIT_HOME": str(home),
        "PRE_COMMIT_COLOR": "never",
        "P135_LANG": "en",
    }
    return env


def try_repo(kit: Path, plans_repo: Path, home: Path, *extra: str) -> tuple[int, str]:
    done = subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(kit), "p135-validate", *extra],
        cwd=plans_repo,
        env=environment(home),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    return done.returncode, done.stdout + done.stderr


@pytest.fixture(scope="module")
def kit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A repository holding the shipped hooks file, run with the p135 on PATH."""
    hooks = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert [hook["language"] for hook in hooks] == ["python"]
    hooks[0]["language"] = "unsupported"
    folder = tmp_path_factory.mktemp("kit")
    (folder / ".pre-commit-hooks.yaml").write_text(yaml.safe_dump(hooks), encoding="utf-8")
    return committed(folder)


def plans_repository(root: Path, files: dict[str, Path]) -> Path:
    for name, source in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, root / name)
    (root / "README.md").write_text("Plans of a province.\n", encoding="utf-8")
    return committed(root)


def edit(repo: Path, name: str, change: tuple[str, str] | None) -> None:
    """Change a file and stage it: a slip (`change`), else a clean edit (a comment added)."""
    path = repo / name
    text = path.read_text(encoding="utf-8")
    if change is None:
        text += "# reviewed\n"
    else:
        assert change[0] in text
        text = text.replace(change[0], change[1], 1)
    path.write_text(text, encoding="utf-8")
    git(repo, "add", name)


LAYOUTS = {
    "plans": {"plans/quang-ninh-2017-2020.yaml": PLAN, "plans/ninh-binh.yaml": OTHER_PLAN},
    "data-plans": {
        "data/plans/quang-ninh-2017-2020.yaml": PLAN,
        "data/plans/ninh-binh.yaml": OTHER_PLAN,
        "data/reports/quang-ninh-2018-06.yaml": REPORT,
    },
}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_clean_edit_passes_and_a_slip_fails_on_its_line(
    layout: str, kit: Path, tmp_path: Path
) -> None:
    repo = plans_repository(tmp_path / "repo", LAYOUTS[layout])
    plan = next(name for name in LAYOUTS[layout] if "quang-ninh-2017" in name)
    edit(repo, plan, None)
    code, out = try_repo(kit, repo, tmp_path / "home")
    assert code == 0, out
    assert "Passed" in out
    edit(repo, plan, SLIP)
    code, out = try_repo(kit, repo, tmp_path / "home")
    assert code == 1, out
    assert f"{plan}:262:56" in out
    assert "F100" in out
    # the plan nobody touched is checked beside it (a citation is compared across them)
    assert plan.replace("quang-ninh-2017-2020", "ninh-binh") in out


def test_an_edited_report_is_checked(kit: Path, tmp_path: Path) -> None:
    repo = plans_repository(tmp_path / "repo", LAYOUTS["data-plans"])
    report = "data/reports/quang-ninh-2018-06.yaml"
    edit(repo, report, None)
    code, out = try_repo(kit, repo, tmp_path / "home")
    assert code == 0, out
    edit(repo, report, REPORT_SLIP)
    code, out = try_repo(kit, repo, tmp_path / "home")
    assert code == 1, out
    assert f"{report}:20:23" in out
    assert "S003" in out


def test_the_hook_skips_an_edit_of_no_plan_and_checks_all_files(kit: Path, tmp_path: Path) -> None:
    repo = plans_repository(tmp_path / "repo", LAYOUTS["plans"])
    (repo / "README.md").write_text("Plans, reviewed.\n", encoding="utf-8")
    git(repo, "add", "README.md")
    code, out = try_repo(kit, repo, tmp_path / "home")
    assert code == 0, out
    assert "(no files to check)Skipped" in out
    code, out = try_repo(kit, repo, tmp_path / "home", "--all-files")
    assert code == 0, out
    assert "Passed" in out


def test_the_hook_as_shipped_installs_and_runs(tmp_path: Path) -> None:
    """`language: python` as shipped: pre-commit builds p135 from a repository holding the
    source (the tree as it is now, committed) and runs it on a slip."""
    source = tmp_path / "p135"
    source.mkdir()
    for name in SHIPPED:
        if (ROOT / name).is_dir():
            ignored = shutil.ignore_patterns("__pycache__", "*.egg-info")
            shutil.copytree(ROOT / name, source / name, ignore=ignored)
        else:
            shutil.copyfile(ROOT / name, source / name)
    repo = plans_repository(tmp_path / "repo", LAYOUTS["data-plans"])
    edit(repo, "data/plans/quang-ninh-2017-2020.yaml", SLIP)
    code, out = try_repo(committed(source), repo, tmp_path / "home")
    if code == 3 and any(sign in out for sign in UNREACHABLE):  # pragma: no cover
        pytest.skip("pip could not reach the package index for p135's dependencies")
    assert code == 1, out
    assert "data/plans/quang-ninh-2017-2020.yaml:262:56" in out
