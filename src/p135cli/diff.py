"""`p135 diff OLD NEW`: what an edit of a plan changed, as an auditor reads an amendment.

Both plans are read through the same loader and model, and their *values* are compared, not
their text: a figure is the same figure whatever its form (`"245,159"`, `245.159` in an en
plan, `"245.159.000.000 đồng"`), wherever it stands in the file. Each stated value is a leaf
with an identity path that does not depend on the file's order:

- mappings by their key (sources, parts, years, categories), lists by what the item is:
  targets, banded counts and components by `id`, outputs by `id` (else what they are),
  citations by number (else title), roadmap communes by name and district and villages by
  name, commune and district (p135cli.names.identity), bands by label, lists of text by the
  text's identity; so a reordered list or mapping changes nothing;
- a source, a year's part or a source's split whose key was renamed (`credit:` to
  `tin_dung:`) with the same name (by identity) is a *rename*: it is reported once, and its
  figures are compared with the renamed key's (so are the categories' `stands_for`). A key
  renamed together with its name is a removal and an addition.
- amounts are compared in the funding unit of NEW, exactly: `"500 triệu đồng"` and `0,5` tỷ
  are one figure.

Stages, each given the previous one's result; nothing here prints:

1. `opened(spec)`: a file, or `REV:PATH` read from git into a temporary file;
2. `read_plan` / `check_paths` (p135cli.checking): both plans loaded; NEW checked as
   `validate` checks it;
3. `compare(old, new, tolerance)`: a `Diff` (changed values, renames, money by sum and moved,
   roadmap moves, targets and citations, whether every sum holds before and after).

`build(old, new, settings, limits)` runs them all and gives a `Compared` for the views.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path, PurePosixPath
from typing import Any, Literal

from pydantic import BaseModel

from p135cli.checking import Checked, UsageProblem, check_paths, load_plan
from p135cli.engine import conclude
from p135cli.findings import FileResult, Finding, Severity
from p135cli.i18n import NumberStyle, _
from p135cli.loading import Limits, Loaded, escape, pointer_of, tokens_of
from p135cli.model import (
    Acknowledgement,
    Amendment,
    Band,
    Banded,
    Citation,
    Commune,
    Component,
    Figure,
    Funding,
    Output,
    Plan,
    Source,
    Subset,
    Target,
    TargetPart,
    Village,
)
from p135cli.names import document_number, identity
from p135cli.numbers import to_unit
from p135cli.rules.amendments import (
    EDIT_CODES,
    EDIT_RULES,
    ERROR_WITH_BASE,
    NOT_COMPARED,
    Changed,
    Edit,
    Recorded,
    amendment_identity,
    history,
)
from p135cli.rules.base import Context as RuleContext
from p135cli.rules.base import Settings
from p135cli.sums import Balance, balances

GIT_TIMEOUT = 30
"""Seconds a git command may take before p135 gives up on it."""

Path_ = tuple[str, ...]
"""An identity path: the same in OLD and NEW for the same stated value."""
Value = Decimal | str
Status = Literal["changed", "added", "removed"]


# --- stage 1: the two files ----------------------------------------------------------------


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
    root = _git(spec, ["rev-parse", "--show-toplevel"], cwd)
    if root is None:
        message = _("{spec}: no such file, and not inside a git repository to read it from")
        raise UsageProblem(message.format(spec=spec))
    top = Path(root.strip())
    if _git(spec, ["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], cwd) is None:
        message = _("{spec}: no revision '{rev}' in the repository")
        raise UsageProblem(message.format(spec=spec, rev=rev))
    kind = _git(spec, ["cat-file", "-t", spec], cwd)
    if kind is None:
        message = _(
            "{spec}: {path} does not exist at {rev} (paths start at the repository's root, {root})"
        )
        raise UsageProblem(message.format(spec=spec, path=path, rev=rev, root=top))
    if kind.strip() != "blob":
        message = _("{spec}: {path} is a folder at {rev}, not a file")
        raise UsageProblem(message.format(spec=spec, path=path, rev=rev))
    return git_blob(spec, cwd, most)


def _git(spec: str, args: list[str], cwd: Path) -> str | None:
    """What git prints, or None when it fails; a usage problem when git cannot be run."""
    try:
        done = subprocess.run(
            ["git", *args], cwd=cwd, capture_output=True, timeout=GIT_TIMEOUT, check=False
        )
    except FileNotFoundError:
        message = _("{spec}: git is not installed, or not on the PATH")
        raise UsageProblem(message.format(spec=spec)) from None
    except subprocess.TimeoutExpired:
        raise UsageProblem(_timeout(spec)) from None
    return done.stdout.decode("utf-8", "surrogateescape") if done.returncode == 0 else None


def _timeout(spec: str) -> str:
    return _("{spec}: git did not answer within {seconds} seconds").format(
        spec=spec, seconds=GIT_TIMEOUT
    )


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
        raise UsageProblem(_timeout(spec))
    return data


# --- stage 2: both plans loaded, NEW checked ------------------------------------------------


def read_plan(path: Path, label: str, limits: Limits) -> Checked | None:
    """A plan that matched the schema, or None; a results report is a usage problem."""
    checked, _findings = load_plan(path, limits)
    if checked is not None and not isinstance(checked.plan, Plan):
        raise UsageProblem(_("{path} is a results report, not a plan").format(path=label))
    return checked


def checked_as(path: Path, label: str, settings: Settings, limits: Limits) -> FileResult:
    """The file checked as `validate` checks it, its findings shown under `label`."""
    result = check_paths([path], settings, limits).files[0]
    return FileResult(label, result.findings)


# --- stage 3: the comparison ----------------------------------------------------------------


@dataclass(frozen=True)
class Leaf:
    """One stated value: where it is by identity, where it is in its file, and what it is."""

    path: Path_
    pointer: str
    value: Value
    subject: tuple[str, ...]
    """The names it belongs to, outermost first: ('2019', 'Vốn Ngân sách tỉnh')."""
    listed: bool = False
    """An item of a list of names (`districts`, an amendment's `changes`), known by itself."""


@dataclass(frozen=True)
class Change:
    """A value changed, added or removed. `pointer` and `line` are NEW's, or OLD's for a
    removal; `old_pointer` and `old_line` are OLD's (None for an addition)."""

    path: Path_
    old: Value | None
    new: Value | None
    pointer: str
    line: int
    old_pointer: str | None
    old_line: int | None
    subject: tuple[str, ...]

    @property
    def status(self) -> Status:
        if self.old is None:
            return "added"
        return "removed" if self.new is None else "changed"

    @property
    def difference(self) -> Decimal | None:
        """new - old, for figures (a missing one counts as nothing); None for text."""
        old, new = self.old, self.new
        if isinstance(old, str) or isinstance(new, str):
            return None
        return _less(new, old)


def _less(new: Decimal | None, old: Decimal | None) -> Decimal:
    """`new - old` without trailing zeros (-10, not -10.000); a missing figure is nothing."""
    difference = (new or Decimal(0)) - (old or Decimal(0))
    return Decimal(0) if difference == 0 else difference.normalize()


@dataclass(frozen=True)
class Rename:
    """A key renamed with the same name: `source` credit -> tin_dung, `part` in some years,
    `split` of a source (`within`: the years, or the source's name)."""

    kind: Literal["source", "part", "split"]
    old: str
    new: str
    name: str
    within: tuple[str, ...]
    line: int
    old_line: int


@dataclass(frozen=True)
class Sum:
    """A stated sum before and after: the total, a source or a year's total."""

    kind: Literal["total", "source", "year"]
    key: str
    label: str
    old: Decimal | None
    new: Decimal | None

    @property
    def difference(self) -> Decimal:
        return _less(self.new, self.old)


@dataclass(frozen=True)
class Transfer:
    """Money moved from one sum to another of the same kind (source or year)."""

    kind: Literal["source", "year"]
    source: Sum
    target: Sum
    amount: Decimal


@dataclass(frozen=True)
class Money:
    unit: str
    total: Sum
    sources: tuple[Sum, ...]
    years: tuple[Sum, ...]
    moved: tuple[Transfer, ...]

    def changed(self) -> list[Sum]:
        return [s for s in (self.total, *self.sources, *self.years) if s.difference != 0]


@dataclass(frozen=True)
class Place:
    """A commune or village on the roadmap: the year it leaves in OLD and in NEW, and (for one
    renamed or given another district or commune in its year) what OLD called it."""

    kind: Literal["commune", "village"]
    name: str
    commune: str | None
    district: str
    old_year: int | None
    new_year: int | None
    line: int
    was: tuple[str, str | None, str] | None = None
    """OLD's name, commune and district, when they are not NEW's."""
    old_line: int | None = None

    @property
    def status(self) -> Literal["moved", "added", "removed", "renamed", "same"]:
        if self.old_year is None:
            return "added"
        if self.new_year is None:
            return "removed"
        if self.old_year != self.new_year:
            return "moved"
        return "same" if self.was is None else "renamed"


@dataclass(frozen=True)
class Item:
    """A target (by id) or a citation (by number) added, removed or changed."""

    section: str
    key: str
    label: str
    status: Status
    line: int


@dataclass(frozen=True)
class Sums:
    """Whether every sum holds, before the edit and after it, and those that do not."""

    failing_before: tuple[Balance, ...]
    failing_after: tuple[Balance, ...]

    @property
    def held_before(self) -> bool:
        return not self.failing_before

    @property
    def hold_after(self) -> bool:
        return not self.failing_after


@dataclass(frozen=True)
class Diff:
    changes: tuple[Change, ...]
    renamed: tuple[Rename, ...]
    money: Money | None
    roadmap: tuple[Place, ...]
    """The communes and villages moved, added or removed, in NEW's order."""
    targets: tuple[Item, ...]
    citations: tuple[Item, ...]
    sums: Sums
    amendments: tuple[Item, ...] = ()
    """The amendments added, removed or changed, by number and date."""
    acknowledgements: tuple[Item, ...] = ()
    """The acknowledgements added, removed or changed, by rule and pointer."""

    def listed(self) -> list[Change]:
        """The changes a reader is shown one by one: not those inside a target or citation
        added or removed whole (its own line says so)."""
        items = (*self.targets, *self.citations, *self.amendments, *self.acknowledgements)
        whole = {(i.section, i.key) for i in items if i.status != "changed"}
        return [c for c in self.changes if c.path[:2] not in whole]


@dataclass(frozen=True)
class Side:
    """One of the plans as given: its name on the command line, and what it holds."""

    label: str
    checked: Checked | None
    result: FileResult
    """OLD: what reading it found (only when it cannot be compared); NEW: the checks."""

    @property
    def plan(self) -> Plan | None:
        plan = self.checked.plan if self.checked else None
        return plan if isinstance(plan, Plan) else None


@dataclass(frozen=True)
class Compared:
    """Everything `p135 diff` shows: both plans, NEW's checks, and the diff when both read."""

    old: Side
    new: Side
    diff: Diff | None
    style: NumberStyle | None = None
    """NEW's number style (else OLD's): figures are shown in it."""
    heading: tuple[str, ...] = field(default=())
    """The province and the plan's name, as NEW states them."""


def build(
    old: str, new: str, settings: Settings, limits: Limits, names: tuple[str, str] | None = None
) -> Compared:
    """Read OLD and NEW (files or `REV:PATH`), check NEW, and compare them; `names`: what
    the user calls them, when not their paths (standard input)."""
    old_spec, new_spec = old, new
    if names is not None:
        old, new = names
    with opened(old_spec, limits) as old_path, opened(new_spec, limits) as new_path:
        old_checked = read_plan(old_path, old, limits)
        new_checked = read_plan(new_path, new, limits)
        unread = FileResult(old, [])
        if old_checked is None:
            unread = checked_as(old_path, old, settings, limits)
        old_side = Side(old, old_checked, unread)
        new_side = Side(new, new_checked, checked_as(new_path, new, settings, limits))
    diff = None
    if old_checked is not None and new_checked is not None:
        diff = compare(old_checked, new_checked, settings.tolerance)
    return Compared(old_side, new_side, diff, *_heading(new_side.plan or old_side.plan))


def _heading(plan: Plan | None) -> tuple[NumberStyle | None, tuple[str, ...]]:
    if plan is None:
        return None, ()
    name = plan.document.known_as or plan.document.number or plan.programme
    return plan.number_style, (plan.province, name)


def compare(old: Checked, new: Checked, tolerance: Decimal = Decimal(0)) -> Diff:
    """What changed from `old` to `new`: both plans as the model reads them."""
    assert isinstance(old.plan, Plan) and isinstance(new.plan, Plan)
    keys = renamed_keys(old.plan, new.plan)
    unit = _unit(new.plan) or _unit(old.plan) or "tỷ đồng"
    before = leaves(old.plan, Walk(_unit(old.plan) or unit, unit, keys))
    after = leaves(new.plan, Walk(_unit(new.plan) or unit, unit, Keys()))
    changes = tuple(_changes(before, after, old.loaded, new.loaded))
    places = (old.loaded, new.loaded)

    def listed(*sections: str) -> tuple[Item, ...]:
        return tuple(items(sections, before, after, changes, places))

    return Diff(
        changes=changes,
        renamed=tuple(renames(old, new, keys)),
        money=compared_money(old.plan, new.plan, keys, unit),
        roadmap=tuple(p for p in roadmap(old, new) if p.status != "same"),
        targets=listed("targets"),
        citations=listed("legal_basis", "cited", "considered"),
        sums=Sums(_failing(old.plan, tolerance), _failing(new.plan, tolerance)),
        amendments=listed("amendments"),
        acknowledgements=listed("acknowledged"),
    )


def _unit(plan: Plan) -> str | None:
    return plan.funding.unit if plan.funding else None


def _failing(plan: Plan, tolerance: Decimal) -> tuple[Balance, ...]:
    found = balances(plan.funding) if plan.funding else []
    return tuple(balance for balance in found if not balance.holds(tolerance))


# --- renamed keys -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Keys:
    """OLD's keys renamed in NEW: sources, each year's parts, the categories (a category's key
    is its parts' key) and each source's split (by NEW's source key)."""

    sources: Mapping[str, str] = field(default_factory=dict)
    parts: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    splits: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    @property
    def categories(self) -> dict[str, str]:
        """Each part key renamed the same way in every year it was renamed in."""
        pairs = {(o, n) for renamed in self.parts.values() for o, n in renamed.items()}
        twice = Counter(o for o, _n in pairs)
        return {o: n for o, n in pairs if twice[o] == 1}

    def __call__(self, path: Path_, key: str) -> str:
        """NEW's name of OLD's `key`, in the mapping (or list of source keys) at `path`."""
        renamed: Mapping[str, str]
        match path:
            case ("funding", "sources") | ("funding", "categories", _, "stands_for"):
                renamed = self.sources
            case ("funding", "years", year, "parts"):
                renamed = self.parts.get(year, {})
            case ("funding", "categories"):
                renamed = self.categories
            case ("funding", "sources", source, "split"):
                renamed = self.splits.get(source, {})
            case _:
                return key
        return renamed.get(key, key)


def _paired(old: Mapping[str, Any], new: Mapping[str, Any]) -> dict[str, str]:
    """OLD's keys that NEW has not, paired with NEW's keys that OLD has not, by the same
    name (by identity); a name that is not unique on either side pairs nothing."""
    gone = {key: identity(item.name) for key, item in old.items() if key not in new}
    came = {key: identity(item.name) for key, item in new.items() if key not in old}
    once = _unique(gone.values()) & _unique(came.values())
    by_name = {name: key for key, name in came.items() if name in once}
    return {key: by_name[name] for key, name in gone.items() if name in once}


def _unique(names: Iterable[str]) -> set[str]:
    counted = Counter(names)
    return {name for name, count in counted.items() if count == 1}


def renamed_keys(old: Plan, new: Plan) -> Keys:
    if old.funding is None or new.funding is None:
        return Keys()
    before, after = old.funding, new.funding
    sources = _paired(before.sources, after.sources)
    parts = {
        str(year): _paired(before.years[year].parts, after.years[year].parts)
        for year in before.years.keys() & after.years.keys()
    }
    splits = {
        sources.get(key, key): _paired(source.split, after.sources[sources.get(key, key)].split)
        for key, source in before.sources.items()
        if sources.get(key, key) in after.sources
    }
    return Keys(sources, parts, splits)


def renames(old: Checked, new: Checked, keys: Keys) -> Iterator[Rename]:
    """The renames of `keys`, each once: a part renamed in several years lists the years."""
    assert isinstance(old.plan, Plan) and isinstance(new.plan, Plan)
    if new.plan.funding is None:  # nothing to rename (`p135 diff` of two plans without money)
        return
    funding, places = new.plan.funding, (old.loaded, new.loaded)
    for key, to in keys.sources.items():
        where = (pointer_of("funding", "sources"),) * 2
        yield _rename("source", (key, to), funding.sources[to].name, (), where, places)
    for key, to in sorted({(o, n) for r in keys.parts.values() for o, n in r.items()}):
        years = tuple(y for y, r in sorted(keys.parts.items()) if r.get(key) == to)
        name = funding.years[int(years[0])].parts[to].name
        where = (pointer_of("funding", "years", years[0], "parts"),) * 2
        yield _rename("part", (key, to), name, years, where, places)
    was = {new_key: old_key for old_key, new_key in keys.sources.items()}
    for source, renamed in keys.splits.items():
        owner = funding.sources[source]
        split = (
            pointer_of("funding", "sources", was.get(source, source), "split"),
            pointer_of("funding", "sources", source, "split"),
        )
        for key, to in renamed.items():
            yield _rename("split", (key, to), owner.split[to].name, (owner.name,), split, places)


def _rename(
    kind: Literal["source", "part", "split"],
    keys: tuple[str, str],
    name: str,
    within: tuple[str, ...],
    where: tuple[str, ...],
    places: tuple[Loaded, Loaded],
) -> Rename:
    """A rename, with the lines of its key in OLD and NEW (`where`: each one's mapping)."""
    old, new = keys
    line = places[1].key_mark(f"{where[1]}/{escape(new)}").line
    old_line = places[0].key_mark(f"{where[0]}/{escape(old)}").line
    return Rename(kind, old, new, name, within, line, old_line)


# --- the leaves of a plan ---------------------------------------------------------------------


def _same(path: Path_, key: str) -> str:
    return key


@dataclass(frozen=True)
class Walk:
    """How to read one plan's leaves: its funding unit, the unit amounts are compared in,
    and NEW's name of each of its keys."""

    own_unit: str
    unit: str
    keys: Callable[[Path_, str], str] = _same


def _citation_key(citation: Citation) -> str:
    if citation.number:
        parts = document_number(citation.number)
        return "number " + ("/".join(map(str, parts)) if parts else identity(citation.number))
    return "title " + identity(citation.title or citation.kind or "") + " " + (citation.date or "")


def _amendment_label(amendment: Amendment) -> str:
    """`Quyết định 130/QĐ-UBND, 15/3/2019`."""
    named = " ".join(filter(None, (amendment.kind, amendment.number)))
    return ", ".join(filter(None, (named, amendment.date)))


_LIST_ITEMS: dict[type, tuple[Callable[[Any], str | None], Callable[[Any], str]]] = {
    Target: (lambda t: t.id, lambda t: t.id),
    Banded: (lambda b: b.id, lambda b: b.id),
    Component: (lambda c: c.id, lambda c: c.name),
    Output: (lambda o: o.id or identity(o.what), lambda o: o.id or o.what),
    Citation: (_citation_key, lambda c: c.number or c.title or c.kind or ""),
    Commune: (lambda c: f"{identity(c.name)} | {identity(c.district)}", lambda c: c.name),
    Village: (
        lambda v: " | ".join(identity(t) for t in (v.name, v.commune, v.district)),
        lambda v: v.name,
    ),
    Band: (lambda b: identity(b.label), lambda b: b.label),
    Subset: (lambda s: identity(s.text), lambda s: s.text),
    TargetPart: (lambda p: identity(p.text) if p.text else None, lambda p: p.text or ""),
    Acknowledgement: (lambda a: f"{a.rule} {a.pointer}", lambda a: f"{a.rule} {a.pointer}"),
    Amendment: (amendment_identity, _amendment_label),
}
"""For each kind of list item: its identity (None: its place in the list), and its name."""


def leaves(plan: BaseModel, walk: Walk) -> dict[Path_, Leaf]:
    """Every value `plan` states, by identity path."""
    return {leaf.path: leaf for leaf in _walk(plan, (), "", (), walk)}


def _walk(
    value: object, path: Path_, pointer: str, subject: tuple[str, ...], walk: Walk
) -> Iterator[Leaf]:
    if isinstance(value, BaseModel):
        yield from _model(value, path, pointer, subject, walk)
    elif isinstance(value, dict):
        yield from _mapping(value, path, pointer, subject, walk)
    elif isinstance(value, list):
        yield from _sequence(value, path, pointer, subject, walk)
    elif value is not None:
        yield Leaf(path, pointer, _scalar(value), subject)


def _scalar(value: object) -> Value:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | Decimal):
        return Decimal(value)
    return str(value)


