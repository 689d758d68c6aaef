"""What every view shares: shares at one decimal, amounts as people read them, bars, targets.

Figures are written in their plan's number style (`1.342,439` and `33,7 %` in a vi plan), or
in the style `--number-style` sets for every plan (`SPEAKING.style`); the words around them
are the run's language, from the catalogue (p135cli.i18n).

Tables printed as text never lose a figure (`Grid`, `laid_out`, `render_grids`): on a terminal
a table wider than the width wraps its text (never a figure), shows a single row as a list, or
is split into narrower tables that repeat the columns naming a row; into a pipe or a file it
is laid out for its content, a column of text at most `LINE` wide. A figure is never cut; a
piece of plan text longer than `escape.SHOWN` characters is, saying how much (`escape.cut`),
so that output stays proportional to the plan."""

from __future__ import annotations

import csv
import io
import itertools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Literal, NamedTuple, TextIO

from p135cli.i18n import N_, SPEAKING, NumberStyle, _, format_number
from p135cli.model import QUALIFIED, Comparator, Leaving, Target, qualifies
from p135cli.render.escape import csv_text_cell

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table as RichTable

SHARE_PLACES = Decimal("0.1")
"""Derived shares are shown to 0.1 %, the precision the documents state their own shares at."""

_COMPARATOR = {
    Comparator.AT_LEAST: "≥ ",
    Comparator.AT_MOST: "≤ ",
    Comparator.MORE_THAN: "> ",
    Comparator.NEARLY: "≲ ",
    Comparator.LESS_THAN: "< ",
    Comparator.ABOUT: "≈ ",
    Comparator.EXACTLY: "",
}

INFERRED = N_("inferred")
"""The mark of a value the plan infers, where the document does not state it."""
AVERAGE = N_("on average")
"""The mark of a target stated as an average a year over the period (bình quân)."""


APPROXIMATE = "≈"
"""The mark of a figure p135 computes from figures the document qualifies (a share of `hơn
29,2`): the document's words (`hơn`, `gần`) belong to what it states, `≈` to what p135 derives
from them, in either language."""


def period_text(start: int, end: int) -> str:
    """A period as a title gives it: `2017–2020`, and a plan of one year `2018`, not
    `2018–2018`."""
    return str(start) if start == end else f"{start}–{end}"


def with_qualifier(text: str, qualifier: Comparator | None) -> str:
    """A figure as people read it, with the document's qualifier in the run's language
    (`hơn 29,2`, `more than 29.2`); an empty figure stays empty."""
    if not text or qualifier is None or not qualifies(qualifier):
        return text
    return _(QUALIFIED[qualifier]).format(value=text)


def approximately(text: str, approximate: bool) -> str:
    """`≈ 74,3` for a figure computed from qualified ones; an empty figure stays empty."""
    return f"{APPROXIMATE} {text}" if approximate and text else text


def with_inferred(text: str, inferred: bool) -> str:
    """`3 communes (inferred)`: a value the plan infers, marked in the run's language."""
    return f"{text} ({_(INFERRED)})" if inferred and text else text


WHAT = ("communes", "villages")
"""The order of every (communes, villages) pair."""


def leaving(stated: Leaving | None) -> tuple[int, int]:
    """(communes, villages) leaving the list in a year: each stated count, else the names
    listed; where the document qualifies its count (`khoảng 11 thôn`) and names them, the
    names are the exact count."""
    if stated is None:
        return (0, 0)
    count = stated.count
    communes = count.communes if count and count.communes is not None else None
    villages = count.villages if count and count.villages is not None else None
    if count is not None and qualifies(count.qualifier):
        communes = None if stated.communes else communes
        villages = None if stated.villages else villages
    return (
        len(stated.communes) if communes is None else communes,
        len(stated.villages) if villages is None else villages,
    )


def chosen(style: NumberStyle | None) -> NumberStyle | None:
    """The style a plan's figures are shown in: `--number-style`'s, else the plan's own."""
    return SPEAKING.style or style


def money(value: Decimal | None, style: NumberStyle | None) -> str:
    """An amount as the tables show it, in its plan's style (`style`, unless --number-style
    sets one): grouped thousands, stated decimals kept (`1.342,439` vi, `1,342.439` en). A
    plan that states no style is shown in the en style."""
    return "" if value is None else format_number(value, chosen(style) or NumberStyle.EN)


def figure(value: Decimal | int, style: NumberStyle | None) -> str:
    """A derived figure (a share, an implied plan) in its plan's style; a plain decimal for
    a plan that states no style (`1147.1`)."""
    return format_number(Decimal(value), chosen(style))


def percent_text(value: Decimal | None, style: NumberStyle | None) -> str:
    """A share with its sign: `33,7 %` in a vi plan, `33.7 %` in an en plan or one with none."""
    return "" if value is None else f"{figure(value, style)} %"


