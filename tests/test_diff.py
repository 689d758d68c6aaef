"""`p135 diff OLD NEW`: real edits of the shipped plans, shown as an auditor reads them.

Each edit is made in a temporary folder from data/plans/; the text, markdown and JSON outputs
are golden files (tests/golden/diff/, rewritten with P135_UPDATE_GOLDEN=1). Plans are named
relative to the folder, so the outputs do not depend on where it is.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

from p135cli.diff import build
from p135cli.formats import DIFF
from p135cli.git_files import is_revision
from p135cli.leaves import Change
from p135cli.render.escape import markdown, printable
from p135cli.settings import Limits, Settings
from p135cli.views.diff import MARKDOWN_MARKS, TEXT_MARKS, run, values_text

from .conftest import QUANG_NINH, ROOT, assert_golden, run_cli

QUANG_SON = "        - {name: Quảng Sơn, district: Hải Hà}\n"
QUANG_DUC = "        - {name: Quảng Đức, district: Hải Hà}\n"
HEALTH_INFERRED = (
    "Mục 2.2 e không nêu năm; hiểu là hết năm 2020 như mục tiêu chung (2.1) và Đề án (5)."
)
HEALTH = (
    "  - {id: health, text: 100% xã duy trì đạt tiêu chí quốc gia về y tế., value: 100,"
    f' unit: "%",\n     by: 2020, source: "2.2 e",\n     inferred: {HEALTH_INFERRED}}}\n'
)
HEALTH_REORDERED = (  # moved up the list, and its keys in another order
    '  - source: "2.2 e"\n    id: health\n    value: 100\n    unit: "%"\n    by: 2020\n'
    f"    inferred: {HEALTH_INFERRED}\n    text: 100% xã duy trì đạt tiêu chí quốc gia về y tế.\n"
)


def amendment(number: str, date: str, *changes: str, kind: str = "Quyết định") -> str:
    listed = ", ".join(changes)
    return (
        f"  - {{kind: {kind}, number: {number}, date: {date}, changes: [{listed}], "
        'reason: điều chỉnh, source: "Điều 1"}\n'
    )


AMENDMENTS = [
    amendment("120/QĐ-UBND", "15/3/2018", "/targets"),
    amendment("130/QĐ-UBND", "15/3/2019", "/targets"),
    amendment("140/QĐ-UBND", "15/6/2019", "/targets"),
]
END = QUANG_NINH.read_text(encoding="utf-8").rstrip("\n").rsplit("\n", 1)[-1] + "\n"
"""The shipped plan's last line: what is appended goes after it."""
LAST = QUANG_NINH.read_text(encoding="utf-8").count("\n")
"""The shipped plan's last line's number: what is appended comes after it."""

