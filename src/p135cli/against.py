"""`p135 validate --against REV`: each file checked is compared with its version at REV.

Nothing switches the comparison off in silence:

- REV must name a commit git has, in the repository of every file compared: an empty one,
  an option (`--against=--output=x`), a branch not fetched, history a shallow clone lacks,
  are usage problems (exit 2) that say what git said and how to fetch the base;
- each file is compared in its own repository, wherever p135 is run from;
- a plan read from standard input is compared as read, at the path `--stdin-filename` gives;
- a file REV does not have is new: D105 says so, once (information, in every format);
- results reports are compared as plans are.

The run's JSON says what was compared with what (`against`: the revision, the commit it
named, each file's status).
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from p135cli.checking import Checked, UsageProblem, load_data, load_plan
from p135cli.diff import GIT_TIMEOUT, Base, edit_rules, git_blob
from p135cli.findings import FileResult, RunResult
from p135cli.i18n import _
from p135cli.loading import Limits
from p135cli.rules.base import Settings


def check_revision(revision: str) -> None:
    """What git must not be given at all: nothing, an option, or a path."""
    if not revision.strip():
        raise UsageProblem(
            _("--against needs a revision, such as origin/main or HEAD~1: an empty one was given")
        )
    if revision.startswith("-"):
        message = _("--against takes a revision, not an option: '{revision}'")
        raise UsageProblem(message.format(revision=revision))
    if ":" in revision:  # `HEAD:plans` names a folder of a commit: each file's path is its own
        message = _("--against takes a commit, such as HEAD~1, not a path in one: '{revision}'")
        raise UsageProblem(message.format(revision=revision))


def git(args: list[str], folder: Path) -> subprocess.CompletedProcess[str]:
    """git run in `folder`; a usage problem when git cannot be run or does not answer."""
    try:
        return subprocess.run(
            ["git", *args],
            cwd=folder,
            capture_output=True,
            timeout=GIT_TIMEOUT,
            check=False,
            encoding="utf-8",
            errors="surrogateescape",
        )
    except FileNotFoundError:
        raise UsageProblem(
            _("--against needs git, which is not installed or not on the PATH")
        ) from None
    except subprocess.TimeoutExpired:
        message = _("git did not answer within {seconds} seconds")
        raise UsageProblem(message.format(seconds=GIT_TIMEOUT)) from None


def toplevel(folder: Path) -> Path | None:
    """The root of the git repository holding `folder`, or None."""
    done = git(["rev-parse", "--show-toplevel"], folder)
    return Path(done.stdout.strip()) if done.returncode == 0 and done.stdout.strip() else None


def resolve(revision: str, top: Path) -> str:
    """The full id of the commit `revision` names in the repository at `top`."""
    done = git(
        ["rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}"], top
    )
    if done.returncode == 0:
        return done.stdout.strip()
    said = git(["cat-file", "-t", f"{revision}^{{commit}}"], top).stderr
    lines = [line.removeprefix("fatal: ") for line in said.splitlines() if line.strip()]
    message = _("git has no commit '{revision}' in {top} (git: {said}); {how}")
    how = _how_to_fetch(revision, top)
    raise UsageProblem(
        message.format(revision=revision, top=top, said=" ".join(lines[-1:]), how=how)
    )


def _how_to_fetch(revision: str, top: Path) -> str:
    shallow = git(["rev-parse", "--is-shallow-repository"], top).stdout.strip() == "true"
    if shallow:
        return _(
            "this clone is shallow: fetch the history the base needs, e.g. "
            "`git fetch --unshallow` or `git fetch --deepen=50`, or `fetch-depth: 0` in "
            "actions/checkout"
        )
    remote, _slash, branch = revision.partition("/")
    if branch and remote in git(["remote"], top).stdout.split():
        message = _(
            "fetch the base first, e.g. `git fetch --depth=1 {remote} {branch}`, or "
            "`fetch-depth: 0` in actions/checkout"
        )
        return message.format(remote=remote, branch=branch)
    return _(
        "name a branch, tag or commit the repository has; fetch a remote's branch first, e.g. "
        "`git fetch --depth=1 origin main` for origin/main, or `fetch-depth: 0` in "
        "actions/checkout"
    )


@dataclass
class Comparison:
    """One run's comparisons: the commit REV names in each repository met, and each file's
    status, for JSON's `against`."""

    revision: str
    commits: dict[Path, str] = field(default_factory=dict)
    files: list[dict[str, Any]] = field(default_factory=list)

    def commit_in(self, top: Path) -> str:
        if top not in self.commits:
            self.commits[top] = resolve(self.revision, top)
        return self.commits[top]

    def summary(self) -> dict[str, Any]:
        commits = set(self.commits.values())
        return {
            "revision": self.revision,
            "commit": commits.pop() if len(commits) == 1 else None,
            "files": self.files,
        }


