"""What every view shares: amounts and shares as people read them, bars, targets, CSV and
markdown tables.

Figures are written in their plan's number style (`1.342,439` and `33,7 %` in a vi plan), or
in the style `--number-style` sets for every plan (`SPEAKING.style`); the words around them
are the run's language, from the catalogue (p135cli.i18n).

Text views lay their tables out with one engine (p135cli.views.table); a piece of plan text
longer than `escape.SHOWN` characters is cut before it, saying how much (`escape.cut`), so
that output stays proportional to the plan."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal

from p135cli.i18n import N_, SPEAKING, NumberStyle, _, format_number
from p135cli.model import QUALIFIED, Change, Comparator, Leaving, Target, qualifies
from p135cli.render.escape import csv_text_cell

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


def _comparable(text: str) -> str:
    """`text` as `says` compares it: letters in one case and form, each dash a hyphen, one
    space between words."""
    folded = unicodedata.normalize("NFC", text).casefold()
    return " ".join(re.sub(r"\s*[-–—]\s*", "-", folded).split())


def says(text: str, part: str) -> bool:
    """Whether `text` already says `part`, as whole words (case, dashes and spacing aside): a
    heading leaves out what the title beside it says (`Lạng Sơn` in `… tỉnh Lạng Sơn …`)."""
    wanted = _comparable(part)
    found = re.search(rf"(?<!\w){re.escape(wanted)}(?!\w)", _comparable(text))
    return bool(wanted) and found is not None


def says_period(text: str, start: int, end: int) -> bool:
    """Whether `text` names the period (`giai đoạn 2017-2020`, `2017 – 2020`)."""
    return says(text, str(start) if start == end else f"{start}-{end}")


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
    if count is not None and qualifies(count.qualifier_of("communes")):
        communes = None if stated.communes else communes
    if count is not None and qualifies(count.qualifier_of("villages")):
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
    `≈ 150–300 km` (a range keeps its qualifier); the unit, which is plan text, shown through
    `clean`. An average a year is marked `on average`, an inferred target `inferred`, in the
    run's language."""
    marks = [_(AVERAGE)] if target.average else []
    marks += [_(INFERRED)] if target.inferred else []
    shown = ", ".join([_bare_figure(target, clean=clean, style=style), *marks])
    return shown.removeprefix(", ")


def _bare_figure(target: Target, *, clean: Clean, style: NumberStyle | None) -> str:
    """A change is signed and says what it is against (`−4,36 điểm % so với 2019`), never
    shown as a level to reach."""
    figure = _level(target, clean=clean, style=style)
    if target.change is None or not figure:
        return figure
    if target.comparator is not None and target.comparator is not Comparator.EXACTLY:
        # `≥ 3` with a sign would read as a bound on a signed change: say which way in words.
        way = _("down {figure}") if target.change is Change.DECREASE else _("up {figure}")
        said = way.format(figure=figure)
    else:
        said = f"{'−' if target.change is Change.DECREASE else '+'}{figure}"
    if target.baseline is not None:
        said = _("{change} against {year}").format(change=said, year=target.baseline)
    return said


def _level(target: Target, *, clean: Clean, style: NumberStyle | None) -> str:
    unit = f" {clean(target.unit)}" if target.unit else ""
    if target.points and target.unit and target.unit.startswith("%"):  # `điểm %/năm`
        unit = " " + _("percentage points") + clean(target.unit).removeprefix("%")
    prefix = _COMPARATOR.get(target.comparator, "") if target.comparator else ""
    if target.least is not None and target.most is not None:  # `khoảng 150 - 300km`: ≈ too
        return f"{prefix}{money(target.least, style)}–{money(target.most, style)}{unit}"
    if target.value is None:
        return ""
    return f"{prefix}{money(target.value, style)}{unit}"


BOM = "\ufeff"
"""The byte order mark that tells Excel a CSV file is UTF-8 (else it reads Vietnamese as
another code page)."""

