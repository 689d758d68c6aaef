"""`validate` and `rules` wrap their text at the width, as `diff` does: between words, never
within one (a Vietnamese syllable, a figure, a pointer that fits), a continuation indented
deeper; COLUMNS sets the width in a pipe too, 80 without it; a word wider than a line folds,
but a file's place (`path:line:column`) keeps a line of its own, whole."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from p135cli.render.text import wrap, wrap_text

from .conftest import QUANG_NINH, ROOT, run_cli

WIDTHS = [40, 80, 120]
LONG_KEY = "ghi_chu_ve_nguon_von_ngan_sach_trung_uong_ho_tro_cac_xa_dac_biet_kho_khan_vung_dong_bao"
PLACE = re.compile(r" *[\w/.-]+\.yaml(:\d+:\d+)?")
NINH = "data/plans/ninh-binh-2017-2020.yaml"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _run_at(width: int, *args: str | Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """p135's output at `width` columns, in the repository (its files named as typed there)."""
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("COLUMNS", str(width))
    ran = run_cli(*args)
    assert ran.code in (0, 1), ran
    return ran.out


def _words(text: str) -> list[str]:
    return text.split()


def _long_key_plan(tmp_path: Path) -> Path:
    text = QUANG_NINH.read_text(encoding="utf-8")
    path = tmp_path / "dai.yaml"
    path.write_text(text.replace("province: ", f"{LONG_KEY}: 1\nprovince: ", 1), encoding="utf-8")
    return path


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_validate_wraps_between_words_at_the_width(
    width: int, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    args = ("validate", "--lang", lang, "--show-acknowledged", "data/plans", "data/reports")
    wrapped = _run_at(width, *args, monkeypatch=monkeypatch)
    whole = _run_at(10_000, *args, monkeypatch=monkeypatch)
    lines = wrapped.splitlines()
    wide = [line for line in lines if len(line) > width and not PLACE.fullmatch(line)]
    assert not wide  # but a place wider than the line, on a line of its own
    assert "".join(_words(wrapped)) == "".join(_words(whole))  # nothing lost
    if width >= 80:  # no syllable, figure or pointer split (at 40, a place in a message folds)
        assert _words(wrapped) == _words(whole)
    assert len(lines) > len(whole.splitlines())


def test_a_continuation_hangs_under_its_line(monkeypatch: pytest.MonkeyPatch) -> None:
    """A file's or a finding's line continues under what follows its place; a message, two
    columns deeper than itself."""
    plans = _run_at(80, "validate", "--lang", "vi", "data/plans/", monkeypatch=monkeypatch)
    assert (
        "data/plans/quang-ninh-2017-2020.yaml  ✓ hợp lệ, 10 suy ra,\n"
        f"{' ' * 38}7 đơn vị đã thay đổi sau đó\n"
    ) in plans
    listed = _run_at(80, "validate", "--show-acknowledged", NINH, monkeypatch=monkeypatch)
    assert (
        "  data/plans/ninh-binh-2017-2020.yaml:43:13  acknowledged\n"
        f"{' ' * 45}C103 issuer-matches-code\n"
        "    100/2015/QH13 is a document of the National Assembly (Quốc hội), but the\n"
        "      plan names Chính phủ"
    ) in listed


def test_vietnamese_syllables_and_figures_stay_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    out = _run_at(
        40, "validate", "--lang", "vi", "--show-acknowledged", NINH, monkeypatch=monkeypatch
    )
    assert "    100/2015/QH13 là văn bản của Quốc\n      hội, nhưng kế hoạch ghi cơ quan\n" in out
    assert "  data/plans/ninh-binh-2017-2020.yaml:43:13  đã ghi nhận" not in out  # too wide,
    assert "\n  data/plans/ninh-binh-2017-2020.yaml:43:13\n    đã ghi nhận\n" in out  # its own line
    assert "    C103 issuer-matches-code\n" in out  # a rule's code and name together


def test_a_token_wider_than_the_line_is_folded_a_place_is_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = _long_key_plan(tmp_path)
    out = _run_at(40, "validate", "--isolated", plan, monkeypatch=monkeypatch)
    lines = out.splitlines()
    assert LONG_KEY not in out  # folded ...
    assert LONG_KEY in "".join(line.strip() for line in lines)  # ... but every letter is there
    assert all(len(line) <= 40 or str(plan) in line for line in lines)
    assert any(line.strip().startswith(f"{plan}:") for line in lines)  # the place whole


def test_a_pointer_that_fits_on_a_line_moves_to_the_next_one_whole() -> None:
    pointer = "/funding/years/2019/parts/provincial/amount"
    lines = wrap_text(f"    acknowledge: {{rule: F100, pointer: {pointer}}}", 50)
    assert lines == ["    acknowledge: {rule: F100, pointer:", f"      {pointer}}}"]
    long_pointer = "/roadmap/years/2018/villages/10/" + "x" * 60
    folded = wrap_text(f"  at {long_pointer}", 40)
    assert folded[0] == "  at" and all(line.startswith("    ") for line in folded[1:])
    assert all(len(line) <= 40 for line in folded) and len(folded) == 4
    assert "".join(line.strip() for line in folded[1:]) == long_pointer


def test_wrapping_keeps_each_segment_s_style() -> None:
    line = [("  ", ""), ("file.yaml:1:2", "bold"), ("  ", ""), ("một hai ba bốn năm", "red")]
    assert wrap(line, 22) == [
        [("  ", ""), ("file.yaml:1:2", "bold"), ("  ", ""), ("một", "red")],
        [("    ", ""), ("hai ba bốn năm", "red")],
    ]


@pytest.mark.parametrize("width", WIDTHS)
def test_rules_wrap_each_summary_under_itself(width: int, monkeypatch: pytest.MonkeyPatch) -> None:
    wrapped = _run_at(width, "rules", "--lang", "vi", monkeypatch=monkeypatch)
    whole = _run_at(10_000, "rules", "--lang", "vi", monkeypatch=monkeypatch)
    lines = wrapped.splitlines()
    assert all(len(line) <= width for line in lines)
    assert _words(wrapped) == _words(whole)
    assert all(re.match(r"[A-Z]\d{3}  ", line) or line.startswith("      ") for line in lines)
    if width == 40:  # no room beside the names: each summary under its rule
        assert lines[:2] == ["Y001  file-unreadable  lỗi", "      Tệp đọc được, là UTF-8 và không"]


def _piped(args: list[str], columns: str | None) -> str:
    env = {key: value for key, value in os.environ.items() if key != "COLUMNS"}
    env["NO_COLOR"] = "1"
    if columns is not None:
        env["COLUMNS"] = columns
    done = subprocess.run(
        [sys.executable, "-m", "p135cli", *args], capture_output=True, text=True, env=env,
        check=False, cwd=ROOT,
    )  # fmt: skip
    return done.stdout


@pytest.mark.parametrize(("columns", "width"), [(None, 80), ("0", 80), ("120", 120), ("50", 50)])
def test_piped_output_honours_columns_else_80(columns: str | None, width: int) -> None:
    for args in (["validate", "--show-acknowledged", "data/plans/"], ["rules"]):
        lines = _piped(args, columns).splitlines()
        longest = max(len(line) for line in lines)
        assert width - 12 <= longest <= width, (args, longest)


def test_colour_wraps_as_plain_text_does(monkeypatch: pytest.MonkeyPatch) -> None:
    args = ("validate", "--lang", "vi", "--show-acknowledged", NINH)
    plain = _run_at(60, *args, "--color", "never", monkeypatch=monkeypatch)
    coloured = _run_at(60, *args, "--color", "always", monkeypatch=monkeypatch)
    assert "\x1b[" in coloured and ANSI.sub("", coloured) == plain


def test_plan_text_keeps_its_own_no_break_space() -> None:
    """p135 joins its own words with a character plan text never holds (escaped if it does):
    a no-break space in a message stays one."""
    assert wrap_text("    một\u00a0hai ba", 80) == ["    một\u00a0hai ba"]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_explain_flows_its_paragraphs_and_keeps_its_examples(
    lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    narrow = _run_at(60, "explain", "F100", "--lang", lang, monkeypatch=monkeypatch)
    wide = _run_at(10_000, "explain", "F100", "--lang", lang, monkeypatch=monkeypatch)
    assert _words(narrow) == _words(wide)
    prose = [line for line in narrow.splitlines() if not line.startswith(" ")]
    assert all(len(line) <= 60 for line in prose) and len(prose) > 12
    examples = [line for line in wide.splitlines() if line.startswith("    ")]
    assert all(f"\n{line}\n" in narrow for line in examples)  # an example plan line for line
