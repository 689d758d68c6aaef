"""Views people read, print and share: `timeline` and `progress` never split a name nor lose a
figure, at any width, on a terminal or piped; the SVG fetches nothing; the mermaid charts say
what they show; `progress` makes no claim against a roadmap a plan does not have."""

from __future__ import annotations

import io
import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from p135cli.arithmetic import share
from p135cli.checking import open_document
from p135cli.i18n import speak
from p135cli.model import Plan
from p135cli.output import created_by_p135
from p135cli.render import escape
from p135cli.render.escape import printable
from p135cli.views import timeline, timeline_model
from p135cli.views.common import money, percent_text, target_figure
from tests.conftest import NINH_BINH, QUANG_NINH, ROOT, assert_golden, run_cli
from tests.report_texts import NINH_BINH_REPORT
from tests.svg_letters import assert_timeline_letters_drawn

PLANS = {"quang-ninh": QUANG_NINH, "ninh-binh": NINH_BINH}
LANGS = ("en", "vi")
WIDTHS = (40, 60, 80, 100, 120, 200)
BOX = "│┌┐└┘├┤┬┴┼─"


@pytest.fixture(autouse=True)
def english_afterwards() -> Iterator[None]:
    yield
    speak("en", None)


def _timeline(path: Path) -> timeline_model.Timeline:
    plan, _ = open_document(path)
    assert isinstance(plan, Plan)
    return timeline.build(plan)


def _text(path: Path, width: int | None) -> str:
    stream = io.StringIO()
    timeline.render_text(_timeline(path), stream, color=False, width=width)
    return stream.getvalue()


def _names(shown: timeline_model.Timeline) -> set[str]:
    """Every commune, village and district the roadmap names (a village's commune too)."""
    found: set[str] = set()
    for year in shown.years:
        found |= {c.name for c in year.communes} | {c.district or "" for c in year.communes}
        found |= {v.name for v in year.villages} | {v.commune for v in year.villages}
        found |= {v.district or "" for v in year.villages}
    return found


def _figures(shown: timeline_model.Timeline) -> set[str]:
    """Every figure the text view shows, as it shows it: each year's funding and share, their
    totals, how many leave each year and how many have left against the goal; a target's figure
    with its unit."""
    style, goal = shown.style, shown.goal or (0, 0)
    found = {money(y.funding, style) for y in shown.years}
    found |= {percent_text(y.share, style) for y in shown.years}
    total = timeline_model.funding_total(shown)
    found |= {money(total, style), percent_text(share(total, shown.total), style)}
    if shown.has_roadmap:
        found |= {timeline_model.communes_count(y.leaving[0]) for y in shown.years if y.leaving[0]}
        found |= {timeline_model.villages_count(y.leaving[1]) for y in shown.years if y.leaving[1]}
        found |= {f"{y.cumulative[0]}/{goal[0]}" for y in shown.years}
        found |= {f"{y.cumulative[1]}/{goal[1]}" for y in shown.years}
    targets = [*shown.every_year, *shown.undated]  # a roadmap's plan lists these; others,
    if not shown.has_roadmap:  # its targets by year too
        targets += [t for y in shown.years for t in y.targets]
    figures = [target_figure(t, clean=printable, style=style) for t in targets]
    found |= {f"[{figure}]" for figure in figures if figure}
    return {figure for figure in found if figure}


def assert_whole(out: str, shown: timeline_model.Timeline, width: int | None = None) -> None:
    """Each name and each figure is whole on one line, nothing is cut with `…`, and no line
    is wider than `width`."""
    lines = out.splitlines()
    for name in _names(shown):
        assert any(name in line for line in lines), f"{name!r} is split or missing"
    for figure in _figures(shown):
        assert any(figure in line for line in lines), f"{figure!r} is split or missing"
    assert "…" not in out
    if width is not None:
        assert max(map(len, lines)) <= width


# --- text: names and figures whole ----------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("plan", PLANS)
def test_no_name_is_split_and_no_figure_lost_at_any_width(plan: str, width: int, lang: str) -> None:
    speak(lang)
    assert_whole(_text(PLANS[plan], width), _timeline(PLANS[plan]), width)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("plan", PLANS)
def test_piped_the_view_is_laid_out_for_its_content_not_for_80_columns(
    plan: str, lang: str
) -> None:
    ran = run_cli("timeline", PLANS[plan], "--lang", lang)  # not a terminal, no --width
    assert ran.code == 0, ran
    speak(lang)
    shown = _timeline(PLANS[plan])
    assert_whole(ran.out, shown)
    assert ran.out == _text(PLANS[plan], None)
    assert max(map(len, ran.out.splitlines())) > 80  # content decides, not a default width


