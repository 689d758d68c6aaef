"""Hostile and malformed inputs: each ends with the contract's exit code, a message placed on
the right line with a way to fix it, and no traceback.

Each case is data: the file's bytes, the exit code, and the code and line of the first finding.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest

from ..conftest import run_cli, run_process

HEAD = (
    "province: Tỉnh thử\n"
    "programme: Chương trình thử\n"
    "number_style: vi\n"
    'document: {kind: Quyết định, title: Thử, issuer: UBND tỉnh, source: "1"}\n'
    'period: {start: 2017, end: 2018, source: "5"}\n'
)  # 5 lines: the line under test is line 6 or 7


def amount(value: str) -> bytes:
    return (HEAD + f'funding:\n  total: {{amount: {value}, source: "4.1"}}\n').encode()


def text(value: str) -> bytes:
    return HEAD.replace("programme: Chương trình thử", f"programme: {value}").encode()


def name(value: str) -> bytes:
    return (HEAD + f"scope: {{districts: [{value}], source: '1.2'}}\n").encode()


@dataclass(frozen=True)
class Case:
    id: str
    data: bytes
    exit: int
    code: str | None = None  # of the first finding
    line: int | None = None


BOMB = b"a: &a [x, x, x, x, x, x, x, x, x]\n" + b"".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n".encode()
    for i in range(9)
)
NFD_KEY = unicodedata.normalize("NFD", "Đồng")

CASES = [
    Case("empty", b"", 1, "S000", 1),
    Case("comments-only", b"# nothing here\n# at all\n", 1, "S000", 1),
    Case("list-at-top", b"- province: x\n", 1, "S000", 1),
    Case("scalar-at-top", b"just some text\n", 1, "S000", 1),
    Case("unclosed-bracket", HEAD.encode() + b"scope: {districts: [A, B\n", 1, "Y002"),
    Case("unclosed-quote", HEAD.encode() + b'scope: {districts: ["A], source: x}\n', 1, "Y002"),
    Case("tab-indent", HEAD.encode() + b"scope:\n\tdistricts: [A]\n", 1, "Y002", 7),
    Case("duplicate-key", HEAD.encode() + b"province: again\n", 1, "Y003", 6),
    Case(
        "duplicate-key-nfd",
        (HEAD + f"scope: {{districts: [A], source: x, {NFD_KEY}: 1, Đồng: 2}}\n").encode(),
        1,
        "Y003",
        6,
    ),
    Case("yaml11-key-collision", HEAD.encode() + b"on: 1\nyes: 2\n", 1, "S001", 6),
    Case("misspelt-key", HEAD.encode() + b"fundng: {}\n", 1, "S001", 6),
    Case("missing-key", HEAD.encode() + b"scope: {districts: [A]}\n", 1, "S002", 6),
    Case("missing-province", HEAD.replace("province: Tỉnh thử\n", "").encode(), 1, "S002", 1),
    *(
        Case(f"number-{label}", amount(value), 1, "S003", 7)
        for label, value in [
            ("octal", "010"),
            ("sexagesimal", "1:20"),
            ("underscore", "1_000"),
            ("nan", ".nan"),
            ("inf", ".inf"),
            ("exponent", "1e3"),
            ("yes", "yes"),
            ("NO", "NO"),
            ("date", "2017-01-17"),
            ("word", "mười"),
            ("wrong-style", '"1,342.439"'),
            ("two-commas", '"1,342,439"'),
        ]
    ),
    *(
        Case(f"text-{label}", text(value), 0)
        for label, value in [
            ("octal", "010"),
            ("sexagesimal", "1:20"),
            ("yes", "yes"),
            ("NO", "NO"),
            ("date", "2017-01-17"),
            ("inf", ".inf"),
        ]
    ),
    Case("negative-amount", amount('"-10,0"'), 1, "F105", 7),
    Case("over-precise-amount", amount('"0,0000000005"'), 1, "F108", 7),
    Case("anchor", HEAD.encode() + b"scope: &s {districts: [A], source: x}\n", 1, "Y004", 6),
    Case("alias", b"a: &x 1\nb: *x\n", 1, "Y004", 1),
    Case("merge-key", b"base: &b {x: 1}\nother:\n  <<: *b\n", 1, "Y004", 1),
    Case("alias-bomb", BOMB, 1, "Y004", 1),
    Case("deep-nesting", b"[" * 30_000 + b"]" * 30_000, 1, "Y005", 1),
    Case("deep-mappings", b"a: " + b"{a: " * 30_000 + b"1" + b"}" * 30_000 + b"\n", 1, "Y005", 1),
    Case("python-tag", HEAD.encode() + b"scope: !!python/object:os.system x\n", 1, "Y004", 6),
    Case("custom-tag", HEAD.encode() + b"scope: !plan x\n", 1, "Y004", 6),
    Case("binary-tag", HEAD.encode() + b"scope: !!binary aGVsbG8=\n", 1, "Y004", 6),
    Case("two-documents", HEAD.encode() + b"---\nprovince: y\n", 1, "Y004", 6),
    Case("cp1258", unicodedata.normalize("NFD", HEAD).encode("cp1258", "replace"), 1, "Y001", 1),
    Case("tcvn3", b"province: T\xb8nh th\xf7\n", 1, "Y001", 1),
    Case("latin-1", b"province: ok\nprogramme: caf\xe9\n", 1, "Y001", 2),
    Case("nul", b"province: a\x00b\n", 1, "Y001", 1),
    Case("control-char", HEAD.encode() + b"note: a\x07b\n", 1, "Y001", 6),
    Case("c1-control", HEAD.encode() + "note: a\u0085b\n".encode(), 1, "Y001", 6),
    Case("bom", b"\xef\xbb\xbf" + HEAD.encode(), 0),
    Case("utf-16", HEAD.encode("utf-16"), 1, "Y001", 1),
    Case("utf-16-no-bom", HEAD.encode("utf-16-le"), 1, "Y001", 1),
    Case("crlf", HEAD.replace("\n", "\r\n").encode(), 0),
    Case("lookalike-eth", name("Ðồng Lâm"), 1, "Y006", 6),
    Case("zero-width-space", name("Đồng\u200bLâm"), 1, "Y006", 6),
    Case("nbsp", name("Đồng\u00a0Lâm"), 1, "Y006", 6),
    # Digits, sizes and forms a number may not take (the Trust and hostile-input issues).
    *(
        Case(f"number-{label}", amount(value), 1, "S003", 7)
        for label, value in [
            ("superscript-digit", '"1,²"'),
            ("arabic-indic-digit", '"1,٣"'),
            ("fullwidth-digit", '"1,５"'),
            ("devanagari-digit", '"१२"'),
            ("empty", '""'),
            ("blank", '"  "'),
            ("31-digits", '"1' + "0" * 30 + '"'),
            ("31-decimals", '"0,' + "1" * 31 + '"'),
            ("vi-unquoted-dot", "3.800"),
            ("sign-only", '"-"'),
            ("percent-sign-only", '"%"'),
            ("two-decimal-marks", '"1,2,3"'),
            ("letters-in-number", '"12a"'),
        ]
    ),
    # In a flow mapping the comma ends the value: the rest is an unknown key, on its line.
    Case("number-vi-unquoted-comma", amount("3,8"), 1, "S001", 7),
    Case("number-30-digits", amount('"' + "9" * 30 + '"'), 0),
    Case("number-20-digit-integer", amount('"12345678901234567890"'), 0),
    Case("number-plus-sign", amount('"+5"'), 0),
    Case("number-negative-zero", amount('"-0"'), 0),
    Case(
        "count-400-digits",
        HEAD.encode() + b"scope: {district_count: " + b"9" * 400 + b", source: x}\n",
        1,
        "S003",
        6,
    ),
    Case(
        "count-5000-digits",
        HEAD.encode() + b"scope: {district_count: " + b"9" * 5000 + b", source: x}\n",
        1,
        "S003",
        6,
    ),
    Case(
        "count-fraction", HEAD.encode() + b"scope: {district_count: 1.5, source: x}\n", 1, "S003", 6
    ),
    Case("year-far-away", HEAD.replace("end: 2018", "end: 9999").encode(), 1, "S003", 5),
    Case(
        "period-reversed",
        HEAD.replace("start: 2017, end: 2018", "start: 2018, end: 2017").encode(),
        1,
        "S003",
        5,
    ),
    Case("period-one-year", HEAD.replace("end: 2018", "end: 2017").encode(), 0),
    # Invisible and look-alike characters, everywhere a name is compared (Y006).
    *(
        Case(f"name-{label}", name(f'"Đồng{char}Lâm"'), 1, "Y006", 6)
        for label, char in [
            ("soft-hyphen", "\u00ad"),
            ("right-to-left-override", "\u202e"),
            ("left-to-right-mark", "\u200e"),
            ("right-to-left-isolate", "\u2067"),
            ("arabic-letter-mark", "\u061c"),
            ("variation-selector", "\ufe0f"),
            ("variation-selector-supplement", "\U000e0100"),
            ("tag-character", "\U000e0041"),
            ("hangul-filler", "\u3164"),
            ("halfwidth-hangul-filler", "\uffa0"),
            ("combining-grapheme-joiner", "\u034f"),
            ("mongolian-vowel-separator", "\u180e"),
            ("word-joiner", "\u2060"),
            ("invisible-times", "\u2062"),
            ("ideographic-space", "\u3000"),
            ("narrow-nbsp", "\u202f"),
            ("thin-space", "\u2009"),
            ("line-separator-in-value", "\u2028"),
            ("paragraph-separator-in-value", "\u2029"),
            ("private-use", "\ue000"),
        ]
    ),
    Case("name-cyrillic-a", name("Thаnh Lâm"), 1, "Y006", 6),
    Case("name-greek-omicron", name("Đồng Lοng"), 1, "Y006", 6),
    Case("name-all-cyrillic", name("Москва"), 0),
    Case("key-with-bidi", HEAD.encode() + "scope\u202e: {source: x}\n".encode(), 1, "Y006", 6),
    # A line separator in a comment is no line break: the next finding stays on its line.
    Case(
        "line-separator-in-comment",
        ("# a\u2028b: 1\n" + HEAD + "fundng: {}\n").encode(),
        1,
        "S001",
        7,
    ),
    Case(
        "paragraph-separator-in-comment",
        ("# a\u2029b\n" + HEAD + "fundng: {}\n").encode(),
        1,
        "S001",
        7,
    ),
    Case("old-mac-line-ends", (HEAD + "fundng: {}\n").replace("\n", "\r").encode(), 1, "S001", 6),
    # Keys that name one thing twice.
    Case(
        "year-key-with-space",
        HEAD.encode() + b"funding:\n  years:\n    2018: {total: "
        b"{amount: '1', source: x}}\n    '2018 ': {total: {amount: '2', source: x}}\n",
        1,
        "Y003",
        9,
    ),
    Case("key-with-trailing-space", HEAD.encode() + b"'province ': again\n", 1, "Y003", 6),
    # Plan text that looks like markup, formulas or headings stays text.
    Case("name-rich-markup", name('"Xã [/x] [bold]"'), 0),
    Case("name-formula", name('"=HYPERLINK(\\"http://x\\")"'), 0),
    Case("name-heading", name('"a\\n## injected"'), 0),
    Case("name-code-fence", name('"```"'), 0),
    # Files that hold no plan.
    Case("bom-only", b"\xef\xbb\xbf", 1, "S000", 1),
    Case("whitespace-only", b"  \n\n  \n", 1, "S000", 1),
    Case("document-marker-only", b"---\n", 1, "S000"),
    Case("document-end-marker", HEAD.encode() + b"...\n", 0),
    Case(
        "too-many-values",
        HEAD.encode() + b"scope: {districts: [" + b"a, " * 200_001 + b"a], source: x}\n",
        1,
        "Y005",
        6,
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_corpus(case: Case, tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_bytes(case.data)
    ran = run_cli("validate", "--format", "json", path)
    assert ran.code == case.exit, ran
    assert "Traceback" not in ran.out + ran.err
    findings = json.loads(ran.out)["files"][0]["findings"]
    if case.code is None:
        assert not [f for f in findings if f["severity"] == "error"], ran
        return
    named = [f for f in findings if f["code"] == case.code]
    assert named, ran
    if case.line is not None:
        assert named[0]["line"] == case.line, ran
    assert named[0]["message"]


def test_corpus_is_large_enough() -> None:
    assert len(CASES) >= 100


def test_every_hostile_case_reads_well_as_text(tmp_path: Path) -> None:
    for case in CASES:
        path = tmp_path / f"{case.id}.yaml"
        path.write_bytes(case.data)
        ran = run_cli("validate", "--no-color", path)
        assert ran.code == case.exit and "Traceback" not in ran.out + ran.err, ran


def test_file_over_the_size_cap(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(HEAD.encode() + b"# " + b"x" * 3_000_000 + b"\n")
    data = json.loads(run_cli("validate", "-f", "json", path).out)
    assert data["files"][0]["findings"][0]["code"] == "Y005"
    assert run_cli("validate", "--max-bytes", "4000000", path).code == 0


def test_missing_path(tmp_path: Path) -> None:
    ran = run_cli("validate", tmp_path / "nothing.yaml")
    assert ran.code == 2 and "no such file or folder" in ran.err


def test_folder_without_plans(tmp_path: Path) -> None:
    ran = run_cli("validate", tmp_path)
    assert ran.code == 2 and "no *.yaml" in ran.err


def test_folder_named_like_a_plan(tmp_path: Path) -> None:
    (tmp_path / "plan.yaml").mkdir()
    ran = run_cli("validate", tmp_path / "plan.yaml")
    assert ran.code == 2, ran


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "plan.yaml"
    path.write_bytes(HEAD.encode())

    def refuse(where: Path, size: int) -> bytes:  # root reads any file: refuse it here
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("p135cli.loading._read_regular", refuse)
    data = json.loads(run_cli("validate", "-f", "json", path).out)
    finding = data["files"][0]["findings"][0]
    assert finding["code"] == "Y001" and "Permission denied" in finding["message"]


def test_path_with_spaces_and_vietnamese_letters(tmp_path: Path) -> None:
    folder = tmp_path / "kế hoạch tỉnh"
    folder.mkdir()
    path = folder / "Quảng Ninh 2017.yaml"
    path.write_bytes(HEAD.encode())
    ran = run_process(["validate", path])
    assert ran.code == 0, ran
    assert "Quảng Ninh 2017.yaml" in ran.out


VIEWS = (
    ("timeline", "-f", "json"),
    ("timeline", "-f", "mermaid"),
    ("report", "-f", "csv"),
    ("report", "-f", "json"),
)


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_views_refuse_the_corpus_as_validate_does(case: Case, tmp_path: Path) -> None:
    """The views read plans through the same loader. A file that cannot be read unambiguously
    (Y codes) or does not match the schema (S codes) is refused as validate refuses it, with
    stdout empty; a plan whose figures fail a rule is shown as stated, with a warning."""
    path = tmp_path / "plan.yaml"
    path.write_bytes(case.data)
    refused = case.exit == 1 and (case.code or "Y")[0] in "YS"
    for command, *options in VIEWS:
        ran = run_cli(command, path, *options)
        assert "Traceback" not in ran.err and "internal error" not in ran.err, ran
        if refused:
            assert (ran.code, ran.out) == (1, ""), ran
            assert f"{path}:" in ran.err, ran
        else:
            assert ran.code == 0, ran
            assert ("warning" in ran.err) == (case.exit == 1), ran
