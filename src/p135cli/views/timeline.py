"""`p135 timeline`: the roadmap year by year, with cumulative counts and each year's funding.

`build` turns a plan into a `Timeline` (every year of the period, in order, even an empty one);
the `render_*` functions print it. JSON and CSV follow the contract in the README exactly
(keys and values are for scripts, never translated); the text, svg, markdown and mermaid views
speak the run's language and write figures in the plan's number style.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, TextIO

from p135cli.i18n import NumberStyle, _, _n
from p135cli.model import Commune, Plan, Target, Village, amount_in
from p135cli.render import escape
from p135cli.render.escape import json_text, printable
from p135cli.views.common import (
    Clean,
    bar,
    console,
    csv_text,
    leaving,
    markdown_table,
    money,
    percent_text,
    share,
    target_figure,
)

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table


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
    style: NumberStyle | None = None
    """The plan's number style: its figures are shown in it (unless --number-style says)."""


def build(plan: Plan) -> Timeline:
    funding = plan.funding
    unit = funding.unit if funding else "tỷ đồng"
    total = amount_in(funding.total, unit) if funding and funding.total else None
    goal = plan.roadmap.goal if plan.roadmap else None
    years: list[Year] = []
    done = (0, 0)
    for number in _years(plan):
        year = _year(plan, number, unit, total, done)
        done = year.cumulative
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
        undated=tuple(t for t in plan.targets if t.by is None and not t.per_year),
        style=plan.number_style,
    )


def _years(plan: Plan) -> list[int]:
    """Every year of the period, and any year the roadmap or funding states outside it (which
    `validate` flags), so the view never hides a stated figure."""
    stated = set(plan.roadmap.years) if plan.roadmap else set()
    stated |= set(plan.funding.years) if plan.funding else set()
    return sorted(stated | set(range(plan.period.start, plan.period.end + 1)))


def _year(plan: Plan, number: int, unit: str, total: Decimal | None, done: tuple[int, int]) -> Year:
    stated = plan.roadmap.years.get(number) if plan.roadmap else None
    communes = tuple(stated.communes) if stated else ()
    villages = tuple(stated.villages) if stated else ()
    out = leaving(stated)
    funded = plan.funding.years.get(number) if plan.funding else None
    amount = amount_in(funded.total, unit) if funded else None
    return Year(
        year=number,
        communes=communes,
        villages=villages,
        leaving=out,
        cumulative=(done[0] + out[0], done[1] + out[1]),
        funding=amount,
        share=share(amount, total),
        targets=tuple(t for t in plan.targets if t.by == number and not t.per_year),
    )


# --- json -------------------------------------------------------------------------------------


def as_json(timeline: Timeline) -> dict[str, object]:
    """The contract: province, period, years (communes, villages, cumulative, funding), goal."""
    goal = timeline.goal
    return {
        "province": timeline.province,
        "period": {"start": timeline.start, "end": timeline.end},
        "years": [
            {
                "year": year.year,
                "communes": [{"name": c.name, "district": c.district} for c in year.communes],
                "villages": [
                    {"name": v.name, "commune": v.commune, "district": v.district}
                    for v in year.villages
                ],
                "cumulative": {"communes": year.cumulative[0], "villages": year.cumulative[1]},
                "funding": None if year.funding is None else f"{year.funding:f}",
            }
            for year in timeline.years
        ],
        "goal": {"communes": goal[0], "villages": goal[1]} if goal else None,
    }


def render_json(timeline: Timeline, stream: TextIO) -> None:
    stream.write(json_text(as_json(timeline)) + "\n")


# --- shared wording ----------------------------------------------------------------------------
# Plan text (names, titles, targets) is untrusted: each function shows it through `clean`, the
# format's own escaping, and only then composes p135's lines around it.


def title(timeline: Timeline, clean: Clean) -> str:
    province, programme = clean(timeline.province), clean(timeline.programme)
    return f"{province} · {programme} · {timeline.start}–{timeline.end}"


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
    return _("Goal: {communes} and {villages} leave the list by {year}").format(
        communes=communes_count(communes),
        villages=villages_count(villages),
        year=timeline.goal_year,
    )


def commune_text(commune: Commune, clean: Clean) -> str:
    return f"{clean(commune.name)} ({clean(commune.district)})"


def village_text(village: Village, clean: Clean) -> str:
    return f"{clean(village.name)} ({clean(village.commune)}, {clean(village.district)})"


