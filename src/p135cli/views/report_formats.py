"""The formats of `p135 report`: text, markdown, csv, json and an xlsx workbook.

Every format takes the same `Report` (tables of one or more plans) and returns the whole
output, so the command can write it to a file in one step or not at all.

Text and markdown speak the run's language (titles, headers and p135's row labels from the
catalogue) and write each figure in its plan's number style, or in --number-style's. CSV and
JSON are for scripts: their keys and values never change with the language or the style. The
workbook keeps its fixed bilingual headers and Vietnamese sheet names, and stores numbers.

The views people read (text, markdown, the workbook) show what holds something: a column
with nothing in it is left out, and a table of names without a single figure (sources a plan
names but gives no amount) is not shown; a plan left with no table says so in a line. The
provinces are one column a province there, one row a measure. JSON and CSV state every table
as they always have, the provinces one row a measure, and JSON adds the provinces one row a
province. A note under a table (text, markdown, the workbook; JSON `notes`) says what its
`(*)` marks.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TextIO

from p135cli.i18n import N_, SPEAKING, Message, NumberStyle, _, _n, speak
from p135cli.model import Comparator
from p135cli.numbers import decimals
from p135cli.output import MARKER
from p135cli.render import escape
from p135cli.render.escape import Streamed, one_line, printable, view_text, write_json
from p135cli.views.common import (
    Clean,
    approximately,
    csv_pieces,
    markdown_table,
    money,
    with_inferred,
    with_qualifier,
)
from p135cli.views.report import QUALIFIER_LABELS
from p135cli.views.report_model import (
    APPROXIMATE,
    INFERRED_MARK,
    NEED,
    UNEVEN,
    Column,
    Label,
    Report,
    Table,
    Uneven,
    marks_of,
)
from p135cli.views.table import (
    Column as GridColumn,
)
from p135cli.views.table import (
    Figure,
    Grid,
    Words,
    blocks_by_part,
    content_width,
    header_cell,
    header_lines,
    header_parts,
    page_width,
    show,
)

if TYPE_CHECKING:
    from openpyxl.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

    from p135cli.views.charts_xlsx import Place

NUMERIC = ("amount", "percent", "count", "year")
LABELS = ("measure_vi", "measure")
"""The label columns of the provinces table as JSON and CSV state it (one row a measure);
its other columns hold one province each."""
CSV_HEADER = ("table", "province", "row", "column", "value", "unit", "marks")
"""`marks` (added last, so the columns before it keep their places) says what is said of a
figure beyond its digits: a qualifier the document states (`more_than`), `approximate` for a
figure computed from qualified ones, `inferred`; several joined with `; `."""


def said(message: Message, clean: Clean) -> str:
    """What p135 writes, in the run's language; its arguments (plan text: a unit, a name)
    shown through `clean`, the format's escaping."""
    args = {name: clean(str(value)) for name, value in message.args.items()}
    try:
        return _(message.template).format(**args)
    except (KeyError, IndexError, ValueError):  # a catalogue's slip must not end a run
        return message.template.format(**args)


def cell_text(
    value: object,
    clean: Clean,
    style: NumberStyle | None,
    kind: str = "",
    states: tuple[str, ...] = (),
) -> str:
    """A cell as people read it: amounts, shares and counts with their stated decimals,
    grouped, in `style` (the plan's), with the marks its column's header does not state
    (`states`); a year as it is; p135's own labels in the run's language; text (plan text:
    names, keys, provinces) shown through `clean`, the format's escaping."""
    if value is None:
        return ""
    marks = tuple(mark for mark in marks_of(value) if mark not in states)
    if isinstance(value, Decimal):
        return _with_marks(money(value, style), marks)
    if isinstance(value, int):
        text = str(value) if kind == "year" else money(Decimal(value), style)
        return _with_marks(text, marks)
    if isinstance(value, Label):
        return said(value.said, clean)
    return clean(str(value))


NOTE_MARK = "(*)"
"""The mark of a figure a note under its table explains, as Vietnamese documents mark one."""
NEEDED = N_("{value} (need)")


