"""Cost and output stay proportional to the input: 10,000 alike items, one family at a time.

A hostile or just very large plan must not make p135 print a finding per pair of items: each
finding names the first few related places and a count.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import run_cli

HEAD = """\
province: Tỉnh thử
programme: Chương trình thử
number_style: vi
document: {kind: Quyết định, title: Thử, issuer: UBND tỉnh, date: 13/6/2017, source: "1"}
period: {start: 2017, end: 2020, source: "5"}
"""
COUNT = 10_000


def funding_all_alike(count: int) -> str:
    """Sources that only ever appear together: any one of them could explain the failure."""
    sources = "".join(
        f'    s{i}: {{name: S{i}, amount: "1", source: "4.2"}}\n' for i in range(count)
    )
    total = f'"{count + 1}"'
    year = f'    2017: {{total: {{amount: {total}, source: "4.3"}}}}\n'
    head = f"funding:\n  total: {{amount: {total}, source: '4.1'}}\n"
    return f"{head}  sources:\n{sources}  years:\n{year}"


def roadmap_all_alike(count: int) -> str:
    """One commune listed again and again."""
    commune = "{name: Thanh Lâm, district: Ba Chẽ}"
    many = ", ".join([commune] * count)
    years = f"    2018:\n      communes: [{many}]\n      source: '2'\n"
    return f"roadmap:\n  goal: {{communes: 1, by: 2020, source: '2'}}\n  years:\n{years}"


def acknowledgements_all_stale(count: int) -> str:
    acks = "".join(
        f"  - {{rule: F101, pointer: /funding/x{i}, reason: thử}}\n" for i in range(count)
    )
    return f"acknowledged:\n{acks}"


def targets_all_reversed(count: int) -> str:
    targets = "".join(
        f'  - {{id: t{i}, text: Thử, least: 9, most: 1, unit: "%", source: "2"}}\n'
        for i in range(count)
    )
    return f"targets:\n{targets}"


@pytest.mark.parametrize(
    ("family", "body", "findings"),
    [
        ("funding", funding_all_alike, 1),
        ("roadmap", roadmap_all_alike, COUNT),
        ("acknowledgements", acknowledgements_all_stale, COUNT),
        ("targets", targets_all_reversed, COUNT),
    ],
)
def test_output_is_linear_in_the_input(
    family: str, body: Callable[[int], str], findings: int, tmp_path: Path
) -> None:
    path = tmp_path / f"{family}.yaml"
    path.write_text(HEAD + body(COUNT), encoding="utf-8")
    ran = run_cli("validate", "-f", "json", "--max-nodes", "1000000", path)
    data = json.loads(ran.out)
    found = [
        f
        for f in data["files"][0]["findings"]
        if not f["acknowledged"] and f["code"] != "R105"  # Tỉnh thử's places: unchecked
    ]
    assert len(found) == findings, [f["message"] for f in found[:3]]
    assert max(len(f["related"]) for f in found) <= 7  # a few places, never all the others
    assert len(ran.out) < 24 * path.stat().st_size  # a finding a commune, each with its hint
