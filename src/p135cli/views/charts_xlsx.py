"""The charts of `p135 report`'s workbook: Excel's own charts, on a sheet of their own.

The sheet (`Biểu đồ` in a Vietnamese run, `Charts` in an English one) holds each plan that has
something to draw (p135cli.views.chart_data): its heading, its funding chart and its roadmap
chart side by side, and the roadmap's figures under them; a plan a printed page. Every chart
reads the workbook's cells, so a planner who edits a figure sees the chart follow: the funding
chart reads the plan's own sheet (`Nhóm × năm`, `Theo năm` or `Nguồn vốn`), the roadmap chart
the table under it, where each year's cumulative count is a sum of the years so far and the
goal one cell. Titles, axes, legends and the roadmap's table speak the run's language.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from openpyxl.chart import BarChart, LineChart, Reference, Series
from openpyxl.chart.data_source import NumFmt, StrRef
from openpyxl.chart.label import DataLabelList
from openpyxl.chart.series import Series as ChartSeries
from openpyxl.chart.series import SeriesLabel
from openpyxl.chart.text import RichText, Text
from openpyxl.chart.title import Title
from openpyxl.drawing.spreadsheet_drawing import AnchorMarker, TwoCellAnchor
from openpyxl.drawing.text import (
    CharacterProperties,
    Paragraph,
    ParagraphProperties,
    RegularTextRun,
)
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.properties import PageSetupProperties

from p135cli.i18n import N_, _
from p135cli.model import QUALIFIED, Comparator, qualifies
from p135cli.views.chart_data import (
    Bars,
    PlanCharts,
    build,
    funding_title,
    roadmap_title,
)
from p135cli.views.report_formats import FONT
from p135cli.views.timeline_model import kinds_counted

if TYPE_CHECKING:
    from openpyxl.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

    from p135cli.views.report_model import Report
    from p135cli.views.timeline_model import Timeline

CHART_COLUMNS, CHART_ROWS = 7, 24
"""The cells a chart covers: two side by side (a column between them) across a landscape A4
page, about 17 by 12.5 cm in Excel."""
COLUMN = 13.0
"""The width of the sheet's columns, in characters (the roadmap's table fits it)."""
COLOURS = ("0072B2", "E69F00", "009E73", "CC79A7", "56B4E9", "D55E00", "999999")
"""The pictures' colours (p135cli.views.charts), so the workbook and a picture read alike."""
KIND_COLOURS = ("0072B2", "D55E00")


class Place:
    """Where a table's figures are in the workbook: its sheet, and its cells by row and
    column as p135cli.views.report_formats lays a sheet out (the table's rows from
    `first_row`, the columns it shows in order; the headers in Vietnamese at `header_row`)."""

    def __init__(
        self, sheet: Worksheet, keys: Sequence[str], first_row: int, header_row: int
    ) -> None:
        self.sheet = sheet
        self.keys = list(keys)
        self.first_row = first_row
        self.header_row = header_row

    def column(self, key: str) -> int:
        return self.keys.index(key) + 1

    def row(self, index: int) -> int:
        return self.first_row + index

    def cells(self, first: tuple[int, int], last: tuple[int, int]) -> Reference:
        """The cells from (row, column) `first` to `last`, on this sheet."""

        return Reference(self.sheet, first[1], first[0], last[1], last[0])


def add_charts(
    book: Workbook,
    report: Report,
    places: Mapping[int, Place],
    name: str,
) -> Worksheet | None:
    """The charts sheet, named `name`, after the others; None when no plan has a chart.
    `places`: where each table's sheet is, by the table's id."""
    drawn = [charts for charts in build(report) if charts.drawn]
    if not drawn:
        return None
    sheet: Worksheet = book.create_sheet(name)
    row = 1
    for number, charts in enumerate(drawn):
        if number:
            sheet.row_breaks.append(Break(id=row - 1))  # a plan a page
        row = _plan(sheet, charts, row, places)
    for column in range(1, 2 * CHART_COLUMNS + 2):
        sheet.column_dimensions[get_column_letter(column)].width = COLUMN
    _print_setup(sheet, row - 1)
    return sheet


