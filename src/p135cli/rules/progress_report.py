"""Results: a report of actuals holds on its own figures, and names what its plan names."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from p135cli.arithmetic import (
    Interval,
    at_places,
    count_interval,
    finer_range,
    half_unit,
    interval_of,
    percent,
    share_missed,
    share_range,
)
from p135cli.findings import Finding, Severity
from p135cli.i18n import N_, Message
from p135cli.implied import implied_plan, is_counted, whole_fits, whole_values
from p135cli.loading import pointer_of
from p135cli.model import Plan, Village, qualifies
from p135cli.names import identity
from p135cli.numbers import UNITS, money_unit
from p135cli.plan_lines import PlanLine, line_year, measured_against, names_line
from p135cli.plan_places import real_date
from p135cli.rules.base import Context, Rule, rule
from p135cli.rules.funding import OPEN_SUM_MESSAGES, sum_finding
from p135cli.rules.roadmap import count_names
from p135cli.rules.wording import as_written, ranged, said
from p135cli.sums import balances, figures

if TYPE_CHECKING:
    from p135cli.progress_report import Actual, ProgressReport


def _said(result: Actual, field: str) -> Message | Decimal:
    """One of a result's figures as the report says it, in its qualifier word (`trên 522`)."""
    figure = getattr(result, field)
    assert figure is not None
    return said(figure, getattr(result, result.QUALIFIED[field]), result.word(field))


@dataclass(frozen=True)
class Pairing:
    """A results report and, when checked by `progress`, the plan it reports on."""

    report: ProgressReport
    plan: Plan | None = None


def _unfit_share(context: Context, result: Actual, pointer: str) -> Finding | None:
    """K101 for a share that no positive plan figure gives (`-5`, a share of a stated plan of
    0 or less), or that every plan above some size gives (0 % of 10 households): such a share
    says nothing of the plan, and progress could not show it."""
    stated, value = result.of_plan, result.value
    assert stated is not None
    if result.plan_value is not None and result.plan_value <= 0:  # a plan of none, or less
        return percent_of_plan_holds.finding(
            context, "none", pointer, label=result.id, value=value, unit=result.unit,
            stated=stated,
        )  # fmt: skip
    half = half_unit(stated)
    if value > 0 and stated + half > 0 >= stated - half:
        low = at_places(percent(value, stated + half) or Decimal(0), 2)
        low = low.quantize(Decimal(1)) if low == low.to_integral_value() else low
        return percent_of_plan_holds.finding(
            context, "unbounded", pointer, label=result.id, value=value, unit=result.unit,
            stated=stated, low=low,
        )  # fmt: skip
    fits = {
        1: stated + half > 0,  # a positive value is a share in (0, ∞) of a positive plan
        0: stated - half <= 0 < stated + half,  # 0 is 0 % of any plan
        -1: stated - half < 0,
    }[(value > 0) - (value < 0)]
    if fits:
        return None
    return percent_of_plan_holds.finding(
        context, "none", pointer, label=result.id, value=value, unit=result.unit, stated=stated
    )


