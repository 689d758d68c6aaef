"""`p135 timeline`: the roadmap year by year, with cumulative counts and each year's funding.

`build` turns a plan into a `Timeline` (every year of the period, in order, even an empty one);
the `render_*` functions print it. JSON and CSV follow the contract in the README exactly
(keys and values are for scripts, never translated); the text, svg, markdown and mermaid views
speak the run's language and write figures in the plan's number style.

The text view (and the SVG picture of it) is laid out by the table engine
(p135cli.views.table): no name, figure or count with its noun is cut across lines, at any
width. Narrow, the year table is a summary and the names follow it, a line each, by year and
district; wide, the names are in the table. Without a width (a file, a pipe) it is laid out
for its content.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TextIO

from p135cli.arithmetic import share
from p135cli.i18n import NumberStyle, _, _n
from p135cli.model import (
    Commune,
    Comparator,
    Plan,
    RoadmapYear,
    Target,
    Village,
    amount_in,
    qualifies,
)
from p135cli.render import escape
from p135cli.render.escape import json_text, view_text
from p135cli.views.common import (
    INFERRED,
    Clean,
    approximately,
    bar,
    csv_text,
    leaving,
    markdown_table,
    money,
    percent_text,
    period_text,
    target_figure,
    with_inferred,
    with_qualifier,
)
from p135cli.views.table import (
    MEASURE,
    UNITS,
    Block,
    Column,
    Fitted,
    Lines,
    Pieces,
    cell_text,
    console,
    draw,
    emit,
    field_lines,
    fit,
    fit_widths,
    fixed,
    flow,
    is_terminal,
    page_width,
    pieces,
    show,
    shown_columns,
    width_of,
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


def build(plan: Plan) -> Timeline:
    """The plan's timeline: every year of its period, with who leaves the list, the funding
    and the targets of each."""
    funding = plan.funding
    unit = funding.unit if funding else "tỷ đồng"
    total = amount_in(funding.total, unit) if funding and funding.total else None
    goal = plan.roadmap.goal if plan.roadmap else None
    years: list[Year] = []
    done: tuple[int, int] = (0, 0)
    approximate = (False, False)
    for number in _years(plan):
        year = _year(plan, number, unit, total, done, approximate)
        done, approximate = year.cumulative, year.approximate
        years.append(year)
    return Timeline(
        province=plan.province,
        programme=plan.programme,
        start=plan.period.start,
        end=plan.period.end,
        unit=unit,
        total=total,
        goal=(goal.communes or 0, goal.villages or 0) if goal else None,
        goal_year=goal.by if goal else None,
        has_roadmap=plan.roadmap is not None,
        years=tuple(years),
        every_year=tuple(t for t in plan.targets if t.per_year),
        undated=tuple(t for t in plan.targets if t.by is None and not t.per_year and not t.average),
        averages=tuple(t for t in plan.targets if t.by is None and t.average),
        style=plan.number_style,
        goal_qualifier=goal.qualifier if goal else None,
        total_qualifier=funding.total.qualifier if funding and funding.total else None,
        targets=tuple(plan.targets),
    )


def _years(plan: Plan) -> list[int]:
    """Every year of the period, and any year the roadmap or funding states outside it (which
    `validate` flags), so the view never hides a stated figure."""
    stated = set(plan.roadmap.years) if plan.roadmap else set()
    stated |= set(plan.funding.years) if plan.funding else set()
    return sorted(stated | set(range(plan.period.start, plan.period.end + 1)))


def _year(
    plan: Plan,
    number: int,
    unit: str,
    total: Decimal | None,
    done: tuple[int, int],
    approximate: tuple[bool, bool],
) -> Year:
    stated = plan.roadmap.years.get(number) if plan.roadmap else None
    communes = tuple(stated.communes) if stated else ()
    villages = tuple(stated.villages) if stated else ()
    out = leaving(stated)
    qualifiers = _qualifiers(stated)
    funded = plan.funding.years.get(number) if plan.funding else None
    figure = funded.total if funded else None
    amount = amount_in(figure, unit) if figure else None
    qualifier = figure.qualifier if figure else None
    return Year(
        year=number,
        communes=communes,
        villages=villages,
        leaving=out,
        cumulative=(done[0] + out[0], done[1] + out[1]),
        funding=amount,
        share=share(amount, total),
        targets=tuple(t for t in plan.targets if t.by == number and not t.per_year),
        qualifiers=qualifiers,
        inferred=bool(stated and stated.inferred),
        approximate=(
            approximate[0] or qualifies(qualifiers[0]),
            approximate[1] or qualifies(qualifiers[1]),
        ),
        funding_qualifier=qualifier,
        funding_inferred=bool(figure and figure.inferred),
        share_approximate=qualifies(qualifier) or _qualified_total(plan),
    )


def _qualifiers(stated: RoadmapYear | None) -> tuple[Comparator | None, Comparator | None]:
    """The qualifier of each count the year states without names (`leaving` counts the
    names where it lists them)."""
    counts = stated.count if stated else None
    if stated is None or counts is None or not qualifies(counts.qualifier):
        return (None, None)
    return (
        counts.qualifier if counts.communes is not None and not stated.communes else None,
        counts.qualifier if counts.villages is not None and not stated.villages else None,
    )


def _qualified_total(plan: Plan) -> bool:
    total = plan.funding.total if plan.funding else None
    return total is not None and qualifies(total.qualifier)


# --- json --------------------------------------------------------------------------------------


def as_json(timeline: Timeline) -> dict[str, object]:
    """The contract: province, period, years (communes, villages, cumulative, funding), goal;
    then, added after them (no key is ever renamed or removed), what the document says of the
    figures: qualifiers, inferences, and the targets with their marks."""
    goal = timeline.goal
    return {
        "province": timeline.province,
        "period": {"start": timeline.start, "end": timeline.end},
        "years": [_year_json(year) for year in timeline.years],
        "goal": {"communes": goal[0], "villages": goal[1]} if goal else None,
        "goal_qualifier": _value(timeline.goal_qualifier),
        "targets": [_target_json(target) for target in timeline.targets],
    }


def _year_json(year: Year) -> dict[str, object]:
    return {
        "year": year.year,
        "communes": [
            {"name": c.name, "district": c.district, "inferred": c.inferred is not None}
            for c in year.communes
        ],
        "villages": [
            {
                "name": v.name,
                "commune": v.commune,
                "district": v.district,
                "inferred": v.inferred is not None,
            }
            for v in year.villages
        ],
        "cumulative": {"communes": year.cumulative[0], "villages": year.cumulative[1]},
        "funding": _decimal(year.funding),
        "leaving": {"communes": year.leaving[0], "villages": year.leaving[1]},
        "leaving_qualifier": {
            "communes": _value(year.qualifiers[0]),
            "villages": _value(year.qualifiers[1]),
        },
        "inferred": year.inferred,
        "funding_qualifier": _value(year.funding_qualifier),
        "funding_inferred": year.funding_inferred,
    }


def _target_json(target: Target) -> dict[str, object]:
    """A target as the plan states it: `average` (bình quân) apart from `per_year` (each
    year), and whether it is inferred."""
    return {
        "id": target.id,
        "text": target.text,
        "value": _decimal(target.value),
        "least": _decimal(target.least),
        "most": _decimal(target.most),
        "unit": target.unit,
        "comparator": _value(target.comparator),
        "by": target.by,
        "per_year": target.per_year,
        "average": target.average,
        "inferred": target.inferred is not None,
    }


def _decimal(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:f}"


def _value(qualifier: Comparator | None) -> str | None:
    """A qualifier as the plan writes it (`more_than`); None for a figure stated exactly."""
    return str(qualifier) if qualifier is not None and qualifies(qualifier) else None


def render_json(timeline: Timeline, stream: TextIO) -> None:
    stream.write(json_text(as_json(timeline)) + "\n")


# --- shared wording ----------------------------------------------------------------------------
# Plan text (names, titles, targets) is untrusted: each function shows it through `clean`, the
# format's own escaping, and only then composes p135's lines around it.


def title(timeline: Timeline, clean: Clean) -> str:
    province, programme = clean(timeline.province), clean(timeline.programme)
    return f"{province} · {programme} · {period_text(timeline.start, timeline.end)}"


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


def commune_text(commune: Commune, clean: Clean) -> str:
    return f"{clean(commune.name)} ({clean(commune.district)})"


def village_text(village: Village, clean: Clean) -> str:
    return f"{clean(village.name)} ({clean(village.commune)}, {clean(village.district)})"


def commune_said(commune: Commune, clean: Clean) -> str:
    """`name (district)`, marked `(inferred)` where the plan infers it."""
    return with_inferred(commune_text(commune, clean), commune.inferred is not None)


def village_said(village: Village, clean: Clean) -> str:
    return with_inferred(village_text(village, clean), village.inferred is not None)


def progress_text(year: Year, goal: tuple[int, int], *, bars: bool) -> list[str]:
    lines = []
    toward = (_("{done}/{whole} communes"), _("{done}/{whole} villages"))
    for kind, template in enumerate(toward):
        done, whole = year.cumulative[kind], goal[kind]
        if whole or done:
            shown = approximately(template.format(done=done, whole=whole), year.approximate[kind])
            lines.append(f"{bar(done, whole)} {shown}" if bars else shown)
    return lines


def targets_text(targets: tuple[Target, ...], clean: Clean, style: NumberStyle | None) -> list[str]:
    lines = []
    for target in targets:
        figure = target_figure(target, clean=clean, style=style)
        lines.append(f"{clean(target.text)} [{figure}]" if figure else clean(target.text))
    return lines


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


# --- layout ------------------------------------------------------------------------------------
# The text and SVG views are laid out by the table engine (p135cli.views.table), never split by
# rich: a name, a figure with its unit and a count with its noun is one piece (`pieces`).

WIDE = 40
"""The narrowest column of names the year table holds; narrower, the names follow the table."""
TARGETS = 30
"""The narrowest column of targets the year table holds; narrower, targets are listed by year."""


# --- text --------------------------------------------------------------------------------------


def render_text(timeline: Timeline, stream: TextIO, *, color: bool, width: int | None) -> None:
    width = page_width(width, is_terminal(stream))
    show(stream, layout(timeline, width), color=color, width=width)


def layout(timeline: Timeline, width: int | None, clean: Clean = view_text) -> list[Block]:
    """The text view laid out for `width` columns (None: for its content)."""
    line = MEASURE if width is None else min(width, MEASURE)
    units = _units(timeline)
    province, programme = clean(timeline.province), clean(timeline.programme)
    heading = [f"{province} ·", f"{programme} ·", period_text(timeline.start, timeline.end)]
    blocks: list[Block] = [Lines(flow(heading, width), "bold")]
    if timeline.has_roadmap:
        goal = goal_line(timeline)
        blocks += [Lines(flow(pieces(goal), line))] if goal else []
        blocks += _roadmap_blocks(timeline, width, clean)
    else:
        blocks.append(Lines(flow(pieces(no_roadmap()), line)))
        blocks += _targets_blocks(timeline, width, clean, units)
    for label, targets in listed_targets(timeline):
        if targets:
            paras = _target_paras(targets, clean, timeline.style, units, lead=" • ", indent=3)
            lines = [text for para in paras for text in para.lines(line)]
            blocks.append(Lines(["", label, *lines]))
    return blocks


def _units(timeline: Timeline) -> tuple[str, ...]:
    """The units a figure in the plan's sentences keeps with it."""
    found = {*UNITS, timeline.unit}
    targets = [
        *timeline.every_year,
        *timeline.averages,
        *timeline.undated,
        *(t for y in timeline.years for t in y.targets),
    ]
    for target in targets:
        if target.unit:
            found |= {target.unit, target.unit.split("/")[0]}
    return tuple(sorted(unit for unit in found if unit.strip()))


