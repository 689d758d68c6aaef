"""The plan model: what an approved plan *states*, figure for figure, each with its clause.

Nothing derived is stored: sums, shares and cumulative counts are the rules' business.
Every model forbids unknown keys, so a misspelt key is an error (with the closest valid key).
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any, Literal, Protocol, TypeGuard

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationInfo,
    ValidatorFunctionWrapHandler,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from p135cli.arithmetic import SAFE, Interval, interval_of, rounded_interval
from p135cli.i18n import N_
from p135cli.loading import Plain
from p135cli.numbers import (
    UNIT_SPELLINGS,
    UNITS,
    NumberError,
    NumberStyle,
    canonical_unit,
    qualifier_word,
    split_unit,
    to_unit,
)
from p135cli.scalars import (
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
    json_words,
    parse_date,
    refused,
)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=False)


class Comparator(StrEnum):
    """How a document qualifies a figure: `hơn`/`trên` (more than), `gần` (nearly), `khoảng`
    (about), `ít nhất`/`trở lên` (at least), `tối đa` (at most), `dưới` (less than)."""

    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    MORE_THAN = "more_than"
    """`trên 3.000`, `hơn 29,2`: over the figure, below its next unit."""
    NEARLY = "nearly"
    """`gần 21,7`: under the figure, above its previous unit, and within a tenth of it."""
    LESS_THAN = "less_than"
    """`dưới 5`: under the figure."""
    ABOUT = "about"
    EXACTLY = "exactly"


def qualifies(qualifier: Comparator | None) -> TypeGuard[Comparator]:
    """Whether a qualifier makes its figure approximate (`exactly` does not)."""
    return qualifier is not None and qualifier is not Comparator.EXACTLY


QUALIFIED = {
    Comparator.MORE_THAN: N_("more than {value}"),
    Comparator.NEARLY: N_("nearly {value}"),
    Comparator.ABOUT: N_("about {value}"),
    Comparator.AT_LEAST: N_("at least {value}"),
    Comparator.AT_MOST: N_("at most {value}"),
    Comparator.LESS_THAN: N_("less than {value}"),
    Comparator.EXACTLY: N_("exactly {value}"),
}
"""A qualified figure as a person reads it: `hơn 29,2` in Vietnamese, `more than 29.2`."""

WORDED = {
    "trên": N_("over {value}"),
    "xấp xỉ": N_("approximately {value}"),
    "chừng": N_("roughly {value}"),
    "tối thiểu": N_("at minimum {value}"),
    "không dưới": N_("no less than {value}"),
    "không quá": N_("no more than {value}"),
    "trở lên": N_("{value} or more"),
    "trở xuống": N_("{value} or less"),
}
"""The words a document may use for a qualifier besides the one QUALIFIED says it with: a
message quotes the document's own (`trên 909`, not `hơn 909`)."""


def qualified_as(qualifier: Comparator, word: str | None = None) -> str:
    """The template a qualified figure is said with: in the document's word, where known."""
    return WORDED.get(word or "", QUALIFIED[qualifier])


UNIT_NAMES = ("tỷ đồng", "triệu đồng", "nghìn đồng", "đồng")
"""The money units p135 computes in; every spelling of them (`tỉ`, `tr.đ`, `ngàn`, `đ`) is
read as one of these."""