def _with_marks(text: str, marks: tuple[str, ...]) -> str:
    """A figure with its marks, in the run's language: `hơn 29,2`, `≈ 74,3`, `12 (inferred)`,
    `326,641 (need)`, `99,6 (*)` (the note under the table says why)."""
    for mark in marks:
        if mark == APPROXIMATE:
            text = approximately(text, True)
        elif mark == INFERRED_MARK:
            text = with_inferred(text, True)
        elif mark == NEED:
            text = _(NEEDED).format(value=text)
        elif mark == UNEVEN:
            text = f"{text} {NOTE_MARK}"
        else:
            text = with_qualifier(text, Comparator(mark))
    return text


def note_text(note: Uneven, clean: Clean, style: NumberStyle | None) -> str:
    """The note under a table whose parts miss its total: what they add to, the share they
    make, and the plan's acknowledgement of the document's error (plan text, through
    `clean`), or that it has none."""
    text = _(
        "{mark} The document's figures do not add up: its sources add to {parts}, {share} % "
        "of the total it states ({total})."
    ).format(
        mark=NOTE_MARK,
        parts=f"{money(note.parts, style)} {clean(note.unit)}",
        share=cell_text(note.share, clean, style, states=(UNEVEN,)),
        total=f"{money(note.total, style)} {clean(note.unit)}",
    )
    entry = note.acknowledgement
    if entry is None:
        return f"{text} {_(UNACKNOWLEDGED)}"
    acknowledged = _(ACKNOWLEDGED).format(rule=clean(entry.rule), pointer=clean(entry.pointer))
    return f"{text} {acknowledged} {clean(entry.reason)}"


ACKNOWLEDGED = N_("The plan acknowledges this error of the document ({rule} at {pointer}):")
UNACKNOWLEDGED = N_("The plan does not acknowledge this error of the document.")


def _stored_text(
    value: object, clean: Clean, style: NumberStyle | None, states: tuple[str, ...] = ()
) -> str:
    """A cell as the workbook stores it: labels as their fixed text."""
    if isinstance(value, Label):
        return clean(str(value))
    return cell_text(value, clean, style, states=states)


def _notes(table: Table, clean: Clean) -> list[str]:
    return [note_text(note, clean, table.style) for note in table.notes]


def _row_kind(table: Table, index: int, column: Column) -> str:
    """A cell's kind: the column's, or the row's in the provinces table one row a measure."""
    if "kind" in table.frame.columns and column.key not in LABELS:
        return str(table.frame["kind"][index])
    return column.kind


def _row_key(table: Table, index: int, row: list[object]) -> str:
    if "key" in table.frame.columns:
        return str(table.frame["key"][index])
    return ".".join(str(value) for value in row[: table.named_by])


# --- what the views people read show -------------------------------------------------------------


def _shown(table: Table) -> list[int]:
    """The columns the text, markdown and workbook views show, by position: those that hold
    something (and are not the provinces table's fixed Vietnamese labels)."""
    return [index for index in table.filled() if table.columns[index].shown]


def _numeric(column: Column) -> bool:
    return column.kind in NUMERIC


def _holds_figures(table: Table, index: int) -> bool:
    """Whether a column holds figures: of a numeric kind, or, in the provinces table one row
    a measure, a province's column, whose rows are mostly figures."""
    column = table.columns[index]
    return _numeric(column) or column.style is not None or column.key.startswith("plan_")


def _heading(table: Table, clean: Clean) -> str:
    """The table's title in the run's language, after its province (plan text)."""
    title = said(table.said, clean)
    named = table.label or table.province
    return f"{clean(named)} · {title}" if named else title


def _header_said(column: Column, clean: Clean) -> str:
    """A column's header in the run's language (text, markdown); plan text as written."""
    return said(column.said, clean) if column.said else clean(column.en)


def _cells(table: Table, clean: Clean, shown: list[int]) -> list[list[str]]:
    """The shown cells, row by row, each figure in its plan's style (its row's, or its
    column's in the provinces table one column a province)."""
    columns = table.columns
    return [
        [
            cell_text(
                row[i],
                clean,
                columns[i].style or table.row_style(r),
                _row_kind(table, r, columns[i]),
                columns[i].states,
            )
            for i in shown
        ]
        for r, row in enumerate(table.rows())
    ]


