"""`p135 progress`: the Quảng Ninh report of 15/06/2018 against its plan, in every format."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from p135cli.checking import check_report, open_document
from p135cli.i18n import NumberStyle, speak
from p135cli.implied import implied_plan
from p135cli.model import Plan
from p135cli.progress_report import ProgressReport
from p135cli.views import progress
from tests.conftest import GOLDEN, QUANG_NINH, ROOT, assert_golden, marked_plan, run_cli

REPORT = ROOT / "data" / "reports" / "quang-ninh-2018-06.yaml"
FORMATS = {"text": "txt", "json": "json", "markdown": "md"}
PLAN_ARG, REPORT_ARG = (
    "data/plans/quang-ninh-2017-2020.yaml",
    "data/reports/quang-ninh-2018-06.yaml",
)


@pytest.mark.parametrize("format", FORMATS)
def test_every_format_matches_its_golden_file(format: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    ran = run_cli("progress", PLAN_ARG, REPORT_ARG, "-f", format, "--width", "100")
    assert ran.code == 0, ran
    assert_golden(f"progress/quang-ninh-2018-06.{FORMATS[format]}", ran.out)


def test_2017_has_no_milestone_to_compare_with_and_later_years_are_not_reported() -> None:
    """Quảng Ninh's roadmap starts in 2018 ("đến hết năm 2018"): its 2017 is not a milestone
    of 0, so 6 communes out in 2017 are not "ahead" of anything."""
    data = json.loads(run_cli("progress", QUANG_NINH, REPORT, "-f", "json").out)
    years = {row["year"]: row for row in data["years"]}
    assert years[2017]["reported_cumulative"] == {"communes": 6, "villages": 2}
    assert years[2017]["status"] == "no_milestone"
    assert [years[y]["status"] for y in (2018, 2019, 2020)] == ["not_reported"] * 3
    assert data["summary"] == {"errors": 0, "warnings": 0, "acknowledged": 0}


def test_a_year_the_roadmap_states_is_compared(tmp_path: Path) -> None:
    report = tmp_path / "r.yaml"
    report.write_text(REPORT.read_text(encoding="utf-8").replace("  2017:\n", "  2018:\n"), "utf-8")
    data = json.loads(run_cli("progress", QUANG_NINH, report, "-f", "json").out)
    years = {row["year"]: row for row in data["years"]}
    assert years[2018]["planned_cumulative"] == {"communes": 3, "villages": 11}
    assert years[2018]["status"] == "mixed"  # 6 of 3 communes, 2 of 11 villages


def test_a_year_between_the_roadmap_s_years_carries_its_milestone(tmp_path: Path) -> None:
    """After the roadmap's first year, a year it does not state still owes what the years
    before it planned: 2 communes out by 2021 against 22 due by 2020 is behind, not "no
    milestone" (only a year before the roadmap's first one has none)."""
    report = tmp_path / "r.yaml"
    text = REPORT.read_text(encoding="utf-8").replace("  2017:\n", "  2021:\n")
    report.write_text(text.replace("count: {communes: 6, villages: 2}", "count: {communes: 2}"))
    data = json.loads(run_cli("progress", QUANG_NINH, report, "-f", "json").out)
    years = {row["year"]: row for row in data["years"]}
    assert years[2021]["status"] == "behind"


def test_161_8_percent_implies_a_plan_of_1147_households() -> None:
    data = json.loads(run_cli("progress", QUANG_NINH, REPORT, "-f", "json").out)
    escaped = next(r for r in data["results"] if r["id"] == "escaped_poverty")
    assert escaped["of_plan"] == "161.8"
    assert escaped["implied_plan"] == {
        "low": "1146.74",
        "central": "1147.10",
        "high": "1147.45",
        "whole": [1147],
        "whole_first": 1147,
        "whole_last": 1147,
        "whole_count": 1,
    }
    support = next(r for r in data["results"] if r["id"] == "production_support")
    assert support["plan_item"]["value"] == "15152" and support["plan_item"]["about"] is True
    assert support["share_of_plan_item"] == "19.8"


