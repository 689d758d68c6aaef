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


def test_a_file_named_twice_is_checked_once(tmp_path: Path) -> None:
    a, b = plan(tmp_path, "a", "02/9/2016"), plan(tmp_path, "b", "02/9/2015")
    data = json.loads(run_cli("validate", "-f", "json", tmp_path, b, tmp_path / "." / "b.yaml").out)
    assert [Path(f["path"]).name for f in data["files"]] == ["a.yaml", "b.yaml"]
    # Named twice, b would vote twice for its date and a would be the odd one out.
    assert [len(f["findings"]) for f in data["files"]] == [1, 1]
    assert a.exists()


def test_the_shipped_plans_named_twice_give_what_they_give_once() -> None:
    once = json.loads(run_cli("validate", "-f", "json", PLANS).out)
    twice = json.loads(
        run_cli("validate", "-f", "json", PLANS, PLANS / "ninh-binh-2017-2020.yaml").out
    )
    assert twice == once


def cite(folder: Path, name: str, province: str, *citations: tuple[str, str]) -> Path:
    lines = [
        f"province: {province}",
        "programme: Chương trình thử",
        'document: {kind: Kế hoạch, title: Thử, issuer: UBND tỉnh, source: "1"}',
        'period: {start: 2017, end: 2020, source: "5"}',
        "legal_basis:",
        *(f"  - {{number: {n}, date: {d}, source: căn cứ}}" for n, d in citations),
    ]
    path = folder / f"{name}.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_two_provinces_number_their_own_documents(tmp_path: Path) -> None:
    a = cite(tmp_path, "a", "Lạng Sơn", ("42/KH-UBND", "28/02/2017"))
    b = cite(tmp_path, "b", "Bắc Kạn", ("42/KH-UBND", "15/3/2017"))
    c = cite(tmp_path, "c", "Lạng Sơn", ("50/2016/NQ-HĐND", "12/12/2016"))
    d = cite(tmp_path, "d", "Bắc Kạn", ("50/2016/NQ-HĐND", "9/12/2016"))
    assert findings(a, b, c, d) == {"a": [], "b": [], "c": [], "d": []}


def test_one_province_citing_its_own_document_with_two_dates_is_flagged(tmp_path: Path) -> None:
    a = cite(tmp_path, "a", "Lạng Sơn", ("42/KH-UBND", "28/02/2017"))
    b = cite(tmp_path, "b", "lạng  sơn", ("42/KH-UBND", "15/3/2017"))
    assert findings(a, b) == {"a": [("C105", 6)], "b": [("C105", 6)]}


def test_national_documents_are_compared_across_provinces(tmp_path: Path) -> None:
    a = cite(tmp_path, "a", "Lạng Sơn", ("39/2016/TT-BLĐTBXH", "25/10/2016"))
    b = cite(tmp_path, "b", "Bắc Kạn", ("39/2016/TT-BLĐTBXH", "28/10/2016"))
    assert findings(a, b) == {"a": [("C105", 6)], "b": [("C105", 6)]}


def test_one_document_in_two_number_forms_is_one_document(tmp_path: Path) -> None:
    a = cite(tmp_path, "a", "Lạng Sơn", ("80/2011/NQ-CP", "19/5/2011"))
    b = cite(tmp_path, "b", "Bắc Kạn", ("80/NQ-CP", "19/5/2011"))
    assert findings(a, b) == {"a": [], "b": []}
    c = cite(tmp_path, "c", "Ninh Bình", ("80/NQ-CP", "19/6/2011"))
    assert findings(a, b, c) == {"a": [], "b": [], "c": [("C105", 6)]}


def test_the_year_in_a_number_tells_two_documents_apart(tmp_path: Path) -> None:
    a = cite(tmp_path, "a", "Lạng Sơn", ("50/2016/NQ-HĐND", "12/12/2016"))
    b = cite(tmp_path, "b", "Lạng Sơn", ("50/2017/NQ-HĐND", "8/12/2017"))
    assert findings(a, b) == {"a": [], "b": []}


def test_many_contradicting_citations_give_output_linear_in_the_input(tmp_path: Path) -> None:
    count = 2_000
    dates = [f"{1 + i % 28}/{1 + i % 12}/2016" for i in range(count)]
    path = cite(tmp_path, "many", "Lạng Sơn", *(("1722/QĐ-TTg", d) for d in dates))
    ran = run_cli("validate", "-f", "json", path)
    data = json.loads(ran.out)
    assert len(data["files"][0]["findings"]) == count  # each citation disagrees with others
    assert max(len(f["related"]) for f in data["files"][0]["findings"]) <= 5
    assert len(ran.out) < 30 * path.stat().st_size  # about 22 times: six places a finding


ACKNOWLEDGED = """acknowledged:
  - {rule: C105, pointer: /legal_basis/0/date, reason: "the plan prints the wrong year"}
"""


def test_a_date_a_plan_acknowledges_as_wrong_is_no_witness(tmp_path: Path) -> None:
    """Lạng Sơn's correct date beside Ninh Bình's two acknowledged misprints was an error on
    Lạng Sơn when only those two plans were checked: an acknowledged date accuses no one."""
    right = plan(tmp_path, "a", "02/9/2016")
    wrong = plan(tmp_path, "b", "02 tháng 9 năm 2015")
    wrong.write_text(wrong.read_text(encoding="utf-8") + ACKNOWLEDGED, encoding="utf-8")
    other = plan(tmp_path, "c", "02/9/2017")
    other.write_text(other.read_text(encoding="utf-8") + ACKNOWLEDGED, encoding="utf-8")
    data = json.loads(run_cli("validate", "-f", "json", right, wrong, other).out)
    shown = {
        Path(f["path"]).stem: [(x["code"], x["acknowledged"]) for x in f["findings"]]
        for f in data["files"]
    }
    assert shown == {"a": [], "b": [("C105", True)], "c": [("C105", True)]}


def test_witnesses_still_disagree_beside_an_acknowledged_date(tmp_path: Path) -> None:
    a, b = plan(tmp_path, "a", "02/9/2016"), plan(tmp_path, "b", "03/9/2016")
    c = plan(tmp_path, "c", "02/9/2015")
    c.write_text(c.read_text(encoding="utf-8") + ACKNOWLEDGED, encoding="utf-8")
    assert findings(a, b, c) == {"a": [("C105", 6)], "b": [("C105", 6)], "c": [("C105", 6)]}


def test_lang_son_beside_ninh_binh_alone_is_valid() -> None:
    ran = run_cli("validate", PLANS / "lang-son-2017-2020.yaml", PLANS / "ninh-binh-2017-2020.yaml")
    assert ran.code == 0, ran.out
