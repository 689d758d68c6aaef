"""The `p135` command line. Commands parse options and call the library; heavy imports
(pydantic models, rich, pandas) happen inside the commands that need them, so `p135 --help`
and `p135 validate` start fast.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

# p135 loads no pydantic plugins: finding them scans every installed package's metadata,
# about 30 ms of each start. Set PYDANTIC_DISABLE_PLUGINS yourself to change this.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

import typer

from p135cli import __version__, running
from p135cli.i18n import N_, NumberStyle, _, _n, adopt, detect, speak
from p135cli.running import (
    Color,
    Format,
    Lang,
    Validation,
    configuration,
    fail,
    format_of,
    guard,
    inputs,
    marked,
    paths_of,
    say,
    speak_as,
    use_color,
    write,
)

# Help is written when the command is built, before options are read: it follows P135_LANG or
# the locale. Everything else follows --lang, the configuration's lang, then the same.
speak(detect())
adopt()

if TYPE_CHECKING:
    from p135cli.config import Found
    from p135cli.findings import FileResult
    from p135cli.model import Plan
    from p135cli.progress_report import ProgressReport

app = typer.Typer(
    name="p135",
    help=_(
        "Check the roadmaps and budgets of Vietnam's Programme 135 and poverty-reduction plans."
    ),
    no_args_is_help=True,
    add_completion=True,  # --install-completion and --show-completion for bash, zsh, fish
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _examples(commands: list[str]) -> str:
    """A command's examples, under the help: `\b` keeps the lines as they are written."""
    return "\b\n" + _("Examples:") + "\n" + "\n".join(f"  {command}" for command in commands)


def _tidy_help() -> None:
    """Typer 0.29 writes a required argument `{PATH}...` in the usage line and its Python
    type (`<list[str]>`) beside it; p135's arguments read as plain names (`PATH...`), as
    every other command line's do. Guarded: another typer keeps its own way."""
    from typer import core

    argument = getattr(core, "TyperArgument", None)
    if argument is None or not hasattr(argument, "_usage_display_name"):  # pragma: no cover
        return

    def usage_name(self: Any) -> str:
        return str(self.display_name_raw) + ("..." if self.nargs != 1 else "")

    setattr(argument, "_usage_display_name", usage_name)  # noqa: B010
    setattr(argument, "display_type_rich", lambda self, ctx: None)  # noqa: B010


_tidy_help()


class ReportFormat(StrEnum):
    TEXT = "text"
    MARKDOWN = "markdown"
    CSV = "csv"
    JSON = "json"
    XLSX = "xlsx"


class ProgressFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    MARKDOWN = "markdown"


class RulesFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


class TimelineFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    MARKDOWN = "markdown"
    MERMAID = "mermaid"
    CSV = "csv"


PLAN_SCHEMA = Path("data/schemas/plan.schema.json")
"""Where `p135 schema` writes the plan schema unless told (the report schema goes beside it)."""
MOST_BYTES = 1_000_000_000
"""The largest --max-bytes: a file is read whole, and a plan is a few kilobytes."""
MOST_DEPTH = 1_000
"""The deepest --max-depth: the YAML parser (libyaml) refuses deeper nesting itself."""
MOST_NODES = 100_000_000
MOST_JOBS = 9_999
"""The most --jobs (never more workers start than there is work for); `launch.quick` takes
four digits at most, the same."""


def _whole(least: int, most: int) -> Callable[[object], int]:
    """How a whole-number option is read: the digits 0-9 only, as a plan's figures are (int()
    would read `١`, `1_000` and ` 5 `), from `least` to `most`, so that no limit can be more
    than what reads a file can hold (a usage error naming the range, never an OverflowError)."""

    def read(value: object) -> int:
        if isinstance(value, int):  # the option's default
            return value
        text = str(value)
        if text.isascii() and text.isdigit() and len(text.lstrip("0")) <= 20:  # int() stops
            number = int(text)  # at 4,300 digits, with an error of its own
            if least <= number <= most:
                return number
        message = _("'{value}': give a whole number from {least} to {most}, in the digits 0-9")
        raise typer.BadParameter(message.format(value=text, least=least, most=most))

    return read