def _model(
    model: BaseModel, path: Path_, pointer: str, subject: tuple[str, ...], walk: Walk
) -> Iterator[Leaf]:
    amounted = isinstance(model, Figure | Source)
    for name in type(model).model_fields:
        value = getattr(model, name)
        if amounted and name == "unit":
            continue  # folded into the amount, compared in one unit
        if amounted and name == "amount" and value is not None:
            value = _amount(model, walk)
        yield from _walk(value, (*path, name), f"{pointer}/{name}", subject, walk)


def _amount(model: Any, walk: Walk) -> Decimal:
    unit = str(model.unit or walk.own_unit)
    amount: Decimal = model.amount
    return amount if unit == walk.unit else converted(amount, unit, walk.unit)


def converted(amount: Decimal, unit: str, target: str) -> Decimal:
    """`amount` in `target`, exactly, without the zeros conversion adds (1342,439 tỷ is
    1342439 triệu, not 1342439,000)."""
    return to_unit(amount, unit, target).normalize()


def _mapping(
    value: dict[Any, Any], path: Path_, pointer: str, subject: tuple[str, ...], walk: Walk
) -> Iterator[Leaf]:
    for key, item in value.items():
        name = getattr(item, "name", None)
        named = (*subject, name if isinstance(name, str) else str(key))
        at = f"{pointer}/{escape(str(key))}"
        yield from _walk(item, (*path, walk.keys(path, str(key))), at, named, walk)


