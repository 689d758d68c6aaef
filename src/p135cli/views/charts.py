"""`p135 report --format svg` and `--format png`: each plan's charts as one picture.

The picture holds a row a plan, in the order given, each headed by its province, programme
and period: its funding (stacked by category where it states them) beside its roadmap's
cumulative communes and villages against the goal (p135cli.views.chart_data says what each
draws). A plan with nothing to draw gets a line saying so. One picture for the whole run, as
one workbook holds every plan: a planner pastes one file into a report, and a row a plan
keeps the provinces in the order they were given.

matplotlib draws them, imported here only: it is made for charts and well kept, which bars
drawn by hand would not be. It draws with the Agg and SVG canvases directly (never pyplot,
so no window and no MPLBACKEND matter), from matplotlib's defaults and p135's settings
(`SETTINGS`, not the user's matplotlibrc), in the DejaVu Sans it ships, which holds every
Vietnamese letter. The SVG writes its letters as outlines (no font named, none needed), on
white, with no date in it: the same plans give the same bytes. Plan text is never read as
matplotlib's math (`$...$`). Numbers are written in the plan's style (`1.342,4` in a vi plan).
"""

from __future__ import annotations

import contextlib
import io
import textwrap
from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from p135cli.i18n import _
from p135cli.output import MARKER
from p135cli.views.chart_data import (
    Bars,
    PlanCharts,
    build,
    funding_title,
    nothing_to_draw,
    picture_text,
    roadmap_title,
)
from p135cli.views.common import approximately, money
from p135cli.views.report_formats import cell_text
from p135cli.views.report_model import NEED, Marked, marks_of
from p135cli.views.timeline_model import communes_count, kinds_counted, villages_count

if TYPE_CHECKING:
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure, SubFigure
    from matplotlib.typing import RcKeyType

    from p135cli.i18n import NumberStyle
    from p135cli.views.report_model import Report
    from p135cli.views.timeline_model import Timeline

WIDTH = 11.69
"""Inches: an A4 page's long side, so a plan's row prints across a landscape page."""
ROW = 4.6
"""Inches a plan with charts takes."""
LINE = 0.75
"""Inches a plan with nothing to draw takes (its heading and the line that says so)."""
DPI = 150
TALLEST = 30_000
"""The most pixels a PNG is tall: many plans are drawn at a lower resolution, not cut."""
COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#999999")
"""Okabe and Ito's colours, which read apart for colour-blind eyes and on a grey print."""
KIND_COLOURS = ("#0072B2", "#D55E00")
"""Communes, villages: as in the workbook's charts."""
SETTINGS: dict[RcKeyType, object] = {
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "svg.fonttype": "path",
    "svg.hashsalt": "p135",
    "text.parse_math": False,
    "figure.facecolor": "white",
    "savefig.facecolor": "white",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.axisbelow": True,
}
"""p135's settings over matplotlib's defaults: its own DejaVu Sans, letters as outlines in an
SVG, ids that do not change between runs, plan text never read as math, white paper."""
HEADING_WIDTH = 110
"""Characters of a plan's heading on one line, across the picture."""
TITLE_WIDTH = 60
"""Characters of a chart's title on one line: two charts share a row."""
NAME_WIDTH = 28
"""Characters of a name on one line under a bar or in a legend; a longer name wraps."""


def render_svg(report: Report) -> str:
    """The picture as SVG text, marked as p135's on its first line."""
    with _drawing():
        figure = _figure(build(report))
        stream = io.StringIO()
        metadata = {"Creator": MARKER.decode(), "Date": None}
        figure.savefig(stream, format="svg", metadata=metadata)
    svg = stream.getvalue()
    return f"<!-- {MARKER.decode()} -->\n" + svg[svg.index("<svg") :]


def render_png(report: Report) -> bytes:
    """The picture as PNG, marked as p135's in its `Software` text."""
    with _drawing():
        figure = _figure(build(report))
        stream = io.BytesIO()
        dpi = min(DPI, TALLEST / figure.get_figheight())
        figure.savefig(stream, format="png", dpi=dpi, metadata={"Software": MARKER.decode()})
    return stream.getvalue()


