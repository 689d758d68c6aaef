"""`p135 report` as people read, print and share it: no figure is ever cut, at any width, on
a terminal or into a pipe; the provinces read down; a split of a source is in every format; a
plan with no funding figure gets no empty table; the workbook prints as it is."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from openpyxl.utils import get_column_letter
from rich.cells import cell_len

from p135cli.checking import open_document
from p135cli.i18n import NumberStyle, speak
from p135cli.model import Plan
from p135cli.views import report_formats
from p135cli.views.common import money
from p135cli.views.report import build
from p135cli.views.report_model import Report
from tests.conftest import PLANS, ROOT, assert_golden, run_cli

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

PROVINCES = ["Bắc Kạn", "Lạng Sơn", "Ninh Bình", "Quảng Ninh"]
WIDTHS = [80, 200]
LANGS = ["en", "vi"]


@pytest.fixture(autouse=True)
def _at_root(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.chdir(ROOT)  # paths in the output stay relative, as a user would type them
    yield
    speak("en", None)


def _plans() -> list[tuple[str, Plan]]:
    plans = []
    for path in sorted(PLANS.glob("*.yaml")):
        plan, _ = open_document(path)
        assert isinstance(plan, Plan)
        plans.append((f"data/plans/{path.name}", plan))
    return plans


@pytest.fixture(scope="module")
def report() -> Report:
    return build(_plans())


def _styles() -> dict[str, NumberStyle | None]:
    return {plan.province: plan.number_style for _path, plan in _plans()}


def figures() -> set[str]:
    """Every figure of the JSON report, written in its plan's number style as people read it:
    amounts and shares with their stated decimals, counts grouped, years as they are."""
    data = json.loads(report_formats.render_json(build(_plans())))
    styles = _styles()
    found: set[str] = set()

    def add(value: object, kind: str, style: NumberStyle | None) -> None:
        if value is None or kind == "text":
            return
        if kind == "year":
            found.add(str(value))
        else:
            found.add(money(Decimal(str(value)), style))

    for plan in data["plans"]:
        for table in plan["tables"]:
            kinds = {column["key"]: column["kind"] for column in table["columns"]}
            for row in table["rows"]:
                for key, value in row.items():
                    add(value, kinds.get(key, "text"), styles[plan["province"]])
    across = data["by_province"]
    kinds = {column["key"]: column["kind"] for column in across["columns"]}
    for row in across["rows"]:
        for key, value in row.items():
            add(value, kinds[key], styles[row["province"]])
    return found


def assert_every_figure_whole(text: str) -> None:
    """Each figure appears whole (no digit, mark or separator glued to either side), and
    nothing is cut with an ellipsis."""
    assert "…" not in text
    missing = [
        figure
        for figure in sorted(figures())
        if not re.search(rf"(?<![\d.,]){re.escape(figure)}(?![\d.,])", text)
    ]
    assert not missing, missing


def _render(report: Report, width: int, lang: str) -> str:
    speak(lang)
    try:
        return report_formats.render_text(report, color=False, width=width)
    finally:
        speak("en", None)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("width", WIDTHS)
def test_a_terminal_of_any_width_shows_every_figure_whole(
    report: Report, width: int, lang: str
) -> None:
    text = _render(report, width, lang)
    assert_every_figure_whole(text)
    too_wide = [line for line in text.splitlines() if cell_len(line) > width]
    assert not too_wide, too_wide[:3]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("width", WIDTHS)
def test_a_pipe_lays_tables_out_for_their_content(
    width: int, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not a terminal: the width of the terminal (COLUMNS) does not matter; no table wraps."""
    monkeypatch.setenv("COLUMNS", str(width))
    ran = run_cli("report", "data/plans", "--lang", lang)
    assert ran.code == 0, ran
    assert_every_figure_whole(ran.out)
    monkeypatch.setenv("COLUMNS", "300")
    assert run_cli("report", "data/plans", "--lang", lang).out == ran.out
    # nothing wraps: no line of a table continues the row above it (an empty first cell)
    assert not re.search(r"^│ +│", ran.out, re.M)


def test_render_text_knows_a_pipe_from_a_terminal(report: Report) -> None:
    piped = report_formats.render_text(report, color=False, width=None, terminal=False)
    assert "part 1 of" not in piped
    assert_every_figure_whole(piped)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_text_report_at_a_fixed_width_matches_its_golden_file(
    report: Report, width: int
) -> None:
    assert_golden(f"report/all-plans-{width}.txt", _render(report, width, "en"))


def test_a_narrow_terminal_splits_a_wide_table_and_repeats_the_names_of_its_rows(
    report: Report,
) -> None:
    """Four provinces side by side fit 80 columns in one table; at 50 the table is split, each
    part repeating the measures naming its rows, each province in one part."""
    assert "Provinces side by side, part" not in _render(report, 80, "en")
    text = _render(report, 50, "en")
    assert "Provinces side by side, part 1 of" in text
    parts = text.split("Provinces side by side, part ")[1:]
    assert len(parts) > 1
    for part in parts:
        assert re.search(r"^│ Period +│", part, re.M)
        assert re.search(r"^│ Communes leaving 2019 +│", part, re.M)
    for province in PROVINCES:
        assert sum(province in part.split("\n")[2] for part in parts) == 1, province


