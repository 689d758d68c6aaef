"""`p135 progress`: reported results against the plan, year by year and target by target.

`build` compares a results report with its plan: who left the list each year against the
roadmap (ahead, on the roadmap, behind, not reported), each result against the plan item it
answers, and what a bare "x % of plan" implies the plan figure was. The findings of checking
the report (K101-K103) travel with it, so every format can show them.

JSON keeps its keys and values for scripts (`status` is `ahead`, `each year` stays as it is);
the text and markdown views speak the run's language and write figures in the plan's number
style (the report's, for a plan that states none). A plan without roadmap is compared with
nothing: a year it reports has the status `no_roadmap`, never `ahead`.

The text view is laid out by the table engine, as the timeline's is (p135cli.views.table): no
name, figure or count with its noun is split across lines, and without a width it is laid out
for its content.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TextIO

from p135cli.arithmetic import Interval, at_places, interval_of, share, share_range
from p135cli.findings import FileResult, RunResult
from p135cli.i18n import N_, NumberStyle, _, _n
from p135cli.implied import Implied, implied_plan, implied_span, is_counted
from p135cli.model import WORDED, Comparator, Plan, qualifies
from p135cli.plan_lines import PlanLine, measured_against
from p135cli.progress_report import Actual, ProgressReport, ReportDocument
from p135cli.render import escape
from p135cli.render.escape import json_text, view_text
from p135cli.render.json_format import finding_dict
from p135cli.render.text import render as render_findings
from p135cli.views.common import (
    INFERRED,
    Clean,
    approximately,
    figure,
    leaving,
    markdown_table,
    money,
    percent_text,
    period_text,
    says,
    says_period,
    with_inferred,
    with_qualifier,
)
from p135cli.views.table import (
    MEASURE,
    UNITS,
    Block,
    Column,
    Lines,
    fit,
    fixed,
    flow,
    is_terminal,
    page_width,
    pieces,
    sentence,
    show,
)

Pair = tuple[int, int]
"""(communes, villages)."""
Marks = tuple[bool, bool]
"""Whether a mark holds of (communes, villages)."""


@dataclass(frozen=True)
class YearProgress:
    year: int
    planned: Pair
    planned_cumulative: Pair
    reported: Pair | None
    reported_cumulative: Pair | None
    status: str
    """`ahead`, `on_roadmap`, `behind`, `mixed`, `not_reported`, `no_roadmap` (a year the
    report counts, of a plan with no roadmap to compare it with) or `no_milestone` (a year the
    report counts that the roadmap states nothing for: nothing to compare with, not 0)."""
    planned_inferred: Marks = (False, False)
    """Whether the plan infers what the roadmap has leave this year (the year's entry, or a
    name in it), by kind."""
    planned_approximate: Marks = (False, False)
    """Whether each cumulative planned count adds a count the document qualifies and does
    not name (`hơn 10 thôn`), by kind."""


@dataclass(frozen=True)
class PlanItem:
    """The plan's target or output a result answers, as the plan states it."""

    id: str
    text: str
    value: Decimal | None
    unit: str | None
    about: bool
    by: str
    """When the plan wants it: `2020`, `each year`, or the plan's period `2017–2020`."""
    inferred: bool = False
    """Whether the plan infers it (the document does not state it): the views say so."""
    qualifier: Comparator | None = None
    """The document's qualifier or comparator of the figure (`trên 27.000 hộ`); `about`
    says whether it is `about`, as JSON always has."""

    least: Decimal | None = None
    most: Decimal | None = None
    """A target stated as a range (`khoảng 28 - 30 triệu đồng`): its ends (`value` is None)."""

    def figure(self, style: NumberStyle | None) -> str:
        """The plan's figure as people read it, with the document's qualifier: `about 15.152`,
        a range `about 28–30`."""
        if self.least is not None and self.most is not None:
            return with_qualifier(
                f"{money(self.least, style)}–{money(self.most, style)}", self.qualifier
            )
        return with_qualifier(money(self.value, style), self.qualifier)

    @property
    def approximate(self) -> bool:
        """Whether the figure is qualified (`khoảng 15.152`): what p135 computes from it is
        approximate (`≈ 19,8 %`)."""
        return qualifies(self.qualifier)