def _no_figures(province: str, tables: tuple[Table, ...], clean: Clean) -> str:
    """The line a plan with no funding figure gets instead of tables: the sources it names,
    if it names any."""
    sources = next((t for t in tables if t.name == "sources"), None)
    if sources is None or sources.frame.empty:
        return _("{province} · The plan states no funding figures.").format(
            province=clean(province)
        )
    names = [clean(str(name)) for name in sources.frame["name"]]
    return _n(
        "{province} · The plan names {count} funding source but states no amount: {names}",
        "{province} · The plan names {count} funding sources but states no amounts: {names}",
        len(names),
        province=clean(province),
        names="; ".join(names),
    )


def _read(report: Report, clean: Clean) -> list[Table | str]:
    """What the views people read show, in order: each plan's tables that hold a figure, or
    the line that says it has none; then the provinces side by side."""
    shown: list[Table | str] = []
    for _path, province, tables in report.plans:
        figures = [table for table in tables if table.has_figures()]
        named = next((t.label for t in tables if t.label), None) or province
        shown += figures or [_no_figures(named, tables, clean)]
    compared = report.compared()
    return [*shown, compared] if len(compared.frame) else shown


# --- text and markdown -------------------------------------------------------------------------


def _grid(table: Table) -> Grid:
    """The table as the text view lays it out: its shown columns, figures whole (each cell a
    figure or text by its row's kind in the provinces table one row a measure)."""
    shown = _shown(table)
    rows = _cells(table, view_text, shown)
    columns = []
    for place, i in enumerate(shown):
        column = table.columns[i]
        kinds = [_row_kind(table, r, column) for r in range(len(rows))]
        cells = [
            (
                header_cell(row[place])  # a measure's label keeps its unit whole, as a header
                if column.key in LABELS
                else ((Figure if kind in NUMERIC else Words)(row[place]),)
            )
            for kind, row in zip(kinds, rows, strict=True)
        ]
        header = _header_said(column, view_text)
        columns.append(GridColumn(header, cells, right=_holds_figures(table, i)))
    keys = sum(1 for i in shown if i < table.keys)
    notes = tuple(_notes(table, view_text))
    compared = table.name == "provinces"  # long labels beside provinces' figures
    return Grid(_heading(table, view_text), tuple(columns), keys, notes, shortest=compared)


def render_text(
    report: Report, *, color: bool, width: int | None, terminal: bool | None = None
) -> str:
    """The tables as text (`write_text`), whole."""
    stream = io.StringIO()
    write_text(report, stream, color=color, width=width, terminal=terminal)
    return stream.getvalue()


def write_text(
    report: Report,
    stream: TextIO,
    *,
    color: bool,
    width: int | None,
    terminal: bool | None = None,
) -> None:
    """The tables as text, written to `stream` a table at a time as each is drawn. Within
    `width` columns when one is given (--width), or the terminal's when standard output is one
    (`terminal`: None asks sys.stdout): a table wider than that wraps its text, or shows a
    single row as a list, or is split into narrower tables that repeat the columns naming a
    row; a figure is never cut. Without a terminal (a pipe, a file), each table is as wide as
    its content."""
    items = _read(report, view_text)
    page = page_width(width, terminal)
    laid = page or content_width(_grid(item) if isinstance(item, Table) else item for item in items)
    for item in items:  # one at a time: a report of 10,000 plans never holds all its grids
        shown = item if isinstance(item, str) else _grid(item)
        for blocks in blocks_by_part(shown, laid):  # the provinces of 10,000 plans: 1,667
            drawn = io.StringIO()  # drawn apart, so rich sees the same stream whatever it is
            show(drawn, blocks, color=color, width=page)
            stream.write(drawn.getvalue())


def render_markdown(report: Report) -> str:
    stream = io.StringIO()
    write_markdown(report, stream)
    return stream.getvalue()


