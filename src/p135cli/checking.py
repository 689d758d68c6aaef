"""The validate pipeline: path -> located tree -> Plan -> rules -> findings.

Library code: it never prints and never exits. The CLI builds the settings and a renderer
and runs this in between.
"""

from __future__ import annotations

import contextlib
import fnmatch
import functools
import os
import signal
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

from p135cli.arithmetic import exactly
from p135cli.cache import Cache, Outcome, Row, across_text, knowable, run_digest
from p135cli.findings import FileResult, Finding, Location, Related, RunResult, Severity
from p135cli.i18n import N_, Message, _
from p135cli.settings import Limits, Settings

# The reader, the models, the rules and the engine are imported where a file is read or
# concluded: a run whose every file the cache's index knows as it was concluded (most CI
# runs over a national set) imports none of them.
if TYPE_CHECKING:
    from p135cli.loading import Loaded, Problem
    from p135cli.model import Plan
    from p135cli.progress_report import ProgressReport
    from p135cli.rules.base import Context
    from p135cli.rules.progress_report import Pairing

PLAN_SUFFIXES = (".yaml", ".yml")


class UsageProblem(Exception):
    """A problem with how p135 was called (a path that does not exist): exit code 2."""


# A named tuple: a dataclass costs every start of `validate` most of a millisecond.
class Checked(NamedTuple):
    """A plan (or a results report) that loaded and matched the schema, with the located
    tree it came from."""

    plan: Plan | ProgressReport
    loaded: Loaded


# A named tuple: a dataclass costs every start of `validate` most of a millisecond.
class Edited(NamedTuple):
    """What the edit of a file since a revision gives (`p135 validate --against`): the edit's
    rules' findings, and the codes of those of them that did not run on it (no base to
    compare with, or no plan read), whose acknowledgements can neither match nor be stale."""

    findings: tuple[Finding, ...] = ()
    unchecked: frozenset[str] | None = None
    """None: every code of the edit's rules (`rules.amendments.EDIT_CODES`), as when no edit
    was compared."""


class Edits(Protocol):
    """Where each file's edit since a revision comes from (`p135cli.against.Against`)."""

    def of(self, path: Path, settings: Settings, limits: Limits) -> Edited:
        """What the edit of the file at `path` gives."""
        ...

    def summary(self) -> Mapping[str, Any]:
        """What was compared with what, for the run's JSON (`against`), once every file's
        edit is known."""
        ...


SKIPPED = frozenset({"node_modules", "venv", "__pycache__", "site-packages"})
"""Folders a search never enters, besides hidden ones (`.git`, `.venv`, `.github`) and
virtual environments (a folder holding `pyvenv.cfg`): they hold YAML that is not a plan."""


# A named tuple: a dataclass costs every start of `validate` most of a millisecond.
class Searched(NamedTuple):
    """What a search of the paths found: the plan files, and the folders it could not read."""

    files: list[Path]
    unreadable: list[tuple[Path, str]]
    states: list[os.stat_result | None]
    """Each file's state as the search met it (None: it could not be looked at), for the
    cache's index to know it by without asking again."""


def discover(paths: Sequence[Path], exclude: Sequence[str] = ()) -> list[Path]:
    """The plan files named, with folders searched for `*.yaml` and `*.yml`; a file named
    twice (or reached twice, through a folder and by name) is checked once, where first met."""
    return search(paths, exclude).files


def search(paths: Sequence[Path], exclude: Sequence[str] = ()) -> Searched:
    """`discover`, and the folders the search met but could not read."""
    found = Searched([], [], [])
    seen: set[object] = set()
    for path in paths:
        for plan in _expand(path, exclude, found.unreadable):
            state = _state(plan)
            identity = ("unreadable", str(plan)) if state is None else (state.st_dev, state.st_ino)
            if identity not in seen:  # one file however it is reached (a link, `./`, ...)
                seen.add(identity)
                found.files.append(plan)
                found.states.append(state)
    return found


def _state(path: Path) -> os.stat_result | None:
    """The state of the file `path` leads to, one system call; None when it cannot be looked
    at (a broken link, say: it is known by the path as given, so two are two findings)."""
    try:
        return os.stat(path)
    except OSError:
        return None


