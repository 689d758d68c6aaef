"""The places a plan names and the date each is read as of: what the place rules (R105-R107)
check and what `timeline --today` shows beside them, in one place (the views may not use a
rule's workings).

A place is read as of the plan's date, except a place a document of after the 2025 reform
lists for a year before it (a report of 2025-08 naming the communes of 2024): that one is
read as of the end of its year, against the lists of before the reform of every province
that became part of the plan's, since it names a unit of then.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Iterator
from typing import NamedTuple

from p135cli.loading import pointer_of
from p135cli.model import Plan
from p135cli.places import BEFORE_REFORM, REFORM, province_today, today_of
from p135cli.scalars import parse_date


class Named(NamedTuple):
    """A unit the plan names: where, what kind, its name and (for a commune) its district,
    and the roadmap year it is listed for."""

    pointer: str
    kind: str
    name: str
    district: str | None = None
    year: int | None = None


@functools.lru_cache(maxsize=65536)  # a run over every province meets the same dates often
def real_date(text: str | None) -> datetime.date | None:
    """A date as a document writes it (`17/01/2017`), None when it is none or not a real one."""
    if text is None:
        return None
    try:
        return datetime.date(*parse_date(text))
    except ValueError:
        return None


def as_of(plan: Plan) -> datetime.date | None:
    """The date the plan's names are read as of: its document's, else 1 January of its
    period's first year."""
    dated = real_date(plan.document.date)
    if dated is not None:
        return dated
    return datetime.date(plan.period.start, 1, 1) if plan.period else None


def read_on(on: datetime.date, year: int | None) -> datetime.date:
    """The date a place of a document of `on`, listed for roadmap `year`, is read as of: a
    year before the reform in a document of after it is read at its end."""
    if on >= REFORM and year is not None and year < REFORM.year:
        return datetime.date(year, 12, 31)
    return on


def named(plan: Plan) -> Iterator[Named]:
    """The districts of the scope, then each commune of the roadmap (a village's commune
    too), once each, in the order the plan lists them."""
    if plan.scope is not None:
        for index, district in enumerate(plan.scope.districts):
            yield Named(pointer_of("scope", "districts", index), "district", district)
    if plan.roadmap is None:
        return
    seen: set[tuple[str, str | None]] = set()
    for year, stated in sorted(plan.roadmap.years.items()):
        for index, commune in enumerate(stated.communes):
            if (commune.name, commune.district) not in seen:
                seen.add((commune.name, commune.district))
                pointer = pointer_of("roadmap", "years", year, "communes", index, "name")
                yield Named(pointer, "commune", commune.name, commune.district, year)
        for index, village in enumerate(stated.villages):
            if village.commune and (village.commune, village.district) not in seen:
                seen.add((village.commune, village.district))
                pointer = pointer_of("roadmap", "years", year, "villages", index, "commune")
                yield Named(pointer, "commune", village.commune, village.district, year)


class Today(NamedTuple):
    """The units of today beside a plan's: the province of today, and each commune's (by
    name and district as the plan writes them) where p135's lists know it."""

    province: str
    communes: dict[tuple[str, str | None], str]


def today_units(plan: Plan) -> Today:
    """What each commune the plan names is part of today, after the reform of 01/07/2025
    (no districts; communes merged), by p135's own lists."""
    on = as_of(plan) or BEFORE_REFORM
    communes: dict[tuple[str, str | None], str] = {}
    for place in named(plan):
        if place.kind == "commune":
            when = read_on(on, place.year)
            unit = today_of(plan.province, place.district, place.name, when, on)
            if unit:
                communes[(place.name, place.district)] = unit
    return Today(province_today(plan.province) or plan.province, communes)
