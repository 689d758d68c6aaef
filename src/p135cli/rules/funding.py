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
from functools import cached_property

from p135cli.arithmetic import SAFE, Interval, nearest_ends
from p135cli.findings import Finding, Related, Severity
from p135cli.i18n import N_, Listed, Message
from p135cli.loading import escape, pointer_of
from p135cli.model import (
    QUALIFIED,
    Amounted,
    Comparator,
    Component,
    Funding,
    Part,
    Plan,
    Rounding,
    Source,
    amount_in,
    interval_in,
    qualifies,
    rounding_of,
)
from p135cli.numbers import UNITS, in_dong, to_unit
from p135cli.rules.base import RELATED_CAP, Context, Rule, related, rule

TOTAL = Message(N_("the total"))

FACTORS = (Decimal(1000), Decimal(1000000))
"""A figure typed without its unit is off by one of these: `800` for `800 triệu đồng` in a plan
in tỷ đồng."""


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

    def stated_after(self, delta: Decimal, funding_unit: str) -> Decimal:
        """The stated amount that a change of `delta` (in the funding unit) would give."""
        return self.stated + to_unit(delta, funding_unit, self.unit)

    @property
    def said(self) -> Message:
        """The figure with its qualifier (and its own unit), in the run's language: `hơn
        29,2`, `gần 800 triệu đồng`."""
        template = QUALIFIED[self.qualifier] if self.qualifier else "{value}"
        said = Message(template, {"value": self.stated})
        if self.rounding is not None:
            shape = CUT_TO if self.rounding.cut else ROUNDED_TO
            said = Message(shape, {"said": said, "to": self.rounding.to})
        return (
            Message("{said} {unit}", {"said": said, "unit": self.unit}) if self.own_unit else said
        )


def _total(terms: Iterable[Term]) -> Interval:
    return sum((t.interval for t in terms), Interval.point(Decimal(0)))


@dataclass(frozen=True)
class Balance:
    """A stated equality: the left side's figures add to the right side's."""

    code: str
    left: tuple[Term, ...]
    right: tuple[Term, ...]
    description: Message

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
        """No figure of it is qualified or rounded: it holds or fails by its residual alone."""
        return all(t.qualifier is None and t.rounding is None for t in self.terms)

    def correction(self, pointer: str) -> Decimal:
        """The change to the figure at `pointer` that would make this balance hold."""
        return -self.residual if pointer in self._on_left else self.residual

    def holds(self, tolerance: Decimal) -> bool:
        if self.exact:
            return abs(self.residual) <= tolerance
        return _total(self.left).meets(_total(self.right), tolerance)

    def holds_as_stated(self, tolerance: Decimal) -> bool:
        """Whether it would hold with every qualifier taken away."""
        return abs(self.residual) <= tolerance

    def unit_slip(self, tolerance: Decimal) -> tuple[Term, Decimal] | None:
        """The figure typed without its unit, if reading it 1.000 or 1.000.000 times smaller
        makes the balance hold. Each side is added once, and each figure swapped in place,
        so a sum of n figures costs n steps."""
        left, right = _total(self.left), _total(self.right)
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
class Suspect:
    term: Term
    expected: Decimal  # in the term's stated unit
    explains: tuple[Balance, ...]

    def lost_unit(self) -> Decimal | None:
        """The factor by which the stated figure exceeds what every other figure implies,
        when it is 1.000 or 1.000.000: a unit left out (`800` for `800 triệu đồng`)."""
        if self.term.own_unit or not self.expected:
            return None
        stated = self.term.stated
        return next((f for f in FACTORS if SAFE.multiply(self.expected, f) == stated), None)


@dataclass(frozen=True)
class Analysis:
    balances: tuple[Balance, ...]
    failing: tuple[Balance, ...]
    suspects: tuple[Suspect, ...]


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
    )


def _split_balance(
    whole: Term | None, figure: Source | Part | Component, pointer: str, reading: Reading
) -> Balance | None:
    """A stated split ("trong đó") adds up to the figure it splits (P103)."""
    split = [
        _term(part, f"{pointer}/split/{escape(key)}", part.name, reading)
        for key, part in figure.split.items()
    ]
    if whole is None or not split:
        return None
    of = Message(N_("the split of {name}"), {"name": figure.name})
    return Balance("P103", (whole,), _present(split), of)


