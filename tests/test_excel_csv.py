"""`--excel`: the CSV of `report` and `timeline` as the Excel of the run's language reads it.

A Vietnamese Excel (decimal comma, `;` between list items) reads the scripts' `452.938` as
452938; with --excel a vi run writes `;` and `452,938`, an en run `,` and `452.938`. Every
figure is read back as a spreadsheet would: with pandas under those settings (always), and by
LibreOffice with the matching locale (where it is installed); each must equal the plan's
Decimal figure. Without --excel the CSV is the scripts' contract, the same in every run."""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from p135cli.checking import open_document
from p135cli.i18n import NumberStyle, speak
from p135cli.model import Plan
from p135cli.output import created_by_p135
from p135cli.views import timeline
from p135cli.views.common import BOM, csv_cell, csv_text
from p135cli.views.timeline_model import Timeline
from tests.conftest import NINH_BINH, PLANS, QUANG_NINH, marked_plan, run_cli

EXCEL = {"vi": (";", ","), "en": (",", ".")}
"""(field separator, decimal mark) of the Excel each language's run writes for."""
LCID = {"vi": 1066, "en": 1033}
"""The locale LibreOffice reads each CSV in: vi-VN, en-US."""
FIGURE = re.compile(r"-?\d+(\.\d+)?")
"""A figure as the scripts' CSV writes it."""


def _written(tmp_path: Path, *args: str | Path) -> bytes:
    """What p135 writes into a file: the exact bytes, byte order mark included."""
    target = tmp_path / f"out-{len(list(tmp_path.iterdir()))}.csv"
    ran = run_cli(*args, "-o", target)
    assert ran.code == 0, ran
    return target.read_bytes()


def _figure(read: object) -> Decimal:
    """A number as a spreadsheet reader gives it (a float or an int), as a Decimal: the
    shortest text that reads back as the same float (`452.938`)."""
    assert isinstance(read, int | float) and not isinstance(read, bool), read
    return Decimal(repr(read))


def _report_lines(data: bytes, delimiter: str) -> list[list[str]]:
    text = data.decode("utf-8").removeprefix(BOM)
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


# --- report -f csv --excel, read back with pandas ----------------------------------------------


@pytest.mark.parametrize("lang", EXCEL)
def test_report_csv_for_excel_reads_back_every_figure_with_pandas(
    tmp_path: Path, lang: str
) -> None:
    """Every figure of every shipped plan, read by pandas as that Excel reads the file
    (`sep=';', decimal=','` for vi), equals the figure the scripts' CSV states exactly."""
    import pandas as pd

    delimiter, point = EXCEL[lang]
    excel = _written(tmp_path, "report", PLANS, "-f", "csv", "--excel", "--lang", lang)
    script = _report_lines(_written(tmp_path, "report", PLANS, "-f", "csv", "--lang", lang), ",")
    assert excel.startswith(BOM.encode())
    figures = [i for i, line in enumerate(script) if i and FIGURE.fullmatch(line[4])]
    assert len(figures) > 80
    text = pd.read_csv(
        io.BytesIO(excel), sep=delimiter, encoding="utf-8-sig", dtype=str, keep_default_na=False
    )
    lines = [list(text.columns), *text.to_numpy().tolist()]
    for i, (mine, theirs) in enumerate(zip(lines, script, strict=True)):
        skip = 4 if i in figures else None  # a figure is compared as a number below
        assert [c for n, c in enumerate(mine) if n != skip] == [
            c for n, c in enumerate(theirs) if n != skip
        ]  # the same lines, the text as it is
    read = pd.read_csv(
        io.BytesIO(excel),
        sep=delimiter,
        decimal=point,
        encoding="utf-8-sig",
        skiprows=lambda i: i > 0 and i not in figures,
    )
    assert str(read["value"].dtype) in ("float64", "int64")
    assert [_figure(value) for value in read["value"].tolist()] == [
        Decimal(script[i][4]) for i in figures
    ]


def test_the_vi_report_csv_writes_decimal_commas_and_no_thousands_separator(
    tmp_path: Path,
) -> None:
    excel = _written(tmp_path, "report", QUANG_NINH, "-f", "csv", "--excel", "--lang", "vi")
    lines = _report_lines(excel, ";")
    assert lines[0] == ["table", "province", "row", "column", "value", "unit", "marks"]
    total = next(line for line in lines if line[:4] == ["sources", "Quảng Ninh", "total", "amount"])
    assert total[4:6] == ["1342,439", "tỷ đồng"]  # not 1.342,439: Excel would need the text
    share = next(line for line in lines if line[:4] == ["years", "Quảng Ninh", "2017", "share"])
    assert share[4:6] == ["33,7", "%"]  # a share is a number too, its unit beside it
    assert all(not re.fullmatch(r"\d+\.\d+", line[4]) for line in lines)


