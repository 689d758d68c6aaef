"""`p135 report`: every format against its golden file, the workbook read back exactly, and
output files written whole or not at all."""

from __future__ import annotations

import csv
import io
import json
import numbers
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from p135cli.checking import open_document
from p135cli.formats import REPORT
from p135cli.i18n import NumberStyle, speak
from p135cli.model import Plan
from p135cli.views import report_formats
from p135cli.views.report import build
from tests.conftest import GOLDEN, ROOT, assert_golden, marked_plan, run_cli

FORMATS = {"text": "txt", "markdown": "md", "csv": "csv", "json": "json"}
QN = "data/plans/quang-ninh-2017-2020.yaml"


@pytest.fixture(autouse=True)
def _at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # paths in the output stay relative, as a user would type them


@pytest.mark.parametrize("format", FORMATS)
def test_every_format_matches_its_golden_file(format: str) -> None:
    ran = run_cli("report", "data/plans", "--format", format, "--width", "110")
    assert ran.code == 0, ran
    assert ran.err == ""
    assert_golden(f"report/all-plans.{FORMATS[format]}", ran.out)


def _exact(value: object) -> Decimal:
    """A number read back from the workbook as the decimal it stands for (shortest repr)."""
    assert isinstance(value, numbers.Real), value
    if isinstance(value, numbers.Integral):
        return Decimal(int(value))
    return Decimal(repr(float(value)))


def test_workbook_holds_every_figure_as_a_number_that_reads_back_exactly(tmp_path: Path) -> None:
    target = tmp_path / "report.xlsx"
    ran = run_cli("report", "data/plans", "-f", "xlsx", "-o", target)
    assert ran.code == 0, ran
    # a title row, the Vietnamese headers, then the English ones that pandas reads (a
    # header broken before its unit, `Amount` / `(tỷ đồng)`, read as one line)
    sheets = {
        name: frame.rename(columns=_one_line)
        for name, frame in pd.read_excel(target, sheet_name=None, header=2).items()
    }
    assert "Quảng Ninh · Nguồn vốn" in sheets and "Các tỉnh" in sheets
    sources = sheets["Quảng Ninh · Nguồn vốn"].set_index("Name as written")
    amounts = sources["Amount (tỷ đồng)"]
    assert _exact(amounts["Tổng cộng / Total"]) == Decimal("1342.439")
    assert _exact(amounts["Vốn xã hội hóa"]) == Decimal("106.256")
    years = sheets["Quảng Ninh · Theo năm"]
    assert [_exact(v) for v in years["Amount (tỷ đồng)"]] == [
        Decimal("452.938"),
        Decimal("403.141"),
        Decimal("339.739"),
        Decimal("146.621"),
    ]
    categories = sheets["Quảng Ninh · Nhóm × năm"].set_index("Name as written")
    assert _exact(categories.at["Vốn lồng ghép khác", "2019"]) == Decimal("57.426")
    allocated = sheets["Quảng Ninh · Đã bố trí"]
    assert _exact(allocated["Allocated (tỷ đồng)"][0]) == Decimal("200.0")
    provinces = sheets["Các tỉnh"].set_index("Measure")
    assert _exact(provinces.at["Total funding need (tỷ đồng)", "Lạng Sơn"]) == Decimal("9039")
    assert _exact(provinces.at["Total funding (tỷ đồng)", "Quảng Ninh"]) == Decimal("1342.439")
    assert _exact(provinces.at["Communes leaving 2019", "Quảng Ninh"]) == 13


def _one_line(header: object) -> str:
    """A workbook header as one line: its line breaks (before a unit) as spaces."""
    return " ".join(str(header).split())


def test_workbook_keeps_stated_decimals_and_fits_its_widths(tmp_path: Path) -> None:
    import openpyxl

    target = tmp_path / "report.xlsx"
    assert run_cli("report", QN, "-f", "xlsx", "-o", target).code == 0
    sheet = openpyxl.load_workbook(target)["Quảng Ninh · Đã bố trí"]
    assert [cell.value for cell in sheet[2]][2] == "Nhu cầu\n(tỷ đồng)"  # the unit whole
    assert [cell.value for cell in sheet[3]][2] == "Need\n(tỷ đồng)"
    need, allocated = sheet["C4"], sheet["D4"]
    assert (need.value, need.number_format) == (326.641, "#,##0.000")
    assert (allocated.value, allocated.number_format) == (200, "#,##0.0")
    assert sheet.column_dimensions["B"].width >= len("Vốn Ngân sách tỉnh")


