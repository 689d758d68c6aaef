"""What `timeline` and `progress` say as a planner reads them: a range keeps its qualifier
(`≈ 150–300 km`), an approximate plan figure is marked and so is what p135 computes from it, a
plan without roadmap gets a line, not an empty roadmap table, and a heading does not say again
what the title beside it says."""

from __future__ import annotations

from pathlib import Path

import pytest

from p135cli.views.common import says, says_period

from .conftest import NINH_BINH, PLANS, QUANG_NINH, ROOT, run_cli, run_process
from .report_texts import NINH_BINH_REPORT

BAC_KAN = PLANS / "bac-kan-2016-2020.yaml"
LANG_SON = PLANS / "lang-son-2017-2020.yaml"
ARTICLE = ROOT / "data" / "reports" / "quang-ninh-2018-06.yaml"
FORMATS = ["text", "markdown", "mermaid"]


LANG_SON_REPORT = """\
province: Lạng Sơn
plan: 111/KH-UBND
number_style: vi

report:
  kind: Báo cáo
  title: Kết quả năm 2018
  publisher: Ủy ban nhân dân tỉnh Lạng Sơn
  date: 20/12/2018

results:
  - id: income
    text: thu nhập bình quân đạt 25 triệu đồng
    value: "25"
    unit: triệu đồng
    plan_item: rural_income
    source: đoạn 3
"""


