"""One identity for names: what a Vietnamese reader reads as one name is one, nothing more."""

from __future__ import annotations

import unicodedata

import pytest

from p135cli.names import bare, document_number, identity


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Hòa Bình", "Hoà Bình"),  # the tone on the o or on the a
        ("Thủy An", "Thuỷ An"),
        ("khỏe", "khoẻ"),
        ("Thanh Lâm", "thanh  lâm"),  # case and spacing
        ("Đồng Lâm", unicodedata.normalize("NFD", "Đồng Lâm")),  # composed or not
        (" Ba Chẽ ", "Ba Chẽ"),
    ],
)
def test_one_name_written_two_ways_is_one(one: str, other: str) -> None:
    assert identity(one) == identity(other)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Hòa", "Hóa"),  # another tone is another word
        ("Thủy", "Thùy"),
        ("Lục Hồn", "Lúc Hôn"),
        ("Đồng", "Dồng"),  # đ is its own letter
        ("Hải Lạng", "Hải Lãng"),
        ("Quảng Lợi", "Quảng Lơi"),  # the horn is part of the letter
    ],
)
def test_two_names_stay_two(one: str, other: str) -> None:
    assert identity(one) != identity(other)


def test_bare_drops_accents_for_finding_words_only() -> None:
    assert bare("Ủy ban nhân dân") == bare("UỶ BAN  nhân dân") == "uy ban nhan dan"
    assert bare("Đồng") == "dong"


@pytest.mark.parametrize(
    ("number", "parts"),
    [
        ("80/2011/NQ-CP", ("80", 2011, "NQ-CP")),
        ("80/NQ-CP", ("80", None, "NQ-CP")),
        ("050/2016/NQ-HĐND", ("50", 2016, "NQ-HDND")),
        (" 1722 / QĐ-TTg ", ("1722", None, "QD-TTG")),
        ("100/2015/QH13", ("100", 2015, "QH13")),
        ("Đề án 196", None),
    ],
)
def test_document_numbers_have_a_serial_a_year_and_a_code(
    number: str, parts: tuple[str, int | None, str] | None
) -> None:
    assert document_number(number) == parts