def write_markdown(report: Report, stream: TextIO) -> None:
    """The tables as markdown, written to `stream` a table at a time."""
    stream.write(f"<!-- {MARKER.decode()}: p135 report -->\n")
    for table in _read(report, escape.view_markdown):
        lines = ["", *_markdown_table(table)] if isinstance(table, Table) else ["", table]
        stream.write("".join(line + "\n" for line in lines))


def _markdown_table(table: Table) -> list[str]:
    """A table's lines in markdown: its heading, the table, its notes."""
    shown = _shown(table)
    columns = [table.columns[index] for index in shown]
    right = {place for place, i in enumerate(shown) if _holds_figures(table, i)}
    headers = [_header_said(c, escape.view_markdown) for c in columns]
    rows = _cells(table, escape.view_markdown, shown)
    heading = _heading(table, escape.view_markdown)
    lines = [f"### {heading}", "", *markdown_table(headers, rows, right)]
    lines += [line for note in _notes(table, escape.view_markdown) for line in ("", note)]
    return lines


# --- csv and json ------------------------------------------------------------------------------


def _unit(kind: str, table: Table) -> str:
    return {"amount": table.unit, "percent": "%"}.get(kind, "")


def render_csv(report: Report, *, excel: bool = False) -> str:
    """One line a figure (tidy data): table, province, row, column, value, unit.

    Numbers are plain decimals (`1342.439`), exactly as stated; a script can pivot them back.
    A text cell a spreadsheet could read as a formula (`=1+2`) starts with `'` (OWASP).
    With `excel`, what the Excel of the run's language reads (common.csv_text): a UTF-8 byte
    order mark, so that Excel on Windows reads the Vietnamese as UTF-8, and in a vi run `;`
    between fields and decimal commas (`1342,439`), so that it reads each figure as a number.
    """
    stream = io.StringIO()
    write_csv(report, stream, excel=excel)
    return stream.getvalue()


def write_csv(report: Report, stream: TextIO, *, excel: bool = False) -> None:
    """`render_csv`, written to `stream` a table at a time."""
    for piece in csv_pieces(CSV_HEADER, map(_csv_rows, report.stated_tables()), excel=excel):
        stream.write(piece)


def _csv_rows(table: Table) -> Iterator[tuple[object, ...]]:
    """A table's figures, one line each."""
    naming = [c.key for c in table.columns[: table.named_by]]
    for index, row in enumerate(table.rows()):
        key = _row_key(table, index, row)
        for column, value in zip(table.columns, row, strict=True):
            if value is None or column.key in (*naming, *LABELS):
                continue
            province = table.province or column.vi
            kind = _row_kind(table, index, column)
            name = "value" if table.name == "provinces" else column.key
            unit, marks = _unit(kind, table), "; ".join(marks_of(value))
            yield (table.name, province, key, name, _plain(value), unit, marks)


def _plain(value: object) -> object:
    """A figure without its marks (they are written apart), anything else as it is."""
    if isinstance(value, Decimal):
        return Decimal(value)
    return int(value) if isinstance(value, int) and not isinstance(value, bool) else value


def _json_value(value: object) -> object:
    return f"{value:f}" if isinstance(value, Decimal) else _plain(value)


def _json_row(columns: tuple[Column, ...], row: list[object]) -> dict[str, object]:
    """A row: each column's value, and, where a figure has marks, `marks`: the column's key
    and its marks (`{"share": ["approximate"]}`)."""
    data = {c.key: _json_value(v) for c, v in zip(columns, row, strict=True)}
    marks = {c.key: list(marks_of(v)) for c, v in zip(columns, row, strict=True) if marks_of(v)}
    return {**data, "marks": marks} if marks else data


def _json_table(table: Table) -> dict[str, object]:
    columns = [{"key": c.key, "vi": c.vi, "en": c.en, "kind": c.kind} for c in table.columns]
    rows = [_json_row(table.columns, row) for row in table.rows()]
    if "key" in table.frame.columns:
        for row, key in zip(rows, table.frame["key"], strict=True):
            row["key"] = key
    data: dict[str, object] = {
        "name": table.name,
        "title": {"vi": table.vi, "en": table.en},
        "unit": table.unit,
        "columns": columns,
        "rows": rows,
    }
    if table.notes:  # added, so a table without them keeps its keys
        data["notes"] = [_json_note(note) for note in table.notes]
    return data


