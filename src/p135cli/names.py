"""One identity for names, wherever two of them are compared.

A commune, village, district or province typed twice is one name if a Vietnamese reader would
read it as one: after Unicode NFC, with case and spacing folded, and with the tone mark placed
either way (`Hòa`/`Hoà`, `Thủy`/`Thuỷ`: the old and the new placement spell one syllable).
Letters from other scripts and invisible characters are not folded away by `identity`: the
loader refuses them (Y006). A name is also compared by how it looks (`look`), so that one
written with letters that only look Vietnamese (`D̵ồng`, full-width `Ｌâm`) is the same name.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from p135cli.lookalike import skeleton

# The five tone marks of Vietnamese, as combining characters after NFD. Vowel marks (the
# circumflex, breve and horn) are part of the letter and stay where they are.
TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")


def _syllable(word: str) -> str:
    """One syllable with its tone mark moved to the end, where NFC places it on the last
    letter that takes it: both placements of one tone give one string."""
    decomposed = unicodedata.normalize("NFD", word)
    tones = "".join(c for c in decomposed if c in TONES)
    if not tones:
        return word
    bare = "".join(c for c in decomposed if c not in TONES)
    return bare + "\u0000" + tones  # the NUL keeps the tone from composing onto a new letter


@functools.lru_cache(maxsize=65536)
def identity(name: str) -> str:
    """The form two names are compared in: `Xã  Hoà Bình` and `xã hòa bình` are one.
    Remembered: the rules ask for the same few names many times over (bounded memory)."""
    words = unicodedata.normalize("NFC", name).casefold().split()
    return " ".join(_syllable(word) for word in words)


@functools.lru_cache(maxsize=65536)
def look(name: str) -> str:
    """The form two names are compared in by how they look: `identity` of the UTS #39 skeleton
    of the name's compatibility form (NFKC) with case folded. `Đồng` and `D̵ồng` (D with a
    combining stroke), `Bình` and `Bı̀nh` (a toned dotless ı), `Lâm` and full-width `Ｌâm`,
    Latin `Hà` and Cyrillic `Hа̀` are one. Texts of Vietnamese letters only never read the data."""
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", name).casefold())
    return identity(skeleton(folded))


def bare(text: str) -> str:
    """Text without accents, case or extra spaces, for finding a word in a free-written title
    ('Uỷ ban' contains 'uy ban'); never for telling two names apart."""
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.replace("đ", "d").replace("Đ", "D").casefold().split())


_NUMBER = re.compile(r"\s*([0-9]+)\s*/\s*(?:((?:19|20)[0-9]{2})\s*/\s*)?(.+?)\s*")


@functools.lru_cache(maxsize=65536)
def document_number(number: str) -> tuple[str, int | None, str] | None:
    """A document number's parts: `80/2011/NQ-CP` -> ('80', 2011, 'NQ-CP'), `80/NQ-CP` ->
    ('80', None, 'NQ-CP'). The code is folded (`NQ-HĐND` and `NQ-HDND` are one); None when
    the text is not a number of that form."""
    match = _NUMBER.fullmatch(number)
    if match is None:
        return None
    serial, year, code = match.groups()
    folded = bare(code).replace(" ", "").upper()
    return str(int(serial)), int(year) if year else None, folded
