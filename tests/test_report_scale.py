"""`p135 report` at scale: its tables drawn without rich where no colour is asked for (the
lines rich would draw, at a fraction of the cost), and one plan's report started without
pandas (the report's tables are frames of Python objects, not data frames)."""

from __future__ import annotations

import io
import subprocess
import sys
from collections.abc import Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from p135cli.views.table import (
    Block,
    Column,
    Figure,
    Fitted,
    Lines,
    Pieces,
    Words,
    console,
    draw,
    emit,
    fit,
    show,
)

from .conftest import QUANG_NINH

LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạếệữ漢字 ./-()%"
text = st.text(LETTERS, min_size=0, max_size=30)
figure = st.decimals(-(10**6), 10**6, places=3, allow_nan=False).map(lambda d: Figure(f"{d:,}"))
paragraph = st.one_of(figure, text.map(Words), text.map(lambda t: Pieces(tuple(t.split()))))
cell = st.lists(paragraph, max_size=3).map(tuple)


@st.composite
def tables(draw_from: st.DrawFn) -> list[Column]:
    rows = draw_from(st.integers(0, 4))
    count = draw_from(st.integers(1, 4))
    footer = draw_from(st.booleans())
    return [
        Column(
            draw_from(st.text(LETTERS, max_size=60)),  # long headers wrap beside short ones
            draw_from(st.lists(cell, min_size=rows, max_size=rows)),
            draw_from(cell) if footer else (),
            right=draw_from(st.booleans()),
        )
        for _ in range(count)
    ]


def _by_rich(blocks: Sequence[Block], width: int) -> str:
    stream = io.StringIO()
    emit(console(stream, color=False, width=width), blocks)
    return stream.getvalue()


def _shown(blocks: Sequence[Block], width: int) -> str:
    stream = io.StringIO()
    show(stream, blocks, color=False, width=width)
    return stream.getvalue()


@settings(max_examples=300, deadline=None)
@given(tables(), st.integers(20, 100), st.booleans())
def test_tables_drawn_without_rich_are_the_lines_rich_draws(
    columns: list[Column], width: int, lines: bool
) -> None:
    fitted = fit(columns, width, lines=lines)
    if fitted is None:  # too wide for `width`: laid out at each column's widest instead
        fitted = draw(columns, [max(1, c.bounds()[1]) for c in columns], lines=lines)
    blocks: list[Block] = [Lines(["A heading", ""], "bold"), fitted, Lines([""])]
    page = max(width, fitted.width)
    if fitted.widths and min(fitted.widths) > 0:  # what layout makes is drawn here
        assert fitted.plain() is not None
    assert _shown(blocks, page) == _by_rich(blocks, page)


def test_a_short_header_sits_on_the_rule_under_it_as_rich_sets_it() -> None:
    columns = [Column("Số tiền (tỷ đồng) theo nguồn vốn", [(Figure("1"),)]), Column("Năm", [()])]
    fitted = draw(columns, [10, 4])
    assert _shown([fitted], 40) == _by_rich([fitted], 40)
    assert _shown([fitted], 40).splitlines()[1:4] == [
        "│ Số tiền    │      │",
        "│ (tỷ đồng)  │      │",
        "│ theo nguồn │      │",
    ]


def test_what_rich_would_change_is_left_to_rich() -> None:
    """A tab (which rich expands) or a line wider than its column (which rich folds): rich
    draws that table, so the output is rich's, whatever it does with them."""
    for cells, widths in ((("a\tb",), [6]), (("a long line",), [4])):
        fitted = draw([Column("H", [(Figure(cells[0]),)])], widths)
        assert fitted.plain() is None
        assert _shown([fitted], 40) == _by_rich([fitted], 40)


def test_a_report_of_one_plan_never_imports_pandas() -> None:
    code = (
        "import sys; from p135cli.cli import main\n"
        f"sys.argv = ['p135', 'report', '-f', 'json', {str(QUANG_NINH)!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "assert 'pandas' not in sys.modules, 'pandas was imported'\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, check=False)
    assert done.returncode == 0, done.stderr.decode()


def test_a_fitted_table_is_drawn_by_rich_only_when_asked() -> None:
    """Without colour the report never builds rich's table (a fifth of its time once)."""
    fitted = draw([Column("H", [(Figure("1"),)])], [3])
    assert isinstance(fitted, Fitted) and "table" not in vars(fitted)
    _shown([fitted], 20)
    assert "table" not in vars(fitted)


@settings(max_examples=500, deadline=None)
@given(st.text("ab ăâ漢\n\t.-", max_size=40), st.integers(1, 30))
def test_words_are_wrapped_as_rich_wraps_them(written: str, width: int) -> None:
    """Lines that fit are taken as they are, the rest wrapped by rich; remembered or not."""
    from rich.text import Text

    from p135cli.views.table import _measuring

    wrapped = Text(written).wrap(_measuring(), width, overflow="fold")
    assert Words(written).lines(width) == [line.plain.rstrip(" ") for line in wrapped]
    assert Words(written).lines(width) == Words(written).lines(width)