def test_a_single_row_too_wide_for_the_terminal_is_shown_as_a_list(report: Report) -> None:
    text = _render(report, 80, "en")
    allocated = text.split("Quảng Ninh · Allocated against need")[1]
    assert re.search(r"^│ Need \(tỷ đồng\) +│ +326,641 │$", allocated, re.M)
    assert re.search(r"^│ Decision +│ 4318/QĐ-UBND +│$", allocated, re.M)


# --- provinces read down -----------------------------------------------------------------------


def _markdown_provinces(markdown: str) -> list[list[str]]:
    table = markdown.split("### Provinces side by side")[1].strip().splitlines()
    return [[cell.strip() for cell in line.strip("|").split(" | ")] for line in table]


def test_the_provinces_table_has_one_column_a_province(report: Report, tmp_path: Path) -> None:
    """Provinces across, measures down (sources, totals, years): four provinces read side by
    side at 80 columns; many more are split into tables that repeat the measures."""
    header, _rule, *rows = _markdown_provinces(report_formats.render_markdown(report))
    assert header == ["Measure", *PROVINCES]
    measures = [row[0] for row in rows]
    assert measures[:4] == [
        "Period",
        "Programme",
        "Total funding (tỷ đồng)",
        "Total funding need (tỷ đồng)",
    ]
    quang_ninh = {row[0]: row[4] for row in rows}
    assert quang_ninh["Total funding (tỷ đồng)"] == "1.342,439"
    assert quang_ninh["Communes leaving 2019"] == "13"
    assert "Communes leaving 2016" not in measures  # no plan has a roadmap for 2016
    text = _render(report, 80, "vi")
    table = text.split("\nCác tỉnh\n")[1]
    assert re.search(
        r"^│ Chỉ tiêu +│ +Bắc Kạn │ +Lạng Sơn │ +Ninh Bình │ +Quảng Ninh │$", table, re.M
    )
    data = json.loads(report_formats.render_json(report))
    assert [row["province"] for row in data["by_province"]["rows"]] == PROVINCES
    assert data["provinces"]["rows"][0]["key"] == "period"  # the stated layout stays
    target = tmp_path / "report.xlsx"
    assert run_cli("report", "data/plans", "-o", target).code == 0
    import openpyxl

    sheet = openpyxl.load_workbook(target)["Các tỉnh"]
    assert [cell.value for cell in sheet[3]] == ["Measure (Vietnamese)", "Measure", *PROVINCES]
    labels = [sheet.cell(row, 1).value for row in range(4, sheet.max_row + 1)]
    assert labels[:4] == [
        "Thời kỳ",
        "Chương trình",
        "Tổng vốn (tỷ đồng)",
        "Tổng nhu cầu vốn (tỷ đồng)",
    ]


# --- splits ------------------------------------------------------------------------------------

LANG_SON = "data/plans/lang-son-2017-2020.yaml"


def test_a_split_of_a_source_is_in_every_format(tmp_path: Path) -> None:
    text = run_cli("report", LANG_SON, "--width", "100").out
    splits = text.split("Lạng Sơn · Splits of a figure")[1]
    assert re.search(
        r"│ Ngân sách Trung ương +│ vốn CTMTQG NTM +│ +1\.045 │ +66,1 │ +11,6 │", splits
    )
    assert re.search(r"│ Ngân sách Trung ương +│ vốn CTMTQG giảm nghèo bền vững +│ +537 │", splits)
    markdown = run_cli("report", LANG_SON, "-f", "markdown").out
    assert "| Ngân sách Trung ương | vốn CTMTQG NTM | 1.045 | 66,1 | 11,6 |" in markdown
    assert (
        "| Ngân sách Trung ương | vốn CTMTQG giảm nghèo bền vững | 537 | 33,9 | 5,9 |" in markdown
    )
    rows = list(csv.DictReader(io.StringIO(run_cli("report", LANG_SON, "-f", "csv").out)))
    amounts = {
        r["row"]: r["value"] for r in rows if r["table"] == "splits" and r["column"] == "amount"
    }
    assert amounts == {"central.new_rural": "1045", "central.poverty": "537"}
    data = json.loads(run_cli("report", LANG_SON, "-f", "json").out)
    tables = {t["name"]: t for t in data["plans"][0]["tables"]}
    assert [(r["part"], r["amount"]) for r in tables["splits"]["rows"]] == [
        ("new_rural", "1045"),
        ("poverty", "537"),
    ]
    target = tmp_path / "ls.xlsx"
    assert run_cli("report", LANG_SON, "-o", target).code == 0
    import openpyxl

    sheet = openpyxl.load_workbook(target)["Lạng Sơn · Trong đó"]
    values = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=4)]
    assert values == [
        ["Ngân sách Trung ương", "vốn CTMTQG NTM", 1045, 66.1, 11.6],
        ["Ngân sách Trung ương", "vốn CTMTQG giảm nghèo bền vững", 537, 33.9, 5.9],
    ]


