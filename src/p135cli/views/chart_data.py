"""What the charts of `p135 report` draw, whatever draws them (matplotlib's pictures in
p135cli.views.charts, Excel's own charts in p135cli.views.charts_xlsx).

A plan gets up to two charts. Its funding: by year, each year's bar stacked by the year's
categories (`Nhóm × năm`), or, where a year states no categories, the years' totals; a plan
that states no funding by year, a bar a source. Its roadmap: the communes and villages out of
the list by the end of each year, cumulative, against the goal it states. The funding figures
are read from the report's own tables, so that the workbook's charts can name the cells they
come from; the roadmap from the plan's timeline (p135cli.views.timeline), as `timeline` shows
it. Amounts stay `Decimal` here: only the drawing step turns them into floats.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from p135cli.i18n import N_, NumberStyle, _
from p135cli.render.escape import one_line, view_text
from p135cli.views.common import period_text
from p135cli.views.report_model import Label, Report, Table

if TYPE_CHECKING:
    from p135cli.views.timeline_model import Timeline


@dataclass(frozen=True)
class Series:
    """One series of bars: its name (plan text, or p135's label) and a figure a bar."""

    name: str
    values: tuple[Decimal | None, ...]
    row: int | None = None
    """The table's row it is read from, where each series is a row (categories by year)."""


@dataclass(frozen=True)
class Bars:
    """A funding chart and the table it reads: `years` (a bar a year, stacked by category
    where the table is the categories') or `sources` (a bar a source)."""

    by: str
    table: Table
    labels: tuple[str, ...]
    """Under each bar: a year, or a source's name (plan text)."""
    series: tuple[Series, ...]
    columns: tuple[str, ...]
    """The table's columns the figures are in: a year's each (categories), or `amount`."""
    rows: tuple[int, ...]
    """The table's rows the bars are read from, in order."""
    totals: tuple[Decimal | None, ...]
    """Each bar's stated total (a year's), written above it."""
    need: bool = False
    """Whether the plan states its funding as a need (`Tổng nhu cầu vốn`)."""

    @property
    def stacked(self) -> bool:
        return len(self.series) > 1

    @property
    def unit(self) -> str:
        return self.table.unit


@dataclass(frozen=True)
class PlanCharts:
    path: str
    province: str
    heading: str
    """`Quảng Ninh · Chương trình 135 · 2017–2020`, plan text shown as a picture shows it."""
    style: NumberStyle | None
    funding: Bars | None
    roadmap: Timeline | None

    @property
    def drawn(self) -> bool:
        return self.funding is not None or self.roadmap is not None


def build(report: Report) -> tuple[PlanCharts, ...]:
    """Each plan's charts, in the report's order; the report built for charts (`charted`:
    its facts hold each roadmap's timeline)."""
    if not report.charted:
        raise ValueError("the report was built without what its charts draw")
    charts = []
    for (path, province, tables), facts in zip(report.plans, report.facts, strict=True):
        heading = " · ".join(
            [
                picture_text(province),
                picture_text(facts.programme),
                period_text(*facts.period),
            ]
        )
        funding = funding_bars({table.name: table for table in tables}, facts.need)
        charts.append(PlanCharts(path, province, heading, facts.style, funding, facts.roadmap))
    return tuple(charts)


def picture_text(text: str) -> str:
    """Plan text in a chart: on one line, printable, cut when long."""
    return view_text(one_line(text))


def funding_bars(tables: dict[str, Table], need: bool) -> Bars | None:
    """The funding chart the tables allow: by year (stacked by category where every year
    with a total states its categories), else by source; None when neither has a figure."""
    years = tables.get("years")
    if years is not None and years.has_figures():
        categories = tables.get("categories")
        stacked = _by_category(categories, _years(years), need) if categories else None
        return stacked or _by_year(years, need)
    sources = tables.get("sources")
    if sources is not None and sources.has_figures():
        return _by_source(sources, need)
    return None


def _column(table: Table, key: str) -> list[object]:
    """The cells of one of the table's columns, row by row."""
    at = [c.key for c in table.columns].index(key)
    return [row[at] for row in table.rows()]


def _years(table: Table) -> dict[str, Decimal | None]:
    """Each year's stated total, by year (as the categories table names its columns)."""
    years, amounts = _column(table, "year"), _column(table, "amount")
    return {str(year): _amount(amount) for year, amount in zip(years, amounts, strict=True)}


def _amount(value: object) -> Decimal | None:
    """A figure of a cell, with its marks (`Marked`: `hơn`, `≈`), or None for none."""
    if isinstance(value, Decimal):
        return value
    return Decimal(value) if isinstance(value, int) else None


def _by_category(table: Table, totals: dict[str, Decimal | None], need: bool) -> Bars | None:
    columns = tuple(c.key for c in table.columns if c.key.isdigit())
    if set(columns) != set(totals):  # a year with no categories: its total alone tells
        return None
    names = _column(table, "name")
    by_year = [[_amount(cell) for cell in _column(table, year)] for year in columns]
    series = tuple(
        Series(picture_text(str(name)), tuple(amounts[index] for amounts in by_year), index)
        for index, name in enumerate(names)
    )
    rows = tuple(range(len(series)))
    total = tuple(totals[year] for year in columns)
    return Bars("years", table, columns, series, columns, rows, total, need)


def _by_year(table: Table, need: bool) -> Bars:
    labels = tuple(str(year) for year in _column(table, "year"))
    amounts = tuple(_amount(amount) for amount in _column(table, "amount"))
    series = (Series(_(TOTAL), amounts),)
    rows = tuple(range(len(labels)))
    return Bars("years", table, labels, series, ("amount",), rows, amounts, need)


TOTAL = N_("Total")


def _by_source(table: Table, need: bool) -> Bars:
    names, cells = _column(table, "name"), _column(table, "amount")
    rows = tuple(i for i, name in enumerate(names) if not isinstance(name, Label))  # not Total
    labels = tuple(picture_text(str(names[i])) for i in rows)
    amounts = tuple(_amount(cells[i]) for i in rows)
    series = (Series(_(TOTAL), amounts),)
    return Bars("sources", table, labels, series, ("amount",), rows, (None,) * len(rows), need)


# --- what the charts say -----------------------------------------------------------------------


def funding_title(bars: Bars) -> str:
    """The funding chart's title, in the run's language, naming the unit (plan text)."""
    titles = {
        ("years", False): _("Funding by year ({unit})"),
        ("years", True): _("Funding needed by year ({unit})"),
        ("sources", False): _("Funding by source ({unit})"),
        ("sources", True): _("Funding needed by source ({unit})"),
    }
    if bars.stacked:
        titles["years", False] = _("Funding by year and category ({unit})")
        titles["years", True] = _("Funding needed by year and category ({unit})")
    return titles[bars.by, bars.need].format(unit=picture_text(bars.unit))


def roadmap_title() -> str:
    return _("Communes and villages out of the list, cumulative, against the goal")


def nothing_to_draw() -> str:
    """The line a plan with nothing to draw gets under its heading, in place of its charts."""
    return _("The plan states no funding by year or by source and no roadmap: nothing to draw.")
