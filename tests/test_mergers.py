"""A province before and after the merger of 01/07/2025, in the checks across plans (C105) and
in `report`: the former Phú Thọ and Hòa Bình are not the Phú Thọ formed from them."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import ROOT, run_cli

EXAMPLES = ROOT / "tests" / "examples"


def plan(
    folder: Path, name: str, province: str, cited: list[tuple[str, str, str]], merged: bool = False
) -> Path:
    """A plan of `province` citing (number, date, issuer) each."""
    lines = [
        f"province: {province}",
        "programme: Chương trình thử",
        "number_style: vi",
        "document: {kind: Quyết định, title: Thử, issuer: UBND tỉnh, date: 20/08/2025,"
        " source: '1'}",
        "period: {start: 2025, end: 2025, source: '1'}",
    ]
    if merged:
        lines.append(
            "merged_from: {provinces: [Vĩnh Phúc, Hòa Bình], date: 01/07/2025, source: '1'}"
        )
    lines.append("legal_basis:")
    for number, date, issuer in cited:
        lines.append(
            f"  - {{kind: Quyết định, number: {number}, date: {date}, issuer: {issuer},"
            " source: căn cứ}"
        )
    path = folder / f"{name}.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def c105(*paths: Path) -> list[tuple[str, str]]:
    ran = run_cli("validate", "--isolated", "--no-cache", "-f", "json", *paths)
    data = json.loads(ran.out)
    return [
        (Path(result["path"]).stem, f["code"])
        for result in data["files"]
        for f in result["findings"]
        if f["code"] == "C105"
    ]


def test_the_merged_province_numbers_its_documents_afresh(tmp_path: Path) -> None:
    """100/QĐ-UBND of the former Phú Thọ (February 2025) and of the Phú Thọ formed on
    01/07/2025 (August 2025) are two documents."""
    old = plan(tmp_path, "old", "Phú Thọ", [("100/QĐ-UBND", "10/02/2025", "UBND tỉnh Phú Thọ")])
    new = plan(
        tmp_path, "new", "Phú Thọ", [("100/QĐ-UBND", "15/08/2025", "UBND tỉnh Phú Thọ")], True
    )
    assert c105(old, new) == []


def test_a_former_province_s_document_cited_after_the_merger_is_still_its_own(
    tmp_path: Path,
) -> None:
    """The new Phú Thọ cites Hòa Bình's 200/QĐ-UBND: not the former Phú Thọ's of that year, but
    the same document a Hòa Bình plan cites, so two dates of it are found."""
    new = plan(
        tmp_path, "new", "Phú Thọ", [("200/QĐ-UBND", "10/03/2025", "UBND tỉnh Hòa Bình")], True
    )
    old = plan(tmp_path, "old", "Phú Thọ", [("200/QĐ-UBND", "05/05/2025", "UBND tỉnh Phú Thọ")])
    assert c105(new, old) == []
    hoa_binh = plan(
        tmp_path, "hoa_binh", "Hòa Bình", [("200/QĐ-UBND", "11/03/2025", "UBND tỉnh Hòa Bình")]
    )
    assert sorted(c105(new, old, hoa_binh)) == [("hoa_binh", "C105"), ("new", "C105")]


def test_a_document_of_before_the_merger_is_compared_across_both(tmp_path: Path) -> None:
    """The new Phú Thọ citing the former Phú Thọ's 300/QĐ-UBND of April 2025 cites the document
    the former province's plan cites: a date that differs is found."""
    new = plan(
        tmp_path, "new", "Phú Thọ", [("300/QĐ-UBND", "10/04/2025", "UBND tỉnh Phú Thọ")], True
    )
    old = plan(tmp_path, "old", "Phú Thọ", [("300/QĐ-UBND", "11/04/2025", "UBND tỉnh Phú Thọ")])
    assert sorted(c105(new, old)) == [("new", "C105"), ("old", "C105")]


def test_the_issuer_s_province_is_matched_as_places_are(tmp_path: Path) -> None:
    """`UBND tỉnh Bà Rịa - Vũng Tàu` is the plan's `Bà Rịa-Vũng Tàu`: one numbering."""
    one = plan(
        tmp_path,
        "one",
        "Bà Rịa-Vũng Tàu",
        [("400/QĐ-UBND", "10/04/2024", "UBND tỉnh Bà Rịa - Vũng Tàu")],
    )
    two = plan(tmp_path, "two", "Bà Rịa-Vũng Tàu", [("400/QĐ-UBND", "12/04/2024", "UBND tỉnh")])
    assert sorted(c105(one, two)) == [("one", "C105"), ("two", "C105")]