@contextlib.contextmanager
def _drawing() -> Iterator[None]:
    """matplotlib's defaults and p135's settings, whatever the user's matplotlibrc says."""
    import matplotlib
    import matplotlib.style

    with matplotlib.style.context("default"), matplotlib.rc_context(SETTINGS):
        yield


def _figure(charts: Sequence[PlanCharts]) -> Figure:
    from matplotlib.figure import Figure

    heights = [ROW if plan.drawn else LINE for plan in charts] or [LINE]
    figure = Figure(figsize=(WIDTH, sum(heights)), layout="constrained")
    rows = figure.subfigures(len(heights), 1, height_ratios=heights, squeeze=False)[:, 0]
    for row, plan in zip(rows, charts, strict=False):
        if plan.drawn:
            _plan_row(row, plan)
        else:
            _heading(row, plan)
            row.text(0.01, 0.15, nothing_to_draw(), va="bottom", ha="left")
    return figure


def _heading(row: SubFigure, plan: PlanCharts) -> None:
    """The plan's province, programme and period over its row, on two lines at most."""
    heading = "\n".join(textwrap.wrap(plan.heading, HEADING_WIDTH, max_lines=2, placeholder=" …"))
    row.suptitle(heading, x=0.01, ha="left", fontweight="bold", fontsize=12)


def _plan_row(row: SubFigure, plan: PlanCharts) -> None:
    _heading(row, plan)
    drawn = [part for part in (plan.funding, plan.roadmap) if part is not None]
    axes = row.subplots(1, len(drawn), squeeze=False)[0]
    for ax in axes:
        ax.grid(axis="y", color="#dddddd", linewidth=0.6)
    if plan.funding is not None:
        _funding(axes[0], plan.funding, plan.style)
    if plan.roadmap is not None:
        _roadmap(axes[-1], plan.roadmap, plan.style)


def _wrapped(name: str) -> str:
    """A name on lines of NAME_WIDTH characters, three at most (a longer one ends in `…`)."""
    return "\n".join(textwrap.wrap(name, NAME_WIDTH, max_lines=3, placeholder=" …")) or name


def _figures(values: Sequence[Decimal | None]) -> list[float]:
    """Amounts as the drawing takes them (floats, only here); a missing one draws nothing."""
    # matplotlib draws with floats; every figure a person reads is formatted from its Decimal
    # (`_said`), never from these heights.
    return [float(value) if value is not None else 0.0 for value in values]  # float-ok


def _label_above(ax: Axes, text: str, x: float, y: float) -> None:
    """A bar's figure written just above it."""
    ax.annotate(
        text,
        (x, y),
        xytext=(0, 3),
        textcoords="offset points",
        ha="center",
        va="bottom",
        fontsize=9,
    )


def _styled_ticks(ax: Axes, style: NumberStyle | None, axis: str = "y") -> None:
    """Tick labels in the plan's number style: `1.342,4` in a vi plan."""
    from matplotlib.ticker import FuncFormatter

    def tick(value: float, _position: object) -> str:
        return money(Decimal(f"{value:.6f}").normalize(), style)

    (ax.yaxis if axis == "y" else ax.xaxis).set_major_formatter(FuncFormatter(tick))


def _funding(ax: Axes, bars: Bars, style: NumberStyle | None) -> None:
    _title(ax, funding_title(bars))
    if bars.by == "sources":
        _by_source(ax, bars, style)
        return
    places = list(range(len(bars.labels)))
    bottom = [0.0] * len(places)
    for series, colour in zip(bars.series, _colours(len(bars.series)), strict=True):
        heights = _figures(series.values)
        ax.bar(places, heights, 0.6, bottom=bottom, color=colour, label=_wrapped(series.name))
        bottom = [low + high for low, high in zip(bottom, heights, strict=True)]
    for place, top, total in zip(places, bottom, bars.totals, strict=True):
        if total is not None:
            _label_above(ax, _said(total, style), place, top)
    ax.set_xticks(places, list(bars.labels))
    ax.margins(y=0.12)
    _styled_ticks(ax, style)
    if bars.stacked:
        _legend(ax, len(bars.series))


