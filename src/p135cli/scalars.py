"""Scalar types of a plan: each reads a located tree's value strictly, exactly, or not at all.

Plain YAML scalars arrive as `Plain` text. Where a number is expected it must be a plain
decimal (or, quoted, the document's own form); where text is expected it stays text.
"""

from __future__ import annotations

import contextlib
import re
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, ValidationInfo, WithJsonSchema
from pydantic_core import PydanticCustomError

from p135cli.i18n import N_, Message
from p135cli.loading import Plain
from p135cli.numbers import (
    NumberError,
    NumberStyle,
    format_number,
    parse_document_number,
    parse_plain_number,
)


def describe(english: str, vietnamese: str) -> str:
    """A field description in both languages the plans are read in."""
    return f"{english} — {vietnamese}"


def _style(info: ValidationInfo) -> NumberStyle | None:
    context = info.context if isinstance(info.context, dict) else {}
    style = context.get("number_style")
    return style if isinstance(style, NumberStyle) else None


MAX_DIGITS = 30
"""The most digits a stated figure may have, unless the run says otherwise (--max-digits):
every sum of such figures is exact in p135's arithmetic, and a real plan needs far fewer."""


def _max_digits(info: ValidationInfo) -> int:
    context = info.context if isinstance(info.context, dict) else {}
    limit = context.get("max_digits")
    return limit if isinstance(limit, int) else MAX_DIGITS


def digits(number: Decimal) -> int:
    """How many digits a figure is written with: 1342.439 -> 7."""
    exponent = number.as_tuple().exponent
    shift = exponent if isinstance(exponent, int) and exponent > 0 else 0
    return len(number.as_tuple().digits) + shift


def _within_limit(number: Decimal, info: ValidationInfo) -> Decimal:
    limit = _max_digits(info)
    if digits(number) > limit:
        raise refused(
            "digits",
            N_(
                "the figure has {count} digits; p135 reads figures of at most {limit} digits "
                "(raise the limit with --max-digits if this is intended)"
            ),
            count=digits(number),
            limit=limit,
        )
    return number


def read_number(value: Any, info: ValidationInfo) -> Decimal:
    """Plain scalars are YAML numbers; quoted text is the document's form in the plan's style."""
    try:
        if isinstance(value, Plain):
            return _within_limit(_plain_in_style(value, _style(info)), info)
        if isinstance(value, str):
            return _within_limit(parse_document_number(value, _style(info)), info)
    except NumberError as exc:
        raise PydanticCustomError("number", "{message}", {"message": exc.text}) from None
    if isinstance(value, Decimal):
        return _within_limit(value, info)
    if isinstance(value, int) and not isinstance(value, bool):
        return _within_limit(Decimal(value), info)
    raise refused("number", N_("expected a number, found {found}"), found=kind(value))


def _plain_in_style(value: Plain, style: NumberStyle | None) -> Decimal:
    """A plain YAML number; in a vi plan one with a dot is refused, since every YAML tool
    reads `3.800` as 3,8 while the plan's readers read it as 3.800 (three thousand eight
    hundred)."""
    number = parse_plain_number(value)
    if style is NumberStyle.VI and "." in value:
        text = value.strip()
        as_yaml = number.normalize()
        quoted = f'"{format_number(as_yaml, style)}"'
        thousands: Decimal | None = None
        with contextlib.suppress(NumberError):  # `1.5` is no thousands form: offer one
            thousands = parse_document_number(text, style)
        if thousands is not None:  # raised here: inside the block it would be suppressed
            raise NumberError(
                N_(
                    "unquoted, '{text}' is the YAML number {value}, but in this vi plan a dot "
                    "groups thousands: quote the document's form, {quoted} for {value} or "
                    "\"{text}\" for {thousands}"
                ),
                text=text, value=f"{as_yaml:f}", quoted=quoted, thousands=f"{thousands:f}",
            )  # fmt: skip
        raise NumberError(
            N_(
                "unquoted, '{text}' is the YAML number {value}, but in this vi plan a dot "
                "groups thousands: quote the document's form, {quoted}"
            ),
            text=text, value=f"{as_yaml:f}", quoted=quoted,
        )  # fmt: skip
    return number


def read_percent(value: Any, info: ValidationInfo) -> Decimal:
    """A percentage as stated: `17.5`, or the document's `'17,5%'`; its decimals are kept."""
    if isinstance(value, str) and not isinstance(value, Plain):
        value = value.strip().removesuffix("%").strip()
    return read_number(value, info)