def balances(funding: Funding, components: Sequence[Component] = ()) -> list[Balance]:
    """Every equality the funding section (and the components' amounts) states."""
    unit = Reading(funding.unit, funding.rounded)
    total = _term(funding.total, "/funding/total", TOTAL, unit) if funding.total else None
    sources = {
        key: _term(source, pointer_of("funding", "sources", key), source.name, unit)
        for key, source in funding.sources.items()
    }
    found: list[Balance | None] = []
    stated_sources = _present(sources.values())
    if total and stated_sources and len(stated_sources) == len(sources):
        found.append(Balance("F101", (total,), stated_sources, Message(N_("the sources"))))
    for key, source in funding.sources.items():
        pointer = pointer_of("funding", "sources", key)
        found.append(_split_balance(sources[key], source, pointer, unit))
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
            found.append(_split_balance(term, part, pointer, unit))
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
    found.extend(_component_balances(total, components, unit))
    return [balance for balance in found if balance is not None]


def _component_balances(
    total: Term | None, components: Sequence[Component], unit: Reading
) -> Iterator[Balance | None]:
    """The components' amounts add to the total (F120), when every component states one;
    each component's split adds to it (P103)."""
    terms = [
        _term(component, pointer_of("components", index), component.name, unit)
        for index, component in enumerate(components)
    ]
    for index, (component, term) in enumerate(zip(components, terms, strict=True)):
        yield _split_balance(term, component, pointer_of("components", index), unit)
    stated = _present(terms)
    if total and stated and len(stated) == len(terms):
        yield Balance("F120", (total,), stated, Message(N_("the components")))


def _present(terms: Iterable[Term | None]) -> tuple[Term, ...]:
    return tuple(term for term in terms if term is not None)


def suspects(
    found: list[Balance],
    tolerance: Decimal,
    unit: str,
    confirmed: frozenset[str] | set[str] = frozenset(),
) -> tuple[Suspect, ...]:
    """The figures each of which, corrected alone, would make every balance hold.

    Linear in the figures: a suspect stands in every failing balance and in no passing one
    (nor is it a figure its rate gives, `confirmed`),
    and one correction (the same for every failing balance) makes them all hold. A failing
    sum of qualified figures has no one correction: its own rule reports it. A figure that
    is 1.000 or 1.000.000 times what the others imply (a unit left out) comes first, and one
    that would have to be negative last."""
    failing = [b for b in found if not b.holds(tolerance)]
    if not failing or not all(b.exact for b in failing):
        return ()
    in_passing = {t.pointer for b in found if b.holds(tolerance) for t in b.terms} | confirmed
    shared = set.intersection(*({t.pointer for t in b.terms} for b in failing)) - in_passing
    result = []
    for term in (t for t in failing[0].terms if t.pointer in shared):
        deltas = [b.correction(term.pointer) for b in failing]
        if max(deltas) - min(deltas) <= tolerance:
            result.append(Suspect(term, term.stated_after(deltas[0], unit), tuple(failing)))
    named = {suspect.term.pointer for suspect in result}
    if any(named >= {t.pointer for t in b.terms} for b in failing):
        return ()  # every figure of a failing sum is suspect: the sum itself says more
    return tuple(sorted(result, key=lambda s: (s.lost_unit() is None, s.expected < 0)))


def analyse(plan: Plan, context: Context) -> Analysis:
    def compute() -> Analysis:
        if plan.funding is None:
            return Analysis((), (), ())
        found = balances(plan.funding, plan.components)
        tolerance, unit = context.settings.tolerance, plan.funding.unit
        failing = tuple(b for b in found if not b.holds(tolerance))
        confirmed = {  # a figure its rate gives is no likelier wrong than the rate
            pointer + "/amount"
            for pointer, _label, figure in figures(plan.funding, plan.components)
            if rate_holds(figure, unit, tolerance, plan.funding.rounded)
        }
        return Analysis(tuple(found), failing, suspects(found, tolerance, unit, confirmed))

    analysis: Analysis = context.remember("funding", compute)
    return analysis


