"""`p135 report`: a plan's money as tables, and provinces side by side.

Tables are pandas DataFrames whose cells hold `Decimal` amounts and shares exactly as the
plan states them (or as derived from them), `int` counts and years, and text. Each table keeps
its columns' kinds and their fixed bilingual headers (`vi`, `en`: what JSON states and the
xlsx workbook shows, in either language of the run), and each title, header and row label
p135 writes as a message of the catalogue, which the text and markdown views show in the
run's language only. Each table also keeps its plan's number style (the provinces table, one
a column), in which the text and markdown views write its figures.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Literal

import pandas as pd

from p135cli.i18n import N_, Message, NumberStyle
from p135cli.model import Plan, amount_in
from p135cli.numbers import to_unit
from p135cli.views.common import WHAT, leaving, share

if TYPE_CHECKING:
    from p135cli.model import Funding

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

    @property
    def header(self) -> str:
        return f"{self.vi} / {self.en}"


def column(key: str, vi: str, en: str, kind: Kind = "text", **args: str) -> Column:
    """A column whose header p135 writes: `en` is the catalogue's msgid (mark it with `N_`),
    `vi` the fixed Vietnamese, both filled with `args` (plan text, such as a unit)."""
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


@dataclass(frozen=True)
class Table:
    """One table of the report: a stable name, a bilingual title, typed columns, the rows."""

    name: str
    vi: str
    en: str
    province: str | None
    unit: str
    columns: tuple[Column, ...]
    frame: pd.DataFrame
    style: NumberStyle | None = None
    """The plan's number style (None for the provinces table: each column has its own)."""

    @property
    def title(self) -> str:
        return f"{self.vi} / {self.en}"

    @property
    def said(self) -> Message:
        """The title in the run's language: `en` is its msgid."""
        return Message(self.en)

    def rows(self) -> list[list[object]]:
        """The cells row by row, in column order; a missing value is None."""
        keys = [column.key for column in self.columns]
        return [[_cell(value) for value in row] for row in self.frame[keys].itertuples(False)]


@dataclass(frozen=True)
class Report:
    plans: tuple[tuple[str, str, tuple[Table, ...]], ...]
    """(path, province, tables) for each plan, in the order given."""
    across: Table

    def tables(self) -> list[Table]:
        return [table for *_, tables in self.plans for table in tables] + [self.across]


def build(plans: Sequence[tuple[str, Plan]]) -> Report:
    """The report of the plans given (path, plan), in that order."""
    per_plan = tuple((path, plan.province, tuple(plan_tables(plan))) for path, plan in plans)
    return Report(per_plan, provinces_table([plan for _path, plan in plans]))


def _cell(value: object) -> object:
    """A frame cell as the table states it: pandas shows a missing cell as NaN."""
    return None if isinstance(value, float) and math.isnan(value) else value


def _frame(columns: Sequence[Column], rows: Iterable[Sequence[object]]) -> pd.DataFrame:
    """A frame of Python objects: pandas must not turn Decimals or missing counts into floats."""
    data = [list(row) for row in rows]
    return pd.DataFrame(data, columns=[c.key for c in columns], dtype=object)


def _table(
    plan: Plan,
    name: str,
    title: tuple[str, str],
    columns: Sequence[Column],
    rows: Iterable[Sequence[object]],
) -> Table:
    unit = plan.funding.unit if plan.funding else COMMON_UNIT
    vi, en = title
    frame = _frame(columns, rows)
    return Table(name, vi, en, plan.province, unit, tuple(columns), frame, plan.number_style)


def _amount(unit: str) -> Column:
    return column("amount", "Số tiền ({unit})", N_("Amount ({unit})"), "amount", unit=unit)


def plan_tables(plan: Plan) -> list[Table]:
    """Every table the plan's figures allow, in reading order."""
    if plan.funding is None:
        return []
    builders = (sources_table, years_table, categories_table, allocations_table)
    return [table for build in builders if (table := build(plan)) is not None]


# --- one plan ----------------------------------------------------------------------------------


def sources_table(plan: Plan) -> Table | None:
    """Funding by source: amount, the share the plan states, and the share the figures give."""
    funding = _funding(plan)
    if not funding.sources:
        return None
    unit = funding.unit
    total = amount_in(funding.total, unit) if funding.total else None
    columns = (
        column("source", "Mã nguồn", N_("Source")),
        column("name", "Tên nguồn vốn", N_("Name as written")),
        _amount(unit),
        column("stated_share", "Tỷ lệ nêu (%)", N_("Stated share (%)"), "percent"),
        column("share", "Tỷ lệ tính (%)", N_("Computed share (%)"), "percent"),
    )
    rows: list[list[object]] = []
    for key, source in funding.sources.items():
        amount = amount_in(source, unit)
        rows.append([key, source.name, amount, source.share, share(amount, total)])
    if total is not None:
        named = Label("Tổng cộng / Total", Message(N_("Total")))
        rows.append(["total", named, total, None, share(total, total)])
    title = ("Vốn theo nguồn", N_("Funding by source"))
    return _table(plan, "sources", title, columns, rows)


