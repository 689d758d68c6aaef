"""Plan text and file names are untrusted (plans arrive by e-mail and pull requests): every
output shows them as the text they are, never as rich markup, a spreadsheet formula, a
markdown heading or link, a mermaid statement or a terminal escape, and never crashes on them.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import unicodedata
from decimal import Decimal
from http import HTTPStatus
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from p135cli.findings import Severity
from p135cli.render.escape import (
    Streamed,
    csv_text_cell,
    json_text,
    markdown,
    mermaid,
    one_line,
    printable,
    write_json,
)
from p135cli.views.common import csv_cell
from tests.conftest import NINH_BINH, QUANG_NINH, ROOT, run_cli, run_process
from tests.svg_letters import assert_timeline_letters_drawn

REPORT = ROOT / "data" / "reports" / "quang-ninh-2018-06.yaml"
CASES = Path(__file__).resolve().parent / "rules" / "cases"

ESC = "\x1b"
PROVINCE = "Quảng Ninh [/x]\n## Injected heading"
PROGRAMME = "=1+2 `tick` [theo chuẩn mới]"
COMMUNE = '=HYPERLINK("http://evil.example","bấm")'
VILLAGE = f"Khe{ESC}[31mMạ | <img src=x> ![i](http://e.example/x.png) ```"
SOURCE = "=1+2 [theo chuẩn mới]"
OTHER_SOURCE = "@SUM(A1) -0.5"
TARGET = "Cơ sở hạ tầng [theo chuẩn mới]\n# heading\n```\n</details>"
TITLE = f"Tin [/x]\n## Heading `code` {ESC}[31mĐỎ"
UNIT = "hộ [theo chuẩn mới] |x|"


@pytest.fixture(autouse=True)
def control_characters_only_warned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The loader refuses an ESC in a value (Y006), so no plan carrying one reaches a view;
    with Y006 configured down to a warning one does, and each view's own escaping is tested."""
    (tmp_path / "p135.toml").write_text('[rules]\nY006 = "warning"\n')
    monkeypatch.chdir(tmp_path)


def test_an_escape_in_a_value_is_refused_when_the_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "esc.yaml"
    text = QUANG_NINH.read_text(encoding="utf-8")
    path.write_text(_replace(text, "province: Quảng Ninh", 'province: "Quảng\\e[31mNinh"'))
    ran = run_cli("validate", "--isolated", "-f", "json", path)
    found = json.loads(ran.out)["files"][0]["findings"]
    # the province it cannot read is one p135 has no list of: its places are unchecked (R105)
    assert ran.code == 1 and [f["code"] for f in found if f["code"] not in ("I101", "R105")] == [
        "Y006"
    ]
    found = [f for f in found if f["code"] == "Y006"]
    assert "U+001B" in found[0]["message"]


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar (a JSON string is one): newlines and ESC as escapes."""
    return json.dumps(text, ensure_ascii=False)


def _replace(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    """Quảng Ninh's plan with hostile names: province, programme, a commune, a village, two
    source names and a target's text."""
    text = QUANG_NINH.read_text(encoding="utf-8")
    text = _replace(text, "province: Quảng Ninh", f"province: {_quoted(PROVINCE)}")
    text = _replace(text, "programme: Chương trình 135", f"programme: {_quoted(PROGRAMME)}")
    text = _replace(text, "{name: Thanh Lâm,", f"{{name: {_quoted(COMMUNE)},")
    text = _replace(text, "{name: Khe Mạ,", f"{{name: {_quoted(VILLAGE)},")
    text = _replace(text, "{name: Ngân sách Trung ương,", f"{{name: {_quoted(SOURCE)},")
    text = _replace(text, "{name: Vốn tín dụng,", f"{{name: {_quoted(OTHER_SOURCE)},")
    text = _replace(
        text,
        "text: Cơ sở hạ tầng kinh tế - xã hội được tập trung đầu tư theo tiêu chí nông thôn mới.",
        f"text: {_quoted(TARGET)}",
    )
    path = tmp_path / "hostile.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def report(tmp_path: Path) -> Path:
    """The Quảng Ninh results report with a hostile title, unit and result text, for the
    hostile plan."""
    text = REPORT.read_text(encoding="utf-8")
    text = _replace(text, "province: Quảng Ninh", f"province: {_quoted(PROVINCE)}")
    text = _replace(
        text,
        "title: Quảng Ninh đột phá, sáng tạo thực hiện Đề án 196",
        f"title: {_quoted(TITLE)}",
    )
    text = _replace(text, "unit: hộ\n", f"unit: {_quoted(UNIT)}\n")
    text = _replace(
        text,
        "text: từ đó đã có 1.856 hộ thoát nghèo, đạt 161,8% kế hoạch đề ra",
        f"text: {_quoted('1.856 ' + UNIT)}",
    )
    path = tmp_path / "hostile-report.yaml"
    path.write_text(text, encoding="utf-8")
    return path


