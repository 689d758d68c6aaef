"""Funding rules: the money adds up every way the document states it.

Funding is redundant on purpose: sources add to the total, years add to the total, each
year's parts add to that year, and each yearly category adds up over the years to the sources
it stands for. Every such statement is a `Balance` (left side equals right side). When some
fail, `suspects` looks for the single stated figure whose correction makes every balance hold;
F100 reports it on that figure's line and the balances it explains stay quiet.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

from p135cli.findings import Finding, Related, Severity
from p135cli.i18n import N_, Listed, Message
from p135cli.loading import pointer_of
from p135cli.model import Figure, Funding, Plan, Source, amount_in
from p135cli.numbers import in_dong, to_unit
from p135cli.rules.base import RELATED_CAP, Context, Rule, related, rule

TOTAL = Message(N_("the total"))


@dataclass(frozen=True)
class Term:
    """One stated figure inside a balance, in the funding's unit."""

    pointer: str  # of the amount value
    label: Message | str
    value: Decimal
    stated: Decimal
    unit: str

    def stated_after(self, delta: Decimal, funding_unit: str) -> Decimal:
        """The stated amount that a change of `delta` (in the funding unit) would give."""
        return self.stated + to_unit(delta, funding_unit, self.unit)


@dataclass(frozen=True)
class Balance:
    """A stated equality: the left side's figures add to the right side's."""

    code: str
    left: tuple[Term, ...]
    right: tuple[Term, ...]
    description: Message

    @property
    def residual(self) -> Decimal:
        return sum((t.value for t in self.left), Decimal(0)) - sum(
            (t.value for t in self.right), Decimal(0)
        )

    @property
    def terms(self) -> tuple[Term, ...]:
        return self.left + self.right

    def correction(self, pointer: str) -> Decimal:
        """The change to the figure at `pointer` that would make this balance hold."""
        on_left = any(term.pointer == pointer for term in self.left)
        return -self.residual if on_left else self.residual

    def holds(self, tolerance: Decimal) -> bool:
        return abs(self.residual) <= tolerance


@dataclass(frozen=True)
class Suspect:
    term: Term
    expected: Decimal  # in the term's stated unit
    explains: tuple[Balance, ...]


@dataclass(frozen=True)
class Analysis:
    balances: tuple[Balance, ...]
    failing: tuple[Balance, ...]
    suspects: tuple[Suspect, ...]


def _term(figure: Figure | Source, pointer: str, label: Message | str, unit: str) -> Term | None:
    value = amount_in(figure, unit)
    if value is None or figure.amount is None:
        return None
    return Term(pointer + "/amount", label, value, figure.amount, str(figure.unit or unit))


def balances(funding: Funding) -> list[Balance]:
    """Every equality the funding section states, as balances of its figures."""
    unit = funding.unit
    total = _term(funding.total, "/funding/total", TOTAL, unit) if funding.total else None
    sources = {
        key: _term(source, pointer_of("funding", "sources", key), source.name, unit)
        for key, source in funding.sources.items()
    }
    found: list[Balance] = []
    stated_sources = _present(sources.values())
    if total and stated_sources and len(stated_sources) == len(sources):
        found.append(Balance("F101", (total,), stated_sources, Message(N_("the sources"))))
    for key, source in funding.sources.items():
        whole = sources[key]
        split = [
            _term(part, pointer_of("funding", "sources", key, "split", k), part.name, unit)
            for k, part in source.split.items()
        ]
        if whole and split:
            of = Message(N_("the split of {name}"), {"name": source.name})
            found.append(Balance("P103", (whole,), _present(split), of))
    years = {
        year: _term(data.total, pointer_of("funding", "years", year, "total"), f"{year}", unit)
        for year, data in funding.years.items()
    }
    if total and years:
        found.append(Balance("F102", (total,), _present(years.values()), Message(N_("the years"))))
    by_category: dict[str, list[Term]] = {}
    for year, data in funding.years.items():
        year_parts = {
            key: _term(
                part,
                pointer_of("funding", "years", year, "parts", key),
                f"{year} {part.name}",
                unit,
            )
            for key, part in data.parts.items()
        }
        for key, term in year_parts.items():
            by_category.setdefault(key, []).extend(_present([term]))
        year_total = years[year]
        if year_parts and year_total:
            description = Message(N_("the parts of {year}"), {"year": year})
            found.append(Balance("F103", (year_total,), _present(year_parts.values()), description))
    owned: set[str] = set()  # a source named twice, or by two categories, is F104's finding
    for key, category in funding.categories.items():
        own = [source for source in dict.fromkeys(category.stands_for) if source not in owned]
        owned.update(own)
        stood_for = [sources.get(source) for source in own]
        stated = _present(stood_for)
        if by_category.get(key) and stated and len(stated) == len(stood_for):
            description = Message(N_("'{key}' over the years"), {"key": key})
            found.append(Balance("F104", stated, tuple(by_category[key]), description))
    return found