SUM_MESSAGES = {
    "sum": "the sum of {description} is {actual}, but {whole} states {expected} "
    "(difference {difference})",
    "approximate": "the sum of {description} lies {parts}, but {whole} states {stated_whole}, "
    "which lies {whole_range}: the two do not meet (qualified: {qualified})",
}
QUALIFIERS_ALLOW = N_("the qualifiers allow")
ROUNDING_ALLOWS = N_("the rounding allows")
BOTH_ALLOW = N_("the qualifiers and the rounding allow")
ROUNDED_TO = N_("{said}, rounded to {to}")
CUT_TO = N_("{said}, cut to {to}")

HOLDS_AS_QUALIFIED = Rule[Plan](
    "F110",
    "holds-as-qualified",
    "A sum or a rate that holds only as its qualifiers, its rounding or the tolerance allow",
    "funding",
    {
        "sum": "the sum of {description} is {actual}, not {expected}; it holds as "
        "{allowance}: {stated_whole} lies {whole_range}, the parts {parts} (qualified: "
        "{qualified})",
        "rate": "{label} states {stated_amount}, and {rate} for each of {count} "
        "{per} gives {actual}: they agree as {allowance}",
    },
    severity=Severity.INFO,
    doc="""Information, never an error: a sum (F101-F104, F120, P103) or an amount stated with
its rate (F109) does not hold as bare figures, but holds as the document's qualifiers ("gần",
"khoảng", "hơn"), its rounding (`rounded: {to: 1}`: "2.688 tỷ" for 2.688,969) or the configured
tolerance allow. Its own code, so that setting the level of F101 (even restating its default,
`F101 = "error"`) never turns these notes into errors; `F110 = "off"` silences them.

Passing (nothing to say): the sources add to the total exactly.

Failing (information): `hơn 29,2` against `gần 21,7` + `gần 7,6`, which add to 29,3 as
written but meet 29,2 to 29,3 as the qualifiers allow:

    total: {amount: "hơn 29,2", source: đoạn 1}
    sources:
      investment: {name: vốn đầu tư, amount: "gần 21,7", source: đoạn 1}
      recurrent: {name: vốn sự nghiệp, amount: "gần 7,6", source: đoạn 1}""",
)
"""Sums and rates that hold only as qualified: the sum rules and F109 report them under this
code of their own, so a level configured for a rule applies to its failures only."""
TOLERANCE_ALLOWS = N_("{what} and the tolerance of {tolerance} allow")
THE_QUALIFIERS = N_("the qualifiers")
THE_ROUNDING = N_("the rounding")
THE_BOTH = N_("the qualifiers and the rounding")
UNIT_HINT = N_("{label} states {stated}: as {stated} {unit} the sum holds. Is its unit missing?")


def smaller_unit(unit: str, factor: Decimal) -> str:
    """The unit `factor` times smaller than `unit` (tỷ đồng, 1.000: triệu đồng)."""
    wanted = SAFE.divide(Decimal(UNITS[unit]), factor)
    return next((name for name, size in UNITS.items() if size == wanted), unit)


def _bound(value: Decimal | None) -> Decimal | str:
    """A bound as a reader reads it: without the zeros a unit conversion adds (22,6, not
    22,600)."""
    if value is None:
        return "∞"
    normal = value.normalize(SAFE)
    exponent = normal.as_tuple().exponent
    return normal.quantize(Decimal(1)) if isinstance(exponent, int) and exponent > 0 else normal


RANGES = {
    (False, False): N_("between {low} and {high}"),
    (True, True): N_("above {low} and below {high}"),
    (True, False): N_("above {low}, up to {high}"),
    (False, True): N_("from {low}, below {high}"),
}
"""A range by whether its low and its high end are left out: `hơn 29,2` lies above 29,2 and
below 29,3, and a sum of exactly 29,2 is not in it."""


def ranged(interval: Interval) -> Message:
    """Where a value lies, as a reader reads it, its ends left out or not: `above 29,2 and
    below 29,3`, `between 6,7 and 6,8`, `at 10`, `10 or more`."""
    if interval.is_point and interval.low is not None:
        return Message(N_("at {value}"), {"value": _bound(interval.low)})
    if interval.high is None and interval.low is not None:
        template = N_("above {low}") if interval.low_open else N_("{low} or more")
        return Message(template, {"low": _bound(interval.low)})
    return Message(
        RANGES[(interval.low_open, interval.high_open)],
        {"low": _bound(interval.low), "high": _bound(interval.high)},
    )


