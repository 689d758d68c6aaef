"""`validate --against REV`: an edit's changed figures need an amendment the edit adds."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from .conftest import QUANG_NINH, run_cli, run_process

AMENDMENT = """amendments:
  - kind: Quyết định
    number: 100/QĐ-UBND
    date: 15/3/2019
    changes: [/funding/years/2019, /funding/years/2020]
    reason: chuyển 10 tỷ đồng ngân sách tỉnh từ 2019 sang 2020
    source: "Điều 1"
"""


APPENDED = QUANG_NINH.read_text(encoding="utf-8").count("\n") + 2
"""The line of the first item of a section appended to Quảng Ninh's plan (after its last line
and the section's key)."""


def git(folder: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True, timeout=30)


@pytest.fixture
def repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "plans").mkdir()
    plan = tmp_path / "plans" / "qn.yaml"
    plan.write_bytes(QUANG_NINH.read_bytes())
    git(tmp_path, "init", "-q")
    git(tmp_path, "-c", "user.email=a@b", "-c", "user.name=a", "add", ".")
    git(tmp_path, "-c", "user.email=a@b", "-c", "user.name=a", "commit", "-q", "-m", "plan")
    monkeypatch.chdir(tmp_path / "plans")
    return plan


def moved(plan: Path, amended: bool) -> None:
    text = plan.read_text(encoding="utf-8")
    for old, new in (("339,739", "329,739"), ("245,159", "235,159"), ("146,621", "156,621"),
                     ("105,960", "115,960")):  # fmt: skip
        text = text.replace(f'"{old}"', f'"{new}"', 1)
    if amended:
        text = text.replace("acknowledged:", AMENDMENT + "acknowledged:", 1)
        if "amendments:" not in text:
            text += AMENDMENT
    plan.write_text(text, encoding="utf-8")


def codes(*args: str) -> tuple[int, list[tuple[str, int]]]:
    """The exit code and the findings, less the information every copy of the plan carries
    (`quang_ninh_s_own`)."""
    ran = run_cli("validate", "-f", "json", *args)
    data = json.loads(ran.out)
    findings = [f for f in data["files"][0]["findings"] if not quang_ninh_s_own(f)]
    return ran.code, [(f["code"], f["line"]) for f in findings]


def quang_ninh_s_own(finding: dict[str, Any]) -> bool:
    """Information every copy of Quảng Ninh's plan carries: I101 (its inferences) and R106
    (its communes merged in 2020, which tests/test_places.py and the R106 cases cover)."""
    return finding["code"] in ("I101", "R106") and finding["severity"] == "info"


def test_an_unamended_change_is_reported_on_its_line(repository: Path) -> None:
    moved(repository, amended=False)
    code, found = codes("--against", "HEAD", "qn.yaml")
    assert code == 1  # errors by default: the user asked for the edit's checks
    assert found == [("D101", 260), ("D101", 262), ("D101", 266), ("D101", 268)]
    assert codes("qn.yaml") == (0, [])  # without --against the edit is not looked at


def test_an_amended_change_passes(repository: Path) -> None:
    moved(repository, amended=True)
    assert codes("--against", "HEAD", "qn.yaml") == (0, [])


def test_a_plan_git_does_not_have_is_new_said_once(repository: Path) -> None:
    new = repository.parent / "new.yaml"
    new.write_bytes(QUANG_NINH.read_bytes())
    assert findings("--against", "HEAD", "new.yaml", "qn.yaml") == (
        0,
        {"new.yaml": [("D105", 6, "info")], "qn.yaml": []},
    )
    against = json.loads(run_cli("validate", "-f", "json", "--against", "HEAD", "new.yaml").out)
    assert against["against"]["files"][0]["status"] == "new"


def findings(*args: str) -> tuple[int, dict[str, list[tuple[str, int, str]]]]:
    """The exit code and each file's findings (code, line, severity), less the information
    every copy of Quảng Ninh's plan carries (`quang_ninh_s_own`)."""
    ran = run_cli("validate", "-f", "json", *args)
    data = json.loads(ran.out)
    return ran.code, {
        f["path"]: [
            (x["code"], x["line"], x["severity"]) for x in f["findings"] if not quang_ninh_s_own(x)
        ]
        for f in data["files"]
    }


def commit(folder: Path, message: str = "edit") -> None:
    git(folder, "-c", "user.email=a@b", "-c", "user.name=a", "commit", "-qam", message)


def edited(plan: Path, *replacements: tuple[str, str], append: str = "") -> None:
    text = plan.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    plan.write_text(text + append, encoding="utf-8")


