"""The commands that show plans: `timeline`, `report`, `progress` and `diff`. Each opens its
plans as `validate` reads them, builds its view and renders it in the format its registry
(`p135cli.formats`) names."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal, NoReturn

import typer

from p135cli.cli_options import (
    ColorOption,
    Command,
    ConfigOption,
    DebugOption,
    ExcelOption,
    ExcludeOption,
    ForceOption,
    IsolatedOption,
    LangOption,
    NoColorOption,
    OutputOption,
    StdinNameOption,
    StyleOption,
    ToleranceOption,
    WidthOption,
    above,
    configured,
    emit,
    examples,
    format_option,
    in_color,
    option,
)
from p135cli.formats import DIFF, PROGRESS, REPORT, SUFFIXES, TIMELINE
from p135cli.i18n import _, _n
from p135cli.running import fail, format_of, guard, inputs, paths_of, say, write

if TYPE_CHECKING:  # one of the registry's names: a str to mypy, typer's choices when it runs
    from p135cli.config import Found
    from p135cli.findings import FileResult
    from p135cli.model import Plan
    from p135cli.progress_report import ProgressReport
    from p135cli.views.report_model import Report

    TimelineFormat = str
    ReportFormat = str
    ProgressFormat = str
    DiffFormat = str
else:
    TimelineFormat = TIMELINE.choice
    ReportFormat = REPORT.choice
    ProgressFormat = PROGRESS.choice
    DiffFormat = DIFF.choice

Chart = Literal["communes", "villages", "targets"]
"""The charts `timeline -f mermaid` draws (p135cli.views.timeline.CHARTS)."""

commands = typer.Typer()


def _open_document(
    path: Path, found: Found, label: str | None = None
) -> tuple[Plan | ProgressReport, FileResult]:
    """A plan or report that matched the schema, else its findings listed on stderr (exit 1);
    `label`: what the user calls the file (standard input's --stdin-filename)."""
    from p135cli.checking import UsageProblem, open_document

    try:
        document, result = open_document(path, found.settings)
    except UsageProblem as problem:
        fail(str(problem), 2)
    if label is not None:
        result = replace(result, path=label)
    if document is None:
        _list_findings_and_exit(result)
    return document, result


def _list_findings_and_exit(result: FileResult) -> NoReturn:
    """A file that cannot be shown: its findings as `validate` lists them, on stderr; exit 1."""
    from p135cli.findings import RunResult
    from p135cli.render import renderer

    renderer("text")(RunResult([result]), sys.stderr, color=False)
    raise SystemExit(1)


def _open_plan(path: Path, found: Found, label: str | None = None) -> Plan:
    """A plan to show. One that does not match the schema is listed as `validate` would and
    ends the command (exit 1); one whose figures fail checks is shown with a warning."""
    from p135cli.model import Plan

    plan, result = _open_document(path, found, label)
    path = Path(result.path)
    if not isinstance(plan, Plan):
        fail(_("{path} is a results report, not a plan").format(path=path), 2)
    errors = result.counts()[0]
    if errors:
        warning = _n(
            "warning: {path} has {count} error finding ('p135 validate {path}' lists it); "
            "showing the figures as stated",
            "warning: {path} has {count} error findings ('p135 validate {path}' lists them); "
            "showing the figures as stated",
            errors,
            path=path,
        )
        say(warning)
    return plan


@commands.command(
    cls=Command,
    help=_(
        "Print the roadmap year by year: who leaves the list, cumulative counts against the "
        "goal, and the year's funding with its share of the total."
    ),
    epilog=examples(
        [
            "p135 timeline data/plans/quang-ninh-2017-2020.yaml",
            "p135 timeline data/plans/quang-ninh-2017-2020.yaml -f markdown",
            "p135 timeline data/plans/quang-ninh-2017-2020.yaml --svg lo-trinh.svg",
            "p135 timeline data/plans/quang-ninh-2017-2020.yaml --chart villages -o thon.mmd",
            "p135 timeline data/plans/quang-ninh-2017-2020.yaml -f csv --excel -o lo-trinh.csv",
            "p135 timeline data/plans/quang-ninh-2017-2020.yaml --today",
        ]
    ),
)
def timeline(
    plan_path: Annotated[Path, typer.Argument(metavar="PLAN", help=_("A plan file."))],
    format: Annotated[TimelineFormat | None, format_option(TIMELINE)] = None,
    output: OutputOption = None,
    excel: ExcelOption = False,
    chart: Annotated[
        Chart | None,
        typer.Option(
            help=_(
                "The chart -f mermaid draws: communes or villages leaving the list (a plan "
                "with a roadmap; default: the first it counts), or targets (a plan without one)."
            ),
        ),
    ] = None,
    svg: Annotated[
        Path | None,
        typer.Option(metavar="FILE", help=_("Also save the text view as an SVG picture.")),
    ] = None,
    today: Annotated[
        bool,
        typer.Option(
            "--today",
            help=_(
                "Show beside each commune the commune of today it is part of (after the "
                "reform of 01/07/2025: no districts, communes merged), by p135's list."
            ),
        ),
    ] = False,
    force: ForceOption = False,
    stdin_filename: StdinNameOption = None,
    no_color: NoColorOption = False,
    color: ColorOption = None,
    width: WidthOption = None,
    config: ConfigOption = None,
    isolated: IsolatedOption = False,
    lang: LangOption = None,
    number_style: StyleOption = None,
    debug: DebugOption = False,
) -> None:
    with guard(above("debug", debug)):
        import io

        from p135cli.settings import Limits
        from p135cli.views import timeline as view

        found = configured(config, isolated, lang, number_style)
        chosen = format_of(_named(output), format, TIMELINE)
        colored = in_color(color, no_color) and output is None
        with inputs([plan_path], stdin_filename, Limits().max_bytes + 1) as read:
            path = read.paths[0]
            shown = view.build(_open_plan(path, found, read.label(path)), today=today)
            _check_chart(chart, view.chart_names(shown), chosen)
            if svg is not None:
                write(svg, view.render_svg(shown), force=force, inputs=read.paths)
            stream = io.StringIO() if output is not None else sys.stdout
            options = {"color": colored, "width": width, "excel": excel, "chart": chart}
            TIMELINE[chosen](shown, stream, **options)
            if isinstance(stream, io.StringIO):
                text = stream.getvalue()
                emit(text, output, chosen, "timeline", force=force, read=read.paths)


def _named(output: Path | None) -> Path | None:
    """The -o file, if its extension names a format (`.mmd`: mermaid); a file named otherwise
    (`lo-trinh`) gets the default format, as it always has."""
    return output if output is not None and output.suffix.lower() in SUFFIXES else None


def _check_chart(chart: str | None, charts: list[str], format: str) -> None:
    """A --chart the plan has, and for the format that draws it; else a usage error."""
    if chart is not None and format != "mermaid":
        fail(_("--chart chooses a mermaid chart: give --format mermaid"), 2)
    if chart is not None and chart not in charts:
        message = _("this plan has no {chart} chart; it has: {charts}")
        fail(message.format(chart=chart, charts=", ".join(charts)), 2)


@commands.command(
    cls=Command,
    help=_(
        "Funding tables: by source and by year with shares, yearly categories against "
        "sources, allocated against need, and the provinces side by side.\n"
        "\n"
        "Charts too: funding by year (stacked by category) or by source, and the roadmap's "
        "cumulative communes and villages against the goal; in the xlsx workbook as Excel "
        "charts on a sheet of their own, and as a picture with --format svg or png (a row a "
        "plan)."
    ),
    epilog=examples(
        [
            "p135 report data/plans/",
            "p135 report data/plans/ -o kinh-phi.xlsx",
            "p135 report data/plans/quang-ninh-2017-2020.yaml -f csv",
            "p135 report data/plans/ -f csv --excel -o kinh-phi.csv",
            "p135 report data/plans/quang-ninh-2017-2020.yaml -o bieu-do.png",
        ]
    ),
)
def report(
    paths: Annotated[
        list[str],
        typer.Argument(metavar="PATH", help=_("Plan files, or folders to search for *.yaml.")),
    ],
    format: Annotated[ReportFormat | None, format_option(REPORT)] = None,
    output: Annotated[
        Path | None,
        option("output", metavar="FILE", help=_("Write to this file (needed for xlsx and png).")),
    ] = None,
    force: ForceOption = False,
    excel: ExcelOption = False,
    stdin_filename: StdinNameOption = None,
    no_color: NoColorOption = False,
    color: ColorOption = None,
    width: WidthOption = None,
    exclude: ExcludeOption = None,
    config: ConfigOption = None,
    isolated: IsolatedOption = False,
    lang: LangOption = None,
    number_style: StyleOption = None,
    debug: DebugOption = False,
) -> None:
    with guard(above("debug", debug)):
        from p135cli.checking import UsageProblem, search
        from p135cli.settings import Limits

        found = configured(config, isolated, lang, number_style)
        chosen = format_of(output, format, REPORT)
        if chosen == "xlsx" and output is None:
            fail(_("--format xlsx writes a workbook: name it with -o FILE"), 2)
        if chosen == "png" and output is None:
            fail(_("--format png writes a picture: name it with -o FILE"), 2)
        colored = in_color(color, no_color) and output is None
        with inputs(paths_of(paths), stdin_filename, Limits().max_bytes + 1) as read:
            try:
                searched = search(read.paths, exclude or ())
            except UsageProblem as problem:
                fail(str(problem), 2)
            for folder, reason in searched.unreadable:  # a report missing a folder misleads
                message = _("cannot read the folder {folder}: {reason}")
                fail(message.format(folder=folder, reason=reason), 1)
            files = searched.files
            report = _read_report(files, read.label, found, charts=chosen in CHARTED)
            options: dict[str, object] = {"excel": excel, "color": colored, "width": width}
            if chosen in STREAMED:
                _write_report(report, chosen, output, options, force=force, inputs=files)
                return
            tables = _tables(
                report, chosen, to_file=output is not None, excel=excel, color=colored, width=width
            )
            if output is None:
                sys.stdout.write(tables if isinstance(tables, str) else tables.decode())
            else:
                write(output, tables, force=force, inputs=files)


CHARTED = ("xlsx", "svg", "png")
"""The report's formats that draw charts: their report keeps each plan's roadmap."""


STREAMED = ("text", "markdown", "csv", "json")
"""The report's formats written as they are drawn, a table (or plan) at a time: over
thousands of plans the text is never held whole (`report_formats.WRITERS`)."""


def _write_report(
    report: Report,
    format: str,
    output: Path | None,
    options: dict[str, object],
    *,
    force: bool,
    inputs: list[Path],
) -> None:
    """Write the report to standard output as it is drawn, or to `output` through a temporary
    file renamed into place at the end (whole or not at all, as `write` writes)."""
    from p135cli.output import MARKER, OutputError, output_text
    from p135cli.views.report_formats import WRITERS

    given = {**options, "terminal": False if output else None}
    chosen = {name: given[name] for name in REPORT[format].takes}
    if output is None:
        WRITERS[format](report, sys.stdout, **chosen)
        return
    try:
        with output_text(output, force=force, inputs=inputs) as stream:
            WRITERS[format](report, stream, **chosen)
            if format == "text":  # the one format that does not mark itself: replaceable
                stream.write(f"{MARKER.decode()}\n")
    except OutputError as refused:  # refused, or the system's error, as one line
        fail(str(refused), 2)
    say(_("wrote {path}").format(path=output))


def _read_report(
    files: list[Path], label: Callable[[Path], str], found: Found, *, charts: bool
) -> Report:
    """The report of the files, built while they are read: each plan is dropped once its
    tables and facts are taken (`Reading`), so that memory holds the report, not the plans."""
    from p135cli.views.report import Reading

    reading = Reading(charts=charts)
    for path in files:
        reading.add(label(path), _open_plan(path, found, label(path)))
    return reading.report()


def _tables(
    report: Report,
    format: str,
    *,
    to_file: bool,
    excel: bool,
    color: bool,
    width: int | None,
) -> str | bytes:
    """The report in `format`; a file is laid out for its content, not the terminal. A
    picture with no chart in it says so on stderr too (the picture says it in a line a plan)."""
    from p135cli.output import MARKER

    terminal = False if to_file else None
    tables: str | bytes = REPORT[format](
        report, color=color, width=width, terminal=terminal, excel=excel, charts=True
    )
    if format in ("svg", "png"):
        from p135cli.views import chart_data

        if not any(charts.drawn for charts in chart_data.build(report)):
            say(
                _(
                    "no plan given states funding by year or by source, or a roadmap: "
                    "the picture has no chart"
                )
            )
    if isinstance(tables, str) and format == "text" and to_file:  # the one format that
        return tables + f"{MARKER.decode()}\n"  # does not mark itself: replaceable next time
    return tables


@commands.command(
    cls=Command,
    help=_(
        "Compare a results report with its plan: who left the list each year against the "
        "roadmap, each result against its target, and what a stated '% of plan' implies.\n"
        "\n"
        "Exit 1 when the report's own figures do not hold (or it does not match its plan)."
    ),
    epilog=examples(
        ["p135 progress data/plans/quang-ninh-2017-2020.yaml data/reports/quang-ninh-2018-06.yaml"]
    ),
)
def progress(
    plan_path: Annotated[Path, typer.Argument(metavar="PLAN", help=_("A plan file."))],
    report_path: Annotated[
        Path, typer.Argument(metavar="REPORT", help=_("A results report of that plan."))
    ],
    format: Annotated[ProgressFormat, format_option(PROGRESS)] = PROGRESS.default,
    output: OutputOption = None,
    force: ForceOption = False,
    stdin_filename: StdinNameOption = None,
    no_color: NoColorOption = False,
    color: ColorOption = None,
    width: WidthOption = None,
    config: ConfigOption = None,
    isolated: IsolatedOption = False,
    lang: LangOption = None,
    number_style: StyleOption = None,
    debug: DebugOption = False,
) -> None:
    with guard(above("debug", debug)):
        import io

        from p135cli.checking import UsageProblem, check_report
        from p135cli.progress_report import ProgressReport
        from p135cli.settings import Limits
        from p135cli.views import progress as view

        found = configured(config, isolated, lang, number_style)
        colored = in_color(color, no_color) and output is None
        given = [plan_path, report_path]
        with inputs(given, stdin_filename, Limits().max_bytes + 1, once=True) as read:
            plan_file, report_file = read.paths
            plan = _open_plan(plan_file, found, read.label(plan_file))
            try:
                report, checked = check_report(report_file, plan, found.settings)
            except UsageProblem as problem:
                fail(str(problem), 2)
            checked = replace(checked, path=read.label(report_file))
            if report is None:
                _list_findings_and_exit(checked)
            if not isinstance(report, ProgressReport):
                message = _("{path} is a plan, not a results report (it has no 'report:' key)")
                fail(message.format(path=checked.path), 2)
            shown = view.build(plan, read.label(plan_file), report, checked)
            stream = io.StringIO() if output is not None else sys.stdout
            PROGRESS[format](shown, stream, color=colored, width=width)
            if isinstance(stream, io.StringIO):
                text = stream.getvalue()
                emit(text, output, format, "progress", force=force, read=read.paths)
        raise SystemExit(0 if checked.valid() else 1)


@commands.command(
    cls=Command,
    help=_(
        "Show what an edit of a plan changed, as an auditor reads an amendment: each changed "
        "figure, money moved between sources and years, communes and villages moved on the "
        "roadmap, targets and citations changed, and whether every sum still holds. OLD and NEW "
        "are files or REV:PATH read from git.\n"
        "\n"
        "Exit 0 whatever changed, 1 when NEW has an error, 2 on a usage problem."
    ),
    epilog=examples(
        [
            "p135 diff HEAD:data/plans/quang-ninh-2017-2020.yaml "
            "data/plans/quang-ninh-2017-2020.yaml",
            "p135 diff --format markdown main:data/plans/x.yaml data/plans/x.yaml",
        ]
    ),
)
def diff(
    old: Annotated[
        str, typer.Argument(metavar="OLD", help=_("The plan before: a file or REV:PATH."))
    ],
    new: Annotated[
        str, typer.Argument(metavar="NEW", help=_("The plan after: a file or REV:PATH."))
    ],
    format: Annotated[DiffFormat, format_option(DIFF)] = DIFF.default,
    output: OutputOption = None,
    force: ForceOption = False,
    stdin_filename: StdinNameOption = None,
    tolerance: ToleranceOption = None,
    config: ConfigOption = None,
    isolated: IsolatedOption = False,
    lang: LangOption = None,
    number_style: StyleOption = None,
    debug: DebugOption = False,
) -> None:
    with guard(above("debug", debug)):
        import io

        from p135cli.settings import Limits
        from p135cli.views import diff as view

        found = configured(config, isolated, lang, number_style, tolerance)
        settings, limits = found.settings, Limits()
        with inputs([old, new], stdin_filename, limits.max_bytes + 1, once=True) as read:
            pairs = zip([old, new], read.paths, strict=True)
            specs = [str(path) if given == "-" else given for given, path in pairs]
            names = (read.label(specs[0]), read.label(specs[1]))
            stream = io.StringIO() if output is not None else sys.stdout
            code = view.run(
                specs[0],
                specs[1],
                DIFF[format],
                stream,
                settings=settings,
                limits=limits,
                names=names,
            )
            if isinstance(stream, io.StringIO) and code != 2:
                files = [path for path in read.paths if path.exists()]  # not REV:PATH
                emit(stream.getvalue(), output, format, "diff", force=force, read=files)
        raise SystemExit(code)
