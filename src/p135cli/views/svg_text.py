"""Text drawn as outlines: an SVG picture of a text view that shows every letter, whatever
draws it.

An SVG that names a font leaves the letters to the renderer's fonts: DejaVu Sans Mono, the
first monospace font most Linux systems have, lacks 46 Vietnamese letters (ả ấ ầ ẩ ắ ế ề ...),
and a renderer that does not fall back to another font per letter (cairosvg) draws a box
instead (`Qu□ng Ninh`). Here each letter is an outline taken from the DejaVu fonts matplotlib
ships (so every machine draws the same), written once in the picture's `<defs>` and used where
the letter stands: no font is named and no `<text>` is left.

The monospace letters come from DejaVu Sans Mono; a letter it lacks from DejaVu Sans (which
holds every Vietnamese letter), narrowed to the cell where wider; a letter neither holds from
matplotlib's Last Resort font, which draws a visible box naming it. `missing` says which letters
of a text would need that box.

The picture keeps the look of rich's `Console.export_svg` (its theme, its window with the
title, the same cells and lines), laid out by rich from the same blocks the text view prints.
"""

from __future__ import annotations

import functools
import html
import os
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import matplotlib
from matplotlib.font_manager import FontProperties
from matplotlib.ft2font import FT2Font, LoadFlags
from matplotlib.path import Path
from matplotlib.textpath import TextPath
from rich.cells import cell_len
from rich.color import blend_rgb
from rich.segment import Segment
from rich.style import Style
from rich.terminal_theme import SVG_EXPORT_THEME as THEME
from rich.text import Text

from p135cli.views.table import Fitted

if TYPE_CHECKING:
    from rich.color import Color
    from rich.color_triplet import ColorTriplet
    from rich.console import Console

    from p135cli.views.table import Block

MONO = ("DejaVuSansMono.ttf", "DejaVuSans.ttf")
MONO_BOLD = ("DejaVuSansMono-Bold.ttf", "DejaVuSans-Bold.ttf")
SANS_BOLD = ("DejaVuSans-Bold.ttf",)
LAST_RESORT = "LastResortHE-Regular.ttf"
"""matplotlib's font of last resort: a box with the letter's code point, for any letter."""

CHAR_HEIGHT = 20.0
"""The cell's font size, as rich's export_svg draws it."""
CHAR_WIDTH = CHAR_HEIGHT * 0.6
"""A cell's width: DejaVu Sans Mono's advance (0.602 em), rounded as rich's export does."""
LINE_HEIGHT = CHAR_HEIGHT * 1.22
MARGIN = 1.0
PADDING = (40.0, 8.0, 8.0, 8.0)
"""Top (under the window's title), right, bottom, left."""
TITLE_SIZE = 18.0


def _font_path(name: str) -> str:
    return os.path.join(matplotlib.get_data_path(), "fonts", "ttf", name)


@functools.cache
def _font(name: str) -> FT2Font:
    """A font of its own (matplotlib's shared ones are sized by whoever draws next)."""
    font = FT2Font(_font_path(name))
    font.set_size(CHAR_HEIGHT, 72)
    return font


def font_for(char: str, fonts: Sequence[str]) -> str:
    """The first of `fonts` that holds `char`, else the Last Resort font."""
    return next((name for name in fonts if _font(name).get_char_index(ord(char))), LAST_RESORT)


def missing(text: str, fonts: Sequence[str] = MONO) -> str:
    """The letters of `text` none of `fonts` holds: each would be drawn as a box."""
    return "".join(
        sorted(
            {
                c
                for c in text
                if c.isprintable() and not c.isspace() and font_for(c, fonts) == LAST_RESORT
            }
        )
    )


def _advance(char: str, font: str) -> float:
    """How far the pen moves after `char`, at CHAR_HEIGHT."""
    glyph = _font(font).load_char(ord(char), flags=LoadFlags.NO_HINTING)
    return float(glyph.linearHoriAdvance) / 65536  # float-ok: a glyph's width, not money