@rule(
    "K101",
    "percent-of-plan-holds",
    "A stated percentage of plan matches the figures",
    "results",
    {
        "stated": (
            "{label}: {value} of a plan of {plan} is {true}%, but the report states {stated}%"
        ),
        "whole": (
            "{label}: {value} {unit} at {stated}% implies a plan of {low} to {high} {unit}, "
            "and no whole number lies there"
        ),
        "wholes": "{label}: no whole number of {unit} that {value} allows ({first} to {last}) "
        "is {stated}% of a whole number of {unit}",
        "none": "{label}: {value} {unit} is {stated}% of no positive plan figure",
        "unbounded": (
            "{label}: {value} {unit} is {stated}% of any plan over {low} {unit}: the share "
            "names no plan figure"
        ),
    },
)
def percent_of_plan_holds(pairing: Pairing, context: Context) -> Iterator[Finding]:
    """A result stated as a percentage of plan holds at the precision it is stated with.

    With the plan figure stated, value ÷ plan × 100 rounds to the percentage. Without it, the
    percentage implies a plan figure in a range; for whole things (households, people,
    communes) a whole number must lie in that range, and for a qualified count (`hơn 10 hộ`,
    11 to 20) some whole count it allows must be the share of a whole plan.

    Passing: 1.856 households at 161,8 % implies a plan of 1146.74 to 1147.45: 1147 fits.

        results:
          - {id: escaped_poverty, text: "...", value: "1.856", unit: hộ, of_plan: "161,8",
             source: đoạn 6}

    Failing: 10 households at 33,5 % (29.81 to 29.90 households: no whole number fits), or a
    stated plan figure of 1.200 with 161,8 % (1856/1200 is 154.7 %); a share no positive plan
    figure gives (10 households at -5 %), or one any large enough plan gives (10 at 0 %).
    """
    for index, result in enumerate(pairing.report.results):
        if result.of_plan is None:
            continue
        pointer = pointer_of("results", index, "of_plan")
        unfit = _unfit_share(context, result, pointer)
        if unfit is not None:
            yield unfit
            continue
        if result.plan_value is not None:
            plan = interval_of(result.plan_value, result.plan_qualifier)
            missed = _missed_share(result, plan)
            if missed is not None:
                yield _share_finding(
                    percent_of_plan_holds, context, "stated", pointer, result, missed,
                    plan=_said(result, "plan_value"),
                )  # fmt: skip
            continue
        if qualifies(result.of_plan_qualifier):
            continue  # `trên 55%` names no plan figure a whole number must fit
        if qualifies(result.comparator):  # `hơn 10 hộ`: some whole count of those it allows
            if is_counted(result):
                yield from _whole_of_qualified(context, result, pointer)
            continue
        implied = implied_plan(result.value, result.of_plan, is_counted(result))
        if implied is not None and is_counted(result) and not implied.wholes:
            yield percent_of_plan_holds.finding(
                context, "whole", pointer, label=result.id, value=result.value,
                unit=result.unit, low=at_places(implied.low, 2), high=at_places(implied.high, 2),
            )  # fmt: skip


def _whole_of_qualified(context: Context, result: Actual, pointer: str) -> Iterator[Finding]:
    """K101 for a qualified count (`gần 11 hộ, đạt 55%`: 10) no whole count of which is the
    stated share of a whole plan."""
    assert result.of_plan is not None
    value, comparator = result.value, result.comparator
    whole = value == value.to_integral_value()
    values = count_interval(int(value), comparator) if whole else interval_of(value, comparator)
    counts = whole_values(values)
    if not counts or whole_fits(values, result.of_plan):  # unbounded or none: nothing to try
        return
    yield percent_of_plan_holds.finding(
        context, "wholes", pointer, label=result.id, value=_said(result, "value"),
        unit=result.unit, stated=_said(result, "of_plan"), first=counts.start,
        last=counts.stop - 1,
    )  # fmt: skip


def _missed_share(result: Actual, plan: Interval) -> Interval | None:
    """The shares a result (as its comparator allows) makes of a plan figure (a range where
    either is qualified), when the stated percentage can be none of them; else None."""
    assert result.of_plan is not None
    shares = share_range(interval_of(result.value, result.comparator), plan)
    if shares.low is not None and shares.high is not None and shares.low > shares.high:
        shares = Interval(shares.high, shares.low)  # a negative figure turns the range round
    if qualifies(result.of_plan_qualifier):  # `đạt trên 55%`: any share above 55 holds
        if shares.meets(interval_of(result.of_plan, result.of_plan_qualifier)):
            return None
    elif share_missed(shares, result.of_plan) is None:
        return None
    return finer_range(shares, result.of_plan)


def _share_finding(
    rule_: Rule[Any], context: Context, template: str, pointer: str, result: Actual,
    shares: Interval, **args: Any,
) -> Finding:  # fmt: skip
    """A stated percentage of plan that the figures cannot make: the true share (or the
    range of them) expected, the stated one found."""
    assert result.of_plan is not None
    point = shares.is_point
    exact = point and not qualifies(result.of_plan_qualifier)
    return rule_.finding(
        context, template, pointer,
        expected=shares.low if exact else None, actual=result.of_plan if exact else None,
        label=result.id, value=_said(result, "value"),
        true=shares.low if point else ranged(shares),
        stated=_said(result, "of_plan"), **args,
    )  # fmt: skip


