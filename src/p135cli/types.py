"""Scalar types of a plan: each reads a located tree's value strictly, exactly, or not at all.

Plain YAML scalars arrive as `Plain` text. Where a number is expected it must be a plain
decimal (or, quoted, the document's own form); where text is expected it stays text.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, ValidationInfo, WithJsonSchema
from pydantic_core import PydanticCustomError

from p135cli.loading import Plain
from p135cli.numbers import NumberError, NumberStyle, parse_document_number, parse_plain_number


def describe(english: str, vietnamese: str) -> str:
    """A field description in both languages the plans are read in."""
    return f"{english} — {vietnamese}"


def _style(info: ValidationInfo) -> NumberStyle | None:
    context = info.context if isinstance(info.context, dict) else {}
    style = context.get("number_style")
    return style if isinstance(style, NumberStyle) else None


def read_number(value: Any, info: ValidationInfo) -> Decimal:
    """Plain scalars are YAML numbers; quoted text is the document's form in the plan's style."""
    try:
        if isinstance(value, Plain):
            return parse_plain_number(value)
        if isinstance(value, str):
            return parse_document_number(value, _style(info))
    except NumberError as exc:
        raise PydanticCustomError("number", str(exc)) from None
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    raise PydanticCustomError("number", "expected a number, found {found}", {"found": kind(value)})


def read_percent(value: Any, info: ValidationInfo) -> Decimal:
    """A percentage as stated: `17.5`, or the document's `'17,5%'`; its decimals are kept."""
    if isinstance(value, str) and not isinstance(value, Plain):
        value = value.strip().removesuffix("%").strip()
    return read_number(value, info)


_WHOLE = re.compile(r"0|[1-9][0-9]*")
_YEAR = re.compile(r"(?:19|20|21)[0-9]{2}")
_DATE = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})")
_DATE_WORDS = re.compile(r"(?:ngày\s+)?([0-9]{1,2})\s+tháng\s+([0-9]{1,2})\s+năm\s+([0-9]{4})")


def read_count(value: Any) -> int:
    text = value if isinstance(value, str) else None
    if isinstance(value, int) and not isinstance(value, bool):
        text = str(value)
    if text is None or not _WHOLE.fullmatch(text.strip()):
        raise PydanticCustomError(
            "count", "expected a whole number such as 13, found {found}", {"found": shown(value)}
        )
    return int(text)


def read_year(value: Any) -> int:
    text = str(value).strip() if isinstance(value, str | int) else None
    if text is None or isinstance(value, bool) or not _YEAR.fullmatch(text):
        raise PydanticCustomError(
            "year", "expected a year such as 2019, found {found}", {"found": shown(value)}
        )
    return int(text)


def read_text(value: Any) -> str:
    """Any scalar text, as written (so `yes`, `010` and `2017-01-17` stay text)."""
    if isinstance(value, str):
        if not value.strip():
            raise PydanticCustomError("text", "this text is empty")
        return str(value)
    raise PydanticCustomError("text", "expected text, found {found}", {"found": kind(value)})


def read_date(value: Any) -> str:
    """A date as the document writes it: `02/9/2016` or `02 tháng 9 năm 2015`.

    The form is checked here; whether the day exists is rule C101's business, so that a
    document's impossible date (`02/0/2016`) can be recorded verbatim and acknowledged.
    """
    if isinstance(value, str) and (
        _DATE.fullmatch(value.strip()) or _DATE_WORDS.fullmatch(value.strip())
    ):
        return str(value).strip()
    raise PydanticCustomError(
        "date",
        "expected a date written day/month/year such as 02/9/2016, found {found}",
        {"found": shown(value)},
    )


def read_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, Plain) and value in ("true", "false"):
        return value == "true"
    raise PydanticCustomError(
        "bool", "expected true or false, found {found}", {"found": shown(value)}
    )


def kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"'{value}'"


def shown(value: Any) -> str:
    return kind(value) if not isinstance(value, str) else f"'{value}'"


def parse_date(text: str) -> tuple[int, int, int]:
    """(year, month, day) of a `DateText`, as written (the day may not exist)."""
    match = _DATE.fullmatch(text) or _DATE_WORDS.fullmatch(text)
    if not match:
        raise ValueError(text)
    day, month, year = (int(group) for group in match.groups())
    return year, month, day


_NUMBER_SCHEMA = {
    "anyOf": [
        {"type": "number"},
        {"type": "string", "pattern": r"^[+-]?[0-9][0-9.,\u00a0 ]*( ?(tỷ|triệu|nghìn) ?)?(đồng)?$"},
    ]
}
Number = Annotated[Decimal, BeforeValidator(read_number), WithJsonSchema(_NUMBER_SCHEMA)]
Percent = Annotated[
    Decimal,
    BeforeValidator(read_percent),
    WithJsonSchema(
        {"anyOf": [{"type": "number"}, {"type": "string", "pattern": r"^[0-9.,]+ ?%?$"}]}
    ),
]
Count = Annotated[
    int, BeforeValidator(read_count), WithJsonSchema({"type": "integer", "minimum": 0})
]
Year = Annotated[
    int,
    BeforeValidator(read_year),
    WithJsonSchema({"type": "integer", "minimum": 1900, "maximum": 2199}),
]
Text = Annotated[
    str, BeforeValidator(read_text), WithJsonSchema({"type": "string", "minLength": 1})
]
DateText = Annotated[
    str,
    BeforeValidator(read_date),
    WithJsonSchema({"type": "string", "pattern": r"^[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}$"}),
]
Flag = Annotated[bool, BeforeValidator(read_bool), WithJsonSchema({"type": "boolean"})]
Ident = Annotated[
    str,
    BeforeValidator(read_text),
    Field(pattern=r"^[a-z][a-z0-9_]*$"),
    WithJsonSchema({"type": "string", "pattern": "^[a-z][a-z0-9_]*$"}),
]
Clause = Annotated[
    str,
    BeforeValidator(read_text),
    WithJsonSchema({"type": "string", "minLength": 1}),
    Field(description=describe("The clause of the document that states this", "Điều, khoản")),
]