@dataclass(frozen=True)
class ResultProgress:
    result: Actual
    item: PlanItem | None
    share_of_item: Decimal | None
    """The result as a percentage of the plan item's figure, where both are stated."""
    implied: Implied | None
    """What a stated percentage of plan implies the plan figure was."""
    stated_share: Interval | None
    """The percentage the stated plan figure gives, where the report states both."""
    line: PlanLine | None = None
    """The plan's funding line the result is measured against (`funding:`), where it names one
    the plan has, in a unit it can be compared in."""
    share_of_line: tuple[Interval, ...] = ()
    """The result as a percentage of that line (a range where either figure is qualified),
    and of the line with what was carried over to it, where a disbursement may count that."""


@dataclass(frozen=True)
class Progress:
    province: str
    plan_name: str
    period: Pair
    plan_path: str
    report: ProgressReport
    report_path: str
    years: tuple[YearProgress, ...]
    results: tuple[ResultProgress, ...]
    names_given: int
    checked: FileResult
    style: NumberStyle | None = None
    """The plan's number style (else the report's): figures are shown in it."""
    has_roadmap: bool = True
    """Whether the plan has a roadmap the report's counts can be compared with."""


def build(plan: Plan, plan_path: str, report: ProgressReport, checked: FileResult) -> Progress:
    document = plan.document
    return Progress(
        province=plan.province,
        plan_name=document.known_as or document.number or document.title,
        period=(plan.period.start, plan.period.end),
        plan_path=plan_path,
        report=report,
        report_path=checked.path,
        years=tuple(_years(plan, report)),
        results=tuple(_result(plan, result) for result in report.results),
        names_given=sum(len(y.communes) + len(y.villages) for y in report.years.values()),
        checked=checked,
        style=plan.number_style or report.number_style,
        has_roadmap=plan.roadmap is not None,
    )


# --- years -------------------------------------------------------------------------------------


def _planned(plan: Plan, year: int) -> Pair:
    return leaving(plan.roadmap.years.get(year) if plan.roadmap else None)


def _reported(report: ProgressReport, year: int) -> Pair | None:
    stated = report.years.get(year)
    return None if stated is None else leaving(stated)


def _status(reported: Pair | None, planned: Pair | None) -> str:
    """How the reported cumulative counts stand against the roadmap's (None: no roadmap)."""
    if reported is None:
        return "not_reported"
    if planned is None:
        return "no_roadmap"
    signs = {(r > p) - (r < p) for r, p in zip(reported, planned, strict=True)}
    if signs == {0}:
        return "on_roadmap"
    if -1 not in signs:
        return "ahead"
    return "behind" if 1 not in signs else "mixed"


def _years(plan: Plan, report: ProgressReport) -> list[YearProgress]:
    numbers = sorted({*range(plan.period.start, plan.period.end + 1), *report.years})
    rows, planned_total, reported_total = [], (0, 0), (0, 0)
    approximate: Marks = (False, False)
    for year in numbers:
        planned, reported = _planned(plan, year), _reported(report, year)
        planned_total = _add(planned_total, planned)
        reported_total = _add(reported_total, reported or (0, 0))
        cumulative = reported_total if reported is not None else None
        status = _status(cumulative, planned_total if plan.roadmap else None)
        if plan.roadmap and cumulative is not None and year < min(plan.roadmap.years, default=0):
            status = "no_milestone"  # before the roadmap's first year; later ones carry it
        inferred, qualified = _planned_marks(plan, year, planned)
        approximate = (approximate[0] or qualified[0], approximate[1] or qualified[1])
        rows.append(
            YearProgress(
                year, planned, planned_total, reported, cumulative, status, inferred, approximate
            )
        )
    return rows