@pytest.mark.parametrize(
    "args",
    [
        ["timeline", QUANG_NINH],
        ["progress", QUANG_NINH, ROOT / "data" / "reports" / "quang-ninh-2018-06.yaml"],
        ["report", QUANG_NINH],
    ],
    ids=["timeline", "progress", "report"],
)
def test_colour_into_a_pipe_is_laid_out_for_its_content_too(
    args: list[str | Path],
) -> None:
    """Every view finds its width one way: colour asked for into a pipe changes the colours,
    not the layout (it is no terminal of 80 columns)."""
    plain = run_cli(*args).out
    coloured = run_cli(*args, "--color", "always").out
    assert "\x1b[" in coloured
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == plain


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("width", ["80", "200"])
@pytest.mark.parametrize("plan", PLANS)
def test_a_forced_width_holds_every_name_and_figure(plan: str, width: str, lang: str) -> None:
    ran = run_cli("timeline", PLANS[plan], "--width", width, "--lang", lang)
    assert ran.code == 0, ran
    speak(lang)
    assert_whole(ran.out, _timeline(PLANS[plan]), int(width))


def test_at_80_columns_the_year_table_is_a_summary_and_the_names_follow_it() -> None:
    out = _text(QUANG_NINH, 80)
    table = [line for line in out.splitlines() if line.startswith("│ 2018")]
    assert table == [
        "│ 2018  │  3 communes      │ █░░░░░░░░░  3/22 communes │   403,141 │  30,0 % │"
    ]
    lines = out.splitlines()
    start = lines.index("2018 · 3 communes leave the list")
    assert lines[start + 1 : start + 4] == [
        "  Ba Chẽ:    Thanh Lâm",
        "  Bình Liêu: Lục Hồn",
        "  Đầm Hà:    Quảng Lợi",
    ]
    assert "  Vân Đồn:   Đồng Dọng (Bình Dân)" in lines  # a village with its commune
    names = [line for line in lines if line.startswith("  ") and ":" in line]
    assert len(names) == 22 + 11  # one name a line


def test_wide_the_names_are_in_the_year_table_by_district() -> None:
    out = _text(QUANG_NINH, 200)
    assert re.search(r"│   Bình Liêu: Đồng Tâm, Tình Húc, Vô Ngại, Húc Động +│", out)
    assert "2018 · 3 communes leave the list" not in out


def test_a_plan_without_roadmap_leaves_out_its_empty_columns_and_keeps_units() -> None:
    out = _text(NINH_BINH, 80)
    assert "Funding" not in out and "Share" not in out  # Ninh Bình states no yearly funding
    assert "[≥ 500 triệu đồng/năm]" in out and "1.170 người/năm" in out
    assert not re.search(r"\d\s*$", "\n".join(line.rstrip("│ ") for line in out.splitlines()))


@pytest.mark.parametrize("width", [80, 200])
@pytest.mark.parametrize("plan", PLANS)
def test_text_matches_its_golden_file(plan: str, width: int) -> None:
    assert_golden(f"timeline/{plan}-{width}.txt", _text(PLANS[plan], width))


# --- svg ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("plan", PLANS)
def test_svg_fetches_nothing_names_no_font_and_draws_every_letter(
    plan: str, lang: str, tmp_path: Path
) -> None:
    target = tmp_path / "timeline.svg"
    ran = run_cli("timeline", PLANS[plan], "--svg", target, "--lang", lang)
    assert ran.code == 0, ran
    svg = target.read_text(encoding="utf-8")
    lines = assert_timeline_letters_drawn(svg)  # no <text>, no font: a letter an outline
    speak(lang)
    for name in _names(_timeline(PLANS[plan])):
        assert any(name in line for line in lines), name


def test_svg_writes_letters_composed_so_accents_stay_stacked() -> None:
    shown = _timeline(QUANG_NINH)
    decomposed = unicodedata.normalize("NFD", "Quảng Ninh")
    svg = timeline.render_svg(replace(shown, province=decomposed))
    lines = assert_timeline_letters_drawn(svg)
    assert any("Quảng Ninh" in line for line in lines) and decomposed not in svg


# --- mermaid -----------------------------------------------------------------------------------

FENCE = re.compile(r"```mermaid\n(.*?)\n```", re.S)
XYCHART = [
    r"xychart-beta",
    r'    title "[^"\n]+"',
    r"    x-axis \[\d{4}(, \d{4})*\]",
    r'    y-axis "[^"\n]+" 0 --> \d+',
    r"    bar \[\d+(, \d+)*\]",
    r"    line \[\d+(, \d+)*\]",
]


