"""The formats of `p135 report`: text, markdown, csv, json and an xlsx workbook.

Every format takes the same `Report` (tables of one or more plans) and returns the whole
output, so the command can write it to a file in one step or not at all.

Text and markdown speak the run's language (titles, headers and p135's row labels from the
catalogue) and write each figure in its plan's number style, or in --number-style's. CSV and
JSON are for scripts: their keys and values never change with the language or the style. The
workbook keeps its fixed bilingual headers and Vietnamese sheet names, and stores numbers.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING

from p135cli.i18n import Message, NumberStyle, _
from p135cli.numbers import decimals
from p135cli.output import MARKER
from p135cli.render import escape
from p135cli.render.escape import json_text, one_line, printable
from p135cli.views.common import Clean, console, csv_text, markdown_table, money
from p135cli.views.report import Column, Label, Report, Table

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

NUMERIC = ("amount", "percent", "count", "year")
LABELS = ("measure_vi", "measure")
"""The label columns of the provinces table; its other columns hold one province each."""
CSV_HEADER = ("table", "province", "row", "column", "value", "unit")


def said(message: Message, clean: Clean) -> str:
    """What p135 writes, in the run's language; its arguments (plan text: a unit, a name)
    shown through `clean`, the format's escaping."""
    args = {name: clean(str(value)) for name, value in message.args.items()}
    try:
        return _(message.template).format(**args)
    except (KeyError, IndexError, ValueError):  # a catalogue's slip must not end a run
        return message.template.format(**args)


def cell_text(value: object, clean: Clean, style: NumberStyle | None) -> str:
    """A cell as people read it: amounts and shares with their stated decimals, grouped, in
    `style` (the plan's); p135's own labels in the run's language; text (plan text: names,
    keys, provinces) shown through `clean`, the format's escaping."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return money(value, style)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Label):
        return said(value.said, clean)
    return clean(str(value))


def _stored_text(value: object, clean: Clean, style: NumberStyle | None) -> str:
    """A cell as the workbook stores it: labels as their fixed text."""
    return clean(str(value)) if isinstance(value, Label) else cell_text(value, clean, style)


def _style(table: Table, column: Column) -> NumberStyle | None:
    """The number style of a column's figures: its plan's."""
    return column.style or table.style


def _shown(table: Table) -> list[int]:
    """The columns the text and markdown views show, by position."""
    return [index for index, column in enumerate(table.columns) if column.shown]


def _row_kind(table: Table, index: int, column: Column) -> str:
    """A cell's kind: the column's, or the row's in the provinces table (one row a measure)."""
    if "kind" in table.frame.columns and column.key not in LABELS:
        return str(table.frame["kind"].iloc[index])
    return column.kind


def _row_key(table: Table, index: int, row: list[object]) -> str:
    if "key" in table.frame.columns:
        return str(table.frame["key"].iloc[index])
    return str(row[0])


# --- text and markdown -------------------------------------------------------------------------


def _right_aligned(table: Table, column: Column) -> bool:
    return column.kind in NUMERIC or (table.name == "provinces" and column.key not in LABELS)


def _heading(table: Table, clean: Clean) -> str:
    """The table's title in the run's language, after its province (plan text)."""
    title = said(table.said, clean)
    return f"{clean(table.province)} · {title}" if table.province else title


def _header(column: Column, clean: Clean, joint: str) -> str:
    """A column's fixed bilingual header (the workbook's): Vietnamese and English joined, or
    one when they are the same (a province's name in the provinces table, which is plan text)."""
    vi, en = clean(column.vi), clean(column.en)
    return f"{vi}{joint}{en}" if column.vi != column.en else vi


def _header_said(column: Column, clean: Clean) -> str:
    """A column's header in the run's language (text, markdown); plan text as written."""
    return said(column.said, clean) if column.said else clean(column.en)


def _cells(table: Table, clean: Clean) -> list[list[str]]:
    """The shown cells, row by row, each figure in its plan's style."""
    shown = _shown(table)
    styles = [_style(table, column) for column in table.columns]
    return [[cell_text(row[i], clean, styles[i]) for i in shown] for row in table.rows()]


def render_text(report: Report, *, color: bool, width: int | None) -> str:
    from rich import box
    from rich.table import Table as RichTable

    stream = io.StringIO()
    out = console(stream, color=color, width=width)
    for table in report.tables():
        out.print(_heading(table, printable), style="bold")
        shown = RichTable(box=box.SQUARE)
        for index in _shown(table):
            column = table.columns[index]
            right = _right_aligned(table, column)
            shown.add_column(_header_said(column, printable), justify="right" if right else "left")
        for cells in _cells(table, printable):
            shown.add_row(*cells)
        out.print(shown)
        out.print()
    return stream.getvalue()


