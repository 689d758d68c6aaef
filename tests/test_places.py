"""Official administrative units (p135cli.places): how names are matched, what a date reads,
and the data as shipped."""

from __future__ import annotations

import datetime

import pytest

from p135cli import places
from p135cli.places import place_key, plain_key, province, province_today

BEFORE = datetime.date(2017, 1, 17)
AFTER_2020 = datetime.date(2021, 2, 1)
REFORMED = datetime.date(2025, 9, 1)


@pytest.mark.parametrize(
    ("written", "listed"),
    [
        ("Hoà Bình", "Hòa Bình"),  # either tone placement
        ("xã hòa  bình", "Xã Hòa Bình"),  # case, spacing, the unit's type
        ("Thị trấn Trới", "Trới"),
        ("TP. Hạ Long", "Thành phố Hạ Long"),
        ("Phường 01", "Phường 1"),  # leading zeros
        ("Ðồng Lâm", "Đồng Lâm"),  # U+00D0, the Icelandic eth, for Đ
        ("Ea H’leo", "Ea H'leo"),  # a curly apostrophe
        ("Ia–Grai", "Ia-Grai"),  # an en dash
        ("Bà Rịa - Vũng Tàu", "Bà Rịa Vũng Tàu"),  # a dash is a space
        ("P. Hồng Hà", "Phường Hồng Hà"),  # the type abbreviated
        ("TP.Hạ Long", "Thành phố Hạ Long"),
        ("Xã Xã Hòa Bình", "Hòa Bình"),  # a type written twice
    ],
)
def test_names_a_reader_reads_as_one_are_one(written: str, listed: str) -> None:
    assert place_key(written) == place_key(listed)


@pytest.mark.parametrize(
    ("one", "other"),
    [("Trực Hùng", "Trực Hưng"), ("Thanh Lam", "Thanh Lâm"), ("Phường 10", "Phường 1")],
)
def test_accents_and_digits_tell_names_apart(one: str, other: str) -> None:
    assert place_key(one) != place_key(other)


def test_without_accents_is_only_a_key_for_suggestions() -> None:
    assert plain_key("Xã Tình Húc") == plain_key("tinh huc") == "tinhhuc"


def test_quang_ninh_on_its_plan_s_date() -> None:
    listed = province("Quảng Ninh", BEFORE)
    assert listed is not None and listed.name == "Tỉnh Quảng Ninh"
    assert listed.commune("Ba Chẽ", "Thanh Lâm", BEFORE).status == "official"
    gone = listed.commune("Bình Liêu", "Tình Húc", BEFORE)
    assert gone.status == "changed" and gone.change is not None
    assert (gone.change.to_commune, gone.change.effective) == (
        "Thị trấn Bình Liêu", datetime.date(2020, 1, 1)
    )  # fmt: skip
    moved = listed.commune("Hoành Bồ", "Đồng Lâm", BEFORE)
    assert moved.status == "changed" and moved.unit is not None
    assert moved.unit.district == "Thành phố Hạ Long"
    assert listed.district("Hoành Bồ", BEFORE).status == "changed"


def test_a_change_before_the_date_is_gone_and_the_new_name_official() -> None:
    listed = province("Quảng Ninh", AFTER_2020)
    assert listed is not None
    assert listed.commune("Bình Liêu", "Tình Húc", AFTER_2020).status == "gone"
    assert listed.commune("Hạ Long", "Đồng Lâm", AFTER_2020).status == "official"


def test_a_misspelt_commune_gets_the_nearest_names() -> None:
    listed = province("Quảng Ninh", BEFORE)
    assert listed is not None
    verdict = listed.commune("Ba Chẽ", "Thanh Lam", BEFORE)
    assert (verdict.status, verdict.suggestions) == ("unknown", ("Xã Thanh Lâm",))


def test_after_the_reform_communes_have_no_district() -> None:
    listed = province("Quảng Ninh", REFORMED)
    assert listed is not None and len(listed.units) == 54
    assert listed.commune(None, "Bình Liêu", REFORMED).status == "official"
    assert listed.commune(None, "Tình Húc", REFORMED).status == "unknown"
    assert province("Bắc Kạn", REFORMED) is None
    assert province_today("Bắc Kạn") == "Thái Nguyên"


def test_the_lists_hold_what_the_readme_says() -> None:
    before = [province(p, BEFORE) for p in places.known_provinces(BEFORE)]
    assert (len(before), sum(len(p.units) for p in before if p)) == (63, 10035)
    after = [province(p, REFORMED) for p in places.known_provinces(REFORMED)]
    assert (len(after), sum(len(p.units) for p in after if p)) == (34, 3321)