def _target_paras(
    targets: Sequence[Target],
    clean: Clean,
    style: NumberStyle | None,
    units: Iterable[str],
    *,
    lead: str,
    indent: int,
) -> list[Pieces]:
    """Each target's text, then its figure whole: `text [≥ 20 %]`."""
    paras = []
    for target in targets:
        figure = target_figure(target, clean=clean, style=style)
        parts = pieces(clean(target.text), units) + ([f"[{figure}]"] if figure else [])
        paras.append(Pieces(tuple(parts), lead, indent))
    return paras


def _money_columns(timeline: Timeline, clean: Clean, *, wrap: bool = False) -> tuple[str, str]:
    """`Funding (tỷ đồng)` (the unit is plan text, shown through `clean`), `Share`; with
    `wrap`, the unit goes on a line of its own."""
    funding = _("Funding ({unit})")
    if wrap:
        funding = funding.replace(" ({unit})", "\n({unit})")
    return (funding.format(unit=clean(timeline.unit)), _("Share"))


def leaving_text(year: Year, clean: Clean) -> list[str]:
    """`3 communes: A (district), ...` and `11 villages: ...`, or `—` when nothing leaves."""
    lines = []
    for kind, count, names in (
        (0, year.leaving[0], [commune_said(c, clean) for c in year.communes]),
        (1, year.leaving[1], [village_said(v, clean) for v in year.villages]),
    ):
        if count or names:
            said = year.said(kind)
            lines.append(
                f"{said}: {', '.join(names)}"
                if names
                else _("{label} (not named)").format(label=said)
            )
    return lines or ["—"]


