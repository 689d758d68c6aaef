"""What a table of `p135 report` is: typed columns, bilingual titles and headers, figures with
what the document says of them (qualified, inferred, or derived from qualified figures).

Tables are frames (`Frame`: rows of Python objects under named columns) whose cells hold
`Decimal` amounts and shares exactly as the plan states them (or as derived from them), `int`
counts and years, and text. Each table keeps its columns' kinds and their fixed bilingual
headers (`vi`, `en`: what JSON states and the xlsx workbook shows, in either language of the
run), and each title, header and row label p135 writes as a message of the catalogue, which
the text and markdown views show in the run's language only. Each table also keeps its plan's
number style (the provinces table, one a row), in which the text and markdown views write its
figures.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

from p135cli.i18n import Message, NumberStyle
from p135cli.model import Acknowledgement, Comparator, qualifies

if TYPE_CHECKING:
    from p135cli.views.timeline_model import Timeline

Kind = Literal["text", "amount", "percent", "count", "year"]
COMMON_UNIT = "tỷ đồng"
"""Provinces are compared in one unit; every money unit converts to it exactly."""


@dataclass(frozen=True)
class Column:
    key: str
    vi: str
    en: str
    kind: Kind = "text"
    said: Message | None = None
    """The header in the run's language: a message of the catalogue whose arguments are plan
    text (a unit); None where the header is plan text itself (a province) or a year."""
    style: NumberStyle | None = None
    """The number style of this column's plan, in the provinces table (one plan a column)."""
    shown: bool = True
    """Whether the text and markdown views show it: the Vietnamese labels of the provinces
    table are the workbook's and JSON's, the views show one label in the run's language."""
    states: tuple[str, ...] = ()
    """Marks its header says of every figure in it (`need`: `Nhu cầu vốn (tỷ đồng)`): the views
    people read do not repeat them in each cell; CSV and JSON keep each figure's marks."""

    @property
    def header(self) -> str:
        return f"{self.vi} / {self.en}"


@lru_cache(maxsize=4096)
def column(key: str, vi: str, en: str, kind: Kind = "text", **args: str) -> Column:
    """A column whose header p135 writes: `en` is the catalogue's msgid (mark it with `N_`),
    `vi` the fixed Vietnamese, both filled with `args` (plan text, such as a unit). One
    object for the same header: a report of 10,000 plans holds a few hundred, not 300,000
    (columns are frozen: tables share them)."""
    return Column(key, vi.format(**args), en.format(**args), kind, Message(en, args))


class Label(str):
    """A row label p135 writes into a cell: the fixed text scripts and the workbook read
    (`Tổng cộng / Total`), carrying the message the text and markdown views show instead, in
    the run's language (its arguments are plan text)."""

    said: Message

    def __new__(cls, text: str, said: Message) -> Label:
        label = super().__new__(cls, text)
        label.said = said
        return label


APPROXIMATE = "approximate"
"""The mark of a figure p135 computes from figures the document qualifies (a share of `hơn
29,2`): JSON and CSV write it, the views people read write `≈`."""
INFERRED_MARK = "inferred"
"""The mark of a figure the plan infers, where the document does not state it."""
NEED = "need"
"""The mark of an amount the document states as a need (`Tổng nhu cầu vốn`: what the province
needs), not as funding it plans or was given: Lạng Sơn's 9.039 beside Quảng Ninh's 1.342,439."""
UNEVEN = "does_not_add_up"
"""The mark of the share the parts make of a total they do not add up to (`99,6 (*)`): the
document's own figures disagree, and the table's note says so, and whether the plan
acknowledges it."""


class Marked(Decimal):
    """An amount or a share in a cell, with what is said of it beyond its digits: `marks`
    holds a qualifier the document states (`more_than`: `hơn 29,2`), or `approximate` for a
    figure p135 computes from qualified ones (`≈ 74,3`), and `inferred`.

    Used where a row holds several figures (the provinces side by side, the categories across
    the years, allocated against need); a table of one figure a row says the same in its
    qualifier and basis columns instead."""

    marks: tuple[str, ...]

    def __new__(cls, value: Decimal, marks: tuple[str, ...]) -> Marked:
        figure = super().__new__(cls, value)
        figure.marks = marks
        return figure