def render_markdown(report: Report) -> str:
    lines = [f"<!-- {MARKER.decode()}: p135 report -->"]
    for table in report.tables():
        columns = [table.columns[index] for index in _shown(table)]
        right = {i for i, column in enumerate(columns) if _right_aligned(table, column)}
        headers = [_header_said(c, escape.markdown) for c in columns]
        rows = _cells(table, escape.markdown)
        heading = _heading(table, escape.markdown)
        lines += ["", f"### {heading}", "", *markdown_table(headers, rows, right)]
    return "\n".join(lines) + "\n"


# --- csv and json ------------------------------------------------------------------------------


def _unit(kind: str, table: Table) -> str:
    return {"amount": table.unit, "percent": "%"}.get(kind, "")


def render_csv(report: Report) -> str:
    """One line a figure (tidy data): table, province, row, column, value, unit.

    Numbers are plain decimals (`1342.439`), exactly as stated; a script can pivot them back.
    A text cell a spreadsheet could read as a formula (`=1+2`) starts with `'` (OWASP).
    """
    lines = []
    for table in report.tables():
        for index, row in enumerate(table.rows()):
            key = _row_key(table, index, row)
            for column, value in zip(table.columns, row, strict=True):
                if value is None or column.key in (table.columns[0].key, *LABELS):
                    continue
                province = table.province or column.vi
                kind = _row_kind(table, index, column)
                name = "value" if table.name == "provinces" else column.key
                lines.append((table.name, province, key, name, value, _unit(kind, table)))
    return csv_text(CSV_HEADER, lines)


def _json_value(value: object) -> object:
    return f"{value:f}" if isinstance(value, Decimal) else value


def _json_table(table: Table) -> dict[str, object]:
    columns = [{"key": c.key, "vi": c.vi, "en": c.en, "kind": c.kind} for c in table.columns]
    rows = [
        {c.key: _json_value(v) for c, v in zip(table.columns, row, strict=True)}
        for row in table.rows()
    ]
    if "key" in table.frame.columns:
        for row, key in zip(rows, table.frame["key"], strict=True):
            row["key"] = key
    return {
        "name": table.name,
        "title": {"vi": table.vi, "en": table.en},
        "unit": table.unit,
        "columns": columns,
        "rows": rows,
    }


def render_json(report: Report) -> str:
    """Amounts and shares as decimal strings (exact), counts and years as integers."""
    data = {
        "version": 1,
        "generator": MARKER.decode(),
        "plans": [
            {"path": path, "province": province, "tables": [_json_table(t) for t in tables]}
            for path, province, tables in report.plans
        ],
        "provinces": _json_table(report.across),
    }
    return json_text(data) + "\n"


# --- xlsx --------------------------------------------------------------------------------------

FORBIDDEN_IN_SHEET_NAMES = str.maketrans({c: " " for c in "[]:*?/\\"})


def _sheet_name(table: Table, taken: set[str]) -> str:
    short = {
        "sources": "Nguồn vốn",
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


def render_xlsx(report: Report) -> bytes:
    """A workbook with a sheet a table, headers in Vietnamese and English, widths that fit."""
    import openpyxl
    from openpyxl.styles import Alignment, Font

    book = openpyxl.Workbook()
    for sheet in book.worksheets:  # a new workbook starts with an empty sheet
        book.remove(sheet)
    book.properties.creator = "p135"
    book.properties.description = MARKER.decode()
    taken: set[str] = set()
    for table in report.tables():
        sheet = book.create_sheet(_sheet_name(table, taken))
        _append_text(sheet, [_header(c, printable, " / ") for c in table.columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for index, row in enumerate(table.rows()):
            _append_row(sheet, table, index, row)
        sheet.freeze_panes = "B2"
        _fit_widths(sheet, table)
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def _append_text(sheet: Worksheet, row: list[object]) -> None:
    """Append a row whose text is stored as text, never as a formula: plan text such as
    `=HYPERLINK(...)` stays the string it is (openpyxl reads a leading `=` as a formula)."""
    sheet.append([printable(value) if isinstance(value, str) else value for value in row])
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"


def _append_row(sheet: Worksheet, table: Table, index: int, row: list[object]) -> None:
    _append_text(sheet, row)
    for column, cell in zip(table.columns, sheet[sheet.max_row], strict=True):
        kind = _row_kind(table, index, column)
        if kind in NUMERIC and cell.value is not None:
            cell.number_format = _number_format(cell.value, kind)


def _fit_widths(sheet: Worksheet, table: Table) -> None:
    from openpyxl.utils import get_column_letter

    style = [_style(table, column) for column in table.columns]
    for number, column in enumerate(table.columns, start=1):
        cells = (
            _stored_text(row[number - 1], printable, style[number - 1]) for row in table.rows()
        )
        texts = [column.vi, column.en, *cells]
        width = min(60, max(len(text) for text in texts) + 2)
        sheet.column_dimensions[get_column_letter(number)].width = width


FORMATS: dict[str, Callable[[Report], str | bytes]] = {
    "markdown": render_markdown,
    "csv": render_csv,
    "json": render_json,
    "xlsx": render_xlsx,
}