# --- the roadmap: a year table, and the names by year and district -----------------------------


def _kinds(timeline: Timeline) -> list[int]:
    """What the roadmap counts: communes (0), villages (1), or both; one it never names and has
    no goal for is left out."""
    goal = timeline.goal or (0, 0)
    kinds = [
        kind
        for kind in (0, 1)
        if goal[kind] or any(y.leaving[kind] or _named(y, kind, str) for y in timeline.years)
    ]
    return kinds or [0]


def _named(year: Year, kind: int, clean: Clean) -> list[tuple[str, str]]:
    """(district, name) of each commune (kind 0) or village (kind 1, `name (commune)`)."""
    if kind == 0:
        return [
            (clean(c.district), with_inferred(clean(c.name), c.inferred is not None))
            for c in year.communes
        ]
    return [
        (
            clean(v.district),
            with_inferred(f"{clean(v.name)} ({clean(v.commune)})", bool(v.inferred)),
        )
        for v in year.villages
    ]


def _by_district(named: list[tuple[str, str]]) -> list[tuple[str, list[str]]]:
    """The names grouped by district, districts in the order the plan first names them."""
    groups: dict[str, list[str]] = {}
    for district, name in named:
        groups.setdefault(district, []).append(name)
    return list(groups.items())


def _counted(kind: int, count: int, digits: int = 0) -> str:
    """`3 communes`, `11 villages`; the number right-aligned in `digits` columns."""
    text = communes_count(count) if kind == 0 else villages_count(count)
    return text.replace(str(count), str(count).rjust(digits), 1)