def qualified(balance: Balance) -> Listed:
    """Every qualified or rounded figure of a balance, as the document writes it: `Sơn Hòa gần
    6,8`, `B 2.161, rounded to 1`."""
    return Listed(
        [Message("{label} {said}", {"label": t.label, "said": t.said}) for t in balance.terms
         if t.qualifier is not None or t.rounding is not None],
        "; ",
    )  # fmt: skip


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
        "unit": "{label} states {stated}, {factor} times what every other figure implies "
        "({expected}): written without its unit, as {stated} {unit}, it explains: {checks}",
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

    A figure 1.000 or 1.000.000 times what the others imply was typed without its unit
    (`800` for `800 triệu đồng` in a plan in tỷ đồng): F100 says so, instead of proposing
    another figure. A failing sum of qualified figures (`hơn`, `gần`) has no single
    correction, and its own rule reports it.
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
    factor = first.lost_unit()
    if factor is not None:
        others = ()  # a unit left out explains the failures; the others would be guesses
    shown_others: list[Message | str] = [o.term.label for o in others[:RELATED_CAP]]
    if len(others) > RELATED_CAP:
        shown_others.append(Message(N_("{count} more"), {"count": len(others) - RELATED_CAP}))
    unit = plan.funding.unit if plan.funding else "tỷ đồng"
    yield likely_wrong_figure.finding(
        context,
        "unit" if factor is not None else "several" if others else "one",
        first.term.pointer,
        expected=first.expected,
        actual=first.term.stated,
        related=_related_of(context, first, others[:RELATED_CAP]),
        explains={(b.code, b.left[0].pointer) for b in analysis.failing},
        label=first.term.label,
        checks=checks,
        count=len(analysis.suspects),
        others=Listed(shown_others, "; "),  # names hold commas: "xã, thôn, buôn"
        factor=factor or Decimal(1),
        unit=smaller_unit(unit, factor or Decimal(1)),
    )


def _related_of(
    context: Context, suspect: Suspect, others: Sequence[Suspect]
) -> tuple[Related, ...]:
    wholes = {b.left[0].pointer for b in suspect.explains} - {suspect.term.pointer}
    return related(context, sorted(wholes)[:RELATED_CAP], "sum") + related(
        context, [o.term.pointer for o in others], "alternative"
    )


def sum_findings(rule_: Rule[Plan], plan: Plan, context: Context) -> Iterator[Finding]:
    """The failing sums of `rule_`, and (as information, F110) those that hold only as their
    figures' qualifiers allow."""
    analysis = analyse(plan, context)
    tolerance = context.settings.tolerance
    for balance in analysis.balances:
        if balance.code != rule_.code:
            continue
        failing = balance in analysis.failing
        if failing:
            yield _sum_finding(rule_, balance, context, tolerance)
        elif not balance.holds_as_stated(tolerance):
            yield _sum_finding(HOLDS_AS_QUALIFIED, balance, context, tolerance, holds=True)


def _sum_finding(
    rule_: Rule[Plan],
    balance: Balance,
    context: Context,
    tolerance: Decimal,
    *,
    holds: bool = False,
) -> Finding:
    """A failing sum under its own rule; `holds`: one that holds only as qualified, under
    F110."""
    whole = balance.left[0]
    stated = sum((t.value for t in balance.left), Decimal(0))
    added = sum((t.value for t in balance.right), Decimal(0))
    template = "sum" if holds or balance.exact else "approximate"
    slip = None if holds else balance.unit_slip(tolerance)
    hint = None
    if slip is not None:
        term, factor = slip
        hint = Message(
            UNIT_HINT,
            {"label": term.label, "stated": term.stated, "unit": smaller_unit(term.unit, factor)},
        )
    left, right = _total(balance.left), _total(balance.right)
    if template == "approximate":  # ranges that do not meet: their nearest ends, and the gap
        stated, added = (end or Decimal(0) for end in nearest_ends(left, right))
    return rule_.finding(
        context,
        template,
        whole.pointer,
        expected=stated,
        actual=added,
        related=related(context, [t.pointer for t in balance.terms if t is not whole], "part"),
        hint=hint,
        description=balance.description,
        whole=Listed([t.label for t in balance.left], " + "),
        stated_whole=Listed([t.said for t in balance.left], " + "),
        whole_range=ranged(left),
        parts=ranged(right),
        qualified=qualified(balance),
        allowance=_allowance(balance, tolerance),
    )