class MarkedCount(int):
    """A count in a cell with its marks (`Marked`): `hơn 10` communes leaving in a year."""

    marks: tuple[str, ...]

    def __new__(cls, value: int, marks: tuple[str, ...]) -> MarkedCount:
        count = super().__new__(cls, value)
        count.marks = marks
        return count


def marks_of(value: object) -> tuple[str, ...]:
    """The marks of a cell's value; none for an unmarked one."""
    return value.marks if isinstance(value, Marked | MarkedCount) else ()


def _marks(qualifier: Comparator | None, inferred: object) -> tuple[str, ...]:
    qualified = (str(qualifier),) if qualifier is not None and qualifies(qualifier) else ()
    return qualified + ((INFERRED_MARK,) if inferred else ())


def stated_cell(
    value: Decimal | None, qualifier: Comparator | None, inferred: object
) -> Decimal | None:
    """A stated amount in a cell, marked with its qualifier and whether it is inferred."""
    marks = _marks(qualifier, inferred)
    return Marked(value, marks) if value is not None and marks else value


def count_cell(value: int, qualifier: Comparator | None, inferred: object) -> int:
    """A stated count in a cell, marked likewise."""
    marks = _marks(qualifier, inferred)
    return MarkedCount(value, marks) if marks else value


def derived(value: Decimal | None, *qualifiers: Comparator | None) -> Decimal | None:
    """A share or a sum p135 computes, marked approximate when any figure it is computed from
    is qualified: the share of `hơn 7,5` in `hơn 29,2` is `≈ 25,7`."""
    if value is None or not any(qualifies(q) for q in qualifiers):
        return value
    return Marked(value, (APPROXIMATE,))


OWN_MARKS = frozenset({APPROXIMATE, INFERRED_MARK, NEED, UNEVEN})
"""The marks p135 writes; any other is a qualifier the document states (`more_than`)."""


@dataclass(frozen=True)
class Uneven:
    """The note under a table whose parts do not add up to the total the document states: the
    parts' sum, the total, the share the parts make of it, and the plan's acknowledgement of
    the document's error, if it records one."""

    what: Literal["sources"]
    unit: str
    parts: Decimal
    total: Decimal
    share: Decimal
    acknowledgement: Acknowledgement | None


@dataclass(frozen=True)
class Table:
    """One table of the report: a stable name, a bilingual title, typed columns, the rows."""

    name: str
    vi: str
    en: str
    province: str | None
    unit: str
    columns: tuple[Column, ...]
    frame: Frame
    style: NumberStyle | None = None
    """The plan's number style (None for the provinces tables: each plan has its own)."""
    row_styles: tuple[NumberStyle | None, ...] = ()
    """The number style of each row's plan, where the rows are plans (the provinces table)."""
    keys: int = 1
    """How many leading columns name a row: a table split to fit a width repeats them."""
    named_by: int = 1
    """How many leading columns make a row's name in CSV (`central.new_rural`, a split)."""
    notes: tuple[Uneven, ...] = ()
    """What the table's marked figures need said under it (`UNEVEN`)."""
    label: str | None = None
    """How a heading names the plan where the province alone does not tell it from another
    of the run (two documents of one province: `Phú Thọ · Quyết định 10/01/2025`)."""

    @property
    def title(self) -> str:
        return f"{self.vi} / {self.en}"

    @property
    def said(self) -> Message:
        """The title in the run's language: `en` is its msgid."""
        return Message(self.en)

    def rows(self) -> list[list[object]]:
        """The cells row by row, in column order; a missing value is None."""
        return self.frame.select([column.key for column in self.columns])

    def row_style(self, index: int) -> NumberStyle | None:
        """The number style of a row's figures: its plan's."""
        return self.row_styles[index] if self.row_styles else self.style

    def filled(self) -> list[int]:
        """The columns, by position, that hold at least one value: a view leaves out the
        others (Quảng Ninh states no shares of its own, so its stated-share column is empty)."""
        frame = self.frame
        return [i for i, c in enumerate(self.columns) if any(v is not None for v in frame[c.key])]

    def has_figures(self) -> bool:
        """Whether any figure (an amount, a share, a count) is stated or derived: a table of
        names alone (sources named without amounts) is no funding table to show."""
        figures = [c.key for c in self.columns if c.kind in ("amount", "percent", "count")]
        return any(value is not None for key in figures for value in self.frame[key])


