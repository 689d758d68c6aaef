"""A user's own list of administrative units (`--units FILE`, or `units` in the configuration):
the statistics office's export of the list as it stood on a chosen date, as CSV or xlsx, which
p135 reads instead of its own for the provinces it holds, for plans of about that date
(`places.own_applies`).

The office's export (danhmuchanhchinh.gso.gov.vn) has the columns `Tỉnh Thành Phố, Mã TP,
Quận Huyện, Mã QH, Phường Xã, Mã PX, Cấp`; the columns may be in any order, written in
Vietnamese or in English (`province, district, commune, code`), with or without accents, and
a title may stand above the header row. A list of after the 2025 reform has no district
column. openpyxl is imported for an xlsx file only.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from p135cli.i18n import _
from p135cli.names import bare
from p135cli.places import REFORM, OwnList

HEADERS = {
    "province": ("tinh thanh pho", "tinh / thanh pho", "tinh", "thanh pho", "tinh tp", "province"),
    "district": ("quan huyen", "quan / huyen", "huyen", "district"),
    "commune": ("phuong xa", "phuong / xa", "xa", "xa phuong", "commune", "ward", "commune ward"),
    "code": ("ma px", "ma xa", "ma phuong xa", "commune code", "ward code", "code"),
    "level": ("cap", "level", "type"),
}
"""The names a column may have, accentless and in lower case (`names.bare`)."""
REQUIRED = ("province", "commune")
HEADER_ROWS = 10
"""How far down the header row may be (a title and a date may stand above it)."""


class UnitsError(Exception):
    """A list p135 cannot read: one line naming the file, the line and what is wrong."""


LARGEST = 32 * 1024 * 1024
"""The largest list read, in bytes: the whole country's communes before the 2025 reform take
about 1 MB as CSV; a file far larger is not such a list, and would cost minutes to read."""


def read_units(path: Path, on: datetime.date) -> OwnList:
    """The list in `path` (CSV or xlsx) as it stood on `on`: a regular file of at most
    LARGEST bytes."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise UnitsError(_("{path}: no such file").format(path=path)) from None
    except OSError as error:
        raise UnitsError(f"{path}: {error.strerror or error}") from None
    if not path.is_file():
        raise UnitsError(_("{path}: not a regular file").format(path=path))
    if info.st_size > LARGEST:
        raise UnitsError(
            _("{path}: {size} MB, larger than a list of units ({most} MB at most)").format(
                path=path, size=info.st_size // (1024 * 1024), most=LARGEST // (1024 * 1024)
            )
        )
    rows = _xlsx_rows(path) if path.suffix.lower() in (".xlsx", ".xlsm") else _csv_rows(path)
    units = tuple(_units(path, rows))
    if on < REFORM and not any(district for _p, district, _c, _code in units):
        message = _(
            "{path}: a list of before 01/07/2025 names each commune's district (Quận Huyện), "
            "and this one names none"
        )
        raise UnitsError(message.format(path=path))
    return OwnList(str(path), on, units)


def _csv_rows(path: Path) -> list[list[str]]:
    import csv

    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise UnitsError(_("{path}: no such file").format(path=path)) from None
    except UnicodeDecodeError:
        raise UnitsError(
            _("{path}: not UTF-8 text (save it as CSV UTF-8)").format(path=path)
        ) from None
    except OSError as error:
        raise UnitsError(f"{path}: {error.strerror or error}") from None
    return list(csv.reader(text.splitlines(), delimiter=_delimiter(text)))


def _delimiter(text: str) -> str:
    """`;` where the first lines (a title may stand above the header) hold more of it than of
    `,`, as Excel writes CSV under a Vietnamese locale; else `,`."""
    head = "\n".join(text.splitlines()[:HEADER_ROWS])
    return ";" if head.count(";") > head.count(",") else ","


def _xlsx_rows(path: Path) -> list[list[str]]:
    from zipfile import BadZipFile

    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        raise UnitsError(_("{path}: no such file").format(path=path)) from None
    except (BadZipFile, KeyError, ValueError, OSError):
        raise UnitsError(_("{path}: not an xlsx workbook").format(path=path)) from None
    try:
        sheet = book.worksheets[0]
        return [["" if cell is None else str(cell).strip() for cell in row]
                for row in sheet.iter_rows(values_only=True)]  # fmt: skip
    finally:
        book.close()


def _columns(path: Path, rows: Sequence[Sequence[str]]) -> tuple[int, dict[str, int]]:
    """The header row's index and each known column's place in it."""
    for index, row in enumerate(rows[:HEADER_ROWS]):
        found = _named(row)
        if all(name in found for name in REQUIRED):
            return index, found
    wanted = "Tỉnh Thành Phố, Phường Xã (" + _("province, commune") + ")"
    message = _("{path}: no header row with the columns {columns} in its first {count} lines")
    raise UnitsError(message.format(path=path, columns=wanted, count=HEADER_ROWS))


def _named(row: Iterable[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for place, cell in enumerate(row):
        header = " ".join(bare(cell).replace("_", " ").split())
        for name, spellings in HEADERS.items():
            if header in spellings and name not in found:
                found[name] = place
    return found


def _units(path: Path, rows: list[list[str]]) -> Iterator[tuple[str, str, str, str]]:
    start, columns = _columns(path, rows)
    count = 0
    for number, row in enumerate(rows[start + 1 :], start=start + 2):
        if not any(cell.strip() for cell in row):
            continue
        cells = {name: _cell(row, place) for name, place in columns.items()}
        for name in REQUIRED:
            if not cells[name]:
                message = _("{path}:{line}: no {column} name")
                raise UnitsError(message.format(path=path, line=number, column=_column(name)))
        count += 1
        yield cells["province"], cells.get("district", ""), _typed(cells), cells.get("code", "")
    if not count:
        raise UnitsError(_("{path}: no units below the header row").format(path=path))


def _column(name: str) -> str:
    return {"province": _("province"), "commune": _("commune")}[name]


def _cell(row: Sequence[str], place: int) -> str:
    return " ".join(row[place].split()) if place < len(row) else ""


def _typed(cells: dict[str, str]) -> str:
    """The commune's name with its type (`Cấp`: Xã, Phường, Thị trấn) where the name lacks
    it, so that `Thị trấn X` and `Xã X` of one district stay two."""
    name, level = cells["commune"], cells.get("level", "")
    if level and not bare(name).startswith(bare(level)):
        return f"{level} {name}"
    return name


def units_date(text: str, label: str) -> datetime.date:
    """The date a list stood on, written `17/01/2017` or `2017-01-17`."""
    from p135cli.scalars import parse_date

    try:
        if "-" in text:
            return datetime.date.fromisoformat(text.strip())
        return datetime.date(*parse_date(text))
    except ValueError:
        message = _("{label}: '{text}' is not a date such as 17/01/2017 or 2017-01-17")
        raise UnitsError(message.format(label=label, text=text)) from None


def own_list(path: Path | None, date: str | None, label: str) -> OwnList | None:
    """The list `path` names as of `date` (both given, or neither)."""
    if path is None and date is None:
        return None
    if path is None:
        raise UnitsError(_("{label}: a date of a list of units, but no list").format(label=label))
    if date is None:
        message = _("{label}: {path}: give the date the list stood on ({option})")
        raise UnitsError(message.format(label=label, path=path, option="--units-date"))
    return read_units(path, units_date(date, label))