def _said(value: object, style: NumberStyle | None) -> str:
    """A bar's figure as its cell says it, but for the need mark: the chart's title says the
    figures are needs, so each bar need not."""
    kept = tuple(mark for mark in marks_of(value) if mark != NEED)
    if isinstance(value, Decimal) and kept != marks_of(value):
        value = Marked(Decimal(value), kept) if kept else Decimal(value)
    return cell_text(value, picture_text, style)


def _colours(count: int) -> Iterator[str]:
    return (COLOURS[i % len(COLOURS)] for i in range(count))


def _by_source(ax: Axes, bars: Bars, style: NumberStyle | None) -> None:
    """A bar a source, across, its name beside it and its amount at its end."""
    places = list(range(len(bars.labels)))
    lengths = _figures(bars.series[0].values)
    ax.barh(places, lengths, 0.6, color=COLOURS[0])
    for place, length, value in zip(places, lengths, bars.series[0].values, strict=True):
        if value is not None:
            ax.annotate(
                _said(value, style),
                (length, place),
                xytext=(3, 0),
                textcoords="offset points",
                va="center",
                fontsize=9,
            )
    ax.set_yticks(places, [_wrapped(label) for label in bars.labels])
    ax.invert_yaxis()  # the first source on top, as the table lists it
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    ax.margins(x=0.15)
    _styled_ticks(ax, style, axis="x")


def _roadmap(ax: Axes, timeline: Timeline, style: NumberStyle | None) -> None:
    """A bar a year and a kind (communes, villages) out of the list by the year's end,
    cumulative (`≈` where it adds a count the document qualifies), and a dashed line at each
    goal the plan states."""
    from matplotlib.ticker import MaxNLocator

    _title(ax, roadmap_title())
    kinds = kinds_counted(timeline)
    width = 0.8 / len(kinds)
    places = list(range(len(timeline.years)))
    goal = timeline.goal or (0, 0)
    drawn: list[Artist | tuple[Artist, ...]] = []
    for order, kind in enumerate(kinds):
        colour, shift = KIND_COLOURS[kind], (order - (len(kinds) - 1) / 2) * width
        counts = [year.cumulative[kind] for year in timeline.years]
        label = _("Communes") if kind == 0 else _("Villages")
        at = [place + shift for place in places]
        drawn.append(ax.bar(at, counts, width * 0.9, color=colour, label=label))
        for x, count, year in zip(at, counts, timeline.years, strict=True):
            text = approximately(money(Decimal(count), style), year.approximate[kind])
            _label_above(ax, text, x, count)
        if goal[kind]:
            line = ax.axhline(goal[kind], color=colour, linestyle="--", linewidth=1.4)
            line.set_label(_goal_label(timeline, kind))
            drawn.append(line)
    ax.set_xticks(places, [str(year.year) for year in timeline.years])
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.margins(y=0.12)
    _styled_ticks(ax, style)
    _legend(ax, len(drawn), drawn)


def _goal_label(timeline: Timeline, kind: int) -> str:
    from p135cli.views.common import with_qualifier

    goal = timeline.goal or (0, 0)
    count = communes_count(goal[kind]) if kind == 0 else villages_count(goal[kind])
    counted = with_qualifier(count, timeline.goal_qualifier)
    return _("Goal: {count} by {year}").format(count=counted, year=timeline.goal_year)


def _title(ax: Axes, title: str) -> None:
    """A chart's title over its left edge, wrapped to the chart's width."""
    ax.set_title("\n".join(textwrap.wrap(title, TITLE_WIDTH)), loc="left", fontsize=11)


def _legend(
    ax: Axes, entries: int, shown: Sequence[Artist | tuple[Artist, ...]] | None = None
) -> None:
    """The legend under the chart, its entries side by side as room allows (each kind of
    place's bars, then its goal, where `shown` orders them)."""
    kept = {"handles": shown} if shown is not None else {}
    ax.legend(
        **kept,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.08),
        ncols=min(entries, 2),
        frameon=False,
        fontsize=9,
    )
