"""What `make mutation` found untested in rules/progress_report.py: the whole numbers a stated share
implies are listed when there are at most ten of them (progress shows them), never more."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace
from typing import cast

from p135cli.implied import Implied, implied_plan

ZERO = Decimal(0)


def test_ten_whole_numbers_are_listed_eleven_are_not() -> None:
    assert Implied(ZERO, ZERO, ZERO, 1, 10).listed() == list(range(1, 11))
    assert Implied(ZERO, ZERO, ZERO, 1, 11).listed() == []
    assert Implied(ZERO, ZERO, ZERO, 1, 3).listed(most=3) == [1, 2, 3]
    assert Implied(ZERO, ZERO, ZERO, 1, 4).listed(most=3) == []
    assert Implied(ZERO, ZERO, ZERO).listed() == []


def test_a_share_implies_the_plan_figures_that_round_to_it() -> None:
    implied = implied_plan(Decimal(1856), Decimal("161.8"), counted=True)
    assert implied is not None
    assert (implied.first, implied.last, implied.listed()) == (1147, 1147, [1147])


def test_a_plan_without_roadmap_names_no_places() -> None:
    """A report paired with a plan that has no roadmap: every name it gives is unknown to it."""
    from p135cli.model import Plan
    from p135cli.rules.progress_report import planned_places

    assert planned_places(cast(Plan, SimpleNamespace(roadmap=None))) == set()


def test_a_unit_of_several_words_counts_whole_things() -> None:
    """`lượt hộ` (household visits) is counted, however its words are spaced."""
    from p135cli.implied import is_counted
    from p135cli.progress_report import Actual

    for unit in ("lượt hộ", "lượt  hộ", "hộ"):
        assert is_counted(cast(Actual, SimpleNamespace(unit=unit))), unit
    assert not is_counted(cast(Actual, SimpleNamespace(unit="tỷ đồng")))