def _digits(*numbers: int) -> int:
    return max(len(str(number)) for number in numbers)


def _leaving_cell(year: Year, kinds: list[int], digits: int) -> str:
    """How many leave this year, a line for each kind the table shows; `—` when none does."""
    if not any(year.leaving[kind] for kind in kinds):
        return "—"
    lines = [year.said(k, digits) if year.leaving[k] else "" for k in kinds]
    return "\n".join(lines).rstrip("\n")


def _toward_lines(year: Year, goal: tuple[int, int], kinds: list[int], *, bars: bool) -> list[str]:
    """`███████░░░ 16/22 communes`: cumulative against the goal, a line for each kind."""
    toward = (_("{done}/{whole} communes"), _("{done}/{whole} villages"))
    lines = []
    for kind in kinds:
        done = year.cumulative[kind]
        text = toward[kind].format(done=str(done).rjust(_digits(goal[kind])), whole=goal[kind])
        text = approximately(text.lstrip(), True) if year.approximate[kind] else text
        lines.append(f"{bar(done, goal[kind])} {text}" if bars else text)
    return lines


def _year_columns(
    timeline: Timeline, clean: Clean, kinds: list[int], *, bars: bool
) -> list[Column]:
    """Year, how many leave, cumulative against the goal, the year's funding and its share."""
    style, years = timeline.style, timeline.years
    goal = timeline.goal or (0, 0)
    funding, share_label = _money_columns(timeline, clean, wrap=True)
    totals = years[-1].cumulative
    digits = _digits(*(y.leaving[k] for y in years for k in kinds), *(totals[k] for k in kinds))
    return [
        Column(_("Year"), [fixed(str(y.year)) for y in years], fixed(_("Total"))),
        Column(
            _("Leaving the list"),
            [fixed(_leaving_cell(y, kinds, digits)) for y in years],
            fixed("\n".join(_total_counted(timeline, k, digits) for k in kinds)),
        ),
        Column(
            _("Toward the goal"),
            [fixed("\n".join(_toward_lines(y, goal, kinds, bars=bars))) for y in years],
        ),
        Column(
            funding,
            [fixed("\n".join(y.funding_lines(style))) for y in years],
            fixed(timeline.total_funding()),
            right=True,
        ),
        Column(
            share_label,
            [fixed(y.share_text(style)) for y in years],
            fixed(timeline.total_share()),
            right=True,
        ),
    ]


def _total_counted(timeline: Timeline, kind: int, digits: int = 0) -> str:
    """How many leave over the years: `≈` when a year's count is qualified."""
    last = timeline.years[-1]
    return approximately(_counted(kind, last.cumulative[kind], digits), last.approximate[kind])


def _roadmap_blocks(timeline: Timeline, width: int | None, clean: Clean) -> list[Block]:
    """Wide: one table with the names in it. Narrow: a summary table (bars where they fit, a
    list where no table fits), then the names, one a line, by year and district."""
    kinds = _kinds(timeline)
    wide = _wide_table(timeline, width, clean, kinds)
    if wide is not None:
        return [wide]
    summary = fit(_year_columns(timeline, clean, kinds, bars=True), width) or fit(
        _year_columns(timeline, clean, kinds, bars=False), width
    )
    first = summary or Lines(_year_lines(timeline, width, clean, kinds))
    return [first, Lines(_names_lines(timeline, width, clean))]