@rule(
    "K102",
    "report-names-in-plan",
    "Communes and villages a report names are named in the plan's roadmap",
    "results",
    {"unknown": "{kind} '{name}' ({where}) is not named in the plan's roadmap"},
    severity=Severity.WARNING,
)
def report_names_in_plan(pairing: Pairing, context: Context) -> Iterator[Finding]:
    """Checked by `p135 progress`, which pairs a report with its plan: every commune (name and
    district) and village (name, commune and district) the report says left the list is one the
    plan's roadmap names. Names are one name when a reader reads them as one (`p135cli.names`).

    Passing: the report names Thanh Lâm (Ba Chẽ), which the plan lists for 2018.

        years:
          2017:
            count: {communes: 1}
            communes: [{name: Thanh Lâm, district: Ba Chẽ}]
            source: đoạn 5

    Failing: the report names Hà Lâu of Bình Liêu; the plan's Hà Lâu is in Tiên Yên.
    """
    plan = pairing.plan
    if plan is None:
        return
    known = planned_places(plan)
    for year, stated in pairing.report.years.items():
        for index, commune in enumerate(stated.communes):
            if ("commune", identity(commune.name), identity(commune.district or "")) not in known:
                yield report_names_in_plan.finding(
                    context, "unknown", pointer_of("years", year, "communes", index, "name"),
                    kind=Message(N_("commune")), name=commune.name,
                    where=commune.district or pairing.report.province,
                )  # fmt: skip
        for index, village in enumerate(stated.villages):
            if _village(village) not in known:
                yield report_names_in_plan.finding(
                    context, "unknown", pointer_of("years", year, "villages", index, "name"),
                    kind=Message(N_("village")), name=village.name,
                    where=", ".join(filter(None, (village.commune, village.district))),
                )  # fmt: skip


def _village(village: Village) -> tuple[str, ...]:
    return (
        "village",
        identity(village.name),
        identity(village.commune),
        identity(village.district or ""),
    )


def planned_places(plan: Plan) -> set[tuple[str, ...]]:
    """Every commune (name, district) and village (name, commune, district) the roadmap names,
    and each without its district too: a report dated after districts were abolished (from
    01/07/2025) names a commune of a plan that gave its district by its name alone."""
    places: set[tuple[str, ...]] = set()
    for stated in plan.roadmap.years.values() if plan.roadmap else ():
        for commune in stated.communes:
            place: tuple[str, ...] = ("commune", identity(commune.name))
            places |= {(*place, identity(commune.district or "")), (*place, "")}
        for village in stated.villages:
            place = _village(village)
            places |= {place, (*place[:3], "")}
    return places


@rule(
    "K103",
    "report-matches-plan",
    "A report is about the plan's province, and its years lie in the plan's period",
    "results",
    {
        "province": "the report is about {report}, the plan about {plan}",
        "year": "the report gives results for {year}, outside the plan's period {start}–{end}",
    },
)
def report_matches_plan(pairing: Pairing, context: Context) -> Iterator[Finding]:
    """Checked by `p135 progress`: the report and the plan name the same province (after NFC
    normalisation and case folding), and every year the report gives lies in the plan's period.

    Passing: a report on Quảng Ninh for 2017, against the 2017–2020 plan of Quảng Ninh.

        province: Quảng Ninh
        years:
          2017: {count: {communes: 6, villages: 2}, source: đoạn 5}

    Failing: the same report against Lạng Sơn's plan, or a year 2016 against 2017–2020.
    """
    plan, report = pairing.plan, pairing.report
    if plan is None:
        return
    if identity(plan.province) != identity(report.province):
        yield report_matches_plan.finding(
            context, "province", "/province", report=report.province, plan=plan.province
        )
    start, end = plan.period.start, plan.period.end
    places = [(year, pointer_of("years", year), True) for year in report.years]
    places += [
        (result.year, pointer_of("results", index, "year"), False)
        for index, result in enumerate(report.results)
        if result.year is not None
    ]
    for year, pointer, key in places:
        if not start <= year <= end:
            yield report_matches_plan.finding(
                context, "year", pointer, key=key, year=year, start=start, end=end
            )


@rule(
    "K104",
    "report-count-matches-names",
    "Where a report names who left the list in a year, it names as many as it counts",
    "results",
    {
        "count": "{year} states {expected} {kind} but names {actual}",
        "qualified": "{year} states {said} {kind} but names {actual}",
    },
)
def report_count_matches_names(pairing: Pairing, context: Context) -> Iterator[Finding]:
    """A report's year that counts the communes or villages leaving the list and names them
    names that many (or as many as its qualifier allows). A count without names is valid: the
    article of 15/06/2018 counts 6 communes and 2 villages for 2017 and names none.

    Passing:

        years:
          2018:
            count: {communes: 1}
            communes: [{name: Thanh Lâm, district: Ba Chẽ}]
            source: đoạn 5

    Failing: the same with `count: {communes: 2}`.
    """
    for year, stated in pairing.report.years.items():
        yield from count_names(report_count_matches_names, context, year, stated)