def test_xlsx_needs_a_file() -> None:
    ran = run_cli("report", QN, "-f", "xlsx")
    assert ran.code == 2 and "-o FILE" in ran.err and ran.out == ""


@pytest.mark.parametrize("format", ["text", "markdown", "csv", "json", "xlsx"])
def test_every_format_can_be_rewritten_by_p135_but_not_over_someone_elses_file(
    tmp_path: Path, format: str
) -> None:
    target = tmp_path / f"report.{format}"
    assert run_cli("report", QN, "-f", format, "-o", target).code == 0
    first = target.read_bytes()
    assert run_cli("report", QN, "-f", format, "-o", target).code == 0, "p135's own file"
    assert target.read_bytes()[:4] == first[:4]
    theirs = tmp_path / f"theirs.{format}"
    theirs.write_bytes(b"a planner's own notes")
    ran = run_cli("report", QN, "-f", format, "-o", theirs)
    assert ran.code == 2 and "use --force" in ran.err
    assert theirs.read_bytes() == b"a planner's own notes"


def test_never_writes_over_an_input(tmp_path: Path) -> None:
    copy = tmp_path / "qn.yaml"
    copy.write_bytes((ROOT / QN).read_bytes())
    ran = run_cli("report", copy, "-f", "csv", "-o", copy, "--force")
    assert ran.code == 2 and "one of the inputs" in ran.err
    assert copy.read_bytes() == (ROOT / QN).read_bytes()


def test_json_amounts_are_exact_decimal_strings() -> None:
    data = json.loads(run_cli("report", QN, "-f", "json").out)
    tables = {t["name"]: t for t in data["plans"][0]["tables"]}
    assert list(tables) == ["sources", "years", "categories", "allocations"]
    total = next(r for r in tables["sources"]["rows"] if r["source"] == "total")
    assert total["amount"] == "1342.439" and total["share"] == "100.0"
    integrated = next(r for r in tables["categories"]["rows"] if r["category"] == "integrated")
    assert integrated["years_sum"] == integrated["sources_sum"] == "227.058"
    assert integrated["difference"] == "0.000"
    assert data["provinces"]["rows"][0]["key"] == "period"


def test_a_plan_without_years_has_only_the_tables_its_figures_allow() -> None:
    data = json.loads(run_cli("report", "data/plans/lang-son-2017-2020.yaml", "-f", "json").out)
    assert [t["name"] for t in data["plans"][0]["tables"]] == ["sources", "splits"]


