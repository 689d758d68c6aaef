"""A file as git has it at a revision: `p135 diff REV:PATH` and `p135 validate --against REV`.

git is run for its answers only, never given anything to change, and within a time limit:
git missing or silent is a usage problem that says so (exit 2), not a traceback or a wait.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from p135cli.checking import UsageProblem
from p135cli.i18n import _
from p135cli.settings import Limits

GIT_TIMEOUT = 30
"""Seconds a git command may take before p135 gives up on it."""


def git(args: list[str], folder: Path, spec: str | None = None) -> subprocess.CompletedProcess[str]:
    """git run in `folder`, read as UTF-8 whatever the locale; a usage problem when git cannot
    be run or does not answer, naming `spec` (the `REV:PATH` being read) where there is one,
    and else the option that needs git (--against)."""
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
        if spec is None:
            message = _("--against needs git, which is not installed or not on the PATH")
        else:
            message = _("{spec}: git is not installed, or not on the PATH").format(spec=spec)
        raise UsageProblem(message) from None
    except subprocess.TimeoutExpired:
        raise UsageProblem(_late(spec)) from None


def _late(spec: str | None) -> str:
    if spec is None:
        return _("git did not answer within {seconds} seconds").format(seconds=GIT_TIMEOUT)
    return _("{spec}: git did not answer within {seconds} seconds").format(
        spec=spec, seconds=GIT_TIMEOUT
    )


def toplevel(folder: Path) -> Path | None:
    """The root of the git repository holding `folder`, or None."""
    done = git(["rev-parse", "--show-toplevel"], folder)
    return Path(done.stdout.strip()) if done.returncode == 0 and done.stdout.strip() else None


def is_revision(spec: str) -> bool:
    """`REV:PATH` when it holds a ':' and names no existing file or folder."""
    return ":" in spec and not os.path.lexists(spec)


@contextlib.contextmanager
def opened(spec: str, limits: Limits | None = None, cwd: Path | None = None) -> Iterator[Path]:
    """The file `spec` names: itself, or for `REV:PATH` a temporary copy of that file at
    that revision (at most the size limit and one byte, so the loader can refuse it)."""
    if not is_revision(spec):
        path = Path(spec)
        if not spec.strip():
            raise UsageProblem(_("an empty path was given"))
        if not path.exists():
            raise UsageProblem(_("no such file: {path}").format(path=spec))
        if path.is_dir():
            raise UsageProblem(_("{path} is a folder").format(path=spec))
        yield path
        return
    data = git_file(spec, (limits or Limits()).max_bytes + 1, cwd or Path.cwd())
    folder = tempfile.mkdtemp(prefix="p135-diff-")
    try:
        copy = Path(folder) / (PurePosixPath(spec.partition(":")[2]).name or "plan.yaml")
        copy.write_bytes(data)
        yield copy
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def git_file(spec: str, most: int, cwd: Path) -> bytes:
    """At most `most` bytes of `PATH` at `REV`, as `git show REV:PATH` shows it from `cwd`
    (PATH starts at the repository's root; `./` starts it at `cwd`)."""
    rev, _colon, path = spec.partition(":")
    if not rev or not path:
        message = _("{spec}: write a revision and a path, such as HEAD:data/plans/plan.yaml")
        raise UsageProblem(message.format(spec=spec))
    if rev.startswith("-"):
        raise UsageProblem(_("{spec}: a revision cannot start with '-'").format(spec=spec))
    root = _answer(spec, ["rev-parse", "--show-toplevel"], cwd)
    if root is None:
        message = _("{spec}: no such file, and not inside a git repository to read it from")
        raise UsageProblem(message.format(spec=spec))
    top = Path(root.strip())
    if _answer(spec, ["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], cwd) is None:
        message = _("{spec}: no revision '{rev}' in the repository")
        raise UsageProblem(message.format(spec=spec, rev=rev))
    kind = _answer(spec, ["cat-file", "-t", spec], cwd)
    if kind is None:
        message = _(
            "{spec}: {path} does not exist at {rev} (paths start at the repository's root, {root})"
        )
        raise UsageProblem(message.format(spec=spec, path=path, rev=rev, root=top))
    if kind.strip() != "blob":
        message = _("{spec}: {path} is a folder at {rev}, not a file")
        raise UsageProblem(message.format(spec=spec, path=path, rev=rev))
    return git_blob(spec, cwd, most)


def _answer(spec: str, args: list[str], cwd: Path) -> str | None:
    """What git prints, or None when it fails."""
    done = git(args, cwd, spec)
    return done.stdout if done.returncode == 0 else None


def git_blob(spec: str, cwd: Path, most: int) -> bytes:
    """The file's first `most` bytes: git is stopped there, or at the time limit."""
    late = threading.Event()
    with subprocess.Popen(
        ["git", "cat-file", "blob", spec],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    ) as process:

        def stop() -> None:
            late.set()
            process.kill()

        timer = threading.Timer(GIT_TIMEOUT, stop)
        timer.start()
        try:
            assert process.stdout is not None
            data = process.stdout.read(most)
        finally:
            timer.cancel()
            process.kill()
    if late.is_set():
        raise UsageProblem(_late(spec))
    return data