LangOption = Annotated[
    Lang | None,
    typer.Option(
        "--lang",
        help=_(
            "Language of the output (default: the configuration's lang, then P135_LANG, then "
            "the locale)."
        ),
    ),
]
StyleOption = Annotated[
    NumberStyle | None,
    typer.Option(
        "--number-style",
        help=_("Write every figure in this style: vi 1.342,439 or en 1,342.439 (default: each "
               "plan's own)."),
    ),
]  # fmt: skip
ToleranceOption = Annotated[
    str | None,
    typer.Option(
        metavar="AMOUNT", help=_("Allowed difference between amounts (default 0: exact).")
    ),
]
DebugOption = Annotated[bool, typer.Option(help=_("Show tracebacks of internal errors."))]
ForceOption = Annotated[bool, typer.Option(help=_("Replace a file p135 did not create."))]
NoColorOption = Annotated[
    bool, typer.Option("--no-color", help=_("Plain text output: the same as --color never."))
]
ColorOption = Annotated[
    Color | None,
    typer.Option(
        "--color",
        help=_(
            "Colour the output: auto (on a terminal, unless NO_COLOR is set or FORCE_COLOR "
            "is), always or never."
        ),
    ),
]
StdinNameOption = Annotated[
    str | None,
    typer.Option(
        metavar="NAME", help=_("The name findings give a plan read from standard input (-).")
    ),
]


def _output_option(what: str) -> Any:
    return typer.Option("--output", "-o", metavar="FILE", help=what)


OutputOption = Annotated[Path | None, _output_option(_("Write the output to this file."))]
WidthOption = Annotated[
    int | None,
    typer.Option(
        parser=_whole(40, 10_000),
        metavar="COLUMNS",
        help=_("Width of the text view (default: the terminal's)."),
    ),
]
ConfigOption = Annotated[
    Path | None,
    typer.Option(
        "--config",
        metavar="FILE",
        help=_("Use this configuration (p135.toml, or a pyproject.toml with [tool.p135])."),
    ),
]
ExcludeOption = Annotated[
    list[str] | None,
    typer.Option(
        "--exclude",
        metavar="PATTERN",
        help=_(
            "Skip files and folders whose name or path matches (repeatable); hidden folders, "
            "virtual environments and node_modules are always skipped."
        ),
    ),
]
IsolatedOption = Annotated[
    bool, typer.Option("--isolated", help=_("Use no configuration file: every rule as shipped."))
]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"p135 {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", "-V", callback=_version, is_eager=True, help=_("Show the version.")
        ),
    ] = False,
    lang: LangOption = None,
    number_style: StyleOption = None,
    color: ColorOption = None,
    no_color: NoColorOption = False,
    config: ConfigOption = None,
    isolated: IsolatedOption = False,
    debug: DebugOption = False,
) -> None:
    """Check the roadmaps and budgets of Vietnam's Programme 135 and poverty-reduction plans.

    The common options may be given before the command too (`p135 --lang vi validate`);
    the command's own value wins."""
    GIVEN_BEFORE.clear()  # typer calls this before every command, in-process runs included
    GIVEN_BEFORE.update(
        lang=lang, number_style=number_style, color=color, no_color=no_color, config=config,
        isolated=isolated, debug=debug,
    )  # fmt: skip


GIVEN_BEFORE: dict[str, Any] = {}
"""The common options given before the command, as the root callback received them (typer's
public way to hand a group's options to its commands)."""


def _above(name: str, value: Any) -> Any:
    """A common option's value: the command's own if given, else the one given before the
    command (`p135 --lang vi validate ...`), else its default."""
    if value is not None and value is not False:
        return value
    given = GIVEN_BEFORE.get(name)
    return value if given is None else given