def _planned_marks(plan: Plan, year: int, planned: Pair) -> tuple[Marks, Marks]:
    """By kind: whether what leaves is inferred (the roadmap's year, where any leaves, or a
    name it counts); and whether the document qualifies its count without naming them
    (named, the names are the count)."""
    stated = plan.roadmap.years.get(year) if plan.roadmap else None
    if stated is None:
        return (False, False), (False, False)
    kinds = ((stated.communes, planned[0]), (stated.villages, planned[1]))
    inferred = tuple(
        bool(stated.inferred and count) or any(name.inferred for name in names)
        for names, count in kinds
    )
    counts = stated.count
    qualified = tuple(
        counts is not None and qualifies(counts.qualifier_of(kind))
        for kind in ("communes", "villages")
    )
    stated_counts = (counts.communes, counts.villages) if counts else (None, None)
    approximate = tuple(
        each and stated_count is not None and not names
        for (names, _count), stated_count, each in zip(kinds, stated_counts, qualified, strict=True)
    )
    return (inferred[0], inferred[1]), (approximate[0], approximate[1])


def _add(a: Pair, b: Pair) -> Pair:
    return (a[0] + b[0], a[1] + b[1])


# --- results -----------------------------------------------------------------------------------


EACH_YEAR = N_("each year")
"""`PlanItem.by` of a target stated for every year (JSON keeps it; views translate it)."""
ON_AVERAGE = N_("on average a year")
"""`PlanItem.by` of a target stated as an average a year over the period (bình quân)."""


def plan_item(plan: Plan, key: str | None) -> PlanItem | None:
    """The target or output with this id, with its figure and when the plan wants it."""
    if key is None:
        return None
    period = f"{plan.period.start}–{plan.period.end}"
    for target in plan.targets:
        if target.id == key:
            by = (
                EACH_YEAR
                if target.per_year
                else ON_AVERAGE
                if target.average
                else str(target.by or period)
            )
            qualifier = target.comparator
            about = qualifier is Comparator.ABOUT
            inferred = target.inferred is not None
            return PlanItem(
                key, target.text, target.value, target.unit, about, by, inferred, qualifier,
                target.least, target.most,
            )  # fmt: skip
    for output in plan.outputs:
        if output.id == key:
            qualifier = output.stated_qualifier
            about = qualifier is Comparator.ABOUT
            inferred = output.inferred is not None
            return PlanItem(
                key, output.what, output.quantity, output.unit, about, period, inferred, qualifier
            )
    return None


def _result(plan: Plan, result: Actual) -> ResultProgress:
    item = plan_item(plan, result.plan_item)
    same_unit = item is not None and item.unit == result.unit
    share_of_item = share(result.value, item.value) if item and same_unit else None
    implied = stated_share = None
    if result.of_plan is not None and result.plan_value is None:
        implied = implied_plan(result.value, result.of_plan, is_counted(result))
        if qualifies(result.comparator):  # `trên 452`: from the least to the most it allows
            values = interval_of(result.value, result.comparator)
            implied = implied_span(values, result.of_plan)
    if result.plan_value is not None:  # a range where either figure is qualified
        value = interval_of(result.value, result.comparator)
        stated_share = share_range(value, interval_of(result.plan_value, result.plan_qualifier))
    if qualifies(result.of_plan_qualifier):
        implied = None  # `trên 55%` names no one plan figure
    # A funding line, or a component's amount (a project) where no target or output is named.
    line = measured_against(plan, result) if result.funding is not None or not item else None
    share_of_line: tuple[Interval, ...] = ()
    if line is not None:  # the plan's own figure, not one the percentage implies
        value = interval_of(result.value, result.comparator)
        share_of_line = tuple(share_range(value, base) for base in line.bases)
        implied = None
    return ResultProgress(result, item, share_of_item, implied, stated_share, line, share_of_line)


# --- wording shared by the text and markdown formats -------------------------------------------
# Plan and report text (names, ids, units, titles) is untrusted: each function shows it through
# `clean`, the format's own escaping (`printable` for a terminal, `escape.markdown`).

_COMPARED = {
    Comparator.MORE_THAN: N_("over {value}"),
    Comparator.AT_LEAST: N_("at least {value}"),
    Comparator.ABOUT: N_("about {value}"),
    Comparator.AT_MOST: N_("at most {value}"),
    Comparator.NEARLY: N_("nearly {value}"),
    Comparator.LESS_THAN: N_("less than {value}"),
}
"""A reported figure with its comparator (`over 3.000`)."""