EDITS: dict[str, list[tuple[str, str]]] = {
    # 10 tỷ đồng of the provincial budget moved from 2019 to 2020: both years' parts and
    # totals edited, so every sum still holds.
    "money-moved": [
        ('total: {amount: "339,739"', 'total: {amount: "329,739"'),
        ('amount: "245,159"', 'amount: "235,159"'),
        ('total: {amount: "146,621"', 'total: {amount: "156,621"'),
        ('amount: "105,960"', 'amount: "115,960"'),
    ],
    # Quảng Sơn (Hải Hà) leaves the list in 2019 instead of 2020; the counts follow.
    "commune-moved": [
        (QUANG_SON, ""),
        (QUANG_DUC, QUANG_DUC + QUANG_SON),
        ("count: {communes: 13}", "count: {communes: 14}"),
        ("count: {communes: 6}", "count: {communes: 5}"),
    ],
    # The key of a source renamed, with its name and figure: a rename, not a change.
    "source-renamed": [
        ("    credit:           {", "    tin_dung:         {"),
        ("district_commune, credit, other", "district_commune, tin_dung, other"),
    ],
    # A one-digit slip: two sums no longer hold, and NEW has an error (exit 1).
    "figure-slipped": [('amount: "245,159"', 'amount: "245,160"')],
    # Lists and mappings reordered: the same plan.
    "reordered": [
        (
            '    central:          {name: Ngân sách Trung ương, amount: "67,422", source: "4.2"}\n'
            '    provincial:       {name: Ngân sách tỉnh, amount: "968,475", source: "4.2"}\n',
            '    provincial:       {name: Ngân sách tỉnh, amount: "968,475", source: "4.2"}\n'
            '    central:          {name: Ngân sách Trung ương, amount: "67,422", source: "4.2"}\n',
        ),
        (
            "districts: [Bình Liêu, Tiên Yên, Ba Chẽ, Đầm Hà, Hải Hà, Hoành Bồ, Vân Đồn]",
            "districts: [Vân Đồn, Hoành Bồ, Hải Hà, Đầm Hà, Ba Chẽ, Tiên Yên, Bình Liêu]",
        ),
        (
            "        - {name: Đồng Lâm, district: Hoành Bồ}\n"
            "        - {name: Đồng Sơn, district: Hoành Bồ}\n",
            "        - {name: Đồng Sơn, district: Hoành Bồ}\n"
            "        - {name: Đồng Lâm, district: Hoành Bồ}\n",
        ),
        (HEALTH, ""),
        ("  - id: clean_water\n", HEALTH_REORDERED + "  - id: clean_water\n"),
    ],
    # A target's figure changed, a target added, what was considered removed.
    "targets-citations": [
        ('    value: 90\n    unit: "%"\n    by: 2020\n    inferred: Mục 2.2 d',
         '    value: 95\n    unit: "%"\n    by: 2020\n    inferred: Mục 2.2 d'),
        ("  - {id: health,",
         '  - id: poor_households\n    text: Giảm 4% hộ nghèo mỗi năm\n    value: 4\n'
         '    unit: "%"\n    per_year: true\n    source: "2.2 i"\n  - {id: health,'),
        ("  - {kind: Tờ trình, number: 05/TTr-BDT, date: 06/01/2017, issuer: Trưởng Ban Dân tộc"
         " tỉnh,\n     source: Xét đề nghị}\n", "  []\n"),
    ],
    # Hoành Bồ merged into Hạ Long: three communes given the new district, one commune
    # renamed, the district list edited, and the amendment that says so.
    "merger": [
        ("{name: Đồng Lâm, district: Hoành Bồ}", "{name: Đồng Lâm, district: Hạ Long}"),
        ("{name: Đồng Sơn, district: Hoành Bồ}", "{name: Đồng Sơn, district: Hạ Long}"),
        ("{name: Kỳ Thượng, district: Hoành Bồ}", "{name: Kỳ Thượng, district: Hạ Long}"),
        ("{name: Thanh Lâm, district: Ba Chẽ}", "{name: Thanh Lâm Mới, district: Ba Chẽ}"),
        ("Hải Hà, Hoành Bồ, Vân Đồn]", "Hải Hà, Hạ Long, Vân Đồn]"),
        (END, END + "amendments:\n" + amendment(
            "837/NQ-UBTVQH14", "17/12/2019", "/scope/districts", "/roadmap/years/2018",
            "/roadmap/years/2019", kind="Nghị quyết")),
    ],
    # The base's three amendments in another order, and one more: one change.
    "amendments-reordered-added": [
        ("".join(AMENDMENTS), "".join((AMENDMENTS[2], AMENDMENTS[0], AMENDMENTS[1])) +
         amendment("45/QĐ-UBND", "9/1/2020", "/targets")),
    ],
    # One word of a long title: shown around the words that changed, marked.
    "long-text": [("V/v phê duyệt Đề án", "V/v phê duyệt đề án")],
}  # fmt: skip

BASES = {"amendments-reordered-added": [(END, END + "amendments:\n" + "".join(AMENDMENTS))]}
"""The cases whose OLD is itself an edit of the shipped plan."""