def _json_note(note: Uneven) -> dict[str, object]:
    """A note as data: what does not add up, by how much, and the plan's acknowledgement."""
    entry = note.acknowledgement
    return {
        "mark": UNEVEN,
        "parts_of": note.what,
        "parts": _json_value(note.parts),
        "total": _json_value(note.total),
        "share": _json_value(note.share),
        "acknowledged": None if entry is None else entry.model_dump(mode="json"),
    }


def render_json(report: Report) -> str:
    """Amounts and shares as decimal strings (exact), counts and years as integers.

    `provinces` is one row a measure and one column (`plan_0`...) a plan, as it has always
    been; `by_province` holds the same figures one row a plan, one column a measure."""
    stream = io.StringIO()
    write_json_report(report, stream)
    return stream.getvalue()


def write_json_report(report: Report, stream: TextIO) -> None:
    """`render_json`, written to `stream` a plan at a time."""
    plans = (
        {"path": path, "province": province, "tables": [_json_table(t) for t in tables]}
        for path, province, tables in report.plans
    )
    data = {
        "version": 1,
        "generator": MARKER.decode(),
        "plans": Streamed(plans),
        "provinces": _json_table(report.by_measure),
        "by_province": _json_table(report.across),
    }
    write_json(stream, data)


WRITERS: dict[str, Callable[..., None]] = {
    "text": write_text,
    "markdown": write_markdown,
    "csv": write_csv,
    "json": write_json_report,
}
"""The formats written to a stream as they are drawn (the options of each as its renderer's in
`formats.REPORT`): a report of thousands of plans is never held whole as text."""


# --- xlsx --------------------------------------------------------------------------------------

FORBIDDEN_IN_SHEET_NAMES = str.maketrans({c: " " for c in "[]:*?/\\"})
FONT = "Calibri"
"""The one font of the workbook (Excel's own; it has every Vietnamese letter)."""
TITLE_ROW, VI_ROW, EN_ROW = 1, 2, 3
"""A sheet's title, then its headers in Vietnamese and in English; the figures below."""
LINE_HEIGHT = 15.0
"""Points a line of 11-point text takes in a row."""
WIDEST = 40
"""The widest a column gets; longer text wraps within it."""
HEADER_FLOOR = {True: 10, False: 14}
"""How wide a column gets for its header alone, over figures (True) and over text: a longer
header wraps onto more lines, its longest word kept whole."""


def _sheet_name(table: Table, taken: set[str]) -> str:
    short = {
        "sources": "Nguồn vốn",
        "splits": "Trong đó",
        "components": "Hợp phần",
        "years": "Theo năm",
        "categories": "Nhóm × năm",
        "allocations": "Đã bố trí",
        "provinces": "Các tỉnh",
    }[table.name]
    province = printable(one_line(table.province)).strip("'") if table.province else ""
    name = f"{province} · {short}" if province else short
    # Excel refuses `[]:*?/\` in a sheet name, and an apostrophe at either end of it.
    name = name.translate(FORBIDDEN_IN_SHEET_NAMES)[:31].strip("'")
    base, n = name, 2
    while name.lower() in taken:  # Excel compares sheet names without case
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(name.lower())
    return name


def _number_format(value: object, kind: str) -> str:
    """Stored as a number, shown with the decimals it was stated with."""
    if kind == "year" or not isinstance(value, Decimal):
        return "0" if kind == "year" else "#,##0"
    places = decimals(value)
    return "#,##0" + ("." + "0" * places if places else "")


def _title(table: Table, path: str | None) -> str:
    """The title row: the plan (its province and file) and the table, in both languages."""
    title = table.title
    if table.province is None:
        return title
    named = f"{table.province} · {title}"
    return f"{named} ({path})" if path else named