def against(row: YearProgress, index: int, *, roadmap: bool = True) -> str:
    """`roadmap / reported`, cumulative, for communes (0) or villages (1); `—` for what is not
    there (a year not reported, a plan without roadmap). The roadmap's figure is `≈` where it
    adds a count the document qualifies, `(inferred)` in a year the plan infers."""
    reported = row.reported_cumulative
    planned = "—"
    if roadmap and row.status != "no_milestone":
        planned = approximately(str(row.planned_cumulative[index]), row.planned_approximate[index])
        planned = with_inferred(planned, row.planned_inferred[index])
    return f"{planned} / {'—' if reported is None else reported[index]}"


COLUMNS = (
    N_("Year"),
    N_("Communes out: roadmap / reported"),
    N_("Villages out: roadmap / reported"),
    N_("Status"),
)
"""The year table's columns; counts are cumulative to the end of the year."""
RIGHT = {1, 2}
"""The year table's columns of counts, right-aligned."""


def columns() -> list[str]:
    return [_(label) for label in COLUMNS]


def _counted(index: int, count: int) -> str:
    """`6 communes` (index 0) or `2 villages` (index 1)."""
    if index == 0:
        return _n("{count} commune", "{count} communes", count)
    return _n("{count} village", "{count} villages", count)


def _gap(index: int, gap: int) -> str:
    """`6 communes ahead`, `1 village behind`: a gap of communes (index 0) or villages (1)."""
    count = abs(gap)
    if index == 0 and gap > 0:
        return _n("{count} commune ahead", "{count} communes ahead", count)
    if index == 0:
        return _n("{count} commune behind", "{count} communes behind", count)
    if gap > 0:
        return _n("{count} village ahead", "{count} villages ahead", count)
    return _n("{count} village behind", "{count} villages behind", count)


NOTHING_TO_COMPARE = {
    "not_reported": N_("not reported"),
    "no_roadmap": N_("no roadmap to compare with"),
    "no_milestone": N_("the roadmap states no milestone for this year"),
}
"""The statuses of a year with nothing to compare, and what the views say of them."""


def status_text(row: YearProgress) -> str:
    if row.reported_cumulative is None or row.status in NOTHING_TO_COMPARE:
        return _(NOTHING_TO_COMPARE.get(row.status, N_("not reported")))
    pairs = zip(row.reported_cumulative, row.planned_cumulative, strict=True)
    gaps = [(index, r - p) for index, (r, p) in enumerate(pairs) if r != p]
    if not gaps:
        return _("on the roadmap")
    if row.status not in ("ahead", "behind"):
        parts = [_gap(index, gap) for index, gap in gaps]
        return _("off the roadmap: {gaps}").format(gaps=", ".join(parts))
    counted = [_counted(index, abs(gap)) for index, gap in gaps]
    by = counted[0]
    if len(counted) == 2:
        by = _("{communes} and {villages}").format(communes=counted[0], villages=counted[1])
    if row.status == "ahead":
        return _("ahead of the roadmap by {gaps}").format(gaps=by)
    return _("behind the roadmap by {gaps}").format(gaps=by)


def _compared(comparator: Comparator | None, value: str, word: str | None = None) -> str:
    """A reported figure with its comparator, in the document's word where it writes one
    (`gần 70`, `trên 522`)."""
    template = _COMPARED.get(comparator) if comparator else None
    if template and word in WORDED:
        template = WORDED[word]
    return _(template).format(value=value) if template else value


def result_text(row: ResultProgress, clean: Clean, style: NumberStyle | None) -> str:
    """The result in the report's words (its id is for scripts: JSON keeps it), the figure p135
    compares as it reads it, and its year."""
    result = row.result
    value = _compared(result.comparator, money(result.value, style), result.word("value"))
    fields = {"text": clean(result.text), "value": value, "unit": clean(result.unit)}
    if result.year:
        return _("{text}: {value} {unit}, in {year}").format(year=result.year, **fields)
    return _("{text}: {value} {unit}, no year stated").format(**fields)


