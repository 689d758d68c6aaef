"""What `make mutation` found untested in numbers.py: exact advice, pasted spaces, decimals."""

from __future__ import annotations

from decimal import Decimal

import pytest

from p135cli.numbers import (
    NumberError,
    NumberStyle,
    decimals,
    parse_document_number,
    parse_plain_number,
    split_unit,
)

VI, EN = NumberStyle.VI, NumberStyle.EN


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("010", "'010' is not a plain decimal number: a leading zero reads as octal in YAML 1.1"),
        ("1e3", "'1e3' is not a plain decimal number: write it out in full, without an exponent"),
        ("abc", "'abc' is not a number"),
    ],
)
def test_plain_number_errors_say_what_to_write(text: str, message: str) -> None:
    with pytest.raises(NumberError) as caught:
        parse_plain_number(text)
    assert str(caught.value).startswith(message)


def test_ambiguous_document_number_names_both_styles() -> None:
    with pytest.raises(NumberError) as caught:
        parse_document_number("9.039", None)
    assert str(caught.value) == (
        "'9.039' could be read two ways: set number_style (vi: 1.342,439; en: 1,342.439)"
    )


@pytest.mark.parametrize(
    ("style", "message"),
    [
        (VI, "'1,342.439' is not a number in the vi style, which writes 1.342,439"),
        (EN, "'1.342,439' is not a number in the en style, which writes 1,342.439"),
    ],
)
def test_wrong_style_shows_the_styles_own_example(style: NumberStyle, message: str) -> None:
    text = "1,342.439" if style is VI else "1.342,439"
    with pytest.raises(NumberError) as caught:
        parse_document_number(text, style)
    assert str(caught.value) == message


@pytest.mark.parametrize("text", ["1\u00a0342", "1 342", " 1342 "])
def test_spaces_pasted_into_a_number_are_dropped(text: str) -> None:
    assert parse_document_number(text, None) == Decimal(1342)


def test_text_that_is_no_number_is_a_number_error_not_a_crash() -> None:
    with pytest.raises(NumberError):
        parse_document_number("X5", VI)


def test_a_non_breaking_space_before_the_unit_is_a_space() -> None:
    assert split_unit("500\u00a0triệu đồng") == ("500", "triệu đồng")
    assert split_unit("1.342,439\u00a0tỷ\u00a0đồng") == ("1.342,439", "tỷ đồng")


@pytest.mark.parametrize(
    ("value", "places"),
    [("55", 0), ("17.5", 1), ("0.001", 3), ("200.0", 1), ("1E+3", 0)],
)
def test_decimals_as_stated(value: str, places: int) -> None:
    assert decimals(Decimal(value)) == places


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "1,\uff15",
            "'1,\uff15' holds FULLWIDTH DIGIT FIVE (U+FF15): write numbers with the digits 0-9",
        ),
        (
            "1,\u0663",
            "'1,\u0663' holds ARABIC-INDIC DIGIT THREE (U+0663): write numbers with the digits 0-9",
        ),
        (
            "1,\u00b2",
            "'1,\u00b2' holds SUPERSCRIPT TWO (U+00B2): write numbers with the digits 0-9",
        ),
    ],
)
def test_a_digit_that_is_not_0_to_9_is_named(text: str, message: str) -> None:
    with pytest.raises(NumberError) as caught:
        parse_document_number(text, VI)
    assert str(caught.value) == message


@pytest.mark.parametrize("text", ["0", "9", "1.234,9"])
def test_the_digits_0_and_9_are_digits(text: str) -> None:
    parse_document_number(text, VI)
