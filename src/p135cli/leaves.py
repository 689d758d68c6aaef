"""Every value a plan states, by an identity that does not depend on the file's order, and
which of them an edit changed.

Each stated value is a `Leaf` with an identity path: mappings by their key (sources, parts,
years, categories), lists by what the item is: targets, banded counts, components and limits
by `id`, outputs by `id` (else what they are), reports by what and who, a scope's groups by
what, citations by number (else title), roadmap communes by name and district and villages by
name, commune and district (p135cli.names.identity), bands by label, lists of text by the
text's identity; so a reordered list or mapping changes nothing. Amounts are read in one unit,
exactly: `"500 triệu đồng"` and `0,5` tỷ are one figure. A key renamed with the same name
(`Keys`) is read under its new name.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel

from p135cli.loading import Loaded, escape
from p135cli.model import (
    Acknowledgement,
    Amendment,
    Band,
    Banded,
    Citation,
    Commune,
    Component,
    Figure,
    Limit,
    Output,
    Plan,
    Reporting,
    ScopeGroup,
    Source,
    Subset,
    Target,
    TargetPart,
    Village,
)
from p135cli.names import document_number, identity
from p135cli.numbers import to_unit
from p135cli.rules.amendments import amendment_identity

Path_ = tuple[str, ...]
"""An identity path: the same in OLD and NEW for the same stated value."""
Value = Decimal | str
Status = Literal["changed", "added", "removed"]


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
        return difference_of(new, old)


def difference_of(new: Decimal | None, old: Decimal | None) -> Decimal:
    """`new - old` without trailing zeros (-10, not -10.000); a missing figure is nothing."""
    difference = (new or Decimal(0)) - (old or Decimal(0))
    return Decimal(0) if difference == 0 else difference.normalize()


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


LIST_ITEMS: dict[type, tuple[Callable[[Any], str | None], Callable[[Any], str]]] = {
    Target: (lambda t: t.id, lambda t: t.id),
    Banded: (lambda b: b.id, lambda b: b.id),
    Component: (lambda c: c.id, lambda c: c.name),
    Output: (lambda o: o.id or identity(o.what), lambda o: o.id or o.what),
    Citation: (_citation_key, lambda c: c.number or c.title or c.kind or ""),
    Commune: (lambda c: f"{identity(c.name)} | {identity(c.district or '')}", lambda c: c.name),
    Village: (
        lambda v: " | ".join(identity(t or "") for t in (v.name, v.commune, v.district)),
        lambda v: v.name,
    ),
    Band: (lambda b: identity(b.label), lambda b: b.label),
    Subset: (lambda s: identity(s.text), lambda s: s.text),
    Limit: (lambda limit: limit.id, lambda limit: limit.id),
    Reporting: (lambda r: f"{identity(r.what)} | {identity(r.who or '')}", lambda r: r.what),
    ScopeGroup: (lambda g: identity(g.what), lambda g: g.what),
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
        if value is False:
            continue  # a flag not set says nothing: one set, or cleared, is the change
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
        key, name = LIST_ITEMS.get(type(item), (lambda _i: None, lambda _i: ""))
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


def value_changes(
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