def against_plan_text(row: ResultProgress, clean: Clean, style: NumberStyle | None) -> list[str]:
    lines, result, item = [], row.result, row.item
    if item is not None:
        planned = f"{item.figure(style)} {clean(item.unit or '')}".strip()
        planned += f" ({_(INFERRED)})" if item.inferred else ""
        by = _(item.by) if item.by in (EACH_YEAR, ON_AVERAGE) else clean(item.by)
        lines.append(
            _("the plan: {text}: {figure} for {by}").format(
                text=clean(item.text), figure=planned, by=by
            )
        )
        if row.share_of_item is not None:  # `≈` of a plan figure the plan qualifies
            shown = approximately(percent_text(row.share_of_item, style), item.approximate)
            if result.comparator is Comparator.MORE_THAN:
                lines.append(_("= over {share} of it").format(share=shown))
            else:
                lines.append(_("= {share} of it").format(share=shown))
    elif result.funding is not None or row.line is not None:
        lines.extend(_line_text(row, clean, style))
    elif result.plan_item is not None:
        lines.append(
            _("the plan has no target, output or component '{id}'").format(
                id=clean(result.plan_item)
            )
        )
    else:
        lines.append(_("the plan states no target for it"))
    if result.of_plan is not None:
        lines.extend(_of_plan_text(row, clean, style))
    return lines


def _line_text(row: ResultProgress, clean: Clean, style: NumberStyle | None) -> list[str]:
    """The plan's funding line a result is measured against, and the share it makes of it:
    `the plan's 'vốn đầu tư phát triển': 635.494 triệu đồng, with 102.146 carried over`."""
    line, result = row.line, row.result
    if line is None:
        return [_("the plan has no funding line '{line}' to compare it with").format(
            line=clean(result.funding or ""))]  # fmt: skip
    value = _compared(line.qualifier, money(line.value, style), line.word)
    planned = f"{value} {clean(line.unit)}"
    if line.carried is not None and line.carried.amount is not None:
        planned = _("{planned}, with {carried} carried over").format(
            planned=planned,
            carried=f"{money(line.carried.amount, style)} {clean(line.carried_unit)}",
        )
    lines = [_("the plan's '{name}': {planned}").format(name=clean(line.name), planned=planned)]
    templates = (_("= {share} of it"), _("= {share} of it with what was carried over"))
    for template, shares in zip(templates, row.share_of_line, strict=False):
        shown = _shown(shares, style)
        if shown is not None:
            lines.append(template.format(share=shown))
    return lines


def _shown(shares: Interval, style: NumberStyle | None) -> str | None:
    """A share as the figures give it: `64,13 %`, or `64,05 %–64,25 %` where a figure is
    qualified; None where it has no lower end."""
    if shares.low is None:
        return None
    if shares.is_point:
        return percent_text(at_places(shares.low, 2), style)
    high = "…" if shares.high is None else percent_text(at_places(shares.high, 2), style)
    return f"{percent_text(at_places(shares.low, 2), style)}–{high}"


def _of_plan_text(row: ResultProgress, clean: Clean, style: NumberStyle | None) -> list[str]:
    result, implied = row.result, row.implied
    unit = clean(result.unit)
    stated = _compared(result.of_plan_qualifier, percent_text(result.of_plan, style))
    if qualifies(result.of_plan_qualifier) and result.plan_value is None:
        return [_("stated {share} of plan").format(share=stated)]
    if row.stated_share is not None and result.plan_value is not None:
        plan = money(result.plan_value, style)
        plan = _compared(result.plan_qualifier, plan, result.word("plan_value"))
        true = _shown(row.stated_share, style)
        return [
            _("stated {share} of a plan of {plan}: the figures give {true}").format(
                share=stated, plan=plan, true=true or "—"
            )
        ]
    if implied is None:
        return []
    lines = [
        _("stated {share} of plan: implies a plan of {central} ({low} to {high})").format(
            share=stated,
            central=figure(at_places(implied.central, 1), style),
            low=figure(at_places(implied.low, 2), style),
            high=figure(at_places(implied.high, 2), style),
        )
    ]
    if implied.listed():
        wholes = ", ".join(figure(whole, style) for whole in implied.listed())
        lines.append(_("a whole number of {unit}: {wholes}").format(unit=unit, wholes=wholes))
    elif implied.first is not None and implied.last is not None:
        lines.append(
            _("a whole number of {unit} from {first} to {last} ({count} numbers)").format(
                unit=unit,
                first=figure(implied.first, style),
                last=figure(implied.last, style),
                count=figure(implied.wholes, style),
            )
        )
    elif is_counted(result):
        lines.append(_("no whole number of {unit} gives {share}").format(unit=unit, share=stated))
    return lines