def bar(done: int, goal: int, width: int = 10) -> str:
    """A monochrome progress bar that reads without colour: `███░░░░░░░`."""
    if goal <= 0:
        return "░" * width
    filled = min(width, round(width * done / goal))
    return "█" * filled + "░" * (width - filled)


Clean = Callable[[str], str]
"""How a format shows a piece of plan text: `printable` for a terminal, `markdown`, `mermaid`
(p135cli.render.escape), or `str` where the format escapes whole cells itself (CSV)."""


def target_figure(target: Target, *, clean: Clean, style: NumberStyle | None) -> str:
    """A target's figure in a few characters, in its plan's style: `≥ 90 %`, `2–2,5 %`,
    `150–300 km`; the unit, which is plan text, shown through `clean`. An average a year is
    marked `on average`, an inferred target `inferred`, in the run's language."""
    marks = [_(AVERAGE)] if target.average else []
    marks += [_(INFERRED)] if target.inferred else []
    shown = ", ".join([_bare_figure(target, clean=clean, style=style), *marks])
    return shown.removeprefix(", ")


def _bare_figure(target: Target, *, clean: Clean, style: NumberStyle | None) -> str:
    unit = f" {clean(target.unit)}" if target.unit else ""
    if target.least is not None and target.most is not None:
        return f"{money(target.least, style)}–{money(target.most, style)}{unit}"
    if target.value is None:
        return ""
    prefix = _COMPARATOR.get(target.comparator, "") if target.comparator else ""
    return f"{prefix}{money(target.value, style)}{unit}"


def console(stream: TextIO, *, color: bool, width: int | None, record: bool = False) -> Console:
    """A rich console: colour only on a terminal; a fixed width when one is given (tests, SVG).

    It reads no markup: plan text such as `Xã [/x]` or `[theo chuẩn mới]` is printed as
    written, never read as rich style tags (views still pass plan text through `printable`)."""
    from rich.console import Console

    return Console(
        file=stream,
        width=width,
        color_system="auto" if color else None,
        force_terminal=color or None,
        no_color=not color,  # --color always beats NO_COLOR, which rich reads itself
        highlight=False,
        record=record,
        emoji=False,
        markup=False,
        legacy_windows=False,
    )


def csv_cell(value: object) -> str:
    """A CSV cell: a number as a plain decimal (`-0.5`, `1342.439`), text neutralised so a
    spreadsheet never reads it as a formula (`'=1+2`), a missing value empty."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:f}"
    if isinstance(value, int):
        return str(value)
    return csv_text_cell(str(value))


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """CSV with `\\n` line ends, so the same data gives the same bytes on every system.
    Cells go through `csv_cell`: give numbers as `Decimal` or `int`, text as `str`."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([csv_cell(value) for value in row] for row in rows)
    return buffer.getvalue()


def markdown_table(
    header: Sequence[str], rows: Iterable[Sequence[str]], right: Iterable[int] = ()
) -> list[str]:
    """A GitHub markdown table, columns numbered in `right` right-aligned; `|` in a cell is
    escaped so it cannot split the row."""
    aligned = set(right)

    def cells(values: Sequence[str]) -> str:
        return "| " + " | ".join(v.replace("|", "\\|").replace("\n", "<br>") for v in values) + " |"

    rule = "|" + "|".join("---:" if i in aligned else "---" for i in range(len(header))) + "|"
    return [cells(header), rule, *map(cells, rows)]


# --- tables that never lose a figure -----------------------------------------------------------

WORD = 20
"""A text cell's longest word is kept whole up to this many columns (a longer one folds)."""
HEADER_WORD = 12
"""A header's longest word, likewise, over a column of numbers."""
LINE = 100
"""The widest a column of text gets, whatever the width (a column of figures is as wide as
its widest figure)."""


@dataclass(frozen=True)
class Cell:
    """A cell as shown: its text, and whether it is a figure (right-aligned, never wrapped,
    never cut: its column is at least as wide as it)."""

    text: str
    number: bool = False


@dataclass(frozen=True)
class Grid:
    """A table to print: a heading, its columns' headers (a column of figures is one whose
    header is a `Cell` with `number`), its rows, and how many leading columns name a row."""

    heading: str
    headers: tuple[Cell, ...]
    rows: tuple[tuple[Cell, ...], ...]
    keys: int = 1

    def widths(self) -> list[Span]:
        """Each column's widths of content (`Span`); a row's name, in the key columns, is
        kept whole up to `WORD` columns."""
        spans = [
            _span(header, [row[i] for row in self.rows]) for i, header in enumerate(self.headers)
        ]
        return [
            span._replace(least=min(span.body, max(span.least, WORD))) if i < self.keys else span
            for i, span in enumerate(spans)
        ]

    def columns(self, chosen: Sequence[int]) -> Grid:
        return Grid(
            self.heading,
            tuple(self.headers[i] for i in chosen),
            tuple(tuple(row[i] for i in chosen) for row in self.rows),
            sum(1 for i in chosen if i < self.keys),
        )

    def transposed(self) -> Grid:
        """A table of one row as a list: one line a column, its header then its value."""
        (row,) = self.rows
        header = (Cell(self.headers[0].text), row[0])
        lines = tuple(
            (Cell(h.text), cell) for h, cell in zip(self.headers[1:], row[1:], strict=True)
        )
        return Grid(self.heading, header, lines, 1)


