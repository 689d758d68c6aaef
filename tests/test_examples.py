"""Plans written from real documents beyond the four shipped ones (tests/examples/): a new
province's articles, with approximate amounts ("hơn", "gần"), a split by district and a rate,
recorded as the documents state them, without bending the schema.

Each validates; each capability they use fails as it should when a figure is slipped; their
views are golden files (rewritten with P135_UPDATE_GOLDEN=1).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import ROOT, assert_golden, run_cli

EXAMPLES = ROOT / "tests" / "examples"
PHU_YEN_2018 = EXAMPLES / "phu-yen-2018.yaml"
PHU_YEN_2007 = EXAMPLES / "phu-yen-2007.yaml"


def findings(path: Path, *args: str) -> list[tuple[str, str, bool]]:
    ran = run_cli("validate", "--isolated", "--format", "json", *args, path)
    (result,) = json.loads(ran.out)["files"]
    return [(f["code"], f["severity"], f["acknowledged"]) for f in result["findings"]]


def slipped(tmp_path: Path, old: str, new: str, source: Path = PHU_YEN_2018) -> Path:
    text = source.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path = tmp_path / "slipped.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def test_the_2018_article_validates_with_no_finding() -> None:
    """hơn 29,2 = gần 21,7 + hơn 7,5; hơn 23 by five districts; hơn 5,6 for 16 communes and
    29 villages; the components add to the total: every sum holds, as stated and as the
    qualifiers allow."""
    ran = run_cli("validate", "--isolated", PHU_YEN_2018)
    assert ran.code == 0, ran
    assert findings(PHU_YEN_2018) == []


def test_the_2007_article_validates_with_its_gap_acknowledged() -> None:
    """7,7 tỷ đồng = 700 triệu đồng/xã × 11 xã holds (F109); the components leave 0,05 of the
    9,51 unexplained, which one acknowledgement of the sum covers."""
    ran = run_cli("validate", "--isolated", PHU_YEN_2007)
    assert ran.code == 0, ran
    assert findings(PHU_YEN_2007) == [("F100", "error", True)]


def test_a_rate_that_does_not_give_its_amount_fails(tmp_path: Path) -> None:
    path = slipped(tmp_path, "count: 11", "count: 12", PHU_YEN_2007)
    assert ("F109", "error", False) in findings(path)


def test_a_district_typed_without_its_unit_gets_the_hint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "1000")  # each line whole: what it says, not how it wraps
    path = slipped(tmp_path, '"gần 800 triệu đồng"', '"gần 800"')
    ran = run_cli("validate", "--isolated", path)
    assert ran.code == 1
    assert "hint: huyện Phú Hòa states 800: as 800 triệu đồng the sum holds." in ran.out
    assert (
        "if the document itself says so, acknowledge: {rule: P103, pointer: /components/0/amount,"
        ' expected: "24", found: "742,1"}' in ran.out
    )


def test_a_qualifier_that_breaks_a_sum_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """gần 20,7 + hơn 7,5 lies above 28,1 and below 28,3: it cannot be hơn 29,2."""
    monkeypatch.setenv("COLUMNS", "1000")  # the message whole, on one line
    path = slipped(tmp_path, '"gần 21,7"', '"gần 20,7"')
    ran = run_cli("validate", "--isolated", path)
    assert ran.code == 1
    assert (
        "the sum of the sources lies above 28,1 and below 28,3, but the total states more "
        "than 29,2, which lies above 29,2 and below 29,3: the two do not meet (qualified: the "
        "total more than 29,2; vốn đầu tư nearly 20,7; vốn sự nghiệp more than 7,5)"
    ) in ran.out


@pytest.mark.parametrize("lang", ["en", "vi"])
@pytest.mark.parametrize(
    ("format", "suffix"), [("text", "txt"), ("markdown", "md"), ("json", "json"), ("csv", "csv")]
)
def test_the_report_of_the_2018_article(
    format: str, suffix: str, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The qualifiers and the split by district in every report format."""
    if lang == "vi" and format in ("json", "csv"):
        pytest.skip("machine formats do not change with the language")
    monkeypatch.chdir(ROOT)  # the path in the output as a planner types it, in any clone
    plan = PHU_YEN_2018.relative_to(ROOT)
    ran = run_cli("report", "--isolated", "--lang", lang, "--format", format, "--width", "80", plan)
    assert ran.code == 0, ran
    assert_golden(f"report/phu-yen-2018-{lang}.{suffix}", ran.out)


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_validate_counts_inferences_and_lists_them_on_request(
    lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Quảng Ninh's categories are inferred (I101, information), and seven of its places
    changed after its date (R106, information): each counted on the file's line, listed with
    the acknowledged findings."""
    monkeypatch.chdir(ROOT)  # the golden file names the plan as a planner types it
    plan = "data/plans/quang-ninh-2017-2020.yaml"
    ran = run_cli("validate", "--isolated", "--lang", lang, plan)
    assert ran.code == 0 and "I101" not in ran.out and "R106" not in ran.out, ran  # counted
    listed = run_cli("validate", "--isolated", "--lang", lang, "--show-acknowledged", plan)
    assert_golden(f"validate/quang-ninh-{lang}.txt", ran.out + listed.out)


GUIDES = [ROOT / "docs" / "writing-a-plan.md", ROOT / "docs" / "writing-a-plan.vi.md"]


def guide_plans(guide: Path) -> list[str]:
    """The YAML blocks of a guide that are whole plans (they start with `province:`)."""
    blocks = re.findall(r"```yaml\n(.*?)```", guide.read_text(encoding="utf-8"), re.S)
    return [block for block in blocks if block.startswith("province:")]


@pytest.mark.parametrize("guide", GUIDES, ids=lambda p: p.name)
def test_the_smallest_plan_of_each_guide_validates(guide: Path, tmp_path: Path) -> None:
    (plan,) = guide_plans(guide)
    path = tmp_path / "plan.yaml"
    path.write_text(plan, encoding="utf-8")
    ran = run_cli("validate", "--isolated", path)
    assert ran.code == 0 and "✓ valid" in ran.out, ran


def guide_sections(guide: Path) -> list[str]:
    """The YAML blocks of a guide that are whole sections of a plan (a top-level key other than
    `province:`); blocks that start indented are fragments, and the guide says where they go."""
    blocks = re.findall(r"```yaml\n(.*?)```", guide.read_text(encoding="utf-8"), re.S)
    return [b for b in blocks if re.match(r"[a-z_]+:", b) and not b.startswith("province:")]


SECTIONS = [(guide, index) for guide in GUIDES for index in range(len(guide_sections(guide)))]


@pytest.mark.parametrize(("guide", "index"), SECTIONS, ids=[f"{g.name}-{i}" for g, i in SECTIONS])
def test_each_section_of_a_guide_validates_in_the_smallest_plan(
    guide: Path, index: int, tmp_path: Path
) -> None:
    """A planner copies a section under the smallest plan and runs validate: it passes, as the
    guide's text says (an acknowledgement shown alone acknowledges nothing: A001)."""
    (plan,) = guide_plans(guide)
    section = guide_sections(guide)[index]
    path = tmp_path / "plan.yaml"
    path.write_text(plan + section, encoding="utf-8")
    ran = run_cli("validate", "--isolated", "-f", "json", path)
    found = json.loads(ran.out)["files"][0]["findings"]
    alone = section.startswith("acknowledged:")
    wrong = [f for f in found if f["severity"] != "info" and not f["acknowledged"]]
    assert [f["code"] for f in wrong] == (["A001"] if alone else []), section


@pytest.mark.parametrize("guide", GUIDES, ids=lambda p: p.name)
def test_each_guide_covers_every_case_of_the_issue(guide: Path) -> None:
    """The guides say how to record what the Phú Yên articles and the audit needed."""
    text = guide.read_text(encoding="utf-8")
    for needed in (
        "qualifier: more_than", "average: true", "per_year: true", "split_by: district",
        "covers:", "rate:", "inferred:", "rule: F120", "tỉ", "tr.đ", "ngàn", "01/NQ-CP",
        "before: 2019", "groups:", "listed_in:", "lead:", "limits:", "comparator: at_most",
        "reporting:", "when:",
    ):  # fmt: skip
        assert needed in text, needed


def test_an_inferred_figure_is_marked_in_every_report_format(tmp_path: Path) -> None:
    path = slipped(
        tmp_path,
        'son_hoa: {name: huyện Sơn Hòa, amount: "gần 6,8", source: đoạn 2}',
        'son_hoa: {name: huyện Sơn Hòa, amount: "gần 6,8", source: đoạn 2, inferred: "why"}',
    )
    assert findings(path) == [("I101", "info", False)]
    text = run_cli("report", "--isolated", "--width", "200", path).out
    assert re.search(r"│ [^│]+ +│ huyện Sơn Hòa +│.*│ inferred +│", text)
    assert re.search(r"│ [^│]+ +│ huyện Sông Hinh +│.*│ stated +│", text)
    data = json.loads(run_cli("report", "--isolated", "-f", "json", path).out)
    tables = {t["name"]: t for t in data["plans"][0]["tables"]}
    basis = {row["part"]: row["basis"] for row in tables["splits"]["rows"]}
    assert (
        basis["son_hoa"] == "suy ra / inferred"
        and basis["song_cau"] == "nêu trong văn bản / stated"
    )
    assert "basis" not in tables["sources"]["rows"][0]  # nothing inferred there


def test_progress_marks_a_plan_item_the_plan_infers(tmp_path: Path) -> None:
    plan = slipped(
        tmp_path,
        "    unit: lượt hộ\n    about: true\n",
        "    unit: lượt hộ\n    about: true\n    inferred: why\n",
        ROOT / "data/plans/quang-ninh-2017-2020.yaml",
    )
    report = ROOT / "data/reports/quang-ninh-2018-06.yaml"
    ran = run_cli("progress", "--isolated", "--width", "200", plan, report)
    assert "≈ 15.152 lượt hộ (inferred)" in ran.out or "about 15.152 lượt hộ (inferred)" in ran.out
    data = json.loads(run_cli("progress", "--isolated", "-f", "json", plan, report).out)
    items = [r["plan_item"] for r in data["results"] if r["plan_item"]]
    assert [item["inferred"] for item in items] == [True]


def test_a_plan_of_one_year_is_titled_by_that_year() -> None:
    """`2018`, not `2018–2018`."""
    ran = run_cli("timeline", "--isolated", PHU_YEN_2018)
    assert ran.out.splitlines()[0].endswith("· Chương trình 135 · 2018"), ran.out


# --- Phú Thọ, 2025: MTQG 1719 after the reform ----------------------------------------------

PHU_THO = EXAMPLES / "phu-tho-2025-1719.yaml"
PHU_THO_JULY = EXAMPLES / "phu-tho-2025-07.yaml"


def progress_findings(plan: Path, report: Path) -> list[tuple[str, str]]:
    ran = run_cli("progress", "--isolated", "-f", "json", plan, report)
    data = json.loads(ran.out)
    return [(f["code"], f["severity"]) for f in data["findings"]]


def test_the_1719_allocation_validates_saying_what_its_open_list_leaves_unnamed() -> None:
    """1.104.697 = 635.494 investment + 469.203 recurrent; the five investment projects add to
    635.494; 541.611 carried over = 102.146 + 439.465; the recurrent list ends in "..." and
    names 333.004 of 469.203: F121 says 136.199 is not named."""
    ran = run_cli("validate", "--isolated", PHU_THO)
    assert ran.code == 0, ran
    assert findings(PHU_THO) == [("I101", "info", False), ("F121", "info", False)]
    assert "136.199" in run_cli("validate", "--isolated", PHU_THO).out


def test_the_july_disbursement_holds_of_the_allocation_and_what_was_carried_over() -> None:
    """406.294 is 55,08 % of 635.494 + 102.146: "đạt trên 55% kế hoạch" holds."""
    ran = run_cli("progress", "--isolated", PHU_THO, PHU_THO_JULY)
    assert ran.code == 0, ran
    assert progress_findings(PHU_THO, PHU_THO_JULY) == []


def test_the_disbursement_without_its_carried_over_capital_fails(tmp_path: Path) -> None:
    """Of the allocation alone, 406.294 is 63,93 %: not "trên 55%"."""
    plan = slipped(
        tmp_path, '          carried_over: {amount: "102.146", source: đoạn 3}\n', "", PHU_THO
    )
    assert progress_findings(plan, PHU_THO_JULY) == [("K105", "error")]


def test_a_percentage_of_plan_slipped_fails(tmp_path: Path) -> None:
    report = slipped(tmp_path, "of_plan: 55", "of_plan: 65", PHU_THO_JULY)
    assert progress_findings(PHU_THO, report) == [("K105", "error")]


def test_carried_over_parts_that_do_not_add_up_fail(tmp_path: Path) -> None:
    plan = slipped(tmp_path, '"439.465"', '"439.456"', PHU_THO)
    assert ("P103", "error", False) in findings(plan)


def test_the_recurrent_list_closed_fails_its_sum(tmp_path: Path) -> None:
    """Without "..." recorded, the six items must add to 469.203: F100 names the suspects."""
    plan = slipped(
        tmp_path,
        '          split_partial: true  # "...": the article lists the main items only\n',
        "",
        PHU_THO,
    )
    assert ("F100", "error", False) in findings(plan)


def taken_blocks(guide: Path) -> list[tuple[str, str]]:
    """(path, text) of each YAML block of a guide that says, on its first line, which file
    of the repository it is taken from (`# tests/examples/phu-tho-2025-1719.yaml`)."""
    blocks = re.findall(r"```yaml\n# (tests/\S+\.yaml)\n(.*?)```", guide.read_text("utf-8"), re.S)
    return [(path, text) for path, text in blocks]


TAKEN = [(g, i) for g in GUIDES for i in range(len(taken_blocks(g)))]


@pytest.mark.parametrize(("guide", "index"), TAKEN, ids=[f"{g.name}-{i}" for g, i in TAKEN])
def test_a_block_a_guide_takes_from_a_file_is_there_word_for_word(guide: Path, index: int) -> None:
    """What a guide shows from an example or a rule case is in it as shown, so it validates
    (the example's and the case's own tests check them) and never drifts from it."""
    path, text = taken_blocks(guide)[index]
    assert text in (ROOT / path).read_text(encoding="utf-8"), (path, text)


def test_each_guide_shows_todays_programmes() -> None:
    for guide in GUIDES:
        assert len(taken_blocks(guide)) == 9, guide


REDUCTIONS = EXAMPLES / "reductions-2020.yaml"


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("format", ["text", "json"])
def test_a_reduction_and_a_count_s_own_qualifier_as_the_timeline_shows_them(
    lang: str, format: str
) -> None:
    """`−4,36 điểm % so với 2019`, never a level of 4,36 to reach; `hơn 10 thôn` beside an
    exact `1 xã`."""
    ran = run_cli(
        "timeline", "--isolated", REDUCTIONS, "-f", format, "--lang", lang, "--width", "100"
    )
    assert ran.code == 0, ran
    assert_golden(f"timeline/reductions-{lang}.{'txt' if format == 'text' else 'json'}", ran.out)


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("format", ["text", "json"])
def test_a_disbursement_as_progress_shows_it(lang: str, format: str) -> None:
    """The line it is measured against, with what was carried over, and the share it makes."""
    ran = run_cli(
        "progress", "--isolated", PHU_THO.relative_to(ROOT), PHU_THO_JULY.relative_to(ROOT),
        "-f", format, "--lang", lang,
        "--width", "120",
    )  # fmt: skip
    assert ran.code == 0, ran
    assert_golden(
        f"progress/phu-tho-2025-07-{lang}.{'txt' if format == 'text' else 'json'}", ran.out
    )


def test_two_documents_of_one_province_are_told_apart_in_the_report(tmp_path: Path) -> None:
    """Two plans of Phú Thọ (an allocation and a later article): each heading and each column
    of the province comparison names the document and its date, as the province alone cannot;
    a plan whose province is alone in the run is named by it only."""
    later = slipped(tmp_path, "  date: 29/08/2025\n", "  date: 19/09/2025\n", PHU_THO)
    ran = run_cli("report", "--isolated", PHU_THO, later, PHU_YEN_2018, "--width", "200")
    assert ran.code == 0, ran
    assert "Phú Thọ · Bài báo 29/08/2025 · Funding by source" in ran.out
    assert "Phú Thọ · Bài báo 19/09/2025 · Funding by source" in ran.out
    assert "Phú Yên · Funding by source" in ran.out
    header = next(line for line in ran.out.splitlines() if "Phú Yên" in line and "│" in line)
    assert "Phú Thọ · Bài báo 29/08/2025" in header and "Phú Thọ · Bài báo 19/09/2025" in header


def test_the_report_shows_what_was_carried_over_beside_each_figure() -> None:
    """541.611 beside the central budget, 102.146 and 439.465 beside its two capitals."""
    data = json.loads(run_cli("report", "--isolated", PHU_THO, "-f", "json").out)
    tables = {t["name"]: t for t in data["plans"][0]["tables"]}
    carried = [row.get("carried_over") for row in tables["sources"]["rows"]]
    assert carried == ["541611"]
    split = [row.get("carried_over") for row in tables["splits"]["rows"]][:2]
    assert split == ["102146", "439465"]
    text = run_cli("report", "--isolated", PHU_THO, "--lang", "vi", "--width", "120").out
    assert "Vốn kéo dài" in text and "541.611" in text


def test_an_open_list_shows_the_rest_it_leaves_unnamed() -> None:
    """The recurrent list ends in "...": its six items name 333.004 of 469.203, so the splits
    table adds the 136.199 the document does not name (29,0 % of it), and the shares add up."""
    data = json.loads(run_cli("report", "--isolated", PHU_THO, "-f", "json").out)
    tables = {t["name"]: t for t in data["plans"][0]["tables"]}
    rest = [row for row in tables["splits"]["rows"] if row["part"] == "_rest"]
    assert [(row["amount"], row["source_share"]) for row in rest] == [("136199", "29.0")]
    text = run_cli("report", "--isolated", PHU_THO, "--lang", "vi", "--width", "120").out
    assert "(văn bản chưa nêu tên)" in text and "136.199" in text


# --- Phú Thọ, October 2025: two documents of one province and year ---------------------------

PHU_THO_OCTOBER = EXAMPLES / "phu-tho-2025-10.yaml"


def progress_all(plan: Path, report: Path) -> list[tuple[str, str, bool]]:
    ran = run_cli("progress", "--isolated", "-f", "json", plan, report)
    data = json.loads(ran.out)
    return [(f["code"], f["severity"], f["acknowledged"]) for f in data["findings"]]


def test_the_october_report_states_the_allocation_with_its_qualifiers_the_other_way_round() -> None:
    """ "gần 737" is 635.494 + 102.146 = 737,64 (more than 737) and "trên 909" is 469.203 +
    439.465 = 908,668 (nearly 909): both K105, acknowledged; so are the total of 1.724 that
    "gần 737" and "trên 909" do not make (K106) and "tỷ triệu đồng" (K107)."""
    ran = run_cli("progress", "--isolated", PHU_THO, PHU_THO_OCTOBER)
    assert ran.code == 0, ran
    assert progress_all(PHU_THO, PHU_THO_OCTOBER) == [
        ("K106", "error", True),
        ("K107", "error", True),
        ("K105", "error", True),
        ("K105", "error", True),
    ]


def test_a_restated_figure_that_the_plan_holds_passes(tmp_path: Path) -> None:
    """With the qualifiers as the figures are ("trên 737", "gần 909") the two documents agree:
    the acknowledgements are stale (A001)."""
    report = slipped(tmp_path, 'value: "gần 737"', 'value: "trên 737"', PHU_THO_OCTOBER)
    text = report.read_text(encoding="utf-8").replace('value: "trên 909"', 'value: "gần 909"')
    report.write_text(text, encoding="utf-8")
    found = progress_all(PHU_THO, report)
    assert [f for f in found if f[0] == "K105"] == []
    assert found.count(("A001", "warning", False)) == 2


def test_the_october_report_alone_validates_with_its_own_acknowledgements() -> None:
    """Validated without its plan, the K105 entries are not stale: K105 needs the plan."""
    assert findings(PHU_THO_OCTOBER) == [
        ("K106", "error", True),
        ("K107", "error", True),
    ]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_october_report_as_progress_shows_it(lang: str) -> None:
    ran = run_cli(
        "progress", "--isolated", PHU_THO.relative_to(ROOT), PHU_THO_OCTOBER.relative_to(ROOT),
        "--lang", lang, "--width", "120",
    )  # fmt: skip
    assert ran.code == 0, ran
    assert_golden(f"progress/phu-tho-2025-10-{lang}.txt", ran.out)


# --- Thái Nguyên: the poverty-reduction programme 2021-2025 (90/QĐ-TTg) -----------------------

THAI_NGUYEN = EXAMPLES / "thai-nguyen-2021-2025-giam-ngheo.yaml"
THAI_NGUYEN_JUNE = EXAMPLES / "thai-nguyen-2025-06.yaml"


def test_the_poverty_programme_allocation_validates_with_its_printed_error() -> None:
    """1.113 + 53 = 1.166, not "hơn 1.167": F101, acknowledged; Dự án 1 of the programme's seven
    (G102 knows it), the rest of the open list of projects named by F121."""
    ran = run_cli("validate", "--isolated", THAI_NGUYEN)
    assert ran.code == 0, ran
    assert findings(THAI_NGUYEN) == [
        ("I101", "info", False),
        ("F101", "error", True),
        ("F121", "info", False),
    ]


def test_a_project_that_the_programme_does_not_have_is_found(tmp_path: Path) -> None:
    plan = slipped(tmp_path, 'project: "1"', 'project: "8"', THAI_NGUYEN)
    assert ("G102", "error", False) in findings(plan)


def test_the_june_disbursement_against_the_allocation_and_project_1() -> None:
    """872/1.167 is 74,72 %, not 74,74 % (K101), and 1.167 is not "hơn 1.167" (K105): the
    article's, acknowledged; 387 of Dự án 1's 441 and the two sources' shares hold."""
    ran = run_cli("progress", "--isolated", THAI_NGUYEN, THAI_NGUYEN_JUNE)
    assert ran.code == 0, ran
    assert progress_all(THAI_NGUYEN, THAI_NGUYEN_JUNE) == [
        ("K105", "error", True),
        ("K101", "error", True),
    ]
    data = json.loads(
        run_cli("progress", "--isolated", "-f", "json", THAI_NGUYEN, THAI_NGUYEN_JUNE).out
    )
    project = next(r for r in data["results"] if r["id"] == "project_1_disbursed")
    assert project["funding_line"]["name"].startswith("Dự án 1")


def test_a_project_disbursement_slipped_fails(tmp_path: Path) -> None:
    report = slipped(tmp_path, 'plan_value: "441"', 'plan_value: "414"', THAI_NGUYEN_JUNE)
    assert ("K105", "error", False) in progress_all(THAI_NGUYEN, report)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_poverty_programme_as_progress_and_report_show_it(lang: str) -> None:
    """The disbursement beside each line it is measured against (the total, each source,
    Dự án 1), and the allocation by source and capital with the projects it leaves unnamed."""
    ran = run_cli(
        "progress", "--isolated", THAI_NGUYEN.relative_to(ROOT),
        THAI_NGUYEN_JUNE.relative_to(ROOT), "--lang", lang, "--width", "120",
    )  # fmt: skip
    assert ran.code == 0, ran
    assert_golden(f"progress/thai-nguyen-2025-06-{lang}.txt", ran.out)
    ran = run_cli(
        "report", "--isolated", THAI_NGUYEN.relative_to(ROOT), "--lang", lang, "--width", "120"
    )
    assert ran.code == 0, ran
    assert_golden(f"report/thai-nguyen-2021-2025-{lang}.txt", ran.out)
