"""Exact wording of the hints and messages that tell a planner what to write instead: each
kind of character, each syntax problem, each citation conflict (what mutation testing showed
no test pinned down)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from p135cli.loading import LoadError, advice, load_text, suspicious

from .conftest import run_cli


@pytest.mark.parametrize(
    ("char", "hint"),
    [
        ("\u00d0", "write Đ (U+0110): Ð U+00D0 is the Icelandic eth"),
        ("\u00f0", "write đ (U+0111): ð U+00F0 is the Icelandic eth"),
        ("\u0189", "write Đ (U+0110): Ɖ U+0189 is the African D"),
        ("\u00a0", "write a plain space: NO-BREAK SPACE (U+00A0) was pasted in"),
        ("\u3000", "write a plain space: IDEOGRAPHIC SPACE (U+3000) was pasted in"),
        ("\u00ad", "write nothing: SOFT HYPHEN (U+00AD) cannot be seen"),
        ("\u202e", "write nothing: RIGHT-TO-LEFT OVERRIDE (U+202E) cannot be seen"),
        ("\u0430", "write a (U+0061): CYRILLIC SMALL LETTER A (U+0430) only looks like it"),
        ("\u03bf", "write o (U+006F): GREEK SMALL LETTER OMICRON (U+03BF) only looks like it"),
        (
            "\u0436",
            "write the Latin letter meant: CYRILLIC SMALL LETTER ZHE (U+0436) is from another "
            "script",
        ),
        ("\x1b", "write nothing: a control character (U+001B) cannot be seen"),
        ("\ue028", "write a line break or a space: a LINE SEPARATOR (U+2028) was pasted in"),
    ],
)
def test_each_suspicious_character_gets_the_advice_that_fixes_it(char: str, hint: str) -> None:
    assert advice(char).render() == hint


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Hà Nội", None),
        ("Москва", None),  # a whole word of another script is no look-alike
        ("Thаnh", "\u0430"),
        ("Thanh\u00adLâm", "\u00ad"),
        ("a b", None),
        ("x\u2009y", "\u2009"),
    ],
)
def test_what_counts_as_suspicious(text: str, found: str | None) -> None:
    assert suspicious(text) == found


def test_the_y006_message_shows_the_character_by_its_code_and_keeps_the_text() -> None:
    loaded = load_text("a: 'Đồng\u00adLâm'\n")
    (problem,) = loaded.problems
    assert problem.message == (
        "'Đồng<U+00AD>Lâm' holds U+00AD, a character that looks like another or cannot be seen"
    )
    assert (problem.mark.line, problem.mark.column) == (1, 4)


@pytest.mark.parametrize(
    ("text", "message", "place"),
    [
        (
            "a: 'open\n",
            "not valid YAML: found unexpected end of stream (while scanning a quoted scalar)",
            (2, 1),
        ),
        ("a: [1, 2\n", "not valid YAML: did not find expected ',' or ']' (while parsing a flow "
         "sequence)", (2, 1)),
        ("a: &x 1\n", "anchor '&x' is not allowed", (1, 4)),
        ("a: 1\nb: *x\n", "alias '*x' is not allowed", (2, 4)),
        ("a: !t 1\n", "tag '!t' is not allowed", (1, 4)),
        ("a: 1\n---\nb: 2\n", "the file holds more than one YAML document", (2, 1)),
    ],
)  # fmt: skip
def test_syntax_and_refused_features_say_what_and_where(
    text: str, message: str, place: tuple[int, int]
) -> None:
    with pytest.raises(LoadError) as raised:
        load_text(text)
    problem = raised.value.problem
    assert problem.message == message
    assert (problem.mark.line, problem.mark.column) == place


def test_a_conflicting_citation_names_the_other_places_by_file_and_line(tmp_path: Path) -> None:
    head = (
        "programme: Thử\n"
        "document: {kind: Kế hoạch, title: Thử, issuer: UBND tỉnh, source: '1'}\n"
        "period: {start: 2017, end: 2020, source: '5'}\n"
        "legal_basis:\n"
    )
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    a.write_text("province: A\n" + head + "  - {number: 1722/QĐ-TTg, date: 02/9/2016, source: x}\n")
    b.write_text("province: B\n" + head + "  - {number: 1722/QĐ-TTg, date: 02/9/2015, source: x}\n")
    data = json.loads(run_cli("validate", "-f", "json", a, b).out)
    first = data["files"][0]["findings"][0]
    assert first["message"] == f"1722/QĐ-TTg is dated 02/9/2016 here, but 02/9/2015 at {b}:6"
    assert first["related"] == [
        {
            "line": 6,
            "column": 33,
            "pointer": "/legal_basis/0/date",
            "role": "other date",
            "path": str(b),
        }
    ]