@functools.cache
def _outline(char: str, font: str, size: float) -> str:
    """The letter's outline as SVG path data, its origin on the baseline (y down)."""
    path = TextPath((0, 0), char, size=size, prop=FontProperties(fname=_font_path(font)))
    letters = {Path.MOVETO: "M", Path.LINETO: "L", Path.CURVE3: "Q", Path.CURVE4: "C"}
    parts = []
    for vertices, code in path.iter_segments(simplify=False, curves=True):
        if code == Path.CLOSEPOLY:
            parts.append("Z")
            continue
        points = zip(vertices[::2], vertices[1::2], strict=True)
        parts.append(letters[code] + " ".join(f"{_n(x)} {_n(-y)}" for x, y in points))
    return "".join(parts)


def _n(value: float) -> str:
    """A coordinate with two decimals at most: `12.04`, `3`, `-0.5`."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


class Glyphs:
    """The outlines a picture uses, each once in `<defs>`, placed with `<use>`."""

    def __init__(self) -> None:
        self._ids: dict[tuple[str, str, float, float], str] = {}
        self._defs: list[str] = []

    def place(self, char: str, x: float, y: float, *, fonts: Sequence[str], cells: int) -> str:
        """`<use>` of `char` with its pen at (x, y) on the baseline: in a cell `cells` wide
        (centred, and narrowed where wider), or, for a mark that stacks on the letter before
        it (no cells), where the pen stands."""
        font = font_for(char, fonts)
        width = cells * CHAR_WIDTH
        advance = _advance(char, font)
        scale = min(1.0, width / advance) if cells and advance else 1.0
        shift = (width - advance * scale) / 2 if cells else 0.0
        key = (char, font, round(scale, 3), CHAR_HEIGHT)
        ident = self._id(key)
        return f'<use xlink:href="#{ident}" x="{_n(x + shift)}" y="{_n(y)}"/>'

    def title(self, text: str, centre: float, y: float) -> str:
        """A line of bold sans text centred on `centre` (the window's title)."""
        scale = TITLE_SIZE / CHAR_HEIGHT
        advances = [_advance(c, font_for(c, SANS_BOLD)) * scale for c in text]
        x = centre - sum(advances) / 2
        uses = []
        for char, advance in zip(text, advances, strict=True):
            if not char.isspace():
                key = (char, font_for(char, SANS_BOLD), 1.0, TITLE_SIZE)
                uses.append(f'<use xlink:href="#{self._id(key)}" x="{_n(x)}" y="{_n(y)}"/>')
            x += advance
        return "".join(uses)

    def _id(self, key: tuple[str, str, float, float]) -> str:
        if key not in self._ids:
            char, font, scale, size = key
            ident = f"g{len(self._ids)}"
            self._ids[key] = ident
            shape = f' transform="scale({_n(scale)} 1)"' if scale != 1.0 else ""
            self._defs.append(f'<path id="{ident}" d="{_outline(char, font, size)}"{shape}/>')
        return self._ids[key]

    def defs(self) -> str:
        return "\n".join(self._defs)


# --- a text view as a picture ------------------------------------------------------------------


def segment_lines(out: Console, blocks: Sequence[Block]) -> list[list[Segment]]:
    """The blocks as `table.emit` prints them on `out` (its width), cut into lines of
    segments: tables as drawn, lines unwrapped (cut at the width, as rich's export is)."""
    segments: list[Segment] = []
    for block in blocks:
        if isinstance(block, Fitted):
            segments += out.render(block.table, out.options)
        elif block.lines:
            text = Text("\n".join(block.lines), style=block.style, end="\n")
            segments += out.render(text, out.options.update(no_wrap=True, overflow="ignore"))
    return list(Segment.split_and_crop_lines(segments, length=out.width))


def picture(lines: Sequence[Sequence[Segment]], *, width: int, title: str) -> str:
    """`lines` drawn as rich's export_svg draws a console `width` cells wide: a dark window
    with `title`, each cell's letter an outline; each line's text as its `aria-label`, so the
    picture still reads out and can be searched."""
    glyphs = Glyphs()
    backgrounds: list[str] = []
    drawn: list[str] = []
    for row, line in enumerate(lines):
        x, uses = 0.0, []
        baseline = row * LINE_HEIGHT + CHAR_HEIGHT
        for text, style, _control in line:
            fill, background, bold = _colours(style)
            cells = cell_len(text)
            if background is not None:
                backgrounds.append(
                    f'<rect fill="{background}" x="{_n(x)}" y="{_n(row * LINE_HEIGHT + 1.5)}" '
                    f'width="{_n(cells * CHAR_WIDTH)}" height="{_n(LINE_HEIGHT + 0.25)}" '
                    'shape-rendering="crispEdges"/>'
                )
            letters = list(_letters(text, x, baseline, glyphs, bold))
            if letters:
                uses.append(f'<g fill="{fill}">{"".join(letters)}</g>')
            x += cells * CHAR_WIDTH
        if uses:
            said = html.escape("".join(s.text for s in line).rstrip(), quote=True)
            drawn.append(f'<g aria-label="{said}">{"".join(uses)}</g>')
    return _window(glyphs, backgrounds, drawn, width, len(lines), title)


def _letters(text: str, x: float, y: float, glyphs: Glyphs, bold: bool) -> Iterable[str]:
    fonts = MONO_BOLD if bold else MONO
    for char in text:
        cells = cell_len(char)
        if not char.isspace():  # a mark that stacks (no cells) is drawn where the pen stands
            yield glyphs.place(char, x, y, fonts=fonts, cells=cells)
        x += cells * CHAR_WIDTH


def _colours(style: Style | None) -> tuple[str, str | None, bool]:
    """A segment's letters' colour, its background where it has one, and whether bold: as
    rich's export_svg reads a style."""
    style = style or Style()
    colour = _truecolor(style.color, THEME.foreground_color)
    background = _truecolor(style.bgcolor, THEME.background_color)
    has_background = style.bgcolor is not None and not style.bgcolor.is_default
    if style.reverse:
        colour, background, has_background = background, colour, True
    if style.dim:
        colour = blend_rgb(colour, background, 0.4)
    return colour.hex, background.hex if has_background else None, bool(style.bold)


def _truecolor(color: Color | None, default: ColorTriplet) -> ColorTriplet:
    if color is None or color.is_default:
        return default
    return color.get_truecolor(THEME)


def _window(
    glyphs: Glyphs, backgrounds: list[str], drawn: list[str], width: int, rows: int, title: str
) -> str:
    top, right, bottom, left = PADDING
    inner_width = -(-(width * CHAR_WIDTH + left + right) // 1)  # rounded up, as rich does
    inner_height = max(rows, 1) * LINE_HEIGHT + top + bottom
    total = (inner_width + 2 * MARGIN, inner_height + 2 * MARGIN)
    heading = glyphs.title(title, inner_width // 2, MARGIN + CHAR_HEIGHT + 6)
    said = html.escape(title, quote=True)
    return "\n".join(
        [
            f'<svg viewBox="0 0 {_n(total[0])} {_n(total[1])}" role="img" aria-label="{said}"',
            '     xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">',
            f"<title>{html.escape(title)}</title>",
            f"<defs>\n{glyphs.defs()}\n</defs>",
            f'<rect fill="{THEME.background_color.hex}" stroke="rgba(255,255,255,0.35)" '
            f'stroke-width="1" x="{_n(MARGIN)}" y="{_n(MARGIN)}" width="{_n(inner_width)}" '
            f'height="{_n(inner_height)}" rx="8"/>',
            f'<g fill="{THEME.foreground_color.hex}">{heading}</g>',
            '<g transform="translate(26,22)"><circle cx="0" cy="0" r="7" fill="#ff5f57"/>'
            '<circle cx="22" cy="0" r="7" fill="#febc2e"/>'
            '<circle cx="44" cy="0" r="7" fill="#28c840"/></g>',
            f'<g transform="translate({_n(MARGIN + left)}, {_n(MARGIN + top)})">',
            "".join(backgrounds),
            *drawn,
            "</g>",
            "</svg>",
        ]
    )
