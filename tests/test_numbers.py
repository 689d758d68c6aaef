"""Exact numbers in both styles, units and their conversions."""

from __future__ import annotations

from decimal import Decimal

import pytest

from p135cli.numbers import (
    NumberError,
    NumberStyle,
    format_number,
    parse_document_number,
    parse_plain_number,
    split_unit,
    to_unit,
)

VI, EN = NumberStyle.VI, NumberStyle.EN


@pytest.mark.parametrize(
    ("text", "style", "value"),
    [
        ("1.342,439", VI, "1342.439"),
        ("9.039", VI, "9039"),
        ("67,422", VI, "67.422"),
        ("200,0", VI, "200.0"),
        ("1,342.439", EN, "1342.439"),
        ("9,039", EN, "9039"),
        ("500", None, "500"),
        ("-3,5", VI, "-3.5"),
    ],
)
def test_document_numbers(text: str, style: NumberStyle | None, value: str) -> None:
    parsed = parse_document_number(text, style)
    assert parsed == Decimal(value) and str(parsed) == value  # the stated decimals are kept


@pytest.mark.parametrize(
    ("text", "style"),
    [("1.342,439", None), ("1.5", VI), ("1,342.439", VI), ("1.342,439", EN), ("12.34.5", VI)],
)
def test_ambiguous_or_wrong_style_is_an_error(text: str, style: NumberStyle | None) -> None:
    with pytest.raises(NumberError):
        parse_document_number(text, style)


@pytest.mark.parametrize("text", ["010", "1_000", "1:20", ".nan", ".inf", "1e3", "1.", ".5", "1,5"])
def test_plain_numbers_refuse_yaml11_forms(text: str) -> None:
    with pytest.raises(NumberError):
        parse_plain_number(text)


def test_format_round_trip() -> None:
    for text in ["1.342,439", "200,0", "9.039", "0,001"]:
        assert format_number(parse_document_number(text, VI), VI) == text


def test_units() -> None:
    assert split_unit("500 triệu đồng") == ("500", "triệu đồng")
    assert split_unit("1.342,439 tỷ đồng") == ("1.342,439", "tỷ đồng")
    assert split_unit("67,422") == ("67,422", None)
    assert to_unit(Decimal("500"), "triệu đồng", "tỷ đồng") == Decimal("0.5")
    assert to_unit(Decimal("5"), "tỷ đồng", "triệu đồng") == Decimal("5000")


def test_the_model_knows_every_unit_the_converter_knows() -> None:
    from typing import get_args

    from p135cli.model import Unit
    from p135cli.numbers import UNITS

    assert set(get_args(Unit)) == set(UNITS)