def _lines(text: str) -> list[str]:
    return text.splitlines() or [""]


class Span(NamedTuple):
    """A column's widths of content: the least keeps every figure whole and every word up to
    `WORD` columns; the body is its widest cell (so far its header alone wraps); the natural
    is its widest line, header included."""

    least: int
    body: int
    natural: int


def _span(header: Cell, cells: Sequence[Cell]) -> Span:
    from rich.cells import cell_len

    def widest(texts: Iterable[str]) -> int:
        return max((cell_len(text) for text in texts), default=1)

    body = widest(line for cell in cells for line in _lines(cell.text))
    least = 1
    for cell in cells:
        if cell.number:
            least = max(least, widest(_lines(cell.text)))
        else:
            least = max(least, min(WORD, widest(cell.text.split())))
    cap = HEADER_WORD if header.number else WORD
    least = max(least, min(cap, widest(header.text.split())))
    # Text wraps at LINE even into a pipe: one long name would widen every row to its length.
    natural = min(max(body, widest(_lines(header.text))), max(least, LINE))
    body = max(body, least)
    return Span(min(least, natural), min(body, natural), natural)


def _framed(widths: Sequence[int]) -> int:
    """A table's width with its borders and padding (rich's SQUARE box, one space a side)."""
    return sum(widths) + 3 * len(widths) + 1


def _capped(spans: Sequence[Span], room: int, low: str, high: str) -> list[int] | None:
    """Widths between each span's `low` and `high` widths, the widest capped alike at the
    largest cap whose total is at most `room`; None if even the `low` widths are wider."""
    if sum(getattr(span, low) for span in spans) > room:
        return None
    bottom, top = 0, max(getattr(span, high) for span in spans)

    def at(cap: int) -> list[int]:
        return [max(getattr(span, low), min(getattr(span, high), cap)) for span in spans]

    while bottom < top:  # the largest cap at which the columns fit
        cap = (bottom + top + 1) // 2
        if sum(at(cap)) <= room:
            bottom = cap
        else:
            top = cap - 1
    widths = at(bottom)
    spare = room - sum(widths)
    for i, span in enumerate(spans):  # what is left, to the capped columns
        if spare > 0 and widths[i] < getattr(span, high):
            widths[i] += 1
            spare -= 1
    return widths


def fitted(spans: Sequence[Span], width: int) -> list[int]:
    """Column widths whose framed total is at most `width`: each column its natural width
    where all fit; else the widest headers wrapped first, then the widest text, none below
    its least (the figures in it); the least widths where even those do not fit."""
    room = width - _framed([0] * len(spans))
    return (
        _capped(spans, room, "body", "natural")
        or _capped(spans, room, "least", "body")
        or [span.least for span in spans]
    )


class _Heights:
    """How many lines a grid's cells take at a column width, remembered per (column, width)."""

    def __init__(self, grid: Grid) -> None:
        self.grid = grid
        self.known: dict[tuple[int, int], list[int]] = {}

    def column(self, index: int, width: int) -> list[int]:
        """The lines of the column's header, then of each of its cells."""
        import textwrap

        if (index, width) not in self.known:
            cells = (self.grid.headers[index], *(row[index] for row in self.grid.rows))
            self.known[(index, width)] = [
                sum(max(1, len(textwrap.wrap(line, width))) for line in _lines(cell.text))
                for cell in cells
            ]
        return self.known[(index, width)]

    def table(self, columns: Sequence[int], widths: Sequence[int]) -> int:
        """The lines a table of these columns at these widths takes, with its heading, its
        borders and the blank line after it."""
        lines = [self.column(i, w) for i, w in zip(columns, widths, strict=True)]
        return 5 + sum(max(row) for row in zip(*lines, strict=True)) if lines else 5