def _present(terms: Iterable[Term | None]) -> tuple[Term, ...]:
    return tuple(term for term in terms if term is not None)


def suspects(found: list[Balance], tolerance: Decimal, unit: str) -> tuple[Suspect, ...]:
    """The figures each of which, corrected alone, would make every balance hold.

    Linear in the figures: a suspect stands in every failing balance and in no passing one,
    and one correction (the same for every failing balance) makes them all hold."""
    failing = [b for b in found if not b.holds(tolerance)]
    if not failing:
        return ()
    in_passing = {t.pointer for b in found if b.holds(tolerance) for t in b.terms}
    shared = set.intersection(*({t.pointer for t in b.terms} for b in failing))
    result = []
    for term in (t for t in failing[0].terms if t.pointer in shared - in_passing):
        deltas = [b.correction(term.pointer) for b in failing]
        if max(deltas) - min(deltas) <= tolerance:
            result.append(Suspect(term, term.stated_after(deltas[0], unit), tuple(failing)))
    named = {suspect.term.pointer for suspect in result}
    if any(named >= {t.pointer for t in b.terms} for b in failing):
        return ()  # every figure of a failing sum is suspect: the sum itself says more
    return tuple(result)


def analyse(plan: Plan, context: Context) -> Analysis:
    def compute() -> Analysis:
        if plan.funding is None:
            return Analysis((), (), ())
        found = balances(plan.funding)
        tolerance = context.settings.tolerance
        failing = tuple(b for b in found if not b.holds(tolerance))
        return Analysis(tuple(found), failing, suspects(found, tolerance, plan.funding.unit))

    analysis: Analysis = context.remember("funding", compute)
    return analysis


SUM_MESSAGES = {
    "sum": "the sum of {description} is {actual}, but {whole} states {expected} "
    "(difference {difference})",
}


@rule(
    "F100",
    "likely-wrong-figure",
    "When sums fail, name the one stated figure whose correction makes every sum hold",
    "funding",
    {
        "one": "{label} states {stated}; every other figure implies {expected} "
        "(difference {difference}); it explains: {checks}",
        "several": "{count} figures could each explain {checks}, and the document alone "
        "cannot tell which: {label} states {stated} and, if it alone is wrong, should be "
        "{expected} (difference {difference}); the others: {others}",
    },
)
def likely_wrong_figure(plan: Plan, context: Context) -> Iterator[Finding]:
    """Names the single stated figure whose correction makes every funding sum hold.

    Passing: every sum holds, so there is nothing to name.

        total: {amount: "10,0", source: "4.1"}
        sources:
          a: {name: A, amount: "4,0", source: "4.2"}
          b: {name: B, amount: "6,0", source: "4.2"}
        years:
          2017:
            total: {amount: "10,0", source: "4.3"}
            parts:
              p: {name: P, amount: "4,0", source: "4.3"}
              q: {name: Q, amount: "6,0", source: "4.3"}
        categories: {p: {stands_for: [a]}, q: {stands_for: [b]}}

    Failing: the same with source B at 6,1. The sources then miss the total and category q
    misses source B, while every sum without B holds: B is the one figure whose correction
    (to 6,0) makes every sum hold. The finding sits on B's line, and F101 and F104 stay
    quiet because it explains them.

    Where several figures could each explain the same failures (sources that only ever
    appear together), one finding names the first and lists the others (the first five, and
    how many more). Where every figure of a failing sum is suspect, the redundancy tells
    nothing and the sum's own rule reports it. The sums F100 explains are hidden only while
    F100 is shown at their severity or higher (see the configuration).
    """
    analysis = analyse(plan, context)
    if not analysis.suspects:
        return
    checks = Listed(
        [
            Message("{what} ({code})", {"what": b.description, "code": b.code})
            for b in analysis.failing
        ],
        "; ",
    )
    first, others = analysis.suspects[0], analysis.suspects[1:]
    shown_others: list[Message | str] = [o.term.label for o in others[:RELATED_CAP]]
    if len(others) > RELATED_CAP:
        shown_others.append(Message(N_("{count} more"), {"count": len(others) - RELATED_CAP}))
    yield likely_wrong_figure.finding(
        context,
        "several" if others else "one",
        first.term.pointer,
        expected=first.expected,
        actual=first.term.stated,
        related=_related_of(context, first, others[:RELATED_CAP]),
        explains={(b.code, b.left[0].pointer) for b in analysis.failing},
        label=first.term.label,
        checks=checks,
        count=len(analysis.suspects),
        others=Listed(shown_others, ", "),
    )