def _names_cell(year: Year, clean: Clean) -> list[tuple[int | None, Pieces]]:
    """The year's names for the wide table: under `3 communes:`, a line a district; each
    paragraph with the kind it heads (None for a district's line)."""
    entries: list[tuple[int | None, Pieces]] = []
    for kind in (0, 1):
        count, named = year.leaving[kind], _named(year, kind, clean)
        if not count and not named:
            continue
        said = year.said(kind)
        if not named:
            entries.append((kind, Pieces((_("{label} (not named)").format(label=said),))))
            continue
        entries.append((kind, Pieces((f"{said}:",))))
        for district, names in _by_district(named):
            parts = (f"{district}:", *(f"{name}," for name in names[:-1]), names[-1])
            entries.append((None, Pieces(parts, "  ", 4)))
    return entries or [(None, Pieces(("—",)))]


def _wide_table(
    timeline: Timeline, width: int | None, clean: Clean, kinds: list[int]
) -> Fitted | None:
    """The year table with the names in it, where a column of names fits."""
    columns = _year_columns(timeline, clean, kinds, bars=True)
    entries = [_names_cell(year, clean) for year in timeline.years]
    names = Column(
        _("Leaving the list"),
        [tuple(para for _, para in cell) for cell in entries],
        columns[1].footer,
        prose=True,
        floor=WIDE,
    )
    columns[1] = names
    shown = shown_columns(columns)
    sizes = fit_widths(shown, width)
    if sizes is None:
        return None
    goal = timeline.goal or (0, 0)
    where = {id(column): index for index, column in enumerate(shown)}
    rows = []
    for row, (year, cell) in enumerate(zip(timeline.years, entries, strict=True)):
        texts = [
            cell_text(column.cells[row], size) for column, size in zip(shown, sizes, strict=True)
        ]
        lines: list[str] = []
        heads: dict[int, int] = {}
        for kind, para in cell:
            if kind is not None:
                heads[kind] = len(lines)
            lines += para.lines(sizes[where[id(names)]])
        texts[where[id(names)]] = "\n".join(lines)
        if id(columns[2]) in where:
            toward = _aligned(_toward_lines(year, goal, kinds, bars=True), kinds, heads)
            texts[where[id(columns[2])]] = "\n".join(toward)
        rows.append(texts)
    return draw(shown, sizes, rows)


def _aligned(lines: list[str], kinds: list[int], heads: dict[int, int]) -> list[str]:
    """Each kind's line of progress beside the line that says how many of that kind leave."""
    placed: list[str] = []
    for kind, line in zip(kinds, lines, strict=True):
        at = max(len(placed), heads.get(kind, len(placed)))
        placed += [""] * (at - len(placed)) + [line]
    return placed


def _year_lines(timeline: Timeline, width: int | None, clean: Clean, kinds: list[int]) -> list[str]:
    """The year table as lines, where no table fits: a year, then its figures, each whole."""
    style, goal = timeline.style, timeline.goal or (0, 0)
    funding = _money_columns(timeline, clean)[0]
    rows = [
        (
            str(y.year),
            [y.said(k) for k in kinds if y.leaving[k]] or ["—"],
            [line.strip() for line in _toward_lines(y, goal, kinds, bars=False)],
            " ".join(y.funding_lines(style)),
            y.share_text(style),
        )
        for y in timeline.years
    ]
    rows.append(
        (
            _("Total"),
            [_total_counted(timeline, k) for k in kinds],
            [],
            timeline.total_funding(),
            timeline.total_share(),
        )
    )
    lines = []
    for label, out, toward, amount, part in rows:
        lines.append(label)
        for name, values in (
            (_("Leaving the list"), out),
            (_("Toward the goal"), toward),
            (funding, [amount] if amount else []),
            (_("Share"), [part] if part else []),
        ):
            lines += field_lines(name, values, width) if values else []
    return lines