def _parts(grid: Grid, width: int) -> list[list[int]]:
    """Runs of the columns after the keys, each printed beside the keys within `width`: the
    runs whose tables take the fewest lines in all (wrapping less can be worth one more
    table). A column too wide to fit beside the keys is a run of its own."""
    spans = grid.widths()
    keys = list(range(grid.keys))
    rest = list(range(grid.keys, len(spans)))
    heights = _Heights(grid)

    def lines(run: Sequence[int]) -> int | None:
        columns = [*keys, *run]
        chosen = [spans[i] for i in columns]
        if _framed([span.least for span in chosen]) > width and len(run) > 1:
            return None
        return heights.table(columns, fitted(chosen, width))

    # best[j]: the fewest lines that print rest[:j], and where its runs end
    best: dict[int, tuple[int, list[int]]] = {0: (0, [])}
    for j in range(1, len(rest) + 1):
        for i in range(j - 1, -1, -1):
            taken = lines(rest[i:j])
            if taken is None:
                break  # a longer run fits no better
            total = best[i][0] + taken
            if j not in best or total < best[j][0]:
                best[j] = (total, [*best[i][1], j])
    cuts = [0, *best[len(rest)][1]]
    return [keys + rest[a:b] for a, b in itertools.pairwise(cuts)]


def laid_out(grid: Grid, width: int | None) -> list[tuple[Grid, list[int]]]:
    """The grid as printed within `width` columns, as one or more tables with their column
    widths: whole where it fits; a single row as a list; else its text wrapped, or split into
    narrower tables that each repeat the columns naming a row, whichever takes fewer lines.
    No width: each column its natural width (a pipe or a file, laid out for its content)."""
    spans = grid.widths()
    if width is None or _framed([span.natural for span in spans]) <= width:
        return [(grid, [span.natural for span in spans])]
    if len(grid.rows) == 1 and len(grid.headers) > 2:
        return laid_out(grid.transposed(), width)
    if len(grid.headers) <= grid.keys + 1:
        return [(grid, fitted(spans, width))]
    parts = [grid.columns(chosen) for chosen in _parts(grid, width)]
    return [(part, fitted(part.widths(), width)) for part in parts]


def grid_table(grid: Grid, widths: Sequence[int]) -> RichTable:
    """A rich table of the grid at these column widths: figures right-aligned and whole (a
    column is never narrower than its figures; `fold`, never `…`, should one be), text
    left-aligned and wrapped."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(box=box.SQUARE)
    for header, width in zip(grid.headers, widths, strict=True):
        justify: Literal["left", "right"] = "right" if header.number else "left"
        table.add_column(
            Text(header.text, overflow="fold"), justify=justify, width=width, overflow="fold"
        )
    for row in grid.rows:
        table.add_row(
            *(
                Text(c.text, justify="right", no_wrap=True, overflow="fold")
                if c.number
                else Text(c.text, justify="left", overflow="fold")
                for c in row
            )
        )
    return table


def page_width(width: int | None, terminal: bool | None = None) -> int | None:
    """The width a text view is laid out for: `width` when given (--width); else the
    terminal's when standard output is one (`terminal`, or asked of sys.stdout); else None,
    for a pipe or a file: then every table is laid out for its content."""
    import shutil
    import sys

    if width is not None:
        return width
    if terminal is None:
        stdout = sys.stdout
        terminal = bool(stdout is not None and hasattr(stdout, "isatty") and stdout.isatty())
    return shutil.get_terminal_size().columns if terminal else None


PART = N_("{title}, part {part} of {parts}")
"""The heading of each table a wide table is split into."""


def render_grids(blocks: Sequence[Grid | str], *, color: bool, width: int | None) -> str:
    """Tables under their headings, and notes, as text laid out by `laid_out`: within
    `width` columns, or, with none, each table as wide as its content and nothing wrapped."""
    from rich.cells import cell_len

    laid = [(block, laid_out(block, width) if isinstance(block, Grid) else []) for block in blocks]
    texts = [block if isinstance(block, str) else block.heading for block in blocks]
    page = width or max(
        [_framed(widths) for _block, tables in laid for _part, widths in tables]
        + [cell_len(line) for text in texts for line in _lines(text)]
        + [1]
    )
    stream = io.StringIO()
    for block, tables in laid:
        if isinstance(block, str):
            stream.write(_paragraph(block, color=color, width=page, bold=False) + "\n")
            continue
        for number, (part, widths) in enumerate(tables, start=1):
            heading = part.heading
            if len(tables) > 1:
                heading = _(PART).format(title=heading, part=number, parts=len(tables))
            stream.write(_paragraph(heading, color=color, width=page, bold=True))
            wide = console(stream, color=color, width=max(page, _framed(widths)))
            wide.print(grid_table(part, widths))
            stream.write("\n")
    return stream.getvalue()


def _paragraph(text: str, *, color: bool, width: int, bold: bool) -> str:
    """`text` wrapped at its spaces within `width` columns, no line ending in a space."""
    buffer = io.StringIO()
    console(buffer, color=color, width=width).print(text, style="bold" if bold else None)
    return "".join(line.rstrip(" ") + "\n" for line in buffer.getvalue().splitlines())
