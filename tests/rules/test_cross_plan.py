"""C105 across plans: one document number, one date, in every plan of a run."""

from __future__ import annotations

import json
from pathlib import Path

from ..conftest import PLANS, run_cli

HEAD = """\
province: {province}
programme: Chương trình thử
document: {{kind: Kế hoạch, title: Thử, issuer: UBND tỉnh, source: "1"}}
period: {{start: 2017, end: 2020, source: "5"}}
legal_basis:
  - {{number: 1722/QĐ-TTg, date: {date}, issuer: Thủ tướng Chính phủ, source: căn cứ}}
"""


def plan(folder: Path, name: str, date: str) -> Path:
    path = folder / f"{name}.yaml"
    path.write_text(HEAD.format(province=name, date=date), encoding="utf-8")
    return path


def findings(*paths: Path) -> dict[str, list[tuple[str, int]]]:
    data = json.loads(run_cli("validate", "-f", "json", *paths).out)
    return {
        Path(f["path"]).stem: [(x["code"], x["line"]) for x in f["findings"]] for f in data["files"]
    }


def test_two_plans_with_one_date_agree(tmp_path: Path) -> None:
    a, b = plan(tmp_path, "a", "02/9/2016"), plan(tmp_path, "b", "02/09/2016")
    assert findings(a, b) == {"a": [], "b": []}


def test_two_plans_with_two_dates_each_get_a_finding_naming_the_other(tmp_path: Path) -> None:
    a, b = plan(tmp_path, "a", "02/9/2016"), plan(tmp_path, "b", "02 tháng 9 năm 2015")
    assert findings(a, b) == {"a": [("C105", 6)], "b": [("C105", 6)]}
    data = json.loads(run_cli("validate", "-f", "json", a, b).out)
    finding = data["files"][0]["findings"][0]
    assert str(b) in finding["message"]
    assert finding["related"][0]["path"] == str(b)


def test_the_odd_one_out_is_flagged_when_a_date_is_most_common(tmp_path: Path) -> None:
    a, b = plan(tmp_path, "a", "02/9/2016"), plan(tmp_path, "b", "02/9/2016")
    c = plan(tmp_path, "c", "02/9/2015")
    assert findings(a, b, c) == {"a": [], "b": [], "c": [("C105", 6)]}


def test_each_plan_alone_is_clean(tmp_path: Path) -> None:
    assert findings(plan(tmp_path, "c", "02/9/2015")) == {"c": []}


def test_the_recorded_plans_cite_1722_with_one_date() -> None:
    data = json.loads(run_cli("validate", "-f", "json", PLANS).out)
    assert data["summary"]["errors"] == 0