def test_report_names_a_province_before_and_after_its_merger() -> None:
    """The former Phú Thọ (Thanh Sơn, 2022-2023), the Phú Thọ formed with Vĩnh Phúc and Hòa
    Bình, and a Hòa Bình plan of 2023: each heading and column says which."""
    hoa_binh = ROOT / "tests" / "rules" / "cases" / "R109-pass.yaml"
    ran = run_cli(
        "report", "--isolated", EXAMPLES / "phu-tho-thanh-son-2022-2023.yaml",
        EXAMPLES / "phu-tho-2025-1719.yaml", hoa_binh, "--width", "250",
    )  # fmt: skip
    assert ran.code == 0, ran
    assert "Phú Thọ · Bài báo 08/09/2023 · Funding by source" in ran.out
    assert "Phú Thọ (+ Vĩnh Phúc, Hòa Bình) · Bài báo 29/08/2025 · Funding by source" in ran.out
    header = next(line for line in ran.out.splitlines() if "Hòa Bình (→ Phú Thọ)" in line)
    assert "Phú Thọ · Bài báo 08/09/2023" in header


def test_a_merged_province_alone_is_named_by_its_name() -> None:
    ran = run_cli("report", "--isolated", EXAMPLES / "phu-tho-2025-1719.yaml", "--width", "200")
    assert "Phú Thọ · Funding by source" in ran.out


def test_a_former_province_written_with_cu_or_a_full_stop_is_that_province(
    tmp_path: Path,
) -> None:
    """`UBND tỉnh Hòa Bình (cũ)`, `UBND tỉnh Hòa Bình cũ.` name Hòa Bình's numbering: two
    dates of its 200/QĐ-UBND are found."""
    for issuer in ("UBND tỉnh Hòa Bình (cũ)", "UBND tỉnh Hòa Bình cũ.", "UBND tỉnh Hòa Bình."):
        new = plan(tmp_path, "new", "Phú Thọ", [("200/QĐ-UBND", "10/03/2025", issuer)], True)
        hoa_binh = plan(
            tmp_path, "hoa_binh", "Hòa Bình", [("200/QĐ-UBND", "11/03/2025", "UBND tỉnh Hòa Bình")]
        )
        assert sorted(c105(new, hoa_binh)) == [("hoa_binh", "C105"), ("new", "C105")], issuer


def test_the_new_numbering_holds_whether_or_not_a_plan_records_the_merger(
    tmp_path: Path,
) -> None:
    """Two plans of the new Phú Thọ citing its 100/QĐ-UBND of August 2025 with two dates: found,
    though only one records `merged_from`."""
    with_merger = plan(
        tmp_path, "with", "Phú Thọ", [("100/QĐ-UBND", "15/08/2025", "UBND tỉnh Phú Thọ")], True
    )
    without = plan(
        tmp_path, "without", "Phú Thọ", [("100/QĐ-UBND", "16/08/2025", "UBND tỉnh Phú Thọ")]
    )
    assert sorted(c105(with_merger, without)) == [("with", "C105"), ("without", "C105")]


def test_a_district_numbers_its_own_documents(tmp_path: Path) -> None:
    """100/QĐ-UBND of UBND huyện Thanh Sơn is not the province's 100/QĐ-UBND; two dates of the
    district's own are still found."""
    district = plan(
        tmp_path, "district", "Phú Thọ", [("100/QĐ-UBND", "10/04/2023", "UBND huyện Thanh Sơn")]
    )
    province = plan(
        tmp_path, "province", "Phú Thọ", [("100/QĐ-UBND", "12/04/2023", "UBND tỉnh Phú Thọ")]
    )
    assert c105(district, province) == []
    again = plan(
        tmp_path, "again", "Phú Thọ", [("100/QĐ-UBND", "11/04/2023", "UBND huyện Thanh Sơn")]
    )
    assert sorted(c105(district, again)) == [("again", "C105"), ("district", "C105")]