def _related_of(
    context: Context, suspect: Suspect, others: Sequence[Suspect]
) -> tuple[Related, ...]:
    wholes = {b.left[0].pointer for b in suspect.explains} - {suspect.term.pointer}
    return related(context, sorted(wholes)[:RELATED_CAP], "sum") + related(
        context, [o.term.pointer for o in others], "alternative"
    )


def sum_findings(rule_: Rule[Plan], plan: Plan, context: Context) -> Iterator[Finding]:
    analysis = analyse(plan, context)
    for balance in analysis.failing:
        if balance.code != rule_.code:
            continue
        whole = balance.left[0]
        stated = sum((t.value for t in balance.left), Decimal(0))
        added = sum((t.value for t in balance.right), Decimal(0))
        yield rule_.finding(
            context,
            "sum",
            whole.pointer,
            expected=stated,
            actual=added,
            related=related(context, [t.pointer for t in balance.terms if t is not whole], "part"),
            description=balance.description,
            whole=Listed([t.label for t in balance.left], " + "),
        )


@rule(
    "F101",
    "sources-sum-to-total",
    "The funding sources add up to the total",
    "funding",
    SUM_MESSAGES,
)
def sources_sum_to_total(plan: Plan, context: Context) -> Iterator[Finding]:
    """The stated sources add up exactly (or within the tolerance) to the stated total.

    Passing:

        total: {amount: "10,0", source: "4.1"}
        sources:
          a: {name: A, amount: "4,0", source: "4.2"}
          b: {name: B, amount: "6,0", source: "4.2"}

    Failing: the sources add to 10,1, the total states 10,0.

        total: {amount: "10,0", source: "4.1"}
        sources:
          a: {name: A, amount: "4,0", source: "4.2"}
          b: {name: B, amount: "6,1", source: "4.2"}

    Checked only when every source states an amount. When a single figure explains the
    failure, F100 reports it instead.
    """
    return sum_findings(sources_sum_to_total, plan, context)


@rule(
    "F102", "years-sum-to-total", "The yearly totals add up to the total", "funding", SUM_MESSAGES
)
def years_sum_to_total(plan: Plan, context: Context) -> Iterator[Finding]:
    """The yearly totals add up to the stated total.

    Passing:

        total: {amount: "10,0", source: "4.1"}
        years:
          2017: {total: {amount: "4,0", source: "4.3"}}
          2018: {total: {amount: "6,0", source: "4.3"}}

    Failing: the years add to 9,0.

        total: {amount: "10,0", source: "4.1"}
        years:
          2017: {total: {amount: "4,0", source: "4.3"}}
          2018: {total: {amount: "5,0", source: "4.3"}}
    """
    return sum_findings(years_sum_to_total, plan, context)


