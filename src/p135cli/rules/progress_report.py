"""Results: a report of actuals holds on its own figures, and names what its plan names."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from p135cli.arithmetic import at_places, finer, half_unit, percent, rounds_to
from p135cli.findings import Finding, Severity
from p135cli.i18n import N_, Message
from p135cli.implied import implied_plan, is_counted
from p135cli.loading import pointer_of
from p135cli.model import Plan, Village
from p135cli.names import identity
from p135cli.rules.base import Context, rule
from p135cli.rules.roadmap import count_names

if TYPE_CHECKING:
    from p135cli.progress_report import Actual, ProgressReport


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
    communes) a whole number must lie in that range.

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
            true = percent(result.value, result.plan_value)
            if true is not None and not rounds_to(true, result.of_plan):
                yield percent_of_plan_holds.finding(
                    context, "stated", pointer, expected=finer(true, result.of_plan),
                    actual=result.of_plan, label=result.id, value=result.value,
                    plan=result.plan_value, true=finer(true, result.of_plan),
                )  # fmt: skip
            continue
        implied = implied_plan(result.value, result.of_plan, is_counted(result))
        if implied is not None and is_counted(result) and not implied.wholes:
            yield percent_of_plan_holds.finding(
                context, "whole", pointer, label=result.id, value=result.value,
                unit=result.unit, low=at_places(implied.low, 2), high=at_places(implied.high, 2),
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
            if ("commune", identity(commune.name), identity(commune.district)) not in known:
                yield report_names_in_plan.finding(
                    context, "unknown", pointer_of("years", year, "communes", index, "name"),
                    kind=Message(N_("commune")), name=commune.name, where=commune.district,
                )  # fmt: skip
        for index, village in enumerate(stated.villages):
            if _village(village) not in known:
                yield report_names_in_plan.finding(
                    context, "unknown", pointer_of("years", year, "villages", index, "name"),
                    kind=Message(N_("village")), name=village.name,
                    where=f"{village.commune}, {village.district}",
                )  # fmt: skip


def _village(village: Village) -> tuple[str, ...]:
    return (
        "village",
        identity(village.name),
        identity(village.commune),
        identity(village.district),
    )


def planned_places(plan: Plan) -> set[tuple[str, ...]]:
    """Every commune (name, district) and village (name, commune, district) the roadmap names."""
    places: set[tuple[str, ...]] = set()
    for stated in plan.roadmap.years.values() if plan.roadmap else ():
        places |= {("commune", identity(c.name), identity(c.district)) for c in stated.communes}
        places |= {_village(v) for v in stated.villages}
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