def _names_lines(timeline: Timeline, width: int | None, clean: Clean) -> list[str]:
    """After the summary table: under `2018 · 3 communes leave the list`, a name a line,
    `  District: name`, grouped by district."""
    lines: list[str] = []
    for year in timeline.years:
        for kind in (0, 1):
            count, named = year.leaving[kind], _named(year, kind, clean)
            if not count and not named:
                continue
            shown = with_qualifier(str(count), year.qualifiers[kind])
            if kind == 0:
                heading = _n(
                    "{year} · {count} commune leaves the list",
                    "{year} · {count} communes leave the list",
                    count,
                    shown=shown,
                    year=year.year,
                )
            else:
                heading = _n(
                    "{year} · {count} village leaves the list",
                    "{year} · {count} villages leave the list",
                    count,
                    shown=shown,
                    year=year.year,
                )
            heading = with_inferred(heading, year.inferred)
            if not named:
                heading = _("{label} (not named)").format(label=heading)
            lines += ["", *flow(pieces(heading), width)]
            groups = _by_district(named)
            pad = max((width_of(district) for district, _ in groups), default=0) + 1
            for district, names in groups:
                label = f"{district}:"
                label += " " * (pad - width_of(label))
                for name in names:
                    lines += flow([label, name], width, lead="  ", indent=4)
    return lines


# --- a plan without roadmap: targets by year ---------------------------------------------------


def _targets_blocks(
    timeline: Timeline, width: int | None, clean: Clean, units: Iterable[str]
) -> list[Block]:
    style, years = timeline.style, timeline.years
    funding, share_label = _money_columns(timeline, clean, wrap=True)
    targets = [
        tuple(_target_paras(y.targets, clean, style, units, lead="• ", indent=2))
        or (Pieces(("—",)),)
        for y in years
    ]
    columns = [
        Column(_("Year"), [fixed(str(y.year)) for y in years]),
        Column(_("Targets to reach by the end of the year"), targets, prose=True, floor=TARGETS),
        Column(funding, [fixed("\n".join(y.funding_lines(style))) for y in years], right=True),
        Column(share_label, [fixed(y.share_text(style)) for y in years], right=True),
    ]
    table = fit(columns, width)
    if table is not None:
        return [table]
    lines = []
    for year, cell in zip(years, targets, strict=True):
        lines.append(str(year.year))
        amount, part = " ".join(year.funding_lines(style)), year.share_text(style)
        lines += field_lines(_money_columns(timeline, clean)[0], [amount], width) if amount else []
        lines += field_lines(share_label, [part], width) if part else []
        for para in cell:
            lines += Pieces(para.parts, "  " + para.lead, 2 + para.indent).lines(width)
    return [Lines(lines)]


def render_svg(timeline: Timeline, *, width: int = 110) -> str:
    """The text view as an SVG picture, marked as p135's so it may be replaced later. It
    fetches nothing: the text is drawn in the system's monospace font (SVG_FONTS), so a browser
    and librsvg show the same picture, offline too, Vietnamese stacked accents whole."""
    import io

    out = console(io.StringIO(), color=True, width=width, record=True)
    emit(out, layout(timeline, width, clean=_svg_text))
    svg = out.export_svg(
        title=f"p135 timeline · {title(timeline, _svg_text)}",
        code_format=SVG_FORMAT,
        font_aspect_ratio=SVG_ASPECT,
    )
    return "<!-- Generated by p135 -->\n" + svg


def _svg_text(text: str) -> str:
    """Plan text in the picture: view_text, and composed (NFC), one glyph a letter, so each
    letter's accents stay stacked on it whatever font draws it."""
    import unicodedata

    return unicodedata.normalize("NFC", view_text(text))


SVG_FONTS = "DejaVu Sans Mono, Liberation Mono, Menlo, Consolas, monospace"
"""Monospace fonts a system has (Linux, macOS, Windows), none fetched; each holds Vietnamese."""
SVG_ASPECT = 0.6
"""Their glyphs' width to height: where a renderer ignores `textLength` (librsvg), text laid
out at this advance still meets the table's lines."""
SVG_FORMAT = (
    """\
<svg class="rich-terminal" viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">
    <style>

    .{unique_id}-matrix {{
        font-family: """
    + SVG_FONTS
    + """;
        font-size: {char_height}px;
        line-height: {line_height}px;
        white-space: pre;
    }}

    .{unique_id}-title {{
        font-size: 18px;
        font-weight: bold;
        font-family: DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif;
        white-space: pre;
    }}

    {styles}
    </style>

    <defs>
    <clipPath id="{unique_id}-clip-terminal">
      <rect x="0" y="0" width="{terminal_width}" height="{terminal_height}" />
    </clipPath>
    {lines}
    </defs>

    {chrome}
    <g transform="translate({terminal_x}, {terminal_y})"
       clip-path="url(#{unique_id}-clip-terminal)">
    {backgrounds}
    <g class="{unique_id}-matrix" xml:space="preserve">
    {matrix}
    </g>
    </g>
</svg>
"""
)
"""Rich's SVG template without its web font (no @font-face, no URL): spaces kept as drawn."""