def names_text(progress: Progress) -> str:
    given = progress.names_given
    if given == 0:
        return _("The report names none of the communes or villages it counts.")
    unknown = [f for f in progress.checked.findings if f.code == "K102"]
    if not unknown:
        return _n(
            "The {count} name in the report is in the plan's roadmap.",
            "All {count} names in the report are in the plan's roadmap.",
            given,
        )
    return _("{unknown} of {count} names in the report are not in the plan.").format(
        unknown=len(unknown), count=given
    )


def no_roadmap() -> str:
    return _(
        "The plan has no roadmap: the communes and villages the report counts cannot be "
        "compared with one."
    )


def reported_lines(progress: Progress) -> list[str]:
    """Without a roadmap, what the report counts, a line a year it counts (no table of
    roadmap figures that are not there)."""
    lines = []
    for row in progress.years:
        if row.reported is None:
            continue
        counted = [_counted(index, count) for index, count in enumerate(row.reported) if count]
        said = counted[0] if len(counted) == 1 else _counted(0, 0)
        if len(counted) == 2:
            said = _("{communes} and {villages}").format(communes=counted[0], villages=counted[1])
        lines.append(
            _("In {year} the report counts {count} leaving the list.").format(
                year=row.year, count=said
            )
        )
    return lines


def heading_parts(progress: Progress, clean: Clean) -> tuple[list[str], list[str]]:
    """The heading's parts before and after the report's own (`Bài báo 15/06/2018: title`):
    the province, the plan and its period, each left out where the plan's name or the report's
    title says it (`Quảng Ninh đột phá, sáng tạo thực hiện Đề án 196` names the province and
    the plan: the plan's period follows the title)."""
    plan, title = progress.plan_name, progress.report.report.title
    start, end = progress.period
    before = [] if says(f"{plan} {title}", progress.province) else [clean(progress.province)]
    period = "" if says_period(plan, start, end) else period_text(start, end)
    named = says(title, plan)
    if not named:
        before.append(f"{clean(plan)} ({period})" if period else clean(plan))
    after = []
    if named and period and not says_period(title, start, end):
        after.append(_("plan {period}").format(period=period))
    return before, after


def _dated(report: ReportDocument, clean: Clean) -> str:
    """The report's kind and date (`Bài báo 29/08/2025`), or that the page shows no date."""
    when = clean(report.date) if report.date else _("(no date shown)")
    return f"{clean(report.kind)} {when}"


def heading(progress: Progress, clean: Clean) -> str:
    report = progress.report.report
    before, after = heading_parts(progress, clean)
    said = f"{_dated(report, clean)}: {clean(report.title)}"
    return " · ".join([*before, said, *after])


# --- formats -----------------------------------------------------------------------------------


def render_text(progress: Progress, stream: TextIO, *, color: bool, width: int | None) -> None:
    laid = page_width(width, is_terminal(stream))
    show(stream, layout(progress, laid), color=color, width=laid)
    render_findings(RunResult([progress.checked]), stream, color=color, width=width)


def layout(progress: Progress, width: int | None) -> list[Block]:
    """The text view laid out for `width` columns (None: for its content)."""
    line = MEASURE if width is None else min(width, MEASURE)
    report = progress.report.report
    before, after = heading_parts(progress, view_text)
    title = [
        *(f"{part} ·" for part in before),
        f"{_dated(report, view_text)}:",
        *pieces(view_text(report.title), keep=(view_text(progress.plan_name),)),
    ]
    if after:
        title[-1] += " ·"
        title += after
    blocks: list[Block] = [Lines(flow(title, width), "bold")]
    if progress.has_roadmap:
        leaving = _("Leaving the list, cumulative to the end of each year:")
        blocks += [Lines(flow(pieces(leaving), line)), _years_block(progress, width)]
    else:  # no table of roadmap figures that are not there: what the report counts, in lines
        said = [no_roadmap(), *reported_lines(progress)]
        blocks.append(Lines([text for one in said for text in flow(pieces(one), line)]))
    blocks.append(Lines(flow(pieces(names_text(progress)), line)))
    if progress.results:
        blocks.append(Lines(flow(pieces(_("Results against the plan:")), line)))
        blocks.append(_results_block(progress, width))
    return blocks