def _read_unit(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    unit = canonical_unit(value)
    if unit is None:
        raise PydanticCustomError(
            "unit",
            "{message}",
            {
                "message": NumberError(
                    N_(
                        "'{unit}' is not a money unit p135 knows: write tỷ đồng (tỷ, tỉ), triệu "
                        "đồng (triệu, tr.đ), nghìn đồng (nghìn, ngàn) or đồng (đ)"
                    ),
                    unit=value,
                ).text
            },
        )
    return unit


UNIT_SCHEMA = {
    "anyOf": [
        {"enum": list(UNIT_SPELLINGS), "type": "string"},
        {"type": "string", "pattern": f"^(?:{'|'.join(map(json_words, UNIT_SPELLINGS))})$"},
    ]
}
"""A money unit in any spelling, also as the loader's NFC normalisation joins its letters."""
Unit = Annotated[
    Literal["tỷ đồng", "triệu đồng", "nghìn đồng", "đồng"],
    BeforeValidator(_read_unit),
    WithJsonSchema(UNIT_SCHEMA),
]


def lift_qualifier(data: dict[str, Any], field: str, qualifier_field: str) -> dict[str, Any]:
    """`data` with the qualifier written in its figure (`value: "trên 390"`, `amount: "hơn
    29,2"`) moved to `qualifier_field`, refused where that field says another."""
    figure = data.get(field)
    if not isinstance(figure, str):
        return data
    qualifier, word, rest = qualifier_word(figure)
    if qualifier is None:
        return data
    if data.get(qualifier_field) not in (None, qualifier):
        raise refused(
            "qualifier",
            N_("{field} says {a} but {qualifier_field} says {b}"),
            at=qualifier_field,
            field=field,
            qualifier_field=qualifier_field,
            a=f"'{word}'",
            b=data[qualifier_field],
        )
    rest = Plain(rest) if isinstance(figure, Plain) else rest
    return {**data, field: rest, qualifier_field: qualifier}


class Inferable(Strict):
    """A part of a plan that may be inferred rather than stated: `inferred` says why."""

    inferred: Text | None = Field(
        None,
        description=describe(
            "Not stated by the document but inferred: the reason", "Suy ra, không nêu: lý do"
        ),
    )


class Citation(Inferable):
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
    session: Text | None = Field(
        None,
        description=describe(
            "The issuing council's term and session, as written: khóa XIII, kỳ họp thứ 4",
            "Khóa, kỳ họp",
        ),
    )
    source: Clause


class ApprovingDocument(Inferable):
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


class Period(Inferable):
    start: Year = Field(description=describe("First year", "Năm bắt đầu"))
    end: Year = Field(description=describe("Last year", "Năm kết thúc"))
    starts: DateText | None = Field(
        None, description=describe("First day, where stated: 01/01/2017", "Từ ngày")
    )
    ends: DateText | None = Field(
        None, description=describe("Last day, where stated: 31/12/2020", "Đến hết ngày")
    )
    source: Clause

    @model_validator(mode="after")
    def _days_in_years(self) -> Period:
        """A stated first or last day lies in the first or last year."""
        for day, year in ((self.starts, self.start), (self.ends, self.end)):
            stated = _year_of(day)
            if stated is not None and stated != year:
                raise refused(
                    "period", N_("the period's day {day} is not in its year {year}"),
                    day=day, year=year,
                )  # fmt: skip
        return self

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


def _year_of(day: str | None) -> int | None:
    """The year of a date as written, or None where there is none to read."""
    if day is None:
        return None
    try:
        return parse_date(day)[0]
    except ValueError:
        return None


class TargetPart(Inferable):
    """A stated part of a target ("of which ...", trong đó): a count, a share, or both."""

    text: Text | None = None
    value: Number | None = Field(None, description=describe("Stated value", "Giá trị"))
    unit: Text | None = Field(None, description=describe("Unit, as written", "Đơn vị"))
    share: Percent | None = Field(
        None, description=describe("Stated share of the whole, %", "Tỷ lệ trong tổng")
    )
    source: Clause


class Change(StrEnum):
    """Which way a target stated as a change moves (`giảm`, `tăng`)."""

    DECREASE = "decrease"
    INCREASE = "increase"


class Levels(Strict):
    """The levels a document gives beside a change: from `start` (at the baseline) to `end`
    (by the target's year): `từ 8,5% năm 2019 xuống còn 4,14%`."""

    start: Number = Field(description=describe("Level at the baseline", "Mức đầu kỳ"))
    end: Number = Field(description=describe("Level reached", "Mức cuối kỳ"))
    source: Clause | None = None


class Target(Inferable):
    """One stated target: a value or a range, a unit, a comparator, a year or per year; or a
    change (`change: decrease`, `giảm 4,36% so với năm 2019`), against `baseline` or a year."""

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
    before: Year | None = Field(
        None,
        description=describe(
            "Year it is due before, the year itself excluded: trước năm 2019", "Trước năm"
        ),
    )
    per_year: Flag = Field(False, description=describe("Stated for each year", "Mỗi năm"))
    average: Flag = Field(
        False,
        description=describe(
            "Stated as an average a year over the period (bình quân), not for each year",
            "Bình quân mỗi năm",
        ),
    )
    baseline: Year | None = Field(None, description=describe("Year compared with", "So với năm"))
    change: Change | None = Field(
        None,
        description=describe(
            "The value is a change, not a level to reach: decrease (giảm) or increase (tăng)",
            "Giảm, tăng",
        ),
    )
    points: Flag = Field(
        False,
        description=describe(
            "The change is in percentage points of a rate (điểm phần trăm)", "Điểm phần trăm"
        ),
    )
    levels: Levels | None = Field(
        None,
        description=describe(
            "The levels the document gives beside the change", "Mức đầu kỳ, cuối kỳ"
        ),
    )
    of_which: list[TargetPart] = Field(
        default_factory=list, description=describe("Stated parts", "Trong đó")
    )
    source: Clause

    @model_validator(mode="after")
    def _average_or_each_year(self) -> Target:
        if self.average and self.per_year:
            raise refused(
                "average",
                N_(
                    "a target is an average a year over the period (average: true, bình quân) "
                    "or holds each year (per_year: true, mỗi năm, hằng năm), not both"
                ),
            )
        return self

    @model_validator(mode="after")
    def _by_or_before(self) -> Target:
        if self.by is not None and self.before is not None:
            raise refused(
                "before",
                N_(
                    "a target is due by a year (by, đến năm: that year included) or before one "
                    "(before, trước năm: that year excluded), not both"
                ),
            )
        return self

    @model_validator(mode="after")
    def _levels_of_a_change(self) -> Target:
        below = [v for v in (self.value, self.least, self.most) if v is not None and v < 0]
        if self.change is not None and below:
            raise refused(
                "change",
                N_(
                    "a change is stated by its size, {value}: say which way with "
                    "change: decrease or increase"
                ),
                value=below[0],
            )
        for name in ("levels", "points"):
            if getattr(self, name) and self.change is None:
                raise refused(
                    name,
                    N_(
                        "{name} belongs to a target stated as a change: say which way it "
                        "moves (change: decrease or increase)"
                    ),
                    name=name,
                )
        return self


_BELOW = frozenset({Comparator.NEARLY, Comparator.LESS_THAN})


def possible(
    value: Decimal | int | None, qualifier: Comparator | None, at: str | None = None
) -> None:
    """Refuse `gần 0` and `dưới 0`: money and counts are never below 0, so they allow no
    value, and a sum with one could only fail, saying nothing true. `at`: the key refused."""
    if qualifier in _BELOW and value is not None and not value:
        raise refused(
            "qualifier",
            N_(
                "nearly 0 or less than 0 allows no value (nothing here is below 0): record 0 "
                "without the qualifier, or the figure the document means"
            ),
            at=at,
        )


class _Possible:
    """A count or an amount with its qualifier, refused where the two allow no value."""

    @model_validator(mode="after")
    def _possible(self) -> Any:
        # The fields by the instance's dict: `getattr` of a name the model lacks goes through
        # pydantic's `__getattr__` and an AttributeError, for every count of every plan.
        fields = self.__dict__
        qualifier = fields.get("qualifier")
        for name in ("amount", "count", "whole", "communes", "villages", "quantity"):
            possible(fields.get(name), qualifier)
        return self


COUNT_QUALIFIER = describe(
    "The document's qualifier of the count: more_than (hơn, trên), nearly (gần), about "
    "(khoảng), at_least, at_most, less_than",
    "Hơn, gần, khoảng...",
)
"""What `qualifier` says beside a count of a banded whole, of a band or of a subset."""


class Subset(_Possible, Inferable):
    """A stated subset of a band ("of which 5 especially difficult communes")."""

    text: Text = Field(description=describe("As written", "Nguyên văn"))
    count: Count = Field(description=describe("How many", "Số lượng"))
    qualifier: Comparator | None = Field(None, description=COUNT_QUALIFIER)
    source: Clause


class ScopeGroup(_Possible, Inferable):
    """A group of places the scope names, with its count and the document that lists it,
    where stated: `55 xã có tính chất đặc thù theo Quyết định số 140`."""

    what: Text = Field(description=describe("The group, as written", "Nhóm địa bàn"))
    count: Count | None = Field(None, description=describe("How many, where stated", "Số lượng"))
    unit: Text | None = Field(None, description=describe("What is counted: xã, thôn", "Đơn vị"))
    qualifier: Comparator | None = Field(None, description=COUNT_QUALIFIER)
    listed_in: Text | None = Field(
        None,
        description=describe(
            "The number of the document that lists them, e.g. 140-QĐ/TU", "Văn bản xác định"
        ),
    )
    source: Clause


class Scope(Inferable):
    """Where the plan applies."""

    description: Text | None = Field(None, description=describe("As written", "Phạm vi"))
    district_count: Count | None = Field(
        None, description=describe("Number of districts stated", "Số huyện")
    )
    districts: list[Text] = Field(default_factory=list, description=describe("Districts", "Huyện"))
    groups: list[ScopeGroup] = Field(
        default_factory=list,
        description=describe(
            "Groups of places it names, with their count where stated: 55 xã đặc thù",
            "Nhóm địa bàn (xã đặc thù, xã khu vực III...)",
        ),
    )
    source: Clause


class Band(_Possible, Inferable):
    """One band of a banded count: how many reach between `least` and `most`."""

    label: Text = Field(description=describe("As written, e.g. 15-18 tiêu chí", "Nhóm"))
    least: Number = Field(description=describe("Lowest value in the band", "Từ"))
    most: Number = Field(description=describe("Highest value in the band", "Đến"))
    count: Count = Field(description=describe("How many are in the band", "Số lượng"))
    qualifier: Comparator | None = Field(None, description=COUNT_QUALIFIER)
    share: Percent | None = Field(None, description=describe("Stated share, %", "Chiếm tỷ lệ"))
    of_which: list[Subset] = Field(default_factory=list, description="Trong đó")
    source: Clause


class Banded(_Possible, Inferable):
    """A whole split into bands, with an optional stated average over them."""

    id: Ident
    text: Text = Field(description=describe("As written", "Nguyên văn"))
    whole: Count = Field(description=describe("How many in all", "Tổng số"))
    qualifier: Comparator | None = Field(
        None,
        description=describe(
            "The document's qualifier of the whole: more_than (hơn, trên), nearly (gần), "
            "about (khoảng), at_least, at_most, less_than",
            "Hơn, gần, khoảng... (của tổng số)",
        ),
    )
    unit: Text = Field(description=describe("What is counted", "Đơn vị"))
    by: Year | None = Field(None, description=describe("Year", "Đến năm"))
    bands: list[Band]
    average: Number | None = Field(None, description=describe("Stated average", "Bình quân"))
    average_unit: Text | None = None
    source: Clause


DISTRICT = describe(
    "Its district; none in a document dated from 01/07/2025, when districts were abolished",
    "Huyện (không có từ 01/07/2025)",
)


class Commune(Inferable):
    name: Text = Field(description=describe("Commune", "Xã"))
    district: Text | None = Field(None, description=DISTRICT)


class Village(Inferable):
    name: Text = Field(description=describe("Village", "Thôn, bản"))
    commune: Text = Field(description=describe("Its commune", "Xã"))
    district: Text | None = Field(None, description=DISTRICT)


class Counts(_Possible, Strict):
    """Counts of communes and villages, with the document's qualifier: `qualifier` for both
    (`khoảng 40 xã và 120 thôn`), or one for each (`1 xã và hơn 10 thôn`: `villages_qualifier:
    more_than`)."""

    communes: Count | None = Field(None, description=describe("Communes", "Số xã"))
    villages: Count | None = Field(None, description=describe("Villages", "Số thôn"))
    qualifier: Comparator | None = Field(
        None, description=describe("The document's qualifier of the counts", "Hơn, khoảng...")
    )
    communes_qualifier: Comparator | None = Field(
        None,
        description=describe("The document's qualifier of the communes alone", "Hơn... (số xã)"),
    )
    villages_qualifier: Comparator | None = Field(
        None,
        description=describe("The document's qualifier of the villages alone", "Hơn... (số thôn)"),
    )

    @model_validator(mode="after")
    def _one_qualifier_each(self) -> Counts:
        for kind in ("communes", "villages"):
            own = getattr(self, f"{kind}_qualifier")
            if own is not None and self.qualifier is not None:
                raise refused(
                    f"{kind}_qualifier",
                    N_(
                        "qualifier already covers both counts: give each count its own "
                        "(communes_qualifier, villages_qualifier) or both the one qualifier"
                    ),
                )
            possible(getattr(self, kind), own)
        return self

    def qualifier_of(self, kind: str) -> Comparator | None:
        """The qualifier of the count of `kind` (`communes` or `villages`): its own, else the
        one both share."""
        own: Comparator | None = getattr(self, f"{kind}_qualifier")
        return own if own is not None else self.qualifier


class Goal(Counts):
    by: Year = Field(description=describe("Year the goal is reached by", "Đến hết năm"))
    source: Clause


class RoadmapYear(Inferable):
    """What leaves the especially-difficult list by the end of one year."""

    count: Counts | None = Field(None, description=describe("Counts as stated", "Số lượng"))
    communes: list[Commune] = Field(default_factory=list)
    villages: list[Village] = Field(default_factory=list)
    source: Clause


class Leaving(Protocol):
    """A year of a roadmap or of a results report: the counts it states, the names it lists."""

    @property
    def count(self) -> Counts | None: ...
    @property
    def communes(self) -> list[Commune]: ...
    @property
    def villages(self) -> list[Village]: ...


class Roadmap(Strict):
    goal: Goal
    years: dict[Year, RoadmapYear] = Field(description=describe("By year", "Lộ trình theo năm"))


class Quantity(_Possible, Strict):
    quantity: Number = Field(description=describe("How many", "Số lượng"))
    unit: Text = Field(description=describe("Unit, as written", "Đơn vị"))
    about: Flag = Field(False, description=describe("Stated as approximate", "Khoảng"))
    qualifier: Comparator | None = Field(
        None, description=describe("The document's qualifier", "Hơn, gần, khoảng...")
    )

    @property
    def stated_qualifier(self) -> Comparator | None:
        """The qualifier, `about: true` being the older way to write `qualifier: about`."""
        return self.qualifier or (Comparator.ABOUT if self.about else None)


class Output(Quantity, Inferable):
    """An investment output: works built, km of road, households supported."""

    id: Ident | None = Field(
        None, description=describe("Short stable name, for results to refer to", "Mã")
    )
    what: Text = Field(description=describe("What, as written", "Nội dung"))
    serving: Quantity | None = Field(None, description=describe("Who it serves", "Phục vụ"))
    source: Clause


class Rounding(Inferable):
    """How a document rounds its figures: to a unit (`to: 1` for whole tỷ đồng, `to: "0,1"`),
    half up (`rounded`, the default) or cut (`cut: true`: 273,768 written 273). A news article
    that writes "2.688 tỷ" for 2.688,969 says so by its figures alone, which is why a rounding
    usually carries `inferred: <why>` rather than a clause."""

    to: Number = Field(description=describe("The unit it rounds to", "Làm tròn đến"))
    cut: Flag = Field(False, description=describe("Cut, not rounded", "Bỏ phần lẻ"))
    source: Clause | None = None

    @field_validator("to")
    @classmethod
    def _positive(cls, to: Decimal) -> Decimal:
        if to <= 0:
            raise refused("rounding", N_("a figure is rounded to a unit above 0, not {to}"), to=to)
        return to


ROUNDED = Field(
    None,
    description=describe(
        "How the document rounds it (to a unit; cut: true when cut)", "Cách làm tròn"
    ),
)


class _Amounted(_Possible, Inferable):
    """A stated amount, as the document writes it: a unit written inside the amount
    (`'500 triệu đồng'`, `'4 tỉ'`) is split off into `unit`, and a qualifier before or after it
    (`'hơn 29,2'`, `'gần 800 triệu đồng'`) into `qualifier`."""

    qualifier: Comparator | None = Field(
        None,
        description=describe(
            "The document's qualifier: more_than (hơn, trên), nearly (gần), about (khoảng), "
            "at_least, at_most, less_than",
            "Hơn, gần, khoảng...",
        ),
    )
    rounded: Rounding | None = ROUNDED
    _word: str | None = PrivateAttr(None)
    """The document's word for the qualifier, where the amount writes one (`trên`, `hơn`)."""

    @model_validator(mode="wrap")
    @classmethod
    def _keep_word(cls, data: Any, handler: ValidatorFunctionWrapHandler) -> Any:
        """Remember the word the amount's qualifier is written with (`trên 909`), so that
        messages quote it, not another word for the same qualifier (`hơn 909`)."""
        made = handler(data)
        amount = data.get("amount") if isinstance(data, dict) else None
        if isinstance(amount, str) and isinstance(made, _Amounted):
            made._word = qualifier_word(amount)[1]
        return made

    @property
    def said_word(self) -> str | None:
        """The document's word for the qualifier (`trên`), None where it writes none."""
        return self._word

    @model_validator(mode="before")
    @classmethod
    def _split_unit(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        amount = data.get("amount")
        if not isinstance(amount, str):
            return data
        data = lift_qualifier(data, "amount", "qualifier")
        amount = data["amount"]
        if isinstance(amount, Plain):
            return data
        try:
            number, unit = split_unit(amount)
        except NumberError as exc:
            raise PydanticCustomError("unit", "{message}", {"message": exc.text}) from None
        if unit is not None:
            if canonical_unit(str(data.get("unit") or unit)) != unit:
                raise refused(
                    "unit", N_("the amount says {a} but unit says {b}"), a=unit, b=data["unit"]
                )
            data = {**data, "amount": number, "unit": unit}
        return data


class Rate(_Amounted):
    """An amount stated as a rate times a count: `700 triệu đồng/xã` for `11 xã`."""

    amount: Number = Field(description=describe("Amount for each one", "Định mức"))
    unit: Unit | None = Field(None, description=describe("Unit if not the funding's", "Đơn vị"))
    per: Text = Field(description=describe("For each what, as written: xã, thôn, hộ", "Cho mỗi"))
    count: Count = Field(description=describe("How many", "Số lượng"))
    source: Clause


class Figure(_Amounted):
    amount: Number = Field(description=describe("Amount as stated", "Số tiền"))
    unit: Unit | None = Field(None, description=describe("Unit if not the funding's", "Đơn vị"))
    rate: Rate | None = Field(
        None, description=describe("Stated as a rate times a count", "Định mức x số lượng")
    )
    source: Clause


class Allocation(Figure):
    """An amount already decided against a stated need."""

    decision: Citation | None = Field(None, description=describe("Deciding document", "Quyết định"))


class NamedFigure(Figure):
    name: Text = Field(description=describe("Name as written", "Tên"))


class SplitBy(StrEnum):
    """What a split divides its figure by."""

    PROGRAMME = "programme"
    DISTRICT = "district"
    COMMUNE = "commune"
    VILLAGE = "village"
    PROJECT = "project"
    CAPITAL = "capital"
    """By kind of capital: đầu tư phát triển (investment), sự nghiệp (recurrent)."""
    BUDGET_LEVEL = "budget_level"
    """By level of the budget: Trung ương, tỉnh, huyện, xã (the parts name the levels)."""


PROJECT = Field(
    None,
    description=describe(
        "The programme's project it belongs to, by number: 4 (Dự án 4), 5.1 (Dự án 5, "
        "tiểu dự án 1)",
        "Thuộc dự án, tiểu dự án",
    ),
)


CARRIED_OVER = Field(
    None,
    description=describe(
        "Capital carried over from earlier years (vốn kéo dài), beside the amount: what a "
        "disbursement of it is measured against is the two together",
        "Vốn kéo dài, chuyển nguồn",
    ),
)


OPEN_LIST = describe(
    "The document leaves the list open (…, và các ... khác): the figures it names may add up "
    "to less than the whole, the rest unnamed",
    "Danh sách văn bản chưa liệt kê hết",
)


class _Splittable(_Amounted):
    """A money figure the document splits ("trong đó ...", "theo đó, huyện ... được ...")."""

    split_by: SplitBy | None = Field(
        None, description=describe("What the split is by", "Chia theo")
    )
    split: dict[Ident, SplitPart] = Field(
        default_factory=dict, description=describe("Stated split", "Trong đó")
    )
    split_partial: Flag = Field(False, description=OPEN_LIST)
    carried_over: Figure | None = CARRIED_OVER


class SplitPart(NamedFigure, _Splittable):
    """One part of a stated split ("trong đó"): a programme's, a district's, a group's; split
    in turn where the document splits it (a source by capital type, each type by project)."""

    project: Text | None = PROJECT

    covers: Quantity | None = Field(
        None,
        description=describe(
            "How many places or people it is for, without names: 16 xã", "Cho bao nhiêu"
        ),
    )


class Source(_Splittable):
    """A funding source, with its amount and share where stated."""

    name: Text = Field(description=describe("Name as written", "Tên nguồn vốn"))
    amount: Number | None = Field(None, description=describe("Amount as stated", "Số tiền"))
    unit: Unit | None = None
    share: Percent | None = Field(None, description=describe("Stated share, %", "Tỷ lệ"))
    rate: Rate | None = Field(
        None, description=describe("Stated as a rate times a count", "Định mức x số lượng")
    )
    source: Clause


class Part(NamedFigure, _Splittable):
    """One category of a year's funding."""

    project: Text | None = PROJECT
    need: Flag = Field(False, description=describe("Stated as a need", "Theo nhu cầu"))
    allocated: Allocation | None = Field(
        None, description=describe("Amount already allocated", "Đã bố trí")
    )


class YearFunding(Strict):
    total: Figure
    parts: dict[Ident, Part] = Field(default_factory=dict)
    parts_partial: Flag = Field(False, description=OPEN_LIST)
    carried_over: Figure | None = CARRIED_OVER


class Category(Inferable):
    """What a yearly category stands for in terms of the sources."""

    stands_for: list[Ident] = Field(description=describe("Source ids", "Các nguồn vốn"))
    note: Text | None = None


class Funding(Strict):
    unit: Unit = Field("tỷ đồng", description=describe("Money unit", "Đơn vị tiền"))
    total: Figure | None = Field(None, description=describe("Total", "Tổng kinh phí"))
    need: Flag = Field(False, description=describe("Total stated as a need", "Tổng nhu cầu"))
    sources: dict[Ident, Source] = Field(default_factory=dict)
    sources_partial: Flag = Field(False, description=OPEN_LIST)
    carried_over: Figure | None = CARRIED_OVER
    years: dict[Year, YearFunding] = Field(default_factory=dict)
    categories: dict[Ident, Category] = Field(default_factory=dict)
    rounded: Rounding | None = Field(
        None,
        description=describe(
            "How the document rounds every amount (to a unit of the funding's)",
            "Cách làm tròn mọi số tiền",
        ),
    )


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
    """A known discrepancy of the document itself, recorded verbatim and explained: the rule,
    the pointer and (pinned) the figures of the finding as p135 printed them, so that the entry
    covers this difference and no other the figure may later take."""

    rule: Text = Field(description=describe("Rule code, e.g. F101", "Mã quy tắc"))
    pointer: Text = Field(description=describe("JSON pointer of the value", "Vị trí"))
    expected: Number | None = Field(
        None, description=describe("The figure p135 expected, as it printed it", "Số đúng ra")
    )
    found: Number | None = Field(
        None, description=describe("The figure p135 found, as it printed it", "Số ghi")
    )
    reason: Text = Field(description=describe("Why the plan keeps it", "Lý do"))


class Component(_Splittable):
    """A programme component (Chương trình 30a, 135, a project of it) and who leads it, with
    the amount the document gives it, where it gives one (in the funding's unit unless `unit`
    says otherwise)."""

    id: Ident
    name: Text = Field(description=describe("As written", "Tên"))
    lead: Text | None = Field(None, description=describe("Lead agency", "Cơ quan chủ trì"))
    project: Text | None = PROJECT
    funded_by: list[Text] = Field(
        default_factory=list, description=describe("Funding named for it", "Kinh phí")
    )
    amount: Number | None = Field(None, description=describe("Amount as stated", "Số tiền"))
    unit: Unit | None = None
    rate: Rate | None = Field(
        None, description=describe("Stated as a rate times a count", "Định mức x số lượng")
    )
    source: Clause


class Merger(Inferable):
    """The provinces a province was formed from, as its document says (`Phú Thọ, sau khi
    hợp nhất tỉnh Vĩnh Phúc, tỉnh Hòa Bình`), and the day."""

    provinces: list[Text] = Field(
        min_length=1,
        description=describe("The provinces merged into it, as written", "Các tỉnh hợp nhất"),
    )
    date: DateText | None = Field(None, description=describe("The day", "Từ ngày"))
    source: Clause | None = None


Bound = Literal["at_most", "at_least", "less_than", "more_than"]
"""The comparators that make a limit: `không quá`, `tối đa` (at_most), `tối thiểu` (at_least),
`dưới` (less_than), `trên` (more_than)."""


class Limit(Inferable):
    """A limit the document sets on who or what qualifies, not a target to reach: `không quá
    20% hộ không thuộc hộ nghèo` in a group of households, `thoát nghèo trong thời gian tối
    đa là 3 năm`."""

    id: Ident = Field(description=describe("Short stable name", "Mã"))
    text: Text = Field(description=describe("The limit as written", "Nguyên văn"))
    what: Text | None = Field(
        None, description=describe("What it limits, as written", "Giới hạn điều gì")
    )
    value: Number = Field(description=describe("Stated value", "Giá trị"))
    unit: Text | None = Field(None, description=describe("Unit, as written", "Đơn vị"))
    comparator: Bound = Field(
        description=describe(
            "at_most (không quá, tối đa), at_least (tối thiểu), less_than (dưới), more_than (trên)",
            "Không quá, tối đa, tối thiểu...",
        )
    )
    source: Clause


class Reporting(Inferable):
    """A report the document asks for, and when: `báo cáo năm ... trước ngày 15 tháng 01`,
    `định kỳ hàng quý`, `sơ kết vào năm 2018`."""

    what: Text = Field(description=describe("The report, as written", "Loại báo cáo"))
    who: Text | None = Field(None, description=describe("Who reports, as written", "Nơi báo cáo"))
    to: Text | None = Field(None, description=describe("To whom, as written", "Báo cáo về đâu"))
    when: Text = Field(
        description=describe(
            "When, as written: trước ngày 15 tháng 01, định kỳ hàng quý", "Thời hạn, kỳ báo cáo"
        )
    )
    year: Year | None = Field(
        None, description=describe("The year, for a report due once", "Năm (báo cáo một lần)")
    )
    source: Clause


class Area(Strict):
    """The communes of one area (khu vực I, II, III), or the especially difficult villages,
    as the decision lists them: how many, and their names where it names them."""

    count: Count = Field(description=describe("How many", "Số lượng"))
    communes: list[Commune] = Field(default_factory=list)
    villages: list[Village] = Field(default_factory=list)
    source: Clause | None = None


class Areas(Inferable):
    """Communes of ethnic-minority and mountainous areas by area (khu vực I, II, III) and the
    especially difficult villages, as the decision that lists them says (861/QĐ-TTg for
    communes, 612/QĐ-UBDT for villages, 2021-2025): `145/151 xã ... 59 xã khu vực III, 12 xã
    khu vực II, 74 xã khu vực I và 86 thôn ĐBKK`."""

    decision: Text | None = Field(
        None, description=describe("The decision that lists them", "Quyết định phê duyệt")
    )
    of: Count | None = Field(
        None, description=describe("All the province's communes (151)", "Tổng số xã của tỉnh")
    )
    counted: Count | None = Field(
        None,
        description=describe(
            "Communes of the ethnic-minority and mountainous areas (145)", "Số xã vùng DTTS&MN"
        ),
    )
    area_iii: Area | None = Field(None, description=describe("Area III", "Xã khu vực III"))
    area_ii: Area | None = Field(None, description=describe("Area II", "Xã khu vực II"))
    area_i: Area | None = Field(None, description=describe("Area I", "Xã khu vực I"))
    villages: Area | None = Field(
        None, description=describe("Especially difficult villages", "Thôn đặc biệt khó khăn")
    )
    source: Clause


class Plan(Strict):
    """An approved Programme 135 or poverty-reduction plan, as its document states it."""

    province: Text = Field(description=describe("Province", "Tỉnh"))
    programme: Text = Field(description=describe("Programme or scheme", "Chương trình, đề án"))
    merged_from: Merger | None = Field(
        None,
        description=describe(
            "The provinces merged into the plan's province (2025 reform), as the document says",
            "Hợp nhất từ các tỉnh",
        ),
    )
    programme_id: Text | None = Field(
        None,
        description=describe(
            "The programme as p135 knows it (`p135 programmes`): mtqg-1719, "
            "giam-ngheo-2021-2025, p135-2016-2020, giam-ngheo-2016-2020, ntm-2016-2020, "
            "ntm-2021-2025",
            "Mã chương trình",
        ),
    )
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
    considered: list[Citation] = Field(
        default_factory=list,
        description=describe(
            "What it was decided on the proposal of (Xét đề nghị: a Tờ trình), not its basis",
            "Văn bản được xét (Xét đề nghị)",
        ),
    )
    scope: Scope | None = None
    targets: list[Target] = Field(default_factory=list)
    banded: list[Banded] = Field(
        default_factory=list, description=describe("Counts split into bands", "Phân nhóm")
    )
    areas: Areas | None = Field(
        None,
        description=describe(
            "Communes by area (khu vực I, II, III) and especially difficult villages",
            "Xã theo khu vực, thôn đặc biệt khó khăn",
        ),
    )
    components: list[Component] = Field(
        default_factory=list, description=describe("Programme components", "Nội dung thực hiện")
    )
    components_partial: Flag = Field(False, description=OPEN_LIST)
    roadmap: Roadmap | None = None
    outputs: list[Output] = Field(default_factory=list)
    funding: Funding | None = None
    limits: list[Limit] = Field(
        default_factory=list,
        description=describe(
            "Limits on who or what qualifies (không quá, tối đa), not targets",
            "Giới hạn, điều kiện (không quá, tối đa)",
        ),
    )
    reporting: list[Reporting] = Field(
        default_factory=list,
        description=describe("Reports asked for, and when", "Chế độ báo cáo, thời hạn"),
    )
    amendments: list[Amendment] = Field(
        default_factory=list,
        description=describe("Decisions that amended the plan", "Văn bản điều chỉnh kế hoạch"),
    )
    acknowledged: list[Acknowledgement] = Field(default_factory=list)


Amounted = Figure | Source | Component | Rate
"""Everything that states an amount."""


def amount_in(figure: Amounted, unit: str) -> Decimal | None:
    """A figure's amount in `unit`, exactly."""
    if figure.amount is None:
        return None
    return to_unit(figure.amount, str(figure.unit or unit), unit)


def interval_in(figure: Amounted, unit: str, rounded: Rounding | None = None) -> Interval | None:
    """Where a figure's true amount lies, in `unit`: a point for an exact figure, a range
    for one the document qualifies (`hơn 29,2`) or rounds (its own `rounded`, in its own unit,
    else `rounded`, the funding's, in `unit`). A qualifier says more than a rounding, and wins."""
    value = amount_in(figure, unit)
    if value is None or figure.amount is None:
        return None
    factor = SAFE.divide(Decimal(UNITS[str(figure.unit or unit)]), Decimal(UNITS[unit]))
    if qualifies(figure.qualifier):
        return interval_of(figure.amount, figure.qualifier).scaled(factor)
    if figure.rounded is not None:
        own = figure.rounded
        return rounded_interval(figure.amount, own.to, cut=own.cut).scaled(factor)
    if rounded is not None:
        return rounded_interval(value, rounded.to, cut=rounded.cut)
    return Interval.point(value)


def rounding_of(figure: Amounted, rounded: Rounding | None) -> Rounding | None:
    """The rounding that makes `figure` approximate, if any: its own, else the funding's; none
    for a qualified figure (its qualifier says more)."""
    if qualifies(figure.qualifier):
        return None
    return figure.rounded or rounded