# --- markdown, csv, mermaid --------------------------------------------------------------------


def render_markdown(timeline: Timeline, stream: TextIO) -> None:
    lines = [f"### {title(timeline, escape.view_markdown)}", ""]
    if timeline.has_roadmap:
        lines += [goal_line(timeline), "", *_roadmap_markdown(timeline)]
    else:
        lines += [no_roadmap(), "", *_targets_markdown(timeline)]
    for label, targets in listed_targets(timeline):
        if targets:
            lines += ["", label]
            lines += [
                f"- {line}" for line in targets_text(targets, escape.view_markdown, timeline.style)
            ]
    stream.write("\n".join(lines) + "\n")


def _roadmap_markdown(timeline: Timeline) -> list[str]:
    goal, style = timeline.goal or (0, 0), timeline.style
    header = [
        _("Year"),
        _("Leaving the list"),
        _("Toward the goal"),
        *_money_columns(timeline, escape.view_markdown),
    ]
    rows = [
        [
            str(year.year),
            "<br>".join(leaving_text(year, escape.view_markdown)),
            ", ".join(progress_text(year, goal, bars=False)),
            " ".join(year.funding_lines(style)),
            year.share_text(style),
        ]
        for year in timeline.years
    ]
    return markdown_table(*_filled(header, rows, right={3, 4}))


def _targets_markdown(timeline: Timeline) -> list[str]:
    style = timeline.style
    header = [
        _("Year"),
        _("Targets to reach by the end of the year"),
        *_money_columns(timeline, escape.view_markdown),
    ]
    rows = [
        [
            str(year.year),
            "; ".join(targets_text(year.targets, escape.view_markdown, style)) or "—",
            " ".join(year.funding_lines(style)),
            year.share_text(style),
        ]
        for year in timeline.years
    ]
    return markdown_table(*_filled(header, rows, right={2, 3}))


def _filled(
    header: list[str], rows: list[list[str]], right: set[int]
) -> tuple[list[str], list[list[str]], set[int]]:
    """The table without its empty columns (a plan that states no funding has none), and which
    of those left are right-aligned."""
    kept = [i for i in range(len(header)) if any(row[i] for row in rows)]
    return (
        [header[i] for i in kept],
        [[row[i] for i in kept] for row in rows],
        {new for new, old in enumerate(kept) if old in right},
    )


CSV_HEADER = (
    "year",
    "communes_leaving",
    "villages_leaving",
    "cumulative_communes",
    "cumulative_villages",
    "goal_communes",
    "goal_villages",
    "funding",
    "funding_unit",
    "share_percent",
    "communes",
    "villages",
    # added after the columns scripts already read, which keep their places:
    "communes_leaving_qualifier",
    "villages_leaving_qualifier",
    "goal_qualifier",
    "roadmap_inferred",
    "communes_inferred",
    "villages_inferred",
    "funding_qualifier",
    "funding_inferred",
    "share_approximate",
    "targets",
)


def render_csv(timeline: Timeline, stream: TextIO) -> None:
    """One row a year; names joined with `; ` as `name (district)` / `name (commune, district)`.
    Numbers stay numbers; a text cell a spreadsheet could read as a formula starts with `'`.

    After the year's figures, what the document says of them: each count's and the funding's
    qualifier (`more_than`), what the plan infers (`true`, or the names inferred), whether
    the share is computed from a qualified figure, and the year's targets by id, marked
    `per_year`, `average` (bình quân) and `inferred` (`poverty_reduction (average)`)."""
    goal = timeline.goal
    rows = [
        (
            year.year,
            *year.leaving,
            *year.cumulative,
            *(goal if goal else (None, None)),
            year.funding,
            timeline.unit,
            year.share,
            "; ".join(commune_text(c, str) for c in year.communes),
            "; ".join(village_text(v, str) for v in year.villages),
            *(_value(q) for q in year.qualifiers),
            _value(timeline.goal_qualifier) if goal else None,
            _flag(year.inferred) if timeline.has_roadmap else None,
            "; ".join(commune_text(c, str) for c in year.communes if c.inferred),
            "; ".join(village_text(v, str) for v in year.villages if v.inferred),
            _value(year.funding_qualifier) if year.funding is not None else None,
            _flag(year.funding_inferred) if year.funding is not None else None,
            _flag(year.share_approximate) if year.share is not None else None,
            "; ".join(_target_ids(timeline, year)),
        )
        for year in timeline.years
    ]
    stream.write(csv_text(CSV_HEADER, rows))


