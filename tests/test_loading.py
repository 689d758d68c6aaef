"""Exact, located loading: marks, duplicates, YAML 1.1 surprises, refusals and limits."""

from __future__ import annotations

import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from p135cli import loading
from p135cli.checking import check_file
from p135cli.loading import LoadError, Mark, Plain, load_text, read_file
from p135cli.model import Plan
from p135cli.settings import Limits, Settings

MINIMAL = """\
province: Tỉnh thử
programme: Chương trình thử
number_style: vi
document: {kind: Quyết định, title: Thử, issuer: UBND tỉnh, source: "1"}
period: {start: 2017, end: 2018, source: "5"}
"""


def codes_at(tmp_path: Path, text: str | bytes, limits: Limits | None = None) -> set[str]:
    path = tmp_path / "plan.yaml"
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    result = check_file(path, Settings(), limits or Limits())
    return {f"{f.code}@{f.location.line}" for f in result.findings if f.location}


def test_values_keep_line_and_column() -> None:
    loaded = load_text("a:\n  b: [1, {c: x}]\n")
    assert loaded.values["/a/b/1/c"].line == 2
    assert loaded.values["/a/b/1/c"].column == 14
    assert loaded.keys["/a/b"].column == 3


def test_plain_scalars_stay_text_until_read() -> None:
    loaded = load_text("a: 010\nb: yes\nc: 2017-01-17\nd: '010'\ne: ~\n")
    assert loaded.root == {"a": "010", "b": "yes", "c": "2017-01-17", "d": "010", "e": None}
    assert isinstance(loaded.root["a"], Plain) and not isinstance(loaded.root["d"], Plain)


def test_duplicate_keys_name_both_lines() -> None:
    loaded = load_text("a: 1\nb: 2\na: 3\n")
    (problem,) = loaded.problems
    assert problem.code == "Y003" and problem.mark.line == 3 and "line 1" in problem.message
    assert loaded.root["a"] == "1"


def test_keys_equal_after_normalisation_are_duplicates() -> None:
    nfd = unicodedata.normalize("NFD", "Đồng")
    loaded = load_text(f"Đồng: 1\n{nfd}: 2\n")
    assert [p.code for p in loaded.problems] == ["Y003"]


def test_text_is_nfc() -> None:
    loaded = load_text("a: " + unicodedata.normalize("NFD", "Quảng Ninh") + "\n")
    assert loaded.root["a"] == unicodedata.normalize("NFC", "Quảng Ninh")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("a: &x 1\nb: *x\n", "Y004"),
        ("a: !!python/object:os.system 1\n", "Y004"),
        ("a: !custom 1\n", "Y004"),
        ("a: 1\n---\nb: 2\n", "Y004"),
        ("a: [1, 2\n", "Y002"),
        ("a: 'open\n", "Y002"),
        ("a:\n\t- 1\n", "Y002"),
        ("? [a]\n: 1\n", "Y002"),
    ],
)
def test_refused_yaml(text: str, code: str) -> None:
    with pytest.raises(LoadError) as caught:
        load_text(text)
    assert caught.value.problem.code == code