def _expand(path: Path, exclude: Sequence[str], unreadable: list[tuple[Path, str]]) -> list[Path]:
    if not str(path).strip():  # an empty CI variable must not mean "the current folder"
        raise UsageProblem(_("an empty path was given"))
    if path.is_dir():
        before = len(unreadable)
        plans = sorted(_walk(path, exclude, unreadable), key=lambda plan: plan.parts)
        if not plans and len(unreadable) == before:  # an empty folder passing silently in CI
            raise UsageProblem(_("no *.yaml or *.yml files in the folder {path}").format(path=path))
        return plans
    if path.exists() or path.is_symlink():
        return [path]
    raise UsageProblem(_("no such file or folder: {path}").format(path=path))


def _walk(top: Path, exclude: Sequence[str], unreadable: list[tuple[Path, str]]) -> Iterator[Path]:
    def failed(error: OSError) -> None:
        unreadable.append((Path(error.filename or top), error.strerror or str(error)))

    for folder, folders, files in os.walk(top, onerror=failed):
        here = Path(folder)
        folders[:] = sorted(d for d in folders if not _skipped(here / d, top, exclude))
        for name in files:
            file = here / name
            if file.suffix in PLAN_SUFFIXES and not _excluded(file, top, exclude, name):
                yield file


def _skipped(folder: Path, top: Path, exclude: Sequence[str]) -> bool:
    name = folder.name
    if name.startswith(".") or name in SKIPPED or (folder / "pyvenv.cfg").exists():
        return True
    return _excluded(folder, top, exclude, name)


def _excluded(path: Path, top: Path, exclude: Sequence[str], name: str) -> bool:
    """Hidden files, and what an --exclude pattern names (a name, or a path below `top`)."""
    if name.startswith("."):
        return True
    if not exclude:  # most runs: no path below `top` to work out for each of 10,000 files
        return False
    relative = path.relative_to(top).as_posix()
    return any(fnmatch.fnmatch(name, p) or fnmatch.fnmatch(relative, p) for p in exclude)


def problem_finding(problem: Problem) -> Finding:
    from p135cli.loading import Loaded
    from p135cli.rules import BY_CODE
    from p135cli.rules.base import Context

    rule = BY_CODE[problem.code]
    context = Context(Loaded(root=None, values={"": problem.mark}))
    extra = [Related(Location(m.line, m.column), role) for m, role in problem.related]
    return rule.finding(context, "text", "", text=problem.text, hint=problem.hint, related=extra)


def load_plan(path: Path, limits: Limits) -> tuple[Checked | None, list[Finding]]:
    """Read and match one file to the schema; findings if it cannot be done."""
    from p135cli.loading import LoadError, read

    try:
        return load_data(read(path, limits).data, limits)
    except LoadError as error:
        return None, [problem_finding(error.problem)]


def load_data(data: bytes, limits: Limits) -> tuple[Checked | None, list[Finding]]:
    """`load_plan` of a file's bytes."""
    from pydantic import ValidationError

    from p135cli.loading import LoadError, decode, load_text
    from p135cli.model import Plan
    from p135cli.rules.base import Context, style_of
    from p135cli.rules.structure import NOT_A_PLAN
    from p135cli.schema_errors import schema_findings

    try:
        loaded = load_text(decode(data), limits)
    except LoadError as error:
        return None, [problem_finding(error.problem)]
    problems = [problem_finding(p) for p in loaded.problems]
    if not isinstance(loaded.root, dict):
        text = Message(
            N_("the file holds nothing, not a plan (a mapping of keys such as 'province:')")
            if loaded.root is None
            else N_(
                "the file holds a single value or a list, not a plan (a mapping of keys such "
                "as 'province:')"
            )
        )
        return None, [*problems, NOT_A_PLAN.finding(Context(loaded), "text", "", text=text)]
    model: type[Plan | ProgressReport] = Plan
    if "report" in loaded.root and "document" not in loaded.root:
        from p135cli.progress_report import ProgressReport  # built only when a report is read

        model = ProgressReport
    try:
        context = {"number_style": style_of(loaded.root), "max_digits": limits.max_digits}
        plan = model.model_validate(loaded.root, context=context)
    except ValidationError as error:
        return None, problems + schema_findings(error, loaded, model)
    return Checked(plan, loaded), problems


@exactly
def run_rules(checked: Plan | ProgressReport, context: Context) -> list[Finding]:
    """A plan's rules, or a results report's own (without its plan)."""
    from p135cli.model import Plan
    from p135cli.rules import PLAN_RULES
    from p135cli.rules.progress_report import Pairing

    if not isinstance(checked, Plan):
        return check_pairing(Pairing(checked), context)
    return [finding for rule in PLAN_RULES for finding in rule.run(checked, context)]