def _sequence(
    value: list[Any], path: Path_, pointer: str, subject: tuple[str, ...], walk: Walk
) -> Iterator[Leaf]:
    seen: Counter[str] = Counter()
    for index, item in enumerate(value):
        at = f"{pointer}/{index}"
        if isinstance(item, str):
            text = walk.keys(path, item)
            yield Leaf((*path, _once(identity(text), seen)), at, text, subject, listed=True)
            continue
        key, name = _LIST_ITEMS.get(type(item), (lambda _i: None, lambda _i: ""))
        segment = _once(key(item) or f"#{index}", seen)
        yield from _walk(item, (*path, segment), at, (*subject, name(item)), walk)


def _once(key: str, seen: Counter[str]) -> str:
    """`key`, or `key #2` for its second use in one list."""
    seen[key] += 1
    return key if seen[key] == 1 else f"{key} #{seen[key]}"


ROADMAP_NAMES = {"communes", "villages"}
"""The roadmap's lists of names, compared as moves (`roadmap`) rather than as values."""


def _compared(path: Path_) -> bool:
    return not (path[:2] == ("roadmap", "years") and len(path) > 3 and path[3] in ROADMAP_NAMES)


def _changes(
    before: dict[Path_, Leaf], after: dict[Path_, Leaf], old: Loaded, new: Loaded
) -> Iterator[Change]:
    """Each value changed, added or removed: NEW's in its order, then OLD's removed ones. A
    name of a list replaced at its place (Hoành Bồ by Hạ Long) is one change."""
    found, replaced = [], _replaced(before, after)
    paired = {id(leaf) for leaf in replaced.values()}
    for path in [*after, *(p for p in before if p not in after)]:
        was, now = before.get(path), after.get(path)
        if now is not None and was is None and now.listed:
            was = replaced.get((path[:-1], now.pointer))
        elif was is not None and now is None and id(was) in paired:
            continue  # shown with the name that replaced it
        if not _compared(path) or (was and now and _equal(was.value, now.value)):
            continue
        found.append(_change(path, was, now, old, new))
    return iter(sorted(found, key=lambda c: (c.status == "removed", c.line, c.pointer)))


