"""The plan figure a reported result is measured against: a target, an output, or a line of
the plan's funding (`/total`, `/sources/central`, `/years/2018/parts/provincial`).

A results report says "đã giải ngân 243 tỷ đồng, đạt 100% kế hoạch": the plan line it names
gives the figure that percentage is of, so `p135 progress` can check it (K105) and show how
much of each line is spent.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from typing import TYPE_CHECKING

from p135cli.arithmetic import Interval, interval_of
from p135cli.i18n import _
from p135cli.model import (
    Amounted,
    Comparator,
    Figure,
    Funding,
    Plan,
    Source,
    SplitPart,
    YearFunding,
    interval_in,
)
from p135cli.model import Part as FundingPart
from p135cli.numbers import UNITS, money_unit, to_unit

if TYPE_CHECKING:
    from p135cli.progress_report import Actual


@dataclass(frozen=True)
class PlanLine:
    """A plan figure a result can be measured against, in the result's unit."""

    name: str
    """As the plan writes it: a target's text, an output's `what`, a funding line's name."""
    value: Decimal
    """The figure as the plan states it, in the plan's unit."""
    unit: str
    """The plan's unit of the figure."""
    allowed: Interval
    """Where the figure's true value lies, in the result's unit."""
    qualifier: Comparator | None = None
    """The plan's qualifier of the figure (`khoảng`, `trở lên`)."""
    carried: Figure | None = None
    """Capital carried over to the line (vốn kéo dài), which a disbursement may count too."""
    carried_unit: str = ""
    """The unit of what was carried over, as the plan states it."""
    word: str | None = None
    """The plan's word for its qualifier (`hơn`, `trên`), where it writes one."""
    with_carried: Interval | None = None
    """The line and what was carried over to it together, in the result's unit: a report may
    measure a disbursement against either, and says which only in words, if at all."""

    @property
    def bases(self) -> tuple[Interval, ...]:
        """The plan figures a stated percentage or plan figure may be of: the line, and the line
        with what was carried over to it."""
        return (self.allowed,) if self.with_carried is None else (self.allowed, self.with_carried)


@dataclass(frozen=True)
class FundingFigure:
    """A line of the plan's funding: its name, its figure, and what was carried over to it."""

    name: str
    figure: Amounted
    carried: Figure | None = None


def funding_figure(funding: Funding, pointer: str) -> FundingFigure | None:
    """The figure a pointer under `funding` names, or None when it names none: `/total`,
    `/sources/<id>`, `/sources/<id>/split/<id>`, `/years/<year>`, `/years/<year>/parts/<id>`,
    `/years/<year>/parts/<id>/split/<id>`."""
    steps = pointer.strip("/").split("/")
    match steps:
        case ["total"]:
            total = funding.total
            if total is None:
                return None
            return FundingFigure(_("the total"), total, funding.carried_over)
        case ["sources", key, *rest]:
            source = funding.sources.get(key)
            return None if source is None else _split(source.name, source, rest)
        case ["years", year]:
            found = _year(funding, year)
            return None if found is None else FundingFigure(year, found.total, found.carried_over)
        case ["years", year, "parts", key, *rest]:
            found = _year(funding, year)
            part = None if found is None else found.parts.get(key)
            return None if part is None else _split(part.name, part, rest)
    return None


def _year(funding: Funding, year: str) -> YearFunding | None:
    return funding.years.get(int(year)) if year.isdigit() and len(year) == 4 else None


def line_year(pointer: str) -> int | None:
    """The year a funding pointer is of (`/years/2025/parts/central`: 2025), if any."""
    steps = pointer.strip("/").split("/")
    if len(steps) < 2 or steps[0] != "years" or not steps[1].isdigit():
        return None
    return int(steps[1])


