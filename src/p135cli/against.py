"""`p135 validate --against REV`: each file checked is compared with its version at REV.

Nothing switches the comparison off in silence:

- REV must name a commit git has, in the repository of every file compared: an empty one,
  an option (`--against=--output=x`), a branch not fetched, history a shallow clone lacks,
  are usage problems (exit 2) that say what git said and how to fetch the base;
- each file is compared in its own repository, wherever p135 is run from;
- a plan read from standard input is compared as read, at the path `--stdin-filename` gives;
- a file REV does not have is new: D105 says so, once (information, in every format);
- results reports are compared as plans are.

`Against` gives `check_paths` each file's edit (p135cli.edit), which the engine concludes with
the file's other findings, once. The run's JSON says what was compared with what (`against`:
the revision, the commit it named, each file's status).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from p135cli.checking import (
    Checked,
    Edited,
    UsageProblem,
    load_data,
    load_plan,
)
from p135cli.edit import Base, edited
from p135cli.git_files import git, git_blob, toplevel
from p135cli.i18n import _
from p135cli.settings import Limits, Settings


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
class Against:
    """One run's comparisons with `revision` (`check_paths(..., against=...)`): each file's
    edit, the commit `revision` names in each repository met, and each file's status, for
    JSON's `against`. `stdin`: the path of the file holding what was read from standard
    input, and the name --stdin-filename gives it (its path in the repository)."""

    revision: str
    stdin: tuple[str, str | None] | None = None
    commits: dict[Path, str] = field(default_factory=dict)
    files: list[dict[str, Any]] = field(default_factory=list)

    def __post_init__(self) -> None:
        check_revision(self.revision)

    def commit_in(self, top: Path) -> str:
        if top not in self.commits:
            self.commits[top] = resolve(self.revision, top)
        return self.commits[top]

    def of(self, path: Path, settings: Settings, limits: Limits) -> Edited:
        """The edit of the file at `path` since the revision."""
        if not path.is_file():
            return Edited()  # a file that could not be read: its own finding says so
        read = self.stdin is not None and str(path) == self.stdin[0]
        if self.stdin is not None and read:
            where, label = _stdin_path(self.stdin[1]), self.stdin[1] or "-"
        else:
            where, label = path.resolve(), str(path)
        return self._compared(path, (where, label), settings, limits)

    def _compared(
        self, path: Path, shown: tuple[Path, str], settings: Settings, limits: Limits
    ) -> Edited:
        """Compare one file: `shown` is where it stands in its repository, and its name in
        the output."""
        where, label = shown
        new, _found = load_plan(path, limits)
        top = _repository(where, label)
        commit = self.commit_in(top)
        inside = where.relative_to(top).as_posix()
        entry = {"path": label, "path_in_revision": inside, "commit": commit}
        if new is None:
            self.files.append({**entry, "status": "unread"})  # its own findings say why
            return Edited()
        base = _base(self.revision, commit, inside, top, limits)
        self.files.append({**entry, "status": base.status})
        return edited(base, new, settings)

    def summary(self) -> dict[str, Any]:
        """The revision, the commit it named (where every file's repository has the same),
        and each file's status. A revision no file was compared with must still name a
        commit: in the repository p135 is run from."""
        if not self.commits:
            top = toplevel(Path.cwd())
            if top is not None:
                self.commit_in(top)
        commits = set(self.commits.values())
        return {
            "revision": self.revision,
            "commit": commits.pop() if len(commits) == 1 else None,
            "files": self.files,
        }


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