def _plan(sheet: Worksheet, charts: PlanCharts, row: int, places: Mapping[int, Place]) -> int:
    """One plan's heading, charts and roadmap table from `row`; the row after them."""
    heading = sheet.cell(row, 1, charts.heading)
    heading.data_type = "s"  # plan text: never a formula
    heading.font = Font(name=FONT, bold=True, size=13)
    drawn = []
    if charts.funding is not None:
        drawn.append(_funding(charts.funding, places[id(charts.funding.table)]))
    table_row = row + 1 + CHART_ROWS + 1
    if charts.roadmap is not None:
        drawn.append(_roadmap(sheet, charts.roadmap, table_row))
        table_row += len(charts.roadmap.years) + 1
    for chart, column in zip(drawn, (0, CHART_COLUMNS + 1), strict=False):
        # `row` counts from 1, the anchor from 0. openpyxl writes an anchor object as it is
        # (its stubs name only a cell's name, which fixes the size in centimetres).
        chart.anchor = _cells(column, row)  # type: ignore[assignment]
        sheet.add_chart(chart)
    return table_row + 1


def _cells(column: int, row: int) -> TwoCellAnchor:
    """A chart's place, CHART_COLUMNS wide and CHART_ROWS tall from the top left corner of
    (`column`, `row`), counted from 0: its size follows the cells, as the table's does, in
    whatever font a spreadsheet draws them."""
    start = AnchorMarker(col=column, row=row)
    end = AnchorMarker(col=column + CHART_COLUMNS, row=row + CHART_ROWS)
    return TwoCellAnchor(_from=start, to=end)


def _chart(kind: str, title: str) -> BarChart:
    chart = BarChart()
    chart.type = kind
    chart.title = _title(title)
    chart.style = 10
    for axis in (chart.x_axis, chart.y_axis):
        axis.delete = False  # openpyxl hides them otherwise in recent Excel
    _number_format(chart, "#,##0")
    return chart


def _title(text: str) -> Title:
    """A chart's title in 12 points, not bold: Excel's 14-point bold one wraps the roadmap's
    title over three lines."""
    font = CharacterProperties(sz=1200, b=False)
    line = Paragraph(pPr=ParagraphProperties(defRPr=font), r=[RegularTextRun(rPr=font, t=text)])
    return Title(tx=Text(rich=RichText(p=[line])), overlay=False)


def _values_shown() -> DataLabelList:
    """Each bar's figure written on it, as its cell shows it."""
    return DataLabelList(
        showVal=True, showSerName=False, showCatName=False, showLegendKey=False, showPercent=False
    )


def _number_format(chart: BarChart, code: str) -> None:
    """The value axis's numbers: grouped, in the reader's own Excel's separators."""
    chart.y_axis.numFmt = NumFmt(formatCode=code, sourceLinked=False)


def _funding(bars: Bars, place: Place) -> BarChart:
    """The funding chart, reading the plan's own sheet: by year stacked by category (a series
    a category's row across the years' columns), by year, or a bar a source."""
    chart = _chart("bar" if bars.by == "sources" else "col", funding_title(bars))
    if bars.columns != ("amount",):  # the categories table: a category a row, a year a column
        _by_category(chart, bars, place)
        if not bars.stacked:  # one category: drawn as a picture draws it, figures on the bars
            chart.series[0].dLbls = _values_shown()
            chart.legend = None
        return chart
    column = place.column("amount")
    label = place.column("year" if bars.by == "years" else "name")
    top, bottom = place.row(bars.rows[0]), place.row(bars.rows[-1])
    chart.series.append(_series(place.cells((top, column), (bottom, column)), COLOURS[0]))
    chart.set_categories(place.cells((top, label), (bottom, label)))
    chart.series[0].dLbls = _values_shown()
    chart.legend = None
    if bars.by == "sources":  # the first source on top, as listed, the figures under them
        chart.x_axis.scaling.orientation = "maxMin"
        chart.y_axis.crosses = "max"
    return chart


def _by_category(chart: BarChart, bars: Bars, place: Place) -> None:
    chart.grouping, chart.overlap = "stacked", 100
    first, last = place.column(bars.columns[0]), place.column(bars.columns[-1])
    name = get_column_letter(place.column("name"))
    for series, colour in zip(bars.series, _colours(len(bars.series)), strict=True):
        row = place.row(series.row or 0)
        drawn = _series(place.cells((row, first), (row, last)), colour)
        named = f"{quote_sheetname(place.sheet.title)}!${name}${row}"
        drawn.tx = SeriesLabel(strRef=StrRef(f=named))
        chart.series.append(drawn)
    header = place.header_row  # the years' headers: `2017`, `2018`...
    chart.set_categories(place.cells((header, first), (header, last)))
    chart.legend.position = "b"


def _series(values: Reference, colour: str) -> ChartSeries:
    drawn: ChartSeries = Series(values)
    _fill(drawn, colour)
    return drawn


def _colours(count: int) -> list[str]:
    return [COLOURS[i % len(COLOURS)] for i in range(count)]