_WHOLE = re.compile(r"0|[1-9][0-9]*")
_YEAR = re.compile(r"(?:19|20|21)[0-9]{2}")
_DATE = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})")
_DATE_WORDS = re.compile(r"(?:ngày\s+)?([0-9]{1,2})\s+tháng\s+([0-9]{1,2})\s+năm\s+([0-9]{4})")


def read_count(value: Any, info: ValidationInfo) -> int:
    text = value if isinstance(value, str) else None
    if isinstance(value, int) and not isinstance(value, bool):
        text = str(value)
    if text is None or not _WHOLE.fullmatch(text.strip()):
        raise refused(
            "count", N_("expected a whole number such as 13, found {found}"), found=kind(value)
        )
    return int(_within_limit(Decimal(text.strip()), info))


def read_year(value: Any) -> int:
    text = str(value).strip() if isinstance(value, str | int) else None
    if text is None or isinstance(value, bool) or not _YEAR.fullmatch(text):
        raise refused("year", N_("expected a year such as 2019, found {found}"), found=kind(value))
    return int(text)


def read_text(value: Any) -> str:
    """Any scalar text, as written (so `yes`, `010` and `2017-01-17` stay text)."""
    if isinstance(value, str):
        if not value.strip():
            raise refused("text", N_("this text is empty"))
        return str(value)
    raise refused("text", N_("expected text, found {found}"), found=kind(value))


def read_date(value: Any) -> str:
    """A date as the document writes it: `02/9/2016` or `02 tháng 9 năm 2015`.

    The form is checked here; whether the day exists is rule C101's business, so that a
    document's impossible date (`02/0/2016`) can be recorded verbatim and acknowledged.
    """
    if isinstance(value, str) and (
        _DATE.fullmatch(value.strip()) or _DATE_WORDS.fullmatch(value.strip())
    ):
        return str(value).strip()
    raise refused(
        "date",
        N_("expected a date written day/month/year such as 02/9/2016, found {found}"),
        found=kind(value),
    )


def read_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, Plain) and value in ("true", "false"):
        return value == "true"
    raise refused("bool", N_("expected true or false, found {found}"), found=kind(value))


def kind(value: Any) -> Message | str:
    """A value as a refusal names it: its kind when it is no scalar, else the value quoted."""
    if value is None:
        return Message(N_("nothing"))
    if isinstance(value, dict):
        return Message(N_("a mapping"))
    if isinstance(value, list):
        return Message(N_("a list"))
    return f"'{value}'"


def refused(
    kind: str, template: str, *, at: str | None = None, **args: object
) -> PydanticCustomError:
    """A schema error whose message is kept as a template and arguments, so that the schema
    layer can show it in the run's language (pydantic keeps the `Message` in its context);
    `at`, a key of the model refusing it, places the finding on that key's value."""
    context: dict[str, object] = {"message": Message(template, args)}
    if at is not None:
        context["at"] = at
    return PydanticCustomError(kind, "{message}", context)


def parse_date(text: str) -> tuple[int, int, int]:
    """(year, month, day) of a `DateText`, as written (the day may not exist)."""
    match = _DATE.fullmatch(text) or _DATE_WORDS.fullmatch(text)
    if not match:
        raise ValueError(text)
    day, month, year = (int(group) for group in match.groups())
    return year, month, day


# The JSON Schema of each type: its pattern is exactly the text its read_* function accepts,
# as a YAML 1.2 reader (an editor, check-jsonschema) sees the value. Such a reader turns a
# plain `1342.439`, `13` or `true` into a number or a boolean, and quotes cannot be told
# apart once read, so the string forms are the quoted forms the read_* functions accept.
# A pattern cannot see the plan's number_style either, so it takes both styles' forms, and
# any JSON number (read_number refuses a plain `3.800` in a vi plan). tests/test_schema_files.py
# checks the schema against p135 value by value. Patterns are ECMAScript (JSON Schema's
# dialect) and compile in Python too.

JSON_SPACE = r"[\t\n\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
"""What `str.strip()`, `str.split()` and `\\s` take as whitespace, less the control characters
the loader refuses before any value is read (U+000B, U+000C, U+001C-U+001F, U+0085)."""
_GAP = r"[ \u00a0]*"  # the spaces parse_document_number removes from inside a number


