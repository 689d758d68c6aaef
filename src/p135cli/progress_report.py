"""A results report: what a province reports it has done, figure for figure, with its source.

Like a plan, it records what its document states (an article, a report), verbatim. It is told
apart from a plan by its `report:` key (the document it comes from) where a plan has `document:`.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, ClassVar

from pydantic import Field, PrivateAttr, ValidatorFunctionWrapHandler, model_validator

from p135cli.i18n import N_
from p135cli.model import (
    Acknowledgement,
    Amendment,
    Commune,
    Comparator,
    Counts,
    Funding,
    Inferable,
    Strict,
    Village,
    lift_qualifier,
    possible,
)
from p135cli.numbers import NumberStyle, qualifier_word
from p135cli.scalars import (
    Clause,
    DateText,
    Ident,
    Number,
    Percent,
    Text,
    Year,
    describe,
    refused,
)


class ReportDocument(Inferable):
    """Where the results are stated: a report, a decision, a news article. A page that shows
    no date (an article read without its header) gives none, and `inferred` says when it was
    written, as far as its text tells."""

    kind: Text = Field(description=describe("Kind, as written", "Loại văn bản"))
    title: Text = Field(description=describe("Title, as written", "Tiêu đề"))
    publisher: Text | None = Field(None, description=describe("Who published it", "Nơi đăng"))
    author: Text | None = Field(None, description=describe("Who wrote it", "Tác giả"))
    number: Text | None = Field(None, description=describe("Number and symbol", "Số, ký hiệu"))
    date: DateText | None = Field(
        None, description=describe("Date of the document, where it shows one", "Ngày")
    )

    @model_validator(mode="after")
    def _dated_or_said_why(self) -> ReportDocument:
        """A report without its date says when it was written, as far as its text tells, so
        that no reader takes the results for undated by oversight."""
        if self.date is None and self.inferred is None:
            raise refused(
                "date",
                N_(
                    "a report without its date says under inferred when it was written, as far "
                    "as its text tells (the page shows no date; it reports to 31/10/2025)"
                ),
                at="date",
            )
        return self


class ReportedYear(Strict):
    """What the report says left the especially-difficult list in one year."""

    count: Counts = Field(description=describe("Counts as stated", "Số lượng"))
    communes: list[Commune] = Field(default_factory=list)
    villages: list[Village] = Field(default_factory=list)
    source: Clause


class Money(StrEnum):
    """What a reported money figure is."""

    DISBURSED = "disbursed"
    MOBILISED = "mobilised"
    ALLOCATED = "allocated"
    PLANNED = "planned"
    """The plan's own figure for a line, as a later document restates it (`vốn đầu tư được bố
    trí gần 737 tỷ`): checked against the plan's, where `allocated` is money allocated from it
    so far."""


class Actual(Inferable):
    """One reported actual: a figure, its unit, and how it stands against the plan. A figure
    keeps the document's qualifier word where it is written with it (`value: "trên 390"`)."""

    QUALIFIED: ClassVar[dict[str, str]] = {
        "value": "comparator",
        "plan_value": "plan_qualifier",
        "of_plan": "of_plan_qualifier",
    }
    """The figures that may be written with their qualifier, and the field it goes to."""

    id: Ident = Field(description=describe("Short stable name", "Mã"))
    text: Text = Field(description=describe("As written", "Nguyên văn"))
    value: Number = Field(description=describe("Reported figure", "Kết quả"))
    unit: Text = Field(description=describe("Unit, as written", "Đơn vị"))
    comparator: Comparator | None = Field(
        None, description=describe("over / about / at least", "Trên, khoảng...")
    )
    year: Year | None = Field(None, description=describe("Year it is for, if stated", "Năm"))
    plan_item: Ident | None = Field(
        None,
        description=describe(
            "The plan's target, output or component id it answers (a component: a project's "
            "amount)",
            "Chỉ tiêu, sản phẩm hoặc nội dung (dự án) của KH",
        ),
    )
    of_plan: Percent | None = Field(
        None, description=describe("Stated percentage of plan", "Đạt ... % kế hoạch")
    )
    of_plan_qualifier: Comparator | None = Field(
        None,
        description=describe(
            "The report's qualifier of the percentage: more_than (đạt trên 55%), nearly, about",
            "Trên, gần... (tỷ lệ)",
        ),
    )
    plan_value: Number | None = Field(
        None, description=describe("Plan figure, where the report states it", "Kế hoạch")
    )
    plan_qualifier: Comparator | None = Field(
        None,
        description=describe(
            "The report's qualifier of the plan figure: more_than (trên 814), nearly, about",
            "Trên, gần... (kế hoạch)",
        ),
    )
    funding: Text | None = Field(
        None,
        description=describe(
            "The plan's funding line it is measured against, a pointer under funding: /total, "
            "/sources/central, /years/2018, /years/2018/parts/provincial",
            "Dòng vốn của kế hoạch",
        ),
    )
    money: Money | None = Field(
        None,
        description=describe(
            "What money the figure is: disbursed (giải ngân), mobilised (huy động), "
            "allocated (phân bổ, giao), planned (the plan's figure restated: kế hoạch vốn, "
            "được bố trí)",
            "Giải ngân, huy động, phân bổ, kế hoạch vốn",
        ),
    )
    as_of: DateText | None = Field(
        None, description=describe("The day the figure is for (đến ngày)", "Tính đến ngày")
    )
    source: Clause
    _words: dict[str, str] = PrivateAttr(default_factory=dict)

    @model_validator(mode="wrap")
    @classmethod
    def _qualified(cls, data: Any, handler: ValidatorFunctionWrapHandler) -> Any:
        """Move a qualifier written in a figure (`"trên 390"`) to its field, and remember the
        word so that messages quote the document's, not another for the same qualifier."""
        if not isinstance(data, dict):
            return handler(data)
        words = {}
        for field, qualifier_field in cls.QUALIFIED.items():
            figure = data.get(field)
            if isinstance(figure, str):
                word = qualifier_word(figure)[1]
                if word is not None:
                    words[field] = word
            data = lift_qualifier(data, field, qualifier_field)
        made = handler(data)
        if isinstance(made, Actual):
            made._words = words
            made._possible()
        return made

    def _possible(self) -> None:
        """`gần 0` or `dưới 0` reported, or as the plan's figure, allows no value: refused on
        the key that writes the qualifier."""
        for field in ("value", "plan_value"):
            qualifier = self.QUALIFIED[field]
            at = field if field in self._words else qualifier
            possible(getattr(self, field), getattr(self, qualifier), at=at)

    def word(self, field: str) -> str | None:
        """The document's word for the qualifier of `field` (`trên`), where it writes one."""
        return self._words.get(field)


class ProgressReport(Strict):
    """Reported results of a plan, as one document states them."""

    province: Text = Field(description=describe("Province", "Tỉnh"))
    plan: Text | None = Field(
        None, description=describe("The plan reported on, as named", "Kế hoạch, đề án")
    )
    number_style: NumberStyle | None = None
    report: ReportDocument
    years: dict[Year, ReportedYear] = Field(
        default_factory=dict,
        description=describe("Leaving the list, by year", "Ra khỏi diện ĐBKK theo năm"),
    )
    results: list[Actual] = Field(default_factory=list)
    funding: Funding | None = Field(
        None,
        description=describe(
            "The report's own money figures (total, sources, their splits), as a plan states "
            "them: checked to add up the same way",
            "Số liệu vốn của báo cáo",
        ),
    )
    amendments: list[Amendment] = Field(
        default_factory=list,
        description=describe(
            "Corrections of the report (a corrected figure, with the notice or reason)",
            "Đính chính báo cáo",
        ),
    )
    acknowledged: list[Acknowledgement] = Field(default_factory=list)