def edit(text: str, edits: list[tuple[str, str]]) -> str:
    for old, new in edits:
        assert text.count(old) == 1, f"the plan no longer holds {old!r} once"
        text = text.replace(old, new)
    return text


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder holding the Quảng Ninh plan as `quang-ninh.yaml`, and the current one."""
    (tmp_path / "quang-ninh.yaml").write_text(QUANG_NINH.read_text(encoding="utf-8"), "utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def edited(folder: Path, case: str) -> str:
    """The plan with the edits of `case`, as a file of `folder`; its name."""
    text = (folder / based(folder, case)).read_text(encoding="utf-8")
    name = f"{case}.yaml"
    (folder / name).write_text(edit(text, EDITS[case]), encoding="utf-8", newline="\n")
    return name


def based(folder: Path, case: str) -> str:
    """The name of the plan `case` edits: the shipped one, or its edit in `BASES`."""
    if case not in BASES:
        return "quang-ninh.yaml"
    text = (folder / "quang-ninh.yaml").read_text(encoding="utf-8")
    name = f"{case}-base.yaml"
    (folder / name).write_text(edit(text, BASES[case]), encoding="utf-8", newline="\n")
    return name


def diff(old: str, new: str, format: str = "json") -> tuple[int, str]:
    out = io.StringIO()
    code = run(old, new, DIFF[format], out, settings=Settings(), limits=Limits())
    return code, out.getvalue()


def diff_json(old: str, new: str) -> tuple[int, dict[str, Any]]:
    code, text = diff(old, new)
    data: dict[str, Any] = json.loads(text)
    return code, data


def test_quang_son_of_hai_ha_leaves_in_2020_in_the_shipped_plan() -> None:
    text = QUANG_NINH.read_text(encoding="utf-8")
    assert text.index(QUANG_SON) > text.index("    2020:\n") > text.index(QUANG_DUC)


EXITS = {"figure-slipped": 1}


@pytest.mark.parametrize("case", list(EDITS))
@pytest.mark.parametrize("format", list(DIFF))
def test_an_edit_is_shown_as_the_golden_file_shows_it(case: str, format: str, folder: Path) -> None:
    code, text = diff(based(folder, case), edited(folder, case), format)
    assert code == EXITS.get(case, 0), text
    suffix = {"text": "txt", "markdown": "md", "json": "json"}[format]
    assert_golden(f"diff/{case}.{suffix}", text)
    if format == "text":
        assert max(map(len, text.splitlines())) <= 80


def test_money_moved_between_years_keeps_every_sum(folder: Path) -> None:
    code, data = diff_json("quang-ninh.yaml", edited(folder, "money-moved"))
    assert code == 0
    assert data["changes"][1] == {
        "pointer": "/funding/years/2019/parts/provincial/amount",
        "line": 262,
        "old": "245.159",
        "new": "235.159",
        "difference": "-10",
        "status": "changed",
        "old_pointer": "/funding/years/2019/parts/provincial/amount",
        "old_line": 262,
        "subject": ["2019", "Vốn Ngân sách tỉnh"],
    }
    assert data["money"]["moved"] == {
        "sources": [],
        "years": [{"from": 2019, "to": 2020, "amount": "10"}],
    }
    assert data["money"]["total"] == {"old": "1342.439", "new": "1342.439", "difference": "0"}
    assert data["sums"] == {
        "held_before": True,
        "hold_after": True,
        "failing_before": [],
        "failing_after": [],
    }


def test_a_commune_moved_is_a_roadmap_move_not_a_change_of_names(folder: Path) -> None:
    code, data = diff_json("quang-ninh.yaml", edited(folder, "commune-moved"))
    assert code == 0
    moved = {"kind": "commune", "name": "Quảng Sơn", "district": "Hải Hà", "from": 2020, "to": 2019}
    assert data["roadmap"] == {
        "moved": [{**moved, "line": 189}],
        "added": [],
        "removed": [],
        "renamed": [],
    }
    assert [c["pointer"] for c in data["changes"]] == [
        "/roadmap/years/2019/count/communes",
        "/roadmap/years/2020/count/communes",
    ]


def test_a_renamed_source_key_is_a_rename_and_no_change_of_figures(folder: Path) -> None:
    code, data = diff_json("quang-ninh.yaml", edited(folder, "source-renamed"))
    assert code == 0
    assert data["changes"] == []
    assert data["renamed"] == [
        {
            "kind": "source",
            "old": "credit",
            "new": "tin_dung",
            "name": "Vốn tín dụng",
            "within": [],
            "line": 234,
            "old_line": 234,
        }
    ]
    assert [s["key"] for s in data["money"]["sources"]][3] == "tin_dung"


def test_a_renamed_key_with_a_new_figure_shows_the_figure_under_both_pointers(
    folder: Path,
) -> None:
    text = edit((folder / "quang-ninh.yaml").read_text(encoding="utf-8"), EDITS["source-renamed"])
    (folder / "new.yaml").write_text(text.replace('"42,875"', '"42,876"'), encoding="utf-8")
    _code, data = diff_json("quang-ninh.yaml", "new.yaml")
    [change] = data["changes"]
    assert change["pointer"] == "/funding/sources/tin_dung/amount"
    assert change["old_pointer"] == "/funding/sources/credit/amount"
    assert change["difference"] == "0.001"
    assert data["money"]["moved"] == {"sources": [], "years": []}
    assert data["sums"]["hold_after"] is False


def test_a_slipped_figure_breaks_two_sums_and_fails(folder: Path) -> None:
    code, data = diff_json("quang-ninh.yaml", edited(folder, "figure-slipped"))
    assert code == 1
    assert data["changes"] == [
        {
            "pointer": "/funding/years/2019/parts/provincial/amount",
            "line": 262,
            "old": "245.159",
            "new": "245.160",
            "difference": "0.001",
            "status": "changed",
            "old_pointer": "/funding/years/2019/parts/provincial/amount",
            "old_line": 262,
            "subject": ["2019", "Vốn Ngân sách tỉnh"],
        }
    ]
    assert (data["sums"]["held_before"], data["sums"]["hold_after"]) == (True, False)
    assert [b["code"] for b in data["sums"]["failing_after"]] == ["F103", "F104"]
    assert data["valid"] is False
    assert [f["code"] for f in data["findings"] if f["severity"] != "info"] == ["F100"]


def test_a_reordered_plan_has_no_change(folder: Path) -> None:
    code, data = diff_json("quang-ninh.yaml", edited(folder, "reordered"))
    assert code == 0
    assert data["changes"] == data["renamed"] == data["targets"] == data["citations"] == []
    assert data["roadmap"] == {"moved": [], "added": [], "removed": [], "renamed": []}


def test_amendments_are_known_by_number_and_date_not_by_their_place(folder: Path) -> None:
    case = "amendments-reordered-added"
    code, data = diff_json(based(folder, case), edited(folder, case))
    assert code == 0
    assert data["amendments"] == [
        {"amendment": "Quyết định 45/QĐ-UBND, 9/1/2020", "status": "added", "line": LAST + 5}
    ]
    assert {c["pointer"].split("/")[2] for c in data["changes"]} == {"3"}
    assert {c["status"] for c in data["changes"]} == {"added"}


def test_an_amendment_edited_is_one_item_changed(folder: Path) -> None:
    case = "amendments-reordered-added"
    base = based(folder, case)
    text = (folder / base).read_text(encoding="utf-8")
    (folder / "new.yaml").write_text(
        text.replace("15/3/2019, changes: [/targets]", "15/3/2019, changes: [/funding]"), "utf-8"
    )
    _code, data = diff_json(base, "new.yaml")
    assert data["amendments"] == [
        {"amendment": "Quyết định 130/QĐ-UBND, 15/3/2019", "status": "changed", "line": LAST + 3}
    ]
    assert [(c["old"], c["new"]) for c in data["changes"]] == [("/targets", "/funding")]


def test_a_merger_is_communes_given_a_new_district_and_one_renamed(folder: Path) -> None:
    _code, data = diff_json("quang-ninh.yaml", edited(folder, "merger"))
    roadmap = data["roadmap"]
    assert roadmap["added"] == roadmap["removed"] == roadmap["moved"] == []
    assert [(p["old_name"], p["name"], p["old_district"], p["district"], p["year"])
            for p in roadmap["renamed"]] == [
        ("Thanh Lâm", "Thanh Lâm Mới", "Ba Chẽ", "Ba Chẽ", 2018),
        ("Đồng Lâm", "Đồng Lâm", "Hoành Bồ", "Hạ Long", 2019),
        ("Đồng Sơn", "Đồng Sơn", "Hoành Bồ", "Hạ Long", 2019),
        ("Kỳ Thượng", "Kỳ Thượng", "Hoành Bồ", "Hạ Long", 2019),
    ]  # fmt: skip
    [district] = [c for c in data["changes"] if not c["pointer"].startswith("/amendments")]
    assert (district["pointer"], district["old"], district["new"], district["status"]) == (
        "/scope/districts/5", "Hoành Bồ", "Hạ Long", "changed"
    )  # fmt: skip


def test_a_name_replaced_beside_a_reordered_list_is_added_and_removed(folder: Path) -> None:
    text = (folder / "quang-ninh.yaml").read_text(encoding="utf-8")
    (folder / "new.yaml").write_text(
        text.replace(
            "districts: [Bình Liêu, Tiên Yên, Ba Chẽ, Đầm Hà, Hải Hà, Hoành Bồ, Vân Đồn]",
            "districts: [Vân Đồn, Tiên Yên, Ba Chẽ, Đầm Hà, Hải Hà, Hoành Bồ, Cô Tô]",
        ),
        "utf-8",
    )
    _code, data = diff_json("quang-ninh.yaml", "new.yaml")
    assert [(c["status"], c["old"], c["new"]) for c in data["changes"]] == [
        ("added", None, "Cô Tô"), ("removed", "Bình Liêu", None)
    ]  # fmt: skip


def test_a_long_text_shows_the_words_that_changed(folder: Path) -> None:
    _code, text = diff("quang-ninh.yaml", edited(folder, "long-text"), "text")
    assert "“V/v phê duyệt ⟦Đề⟧ án nhiệm vụ và…” → “V/v phê duyệt ⟦đề⟧ án nhiệm" in text


def test_targets_by_id_and_citations_by_number(folder: Path) -> None:
    _code, data = diff_json("quang-ninh.yaml", edited(folder, "targets-citations"))
    assert data["targets"] == [
        {"id": "village_roads", "status": "changed", "line": 106},
        {"id": "poor_households", "status": "added", "line": 122},
    ]
    assert data["citations"] == [
        {"citation": "05/TTr-BDT", "status": "removed", "line": 69, "list": "considered"}
    ]
    removed = [c for c in data["changes"] if c["status"] == "removed"]
    assert {c["line"] for c in removed} == {69, 70}  # lines of OLD


def test_the_same_figure_in_another_form_or_unit_is_no_change(folder: Path) -> None:
    text = (folder / "quang-ninh.yaml").read_text(encoding="utf-8")
    text = text.replace('amount: "245,159"', 'amount: "245.159.000.000 đồng"')
    (folder / "new.yaml").write_text(text.replace('"67,422"', '"67,4220"'), encoding="utf-8")
    code, data = diff_json("quang-ninh.yaml", "new.yaml")
    assert (code, data["changes"]) == (0, [])


def test_villages_added_and_removed(folder: Path) -> None:
    village = "        - {name: Thôn 7, commune: Quảng Phong, district: Hải Hà}\n"
    text = (folder / "quang-ninh.yaml").read_text(encoding="utf-8")
    text = edit(
        text, [(village, ""), ("count: {communes: 3, villages: 11}", "count: {communes: 3}")]
    )
    text = edit(
        text, [(QUANG_SON, QUANG_SON + "        - {name: Quảng Thành, district: Hải Hà}\n")]
    )
    (folder / "new.yaml").write_text(text, encoding="utf-8")
    _code, data = diff_json("quang-ninh.yaml", "new.yaml")
    assert data["roadmap"]["added"] == [
        {"kind": "commune", "name": "Quảng Thành", "district": "Hải Hà", "year": 2020, "line": 198}
    ]
    assert data["roadmap"]["removed"] == [
        {
            "kind": "village",
            "name": "Thôn 7",
            "commune": "Quảng Phong",
            "district": "Hải Hà",
            "year": 2018,
            "line": 171,
        }
    ]


# --- git REV:PATH -----------------------------------------------------------------------------


IDENTITY = (
    "-c",
    "user.name=p135",
    "-c",
    "user.email=p135@example.org",
    "-c",
    "commit.gpgsign=false",
)


def git(folder: Path, *args: str) -> None:
    subprocess.run(
        ["git", *IDENTITY, *args],
        cwd=folder,
        check=True,
        capture_output=True,
        timeout=30,
    )


@pytest.fixture
def repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository with the Quảng Ninh plan committed at plans/x.yaml, then slipped in
    the working tree; the current folder is a subfolder of it."""
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        monkeypatch.delenv(name, raising=False)
    root = tmp_path / "repo"
    (root / "plans").mkdir(parents=True)
    (root / "docs" / "notes").mkdir(parents=True)
    plan = root / "plans" / "x.yaml"
    plan.write_text(QUANG_NINH.read_text(encoding="utf-8"), encoding="utf-8")
    git(root, "init", "-q")
    git(root, "add", "plans/x.yaml")
    git(root, "commit", "-q", "-m", "plan")
    plan.write_text(edit(plan.read_text(encoding="utf-8"), EDITS["figure-slipped"]), "utf-8")
    monkeypatch.chdir(root / "docs" / "notes")
    return root


