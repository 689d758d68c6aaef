"""What `make mutation` found untested in code that runs when p135 is imported: the `rule`
decorator and the number pattern of the JSON Schemas. Tests run after the import, so mutmut
ties such code to whichever test happens to run first; these call it while a test runs."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest

from p135cli import rules
from p135cli.checking import load_plan
from p135cli.findings import Finding, Severity
from p135cli.loading import Loaded
from p135cli.model import Plan
from p135cli.rules import inferences
from p135cli.rules.base import Context, Rule, rule
from p135cli.scalars import json_number
from p135cli.settings import Limits

from .conftest import ROOT


def documented(plan: Any, context: Context) -> Iterator[Finding]:
    """What the rule checks.

    Passing: an example,
        indented as the docstring writes it.
    """
    return iter(())


def undocumented(plan: Any, context: Context) -> Iterator[Finding]:
    return iter(())


def test_the_decorator_keeps_every_part_of_the_rule_and_its_cleaned_docstring() -> None:
    made = rule("Z901", "made-up", "A summary", "funding", {"m": "a {x}"})(documented)
    assert made == Rule(
        "Z901",
        "made-up",
        "A summary",
        "funding",
        {"m": "a {x}"},
        Severity.ERROR,
        documented,
        "What the rule checks.\n\nPassing: an example,\n    indented as the docstring writes it.",
    )


def test_the_decorator_keeps_a_given_severity_and_an_absent_docstring_is_empty() -> None:
    made = rule("Z902", "other", "Another", "roadmap", {}, severity=Severity.WARNING)(undocumented)
    assert made == Rule(
        "Z902", "other", "Another", "roadmap", {}, Severity.WARNING, undocumented, ""
    )


@pytest.mark.parametrize(
    ("text", "matches"),
    [
        ("1.342,439", True),  # vi: groups of three, decimal comma
        ("1,342.439", True),  # en: groups of three, decimal point
        ("1.342.439", True),
        ("1,342,439", True),
        ("12,5", True),
        ("12.5", True),
        ("1342", True),
        ("- 1 342,5", True),  # a space after the sign and inside the digits
        ("+7", True),
        ("1.34,5", False),  # a group of two
        ("1,34.5", False),
        ("1,2.3", False),
        (",5", False),
        ("1..2", False),
        ("12a", False),
    ],
)
def test_the_schemas_number_pattern_takes_both_styles_and_nothing_else(
    text: str, matches: bool
) -> None:
    assert bool(re.fullmatch(json_number(), text)) is matches


def test_the_number_pattern_takes_the_gap_it_is_given() -> None:
    assert re.fullmatch(json_number(r"\s*"), "1\t342,5")
    assert not re.fullmatch(json_number(), "1\t342,5")


def test_a_rule_is_found_by_its_code_or_its_name_in_any_case() -> None:
    """`p135 explain f101` and `p135 explain Sources-Sum-To-Total` name one rule."""
    f101 = rules.BY_CODE["F101"]
    assert rules.find("F101") is rules.find("f101") is f101
    assert rules.find(f101.name) is rules.find(f101.name.upper()) is f101
    assert rules.find("F999") is None
    assert rules.find("") is None


def test_an_inference_is_listed_with_or_without_the_files_keys() -> None:
    """I101 skips the walk when the file writes no `inferred:` key; a plan built in Python
    (no keys read from a file) is walked whole."""
    case = ROOT / "data" / "plans" / "quang-ninh-2017-2020.yaml"
    checked, _ = load_plan(case, Limits())
    assert checked is not None and isinstance(checked.plan, Plan)
    run = inferences.inferred_value.run
    read = Context(checked.loaded)
    bare = Context(Loaded(checked.loaded.root, checked.loaded.values))
    from_file = [f.location and f.location.pointer for f in run(checked.plan, read)]
    assert from_file == [f.location and f.location.pointer for f in run(checked.plan, bare)]
    assert len(from_file) == 10  # the 7 targets of 2.2 c-h given 2020, the 3 categories


def _context() -> Context:
    checked, _problems = load_plan(ROOT / "tests/rules/cases/F107-pass.yaml", Limits())
    assert checked is not None
    return Context(checked.loaded)


def test_a_finding_with_one_figure_has_no_difference() -> None:
    made = rule("Z903", "one-figure", "One", "funding", {"m": "found {x}"})(documented)
    for figures in ({"expected": Decimal(5)}, {"actual": Decimal(7)}):
        finding = made.finding(_context(), "m", "/province", x=1, **figures)  # type: ignore[arg-type]
        assert (finding.expected, finding.actual, finding.difference) == (
            figures.get("expected"),
            figures.get("actual"),
            None,
        )
        assert set(finding.text.args) == {"x", "stated"}


def test_a_finding_with_both_figures_offers_them_and_keeps_its_template() -> None:
    made = rule("Z904", "two-figures", "Two", "funding", {"m": "{expected} {actual} {difference}"})(
        documented
    )
    finding = made.finding(_context(), "m", "/province", expected=Decimal(5), actual=Decimal(7))
    assert finding.difference == Decimal(2)
    assert finding.template == "m"
    assert finding.message == "5 7 +2"