def _replaced(before: Mapping[Path_, Leaf], after: Mapping[Path_, Leaf]) -> dict[Any, Leaf]:
    """OLD's names of lists that NEW has not, by their list and place, when NEW has another
    name at that place that OLD has not."""
    came = {(p[:-1], leaf.pointer) for p, leaf in after.items() if leaf.listed and p not in before}
    gone = {(p[:-1], leaf.pointer): leaf for p, leaf in before.items() if p not in after}
    return {place: leaf for place, leaf in gone.items() if leaf.listed and place in came}


def _change(path: Path_, was: Leaf | None, now: Leaf | None, old: Loaded, new: Loaded) -> Change:
    here = now or was
    assert here is not None
    return Change(
        path=path,
        old=was.value if was else None,
        new=now.value if now else None,
        pointer=here.pointer,
        line=(new if now else old).mark(here.pointer).line,
        old_pointer=was.pointer if was else None,
        old_line=old.mark(was.pointer).line if was else None,
        subject=here.subject,
    )


def _equal(a: Value, b: Value) -> bool:
    return type(a) is type(b) and a == b


# --- money ------------------------------------------------------------------------------------


def _in(figure: Figure | Source | None, own: str, unit: str) -> Decimal | None:
    if figure is None or figure.amount is None:
        return None
    stated = str(figure.unit or own)
    return figure.amount if stated == unit else converted(figure.amount, stated, unit)


