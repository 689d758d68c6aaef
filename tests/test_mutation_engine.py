"""What `make mutation` found untested in engine.py: an acknowledgement whose finding's figures
changed (A001) quotes the figures it pinned beside the new ones, and a dash for a figure it
did not pin."""

from __future__ import annotations

from pathlib import Path

from p135cli.checking import check_file
from p135cli.settings import Limits, Settings

from .conftest import ROOT

CHANGED = ROOT / "tests" / "rules" / "cases" / "A001-fail-changed.yaml"


def a001(path: Path) -> list[str]:
    return [f.message for f in check_file(path, Settings(), Limits()).findings if f.code == "A001"]


def test_a_stale_pinned_entry_quotes_its_figures_and_the_new_ones() -> None:
    """The reader sees what the entry pinned (10,0 and 10,1) and what p135 now finds."""
    assert a001(CHANGED) == [
        "acknowledgement of F101 at /funding/total covers expected 10,0, found 10,1, but the "
        "plan now gives expected 10,2, found 10,1: correct the figure, or (if the document "
        "itself prints this) update the entry"
    ]


def test_a_figure_the_entry_did_not_pin_is_a_dash(tmp_path: Path) -> None:
    """An entry pinning only the expected figure: its found figure reads `—`, not `None`."""
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        CHANGED.read_text(encoding="utf-8").replace(', found: "10,1"', ""), encoding="utf-8"
    )
    assert a001(plan) == [
        "acknowledgement of F101 at /funding/total covers expected 10,0, found —, but the "
        "plan now gives expected 10,2, found 10,1: correct the figure, or (if the document "
        "itself prints this) update the entry"
    ]