def _color(color: Color | None, no_color: bool) -> bool:
    """Colour on standard output, by --color / --no-color given to the command, else before
    it, else by NO_COLOR, FORCE_COLOR and the terminal."""
    if color is None and not no_color:
        color, no_color = _above("color", None), _above("no_color", False)
    return use_color(color, no_color)


def _emit(
    text: str, output: Path | None, format: str, command: str, *, force: bool, read: list[Path]
) -> None:
    """A view's text to standard output, or written whole to `output` with p135's mark."""
    if output is None:
        sys.stdout.write(text)
    else:
        write(output, marked(text, format, command), force=force, inputs=read)


@app.command(
    help=_(
        "Validate plan files: schema, sums, shares, roadmap and citations.\n"
        "\n"
        "Exit 0 when no error is found, 1 when one is, 2 on a usage problem."
    ),
    epilog=_examples(
        [
            "p135 validate data/plans/",
            "p135 validate --format github --strict data/plans/",
            "p135 validate -q --lang vi data/plans/quang-ninh-2017-2020.yaml",
        ]
    ),
)
def validate(
    paths: Annotated[
        list[str],
        typer.Argument(metavar="PATH", help=_("Plan files, or folders to search for *.yaml.")),
    ],
    format: Annotated[
        Format | None,
        typer.Option(
            "--format",
            "-f",
            help=_("Output format (default: from the -o file's extension, else text)."),
        ),
    ] = None,
    strict: Annotated[bool, typer.Option(help=_("Count warnings as errors."))] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help=_("Print only errors and the summary."))
    ] = False,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help=_("Write the report to this file.")),
    ] = None,
    force: ForceOption = False,
    against: Annotated[
        str | None,
        typer.Option(
            metavar="REV",
            help=_(
                "Also check the edit since this git revision, in each file's own repository: "
                "every change of a figure, name, date or the roadmap needs an amendment the "
                "edit adds (D101 to D107)."
            ),
        ),
    ] = None,
    stdin_filename: StdinNameOption = None,
    show_acknowledged: Annotated[
        bool,
        typer.Option(
            "--show-acknowledged",
            help=_("Also list the document errors the plans acknowledge, with their reasons."),
        ),
    ] = False,
    no_color: NoColorOption = False,
    color: ColorOption = None,
    tolerance: ToleranceOption = None,
    max_bytes: Annotated[
        int,
        typer.Option(parser=_whole(1, MOST_BYTES), metavar="BYTES", help=_("Largest file read.")),
    ] = 2_000_000,
    max_depth: Annotated[
        int,
        typer.Option(
            parser=_whole(1, MOST_DEPTH), metavar="LEVELS", help=_("Deepest nesting read.")
        ),
    ] = 64,
    max_nodes: Annotated[
        int,
        typer.Option(parser=_whole(1, MOST_NODES), metavar="VALUES", help=_("Most values read.")),
    ] = 200_000,
    max_digits: Annotated[
        int,
        typer.Option(parser=_whole(1, 100), metavar="DIGITS", help=_("Most digits of one figure.")),
    ] = 30,
    exclude: ExcludeOption = None,
    with_folder: Annotated[
        bool,
        typer.Option(
            "--with-folder",
            help=_(
                "Check each file given with every plan and report of its folder (what the "
                "pre-commit hook passes: the edited files)."
            ),
        ),
    ] = False,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            parser=_whole(1, MOST_JOBS),
            metavar="N",
            help=_("Worker processes for many files (default: one per core)."),
        ),
    ] = None,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache",
            help=_("Check every file afresh: read and write no cache (or P135_NO_CACHE=1)."),
        ),
    ] = False,
    cache_dir: Annotated[
        str | None,
        typer.Option(
            metavar="DIR",
            help=_(
                "Keep the cache here (default: .p135_cache in the project's root, outside "
                "a project the user's cache folder; or P135_CACHE_DIR)."
            ),
        ),
    ] = None,
    config: ConfigOption = None,
    isolated: IsolatedOption = False,
    lang: LangOption = None,
    number_style: StyleOption = None,
    debug: DebugOption = False,
) -> None:
    if color is None and not no_color:
        color, no_color = _above("color", None), _above("no_color", False)
    running.validate(
        Validation(
            paths,
            format,
            strict,
            quiet,
            output,
            force,
            against,
            stdin_filename,
            show_acknowledged,
            no_color,
            color,
            tolerance,
            (max_bytes, max_depth, max_nodes, max_digits),
            exclude or (),
            jobs,
            no_cache,
            cache_dir,
            _above("config", config),
            _above("isolated", isolated),
            _above("lang", lang),
            _above("number_style", number_style),
            _above("debug", debug),
            with_folder,
        )
    )


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
        result.path = label
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