def render_xlsx(report: Report, *, charts: bool = False) -> bytes:
    """A workbook with a sheet a table that prints as it is: a title row naming the plan and
    the table, headers in Vietnamese and in English (repeated on every printed page, with a
    filter), one font, widths that fit, landscape and one page wide. With `charts` (a report
    built for them), a last sheet of charts that read these sheets' cells
    (p135cli.views.charts_xlsx)."""
    import openpyxl

    from p135cli.views.charts_xlsx import Place

    book = openpyxl.Workbook()
    for sheet in book.worksheets:  # a new workbook starts with an empty sheet
        book.remove(sheet)
    book.properties.creator = "p135"
    book.properties.description = MARKER.decode()
    taken: set[str] = set()
    places: dict[int, Place] = {}
    paths = {id(table): path for path, _p, tables in report.plans for table in tables}
    for table in _read(report, str):
        if isinstance(table, str):  # a plan with no figure has no sheet
            continue
        sheet = book.create_sheet(_sheet_name(table, taken))
        _fill_sheet(sheet, table, _title(table, paths.get(id(table))))
        keys = [table.columns[i].key for i in _shown(table)]
        places[id(table)] = Place(sheet, keys, EN_ROW + 1, VI_ROW)
    if charts:
        _add_charts(book, report, places, taken)
    if not book.worksheets:  # no plan at all (the command never asks for that)
        book.create_sheet(_sheet_name(report.across, taken)).append([report.across.title])
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def _sheet_columns(table: Table) -> list[int]:
    """The columns a sheet shows, by position: the views' (`_shown`), and in the provinces
    table both labels of a measure, Vietnamese and English."""
    return [i for i in table.filled() if table.columns[i].shown or table.columns[i].key in LABELS]


def _add_charts(
    book: Workbook,
    report: Report,
    places: dict[int, Place],
    taken: set[str],
) -> None:
    """The charts sheet, named in the run's language (`Biểu đồ`, `Charts`), after the tables."""
    from p135cli.views.charts_xlsx import add_charts

    name, n = _("Charts"), 2
    while name.lower() in taken:  # a province called so: `Biểu đồ (2)`
        name, n = f"{_('Charts')} ({n})", n + 1
    if add_charts(book, report, places, name) is not None:
        taken.add(name.lower())


def _fill_sheet(sheet: Worksheet, table: Table, title: str) -> None:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    shown = _sheet_columns(table)
    columns = [table.columns[i] for i in shown]
    last = get_column_letter(len(columns))
    widths = _fit_widths(table, shown)
    _append_text(sheet, [title])
    for headers in ([c.vi for c in columns], [c.en for c in columns]):
        texts = [_header_text(text, width) for text, width in zip(headers, widths, strict=True)]
        _append_text(sheet, list(texts), lines=True)
    for index, row in enumerate(table.rows()):
        _append_row(sheet, table, index, [row[i] for i in shown], columns)
    thin = Side(style="thin", color="999999")
    grid = Border(left=thin, right=thin, top=thin, bottom=thin)
    figures = [_holds_figures(table, i) for i in shown]
    for cells in sheet.iter_rows(min_row=VI_ROW):
        for cell, right in zip(cells, figures, strict=True):
            header = cell.row in (VI_ROW, EN_ROW)
            cell.font = Font(name=FONT, size=11, bold=header)
            cell.border = grid
            cell.alignment = Alignment(  # a header over figures, as the figures
                wrap_text=True, vertical="top", horizontal="right" if header and right else None
            )
            if header:
                cell.fill = PatternFill("solid", fgColor="E7E6E6")
    sheet.merge_cells(f"A{TITLE_ROW}:{last}{TITLE_ROW}")
    heading = sheet.cell(TITLE_ROW, 1)
    heading.font = Font(name=FONT, size=13, bold=True)
    heading.alignment = Alignment(wrap_text=True, vertical="top")
    for number, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = width
    _fit_heights(sheet, title, widths)
    keys = sum(1 for i in shown if i < table.keys)
    sheet.freeze_panes = sheet.cell(EN_ROW + 1, keys + 1).coordinate
    sheet.auto_filter.ref = f"A{EN_ROW}:{last}{max(sheet.max_row, EN_ROW)}"
    _append_notes(sheet, table, widths)
    _print_setup(sheet, widths, keys)