FOR_SCRIPTS = (",", ".")
"""(field separator, decimal mark) of the CSV scripts read: the same in every run."""
FOR_EXCEL = {NumberStyle.VI: (";", ","), NumberStyle.EN: (",", ".")}
"""(field separator, decimal mark) Excel reads a CSV with, by its regional settings: a
Vietnamese Windows has the decimal comma and `;` between list items, en-US `,` and `.`."""

_EXCEL_READS_OTHERWISE = re.compile(
    r"[+-]?(\d[\d ]*[., /:-][\d., /:-]*\d|[\d., ]*\d ?%|\d+[eE][+-]?\d+|0\d+|\d{12,})",
    re.ASCII,
)
"""Text Excel would not keep as written: a number with separators or a date (`1,5`,
`12/2018`, `1-2`, `8:30`), an exponent (`2E3`), digits with a leading zero (`007`) or too many
to show (`123456789012`), a share (`90 %`). A whole number of a few digits (a year) is read
as the same number, and stays as it is."""


def excel_separators() -> tuple[str, str]:
    """(field separator, decimal mark) for the Excel of this run's language (vi: `;` and `,`),
    or of the number style --number-style chooses, for a reader whose Excel speaks another."""
    style = SPEAKING.style or (NumberStyle.VI if SPEAKING.lang == "vi" else NumberStyle.EN)
    return FOR_EXCEL[style]


def csv_cell(value: object, point: str = ".", *, excel: bool = False) -> str:
    """A CSV cell: a number as a plain decimal with the decimal mark `point` (`-0.5`,
    `1342.439`; `1342,439` for a Vietnamese Excel, never a thousands separator), text
    neutralised so a spreadsheet never reads it as a formula (`'=1+2`), a missing value
    empty. For Excel (`excel`), text that Excel would read as a number or a date (`12/2018`)
    starts with `'` too, so it stays the text it is."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:f}".replace(".", point)
    if isinstance(value, int):
        return str(value)
    text = csv_text_cell(str(value))
    if excel and _EXCEL_READS_OTHERWISE.fullmatch(text.strip()):
        return "'" + text
    return text


def csv_text(
    header: Sequence[str], rows: Iterable[Sequence[object]], *, excel: bool = False
) -> str:
    """CSV with `\\n` line ends, so the same data gives the same bytes on every system.
    Cells go through `csv_cell`: give numbers as `Decimal` or `int`, text as `str`.

    For scripts (the default) the same in every run: `,` between fields, a decimal point.
    For Excel (`excel`), what the Excel of the run's language reads as numbers
    (`excel_separators`: `;` and `1342,439` in vi), after a byte order mark."""
    return "".join(csv_pieces(header, [rows], excel=excel))


def csv_pieces(
    header: Sequence[str], groups: Iterable[Iterable[Sequence[object]]], *, excel: bool = False
) -> Iterator[str]:
    """`csv_text` of the groups' rows one after another, a piece a group (the byte order mark
    and header the first), so that a long CSV can be written as it is made."""
    delimiter, point = excel_separators() if excel else FOR_SCRIPTS
    yield (BOM if excel else "") + _csv_line(header, delimiter)
    for rows in groups:
        cells = ([csv_cell(v, point, excel=excel) for v in row] for row in rows)
        yield "".join(_csv_line(line, delimiter) for line in cells)


def _csv_line(cells: Sequence[str], delimiter: str) -> str:
    """One line of CSV (RFC 4180): a cell holding the separator, a quote, a line feed or a
    carriage return is quoted, its quotes doubled. (Python's csv module, given `\\n` line
    ends, leaves a carriage return unquoted, which ends the row in Excel.)"""
    special = (delimiter, '"', "\n", "\r")
    quoted = [
        '"' + cell.replace('"', '""') + '"' if any(c in cell for c in special) else cell
        for cell in cells
    ]
    return delimiter.join(quoted) + "\n"


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