def amendment(number: str, date: str, *changes: str) -> str:
    listed = ", ".join(changes)
    return (
        f"  - {{kind: Quyết định, number: {number}, date: {date}, changes: [{listed}], "
        'reason: điều chỉnh, source: "Điều 1"}\n'
    )


# --- the revision ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("revision", "said"),
    [
        ("no-such-branch", "Not a valid object name no-such-branch"),
        ("origin/main", "git fetch --depth=1 origin main"),
        ("", "an empty one was given"),
        ("HEAD:", "not a path in one: 'HEAD:'"),
        ("--output=x", "not an option: '--output=x'"),
    ],
)
def test_a_revision_git_does_not_have_is_a_usage_error(
    repository: Path, revision: str, said: str
) -> None:
    git(repository.parent.parent, "remote", "add", "origin", "https://example.invalid/p.git")
    moved(repository, amended=False)
    ran = run_cli("validate", f"--against={revision}", "qn.yaml")
    assert ran.code == 2, ran
    assert said in ran.err, ran
    assert "Traceback" not in ran.err


def test_history_a_shallow_clone_lacks_is_a_usage_error(repository: Path, tmp_path: Path) -> None:
    for index in range(3):
        edited(repository, append=f"# edit {index}\n")
        commit(repository.parent.parent, f"edit {index}")
    shallow = tmp_path / "shallow"
    source = f"file://{repository.parent.parent}"
    subprocess.run(["git", "clone", "-q", "--depth", "1", source, str(shallow)], check=True)
    ran = run_cli("validate", "--against", "HEAD~3", shallow / "plans" / "qn.yaml")
    assert ran.code == 2, ran
    assert "shallow" in ran.err and "fetch-depth: 0" in ran.err, ran


