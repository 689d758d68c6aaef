"""What the funding section states adds up: each stated figure, and each equality they make.

Funding is redundant on purpose: sources add to the total, years add to the total, each
year's parts add to that year, each yearly category adds up over the years to the sources
it stands for, and a split adds up to the figure it splits. Every such statement is a
`Balance` (left side equals right side) of `Term`s, the stated figures in the funding's unit.

The funding rules (`p135cli.rules.funding`) report the balances that fail; `p135 diff` shows
which hold before and after an edit.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from p135cli.arithmetic import SAFE, Interval
from p135cli.i18n import N_, Message
from p135cli.loading import escape, pointer_of
from p135cli.model import (
    Amounted,
    Comparator,
    Component,
    Figure,
    Funding,
    Part,
    Rounding,
    Source,
    SplitPart,
    amount_in,
    interval_in,
    qualified_as,
    qualifies,
    rounding_of,
)
from p135cli.numbers import to_unit

TOTAL = Message(N_("the total"))

FACTORS = (Decimal(1000), Decimal(1000000))
"""A figure typed without its unit is off by one of these: `800` for `800 triệu đồng` in a plan
in tỷ đồng."""

ROUNDED_TO = N_("{said}, rounded to {to}")
CUT_TO = N_("{said}, cut to {to}")


@dataclass(frozen=True)
class Term:
    """One stated figure inside a balance, in the funding's unit."""

    pointer: str  # of the amount value
    label: Message | str
    value: Decimal
    stated: Decimal
    unit: str
    interval: Interval
    """Where the figure's true value lies, in the funding's unit (a point unless qualified)."""
    qualifier: Comparator | None = None
    own_unit: bool = False
    """Whether the figure states its own unit (then it cannot have lost it)."""
    rounding: Rounding | None = None
    """How the document rounds it, where it is not qualified (`interval` allows for it)."""
    word: str | None = None
    """The document's word for the qualifier (`trên`), quoted as written."""

    def stated_after(self, delta: Decimal, funding_unit: str) -> Decimal:
        """The stated amount that a change of `delta` (in the funding unit) would give."""
        return self.stated + to_unit(delta, funding_unit, self.unit)

    @property
    def said(self) -> Message:
        """The figure with its qualifier (and its own unit), in the run's language: `hơn
        29,2`, `gần 800 triệu đồng`."""
        template = qualified_as(self.qualifier, self.word) if self.qualifier else "{value}"
        said = Message(template, {"value": self.stated})
        if self.rounding is not None:
            shape = CUT_TO if self.rounding.cut else ROUNDED_TO
            said = Message(shape, {"said": said, "to": self.rounding.to})
        return (
            Message("{said} {unit}", {"said": said, "unit": self.unit}) if self.own_unit else said
        )


def summed(terms: Iterable[Term]) -> Interval:
    """Where the sum of `terms` lies."""
    return sum((t.interval for t in terms), Interval.point(Decimal(0)))


@dataclass(frozen=True)
class Balance:
    """A stated equality: the left side's figures add to the right side's."""

    code: str
    left: tuple[Term, ...]
    right: tuple[Term, ...]
    description: Message
    open: bool = False
    """The document leaves the right side's list open (…, và các ... khác): its figures may
    add up to less than the left, the rest unnamed, never to more."""

    @cached_property
    def residual(self) -> Decimal:
        """Left minus right, computed once: F100 asks it of every figure."""
        return sum((t.value for t in self.left), Decimal(0)) - sum(
            (t.value for t in self.right), Decimal(0)
        )

    @cached_property
    def _on_left(self) -> frozenset[str]:
        return frozenset(term.pointer for term in self.left)

    @property
    def terms(self) -> tuple[Term, ...]:
        return self.left + self.right

    @property
    def exact(self) -> bool:
        """No figure of it is qualified or rounded, nor its list open: it holds or fails by
        its residual alone (so one correction can make it hold, as F100 asks)."""
        return not self.open and self.terms_exact

    @property
    def terms_exact(self) -> bool:
        """No figure of it is qualified or rounded."""
        return all(t.qualifier is None and t.rounding is None for t in self.terms)

    def correction(self, pointer: str) -> Decimal:
        """The change to the figure at `pointer` that would make this balance hold."""
        return -self.residual if pointer in self._on_left else self.residual

    def holds(self, tolerance: Decimal) -> bool:
        if self.exact:
            return abs(self.residual) <= tolerance
        return summed(self.left).meets(self.named(), tolerance)

    def named(self) -> Interval:
        """Where the right side lies: its figures' sum, and anything above it where the
        document leaves the list open."""
        right = summed(self.right)
        return Interval(right.low, None, right.low_open) if self.open else right

    def holds_as_stated(self, tolerance: Decimal) -> bool:
        """Whether it would hold with every qualifier taken away (an open list: its figures
        add up to no more than the whole)."""
        if self.open:
            return self.residual >= -tolerance
        return abs(self.residual) <= tolerance

    def unit_slip(self, tolerance: Decimal) -> tuple[Term, Decimal] | None:
        """The figure typed without its unit, if reading it 1.000 or 1.000.000 times smaller
        makes the balance hold. Each side is added once, and each figure swapped in place,
        so a sum of n figures costs n steps."""
        left, right = summed(self.left), self.named()
        on_the_left = {term.pointer for term in self.left}
        for term in self.terms:
            if term.own_unit or not term.value:
                continue
            on_left = term.pointer in on_the_left
            for factor in FACTORS:
                smaller = term.interval.scaled(SAFE.divide(Decimal(1), factor))
                side = (left if on_left else right).swapped(term.interval, smaller)
                if side.meets(right, tolerance) if on_left else left.meets(side, tolerance):
                    return term, factor
        return None