def compared_money(old: Plan, new: Plan, keys: Keys, unit: str) -> Money | None:
    """The total, each source and each year's total before and after, in `unit`, and the
    money moved between sources and between years."""
    if old.funding is None and new.funding is None:
        return None
    before, after = old.funding or Funding(), new.funding or Funding()
    own = (before.unit, after.unit)
    total = Sum("total", "", "", _in(before.total, own[0], unit), _in(after.total, own[1], unit))
    renamed = {keys(("funding", "sources"), k): v for k, v in before.sources.items()}
    sources = tuple(
        Sum("source", key, (after.sources.get(key) or renamed[key]).name,
            _in(renamed.get(key), own[0], unit), _in(after.sources.get(key), own[1], unit))
        for key in dict.fromkeys([*after.sources, *renamed])
    )  # fmt: skip
    years = tuple(
        Sum("year", str(year), str(year),
            _in(_total(before, year), own[0], unit), _in(_total(after, year), own[1], unit))
        for year in sorted(before.years.keys() | after.years.keys())
    )  # fmt: skip
    moved = (*transfers("source", sources), *transfers("year", years))
    return Money(unit, total, sources, years, moved)


def _total(funding: Funding, year: int) -> Figure | None:
    stated = funding.years.get(year)
    return stated.total if stated else None


