"""Targets: each is a value or a range, in a known unit, inside the period, and its parts fit."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from p135cli.arithmetic import (
    SAFE,
    Interval,
    finer_range,
    interval_of,
    rounded_like,
    share_missed,
    share_range,
)
from p135cli.findings import Finding, Severity
from p135cli.i18n import N_, Message
from p135cli.loading import pointer_of
from p135cli.model import Change, Levels, Plan, Target, TargetPart
from p135cli.rules.base import Context, rule
from p135cli.rules.wording import ranged, said

# Units the plans state targets in. A rate of change ("%/năm") may exceed 100.
KNOWN_UNITS = frozenset(
    {
        "%", "%/năm", "lần", "km", "xã", "thôn", "huyện", "hộ", "lượt hộ", "người", "người/năm",
        "lao động", "lao động/năm", "trường", "công trình", "mô hình/huyện", "tiêu chí/năm",
        "tiêu chí/xã", "triệu đồng", "triệu đồng/người/năm", "tỷ đồng", "tỷ đồng/năm",
        "triệu đồng/năm", "triệu đồng/huyện/năm",
    }
)  # fmt: skip


def _figures(target: Target) -> Iterator[tuple[str, Decimal]]:
    for field in ("value", "least", "most"):
        value = getattr(target, field)
        if value is not None:
            yield field, value


@rule(
    "T101",
    "value-or-range",
    "A target states a value or a range (least <= most), not both",
    "targets",
    {
        "both": "target '{id}' states both a value and a range",
        "half": "target '{id}' states only one end of its range",
        "reversed": "target '{id}' runs from {least} down to {most}",
    },
)
def value_or_range(plan: Plan, context: Context) -> Iterator[Finding]:
    """A target is a single value, or a range from `least` to `most` with least <= most.
    (A target with neither, like "infrastructure invested to new-rural criteria", is allowed.)

    Passing: `{id: irrigation, least: 75, most: 80, unit: "%", ...}`

    Failing: `{id: irrigation, least: 80, most: 75, unit: "%", ...}`
    """
    for index, target in enumerate(plan.targets):
        pointer = pointer_of("targets", index)
        ranged = (target.least, target.most)
        if target.value is not None and any(v is not None for v in ranged):
            yield value_or_range.finding(context, "both", pointer + "/value", id=target.id)
        elif (target.least is None) != (target.most is None):
            yield value_or_range.finding(context, "half", pointer, id=target.id)
        elif target.least is not None and target.most is not None and target.least > target.most:
            yield value_or_range.finding(
                context,
                "reversed",
                pointer + "/least",
                id=target.id,
                least=target.least,
                most=target.most,
            )


@rule(
    "T102",
    "known-unit",
    "A target's unit is one p135 knows",
    "targets",
    {"unit": "target '{id}' is in '{unit}', which p135 does not know"},
)
def known_unit(plan: Plan, context: Context) -> Iterator[Finding]:
    """Units are compared and converted, so each must be known: %, %/năm, lần, km, xã, thôn,
    huyện, hộ, người, lao động (and per year), triệu đồng, tỷ đồng, ... (`p135 explain T102`).

    Passing: `unit: "%"`

    Failing: `unit: "phần trăm"` (write %).
    """
    for index, target in enumerate(plan.targets):
        if target.unit is not None and target.unit not in KNOWN_UNITS:
            yield known_unit.finding(
                context,
                "unit",
                pointer_of("targets", index, "unit"),
                hint=Message(N_("known units: {units}"), {"units": ", ".join(sorted(KNOWN_UNITS))}),
                id=target.id,
                unit=target.unit,
            )


@rule(
    "T103",
    "target-year-in-period",
    "A target's year lies inside the plan's period",
    "targets",
    {
        "year": "target '{id}' is due by {by}, outside the period {start}-{end}",
        "before": (
            "target '{id}' is due before {before}, outside the period {start}-{end} (before "
            "{first} at the earliest, before {last} at the latest)"
        ),
    },
)
def target_year_in_period(plan: Plan, context: Context) -> Iterator[Finding]:
    """`by` lies between the period's start and end (a `baseline` year may lie before);
    `before` (trước năm: that year excluded) lies after the start and at most a year past the
    end (`before: 2021` is by the end of 2020).

    Passing: period 2017-2020, `by: 2020`; `before: 2019`.

    Failing: period 2017-2020, `by: 2025`; `before: 2017`.
    """
    start, end = plan.period.start, plan.period.end
    for index, target in enumerate(plan.targets):
        if target.by is not None and not start <= target.by <= end:
            yield target_year_in_period.finding(
                context, "year", pointer_of("targets", index, "by"), id=target.id, by=target.by,
                start=start, end=end,
            )  # fmt: skip
        if target.before is not None and not start < target.before <= end + 1:
            yield target_year_in_period.finding(
                context, "before", pointer_of("targets", index, "before"), id=target.id,
                before=target.before, start=start, end=end, first=start + 1, last=end + 1,
            )  # fmt: skip


@rule(
    "T104",
    "percent-in-range",
    "A percentage lies between 0 and 100, unless it is a rate of change",
    "targets",
    {"range": "target '{id}' states {value}%, outside 0-100"},
)
def percent_in_range(plan: Plan, context: Context) -> Iterator[Finding]:
    """A share in % lies in 0-100. A rate of change (`%/năm`) may be larger.

    Passing: `{value: 90, unit: "%"}`, `{value: 120, unit: "%/năm"}`

    Failing: `{value: 120, unit: "%"}`
    """
    for index, target in enumerate(plan.targets):
        if target.unit != "%":
            continue
        for field, value in _figures(target):
            if not 0 <= value <= 100:
                yield percent_in_range.finding(
                    context, "range", pointer_of("targets", index, field), id=target.id, value=value
                )


@rule(
    "T105",
    "part-within-whole",
    "A part stated 'of which' is no larger than its whole, and its share matches",
    "targets",
    {
        "larger": "target '{id}': {named} is {part}, more than the whole {whole}",
        "share": "target '{id}': {part} of {whole} is {true}%, but the plan states {stated}%",
        "over": "target '{id}': {named} is {stated}% of the whole, over 100%",
    },
)
def part_within_whole(plan: Plan, context: Context) -> Iterator[Finding]:
    """A part ("trong đó") in the whole's unit is no larger than the whole; where both its
    count and its share are stated, the share holds at its stated precision.

    Passing: 1.000 workers abroad a year, of which 200 from difficult households.

        value: "1.000"
        unit: lao động/năm
        of_which: [{text: hộ khó khăn, value: 200, unit: lao động/năm, source: "5"}]

    Failing: the same with a part of 1.200.
    """
    for index, target in enumerate(plan.targets):
        for number, part in enumerate(target.of_which):
            pointer = pointer_of("targets", index, "of_which", number)
            yield from _check_part(context, target, part, pointer)


def _check_part(
    context: Context, target: Target, part: TargetPart, pointer: str
) -> Iterator[Finding]:
    """A part against its whole, the whole read as its comparator allows (`ít nhất 1.000`:
    1.000 or more, so a part of 1.100 can be true)."""
    whole, named = target.value, _named(part)
    wholes = None if whole is None else interval_of(whole, target.comparator)
    if (
        wholes is not None
        and part.value is not None
        and part.unit == target.unit
        and not wholes.meets(Interval(part.value, None))  # no whole the part fits in
    ):
        yield part_within_whole.finding(
            context, "larger", pointer + "/value",
            expected=whole if wholes.is_point else None,  # a range has no one difference
            actual=part.value if wholes.is_point else None,
            id=target.id, named=named, part=part.value, whole=_as_stated(target),
        )  # fmt: skip
    if part.share is None:
        return
    if part.share > 100:
        yield part_within_whole.finding(
            context, "over", pointer + "/share", id=target.id, named=named, stated=part.share
        )
        return
    if wholes is None or whole is None or part.value is None:
        return
    shares = share_range(Interval.point(part.value), wholes)
    nearest = share_missed(shares, part.share)
    if nearest is not None:
        yield part_within_whole.finding(
            context, "share", pointer + "/share", id=target.id, part=part.value,
            whole=_as_stated(target), true=_percentages(shares, part.share), stated=part.share,
        )  # fmt: skip


def _named(part: TargetPart) -> Message:
    """A part as a message names it: by its text, or (a part the document does not name) as
    a part, never as `''`."""
    if part.text:
        return Message(N_("the part '{text}'"), {"text": part.text})
    return Message(N_("a part"))


def _as_stated(target: Target) -> Message | Decimal | None:
    """A target's value with its comparator, as the document writes it: `ít nhất 1.000`."""
    return None if target.value is None else said(target.value, target.comparator)