@rule(
    "K105",
    "result-matches-plan-line",
    "A result measured against a plan line names one, and its plan figure and percentage "
    "match the plan's",
    "results",
    {
        "missing": "{label}: the plan has no {kind} '{line}'",
        "plan": "{label}: the report states a plan of {stated} {unit}, but the plan's "
        "'{name}' is {plan}",
        "share": "{label}: {value} of the plan's '{name}' ({plan}) is {true}%, but the "
        "report states {stated}%",
        "money": "{label}: {unit} is no money unit, so it cannot be measured against the "
        "funding line '{line}'",
        "uncompared": "{label}: its figure in {unit} cannot be compared with '{line}' (another "
        "unit, or a change): the stated share or plan figure is not checked",
        "year": "{label} is for {year}, but is measured against '{line}'",
        "zero": "{label}: the plan's '{name}' is {plan}: no share of it is {stated}%",
        "restated": "{label}: the report states {stated} {unit} for '{name}', but the plan "
        "states {plan}",
        "unlinked": "{label} restates a figure of the plan, but names no line of it "
        "(funding: or plan_item:), so it is not compared",
    },
)
def result_matches_plan_line(pairing: Pairing, context: Context) -> Iterator[Finding]:
    """Checked by `p135 progress`: a result names a plan line the plan has (`plan_item`, a
    target or output id; `funding`, a pointer under the plan's funding); where the report
    states the plan's figure (`plan_value`, with `plan_qualifier`) it is the plan's, and a
    stated percentage of plan is the share the result makes of the plan's figure, each as
    their qualifiers allow ("trên 522 tỷ, bằng 64,08% kế hoạch" of "trên 814 tỷ" holds). A
    figure in another unit than the plan line's is not compared.

    Passing: a plan with `/sources/central` of 243 tỷ đồng, and

        results:
          - {id: disbursed, text: "đã giải ngân 243 tỷ đồng, đạt 100% kế hoạch", value: 243,
             unit: tỷ đồng, money: disbursed, funding: /sources/central, of_plan: 100,
             source: đoạn 2}

    Failing: the same with `of_plan: 65` (243 is 100 % of 243), `plan_value: 250`, or
    `funding: /sources/centre` (no such line).
    """
    plan = pairing.plan
    if plan is None:
        return
    for index, result in enumerate(pairing.report.results):
        yield from _against_line(context, plan, result, pointer_of("results", index))


def _stated_plan(
    context: Context, result: Actual, pointer: str, line: PlanLine, field: str, template: str
) -> Finding | None:
    """A figure of the plan a report states (`plan_value`, or with `money: planned` its
    `value`: `nguồn vốn đầu tư gần 737 tỷ`) is the plan's, alone or with what was carried over
    to it, as the two documents' qualifiers allow: two documents of one province and year
    agree. All in the result's unit."""
    figure = getattr(result, field)
    stated = interval_of(figure, getattr(result, result.QUALIFIED[field]))
    if any(stated.meets(base) for base in line.bases):
        return None
    exact = line.bases[-1].is_point and stated.is_point
    return result_matches_plan_line.finding(
        context, template, f"{pointer}/{field}",
        expected=line.bases[-1].low if exact else None, actual=figure if exact else None,
        label=result.id, stated=_said(result, field), unit=result.unit, name=line.name,
        plan=_planned(line),
    )  # fmt: skip