def transfers(kind: Literal["source", "year"], sums: Sequence[Sum]) -> Iterator[Transfer]:
    """Money moved: the decreases matched with the increases, largest first. What is left
    over changed the total (money added or taken away), and is no move."""
    down = sorted((s for s in sums if s.difference < 0), key=lambda s: s.difference)
    up = sorted((s for s in sums if s.difference > 0), key=lambda s: -s.difference)
    owed, due = [-s.difference for s in down], [s.difference for s in up]
    i = j = 0
    while i < len(down) and j < len(up):
        amount = min(owed[i], due[j])
        yield Transfer(kind, down[i], up[j], amount.normalize())
        owed[i], due[j] = owed[i] - amount, due[j] - amount
        i, j = i + (owed[i] == 0), j + (due[j] == 0)


# --- the roadmap ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _At:
    kind: Literal["commune", "village"]
    name: str
    commune: str | None
    district: str
    year: int
    line: int
    pointer: str


def _places(checked: Checked) -> dict[tuple[str, ...], _At]:
    """Each commune and village of the roadmap by identity, where it is first listed."""
    plan, loaded = checked.plan, checked.loaded
    found: dict[tuple[str, ...], _At] = {}
    if not isinstance(plan, Plan) or plan.roadmap is None:
        return found
    for year, stated in sorted(plan.roadmap.years.items()):
        for index, c in enumerate(stated.communes):
            pointer = f"/roadmap/years/{year}/communes/{index}"
            at = _At("commune", c.name, None, c.district, year, loaded.mark(pointer).line, pointer)
            found.setdefault(("commune", identity(c.name), identity(c.district)), at)
        for index, v in enumerate(stated.villages):
            pointer = f"/roadmap/years/{year}/villages/{index}"
            at = _At(
                "village", v.name, v.commune, v.district, year, loaded.mark(pointer).line, pointer
            )
            key = ("village", *(identity(t) for t in (v.name, v.commune, v.district)))
            found.setdefault(key, at)
    return found


def paired_places(old: Checked, new: Checked) -> Iterator[tuple[_At | None, _At | None]]:
    """Each commune and village of either roadmap, as it was and as it is (None: not there),
    NEW's in order, then OLD's taken off. One that left a year paired with one that came in
    the same year (by the same name, else at the same place in the list) is one place renamed,
    or given another district or commune, not one removed and one added."""
    before, after = _places(old), _places(new)
    came = [at for key, at in after.items() if key not in before]
    gone = [at for key, at in before.items() if key not in after]
    renamed = _renamed(gone, came)
    for key, now in after.items():
        yield before.get(key) or renamed.get(now.pointer), now
    paired = {id(at) for at in renamed.values()}
    for was in gone:
        if id(was) not in paired:
            yield was, None


