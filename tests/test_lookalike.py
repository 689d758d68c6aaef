"""Look-alike letters by Unicode's data: never a Vietnamese letter, always a look-alike."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import unicodedata
from importlib import resources
from typing import Literal

import pytest

from p135cli import lookalike
from p135cli.loading import advice, suspicious
from p135cli.names import identity, look

# The 67 letters Vietnamese adds to ASCII, in each case: 134 letters.
VIETNAMESE = "ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
LETTERS = VIETNAMESE + VIETNAMESE.upper()


def test_there_are_134_vietnamese_letters() -> None:
    assert len(set(LETTERS)) == 134


@pytest.mark.parametrize("form", ["NFC", "NFD"])
@pytest.mark.parametrize("letter", LETTERS)
def test_no_vietnamese_letter_is_suspicious(letter: str, form: Literal["NFC", "NFD"]) -> None:
    for text in (letter, f"Xã B{letter}nh", f"{letter}{letter.lower()}ng Lâm"):
        written = unicodedata.normalize(form, text)
        assert suspicious(written) is None, written
        assert lookalike.mixed_script(written) is None


def test_vietnamese_letters_keep_distinct_looks() -> None:
    """No two Vietnamese letters (case folded) share a skeleton: names stay apart."""
    letters = VIETNAMESE + "abcdeghiklnopqrstuvxy"
    assert len({look(c) for c in letters}) == len(letters)


@pytest.mark.parametrize(
    ("twin", "name"),
    [
        ("D\u0335ồng Lâm", "Đồng Lâm"),  # D with a combining short stroke overlay
        ("B\u0131\u0300nh", "Bình"),  # a dotless ı with a grave
        ("\uff34hanh L\uff41m", "Thanh Lam"),  # full-width Latin
        ("Th\u0430nh", "Thanh"),  # Cyrillic а
        ("\ua4d4hanh", "Thanh"),  # Lisu ꓔ
        ("Thanh L\u0585m", "Thanh Lom"),  # Armenian օ
        ("Hoà Bình", "Hòa Bình"),  # the tone placed either way, as identity has it
    ],
)
def test_look_alikes_have_one_look(twin: str, name: str) -> None:
    assert look(twin) == look(name)
    assert identity(twin) != identity(name) or twin == "Hoà Bình"


@pytest.mark.parametrize(
    ("text", "char"),
    [
        ("Th\u0430nh", "\u0430"),
        ("\ua4d4hanh", "\ua4d4"),  # the letter of the other script, not the Latin after it
        ("Thanh L\u0585m", "\u0585"),
        ("Xã \u13a0ồng", "\u13a0"),  # Cherokee Ꭰ in a Latin name
        ("\uff34hanh", "\uff34"),  # full-width: one script, but a compatibility form
    ],
)
def test_suspicious_names_the_look_alike(text: str, char: str) -> None:
    assert suspicious(text) == char


def test_one_other_script_alone_is_not_mixed() -> None:
    assert lookalike.mixed_script("Бинь Хоа") is None


def test_plain_prototypes_match_the_data() -> None:
    data = lookalike._prototypes()
    for char in lookalike.PLAIN:
        assert lookalike._PLAIN_PROTOTYPES.get(char, char) == data.get(char, char), char


def test_data_files_are_the_ones_named() -> None:
    folder = resources.files("p135cli.unicode")
    for name, digest in lookalike.DATA_SHA256.items():
        data = folder.joinpath(name).read_bytes()
        assert hashlib.sha256(data).hexdigest() == digest, name
        assert lookalike.UNICODE_VERSIONS[name].encode() in data[:400], name


def test_vietnamese_plans_never_read_the_data() -> None:
    """validate stays fast to start: the files are read only for a name that needs them."""
    code = (
        "import sys; from p135cli.launch import main; from p135cli import lookalike\n"
        "sys.argv = ['p135', 'validate', '--no-cache', '--jobs', '1', 'data/plans/']\n"
        "try: main()\n"
        "except SystemExit: pass\n"
        "print(lookalike._prototypes.cache_info().currsize,"
        " lookalike._script_ranges.cache_info().currsize, file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", code], check=False, capture_output=True, text=True)
    assert done.stderr.strip().splitlines()[-1] == "0 0", done.stderr


@pytest.mark.parametrize("char", ["\ufe0f", "\U000e0100", "\u3164", "\uffa0", "\u034f"])
def test_invisible_letters_and_marks_are_written_as_nothing(char: str) -> None:
    """A variation selector, a Hangul filler, the grapheme joiner: letters or marks by category,
    but invisible, so the advice is to write nothing, not a Latin letter."""
    assert advice(char).template.startswith("write nothing")


@pytest.mark.parametrize(
    ("char", "twin"), [("\u0430", "a"), ("\ua4d4", "T"), ("\u0585", "o"), ("\uff34", "T")]
)
def test_a_look_alike_is_named_with_its_latin_twin(char: str, twin: str) -> None:
    said = advice(char)
    assert said.template.startswith("write {twin}") and said.args["twin"] == twin