def _against_line(context: Context, plan: Plan, result: Actual, pointer: str) -> Iterator[Finding]:
    rule_ = result_matches_plan_line
    field = "funding" if result.funding is not None else "plan_item"
    if result.funding is None and result.plan_item is None:
        if result.money == "planned":  # a plan figure restated, of no line: never in silence
            yield rule_.finding(
                context, "unlinked", f"{pointer}/money", severity=Severity.WARNING,
                label=result.id,
            )  # fmt: skip
        return  # it names no line: K101 reads what its percentage implies
    if not names_line(plan, result):
        kind = (
            N_("funding line") if result.funding is not None else N_("target, output or component")
        )
        yield rule_.finding(
            context, "missing", f"{pointer}/{field}", label=result.id, kind=Message(kind),
            line=result.funding or result.plan_item,
        )  # fmt: skip
        return
    if result.funding is not None and money_unit(result.unit) not in UNITS:
        if result.money is None:  # else K107 says the unit is wrong for money
            yield rule_.finding(
                context, "money", f"{pointer}/unit", label=result.id, unit=result.unit,
                line=result.funding,
            )  # fmt: skip
        return
    yield from _year_of_line(context, result, pointer)
    line = measured_against(plan, result)
    if line is None:
        if result.of_plan is not None or result.plan_value is not None:  # never in silence
            yield rule_.finding(
                context, "uncompared", f"{pointer}/{field}", severity=Severity.WARNING,
                label=result.id, line=result.funding or result.plan_item, unit=result.unit,
            )  # fmt: skip
        return
    yield from _against_figures(context, result, pointer, line)


def _year_of_line(context: Context, result: Actual, pointer: str) -> Iterator[Finding]:
    """A result for one year measured against another year's funding (`/years/2025`)."""
    of = line_year(result.funding or "")
    if result.year is not None and of is not None and of != result.year:
        yield result_matches_plan_line.finding(
            context, "year", f"{pointer}/funding", label=result.id, year=result.year,
            line=result.funding,
        )  # fmt: skip


def _against_figures(
    context: Context, result: Actual, pointer: str, line: PlanLine
) -> Iterator[Finding]:
    rule_ = result_matches_plan_line
    # "planned" as text: importing the results model would build it when `validate` starts.
    if result.money == "planned":
        found = _stated_plan(context, result, pointer, line, "value", "restated")
        if found is not None:
            yield found
    planned = _planned(line)
    if line.allowed.high is not None and line.allowed.high <= 0 and result.of_plan is not None:
        yield rule_.finding(
            context, "zero", f"{pointer}/of_plan", label=result.id, name=line.name,
            plan=planned, stated=_said(result, "of_plan"),
        )  # fmt: skip
        return
    if result.plan_value is not None:
        found = _stated_plan(context, result, pointer, line, "plan_value", "plan")
        if found is not None:
            yield found
        return  # K101 checks the percentage against the report's own plan figure
    if result.of_plan is None:
        return
    missed = [_missed_share(result, base) for base in line.bases]
    last = missed[-1]
    if last is not None and all(miss is not None for miss in missed):
        yield _share_finding(
            rule_, context, "share", f"{pointer}/of_plan", result, last, name=line.name,
            plan=planned,
        )  # fmt: skip


def _planned(line: PlanLine) -> Message:
    """The plan's figure with its unit, and what was carried over to it where a disbursement
    may count that too: `600 tỷ đồng, with 37,64 tỷ đồng carried over`."""
    value = said(line.value, line.qualifier, line.word)
    planned = Message("{value} {unit}", {"value": value, "unit": line.unit})
    carried = line.carried
    if carried is None or carried.amount is None:
        return planned
    value = said(carried.amount, carried.qualifier)
    amount = Message("{value} {unit}", {"value": value, "unit": line.carried_unit})
    return Message(
        N_("{planned}, with {carried} carried over"), {"planned": planned, "carried": amount}
    )


@rule(
    "K106",
    "report-sums-hold",
    "A report's own money figures add up as a plan's must",
    "results",
    {**OPEN_SUM_MESSAGES, "negative": "{label} states {amount}: money is never below 0"},
)
def report_sums_hold(pairing: Pairing, context: Context) -> Iterator[Finding]:
    """A report that states money of its own (`funding:` a total and its sources, each
    split by capital or project) is checked as a plan's funding is: every stated sum adds up,
    exactly or as its qualifiers allow ("gần", "trên"), a list it leaves open bounding it.

    Passing: a total of 1.724 tỷ đồng of investment "trên 814" and recurrent "trên 909".

        funding:
          unit: tỷ đồng
          total: {amount: "1.724", source: đoạn 2}
          sources:
            investment: {name: nguồn vốn đầu tư, amount: "trên 814", source: đoạn 3}
            recurrent: {name: nguồn vốn sự nghiệp, amount: "trên 909", source: đoạn 3}

    Failing: the same with investment "gần 737" (737 and 909 fall about 78 short).
    """
    funding = pairing.report.funding
    if funding is None:
        return
    for pointer, label, figure in figures(funding):
        if figure.amount is not None and figure.amount < 0:
            yield report_sums_hold.finding(
                context, "negative", pointer + "/amount", label=label, amount=as_written(figure)
            )
    tolerance = context.settings.tolerance
    for balance in balances(funding):
        if not balance.holds(tolerance):
            yield sum_finding(report_sums_hold, balance, context, tolerance)


