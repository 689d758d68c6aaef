"""`p135 diff --format markdown` as a job summary shows it: a numeric Line column, no empty
`()`, each information rule once, and a full commit id shortened."""

from __future__ import annotations

import re
from pathlib import Path

from p135cli.views.diff import short

from .conftest import QUANG_NINH, run_cli


def summary(tmp_path: Path, edit: tuple[str, str]) -> str:
    """Quảng Ninh's plan against itself with `edit` made."""
    before, after = tmp_path / "old.yaml", tmp_path / "new.yaml"
    text = QUANG_NINH.read_text(encoding="utf-8")
    before.write_text(text, encoding="utf-8")
    after.write_text(text.replace(*edit, 1), encoding="utf-8")
    ran = run_cli("diff", "--format", "markdown", before, after)
    assert ran.code in (0, 1), ran
    return ran.out


def table_rows(markdown: str) -> list[list[str]]:
    rows = [line.strip("|").split("|") for line in markdown.splitlines() if line.startswith("|")]
    return [[cell.strip() for cell in row] for row in rows[2:]]  # past the header and rule


def test_the_line_column_is_a_number_and_information_is_listed_once(tmp_path: Path) -> None:
    out = summary(tmp_path, ('"245,159"', '"245,160"'))
    rows = table_rows(out)
    assert rows and all(row[0].isdigit() for row in rows)
    assert "()" not in out
    assert len(re.findall(r"`I101`", out)) == 1


def test_a_removed_value_says_so_beside_its_place(tmp_path: Path) -> None:
    out = summary(tmp_path, ("      note: Vốn Ngân sách tỉnh\n", ""))
    rows = table_rows(out)
    assert rows and all(row[0].isdigit() for row in rows)
    assert any("removed" in row[1] for row in rows)


def test_a_full_commit_id_is_shortened() -> None:
    sha = "a77f11eff833e2762c7dd15fd3f70ee45f2de595"
    assert short(f"{sha}:data/plans/x.yaml") == "a77f11eff833:data/plans/x.yaml"
    assert short("main:data/plans/x.yaml") == "main:data/plans/x.yaml"
    assert short("data/plans/x.yaml") == "data/plans/x.yaml"