@pytest.mark.parametrize("parser", ["CSafeLoader", "SafeLoader"])
def test_deep_nesting_stops_before_the_parser_can_crash(
    parser: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not hasattr(yaml, parser):
        pytest.skip("PyYAML was built without libyaml")
    monkeypatch.setattr(loading, "_EventLoader", getattr(yaml, parser))
    text = "[" * 30_000 + "]" * 30_000
    with pytest.raises(LoadError) as caught:
        load_text(text)
    problem = caught.value.problem
    assert (problem.code, problem.text.args, problem.mark.line) == ("Y005", {"limit": 64}, 1)
    assert problem.hint is not None


def test_nesting_past_the_c_parsers_own_limit_names_that_limit() -> None:
    """libyaml 0.2.6 stops at 1,000 levels whatever --max-depth says: the message says so, and
    does not advise raising a limit that would not help."""
    if not yaml.__with_libyaml__:
        pytest.skip("PyYAML was built without libyaml")
    text = "[" * 1_500 + "]" * 1_500
    try:
        load_text(text, Limits(max_depth=2_000))
    except LoadError as caught:
        problem = caught.problem
        assert (problem.code, problem.text.args, problem.hint) == ("Y005", {"limit": 1000}, None)
        assert problem.mark == Mark(1, 1001)
    else:
        pytest.skip("this libyaml has no nesting limit")


def test_nesting_below_the_c_parsers_limit_loads_when_allowed() -> None:
    node = load_text("[" * 900 + "]" * 900, Limits(max_depth=2_000)).root
    depth = 0
    while node:
        node, depth = node[0], depth + 1
    assert (node, depth) == ([], 899)


def test_node_limit() -> None:
    with pytest.raises(LoadError) as caught:
        load_text("[" + ", ".join("1" for _ in range(200)) + "]", Limits(max_nodes=100))
    assert caught.value.problem.code == "Y005"


def test_size_cap_is_checked_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text("a: " + "x" * 5000 + "\n")
    with pytest.raises(LoadError) as caught:
        read_file(path, Limits(max_bytes=1000))
    assert caught.value.problem.code == "Y005"


def test_bom_and_crlf_are_fine(tmp_path: Path) -> None:
    text = ("\ufeff" + MINIMAL).replace("\n", "\r\n").encode("utf-8")
    assert codes_at(tmp_path, text) == set()


@pytest.mark.parametrize(
    "data",
    [
        MINIMAL.encode("utf-16"),
        b"province: Tinh thu \xe9\nprogramme: x\n",
        b"province: \x00x\n",
        b"province: a\x1bb\n",
    ],
    ids=["utf-16", "latin-1", "nul", "escape"],
)
def test_unreadable_bytes_are_placed(tmp_path: Path, data: bytes) -> None:
    assert {code.split("@")[0] for code in codes_at(tmp_path, data)} == {"Y001"}


def test_non_utf8_names_its_line(tmp_path: Path) -> None:
    data = MINIMAL.encode("utf-8") + unicodedata.normalize("NFD", "note: Quảng\n").encode("cp1258")
    assert codes_at(tmp_path, data) == {"Y001@6"}


@pytest.mark.parametrize(
    "value", ["010", "1:20", "1_000", ".nan", ".inf", "1e3", "yes", "NO", "0x1F"]
)
def test_yaml11_numbers_are_errors_where_a_number_is_expected(tmp_path: Path, value: str) -> None:
    text = MINIMAL + f"funding:\n  total: {{amount: {value}, source: '4.1'}}\n"
    assert codes_at(tmp_path, text) == {"S003@7"}


@pytest.mark.parametrize("value", ["010", "1:20", "yes", "on", "2017-01-17", ".inf"])
def test_yaml11_forms_stay_text_where_text_is_expected(tmp_path: Path, value: str) -> None:
    text = MINIMAL.replace("programme: Chương trình thử", f"programme: {value}")
    assert codes_at(tmp_path, text) == set()


def test_a_misspelt_key_suggests_the_right_one(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(MINIMAL + "funding:\n  total: {amount: 1, soruce: '4.1'}\n", encoding="utf-8")
    findings = check_file(path, Settings(), Limits()).findings
    unknown = [f for f in findings if f.code == "S001"]
    assert unknown and unknown[0].hint_text == "did you mean 'source'?"
    assert unknown[0].location is not None and unknown[0].location.line == 7


def test_amounts_are_exact_decimals(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    en = MINIMAL.replace("number_style: vi", "number_style: en")  # a vi plan quotes decimals
    path.write_text(en + "funding:\n  total: {amount: 0.1, source: '4.1'}\n", encoding="utf-8")
    from p135cli.checking import load_plan

    checked, _ = load_plan(path, Limits())
    assert checked is not None and isinstance(checked.plan, Plan)
    assert checked.plan.funding and checked.plan.funding.total
    assert checked.plan.funding.total.amount == Decimal("0.1")


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("a:\n\tb: 1\n", "YAML indents with spaces only: replace the tab with spaces"),
        ("a: 'open\n", "a bracket or quote is not closed"),
        ('a: "open\n', "a bracket or quote is not closed"),
        ("a: [1, 2\n", "a bracket or quote is not closed"),
    ],
)
def test_a_syntax_error_gets_the_hint_that_fixes_it(text: str, hint: str) -> None:
    with pytest.raises(LoadError) as raised:
        load_text(text)
    assert raised.value.problem.hint is not None
    assert raised.value.problem.hint.render() == hint


REPORT_HEAD = """\
province: Quảng Ninh
number_style: vi
report: {kind: Bài báo, title: Kết quả, date: 15/06/2018}
"""


@pytest.mark.parametrize(
    ("body", "hint", "where"),
    [
        (
            'results:\n  - {id: a, text: x, value: 10, unit: hộ, of_plann: "5", source: "6"}\n',
            "did you mean 'of_plan'?",
            "in results.0",
        ),
        ("resultz: []\n", "did you mean 'results'?", "in the report"),
    ],
)
def test_a_misspelt_key_of_a_report_suggests_the_right_one(
    tmp_path: Path, body: str, hint: str, where: str
) -> None:
    """A results report's keys are suggested from the report's own schema, as a plan's are."""
    path = tmp_path / "report.yaml"
    path.write_text(REPORT_HEAD + body, encoding="utf-8")
    findings = check_file(path, Settings(), Limits()).findings
    unknown = [f for f in findings if f.code == "S001"]
    assert unknown and unknown[0].hint_text == hint
    assert where in unknown[0].message