def _percentages(shares: Interval, stated: Decimal) -> Message | Decimal | None:
    """The share a part is of its whole, or the range of them a qualified whole allows."""
    shown_ = finer_range(shares, stated)
    return shown_.low if shown_.is_point else ranged(shown_)


@rule(
    "T106",
    "change-matches-levels",
    "A change stated beside its levels is what the levels make",
    "targets",
    {
        "change": "target '{id}' states a change of {said} {unit}, but its levels {start} to "
        "{end} make {made}",
        "average": "target '{id}' states a change of {said} {unit} on average, but its levels "
        "{start} to {end} over {years} years make {made} a year",
        "years": "target '{id}' gives levels for a change a year but not the years they lie "
        "in: give baseline and by",
        "relative": "target '{id}' states a change in % of a level that starts at {start}: "
        "it cannot be checked (is it in points? points: true)",
    },
)
def change_matches_levels(plan: Plan, context: Context) -> Iterator[Finding]:
    """A target stated as a change (`giảm 4,36% so với năm 2019`) with the levels it moves
    between (`từ 8,5% xuống còn 4,14%`): what the levels make, rounded as the change is stated,
    is the change (or lies where its comparator or range allows). In points of a rate
    (`points: true`) or in the target's own unit the change is the levels' difference; in %
    of a level it is relative (`tăng 20%`: 10 to 12). A change a year (`average`, `per_year`)
    is shared out over the years from `baseline` to `by`, evenly or, relative, compounding:
    either holds. Every year meeting a change means the average meets it, so a miss is an error.

    Passing: `{value: "4,36", unit: "%", change: decrease, points: true, baseline: 2019,
    by: 2020, levels: {start: "8,5", end: "4,14"}}`

    Failing: the same with `end: "4,4"` (the levels make 4,10).
    """
    for index, target in enumerate(plan.targets):
        if target.change is None or target.levels is None:
            continue
        yield from _check_levels(context, target, pointer_of("targets", index))


