"""Places: the province, districts and communes a plan names, against the official lists as of
the plan's date (p135cli.places). Villages (thôn, bản) are below the official lists and are
not checked."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import NamedTuple

from p135cli.findings import Finding, Severity
from p135cli.i18n import N_, Listed, Message
from p135cli.loading import pointer_of
from p135cli.model import Commune, Plan, Village
from p135cli.places import (
    BEFORE_REFORM,
    REFORM,
    Change,
    OwnList,
    Province,
    Verdict,
    merged_into,
    nearest_province,
    own_applies,
    place_key,
    province,
    province_today,
    reorganized,
)
from p135cli.plan_places import Named, as_of, named, read_on, real_date
from p135cli.rules.amendments import covers
from p135cli.rules.base import Context, rule


class Read(NamedTuple):
    """What the lists say of a place the plan names, as of `on`, the date it is read at
    (`plan_places.read_on`), and which list said it (`listed`: p135's or the user's)."""

    place: Named
    verdict: Verdict
    on: datetime.date
    listed: Message


def _verdict(listed: Province, place: Named, on: datetime.date) -> Verdict:
    if place.kind == "district":
        return listed.district(place.name, on)
    return listed.commune(place.district if on < REFORM else None, place.name, on)


def _list_name(own: OwnList | None, province_name: str, on: datetime.date) -> Message:
    if own is not None and own_applies(own, province_name, on):
        if own.on == on:  # the finding already says the day
            return Message(N_("your list {file}"), {"file": own.source})
        return Message(
            N_("your list {file} (as of {date})"), {"file": own.source, "date": _date(own.on)}
        )
    return Message(N_("p135's list"))


Lists = dict[datetime.date, tuple[Province | None, Message | None]]
"""The province's list of each date a plan's places are read as of, and its name: found once
a plan, not once a place (a plan names tens of communes, nearly all read as of one date)."""


def _read(
    plan: Plan, place: Named, on: datetime.date, own: OwnList | None, lists: Lists
) -> Read | None:
    """What the list of the place's date says of it. A name a document of after the reform
    gives that is not a commune of then but was one before it is `reformed` (its unit is
    the commune of before, whose `today` it became part of)."""
    when = read_on(on, place.year) if place.kind == "commune" else on
    if when not in lists:
        found = province(plan.province, when, own, document=on)
        lists[when] = (found, _list_name(own, plan.province, when) if found else None)
    listed, name = lists[when]
    if listed is None or name is None:
        return None
    verdict = _verdict(listed, place, when)
    if verdict.status == "unknown" and when >= REFORM and place.kind == "commune":
        before = province(plan.province, BEFORE_REFORM, document=on)
        was = before.commune(place.district, place.name, BEFORE_REFORM) if before else None
        if was is not None and was.status == "official" and was.unit and was.unit.today:
            verdict = Verdict("reformed", unit=was.unit)
    return Read(place, verdict, when, name)


def verdicts(plan: Plan, context: Context) -> list[Read]:
    """What the lists say of each place the plan names, found once for both rules (none
    when the plan has no date or p135 has no list of its province)."""

    def found() -> list[Read]:
        on = as_of(plan)
        if on is None:
            return []
        own, lists = context.settings.units, Lists()
        read = (_read(plan, place, on, own, lists) for place in named(plan))
        return [each for each in read if each is not None]

    result: list[Read] = context.remember("places", found)
    return result


def _suggested(names: tuple[str, ...]) -> Message | None:
    if not names:
        return None
    return Message(N_("did you mean {names}?"), {"names": Listed(names)})


def _date(day: datetime.date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def _known(plan: Plan, on: datetime.date, own: OwnList | None) -> bool:
    """Whether p135, or the user's list, has a list of the plan's province for `on`."""
    return province(plan.province, on, own) is not None


@rule(
    "R105",
    "place-is-official",
    "Every province, district and commune a plan names is an official unit on its date",
    "roadmap",
    {
        "province": "{name} is not a province in p135's list of administrative units",
        "unchecked": (
            "{name} is not a province p135 has a list of, so the names of its districts "
            "and communes are not checked"
        ),
        "district": "{name} is not a district of {province} on {date} in {listed}",
        "commune": "{name} is not a commune of {within} on {date} in {listed}",
    },
    Severity.WARNING,
)
def place_is_official(plan: Plan, context: Context) -> Iterator[Finding]:
    """The province, the scope's districts and the roadmap's communes are units of the
    official list (p135cli/admin_units: the statistics office's list as the
    `vietnamadminunits` package gives it, and the changes p135 records with their dates; or
    the user's own list, `--units FILE`) as they stood on the plan's date; the nearest
    official names are offered. A province p135 has no list of is said to be unchecked
    (information), where the plan names places in it.

    Passing: `{name: Thanh Lâm, district: Ba Chẽ}` in a Quảng Ninh plan of 2017.

    Failing: `{name: Thanh Lam, district: Ba Chẽ}` (did you mean Xã Thanh Lâm?).
    """
    on = as_of(plan)
    if on is None:
        return
    if not _known(plan, on, context.settings.units):
        yield from _unknown_province(plan, context, on)
        return
    for read in verdicts(plan, context):
        place, verdict = read.place, read.verdict
        if verdict.status != "unknown":
            continue
        within = place.district if place.district and read.on < REFORM else plan.province
        yield place_is_official.finding(
            context, place.kind, place.pointer, hint=_suggested(verdict.suggestions),
            name=place.name, province=plan.province, within=within, date=_date(read.on),
            listed=read.listed,
        )  # fmt: skip


def _unknown_province(plan: Plan, context: Context, on: datetime.date) -> Iterator[Finding]:
    """A province p135 has no list of: a misspelling near a known name gets a "did you
    mean"; one far from every name is said to leave the plan's places unchecked."""
    near = () if province_today(plan.province) else nearest_province(plan.province, on)
    if near:
        yield place_is_official.finding(
            context, "province", "/province", hint=_suggested(near), name=plan.province
        )
    elif any(True for _ in named(plan)):
        yield place_is_official.finding(
            context, "unchecked", "/province", severity=Severity.INFO, name=plan.province
        )


@rule(
    "R106",
    "place-changed",
    "A unit the plan names that merged, was renamed or moved after its date says what it became",
    "roadmap",
    {
        "changed": "{name} became {became} on {effective} ({resolution}), after the plan's date",
        "merged": (
            "{name} became part of {became} on {effective} ({resolution}), after the plan's date"
        ),
        "moved": (
            "{name} ({district}) moved to {became} with its district on {effective} "
            "({resolution}), after the plan's date"
        ),
        "listed_after": (
            "{name} is on the roadmap of {year}, but it became {became} on {effective} "
            "({resolution})"
        ),
        "gone": (
            "{name} had become {became} on {effective} ({resolution}), before the plan's date"
        ),
        "reformed": (
            "{name} is a province of before the 2025 reform; since 01/07/2025 it is part of "
            "{became}"
        ),
        "reform_after": (
            "{name} is on the roadmap of {year}, but on 01/07/2025, when districts were "
            "abolished and communes merged, it became part of {became}"
        ),
        "reform_named": (
            "{name} was a commune until 01/07/2025; since then it is part of {became}"
        ),
        "former": (
            "{name} is not in p135's list of administrative units, which gives it as a former "
            "name of {unit}, without a date"
        ),
    },
    Severity.INFO,
)
def place_changed(plan: Plan, context: Context) -> Iterator[Finding]:
    """A unit official on the plan's date that a resolution merged, renamed or moved later
    is information: what it became, when and by which resolution. A roadmap that lists it
    for a year after the change is information when the document predates the change (it
    could not know), and a warning when the document or an amendment of that year is dated
    after it. The reform of 01/07/2025 is such a change for every commune merged in it; a
    document of after it that names a commune of before it for a year from 2025 is warned;
    one that names the communes of an earlier year reads them as of that year.

    Passing: a 2017 plan's Quảng Sơn (Hải Hà), unchanged since.

    Failing: a 2017 plan's Tình Húc (Bình Liêu) in 2020: it became Thị trấn Bình Liêu on
    01/01/2020 (837/NQ-UBTVQH14).
    """
    on = as_of(plan)
    if on is not None and on >= REFORM and province(plan.province, on) is None:
        today = province_today(plan.province)
        if today:
            yield place_changed.finding(  # the document could have known: a warning
                context, "reformed", "/province", severity=Severity.WARNING,
                name=plan.province, became=today,
            )  # fmt: skip
    for read in verdicts(plan, context):
        finding = _what_became(plan, context, read)
        if finding is not None:
            yield finding


def _what_became(plan: Plan, context: Context, read: Read) -> Finding | None:
    place, verdict = read.place, read.verdict
    if verdict.status == "former" and verdict.unit is not None:
        unit = f"{verdict.unit.commune} ({verdict.unit.district})"
        return place_changed.finding(context, "former", place.pointer, name=place.name, unit=unit)
    if verdict.status in ("changed", "gone") and verdict.change is not None:
        return _changed(plan, context, place, verdict.change, gone=verdict.status == "gone")
    if verdict.status == "reformed" and verdict.unit is not None:
        return place_changed.finding(
            context, "reform_named", place.pointer, severity=Severity.WARNING,
            name=place.name, became=verdict.unit.today,
        )  # fmt: skip
    if verdict.status == "official" and read.on < REFORM and (place.year or 0) >= REFORM.year:
        return _reform_after(plan, context, place, read.on)
    return None


def _reform_after(plan: Plan, context: Context, place: Named, on: datetime.date) -> Finding | None:
    """A commune of before the reform on the roadmap of 2025 or later, which the reform
    merged: information, a warning when the document or an amendment listing it is dated
    from 01/07/2025."""
    became = reorganized(plan.province, place.district, place.name, on)
    if not became:
        return None
    severity = Severity.WARNING if _knew(plan, place, REFORM) else None
    return place_changed.finding(
        context, "reform_after", place.pointer, severity=severity,
        name=place.name, year=place.year, became=became,
    )  # fmt: skip


def _changed(plan: Plan, context: Context, place: Named, change: Change, *, gone: bool) -> Finding:
    """What a unit became: in a roadmap year on or after the change, listed after it (a
    warning when the document or an amendment listing it is dated after the change); gone
    before the document's date (a warning); else information."""
    whole = not change.commune  # the district changed, its communes moved with their names
    became = change.to_commune
    if whole:
        became = change.to_district if place.kind == "district" else place.name
    if place_key(change.to_district) != place_key(change.district) and place.kind != "district":
        became = f"{became} ({change.to_district})"
    if place.year is not None and place.year >= change.effective.year:
        knew = _knew(plan, place, change.effective)
        template, severity = "listed_after", Severity.WARNING if knew else None
    elif gone:  # the document names a unit that was gone on its date
        template, severity = "gone", Severity.WARNING
    else:
        severity = None
        template = "merged" if place.kind == "district" else "moved" if whole else "changed"
        if template == "moved":
            became = change.to_district
    return place_changed.finding(
        context, template, place.pointer, severity=severity, name=place.name,
        district=place.district, became=became, year=place.year,
        effective=_date(change.effective), resolution=change.resolution,
    )  # fmt: skip


def _knew(plan: Plan, place: Named, effective: datetime.date) -> bool:
    """Whether the document, or an amendment that lists the place, is dated on or after the
    change: its authors could have known the unit was gone."""
    dated = real_date(plan.document.date)
    if dated is not None and dated >= effective:
        return True
    return any(
        (day := real_date(amendment.date)) is not None
        and day >= effective
        and any(covers(listed, place.pointer) for listed in amendment.changes)
        for amendment in plan.amendments
    )


@rule(
    "R107",
    "district-as-of-date",
    "A commune or village is named with its district before 01/07/2025, and without one after",
    "roadmap",
    {
        "missing": "{name} is named without its district, but on {date}, the plan's date, "
        "every commune lay in one (districts were abolished on 01/07/2025)",
        "abolished": "{name} is named in the district {district}, but on {date}, the plan's "
        "date, there were no districts (abolished on 01/07/2025)",
    },
)
def district_as_of_date(plan: Plan, context: Context) -> Iterator[Finding]:
    """A roadmap's commune or village names its district (`district:`) when the plan is dated
    before the two-tier reform of 01/07/2025, and names none when it is dated from then
    (unless it is listed for a year before the reform, whose units had districts): a
    district missing before is an error (the place cannot be told from a namesake), one named
    after is a warning (a document may still say where a commune was).

    Passing: `{name: Thanh Lâm, district: Ba Chẽ}` in a plan of 2017; `{name: Xã Thung Nai}`
    in a plan of 2025-10-15.

    Failing: `{name: Thanh Lâm}` in a plan of 2017 (error); `{name: Xã Thung Nai, district:
    Cao Phong}` in a plan of 2025-10-15 (warning).
    """
    on = as_of(plan)
    if on is None or plan.roadmap is None:
        return
    for year, stated in sorted(plan.roadmap.years.items()):
        places: list[tuple[str, int, Commune | Village]] = [
            *(("communes", i, c) for i, c in enumerate(stated.communes)),
            *(("villages", i, v) for i, v in enumerate(stated.villages)),
        ]
        for kind, index, place in places:  # a pointer only for a finding: most places have none
            if place.district is None and on < REFORM:
                yield district_as_of_date.finding(
                    context, "missing", pointer_of("roadmap", "years", year, kind, index),
                    name=place.name, date=_date(on),
                )  # fmt: skip
            elif place.district is not None and read_on(on, year) >= REFORM:
                yield district_as_of_date.finding(
                    context, "abolished",
                    pointer_of("roadmap", "years", year, kind, index, "district"),
                    severity=Severity.WARNING,
                    name=place.name, district=place.district, date=_date(on),
                )  # fmt: skip


@rule(
    "R108",
    "merger-as-recorded",
    "The provinces a plan says merged into its province are the ones that did, on their day",
    "roadmap",
    {
        "other": "{name} did not merge into {province}: it became part of {today}",
        "kept": "{name} did not merge into {province}: it was merged with no other province",
        "unknown": "{name} is not a province in p135's list of administrative units",
        "missing": "{province} was also formed from {names}, which merged_from leaves out",
        "date": "the provinces merged on 01/07/2025, not {date}",
        "early": "the plan is dated {date}, before the provinces merged on 01/07/2025",
        "twice": "{name} is listed twice",
    },
)
def merger_as_recorded(plan: Plan, context: Context) -> Iterator[Finding]:
    """`merged_from` lists the provinces of before the reform of 01/07/2025 that became part
    of the plan's province (Phú Thọ: Vĩnh Phúc, Hòa Bình), by p135's list of administrative
    units, and its date, where stated, is that day. A province left out is a warning (a
    document may name only the others), one that merged elsewhere an error.

    Passing: province Phú Thọ, `merged_from: {provinces: [Vĩnh Phúc, Hòa Bình], date:
    01/07/2025, source: "1"}`.

    Failing: `[Vĩnh Phúc, Sơn La]` (Sơn La was not merged; Hòa Bình is left out).
    """
    merger = plan.merged_from
    if merger is None:
        return
    on = as_of(plan)
    if on is not None and on < REFORM:
        yield merger_as_recorded.finding(context, "early", "/merged_from", date=_date(on))
    formed = {place_key(name): name for name in merged_into(plan.province)}
    named: set[str] = set()
    for index, name in enumerate(merger.provinces):
        today = province_today(name)
        pointer = pointer_of("merged_from", "provinces", index)
        if today is None:
            yield merger_as_recorded.finding(context, "unknown", pointer, name=name)
        elif place_key(today) != place_key(plan.province):
            template = "kept" if len(merged_into(today)) == 1 else "other"
            yield merger_as_recorded.finding(
                context, template, pointer, name=name, province=plan.province, today=today
            )
        if place_key(name) in named:
            yield merger_as_recorded.finding(context, "twice", pointer, name=name)
        named.add(place_key(name))
    left = [n for k, n in formed.items() if k not in named and k != place_key(plan.province)]
    if left:
        yield merger_as_recorded.finding(
            context, "missing", "/merged_from/provinces", severity=Severity.WARNING,
            province=plan.province, names=", ".join(left),
        )  # fmt: skip
    day = real_date(merger.date)
    if merger.date is not None and day != REFORM:
        yield merger_as_recorded.finding(context, "date", "/merged_from/date", date=merger.date)