# --- checks shared by the formats --------------------------------------------------------------


def assert_terminal_safe(out: str) -> None:
    """No control character reaches the terminal but line breaks."""
    hidden = [c for c in out if c != "\n" and not c.isprintable() and c != " "]
    assert hidden == [], hidden


MERMAID_FENCE = re.compile(r"^```mermaid\n(.*?)\n```$", re.S | re.M)
"""p135's own fence around a chart in markdown (timeline -f markdown)."""


def assert_markdown_safe(out: str, headings: int, charts: int = 0) -> None:
    """Only p135's own `### ` headings, no fence but `charts` of p135's around its mermaid
    charts (with none inside them), every table row as wide as its header, and no HTML, link
    or image from plan text."""
    assert len(MERMAID_FENCE.findall(out)) == charts
    assert all("```" not in chart for chart in MERMAID_FENCE.findall(out))
    out = MERMAID_FENCE.sub("", out)
    lines = out.splitlines()
    starts = [line for line in lines if line.lstrip().startswith("#")]
    assert len(starts) == headings and all(line.startswith("### ") for line in starts), starts
    assert not any(line.lstrip().startswith(("```", "~~~")) for line in lines)
    header_cells = None
    for line in lines:
        if not line.startswith("|"):
            header_cells = None
            continue
        cells = len(re.findall(r"(?<!\\)\|", line))
        header_cells = header_cells or cells
        assert cells == header_cells, line
    html = re.findall(r"(?<!\\)<(?!br>|!-- Generated by p135)", out)
    assert html == [], html
    assert re.search(r"(?<!\\)!?(?<!\\)\[[^\]]*(?<!\\)\]\(", out) is None
    assert ESC not in out


def unmermaid(text: str) -> str:
    """What a mermaid chart shows for a label: its entity codes decoded."""
    return re.sub(r"#(\d+);", lambda m: chr(int(m[1])), text)


# --- the escaping functions ---------------------------------------------------------------------


def test_printable_escapes_every_control_format_and_surrogate_character() -> None:
    assert printable("a\nb\tc\x1b[31m\x7f\x85\u2028\u202e\u2066\udcff ả") == (
        "a\\nb\\tc\\x1b[31m\\x7f\\x85\\u2028\\u202e\\u2066\\udcff ả"
    )
    assert printable("Quảng Ninh [/x] = 1") == "Quảng Ninh [/x] = 1"


def test_markdown_escapes_syntax_but_keeps_words() -> None:
    assert markdown("a\n## b") == "a \\#\\# b"
    assert markdown("escaped_poverty") == "escaped_poverty"
    assert markdown("_x_ *y* `z`") == "\\_x\\_ \\*y\\* \\`z\\`"
    assert markdown("![i](u) [l](u) <b> a|b &amp;") == (
        "\\!\\[i\\](u) \\[l\\](u) \\<b\\> a&#124;b \\&amp;"
    )
    assert markdown("- x") == "\\- x" and markdown("1. x") == "1\\. x"
    assert markdown("https://e.example www.e.example") == "https\\://e.example www\\.e.example"
    assert markdown(f"a{ESC}b") == "a\\\\x1bb"


def test_mermaid_labels_use_entity_codes_and_keep_the_text() -> None:
    hostile = 'a "b" #c; d: [e] (f) {g} <h> `i` %%{init}%% 90 % \\ | &'
    coded = mermaid(hostile)
    assert unmermaid(coded) == hostile
    assert not re.search(r"[\"\[\](){}<>`\\|:]|%%", coded)
    assert re.sub(r"#\d+;", "", coded).count("#") == 0
    assert mermaid("90 %/năm") == "90 %/năm"
    assert unmermaid(mermaid("a\nb")) == "a b"