def test_the_implied_range_is_every_plan_figure_that_rounds_to_the_stated_share() -> None:
    implied = implied_plan(Decimal(1856), Decimal("161.8"), counted=True)
    assert implied is not None
    assert f"{implied.low:.4f} {implied.high:.4f}" == "1146.7408 1147.4498"
    for plan in (Decimal("1146.75"), Decimal(1147), Decimal("1147.44")):
        assert implied.low <= plan <= implied.high
        share = (Decimal(1856) * 100 / plan).quantize(Decimal("0.1"))
        assert share == Decimal("161.8")
    for plan in (Decimal("1146.74"), Decimal("1147.45")):
        assert not implied.low <= plan <= implied.high
        share = (Decimal(1856) * 100 / plan).quantize(Decimal("0.1"))
        assert share != Decimal("161.8")
    none_fits = implied_plan(Decimal(10), Decimal("33.5"), counted=True)
    assert none_fits is not None and none_fits.wholes == 0 and none_fits.listed() == []
    assert implied.listed() == [1147]
    # A slipped 0,1 % names the range, never every number in it.
    slipped = implied_plan(Decimal(1856), Decimal("0.1"), counted=True)
    assert slipped is not None
    assert (slipped.first, slipped.last, slipped.wholes) == (1237334, 3712000, 2474667)
    assert slipped.listed() == []
    assert implied_plan(Decimal(10), Decimal("0"), counted=True) is None  # 0 % implies nothing


def test_a_report_whose_percentage_fails_exits_1_with_the_line(tmp_path: Path) -> None:
    report = tmp_path / "report.yaml"
    text = REPORT.read_text(encoding="utf-8").replace('"161,8"', '"171,8"')
    report.write_text(text, encoding="utf-8")
    ran = run_cli("progress", QUANG_NINH, report, "--width", "100")
    assert ran.code == 1, ran
    assert "K101" in ran.out and f"{report}:36:" in ran.out
    assert "no whole number of hộ gives 171,8 %" in ran.out  # the plan's style


def test_names_the_report_gives_that_the_plan_does_not(tmp_path: Path) -> None:
    report = tmp_path / "report.yaml"
    text = REPORT.read_text(encoding="utf-8").replace(
        "    count: {communes: 6, villages: 2}\n",
        "    count: {communes: 2, villages: 2}\n"
        "    communes: [{name: Hà Lâu, district: Tiên Yên},"
        " {name: Hải Lạng, district: Tiên Yên}]\n",
    )
    report.write_text(text, encoding="utf-8")
    ran = run_cli("progress", QUANG_NINH, report, "--width", "100")
    assert ran.code == 0, ran  # a warning
    assert "1 of 2 names in the report are not in the plan" in ran.out
    assert "commune 'Hải Lạng' (Tiên Yên) is not named in the plan's roadmap" in ran.out


def test_the_report_validates_on_its_own() -> None:
    ran = run_cli("validate", REPORT)
    assert ran.code == 0 and "✓ valid" in ran.out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((REPORT, QUANG_NINH), "is a results report, not a plan"),
        ((QUANG_NINH, QUANG_NINH), "is a plan, not a results report"),
        ((QUANG_NINH, "missing.yaml"), "no such file"),
    ],
)
def test_wrong_arguments_exit_2(args: tuple[Path | str, ...], message: str) -> None:
    ran = run_cli("progress", *args)
    assert ran.code == 2 and message in ran.err


# --- languages and number styles ---------------------------------------------------------------


@pytest.fixture
def english_afterwards() -> Iterator[None]:
    """A test may speak another language or style; the next test speaks English again."""
    yield
    speak("en", None)


