"""PyYAML's words for a file it cannot parse, translated: each problem and context the C and
the pure-Python parsers give for the slips planners make is a msgid of the catalogue, shown in
English exactly as the parser wrote it and in Vietnamese without English inside."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from p135cli.i18n import Message, speak
from p135cli.numbers import NumberStyle
from p135cli.yaml_problems import in_words, words

from .conftest import run_cli

SLIPS = {
    "flow sequence not closed": "a: [1, 2\nb: 3\n",
    "flow mapping not closed": "a: {x: 1\nb: 3\n",
    "a colon inside a value": "a: b: c\n",
    "a key indented under a value": "a: 1\n b: 2\n",
    "a list item after a mapping": "a: 1\n- b\n",
    "a quote not closed": "a: 'x\n",
    "an unknown escape": 'a: "\\q"\n',
    "a reserved character": "a: @x\n",
    "a tab before a key": "a:\n\tb: 1\n",
    "a key with no colon": "a: 1\nb\nc: 2\n",
    "a bracket inside a block": "a:\n  - [x\n  - y\n",
}
"""Slips a planner makes in a plan, each a file PyYAML cannot parse."""

LOADERS = [yaml.SafeLoader, *([yaml.CSafeLoader] if yaml.__with_libyaml__ else [])]


def parse_error(text: str, loader: type) -> yaml.MarkedYAMLError:
    with pytest.raises(yaml.MarkedYAMLError) as raised:
        for _event in yaml.parse(text, Loader=loader):
            pass
    return raised.value


@pytest.mark.parametrize("loader", LOADERS, ids=lambda loader: loader.__name__)
@pytest.mark.parametrize("slip", list(SLIPS))
def test_each_parser_word_is_in_the_catalogue_and_reads_as_the_parser_wrote_it(
    slip: str, loader: type
) -> None:
    error = parse_error(SLIPS[slip], loader)
    for text in filter(None, (error.problem, error.context)):
        said = in_words(text)
        assert isinstance(said, Message), f"{loader.__name__}: {text!r} is not in the catalogue"
        assert said.render(NumberStyle.EN) == text


def test_vietnamese_holds_no_english_parser_word() -> None:
    error = parse_error(SLIPS["flow sequence not closed"], yaml.SafeLoader)
    speak("vi")  # the suite's fixture speaks English again after the test
    problem, context = in_words(error.problem or ""), in_words(error.context or "")
    assert isinstance(problem, Message) and isinstance(context, Message)
    assert problem.render() == "cần dấu ',' hoặc ']', nhưng gặp ':'"
    assert context.render() == "khi đọc một cặp ngoặc […]"


def test_a_problem_the_catalogue_does_not_know_stays_in_the_parser_s_words() -> None:
    assert in_words("found something new") == "found something new"


def test_every_pattern_reads_its_own_msgid() -> None:
    for pattern, msgid in words():
        english = msgid.replace("{{", "{").replace("}}", "}").replace("{found}", "'x'")
        assert pattern.fullmatch(english), msgid


def test_validate_in_vietnamese_says_the_problem_in_vietnamese(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(SLIPS["a colon inside a value"], encoding="utf-8")
    ran = run_cli("--lang", "vi", "validate", plan)
    assert "không phải YAML hợp lệ: không được có giá trị khóa (dấu ': ') ở chỗ này" in ran.out
    assert "mapping values" not in ran.out
