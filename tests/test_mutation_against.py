"""What `make mutation` found untested in against.py: test_against.py runs `validate --against`
in a subprocess, which mutmut cannot see. Here, in-process, in throwaway git repositories:
the exact usage error for a revision git lacks (what git said, and how to fetch the base:
a shallow clone, a remote's branch, anything else), for git missing or silent, and the
status JSON gives a base that does not load."""

from __future__ import annotations

import locale
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from p135cli.against import Against, resolve
from p135cli.checking import UsageProblem, check_paths
from p135cli.git_files import GIT_TIMEOUT, git

from .conftest import QUANG_NINH, git_in

GENERIC = (
    "name a branch, tag or commit the repository has; fetch a remote's branch first, e.g. "
    "`git fetch --depth=1 origin main` for origin/main, or `fetch-depth: 0` in "
    "actions/checkout"
)


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """A repository with two commits of one plan, `plans/qn.yaml`."""
    top = tmp_path / "repo"
    (top / "plans").mkdir(parents=True)
    git_in(top, "init", "-q")
    plan = top / "plans" / "qn.yaml"
    plan.write_bytes(QUANG_NINH.read_bytes())
    git_in(top, "add", ".")
    git_in(top, "commit", "-q", "-m", "first")
    plan.write_bytes(QUANG_NINH.read_bytes() + b"\n")
    git_in(top, "commit", "-q", "-am", "second")
    return top.resolve()


def refusal(revision: str, top: Path) -> str:
    with pytest.raises(UsageProblem) as caught:
        resolve(revision, top)
    return str(caught.value)


def test_a_revision_git_lacks_says_what_git_said_without_its_prefix(repository: Path) -> None:
    """The usage error quotes git's own words, less git's `fatal: `, and says what to do."""
    assert refusal("nosuch", repository) == (
        f"git has no commit 'nosuch' in {repository} "
        f"(git: Not a valid object name nosuch^{{commit}}); {GENERIC}"
    )


def test_a_slash_in_a_revision_is_not_a_remote_s_branch_unless_the_remote_exists(
    repository: Path,
) -> None:
    """`feature/x` where no remote is called `feature` is no remote's branch: the general
    advice, not `git fetch feature x`. With a remote `origin`, `origin/main` is told how to
    fetch exactly that branch."""
    assert refusal("feature/x", repository).endswith(f"); {GENERIC}")
    git_in(repository, "remote", "add", "origin", str(repository / "nowhere"))
    assert refusal("origin/main", repository).endswith(
        "); fetch the base first, e.g. `git fetch --depth=1 origin main`, or "
        "`fetch-depth: 0` in actions/checkout"
    )


def test_history_a_shallow_clone_lacks_says_how_to_deepen_it(
    repository: Path, tmp_path: Path
) -> None:
    """In a shallow clone (actions/checkout's default) the missing history is the cause,
    and the error says how to fetch it."""
    clone = tmp_path / "clone"
    git_in(tmp_path, "clone", "-q", "--depth=1", repository.as_uri(), str(clone))
    assert refusal("HEAD~1", clone.resolve()).endswith(
        "); this clone is shallow: fetch the history the base needs, e.g. "
        "`git fetch --unshallow` or `git fetch --deepen=50`, or `fetch-depth: 0` in "
        "actions/checkout"
    )


def test_without_git_the_error_says_git_is_needed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """git not on the PATH is a usage error that says so, not a traceback."""
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(UsageProblem) as caught:
        git(["status"], tmp_path)
    assert str(caught.value) == "--against needs git, which is not installed or not on the PATH"


def test_a_git_that_does_not_answer_is_an_error_naming_the_time_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """git stopped at its time limit: the error says how long p135 waited."""

    def silent(*args: Any, **kwargs: Any) -> subprocess.CompletedProcess[str]:
        raise subprocess.TimeoutExpired(["git"], kwargs["timeout"])

    monkeypatch.setattr(subprocess, "run", silent)
    with pytest.raises(UsageProblem) as caught:
        git(["status"], tmp_path)
    assert str(caught.value) == f"git did not answer within {GIT_TIMEOUT} seconds"


@pytest.fixture
def ascii_locale() -> Iterator[None]:
    """A locale whose encoding is not UTF-8 (vi_VN.TCVN, or C outside UTF-8 mode)."""
    kept = locale.setlocale(locale.LC_CTYPE)
    locale.setlocale(locale.LC_CTYPE, "C")
    try:
        yield
    finally:
        locale.setlocale(locale.LC_CTYPE, kept)


def test_git_is_read_as_utf_8_whatever_the_locale(repository: Path, ascii_locale: None) -> None:
    """git writes a Vietnamese branch name in UTF-8: the error quotes it as written, in any
    locale."""
    assert "(git: Not a valid object name nhánh-mới^{commit})" in refusal("nhánh-mới", repository)


def test_a_base_that_does_not_load_is_unread_in_json(repository: Path) -> None:
    """A plan whose version at REV is not valid YAML is compared with nothing, and JSON's
    `against` says `unread` for it (the new plan is still checked)."""
    plan = repository / "plans" / "qn.yaml"
    plan.write_text("title: [unclosed\n", encoding="utf-8")
    git_in(repository, "commit", "-q", "-am", "broken")
    plan.write_bytes(QUANG_NINH.read_bytes())
    result = check_paths([plan], against=Against("HEAD"))
    assert result.against is not None
    assert [f["status"] for f in result.against["files"]] == ["unread"]
    assert result.against["revision"] == "HEAD"
