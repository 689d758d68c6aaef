"""The plan model: what an approved plan *states*, figure for figure, each with its clause.

Nothing derived is stored: sums, shares and cumulative counts are the rules' business.
Every model forbids unknown keys, so a misspelt key is an error (with the closest valid key).
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from p135cli.i18n import N_
from p135cli.loading import Plain
from p135cli.numbers import NumberStyle, split_unit, to_unit
from p135cli.types import (
    Clause,
    Count,
    DateText,
    Flag,
    Ident,
    Number,
    Percent,
    Text,
    Year,
    describe,
    refused,
)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=False)


class Comparator(StrEnum):
    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    MORE_THAN = "more_than"
    """`trên 3.000`: over the figure, as a results report states an actual."""
    ABOUT = "about"
    EXACTLY = "exactly"


Unit = Literal["tỷ đồng", "triệu đồng", "nghìn đồng", "đồng"]


class Citation(Strict):
    """A document the plan cites or is attached to."""

    kind: Text | None = Field(None, description=describe("Kind, as written", "Loại văn bản"))
    number: Text | None = Field(
        None, description=describe("Number and symbol, e.g. 1722/QĐ-TTg", "Số, ký hiệu")
    )
    title: Text | None = Field(None, description=describe("Title or subject", "Trích yếu"))
    date: DateText | None = Field(
        None, description=describe("Date as written, where stated", "Ngày ban hành")
    )
    issuer: Text | None = Field(None, description=describe("Who issued it", "Cơ quan ban hành"))
    source: Clause


class ApprovingDocument(Strict):
    """The document that approves the plan."""

    kind: Text = Field(description=describe("Kind, as written", "Loại văn bản"))
    number: Text | None = Field(None, description=describe("Number and symbol", "Số, ký hiệu"))
    title: Text = Field(description=describe("Title, as written", "Trích yếu"))
    issuer: Text = Field(description=describe("Who issued it", "Cơ quan ban hành"))
    date: DateText | None = Field(None, description=describe("Date of approval", "Ngày ban hành"))
    known_as: Text | None = Field(
        None, description=describe("Name it is known by, e.g. Đề án 196", "Tên thường gọi")
    )
    attached_to: Citation | None = Field(
        None, description=describe("The decision it is attached to", "Ban hành kèm theo")
    )
    source: Clause


class Period(Strict):
    start: Year = Field(description=describe("First year", "Năm bắt đầu"))
    end: Year = Field(description=describe("Last year", "Năm kết thúc"))
    source: Clause

    @field_validator("end")
    @classmethod
    def _after_start(cls, end: int, info: ValidationInfo) -> int:
        start = info.data.get("start")
        if isinstance(start, int) and end < start:
            raise refused(
                "period", N_("the period ends in {end}, before it starts in {start}"),
                end=end, start=start,
            )  # fmt: skip
        return end


class Scope(Strict):
    """Where the plan applies."""

    description: Text | None = Field(None, description=describe("As written", "Phạm vi"))
    district_count: Count | None = Field(
        None, description=describe("Number of districts stated", "Số huyện")
    )
    districts: list[Text] = Field(default_factory=list, description=describe("Districts", "Huyện"))
    source: Clause


class TargetPart(Strict):
    """A stated part of a target ("of which ...", trong đó): a count, a share, or both."""

    text: Text | None = None
    value: Number | None = Field(None, description=describe("Stated value", "Giá trị"))
    unit: Text | None = Field(None, description=describe("Unit, as written", "Đơn vị"))
    share: Percent | None = Field(
        None, description=describe("Stated share of the whole, %", "Tỷ lệ trong tổng")
    )
    source: Clause


class Target(Strict):
    """One stated target: a value or a range, a unit, a comparator, a year or per year."""

    id: Ident = Field(description=describe("Short stable name", "Mã chỉ tiêu"))
    text: Text = Field(description=describe("The target as written", "Nguyên văn"))
    value: Number | None = Field(None, description=describe("Stated value", "Giá trị"))
    least: Number | None = Field(None, description=describe("Low end of a range", "Cận dưới"))
    most: Number | None = Field(None, description=describe("High end of a range", "Cận trên"))
    unit: Text | None = Field(None, description=describe("Unit, as written", "Đơn vị"))
    comparator: Comparator | None = Field(
        None, description=describe("at least / at most / about / exactly", "Trở lên, khoảng...")
    )
    by: Year | None = Field(None, description=describe("Year to reach it by", "Đến năm"))
    per_year: Flag = Field(False, description=describe("Stated for each year", "Mỗi năm"))
    baseline: Year | None = Field(None, description=describe("Year compared with", "So với năm"))
    of_which: list[TargetPart] = Field(
        default_factory=list, description=describe("Stated parts", "Trong đó")
    )
    source: Clause


class Subset(Strict):
    """A stated subset of a band ("of which 5 especially difficult communes")."""

    text: Text = Field(description=describe("As written", "Nguyên văn"))
    count: Count = Field(description=describe("How many", "Số lượng"))
    source: Clause


class Band(Strict):
    """One band of a banded count: how many reach between `least` and `most`."""

    label: Text = Field(description=describe("As written, e.g. 15-18 tiêu chí", "Nhóm"))
    least: Number = Field(description=describe("Lowest value in the band", "Từ"))
    most: Number = Field(description=describe("Highest value in the band", "Đến"))
    count: Count = Field(description=describe("How many are in the band", "Số lượng"))
    share: Percent | None = Field(None, description=describe("Stated share, %", "Chiếm tỷ lệ"))
    of_which: list[Subset] = Field(default_factory=list, description="Trong đó")
    source: Clause


class Banded(Strict):
    """A whole split into bands, with an optional stated average over them."""

    id: Ident
    text: Text = Field(description=describe("As written", "Nguyên văn"))
    whole: Count = Field(description=describe("How many in all", "Tổng số"))
    unit: Text = Field(description=describe("What is counted", "Đơn vị"))
    by: Year | None = Field(None, description=describe("Year", "Đến năm"))
    bands: list[Band]
    average: Number | None = Field(None, description=describe("Stated average", "Bình quân"))
    average_unit: Text | None = None
    source: Clause


class Commune(Strict):
    name: Text = Field(description=describe("Commune", "Xã"))
    district: Text = Field(description=describe("District", "Huyện"))


class Village(Strict):
    name: Text = Field(description=describe("Village", "Thôn, bản"))
    commune: Text = Field(description=describe("Its commune", "Xã"))
    district: Text = Field(description=describe("Its district", "Huyện"))


class Counts(Strict):
    communes: Count | None = Field(None, description=describe("Communes", "Số xã"))
    villages: Count | None = Field(None, description=describe("Villages", "Số thôn"))


class Goal(Counts):
    by: Year = Field(description=describe("Year the goal is reached by", "Đến hết năm"))
    source: Clause


class RoadmapYear(Strict):
    """What leaves the especially-difficult list by the end of one year."""

    count: Counts | None = Field(None, description=describe("Counts as stated", "Số lượng"))
    communes: list[Commune] = Field(default_factory=list)
    villages: list[Village] = Field(default_factory=list)
    source: Clause


class Roadmap(Strict):
    goal: Goal
    years: dict[Year, RoadmapYear] = Field(description=describe("By year", "Lộ trình theo năm"))


class Quantity(Strict):
    quantity: Number = Field(description=describe("How many", "Số lượng"))
    unit: Text = Field(description=describe("Unit, as written", "Đơn vị"))
    about: Flag = Field(False, description=describe("Stated as approximate", "Khoảng"))


class Output(Quantity):
    """An investment output: works built, km of road, households supported."""

    id: Ident | None = Field(
        None, description=describe("Short stable name, for results to refer to", "Mã")
    )
    what: Text = Field(description=describe("What, as written", "Nội dung"))
    serving: Quantity | None = Field(None, description=describe("Who it serves", "Phục vụ"))
    source: Clause


class _Amounted(Strict):
    """A stated amount; a unit written inside the amount (`'500 triệu đồng'`) is split off."""

    @model_validator(mode="before")
    @classmethod
    def _split_unit(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        amount = data.get("amount")
        if isinstance(amount, str) and not isinstance(amount, Plain):
            number, unit = split_unit(amount)
            if unit is not None:
                if data.get("unit") not in (None, unit):
                    raise refused(
                        "unit", N_("the amount says {a} but unit says {b}"), a=unit, b=data["unit"]
                    )
                data = {**data, "amount": number, "unit": unit}
        return data


class Figure(_Amounted):
    amount: Number = Field(description=describe("Amount as stated", "Số tiền"))
    unit: Unit | None = Field(None, description=describe("Unit if not the funding's", "Đơn vị"))
    source: Clause


class Allocation(Figure):
    """An amount already decided against a stated need."""

    decision: Citation | None = Field(None, description=describe("Deciding document", "Quyết định"))


class NamedFigure(Figure):
    name: Text = Field(description=describe("Name as written", "Tên"))


class Source(_Amounted):
    """A funding source, with its amount and share where stated."""

    name: Text = Field(description=describe("Name as written", "Tên nguồn vốn"))
    amount: Number | None = Field(None, description=describe("Amount as stated", "Số tiền"))
    unit: Unit | None = None
    share: Percent | None = Field(None, description=describe("Stated share, %", "Tỷ lệ"))
    split: dict[Ident, NamedFigure] = Field(
        default_factory=dict, description=describe("Stated split", "Trong đó")
    )
    source: Clause


class Part(NamedFigure):
    """One category of a year's funding."""

    need: Flag = Field(False, description=describe("Stated as a need", "Theo nhu cầu"))
    allocated: Allocation | None = Field(
        None, description=describe("Amount already allocated", "Đã bố trí")
    )