@rule(
    "F103",
    "parts-sum-to-year",
    "Each year's parts add up to that year's total",
    "funding",
    SUM_MESSAGES,
)
def parts_sum_to_year(plan: Plan, context: Context) -> Iterator[Finding]:
    """Each year's parts add up to that year's stated total.

    Passing:

        years:
          2017:
            total: {amount: "10,0", source: "4.3 a"}
            parts:
              p: {name: P, amount: "7,0", source: "4.3 a"}
              q: {name: Q, amount: "3,0", source: "4.3 a"}

    Failing: the same with `p` at 7,5: the parts of 2017 add to 10,5.
    """
    return sum_findings(parts_sum_to_year, plan, context)


@rule(
    "F104",
    "categories-match-sources",
    "Each yearly category, added over the years, equals the sources it stands for",
    "funding",
    {
        **SUM_MESSAGES,
        "unknown": "category '{category}' stands for '{source}', which is not a funding source",
        "repeated": "category '{category}' names source '{source}' twice: it would be counted "
        "twice",
        "shared": "source '{source}' stands in category '{other}' already: a source belongs to "
        "one category, or the sums count it twice",
        "empty": "category '{category}' stands for no source, so nothing checks it",
    },
)
def categories_match_sources(plan: Plan, context: Context) -> Iterator[Finding]:
    """A yearly category (a part key), added over all years, equals the sources it stands for.

    Passing: category `p` stands for sources `a` and `b` (4,0 + 6,0); its years add to 10,0.

        sources:
          a: {name: A, amount: "4,0", source: "4.2"}
          b: {name: B, amount: "6,0", source: "4.2"}
        years:
          2017:
            total: {amount: "5,0", source: "4.3"}
            parts: {p: {name: P, amount: "5,0", source: "4.3"}}
          2018:
            total: {amount: "5,0", source: "4.3"}
            parts: {p: {name: P, amount: "5,0", source: "4.3"}}
        categories: {p: {stands_for: [a, b]}}

    Failing: the same with `stands_for: [a]`: the years add to 10,0, source A states 4,0.
    A category naming a source that does not exist, naming one twice, naming one another
    category names, or naming none (`stands_for: []`, which checks nothing) is an error too.
    """
    if plan.funding is not None:
        yield from _category_names(plan.funding, context)
    yield from sum_findings(categories_match_sources, plan, context)


def _category_names(funding: Funding, context: Context) -> Iterator[Finding]:
    """Each category names at least one source, each source once, and a source stands in
    one category only: otherwise a sum counts a source twice, or checks nothing."""
    owner: dict[str, str] = {}
    for key, category in funding.categories.items():
        here = pointer_of("funding", "categories", key, "stands_for")
        if not category.stands_for:
            yield categories_match_sources.finding(context, "empty", here, category=key)
        named: set[str] = set()
        for index, source in enumerate(category.stands_for):
            pointer = f"{here}/{index}"
            if source not in funding.sources:
                message = "unknown"
            elif source in named:
                message = "repeated"
            elif owner.setdefault(source, key) != key:
                message = "shared"
            else:
                message = ""
            named.add(source)
            if message:
                yield categories_match_sources.finding(
                    context, message, pointer, category=key, source=source, other=owner.get(source)
                )


def figures(funding: Funding) -> Iterator[tuple[str, Message | str, Figure | Source]]:
    """(pointer, label, figure) for every stated amount of the funding section."""
    if funding.total:
        yield "/funding/total", TOTAL, funding.total
    for key, source in funding.sources.items():
        yield pointer_of("funding", "sources", key), source.name, source
        for split_key, part in source.split.items():
            yield pointer_of("funding", "sources", key, "split", split_key), part.name, part
    for year, data in funding.years.items():
        total = Message(N_("{year} total"), {"year": year})
        yield pointer_of("funding", "years", year, "total"), total, data.total
        for key, part in data.parts.items():
            pointer = pointer_of("funding", "years", year, "parts", key)
            yield pointer, f"{year} {part.name}", part
            if part.allocated:
                allocated = Message(
                    N_("{year} {name} allocated"), {"year": year, "name": part.name}
                )
                yield pointer + "/allocated", allocated, part.allocated


