"""`p135 report`: a plan's money as tables, and provinces side by side (the tables are
p135cli.views.report_model's; p135cli.views.report_formats prints them).

The provinces are compared through one tidy list, one line a (plan, measure, value), built
from the plans' sources and roadmaps: pivoted one way it is JSON's
`by_province` (one row a province, one column a measure), pivoted the other the table people
read and JSON and CSV have always stated (one row a measure, one column a province: four
provinces read across 80 columns, more are split into tables that repeat the measures).

What a figure is travels with it: a need (`need: true`, Lạng Sơn's "Tổng nhu cầu vốn") is
titled and labelled a need, never a row of funding; sources that miss the total the document
prints make the share they make, marked, with a note saying whether the plan acknowledges it.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING

from p135cli.arithmetic import share
from p135cli.i18n import N_, Message
from p135cli.model import (
    QUALIFIED,
    Acknowledgement,
    Comparator,
    Component,
    Figure,
    Part,
    Plan,
    Quantity,
    RoadmapYear,
    Source,
    SplitPart,
    amount_in,
)
from p135cli.names import identity
from p135cli.numbers import to_unit
from p135cli.views.common import WHAT, leaving
from p135cli.views.report_model import (
    COMMON_UNIT,
    NEED,
    OWN_MARKS,
    UNEVEN,
    Column,
    Facts,
    Frame,
    Held,
    Kind,
    Label,
    Marked,
    Report,
    Table,
    Uneven,
    column,
    count_cell,
    derived,
    marks_of,
    object_frame,
    stated_cell,
)

if TYPE_CHECKING:
    from p135cli.model import Funding


class Reading:
    """A report built while its plans are read: each plan added is reduced to its own tables
    and its `Facts`, and can then be dropped, so that a report over thousands of plans holds
    what it shows, not the plans (p135 report reads 10,000). `charts`: keep what the charts
    draw too (each plan's roadmap as its timeline), for a picture or a workbook."""

    def __init__(self, *, charts: bool = False) -> None:
        self.charts = charts
        self._read: list[tuple[str, Facts, tuple[Table, ...]]] = []

    def add(self, path: str, plan: Plan) -> None:
        """Read one plan, the next in the report's order."""
        self._read.append((path, facts_of(plan, charts=self.charts), tuple(plan_tables(plan))))

    def report(self) -> Report:
        """The report of the plans added, in that order."""
        facts = [fact for _path, fact, _tables in self._read]
        labels = plan_labels(facts)
        per_plan = tuple(
            (path, fact.province, _labelled(tables, label))
            for (path, fact, tables), label in zip(self._read, labels, strict=True)
        )
        long = provinces_long(facts)
        across, by_measure = provinces_table(facts, long), measures_table(facts, long, labels)
        return Report(per_plan, across, by_measure, tuple(facts), self.charts)


def _labelled(tables: tuple[Table, ...], label: str | None) -> tuple[Table, ...]:
    """The tables headed by the plan's label; as they are where it has none (the most)."""
    return tuple(replace(t, label=label) for t in tables) if label is not None else tables


def build(plans: Iterable[tuple[str, Plan]], *, charts: bool = True) -> Report:
    """The report of the plans given (path, plan), in that order."""
    reading = Reading(charts=charts)
    for path, plan in plans:
        reading.add(path, plan)
    return reading.report()


def facts_of(plan: Plan, *, charts: bool = False) -> Facts:
    """What the report needs of a plan beyond its tables (`charts`: its roadmap's timeline)."""
    from p135cli.views.timeline import build as timeline

    merged = plan.merged_from
    document = f"{plan.document.kind} {plan.document.date or ''}".rstrip()
    return Facts(
        province=plan.province,
        merged_from=tuple(merged.provinces) if merged is not None else None,
        document=document,
        style=plan.number_style,
        period=(plan.period.start, plan.period.end),
        programme=plan.programme,
        need=plan.funding is not None and plan.funding.need,
        total=_total(plan),
        shares=tuple(_sources(plan)),
        leaving=_leaving(plan),
        roadmap=timeline(plan) if charts and plan.roadmap is not None else None,
    )


def plan_labels(plans: Sequence[Facts]) -> list[str | None]:
    """How a heading names each plan: by its province, and where the run has another plan of
    the same province (two documents of one year, or the province before and after a merger),
    by its document and date too (`Phú Thọ · Quyết định 10/01/2025`). Where the run has a
    province before and after a merger, the merged one names what it took in (`Phú Thọ (+
    Vĩnh Phúc, Hòa Bình)`) and one merged into it where it went (`Hòa Bình (→ Phú Thọ)`), in
    plan text and signs alone, so that scripts read the same label in either language."""
    named = Counter(identity(plan.province) for plan in plans)
    into = {
        identity(merged): plan.province
        for plan in plans
        if plan.merged_from is not None
        for merged in plan.merged_from
    }
    before = Counter(identity(plan.province) for plan in plans if plan.merged_from is None)
    return [_label(plan, named, before, into) for plan in plans]


def _label(
    plan: Facts, named: Counter[str], before: Counter[str], into: dict[str, str]
) -> str | None:
    """`named`: the run's plans by province; `before`: those that name no merger; `into`: the
    province each merged province went into."""
    key = identity(plan.province)
    merged = plan.merged_from
    took = [p for p in merged if identity(p) in named] if merged is not None else []
    place = plan.province
    if merged is not None and (took or before[key]):
        place = f"{plan.province} (+ {', '.join(merged)})"
    elif merged is None and key in into and identity(into[key]) != key:
        place = f"{plan.province} (→ {into[key]})"
    if named[key] > 1:
        return f"{place} · {plan.document}".rstrip()
    return place if place != plan.province else None


def _qualifier(figure: Figure | Source | Component | None) -> Comparator | None:
    return figure.qualifier if figure is not None else None


@lru_cache(maxsize=4096)
def identifier(key: str, vi: str, en: str) -> Column:
    """A column of the plan's keys (`central`, `new_rural`): CSV and JSON keep it for scripts,
    the views people read show the names beside it instead."""
    return replace(column(key, vi, en), shown=False)


def _table(
    plan: Plan,
    name: str,
    title: tuple[str, str],
    columns: Sequence[Column],
    rows: Iterable[Sequence[object]],
    keys: int = 1,
    named_by: int = 1,
    notes: tuple[Uneven, ...] = (),
) -> Table:
    unit = plan.funding.unit if plan.funding else COMMON_UNIT
    vi, en = title
    frame = object_frame(columns, rows)
    return Table(
        name,
        vi,
        en,
        plan.province,
        unit,
        tuple(columns),
        frame,
        plan.number_style,
        keys=keys,
        named_by=named_by,
        notes=notes,
    )


@lru_cache(maxsize=4096)
def _amount(unit: str, need: bool = False) -> Column:
    """The amount column: `Nhu cầu vốn (tỷ đồng)` where every amount in it is a need."""
    if need:
        said = column("amount", "Nhu cầu vốn ({unit})", N_("Funding need ({unit})"), unit=unit)
        return replace(said, kind="amount", states=(NEED,))
    return column("amount", "Số tiền ({unit})", N_("Amount ({unit})"), "amount", unit=unit)


def _needed(amount: Decimal | None, need: bool) -> Decimal | None:
    """An amount marked as a need where the document states it as one."""
    if amount is None or not need:
        return amount
    return Marked(amount, (*marks_of(amount), NEED))


def _titled(need: bool, funding: tuple[str, str], needed: tuple[str, str]) -> tuple[str, str]:
    """A table's title: what it says of a need where its amounts are needs."""
    return needed if need else funding


def plan_tables(plan: Plan) -> list[Table]:
    """Every table the plan's figures allow, in reading order."""
    if plan.funding is None:
        return []
    builders = (
        sources_table,
        splits_table,
        components_table,
        years_table,
        categories_table,
        allocations_table,
    )
    return [table for build in builders if (table := build(plan)) is not None]


# --- one plan ----------------------------------------------------------------------------------

QUALIFIER_LABELS = {
    Comparator.MORE_THAN: ("hơn", N_("more than")),
    Comparator.NEARLY: ("gần", N_("nearly")),
    Comparator.ABOUT: ("khoảng", N_("about")),
    Comparator.AT_LEAST: ("ít nhất", N_("at least")),
    Comparator.AT_MOST: ("tối đa", N_("at most")),
    Comparator.LESS_THAN: ("dưới", N_("less than")),
}
"""A figure's qualifier as a cell: the document's word, and the reader's language."""

STATED = Label("nêu trong văn bản / stated", Message(N_("stated")))
INFERRED = Label("suy ra / inferred", Message(N_("inferred")))


@lru_cache(maxsize=4096)
def qualifier_cell(qualifier: Comparator | None) -> Label | None:
    """The qualifier of an amount (`hơn / more than`), or None for an exact amount."""
    if qualifier is None or qualifier not in QUALIFIER_LABELS:
        return None
    vi, en = QUALIFIER_LABELS[qualifier]
    return Label(f"{vi} / {en}", Message(en))


QUALIFIER_COLUMN = column("qualifier", "Mức (hơn, gần...)", N_("Qualifier"))
"""Beside an amount the document qualifies: a table has it only when a figure in it does."""


BASIS_COLUMN = column("basis", "Căn cứ", N_("Basis"))
"""Beside a figure the plan infers: a table has it only when a figure in it is inferred."""


def _marked(
    columns: Sequence[Column],
    rows: list[list[object]],
    qualifiers: list[Comparator | None],
    inferred: list[bool],
) -> tuple[list[Column], list[list[object]]]:
    """The table with its qualifier column, and a basis column (stated or inferred) when any
    of its figures is inferred."""
    columns, rows = _qualified(columns, rows, qualifiers)
    if not any(inferred):
        return columns, rows
    basis = [INFERRED if flag else STATED for flag in inferred]
    return [*columns, BASIS_COLUMN], [[*row, b] for row, b in zip(rows, basis, strict=True)]


def _qualified(
    columns: Sequence[Column], rows: list[list[object]], qualifiers: list[Comparator | None]
) -> tuple[list[Column], list[list[object]]]:
    """The table with a qualifier column after its amount, when any of its figures has one
    (a plan that states every figure exactly keeps its tables as they were)."""
    cells = [qualifier_cell(q) for q in qualifiers]
    if not any(cells):
        return list(columns), rows
    at = [c.key for c in columns].index("amount") + 1
    widened = [*columns[:at], QUALIFIER_COLUMN, *columns[at:]]
    return widened, [[*row[:at], cell, *row[at:]] for row, cell in zip(rows, cells, strict=True)]


def sources_table(plan: Plan) -> Table | None:
    """Funding by source: amount, the share the plan states, and the share the figures give."""
    funding = _funding(plan)
    if not funding.sources:
        return None
    unit = funding.unit
    total = amount_in(funding.total, unit) if funding.total else None
    columns: tuple[Column, ...] = (
        identifier("source", "Mã nguồn", N_("Source")),
        column("name", "Tên nguồn vốn", N_("Name as written")),
        _amount(unit, funding.need),
        column("stated_share", "Tỷ lệ nêu (%)", N_("Stated share (%)"), "percent"),
        column("share", "Tỷ lệ tính (%)", N_("Computed share (%)"), "percent"),
    )
    rows: list[list[object]] = []
    qualifiers: list[Comparator | None] = []
    inferred: list[bool] = []
    whole = _qualifier(funding.total)
    for key, source in funding.sources.items():
        amount = amount_in(source, unit)
        computed = derived(share(amount, total), source.qualifier, whole)
        rows.append([key, source.name, _needed(amount, funding.need), source.share, computed])
        qualifiers.append(source.qualifier)
        inferred.append(source.inferred is not None)
    uneven = _uneven(plan)
    if total is not None:
        rows.append(["total", _total_label(funding.need), _needed(total, funding.need), None])
        made = Marked(uneven.share, (*marks_of(uneven.share), UNEVEN)) if uneven else None
        rows[-1].append(made or share(total, total))
        qualifiers.append(funding.total.qualifier if funding.total else None)
        inferred.append(bool(funding.total and funding.total.inferred))
    title = _titled(
        funding.need,
        ("Vốn theo nguồn", N_("Funding by source")),
        ("Nhu cầu vốn theo nguồn", N_("Funding need by source")),
    )
    carried = [funding.sources[key].carried_over for key in funding.sources]
    if total is not None:
        carried.append(funding.carried_over)
    if any(carried):  # vốn kéo dài, beside what it was carried over to
        columns = (*columns, _carried_column(unit))
        rows = [[*row, _carried_amount(c, unit)] for row, c in zip(rows, carried, strict=True)]
    marked = _marked(columns, rows, qualifiers, inferred)
    notes = (uneven,) if uneven and total is not None else ()
    return _table(plan, "sources", title, *marked, keys=2, notes=notes)


def _carried_column(unit: str) -> Column:
    """Capital carried over from earlier years (vốn kéo dài), beside the amount."""
    return column(
        "carried_over", "Vốn kéo dài ({unit})", N_("Carried over ({unit})"), "amount", unit=unit
    )


def _carried_amount(figure: Figure | None, unit: str) -> Decimal | None:
    return None if figure is None else amount_in(figure, unit)


UNNAMED = Label(
    "(văn bản chưa nêu tên) / (not named by the document)",
    Message(N_("(not named by the document)")),
)
"""The row of what a list the document leaves open does not name (`split_partial`)."""


def _unnamed(figure: Source | Part | Component | SplitPart, unit: str) -> Decimal | None:
    """What an open split leaves unnamed of its figure (exact figures only), or None."""
    whole = amount_in(figure, unit)
    parts = [amount_in(part, unit) for part in figure.split.values()]
    exact = figure.qualifier is None and all(p.qualifier is None for p in figure.split.values())
    if not figure.split_partial or whole is None or None in parts or not exact:
        return None
    rest = whole - sum(p for p in parts if p is not None)
    return rest if rest > 0 else None


@lru_cache(maxsize=4096)
def _total_label(need: bool) -> Label:
    """The total row's name: a need's total says it is one (`Tổng nhu cầu vốn`)."""
    if need:
        return Label("Tổng nhu cầu vốn / Total funding need", Message(N_("Total funding need")))
    return Label("Tổng cộng / Total", Message(N_("Total")))


def _uneven(plan: Plan) -> Uneven | None:
    """The sources' sum where it misses the total the document states (as its qualifiers and
    rounding allow: F101's sum, with no tolerance), and the plan's acknowledgement of it."""
    from p135cli.sums import balances

    funding = _funding(plan)
    summed = [b for b in balances(funding) if b.code == "F101"]
    if not summed or summed[0].holds(Decimal(0)):
        return None
    balance = summed[0]
    parts = sum((term.value for term in balance.right), Decimal(0))
    total = sum((term.value for term in balance.left), Decimal(0))
    made = derived(_telling_share(parts, total), *(term.qualifier for term in balance.terms))
    if made is None:
        return None
    pointers = [term.pointer for term in balance.terms]
    return Uneven("sources", funding.unit, parts, total, made, _acknowledgement(plan, pointers))


def _telling_share(part: Decimal, whole: Decimal) -> Decimal | None:
    """`part`'s share of `whole` at one decimal, or at as many more as it takes not to read
    100 (99,96 % is not 100,0 %)."""
    for places in range(1, 7):
        made = share(part, whole, places)
        if made is None or made != 100:
            return made
    return made


SUM_RULES = ("F101", "F100", "F110")
"""The rules under which a plan acknowledges that its document's sources miss its total: the
sum itself, the one figure that explains it, the sum that holds only as qualified."""


def _acknowledgement(plan: Plan, pointers: Sequence[str]) -> Acknowledgement | None:
    """The plan's acknowledgement of a sum's failure: an entry of a sum rule at one of the
    sum's figures, or above it (`/funding/total`)."""
    for entry in plan.acknowledged:
        at = entry.pointer.rstrip("/")
        if entry.rule.upper() in SUM_RULES and any(
            pointer == at or pointer.startswith(at + "/") for pointer in pointers
        ):
            return entry
    return None


def _split(plan: Plan) -> Iterable[tuple[str, Source | Part | Component | SplitPart]]:
    """Every figure the plan splits, named as its split's rows name it: a source by its key
    (`central`), a year's part by year and key (`2018/provincial`), a component by its id
    (`infrastructure`; `components/infrastructure` if a source has that key too); a part that
    is split in turn (a capital by project) by its path (`central/investment`)."""
    funding = _funding(plan)
    top: list[tuple[str, Source | Part | Component | SplitPart]] = list(funding.sources.items())
    for year, stated in sorted(funding.years.items()):
        top.extend((f"{year}/{key}", part) for key, part in stated.parts.items())
    for component in plan.components:  # by its id, unless a source has it too
        clash = component.id in funding.sources
        top.append(((f"components/{component.id}" if clash else component.id), component))
    for key, figure in top:
        yield from _nested(key, figure)


def _nested(
    key: str, figure: Source | Part | Component | SplitPart
) -> Iterator[tuple[str, Source | Part | Component | SplitPart]]:
    yield key, figure
    for part_key, part in figure.split.items():
        if part.split:
            yield from _nested(f"{key}/{part_key}", part)


def splits_table(plan: Plan) -> Table | None:
    """The splits a plan states of a money figure ("trong đó": Lạng Sơn's central budget,
    split between two national target programmes; Phú Yên's infrastructure, by district):
    each part, its share of the figure it splits and of the stated total."""
    funding = _funding(plan)
    unit = funding.unit
    total = amount_in(funding.total, unit) if funding.total else None
    rows: list[list[object]] = []
    qualifiers: list[Comparator | None] = []
    inferred: list[bool] = []
    covers: list[object] = []
    carried: list[Figure | None] = []
    of_total = _qualifier(funding.total)
    for key, whole_figure in _split(plan):
        whole = amount_in(whole_figure, unit)
        for part_key, part in whole_figure.split.items():
            amount = amount_in(part, unit)
            of_whole = derived(share(amount, whole), part.qualifier, whole_figure.qualifier)
            of_all = derived(share(amount, total), part.qualifier, of_total)
            need = funding.need or (isinstance(whole_figure, Part) and whole_figure.need)
            needed = _needed(amount, need)
            rows.append([key, part_key, whole_figure.name, part.name, needed, of_whole, of_all])
            carried.append(part.carried_over)
            qualifiers.append(part.qualifier)
            inferred.append(part.inferred is not None)
            covers.append(_covers(part.covers) if part.covers else None)
        rest = _unnamed(whole_figure, unit)
        if rest is not None:  # a list the document leaves open: the rest it does not name
            of_whole = derived(share(rest, whole), None, whole_figure.qualifier)
            of_all = derived(share(rest, total), None, of_total)
            rows.append([key, "_rest", whole_figure.name, UNNAMED, rest, of_whole, of_all])
            carried.append(None)
            qualifiers.append(None)
            inferred.append(False)
            covers.append(None)
    if not rows:
        return None
    split_share = N_("Share of what it splits (%)")
    columns = [
        identifier("source", "Chia từ", N_("Split of")),
        identifier("part", "Mã phần", N_("Part")),
        column("split_of", "Chia từ (tên)", N_("Split of (name)")),
        column("name", "Tên", N_("Name as written")),
        _amount(unit, funding.need),
        column("source_share", "Tỷ lệ trong phần được chia (%)", split_share, "percent"),
        column("share", "Tỷ lệ trong tổng (%)", N_("Share of the total (%)"), "percent"),
    ]
    if any(covers):
        columns.append(column("covers", "Cho", N_("For")))
        rows = [[*row, cover] for row, cover in zip(rows, covers, strict=True)]
    if any(carried):  # vốn kéo dài of each part, beside its amount
        columns.append(_carried_column(unit))
        rows = [[*row, _carried_amount(c, unit)] for row, c in zip(rows, carried, strict=True)]
    title = ("Trong đó: chia chi tiết", N_("Splits of a figure"))
    marked = _marked(columns, rows, qualifiers, inferred)
    return _table(plan, "splits", title, *marked, keys=4, named_by=2)


def count_text(value: Decimal) -> str:
    """A count as plain text in a cell (`16`)."""
    return f"{value:f}"


def _covers(quantity: Quantity) -> str:
    """How many places a part is for, as the document counts them (`16 xã`), with its
    qualifier (`hơn 16 xã / more than 16 xã`: the views show the run's language)."""
    text = f"{count_text(quantity.quantity)} {quantity.unit}"
    qualifier = quantity.stated_qualifier
    if qualifier is None or qualifier not in QUALIFIER_LABELS:
        return text
    vi, en = QUALIFIER_LABELS[qualifier]
    return Label(f"{vi} {text} / {en} {text}", Message(QUALIFIED[qualifier], {"value": text}))


def components_table(plan: Plan) -> Table | None:
    """The amounts the plan gives its components (projects of the programme), with each
    one's share of the stated total."""
    funding = _funding(plan)
    unit = funding.unit
    total = amount_in(funding.total, unit) if funding.total else None
    stated = [c for c in plan.components if c.amount is not None]
    if not stated:
        return None
    rows: list[list[object]] = []
    whole = _qualifier(funding.total)
    for component in stated:
        amount = amount_in(component, unit)
        computed = derived(share(amount, total), component.qualifier, whole)
        rows.append([component.id, component.name, amount, computed])
    columns = (
        identifier("component", "Hợp phần", N_("Component")),
        column("name", "Tên", N_("Name as written")),
        _amount(unit),
        column("share", "Tỷ lệ trong tổng (%)", N_("Share of the total (%)"), "percent"),
    )
    qualifiers = [c.qualifier for c in stated]
    inferred = [c.inferred is not None for c in stated]
    title = ("Vốn theo hợp phần", N_("Funding by component"))
    marked = _marked(columns, rows, qualifiers, inferred)
    return _table(plan, "components", title, *marked, keys=2)


def years_table(plan: Plan) -> Table | None:
    """Funding by year, with each year's share of the stated total."""
    funding = _funding(plan)
    if not funding.years:
        return None
    unit = funding.unit
    total = amount_in(funding.total, unit) if funding.total else None
    columns = (
        column("year", "Năm", N_("Year"), "year"),
        _amount(unit, funding.need),
        column("share", "Tỷ lệ (%)", N_("Share (%)"), "percent"),
    )
    rows: list[list[object]] = []
    whole = _qualifier(funding.total)
    for year, stated_year in sorted(funding.years.items()):
        figure = stated_year.total
        amount = amount_in(figure, unit)
        computed = derived(share(amount, total), figure.qualifier, whole)
        rows.append([year, _needed(amount, funding.need), computed])
    figures = [stated_year.total for _year, stated_year in sorted(funding.years.items())]
    qualifiers = [figure.qualifier for figure in figures]
    inferred = [figure.inferred is not None for figure in figures]
    marked = _marked(columns, rows, qualifiers, inferred)
    title = _titled(
        funding.need,
        ("Vốn theo năm", N_("Funding by year")),
        ("Nhu cầu vốn theo năm", N_("Funding need by year")),
    )
    return _table(plan, "years", title, *marked)


def categories_table(plan: Plan) -> Table | None:
    """The source x year table: each yearly category across the years, against the sources
    it stands for. Without stated categories, the yearly parts across the years alone."""
    funding = _funding(plan)
    unit = funding.unit
    records = [
        (key, year, part.name, _part_cell(part, unit, funding.need))
        for year, stated_year in funding.years.items()
        for key, part in stated_year.parts.items()
    ]
    if not records:
        return None
    wide = {(key, year): amount for key, year, _name, amount in records}
    years = sorted({int(year) for _key, year, _name, _amount in records})
    names: dict[str, str] = {}  # each category by its first name, in the order first stated
    for key, _year, name, _amount in records:
        names.setdefault(key, name)
    states = (NEED,) if funding.need else ()  # the title says so of every figure
    columns = [
        identifier("category", "Nhóm vốn", N_("Category")),
        column("name", "Tên", N_("Name as written")),
        *(_year_column(year, states) for year in years),
        column(
            "years_sum", "Cộng các năm ({unit})", N_("Sum of years ({unit})"), "amount", unit=unit
        ),
    ]
    if funding.categories:
        columns += [
            identifier("stands_for", "Gồm các nguồn", N_("Stands for sources")),
            column("stands_for_names", "Gồm các nguồn vốn", N_("Sources it stands for")),
            column(
                "sources_sum",
                "Cộng các nguồn ({unit})",
                N_("Sum of sources ({unit})"),
                "amount",
                unit=unit,
            ),
            column("difference", "Chênh lệch", N_("Difference"), "amount"),
            column("basis", "Căn cứ nhóm", N_("Grouping")),
        ]
    rows = [
        _category_row(funding, key, str(name), [wide.get((key, y)) for y in years])
        for key, name in names.items()
    ]
    title = _titled(
        funding.need,
        ("Nhóm vốn theo năm và nguồn", N_("Yearly categories against sources")),
        (
            "Nhu cầu vốn theo nhóm, năm và nguồn",
            N_("Yearly categories of the need against sources"),
        ),
    )
    return _table(plan, "categories", title, columns, rows, keys=2)


@lru_cache(maxsize=256)
def _year_column(year: int, states: tuple[str, ...]) -> Column:
    """A year's column of the categories table (one object a year: tables share it)."""
    return Column(str(year), str(year), str(year), "amount", states=states)


def _part_cell(part: Part, unit: str, need: bool) -> Decimal | None:
    """A year's part in a cell: marked with its qualifier, whether it is inferred, and
    whether the document states it as a need (Quảng Ninh's 2017 provincial budget)."""
    return _needed(
        stated_cell(amount_in(part, unit), part.qualifier, part.inferred), need or part.need
    )


def _category_row(funding: Funding, key: str, name: str, by_year: list[object]) -> list[object]:
    amounts = [a for a in by_year if isinstance(a, Decimal)]
    qualified = _qualified_marks(amounts)
    years_sum = derived(sum(amounts, Decimal(0)), *qualified)
    row: list[object] = [key, name, *(a if isinstance(a, Decimal) else None for a in by_year)]
    row.append(years_sum)
    category = funding.categories.get(key)
    if not funding.categories:
        return row
    if category is None:
        return [*row, None, None, None, None, None]
    sources = [funding.sources[s] for s in category.stands_for if s in funding.sources]
    amounts_stated = [amount_in(s, funding.unit) for s in sources]
    qualifiers = [source.qualifier for source in sources]
    total = sum((a for a in amounts_stated if a is not None), Decimal(0))
    sources_sum = derived(total, *qualifiers)
    difference = derived(sum(amounts, Decimal(0)) - total, *qualified, *qualifiers)
    keys = ", ".join(category.stands_for)
    names = "; ".join(source.name for source in sources)
    basis = INFERRED if category.inferred else STATED
    return [*row, keys, names, sources_sum, difference, basis]


def _qualified_marks(cells: Sequence[object]) -> list[Comparator]:
    """The qualifiers the document states of these cells' figures."""
    return [Comparator(mark) for cell in cells for mark in marks_of(cell) if mark not in OWN_MARKS]


def allocations_table(plan: Plan) -> Table | None:
    """Amounts already allocated against the needs they answer."""
    funding = _funding(plan)
    unit = funding.unit
    rows = []
    for year, stated in sorted(funding.years.items()):
        for key, part in stated.parts.items():
            if part.allocated is None:
                continue
            given = part.allocated
            need = amount_in(part, unit)
            allocated = amount_in(given, unit)
            remaining = None if need is None or allocated is None else need - allocated
            qualifiers = (part.qualifier, given.qualifier)
            rows.append(
                [
                    year,
                    key,
                    part.name,
                    stated_cell(need, part.qualifier, part.inferred),
                    stated_cell(allocated, given.qualifier, given.inferred),
                    derived(share(allocated, need), *qualifiers),
                    derived(remaining, *qualifiers),
                    given.decision.number if given.decision else None,
                ]
            )
    if not rows:
        return None
    columns = (
        column("year", "Năm", N_("Year"), "year"),
        identifier("category", "Nhóm vốn", N_("Category")),
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
    return _table(plan, "allocations", title, columns, rows, keys=3)


def _funding(plan: Plan) -> Funding:
    assert plan.funding is not None  # plan_tables returns early without funding
    return plan.funding


# --- provinces side by side --------------------------------------------------------------------

TOTAL_NEED = "total_need"
"""The measure of a plan's total where the document states it as a need (Lạng Sơn's
`Tổng nhu cầu vốn`): never the row of the funding totals, which add up and compare alike."""
NEED_SHARE = "need_share_"
"""The prefix of the measure of a source's share of a need (`need_share_central`); a source's
share of the funding is `share_central`."""


MEASURES = ("key", "vi", "en", "kind")
"""The columns of the measures frame: a measure's key, its Vietnamese and English labels
(`Label`s, whose message the text and markdown views show), and its kind."""


def _measure(key: str, vi: str, en: str, kind: Kind, **args: str) -> list[object]:
    """A measure whose label p135 writes: `en` is the catalogue's msgid (marked with `N_`),
    `vi` the fixed Vietnamese, both filled with `args` (plan text: a unit, a source's name)."""
    said = Message(en, args)
    return [key, Label(vi.format(**args), said), Label(en.format(**args), said), kind]


Values = list[tuple[int, str, object]]
"""The provinces' figures, tidy: one line a (plan's position in the run, measure, value)."""


def provinces_long(plans: Sequence[Facts]) -> tuple[list[list[object]], Values]:
    """The provinces' figures as tidy lists: the measures in reading order (`MEASURES`), and
    one line a (plan, measure, value), `plan` the plan's position in `plans`."""
    measures = [
        _measure("period", "Thời kỳ", N_("Period"), "text"),
        _measure("programme", "Chương trình", N_("Programme"), "text"),
        _measure(
            "total", "Tổng vốn ({unit})", N_("Total funding ({unit})"), "amount", unit=COMMON_UNIT
        ),
    ]
    if any(plan.need for plan in plans):  # a need is no funding: a row of its own
        measures.append(
            _measure(
                TOTAL_NEED,
                "Tổng nhu cầu vốn ({unit})",
                N_("Total funding need ({unit})"),
                "amount",
                unit=COMMON_UNIT,
            )
        )
    values: Values = [
        (i, key, value)
        for i, plan in enumerate(plans)
        for key, value in (
            ("period", f"{plan.period[0]}–{plan.period[1]}"),
            ("programme", plan.programme),
            (TOTAL_NEED if plan.need else "total", plan.total),
        )
    ]
    shares, share_values = _share_measures(plans)
    leaving_measures, leaving_values = _leaving_measures(plans)
    return measures + shares + leaving_measures, values + share_values + leaving_values


def _pivoted(values: Values) -> dict[tuple[int, str], object]:
    """Each (plan, measure)'s value; a missing one is absent."""
    return {(plan, key): value for plan, key, value in values}


def provinces_table(plans: Sequence[Facts], long: tuple[list[list[object]], Values]) -> Table:
    """One row a plan: its province, period, programme, total, each source's share, and who
    leaves the list each year (one column a measure), each row in its plan's number style."""
    measures, values = long
    wide = _pivoted(values)
    columns = [column("province", "Tỉnh", N_("Province"))]
    columns += [
        Column(str(key), str(vi), str(en), kind, vi.said)  # type: ignore[arg-type, attr-defined]
        for key, vi, en, kind in measures
    ]
    rows = [
        [plan.province, *(wide.get((i, str(m[0]))) for m in measures)]
        for i, plan in enumerate(plans)
    ]
    return Table(
        "provinces",
        "Các tỉnh",
        N_("Provinces side by side"),
        None,
        COMMON_UNIT,
        tuple(columns),
        object_frame(columns, rows),
        row_styles=tuple(plan.style for plan in plans),
    )


def measures_table(
    plans: Sequence[Facts],
    long: tuple[list[list[object]], Values],
    labels: Sequence[str | None] = (),
) -> Table:
    """One row a measure, one column a plan: the provinces table as JSON and CSV state it; a
    plan's column is headed by its label where its province alone would not tell it apart."""
    measures, values = long
    wide = _pivoted(values)
    columns = [
        Column("measure_vi", "Chỉ tiêu", "Measure (Vietnamese)", shown=False),
        Column("measure", "Chỉ tiêu (tiếng Anh)", "Measure", said=Message(N_("Measure"))),
    ]
    names = list(labels) or [None] * len(plans)
    columns += [
        Column(f"plan_{i}", label or p.province, label or p.province, "text", style=p.style)
        for i, (p, label) in enumerate(zip(plans, names, strict=True))
    ]
    rows = [
        [key, kind, vi, en, *(wide.get((i, str(key))) for i in range(len(plans)))]
        for key, vi, en, kind in measures
    ]
    frame = Frame(["key", "kind", *(c.key for c in columns)], rows)
    return Table(
        "provinces",
        "Các tỉnh",
        N_("Provinces side by side"),
        None,
        COMMON_UNIT,
        tuple(columns),
        frame,
        keys=2,  # the labels name a row, in Vietnamese and in English
    )


def _total(plan: Plan) -> Decimal | None:
    """The plan's stated total in the common unit, marked with its qualifier (`hơn 29,2`) and
    whether it is inferred."""
    funding = plan.funding
    if funding is None or funding.total is None:
        return None
    figure = funding.total
    amount = to_unit(figure.amount, str(figure.unit or funding.unit), COMMON_UNIT)
    return stated_cell(amount, figure.qualifier, figure.inferred)


def _sources(plan: Plan) -> list[Held]:
    """The plan's sources that give a share (the one their figures give, else the one they
    state), in its order."""
    held: list[Held] = []
    funding = plan.funding
    if funding is None:
        return held
    total = amount_in(funding.total, funding.unit) if funding.total else None
    whole = _qualifier(funding.total)
    for key, source in funding.sources.items():
        amount = amount_in(source, funding.unit)
        computed = derived(share(amount, total), source.qualifier, whole)
        value = source.share if computed is None else computed
        if value is not None:
            held.append((key, source.name, funding.need, _same_name(source.name), value))
    return held


def _same_name(name: str) -> str:
    """A source's name as the rows compare it: `Ngân sách Trung ương` and `Ngân sách trung
    ương` are one source, `Ngân sách địa phương` and `Nguồn ngân sách địa phương` two."""
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def _share_measures(plans: Sequence[Facts]) -> tuple[list[list[object]], Values]:
    """A measure a source that some plan gives a share to: the share its figures give, else
    the share it states. A row is one source where the plans name it alike (its name as
    written, whatever key each plan gives it: the keys are the YAML's, the names the
    documents'); a key two plans give two sources is two rows, each named as its plan names
    it. A share of a need is never a share of funding: a row of its own."""
    keys: dict[tuple[bool, str], str] = {}  # one source across the plans, in first order
    names: dict[tuple[bool, str], str] = {}
    held = [(i, *share) for i, plan in enumerate(plans) for share in plan.shares]
    for _plan, key, name, need, named, _value in held:
        if (need, named) not in keys:
            prefix = NEED_SHARE if need else "share_"
            keys[(need, named)] = _free_key(f"{prefix}{key}", set(keys.values()))
            names[(need, named)] = name
    measures = [_share_measure(keys[n], names[n], n[0]) for n in keys]
    measures.sort(key=lambda measure: str(measure[0]).startswith(NEED_SHARE))  # funding first
    values: Values = [
        (plan, keys[(need, named)], value) for plan, _k, _n, need, named, value in held
    ]
    return measures, values


def _free_key(key: str, taken: set[str]) -> str:
    """`key`, or `key_2`, `key_3`... where another row has it (a key two plans give two
    sources)."""
    found, n = key, 2
    while found in taken:
        found, n = f"{key}_{n}", n + 1
    return found


def _share_measure(key: str, name: str, need: bool) -> list[object]:
    """The measure of a source's share (its name is plan text), of the funding or of a need."""
    if need:
        return _measure(
            key,
            "Tỷ lệ {name} trong nhu cầu vốn (%)",
            N_("Share of {name} in the funding need (%)"),
            "percent",
            name=name,
        )
    return _measure(key, "Tỷ lệ {name} (%)", N_("Share of {name} (%)"), "percent", name=name)


def _leaving(plan: Plan) -> tuple[tuple[str, int, int], ...] | None:
    """(communes or villages, year, how many leave) for each year of the plan's period, or
    None where it has no roadmap."""
    if plan.roadmap is None:
        return None
    return tuple(
        (what, year, _leaving_count(stated_year, what, count))
        for year in range(plan.period.start, plan.period.end + 1)
        for stated_year in [plan.roadmap.years.get(year)]
        for what, count in zip(WHAT, leaving(stated_year), strict=True)
    )


def _leaving_measures(plans: Sequence[Facts]) -> tuple[list[list[object]], Values]:
    """A measure a year of any plan's period and what leaves the list (communes, villages):
    how many leave that year, for each plan with a roadmap and that year in its period."""
    years = sorted({y for p in plans for y in range(p.period[0], p.period[1] + 1)})
    records = [
        (i, *record) for i, plan in enumerate(plans) if plan.leaving for record in plan.leaving
    ]
    labels = (
        ("communes", "Xã ra khỏi diện ĐBKK {year}", N_("Communes leaving {year}")),
        ("villages", "Thôn ra khỏi diện ĐBKK {year}", N_("Villages leaving {year}")),
    )
    measures = [
        _measure(f"{what}_{year}", vi, en, "count", year=str(year))
        for what, vi, en in labels
        for year in years
    ]
    values: Values = [(plan, f"{what}_{year}", count) for plan, what, year, count in records]
    return measures, values


def _leaving_count(stated_year: RoadmapYear | None, what: str, count: int) -> int:
    """How many leave in a year, marked with the year's qualifier where it states that count
    without names (`hơn 10`; named, the names are the count), and inferred where the year, or
    a name it counts, is."""
    if stated_year is None:
        return count
    counts = stated_year.count
    names = stated_year.communes if what == "communes" else stated_year.villages
    stated_count = counts is not None and getattr(counts, what) is not None
    qualifier = counts.qualifier_of(what) if counts and stated_count and not names else None
    # an inferred year says when these leave: of a kind none of which leaves, it says nothing
    inferred = (stated_year.inferred and count) or any(name.inferred for name in names)
    return count_cell(count, qualifier, inferred)