def _mermaid(path: Path, *more: str) -> str:
    ran = run_cli("timeline", path, "-f", "mermaid", *more)
    assert ran.code == 0, ran
    return ran.out


@pytest.mark.parametrize("lang", LANGS)
def test_mermaid_charts_of_a_roadmap_draw_the_goal_as_a_line(lang: str) -> None:
    """Each chart on its own, bare (what a .mmd file holds): communes by default, villages
    with --chart; the markdown view embeds both, fenced."""
    speak(lang)
    charts = [_mermaid(QUANG_NINH, "--lang", lang, *more) for more in ([], ["--chart", "villages"])]
    markdown = run_cli("timeline", QUANG_NINH, "-f", "markdown", "--lang", lang).out
    assert FENCE.findall(markdown) == [chart.removesuffix("\n") for chart in charts]
    for chart, goal, done in zip(charts, (22, 11), ("0, 3, 16, 22", "0, 11, 11, 11"), strict=True):
        assert "```" not in chart
        lines = chart.splitlines()
        assert len(lines) == len(XYCHART)
        assert all(re.fullmatch(p, line) for p, line in zip(XYCHART, lines, strict=True)), chart
        bars, line = ("(bars)", "(line)") if lang == "en" else ("(cột)", "(đường)")
        assert bars in lines[1] and f"{goal} {line}" in lines[1]
        assert lines[-2] == f"    bar [{done}]"
        assert lines[-1] == f"    line [{', '.join([str(goal)] * 4)}]"  # the goal


def test_mermaid_targets_show_their_text_shortened_not_their_ids() -> None:
    out = _mermaid(NINH_BINH)
    assert out == _mermaid(NINH_BINH, "--chart", "targets")
    lines = out.splitlines()
    assert lines[0] == "timeline" and lines[1].startswith("    title Ninh Bình")
    periods = [line.strip().split(" : ")[0] for line in lines[2:]]
    assert periods == ["Every year", "On average a year", "2017", "2018", "2019", "2020"]
    shown = _timeline(NINH_BINH)
    targets = [*shown.every_year, *(t for y in shown.years for t in y.targets)]
    for target in targets:
        assert target.id not in out
        words = " ".join(target.text.split()[:3])
        assert escape.mermaid(words) in out, words
        assert target_figure(target, clean=escape.mermaid, style=shown.style) in out
    for line in lines[2:]:
        for event in line.strip().split(" : ")[1:]:  # mermaid reads `#40;` as `(`
            assert not re.search(r"[:;#\"\[\](){}<>`]", re.sub(r"#\d+;", "", event)), event
            assert len(re.sub(r"#\d+;", "x", event.split(" · ")[0])) <= timeline.SHORT + 1


DIAGRAMS = ("xychart-beta", "timeline")
"""The mermaid diagram keywords p135's charts start with."""


def assert_one_diagram(text: str) -> list[str]:
    """`text` is one mermaid diagram, as a .mmd file holds it: `%%` comment lines, then the
    diagram's keyword alone on its line, then its statements, indented; no Markdown fence.
    Returns its lines without the comments."""
    assert "```" not in text and "~~~" not in text
    lines = [line for line in text.splitlines() if not line.startswith("%%")]
    assert lines[0] in DIAGRAMS, lines[0]
    assert all(line.startswith("    ") and line.strip() for line in lines[1:]), text
    assert not any(line.strip() in DIAGRAMS for line in lines[1:])  # one diagram only
    return lines


@pytest.mark.parametrize(
    ("plan", "chart"),
    [("quang-ninh", "communes"), ("quang-ninh", "villages"), ("ninh-binh", "targets")],
)
def test_a_mmd_file_holds_one_chart_that_mermaid_reads_on_its_own(
    tmp_path: Path, plan: str, chart: str
) -> None:
    """`-o FILE.mmd` chooses the mermaid format; the file is the chart alone, after p135's
    mark as a mermaid comment (so a later run may replace it), the same chart standard
    output shows."""
    target = tmp_path / "lo-trinh.mmd"
    for _run in range(2):  # the second run replaces p135's own file
        ran = run_cli("timeline", PLANS[plan], "--chart", chart, "-o", target)
        assert ran.code == 0, ran
    written = target.read_text(encoding="utf-8")
    assert written.startswith("%% Generated by p135: p135 timeline\n")
    lines = assert_one_diagram(written)
    assert "\n".join(lines) + "\n" == _mermaid(PLANS[plan], "--chart", chart)
    assert created_by_p135(target)