def _check_levels(context: Context, target: Target, pointer: str) -> Iterator[Finding]:
    levels = target.levels
    stated = target.value if target.value is not None else target.least
    if levels is None or stated is None:
        return
    years = None
    if target.average or target.per_year:
        if target.baseline is None or target.by is None or target.by <= target.baseline:
            yield change_matches_levels.finding(context, "years", pointer, id=target.id)
            return
        years = target.by - target.baseline
    allowed = (
        interval_of(stated, target.comparator)
        if target.value is not None
        else Interval(target.least, target.most)
    )
    made = [rounded_like(m, stated) for m in _changes(target, levels, years)]
    if not made:  # a relative change from a level of 0 or less is no share of anything
        yield change_matches_levels.finding(
            context,
            "relative",
            pointer + "/levels/start",
            severity=Severity.WARNING,
            id=target.id,
            start=levels.start,
        )
        return
    if any(allowed.meets(Interval.point(m)) for m in made):
        return
    yield change_matches_levels.finding(
        context, "average" if years else "change",
        pointer + ("/value" if target.value is not None else "/least"),
        expected=made[0] if allowed.is_point else None,
        actual=stated if allowed.is_point else None,
        id=target.id, unit=target.unit or "",
        said=_as_stated(target) if target.value is not None else ranged(allowed),
        start=levels.start, end=levels.end, made=made[0], years=years,
    )  # fmt: skip


def _changes(target: Target, levels: Levels, years: int | None) -> list[Decimal]:
    """What the levels make of the change, each way the document may mean it. In points or in
    the target's own unit (`points: true`, or a unit not in %) the change is the difference;
    in % of a level that is not a rate it is relative (`tăng 20%`: ×1,2). A change a year is
    the difference shared out over the years, or, relative, the yearly rate that compounds to
    the whole (documents mean either, so either holds); none when a relative change starts
    from nothing."""
    moved = SAFE.subtract(levels.end, levels.start)
    if target.change is Change.DECREASE:
        moved = -moved
    relative = not target.points and (target.unit or "").startswith("%")
    if not relative:
        return [moved if years is None else SAFE.divide(moved, Decimal(years))]
    if levels.start <= 0:
        return []
    ratio = SAFE.divide(SAFE.multiply(moved, Decimal(100)), levels.start)
    if years is None:
        return [ratio]
    grown = SAFE.divide(levels.end, levels.start)
    simple = SAFE.divide(ratio, Decimal(years))
    if grown <= 0:
        return [simple]
    yearly = SAFE.power(grown, SAFE.divide(Decimal(1), Decimal(years)))
    compound = SAFE.multiply(SAFE.subtract(yearly, Decimal(1)), Decimal(100))
    if target.change is Change.DECREASE:
        compound = -compound
    return [simple, compound]