@app.command(
    help=_(
        "Print the roadmap year by year: who leaves the list, cumulative counts against the "
        "goal, and the year's funding with its share of the total."
    ),
    epilog=_examples(
        [
            "p135 timeline data/plans/quang-ninh-2017-2020.yaml",
            "p135 timeline data/plans/quang-ninh-2017-2020.yaml -f markdown",
            "p135 timeline data/plans/quang-ninh-2017-2020.yaml --svg lo-trinh.svg",
        ]
    ),
)
def timeline(
    plan_path: Annotated[Path, typer.Argument(metavar="PLAN", help=_("A plan file."))],
    format: Annotated[
        TimelineFormat, typer.Option("--format", "-f", help=_("Output format."))
    ] = TimelineFormat.TEXT,
    output: OutputOption = None,
    svg: Annotated[
        Path | None,
        typer.Option(metavar="FILE", help=_("Also save the text view as an SVG picture.")),
    ] = None,
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
    with guard(_above("debug", debug)):
        import io

        from p135cli.loading import Limits
        from p135cli.views import timeline as view

        found = _configuration(config, isolated, lang, number_style)
        colored = _color(color, no_color) and output is None
        with inputs([plan_path], stdin_filename, Limits().max_bytes + 1) as read:
            path = read.paths[0]
            shown = view.build(_open_plan(path, found, read.label(path)))
            if svg is not None:
                write(svg, view.render_svg(shown), force=force, inputs=read.paths)
            stream = io.StringIO() if output is not None else sys.stdout
            if format is TimelineFormat.TEXT:
                view.render_text(shown, stream, color=colored, width=width)
            else:
                getattr(view, f"render_{format.value}")(shown, stream)
            if isinstance(stream, io.StringIO):
                text = stream.getvalue()
                _emit(text, output, format.value, "timeline", force=force, read=read.paths)


def _configuration(
    config: Path | None,
    isolated: bool,
    lang: Lang | None,
    number_style: NumberStyle | None,
    tolerance: str | None = None,
) -> Found:
    """`running.configuration`, with the common options given before the command too."""
    return configuration(
        _above("config", config),
        _above("isolated", isolated),
        tolerance=tolerance,
        lang=_above("lang", lang),
        style=_above("number_style", number_style),
    )


@app.command(
    help=_(
        "Funding tables: by source and by year with shares, yearly categories against "
        "sources, allocated against need, and the provinces side by side."
    ),
    epilog=_examples(
        [
            "p135 report data/plans/",
            "p135 report data/plans/ -o kinh-phi.xlsx",
            "p135 report data/plans/quang-ninh-2017-2020.yaml -f csv",
        ]
    ),
)
def report(
    paths: Annotated[
        list[str],
        typer.Argument(metavar="PATH", help=_("Plan files, or folders to search for *.yaml.")),
    ],
    format: Annotated[
        ReportFormat | None,
        typer.Option(
            "--format",
            "-f",
            help=_("Output format (default: from the -o file's extension, else text)."),
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", metavar="FILE", help=_("Write to this file (needed for xlsx).")
        ),
    ] = None,
    force: ForceOption = False,
    excel: Annotated[
        bool,
        typer.Option(
            "--excel",
            help=_("Start the CSV with a byte-order mark, so Excel shows Vietnamese letters."),
        ),
    ] = False,
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
    with guard(_above("debug", debug)):
        from p135cli.checking import UsageProblem, search
        from p135cli.loading import Limits

        found = _configuration(config, isolated, lang, number_style)
        format = ReportFormat(format_of(output, format, set(ReportFormat)))
        if format is ReportFormat.XLSX and output is None:
            fail(_("--format xlsx writes a workbook: name it with -o FILE"), 2)
        colored = _color(color, no_color) and output is None
        with inputs(paths_of(paths), stdin_filename, Limits().max_bytes + 1) as read:
            try:
                searched = search(read.paths, exclude or ())
            except UsageProblem as problem:
                fail(str(problem), 2)
            for folder, reason in searched.unreadable:  # a report missing a folder misleads
                message = _("cannot read the folder {folder}: {reason}")
                fail(message.format(folder=folder, reason=reason), 1)
            files = searched.files
            plans = [
                (read.label(path), _open_plan(path, found, read.label(path))) for path in files
            ]
            text = _report_output(
                plans, format, color=colored, width=width, to_file=output is not None, excel=excel
            )
            if output is None:
                sys.stdout.write(text if isinstance(text, str) else text.decode())
            else:
                write(output, text, force=force, inputs=files)


def _report_output(
    plans: list[tuple[str, Plan]],
    format: ReportFormat,
    *,
    color: bool,
    width: int | None,
    to_file: bool,
    excel: bool = False,
) -> str | bytes:
    from p135cli.output import MARKER
    from p135cli.views import report_formats
    from p135cli.views.report import build

    shown = build(plans)
    if format is ReportFormat.TEXT:  # a file is laid out for its content, not the terminal
        terminal = False if to_file else None
        text = report_formats.render_text(shown, color=color, width=width, terminal=terminal)
        return text + f"{MARKER.decode()}\n" if to_file else text  # replaceable next time
    if format is ReportFormat.CSV:
        return report_formats.render_csv(shown, excel=excel)
    return report_formats.FORMATS[format.value](shown)


@app.command(
    help=_(
        "Compare a results report with its plan: who left the list each year against the "
        "roadmap, each result against its target, and what a stated '% of plan' implies.\n"
        "\n"
        "Exit 1 when the report's own figures do not hold (or it does not match its plan)."
    ),
    epilog=_examples(
        ["p135 progress data/plans/quang-ninh-2017-2020.yaml data/reports/quang-ninh-2018-06.yaml"]
    ),
)
def progress(
    plan_path: Annotated[Path, typer.Argument(metavar="PLAN", help=_("A plan file."))],
    report_path: Annotated[
        Path, typer.Argument(metavar="REPORT", help=_("A results report of that plan."))
    ],
    format: Annotated[
        ProgressFormat, typer.Option("--format", "-f", help=_("Output format."))
    ] = ProgressFormat.TEXT,
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
    with guard(_above("debug", debug)):
        import io

        from p135cli.checking import UsageProblem, check_report
        from p135cli.loading import Limits
        from p135cli.progress_report import ProgressReport
        from p135cli.views import progress as view

        found = _configuration(config, isolated, lang, number_style)
        colored = _color(color, no_color) and output is None
        given = [plan_path, report_path]
        with inputs(given, stdin_filename, Limits().max_bytes + 1, once=True) as read:
            plan_file, report_file = read.paths
            plan = _open_plan(plan_file, found, read.label(plan_file))
            try:
                report, checked = check_report(report_file, plan, found.settings)
            except UsageProblem as problem:
                fail(str(problem), 2)
            checked.path = read.label(report_file)
            if report is None:
                _list_findings_and_exit(checked)
            if not isinstance(report, ProgressReport):
                message = _("{path} is a plan, not a results report (it has no 'report:' key)")
                fail(message.format(path=checked.path), 2)
            shown = view.build(plan, read.label(plan_file), report, checked)
            stream = io.StringIO() if output is not None else sys.stdout
            if format is ProgressFormat.TEXT:
                view.render_text(shown, stream, color=colored, width=width)
            else:
                getattr(view, f"render_{format.value}")(shown, stream)
            if isinstance(stream, io.StringIO):
                text = stream.getvalue()
                _emit(text, output, format.value, "progress", force=force, read=read.paths)
        raise SystemExit(0 if checked.valid() else 1)


class DiffFormat(StrEnum):
    TEXT = "text"
    MARKDOWN = "markdown"
    JSON = "json"


@app.command(
    help=_(
        "Show what an edit of a plan changed, as an auditor reads an amendment: each changed "
        "figure, money moved between sources and years, communes and villages moved on the "
        "roadmap, targets and citations changed, and whether every sum still holds. OLD and NEW "
        "are files or REV:PATH read from git.\n"
        "\n"
        "Exit 0 whatever changed, 1 when NEW has an error, 2 on a usage problem."
    ),
    epilog=_examples(
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
    format: Annotated[
        DiffFormat, typer.Option("--format", "-f", help=_("Output format."))
    ] = DiffFormat.TEXT,
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
    with guard(_above("debug", debug)):
        import io

        from p135cli.loading import Limits
        from p135cli.views import diff as view

        found = _configuration(config, isolated, lang, number_style, tolerance)
        settings, limits = found.settings, Limits()
        with inputs([old, new], stdin_filename, limits.max_bytes + 1, once=True) as read:
            pairs = zip([old, new], read.paths, strict=True)
            specs = [str(path) if given == "-" else given for given, path in pairs]
            names = (read.label(specs[0]), read.label(specs[1]))
            stream = io.StringIO() if output is not None else sys.stdout
            code = view.run(
                specs[0],
                specs[1],
                format.value,
                stream,
                settings=settings,
                limits=limits,
                names=names,
            )
            if isinstance(stream, io.StringIO) and code != 2:
                files = [path for path in read.paths if path.exists()]  # not REV:PATH
                _emit(stream.getvalue(), output, format.value, "diff", force=force, read=files)
        raise SystemExit(code)


@app.command(
    help=_(
        "Write the JSON Schemas of a plan and of a results report (for editors and validators)."
    ),
    epilog=_examples(["p135 schema", "p135 schema --check"]),
)
def schema(
    check: Annotated[
        bool, typer.Option("--check", help=_("Fail if either file is out of date."))
    ] = False,
    output: Annotated[
        Path, typer.Option("--output", "-o", metavar="FILE", help=_("Where the plan schema goes."))
    ] = PLAN_SCHEMA,
    report_output: Annotated[
        Path | None,
        typer.Option(
            "--report-output",
            metavar="FILE",
            help=_(
                "Where the results-report schema goes [default: report.schema.json beside "
                "the plan schema]."
            ),
        ),
    ] = None,
    force: ForceOption = False,
    lang: LangOption = None,
    number_style: StyleOption = None,
    debug: DebugOption = False,
) -> None:
    with guard(_above("debug", debug)):
        speak_as(_above("lang", lang), _above("number_style", number_style))
        from p135cli.output import OutputError, check_target, special_kind, write_output
        from p135cli.schema import (
            is_current,
            plan_schema_text,
            report_schema_path,
            report_schema_text,
        )

        report = report_output or report_schema_path(output)
        if report.resolve() == output.resolve():
            fail(
                _("the plan and the report schema cannot both go to {path}").format(path=output), 2
            )
        files = [(output, plan_schema_text()), (report, report_schema_text())]
        if check:
            for path, _text in files:  # reading a FIFO would block: only files are compared
                with contextlib.suppress(OSError):
                    kind = special_kind(path.stat().st_mode)
                    if kind is not None:
                        message = _("{path} is {kind}, not a regular file")
                        fail(message.format(path=path, kind=kind), 2)
            stale = [str(path) for path, text in files if not is_current(path, text)]
            if stale:
                message = _("{files} out of date: run 'p135 schema' and commit")
                fail(message.format(files=f" {_('and')} ".join(stale)), 1)
            typer.echo(_("{plan} and {report} are up to date").format(plan=output, report=report))
            return
        try:
            for path, _text in files:  # both or neither
                check_target(path, force=force)
            for path, text in files:
                write_output(path, text, force=force)
        except OutputError as refused:  # refused, or the system's error, as one line
            fail(str(refused), 2)
        typer.echo(f"wrote {output} and {report}")


@app.command(
    "rules",
    help=_("List every rule: code, name, severity and summary."),
    epilog=_examples(["p135 rules", "p135 rules --format json"]),
)
def list_rules(
    format: Annotated[
        RulesFormat, typer.Option("--format", "-f", help=_("Output format."))
    ] = RulesFormat.TEXT,
    output: OutputOption = None,
    force: ForceOption = False,
    lang: LangOption = None,
) -> None:
    import json

    from p135cli.rules import ALL_RULES

    speak_as(_above("lang", lang), None)
    lines: list[str] = []
    if format is RulesFormat.JSON:  # for scripts and editors: every rule, its level and its family
        rows = [
            {
                "code": rule.code,
                "name": rule.name,
                "severity": str(rule.severity),
                "family": rule.family,
                "summary": _(rule.summary),
            }
            for rule in ALL_RULES
        ]
        lines.append(json.dumps({"version": 1, "rules": rows}, ensure_ascii=False, indent=2))
    else:
        width = max(len(rule.name) for rule in ALL_RULES)
        for rule in ALL_RULES:
            severity = rule.severity.label
            lines.append(f"{rule.code}  {rule.name:<{width}}  {severity:<9}  {_(rule.summary)}")
    text = "".join(f"{line}\n" for line in lines)
    _emit(text, output, format.value, "rules", force=force, read=[])


FAMILIES = {
    "file": N_("the file"),
    "schema": N_("the schema"),
    "funding": N_("funding"),
    "shares": N_("shares"),
    "bands": N_("banded counts"),
    "targets": N_("targets"),
    "roadmap": N_("the roadmap"),
    "citations": N_("citations"),
    "results": N_("results reports"),
    "acknowledgements": N_("acknowledgements"),
    "amendments": N_("amendments"),
    "inferences": N_("inferences"),
}


@app.command(
    help=_("Show one rule's documentation, with a passing and a failing example."),
    epilog=_examples(["p135 explain F101", "p135 explain sources-sum-to-total"]),
)
def explain(
    code: Annotated[str, typer.Argument(help=_("A rule code (F101) or name."))],
    output: OutputOption = None,
    force: ForceOption = False,
    lang: LangOption = None,
) -> None:
    import difflib

    from p135cli.rules import BY_CODE, BY_NAME, find

    speak_as(_above("lang", lang), None)
    rule = find(code)
    if rule is None:
        typed = code.upper()  # a letter and digits: O, I and L typed for 0 and 1 read as them
        typed = typed[:1] + typed[1:].translate(str.maketrans("OIL", "011"))
        close = difflib.get_close_matches(typed, BY_CODE, n=1, cutoff=0.6)
        close += difflib.get_close_matches(code.lower(), BY_NAME, n=1, cutoff=0.6)
        message = _("no rule '{code}': 'p135 rules' lists them").format(code=code)
        if close:
            message += " " + _("(did you mean {code}?)").format(code=close[0])
        fail(message, 2)
    family = _(FAMILIES.get(rule.family, rule.family))
    text = f"{rule.code} {rule.name} ({rule.severity.label}, {family})\n\n"
    text += _(rule.summary) + ".\n\n" + _(rule.doc) + "\n"
    _emit(text, output, "text", "explain", force=force, read=[])


def main() -> None:
    """Entry point: exit 130 on Ctrl-C with one line, quiet when a pipe closes early."""
    running.prepare_streams()
    try:
        app(prog_name="p135")
    except KeyboardInterrupt:
        sys.stderr.write("p135: interrupted\n")
        sys.exit(130)
