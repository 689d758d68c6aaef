"""What `make mutation` found untested in scalars.py for a library caller: each scalar type read
from Python values (not only from a loaded plan), and the pydantic error type it refuses with."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from p135cli.i18n import Message
from p135cli.scalars import Count, DateText, Flag, Text, Year, json_spellings


def refusal(kind: Any, value: object) -> tuple[str, str]:
    """(pydantic error type, message as shown) of the one error `kind` gives for `value`."""
    with pytest.raises(ValidationError) as caught:
        TypeAdapter(kind).validate_python(value)
    (error,) = caught.value.errors()
    message = error["ctx"]["message"]
    assert isinstance(message, Message)
    return error["type"], message.render()


@pytest.mark.parametrize(("value", "expected"), [(13, 13), (0, 0), ("7", 7), (" 8 ", 8)])
def test_a_count_reads_a_python_int_as_well_as_text(value: object, expected: int) -> None:
    assert TypeAdapter(Count).validate_python(value) == expected


@pytest.mark.parametrize(
    ("value", "found"), [(True, "'True'"), (-1, "'-1'"), ("x", "'x'"), (None, "nothing")]
)
def test_a_count_refuses_with_its_own_error(value: object, found: str) -> None:
    assert refusal(Count, value) == (
        "count",
        f"expected a whole number such as 13, found {found}",
    )


def test_a_year_reads_a_python_int_and_refuses_a_bool() -> None:
    assert TypeAdapter(Year).validate_python(2019) == 2019
    assert refusal(Year, True) == ("year", "expected a year such as 2019, found 'True'")


def test_a_flag_refuses_with_its_own_error() -> None:
    assert TypeAdapter(Flag).validate_python(False) is False
    assert refusal(Flag, "yes") == ("bool", "expected true or false, found 'yes'")


def test_text_and_dates_refuse_with_their_own_errors() -> None:
    assert refusal(Text, " ") == ("text", "this text is empty")
    assert refusal(DateText, "2016-09-02") == (
        "date",
        "expected a date written day/month/year such as 02/9/2016, found '2016-09-02'",
    )


@pytest.mark.parametrize(
    ("word", "pattern"),
    [
        ("1.5", r"1\.5"),
        ("(a)", r"\(a\)"),
        ("a/b", r"a\/b"),
        ("aX", "aX"),
        ("đồng", "đ(?:ồ|ô\\u0300|o\\u0302\\u0300)ng"),
    ],
)
def test_a_spelling_pattern_escapes_what_a_pattern_would_read_as_syntax(
    word: str, pattern: str
) -> None:
    assert json_spellings(word) == pattern
