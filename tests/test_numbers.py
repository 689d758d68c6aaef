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


@pytest.mark.parametrize(
    ("text", "style"),
    [("1342.439", VI), ("1342,439", EN), ("1.3424,5", VI), ("12.3456", VI), ("1234.567.890", VI)],
)
def test_a_group_of_more_than_three_digits_is_refused(text: str, style: NumberStyle) -> None:
    """'1342.439' in a vi plan is no thousands grouping (a first group has 1 to 3 digits): it
    is refused, not read as 1.342.439."""
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

    from p135cli.model import UNIT_NAMES, Unit
    from p135cli.numbers import UNIT_SPELLINGS, UNITS

    assert set(get_args(get_args(Unit)[0])) == set(UNIT_NAMES) == set(UNITS)
    assert set(UNIT_SPELLINGS.values()) == set(UNITS)


@pytest.mark.parametrize(
    ("written", "unit"),
    [
        ("tỷ", "tỷ đồng"), ("tỉ", "tỷ đồng"), ("tỉ đồng", "tỷ đồng"), ("triệu", "triệu đồng"),
        ("tr.đ", "triệu đồng"), ("trđ", "triệu đồng"), ("ngàn", "nghìn đồng"),
        ("ngàn đồng", "nghìn đồng"), ("đ", "đồng"), ("VNĐ", "đồng"), ("USD", None), ("Tỷ", None),
    ],
)  # fmt: skip
def test_every_common_spelling_of_a_unit_is_read(written: str, unit: str | None) -> None:
    from p135cli.numbers import canonical_unit

    assert canonical_unit(written) == unit


@pytest.mark.parametrize(
    ("text", "number", "unit"),
    [
        ("4 tỉ", "4", "tỷ đồng"), ("5,6 tỷđồng", "5,6", "tỷ đồng"),
        ("800 tr.đ", "800", "triệu đồng"), ("250.000 ngàn", "250.000", "nghìn đồng"),
        ("29,2", "29,2", None),
    ],
)  # fmt: skip
def test_a_unit_is_split_off_in_any_spelling(text: str, number: str, unit: str | None) -> None:
    from p135cli.numbers import split_unit

    assert split_unit(text) == (number, unit)


def test_an_unknown_unit_is_named_not_blamed_on_the_number_style() -> None:
    from p135cli.numbers import UnknownUnit, split_unit

    with pytest.raises(UnknownUnit) as raised:
        split_unit("5 USD")
    assert "'USD' is not a money unit" in str(raised.value)


@pytest.mark.parametrize(
    ("text", "qualifier", "rest"),
    [
        ("hơn 29,2", "more_than", "29,2"), ("trên 27.000", "more_than", "27.000"),
        ("gần 21,7", "nearly", "21,7"), ("khoảng 5.000", "about", "5.000"),
        ("ít nhất 5", "at_least", "5"), ("tối đa 5", "at_most", "5"), ("dưới 5", "less_than", "5"),
        ("3 trở lên", "at_least", "3"), ("29,2", None, "29,2"), ("hơn29", None, "hơn29"),
        # A title capitalises its first word; only the first letter.
        ("Hơn 29,2", "more_than", "29,2"), ("Ít nhất 5", "at_least", "5"),
        ("Không quá 5", "at_most", "5"), ("HƠN 29,2", None, "HƠN 29,2"),
        ("Hơnx 3", None, "Hơnx 3"), ("İ 3", None, "İ 3"),
    ],
)  # fmt: skip
def test_a_qualifier_is_split_off(text: str, qualifier: str | None, rest: str) -> None:
    from p135cli.numbers import split_qualifier

    assert split_qualifier(text) == (qualifier, rest)


@pytest.mark.parametrize(
    ("text", "quoted"),
    [("ngót 4", "'ngót 4'"), ("trên  dưới\u00a010", "'trên dưới 10'"), ("1 2,3,4", "'1 2,3,4'")],
)
def test_a_refused_number_is_quoted_as_the_plan_writes_it(text: str, quoted: str) -> None:
    """Not with its spaces taken out ('ngót4'): the planner searches the file for it."""
    from p135cli.numbers import NumberError, NumberStyle, parse_document_number

    with pytest.raises(NumberError) as raised:
        parse_document_number(text, NumberStyle.VI)
    assert str(raised.value).startswith(quoted + " is not a number in the vi style")


def test_an_empty_number_says_so() -> None:
    from p135cli.numbers import NumberError, NumberStyle, parse_document_number

    with pytest.raises(NumberError) as raised:
        parse_document_number(" \u00a0 ", NumberStyle.VI)
    assert str(raised.value) == "the number is empty"


def test_an_unknown_unit_lists_the_units_p135_converts() -> None:
    from p135cli.numbers import UnknownUnit, split_unit

    with pytest.raises(UnknownUnit) as raised:
        split_unit("5 USD")
    assert str(raised.value).endswith("(triệu, tr.đ), nghìn đồng (nghìn, ngàn) or đồng (đ)"), str(
        raised.value
    )