def _fill(series: ChartSeries, colour: str) -> None:
    properties = series.graphicalProperties
    properties.solidFill = colour
    properties.line.solidFill = colour


# --- the roadmap -------------------------------------------------------------------------------


def _roadmap(sheet: Worksheet, timeline: Timeline, row: int) -> BarChart:
    """The roadmap's table from `row` (a year a row: who leaves, the cumulative counts as sums,
    the goal), and the chart that reads it: the cumulative counts as bars, each goal as a
    dashed line."""
    last = row + len(timeline.years)
    chart = _chart("col", roadmap_title())
    chart.grouping = "clustered"
    goals = LineChart()
    for column, kind, is_goal in _roadmap_table(sheet, timeline, row):
        drawn = Series(Reference(sheet, column, row, column, last), title_from_data=True)
        if is_goal:
            line = drawn.graphicalProperties.line
            line.solidFill, line.dashStyle, line.width = KIND_COLOURS[kind], "dash", 22_000
            drawn.marker.symbol, drawn.smooth = "none", False
            goals.series.append(drawn)
            continue
        _fill(drawn, KIND_COLOURS[kind])
        drawn.dLbls = _values_shown()
        chart.series.append(drawn)
    chart.set_categories(Reference(sheet, 1, row + 1, 1, last))
    chart.legend.position = "b"
    _number_format(chart, "0")
    if goals.series:
        chart += goals
    return chart


HEADERS = (
    (N_("Communes leaving"), N_("Villages leaving")),
    (N_("Communes out, cumulative"), N_("Villages out, cumulative")),
    (N_("Goal: communes"), N_("Goal: villages")),
)
"""The roadmap table's headers after `Year`, by kind (communes, villages): who leaves in the
year, who is out by its end, the goal."""


def _roadmap_table(sheet: Worksheet, timeline: Timeline, row: int) -> list[tuple[int, int, bool]]:
    """The table under the charts, its headers at `row`: a column a kind counted for who
    leaves each year, who is out by its end (a sum of the years so far), and each goal the plan
    states (one cell, the others say `=` it). The columns the chart draws: (column, kind, a
    goal?)."""
    kinds = kinds_counted(timeline)
    goal = timeline.goal or (0, 0)
    aims = [kind for kind in kinds if goal[kind]]
    leaving, out, aim = 2, 2 + len(kinds), 2 + 2 * len(kinds)
    headers = [_("Year"), *(_(HEADERS[part][k]) for part in (0, 1) for k in kinds)]
    _headers(sheet, row, [*headers, *(_(HEADERS[2][kind]) for kind in aims)])
    first = row + 1
    for at, year in enumerate(timeline.years, start=first):
        sheet.cell(at, 1, year.year)
        for order, kind in enumerate(kinds):
            count = sheet.cell(at, leaving + order, year.leaving[kind])
            count.number_format = _marked("0", year.qualifiers[kind])
            letter = get_column_letter(leaving + order)
            total = sheet.cell(at, out + order, f"=SUM({letter}${first}:{letter}{at})")
            total.number_format = '"≈ "0' if year.approximate[kind] else "0"
        for order, kind in enumerate(aims):
            top = f"={get_column_letter(aim + order)}${first}"
            sheet.cell(at, aim + order, goal[kind] if at == first else top)
    drawn = [(out + order, kind, False) for order, kind in enumerate(kinds)]
    return drawn + [(aim + order, kind, True) for order, kind in enumerate(aims)]


def _headers(sheet: Worksheet, row: int, headers: Sequence[str]) -> None:
    """A header row, bold, wrapped over up to three lines."""
    for column, header in enumerate(headers, start=1):
        cell = sheet.cell(row, column, header)
        cell.font = Font(name=FONT, bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="bottom", horizontal="center")
    sheet.row_dimensions[row].height = 45.0


def _marked(code: str, qualifier: Comparator | None) -> str:
    """A count's number format with the document's qualifier, in the run's language:
    `"more than "0`."""
    if qualifier is None or not qualifies(qualifier):
        return code
    before, _value, after = _(QUALIFIED[qualifier]).partition("{value}")
    quoted = [f'"{text}"' if text else "" for text in (before, after)]
    return quoted[0] + code + quoted[1]


def _print_setup(sheet: Worksheet, last_row: int) -> None:
    """Landscape A4, a plan a page, one page wide: both charts and the table under them."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_area = f"A1:{get_column_letter(2 * CHART_COLUMNS + 1)}{max(last_row, 1)}"
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6
    footer = sheet.oddFooter
    if footer is not None:
        footer.left.text = "&A"
        footer.right.text = "&P / &N"
