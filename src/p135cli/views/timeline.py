"""`p135 timeline`: the roadmap year by year, with cumulative counts and each year's funding.

`build` turns a plan into a `Timeline` (every year of the period, in order, even an empty one;
p135cli.views.timeline_model); the `render_*` functions print it. JSON and CSV follow the
contract in the README exactly (keys and values are for scripts, never translated); the text,
svg, markdown and mermaid views speak the run's language and write figures in the plan's
number style. The text view and the SVG picture of it are laid out in
p135cli.views.timeline_text.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TextIO

from p135cli.arithmetic import share
from p135cli.i18n import NumberStyle, _
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
    target_figure,
    with_inferred,
)
from p135cli.views.table import console, is_terminal, page_width, show
from p135cli.views.timeline_model import (
    Timeline,
    Year,
    commune_text,
    goal_line,
    kinds_counted,
    listed_targets,
    money_headers,
    no_roadmap,
    title,
    today_at,
    today_legend,
    village_text,
    with_today,
)
from p135cli.views.timeline_text import layout


def build(plan: Plan, *, today: bool = False) -> Timeline:
    """The plan's timeline: every year of its period, with who leaves the list, the funding
    and the targets of each; with `today`, each commune's unit of today beside it."""
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
    timeline = Timeline(
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
    return _with_today(plan, timeline) if today else timeline


def _with_today(plan: Plan, timeline: Timeline) -> Timeline:
    """The timeline with the unit of today beside each commune (None where it is the same
    name, as in a document of after the reform; empty where p135's lists do not know it)."""
    from dataclasses import replace

    from p135cli.plan_places import today_units

    units = today_units(plan)

    def of(name: str | None, district: str | None) -> str | None:
        found = units.communes.get((name or "", district), "")
        return None if found == name else found

    years = tuple(
        replace(
            year,
            communes_today=tuple(of(c.name, c.district) for c in year.communes),
            villages_today=tuple(of(v.commune, v.district) for v in year.villages),
        )
        for year in timeline.years
    )
    return replace(timeline, years=years, today=units.province)


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
    if stated is None or counts is None:
        return (None, None)
    communes, villages = counts.qualifier_of("communes"), counts.qualifier_of("villages")
    return (
        communes
        if qualifies(communes) and counts.communes is not None and not stated.communes
        else None,
        villages
        if qualifies(villages) and counts.villages is not None and not stated.villages
        else None,
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
        **({"today": {"province": timeline.today}} if timeline.today is not None else {}),
    }


def _year_json(year: Year) -> dict[str, object]:
    return {
        "year": year.year,
        "communes": [
            {
                "name": c.name,
                "district": c.district,
                "inferred": c.inferred is not None,
                **_today_json(year.communes_today, index, c.name),
            }
            for index, c in enumerate(year.communes)
        ],
        "villages": [
            {
                "name": v.name,
                "commune": v.commune,
                "district": v.district,
                "inferred": v.inferred is not None,
                **_today_json(year.villages_today, index, v.commune),
            }
            for index, v in enumerate(year.villages)
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


def _today_json(todays: tuple[str | None, ...], index: int, name: str | None) -> dict[str, object]:
    """`today`: the commune of today (null where p135's lists do not know it), a key only
    with `--today` (keys are only ever added)."""
    if index >= len(todays):
        return {}
    today = todays[index]
    return {"today": (today or None) if today is not None else name}


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
        "change": str(target.change) if target.change else None,
        "baseline": target.baseline,
        "points": target.points,
    }


def _decimal(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:f}"


def _value(qualifier: Comparator | None) -> str | None:
    """A qualifier as the plan writes it (`more_than`); None for a figure stated exactly."""
    return str(qualifier) if qualifier is not None and qualifies(qualifier) else None


def render_json(timeline: Timeline, stream: TextIO) -> None:
    stream.write(json_text(as_json(timeline)) + "\n")


# --- text and svg ------------------------------------------------------------------------------


def render_text(timeline: Timeline, stream: TextIO, *, color: bool, width: int | None) -> None:
    width = page_width(width, is_terminal(stream))
    show(stream, layout(timeline, width), color=color, width=width)


def render_svg(timeline: Timeline, *, width: int = 110) -> str:
    """The text view as an SVG picture, marked as p135's so it may be replaced later. Every
    letter is drawn as an outline (p135cli.views.svg_text): it names no font and fetches
    nothing, so any renderer, offline too, shows every Vietnamese letter whole."""
    import io

    from p135cli.views.svg_text import picture, segment_lines

    out = console(io.StringIO(), color=True, width=width)
    lines = segment_lines(out, layout(timeline, width, clean=_svg_text))
    svg = picture(lines, width=width, title=f"p135 timeline · {title(timeline, _svg_text)}")
    return "<!-- Generated by p135 -->\n" + svg + "\n"


def _svg_text(text: str) -> str:
    """Plan text in the picture: view_text, and composed (NFC), one glyph a letter, so each
    letter's accents stay stacked on it."""
    import unicodedata

    return unicodedata.normalize("NFC", view_text(text))


# --- markdown ----------------------------------------------------------------------------------


def render_markdown(timeline: Timeline, stream: TextIO) -> None:
    lines = [f"### {title(timeline, escape.view_markdown)}", ""]
    if timeline.has_roadmap:
        legend = today_legend(timeline)
        lines += [goal_line(timeline), "", *([legend, ""] if legend else [])]
        lines += [*_roadmap_markdown(timeline), *fenced_charts(timeline)]
    else:
        lines += [no_roadmap(), "", *_targets_markdown(timeline)]
    for label, targets in listed_targets(timeline):
        if targets:
            lines += ["", label]
            lines += [
                f"- {line}" for line in targets_text(targets, escape.view_markdown, timeline.style)
            ]
    stream.write("\n".join(lines) + "\n")


def commune_said(commune: Commune, clean: Clean, today: str | None = None) -> str:
    """`name (district)`, marked `(inferred)` where the plan infers it, then its unit of
    today where `--today` asks for it."""
    said = with_inferred(commune_text(commune, clean), commune.inferred is not None)
    return with_today(said, today, clean)


def village_said(village: Village, clean: Clean, today: str | None = None) -> str:
    said = with_inferred(village_text(village, clean), village.inferred is not None)
    return with_today(said, today, clean)


def leaving_text(year: Year, clean: Clean) -> list[str]:
    """`3 communes: A (district), ...` and `11 villages: ...`, or `—` when nothing leaves."""
    communes = [
        commune_said(c, clean, today_at(year.communes_today, i))
        for i, c in enumerate(year.communes)
    ]
    villages = [
        village_said(v, clean, today_at(year.villages_today, i))
        for i, v in enumerate(year.villages)
    ]
    lines = []
    for kind, count, names in ((0, year.leaving[0], communes), (1, year.leaving[1], villages)):
        if count or names:
            said = year.said(kind)
            lines.append(
                f"{said}: {', '.join(names)}"
                if names
                else _("{label} (not named)").format(label=said)
            )
    return lines or ["—"]


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


def _roadmap_markdown(timeline: Timeline) -> list[str]:
    goal, style = timeline.goal or (0, 0), timeline.style
    header = [
        _("Year"),
        _("Leaving the list"),
        _("Toward the goal"),
        *money_headers(timeline, escape.view_markdown),
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
        *money_headers(timeline, escape.view_markdown),
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


# --- csv ---------------------------------------------------------------------------------------


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


def render_csv(timeline: Timeline, stream: TextIO, *, excel: bool = False) -> None:
    """One row a year; names joined with `; ` as `name (district)` / `name (commune, district)`.
    Numbers stay numbers; a text cell a spreadsheet could read as a formula starts with `'`.
    With `excel`, what the Excel of the run's language reads (common.csv_text: in a vi run
    `;` between fields and `452,938`).

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
    if timeline.today is not None:  # --today: two columns after every other
        header = (*CSV_HEADER, "communes_today", "villages_today")
        rows = [(*row, *_today_cells(year)) for row, year in zip(rows, timeline.years, strict=True)]
        stream.write(csv_text(header, rows, excel=excel))
        return
    stream.write(csv_text(CSV_HEADER, rows, excel=excel))


def _today_cells(year: Year) -> tuple[str, str]:
    """Each commune's, and each village's commune's, unit of today, in the order of the
    `communes` and `villages` cells (`?` where p135's lists do not know it)."""

    def cell(today: str | None, name: str | None) -> str:
        return (name or "") if today is None else (today or "?")

    communes = [cell(today_at(year.communes_today, i), c.name) for i, c in enumerate(year.communes)]
    villages = [
        cell(today_at(year.villages_today, i), v.commune) for i, v in enumerate(year.villages)
    ]
    return "; ".join(communes), "; ".join(villages)


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


# --- mermaid -----------------------------------------------------------------------------------


CHARTS = ("communes", "villages", "targets")
"""The mermaid charts a timeline may have: the roadmap's cumulative communes and villages,
or, for a plan without roadmap, its targets by year."""


def mermaid_charts(timeline: Timeline) -> dict[str, list[str]]:
    """Each chart the timeline has, by name (`CHARTS`), as the lines of one mermaid diagram:
    for communes and for villages, the roadmap's count out of the list, cumulative (bars),
    against the goal (a line); a timeline of targets (their text, shortened, and figure) when
    there is no roadmap. Plan text is written with mermaid's entity codes for its syntax
    characters (`#34;`)."""
    if not timeline.has_roadmap:
        return {"targets": _mermaid_targets(timeline)}
    return {CHARTS[kind]: _mermaid_chart(timeline, kind) for kind in kinds_counted(timeline)}


def chart_names(timeline: Timeline) -> list[str]:
    """The charts `render_mermaid` can draw for this timeline; the first is the default."""
    return list(mermaid_charts(timeline))


def render_mermaid(timeline: Timeline, stream: TextIO, *, chart: str | None = None) -> None:
    """One chart as a mermaid diagram on its own, with no Markdown fence around it: what a
    `.mmd` file holds, the mermaid CLI and mermaid.live read. `chart` names it (`CHARTS`,
    one of `chart_names`); by default the first the timeline has. The markdown view embeds
    every chart of the roadmap, fenced."""
    charts = mermaid_charts(timeline)
    stream.write("\n".join(charts[chart] if chart else next(iter(charts.values()))) + "\n")


def fenced_charts(timeline: Timeline) -> list[str]:
    """The roadmap's charts as Markdown shows them (GitHub draws them): each in a
    ```` ```mermaid ```` fence, a blank line between them."""
    charts = mermaid_charts(timeline).values() if timeline.has_roadmap else []
    return [line for chart in charts for line in ["", "```mermaid", *chart, "```"]]


def _mermaid_chart(timeline: Timeline, kind: int) -> list[str]:
    """The roadmap's communes (kind 0) or villages (1) leaving the list, cumulative."""
    goal = timeline.goal or (0, 0)
    province = escape.view_mermaid(timeline.province)
    what = _("communes") if kind == 0 else _("villages")
    years = ", ".join(_axis_label(y, kind) for y in timeline.years)
    done = [y.cumulative[kind] for y in timeline.years]
    if goal[kind]:
        heading = _("{province}: {what} leaving the list, cumulative (bars) · goal {goal} (line)")
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
    return chart


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
