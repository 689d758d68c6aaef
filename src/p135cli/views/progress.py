"""`p135 progress`: reported results against the plan, year by year and target by target.

`build` compares a results report with its plan: who left the list each year against the
roadmap (ahead, on the roadmap, behind, not reported), each result against the plan item it
answers, and what a bare "x % of plan" implies the plan figure was. The findings of checking
the report (K101-K103) travel with it, so every format can show them.

JSON keeps its keys and values for scripts (`status` is `ahead`, `each year` stays as it is);
the text and markdown views speak the run's language and write figures in the plan's number
style (the report's, for a plan that states none).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TextIO

from p135cli.arithmetic import at_places, percent
from p135cli.findings import FileResult, RunResult
from p135cli.i18n import N_, NumberStyle, _, _n
from p135cli.model import Comparator, Plan
from p135cli.render import escape
from p135cli.render.escape import json_text, printable
from p135cli.render.json_format import finding_dict
from p135cli.render.text import render as render_findings
from p135cli.results import Result, ResultsReport
from p135cli.rules.results import Implied, implied_plan, is_counted
from p135cli.views.common import (
    Clean,
    console,
    figure,
    leaving,
    markdown_table,
    money,
    percent_text,
    share,
)

Pair = tuple[int, int]
"""(communes, villages)."""


@dataclass(frozen=True)
class YearProgress:
    year: int
    planned: Pair
    planned_cumulative: Pair
    reported: Pair | None
    reported_cumulative: Pair | None
    status: str
    """`ahead`, `on_roadmap`, `behind`, `mixed` or `not_reported`."""


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


@dataclass(frozen=True)
class ResultProgress:
    result: Result
    item: PlanItem | None
    share_of_item: Decimal | None
    """The result as a percentage of the plan item's figure, where both are stated."""
    implied: Implied | None
    """What a stated percentage of plan implies the plan figure was."""
    stated_share: Decimal | None
    """The percentage the stated plan figure gives, where the report states both."""


@dataclass(frozen=True)
class Progress:
    province: str
    plan_name: str
    period: Pair
    plan_path: str
    report: ResultsReport
    report_path: str
    years: tuple[YearProgress, ...]
    results: tuple[ResultProgress, ...]
    names_given: int
    checked: FileResult
    style: NumberStyle | None = None
    """The plan's number style (else the report's): figures are shown in it."""


def build(plan: Plan, plan_path: str, report: ResultsReport, checked: FileResult) -> Progress:
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
    )


# --- years -------------------------------------------------------------------------------------


def _planned(plan: Plan, year: int) -> Pair:
    return leaving(plan.roadmap.years.get(year) if plan.roadmap else None)


def _reported(report: ResultsReport, year: int) -> Pair | None:
    stated = report.years.get(year)
    return None if stated is None else leaving(stated)


def _status(reported: Pair | None, planned: Pair) -> str:
    if reported is None:
        return "not_reported"
    signs = {(r > p) - (r < p) for r, p in zip(reported, planned, strict=True)}
    if signs == {0}:
        return "on_roadmap"
    if -1 not in signs:
        return "ahead"
    return "behind" if 1 not in signs else "mixed"


def _years(plan: Plan, report: ResultsReport) -> list[YearProgress]:
    numbers = sorted({*range(plan.period.start, plan.period.end + 1), *report.years})
    rows, planned_total, reported_total = [], (0, 0), (0, 0)
    for year in numbers:
        planned, reported = _planned(plan, year), _reported(report, year)
        planned_total = _add(planned_total, planned)
        reported_total = _add(reported_total, reported or (0, 0))
        cumulative = reported_total if reported is not None else None
        status = _status(cumulative, planned_total)
        rows.append(YearProgress(year, planned, planned_total, reported, cumulative, status))
    return rows


def _add(a: Pair, b: Pair) -> Pair:
    return (a[0] + b[0], a[1] + b[1])


# --- results -----------------------------------------------------------------------------------


EACH_YEAR = N_("each year")
"""`PlanItem.by` of a target stated for every year (JSON keeps it; views translate it)."""


def plan_item(plan: Plan, key: str | None) -> PlanItem | None:
    """The target or output with this id, with its figure and when the plan wants it."""
    if key is None:
        return None
    period = f"{plan.period.start}–{plan.period.end}"
    for target in plan.targets:
        if target.id == key:
            by = EACH_YEAR if target.per_year else str(target.by or period)
            about = target.comparator is Comparator.ABOUT
            return PlanItem(key, target.text, target.value, target.unit, about, by)
    for output in plan.outputs:
        if output.id == key:
            return PlanItem(key, output.what, output.quantity, output.unit, output.about, period)
    return None


def _result(plan: Plan, result: Result) -> ResultProgress:
    item = plan_item(plan, result.plan_item)
    same_unit = item is not None and item.unit == result.unit
    share_of_item = share(result.value, item.value) if item and same_unit else None
    implied = stated_share = None
    if result.of_plan is not None and result.plan_value is None:
        implied = implied_plan(result.value, result.of_plan, is_counted(result))
    if result.plan_value is not None:
        stated_share = percent(result.value, result.plan_value)
    return ResultProgress(result, item, share_of_item, implied, stated_share)


# --- wording shared by the text and markdown formats -------------------------------------------
# Plan and report text (names, ids, units, titles) is untrusted: each function shows it through
# `clean`, the format's own escaping (`printable` for a terminal, `escape.markdown`).

