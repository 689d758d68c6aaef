"""What every view shares: shares at one decimal, amounts as people read them, bars, targets.

Figures are written in their plan's number style (`1.342,439` and `33,7 %` in a vi plan), or
in the style `--number-style` sets for every plan (`SPEAKING.style`); the words around them
are the run's language, from the catalogue (p135cli.i18n)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Protocol, TextIO

from p135cli import arithmetic
from p135cli.i18n import SPEAKING, NumberStyle, format_number
from p135cli.model import Commune, Comparator, Counts, Target, Village
from p135cli.render.escape import csv_text_cell

if TYPE_CHECKING:
    from rich.console import Console

SHARE_PLACES = Decimal("0.1")
"""Derived shares are shown to 0.1 %, the precision the documents state their own shares at."""

_COMPARATOR = {
    Comparator.AT_LEAST: "≥ ",
    Comparator.AT_MOST: "≤ ",
    Comparator.MORE_THAN: "> ",
    Comparator.ABOUT: "≈ ",
    Comparator.EXACTLY: "",
}


class Leaving(Protocol):
    """A year of a roadmap or of a results report: stated counts and the names listed."""

    @property
    def count(self) -> Counts | None: ...
    @property
    def communes(self) -> list[Commune]: ...
    @property
    def villages(self) -> list[Village]: ...


WHAT = ("communes", "villages")
"""The order of every (communes, villages) pair."""


def leaving(stated: Leaving | None) -> tuple[int, int]:
    """(communes, villages) leaving the list in a year: each stated count, else the names listed."""
    if stated is None:
        return (0, 0)
    count = stated.count
    communes = count.communes if count and count.communes is not None else None
    villages = count.villages if count and count.villages is not None else None
    return (
        len(stated.communes) if communes is None else communes,
        len(stated.villages) if villages is None else villages,
    )


def share(part: Decimal | None, whole: Decimal | None) -> Decimal | None:
    """`part` as a percentage of `whole`, rounded half up to 0.1; None if either is missing."""
    if part is None or whole is None:
        return None
    return arithmetic.share(part, whole)


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
    `150–300 km`; the unit, which is plan text, shown through `clean`."""
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