class YearFunding(Strict):
    total: Figure
    parts: dict[Ident, Part] = Field(default_factory=dict)


class Category(Strict):
    """What a yearly category stands for in terms of the sources."""

    stands_for: list[Ident] = Field(description=describe("Source ids", "Các nguồn vốn"))
    note: Text | None = None


class Funding(Strict):
    unit: Unit = Field("tỷ đồng", description=describe("Money unit", "Đơn vị tiền"))
    total: Figure | None = Field(None, description=describe("Total", "Tổng kinh phí"))
    need: Flag = Field(False, description=describe("Total stated as a need", "Tổng nhu cầu"))
    sources: dict[Ident, Source] = Field(default_factory=dict)
    years: dict[Year, YearFunding] = Field(default_factory=dict)
    categories: dict[Ident, Category] = Field(default_factory=dict)


class Amendment(Strict):
    """A decision that amended the plan, and the stated values it changed."""

    kind: Text = Field(description=describe("Kind, as written", "Loại văn bản"))
    number: Text | None = Field(None, description=describe("Number and symbol", "Số, ký hiệu"))
    date: DateText | None = Field(None, description=describe("Date", "Ngày ban hành"))
    issuer: Text | None = Field(None, description=describe("Who issued it", "Cơ quan ban hành"))
    changes: list[Text] = Field(
        description=describe(
            "JSON pointers of the values it changes (a section covers what is below it)",
            "Các giá trị được điều chỉnh",
        )
    )
    reason: Text = Field(description=describe("What it changes and why", "Nội dung điều chỉnh"))
    source: Clause


