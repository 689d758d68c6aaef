"""The one table engine of the text views (`report`, `timeline`, `progress`): cells laid out in
lines that never lose a figure, columns fitted to a width, tables drawn by rich, printed on a
page.

- A cell is paragraphs of three kinds: `Pieces`, which a line breaks between and never within
  (a name, a figure with its unit, a count with its noun: `pieces`); `Words`, prose that
  breaks between any two words, a word too wide for its column folded; a `Figure`, one line,
  whole, right-aligned in any column.
- A table is `Column`s. Wider than the width, it is fitted one of two ways. `fit` gives the room
  beyond each column's narrowest where it makes the table shortest, or gives None where even
  the narrowest do not fit (the view then lists the rows): for tables of names and sentences
  (timeline, progress). `laid_out` keeps every figure whole and wraps the widest headers
  first, then the widest text, shows a single row as a list, or splits the table into
  narrower ones that repeat the columns naming a row: for tables of figures (report).
- The engine lays out every cell before rich draws it at the widths chosen (`draw`), so rich
  never wraps a cell nor shortens one with `…`. `show` prints `Block`s (tables, lines) at the
  width, or, without one (a pipe, a file: `page_width`), as wide as their content.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from typing import TYPE_CHECKING, Literal, NamedTuple, TextIO

from p135cli.i18n import N_, _

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text as RichText

Justify = Literal["left", "right"]

MEASURE = 100
"""The widest a column of text or a line of names or sentences gets, whatever the width: a line
a reader can follow (a column of figures is as wide as its widest figure)."""
UNITS = ("tỷ đồng", "triệu đồng", "nghìn đồng", "lượt hộ", "lao động")
"""Units of more than one word a figure in a sentence keeps with it (a plan's own units too)."""
WORD = 20
"""A word of `Words` is kept whole up to this many columns (a longer one folds), and so is a
row's name in a table of figures."""
HEADER_WORD = 12
"""A header's longest word is kept whole up to this many columns over a column of figures."""

_NUMBER = re.compile(r"[(\[]?[+-]?\d")
_GROUP = re.compile(r"\S*\([^()]*\)\S*|\S+")
"""A header's pieces: a word, or what a pair of parentheses holds with the words it touches
(`(tỷ đồng)`, `(%)`)."""
_ENDS_NUMBER = re.compile(r"\d$")
_COMPARATORS = frozenset({"≥", "≤", ">", "<", "≈", "~"})
_DASHES = frozenset({"-", "–", "—"})


# --- text in lines -----------------------------------------------------------------------------


def width_of(text: str) -> int:
    """How many columns `text` takes on a terminal (its widest line)."""
    from rich.cells import cell_len

    return max(cell_len(line) for line in text.split("\n"))


def _widest(texts: Iterable[str]) -> int:
    """The columns the widest of `texts` takes; 1 for none."""
    from rich.cells import cell_len

    return max((cell_len(text) for text in texts), default=1)


def _lines(text: str) -> list[str]:
    return text.splitlines() or [""]


def pieces(text: str, units: Iterable[str] = UNITS, *, keep: Iterable[str] = ()) -> list[str]:
    """A sentence as the pieces a line may break between: its words, but a figure stays with its
    unit (`1,5 lần`, `500 triệu đồng/năm`), a range with both ends (`150 - 300km`), a comparator
    with its figure, a number that ends a phrase with the word before it (`năm 2020.`), and
    each name in `keep` whole (`Đề án 196`)."""
    tokens = text.split()
    names = [name.split() for name in keep if name.strip()]
    found: list[str] = []
    bound = 0
    for index, token in enumerate(tokens):
        binds = _binds(tokens[index:], units)
        for name in names:
            if tokens[index : index + len(name)] == name:
                binds = max(binds, len(name) - 1)
        before = tokens[index - 1] if index else ""
        ends = _NUMBER.match(token) and not _NUMBER.match(before) and not binds
        if found and (bound or ends):
            found[-1] += " " + token
            bound = max(bound - 1, 0)
        else:
            found.append(token)
        bound = max(bound, binds)
    return found


def _binds(tokens: list[str], units: Iterable[str]) -> int:
    """How many of the tokens after the first belong with it."""
    token, after = tokens[0], tokens[1:]
    if not after:
        return 0
    if token in _COMPARATORS:
        return 1
    if not _ENDS_NUMBER.search(token) or _NUMBER.match(after[0]):
        return 0
    if after[0] in _DASHES:
        return min(2, len(after))
    longest = 1
    for unit in units:
        size = len(unit.split())
        if size > longest and " ".join(after[:size]).startswith(unit):
            longest = size
    return min(longest, len(after))


def _folded(piece: str) -> list[str]:
    """A piece wider than MEASURE in pieces of at most MEASURE columns: a word that long is no
    word, and kept whole it would widen its column, and every row of it, to its length."""
    from rich.cells import cell_len

    if len(piece) <= MEASURE // 2 or width_of(piece) <= MEASURE:
        return [piece]
    chunks, chunk, taken = [], "", 0
    for char in piece:
        size = cell_len(char)
        if taken + size > MEASURE:
            chunks.append(chunk)
            chunk, taken = "", 0
        chunk, taken = chunk + char, taken + size
    return [*chunks, chunk]


def flow(parts: Sequence[str], width: int | None, *, lead: str = "", indent: int = 0) -> list[str]:
    """`parts` joined by spaces into lines no wider than `width` (None: one line); the first
    line starts with `lead`, the others with `indent` spaces. A part is never split: one wider
    than the line has a line of its own."""
    lines: list[str] = []
    line, empty = lead, True
    for part in parts:
        joined = line + part if empty else f"{line} {part}"
        if empty or width is None or width_of(joined) <= width:
            line, empty = joined, False
        else:
            lines.append(line.rstrip())
            line = " " * indent + part
    lines.append(line.rstrip())
    return lines


def field_lines(label: str, values: Sequence[str], width: int | None) -> list[str]:
    """`  Label: value, value` in lines no wider than `width`: a table's row where no table
    fits. The label and each value stay whole."""
    parts = [f"{label}:", *(f"{value}," for value in values[:-1]), *values[-1:]]
    return flow(parts, width, lead="  ", indent=4)


@dataclass(frozen=True)
class Pieces:
    """A paragraph of pieces (`parts`) to lay out in lines: a sentence, a list of names, or one
    fixed line."""

    parts: tuple[str, ...]
    lead: str = ""
    indent: int = 0

    def __post_init__(self) -> None:
        if any(len(part) > MEASURE // 2 for part in self.parts):
            folded = tuple(chunk for part in self.parts for chunk in _folded(part))
            object.__setattr__(self, "parts", folded)

    def lines(self, width: int | None) -> list[str]:
        return flow(self.parts, width, lead=self.lead, indent=self.indent)

    @property
    def widest(self) -> int:
        """Its width on one line."""
        return width_of(self.lines(None)[0])

    @property
    def narrowest(self) -> int:
        """The narrowest it can be: its widest piece on a line of its own."""
        longest = max((width_of(part) for part in self.parts), default=0)
        return max(width_of(self.lead), self.indent) + longest


@dataclass(frozen=True)
class Words:
    """Prose that breaks between any two words, as rich wraps it: a word wider than its column
    folds. A report's names and labels, its headings and notes."""

    text: str

    def lines(self, width: int | None) -> list[str]:
        """Its lines within `width` columns (None: as it is)."""
        if width is None:
            return _lines(self.text)
        return list(_wrapped(self.text, width))

    @property
    def widest(self) -> int:
        return _widest(_lines(self.text))

    @property
    def narrowest(self) -> int:
        """Its widest word, up to WORD columns (a wider one folds)."""
        return min(WORD, _widest(self.text.split()))


@dataclass(frozen=True)
class Figure:
    """A figure: one line, never wrapped, right-aligned in any column (a list of one row sets
    figures beside names)."""

    text: str

    def lines(self, width: int | None) -> list[str]:
        return _lines(self.text)

    @property
    def widest(self) -> int:
        return _widest(_lines(self.text))

    narrowest = widest


Paragraph = Pieces | Words | Figure
Cell = tuple[Paragraph, ...]
"""A cell: its paragraphs, one under the other; () is an empty cell."""


@lru_cache(maxsize=4096)
def _wrapped(text: str, width: int) -> tuple[str, ...]:
    """`Words`' lines, as rich wraps them: remembered, since a layout tries a column at many
    widths and a report's labels and names recur in every plan."""
    from rich.cells import cell_len
    from rich.text import Text

    lines = text.split("\n")
    if not _UNDRAWN.search(text) and all(cell_len(line) <= width for line in lines):
        return tuple(line.rstrip(" ") for line in lines)  # what rich makes of lines that fit
    wrapped = Text(text).wrap(_measuring(), width, overflow="fold")
    return tuple(line.plain.rstrip(" ") for line in wrapped)


@cache
def _measuring() -> Console:
    """A console only to break `Words` into lines with (rich asks for one); it prints nothing."""
    from rich.console import Console

    return Console(width=MEASURE, color_system=None, highlight=False, markup=False, emoji=False)


def fixed(text: str) -> Cell:
    """A cell of fixed lines (a figure, a count): never wrapped. Empty text is an empty cell."""
    return tuple(Pieces((line,)) for line in text.split("\n")) if text else ()


def sentence(
    text: str,
    units: Iterable[str] = UNITS,
    *,
    keep: Iterable[str] = (),
    lead: str = "",
    indent: int = 0,
) -> Pieces:
    """A sentence as a paragraph of `pieces`."""
    return Pieces(tuple(pieces(text, units, keep=keep)), lead, indent)


def cell_text(cell: Cell, width: int | None) -> str:
    """The cell's lines within `width` columns."""
    return "\n".join(line for para in cell for line in para.lines(width))


def _tall(cell: Cell, width: int) -> int:
    """How many lines the cell takes within `width` columns (an empty one, one)."""
    return sum(len(para.lines(width)) for para in cell) or 1


# --- columns -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """A column: its header (wrapped between words, by rich), its cells, a footer (a total)."""

    header: str
    cells: Sequence[Cell]
    footer: Cell = ()
    right: bool = False
    """Its header and cells right-aligned (figures); `Words` are always left-aligned."""
    prose: bool = False
    """Its cells wrap between pieces, down to the widest piece (or `floor`), up to MEASURE."""
    floor: int = 0

    def bounds(self) -> tuple[int, int]:
        """(narrowest, widest) this column can be, for `fit`."""
        paras = [para for cell in [*self.cells, self.footer] for para in cell]
        widest = max([width_of(self.header), *(para.widest for para in paras)])
        narrowest = max([_header_least(self.header), *(para.narrowest for para in paras)])
        if not self.prose:
            narrowest = max([narrowest, *(para.widest for para in paras)])
            return narrowest, widest
        widest = max(narrowest, min(widest, MEASURE))
        return max(narrowest, min(widest, self.floor)), widest

    def shape(self, width: int) -> Shape:
        """How many lines its header, each of its cells and its footer take at `width`,
        remembered: laying out a wide table asks each column at many widths, many times."""
        known = self._shapes
        if width not in known:
            head = len(header_lines(self.header, width))
            cells = tuple(_tall(cell, width) for cell in self.cells)
            known[width] = head, _small(cells), _tall(self.footer, width)
        return known[width]

    @cached_property
    def _shapes(self) -> dict[int, Shape]:
        return {}

    def span(self) -> Span:
        """Its widths of content, for `laid_out`: every figure whole, each word of text up to
        WORD columns, each of the header up to WORD (HEADER_WORD over figures)."""
        return self._span

    @cached_property
    def _span(self) -> Span:  # remembered: a wide table's search asks it of every part
        paras = [para for cell in self.cells for para in cell]
        body = _widest(line for para in paras for line in para.lines(None))
        least = max([1, *(para.narrowest for para in paras)])
        least = max(least, _header_least(self.header, HEADER_WORD if self.right else WORD))
        # Text wraps at MEASURE even into a pipe: one long name would widen every row to it.
        natural = min(max(body, _widest(_lines(self.header))), max(least, MEASURE))
        body = max(body, least)
        return Span(min(least, natural), min(body, natural), natural)


def header_parts(line: str) -> list[str]:
    """A header line as the pieces it breaks between: its words, but a unit in parentheses
    (`(tỷ đồng)`, `(%)`) whole, up to WORD columns (a longer aside breaks between words)."""
    parts: list[str] = []
    for match in _GROUP.finditer(line):
        piece = match.group()
        parts += [piece] if " " not in piece or width_of(piece) <= WORD else piece.split()
    return parts


def header_lines(header: str, width: int | None) -> list[str]:
    """A header in lines within `width` columns: broken between words and before a unit in
    parentheses, never inside it (`Số tiền` / `(tỷ đồng)`, not `(tỷ` / `đồng)`); a piece
    wider than the column (which the columns' least widths never make) folds."""
    lines: list[str] = []
    for line in _lines(header):
        for flowed in flow(header_parts(line), width):
            wide = width is not None and width_of(flowed) > width
            lines += Words(flowed).lines(width) if wide else [flowed]
    return lines


def header_cell(header: str) -> Cell:
    """A header as a cell (a table of one row shown as a list): a unit kept whole."""
    return tuple(Pieces(tuple(header_parts(line))) for line in _lines(header))


def _header_least(header: str, cap: int = MEASURE) -> int:
    """The narrowest a header can wrap to: its longest word (up to `cap`, then folded), and a
    unit in parentheses whole."""
    return max(
        min(cap, width_of(part)) if " " not in part else width_of(part)
        for line in _lines(header)
        for part in header_parts(line) or [""]
    )


def shown_columns(columns: Sequence[Column]) -> list[Column]:
    """The columns with something in them: an empty one is left out."""
    return [column for column in columns if any(column.cells)]


def framed(widths: Sequence[int]) -> int:
    """A table's width with its borders and padding (rich's SQUARE box, one space a side)."""
    return sum(widths) + 3 * len(widths) + 1


# --- fit: the shortest table -------------------------------------------------------------------


def fit_widths(columns: Sequence[Column], width: int | None) -> list[int] | None:
    """Each column's width so that the table fits `width` (None: as wide as its content), or
    None when it cannot. Room beyond the narrowest goes where it makes the table shortest
    (cells and headers wrap less), then to the columns still short of their width."""
    ranges = [column.bounds() for column in columns]
    least, most = [low for low, _ in ranges], [high for _, high in ranges]
    if width is None or framed(most) <= width:
        return most
    room = width - framed([0] * len(columns))
    if sum(least) > room:
        return None
    shortest = _shortest(columns, least, most, room - sum(least))
    spare = room - sum(shortest)
    wanted = sum(high - size for size, high in zip(shortest, most, strict=True))
    grown = [
        size + spare * (high - size) // wanted if wanted else size
        for size, high in zip(shortest, most, strict=True)
    ]
    spare = room - sum(grown)
    for index, high in enumerate(most):
        given = min(spare, high - grown[index])
        grown[index] += given
        spare -= given
    return grown


Shape = tuple[int, bytes | tuple[int, ...], int]
"""The lines of a column's header, of each of its cells, and of its footer at a width."""


def _small(counts: tuple[int, ...]) -> bytes | tuple[int, ...]:
    """Counts of lines as bytes where each is under 256 (nearly always): a wide table's split
    search remembers ~100,000 columns' counts at a width, 50 MB more as tuples of ints."""
    try:
        return bytes(counts)
    except ValueError:
        return counts


"""How many lines a column's header, each of its cells and its footer take at a width."""


def _shape(column: Column, width: int) -> Shape:
    return column.shape(width)


def _shortest(
    columns: Sequence[Column], least: list[int], most: list[int], spare: int
) -> list[int]:
    """The narrowest widths, widened step by step where a column of room saves the most of the
    table's height (then of its cells' lines), while that saves any."""
    shapes = [
        {size: _shape(column, size) for size in range(low, high + 1)}
        for column, low, high in zip(columns, least, most, strict=True)
    ]
    rows = len(columns[0].cells) if columns else 0

    def height(widths: Sequence[int]) -> int:
        """The table's height, then (in thousandths) how many lines its cells take."""
        shown = [shapes[index][size] for index, size in enumerate(widths)]
        body = sum(max(shape[1][row] for shape in shown) for row in range(rows))
        tall = max(shape[0] for shape in shown) + body + max(shape[2] for shape in shown)
        return tall * 1000 + sum(sum(shape[1]) for shape in shown)

    widths = list(least)
    while spare > 0:
        now, best = height(widths), None
        for index, size in enumerate(widths):
            for wider in range(size + 1, min(most[index], size + spare) + 1):
                if shapes[index][wider] == shapes[index][wider - 1]:
                    continue
                trial = [*widths[:index], wider, *widths[index + 1 :]]
                saved, cost = now - height(trial), wider - size
                if saved > 0 and (best is None or saved * best[1] > best[0] * cost):
                    best = (saved, cost, index, wider)
        if best is None:
            break
        widths[best[2]] = best[3]
        spare -= best[1]
    return widths


def fit(columns: Sequence[Column], width: int | None, *, lines: bool = True) -> Fitted | None:
    """The columns with something in them as a table that fits `width`, or None."""
    shown = shown_columns(columns)
    widths = fit_widths(shown, width)
    return None if widths is None else draw(shown, widths, lines=lines)


# --- laid out: tables of figures ---------------------------------------------------------------


class Span(NamedTuple):
    """A column's widths of content: the least keeps every figure whole and every word up to
    WORD columns; the body is its widest cell (so far its header alone wraps); the natural is
    its widest line, header included."""

    least: int
    body: int
    natural: int


@dataclass(frozen=True)
class Grid:
    """A table of figures to print: a heading, its columns, and how many leading columns name a
    row (a table split to fit a width repeats them)."""

    heading: str
    columns: tuple[Column, ...]
    keys: int = 1
    notes: tuple[str, ...] = ()
    """Notes under the table (under its last part, when split), each a paragraph whose
    figures stay whole: what a mark in it (`(*)`) means."""
    shortest: bool = False
    """Laid out for the fewest lines rather than with its widest columns capped alike: a
    column of long labels beside narrow columns of figures (the provinces side by side)."""

    @classmethod
    def of(
        cls,
        heading: str,
        headers: Sequence[tuple[str, bool]],
        rows: Sequence[Sequence[str]],
        keys: int = 1,
    ) -> Grid:
        """A grid from its text: each header with whether its column holds figures (right-
        aligned, whole) or text (`Words`), then the rows."""
        columns = tuple(
            Column(
                header,
                [((Figure if figures else Words)(row[index]),) for row in rows],
                right=figures,
            )
            for index, (header, figures) in enumerate(headers)
        )
        return cls(heading, columns, keys)

    def spans(self) -> list[Span]:
        """Each column's `Span`; a row's name, in the key columns, kept whole up to WORD."""
        spans = [column.span() for column in self.columns]
        return [
            span._replace(least=min(span.body, max(span.least, WORD))) if i < self.keys else span
            for i, span in enumerate(spans)
        ]

    def part(self, indices: Sequence[int]) -> Grid:
        """The part of the grid of these columns."""
        columns = tuple(self.columns[i] for i in indices)
        keys = sum(1 for i in indices if i < self.keys)
        return Grid(self.heading, columns, keys, self.notes, self.shortest)

    def transposed(self) -> Grid:
        """A table of one row as a list: one line a column, its header then its value."""
        first, *rest = self.columns
        (key,) = first.cells
        names = Column(first.header, [header_cell(column.header) for column in rest])
        values = Column(
            cell_text(key, None),
            [column.cells[0] for column in rest],
            right=all(isinstance(para, Figure) for para in key),
        )
        return Grid(self.heading, (names, values), 1, self.notes, self.shortest)


def _capped(spans: Sequence[Span], room: int, low: str, high: str) -> list[int] | None:
    """Widths between each span's `low` and `high` widths, the widest capped alike at the
    largest cap whose total is at most `room`; None if even the `low` widths are wider."""
    lows = [getattr(span, low) for span in spans]
    if sum(lows) > room:
        return None
    highs = [getattr(span, high) for span in spans]
    widest = [max(least, most) for least, most in zip(lows, highs, strict=True)]
    if sum(widest) <= room:  # no cap needed: what the search below would find, without it
        return widest
    bounds = list(zip(lows, highs, strict=True))
    bottom, top = 0, max(highs)

    def at(cap: int) -> list[int]:  # max(least, min(most, cap)), without two calls a column
        return [
            least if least > cap or most < least else (most if most < cap else cap)
            for least, most in bounds
        ]

    while bottom < top:  # the largest cap at which the columns fit
        cap = (bottom + top + 1) // 2
        if sum(at(cap)) <= room:
            bottom = cap
        else:
            top = cap - 1
    widths = at(bottom)
    spare = room - sum(widths)
    for i, most in enumerate(highs):  # what is left, to the capped columns
        if spare > 0 and widths[i] < most:
            widths[i] += 1
            spare -= 1
    return widths


def capped_widths(spans: Sequence[Span], width: int) -> list[int]:
    """Column widths whose framed total is at most `width`: each column its natural width
    where all fit; else the widest headers wrapped first, then the widest text, none below
    its least (the figures in it); the least widths where even those do not fit."""
    room = width - framed([0] * len(spans))
    return (
        _capped(spans, room, "body", "natural")
        or _capped(spans, room, "least", "body")
        or [span.least for span in spans]
    )


class _Heights:
    """How many lines a grid's tables take (each column's lines at a width are remembered on
    the column itself: `Column.shape`)."""

    def __init__(self, grid: Grid) -> None:
        self.grid = grid

    def table(self, columns: Sequence[int], widths: Sequence[int]) -> int:
        """The lines a table of these columns at these widths takes, with its heading, its
        borders and the blank line after it."""
        shapes = [self.grid.columns[i].shape(w) for i, w in zip(columns, widths, strict=True)]
        if not shapes:
            return 5
        rows = zip(*(cells for _head, cells, _foot in shapes), strict=True)
        body: int = sum(max(row) for row in rows)
        return 5 + max(head for head, _cells, _foot in shapes) + body


def _parts(grid: Grid, width: int) -> list[list[int]]:
    """Runs of the columns after the keys, each printed beside the keys within `width`: the
    runs whose tables take the fewest lines in all (wrapping less can be worth one more
    table). A column too wide to fit beside the keys is a run of its own."""
    spans = grid.spans()
    keys = list(range(grid.keys))
    rest = list(range(grid.keys, len(spans)))
    heights = _Heights(grid)

    def lines(run: Sequence[int]) -> int | None:
        columns = [*keys, *run]
        spanned = [spans[i] for i in columns]
        if framed([span.least for span in spanned]) > width and len(run) > 1:
            return None
        return heights.table(columns, capped_widths(spanned, width))

    # best[j]: the fewest lines that print rest[:j], and where its last run starts (the
    # runs before it are best[start]'s: a list of every cut a j would take n² of memory)
    best: dict[int, tuple[int, int]] = {0: (0, 0)}
    for j in range(1, len(rest) + 1):
        for i in range(j - 1, -1, -1):
            taken = lines(rest[i:j])
            if taken is None:
                break  # a longer run fits no better
            total = best[i][0] + taken
            if j not in best or total < best[j][0]:
                best[j] = (total, i)
    cuts = [len(rest)]
    while cuts[-1]:
        cuts.append(best[cuts[-1]][1])
    return [keys + rest[a:b] for a, b in itertools.pairwise(reversed(cuts))]


def laid_out(grid: Grid, width: int | None) -> list[tuple[Grid, list[int]]]:
    """The grid as printed within `width` columns, as one or more tables with their column
    widths: whole where it fits; a single row as a list; else its text wrapped, or split into
    narrower tables that each repeat the columns naming a row, whichever takes fewer lines.
    No width: each column its natural width (a pipe or a file, laid out for its content)."""
    spans = grid.spans()
    if width is None or framed([span.natural for span in spans]) <= width:
        return [(grid, [span.natural for span in spans])]
    if len(grid.columns[0].cells) == 1 and len(grid.columns) > 2:
        return laid_out(grid.transposed(), width)
    if len(grid.columns) <= grid.keys + 1:
        return [(grid, _widths(grid, width))]
    parts = [grid.part(indices) for indices in _parts(grid, width)]
    return [(part, _widths(part, width)) for part in parts]


def _widths(grid: Grid, width: int) -> list[int]:
    """The grid's column widths within `width`: the widest capped alike (`capped_widths`);
    for a grid laid out for the fewest lines, room given where it saves the most lines, if
    that makes the table shorter."""
    spans = grid.spans()
    capped = capped_widths(spans, width)
    if not grid.shortest:
        return capped
    least = [  # a name heading a column (a province) on one line, up to WORD
        max(span.least, min(WORD, _widest(_lines(column.header))))
        for span, column in zip(spans, grid.columns, strict=True)
    ]
    most = [span.natural for span in spans]
    room = width - framed([0] * len(spans))
    if sum(least) > room or any(low > high for low, high in zip(least, most, strict=True)):
        return capped
    shortest = _shortest(grid.columns, least, most, room - sum(least))
    spare = room - sum(shortest)
    for index, high in enumerate(most):  # what is left, to the columns short of natural
        given = min(spare, high - shortest[index])
        shortest[index] += given
        spare -= given
    heights, every = _Heights(grid), range(len(spans))
    return shortest if heights.table(every, shortest) < heights.table(every, capped) else capped


PART = N_("{title}, part {part} of {parts}")
"""The heading of each table a wide table is split into."""


def content_width(items: Iterable[Grid | str]) -> int:
    """The width `grid_blocks` lays items out at without one (a pipe, a file): their widest
    table at its columns' natural widths, or their widest heading or line."""
    widest = 1
    for item in items:
        text = item if isinstance(item, str) else item.heading
        widest = max(widest, _widest(_lines(text)))
        if isinstance(item, Grid):
            widest = max(widest, framed([span.natural for span in item.spans()]))
    return widest


def grid_blocks(items: Sequence[Grid | str], width: int | None) -> list[Block]:
    """Tables under their headings, and notes, laid out by `laid_out`: within `width` columns,
    or, with none, each table as wide as its content and nothing wrapped."""
    laid = [(item, laid_out(item, width) if isinstance(item, Grid) else []) for item in items]
    texts = [item if isinstance(item, str) else item.heading for item in items]
    page = width or max(
        [framed(widths) for _item, tables in laid for _part, widths in tables]
        + [_widest(_lines(text)) for text in texts]
        + [1]
    )
    return [
        block for item, tables in laid for blocks in _drawn(item, tables, page) for block in blocks
    ]


def blocks_by_part(item: Grid | str, width: int) -> Iterator[list[Block]]:
    """`grid_blocks([item], width)` a part at a time: a table split into a thousand parts is
    drawn (and can be written) one part after another, not held drawn whole."""
    return _drawn(item, laid_out(item, width) if isinstance(item, Grid) else [], width)


def _drawn(
    item: Grid | str, tables: Sequence[tuple[Grid, list[int]]], page: int
) -> Iterator[list[Block]]:
    """The blocks of a line of text, or of each part of a table laid out (`laid_out`)."""
    if isinstance(item, str):
        yield [Lines([*Words(item).lines(page), ""])]
    for number, (part, widths) in enumerate(tables, start=1):
        heading = part.heading
        if len(tables) > 1:
            heading = _(PART).format(title=heading, part=number, parts=len(tables))
        blocks: list[Block] = [
            Lines(Words(heading).lines(page), "bold"),
            draw(part.columns, widths, lines=False),
        ]
        if number == len(tables):
            blocks += [Lines(_noted(note, page)) for note in part.notes]
        yield [*blocks, Lines([""])]


def _noted(note: str, width: int) -> list[str]:
    """A note under a table, its continuation lines under its first word's end (`(*) `)."""
    lead = len(note.split(" ", 1)[0]) + 1
    return sentence(note, indent=lead).lines(width)


# --- drawing and printing ----------------------------------------------------------------------


@dataclass(frozen=True)
class Fitted:
    """A table laid out at widths that hold every cell whole: its columns, their widths, each
    row's cells and each footer in lines, whether lines part the rows; and its width."""

    columns: Sequence[Column]
    widths: Sequence[int]
    rows: Sequence[Sequence[str]]
    footers: Sequence[str]
    lines: bool
    width: int

    @cached_property
    def table(self) -> Table:
        """The table as rich draws it (in colour, or into an SVG). Rich only draws: a line
        wider than its column, which layout never makes, would fold, never end in `…`."""
        from rich import box
        from rich.table import Table
        from rich.text import Text

        columns, footers = self.columns, self.footers
        table = Table(box=box.SQUARE, show_lines=self.lines, show_footer=any(footers))
        for column, width, footer in zip(columns, self.widths, footers, strict=True):
            justify: Justify = "right" if column.right else "left"
            header = Text("\n".join(header_lines(column.header, width)), overflow="fold")
            table.add_column(header, footer=footer, width=width, justify=justify, overflow="fold")
        for index, texts in enumerate(self.rows):
            shown = zip(columns, texts, strict=True)
            table.add_row(*(_shown(column.cells[index], column, text) for column, text in shown))
        return table

    def plain(self) -> list[str] | None:
        """The table's lines as rich draws it without colour, drawn here at a fraction of
        the cost (a report of 1,000 plans spent a fifth of its time in rich's tables); None
        where a cell holds what rich would change (a tab, a control character, a line wider
        than its column), which layout never makes, or no room: rich draws that table."""
        widths = self.widths
        if not widths or min(widths) < 1:  # no column, or one of no width: rich's own way
            return None
        head = [
            _plain_cell("\n".join(header_lines(c.header, w)), w, c.right)
            for c, w in zip(self.columns, widths, strict=True)
        ]
        body = [
            [
                _plain_cell(text, w, _right(c.cells[index], c))
                for c, w, text in zip(self.columns, widths, texts, strict=True)
            ]
            for index, texts in enumerate(self.rows)
        ]
        footers = zip(self.columns, widths, self.footers, strict=True)
        foot = [_plain_cell(f, w, c.right) for c, w, f in footers] if any(self.footers) else []
        cells = [*head, *foot, *(cell for row in body for cell in row)]
        if any(cell is None for cell in cells):
            return None
        rule = ["─" * (w + 2) for w in widths]
        between = "├" + "┼".join(rule) + "┤"  # under the header, above the footer, between rows
        drawn = ["┌" + "┬".join(rule) + "┐", *_plain_row(head, widths, bottom=True), between]
        for number, row in enumerate(body):
            drawn += [between] if number and self.lines else []
            drawn += _plain_row(row, widths)
        if foot:
            drawn += [between, *_plain_row(foot, widths)]
        return [*drawn, "└" + "┴".join(rule) + "┘"]


@dataclass(frozen=True)
class Lines:
    """Lines laid out already: printed as they are, never wrapped nor cut."""

    lines: list[str]
    style: str = ""

    @property
    def width(self) -> int:
        return max((width_of(line) for line in self.lines), default=0)


Block = Fitted | Lines


def _right(cell: Cell, column: Column) -> bool:
    """Whether a cell is right-aligned: a figure is, prose is not, wherever they stand;
    other cells as their column."""
    figure = bool(cell) and all(isinstance(para, Figure) for para in cell)
    prose = bool(cell) and all(isinstance(para, Words) for para in cell)
    return figure or (column.right and not prose)


def _shown(cell: Cell, column: Column, text: str) -> RichText:
    """A cell's text as rich draws it (`_right`): a figure never wrapped."""
    from rich.text import Text

    figure = bool(cell) and all(isinstance(para, Figure) for para in cell)
    justify: Justify = "right" if _right(cell, column) else "left"
    return Text(text, justify=justify, no_wrap=figure, overflow="fold")


_UNDRAWN = re.compile(r"[\x00-\x09\x0b-\x1f\x7f]")
"""What rich expands or strips from a cell (a tab, control characters): rich draws it."""


def _plain_cell(text: str, width: int, right: bool) -> list[str] | None:
    """A cell's lines as rich pads them in a column `width` wide (a space either side): a
    right-aligned line without its trailing spaces; None where rich would change the text."""
    from rich.cells import cell_len

    if _UNDRAWN.search(text):
        return None
    lines = []
    for written in text.split("\n"):
        line = written.rstrip() if right else written
        taken = cell_len(line)
        if taken > width:
            return None
        gap = " " * (width - taken)
        lines.append(f" {gap}{line} " if right else f" {line}{gap} ")
    return lines


def _plain_row(
    cells: Sequence[list[str] | None], widths: Sequence[int], *, bottom: bool = False
) -> list[str]:
    """A row's lines: its cells side by side, the shorter ones filled with blank lines below
    (above, in the header: rich sets headers on the rule under them)."""
    tall = max(len(cell or ()) for cell in cells)
    filled = []
    for cell, width in zip(cells, widths, strict=True):
        blank = [" " * (width + 2)] * (tall - len(cell or ()))
        filled.append([*blank, *(cell or ())] if bottom else [*(cell or ()), *blank])
    return ["│" + "│".join(parts) + "│" for parts in zip(*filled, strict=True)]


def _laid_rows(columns: Sequence[Column], widths: Sequence[int]) -> list[list[str]]:
    """Each row's cells laid out in lines within their column's width."""
    count = len(columns[0].cells) if columns else 0
    paired = list(zip(columns, widths, strict=True))
    return [
        [cell_text(column.cells[row], width) for column, width in paired] for row in range(count)
    ]


def draw(
    columns: Sequence[Column],
    widths: Sequence[int],
    rows: Sequence[Sequence[str]] | None = None,
    *,
    lines: bool = True,
) -> Fitted:
    """The table at these column widths, its cells laid out in them (or given as `rows` of
    text laid out already); `lines` between the rows."""
    footers = [cell_text(c.footer, width) for c, width in zip(columns, widths, strict=True)]
    laid = _laid_rows(columns, widths) if rows is None else rows
    return Fitted(columns, widths, laid, footers, lines, framed(widths))


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


def page_width(width: int | None, terminal: bool | None = None) -> int | None:
    """The width a text view is laid out for: `width` when given (--width); else the
    terminal's when the output is one (`terminal`, or asked of sys.stdout); else None, for a
    pipe or a file: then the view is laid out for its content."""
    import shutil
    import sys

    if width is not None:
        return width
    if terminal is None:
        terminal = is_terminal(sys.stdout)
    return shutil.get_terminal_size().columns if terminal else None


def is_terminal(stream: TextIO | None) -> bool:
    """Whether `stream` is a terminal (a file, a pipe, a buffer is not)."""
    return bool(stream is not None and hasattr(stream, "isatty") and stream.isatty())


def emit(out: Console, blocks: Sequence[Block]) -> None:
    """Print the blocks on `out`: tables as drawn, lines as they are."""
    from rich.text import Text

    for block in blocks:
        if isinstance(block, Fitted):
            out.print(block.table)
        elif block.lines:
            text = Text("\n".join(block.lines), style=block.style)
            out.print(text, no_wrap=True, overflow="ignore", crop=False)


def _plain(blocks: Sequence[Block]) -> str | None:
    """The blocks as `emit` prints them without colour; None where rich must draw (`plain`)."""
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Fitted):
            drawn = block.plain()
            if drawn is None:
                return None
            lines += drawn
        elif block.lines:
            if any(_UNDRAWN.search(line) for line in block.lines):
                return None
            lines += block.lines
    return "".join(f"{line}\n" for line in lines)


def show(stream: TextIO, blocks: Sequence[Block], *, color: bool, width: int | None) -> None:
    """Print laid-out blocks: at `width`, or as wide as the widest when laid out for content;
    a table wider than `width` (its figures would not fit) as wide as it is. Without colour
    the lines are drawn here, as rich would draw them (`Fitted.plain`)."""
    plain = None if color else _plain(blocks)
    if plain is not None:
        stream.write(plain)
        return
    widest = max((block.width for block in blocks), default=1)
    emit(console(stream, color=color, width=max(width or 1, widest)), blocks)