def _shown(format: str) -> str:
    """The view rendered directly, in whatever the run speaks now (from the repository's
    root, as the golden files were made)."""
    plan, _ = open_document(Path(PLAN_ARG))
    assert isinstance(plan, Plan)
    report, checked = check_report(Path(REPORT_ARG), plan)
    assert isinstance(report, ProgressReport)
    shown, stream = progress.build(plan, PLAN_ARG, report, checked), io.StringIO()
    if format == "text":
        progress.render_text(shown, stream, color=False, width=160)
    else:
        getattr(progress, f"render_{format}")(shown, stream)
    return stream.getvalue()


@pytest.mark.usefixtures("english_afterwards")
def test_figures_follow_the_plans_style_unless_the_run_sets_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(ROOT)
    own = _shown("markdown")
    assert "từ đó đã có 1.856 hộ thoát nghèo, đạt 161,8% kế hoạch đề ra: 1.856 hộ, no year" in own
    assert "escaped_poverty" not in own  # its id is for scripts (JSON)
    assert "implies a plan of 1.147,1 (1.146,74 to 1.147,45)<br>a whole number of hộ: 1.147" in own
    speak("en", NumberStyle.EN)  # --number-style en
    text = _shown("text")
    assert "1.856 hộ thoát nghèo" in text  # the report's own words, as written
    assert "stated 161.8 % of plan" in text and "1,147.1 (1,146.74 to 1,147.45)" in text
    assert "= over ≈ 19.8 % of it" in text and "about 15,152 lượt hộ" in text
    assert "the roadmap states no milestone for this year" in text and "not reported" in text


@pytest.mark.usefixtures("english_afterwards")
def test_json_is_the_committed_bytes_in_every_language_and_style(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    committed = (GOLDEN / "progress" / "quang-ninh-2018-06.json").read_text(encoding="utf-8")
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("P135_LANG", "vi")
    ran = run_cli("progress", PLAN_ARG, REPORT_ARG, "-f", "json")
    assert ran.code == 0, ran
    assert ran.out == committed
    for lang, style in [("vi", NumberStyle.EN), ("en", NumberStyle.VI), ("en", None)]:
        speak(lang, style)
        assert _shown("json") == committed, (lang, style)


def test_the_roadmap_the_report_is_compared_with_keeps_its_marks(tmp_path: Path) -> None:
    """A roadmap year or name the plan infers is `(inferred)`, a count the document states
    `khoảng` without names makes the cumulative `≈`, in the text view and in JSON."""
    plan = marked_plan(tmp_path)
    text = run_cli("progress", plan, REPORT, "--width", "100").out
    assert re.search(r"│ 2018 │ +3 \(inferred\) / — │ +11 / — │", text)
    assert re.search(r"│ 2019 │ +16 \(inferred\) / — │ +11 / — │", text)
    assert re.search(r"│ 2020 │ +22 / — │ +≈ 13 / — │", text)
    data = json.loads(run_cli("progress", plan, REPORT, "-f", "json").out)
    years = {row["year"]: row for row in data["years"]}
    assert years[2019]["planned_inferred"] == {"communes": True, "villages": False}
    assert years[2020]["planned_approximate"] == {"communes": False, "villages": True}
    assert years[2017]["planned_inferred"] == {"communes": False, "villages": False}


def test_a_plan_item_keeps_the_documents_qualifier(tmp_path: Path) -> None:
    """`trên 15.152 lượt hộ` is more than, not about: the view says so, JSON too (`about`
    stays what it was: whether the figure is `about`)."""
    text = QUANG_NINH.read_text(encoding="utf-8")
    old = "    unit: lượt hộ\n    about: true\n"
    assert text.count(old) == 1
    plan = tmp_path / "plan.yaml"
    plan.write_text(text.replace(old, "    unit: lượt hộ\n    qualifier: more_than\n"), "utf-8")
    shown = run_cli("progress", plan, REPORT, "--width", "200").out
    assert "more than 15.152 lượt hộ" in shown
    data = json.loads(run_cli("progress", plan, REPORT, "-f", "json").out)
    item = next(r["plan_item"] for r in data["results"] if r["plan_item"])
    assert (item["qualifier"], item["about"]) == ("more_than", False)
