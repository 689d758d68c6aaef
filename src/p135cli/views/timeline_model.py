"""What `p135 timeline` shows: each year of a plan's period (`Year`) in its `Timeline`, and
the wording its formats share (p135cli.views.timeline builds it and prints it).

Plan text (names, titles, targets) is untrusted: each function shows it through `clean`, the
format's own escaping, and only then composes p135's lines around it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from p135cli.arithmetic import share
from p135cli.i18n import NumberStyle, _, _n
from p135cli.model import Commune, Comparator, Target, Village, qualifies
from p135cli.views.common import (
    INFERRED,
    Clean,
    approximately,
    money,
    percent_text,
    period_text,
    says,
    says_period,
    with_inferred,
    with_qualifier,
)


@dataclass(frozen=True)
class Year:
    year: int
    communes: tuple[Commune, ...]
    villages: tuple[Village, ...]
    leaving: tuple[int, int]
    """(communes, villages) leaving this year: the stated count, else the names listed."""
    cumulative: tuple[int, int]
    funding: Decimal | None
    share: Decimal | None
    targets: tuple[Target, ...]
    """Targets to be reached by the end of this year."""
    qualifiers: tuple[Comparator | None, Comparator | None] = (None, None)
    """The document's qualifier of each count the year states without names (`hơn 10
    thôn`), by kind; where it names them, the names are the count, exactly."""
    inferred: bool = False
    """Whether the plan infers the year's entry of the roadmap (the document does not say
    that these leave in this year)."""
    approximate: tuple[bool, bool] = (False, False)
    """Whether each cumulative count adds a count the document qualifies, by kind."""
    funding_qualifier: Comparator | None = None
    funding_inferred: bool = False
    share_approximate: bool = False
    """Whether the share is computed from a qualified figure (the year's or the total)."""
    communes_today: tuple[str | None, ...] = ()
    """With `--today`, the commune of today each commune is part of (None: the same name;
    empty: p135's lists do not know it); without, nothing."""
    villages_today: tuple[str | None, ...] = ()
    """With `--today`, the commune of today each village's commune is part of."""

    def said(self, kind: int, digits: int = 0) -> str:
        """How many leave, as people read it: `3 communes`, `more than 10 villages`, with
        `(inferred)` when the plan infers the year; the number right-aligned in `digits`."""
        count = self.leaving[kind]
        text = communes_count(count) if kind == 0 else villages_count(count)
        text = text.replace(str(count), str(count).rjust(digits), 1)
        return with_inferred(with_qualifier(text, self.qualifiers[kind]), self.inferred)

    def funding_lines(self, style: NumberStyle | None) -> list[str]:
        """The year's funding, with its qualifier (`hơn 29,2`), then `(inferred)` when the
        plan infers it; nothing when the year states none."""
        amount = with_qualifier(money(self.funding, style), self.funding_qualifier)
        inferred = f"({_(INFERRED)})" if amount and self.funding_inferred else ""
        return [line for line in (amount, inferred) if line]

    def share_text(self, style: NumberStyle | None) -> str:
        return approximately(percent_text(self.share, style), self.share_approximate)


@dataclass(frozen=True)
class Timeline:
    province: str
    programme: str
    start: int
    end: int
    unit: str
    total: Decimal | None
    goal: tuple[int, int] | None
    goal_year: int | None
    has_roadmap: bool
    years: tuple[Year, ...]
    every_year: tuple[Target, ...]
    """Targets stated for each year of the period."""
    undated: tuple[Target, ...]
    averages: tuple[Target, ...] = ()
    """Targets stated as an average a year over the period (bình quân), of no one year."""
    style: NumberStyle | None = None
    """The plan's number style: its figures are shown in it (unless --number-style says)."""
    goal_qualifier: Comparator | None = None
    """The document's qualifier of the goal's counts (`khoảng 40 xã`)."""
    total_qualifier: Comparator | None = None
    """The document's qualifier of the stated total the shares are of."""
    targets: tuple[Target, ...] = ()
    """Every target, in the plan's order (JSON states them with their marks)."""
    today: str | None = None
    """With `--today`, the province of today; None without."""

    def total_funding(self) -> str:
        """The sum of the years' funding; `≈` when a year's is qualified."""
        qualified = any(qualifies(y.funding_qualifier) for y in self.years if y.funding)
        return approximately(money(funding_total(self), self.style), qualified)

    def total_share(self) -> str:
        """The years' sum as a share of the stated total; `≈` when either is qualified."""
        qualified = any(qualifies(y.funding_qualifier) for y in self.years if y.funding)
        approximate = qualified or qualifies(self.total_qualifier)
        total = share(funding_total(self), self.total)
        return approximately(percent_text(total, self.style), approximate)


# --- wording every format shares ---------------------------------------------------------------


def title_parts(timeline: Timeline, clean: Clean) -> list[str]:
    """The heading's parts: the province, the programme, the period; what the programme's own
    name says is not said again (`Các Chương trình … giai đoạn 2017-2020`, not `… · 2017–2020`)."""
    programme = timeline.programme
    parts = [] if says(programme, timeline.province) else [clean(timeline.province)]
    parts.append(clean(programme))
    if not says_period(programme, timeline.start, timeline.end):
        parts.append(period_text(timeline.start, timeline.end))
    return parts


def title(timeline: Timeline, clean: Clean) -> str:
    return " · ".join(title_parts(timeline, clean))


def no_roadmap() -> str:
    return _(
        "This plan has no roadmap: it names no communes or villages leaving the "
        "especially-difficult list by year. Its targets by year:"
    )


def communes_count(count: int) -> str:
    return _n("{count} commune", "{count} communes", count)


def villages_count(count: int) -> str:
    return _n("{count} village", "{count} villages", count)


def goal_line(timeline: Timeline) -> str:
    if timeline.goal is None:
        return ""
    communes, villages = timeline.goal
    qualifier = timeline.goal_qualifier
    return _("Goal: {communes} and {villages} leave the list by {year}").format(
        communes=with_qualifier(communes_count(communes), qualifier if communes else None),
        villages=with_qualifier(villages_count(villages), qualifier if villages else None),
        year=timeline.goal_year,
    )


def commune_text(commune: Commune, clean: Clean, today: str | None = None) -> str:
    """`name (district)`, then `→ commune of today` where `--today` asks for it."""
    if commune.district is None:  # a document dated after districts were abolished
        return with_today(clean(commune.name), today, clean)
    return with_today(f"{clean(commune.name)} ({clean(commune.district)})", today, clean)


def village_text(village: Village, clean: Clean, today: str | None = None) -> str:
    within = ", ".join(clean(t) for t in (village.commune, village.district) if t)
    return with_today(f"{clean(village.name)} ({within})", today, clean)


def with_today(text: str, today: str | None, clean: Clean) -> str:
    """`text → Xã Kỳ Thượng`, the unit of today beside the plan's; `→ ?` where p135's lists
    do not know it; `text` alone where it is the same unit, or `--today` was not asked."""
    if today is None:
        return text
    return f"{text} → {clean(today) or '?'}"


def today_legend(timeline: Timeline) -> str:
    """What `→` means, under the goal: nothing without `--today`."""
    if timeline.today is None:
        return ""
    return _(
        "→ the commune it is part of today, in {province}, since the reform of 01/07/2025 "
        "(by p135's list; ? where the list does not know the commune)"
    ).format(province=timeline.today)


def today_at(todays: tuple[str | None, ...], index: int) -> str | None:
    return todays[index] if index < len(todays) else None


def listed_targets(timeline: Timeline) -> list[tuple[str, tuple[Target, ...]]]:
    """The targets listed below the table, under their heading: with a roadmap, those of each
    year (`By the end of 2018:`; without one, the targets table shows them); then those of no
    one year (`Every year:`, `No year:`)."""
    dated = [
        (_("By the end of {year}:").format(year=year.year), year.targets)
        for year in timeline.years
        if timeline.has_roadmap and year.targets
    ]
    return [
        *dated,
        (_("Every year:"), timeline.every_year),
        (_("On average a year:"), timeline.averages),
        (_("No year:"), timeline.undated),
    ]


def funding_total(timeline: Timeline) -> Decimal | None:
    amounts = [y.funding for y in timeline.years if y.funding is not None]
    return sum(amounts, Decimal(0)) if amounts else None


def money_headers(timeline: Timeline, clean: Clean, *, wrap: bool = False) -> tuple[str, str]:
    """`Funding (tỷ đồng)` (the unit is plan text, shown through `clean`), `Share`; with
    `wrap`, the unit goes on a line of its own."""
    funding = _("Funding ({unit})")
    if wrap:
        funding = funding.replace(" ({unit})", "\n({unit})")
    return (funding.format(unit=clean(timeline.unit)), _("Share"))


def kinds_counted(timeline: Timeline) -> list[int]:
    """What the roadmap counts: communes (0), villages (1), or both; one it never names and has
    no goal for is left out."""
    goal = timeline.goal or (0, 0)
    kinds = [
        kind
        for kind in (0, 1)
        if goal[kind]
        or any(y.leaving[kind] or district_names(y, kind, str) for y in timeline.years)
    ]
    return kinds or [0]


def district_names(year: Year, kind: int, clean: Clean) -> list[tuple[str, str]]:
    """(district, name) of each commune (kind 0) or village (kind 1, `name (commune)`)."""
    if kind == 0:
        return [
            (
                clean(c.district or ""),
                with_today(
                    with_inferred(clean(c.name), c.inferred is not None),
                    today_at(year.communes_today, index),
                    clean,
                ),
            )
            for index, c in enumerate(year.communes)
        ]
    return [
        (
            clean(v.district or ""),
            with_today(
                with_inferred(f"{clean(v.name)} ({clean(v.commune)})", bool(v.inferred)),
                today_at(year.villages_today, index),
                clean,
            ),
        )
        for index, v in enumerate(year.villages)
    ]