@dataclass(frozen=True)
class Reading:
    """How the funding section reads its figures: in its unit, rounded as it says."""

    unit: str
    rounded: Rounding | None = None


def _term(figure: Amounted, pointer: str, label: Message | str, reading: Reading) -> Term | None:
    unit = reading.unit
    value = amount_in(figure, unit)
    interval = interval_in(figure, unit, reading.rounded)
    if value is None or figure.amount is None or interval is None:
        return None
    return Term(
        pointer + "/amount",
        label,
        value,
        figure.amount,
        str(figure.unit or unit),
        interval,
        figure.qualifier if qualifies(figure.qualifier) else None,
        figure.unit is not None,
        rounding_of(figure, reading.rounded),
        figure.said_word,
    )


def _split_balances(
    whole: Term | None, figure: Source | Part | Component | SplitPart, pointer: str,
    reading: Reading,
) -> Iterator[Balance]:  # fmt: skip
    """A stated split ("trong đó") adds up to the figure it splits (P103), and so does each
    part's own split, as deep as the document splits (a source by capital, each by project)."""
    split = {
        key: _term(part, f"{pointer}/split/{escape(key)}", part.name, reading)
        for key, part in figure.split.items()
    }
    if whole is not None and split:
        of = Message(N_("the split of {name}"), {"name": figure.name})
        yield Balance("P103", (whole,), _present(split.values()), of, figure.split_partial)
    carried = _carried_balance(figure, pointer, reading)
    if carried is not None:
        yield carried
    for key, part in figure.split.items():
        at = f"{pointer}/split/{escape(key)}"
        yield from _split_balances(split[key], part, at, reading)


def _carried_balance(
    figure: Source | Part | Component | SplitPart, pointer: str, reading: Reading
) -> Balance | None:
    """What was carried over to a split figure adds up over its parts (P103), where it and
    every part state it: 541.611 carried over = 102.146 for investment + 439.465 recurrent."""
    if figure.carried_over is None or not figure.split:
        return None
    label = carried_label(figure.name)
    whole = _term(figure.carried_over, f"{pointer}/carried_over", label, reading)
    parts = [
        None
        if part.carried_over is None
        else _term(
            part.carried_over,
            f"{pointer}/split/{escape(key)}/carried_over",
            carried_label(part.name),
            reading,
        )
        for key, part in figure.split.items()
    ]
    stated = _present(parts)
    if whole is None or not stated:
        return None
    of = Message(N_("the carried-over capital of {name}"), {"name": figure.name})
    # Parts that do not all state what was carried over to them bound it from below.
    open_ = figure.split_partial or len(stated) != len(parts)
    return Balance("P103", (whole,), stated, of, open_)


def balances(
    funding: Funding, components: Sequence[Component] = (), *, components_open: bool = False
) -> list[Balance]:
    """Every equality the funding section (and the components' amounts) states; a list the
    document leaves open (`components_open`, `sources_partial`...) only bounds its whole."""
    unit = Reading(funding.unit, funding.rounded)
    total = _term(funding.total, "/funding/total", TOTAL, unit) if funding.total else None
    sources = {
        key: _term(source, pointer_of("funding", "sources", key), source.name, unit)
        for key, source in funding.sources.items()
    }
    found: list[Balance | None] = []
    stated_sources = _present(sources.values())
    if total and stated_sources and len(stated_sources) == len(sources):
        sources_said = Message(N_("the sources"))
        found.append(
            Balance("F101", (total,), stated_sources, sources_said, funding.sources_partial)
        )
    for key, source in funding.sources.items():
        pointer = pointer_of("funding", "sources", key)
        found.extend(_split_balances(sources[key], source, pointer, unit))
    years = {
        year: _term(data.total, pointer_of("funding", "years", year, "total"), f"{year}", unit)
        for year, data in funding.years.items()
    }
    if total and years:
        found.append(Balance("F102", (total,), _present(years.values()), Message(N_("the years"))))
    by_category: dict[str, list[Term]] = {}
    for year, data in funding.years.items():
        year_parts = {}
        for key, part in data.parts.items():
            pointer = pointer_of("funding", "years", year, "parts", key)
            term = _term(part, pointer, f"{year} {part.name}", unit)
            year_parts[key] = term
            found.extend(_split_balances(term, part, pointer, unit))
        for key, term in year_parts.items():
            by_category.setdefault(key, []).extend(_present([term]))
        year_total = years[year]
        if year_parts and year_total:
            description = Message(N_("the parts of {year}"), {"year": year})
            named = _present(year_parts.values())
            found.append(Balance("F103", (year_total,), named, description, data.parts_partial))
    owned: set[str] = set()  # a source named twice, or by two categories, is F104's finding
    for key, category in funding.categories.items():
        own = [source for source in dict.fromkeys(category.stands_for) if source not in owned]
        owned.update(own)
        stood_for = [sources.get(source) for source in own]
        stated = _present(stood_for)
        if by_category.get(key) and stated and len(stated) == len(stood_for):
            description = _over_the_years(funding, key)
            found.append(Balance("F104", stated, tuple(by_category[key]), description))
    found.extend(_component_balances(total, components, unit, components_open))
    return [balance for balance in found if balance is not None]