def compare_run(
    run: RunResult,
    revision: str,
    settings: Settings,
    limits: Limits,
    stdin: tuple[str, str | None] | None = None,
) -> None:
    """Add to each file of `run` what its edit since `revision` gives, and to the run what
    was compared (`run.against`). `stdin`: the path of the file holding what was read from
    standard input, and the name --stdin-filename gives it (its path in the repository)."""
    check_revision(revision)
    comparison = Comparison(revision)
    for result in run.files:
        path = Path(result.path)
        if not path.is_file():
            continue  # a folder that could not be read: its own finding says so
        read = stdin is not None and str(path) == stdin[0]
        where = _stdin_path(stdin[1]) if stdin is not None and read else path.resolve()
        label = (stdin[1] or "-") if stdin is not None and read else result.path
        compare_file(result, (path, where, label), comparison, (settings, limits))
    if not comparison.commits:  # nothing to compare: the revision must still be one git has
        top = toplevel(Path.cwd())
        if top is not None:
            comparison.commit_in(top)
    run.against = comparison.summary()


def _stdin_path(name: str | None) -> Path:
    """Where what standard input gave stands in its repository: the path --stdin-filename
    names (the file on disk there is not read)."""
    if not name:
        raise UsageProblem(
            _(
                "a plan read from standard input is compared with --against at its path in "
                "the repository: give it with --stdin-filename"
            )
        )
    return Path(name).resolve()


def compare_file(
    result: FileResult,
    file: tuple[Path, Path, str],
    comparison: Comparison,
    given: tuple[Settings, Limits],
) -> None:
    """Compare one file: `file` is where it is read from, where it stands in its
    repository, and its name in the output."""
    (path, where, label), (settings, limits) = file, given
    new, _found = load_plan(path, limits)
    top = _repository(where, label)
    commit = comparison.commit_in(top)
    inside = where.relative_to(top).as_posix()
    entry = {"path": label, "path_in_revision": inside, "commit": commit}
    if new is None:
        comparison.files.append({**entry, "status": "unread"})  # its own findings say why
        return
    base = _base(comparison.revision, commit, inside, top, limits)
    comparison.files.append({**entry, "status": base.status})
    found = edit_rules(base, new, settings)
    result.findings = sorted(result.findings + found, key=lambda finding: finding.sort_key)


def _repository(where: Path, label: str) -> Path:
    folder = where.parent
    while not folder.is_dir() and folder != folder.parent:
        folder = folder.parent
    top = toplevel(folder)
    if top is None or not where.is_relative_to(top.resolve()):
        message = _(
            "{path} is not in a git repository: --against compares a file with its version "
            "in the repository that holds it"
        )
        raise UsageProblem(message.format(path=label))
    return top.resolve()


def _base(revision: str, commit: str, inside: str, top: Path, limits: Limits) -> Base:
    spec = f"{commit}:{inside}"
    kind = git(["cat-file", "-t", spec], top)
    if kind.returncode != 0 or kind.stdout.strip() != "blob":
        return Base(None, revision, commit, inside, "new")
    checked: Checked | None
    checked, _found = load_data(git_blob(spec, top, limits.max_bytes + 1), limits)
    return Base(checked, revision, commit, inside, "compared" if checked else "unread")
