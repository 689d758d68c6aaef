"""`p135 diff OLD NEW`: what an edit of a plan changed, as an auditor reads an amendment.

Both plans are read through the same loader and model, and their *values* are compared, not
their text: a figure is the same figure whatever its form (`"245,159"`, `245.159` in an en
plan, `"245.159.000.000 đồng"`), wherever it stands in the file (`p135cli.leaves`). A
source, a year's part or a source's split whose key was renamed (`credit:` to `tin_dung:`)
with the same name (by identity) is a *rename*: it is reported once, and its figures are
compared with the renamed key's (so are the categories' `stands_for`). A key renamed
together with its name is a removal and an addition.

Stages, each given the previous one's result; nothing here prints:

1. `opened(spec)` (p135cli.git_files): a file, or `REV:PATH` read from git into a temporary
   file;
2. `read_plan` / `check_paths` (p135cli.checking): both plans loaded; NEW checked as
   `validate` checks it;
3. `compare(old, new, tolerance)`: a `Diff` (changed values, renames, money by sum and moved,
   roadmap moves, targets and citations, whether every sum holds before and after).

`build(old, new, settings, limits)` runs them all and gives a `Compared` for the views. The
edit's rules (`p135 validate --against`) read the same comparison (p135cli.edit).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import Literal

from p135cli.checking import Checked, UsageProblem, check_paths, load_plan
from p135cli.findings import FileResult
from p135cli.git_files import opened
from p135cli.i18n import NumberStyle, _
from p135cli.leaves import (
    Change,
    Keys,
    Leaf,
    Path_,
    Status,
    Walk,
    converted,
    difference_of,
    leaves,
    renamed_keys,
    value_changes,
)
from p135cli.loading import Loaded, escape, pointer_of
from p135cli.model import Figure, Funding, Plan, Source
from p135cli.names import identity
from p135cli.settings import Limits, Settings
from p135cli.sums import Balance, balances

# --- stage 2: both plans loaded, NEW checked ------------------------------------------------


def read_plan(path: Path, label: str, limits: Limits) -> Checked | None:
    """A plan that matched the schema, or None; a results report is a usage problem."""
    checked, _findings = load_plan(path, limits)
    if checked is not None and not isinstance(checked.plan, Plan):
        raise UsageProblem(_("{path} is a results report, not a plan").format(path=label))
    return checked


def checked_as(path: Path, label: str, settings: Settings, limits: Limits) -> FileResult:
    """The file checked as `validate` checks it, named `label` (what the user calls it, not
    the temporary copy of `REV:PATH` that was read)."""
    return replace(check_paths([path], settings, limits).files[0], path=label)


# --- stage 3: the comparison ----------------------------------------------------------------


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
        return difference_of(self.new, self.old)


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
    district: str | None
    old_year: int | None
    new_year: int | None
    line: int
    was: tuple[str, str | None, str | None] | None = None
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
    changes = tuple(value_changes(before, after, old.loaded, new.loaded))
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
    found = (
        balances(plan.funding, plan.components, components_open=plan.components_partial)
        if plan.funding
        else []
    )
    return tuple(balance for balance in found if not balance.holds(tolerance))


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
class Placed:
    """A commune or village where a roadmap lists it: in which year, on which line."""

    kind: Literal["commune", "village"]
    name: str
    commune: str | None
    district: str | None
    year: int
    line: int
    pointer: str


def _places(checked: Checked) -> dict[tuple[str, ...], Placed]:
    """Each commune and village of the roadmap by identity, where it is first listed."""
    plan, loaded = checked.plan, checked.loaded
    found: dict[tuple[str, ...], Placed] = {}
    if not isinstance(plan, Plan) or plan.roadmap is None:
        return found
    for year, stated in sorted(plan.roadmap.years.items()):
        for index, c in enumerate(stated.communes):
            pointer = f"/roadmap/years/{year}/communes/{index}"
            at = Placed(
                "commune", c.name, None, c.district, year, loaded.mark(pointer).line, pointer
            )
            found.setdefault(("commune", identity(c.name), identity(c.district or "")), at)
        for index, v in enumerate(stated.villages):
            pointer = f"/roadmap/years/{year}/villages/{index}"
            at = Placed(
                "village", v.name, v.commune, v.district, year, loaded.mark(pointer).line, pointer
            )
            key = ("village", *(identity(t or "") for t in (v.name, v.commune, v.district)))
            found.setdefault(key, at)
    return found


def paired_places(old: Checked, new: Checked) -> Iterator[tuple[Placed | None, Placed | None]]:
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


def _renamed(gone: list[Placed], came: list[Placed]) -> dict[str, Placed]:
    """NEW's pointer of each place that came in a year, with the one that left that year it
    replaces: by the same name (another district), else at the same place in the list."""
    paired: dict[str, Placed] = {}
    for by in (_by_name, _by_place):
        left: dict[tuple[object, ...], list[Placed]] = {}
        used = {id(was) for was in paired.values()}
        for was in gone:
            if id(was) not in used:
                left.setdefault(by(was), []).append(was)
        for now in came:
            candidates = left.get(by(now))
            if now.pointer not in paired and candidates:
                paired[now.pointer] = candidates.pop(0)
    return paired


def _by_name(at: Placed) -> tuple[object, ...]:
    return (at.kind, at.year, identity(at.name))


def _by_place(at: Placed) -> tuple[object, ...]:
    return (at.kind, at.pointer)


def called(at: Placed) -> tuple[str, str | None, str | None]:
    return at.name, at.commune, at.district


def roadmap(old: Checked, new: Checked) -> Iterator[Place]:
    """Every commune and village of either roadmap: the year it leaves before and after."""
    for was, now in paired_places(old, new):
        here = now or was
        assert here is not None
        renamed = was is not None and now is not None and called(was) != called(now)
        yield Place(
            here.kind, here.name, here.commune, here.district,
            was.year if was else None, now.year if now else None, here.line,
            called(was) if renamed and was else None,
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