class Acknowledgement(Strict):
    """A known discrepancy of the document itself, recorded verbatim and explained."""

    rule: Text = Field(description=describe("Rule code, e.g. F101", "Mã quy tắc"))
    pointer: Text = Field(description=describe("JSON pointer of the value", "Vị trí"))
    reason: Text = Field(description=describe("Why the plan keeps it", "Lý do"))


class Component(Strict):
    """A programme component (Chương trình 30a, 135, ...) and who leads it."""

    id: Ident
    name: Text = Field(description=describe("As written", "Tên"))
    lead: Text | None = Field(None, description=describe("Lead agency", "Cơ quan chủ trì"))
    funded_by: list[Text] = Field(
        default_factory=list, description=describe("Funding named for it", "Kinh phí")
    )
    source: Clause


class Plan(Strict):
    """An approved Programme 135 or poverty-reduction plan, as its document states it."""

    province: Text = Field(description=describe("Province", "Tỉnh"))
    programme: Text = Field(description=describe("Programme or scheme", "Chương trình, đề án"))
    number_style: NumberStyle | None = Field(
        None,
        description=describe(
            "How quoted numbers are written: vi 1.342,439 or en 1,342.439", "Cách viết số"
        ),
    )
    document: ApprovingDocument
    period: Period
    legal_basis: list[Citation] = Field(
        default_factory=list, description=describe("Legal basis it cites", "Căn cứ pháp lý")
    )
    cited: list[Citation] = Field(
        default_factory=list,
        description=describe("Other documents it cites", "Văn bản khác được viện dẫn"),
    )
    scope: Scope | None = None
    targets: list[Target] = Field(default_factory=list)
    banded: list[Banded] = Field(
        default_factory=list, description=describe("Counts split into bands", "Phân nhóm")
    )
    components: list[Component] = Field(
        default_factory=list, description=describe("Programme components", "Nội dung thực hiện")
    )
    roadmap: Roadmap | None = None
    outputs: list[Output] = Field(default_factory=list)
    funding: Funding | None = None
    amendments: list[Amendment] = Field(
        default_factory=list,
        description=describe("Decisions that amended the plan", "Văn bản điều chỉnh kế hoạch"),
    )
    acknowledged: list[Acknowledgement] = Field(default_factory=list)


def amount_in(figure: Figure | Source, unit: str) -> Decimal | None:
    """A figure's amount in `unit`, exactly."""
    if figure.amount is None:
        return None
    return to_unit(figure.amount, str(figure.unit or unit), unit)