def test_rev_path_reads_the_file_at_a_revision_from_a_subfolder(repository: Path) -> None:
    code, data = diff_json("HEAD:plans/x.yaml", "../../plans/x.yaml")
    assert code == 1
    assert (data["old"], data["new"]) == ("HEAD:plans/x.yaml", "../../plans/x.yaml")
    assert [(c["pointer"], c["line"]) for c in data["changes"]] == [
        ("/funding/years/2019/parts/provincial/amount", 262)
    ]


def test_both_sides_may_be_revisions(repository: Path) -> None:
    git(repository, "commit", "-q", "-am", "slip")
    code, data = diff_json("HEAD~1:plans/x.yaml", "HEAD:plans/x.yaml")
    assert code == 1
    assert [f["code"] for f in data["findings"] if f["severity"] == "error"] == ["F100"]
    code, data = diff_json("HEAD:plans/x.yaml", "HEAD:plans/x.yaml")
    assert (code, data["changes"]) == (1, [])


@pytest.mark.parametrize(
    ("old", "said"),
    [
        ("HEAD:plans/missing.yaml", "plans/missing.yaml does not exist at HEAD"),
        ("nobranch:plans/x.yaml", "no revision 'nobranch' in the repository"),
        ("HEAD:plans", "plans is a folder at HEAD"),
        ("-c:plans/x.yaml", "a revision cannot start with '-'"),
        (":plans/x.yaml", "write a revision and a path"),
    ],
)
def test_a_revision_that_cannot_be_read_is_a_usage_problem(
    old: str, said: str, repository: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, text = diff(old, "../../plans/x.yaml")
    assert (code, text) == (2, "")
    assert said in capsys.readouterr().err


def test_rev_path_outside_a_repository_is_a_usage_problem(
    folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(folder.parent))
    code, _text = diff("HEAD:quang-ninh.yaml", "quang-ninh.yaml")
    assert code == 2
    assert "not inside a git repository" in capsys.readouterr().err


def test_a_file_whose_name_holds_a_colon_is_a_file(folder: Path) -> None:
    (folder / "a:b.yaml").write_text((folder / "quang-ninh.yaml").read_text("utf-8"), "utf-8")
    assert not is_revision("a:b.yaml")
    assert is_revision("HEAD:a.yaml")
    assert diff_json("a:b.yaml", "quang-ninh.yaml")[1]["changes"] == []


# --- usage problems and unreadable plans -------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "format", "said"),
    [
        ("missing.yaml", "json", "no such file: missing.yaml"),
        (".", "json", ". is a folder"),
        ("", "json", "an empty path was given"),
    ],
)
def test_usage_problems_exit_2(
    old: str, format: str, said: str, folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert diff(old, "quang-ninh.yaml", format) == (2, "")
    assert said in capsys.readouterr().err


def test_a_results_report_is_not_a_plan(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = QUANG_NINH.parent.parent / "reports" / "quang-ninh-2018-06.yaml"
    assert diff(str(report), "quang-ninh.yaml")[0] == 2
    assert "is a results report, not a plan" in capsys.readouterr().err


@pytest.mark.parametrize("broken", ["old", "new"])
def test_a_plan_that_cannot_be_read_is_listed_and_nothing_compared(
    broken: str, folder: Path
) -> None:
    (folder / "broken.yaml").write_text("province: [\n", encoding="utf-8")
    old, new = ("broken.yaml", "quang-ninh.yaml")[:: 1 if broken == "old" else -1]
    code, data = diff_json(old, new)
    assert data["compared"] is False
    assert data["changes"] == []
    if broken == "old":  # NEW decides the exit code: an edit that fixes a plan passes
        assert code == 0
        assert [f["code"] for f in data["old_findings"]] == ["Y002"]
    else:
        assert code == 1
        assert [f["code"] for f in data["findings"]] == ["Y002"]
    for format in ("text", "markdown"):
        assert "cannot be read as a plan" in diff(old, new, format)[1]


def test_the_library_is_usable_without_the_views(folder: Path) -> None:
    compared = build("quang-ninh.yaml", edited(folder, "money-moved"), Settings(), Limits())
    assert compared.diff is not None
    assert [(m.source.key, m.target.key, m.amount) for m in compared.diff.money.moved] == [  # type: ignore[union-attr]
        ("2019", "2020", 10)
    ]
    assert os.path.basename(compared.new.label) == "money-moved.yaml"


def test_plan_text_is_shown_as_written_never_as_syntax(folder: Path) -> None:
    text = (folder / "quang-ninh.yaml").read_text(encoding="utf-8")
    hostile = "[x](http://e.org) | `a` # \\e[31m"
    text = text.replace("{name: Vốn tín dụng,", f'{{name: "{hostile}",')
    (folder / "new.yaml").write_text(text, encoding="utf-8")
    shown = diff("quang-ninh.yaml", "new.yaml", "text")[1]
    assert "\x1b" not in shown
    assert "\\x1b[31m" in shown
    markdown = diff("quang-ninh.yaml", "new.yaml", "markdown")[1]
    assert "\\[x\\](http\\://e.org) &#124; \\`a\\` \\# \\\\x1b\\[31m" in markdown
    assert "\x1b" not in markdown


# --- a long text changed ----------------------------------------------------------------------


def _text_change(old: str, new: str) -> Change:
    return Change(("document", "title"), old, new, "/document/title", 1, "/document/title", 1, ())


WORDS_SHOWN = [
    # at most LONG characters: both texts whole, nothing marked
    ("a" * 60, "b" * 60, ("“" + "a" * 60 + "”", "“" + "b" * 60 + "”")),
    # one character more: the words that changed, marked, the rest around them
    ("x " + "a" * 59, "x " + "b" * 59, ("“x ⟦" + "a" * 59 + "⟧”", "“x ⟦" + "b" * 59 + "⟧”")),
    # a word added: nothing to mark before, and four words of context each side
    ("một hai ba bốn năm sáu bảy tám chín mười mười một mười hai mười ba mười bốn",
     "một hai ba bốn năm sáu thêm bảy tám chín mười mười một mười hai mười ba mười bốn",
     ("“…ba bốn năm sáu bảy tám chín mười…”", "“…ba bốn năm sáu ⟦thêm⟧ bảy tám chín mười…”")),
    # every word changed: both whole, marked
    ("a " * 31, "b " * 31, ("“⟦" + "a " * 30 + "a⟧ ”", "“⟦" + "b " * 30 + "b⟧ ”")),
]  # fmt: skip


@pytest.mark.parametrize(("old", "new", "shown"), WORDS_SHOWN)
def test_a_long_text_is_shown_around_its_changed_words(
    old: str, new: str, shown: tuple[str, str]
) -> None:
    assert values_text(_text_change(old, new), None, printable, TEXT_MARKS) == shown


def test_markdown_marks_hold_no_space_and_escape_the_text() -> None:
    old = "Kế hoạch của tỉnh về việc *hỗ trợ* các xã đặc biệt khó khăn giai đoạn 2017 - 2020"
    new = old.replace("*hỗ trợ*", "| hỗ trợ |")
    before, after = values_text(_text_change(old, new), None, markdown, MARKDOWN_MARKS)
    assert before == "“…của tỉnh về việc ~~\\*hỗ trợ\\*~~ các xã đặc biệt…”"
    assert after == "“…của tỉnh về việc **&#124; hỗ trợ &#124;** các xã đặc biệt…”"


def test_a_split_part_added_changes_only_what_it_states(folder: Path) -> None:
    """A new part of a split is its name, amount and clause: not the flags it leaves unset
    (`split_partial: false`), which an amendment could not be expected to list."""
    text = (folder / "quang-ninh.yaml").read_text(encoding="utf-8")
    old = 'central:          {name: Ngân sách Trung ương, amount: "67,422", source: "4.2"}'
    new = old[:-1] + ', split: {x: {name: X, amount: "1", source: "4.2"}}}'
    assert text.count(old) == 1, old
    (folder / "split.yaml").write_text(text.replace(old, new), encoding="utf-8")
    _code, data = diff_json("quang-ninh.yaml", "split.yaml")
    assert sorted(c["pointer"] for c in data["changes"]) == [
        "/funding/sources/central/split/x/amount",
        "/funding/sources/central/split/x/name",
        "/funding/sources/central/split/x/source",
    ]


@pytest.mark.parametrize("columns", ["100", "140"])
def test_the_text_wraps_at_the_width_columns_gives(
    columns: str, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As `validate`: COLUMNS is honoured, piped too; without it (the golden files) 80. (The
    money table keeps its 77 columns at any width.)"""
    monkeypatch.setenv("COLUMNS", columns)
    _code, text = diff(based(folder, "figure-slipped"), edited(folder, "figure-slipped"), "text")
    widest = max(map(len, text.splitlines()))
    assert widest <= int(columns)
    assert widest > 80


def test_a_sum_of_components_the_edit_breaks_is_in_the_sums(tmp_path: Path) -> None:
    """Thái Nguyên's list of projects closed (no `components_partial`): Dự án 1's 441 is then
    short of "hơn 1.167", and the Sums section says so (F120), not only the checks below it."""
    example = ROOT / "tests" / "examples" / "thai-nguyen-2021-2025-giam-ngheo.yaml"
    text = example.read_text(encoding="utf-8")
    closed = text.replace("components_partial: true  # the article names Dự án 1 only\n", "")
    assert closed != text
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(text, encoding="utf-8")
    new.write_text(closed, encoding="utf-8")
    ran = run_cli("diff", old, new)
    sums = ran.out[ran.out.index("Sums:") :].split("\n\n")[0]
    assert "(F120)" in sums, ran.out