@rule(
    "K107",
    "money-result-is-money",
    "A result stated as money (disbursed, mobilised, allocated, planned) is in a money unit, "
    "and not below 0",
    "results",
    {
        "unit": "{label}: money {money}, in '{unit}', which is no money unit p135 knows",
        "negative": "{label}: money {money} of {value}: money is never below 0",
    },
)
def money_result_is_money(pairing: Pairing, context: Context) -> Iterator[Finding]:
    """A figure the report says is money is in tỷ đồng, triệu đồng, nghìn đồng or đồng (in any
    spelling p135 knows, in any case): a unit printed wrong ("trên 522 tỷ triệu đồng") leaves
    the figure's size unknown, so the document's error is found, and acknowledged with how to
    read it. Money disbursed, mobilised, allocated or planned is never below 0.

    Passing: `{value: "trên 452", unit: tỷ đồng, money: disbursed}`.

    Failing: `{value: "trên 522", unit: tỷ triệu đồng, money: disbursed}`, or `{value:
    "-406.294", unit: triệu đồng, money: disbursed}`.
    """
    for index, result in enumerate(pairing.report.results):
        if result.money is None:
            continue
        money = Message(MONEY_WORDS[result.money.value])
        if result.value < 0:
            yield money_result_is_money.finding(
                context, "negative", pointer_of("results", index, "value"), label=result.id,
                money=money, value=_said(result, "value"),
            )  # fmt: skip
        if money_unit(result.unit) in UNITS:
            continue
        near = _nearest_unit(result.unit)
        hint = Message(N_("did you mean '{key}'?"), {"key": near}) if near else None
        yield money_result_is_money.finding(
            context, "unit", pointer_of("results", index, "unit"), label=result.id,
            money=money, unit=result.unit, hint=hint,
        )  # fmt: skip


MONEY_WORDS = {
    "disbursed": N_("disbursed"),
    "mobilised": N_("mobilised"),
    "allocated": N_("allocated"),
    "planned": N_("planned"),
}
"""What a result's money is (`Money`, by its value), as a message says it."""


def _nearest_unit(written: str) -> str | None:
    """The money unit a misprinted one most likely means: the first of its words that is a
    unit on its own names the size, as a reader takes it (`tỷ triệu đồng`: tỷ đồng)."""
    return next(filter(None, map(money_unit, written.split())), None)


@rule(
    "K108",
    "report-dates-hold",
    "A report's date and the days its results are for are real, and no later than the report",
    "results",
    {
        "date": "the report is dated {date}, which is not a real date",
        "as_of": "{label} is for {date}, which is not a real date",
        "after": "{label} is for {date}, after the report's own date {dated}: a forecast says "
        "so in its text (ước), or one of the two dates is mistyped",
    },
)
def report_dates_hold(pairing: Pairing, context: Context) -> Iterator[Finding]:
    """A report's date and each result's `as_of` make days that exist; a result is for a day
    no later than the report that states it (a later one is a warning: a report may estimate
    to the end of a month it has not reached, "ước thực hiện đến 30/6", and says so).

    Passing: a report dated 29/08/2025 with `as_of: 31/07/2025`.

    Failing: `date: 31/02/2025`, or a report dated 15/06/2025 with `as_of: 30/06/2025`.
    """
    report = pairing.report
    dated = real_date(report.report.date)
    if report.report.date is not None and dated is None:
        yield report_dates_hold.finding(context, "date", "/report/date", date=report.report.date)
    for index, result in enumerate(report.results):
        if result.as_of is None:
            continue
        pointer = pointer_of("results", index, "as_of")
        day = real_date(result.as_of)
        if day is None:
            yield report_dates_hold.finding(
                context, "as_of", pointer, label=result.id, date=result.as_of
            )
        elif dated is not None and day > dated:
            yield report_dates_hold.finding(
                context, "after", pointer, severity=Severity.WARNING, label=result.id,
                date=result.as_of, dated=report.report.date,
            )  # fmt: skip