def _over_the_years(funding: Funding, key: str) -> Message:
    """A yearly category added over the years, by the name its parts are written with (`Vốn
    Ngân sách tỉnh qua các năm`): a category is added up only where a year has it."""
    name = next((year.parts[key].name for year in funding.years.values() if key in year.parts), key)
    return Message(N_("{name} over the years"), {"name": name})


def _component_balances(
    total: Term | None, components: Sequence[Component], unit: Reading, open_: bool
) -> Iterator[Balance | None]:
    """The components' amounts add to the total (F120), when every component states one;
    each component's split adds to it (P103)."""
    terms = [
        _term(component, pointer_of("components", index), component.name, unit)
        for index, component in enumerate(components)
    ]
    for index, (component, term) in enumerate(zip(components, terms, strict=True)):
        yield from _split_balances(term, component, pointer_of("components", index), unit)
    stated = _present(terms)
    if total and stated and len(stated) == len(terms):
        yield Balance("F120", (total,), stated, Message(N_("the components")), open_)


def _present(terms: Iterable[Term | None]) -> tuple[Term, ...]:
    return tuple(term for term in terms if term is not None)


def figures(
    funding: Funding, components: Sequence[Component] = ()
) -> Iterator[tuple[str, Message | str, Amounted]]:
    """(pointer, label, figure) for every stated amount: the funding section's, its splits',
    the components' and every rate's."""
    if funding.total:
        yield from _with_rate("/funding/total", TOTAL, funding.total)
    yield from _carried("/funding", TOTAL, funding.carried_over)
    for key, source in funding.sources.items():
        yield from _with_splits(pointer_of("funding", "sources", key), source.name, source)
    for year, data in funding.years.items():
        total = Message(N_("{year} total"), {"year": year})
        yield from _with_rate(pointer_of("funding", "years", year, "total"), total, data.total)
        yield from _carried(pointer_of("funding", "years", year), total, data.carried_over)
        for key, part in data.parts.items():
            pointer = pointer_of("funding", "years", year, "parts", key)
            yield from _with_splits(pointer, f"{year} {part.name}", part)
            if part.allocated:
                allocated = Message(
                    N_("{year} {name} allocated"), {"year": year, "name": part.name}
                )
                yield from _with_rate(pointer + "/allocated", allocated, part.allocated)
    for index, component in enumerate(components):
        yield from _with_splits(pointer_of("components", index), component.name, component)


def _with_rate(
    pointer: str, label: Message | str, figure: Amounted
) -> Iterator[tuple[str, Message | str, Amounted]]:
    yield pointer, label, figure
    rate = getattr(figure, "rate", None)
    if rate is not None:
        yield pointer + "/rate", Message(N_("the rate of {label}"), {"label": label}), rate


def _with_splits(
    pointer: str, label: Message | str, figure: Source | Part | Component | SplitPart
) -> Iterator[tuple[str, Message | str, Amounted]]:
    yield from _with_rate(pointer, label, figure)
    yield from _carried(pointer, label, figure.carried_over)
    for key, part in figure.split.items():
        yield from _with_splits(f"{pointer}/split/{escape(key)}", part.name, part)


def _carried(
    pointer: str, label: Message | str, carried: Figure | None
) -> Iterator[tuple[str, Message | str, Amounted]]:
    """What was carried over to a figure (vốn kéo dài), checked as every stated amount is."""
    if carried is not None:
        yield from _with_rate(pointer + "/carried_over", carried_label(label), carried)


def carried_label(label: Message | str) -> Message:
    """What was carried over to a figure, named by the figure: `vốn kéo dài của vốn sự nghiệp`."""
    return Message(N_("{label} carried over"), {"label": label})
