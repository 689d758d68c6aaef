"""Properties that hold for every plan, not just the ones we wrote down (hypothesis)."""

from __future__ import annotations

import json
import unicodedata
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from p135cli.checking import check_file
from p135cli.findings import Severity
from p135cli.loading import load_text
from p135cli.model import Plan
from p135cli.names import identity
from p135cli.settings import Limits, Settings
from p135cli.sums import balances

from .conftest import QUANG_NINH, run_cli

HEAD = [
    "province: Tỉnh thử",
    "programme: Chương trình thử",
    "document: {kind: Quyết định, title: Thử, issuer: UBND tỉnh, source: '1'}",
    "period: {start: 2017, end: 2020, source: '5'}",
]
MILLI = Decimal("0.001")
amounts = st.integers(min_value=0, max_value=999_999).map(lambda n: Decimal(n) * MILLI)
CONFIG = settings(
    deadline=None,
    derandomize=True,  # the same examples on every machine: CI cannot be flaky
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


@st.composite
def funding(draw: st.DrawFn) -> tuple[list[str], list[str], list[int]]:
    """A funding section that adds up every way: returns (sources, years, part amounts)."""
    sources = [f"s{i}" for i in range(draw(st.integers(1, 5)))]
    years = [2017 + i for i in range(draw(st.integers(1, 4)))]
    parts = draw(
        st.lists(amounts, min_size=len(sources) * len(years), max_size=len(sources) * len(years))
    )
    order_s = draw(st.permutations(sources))
    order_y = draw(st.permutations(years))
    return order_s, [str(y) for y in order_y], [int(p / MILLI) for p in parts]


def plan_text(
    order_s: list[str], order_y: list[str], parts: list[int], slip: int = -1
) -> tuple[str, list[int]]:
    """The plan as text, every figure on its own line; returns (text, figure lines)."""
    n = len(order_s)
    ys = sorted(order_y)
    part = {
        (s, y): Decimal(parts[i * len(ys) + j]) * MILLI
        for i, s in enumerate(sorted(order_s))
        for j, y in enumerate(ys)
    }
    figures: list[Decimal] = []
    lines = [*HEAD, "funding:"]
    figure_lines: list[int] = []

    def figure(prefix: str, value: Decimal, suffix: str) -> None:
        index = len(figures)
        figures.append(value)
        if index == slip:
            value = value + MILLI if value == 0 or index % 2 == 0 else value - MILLI
        lines.append(f"{prefix}{{amount: {value:f}, {suffix}}}")
        figure_lines.append(len(lines))

    figure("  total: ", sum(part.values(), Decimal(0)), "source: '4.1'")
    lines.append("  sources:")
    for s in order_s:
        figure(
            f"    {s}: ",
            sum((part[s, y] for y in ys), Decimal(0)),
            f"name: {s.upper()}, source: '4.2'",
        )
    lines.append("  years:")
    for y in order_y:
        lines.append(f"    {y}:")
        figure("      total: ", sum((part[s, y] for s in order_s), Decimal(0)), "source: '4.3'")
        lines.append("      parts:")
        for s in order_s:
            figure(f"        {s}: ", part[s, y], f"name: P{s}, source: '4.3'")
    lines.append("  categories:")
    lines += [f"    {s}: {{stands_for: [{s}]}}" for s in order_s]
    assert n
    return "\n".join(lines) + "\n", figure_lines


def check(tmp_path: Path, text: str) -> list[tuple[str, int, Severity]]:
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    result = check_file(path, Settings(), Limits())
    return [(f.code, f.location.line if f.location else 0, f.severity) for f in result.findings]


@CONFIG
@given(funding())
def test_funding_that_adds_up_always_validates(
    tmp_path: Path, data: tuple[list[str], list[str], list[int]]
) -> None:
    text, _ = plan_text(*data)
    sources, years = data[0], data[1]
    # Not vacuous: sources and years sum to the total, each year's parts to the year, and each
    # category over the years to its source: 2 + years + sources balances are checked.
    loaded = load_text(text)
    plan = Plan.model_validate(loaded.root)
    assert plan.funding is not None
    assert len(balances(plan.funding)) == 2 + len(years) + len(sources)
    assert check(tmp_path, text) == []


@CONFIG
@given(funding(), st.data())
def test_a_one_unit_slip_is_named_on_its_line(
    tmp_path: Path, data: tuple[list[str], list[str], list[int]], pick: st.DataObject
) -> None:
    _, figure_lines = plan_text(*data)
    slip = pick.draw(st.integers(0, len(figure_lines) - 1))
    text, _ = plan_text(*data, slip=slip)
    assert text != plan_text(*data)[0]  # not vacuous: one figure really changed
    findings = check(tmp_path, text)
    errors = [(code, line) for code, line, severity in findings if severity is Severity.ERROR]
    assert errors == [("F100", figure_lines[slip])], (text, findings)


ACCENTED = "ĐđÂâÊêÔôƠơƯưĂăáàảãạếềểễệốồổỗộớờởỡợứừửữự"


@CONFIG
@given(
    st.text(alphabet=ACCENTED + "aeiouyAEIOUY ", max_size=20),
    st.sampled_from("ÂâÊêÔôƠơƯưĂăáàảãạếềểễệốồổỗộớờởỡợứừửữự"),
)
def test_nfc_and_nfd_behave_the_same(tmp_path: Path, name: str, accented: str) -> None:
    name = (name + accented).strip()
    base = "\n".join([*HEAD, f"scope: {{districts: ['{name}'], source: '1.2'}}"]) + "\n"
    nfc_text, nfd_text = unicodedata.normalize("NFC", base), unicodedata.normalize("NFD", base)
    assert nfc_text != nfd_text  # not vacuous: the name really is written two ways
    assert check(tmp_path, nfc_text) == check(tmp_path, nfd_text)


@CONFIG
@given(
    st.lists(
        st.sampled_from(["hòa", "hoà", "thủy", "thuỷ", "khỏe", "khoẻ", "Hòa", "HOÀ"]),
        min_size=1,
        max_size=4,
    )
)
def test_a_name_with_its_tone_marks_placed_either_way_is_one_name(words: list[str]) -> None:
    old = " ".join(words)
    new = " ".join(
        w.replace("oà", "òa").replace("uỷ", "ủy").replace("oẻ", "ỏe").replace("OÀ", "ÒA")
        for w in words
    )
    assume(old != new)  # the placements differ, or there is nothing to show
    assert identity(old) == identity(new)


def test_the_quang_ninh_plan_in_nfd_is_the_same_plan(tmp_path: Path) -> None:
    text = unicodedata.normalize("NFD", QUANG_NINH.read_text(encoding="utf-8"))
    found = [(code, line) for code, line, _ in check(tmp_path, text)]
    places = [("R106", line) for line in (81, 159, 176, 177, 178, 180, 195)]  # merged in 2020
    years = [("I101", line) for line in (105, 113, 121, 125, 132, 139, 148)]  # 2.2 c-h's 2020
    categories = [("I101", 277), ("I101", 283), ("I101", 292)]
    assert found == sorted([*places, *years, *categories], key=lambda found: found[1])


def _never_crashes(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "fuzz.yaml"
    path.write_bytes(data)
    ran = run_cli("validate", "-f", "json", path)
    assert ran.code in (0, 1), ran  # 0 only if the bytes happen to be a valid plan
    for finding in json.loads(ran.out)["files"][0]["findings"]:
        assert finding["line"] >= 1 and finding["message"]


@CONFIG
@given(st.binary(max_size=300))
def test_arbitrary_bytes_never_crash(tmp_path: Path, data: bytes) -> None:
    _never_crashes(tmp_path, data)


YAMLISH = st.text(alphabet="{}[]:,-&*!|>'\"#%@`?~ \n\tabcĐđ019.eE_", max_size=200)


@CONFIG
@given(YAMLISH)
def test_yaml_like_text_never_crashes(tmp_path: Path, text: str) -> None:
    _never_crashes(tmp_path, text.encode("utf-8"))