def test_json_text_is_valid_utf8_and_reads_back_exactly() -> None:
    data = {"path": "bad\udcff.yaml", "name": f"a{ESC}\u202e\u2028ả\U000e0061"}
    text = json_text(data)
    text.encode("utf-8")  # no lone surrogate is written
    assert ESC not in text and "\u202e" not in text and "ả" in text
    assert json.loads(text) == data


_JSON_LEAVES = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True)
    | st.text(alphabet=st.characters(exclude_categories=()), max_size=8)
    | st.sampled_from([*Severity, HTTPStatus.OK])  # derived from str and from int
)
_JSON_VALUES = st.recursive(
    _JSON_LEAVES,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.tuples(inner, inner)
        | st.dictionaries(st.text(max_size=4), inner, max_size=4)
        | st.dictionaries(st.integers() | st.none() | st.booleans(), inner, max_size=3)
    ),
    max_leaves=20,
)


def _as_json_writes(data: object) -> str:
    """What `json_text` wrote when it was json.dumps and one search over the text."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    hidden = {"Cc", "Cf", "Cs", "Zl", "Zp"}

    def escape(char: str) -> str:  # json's own ASCII escapes (DEL, being ASCII, by hand)
        return "\\u007f" if char == "\x7f" else json.dumps(char)[1:-1]

    return "".join(
        escape(c) if ord(c) >= 0x7F and unicodedata.category(c) in hidden else c for c in text
    )


@given(_JSON_VALUES)
def test_json_text_is_what_json_dumps_writes_escaped(data: object) -> None:
    assert json_text(data) == _as_json_writes(data)


@given(st.dictionaries(st.text(max_size=4), _JSON_VALUES, max_size=4), st.lists(_JSON_VALUES))
def test_write_json_streams_what_json_text_writes(
    data: dict[str, object], items: list[object]
) -> None:
    for key in ("files", *data):
        streamed = io.StringIO()
        write_json(streamed, {**data, key: Streamed(iter(items))})
        assert streamed.getvalue() == json_text({**data, key: items}) + "\n"


def test_csv_cells_neutralise_text_only() -> None:
    for text in ("=1+2", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "-0.5"):
        assert csv_text_cell(text) == "'" + text
    assert csv_text_cell("Quảng Ninh") == "Quảng Ninh"
    assert csv_cell(Decimal("-0.5")) == "-0.5"
    assert csv_cell(-3) == "-3"
    assert csv_cell(None) == ""
    assert csv_cell("-0.5") == "'-0.5"


def test_one_line_turns_every_line_break_into_a_space() -> None:
    assert one_line("a\r\nb\rc\nd\u2028e\u2029f\x85g") == "a b c d e f g"


# --- timeline ------------------------------------------------------------------------------------


def test_timeline_text_shows_names_as_written(plan: Path) -> None:
    ran = run_cli("timeline", plan, "--width", "400")
    assert ran.code == 0, ran
    assert "Quảng Ninh [/x]\\n## Injected heading" in ran.out
    assert "=1+2 `tick` [theo chuẩn mới]" in ran.out
    assert COMMUNE in ran.out
    assert "Khe\\x1b[31mMạ | <img src=x>" in ran.out
    assert "Cơ sở hạ tầng [theo chuẩn mới]\\n# heading" in ran.out
    assert_terminal_safe(ran.out)


def test_timeline_text_in_colour_reads_no_markup(plan: Path) -> None:
    from p135cli.checking import open_document
    from p135cli.findings import Severity
    from p135cli.model import Plan
    from p135cli.settings import Settings
    from p135cli.views import timeline

    document, _ = open_document(plan, Settings(severities={"Y006": Severity.WARNING}))
    assert isinstance(document, Plan)
    stream = io.StringIO()
    timeline.render_text(timeline.build(document), stream, color=True, width=400)
    out = stream.getvalue()
    assert "[/x]" in out and "[theo chuẩn mới]" in out
    assert "Khe\\x1b[31mMạ" in out and f"Khe{ESC}" not in out


def test_timeline_svg_shows_names_as_written(plan: Path, tmp_path: Path) -> None:
    target = tmp_path / "timeline.svg"
    ran = run_cli("timeline", plan, "--svg", target, "--width", "100")
    assert ran.code == 0, ran
    svg = target.read_text(encoding="utf-8")
    assert "[/x]" in svg and "chuẩn mới]" in svg  # each line's text, as its aria-label
    assert ESC not in svg and "<img" not in svg
    assert_timeline_letters_drawn(svg)  # well formed, whatever the names hold


def test_timeline_json_keeps_names_exactly(plan: Path) -> None:
    ran = run_cli("timeline", plan, "-f", "json")
    assert ran.code == 0, ran
    data = json.loads(ran.out)
    assert data["province"] == PROVINCE
    expected = {"name": COMMUNE, "district": "Ba Chẽ", "inferred": False}
    assert expected in data["years"][1]["communes"]
    assert any(v["name"] == VILLAGE for v in data["years"][1]["villages"])
    assert ESC not in ran.out


def test_timeline_markdown_cannot_add_headings_links_or_rows(plan: Path) -> None:
    ran = run_cli("timeline", plan, "-f", "markdown")
    assert ran.code == 0, ran
    assert_markdown_safe(ran.out, headings=1, charts=2)
    assert ran.out.startswith("### Quảng Ninh \\[/x\\] \\#\\# Injected heading · \\=1+2 \\`tick\\`")
    village = "Khe\\\\x1b\\[31mMạ &#124; \\<img src=x\\> \\!\\[i\\](http\\://e.example/x.png)"
    assert village in ran.out
    assert "- Cơ sở hạ tầng \\[theo chuẩn mới\\] \\# heading \\`\\`\\` \\</details\\>" in ran.out


def test_timeline_markdown_of_a_plan_without_roadmap(tmp_path: Path) -> None:
    text = NINH_BINH.read_text(encoding="utf-8")
    text = _replace(text, "province: Ninh Bình", f"province: {_quoted(PROVINCE)}")
    text = _replace(text, 'unit: "%/năm"', f"unit: {_quoted('%/năm [x](y) ## |')}")
    plan = tmp_path / "nb.yaml"
    plan.write_text(text, encoding="utf-8")
    ran = run_cli("timeline", plan, "-f", "markdown")
    assert ran.code == 0, ran
    lines = ran.out.splitlines()
    assert [line for line in lines if line.startswith("#")] == [lines[0]]
    assert "%/năm \\[x\\](y) \\#\\# &#124;" in ran.out


def test_timeline_mermaid_chart_keeps_the_text_and_still_parses(plan: Path) -> None:
    for chart in ("communes", "villages"):
        ran = run_cli("timeline", plan, "-f", "mermaid", "--chart", chart)
        assert ran.code == 0, ran
        assert "```" not in ran.out  # a chart on its own: no Markdown fence to break out of
        lines = ran.out.splitlines()
        assert lines[0] == "xychart-beta"
        title = lines[1]
        assert title.startswith('    title "') and title.endswith('"') and title.count('"') == 2
        assert "Quảng Ninh [/x] ## Injected heading: " in unmermaid(title)
        assert len(lines) == 6  # the newline in the province made no line of its own


def test_timeline_mermaid_targets_keep_the_text_and_still_parse(tmp_path: Path) -> None:
    unit = "%%{init: {'theme':'dark'}}%% ; # : \" ] ) } ``` <b>"
    text = NINH_BINH.read_text(encoding="utf-8")
    text = _replace(text, "province: Ninh Bình", f"province: {_quoted(PROVINCE)}")
    text = _replace(text, 'unit: "%/năm"', f"unit: {_quoted(unit)}")
    plan = tmp_path / "nb.yaml"
    plan.write_text(text, encoding="utf-8")
    ran = run_cli("timeline", plan, "-f", "mermaid")
    assert ran.code == 0, ran
    lines = ran.out.splitlines()
    # every year, on average a year, then 4 years
    assert lines[0] == "timeline" and len(lines) == 2 + 1 + 1 + 4
    assert "%%" not in ran.out and "```" not in ran.out
    assert unmermaid(lines[1]).startswith("    title Quảng Ninh [/x] ## Injected heading · ")
    for line in lines[2:]:
        period, *events = line.strip().split(" : ")
        assert period in ("Every year", "On average a year") or period.isdigit()
        for event in events:  # mermaid reads `#37;` as `%` before it parses the chart
            assert not re.search(r"[:;#\"\[\](){}<>`]", re.sub(r"#\d+;", "", event)), event
    assert f"Giảm tỷ lệ hộ nghèo và hộ cận nghèo hằng… · 1,5–2,0 {unit}" in unmermaid(lines[2])
    assert run_cli("timeline", plan, "-o", tmp_path / "nb.mmd").code == 0  # the file: the same
    written = (tmp_path / "nb.mmd").read_text(encoding="utf-8").splitlines()
    assert written[0].startswith("%% ") and written[1:] == lines  # p135's comment, only


def test_timeline_csv_neutralises_text_cells_only(plan: Path) -> None:
    ran = run_cli("timeline", plan, "-f", "csv")
    assert ran.code == 0, ran
    rows = list(csv.DictReader(io.StringIO(ran.out)))
    assert rows[1]["communes"].startswith("'" + COMMUNE + " (Ba Chẽ); ")
    for row in rows:
        assert Decimal(row["funding"]) > 0 and Decimal(row["share_percent"]) > 0
        assert int(row["cumulative_communes"]) >= 0


# --- report --------------------------------------------------------------------------------------


@pytest.fixture
def negative_plan(plan: Path) -> Path:
    """The hostile plan with a source one thousandth too high: the categories table then has
    a negative difference (-0.001), which stays a number in every format."""
    text = plan.read_text(encoding="utf-8").replace('amount: "23,737"', 'amount: "23,738"')
    plan.write_text(text, encoding="utf-8")
    return plan


def test_report_text_shows_names_as_written(negative_plan: Path) -> None:
    ran = run_cli("report", negative_plan, "--width", "250")
    assert ran.code == 0, ran
    assert "Quảng Ninh [/x]\\n## Injected heading · Funding by source" in ran.out
    assert SOURCE in ran.out and OTHER_SOURCE in ran.out
    assert f"Share of {SOURCE} (%)" in ran.out
    assert_terminal_safe(ran.out)


def test_report_markdown_cannot_add_headings_links_or_rows(negative_plan: Path) -> None:
    ran = run_cli("report", negative_plan, "-f", "markdown")
    assert ran.code == 0, ran
    assert_markdown_safe(ran.out, headings=5)
    assert "### Quảng Ninh \\[/x\\] \\#\\# Injected heading · Funding by source" in ran.out
    assert "| \\=1+2 \\[theo chuẩn mới\\] |" in ran.out
    assert "| -0,001 |" in ran.out  # a number is shown as a number


def test_report_csv_neutralises_text_and_keeps_numbers(negative_plan: Path) -> None:
    ran = run_cli("report", negative_plan, "-f", "csv")
    assert ran.code == 0, ran
    rows = list(csv.DictReader(io.StringIO(ran.out)))
    names = {row["row"]: row["value"] for row in rows if row["column"] == "name"}
    assert names["central"] == "'" + SOURCE
    assert names["credit"] == "'" + OTHER_SOURCE
    for row in rows:
        if row["unit"]:  # an amount or a share: a plain number, however it starts
            Decimal(row["value"])
        for cell in row.values():
            assert not cell.startswith(("=", "+", "@", "\t", "\r")), row
            assert not cell.startswith("-") or row["unit"], row
    differences = [row["value"] for row in rows if row["column"] == "difference"]
    assert "-0.001" in differences


def test_report_json_keeps_names_exactly(negative_plan: Path) -> None:
    ran = run_cli("report", negative_plan, "-f", "json")
    assert ran.code == 0, ran
    data = json.loads(ran.out)
    assert data["plans"][0]["province"] == PROVINCE
    sources = data["plans"][0]["tables"][0]["rows"]
    assert [row["name"] for row in sources][:4:3] == [SOURCE, OTHER_SOURCE]


P135_FORMULA = re.compile(r"=SUM\([A-Z]+\$\d+:[A-Z]+\d+\)|=[A-Z]+\$\d+")
"""The formulas p135 writes itself, on the charts sheet: a cumulative count, the goal."""


def test_report_xlsx_stores_text_as_text_never_a_formula(
    negative_plan: Path, tmp_path: Path
) -> None:
    import openpyxl

    target = tmp_path / "report.xlsx"
    ran = run_cli("report", negative_plan, "-f", "xlsx", "-o", target)
    assert ran.code == 0, ran
    book = openpyxl.load_workbook(target)
    texts: dict[str, str] = {}
    numbers = []
    for sheet in book.worksheets:
        assert not sheet.title.startswith("'") and not sheet.title.endswith("'")
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and P135_FORMULA.fullmatch(cell.value):
                    assert sheet.title == "Charts"  # the roadmap's sums, p135's own
                elif isinstance(cell.value, str):
                    assert cell.data_type == "s", (sheet.title, cell.coordinate, cell.value)
                    texts[cell.value] = sheet.title
                elif cell.value is not None:
                    assert cell.data_type == "n", (sheet.title, cell.coordinate, cell.value)
                    numbers.append(cell.value)
    assert SOURCE in texts and OTHER_SOURCE in texts
    assert f"Tỷ lệ {SOURCE} (%)" in texts
    headers = {" ".join(text.split("\n")) for text in texts}  # broken to fit its column
    assert "Quảng Ninh [/x]\\n## Injected heading" in headers  # the provinces table's header
    assert -0.001 in numbers
    assert book.sheetnames[-1] == "Charts"  # whose heading, plan text, is text too


# --- progress -----------------------------------------------------------------------------------


def test_progress_text_shows_the_report_as_written(plan: Path, report: Path) -> None:
    ran = run_cli("progress", plan, report, "--width", "300")
    assert ran.code == 0, ran
    assert "Quảng Ninh [/x]\\n## Injected heading" in ran.out
    assert "Tin [/x]\\n## Heading `code` \\x1b[31mĐỎ" in ran.out
    assert "1.856 hộ [theo chuẩn mới] |x|" in ran.out
    assert_terminal_safe(ran.out)


def test_progress_json_keeps_the_report_exactly(plan: Path, report: Path) -> None:
    ran = run_cli("progress", plan, report, "-f", "json")
    assert ran.code == 0, ran
    data = json.loads(ran.out)
    assert data["plan"]["province"] == PROVINCE
    assert [r["unit"] for r in data["results"]][1] == UNIT
    assert ESC not in ran.out


def test_progress_markdown_cannot_add_headings_links_or_rows(plan: Path, report: Path) -> None:
    ran = run_cli("progress", plan, report, "-f", "markdown")
    assert ran.code == 0, ran
    assert_markdown_safe(ran.out, headings=1)
    assert "Tin \\[/x\\] \\#\\# Heading \\`code\\` \\\\x1b\\[31mĐỎ" in ran.out
    # a cell that starts `1.` would start an ordered list: the dot is escaped
    assert "1\\.856 hộ \\[theo chuẩn mới\\] &#124;x&#124;: 1.856 hộ \\[theo" in ran.out


def test_progress_markdown_findings_escape_the_messages(plan: Path, tmp_path: Path) -> None:
    report = tmp_path / "other.yaml"  # a report about another province: K103 quotes both names
    report.write_text(REPORT.read_text(encoding="utf-8"), encoding="utf-8")
    ran = run_cli("progress", plan, report, "-f", "markdown")
    assert ran.code == 1, ran
    assert_markdown_safe(ran.out, headings=1)
    assert "the plan about Quảng Ninh \\[/x\\] \\#\\# Injected heading" in ran.out


# --- validate: hostile file names -------------------------------------------------------------


@pytest.fixture
def hostile_names(tmp_path: Path) -> tuple[Path, list[str]]:
    """A folder of plans whose names carry a terminal escape, a bidi override, a newline and
    a byte that is not UTF-8 (Python holds it as the lone surrogate U+DCFF)."""
    folder = tmp_path / "plans"
    folder.mkdir()
    failing = (CASES / "F101-fail.yaml").read_bytes()
    passing = (CASES / "F101-pass.yaml").read_bytes()
    names = [b"bad\xff.yaml", "evil\x1b[31m\u202e.yaml".encode(), b"two\nlines.yaml"]
    for name, content in zip(names, (failing, failing, passing), strict=True):
        with open(os.fsencode(folder) + b"/" + name, "wb") as stream:
            stream.write(content)
    return folder, [os.fsdecode(name) for name in names]


def test_validate_text_escapes_file_names(
    hostile_names: tuple[Path, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, _ = hostile_names
    monkeypatch.setenv("COLUMNS", "1000")  # a line a finding, however long the folder's path
    ran = run_cli("validate", folder)
    assert ran.code == 1, ran
    assert "bad\\udcff.yaml  ✗ 1 error" in ran.out
    assert "evil\\x1b[31m\\u202e.yaml:8:19  error  F101" in ran.out
    assert "two\\nlines.yaml  ✓ valid" in ran.out
    assert_terminal_safe(ran.out)
    assert len(ran.out.splitlines()) == 1 + 2 * 7 + 1  # each error with its acknowledgement


def test_validate_github_escapes_file_names(hostile_names: tuple[Path, list[str]]) -> None:
    folder, _ = hostile_names
    ran = run_cli("validate", folder, "-f", "github")
    assert ran.code == 1, ran
    lines = ran.out.splitlines()
    assert all(line.startswith(("::error ", "p135: ")) for line in lines), lines
    assert len(lines) == 3
    assert any("file=" + str(folder) + "/bad\\udcff.yaml" in line for line in lines)
    assert any("evil\\x1b[31m\\u202e.yaml" in line for line in lines)
    assert_terminal_safe(ran.out)


def test_validate_json_is_valid_utf8_for_any_file_name(
    hostile_names: tuple[Path, list[str]],
) -> None:
    folder, names = hostile_names
    ran = run_cli("validate", folder, "-f", "json")
    assert ran.code == 1, ran
    ran.out.encode("utf-8")
    data = json.loads(ran.out)
    paths = {Path(item["path"]).name for item in data["files"]}
    assert paths == set(names)
    assert ESC not in ran.out and "\u202e" not in ran.out


def test_validate_in_a_real_process_with_a_non_utf8_file_name(
    hostile_names: tuple[Path, list[str]],
) -> None:
    folder, _ = hostile_names
    for format in ("text", "github", "json"):
        ran = run_process(["validate", folder, "-f", format])
        assert ran.code == 1, ran
        assert "internal error" not in ran.err
        assert_terminal_safe(ran.out)


# --- a terminal that cannot show Vietnamese -----------------------------------------------------


@pytest.mark.parametrize("format", ["text", "json", "markdown", "csv", "mermaid"])
def test_an_ascii_terminal_gets_escapes_not_a_crash(
    format: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PYTHONIOENCODING", "ascii")
    ran = run_process(["timeline", QUANG_NINH, "-f", format])
    assert ran.code == 0, ran
    assert ran.out.isascii() and "Qu\\u1ea3ng" in ran.out
    if format == "json":
        assert json.loads(ran.out)["province"] == "Quảng Ninh"  # escapes JSON reads back


def test_an_ascii_terminal_validates_and_reports(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTHONIOENCODING", "ascii")
    ran = run_process(["validate", QUANG_NINH])
    assert ran.code == 0, ran
    assert "\\u2713 valid" in ran.out
    ran = run_process(["report", QUANG_NINH, "-f", "json"])
    assert ran.code == 0, ran
    assert json.loads(ran.out)["plans"][0]["province"] == "Quảng Ninh"
    ran = run_process(["progress", QUANG_NINH, REPORT])
    assert ran.code == 0 and ran.out.isascii(), ran


# --- diff: an edit's hostile names, in each format ----------------------------------------------


def test_diff_text_shows_the_edit_as_written(plan: Path) -> None:
    ran = run_cli("diff", QUANG_NINH, plan)
    assert ran.code in (0, 1), ran
    assert "Quảng Ninh [/x]\\n## Injected heading" in ran.out
    assert "Khe\\x1b[31mMạ" in ran.out
    assert_terminal_safe(ran.out)


def test_diff_markdown_cannot_add_headings_links_or_rows(plan: Path) -> None:
    ran = run_cli("diff", QUANG_NINH, plan, "-f", "markdown")
    assert ran.code in (0, 1), ran
    assert_markdown_safe(ran.out, headings=1)
    assert "\\=HYPERLINK(" in ran.out


def test_diff_json_keeps_the_names_exactly(plan: Path) -> None:
    ran = run_cli("diff", QUANG_NINH, plan, "-f", "json")
    assert ESC not in ran.out

    def texts(value: object) -> list[str]:
        if isinstance(value, dict):
            return [t for item in value.values() for t in texts(item)]
        if isinstance(value, list):
            return [t for item in value for t in texts(item)]
        return [value] if isinstance(value, str) else []

    found = texts(json.loads(ran.out))
    assert COMMUNE in found and VILLAGE in found