# --- a plan with no funding figure -------------------------------------------------------------


@pytest.mark.parametrize("name", ["bac-kan-2016-2020", "ninh-binh-2017-2020"])
def test_a_plan_with_no_funding_figure_gets_no_funding_table(name: str, tmp_path: Path) -> None:
    plan = f"data/plans/{name}.yaml"
    province = "Bắc Kạn" if name.startswith("bac") else "Ninh Bình"
    text = run_cli("report", plan, "--width", "80").out
    assert f"{province} · Funding" not in text and "Amount (tỷ đồng)" not in text
    assert f"{province} · The plan names " in text and "but states no amounts" in text
    markdown = run_cli("report", plan, "-f", "markdown").out
    assert f"### {province}" not in markdown
    target = tmp_path / "x.xlsx"
    assert run_cli("report", plan, "-o", target).code == 0
    import openpyxl

    assert openpyxl.load_workbook(target).sheetnames == ["Các tỉnh"]


def test_a_column_with_nothing_in_it_is_left_out(report: Report) -> None:
    markdown = report_formats.render_markdown(report)
    quang_ninh = markdown.split("### Quảng Ninh · Funding by source")[1]
    assert "| Name as written | Amount (tỷ đồng) | Computed share (%) |" in quang_ninh


# --- the workbook prints as it is ----------------------------------------------------------------


def _assert_prints_as_it_is(sheet: Worksheet) -> None:
    setup = sheet.page_setup
    assert (setup.orientation, setup.fitToWidth, setup.fitToHeight) == ("landscape", 1, 0)
    assert sheet.sheet_properties.pageSetUpPr is not None
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$1:$3"
    title = sheet["A1"].value
    assert isinstance(title, str) and " / " in title, sheet.title
    assert f"A1:{get_column_letter(sheet.max_column)}1" in {str(r) for r in sheet.merged_cells}
    last = get_column_letter(sheet.max_column)
    assert sheet.auto_filter.ref == f"A3:{last}{sheet.max_row}"
    assert sheet.max_row >= 4, f"{sheet.title} is empty"
    for number in (2, 3):  # tall enough for each header's text, wrapped in its column
        for index, cell in enumerate(sheet[number], start=1):
            width = sheet.column_dimensions[get_column_letter(index)].width
            lines = -(-len(str(cell.value)) // int(width))
            height = sheet.row_dimensions[number].height
            assert height is not None and height >= 15 * lines, (sheet.title, cell.value)


def _assert_figures_are_numbers(sheet: Worksheet) -> None:
    for cells in sheet.iter_rows(min_row=4):
        for cell in cells:
            if isinstance(cell.value, str):
                assert cell.data_type == "s"
                assert not re.fullmatch(r"-?[\d.,]+", cell.value), (sheet.title, cell.value)
            elif cell.value is not None:
                assert cell.data_type == "n" and cell.number_format != "General"


def test_the_workbook_prints_as_it_is(tmp_path: Path) -> None:
    import openpyxl

    target = tmp_path / "report.xlsx"
    assert run_cli("report", "data/plans", "-o", target).code == 0
    book = openpyxl.load_workbook(target)
    fonts = {
        cell.font.name
        for sheet in book.worksheets
        for cells in sheet.iter_rows()
        for cell in cells
        if cell.value is not None
    }
    assert fonts == {"Calibri"}
    for sheet in book.worksheets[:-1]:  # the last holds the charts (tests/test_charts.py)
        _assert_prints_as_it_is(sheet)
        _assert_figures_are_numbers(sheet)
        for letter, dimension in sheet.column_dimensions.items():
            assert dimension.width and dimension.width >= 5, (sheet.title, letter)
    sources = book["Quảng Ninh · Nguồn vốn"]
    assert [c.value for c in sources[3]] == [
        "Name as written",
        "Amount\n(tỷ đồng)",  # broken before its unit, never inside it
        "Computed\nshare (%)",
    ]
    total = sources["B11"]
    assert (total.value, total.number_format) == (1342.439, "#,##0.000")


# --- CSV for Excel -----------------------------------------------------------------------------


def test_the_csv_for_excel_starts_with_a_byte_order_mark(report: Report) -> None:
    plain = report_formats.render_csv(report)
    excel = report_formats.render_csv(report, excel=True)
    assert not plain.startswith("\ufeff")
    assert excel == "\ufeff" + plain
    header = b"\xef\xbb\xbftable,province,row,column,value,unit,marks\n"
    assert excel.encode("utf-8").startswith(header)


def test_a_table_split_to_fit_repeats_its_row_names() -> None:
    """The keys are hidden from people: a table split to fit 80 columns repeats the names."""
    text = run_cli("report", PLANS / "quang-ninh-2017-2020.yaml", "--width", "80").out
    second = text.split("Yearly categories against sources, part 2 of ")[1].split("\n\n")[0]
    assert "Vốn Ngân sách tỉnh" in second and "provincial" not in second