def _allowance(balance: Balance, tolerance: Decimal) -> Message:
    """What makes a qualified or rounded sum hold: the tolerance is named only where the
    qualifiers and the rounding alone would not."""
    qualified_ = any(t.qualifier is not None for t in balance.terms)
    rounded = any(t.rounding is not None for t in balance.terms)
    return allowance(qualified_, rounded, None if balance.holds(Decimal(0)) else tolerance)


def allowance(qualified_: bool, rounded: bool, tolerance: Decimal | None) -> Message:
    """`the qualifiers allow`, `the rounding allows`, `the qualifiers and the tolerance of 0,1
    allow`: what makes approximate figures agree."""
    if tolerance is not None:
        what = THE_BOTH if qualified_ and rounded else THE_ROUNDING if rounded else THE_QUALIFIERS
        return Message(TOLERANCE_ALLOWS, {"what": Message(what), "tolerance": tolerance})
    if qualified_ and rounded:
        return Message(BOTH_ALLOW)
    return Message(ROUNDING_ALLOWS if rounded else QUALIFIERS_ALLOW)


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


def figures(
    funding: Funding, components: Sequence[Component] = ()
) -> Iterator[tuple[str, Message | str, Amounted]]:
    """(pointer, label, figure) for every stated amount: the funding section's, its splits',
    the components' and every rate's."""
    if funding.total:
        yield from _with_rate("/funding/total", TOTAL, funding.total)
    for key, source in funding.sources.items():
        yield from _with_splits(pointer_of("funding", "sources", key), source.name, source)
    for year, data in funding.years.items():
        total = Message(N_("{year} total"), {"year": year})
        yield from _with_rate(pointer_of("funding", "years", year, "total"), total, data.total)
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
    pointer: str, label: Message | str, figure: Source | Part | Component
) -> Iterator[tuple[str, Message | str, Amounted]]:
    yield from _with_rate(pointer, label, figure)
    for key, part in figure.split.items():
        yield from _with_rate(f"{pointer}/split/{escape(key)}", part.name, part)


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
    for pointer, label, figure in figures(plan.funding, plan.components):
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

    Where the document qualifies either figure, only an allocation certainly above the need
    is one: `hơn 10,0` allocated against a need of `gần 10,0`, not 10,05 against `hơn 10,0`.
    """
    if plan.funding is None:
        return
    unit, rounded = plan.funding.unit, plan.funding.rounded
    for year, data in plan.funding.years.items():
        for key, part in data.parts.items():
            if part.allocated is None:
                continue
            need = interval_in(part, unit, rounded)
            allocated = interval_in(part.allocated, unit, rounded)
            if need is None or allocated is None or not _above(allocated, need):
                continue
            allocated_said, need_said = both_written(part.allocated, part, unit)
            yield allocation_within_need.finding(
                context,
                "above",
                pointer_of("funding", "years", year, "parts", key, "allocated", "amount"),
                # Two ranges have no one difference: the figures are given for points only.
                expected=need.low if need.is_point and allocated.is_point else None,
                actual=allocated.low if need.is_point and allocated.is_point else None,
                label=f"{year} {part.name}",
                stated=allocated_said,
                need=need_said,
            )


def _above(one: Interval, other: Interval) -> bool:
    """Whether every value `one` allows lies above every value `other` allows."""
    if one.low is None or other.high is None:
        return False
    return one.low > other.high or (one.low == other.high and (one.low_open or other.high_open))


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
    for pointer, label, figure in figures(plan.funding, plan.components):
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


@rule(
    "F109",
    "rate-gives-amount",
    "An amount stated as a rate times a count is that rate times that count",
    "funding",
    {
        "rate": "{label} states {stated_amount}, but {rate} for each of {count} {per} gives "
        "{actual} (difference {difference})",
    },
)
def rate_gives_amount(plan: Plan, context: Context) -> Iterator[Finding]:
    """An amount the document states with its rate ("7,7 tỷ đồng ... ở 11 xã (700 triệu
    đồng/xã)") is the rate times the count, exactly, or as the qualifiers of the amount and the
    rate allow.

    Passing: 700 triệu đồng for each of 11 xã is 7.700 triệu đồng, 7,7 tỷ đồng.

        amount: "7,7"
        rate: {amount: 700, unit: triệu đồng, per: xã, count: 11, source: đoạn 2}

    Failing: the same with `count: 12` (8,4 tỷ đồng). Where the figures agree only as their
    qualifiers allow (`gần 8` for 700 triệu đồng × 11), it is information (F110), as for a sum.
    """
    if plan.funding is None:
        return
    unit, tolerance = plan.funding.unit, context.settings.tolerance
    for pointer, label, figure in figures(plan.funding, plan.components):
        rate = getattr(figure, "rate", None)
        holds = rate_holds(figure, unit, tolerance, plan.funding.rounded)
        if rate is None or holds is None:
            continue
        amount = amount_in(figure, unit) or Decimal(0)
        rate_amount = amount_in(rate, unit) or Decimal(0)
        given = SAFE.multiply(rate_amount, Decimal(rate.count))
        if holds and abs(SAFE.subtract(given, amount)) <= tolerance:
            continue  # it holds as stated, qualifiers or not
        rounded = rounding_of(figure, plan.funding.rounded) is not None
        approximate = qualifies(figure.qualifier) or qualifies(rate.qualifier)
        yield (HOLDS_AS_QUALIFIED if holds else rate_gives_amount).finding(
            context,
            "rate",
            pointer + "/amount",
            expected=amount,
            actual=given,
            related=related(context, [pointer + "/rate/amount"], "part"),
            allowance=allowance(approximate, rounded, None),
            label=label,
            stated_amount=as_written(figure),
            rate=as_written(rate),
            count=rate.count,
            per=rate.per,
        )


def rate_holds(
    figure: Amounted, unit: str, tolerance: Decimal, rounded: Rounding | None = None
) -> bool | None:
    """Whether a figure stated with its rate is the rate times the count (as the qualifiers,
    the rounding and the tolerance allow); None when it states no rate, or a figure is
    missing."""
    rate = getattr(figure, "rate", None)
    stated = interval_in(figure, unit, rounded)
    by_rate = interval_in(rate, unit) if rate else None  # a rate is stated as it is
    if rate is None or stated is None or by_rate is None:
        return None
    return stated.meets(by_rate.scaled(Decimal(rate.count)), tolerance)


def as_written(figure: Amounted, unit: str | None = None) -> Message:
    """A stated amount with its qualifier and its own unit, as the document writes it; with
    `unit`, a figure in the plan's unit names it too (beside one in another unit)."""
    template = QUALIFIED[figure.qualifier] if figure.qualifier else "{value}"
    said = Message(template, {"value": figure.amount})
    shown = figure.unit or unit
    return Message("{said} {unit}", {"said": said, "unit": shown}) if shown else said