def _split(
    name: str, figure: Source | FundingPart | SplitPart, rest: list[str]
) -> FundingFigure | None:
    """A source or a yearly part, or (`split/<id>`, as deep as it is split) a part of it."""
    while rest:
        if len(rest) < 2 or rest[0] != "split" or rest[1] not in figure.split:
            return None
        figure = figure.split[rest[1]]
        name, rest = figure.name, rest[2:]
    return FundingFigure(name, figure, figure.carried_over)


def measured_against(plan: Plan, result: Actual) -> PlanLine | None:
    """The plan line a result names (`funding`, else `plan_item`) with a figure in a unit the
    result's figure can be compared in; None when it names none or the units differ."""
    if result.funding is not None:
        return _funding_line(plan, result)
    if result.plan_item is None:
        return None
    for target in plan.targets:
        if target.id == result.plan_item and target.value is not None and target.unit:
            if target.unit != result.unit or target.change is not None:
                return None
            allowed = interval_of(target.value, target.comparator)
            return PlanLine(target.text, target.value, target.unit, allowed, target.comparator)
    for output in plan.outputs:
        if output.id == result.plan_item and output.unit == result.unit:
            allowed = interval_of(output.quantity, output.stated_qualifier)
            return PlanLine(
                output.what, output.quantity, output.unit, allowed, output.stated_qualifier
            )
    return _component_line(plan, result)


def _component_line(plan: Plan, result: Actual) -> PlanLine | None:
    """A component's amount (a project, `Dự án 1`, 441 tỷ đồng), for money in a money unit."""
    unit = money_unit(result.unit)
    found = next((c for c in plan.components if c.id == result.plan_item), None)
    if found is None or found.amount is None or unit not in UNITS:
        return None
    funding = plan.funding
    own = str(found.unit or (funding.unit if funding is not None else "")) or None
    if own is None:
        return None
    allowed = interval_in(found, own, funding.rounded if funding is not None else None)
    if allowed is None:
        return None
    converted = _converted(allowed, own, str(unit))
    return PlanLine(found.name, found.amount, own, converted, found.qualifier, word=found.said_word)


def _funding_line(plan: Plan, result: Actual) -> PlanLine | None:
    funding, unit = plan.funding, money_unit(result.unit)
    if funding is None or result.funding is None or unit not in UNITS:
        return None
    found = funding_figure(funding, result.funding)
    if found is None or found.figure.amount is None:
        return None
    reading = (str(funding.unit), funding.rounded)
    allowed = interval_in(found.figure, *reading)
    if allowed is None:
        return None
    plan_unit = str(found.figure.unit or funding.unit)
    converted = _converted(allowed, str(funding.unit), str(unit))
    figure, amount = found.figure, found.figure.amount
    line = PlanLine(
        found.name, amount, plan_unit, converted, figure.qualifier, word=figure.said_word
    )
    carried = found.carried
    more = None if carried is None else interval_in(carried, *reading)
    # "disbursed" as text: importing the results model would build it when `validate` starts.
    if result.money not in ("disbursed", "planned") or carried is None or more is None:
        return line
    together = _converted(allowed + more, str(funding.unit), str(unit))
    carried_unit = str(carried.unit or funding.unit)
    return replace(line, carried=carried, carried_unit=carried_unit, with_carried=together)


def _converted(allowed: Interval, unit: str, target: str) -> Interval:
    def end(value: Decimal | None) -> Decimal | None:
        return None if value is None else to_unit(value, unit, target)

    return Interval(end(allowed.low), end(allowed.high), allowed.low_open, allowed.high_open)


def names_line(plan: Plan, result: Actual) -> bool:
    """Whether the plan has the line a result names (a funding pointer, or a target or output
    id), figure or not."""
    if result.funding is not None:
        return plan.funding is not None and funding_figure(plan.funding, result.funding) is not None
    ids = {t.id for t in plan.targets} | {o.id for o in plan.outputs if o.id}
    ids |= {c.id for c in plan.components}
    return result.plan_item is None or result.plan_item in ids
