"""Exact numbers: `Decimal` from source text, the document's own number form, and money units.

A plain YAML number is read with a dot for decimals (`1342.439`). A quoted string is the
document's own form, read in the plan's declared number style: Vietnamese documents write
`1.342,439` (dot groups thousands, comma marks decimals). A form that the style cannot read
unambiguously is an error that says how to write it, never a guess.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Context, Decimal, Inexact, InvalidOperation, Rounded

from p135cli.i18n import N_, Message, NumberStyle, format_number

__all__ = ["NumberError", "NumberStyle", "format_number"]


class NumberError(ValueError):
    """A number that cannot be read exactly, with advice on how to write it."""

    def __init__(self, template: str, **args: object) -> None:
        self.text = Message(template, args)
        super().__init__(self.text.render())


# Factors to đồng. Every factor is a power of ten, so conversion is exact in Decimal.
UNITS: dict[str, int] = {
    "tỷ đồng": 10**9,
    "triệu đồng": 10**6,
    "nghìn đồng": 10**3,
    "đồng": 1,
}
EXACT = Context(prec=250, traps=[Inexact, Rounded, InvalidOperation])
"""Unit conversion: exact for every figure within the digit limit (at most 100 digits, times
10^9), and a conversion that ever could not be exact raises rather than rounds."""

_PLAIN = re.compile(r"[+-]?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?")
_YAML11_HINTS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"[+-]?0[0-9]+"),
        N_("a leading zero reads as octal in YAML 1.1: write it without"),
    ),
    (re.compile(r"[+-]?0[xXoObB][0-9a-fA-F]+"), N_("write the number in decimal")),
    (re.compile(r"[+-]?[0-9][0-9_]*_[0-9_]*(?:\.[0-9_]*)?"), N_("write it without underscores")),
    (re.compile(r"[+-]?[0-9]+(?::[0-5]?[0-9])+(?:\.[0-9]*)?"), N_("YAML 1.1 reads 1:20 as 80")),
    (re.compile(r"[+-]?\.(?:nan|NaN|NAN|inf|Inf|INF)"), N_("an amount must be a finite number")),
    (re.compile(r"[+-]?[0-9.]+[eE][+-]?[0-9]+"), N_("write it out in full, without an exponent")),
    (re.compile(r"[+-]?\.[0-9]+|[+-]?[0-9]+\."), N_("write a digit on both sides of the dot")),
    (
        re.compile(r"[0-9.,]*,[0-9.,]*"),
        N_("write 1342.439, or quote the document's form: '1.342,439'"),
    ),
)


def parse_plain_number(text: str) -> Decimal:
    """A plain YAML number, exactly: `1342.439` -> Decimal('1342.439').

    Refuses every YAML 1.1 surprise (`010`, `1_000`, `1:20`, `.inf`, `1e3`) with advice.
    """
    _ascii_digits(text)
    text = text.strip()
    if _PLAIN.fullmatch(text):
        return Decimal(text)
    for pattern, hint in _YAML11_HINTS:
        if pattern.fullmatch(text):
            raise NumberError(
                N_("'{text}' is not a plain decimal number: {hint}"), text=text, hint=Message(hint)
            )
    raise NumberError(N_("'{text}' is not a number"), text=text)


def split_unit(text: str) -> tuple[str, str | None]:
    """Split `'67,422 tỷ đồng'` into `('67,422', 'tỷ đồng')`; the unit is None when absent."""
    text = " ".join(text.replace("\u00a0", " ").split())
    for unit in sorted(UNITS, key=len, reverse=True):  # "tỷ đồng" before "đồng"
        number = text.removesuffix(unit).strip()
        if number != text and number:
            return number, unit
    return text, None


_DIGITS = re.compile("[0-9]+")


def _ascii_digits(text: str) -> None:
    """Digits are 0-9: `'1,٣'` or `'1,５'` would read as 1.3 and 1.5, `'1,²'` as nothing."""
    for char in text:
        if char.isdigit() and not "0" <= char <= "9":
            raise NumberError(
                N_("'{text}' holds {name} (U+{code}): write numbers with the digits 0-9"),
                text=text,
                name=unicodedata.name(char, "?"),
                code=f"{ord(char):04X}",
            )


def parse_document_number(text: str, style: NumberStyle | None) -> Decimal:
    """A number in the document's own form, read in `style`: ('1.342,439', vi) -> 1342.439."""
    _ascii_digits(text)
    text = text.strip().replace("\u00a0", "").replace(" ", "")
    if not text:
        raise NumberError(N_("the number is empty"))
    sign = ""
    if text[0] in "+-":
        sign, text = text[0], text[1:]
    if re.fullmatch(r"[0-9]+", text):
        return Decimal(sign + text)
    if style is None:
        raise NumberError(
            N_("'{text}' could be read two ways: set number_style (vi: 1.342,439; en: 1,342.439)"),
            text=text,
        )
    group, point = style.separators
    integer, _, fraction = text.partition(point)
    grouped = re.fullmatch(rf"[0-9]{{1,3}}(?:{re.escape(group)}[0-9]{{3}})*|[0-9]+", integer)
    if not grouped or (point in fraction) or (fraction and not _DIGITS.fullmatch(fraction)):
        example = format_number(Decimal("1342.439"), style)
        raise NumberError(
            N_("'{text}' is not a number in the {style} style, which writes {example}"),
            text=text,
            style=style.value,
            example=example,
        )
    digits = integer.replace(group, "") + ("." + fraction if fraction else "")
    return Decimal(sign + digits)


def to_unit(value: Decimal, unit: str, target: str) -> Decimal:
    """Convert exactly between money units; raises `Inexact` if it ever could not."""
    return EXACT.divide(EXACT.multiply(value, Decimal(UNITS[unit])), Decimal(UNITS[target]))


def in_dong(value: Decimal, unit: str) -> Decimal:
    return EXACT.multiply(value, Decimal(UNITS[unit]))


def decimals(value: Decimal) -> int:
    """How many decimals a stated number has: 17.5 -> 1, 55 -> 0."""
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0