_COMPARED = {
    Comparator.MORE_THAN: N_("over {value}"),
    Comparator.AT_LEAST: N_("at least {value}"),
    Comparator.ABOUT: N_("about {value}"),
    Comparator.AT_MOST: N_("at most {value}"),
}
"""A reported figure with its comparator (`over 3.000`)."""


def against(row: YearProgress, index: int) -> str:
    """`roadmap / reported`, cumulative, for communes (0) or villages (1)."""
    reported = row.reported_cumulative
    return f"{row.planned_cumulative[index]} / {'—' if reported is None else reported[index]}"


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


def status_text(row: YearProgress) -> str:
    if row.reported_cumulative is None:
        return _("not reported")
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


def _compared(comparator: Comparator | None, value: str) -> str:
    template = _COMPARED.get(comparator) if comparator else None
    return _(template).format(value=value) if template else value


def result_text(row: ResultProgress, clean: Clean, style: NumberStyle | None) -> str:
    result = row.result
    value = _compared(result.comparator, money(result.value, style))
    if result.year:
        template = _("{id}: {value} {unit} in {year}")
    else:
        template = _("{id}: {value} {unit} (no year stated)")
    return template.format(
        id=clean(result.id), value=value, unit=clean(result.unit), year=result.year
    )


def against_plan_text(row: ResultProgress, clean: Clean, style: NumberStyle | None) -> list[str]:
    lines, result, item = [], row.result, row.item
    if item is not None:
        value = money(item.value, style)
        value = _compared(Comparator.ABOUT, value) if item.about else value
        planned = f"{value} {clean(item.unit or '')}".strip()
        by = _(EACH_YEAR) if item.by == EACH_YEAR else clean(item.by)
        lines.append(
            _("plan item {id}: {figure} for {by}").format(id=clean(item.id), figure=planned, by=by)
        )
        if row.share_of_item is not None:
            shown = percent_text(row.share_of_item, style)
            if result.comparator is Comparator.MORE_THAN:
                lines.append(_("= over {share} of it").format(share=shown))
            else:
                lines.append(_("= {share} of it").format(share=shown))
    elif result.plan_item is not None:
        lines.append(
            _("the plan has no target or output '{id}'").format(id=clean(result.plan_item))
        )
    else:
        lines.append(_("the plan states no target for it"))
    if result.of_plan is not None:
        lines.extend(_of_plan_text(row, clean, style))
    return lines


def _of_plan_text(row: ResultProgress, clean: Clean, style: NumberStyle | None) -> list[str]:
    result, implied = row.result, row.implied
    unit = clean(result.unit)
    stated = percent_text(result.of_plan, style)
    if row.stated_share is not None and result.plan_value is not None:
        return [
            _("stated {share} of a plan of {plan}: the figures give {true}").format(
                share=stated,
                plan=money(result.plan_value, style),
                true=percent_text(at_places(row.stated_share, 2), style),
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


def heading(progress: Progress, clean: Clean) -> str:
    report = progress.report.report
    start, end = progress.period
    return (
        f"{clean(progress.province)} · {clean(progress.plan_name)} ({start}–{end}) · "
        f"{clean(report.kind)} {clean(report.date)}: {clean(report.title)}"
    )


# --- formats -----------------------------------------------------------------------------------


def render_text(progress: Progress, stream: TextIO, *, color: bool, width: int | None) -> None:
    from rich import box
    from rich.table import Table

    out = console(stream, color=color, width=width)
    style = progress.style
    out.print(heading(progress, printable), style="bold")
    out.print(_("Leaving the list, cumulative to the end of each year:"))
    years = Table(box=box.SQUARE)
    for index, label in enumerate(columns()):
        years.add_column(label, justify="right" if index in RIGHT else "left")
    for row in progress.years:
        years.add_row(str(row.year), against(row, 0), against(row, 1), status_text(row))
    out.print(years)
    out.print(names_text(progress))
    out.print(_("Results against the plan:"))
    results = Table(box=box.SQUARE, show_lines=True)
    results.add_column(_("Reported"))
    results.add_column(_("Against the plan"))
    for result in progress.results:
        results.add_row(
            result_text(result, printable, style),
            "\n".join(against_plan_text(result, printable, style)),
        )
    out.print(results)
    render_findings(RunResult([progress.checked]), stream, color=color, width=width)


def render_markdown(progress: Progress, stream: TextIO) -> None:
    style = progress.style
    lines = [f"### {heading(progress, escape.markdown)}", ""]
    rows = [[str(r.year), against(r, 0), against(r, 1), status_text(r)] for r in progress.years]
    lines += [_("Leaving the list, cumulative to the end of each year:"), ""]
    lines += markdown_table(columns(), rows, right=RIGHT)
    lines += ["", names_text(progress), ""]
    result_rows = [
        [
            result_text(r, escape.markdown, style),
            "<br>".join(against_plan_text(r, escape.markdown, style)),
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
        },
        "share_of_plan_item": _decimal(row.share_of_item),
        "of_plan": _decimal(result.of_plan),
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
            }
            for r in progress.years
        ],
        "results": [_result_json(row) for row in progress.results],
        "findings": [finding_dict(f) for f in progress.checked.findings],
        "summary": {"errors": errors, "warnings": warnings, "acknowledged": acknowledged},
    }
    stream.write(json_text(data) + "\n")