def _called(at: _At) -> tuple[str, str | None, str]:
    return at.name, at.commune, at.district


def roadmap(old: Checked, new: Checked) -> Iterator[Place]:
    """Every commune and village of either roadmap: the year it leaves before and after."""
    for was, now in paired_places(old, new):
        here = now or was
        assert here is not None
        renamed = was is not None and now is not None and _called(was) != _called(now)
        yield Place(
            here.kind, here.name, here.commune, here.district,
            was.year if was else None, now.year if now else None, here.line,
            _called(was) if renamed and was else None,
            was.line if was else None,
        )  # fmt: skip


# --- targets and citations --------------------------------------------------------------------


def items(
    sections: Iterable[str],
    before: Mapping[Path_, Leaf],
    after: Mapping[Path_, Leaf],
    changes: Sequence[Change],
    places: tuple[Loaded, Loaded],
) -> Iterator[Item]:
    """The list items of `sections` (targets by id, citations by number) added, removed or
    changed, in NEW's order, then OLD's removed ones."""
    for section in sections:
        old = _items(section, before)
        new = _items(section, after)
        touched = {c.path[1] for c in changes if c.path[0] == section and len(c.path) > 1}
        for key in [*new, *(k for k in old if k not in new)]:
            if key not in touched:
                continue
            leaf, loaded = (new[key], places[1]) if key in new else (old[key], places[0])
            item = "/".join(leaf.pointer.split("/")[:3])
            label = leaf.subject[0] if leaf.subject else key
            yield Item(section, key, label, _status(key, old, new), loaded.mark(item).line)


def _status(key: str, old: Mapping[str, object], new: Mapping[str, object]) -> Status:
    if key not in old:
        return "added"
    return "removed" if key not in new else "changed"


def _items(section: str, found: Mapping[Path_, Leaf]) -> dict[str, Leaf]:
    """Each item of the list `section` by identity, with its first leaf."""
    items_: dict[str, Leaf] = {}
    for path, leaf in found.items():
        if path[0] == section and len(path) > 1:
            items_.setdefault(path[1], leaf)
    return items_


def failing_line(balance: Balance, loaded: Loaded) -> int:
    """The line of a sum's stated whole (its first left-hand figure)."""
    return loaded.mark(balance.left[0].pointer).line if balance.left else 1


# --- the edit's rules: `p135 validate --against REV` ------------------------------------------

PROSE = frozenset({"title", "text", "source", "reason", "note", "inferred"})
"""The fields that hold wording (a title, a clause, a reason): a change of one alone needs no
amendment (D104). Names, numbers, dates, years, units, qualifiers and the roadmap do."""

RECORDS = frozenset({"amendments", "acknowledged"})
"""The plan's own records, not what the document states: the amendments keep their history
(D106), the acknowledgements are checked as acknowledgements."""


def against_settings(settings: Settings) -> Settings:
    """`settings` when the user asked for the edit's checks: D103 is an error too, unless the
    configuration sets its level."""
    errors = dict.fromkeys(ERROR_WITH_BASE, Severity.ERROR)
    return replace(settings, severities={**errors, **settings.severities})


@dataclass(frozen=True)
class Base:
    """What a file is compared with: its version at `commit` (what `revision` names), at
    `path` in the repository, or nothing (`status` says why: `new`, the revision does not
    have the file; `unread`, it has one p135 cannot read as a plan or report)."""

    checked: Checked | None
    revision: str
    commit: str
    path: str
    status: Literal["compared", "new", "unread"] = "compared"


def edit_rules(base: Base, new: Checked, settings: Settings) -> list[Finding]:
    """What the edit of `new` since `base` gives, concluded by the engine with the plan's
    acknowledgements of those rules."""
    context = RuleContext(new.loaded, settings)
    acks = [ack for ack in new.plan.acknowledged if ack.rule.upper() in EDIT_CODES]
    if base.checked is None:
        status = "unread" if base.status == "unread" else "new"
        said = [
            NOT_COMPARED.finding(
                context, status, "", revision=base.revision, commit=base.commit[:12], path=base.path
            )
        ]
        return conclude(said, settings, acks, context, unchecked=EDIT_CODES - {"D105"})
    edit = edit_of(base.checked, new, settings.tolerance)
    found = [finding for _rule, check in EDIT_RULES for finding in check(edit, context)]
    return conclude(found, settings, acks, context, unchecked=frozenset())