@exactly
def check_pairing(pairing: Pairing, context: Context) -> list[Finding]:
    from p135cli.rules import REPORT_RULES

    return [finding for rule in REPORT_RULES for finding in rule.run(pairing, context)]


def outcome_of(
    path: Path, settings: Settings, limits: Limits, cache: Cache | None = None
) -> Outcome:
    """Check one file on its own, or take its outcome from the cache: all a run keeps of it,
    with the state the file was read in."""
    from p135cli.loading import LoadError, read

    try:
        found = read(path, limits)
    except LoadError as error:  # nothing was read, so nothing is cached
        return Outcome([problem_finding(error.problem)])
    key = cache.key(found.data) if cache is not None else ""
    outcome = cache.get(key) if cache is not None else None
    if outcome is None:
        outcome = _outcome(found.data, settings, limits)
        if cache is not None:
            cache.put(key, outcome)
    return replace(outcome, state=knowable(found.state, found.at))


def _outcome(data: bytes, settings: Settings, limits: Limits) -> Outcome:
    from p135cli.loading import pointer_of
    from p135cli.model import Plan
    from p135cli.rules import citations
    from p135cli.rules.base import Context

    checked, findings = load_data(data, limits)
    if checked is None:
        return Outcome(findings)
    findings += run_rules(checked.plan, Context(checked.loaded, settings))
    acknowledged = list(checked.plan.acknowledged)
    dated = citations.dated(checked.plan) if isinstance(checked.plan, Plan) else None
    pointers = [pointer_of("acknowledged", index) for index in range(len(acknowledged))]
    kept = checked.loaded.keep(pointers + (dated.pointers if dated else []))
    return Outcome(findings, acknowledged, dated, kept)


POOL_FROM = 32
"""Fewer files than this are checked in this process: starting workers would cost more."""


def _outcomes(
    searched: Searched, settings: Settings, limits: Limits, cache: Cache | None, jobs: int
) -> Iterator[Outcome | Row]:
    """Each file's outcome, in the order of `files`, or its row where the cache's index knows
    the file in its present state (without reading it); the rest read and checked or found
    in the cache by its bytes, in a pool of `jobs` worker processes when enough files are
    left to pay for starting one (reading and hashing are work for the pool too)."""
    files = searched.files
    states = zip(files, searched.states, strict=True)
    found = [cache.current(*known) if cache is not None else None for known in states]
    missing = [path for path, row in zip(files, found, strict=True) if row is None]
    checked = _checked(missing, settings, limits, cache, jobs)
    for row in found:
        yield next(checked) if row is None else row
    next(checked, None)  # none left: this lets the workers finish


