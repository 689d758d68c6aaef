"""`p135 report` as a person reads it (issue 26, "Tables a person reads"): a header never
splits its unit; the provinces stand side by side, one column a province, readable at 80
columns and printed one page wide at 8 points or more; a row is one source only where the
plans name it alike; a need is never a total of funding; and a sum the document gets wrong
is marked, with a note saying whether the plan acknowledges it, not shown as 100,0 %."""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from rich.cells import cell_len

from p135cli.views.table import header_lines
from tests.conftest import PLANS, ROOT, run_cli

LANG_SON = "data/plans/lang-son-2017-2020.yaml"
QN = "data/plans/quang-ninh-2017-2020.yaml"
PHU_YEN = "tests/examples/phu-yen-2018.yaml"


@pytest.fixture(autouse=True)
def _at_root(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.chdir(ROOT)
    yield


# --- a header keeps its unit whole -------------------------------------------------------------

HEADERS = [
    "Số tiền (tỷ đồng)",
    "Cộng các nguồn (tỷ đồng)",
    "Still to find (triệu đồng)",
    "Tỷ lệ trong phần được chia (%)",
    "Share of what it splits (%)",
]


@pytest.mark.parametrize("header", HEADERS)
def test_a_header_breaks_before_its_unit_never_inside_it(header: str) -> None:
    unit = header[header.index("(") :]
    longest = max(cell_len(word) for word in header[: header.index("(")].split())
    for width in range(max(cell_len(unit), longest), 31):
        lines = header_lines(header, width)
        assert unit in lines[-1], (width, lines)  # the unit whole, on one line
        assert all(cell_len(line) <= width for line in lines), (width, lines)
        assert " ".join(lines) == header
    assert header_lines("Funding\n(tỷ đồng)", 40) == ["Funding", "(tỷ đồng)"]  # kept


def _units_whole(text: str) -> None:
    """Each unit in the text is whole on its line: `(tỷ đồng)`, `(%)`, never `(tỷ` / `đồng)`."""
    for opening, unit in (("(tỷ", "(tỷ đồng)"), ("(%", "(%)"), ("(triệu", "(triệu đồng)")):
        assert text.count(opening) == text.count(unit), (opening, text)


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("width", ["80", "64", "50", "40"])
def test_no_table_splits_a_unit_at_80_columns_or_fewer(width: str, lang: str) -> None:
    text = run_cli("report", "data/plans", PHU_YEN, "--width", width, "--lang", lang).out
    assert "(tỷ đồng)" in text and "(%)" in text
    _units_whole(text)
    timeline = run_cli("timeline", QN, "--width", width, "--lang", lang).out
    _units_whole(timeline)


def test_the_workbook_breaks_its_headers_before_a_unit(tmp_path: Path) -> None:
    import openpyxl

    target = tmp_path / "report.xlsx"
    assert run_cli("report", "data/plans", PHU_YEN, "-o", target).code == 0
    broken = []
    for sheet in openpyxl.load_workbook(target).worksheets:
        for row in (2, 3):
            for cell in sheet[row]:
                for line in str(cell.value).split("\n"):
                    assert line.count("(") == line.count(")"), (sheet.title, cell.value)
                broken += [cell.value] if "\n(" in str(cell.value) else []
    assert "Số tiền\n(tỷ đồng)" in broken and "Amount\n(tỷ đồng)" in broken


# --- provinces side by side --------------------------------------------------------------------

PLAN = """\
province: {province}
programme: Chương trình thử
number_style: vi
document: {{kind: Quyết định, title: Thử, issuer: UBND tỉnh, source: "1"}}
period: {{start: 2017, end: 2018, source: "5"}}
funding:
  total: {{amount: "1.000", source: "4.1"}}
  sources:
{sources}
"""


def _plan(folder: Path, province: str, sources: dict[str, tuple[str, str]]) -> Path:
    lines = [
        f'    {key}: {{name: "{name}", amount: "{amount}", source: "4.2"}}'
        for key, (name, amount) in sources.items()
    ]
    path = folder / f"{province}.yaml"
    path.write_text(PLAN.format(province=province, sources="\n".join(lines)), encoding="utf-8")
    return path


def _compared(markdown: str, title: str = "Provinces side by side") -> dict[str, list[str]]:
    """The provinces table of a markdown report: each measure's row, by its label."""
    lines = markdown.split(f"### {title}")[1].strip().splitlines()
    rows = [[cell.strip() for cell in line.strip("|").split(" | ")] for line in lines]
    return {row[0]: row[1:] for row in rows}


def test_a_row_is_one_source_only_where_the_plans_name_it_alike(tmp_path: Path) -> None:
    """Tỉnh Một's `local` is its local budget; Tỉnh Hai's `local` is the integrated funding:
    two rows, each named as its plan names it. Tỉnh Hai's `trung_uong` is the central budget
    as Tỉnh Một's `central` is (the same name, in its own case): one row."""
    one = _plan(
        tmp_path,
        "Tỉnh Một",
        {"central": ("Ngân sách Trung ương", "600"), "local": ("Ngân sách địa phương", "400")},
    )
    two = _plan(
        tmp_path,
        "Tỉnh Hai",
        {"trung_uong": ("Ngân sách trung ương", "300"), "local": ("Vốn lồng ghép", "700")},
    )
    rows = _compared(run_cli("report", one, two, "-f", "markdown").out)
    assert rows["Measure"] == ["Tỉnh Một", "Tỉnh Hai"]
    assert rows["Share of Ngân sách Trung ương (%)"] == ["60,0", "30,0"]
    assert rows["Share of Ngân sách địa phương (%)"] == ["40,0", ""]
    assert rows["Share of Vốn lồng ghép (%)"] == ["", "70,0"]
    data = json.loads(run_cli("report", one, two, "-f", "json").out)
    shares = {
        row["key"]: (row["plan_0"], row["plan_1"])
        for row in data["provinces"]["rows"]
        if row["key"].startswith("share_")
    }
    assert shares == {
        "share_central": ("60.0", "30.0"),
        "share_local": ("40.0", None),
        "share_local_2": (None, "70.0"),
    }
    lines = csv.DictReader(io.StringIO(run_cli("report", one, two, "-f", "csv").out))
    named = {(x["province"], x["row"]) for x in lines if x["table"] == "provinces"}
    assert ("Tỉnh Hai", "share_local_2") in named and ("Tỉnh Hai", "share_local") not in named


# --- a need is not funding ---------------------------------------------------------------------


def test_lang_sons_total_is_a_need_in_every_format(tmp_path: Path) -> None:
    """Lạng Sơn states 9.039 tỷ đồng as the funding it needs (`need: true`): its tables say so
    in their title, header and total row, and scripts read a `need` mark on each amount."""
    text = run_cli("report", LANG_SON, "--width", "80", "--lang", "vi").out
    assert "Lạng Sơn · Nhu cầu vốn theo nguồn" in text
    assert re.search(r"^│ Tổng nhu cầu vốn +│ +9\.039 │", text, re.M)
    english = run_cli("report", LANG_SON, "-f", "markdown").out
    assert "### Lạng Sơn · Funding need by source" in english
    assert "| Name as written | Funding need (tỷ đồng) |" in english
    assert "| Total funding need | 9.039 |  | 100,0 |" in english
    assert "(need)" not in english  # the header says it of every figure
    lines = list(csv.DictReader(io.StringIO(run_cli("report", LANG_SON, "-f", "csv").out)))
    amounts = [x for x in lines if x["table"] == "sources" and x["column"] == "amount"]
    assert {x["marks"] for x in amounts} == {"need"}
    total = next(
        x for x in lines if (x["table"], x["row"], x["column"]) == ("sources", "total", "name")
    )
    assert total["value"] == "Tổng nhu cầu vốn / Total funding need"
    data = json.loads(run_cli("report", LANG_SON, "-f", "json").out)
    sources = data["plans"][0]["tables"][0]
    assert sources["title"] == {"vi": "Nhu cầu vốn theo nguồn", "en": "Funding need by source"}
    assert sources["rows"][-1]["marks"] == {"amount": ["need"]}
    target = tmp_path / "ls.xlsx"
    assert run_cli("report", LANG_SON, "-o", target).code == 0
    import openpyxl

    sheet = openpyxl.load_workbook(target)["Lạng Sơn · Nguồn vốn"]
    assert str(sheet["A1"].value).startswith("Lạng Sơn · Nhu cầu vốn theo nguồn / Funding need")
    assert sheet.cell(sheet.max_row, 1).value == "Tổng nhu cầu vốn / Total funding need"
    assert sheet.cell(sheet.max_row, 2).number_format == "#,##0"  # the header says need


def test_the_provinces_never_add_or_compare_a_need_with_funding() -> None:
    """Lạng Sơn's need and Quảng Ninh's funding stand in rows of their own, each labelled,
    their sources' shares too: no row holds a need beside funding."""
    rows = _compared(run_cli("report", LANG_SON, QN, "-f", "markdown").out)
    assert rows["Measure"] == ["Lạng Sơn", "Quảng Ninh"]
    assert rows["Total funding (tỷ đồng)"] == ["", "1.342,439"]
    assert rows["Total funding need (tỷ đồng)"] == ["9.039", ""]
    assert rows["Share of Ngân sách Trung ương (%)"] == ["", "5,0"]
    assert rows["Share of Ngân sách Trung ương in the funding need (%)"] == ["17,5", ""]
    assert rows["Share of Vốn tín dụng in the funding need (%)"] == ["55,0", ""]
    for label, cells in rows.items():
        if "%" in label or "tỷ đồng" in label:
            assert not all(cells), label  # a need and funding never share a row
    vi = _compared(
        run_cli("report", LANG_SON, QN, "-f", "markdown", "--lang", "vi").out, "Các tỉnh"
    )
    assert vi["Tổng nhu cầu vốn (tỷ đồng)"] == ["9.039", ""]
    assert vi["Tỷ lệ Ngân sách Trung ương trong nhu cầu vốn (%)"] == ["17,5", ""]
    data = json.loads(run_cli("report", LANG_SON, QN, "-f", "json").out)
    keys = {row["key"]: (row["plan_0"], row["plan_1"]) for row in data["provinces"]["rows"]}
    assert keys["total"] == (None, "1342.439") and keys["total_need"] == ("9039", None)
    assert keys["share_central"] == (None, "5.0")
    assert keys["need_share_central"] == ("17.5", None)
    assert data["by_province"]["rows"][0]["total_need"] == "9039"


def test_a_yearly_part_stated_as_a_need_is_marked() -> None:
    """Quảng Ninh's 2017 provincial budget, 326,641, is the need against which 200,0 was
    allocated: marked in the yearly categories (the other years are not needs)."""
    text = run_cli("report", QN, "--width", "120", "--lang", "vi").out
    assert "326,641 (nhu cầu)" in text and "290,715 (nhu cầu)" not in text
    data = json.loads(run_cli("report", QN, "-f", "json").out)
    categories = next(t for t in data["plans"][0]["tables"] if t["name"] == "categories")
    assert categories["rows"][0]["marks"] == {"2017": ["need"]}


# --- a sum the document gets wrong -------------------------------------------------------------

UNEVEN = """\
province: Tỉnh thử
programme: Chương trình thử
number_style: vi
document: {kind: Quyết định, title: Thử, issuer: UBND tỉnh, source: "1"}
period: {start: 2017, end: 2018, source: "5"}
funding:
  total: {amount: "10,0", source: "4.1"}
  sources:
    a: {name: Ngân sách Trung ương, amount: "4,0", source: "4.2"}
    b: {name: Ngân sách tỉnh, amount: "5,96", source: "4.2"}
"""
ACKNOWLEDGED = """\
acknowledged:
  - {rule: F101, pointer: /funding/total/amount, expected: "10,0", found: "9,96",
     reason: "Văn bản in tổng 10,0 tỷ đồng; các nguồn cộng lại được 9,96 tỷ đồng."}
"""


@pytest.fixture
def uneven(tmp_path: Path) -> Path:
    """A plan whose document prints a total its sources miss (9,96 of 10,0), and says so."""
    path = tmp_path / "uneven.yaml"
    path.write_text(UNEVEN + ACKNOWLEDGED, encoding="utf-8")
    return path


def test_an_acknowledged_sum_that_falls_short_is_marked_with_its_note(
    uneven: Path, tmp_path: Path
) -> None:
    assert "1 acknowledged" in run_cli("validate", uneven).out
    text = run_cli("report", uneven, "--width", "80").out
    assert re.search(r"^│ Total +│ +10,0 │ +99,6 \(\*\) │$", text, re.M)
    assert "100,0" not in text
    note = text.split("└")[1]
    assert "(*) The document's figures do not add up: its sources add to 9,96 tỷ đồng, 99,6 %" in (
        " ".join(note.split())
    )
    assert "acknowledges this error of the document (F101 at /funding/total/amount)" in " ".join(
        note.split()
    )
    vi = " ".join(run_cli("report", uneven, "--width", "80", "--lang", "vi").out.split())
    assert "(*) Số liệu của văn bản không khớp nhau" in vi
    assert "Kế hoạch đã ghi nhận sai sót này của văn bản (F101 tại /funding/total/amount)" in vi
    markdown = run_cli("report", uneven, "-f", "markdown").out
    assert "| Total | 10,0 | 99,6 (*) |" in markdown
    assert "\n\n(*) The document's figures do not add up" in markdown
    lines = list(csv.DictReader(io.StringIO(run_cli("report", uneven, "-f", "csv").out)))
    share = next(x for x in lines if (x["row"], x["column"]) == ("total", "share"))
    assert (share["value"], share["marks"]) == ("99.6", "does_not_add_up")
    data = json.loads(run_cli("report", uneven, "-f", "json").out)
    sources = data["plans"][0]["tables"][0]
    assert sources["rows"][-1]["marks"] == {"share": ["does_not_add_up"]}
    (note_data,) = sources["notes"]
    assert note_data["parts"] == "9.96" and note_data["share"] == "99.6"
    assert note_data["acknowledged"]["rule"] == "F101"
    target = tmp_path / "uneven.xlsx"
    assert run_cli("report", uneven, "-o", target).code == 0
    import openpyxl

    sheet = openpyxl.load_workbook(target)["Tỉnh thử · Nguồn vốn"]
    total = sheet["C6"]
    assert (total.value, total.number_format) == (99.6, '#,##0.0" (*)"')
    assert sheet.auto_filter.ref == "A3:C6"  # the note is no row of the table
    written = str(sheet.cell(sheet.max_row, 1).value)
    assert written.startswith("(*) Số liệu của văn bản không khớp nhau")
    assert "\n(*) The document's figures do not add up" in written


def test_an_unacknowledged_sum_says_the_plan_does_not_acknowledge_it(tmp_path: Path) -> None:
    path = tmp_path / "uneven.yaml"
    path.write_text(UNEVEN, encoding="utf-8")
    text = " ".join(run_cli("report", path, "--width", "80").out.split())
    assert "99,6 (*)" in text
    assert "The plan does not acknowledge this error of the document." in text


def test_a_share_short_of_100_by_a_hair_is_not_rounded_to_it(tmp_path: Path) -> None:
    """9,999 of 10,000 is 99,99 %: at one decimal it would read 100,0."""
    path = tmp_path / "hair.yaml"
    text = UNEVEN.replace('"10,0"', '"10,000"').replace('"4,0"', '"4,000"')
    path.write_text(text.replace('"5,96"', '"5,999"'), encoding="utf-8")
    assert re.search(r"│ +99,99 \(\*\) │", run_cli("report", path, "--width", "80").out)


def test_sums_that_hold_keep_their_100_percent() -> None:
    markdown = run_cli("report", QN, "-f", "markdown").out
    assert "| Total | 1.342,439 | 100,0 |" in markdown and "(*)" not in markdown


# --- the provinces sheet prints one page wide at 8 points or more ------------------------------

A4_LANDSCAPE = 841.89  # float-ok: points of paper, not money
LIBREOFFICE_WIDTH = 5.55  # float-ok: points a unit of column width takes (Calibri 11)


def _printed_points(sheet: object) -> float:  # float-ok: a font size
    """The size the sheet's 11-point text prints at, from its page setup: its fixed scale,
    or the scale that fits its columns one page wide (never above 100 %)."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.worksheet import Worksheet

    assert isinstance(sheet, Worksheet)
    setup = sheet.page_setup
    assert setup.orientation == "landscape" and str(setup.paperSize) == sheet.PAPERSIZE_A4
    fits = (
        sheet.sheet_properties.pageSetUpPr is not None
        and sheet.sheet_properties.pageSetUpPr.fitToPage
    )
    if not fits:
        return 11 * (setup.scale or 100) / 100
    assert setup.fitToWidth == 1 and setup.fitToHeight == 0
    widths = [
        sheet.column_dimensions[get_column_letter(i)].width for i in range(1, sheet.max_column + 1)
    ]
    room = A4_LANDSCAPE - 72 * (sheet.page_margins.left + sheet.page_margins.right)
    return 11 * min(1.0, room / (sum(widths) * LIBREOFFICE_WIDTH))


def _copies(folder: Path, count: int) -> Path:
    """`count` copies of Quảng Ninh's plan, each its own province."""
    text = (PLANS / "quang-ninh-2017-2020.yaml").read_text(encoding="utf-8")
    for number in range(1, count + 1):
        copy = text.replace("province: Quảng Ninh", f"province: Tỉnh số {number}", 1)
        (folder / f"p{number:02}.yaml").write_text(copy, encoding="utf-8")
    return folder


def test_the_provinces_sheet_prints_one_page_wide_at_8_points_or_more(tmp_path: Path) -> None:
    import openpyxl

    target = tmp_path / "report.xlsx"
    assert run_cli("report", "data/plans", "-o", target).code == 0
    book = openpyxl.load_workbook(target)
    provinces = book["Các tỉnh"]
    assert provinces.max_column == 6  # two labels, four provinces
    assert _printed_points(provinces) >= 10
    for sheet in book.worksheets:
        assert _printed_points(sheet) >= 8, sheet.title


def test_many_provinces_print_at_8_points_on_pages_that_repeat_the_measures(
    tmp_path: Path,
) -> None:
    import openpyxl

    plans = tmp_path / "plans"
    plans.mkdir()
    target = tmp_path / "report.xlsx"
    assert run_cli("report", _copies(plans, 12), "-o", target).code == 0
    sheet = openpyxl.load_workbook(target)["Các tỉnh"]
    assert sheet.max_column == 14
    assert 8 <= _printed_points(sheet) < 8.1
    assert sheet.print_title_cols == "$A:$B" and sheet.print_title_rows == "$1:$3"
    text = run_cli("report", plans, "--width", "80").out
    assert "Provinces side by side, part 3 of 3" in text
    assert all(cell_len(line) <= 80 for line in text.splitlines())


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_prints_the_provinces_on_one_page_at_8_points_or_more(
    tmp_path: Path,
) -> None:
    """The workbook printed to PDF by LibreOffice: the provinces sheet is one page wide
    (every province on each page, every measure on a page), and a line of it is at least 8
    points of text tall (rows of one line are 15 points at 11-point text)."""
    import openpyxl

    target = tmp_path / "report.xlsx"
    assert run_cli("report", "data/plans", "-o", target).code == 0
    book = openpyxl.load_workbook(target)
    for name in book.sheetnames:
        if name != "Các tỉnh":
            del book[name]
    book.save(target)
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(target)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    pdf = tmp_path / "report.pdf"
    pages = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout.split("\f")
    pages = [page for page in pages if page.strip()]
    for page in pages:
        assert all(province in page for province in ["Bắc Kạn", "Ninh Bình", "Quảng Ninh"])
    for measure in ["Tổng nhu cầu vốn", "Villages leaving 2020"]:
        assert any(measure in page for page in pages), measure
    boxes = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    tops = [Decimal(top) for top in re.findall(r'yMin="([\d.]+)"[^>]*>Communes</word>', boxes)]
    pitch = min(b - a for a, b in itertools.pairwise(tops) if b > a)  # on a page
    assert pitch * 11 / 15 >= 8, pitch