def edit_of(old: Checked, new: Checked, tolerance: Decimal = Decimal(0)) -> Edit:
    """What changed from `old` to `new`, as the amendment rules read it."""
    if isinstance(old.plan, Plan) and isinstance(new.plan, Plan):
        values = compare(old, new, tolerance).changes
        places = list(roadmap_changes(old, new))
    else:  # a results report: its values (its years' names among them) one by one
        walk = Walk("", "")
        before, after = leaves(old.plan, walk), leaves(new.plan, walk)
        values, places = tuple(_changes(before, after, old.loaded, new.loaded)), []
    names = _naming(old, new)
    changes = [_changed(c, names) for c in values if c.path[0] not in RECORDS]
    amendments = (old.plan.amendments, new.plan.amendments)
    recorded = list(_acknowledgements(values, old.plan.acknowledged, new.plan.acknowledged))
    edit = Edit(new.plan.amendments, [*changes, *places], history(*amendments), names)
    return replace(edit, acknowledgements=recorded)


def _acknowledgements(
    values: Sequence[Change], before: Sequence[Acknowledgement], after: Sequence[Acknowledgement]
) -> Iterator[Recorded]:
    """Each acknowledgement the edit added, changed or removed, once, by its identity (its
    rule and pointer): a reviewer is shown what the plan now claims the document prints."""
    touched: dict[str, list[Change]] = {}
    for change in values:
        if change.path[0] == "acknowledged" and len(change.path) > 1:
            touched.setdefault(change.path[1], []).append(change)
    was = {_ack_key(ack): ack for ack in before}
    now = {_ack_key(ack): (index, ack) for index, ack in enumerate(after)}
    for key in touched:
        if key in now:
            index, ack = now[key]
            status = "changed" if key in was else "added"
            yield Recorded(status, pointer_of("acknowledged", index), ack.rule, ack.pointer)
        elif key in was:
            ack = was[key]
            yield Recorded("removed", "/acknowledged", ack.rule, ack.pointer)


def _ack_key(ack: Acknowledgement) -> str:
    return _LIST_ITEMS[Acknowledgement][0](ack) or ""


def _changed(change: Change, names: Callable[[str], bool]) -> Changed:
    name = change.pointer.rsplit("/", 1)[-1]
    wording = name in PROSE and not isinstance(change.old or change.new, Decimal)
    at = _written_at(change.pointer, names)
    return Changed(at, (at,), text_only=wording)


def _written_at(pointer: str, names: Callable[[str], bool]) -> str:
    """Where an amendment finds a changed value: a qualifier written inside its amount
    (`"hơn 29,2"`) is the amount's, as neither version has a `qualifier` key to list."""
    head, _, name = pointer.rpartition("/")
    return f"{head}/amount" if name == "qualifier" and not names(pointer) else pointer


def roadmap_changes(old: Checked, new: Checked) -> Iterator[Changed]:
    """Each commune and village moved, added, taken off, renamed or given another district or
    commune (`paired_places`): the pointers of where it was and where it is, which an
    amendment must list."""
    for was, now in paired_places(old, new):
        if now is None:
            assert was is not None
            listed = f"/roadmap/years/{was.year}/{was.kind}s"
            yield _place_change("removed_place", was, None, listed)
        elif was is None:
            yield _place_change("added_place", None, now, now.pointer)
        elif was.year != now.year:
            yield _place_change("moved", was, now, now.pointer)
        elif _called(was) != _called(now):
            yield _place_change("renamed", was, now, now.pointer)


def _renamed(gone: list[_At], came: list[_At]) -> dict[str, _At]:
    """NEW's pointer of each place that came in a year, with the one that left that year it
    replaces: by the same name (another district), else at the same place in the list."""
    paired: dict[str, _At] = {}
    for by in (_by_name, _by_place):
        left: dict[tuple[object, ...], list[_At]] = {}
        used = {id(was) for was in paired.values()}
        for was in gone:
            if id(was) not in used:
                left.setdefault(by(was), []).append(was)
        for now in came:
            candidates = left.get(by(now))
            if now.pointer not in paired and candidates:
                paired[now.pointer] = candidates.pop(0)
    return paired


def _by_name(at: _At) -> tuple[object, ...]:
    return (at.kind, at.year, identity(at.name))


def _by_place(at: _At) -> tuple[object, ...]:
    return (at.kind, at.pointer)


def _place_change(template: str, was: _At | None, now: _At | None, at: str) -> Changed:
    here = now or was
    assert here is not None
    fields = {
        "place": _label(here),
        "old_place": _label(was) if was else "",
        "old_year": was.year if was else "",
        "new_year": now.year if now else "",
    }
    touches = tuple(place.pointer for place in (was, now) if place is not None)
    return Changed(at, touches, template, fields)


def _label(at: _At) -> str:
    if at.commune is None:
        return f"{at.name} ({at.district})"
    return f"{at.name}, {at.commune} ({at.district})"


def _naming(*versions: Checked) -> Callable[[str], bool]:
    """Whether a pointer names a value written in one of `versions` (a null one too)."""

    def names(pointer: str) -> bool:
        if not pointer.startswith("/"):
            return False
        tokens = tokens_of(pointer.rstrip("/"))
        return any(_written(version.loaded.root, tokens) for version in versions)

    return names


def _written(node: Any, tokens: list[str]) -> bool:
    for token in tokens:
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            return False
    return True
