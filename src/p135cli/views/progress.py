"""`p135 progress`: reported results against the plan, year by year and target by target.

`build` compares a results report with its plan: who left the list each year against the
roadmap (ahead, on the roadmap, behind, not reported), each result against the plan item it
answers, and what a bare "x % of plan" implies the plan figure was. The findings of checking
the report (K101-K103) travel with it, so every format can show them.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TextIO

from p135cli.arithmetic import at_places, percent
from p135cli.findings import FileResult, RunResult
from p135cli.model import Comparator, Plan
from p135cli.render import escape
from p135cli.render.escape import json_text, printable
from p135cli.render.json_format import finding_dict
from p135cli.render.text import render as render_findings
from p135cli.results import Result, ResultsReport
from p135cli.rules.results import Implied, implied_plan, is_counted
from p135cli.views.common import (
    WHAT,
    Clean,
    console,
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


def plan_item(plan: Plan, key: str | None) -> PlanItem | None:
    """The target or output with this id, with its figure and when the plan wants it."""
    if key is None:
        return None
    period = f"{plan.period.start}–{plan.period.end}"
    for target in plan.targets:
        if target.id == key:
            by = "each year" if target.per_year else str(target.by or period)
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

_COMPARED = {Comparator.MORE_THAN: "over ", Comparator.AT_LEAST: "at least "}
_COMPARED |= {Comparator.ABOUT: "about ", Comparator.AT_MOST: "at most "}


def against(row: YearProgress, index: int) -> str:
    """`roadmap / reported`, cumulative, for communes (0) or villages (1)."""
    reported = row.reported_cumulative
    return f"{row.planned_cumulative[index]} / {'—' if reported is None else reported[index]}"


COLUMNS = ("Year", "Communes out: roadmap / reported", "Villages out: roadmap / reported", "Status")
"""The year table's columns; counts are cumulative to the end of the year."""


def status_text(row: YearProgress) -> str:
    if row.reported_cumulative is None:
        return "not reported"
    gaps = [
        (r - p, what)
        for r, p, what in zip(row.reported_cumulative, row.planned_cumulative, WHAT, strict=True)
        if r != p
    ]
    if not gaps:
        return "on the roadmap"
    parts = [f"{abs(gap)} {what} {'ahead' if gap > 0 else 'behind'}" for gap, what in gaps]
    if row.status in ("ahead", "behind"):
        parts = [f"{abs(gap)} {what}" for gap, what in gaps]
        word = "ahead of" if row.status == "ahead" else "behind"
        return f"{word} the roadmap by {' and '.join(parts)}"
    return "off the roadmap: " + ", ".join(parts)


def result_text(row: ResultProgress, clean: Clean) -> str:
    result = row.result
    prefix = _COMPARED.get(result.comparator, "") if result.comparator else ""
    when = f" in {result.year}" if result.year else " (no year stated)"
    return f"{clean(result.id)}: {prefix}{money(result.value)} {clean(result.unit)}{when}"


def against_plan_text(row: ResultProgress, clean: Clean) -> list[str]:
    lines, result, item = [], row.result, row.item
    if item is not None:
        about = "about " if item.about else ""
        figure = f"{about}{money(item.value)} {clean(item.unit or '')}".strip()
        lines.append(f"plan item {clean(item.id)}: {figure} for {clean(item.by)}")
        if row.share_of_item is not None:
            lines.append(f"= {_share_words(result)}{percent_text(row.share_of_item)} of it")
    elif result.plan_item is not None:
        lines.append(f"the plan has no target or output '{clean(result.plan_item)}'")
    else:
        lines.append("the plan states no target for it")
    if result.of_plan is not None:
        lines.extend(_of_plan_text(row, clean))
    return lines


def _share_words(result: Result) -> str:
    return "over " if result.comparator is Comparator.MORE_THAN else ""


def _of_plan_text(row: ResultProgress, clean: Clean) -> list[str]:
    result, implied = row.result, row.implied
    unit = clean(result.unit)
    stated = f"{result.of_plan:f} %"
    if row.stated_share is not None and result.plan_value is not None:
        true = at_places(row.stated_share, 2)
        return [
            f"stated {stated} of a plan of {money(result.plan_value)}: the figures give {true} %"
        ]
    if implied is None:
        return []
    span = f"{at_places(implied.low, 2):f} to {at_places(implied.high, 2):f}"
    lines = [
        f"stated {stated} of plan: implies a plan of {at_places(implied.central, 1):f} ({span})"
    ]
    if implied.listed():
        wholes = ", ".join(map(str, implied.listed()))
        lines.append(f"a whole number of {unit}: {wholes}")
    elif implied.wholes:
        lines.append(
            f"a whole number of {unit} from {implied.first} to {implied.last} "
            f"({implied.wholes} numbers)"
        )
    elif is_counted(result):
        lines.append(f"no whole number of {unit} gives {stated}")
    return lines


def names_text(progress: Progress) -> str:
    if progress.names_given == 0:
        return "The report names none of the communes or villages it counts."
    unknown = [f for f in progress.checked.findings if f.code == "K102"]
    if not unknown:
        return f"All {progress.names_given} names in the report are in the plan's roadmap."
    return f"{len(unknown)} of {progress.names_given} names in the report are not in the plan."


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
    out.print(heading(progress, printable), style="bold")
    out.print("Leaving the list, cumulative to the end of each year:")
    years = Table(box=box.SQUARE)
    for label in COLUMNS:
        years.add_column(label, justify="right" if "/" in label else "left")
    for row in progress.years:
        years.add_row(str(row.year), against(row, 0), against(row, 1), status_text(row))
    out.print(years)
    out.print(names_text(progress))
    out.print("Results against the plan:")
    results = Table(box=box.SQUARE, show_lines=True)
    results.add_column("Reported")
    results.add_column("Against the plan")
    for result in progress.results:
        results.add_row(
            result_text(result, printable), "\n".join(against_plan_text(result, printable))
        )
    out.print(results)
    render_findings(RunResult([progress.checked]), stream, color=color, width=width)


def render_markdown(progress: Progress, stream: TextIO) -> None:
    lines = [f"### {heading(progress, escape.markdown)}", ""]
    rows = [[str(r.year), against(r, 0), against(r, 1), status_text(r)] for r in progress.years]
    lines += ["Leaving the list, cumulative to the end of each year:", ""]
    lines += markdown_table(COLUMNS, rows, right={1, 2})
    lines += ["", names_text(progress), ""]
    result_rows = [
        [result_text(r, escape.markdown), "<br>".join(against_plan_text(r, escape.markdown))]
        for r in progress.results
    ]
    lines += markdown_table(["Reported", "Against the plan"], result_rows)
    findings = progress.checked.findings
    lines += ["", f"Findings: {len(findings)}" if findings else "Findings: none"]
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