def json_spellings(word: str) -> str:
    """A pattern for `word` in each spelling that the loader's NFC normalisation turns into it:
    `đồng` precomposed, `đô` + U+0300, or `đo` + U+0302 + U+0300 (decomposed, as some
    Vietnamese keyboards and macOS write it)."""
    import itertools
    import unicodedata

    pattern = ""
    for char in word:
        decomposed = unicodedata.normalize("NFD", char)
        base, marks = decomposed[0], decomposed[1:]
        forms: set[str] = set()
        for order in itertools.permutations(range(len(marks))):
            for cut in range(len(marks) + 1):
                head = unicodedata.normalize("NFC", base + "".join(marks[i] for i in order[:cut]))
                form = head + "".join(marks[i] for i in order[cut:])
                if len(head) == 1 and unicodedata.normalize("NFC", form) == char:
                    forms.add(form)
        shown = [
            "".join(
                f"\\u{ord(c):04x}"
                if unicodedata.combining(c)
                else ("\\" + c if c in "\\^$.|?*+()[]{}/" else c)
                for c in f
            )
            for f in sorted(forms, key=lambda f: (len(f), f))
        ]
        pattern += shown[0] if len(shown) == 1 else "(?:" + "|".join(shown) + ")"
    return pattern


def json_words(text: str, space: str = " ") -> str:
    """A pattern for `text`, each word in each spelling NFC joins, the words apart by `space`."""
    return space.join(json_spellings(word) for word in text.split(" "))


def json_number(gap: str = _GAP) -> str:
    """A number in a document's form as parse_document_number reads it: a sign, then digits,
    or either style's groups and decimal mark (the plan's number_style is out of a pattern's
    sight), with `gap` (the spaces it removes) anywhere after a sign or a digit."""
    digit = f"[0-9]{gap}"

    def style(group: str, point: str) -> str:
        grouped = f"(?:{digit}){{1,3}}(?:{group}{gap}(?:{digit}){{3}})*"
        return f"(?:{grouped}|(?:{digit})+)(?:{point}{gap}(?:{digit})*)?"

    vi, en = style(r"\.", ","), style(",", r"\.")
    return f"(?:[+-]{gap})?(?:{vi}|{en})"


def _whole(pattern: str) -> str:
    """`pattern` with the whitespace `str.strip()` removes around it."""
    return f"^{JSON_SPACE}*{pattern}{JSON_SPACE}*$"


_S = JSON_SPACE
_NUMBER_SCHEMA = {
    "anyOf": [{"type": "number"}, {"type": "string", "pattern": _whole(json_number())}]
}
_TEXT_SCHEMA = {
    "anyOf": [
        {"type": "string", "pattern": "[^" + _S[1:-1] + "]"},  # not only whitespace
        {"type": ["number", "boolean"]},  # a plain 135 or true is text where text is expected
    ]
}
Number = Annotated[Decimal, BeforeValidator(read_number), WithJsonSchema(_NUMBER_SCHEMA)]
Percent = Annotated[
    Decimal,
    BeforeValidator(read_percent),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "number"},
                {"type": "string", "pattern": _whole(f"{json_number()}(?:{_S}*%)?")},
            ]
        }
    ),
]
Count = Annotated[
    int,
    BeforeValidator(read_count),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "minimum": 0},
                {"type": "string", "pattern": _whole("(?:0|[1-9][0-9]*)")},
            ]
        }
    ),
]
Year = Annotated[
    int,
    BeforeValidator(read_year),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "minimum": 1900, "maximum": 2199},
                {"type": "string", "pattern": _whole("(?:19|20|21)[0-9]{2}")},
            ]
        }
    ),
]
Text = Annotated[str, BeforeValidator(read_text), WithJsonSchema(_TEXT_SCHEMA)]
DateText = Annotated[
    str,
    BeforeValidator(read_date),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": _whole(
                "(?:[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}"
                f"|(?:{json_spellings('ngày')}{_S}+)?[0-9]{{1,2}}{_S}+{json_spellings('tháng')}"
                f"{_S}+[0-9]{{1,2}}{_S}+{json_spellings('năm')}{_S}+[0-9]{{4}})"
            ),
        }
    ),
]
Flag = Annotated[bool, BeforeValidator(read_bool), WithJsonSchema({"type": "boolean"})]
Ident = Annotated[
    str,
    BeforeValidator(read_text),
    Field(pattern=r"^[a-z][a-z0-9_]*$"),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": "^[a-z][a-z0-9_]*$"},
                {"type": "boolean"},  # a plain true is the text 'true', which is an id
            ]
        }
    ),
]
Clause = Annotated[
    str,
    BeforeValidator(read_text),
    WithJsonSchema(_TEXT_SCHEMA),
    Field(description=describe("The clause of the document that states this", "Điều, khoản")),
]