def years_table(plan: Plan) -> Table | None:
    """Funding by year, with each year's share of the stated total."""
    funding = _funding(plan)
    if not funding.years:
        return None
    unit = funding.unit
    total = amount_in(funding.total, unit) if funding.total else None
    columns = (
        column("year", "Năm", N_("Year"), "year"),
        _amount(unit),
        column("share", "Tỷ lệ (%)", N_("Share (%)"), "percent"),
    )
    rows = []
    for year, stated in sorted(funding.years.items()):
        amount = amount_in(stated.total, unit)
        rows.append([year, amount, share(amount, total)])
    return _table(plan, "years", ("Vốn theo năm", N_("Funding by year")), columns, rows)


def categories_table(plan: Plan) -> Table | None:
    """The source x year table: each yearly category across the years, against the sources
    it stands for. Without stated categories, the yearly parts across the years alone."""
    funding = _funding(plan)
    unit = funding.unit
    records = [
        (key, year, part.name, amount_in(part, unit))
        for year, stated in funding.years.items()
        for key, part in stated.parts.items()
    ]
    if not records:
        return None
    long = pd.DataFrame(records, columns=["category", "year", "name", "amount"], dtype=object)
    wide = long.pivot(index="category", columns="year", values="amount")
    years = sorted(int(year) for year in wide.columns)
    names = long.drop_duplicates("category").set_index("category")["name"]
    columns = [
        column("category", "Nhóm vốn", N_("Category")),
        column("name", "Tên", N_("Name as written")),
        *(Column(str(year), str(year), str(year), "amount") for year in years),
        column(
            "years_sum", "Cộng các năm ({unit})", N_("Sum of years ({unit})"), "amount", unit=unit
        ),
    ]
    if funding.categories:
        columns += [
            column("stands_for", "Gồm các nguồn", N_("Stands for sources")),
            column(
                "sources_sum",
                "Cộng các nguồn ({unit})",
                N_("Sum of sources ({unit})"),
                "amount",
                unit=unit,
            ),
            column("difference", "Chênh lệch", N_("Difference"), "amount"),
        ]
    rows = [
        _category_row(funding, key, str(names[key]), [wide.at[key, y] for y in years])
        for key in long["category"].drop_duplicates()
    ]
    title = ("Nhóm vốn theo năm và nguồn", N_("Yearly categories against sources"))
    return _table(plan, "categories", title, columns, rows)


def _category_row(funding: Funding, key: str, name: str, by_year: list[object]) -> list[object]:
    amounts = [a for a in by_year if isinstance(a, Decimal)]
    years_sum = sum(amounts, Decimal(0))
    row: list[object] = [key, name, *(a if isinstance(a, Decimal) else None for a in by_year)]
    row.append(years_sum)
    category = funding.categories.get(key)
    if not funding.categories:
        return row
    if category is None:
        return [*row, None, None, None]
    sources = [funding.sources[s] for s in category.stands_for if s in funding.sources]
    stated = [amount_in(s, funding.unit) for s in sources]
    sources_sum = sum((a for a in stated if a is not None), Decimal(0))
    names = ", ".join(category.stands_for)
    return [*row, names, sources_sum, years_sum - sources_sum]


def allocations_table(plan: Plan) -> Table | None:
    """Amounts already allocated against the needs they answer."""
    funding = _funding(plan)
    unit = funding.unit
    rows = []
    for year, stated in sorted(funding.years.items()):
        for key, part in stated.parts.items():
            if part.allocated is None:
                continue
            need = amount_in(part, unit)
            allocated = amount_in(part.allocated, unit)
            decision = part.allocated.decision
            rows.append(
                [
                    year,
                    key,
                    part.name,
                    need,
                    allocated,
                    share(allocated, need),
                    None if need is None or allocated is None else need - allocated,
                    decision.number if decision else None,
                ]
            )
    if not rows:
        return None
    columns = (
        column("year", "Năm", N_("Year"), "year"),
        column("category", "Nhóm vốn", N_("Category")),
        column("name", "Tên", N_("Name as written")),
        column("need", "Nhu cầu ({unit})", N_("Need ({unit})"), "amount", unit=unit),
        column("allocated", "Đã bố trí ({unit})", N_("Allocated ({unit})"), "amount", unit=unit),
        column("share", "Tỷ lệ đã bố trí (%)", N_("Share allocated (%)"), "percent"),
        column(
            "remaining", "Còn thiếu ({unit})", N_("Still to find ({unit})"), "amount", unit=unit
        ),
        column("decision", "Quyết định", N_("Decision")),
    )
    title = ("Đã bố trí so với nhu cầu", N_("Allocated against need"))
    return _table(plan, "allocations", title, columns, rows)