def _flag(value: bool) -> str:
    return "true" if value else "false"


def _target_ids(timeline: Timeline, year: Year) -> list[str]:
    """The targets that hold in a year: due by its end, each year's, the averages a year;
    each by id, with its marks (`poverty_reduction (average, inferred)`)."""
    ids = []
    for target in (*year.targets, *timeline.every_year, *timeline.averages):
        marks = [
            mark
            for mark, holds in (
                ("per_year", target.per_year),
                ("average", target.average),
                ("inferred", target.inferred is not None),
            )
            if holds
        ]
        ids.append(f"{target.id} ({', '.join(marks)})" if marks else target.id)
    return ids


def render_mermaid(timeline: Timeline, stream: TextIO) -> None:
    """Charts GitHub renders in a comment: for communes and for villages, the roadmap's count
    out of the list, cumulative (bars), against the goal (a line); a timeline of targets (their
    text, shortened, and figure) when there is no roadmap. Plan text is written with mermaid's
    entity codes for its syntax characters (`#34;`)."""
    charts = _mermaid_charts(timeline) if timeline.has_roadmap else [_mermaid_targets(timeline)]
    fenced = ["\n".join(["```mermaid", *chart, "```"]) for chart in charts]
    stream.write("\n\n".join(fenced) + "\n")


def _mermaid_charts(timeline: Timeline) -> list[list[str]]:
    goal = timeline.goal or (0, 0)
    province = escape.view_mermaid(timeline.province)
    charts = []
    for kind in _kinds(timeline):
        what = _("communes") if kind == 0 else _("villages")
        years = ", ".join(_axis_label(y, kind) for y in timeline.years)
        done = [y.cumulative[kind] for y in timeline.years]
        if goal[kind]:
            heading = _(
                "{province}: {what} leaving the list, cumulative (bars) · goal {goal} (line)"
            )
        else:
            heading = _("{province}: {what} leaving the list, cumulative (bars)")
        chart = [
            "xychart-beta",
            f'    title "{heading.format(province=province, what=what, goal=goal[kind])}"',
            f"    x-axis [{years}]",
            f'    y-axis "{what}" 0 --> {max(goal[kind], *done, 1)}',
            f"    bar [{', '.join(map(str, done))}]",
        ]
        if goal[kind]:
            chart.append(f"    line [{', '.join([str(goal[kind])] * len(done))}]")
        charts.append(chart)
    return charts


def _axis_label(year: Year, kind: int) -> str:
    """A year under its bar: `2019`, or, quoted, with its marks: `"2019 (≈, inferred)"` when
    the cumulative count adds a qualified count, and the plan infers the year or a name."""
    names = year.communes if kind == 0 else year.villages
    inferred = (year.inferred and year.leaving[kind]) or any(name.inferred for name in names)
    marks = ["≈"] if year.approximate[kind] else []
    marks += [_(INFERRED)] if inferred else []
    return f'"{year.year} ({", ".join(marks)})"' if marks else str(year.year)


SHORT = 40
"""The most characters of a target's text a chart shows."""


def _short(text: str) -> str:
    """A target's text in a chart: its first words, up to SHORT characters, then `…`."""
    text = " ".join(text.split())
    if len(text) <= SHORT:
        return text
    cut = text[: SHORT + 1].rsplit(" ", 1)[0] if " " in text[: SHORT + 1] else text[:SHORT]
    return cut.rstrip(" ,;:.-–(") + "…"


def _mermaid_targets(timeline: Timeline) -> list[str]:
    heading = _("{title} - no roadmap, targets by year").format(
        title=title(timeline, escape.view_mermaid)
    )
    periods = [(_("Every year"), timeline.every_year)] if timeline.every_year else []
    periods += [(_("On average a year"), timeline.averages)] if timeline.averages else []
    periods += [(str(year.year), year.targets) for year in timeline.years]
    periods += [(_("No year"), timeline.undated)] if timeline.undated else []
    lines = ["timeline", f"    title {heading}"]
    for period, targets in periods:
        labels = []
        for target in targets:
            figure = target_figure(target, clean=escape.view_mermaid, style=timeline.style)
            text = escape.view_mermaid(_short(target.text))
            labels.append(f"{text} · {figure}" if figure else text)
        events = " : ".join(labels) or _("no target stated")
        lines.append(f"    {escape.view_mermaid(period)} : {events}")
    return lines