def progress_text(year: Year, goal: tuple[int, int], *, bars: bool) -> list[str]:
    lines = []
    toward = (_("{done}/{whole} communes"), _("{done}/{whole} villages"))
    for done, whole, template in zip(year.cumulative, goal, toward, strict=True):
        if whole or done:
            shown = template.format(done=done, whole=whole)
            lines.append(f"{bar(done, whole)} {shown}" if bars else shown)
    return lines


def targets_text(targets: tuple[Target, ...], clean: Clean, style: NumberStyle | None) -> list[str]:
    lines = []
    for target in targets:
        figure = target_figure(target, clean=clean, style=style)
        lines.append(f"{clean(target.text)} [{figure}]" if figure else clean(target.text))
    return lines


def listed_targets(timeline: Timeline) -> list[tuple[str, tuple[Target, ...]]]:
    """The targets of no one year, under their heading: `Every year:`, `No year:`."""
    return [
        (_("Every year:"), timeline.every_year),
        (_("No year:"), timeline.undated),
    ]


def funding_total(timeline: Timeline) -> Decimal | None:
    amounts = [y.funding for y in timeline.years if y.funding is not None]
    return sum(amounts, Decimal(0)) if amounts else None


# --- text --------------------------------------------------------------------------------------


def render_text(timeline: Timeline, stream: TextIO, *, color: bool, width: int | None) -> None:
    out = console(stream, color=color, width=width)
    print_text(timeline, out)


def print_text(timeline: Timeline, out: Console) -> None:
    out.print(title(timeline, printable), style="bold")
    if timeline.has_roadmap:
        out.print(goal_line(timeline))
        out.print(_roadmap_table(timeline))
    else:
        out.print(no_roadmap())
        out.print(_targets_table(timeline))
    for label, targets in listed_targets(timeline):
        if targets:
            out.print(label)
            out.print(bullets(targets_text(targets, printable, timeline.style)))


def bullets(lines: list[str]) -> Table:
    """A bulleted list whose wrapped lines stay indented under their bullet."""
    from rich.table import Table

    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    for line in lines:
        grid.add_row(" •", line)
    return grid


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
    for count, names, label in (
        (year.leaving[0], [commune_text(c, clean) for c in year.communes], communes_count),
        (year.leaving[1], [village_text(v, clean) for v in year.villages], villages_count),
    ):
        if count or names:
            said = label(count)
            lines.append(
                f"{said}: {', '.join(names)}"
                if names
                else _("{label} (not named)").format(label=said)
            )
    return lines or ["—"]


def _roadmap_table(timeline: Timeline) -> Table:
    from rich import box
    from rich.table import Table

    goal = timeline.goal or (0, 0)
    style = timeline.style
    funding, share_label = _money_columns(timeline, printable, wrap=True)
    communes, villages = timeline.years[-1].cumulative
    table = Table(box=box.SQUARE, show_lines=True, show_footer=True)
    table.add_column(_("Year"), footer=_("Total"), no_wrap=True)
    leaving = f"{communes_count(communes)}, {villages_count(villages)}"
    table.add_column(_("Leaving the list"), footer=leaving, ratio=1)
    table.add_column(_("Toward the goal"), no_wrap=True)
    total = funding_total(timeline)
    table.add_column(funding, justify="right", footer=money(total, style), no_wrap=True)
    whole = percent_text(share(total, timeline.total), style)
    table.add_column(share_label, justify="right", footer=whole, no_wrap=True)
    for year in timeline.years:
        table.add_row(
            str(year.year),
            "\n".join(leaving_text(year, printable)),
            "\n".join(progress_text(year, goal, bars=True)),
            money(year.funding, style),
            percent_text(year.share, style),
        )
    return table


def _targets_table(timeline: Timeline) -> Table:
    from rich import box
    from rich.table import Table

    style = timeline.style
    funding, share_label = _money_columns(timeline, printable, wrap=True)
    table = Table(box=box.SQUARE, show_lines=True)
    table.add_column(_("Year"), no_wrap=True)
    table.add_column(_("Targets to reach by the end of the year"), ratio=1)
    table.add_column(funding, justify="right", no_wrap=True)
    table.add_column(share_label, justify="right", no_wrap=True)
    for year in timeline.years:
        targets = targets_text(year.targets, printable, style)
        table.add_row(
            str(year.year),
            "\n".join(f"• {line}" for line in targets) or "—",
            money(year.funding, style),
            percent_text(year.share, style),
        )
    return table