def _years_block(progress: Progress, width: int | None) -> Block:
    """The years as a table; where none fits, each year with its figures on lines."""
    roadmap, rows = progress.has_roadmap, progress.years
    labels = columns()
    table = fit(
        [
            Column(labels[0], [fixed(str(r.year)) for r in rows]),
            Column(labels[1], [fixed(against(r, 0, roadmap=roadmap)) for r in rows], right=True),
            Column(labels[2], [fixed(against(r, 1, roadmap=roadmap)) for r in rows], right=True),
            Column(labels[3], [(sentence(status_text(r)),) for r in rows], prose=True),
        ],
        width,
        lines=False,
    )
    if table is not None:
        return table
    lines = []
    for row in rows:
        lines.append(str(row.year))
        for index in (0, 1):
            value = against(row, index, roadmap=roadmap)
            lines += flow([f"{labels[index + 1]}:", value], width, lead="  ", indent=4)
        lines += flow([f"{labels[3]}:", *pieces(status_text(row))], width, lead="  ", indent=4)
    return Lines(lines)


def _results_block(progress: Progress, width: int | None) -> Block:
    """Each result against the plan, as a table; where none fits, as lines."""
    style, units, rows = progress.style, _units(progress), progress.results
    reported = [result_text(r, view_text, style) for r in rows]
    answers = [against_plan_text(r, view_text, style) for r in rows]
    kept = [_figures(r, style) for r in rows]
    table = fit(
        [
            Column(
                _("Reported"),
                [
                    (sentence(text, units, keep=keep),)
                    for text, keep in zip(reported, kept, strict=True)
                ],
                prose=True,
            ),
            Column(
                _("Against the plan"),
                [
                    tuple(sentence(text, units, keep=keep) for text in lines)
                    for lines, keep in zip(answers, kept, strict=True)
                ],
                prose=True,
            ),
        ],
        width,
    )
    if table is not None:
        return table
    lines = []
    for text, answer, keep in zip(reported, answers, kept, strict=True):
        lines += flow(pieces(text, units, keep=keep), width)
        for said in answer:
            lines += flow(pieces(said, units, keep=keep), width, lead="  ", indent=4)
    return Lines(lines)


def _figures(row: ResultProgress, style: NumberStyle | None) -> list[str]:
    """A result's figure and its plan item's, each with its comparator and unit (`over 3.000
    lượt hộ`): each stays on one line."""
    result, item = row.result, row.item
    value = _compared(result.comparator, money(result.value, style), result.word("value"))
    found = [f"{value} {view_text(result.unit)}"]
    if item is not None:
        marked = f" ({_(INFERRED)})" if item.inferred else ""
        found.append(f"{item.figure(style)} {view_text(item.unit or '')}".strip() + marked)
    return found


def _units(progress: Progress) -> tuple[str, ...]:
    """The units a figure in the view keeps with it: the report's and its plan items'."""
    found = set(UNITS)
    for row in progress.results:
        found |= {row.result.unit, (row.item.unit or "") if row.item else ""}
    return tuple(sorted(view_text(unit) for unit in found if unit.strip()))


def render_markdown(progress: Progress, stream: TextIO) -> None:
    style = progress.style
    lines = [f"### {heading(progress, escape.view_markdown)}", ""]
    if progress.has_roadmap:
        rows = [
            [str(r.year), *(against(r, index) for index in (0, 1)), status_text(r)]
            for r in progress.years
        ]
        lines += [_("Leaving the list, cumulative to the end of each year:"), ""]
        lines += markdown_table(columns(), rows, right=RIGHT)
    else:  # no table of roadmap figures that are not there
        lines += [no_roadmap(), *(f"\n{said}" for said in reported_lines(progress))]
    lines += ["", names_text(progress), ""]
    result_rows = [
        [
            result_text(r, escape.view_markdown, style),
            "<br>".join(against_plan_text(r, escape.view_markdown, style)),
        ]
        for r in progress.results
    ]
    lines += markdown_table([_("Reported"), _("Against the plan")], result_rows)
    findings = progress.checked.findings
    counted = _("Findings: {count}").format(count=len(findings))
    lines += ["", counted if findings else _("Findings: none")]
    path = escape.markdown(progress.report_path)
    for finding in findings:
        place = f"{path}:{finding.location.line}" if finding.location else ""
        lines.append(f"- `{finding.code}` {place}: {escape.markdown(finding.message)}")
    stream.write("\n".join(lines) + "\n")