def _funding(plan: Plan) -> Funding:
    assert plan.funding is not None  # plan_tables returns early without funding
    return plan.funding


# --- provinces side by side --------------------------------------------------------------------


Measure = tuple[str, Label, Label, Kind, list[object]]
"""A row of the provinces table: key, Vietnamese and English labels, kind, a value a plan."""


def _measure(key: str, vi: str, en: str, kind: Kind, values: list[object], **args: str) -> Measure:
    """A row whose label p135 writes: `en` is the catalogue's msgid (marked with `N_`), `vi`
    the fixed Vietnamese, both filled with `args` (plan text: a unit, a source's name)."""
    said = Message(en, args)
    return (key, Label(vi.format(**args), said), Label(en.format(**args), said), kind, values)


def provinces_table(plans: Sequence[Plan]) -> Table:
    """One column a plan: period, total, each source's share, who leaves the list each year."""
    measures = [
        _measure("period", "Thời kỳ", N_("Period"), "text", [_period(p) for p in plans]),
        _measure(
            "programme", "Chương trình", N_("Programme"), "text", [p.programme for p in plans]
        ),
        _measure(
            "total",
            "Tổng vốn ({unit})",
            N_("Total funding ({unit})"),
            "amount",
            [_total(p) for p in plans],
            unit=COMMON_UNIT,
        ),
    ]
    measures += _share_measures(plans)
    measures += _leaving_measures(plans)
    columns = [
        Column("measure_vi", "Chỉ tiêu", "Chỉ tiêu", shown=False),
        Column("measure", "Measure", "Measure", said=Message(N_("Measure"))),
    ]
    columns += [
        Column(f"plan_{i}", p.province, p.province, "text", style=p.number_style)
        for i, p in enumerate(plans)
    ]
    rows = [[vi, en, *values] for _key, vi, en, _kind, values in measures]
    frame = _frame(columns, rows)
    frame.insert(0, "key", [key for key, *_rest in measures])
    frame.insert(1, "kind", [kind for *_rest, kind, _values in measures])
    return Table(
        "provinces",
        "Các tỉnh",
        N_("Provinces side by side"),
        None,
        COMMON_UNIT,
        tuple(columns),
        frame,
    )


def _period(plan: Plan) -> str:
    return f"{plan.period.start}–{plan.period.end}"


def _total(plan: Plan) -> Decimal | None:
    funding = plan.funding
    if funding is None or funding.total is None:
        return None
    return to_unit(funding.total.amount, str(funding.total.unit or funding.unit), COMMON_UNIT)


def _source_share(plan: Plan, key: str) -> Decimal | None:
    """The share the figures give, else the share the plan states."""
    funding = plan.funding
    source = funding.sources.get(key) if funding else None
    if funding is None or source is None:
        return None
    total = amount_in(funding.total, funding.unit) if funding.total else None
    return share(amount_in(source, funding.unit), total) or source.share


def _share_measures(plans: Sequence[Plan]) -> list[Measure]:
    names: dict[str, str] = {}
    for plan in plans:
        for key, source in (plan.funding.sources if plan.funding else {}).items():
            names.setdefault(key, source.name)
    measures: list[Measure] = []
    for key, name in names.items():
        values: list[object] = [_source_share(plan, key) for plan in plans]
        if any(value is not None for value in values):
            label = name if len(name) <= 40 else name[:39] + "…"
            vi = Label(f"Tỷ lệ {label} (%)", Message(N_("Share of {name} (%)"), {"name": label}))
            en = Label(f"Share of {key} (%)", vi.said)
            measures.append((f"share_{key}", vi, en, "percent", values))
    return measures


def _leaving_measures(plans: Sequence[Plan]) -> list[Measure]:
    years = sorted({y for p in plans for y in range(p.period.start, p.period.end + 1)})
    measures: list[Measure] = []
    labels = (
        ("communes", "Xã ra khỏi diện ĐBKK {year}", N_("Communes leaving {year}")),
        ("villages", "Thôn ra khỏi diện ĐBKK {year}", N_("Villages leaving {year}")),
    )
    for what, vi, en in labels:
        for year in years:
            values: list[object] = [_leaving(plan, year, what) for plan in plans]
            measures.append(_measure(f"{what}_{year}", vi, en, "count", values, year=str(year)))
    return measures


def _leaving(plan: Plan, year: int, what: str) -> int | None:
    """How many leave the list that year; None where the plan has no roadmap for that year."""
    if plan.roadmap is None or not plan.period.start <= year <= plan.period.end:
        return None
    return leaving(plan.roadmap.years.get(year))[WHAT.index(what)]
