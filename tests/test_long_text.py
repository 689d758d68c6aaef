"""Every view's output stays proportional to its plan, however long a name (issue 23).

A 150 KB plan whose commune has a 150.000-letter name took 23 s and wrote 182 MB as a timeline:
every row was padded to the longest name, for every year of a long period. Views that people
read (text, markdown, mermaid, SVG) now cut a long text with `…` and how much was left out,
and fold a word wider than a line; JSON, CSV and xlsx are data and keep it whole.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from p135cli.render.escape import SHOWN, cut
from tests.conftest import QUANG_NINH, ROOT, run_cli

REPORT = ROOT / "data" / "reports" / "quang-ninh-2018-06.yaml"
LONG = "Thanh" + "â" * 150_000  # one word, as wide as a line can never be
SENTENCE = "Lâm " * 40_000  # many words: every line of a table is as long as its longest
FACTOR = 3
"""Output at most this many times the plan's size (a period of 111 years, as the schema
allows, gives a row a year: the plan is made large enough that the rows are not the cost)."""


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _long_plan(tmp_path: Path, name: str) -> Path:
    text = QUANG_NINH.read_text(encoding="utf-8")
    text = text.replace("{name: Thanh Lâm,", f"{{name: {_quoted(name)},", 1)
    text = text.replace(
        'period: {start: 2017, end: 2020, source: "5"}',
        'period: {start: 1990, end: 2100, source: "5"}',
        1,
    )
    path = tmp_path / "long.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(params=[LONG, SENTENCE], ids=["word", "sentence"])
def long_plan(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    return _long_plan(tmp_path, request.param)


def _size(path: Path) -> int:
    return path.stat().st_size


@pytest.mark.parametrize("width", [None, "40", "100", "10000"])
@pytest.mark.parametrize("form", ["text", "markdown", "mermaid", "csv", "json"])
def test_timeline_output_is_proportional(long_plan: Path, form: str, width: str | None) -> None:
    args: list[str | Path] = ["timeline", "--isolated", "-f", form, long_plan]
    ran = run_cli(*args, *(["--width", width] if width else []))
    assert ran.code in (0, 1), ran.err
    assert len(ran.out.encode()) < FACTOR * _size(long_plan)


def test_timeline_svg_is_proportional(long_plan: Path, tmp_path: Path) -> None:
    picture = tmp_path / "long.svg"
    run_cli("timeline", "--isolated", long_plan, "--svg", picture)
    assert _size(picture) < FACTOR * _size(long_plan)


def test_timeline_says_where_it_cuts(tmp_path: Path) -> None:
    ran = run_cli("timeline", "--isolated", "--lang", "en", _long_plan(tmp_path, LONG))
    assert f"… ({len(LONG) - SHOWN} more characters)" in ran.out
    vi = run_cli("timeline", "--isolated", "--lang", "vi", _long_plan(tmp_path, LONG))
    assert f"… (còn {len(LONG) - SHOWN} ký tự)" in vi.out


@pytest.mark.parametrize("form", ["json", "csv"])
def test_data_formats_keep_the_name_whole(tmp_path: Path, form: str) -> None:
    ran = run_cli("timeline", "--isolated", "-f", form, _long_plan(tmp_path, LONG))
    assert LONG in ran.out


@pytest.mark.parametrize("form", ["text", "markdown", "csv", "json"])
def test_report_output_is_proportional(long_plan: Path, form: str) -> None:
    ran = run_cli("report", "--isolated", "-f", form, long_plan)
    assert len(ran.out.encode()) < FACTOR * _size(long_plan), ran.err


@pytest.mark.parametrize("form", ["text", "markdown", "json"])
def test_diff_output_is_proportional(long_plan: Path, form: str) -> None:
    ran = run_cli("diff", "--isolated", "-f", form, QUANG_NINH, long_plan)
    assert len(ran.out.encode()) < FACTOR * _size(long_plan), ran.err


@pytest.mark.parametrize("form", ["text", "markdown", "csv", "json"])
def test_progress_output_is_proportional(tmp_path: Path, form: str) -> None:
    text = REPORT.read_text(encoding="utf-8")
    title = "title: Quảng Ninh đột phá, sáng tạo thực hiện Đề án 196"
    report = tmp_path / "long-report.yaml"
    report.write_text(text.replace(title, f"title: {_quoted(SENTENCE)}", 1), encoding="utf-8")
    ran = run_cli("progress", "--isolated", "-f", form, QUANG_NINH, report)
    assert len(ran.out.encode()) < FACTOR * _size(report), ran.err


def test_cut_keeps_short_text_and_a_letter_with_its_marks() -> None:
    assert cut("Thanh Lâm") == "Thanh Lâm"
    decomposed = "a" * (SHOWN - 1) + "a\u0302\u0300" + "b" * 10
    kept = cut(decomposed).split("…")[0]
    assert not kept.endswith(("\u0302", "a\u0302"))


def test_a_long_name_does_not_widen_every_row_of_a_report(tmp_path: Path) -> None:
    """A funding source's name of 1.000 letters (shown whole, not cut) wraps in its column,
    into a pipe too: the other sources' rows stay as wide as a line."""
    text = QUANG_NINH.read_text(encoding="utf-8")
    path = tmp_path / "long-source.yaml"
    name = "Ngân" + "s" * 990
    path.write_text(text.replace("{name: Ngân sách Trung ương,", f"{{name: {name},", 1), "utf-8")
    ran = run_cli("report", "--isolated", path)
    assert name[:50] in ran.out
    assert len(ran.out.encode()) < 2 * _size(path)