def test_without_excel_the_csv_is_the_scripts_contract_in_every_language(
    tmp_path: Path,
) -> None:
    """The scripts' CSV does not change with the language, the number style or --excel's
    absence: `,` between fields and a decimal point."""
    for command in (("report", QUANG_NINH, "-f", "csv"), ("timeline", QUANG_NINH, "-f", "csv")):
        runs = [
            _written(tmp_path, *command, *more)
            for more in ([], ["--lang", "vi"], ["--lang", "vi", "--number-style", "vi"])
        ]
        assert runs[0] == runs[1] == runs[2]
        assert not runs[0].startswith(BOM.encode())
        assert b"452.938" in runs[0] and b";" not in runs[0].splitlines()[0]


def test_number_style_chooses_the_excel_of_another_language(tmp_path: Path) -> None:
    """An English run for a Vietnamese Excel (--number-style vi), and the other way round."""
    args = ("timeline", QUANG_NINH, "-f", "csv", "--excel")
    vi = _written(tmp_path, *args, "--lang", "en", "--number-style", "vi")
    en = _written(tmp_path, *args, "--lang", "vi", "--number-style", "en")
    assert vi == _written(tmp_path, *args, "--lang", "vi")
    assert en == _written(tmp_path, *args, "--lang", "en")
    assert b";452,938;" in vi and b",452.938," in en


# --- timeline -f csv --excel -------------------------------------------------------------------


def _timeline(path: Path) -> Timeline:
    plan, _ = open_document(path)
    assert isinstance(plan, Plan)
    return timeline.build(plan)


@pytest.mark.parametrize("lang", EXCEL)
@pytest.mark.parametrize("plan", ["quang-ninh", "ninh-binh", "marked"])
def test_timeline_csv_for_excel_reads_back_every_figure_with_pandas(
    tmp_path: Path, lang: str, plan: str
) -> None:
    """Each year's funding and share, counts and goal, read by pandas as that Excel reads
    them, equal the plan's Decimal figures; the names stay text."""
    import pandas as pd

    path = {"quang-ninh": QUANG_NINH, "ninh-binh": NINH_BINH}.get(plan) or marked_plan(tmp_path)
    delimiter, point = EXCEL[lang]
    excel = _written(tmp_path, "timeline", path, "-f", "csv", "--excel", "--lang", lang)
    assert excel.startswith(BOM.encode())
    read = pd.read_csv(io.BytesIO(excel), sep=delimiter, decimal=point, encoding="utf-8-sig")
    shown = _timeline(path)
    assert read["year"].tolist() == [year.year for year in shown.years]
    for row, year in zip(read.to_dict("records"), shown.years, strict=True):
        for column, figure in (("funding", year.funding), ("share_percent", year.share)):
            if figure is None:
                assert pd.isna(row[column]), (column, row)
            else:
                assert _figure(row[column]) == figure, (column, row)
        counted = (*year.leaving, *year.cumulative)
        assert [row[c] for c in list(read.columns)[1:5]] == list(counted)
        assert row["funding_unit"] == shown.unit
    if shown.has_roadmap:
        assert read["communes"].dropna().str.contains(r"\(").all()  # names, as text


@pytest.mark.parametrize("lang", EXCEL)
@pytest.mark.parametrize("command", ["report", "timeline"])
def test_p135_knows_its_excel_csv_and_replaces_it(tmp_path: Path, command: str, lang: str) -> None:
    """Its header line marks a CSV as p135's, with `;` and the byte order mark too: the next
    run replaces it without --force."""
    target = tmp_path / "bang.csv"
    for _run in range(2):
        ran = run_cli(command, QUANG_NINH, "-f", "csv", "--excel", "--lang", lang, "-o", target)
        assert ran.code == 0, ran
    assert created_by_p135(target)


# --- the formula guard under the new separator -------------------------------------------------

HOSTILE = {
    "central:          {name: Ngân sách Trung ương,": 'central: {name: "=1+2;x",',
    "credit:           {name: Vốn tín dụng,": 'credit: {name: "\\t-3",',
    "provincial:       {name: Ngân sách tỉnh,": 'provincial: {name: "12/2018",',
    "socialised:       {name: Vốn xã hội hóa,": 'socialised: {name: "@SUM(A1)",',
    "other_integrated: {name: Vốn lồng ghép khác,": 'other_integrated: {name: "\\r+1",',
}
"""Source names a spreadsheet would read as a formula, or as a date."""


def _hostile(folder: Path) -> Path:
    text = QUANG_NINH.read_text(encoding="utf-8")
    for old, new in HOSTILE.items():
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = folder / "hostile.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("lang", EXCEL)
def test_text_cells_stay_text_under_either_separator(tmp_path: Path, lang: str) -> None:
    """A name starting with = + - @, a tab or a carriage return starts with `'`; one Excel
    would read as a date (`12/2018`) too; a `;` inside a name is quoted, not a new field."""
    delimiter, _point = EXCEL[lang]
    args = ("report", _hostile(tmp_path), "-f", "csv", "--excel", "--lang", lang)
    lines = _report_lines(_written(tmp_path, *args), delimiter)
    names = {line[2]: line[4] for line in lines if line[0] == "sources" and line[3] == "name"}
    assert names["central"] == "'=1+2;x"
    assert names["credit"] == "'\t-3"
    assert names["provincial"] == "'12/2018"
    assert names["socialised"] == "'@SUM(A1)"
    assert names["other_integrated"] == "'\r+1"
    assert all(len(line) == 7 for line in lines)


