"""The text view of `p135 timeline` (and the SVG picture of it), laid out by the table engine
(p135cli.views.table): no name, figure or count with its noun is cut across lines, at any
width. Narrow, the year table is a summary and the names follow it, a line each, by year and
district; wide, the names are in the table. Without a width (a file, a pipe) it is laid out for
its content.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from p135cli.i18n import NumberStyle, _, _n
from p135cli.model import Target
from p135cli.render.escape import view_text
from p135cli.views.common import (
    Clean,
    approximately,
    bar,
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
    draw,
    field_lines,
    fit,
    fit_widths,
    fixed,
    flow,
    pieces,
    shown_columns,
    width_of,
)
from p135cli.views.timeline_model import (
    Timeline,
    Year,
    communes_count,
    district_names,
    goal_line,
    kinds_counted,
    listed_targets,
    money_headers,
    no_roadmap,
    title_parts,
    today_legend,
    villages_count,
)

WIDE = 40
"""The narrowest column of names the year table holds; narrower, the names follow the table."""
TARGETS = 30
"""The narrowest column of targets the year table holds; narrower, targets are listed by year."""


def layout(timeline: Timeline, width: int | None, clean: Clean = view_text) -> list[Block]:
    """The text view laid out for `width` columns (None: for its content)."""
    line = MEASURE if width is None else min(width, MEASURE)
    units = _units(timeline)
    *named, last = title_parts(timeline, clean)
    heading = [*(f"{part} ·" for part in named), last]
    blocks: list[Block] = [Lines(flow(heading, width), "bold")]
    if timeline.has_roadmap:
        goal, legend = goal_line(timeline), today_legend(timeline)
        blocks += [Lines(flow(pieces(goal), line))] if goal else []
        blocks += [Lines(flow(pieces(legend), line))] if legend else []
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


# --- the roadmap: a year table, and the names by year and district -----------------------------


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
    funding, share_label = money_headers(timeline, clean, wrap=True)
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
    kinds = kinds_counted(timeline)
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
        count, named = year.leaving[kind], district_names(year, kind, clean)
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
    funding = money_headers(timeline, clean)[0]
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
            count, named = year.leaving[kind], district_names(year, kind, clean)
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
    funding, share_label = money_headers(timeline, clean, wrap=True)
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
        lines += field_lines(money_headers(timeline, clean)[0], [amount], width) if amount else []
        lines += field_lines(share_label, [part], width) if part else []
        for para in cell:
            lines += Pieces(para.parts, "  " + para.lead, 2 + para.indent).lines(width)
    return [Lines(lines)]