def _checked(
    files: list[Path], settings: Settings, limits: Limits, cache: Cache | None, jobs: int
) -> Iterator[Outcome]:
    work = functools.partial(outcome_of, settings=settings, limits=limits, cache=cache)
    if jobs <= 1 or len(files) < POOL_FROM:
        yield from map(work, files)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    _import_the_check()

    # fork starts a worker at once, sharing what this process has imported; elsewhere
    # (Windows, macOS) a worker starts afresh. A worker that dies (killed, out of memory)
    # ends the run with an error (BrokenProcessPool) instead of leaving it waiting forever.
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    workers = min(jobs, len(files) // 2)  # never more workers than there is work for
    chunk = max(1, min(64, len(files) // (workers * 8)))
    context = multiprocessing.get_context(method)
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_worker)
    done = False
    with _pipes_may_break():  # also while the pool shuts down: it writes to its pipes
        try:
            yield from pool.map(work, files, chunksize=chunk)
            done = True
        except BrokenProcessPool:  # the pool has ended its other workers itself
            done = True
            raise
        finally:
            if done:
                pool.shutdown(cancel_futures=True)
            else:
                _stop(pool)


def _import_the_check() -> None:
    """Import what checking a file needs before the workers start: a forked worker then
    shares it with this process instead of importing it again (and building the models)
    itself; frozen, the collector never writes to those pages, so they stay shared."""
    import gc

    from p135cli import engine, loading, model, rules, schema_errors  # noqa: F401

    gc.freeze()


@contextlib.contextmanager
def _pipes_may_break() -> Iterator[None]:
    """While workers run, a pipe to one that died must be an error the pool reports, not a
    signal that ends p135 without a word: the command line lets SIGPIPE end a run quietly
    (`p135 validate | head`), which is right for standard output only."""
    pipe = getattr(signal, "SIGPIPE", None)
    if pipe is None or threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(pipe, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(pipe, previous)


def _stop(pool: Any) -> None:
    """End the workers now (Ctrl-C, or a worker that died): a run that stops does not wait
    for the work it will not report."""
    stop = getattr(pool, "terminate_workers", None)  # Python 3.14
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    if stop is not None:
        stop()
        return
    for process in processes:
        process.terminate()


def _worker() -> None:
    """Ctrl-C stops the run in the main process, which ends the workers: none prints a
    traceback of its own."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def jobs_default() -> int:
    """One worker per core this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


@exactly
def _run_wide(kept: list[tuple[str, Outcome]], settings: Settings) -> dict[str, list[Finding]]:
    """Rules that look across every plan of the run (one citation, one date)."""
    from p135cli.rules import citations
    from p135cli.rules.base import Context

    plans = [
        (shown, outcome.dated, Context(outcome.loaded, settings))
        for shown, outcome in kept
        if outcome.dated is not None and outcome.loaded is not None
    ]
    return citations.date_conflicts(plans)


def check_paths(
    paths: Iterable[Path],
    settings: Settings | None = None,
    limits: Limits | None = None,
    exclude: Sequence[str] = (),
    *,
    cache: Cache | None = None,
    jobs: int = 1,
    against: Edits | None = None,
) -> RunResult:
    """Check every plan named (folders searched), then what holds across them, and with
    `against` what each file's edit since a revision gives. Of each file, only its outcome is
    kept while the others are checked; the engine then concludes each file's findings, of
    every kind, once."""
    settings, limits = settings or Settings(), limits or Limits()
    results: dict[str, FileResult] = {}
    searched = search(list(paths), exclude)
    for folder, reason in searched.unreadable:  # a folder left out unseen would pass silently
        from p135cli.loading import Mark, Problem

        text = Message(N_("cannot read the folder: {reason}"), {"reason": reason})
        problem = Problem("Y001", text, Mark(1, 1))
        results[str(folder)] = FileResult(str(folder), [problem_finding(problem)])
    files = searched.files
    found = list(_outcomes(searched, settings, limits, cache, jobs))
    run = _Run(files, found, cache, (settings, limits))
    for index, path in enumerate(files):
        results[str(path)] = run.result(index, against)
    if cache is not None:
        cache.save()
    return RunResult(list(results.values()), against=against.summary() if against else None)


class _Run:
    """The files of one run, each as its outcome or as the index's row of it: what the check
    across plans finds, and each file's findings as the engine concludes them, taken from the
    index where the run is as the one that concluded them (`cache.run_digest`)."""

    def __init__(
        self,
        files: list[Path],
        found: list[Outcome | Row],
        cache: Cache | None,
        checked_as: tuple[Settings, Limits],
    ) -> None:
        self.files, self.found, self.cache = files, found, cache
        self.settings, self.limits = checked_as  # a file read again is read as the others were
        self.wide: dict[str, list[Finding]] | None = None
        self.digest = ""
        if cache is not None:
            across = [item.across if isinstance(item, Row) else across_text(item) for item in found]
            self.digest = run_digest(zip(map(str, files), across, strict=True))
        if cache is None or any(self._row(i) is None for i in range(len(files))):
            self.wide = self._across()

    def _row(self, index: int) -> Row | None:
        """The index's row of a file, in whatever state it was read, if it was concluded in a
        run like this one: what the check across plans found in it is known."""
        row = self.cache.row(self.files[index]) if self.cache is not None else None
        return row if row is not None and row.run == self.digest else None

    def outcome(self, index: int) -> Outcome:
        item = self.found[index]
        if isinstance(item, Row):
            assert self.cache is not None
            outcome = self.cache.outcome(item)  # None: not this user's p135's, read again
            item = outcome or outcome_of(self.files[index], self.settings, self.limits, self.cache)
            self.found[index] = item
        return item

    def _across(self) -> dict[str, list[Finding]]:
        """What the check across plans finds, by file."""
        kept = [(str(path), self.outcome(index)) for index, path in enumerate(self.files)]
        return _run_wide(kept, self.settings)

    def across_found(self, index: int) -> list[Finding]:
        """What the check across plans finds in one file: from the index where the run is
        as the one that found it."""
        if self.wide is None:
            row = self._row(index)
            found = self.cache.across_found(row) if self.cache is not None and row else None
            if found is not None:
                return found
            self.wide = self._across()
        return self.wide.get(str(self.files[index]), [])

    def result(self, index: int, against: Edits | None) -> FileResult:
        path, item, settings = self.files[index], self.found[index], self.settings
        known = isinstance(item, Row) and item.run == self.digest and against is None
        if known and self.cache is not None:
            assert isinstance(item, Row)
            stored = self.cache.concluded(item)
            if stored is not None:
                return FileResult(str(path), stored)
        outcome = self.outcome(index)
        across = self.across_found(index)
        edited = against.of(path, settings, self.limits) if against is not None else Edited()
        found = [*outcome.findings, *across, *edited.findings]
        concluded = _concluded(found, outcome, settings, edited)
        if self.cache is not None:  # an edit's findings are not the file's alone: not kept
            keep = (across, concluded) if against is None else None
            self.cache.note(path, outcome, self.digest if keep else None, keep)
        return FileResult(str(path), concluded)


def _concluded(
    found: list[Finding], outcome: Outcome, settings: Settings, edited: Edited
) -> list[Finding]:
    """One file's findings as the engine concludes them: with its acknowledgements, where
    it was read as a plan or report."""
    from p135cli.engine import conclude
    from p135cli.rules import NEEDS_PLAN
    from p135cli.rules.amendments import EDIT_CODES
    from p135cli.rules.base import Context

    if outcome.loaded is None:
        return conclude(found, settings)
    context = Context(outcome.loaded, settings)
    unchecked = EDIT_CODES if edited.unchecked is None else edited.unchecked
    root = outcome.loaded.root
    if isinstance(root, dict) and "report" in root:  # checked without its plan
        unchecked |= NEEDS_PLAN
    return conclude(found, settings, outcome.acknowledged, context, unchecked)


def check_file(path: Path, settings: Settings, limits: Limits) -> FileResult:
    """Check one plan on its own."""
    return check_paths([path], settings, limits).files[0]


def _read_one(path: Path, limits: Limits | None) -> tuple[Checked | None, list[Finding]]:
    """One named file for a view, and what reading it found; a path that is not a file is a
    usage problem."""
    if not path.is_file():
        message = _("no such file: {path}") if not path.exists() else _("{path} is a folder")
        raise UsageProblem(message.format(path=path))
    return load_plan(path, limits or Limits())


def _ambiguous(read: list[Finding], settings: Settings) -> bool:
    """Whether what reading a file found stays an error under the settings (a duplicate key,
    a look-alike letter): such a file cannot be shown unambiguously, and its rules are not
    run. The engine is asked, as it alone applies the settings; what the file's result shows
    is concluded on its own, once."""
    from p135cli.engine import conclude

    concluded = conclude(read, settings)
    return any(f.severity is Severity.ERROR and not f.acknowledged for f in concluded)


def open_document(
    path: Path, settings: Settings | None = None, limits: Limits | None = None
) -> tuple[Plan | ProgressReport | None, FileResult]:
    """One plan or results report for a view (timeline, report, progress): the document if it
    matched the schema, and what checking it found, so a view can say when it shows figures
    that do not add up."""
    from p135cli.engine import conclude
    from p135cli.rules.base import Context

    settings = settings or Settings()
    checked, read = _read_one(path, limits)
    if checked is None or _ambiguous(read, settings):
        return None, FileResult(str(path), conclude(read, settings))
    context = Context(checked.loaded, settings)
    found = read + run_rules(checked.plan, context)
    acknowledged = checked.plan.acknowledged
    return checked.plan, FileResult(str(path), conclude(found, settings, acknowledged, context))


def check_report(
    path: Path, plan: Plan, settings: Settings | None = None, limits: Limits | None = None
) -> tuple[ProgressReport | Plan | None, FileResult]:
    """A results report checked against its plan: its own rules and those that need the plan."""
    from p135cli.engine import conclude
    from p135cli.model import Plan
    from p135cli.rules.base import Context
    from p135cli.rules.progress_report import Pairing

    settings = settings or Settings()
    checked, read = _read_one(path, limits)
    if checked is None or isinstance(checked.plan, Plan):
        return (checked.plan if checked else None), FileResult(str(path), conclude(read, settings))
    context = Context(checked.loaded, settings)
    found = read + check_pairing(Pairing(checked.plan, plan), context)
    acknowledged = checked.plan.acknowledged
    return checked.plan, FileResult(str(path), conclude(found, settings, acknowledged, context))