def test_csv_cells_for_excel() -> None:
    assert csv_cell(Decimal("1342.439"), ",") == "1342,439"
    assert csv_cell(Decimal("-0.5"), ",", excel=True) == "-0,5"  # a number, not a formula
    assert csv_cell(Decimal("1E+3"), ",") == "1000"
    assert csv_cell(2017, ",", excel=True) == "2017"
    for text in ("12/2018", "1-2", "1,5", "1.342,439", "007", "2E3", "90 %", "123456789012"):
        assert csv_cell(text, ",", excel=True) == "'" + text, text
        assert csv_cell(text) == text  # the scripts' CSV keeps text as it is
    for text in ("2017", "2017–2020", "4318/QĐ-UBND", "thôn 3", "central.new_rural"):
        assert csv_cell(text, ",", excel=True) == text, text
    assert csv_cell("=1+2", ",", excel=True) == "'=1+2"


def test_csv_text_for_excel_follows_the_run() -> None:
    rows = [("a;b", Decimal("452.938"), 3)]
    speak("vi")
    assert csv_text(("x", "y", "z"), rows, excel=True) == BOM + 'x;y;z\n"a;b";452,938;3\n'
    assert csv_text(("x", "y", "z"), rows) == "x,y,z\na;b,452.938,3\n"
    speak("en")
    assert csv_text(("x", "y", "z"), rows, excel=True) == BOM + "x,y,z\na;b,452.938,3\n"
    speak("en", NumberStyle.VI)
    assert csv_text(("x", "y", "z"), rows, excel=True) == BOM + 'x;y;z\n"a;b";452,938;3\n'


def test_a_carriage_return_in_a_cell_is_quoted_so_the_row_stays_whole() -> None:
    """Python's csv module, writing `\\n` line ends, leaves a lone `\\r` unquoted: Excel
    and csv readers end the row there."""
    rows = [("a\rb", 'say "hi"')]
    assert csv_text(("x", "y"), rows) == 'x,y\n"a\rb","say ""hi"""\n'
    speak("vi")
    text = csv_text(("x", "y"), rows, excel=True).removeprefix(BOM)
    read = csv.reader(io.StringIO(text, newline=""), delimiter=";")
    assert list(read) == [["x", "y"], [*rows[0]]]


# --- LibreOffice, where it is installed ---------------------------------------------------------


def _calc(csv_file: Path, lang: str, profile: Path) -> list[list[object]]:
    """The CSV as LibreOffice Calc opens it in the locale of `lang` (its separator, quote,
    UTF-8, and special numbers such as dates detected, as Excel does), saved as a workbook
    and read back: each cell's value, a number or text."""
    import openpyxl

    delimiter, _point = EXCEL[lang]
    options = f"CSV:{ord(delimiter)},34,76,1,,{LCID[lang]},false,true"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            f"--infilter={options}",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(csv_file.parent),
            str(csv_file),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    sheet = openpyxl.load_workbook(csv_file.with_suffix(".xlsx")).worksheets[0]
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
@pytest.mark.parametrize("lang", EXCEL)
def test_libreoffice_in_the_runs_locale_reads_every_figure(tmp_path: Path, lang: str) -> None:
    """LibreOffice in vi-VN (or en-US) reads each figure of the report and of the timeline
    as the number the plan states, and each text cell as text, formulas included."""
    report = tmp_path / "report.csv"
    plans = [*sorted(PLANS.glob("*.yaml")), _hostile(tmp_path)]
    report.write_bytes(_written(tmp_path, "report", *plans, "-f", "csv", "--excel", "--lang", lang))
    script = _report_lines(_written(tmp_path, "report", *plans, "-f", "csv"), ",")
    cells = _calc(report, lang, tmp_path / "profile")
    assert len(cells) == len(script)
    for line, row in zip(script[1:], cells[1:], strict=True):
        if FIGURE.fullmatch(line[4]):
            assert _figure(row[4]) == Decimal(line[4]), (line, row)
        else:
            assert isinstance(row[4], str), (line, row)
    names = [row[4] for row in cells if row[0] == "sources" and row[3] == "name"]
    assert {"'=1+2;x", "'12/2018", "'@SUM(A1)"} <= set(names)
    days = tmp_path / "timeline.csv"
    days.write_bytes(
        _written(tmp_path, "timeline", QUANG_NINH, "-f", "csv", "--excel", "--lang", lang)
    )
    rows = _calc(days, lang, tmp_path / "profile")
    funding = [_figure(row[rows[0].index("funding")]) for row in rows[1:]]
    assert funding == [year.funding for year in _timeline(QUANG_NINH).years]
    assert [_figure(row[rows[0].index("share_percent")]) for row in rows[1:]] == [
        Decimal("33.7"),
        Decimal("30.0"),
        Decimal("25.3"),
        Decimal("10.9"),
    ]
