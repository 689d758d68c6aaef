"""What `make mutation` found untested in diff.py and git_files.py: test_diff.py runs
`p135 diff` in a subprocess, which mutmut cannot see. Here, in-process: `build` reads both
plans (files or `REV:PATH`) under the limits and tolerance given, the exact usage error for
each way a `REV:PATH` is wrong, targets added, removed and changed, and git stopped at its
time limit."""

from __future__ import annotations

import subprocess
import threading
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from p135cli import diff
from p135cli.checking import UsageProblem, check_paths
from p135cli.diff import build
from p135cli.git_files import GIT_TIMEOUT, git_blob, git_file
from p135cli.settings import Limits, Settings

from .conftest import QUANG_NINH, ROOT, git_in

CASES = ROOT / "tests" / "rules" / "cases"


@pytest.fixture
def repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository holding `plans/qn.yaml`, committed; the run starts outside it."""
    top = tmp_path / "repo"
    (top / "plans").mkdir(parents=True)
    (top / "plans" / "qn.yaml").write_bytes(QUANG_NINH.read_bytes())
    git_in(top, "init", "-q")
    git_in(top, "add", ".")
    git_in(top, "commit", "-q", "-m", "plan")
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    return top


def refusal(spec: str, cwd: Path) -> str:
    with pytest.raises(UsageProblem) as caught:
        git_file(spec, 10_000_000, cwd)
    return str(caught.value)


def test_a_file_at_a_revision_is_read_from_its_repository(repository: Path) -> None:
    """`REV:PATH` reads the file as committed, from the repository `cwd` is in, wherever
    the process runs."""
    assert git_file("HEAD:plans/qn.yaml", 10_000_000, repository) == QUANG_NINH.read_bytes()


def test_each_wrong_rev_path_is_a_usage_error_that_names_it(repository: Path) -> None:
    """The spec, the revision or the path is named in each error, as the user wrote it."""
    assert refusal(":plans/qn.yaml", repository) == (
        ":plans/qn.yaml: write a revision and a path, such as HEAD:data/plans/plan.yaml"
    )
    assert refusal("-HEAD:plans/qn.yaml", repository) == (
        "-HEAD:plans/qn.yaml: a revision cannot start with '-'"
    )
    assert refusal("nosuch:plans/qn.yaml", repository) == (
        "nosuch:plans/qn.yaml: no revision 'nosuch' in the repository"
    )
    assert refusal("HEAD:plans/gone.yaml", repository) == (
        "HEAD:plans/gone.yaml: plans/gone.yaml does not exist at HEAD "
        f"(paths start at the repository's root, {repository.resolve()})"
    )
    assert refusal("HEAD:plans", repository) == "HEAD:plans: plans is a folder at HEAD, not a file"


def test_without_git_a_rev_path_says_git_is_needed(
    repository: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(repository / "empty"))
    assert refusal("HEAD:plans/qn.yaml", repository) == (
        "HEAD:plans/qn.yaml: git is not installed, or not on the PATH"
    )


def test_git_silent_while_resolving_the_revision_is_an_error_naming_the_spec(
    repository: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """git that does not answer at any step: the error names the spec and the limit."""
    real = subprocess.run

    def silent_at_verify(args: list[str], **kwargs: Any) -> Any:
        if "--verify" in args:
            raise subprocess.TimeoutExpired(args, kwargs["timeout"])
        return real(args, **kwargs)

    monkeypatch.setattr(subprocess, "run", silent_at_verify)
    assert refusal("HEAD:plans/qn.yaml", repository) == (
        f"HEAD:plans/qn.yaml: git did not answer within {GIT_TIMEOUT} seconds"
    )


class FiresAtOnce:
    """A timer whose time is up as soon as it starts: git is late, without waiting."""

    def __init__(self, interval: float, function: Callable[[], None]) -> None:
        self.function = function

    def start(self) -> None:
        self.function()

    def cancel(self) -> None:
        pass


def test_git_stopped_at_its_time_limit_is_a_usage_error(
    repository: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A blob git does not give within the limit: git is stopped and the error says so."""
    monkeypatch.setattr(threading, "Timer", FiresAtOnce)
    with pytest.raises(UsageProblem) as caught:
        git_blob("HEAD:plans/qn.yaml", repository, 10_000_000)
    assert (
        str(caught.value) == f"HEAD:plans/qn.yaml: git did not answer within {GIT_TIMEOUT} seconds"
    )


