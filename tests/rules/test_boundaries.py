"""Every comparison a rule makes, at its boundary: equal, one unit over, one unit under, and
the exact half at a stated precision. Each row is a small plan and the codes it must give."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from p135cli.arithmetic import rounds_to
from p135cli.checking import check_file
from p135cli.settings import Limits, Settings

HEAD = """\
province: Tỉnh thử
programme: Chương trình thử
number_style: vi
document: {kind: Quyết định, title: Thử, issuer: UBND tỉnh, date: 13/6/2017, source: "1"}
period: {start: 2017, end: 2020, source: "5"}
"""


def sources(total: str, *amounts: str) -> str:
    rows = "".join(
        f'    s{i}: {{name: S{i}, amount: "{a}", source: "4.2"}}\n' for i, a in enumerate(amounts)
    )
    return f'funding:\n  total: {{amount: "{total}", source: "4.1"}}\n  sources:\n{rows}'


def shares(*pairs: tuple[str, str]) -> str:
    total = sum(Decimal(a.replace(".", "").replace(",", ".")) for a, _ in pairs)
    rows = "".join(
        f'    s{i}: {{name: S{i}, amount: "{a}", share: "{s}", source: "4.2"}}\n'
        for i, (a, s) in enumerate(pairs)
    )
    total_text = f"{total:f}".replace(".", ",")
    return f'funding:\n  total: {{amount: "{total_text}", source: "4.1"}}\n  sources:\n{rows}'


def allocation(need: str, allocated: str) -> str:
    return f"""funding:
  years:
    2017:
      total: {{amount: "{need}", source: "4.3"}}
      parts:
        p:
          name: P
          amount: "{need}"
          need: true
          source: "4.3"
          allocated: {{amount: "{allocated}", source: "4.3"}}
"""


def year(key: int) -> str:
    return f'funding:\n  years:\n    {key}: {{total: {{amount: "1", source: "4.3"}}}}\n'


def banded(whole: int, count: int, share: str = "", average: str = "") -> str:
    rest = whole - count
    share_text = f', share: "{share}"' if share else ""
    average_text = f'  average: "{average}"\n' if average else ""
    return f"""banded:
- id: b
  text: Thử
  whole: {whole}
  unit: xã
  bands:
  - {{label: A, least: 10, most: 20, count: {count}{share_text}, source: "2"}}
  - {{label: B, least: 0, most: 5, count: {rest}, source: "2"}}
{average_text}  source: "2"
"""


def target(**fields: str) -> str:
    text = ", ".join(f"{k}: {v}" for k, v in fields.items())
    return f'targets:\n  - {{id: t, text: Thử, {text}, source: "2"}}\n'


def cited(date: str) -> str:
    return f"legal_basis:\n  - {{number: 42/KH-UBND, date: {date}, issuer: UBND tỉnh, source: x}}\n"


ROWS: list[tuple[str, str, str, list[str]]] = [
    # (what, body, tolerance, codes)
    ("sum equal", sources("10,0", "4,0", "6,0"), "0", []),
    ("sum one unit over", sources("10,0", "4,0", "6,1"), "0", ["F101"]),
    ("sum one unit under", sources("10,0", "4,0", "5,9"), "0", ["F101"]),
    ("sum off by the tolerance", sources("10,0", "4,0", "6,1"), "0.1", []),
    ("sum a unit past the tolerance", sources("10,0", "4,0", "6,11"), "0.1", ["F101"]),
    ("sum a unit below the tolerance", sources("10,0", "4,0", "5,89"), "0.1", ["F101"]),
    ("amount zero", sources("0", "0"), "0", []),
    ("amount one unit below zero", sources("0", "-0,001", "0,001"), "0", ["F105"]),
    ("share equal", shares(("1.000", "50,0"), ("1.000", "50,0")), "0", []),
    # 1 of 8 is 12,5 %: printed to no decimal, half up gives 13, not 12
    ("share exact half rounds up", shares(("1", "13"), ("7", "88")), "0", []),
    ("share exact half not down", shares(("1", "12"), ("7", "88")), "0", ["P101"]),
    ("share one unit over", shares(("1", "12,6"), ("7", "87,5")), "0", ["P101"]),
    # 12,4 stands for [12,35; 12,45) and 87,5 for [87,45; 87,55): they cannot make 100
    ("share one unit under", shares(("1", "12,4"), ("7", "87,5")), "0", ["P102", "P101"]),
    (
        "shares make a whole at the edge",
        shares(("1", "33,3"), ("1", "33,3"), ("1", "33,3")),
        "0",
        [],
    ),
    ("allocated equal to need", allocation("5,0", "5,0"), "0", []),
    ("allocated one unit over need", allocation("5,0", "5,1"), "0", ["F107"]),
    ("year at the start", year(2017), "0", []),
    ("year at the end", year(2020), "0", []),
    ("year one before", year(2016), "0", ["F106"]),
    ("year one after", year(2021), "0", ["F106"]),
    ("one đồng", 'funding:\n  total: {amount: "0,000000001 tỷ đồng", source: "4.1"}\n', "0", []),
    ("half a đồng", 'funding:\n  total: {amount: "0,0000000005", source: "4.1"}\n', "0", ["F108"]),
    ("band share exact half", banded(8, 1, share="13"), "0", []),
    ("band share half not down", banded(8, 1, share="12"), "0", ["B102"]),
    # bands allow 10 × 1 / 8 + 0 = 1,25 to 20 × 1 / 8 + 5 × 7 / 8 = 6,875
    ("average at the top", banded(8, 1, average="6,875"), "0", []),
    ("average rounds to the top", banded(8, 1, average="6,9"), "0", []),
    ("average one unit above", banded(8, 1, average="7,0"), "0", ["B103"]),
    ("average at the bottom", banded(8, 1, average="1,25"), "0", []),
    ("average rounds to the bottom", banded(8, 1, average="1,3"), "0", []),
    ("average one unit below", banded(8, 1, average="1,2"), "0", ["B103"]),
    ("percent target 0", target(value="0", unit='"%"'), "0", []),
    ("percent target 100", target(value="100", unit='"%"'), "0", []),
    ("percent target over 100", target(value='"100,1"', unit='"%"'), "0", ["T104"]),
    ("range equal ends", target(least="5", most="5", unit="km"), "0", []),
    ("range one unit reversed", target(least="6", most="5", unit="km"), "0", ["T101"]),
    ("target by the end", target(value="5", unit="km", by="2020"), "0", []),
    ("target by one after", target(value="5", unit="km", by="2021"), "0", ["T103"]),
    ("cited the same day", cited("13/6/2017"), "0", []),
    ("cited one day after", cited("14/6/2017"), "0", ["C104"]),
]


@pytest.mark.parametrize(
    ("body", "tolerance", "codes"), [r[1:] for r in ROWS], ids=[r[0] for r in ROWS]
)
def test_boundary(body: str, tolerance: str, codes: list[str], tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(HEAD + body, encoding="utf-8")
    settings = Settings(tolerance=Decimal(tolerance), disabled=frozenset({"F100"}))
    result = check_file(path, settings, Limits())
    assert [f.code for f in result.findings] == codes, [f.message for f in result.findings]


@pytest.mark.parametrize(
    ("true", "stated", "holds"),
    [
        ("17.45", "17.5", True),  # the exact half rounds up
        ("17.45", "17.4", False),
        ("17.4499", "17.4", True),
        ("17.55", "17.5", False),
        ("17.5", "17.50", True),
        ("0.05", "0.1", True),
        ("0.0499", "0.1", False),
    ],
)
def test_a_stated_share_holds_at_its_stated_precision_rounding_half_up(
    true: str, stated: str, holds: bool
) -> None:
    assert rounds_to(Decimal(true), Decimal(stated)) is holds