def _marks_json(marks: Marks) -> dict[str, bool]:
    return {"communes": marks[0], "villages": marks[1]}


def _pair_json(pair: Pair | None) -> dict[str, int] | None:
    return None if pair is None else {"communes": pair[0], "villages": pair[1]}


def _decimal(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:f}"


def _result_json(row: ResultProgress) -> dict[str, object]:
    result, item, implied = row.result, row.item, row.implied
    return {
        "id": result.id,
        "value": _decimal(result.value),
        "comparator": str(result.comparator) if result.comparator else None,
        "unit": result.unit,
        "year": result.year,
        "plan_item": None
        if item is None
        else {
            "id": item.id,
            "value": _decimal(item.value),
            "unit": item.unit,
            "about": item.about,
            "by": item.by,
            "inferred": item.inferred,
            "qualifier": str(item.qualifier) if qualifies(item.qualifier) else None,
        },
        "share_of_plan_item": _decimal(row.share_of_item),
        "funding_line": _line_json(row),
        "of_plan": _decimal(result.of_plan),
        "of_plan_qualifier": str(result.of_plan_qualifier) if result.of_plan_qualifier else None,
        "implied_plan": None
        if implied is None
        else {
            "low": f"{at_places(implied.low, 2):f}",
            "central": f"{at_places(implied.central, 2):f}",
            "high": f"{at_places(implied.high, 2):f}",
            "whole": implied.listed(),
            "whole_first": implied.first,
            "whole_last": implied.last,
            "whole_count": implied.wholes,
        },
        "plan_value": _decimal(result.plan_value),
        "plan_qualifier": str(result.plan_qualifier) if result.plan_qualifier else None,
        "plan_item_id": result.plan_item,
        "money": str(result.money) if result.money else None,
        "as_of": result.as_of,
    }


def _share(value: Decimal | None) -> str | None:
    """A derived share for JSON, half up to 0,01 % as the text shows it."""
    return None if value is None else f"{at_places(value, 2):f}"


def _line_json(row: ResultProgress) -> dict[str, object] | None:
    line, bases = row.line, row.share_of_line
    if line is None:
        return None
    shares = bases[0] if bases else None
    together = bases[1] if len(bases) > 1 else None
    carried = line.carried.amount if line.carried is not None else None
    return {
        "pointer": row.result.funding,
        "name": line.name,
        "value": _decimal(line.value),
        "qualifier": str(line.qualifier) if qualifies(line.qualifier) else None,
        "unit": line.unit,
        "carried_over": _decimal(carried),
        "share_low": _share(None if shares is None else shares.low),
        "share_high": _share(None if shares is None else shares.high),
        "share_with_carried_low": _share(None if together is None else together.low),
        "share_with_carried_high": _share(None if together is None else together.high),
    }


def render_json(progress: Progress, stream: TextIO) -> None:
    errors, warnings, acknowledged = progress.checked.counts()
    data = {
        "version": 1,
        "plan": {"path": progress.plan_path, "province": progress.province},
        "report": {"path": progress.report_path, "date": progress.report.report.date},
        "years": [
            {
                "year": r.year,
                "planned": _pair_json(r.planned),
                "planned_cumulative": _pair_json(r.planned_cumulative),
                "reported": _pair_json(r.reported),
                "reported_cumulative": _pair_json(r.reported_cumulative),
                "status": r.status,
                "planned_inferred": _marks_json(r.planned_inferred),
                "planned_approximate": _marks_json(r.planned_approximate),
            }
            for r in progress.years
        ],
        "results": [_result_json(row) for row in progress.results],
        "findings": [finding_dict(f) for f in progress.checked.findings],
        "summary": {"errors": errors, "warnings": warnings, "acknowledged": acknowledged},
    }
    stream.write(json_text(data) + "\n")