Held = tuple[str, str, bool, str, object]
"""A source's share a plan gives: its key, its name as written, whether it is of a need, its
name as the provinces table compares it, and the share (computed, else stated)."""


@dataclass(frozen=True)
class Facts:
    """What the report needs of a plan beyond its own tables: what the provinces table
    compares, what its heading's label is made of, and what its charts draw. `p135 report`
    keeps these and drops the plan (a plan's model is ~150 KB, these a few hundred bytes)."""

    province: str
    merged_from: tuple[str, ...] | None
    """The provinces it took in, where it states a merger."""
    document: str
    """Its approving document's kind and date (`Quyết định 10/01/2025`), as a label names it."""
    style: NumberStyle | None
    period: tuple[int, int]
    programme: str
    need: bool
    """Whether it states its funding as a need (`need: true` under `funding`)."""
    total: Decimal | None
    """Its stated total in the common unit, marked (`stated_cell`)."""
    shares: tuple[Held, ...]
    leaving: tuple[tuple[str, int, int], ...] | None
    """(communes or villages, year, how many leave, marked) for each year of its period, or
    None where it has no roadmap."""
    roadmap: Timeline | None = None
    """Its roadmap as its chart draws it: only where the report draws charts."""


@dataclass(frozen=True)
class Report:
    plans: tuple[tuple[str, str, tuple[Table, ...]], ...]
    """(path, province, tables) for each plan, in the order given."""
    across: Table
    """The provinces side by side, one row a province: JSON's `by_province`."""
    by_measure: Table
    """The same figures one row a measure, one column a province: the table JSON and CSV
    have always stated under `provinces`, and people read (`compared`)."""
    facts: tuple[Facts, ...] = ()
    """Each plan's facts, in the order of `plans`."""
    charted: bool = False
    """Whether the facts hold what the charts draw (the roadmaps): a report built for a
    picture or a workbook."""

    def compared(self) -> Table:
        """The provinces as the views people read show them (text, markdown, the workbook):
        one column a province, one row a measure, the measures no plan states left out."""
        table = self.by_measure
        plans = [column.key for column in table.columns if column.key.startswith("plan_")]
        held = [any(value is not None for value in row) for row in table.frame.select(plans)]
        return replace(table, frame=table.frame.where(held))

    def stated_tables(self) -> list[Table]:
        """Every table, the provinces one row a measure (JSON and CSV: their contract)."""
        return [table for *_, tables in self.plans for table in tables] + [self.by_measure]


class Frame:
    """A table's cells: rows of Python objects under named columns, a missing value None.

    What the report needs of a data frame, without pandas (which costs `p135 report` a
    second of start-up and its frames more than the plans): a Decimal stays a Decimal, a
    missing count stays None."""

    def __init__(self, columns: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
        self.columns = tuple(columns)
        self._rows = [list(row) for row in rows]
        self._at = {key: i for i, key in enumerate(self.columns)}
        self._by_column: dict[str, list[object]] = {}

    def __len__(self) -> int:
        return len(self._rows)

    @property
    def empty(self) -> bool:
        return not self._rows

    def __getitem__(self, key: str) -> list[object]:
        """A column's cells, top to bottom."""
        if key not in self._by_column:
            at = self._at[key]
            self._by_column[key] = [row[at] for row in self._rows]
        return self._by_column[key]

    def select(self, keys: Sequence[str]) -> list[list[object]]:
        """The rows, each of these columns' cells in this order."""
        at = [self._at[key] for key in keys]
        return [[row[i] for i in at] for row in self._rows]

    def where(self, kept: Sequence[bool]) -> Frame:
        """The rows marked kept, in order."""
        return Frame(
            self.columns, [row for row, keep in zip(self._rows, kept, strict=True) if keep]
        )


def object_frame(columns: Sequence[Column], rows: Iterable[Sequence[object]]) -> Frame:
    """A frame of the table's columns."""
    return Frame([c.key for c in columns], rows)