def _header_text(header: str, width: float) -> str:
    """A header as the workbook stores it: in lines that fit its column, broken before a
    unit in parentheses, never inside it (Excel would wrap `(tỷ` / `đồng)`)."""
    return "\n".join(header_lines(printable(header), max(1, int(width) - 2)))


def _append_notes(sheet: Worksheet, table: Table, widths: list[float]) -> None:
    """The table's notes under it, after an empty row, each across the table's width, in
    Vietnamese and in English (as its headers)."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    if not table.notes:
        return
    sheet.append([])
    for note in table.notes:
        both = [_in_language(lang, note_text, note, printable, table.style) for lang in LANGS]
        _append_text(sheet, ["\n".join(both)], lines=True)
        row = sheet.max_row
        sheet.merge_cells(f"A{row}:{get_column_letter(len(widths))}{row}")
        cell = sheet.cell(row, 1)
        cell.font = Font(name=FONT, size=11)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.row_dimensions[row].height = LINE_HEIGHT * _lines(str(cell.value), sum(widths))


LANGS = ("vi", "en")
"""The workbook's languages, in the order of its header rows."""


def _in_language(lang: str, text: Callable[..., str], *args: Any) -> str:
    """`text(*args)` as written in `lang`; the run's language and number style after it."""
    saved = (SPEAKING.lang, SPEAKING.style)
    speak(lang, saved[1])
    try:
        return text(*args)
    finally:
        speak(*saved)


A4_LANDSCAPE = 841.89
"""The width of an A4 page in landscape, in points."""
POINTS_PER_WIDTH = Decimal("5.55")
"""Points a unit of column width takes as LibreOffice prints Calibri 11 (or Carlito, its
metric twin); Excel takes 5,25 (7 pixels at 96 to the inch), so the larger is the safe one."""
SMALLEST_PRINT = 8
"""The smallest text a printed sheet may show, in points: its 11-point text scaled down to
fit one page wide reads no smaller than this, or the sheet prints on more pages wide."""
FONT_SIZE = 11


def print_scale(widths: list[float], margin: float) -> int:
    """The scale (in %) at which columns of these widths fill a landscape A4 page between
    margins of `margin` inches: 100 for a sheet narrower than the page."""
    room = Decimal(str(A4_LANDSCAPE)) - 2 * Decimal(str(margin)) * 72
    wide = Decimal(str(sum(widths))) * POINTS_PER_WIDTH
    return min(100, int(room * 100 / wide)) if wide else 100