def both_written(one: Amounted, other: Amounted, unit: str) -> tuple[Message, Message]:
    """Two figures as written, each with its unit where they are stated in different ones
    (`about 1 tỷ đồng` beside `1.150 triệu đồng`, not `about 1`)."""
    mixed = (one.unit or unit) != (other.unit or unit)
    return as_written(one, unit if mixed else None), as_written(other, unit if mixed else None)


@rule(
    "F120",
    "components-sum-to-total",
    "The components' amounts add up to the total",
    "funding",
    SUM_MESSAGES,
)
def components_sum_to_total(plan: Plan, context: Context) -> Iterator[Finding]:
    """Where every component states its amount, the amounts add up to the funding's total,
    exactly, or as their qualifiers allow.

    Passing: infrastructure `hơn 23`, production `hơn 5,6` and capacity `600 triệu đồng`
    against a total of `hơn 29,2` tỷ đồng: 29,2 to 30,3 meets 29,2 to 29,3.

        funding: {total: {amount: "hơn 29,2", source: đoạn 1}}
        components:
          - {id: infrastructure, name: Hạ tầng, amount: "hơn 23", source: đoạn 2}
          - {id: production, name: Sản xuất, amount: "hơn 5,6", source: đoạn 3}
          - {id: capacity, name: Năng lực, amount: "600 triệu đồng", source: đoạn 4}

    Failing: 7,7 + 1,32 + 0,44 = 9,46 against a total of 9,51 tỷ đồng.
    """
    return sum_findings(components_sum_to_total, plan, context)