def test_the_file_s_own_repository_is_used_from_outside_it(
    repository: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    moved(repository, amended=False)
    elsewhere = tmp_path.parent / f"{tmp_path.name}-elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    code, found = findings("--against", "HEAD", str(repository))
    assert code == 1
    assert found[str(repository)] == [(code, line, "error") for code, line in UNAMENDED]


UNAMENDED = [("D101", 260), ("D101", 262), ("D101", 266), ("D101", 268)]


def test_stdin_is_compared_as_read_at_the_stdin_filename(repository: Path) -> None:
    edit = repository.read_text(encoding="utf-8").replace('"339,739"', '"329,739"', 1)
    args = ["validate", "-f", "json", "--against", "HEAD", "--stdin-filename", "qn.yaml", "-"]
    ran = run_process(args, stdin=edit.encode())
    data = json.loads(ran.out)
    found = [
        (f["code"], f["line"]) for f in data["files"][0]["findings"] if not quang_ninh_s_own(f)
    ]
    assert (ran.code, found) == (1, [("D101", 260), ("F100", 260)])  # the sum fails too
    assert data["against"]["files"][0]["path_in_revision"] == "plans/qn.yaml"
    assert repository.read_bytes() == QUANG_NINH.read_bytes()  # the file on disk is not read
    nameless = run_process(["validate", "--against", "HEAD", "-"], stdin=edit.encode())
    assert nameless.code == 2 and "--stdin-filename" in nameless.err


def test_json_says_what_was_compared_with_what(repository: Path) -> None:
    head = subprocess.run(
        ["git", "rev-parse", "HEAD"],
        cwd=repository.parent,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    data = json.loads(run_cli("validate", "-f", "json", "--against", "HEAD", "qn.yaml").out)
    assert data["against"] == {
        "revision": "HEAD",
        "commit": head,
        "files": [
            {"path": "qn.yaml", "path_in_revision": "plans/qn.yaml", "commit": head,
             "status": "compared"},
        ],
    }  # fmt: skip
    assert json.loads(run_cli("validate", "-f", "json", "qn.yaml").out)["against"] is None


# --- what needs an amendment -------------------------------------------------------------------


def test_plans_and_reports_are_checked_and_compared(tmp_path: Path) -> None:
    root = QUANG_NINH.parent.parent
    for folder in ("plans", "reports"):
        (tmp_path / "data" / folder).mkdir(parents=True)
        for path in (root / folder).glob("*.yaml"):
            (tmp_path / "data" / folder / path.name).write_bytes(path.read_bytes())
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    commit(tmp_path, "data")
    report = tmp_path / "data" / "reports" / "quang-ninh-2018-06.yaml"
    edited(report, ('value: "1.856"', 'value: "1.865"'))
    ran = run_cli("validate", "-f", "json", "--against", "HEAD",
                  tmp_path / "data" / "plans", tmp_path / "data" / "reports")  # fmt: skip
    data = json.loads(ran.out)
    assert {f["status"] for f in data["against"]["files"]} == {"compared"}
    assert len(data["against"]["files"]) == len(data["files"]) == 5
    changed = [(f["code"], f["line"], f["severity"]) for f in data["files"][-1]["findings"]]
    assert ran.code == 1 and ("D101", 34, "error") in changed


def test_communes_swapped_between_years_need_an_amendment(repository: Path) -> None:
    lam, hon = "{name: Thanh Lâm, district: Ba Chẽ}", "{name: Đại Dực, district: Tiên Yên}"
    repository.write_text(
        QUANG_NINH.read_text(encoding="utf-8")
        .replace(lam, "@")
        .replace(hon, lam)
        .replace("@", hon),
        encoding="utf-8",
    )
    assert findings("--strict", "--against", "HEAD", "qn.yaml") == (
        1, {"qn.yaml": [("D101", 157, "error"), ("D101", 179, "error")]}
    )  # fmt: skip
    edited(repository, append="amendments:\n" + amendment(
        "120/QĐ-UBND", "15/3/2018", "/roadmap/years/2018", "/roadmap/years/2019"))  # fmt: skip
    assert findings("--strict", "--against", "HEAD", "qn.yaml") == (0, {"qn.yaml": []})


def test_a_typo_fixed_in_a_title_is_information(repository: Path) -> None:
    edited(repository, ("V/v phê duyệt Đề án", "V/v phê duyệt đề án"))
    assert findings("--strict", "--against", "HEAD", "qn.yaml") == (
        0, {"qn.yaml": [("D104", 12, "info")]}
    )  # fmt: skip


MERGER = (
    ("{name: Đồng Lâm, district: Hoành Bồ}", "{name: Đồng Lâm, district: Hạ Long}"),
    ("{name: Đồng Sơn, district: Hoành Bồ}", "{name: Đồng Sơn, district: Hạ Long}"),
    ("{name: Kỳ Thượng, district: Hoành Bồ}", "{name: Kỳ Thượng, district: Hạ Long}"),
    ("{name: Thanh Lâm, district: Ba Chẽ}", "{name: Thanh Lâm Mới, district: Ba Chẽ}"),
    ("Hải Hà, Hoành Bồ, Vân Đồn]", "Hải Hà, Hạ Long, Vân Đồn]"),
)
"""Hoành Bồ merged into Hạ Long: three communes' district changed, one commune renamed."""


def test_the_hoanh_bo_merger_amended_by_its_years_passes(repository: Path) -> None:
    edited(repository, *MERGER)
    code, found = findings("--against", "HEAD", "qn.yaml")
    assert code == 1
    # Thanh Lâm Mới is no commune of Ba Chẽ on the plan's date (R105): the merger test's own
    # name, which an amendment does not make official.
    assert found["qn.yaml"] == [("D101", 81, "error"), ("D101", 157, "error"),
                                ("R105", 157, "warning"),
                                ("D101", 176, "error"), ("D101", 177, "error"),
                                ("D101", 178, "error")]  # fmt: skip
    listed = ("/scope/districts", "/roadmap/years/2018", "/roadmap/years/2019")
    edited(repository, append="amendments:\n" + amendment("12/NQ-HĐND", "17/9/2019", *listed))
    assert findings("--against", "HEAD", "qn.yaml") == (0, {"qn.yaml": [("R105", 157, "warning")]})


MOVE_5 = (('"245,159"', '"240,159"'), ('"339,739"', '"334,739"'),
          ('"105,960"', '"110,960"'), ('"146,621"', '"151,621"'))  # fmt: skip
"""5 tỷ of the provincial budget moved from 2019 to 2020."""


@pytest.fixture
def amended_base(repository: Path) -> Path:
    """Quảng Ninh's plan with an amendment of 2018 already in the base."""
    edited(repository, append="amendments:\n" + amendment("50/QĐ-UBND", "10/6/2018", "/targets"))
    commit(repository.parent.parent)
    return repository


def test_an_old_amendment_edited_to_cover_a_new_move_authorises_nothing(
    amended_base: Path,
) -> None:
    edited(amended_base, *MOVE_5, ("changes: [/targets]", "changes: [/targets, /funding]"))
    assert findings("--against", "HEAD", "qn.yaml") == (1, {"qn.yaml": [
        ("D101", 260, "error"), ("D101", 262, "error"), ("D101", 266, "error"),
        ("D101", 268, "error"), ("D106", APPENDED, "error"),
    ]})  # fmt: skip


def test_an_old_amendment_deleted_is_a_finding(amended_base: Path) -> None:
    text = amended_base.read_text(encoding="utf-8")
    amended_base.write_text(text[: text.index("amendments:")], encoding="utf-8")
    assert findings("--against", "HEAD", "qn.yaml") == (1, {"qn.yaml": [("D106", 6, "error")]})


def test_a_new_amendment_beside_the_base_s_covers_its_edit_in_any_order(
    amended_base: Path,
) -> None:
    edited(amended_base, *MOVE_5, ("amendments:\n", "amendments:\n" + amendment(
        "130/QĐ-UBND", "15/3/2019", "/funding/years/2019", "/funding/years/2020")))  # fmt: skip
    assert findings("--against", "HEAD", "qn.yaml") == (0, {"qn.yaml": []})


def test_an_edit_with_no_new_amendment_is_not_covered_by_the_base_s(amended_base: Path) -> None:
    edited(amended_base, MOVE_5[0])
    assert findings("--against", "HEAD", "qn.yaml")[1]["qn.yaml"][0] == ("D101", 262, "error")


def test_a_pointer_naming_nothing_and_the_whole_plan_are_their_own_finding(
    repository: Path,
) -> None:
    edited(repository, *MOVE_5, append="amendments:\n" + amendment(
        "130/QĐ-UBND", "15/3/2019", "/funding/year/2019", "/", "/funding/years"))  # fmt: skip
    assert findings("--against", "HEAD", "qn.yaml") == (1, {"qn.yaml": [
        ("D107", APPENDED, "error"), ("D107", APPENDED, "error"),
    ]})  # fmt: skip


def test_severities_with_against_are_errors_and_configurable(repository: Path) -> None:
    early = "amendments:\n" + amendment("9/QĐ-UBND", "15/3/2016", "/funding/years")
    edited(repository, *MOVE_5, append=early)
    found = findings("--against", "HEAD", "qn.yaml")
    assert found == (1, {"qn.yaml": [("D103", APPENDED, "error")]})
    assert findings("qn.yaml") == (0, {"qn.yaml": [("D103", APPENDED, "warning")]})
    repository.write_bytes(QUANG_NINH.read_bytes())
    edited(repository, *MOVE_5)
    (repository.parent / "p135.toml").write_text('[rules]\nD101 = "warning"\n', encoding="utf-8")
    assert findings("--against", "HEAD", "qn.yaml") == (0, {"qn.yaml": [
        ("D101", 260, "warning"), ("D101", 262, "warning"),
        ("D101", 266, "warning"), ("D101", 268, "warning")]})  # fmt: skip


def test_a_same_day_amendment_is_no_d103(repository: Path) -> None:
    same_day = "amendments:\n" + amendment("8/QĐ-UBND", "17/1/2017", "/funding/years")
    edited(repository, *MOVE_5, append=same_day)
    assert findings("--against", "HEAD", "qn.yaml") == (0, {"qn.yaml": []})


TWO_YEARS = "amendments:\n" + amendment(
    "130/QĐ-UBND", "15/3/2019", "/funding/years/2019", "/funding/years/2020"
)


def test_money_moved_in_unequal_moves_needs_each_place_listed(repository: Path) -> None:
    """10 out of 2019's provincial budget: 6 into 2020, 4 into 2018."""
    edited(repository, ('"245,159"', '"235,159"'), ('"339,739"', '"329,739"'),
           ('"105,960"', '"111,960"'), ('"146,621"', '"152,621"'),
           ('"290,715"', '"294,715"'), ('"403,141"', '"407,141"'),
           append=TWO_YEARS)  # fmt: skip
    assert findings("--against", "HEAD", "qn.yaml") == (1, {"qn.yaml": [
        ("D101", 254, "error"), ("D101", 256, "error")]})  # fmt: skip
    from p135cli.checking import load_plan
    from p135cli.diff import compare
    from p135cli.settings import Limits

    old, _ = load_plan(QUANG_NINH, Limits())
    new, _ = load_plan(repository, Limits())
    assert old is not None and new is not None
    money = compare(old, new).money
    assert money is not None
    moves = [(m.source.key, m.target.key, str(m.amount)) for m in money.moved if m.kind == "year"]
    assert moves == [("2019", "2020", "6"), ("2019", "2018", "4")]
