"""Funding rules: the money adds up every way the document states it.

Each equality the funding section states is a `Balance` (`p135cli.sums`). When some fail,
`suspects` looks for the single stated figure whose correction makes every balance hold;
F100 reports it on that figure's line and the balances it explains stay quiet. The other
rules read each stated figure on its own: not negative, a whole number of đồng, within its
need, its rate times its count.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Any, NamedTuple

from p135cli.arithmetic import SAFE, Interval, nearest_ends
from p135cli.findings import Finding, Related, Severity
from p135cli.i18n import N_, Listed, Message
from p135cli.loading import pointer_of
from p135cli.model import (
    Amounted,
    Funding,
    Plan,
    Rounding,
    amount_in,
    interval_in,
    qualifies,
    rounding_of,
)
from p135cli.numbers import UNITS, in_dong
from p135cli.rules.base import RELATED_CAP, Context, Rule, related, rule
from p135cli.rules.wording import allowance, as_written, both_written, ranged
from p135cli.sums import FACTORS, Balance, Term, balances, figures, summed


# A named tuple: a dataclass costs every start of `validate` most of a millisecond.
class Suspect(NamedTuple):
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


# A named tuple: a dataclass costs every start of `validate` most of a millisecond.
class Analysis(NamedTuple):
    balances: tuple[Balance, ...]
    failing: tuple[Balance, ...]
    suspects: tuple[Suspect, ...]


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


Stated = list[tuple[str, Message | str, Amounted]]


def stated_figures(plan: Plan, context: Context) -> Stated:
    """The plan's stated figures (`sums.figures`), found once for the rules that read them."""

    def found() -> Stated:
        return list(figures(plan.funding, plan.components)) if plan.funding else []

    result: Stated = context.remember("figures", found)
    return result


def rates_held(plan: Plan, context: Context) -> list[bool | None]:
    """`rate_holds` of each of the plan's stated figures, in their order, found once."""

    def found() -> list[bool | None]:
        if plan.funding is None:
            return []
        tolerance, unit, rounded = (
            context.settings.tolerance,
            plan.funding.unit,
            plan.funding.rounded,
        )
        return [
            rate_holds(figure, unit, tolerance, rounded)
            for _, _, figure in stated_figures(plan, context)
        ]

    result: list[bool | None] = context.remember("rates held", found)
    return result


def analyse(plan: Plan, context: Context) -> Analysis:
    def compute() -> Analysis:
        if plan.funding is None:
            return Analysis((), (), ())
        found = balances(plan.funding, plan.components, components_open=plan.components_partial)
        tolerance, unit = context.settings.tolerance, plan.funding.unit
        failing = tuple(b for b in found if not b.holds(tolerance))
        confirmed = {  # a figure its rate gives is no likelier wrong than the rate
            pointer + "/amount"
            for (pointer, _label, _figure), holds in zip(
                stated_figures(plan, context), rates_held(plan, context), strict=True
            )
            if holds
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
OPEN_SUM_MESSAGES = {
    **SUM_MESSAGES,
    "open": "{description}: the document leaves the list open, yet the figures it names add "
    "up to {actual}, more than {whole}, which states {expected} (difference {difference})",
}
"""The sums of a list the document may leave open (sources, a year's parts, a split, the
components)."""

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
OPEN_LIST = Rule[Plan](
    "F121",
    "open-list",
    "A list the document leaves open names figures that add up to less than its whole",
    "funding",
    {
        "open": "{description}: the document leaves the list open, and the figures it names add "
        "up to {parts}, {rest} short of {whole} ({stated_whole}); the rest is not named",
    },
    severity=Severity.INFO,
    doc="""Information: a list the document leaves open ("…", "và các dự án khác", recorded
`sources_partial`, `parts_partial`, `split_partial` or `components_partial: true`) is checked
only to add up to no more than its whole (its own sum rule reports more); what it leaves
unnamed is said here, so that a reader sees the remainder the document implies.

Passing (nothing to say): the named sources add up to the total.

Failing (information): a total of 100 whose list, left open, names 60 and 30: 10 is not named.

    total: {amount: 100, source: "1"}
    sources_partial: true
    sources:
      central: {name: Trung ương, amount: 60, source: "1"}
      local: {name: Địa phương, amount: 30, source: "1"}""",
)
"""An open list's remainder, under a code of its own (information)."""
UNIT_HINT = N_("{label} states {stated}: as {stated} {unit} the sum holds. Is its unit missing?")


def smaller_unit(unit: str, factor: Decimal) -> str:
    """The unit `factor` times smaller than `unit` (tỷ đồng, 1.000: triệu đồng)."""
    wanted = SAFE.divide(Decimal(UNITS[unit]), factor)
    return next((name for name, size in UNITS.items() if size == wanted), unit)


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
            yield sum_finding(rule_, balance, context, tolerance)
        elif not balance.holds_as_stated(tolerance):
            yield sum_finding(HOLDS_AS_QUALIFIED, balance, context, tolerance, holds=True)
        elif balance.open and balance.residual > tolerance:
            yield _open_finding(balance, context)


def _open_finding(balance: Balance, context: Context) -> Finding:
    """What an open list leaves unnamed of its whole (F121)."""
    whole = balance.left[0]
    return OPEN_LIST.finding(
        context,
        "open",
        whole.pointer,
        related=related(context, [t.pointer for t in balance.right], "part"),
        description=balance.description,
        parts=sum((t.value for t in balance.right), Decimal(0)),
        rest=balance.residual,
        whole=Listed([t.label for t in balance.left], " + "),
        stated_whole=Listed([t.said for t in balance.left], " + "),
    )


def sum_finding(
    rule_: Rule[Any],
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
    if balance.open and not holds and balance.terms_exact:
        template = "open"
    # An open list holds with any figure made smaller: no one slip of a unit is told apart.
    slip = None if holds or balance.open else balance.unit_slip(tolerance)
    hint = None
    if slip is not None:
        term, factor = slip
        hint = Message(
            UNIT_HINT,
            {"label": term.label, "stated": term.stated, "unit": smaller_unit(term.unit, factor)},
        )
    left, right = summed(balance.left), balance.named()
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


@rule(
    "F101",
    "sources-sum-to-total",
    "The funding sources add up to the total",
    "funding",
    OPEN_SUM_MESSAGES,
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
    OPEN_SUM_MESSAGES,
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
    for pointer, label, figure in stated_figures(plan, context):
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
    for pointer, label, figure in stated_figures(plan, context):
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
    held = rates_held(plan, context)
    for (pointer, label, figure), holds in zip(stated_figures(plan, context), held, strict=True):
        rate = getattr(figure, "rate", None)
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


@rule(
    "F120",
    "components-sum-to-total",
    "The components' amounts add up to the total",
    "funding",
    OPEN_SUM_MESSAGES,
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