@rule(
    "F105",
    "amount-not-negative",
    "No stated amount is negative",
    "funding",
    {"negative": "{label} states {stated}, a negative amount"},
)
def amount_not_negative(plan: Plan, context: Context) -> Iterator[Finding]:
    """Every stated amount is zero or more.

    Passing: `total: {amount: "10,0", source: "4.1"}`

    Failing: `total: {amount: "-10,0", source: "4.1"}`
    """
    if plan.funding is None:
        return
    for pointer, label, figure in figures(plan.funding):
        if figure.amount is not None and figure.amount < 0:
            yield amount_not_negative.finding(context, "negative", pointer + "/amount", label=label)


@rule(
    "F106",
    "years-in-period",
    "Funding years lie in the plan's period, with no gap",
    "funding",
    {
        "outside": "funding year {year} lies outside the period {start}-{end}",
        "gap": "no funding is stated for {missing}, between {first} and {last}",
    },
)
def years_in_period(plan: Plan, context: Context) -> Iterator[Finding]:
    """Every funding year lies inside `period`, and no year is missing between the first and
    the last. (A year stated twice is a duplicate key, refused when the file is read.)

    Passing: period 2017-2020, funding years 2017, 2018, 2019, 2020.

        period: {start: 2017, end: 2020, source: "5"}
        funding: {years: {2017: ..., 2018: ..., 2019: ..., 2020: ...}}

    Failing: funding years 2017, 2018, 2020 (2019 missing), or a year 2021.
    """
    if plan.funding is None or not plan.funding.years:
        return
    start, end = plan.period.start, plan.period.end
    years = sorted(plan.funding.years)
    for year in years:
        if not start <= year <= end:
            pointer = pointer_of("funding", "years", year)
            yield years_in_period.finding(
                context, "outside", pointer, key=True, year=year, start=start, end=end
            )
    missing = sorted(set(range(years[0], years[-1] + 1)) - set(years))
    if missing:
        yield years_in_period.finding(
            context,
            "gap",
            "/funding/years",
            missing=", ".join(map(str, missing)),
            first=years[0],
            last=years[-1],
        )


@rule(
    "F107",
    "allocation-within-need",
    "An amount already allocated does not exceed the need it is allocated against",
    "funding",
    {"above": "{label}: {stated} allocated against a need of {need}"},
    severity=Severity.WARNING,
)
def allocation_within_need(plan: Plan, context: Context) -> Iterator[Finding]:
    """An allocation larger than its need is a warning: money decided beyond what was asked.

    Passing: need 326,641, allocated 200,0.

        provincial:
          name: Ngân sách tỉnh
          amount: "326,641"
          need: true
          source: "4.3 a"
          allocated: {amount: "200,0", source: "4.3 a"}

    Failing: need 326,641, allocated 400,0.
    """
    if plan.funding is None:
        return
    unit = plan.funding.unit
    for year, data in plan.funding.years.items():
        for key, part in data.parts.items():
            if part.allocated is None:
                continue
            need, allocated = amount_in(part, unit), amount_in(part.allocated, unit)
            if need is not None and allocated is not None and allocated > need:
                pointer = pointer_of("funding", "years", year, "parts", key, "allocated", "amount")
                yield allocation_within_need.finding(
                    context,
                    "above",
                    pointer,
                    expected=need,
                    actual=allocated,
                    label=f"{year} {part.name}",
                    need=context.written(pointer.removesuffix("/allocated/amount") + "/amount"),
                )


@rule(
    "F108",
    "units-convert-exactly",
    "Every amount is a whole number of đồng, so units convert exactly",
    "funding",
    {"fraction": "{label} states {stated} {unit}, which is not a whole number of đồng"},
)
def units_convert_exactly(plan: Plan, context: Context) -> Iterator[Finding]:
    """Amounts in tỷ, triệu or nghìn đồng convert to đồng, and to each other, exactly.

    Passing: `amount: "500 triệu đồng"` (500,000,000 đồng, or 0,5 tỷ đồng).

    Failing: `amount: "0,0000000005 tỷ đồng"` (half a đồng).
    """
    if plan.funding is None:
        return
    unit = plan.funding.unit
    for pointer, label, figure in figures(plan.funding):
        if figure.amount is None:
            continue
        figure_unit = str(figure.unit or unit)
        if in_dong(figure.amount, figure_unit) % 1 != 0:
            yield units_convert_exactly.finding(
                context,
                "fraction",
                pointer + "/amount",
                label=label,
                unit=figure_unit,
            )