def test_every_chart_standard_output_shows_is_one_diagram() -> None:
    for plan, chart in (("quang-ninh", "communes"), ("quang-ninh", "villages"), ("ninh-binh", "")):
        assert_one_diagram(_mermaid(PLANS[plan], *(["--chart", chart] if chart else [])))


def test_chart_names_one_the_plan_has_for_the_mermaid_format(tmp_path: Path) -> None:
    missing = run_cli("timeline", NINH_BINH, "-f", "mermaid", "--chart", "villages")
    assert missing.code == 2 and "no villages chart; it has: targets" in missing.err
    other = run_cli("timeline", QUANG_NINH, "-f", "csv", "--chart", "villages")
    assert other.code == 2 and "--format mermaid" in other.err
    contradicted = run_cli("timeline", QUANG_NINH, "-f", "mermaid", "-o", tmp_path / "x.md")
    assert contradicted.code == 2 and "contradicts" in contradicted.err
    plain = run_cli("timeline", QUANG_NINH, "--width", "100", "-o", tmp_path / "lo-trinh")
    assert plain.code == 0, plain
    assert "Quảng Ninh · Chương trình 135" in (tmp_path / "lo-trinh").read_text(encoding="utf-8")


def test_markdown_embeds_the_roadmaps_charts_fenced_and_no_other() -> None:
    """In markdown (a pull-request comment) the charts are fenced, as GitHub draws them; a
    plan without roadmap has its targets as a table there, and no chart repeating it."""
    out = run_cli("timeline", QUANG_NINH, "-f", "markdown").out
    charts = FENCE.findall(out)
    assert len(charts) == 2 and out.count("```") == 4
    for chart in charts:
        assert_one_diagram(chart)
    assert "```" not in run_cli("timeline", NINH_BINH, "-f", "markdown").out


# --- progress against a plan without roadmap ---------------------------------------------------


@pytest.fixture
def ninh_binh_report(tmp_path: Path) -> Path:
    path = tmp_path / "ninh-binh-2018-12.yaml"
    path.write_text(NINH_BINH_REPORT, encoding="utf-8")
    return path


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("format", ["text", "markdown"])
def test_progress_without_roadmap_says_the_comparison_cannot_be_made(
    format: str, lang: str, ninh_binh_report: Path
) -> None:
    ran = run_cli("progress", NINH_BINH, ninh_binh_report, "-f", format, "--lang", lang)
    assert ran.code == 0, ran
    for claim in ("ahead", "behind", "on the roadmap", "vượt lộ trình", "chậm", "đúng lộ trình"):
        assert claim not in ran.out, claim
    if lang == "en":
        assert "The plan has no roadmap: the communes and villages the report counts" in ran.out
        assert "the report counts 2 communes and 5 villages" in ran.out  # a line, no table
    assert "— / 2" not in ran.out and "— / 5" not in ran.out  # no roadmap column of dashes


def test_progress_json_without_roadmap_has_the_status_no_roadmap(ninh_binh_report: Path) -> None:
    ran = run_cli("progress", NINH_BINH, ninh_binh_report, "-f", "json")
    assert ran.code == 0, ran
    years = {row["year"]: row for row in json.loads(ran.out)["years"]}
    assert years[2018]["status"] == "no_roadmap"
    assert years[2018]["reported_cumulative"] == {"communes": 2, "villages": 5}
    assert [years[y]["status"] for y in (2017, 2019, 2020)] == ["not_reported"] * 3
    keys = ["year", "planned", "planned_cumulative", "reported", "reported_cumulative", "status"]
    added = ["planned_inferred", "planned_approximate"]  # after the keys scripts already read
    assert all(list(row) == keys + added for row in years.values())


@pytest.mark.parametrize("width", [None, "40", "80", "200"])
def test_progress_text_keeps_figures_with_their_units(width: str | None) -> None:
    report = QUANG_NINH.parent.parent / "reports" / "quang-ninh-2018-06.yaml"
    ran = run_cli("progress", QUANG_NINH, report, *(["--width", width] if width else []))
    assert ran.code == 0, ran
    lines = ran.out.splitlines()
    for figure in ("about 15.152 lượt hộ", "1.856 hộ", "— / 6"):
        assert any(figure in line for line in lines), figure
    assert any("(1.146,74 to 1.147,45)" in line for line in lines)
    assert any("Đề án 196" in line for line in lines[:3])
    assert "…" not in ran.out
    if width:  # the findings too, as `validate` writes them, but for the report's own name
        assert all(len(line) <= int(width) or str(report) in line for line in lines), lines