def test_build_compares_a_committed_plan_with_the_file(
    repository: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`p135 diff HEAD:PATH PATH`: both read, NEW checked, the figure that changed found."""
    monkeypatch.chdir(repository)
    plan = repository / "plans" / "qn.yaml"
    plan.write_text(
        QUANG_NINH.read_text(encoding="utf-8").replace('"339,739"', '"329,739"', 1),
        encoding="utf-8",
    )
    compared = build("HEAD:plans/qn.yaml", "plans/qn.yaml", Settings(), Limits())
    assert (compared.old.label, compared.new.label) == ("HEAD:plans/qn.yaml", "plans/qn.yaml")
    assert compared.diff is not None
    assert [(c.old, c.new) for c in compared.diff.changes] == [
        (Decimal("339.739"), Decimal("329.739"))
    ]
    assert compared.new.result.path == "plans/qn.yaml"
    assert compared.heading[0] == "Quảng Ninh"


def test_a_limit_raised_above_the_default_reads_a_committed_plan_whole(
    repository: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """OLD from git is read up to the limit the run gives, not the default one: a large
    committed plan under a raised --max-bytes is compared, not cut short."""
    monkeypatch.chdir(repository)
    plan = repository / "plans" / "qn.yaml"
    padding = ("# " + "x" * 98 + "\n") * 21_000  # more than the default 2,000,000 bytes
    plan.write_text(padding + QUANG_NINH.read_text(encoding="utf-8"), encoding="utf-8")
    git_in(repository, "commit", "-q", "-am", "large")
    limits = Limits(max_bytes=4_000_000)
    compared = build("HEAD:plans/qn.yaml", "plans/qn.yaml", Settings(), limits)
    assert compared.old.checked is not None
    assert compared.diff is not None and compared.diff.changes == ()


def test_new_is_checked_under_the_limits_given() -> None:
    """NEW is checked as `validate` would check it with the same limits: too large for
    them, it is refused, whatever the default limit allows."""
    compared = build(str(QUANG_NINH), str(QUANG_NINH), Settings(), Limits(max_bytes=500))
    assert compared.diff is None
    messages = [f.message for f in compared.new.result.findings]
    assert messages == ["the file is larger than 500 bytes"]


def test_the_sums_are_judged_within_the_tolerance_given(tmp_path: Path) -> None:
    """A sum off by no more than the tolerance holds, before and after the edit."""
    old = tmp_path / "old.yaml"
    old.write_text(
        (CASES / "F101-fail.yaml").read_text(encoding="utf-8").replace('"6,1"', '"6,0"'),
        encoding="utf-8",
    )
    new = str(CASES / "F101-fail.yaml")
    exact = build(str(old), new, Settings(), Limits()).diff
    assert exact is not None and exact.sums.failing_after
    within = build(str(old), new, Settings(tolerance=Decimal("0.1")), Limits()).diff
    assert within is not None
    assert within.sums.failing_before == within.sums.failing_after == ()


def test_a_results_report_is_not_a_plan_to_compare() -> None:
    report = str(ROOT / "data" / "reports" / "quang-ninh-2018-06.yaml")
    with pytest.raises(UsageProblem) as caught:
        build(report, str(QUANG_NINH), Settings(), Limits())
    assert str(caught.value) == f"{report} is a results report, not a plan"


def test_targets_added_removed_and_changed_are_told_apart(tmp_path: Path) -> None:
    """Each target the edit touched is added, removed or changed; the values inside one
    added or removed whole are not listed one by one (its own line says so), those of a
    changed one are."""
    text = QUANG_NINH.read_text(encoding="utf-8")
    start = text.index("  - id: income_doubles")
    end = text.index("  - {id: infrastructure")
    added = "  - id: new_goal\n    text: Mục tiêu mới.\n    value: 3\n    source: '2.2 e'\n"
    edited = text[:start] + added + text[end:]
    edited = edited.replace("    most: 80\n", "    most: 85\n", 1)
    new = tmp_path / "new.yaml"
    new.write_text(edited, encoding="utf-8")
    compared = build(str(QUANG_NINH), str(new), Settings(), Limits())
    assert compared.diff is not None
    statuses = {item.key: item.status for item in compared.diff.targets}
    assert statuses == {"new_goal": "added", "irrigation": "changed", "income_doubles": "removed"}
    listed = {change.path[:2] for change in compared.diff.listed()}
    assert ("targets", "irrigation") in listed
    assert not listed & {("targets", "new_goal"), ("targets", "income_doubles")}


LANG_SON = ROOT / "data" / "plans" / "lang-son-2017-2020.yaml"


def compared(tmp_path: Path, source: Path, *edits: tuple[str, str]) -> diff.Diff:
    """`source` against itself with `edits` (old, new) made, compared in-process."""
    text = source.read_text(encoding="utf-8")
    edited = text
    for old, new in edits:
        assert old in edited, old
        edited = edited.replace(old, new)
    before, after = tmp_path / "old.yaml", tmp_path / "new.yaml"
    before.write_text(text, encoding="utf-8")
    after.write_text(edited, encoding="utf-8")
    result = build(str(before), str(after), Settings(), Limits()).diff
    assert result is not None
    return result


def test_a_part_renamed_in_every_year_is_one_rename_naming_the_years(tmp_path: Path) -> None:
    """`provincial:` renamed `tinh:` in each year's parts and in the categories: one rename of
    a part, with its name and the years it was renamed in, and no figure changed."""
    renamed = compared(
        tmp_path, QUANG_NINH, ("        provincial:", "        tinh:"),
        ("    provincial:\n      stands_for", "    tinh:\n      stands_for"),
    )  # fmt: skip
    parts = [r for r in renamed.renamed if r.kind == "part"]
    assert [(r.old, r.new, r.name, r.within) for r in parts] == [
        ("provincial", "tinh", "Vốn Ngân sách tỉnh", ("2017", "2018", "2019", "2020"))
    ]
    assert parts[0].line > 0 and parts[0].old_line > 0
    assert renamed.listed() == []


def test_a_split_renamed_is_a_rename_within_its_source(tmp_path: Path) -> None:
    """A source's split key renamed with the same name: a rename of the split, within the
    source, at the lines of its key in each plan; no figure changed."""
    renamed = compared(tmp_path, LANG_SON, ("        poverty: {name", "        giam_ngheo: {name"))
    splits = [r for r in renamed.renamed if r.kind == "split"]
    assert [(r.old, r.new, r.name, r.within) for r in splits] == [
        ("poverty", "giam_ngheo", "vốn CTMTQG giảm nghèo bền vững", ("Ngân sách Trung ương",))
    ]
    line = next(
        number
        for number, text in enumerate(LANG_SON.read_text(encoding="utf-8").splitlines(), 1)
        if text.startswith("        poverty: {name")
    )
    assert splits[0].line == splits[0].old_line == line
    assert renamed.changes == ()


def test_a_source_taken_away_keeps_its_name_in_the_money(tmp_path: Path) -> None:
    """A source only OLD has is named as OLD names it, with nothing after."""
    gone = compared(
        tmp_path, QUANG_NINH,
        ('    other_integrated: {name: Vốn lồng ghép khác, amount: "23,737", source: "4.2"}\n', ""),
    )  # fmt: skip
    assert gone.money is not None
    taken = [s for s in gone.money.sources if s.key == "other_integrated"]
    assert [(s.label, s.old, s.new) for s in taken] == [
        ("Vốn lồng ghép khác", Decimal("23.737"), None)
    ]


def test_a_plan_rewritten_in_another_unit_changes_no_money(tmp_path: Path) -> None:
    """OLD in tỷ đồng, NEW in triệu đồng with every figure converted: each year's total is
    read in its own plan's unit, so no sum changed."""
    text = QUANG_NINH.read_text(encoding="utf-8")
    edits = [("  unit: tỷ đồng\n", "  unit: triệu đồng\n")]
    for year_total in ("452,938", "403,141", "339,739", "146,621"):
        edits.append((f'"{year_total}"', '"' + year_total.replace(",", ".") + '"'))
    changed = compared(tmp_path, QUANG_NINH, *edits)
    assert changed.money is not None
    assert [y.difference for y in changed.money.years] == [0, 0, 0, 0]
    assert "unit: tỷ đồng" in text


def test_a_figure_in_its_own_unit_is_compared_in_the_funding_s(tmp_path: Path) -> None:
    """A source of 42,875 tỷ đồng rewritten in its own unit, `"42.875 triệu đồng"`: read in
    the funding's unit, it is the same figure, so its money did not change."""
    moved = compared(
        tmp_path, QUANG_NINH,
        ('"42,875"', '"42.875 triệu đồng"'),
    )  # fmt: skip
    assert moved.money is not None
    credit = [s for s in moved.money.sources if s.key == "credit"]
    assert [(s.old, s.new) for s in credit] == [(Decimal("42.875"), Decimal("42.875"))]


def test_plans_without_funding_are_compared(tmp_path: Path) -> None:
    """Neither plan states funding: the diff has no money and no unit to convert in."""
    plain = CASES / "T105-fail.yaml"
    result = compared(tmp_path, plain, ("source:", "source:"))
    assert result.money is None


def test_a_new_file_s_acknowledgement_of_an_edit_rule_is_not_stale(tmp_path: Path) -> None:
    """A plan the base does not have is D105 (new); its acknowledgement of D101, which no
    comparison could match, is not stale (A001), and D105 itself may be acknowledged."""
    from p135cli.edit import Base

    from .rules.test_rule_cases import BaseGiven

    path = tmp_path / "new.yaml"
    path.write_text(
        (CASES / "F101-pass.yaml").read_text(encoding="utf-8")
        + "acknowledged:\n  - {rule: D101, pointer: /funding, reason: ghi chú}\n",
        encoding="utf-8",
    )
    against = BaseGiven(Base(None, "HEAD", "0" * 40, "new.yaml", "new"))
    found = check_paths([path], Settings(), Limits(), against=against).files[0].findings
    assert [(f.code, f.severity.value, f.acknowledged) for f in found] == [("D105", "info", False)]


NINH_BINH = ROOT / "data" / "plans" / "ninh-binh-2017-2020.yaml"


def test_limits_and_reports_are_known_by_what_they_are_not_their_place(tmp_path: Path) -> None:
    """Limits by id, reports by what and who: listed in another order they are the same; a
    report's deadline changed is a change of that report."""
    text = NINH_BINH.read_text(encoding="utf-8")
    limits = text[text.index("  - id: escaped_poverty_years") : text.index("\nreporting:")]
    first, second = limits.split("  - id: electricity_use")
    reports = text[text.index("  - what: báo cáo giám sát 6 tháng") : text.index("\nacknowledged:")]
    half = reports.index("  - what: báo cáo 6 tháng")
    reordered = compared(
        tmp_path, NINH_BINH, (limits, "  - id: electricity_use" + second + first),
        (reports, reports[half:] + reports[:half]),
    )  # fmt: skip
    assert reordered.changes == ()
    moved = compared(tmp_path, NINH_BINH, ("trước ngày 10 tháng 7", "trước ngày 20 tháng 7"))
    assert [(c.status, c.path[-1], c.subject) for c in moved.changes] == [
        ("changed", "when", ("báo cáo 6 tháng",))
    ]