def _report(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "bao-cao.yaml"
    path.write_text(text, encoding="utf-8")
    return path


# --- a range keeps its qualifier ---------------------------------------------------------------


@pytest.mark.parametrize("format", FORMATS)
def test_a_range_keeps_its_qualifier_in_every_format(format: str) -> None:
    """Bắc Kạn's `khoảng 150 - 300km` and Lạng Sơn's `khoảng 28 - 30 triệu đồng`: about."""
    for plan, figure in ((BAC_KAN, "≈ 150–300 km"), (LANG_SON, "≈ 28–30 triệu đồng")):
        ran = run_cli("timeline", plan, "-f", format, "--width", "100")
        assert ran.code == 0, ran
        assert figure in ran.out, (plan.name, format)


def test_the_svg_picture_keeps_a_range_s_qualifier(tmp_path: Path) -> None:
    picture = tmp_path / "lo-trinh.svg"
    assert run_cli("timeline", BAC_KAN, "--svg", picture).code == 0
    assert "[≈ 150–300 km]" in picture.read_text(encoding="utf-8")  # in the line's aria-label


# --- progress marks an approximate plan figure -------------------------------------------------


@pytest.mark.parametrize("format", ["text", "markdown"])
def test_progress_marks_an_approximate_plan_figure_and_what_it_gives(format: str) -> None:
    """The plan states `khoảng 15.152 lượt hộ`: the figure says `about`, and the share of it
    p135 computes is `≈`."""
    ran = run_cli("progress", QUANG_NINH, ARTICLE, "-f", format, "--width", "100")
    assert ran.code == 0, ran
    assert "about 15.152 lượt hộ" in ran.out
    assert "= over ≈ 19,8 % of it" in ran.out
    vi = run_cli("progress", QUANG_NINH, ARTICLE, "-f", format, "--width", "100", "--lang", "vi")
    assert "khoảng 15.152 lượt hộ" in vi.out and "= trên ≈ 19,8 % của mục này" in vi.out


@pytest.mark.parametrize("format", ["text", "markdown"])
def test_progress_shows_a_plan_range_with_its_qualifier(format: str, tmp_path: Path) -> None:
    report = _report(tmp_path, LANG_SON_REPORT)
    ran = run_cli("progress", LANG_SON, report, "-f", format, "--width", "100")
    assert ran.code == 0, ran
    assert "about 28–30 triệu đồng" in ran.out  # not the unit without its figure


# --- a plan without roadmap gets a line, not a roadmap table -----------------------------------


@pytest.mark.parametrize("lang", ["en", "vi"])
@pytest.mark.parametrize("format", ["text", "markdown"])
def test_progress_without_roadmap_says_so_in_a_line_and_draws_no_roadmap_table(
    format: str, lang: str, tmp_path: Path
) -> None:
    report = _report(tmp_path, NINH_BINH_REPORT)
    ran = run_cli("progress", NINH_BINH, report, "-f", format, "--lang", lang, "--width", "80")
    assert ran.code == 0, ran
    assert "— / " not in ran.out and "roadmap / reported" not in ran.out
    assert "lộ trình / báo cáo" not in ran.out
    if lang == "en":
        assert "The plan has no roadmap" in ran.out
        assert "In 2018 the report counts 2 communes and 5 villages leaving the list." in ran.out
    else:
        assert "Kế hoạch không có lộ trình" in ran.out
        assert "Năm 2018, báo cáo nêu 2 xã và 5 thôn, bản ra khỏi diện ĐBKK." in ran.out


@pytest.mark.parametrize("plan", [BAC_KAN, LANG_SON, NINH_BINH])
def test_timeline_and_report_of_a_plan_without_roadmap_draw_no_roadmap_table(plan: Path) -> None:
    timeline = run_cli("timeline", plan, "--width", "80")
    assert "This plan has no roadmap" in timeline.out
    assert "Leaving the list" not in timeline.out and "Toward the goal" not in timeline.out
    for format in ("text", "markdown"):
        report = run_cli("report", plan, "-f", format, "--width", "80")
        assert report.code == 0 and "leaving" not in report.out.lower(), report


# --- a heading does not say again what its title says -----------------------------------------


def test_says_compares_words_whatever_their_case_dashes_and_spacing() -> None:
    assert says("Giảm nghèo bền vững tỉnh Ninh Bình giai đoạn 2017-2020", "ninh bình")
    assert not says("Ninh Bình", "Bình Định") and not says("Đề án 1960", "Đề án 196")
    assert says_period("giai đoạn 2017 – 2020", 2017, 2020)
    assert not says_period("giai đoạn 2016-2020", 2017, 2020)
    assert says_period("năm 2018", 2018, 2018)


@pytest.mark.parametrize("format", ["text", "markdown"])
def test_a_timeline_heading_does_not_repeat_the_programme_s_period(format: str) -> None:
    ran = run_cli("timeline", LANG_SON, "-f", format, "--width", "100")
    heading = ran.out.splitlines()[0].removeprefix("### ")
    assert heading == "Lạng Sơn · Các Chương trình mục tiêu quốc gia giai đoạn 2017-2020"
    kept = run_cli("timeline", QUANG_NINH, "-f", format, "--width", "100")
    assert kept.out.splitlines()[0].removeprefix("### ") == (
        "Quảng Ninh · Chương trình 135 · 2017–2020"
    )


@pytest.mark.parametrize("lang", ["en", "vi"])
@pytest.mark.parametrize("format", ["text", "markdown"])
def test_a_progress_heading_does_not_repeat_the_report_s_title(format: str, lang: str) -> None:
    """The article's title names the province and Đề án 196: the heading names neither again,
    and gives the plan's period after it."""
    ran = run_cli("progress", QUANG_NINH, ARTICLE, "-f", format, "--lang", lang, "--width", "200")
    heading = ran.out.splitlines()[0].removeprefix("### ")
    plan = "plan" if lang == "en" else "kế hoạch"
    assert heading == (
        f"Bài báo 15/06/2018: Quảng Ninh đột phá, sáng tạo thực hiện Đề án 196 · {plan} 2017–2020"
    )


def test_a_progress_heading_leaves_out_what_the_plan_s_title_says(tmp_path: Path) -> None:
    """Ninh Bình's plan is named by its title, which names the province and the period."""
    ran = run_cli("progress", NINH_BINH, _report(tmp_path, NINH_BINH_REPORT), "--width", "200")
    assert ran.out.splitlines()[0] == (
        "Giảm nghèo bền vững tỉnh Ninh Bình giai đoạn 2017-2020 · "
        "Báo cáo 20/12/2018: Kết quả giảm nghèo năm 2018"
    )


# --- the completion options speak the run's language -------------------------------------------


@pytest.mark.parametrize(
    ("lang", "install", "show"),
    [
        ("vi", "Cài gợi ý hoàn thành lệnh", "In đoạn mã gợi ý hoàn thành lệnh"),
        ("en", "Install completion for the current shell.", "Show completion for the current"),
    ],
)
def test_the_completion_options_speak_the_run_s_language(
    lang: str, install: str, show: str
) -> None:
    ran = run_process(["--help"], env={"P135_LANG": lang, "COLUMNS": "200"})
    assert ran.code == 0, ran
    lines = {line.split()[0]: line for line in ran.out.splitlines() if line.strip()}
    assert install in lines["--install-completion"] and show in lines["--show-completion"]
    if lang == "vi":
        assert "Install completion" not in ran.out and "Show completion" not in ran.out