def test_a_broken_plan_stops_the_report_and_names_the_line(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("province: [\n", encoding="utf-8")
    target = tmp_path / "out.csv"
    ran = run_cli("report", QN, broken, "-f", "csv", "-o", target)
    assert ran.code == 1 and f"{broken}:" in ran.err
    assert not target.exists()


# --- languages and number styles ---------------------------------------------------------------

EN_PLAN = """\
province: Tỉnh Anh
programme: Chương trình thử
number_style: en
document: {kind: Quyết định, title: Thử, issuer: UBND tỉnh, source: "1"}
period: {start: 2017, end: 2018, source: "5"}
funding:
  total: {amount: "1,234.5", source: "4.1"}
  sources:
    central: {name: Ngân sách Trung ương, amount: "1,000.5", source: "4.2"}
    local: {name: Ngân sách địa phương, amount: "234.0", source: "4.2"}
"""
"""A plan written in the en style, to stand beside Quảng Ninh's (vi)."""


@pytest.fixture
def english_afterwards() -> Iterator[None]:
    """A test may speak another language or style; the next test speaks English again."""
    yield
    speak("en", None)


@pytest.fixture
def mixed(tmp_path: Path) -> list[Path]:
    """An en plan, Quảng Ninh's vi plan, and a plan that states no style (plain numbers)."""
    english = tmp_path / "en.yaml"
    english.write_text(EN_PLAN, encoding="utf-8")
    plain = tmp_path / "none.yaml"
    text = EN_PLAN.replace("number_style: en\n", "").replace("Tỉnh Anh", "Tỉnh Không")
    for written, number in (('"1,234.5"', "1234.5"), ('"1,000.5"', "1000.5"), ('"234.0"', "234.0")):
        text = text.replace(written, number)
    plain.write_text(text, encoding="utf-8")
    return [english, ROOT / QN, plain]


def _provinces(markdown: str) -> dict[str, dict[str, str]]:
    """The provinces table of a markdown report (one column a province, one row a measure):
    each province's figures, by measure."""
    lines = markdown.split("### Provinces side by side")[1].strip().splitlines()
    header, _rule, *rows = [[c.strip() for c in line.strip("|").split(" | ")] for line in lines]
    assert header[0] == "Measure"
    return {
        province: {row[0]: row[place] for row in rows}
        for place, province in enumerate(header[1:], start=1)
    }


@pytest.mark.usefixtures("english_afterwards")
def test_a_report_of_several_plans_writes_each_figure_in_its_own_plans_style(
    mixed: list[Path],
) -> None:
    ran = run_cli("report", *mixed, "-f", "markdown")
    assert ran.code == 0, ran
    sides = _provinces(ran.out)
    assert list(sides) == ["Tỉnh Anh", "Quảng Ninh", "Tỉnh Không"]
    totals = [row["Total funding (tỷ đồng)"] for row in sides.values()]
    assert totals == ["1,234.5", "1.342,439", "1,234.5"]
    central = [row["Share of Ngân sách Trung ương (%)"] for row in sides.values()]
    assert central == ["81.0", "5,0", "81.0"]
    assert "| Total | 1,234.5 | 100.0 |" in ran.out  # the en plan's own table
    assert "| Total | 1.342,439 | 100,0 |" in ran.out  # Quảng Ninh's
    text = run_cli("report", *mixed, "--width", "160").out
    assert "1,234.5" in text and "1.342,439" in text and "1,342.439" not in text
    # --number-style vi: every plan in the vi style, the provinces table too
    plans = []
    for path in mixed:
        plan, _ = open_document(path)
        assert isinstance(plan, Plan)
        plans.append((str(path), plan))
    speak("en", NumberStyle.VI)
    sides = _provinces(report_formats.render_markdown(build(plans)))
    totals = [row["Total funding (tỷ đồng)"] for row in sides.values()]
    assert totals == ["1.234,5", "1.342,439", "1.234,5"]
    speak("en", NumberStyle.EN)
    text = report_formats.render_text(build(plans), color=False, width=160)
    assert "1,342.439" in text and "72.1" in text and "1.342,439" not in text


@pytest.mark.usefixtures("english_afterwards")
def test_text_and_markdown_speak_one_language_the_workbook_keeps_both(tmp_path: Path) -> None:
    ran = run_cli("report", QN, "--width", "110")
    assert "Quảng Ninh · Funding by year" in ran.out and "Vốn theo năm" not in ran.out
    assert "│ Year │ Amount (tỷ đồng) │ Share (%) │" in ran.out
    assert "│ 2017 │          452,938 │      33,7 │" in ran.out
    markdown = run_cli("report", QN, "-f", "markdown").out
    assert "| Year | Amount (tỷ đồng) | Share (%) |" in markdown
    assert "| Total | 1.342,439 | 100,0 |" in markdown
    assert "| total |" not in markdown  # the sources' keys are for scripts (CSV, JSON)
    target = tmp_path / "report.xlsx"
    assert run_cli("report", QN, "-f", "xlsx", "-o", target).code == 0
    vietnamese = pd.read_excel(target, sheet_name="Quảng Ninh · Theo năm", header=1)
    assert list(vietnamese.columns) == ["Năm", "Số tiền\n(tỷ đồng)", "Tỷ lệ (%)"]
    english = pd.read_excel(target, sheet_name="Quảng Ninh · Theo năm", header=2)
    assert list(english.columns) == ["Year", "Amount\n(tỷ đồng)", "Share (%)"]


@pytest.mark.usefixtures("english_afterwards")
@pytest.mark.parametrize("format", ["json", "csv"])
def test_json_and_csv_are_the_committed_bytes_in_every_language_and_style(
    format: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Scripts read JSON and CSV: their keys and values never follow the language or the
    number style. Compared with the golden file as committed, never rewritten here."""
    committed = (GOLDEN / "report" / f"all-plans.{format}").read_text(encoding="utf-8")
    monkeypatch.setenv("P135_LANG", "vi")
    ran = run_cli("report", "data/plans", "--format", format)
    assert ran.code == 0, ran
    assert ran.out == committed
    plans = []
    for path in sorted((ROOT / "data" / "plans").glob("*.yaml")):
        plan, _ = open_document(path)
        assert isinstance(plan, Plan)
        plans.append((f"data/plans/{path.name}", plan))
    for lang, style in [("vi", NumberStyle.EN), ("en", NumberStyle.VI), ("en", None)]:
        speak(lang, style)
        assert REPORT[format].load()(build(plans)) == committed, (lang, style)


# --- what the document says of a figure: qualifiers, approximate shares, inferences ----------

PHU_YEN = "tests/examples/phu-yen-2018.yaml"


@pytest.mark.usefixtures("english_afterwards")
def test_the_provinces_table_keeps_a_qualified_total_in_every_format(tmp_path: Path) -> None:
    """Phú Yên's "hơn 29,2 tỷ đồng" beside Quảng Ninh's exact total: the provinces table says
    `more than 29,2` (`hơn 29,2`), its shares `≈`, and Quảng Ninh's figures stay as stated."""
    sides = _provinces(run_cli("report", PHU_YEN, QN, "-f", "markdown").out)
    assert sides["Phú Yên"]["Total funding (tỷ đồng)"] == "more than 29,2"
    assert sides["Phú Yên"]["Share of vốn đầu tư (%)"] == "≈ 74,3"
    assert sides["Quảng Ninh"]["Total funding (tỷ đồng)"] == "1.342,439"
    assert sides["Quảng Ninh"]["Share of Ngân sách tỉnh (%)"] == "72,1"
    text = run_cli("report", PHU_YEN, QN, "--lang", "vi", "--width", "200").out
    assert re.search(r"│ Tổng vốn \(tỷ đồng\) +│ +hơn 29,2 │ +1\.342,439 │", text)
    assert re.search(r"│ Tỷ lệ vốn đầu tư \(%\) +│ +≈ 74,3 │ +│", text)
    data = json.loads(run_cli("report", PHU_YEN, QN, "-f", "json").out)
    by_province = data["by_province"]["rows"]
    assert by_province[0]["total"] == "29.2"  # the figure as stated, its mark beside it
    assert by_province[0]["marks"]["total"] == ["more_than"]
    assert by_province[0]["marks"]["share_investment"] == ["approximate"]
    assert "marks" not in by_province[1]  # Quảng Ninh states every figure exactly
    total = next(row for row in data["provinces"]["rows"] if row["key"] == "total")
    assert total["marks"] == {"plan_0": ["more_than"]}
    lines = list(csv.DictReader(io.StringIO(run_cli("report", PHU_YEN, QN, "-f", "csv").out)))
    marked = {(x["province"], x["row"]): x["marks"] for x in lines if x["table"] == "provinces"}
    assert marked[("Phú Yên", "total")] == "more_than"
    assert marked[("Phú Yên", "share_investment")] == "approximate"
    assert marked[("Quảng Ninh", "total")] == ""
    target = tmp_path / "report.xlsx"
    assert run_cli("report", PHU_YEN, QN, "-o", target).code == 0
    import openpyxl

    provinces = openpyxl.load_workbook(target)["Các tỉnh"]
    assert [provinces.cell(row, 1).value for row in range(4, 7)] == [
        "Thời kỳ",
        "Chương trình",
        "Tổng vốn (tỷ đồng)",
    ]
    assert (provinces["C6"].value, provinces["C6"].number_format) == (29.2, '"hơn "#,##0.0')
    assert (provinces["D6"].value, provinces["D6"].number_format) == (1342.439, "#,##0.000")


def test_a_share_of_a_qualified_figure_is_approximate_in_every_format(tmp_path: Path) -> None:
    """gần 21,7 of hơn 29,2 is about 74,3 %: `≈ 74,3` where people read it, `approximate`
    where scripts do; a total's share of itself stays 100,0, and exact plans show no `≈`."""
    text = run_cli("report", PHU_YEN, "--width", "200").out
    assert re.search(r"│ vốn đầu tư +│ +21,7 │ nearly +│ +≈ 74,3 │", text)
    assert re.search(r"│ Total +│ +29,2 │ more than +│ +100,0 │", text)
    assert re.search(
        r"│ nâng cao năng lực .*│ +0,6 │ +│ +≈ 2,1 │", text
    )  # exact, of a qualified total
    markdown = run_cli("report", PHU_YEN, "-f", "markdown", "--lang", "vi").out
    assert "| huyện Sơn Hòa | 6,8 | gần | ≈ 29,6 | ≈ 23,3 |" in markdown
    data = json.loads(run_cli("report", PHU_YEN, "-f", "json").out)
    tables = {t["name"]: t for t in data["plans"][0]["tables"]}
    sources = {row["source"]: row for row in tables["sources"]["rows"]}
    assert sources["investment"]["share"] == "74.3"
    assert sources["investment"]["marks"] == {"share": ["approximate"]}
    assert "marks" not in sources["total"]
    split = tables["splits"]["rows"][0]
    assert split["marks"] == {"source_share": ["approximate"], "share": ["approximate"]}
    lines = list(csv.DictReader(io.StringIO(run_cli("report", PHU_YEN, "-f", "csv").out)))
    share = next(x for x in lines if (x["row"], x["column"]) == ("investment", "share"))
    assert (share["value"], share["marks"]) == ("74.3", "approximate")
    target = tmp_path / "report.xlsx"
    assert run_cli("report", PHU_YEN, "-o", target).code == 0
    import openpyxl

    sheet = openpyxl.load_workbook(target)["Phú Yên · Nguồn vốn"]
    assert (sheet["D4"].value, sheet["D4"].number_format) == (74.3, '"≈ "#,##0.0')
    assert (sheet["D6"].value, sheet["D6"].number_format) == (100, "#,##0.0")
    exact = run_cli("report", "data/plans", "--width", "200").out
    assert "≈" not in exact


def test_years_categories_and_allocations_carry_their_marks(tmp_path: Path) -> None:
    """A year's total `khoảng` and inferred, a yearly part `khoảng`, an allocation inferred:
    the years table gets its qualifier and basis columns, the tables of several figures a row
    mark each figure, and the sums of qualified figures are `≈`."""
    plan = marked_plan(tmp_path)
    text = run_cli("report", plan, "--width", "200").out
    assert re.search(r"│ 2017 │ +452,938 │ about +│ +≈ 33,7 │ inferred │", text)
    assert re.search(r"│ 2018 │ +403,141 │ +│ +30,0 │ stated +│", text)
    assert re.search(r"│ Vốn huy động.*│ about 44,165 │ .*│ +≈ 146,906 │ .*│ +≈ 0,000 │", text)
    assert "200,0 (inferred)" in text
    assert re.search(r"│ Communes leaving 2019 +│ +13 \(inferred\) │", text)
    assert re.search(r"│ Villages leaving 2020 +│ +about 2 │", text)
    vi = run_cli("report", plan, "--width", "200", "--lang", "vi").out
    assert "khoảng 44,165" in vi and "200,0 (suy ra)" in vi
    data = json.loads(run_cli("report", plan, "-f", "json").out)
    tables = {t["name"]: t for t in data["plans"][0]["tables"]}
    year = tables["years"]["rows"][0]
    assert (year["qualifier"], year["basis"]) == ("khoảng / about", "suy ra / inferred")
    assert year["marks"] == {"share": ["approximate"]}
    mobilised = next(r for r in tables["categories"]["rows"] if r["category"] == "mobilised")
    assert mobilised["2018"] == "44.165"
    assert mobilised["marks"] == {
        "2018": ["about"],
        "years_sum": ["approximate"],
        "difference": ["approximate"],
    }
    allocation = tables["allocations"]["rows"][0]
    assert allocation["marks"] == {"allocated": ["inferred"]}
    communes = next(r for r in data["by_province"]["rows"])
    assert communes["marks"]["communes_2019"] == ["inferred"]
    assert communes["marks"]["villages_2020"] == ["about"]
    assert "villages_2019" not in communes["marks"]  # none of them leaves that year


def test_a_split_part_counted_with_a_qualifier_says_so(tmp_path: Path) -> None:
    """`covers: {quantity: 16, unit: xã, qualifier: more_than}`: "hơn 16 xã"."""
    text = (ROOT / PHU_YEN).read_text(encoding="utf-8")
    old = "covers: {quantity: 16, unit: xã}"
    assert text.count(old) == 1
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        text.replace(old, "covers: {quantity: 16, unit: xã, qualifier: more_than}"), "utf-8"
    )
    assert "│ more than 16 xã │" in run_cli("report", plan, "--width", "200").out
    assert "| hơn 16 xã |" in run_cli("report", plan, "-f", "markdown", "--lang", "vi").out
    data = json.loads(run_cli("report", plan, "-f", "json").out)
    splits = next(t for t in data["plans"][0]["tables"] if t["name"] == "splits")
    assert splits["rows"][5]["covers"] == "hơn 16 xã / more than 16 xã"