def render_svg(timeline: Timeline, *, width: int = 110) -> str:
    """The text view as an SVG picture, marked as p135's so it may be replaced later."""
    import io

    out = console(io.StringIO(), color=True, width=width, record=True)
    print_text(timeline, out)
    svg = out.export_svg(title=f"p135 timeline · {title(timeline, printable)}")
    return "<!-- Generated by p135 -->\n" + svg


# --- markdown, csv, mermaid --------------------------------------------------------------------


def render_markdown(timeline: Timeline, stream: TextIO) -> None:
    lines = [f"### {title(timeline, escape.markdown)}", ""]
    if timeline.has_roadmap:
        lines += [goal_line(timeline), "", *_roadmap_markdown(timeline)]
    else:
        lines += [no_roadmap(), "", *_targets_markdown(timeline)]
    for label, targets in listed_targets(timeline):
        if targets:
            lines += ["", label]
            lines += [
                f"- {line}" for line in targets_text(targets, escape.markdown, timeline.style)
            ]
    stream.write("\n".join(lines) + "\n")


def _roadmap_markdown(timeline: Timeline) -> list[str]:
    goal, style = timeline.goal or (0, 0), timeline.style
    header = [
        _("Year"),
        _("Leaving the list"),
        _("Toward the goal"),
        *_money_columns(timeline, escape.markdown),
    ]
    rows = [
        [
            str(year.year),
            "<br>".join(leaving_text(year, escape.markdown)),
            ", ".join(progress_text(year, goal, bars=False)),
            money(year.funding, style),
            percent_text(year.share, style),
        ]
        for year in timeline.years
    ]
    return markdown_table(header, rows, right={3, 4})


def _targets_markdown(timeline: Timeline) -> list[str]:
    style = timeline.style
    header = [
        _("Year"),
        _("Targets to reach by the end of the year"),
        *_money_columns(timeline, escape.markdown),
    ]
    rows = [
        [
            str(year.year),
            "; ".join(targets_text(year.targets, escape.markdown, style)) or "—",
            money(year.funding, style),
            percent_text(year.share, style),
        ]
        for year in timeline.years
    ]
    return markdown_table(header, rows, right={2, 3})


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
)


def render_csv(timeline: Timeline, stream: TextIO) -> None:
    """One row a year; names joined with `; ` as `name (district)` / `name (commune, district)`.
    Numbers stay numbers; a text cell a spreadsheet could read as a formula starts with `'`."""
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
        )
        for year in timeline.years
    ]
    stream.write(csv_text(CSV_HEADER, rows))


def render_mermaid(timeline: Timeline, stream: TextIO) -> None:
    """A chart GitHub renders in a comment: bars of communes and a line of villages out of the
    list, cumulative, against the goal; a timeline of targets when there is no roadmap.
    Plan text is written with mermaid's entity codes for its syntax characters (`#34;`)."""
    lines = ["```mermaid"]
    lines += _mermaid_chart(timeline) if timeline.has_roadmap else _mermaid_targets(timeline)
    stream.write("\n".join([*lines, "```"]) + "\n")


def _mermaid_chart(timeline: Timeline) -> list[str]:
    communes, villages = timeline.goal or (0, 0)
    top = max(communes, villages, *(max(y.cumulative) for y in timeline.years), 1)
    heading = _(
        "{province} - out of the especially-difficult list, cumulative "
        "(bars - communes, goal {communes}, line - villages, goal {villages})"
    ).format(province=escape.mermaid(timeline.province), communes=communes, villages=villages)
    axis = _("communes, villages")
    return [
        "xychart-beta",
        f'    title "{heading}"',
        f"    x-axis [{', '.join(str(y.year) for y in timeline.years)}]",
        f'    y-axis "{axis}" 0 --> {top}',
        f"    bar [{', '.join(str(y.cumulative[0]) for y in timeline.years)}]",
        f"    line [{', '.join(str(y.cumulative[1]) for y in timeline.years)}]",
    ]


def _mermaid_targets(timeline: Timeline) -> list[str]:
    heading = _("{title} - no roadmap, targets by year").format(
        title=title(timeline, escape.mermaid)
    )
    lines = ["timeline", f"    title {heading}"]
    for year in timeline.years:
        targets = (*timeline.every_year, *year.targets)
        labels = [
            f"{escape.mermaid(t.id)} "
            f"{target_figure(t, clean=escape.mermaid, style=timeline.style)}".strip()
            for t in targets
        ]
        events = " : ".join(labels) or _("no target stated")
        lines.append(f"    {year.year} : {events}")
    return lines
