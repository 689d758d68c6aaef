"""Roadmap: which communes and villages leave the especially-difficult list, and when."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from p135cli.arithmetic import Interval, count_interval, nearest_ends
from p135cli.findings import Finding, Related, Severity
from p135cli.i18n import N_, Message
from p135cli.loading import pointer_of
from p135cli.model import (
    Area,
    Areas,
    Commune,
    Comparator,
    Goal,
    Leaving,
    Plan,
    Roadmap,
    RoadmapYear,
    Village,
    qualifies,
)
from p135cli.names import identity, look
from p135cli.rules.base import Context, Rule, rule
from p135cli.rules.wording import ranged, said

KINDS = {
    "commune": N_("commune"),
    "village": N_("village"),
    "communes": N_("communes"),
    "villages": N_("villages"),
}


def noun(kind: str, count: Decimal | int | None) -> Message:
    """`communes` or `villages` as a count of them reads: one commune, 2 communes."""
    return Message(KINDS[kind.removesuffix("s") if count == 1 else kind])


Where = tuple[int, str, int]
"""A place of the roadmap: its year, `communes` or `villages`, and its index there (its
pointer is made only for a place listed twice: most never need one)."""


def _places(roadmap: Roadmap) -> Iterator[tuple[str, Where, str, tuple[str, ...]]]:
    """(kind, where, name as written, how it looks) of every commune and village, in order."""
    for year, data in sorted(roadmap.years.items()):
        for index, commune in enumerate(data.communes):
            key: tuple[str, ...] = (look(commune.name), look(commune.district or ""))
            yield "commune", (year, "communes", index), commune.name, key
        for index, village in enumerate(data.villages):
            key = (look(village.name), look(village.commune or ""), look(village.district or ""))
            yield "village", (year, "villages", index), village.name, key


def _name_at(where: Where) -> str:
    return pointer_of("roadmap", "years", *where, "name")


@rule(
    "R101",
    "leaves-once",
    "Each commune and village leaves the list at most once",
    "roadmap",
    {"twice": "{kind} '{name}' leaves the list again (first at line {first})"},
)
def leaves_once(plan: Plan, context: Context) -> Iterator[Finding]:
    """A commune (by name and district) or a village (by name, commune and district) appears
    once in the whole roadmap. Names are one name when a reader would read them as one: after
    NFC normalisation, case and spacing folded, the tone mark placed either way (`Hòa` and
    `Hoà`), and letters that only look alike read as one (their UTS #39 skeleton: `Đồng` and
    `D̵ồng`, `Lâm` and full-width `Ｌâm`); invisible characters are refused when the file is read
    (Y006).

    Passing:

        years:
          2018: {communes: [{name: Thanh Lâm, district: Ba Chẽ}], source: "2.3 a"}
          2019: {communes: [{name: Đồng Lâm, district: Hoành Bồ}], source: "2.3 b"}

    Failing: `thanh lâm` of Ba Chẽ listed again in 2019.
    """
    if plan.roadmap is None:
        return
    seen: dict[tuple[str, tuple[str, ...]], Where] = {}
    for kind, where, name, key in _places(plan.roadmap):
        first = seen.setdefault((kind, key), where)
        if first != where:
            yield leaves_once.finding(
                context,
                "twice",
                _name_at(where),
                related=(Related(context.locate(_name_at(first)), "first"),),
                kind=Message(KINDS[kind]),
                name=name,
                first=context.locate(_name_at(first)).line,
            )


@rule(
    "R102",
    "district-in-scope",
    "Every commune and village lies in a district of the plan's scope",
    "roadmap",
    {"outside": "{name} is in {district}, which is not one of the plan's districts"},
)
def district_in_scope(plan: Plan, context: Context) -> Iterator[Finding]:
    """A commune or village on the roadmap lies in one of the districts `scope` names.

    Passing: scope districts [Ba Chẽ, Bình Liêu]; `{name: Thanh Lâm, district: Ba Chẽ}`.

    Failing: `{name: Thanh Lâm, district: Ba Che}` (not a district of the scope as written).
    """
    if plan.roadmap is None or plan.scope is None or not plan.scope.districts:
        return
    districts = {identity(d) for d in plan.scope.districts}
    for year, data in plan.roadmap.years.items():
        places: list[tuple[str, int, Commune | Village]] = [
            *(("communes", i, c) for i, c in enumerate(data.communes)),
            *(("villages", i, v) for i, v in enumerate(data.villages)),
        ]
        for kind, index, item in places:
            # A place named without its district (R107's to judge) lies in no district to check.
            if item.district is not None and identity(item.district) not in districts:
                pointer = pointer_of("roadmap", "years", year, kind, index, "district")
                yield district_in_scope.finding(
                    context, "outside", pointer, name=item.name, district=item.district
                )


@rule(
    "R103",
    "count-matches-names",
    "Each year's stated count matches the names listed for it",
    "roadmap",
    {
        "count": "{year} states {expected} {kind} but names {actual}",
        "qualified": "{year} states {said} {kind} but names {actual}",
    },
)
def count_matches_names(plan: Plan, context: Context) -> Iterator[Finding]:
    """Where the document states how many leave in a year ("03 xã") and names them, it names
    that many (or as many as its qualifier allows: `hơn 10 thôn`). A count the document states
    without names is valid: the views show it as not named, and R104 counts it.

    Passing:

        2018:
          count: {communes: 1}
          communes: [{name: Thanh Lâm, district: Ba Chẽ}]
          source: "2.3 a"

    Failing: the same with `count: {communes: 2}`.

    Passing too: `count: {villages: 11}` with no village named.
    """
    if plan.roadmap is None:
        return
    for year, data in plan.roadmap.years.items():
        yield from count_names(count_matches_names, context, year, data, "roadmap")


def count_names(
    rule_: Rule[Any], context: Context, year: int, data: Leaving, *where: str
) -> Iterator[Finding]:
    """A year's stated counts against the names listed for it, where it lists any; `where`
    is the pointer above `years` (the roadmap's, or none in a results report)."""
    counts = data.count
    if counts is None:
        return
    for kind, stated, named in (
        ("communes", counts.communes, len(data.communes)),
        ("villages", counts.villages, len(data.villages)),
    ):
        qualifier = counts.qualifier_of(kind)
        if stated is None or not named or counted(stated, qualifier, named):
            continue
        yield rule_.finding(
            context,
            "qualified" if qualifies(qualifier) else "count",
            pointer_of(*where, "years", year, "count", kind),
            expected=_nearest(count_interval(stated, qualifier), named),
            actual=Decimal(named),
            year=year,
            kind=noun(kind, stated),
            said=said(Decimal(stated), qualifier),
        )


def _nearest(allowed: Interval, found: int) -> Decimal:
    """The count a qualified figure allows that lies nearest to `found` (`gần 4`: 3)."""
    if allowed.high is not None and found > allowed.high:
        return allowed.high
    return allowed.low if allowed.low is not None else Decimal(found)


def counted(stated: int, qualifier: Comparator | None, found: int) -> bool:
    """Does `found` agree with a count stated with its qualifier (`khoảng 40`)?"""
    return count_interval(stated, qualifier).meets(Interval.point(Decimal(found)))


def leaving_count(data: RoadmapYear, kind: str) -> Interval:
    """How many of `kind` leave in a year: the names listed, else the count stated without
    names (`11 thôn`, not named), as few or as many as its qualifier allows (`hơn 10 thôn`:
    11 to 20)."""
    named = len(data.communes) if kind == "communes" else len(data.villages)
    stated = getattr(data.count, kind) if data.count else None
    if named or stated is None:
        return Interval.point(Decimal(named))
    return count_interval(stated, data.count.qualifier_of(kind) if data.count else None)


@rule(
    "R104",
    "reaches-goal",
    "By the goal's year the roadmap names as many communes and villages as the goal",
    "roadmap",
    {
        "goal": "the roadmap names {actual} {kind} by {by}, but the goal is {expected}",
        "qualified": "by {by} the roadmap's years count {counted} {kind}, but the goal is "
        "{goal}: the two do not meet",
        "year": "roadmap year {year} lies outside the period {start}-{end}",
        "by": "the goal is due by {by}, outside the period {start}-{end}",
    },
)
def reaches_goal(plan: Plan, context: Context) -> Iterator[Finding]:
    """The communes and villages leaving up to the goal's year add up to the goal (or to
    what its qualifier allows), and every roadmap year, and the goal's, lies inside the plan's
    period. A year counts the names it lists, or, where it names none, the count it states (as
    few or as many as its qualifier allows).

    Passing: goal `{communes: 2, by: 2020}`; one commune in 2018, one in 2019.

    Failing: the same goal with only the 2018 commune named.
    """
    roadmap = plan.roadmap
    if roadmap is None:
        return
    for year in roadmap.years:
        if not plan.period.start <= year <= plan.period.end:
            yield reaches_goal.finding(
                context,
                "year",
                pointer_of("roadmap", "years", year),
                key=True,
                year=year,
                start=plan.period.start,
                end=plan.period.end,
            )
    goal = roadmap.goal
    if not plan.period.start <= goal.by <= plan.period.end:  # as T103 asks of a target
        yield reaches_goal.finding(
            context,
            "by",
            pointer_of("roadmap", "goal", "by"),
            by=goal.by,
            start=plan.period.start,
            end=plan.period.end,
        )
    upto = [data for year, data in roadmap.years.items() if year <= goal.by]
    for kind in ("communes", "villages"):
        stated = getattr(goal, kind)
        if stated is None:
            continue
        leaving = sum((leaving_count(d, kind) for d in upto), Interval.point(Decimal(0)))
        qualifier = goal.qualifier_of(kind)
        wanted = count_interval(stated, qualifier)
        if not leaving.meets(wanted):
            exact = not qualifies(qualifier) and not any(_approximate(d, kind) for d in upto)
            yield _short_of_goal(context, goal, kind, leaving, wanted, exact=exact)


def _approximate(data: RoadmapYear, kind: str) -> bool:
    """Whether a year counts `kind` by a qualified figure, naming none."""
    named = data.communes if kind == "communes" else data.villages
    return not named and data.count is not None and qualifies(data.count.qualifier_of(kind))


def _short_of_goal(
    context: Context, goal: Goal, kind: str, leaving: Interval, wanted: Interval, *, exact: bool
) -> Finding:
    """R104 for a goal the years do not reach: as counts where every figure is exact, else
    as the ranges the qualifiers allow, the nearest ends of the two as the figures."""
    pointer = pointer_of("roadmap", "goal", kind)
    stated = getattr(goal, kind)
    if exact:
        return reaches_goal.finding(
            context,
            "goal",
            pointer,
            expected=Decimal(stated),
            actual=leaving.low,
            kind=noun(kind, leaving.low),
            by=goal.by,
        )
    expected, actual = nearest_ends(wanted, leaving)
    return reaches_goal.finding(
        context,
        "qualified",
        pointer,
        expected=expected,
        actual=actual,
        kind=noun(kind, leaving.low if leaving.is_point else None),
        by=goal.by,
        counted=leaving.low if leaving.is_point else ranged(leaving),
        goal=Message(
            N_("{said}, which lies {range}"),
            {
                "said": said(Decimal(stated), qualifier),
                "range": ranged(wanted),
            },
        )
        if qualifies(qualifier := goal.qualifier_of(kind))
        else Decimal(stated),
    )


@rule(
    "R109",
    "areas-add-up",
    "Communes by area add up to those counted, within the province's, each as named",
    "roadmap",
    {
        "counted": "the areas' communes add up to {actual} ({parts}), but the plan counts "
        "{expected}",
        "of": "{counted} communes are counted in the areas, more than the province's {of}",
        "named": "{area} states {expected} {kind} but names {actual}",
        "outside": "{name} leaves the list in {year}, but {area} does not name it",
        "over": "the areas name {actual} communes ({parts}), more than the {expected} {whole}",
        "twice": "{name} is named in {area} and in {other}",
    },
)
def areas_add_up(plan: Plan, context: Context) -> Iterator[Finding]:
    """Where a plan records its communes by area (khu vực I, II, III, as 861/QĐ-TTg lists
    them), the three add up to the communes counted (`counted`), which are no more than the
    province's (`of`); an area that names its communes or villages names as many as it counts;
    and where area III names its communes, every commune the roadmap takes off the list is one
    of them (a warning: a commune may have been added to area III later).

    Passing: Hòa Bình, `of: 151, counted: 145`, area III 59, area II 12, area I 74.

    Failing: area III 58 (58 + 12 + 74 = 144, not 145).
    """
    areas = plan.areas
    if areas is None:
        return
    yield from _areas_counted(areas, context)
    yield from _areas_named(areas, context)
    yield from _leaving_area_iii(plan, areas, context)


def _areas_counted(areas: Areas, context: Context) -> Iterator[Finding]:
    parts = [a for a in (areas.area_iii, areas.area_ii, areas.area_i) if a is not None]
    total = sum(a.count for a in parts)
    bound = areas.counted if areas.counted is not None else areas.of
    if parts and len(parts) < 3 and bound is not None and total > bound:  # some areas only
        whole = Message(N_("counted") if areas.counted is not None else N_("in the province"))
        yield areas_add_up.finding(
            context, "over", "/areas", expected=Decimal(bound), actual=Decimal(total),
            parts=" + ".join(str(a.count) for a in parts), whole=whole,
        )  # fmt: skip
    if areas.counted is None and areas.of is not None and len(parts) == 3 and total > areas.of:
        whole = Message(N_("in the province"))
        yield areas_add_up.finding(
            context, "over", "/areas", expected=Decimal(areas.of), actual=Decimal(total),
            parts=" + ".join(str(a.count) for a in parts), whole=whole,
        )  # fmt: skip
    if areas.counted is not None and len(parts) == 3:
        total = sum(a.count for a in parts)
        if total != areas.counted:
            yield areas_add_up.finding(
                context, "counted", "/areas/counted", expected=Decimal(areas.counted),
                actual=Decimal(total), parts=" + ".join(str(a.count) for a in parts),
            )  # fmt: skip
    if areas.counted is not None and areas.of is not None and areas.counted > areas.of:
        yield areas_add_up.finding(
            context, "of", "/areas/counted", counted=areas.counted, of=areas.of
        )


AREA_NAMES = {
    "area_iii": N_("area III"),
    "area_ii": N_("area II"),
    "area_i": N_("area I"),
    "villages": N_("the especially difficult villages"),
}


def _areas_named(areas: Areas, context: Context) -> Iterator[Finding]:
    seen: dict[str, str] = {}
    for key in ("area_iii", "area_ii", "area_i"):
        listed: Area | None = getattr(areas, key)
        for index, commune in enumerate(listed.communes if listed else ()):
            name = identity(commune.name)
            if name in seen:
                yield areas_add_up.finding(
                    context, "twice", f"/areas/{key}/communes/{index}", name=commune.name,
                    area=Message(AREA_NAMES[seen[name]]), other=Message(AREA_NAMES[key]),
                )  # fmt: skip
            seen.setdefault(name, key)
    for key, area_name in AREA_NAMES.items():
        area: Area | None = getattr(areas, key)
        if area is None:
            continue
        named = len(area.villages) if key == "villages" else len(area.communes)
        if named and named != area.count:
            kind = "villages" if key == "villages" else "communes"
            yield areas_add_up.finding(
                context, "named", f"/areas/{key}/count", expected=Decimal(area.count),
                actual=Decimal(named), area=Message(area_name), kind=noun(kind, area.count),
            )  # fmt: skip


def _leaving_area_iii(plan: Plan, areas: Areas, context: Context) -> Iterator[Finding]:
    area = areas.area_iii
    if area is None or not area.communes or plan.roadmap is None:
        return
    listed = {identity(c.name) for c in area.communes}
    for year, stated in sorted(plan.roadmap.years.items()):
        for index, commune in enumerate(stated.communes):
            if identity(commune.name) not in listed:
                yield areas_add_up.finding(
                    context, "outside", pointer_of("roadmap", "years", year, "communes", index),
                    severity=Severity.WARNING, name=commune.name, year=year,
                    area=Message(AREA_NAMES["area_iii"]),
                )  # fmt: skip