def _print_setup(sheet: Worksheet, widths: list[float], keys: int) -> None:
    """Landscape A4, one page wide and as many long as it takes, where that prints its text
    at SMALLEST_PRINT or larger; else at that size, on as many pages wide as it takes, the
    columns naming a row on every page. The title and the headers on every page, the
    sheet's name and the page number at the foot."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.properties import PageSetupProperties

    margin = 0.4
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.print_title_rows = f"{TITLE_ROW}:{EN_ROW}"
    sheet.page_margins.left = sheet.page_margins.right = margin
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6
    smallest = int(-(-SMALLEST_PRINT * 100 // FONT_SIZE))  # 73 %: 8 points of 11
    if print_scale(widths, margin) >= smallest:
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    else:
        sheet.page_setup.scale = smallest
        sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=False)
        if keys:
            sheet.print_title_cols = f"A:{get_column_letter(keys)}"
    footer = sheet.oddFooter
    if footer is not None:  # openpyxl gives every sheet one
        footer.left.text = "&A"
        footer.right.text = "&P / &N"


def _append_text(sheet: Worksheet, row: list[object], *, lines: bool = False) -> None:
    """Append a row whose text is stored as text, never as a formula: plan text such as
    `=HYPERLINK(...)` stays the string it is (openpyxl reads a leading `=` as a formula).
    With `lines`, each text's lines are kept (a header broken to fit, a note in two
    languages); else a line break in plan text is shown, not kept."""

    def stored(text: str) -> str:
        return "\n".join(map(printable, text.split("\n"))) if lines else printable(text)

    sheet.append([stored(value) if isinstance(value, str) else value for value in row])
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"


def _append_row(
    sheet: Worksheet, table: Table, index: int, row: list[object], columns: list[Column]
) -> None:
    _append_text(sheet, [_stored(value) for value in row])
    for column, cell, value in zip(columns, sheet[sheet.max_row], row, strict=True):
        kind = _row_kind(table, index, column)
        if kind in NUMERIC and cell.value is not None:
            marks = tuple(mark for mark in marks_of(value) if mark not in column.states)
            cell.number_format = _marked_format(_number_format(cell.value, kind), marks)


def _stored(value: object) -> object:
    """A cell's value as the workbook stores it: labels as their fixed text, numbers as
    numbers (their marks go into the number format)."""
    return str(value) if isinstance(value, Label) else _plain(value)


def _marked_format(number_format: str, marks: tuple[str, ...]) -> str:
    """A number format that shows a figure's marks around the number it stores, in the
    workbook's Vietnamese: `"hơn "#,##0.0`, `"≈ "#,##0.0`, `#,##0" (suy ra)"`, `#,##0" (*)"`
    (the note under the table says why)."""
    for mark in marks:
        if mark == APPROXIMATE:
            number_format = f'"≈ "{number_format}'
        elif mark == INFERRED_MARK:
            number_format = f'{number_format}" (suy ra)"'
        elif mark == NEED:
            number_format = f'{number_format}" (nhu cầu)"'
        elif mark == UNEVEN:
            number_format = f'{number_format}" {NOTE_MARK}"'
        else:
            word = QUALIFIER_LABELS[Comparator(mark)][0]
            number_format = f'"{word} "{number_format}'
    return number_format


PROVINCE_WIDEST = 16
"""The widest a province's column gets in the provinces sheet (a long programme's name wraps
in it), so that several provinces print side by side on one page."""
LABEL_WIDEST = 34
"""The widest a measure's label gets in the provinces sheet."""


def _fit_widths(table: Table, shown: list[int]) -> list[float]:
    """Each column as wide as its widest figure or text (up to `WIDEST`, then wrapped; in the
    provinces sheet up to LABEL_WIDEST and PROVINCE_WIDEST), its headers wrapped within
    that, their longest word and any unit in parentheses kept whole."""
    rows = table.rows()
    widths = []
    for i in shown:
        column = table.columns[i]
        style = [column.style or table.row_style(r) for r in range(len(rows))]
        cells = [
            _stored_text(row[i], printable, style[r], column.states) for r, row in enumerate(rows)
        ]
        widest = max((len(text) for text in cells), default=0)
        words = max(len(part) for header in (column.vi, column.en) for part in header_parts(header))
        header = min(max(len(column.vi), len(column.en)), HEADER_FLOOR[_numeric(column)])
        cap = WIDEST
        if table.name == "provinces":
            cap = LABEL_WIDEST if column.key in LABELS else PROVINCE_WIDEST
        width = min(cap, max(widest, words, header) + 2)
        widths.append(float(width))  # float-ok: a column width in characters, not money
    return widths


def _lines(text: str, width: float) -> int:
    """How many lines `text` takes wrapped within a column `width` characters wide, each of
    its own lines wrapped apart."""
    import textwrap

    return sum(
        max(1, len(textwrap.wrap(line, width=max(1, int(width) - 1)))) for line in text.split("\n")
    )


def _fit_heights(sheet: Worksheet, title: str, widths: list[float]) -> None:
    """Header rows as tall as their wrapped text; the title's across the whole table."""
    sheet.row_dimensions[TITLE_ROW].height = 18.0 * _lines(title, sum(widths))
    for number, cells in enumerate(sheet.iter_rows(min_row=VI_ROW), start=VI_ROW):
        lines = max(
            _lines(str(cell.value), width) if isinstance(cell.value, str) else 1
            for cell, width in zip(cells, widths, strict=False)
        )
        if lines > 1 or number in (VI_ROW, EN_ROW):
            sheet.row_dimensions[number].height = LINE_HEIGHT * lines
