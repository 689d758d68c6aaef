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


_OPTION = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?")


def parse_option_number(text: str) -> Decimal:
    """A decimal an option or the configuration gives (`--tolerance 0.001`), read with the
    digits a plan's figures take: Decimal() alone reads `١` as 1, and `1_0`, `1e-3`,
    `Infinity` besides. Nothing YAML-specific to advise on: an option is no YAML."""
    _ascii_digits(text)
    if not _OPTION.fullmatch(text.strip()):
        raise NumberError(N_("'{text}' is not a decimal number such as 0.001"), text=text)
    return Decimal(text.strip())


UNIT_SPELLINGS: dict[str, str] = {
    "tỷ đồng": "tỷ đồng", "tỉ đồng": "tỷ đồng", "tỷ": "tỷ đồng", "tỉ": "tỷ đồng",
    "tỷ đ": "tỷ đồng", "tỉ đ": "tỷ đồng",
    "triệu đồng": "triệu đồng", "triệu": "triệu đồng", "tr.đ": "triệu đồng",
    "trđ": "triệu đồng", "tr.đồng": "triệu đồng", "triệu đ": "triệu đồng",
    "nghìn đồng": "nghìn đồng", "ngàn đồng": "nghìn đồng", "nghìn": "nghìn đồng",
    "ngàn": "nghìn đồng", "nghìn đ": "nghìn đồng", "ngàn đ": "nghìn đồng",
    "đồng": "đồng", "đ": "đồng", "VNĐ": "đồng", "VND": "đồng",
}  # fmt: skip
"""Every spelling of a money unit the documents use, to the unit p135 computes in. Articles
write `tỉ` as often as `tỷ`, tables `tr.đ`, the south `ngàn`; a unit glued to its word
(`tỷđồng`, as one article prints it) is the same unit."""

UNIT_WORDS = tuple(sorted(UNIT_SPELLINGS, key=len, reverse=True))
"""The spellings, longest first, as a unit is searched at the end of an amount."""


def canonical_unit(text: str, *, glued: bool = False) -> str | None:
    """The unit a spelling stands for (`tỉ` -> `tỷ đồng`, `tr.đ` -> `triệu đồng`), or None.
    With `glued`, a unit written without its space (`tỷđồng`, after a number) is read too."""
    words = unicodedata.normalize("NFC", text)
    if words in UNIT_SPELLINGS or not glued:
        return UNIT_SPELLINGS.get(words)
    joined = "".join(words.split())
    return next((UNIT_SPELLINGS[w] for w in UNIT_WORDS if w.replace(" ", "") == joined), None)


def money_unit(written: str) -> str | None:
    """The money unit a free-written unit is (a result's `unit`), in any spelling and any case
    (`Tỷ đồng`, `TỶ ĐỒNG`, `tỷ  đồng`), or None."""
    return canonical_unit(" ".join(written.casefold().split()))


class UnknownUnit(NumberError):
    """An amount followed by a word that is no money unit p135 knows."""


_NUMBER_HEAD = re.compile(r"[+-]?\s*[0-9][0-9.,\s]*")


def split_unit(text: str) -> tuple[str, str | None]:
    """Split `'67,422 tỷ đồng'` into `('67,422', 'tỷ đồng')`; the unit is None when absent.

    Any spelling of a unit is read (`'4 tỉ'`, `'800 tr.đ'`, `'5,6 tỷđồng'`); a word after the
    number that is no unit raises UnknownUnit, naming it."""
    text = " ".join(text.replace("\u00a0", " ").split())
    head = _NUMBER_HEAD.match(text)
    if head is None or head.end() == len(text):
        return text, None
    number, word = text[: head.end()].strip(), text[head.end() :].strip()
    unit = canonical_unit(word, glued=True)
    if unit is None:
        raise UnknownUnit(
            N_(
                "'{unit}' is not a money unit p135 knows: write tỷ đồng (tỷ, tỉ), triệu đồng "
                "(triệu, tr.đ), nghìn đồng (nghìn, ngàn) or đồng (đ)"
            ),
            unit=word,
        )
    return number, unit


QUALIFIER_WORDS: dict[str, str] = {
    "hơn": "more_than", "trên": "more_than", "gần": "nearly", "khoảng": "about",
    "xấp xỉ": "about", "chừng": "about", "ít nhất": "at_least", "tối thiểu": "at_least",
    "không dưới": "at_least", "tối đa": "at_most", "không quá": "at_most", "dưới": "less_than",
}  # fmt: skip
"""The words a document puts before a figure to say it is not exact (`hơn 29,2 tỷ đồng`)."""

QUALIFIER_ENDINGS: dict[str, str] = {"trở lên": "at_least", "trở xuống": "at_most"}
"""The words after a figure that say the same (`3%/năm trở lên`)."""


def split_qualifier(text: str) -> tuple[str | None, str]:
    """Split `'hơn 29,2'` into `('more_than', '29,2')` and `'90 trở lên'` into
    `('at_least', '90')`; the qualifier is None when the text states none."""
    qualifier, _word, rest = qualifier_word(text)
    return qualifier, rest


_LONGEST_FIRST = sorted(QUALIFIER_WORDS, key=len, reverse=True)
"""The qualifier words, each tried before any shorter one it starts with."""


def qualifier_word(text: str) -> tuple[str | None, str | None, str]:
    """(qualifier, the document's word for it, the rest): `'trên 909'` is `('more_than',
    'trên', '909')`, so that p135 quotes "trên 909", not "hơn 909"."""
    if len(text.split(None, 1)) < 2:  # every qualifier is a word apart: most figures have none
        return None, None, text
    words = " ".join(unicodedata.normalize("NFC", text).replace("\u00a0", " ").split())
    for word in _LONGEST_FIRST:
        # A title capitalises its first word: `Hơn 29,2 tỷ đồng thực hiện Chương trình 135`.
        if words[:1].lower() == word[:1] and words[1:].startswith(word[1:] + " "):
            return QUALIFIER_WORDS[word], word, words[len(word) :].strip()
    for word, qualifier in QUALIFIER_ENDINGS.items():
        if words.endswith(" " + word):
            return qualifier, word, words[: -len(word)].strip()
    return None, None, text


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
    written = " ".join(text.split())  # as the plan writes it, for messages: 'ngót 4'
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
            text=written,
        )
    group, point = style.separators
    integer, _, fraction = text.partition(point)
    grouped = re.fullmatch(rf"[0-9]{{1,3}}(?:{re.escape(group)}[0-9]{{3}})*|[0-9]+", integer)
    if not grouped or (point in fraction) or (fraction and not _DIGITS.fullmatch(fraction)):
        example = format_number(Decimal("1342.439"), style)
        raise NumberError(
            N_("'{text}' is not a number in the {style} style, which writes {example}"),
            text=written,
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
