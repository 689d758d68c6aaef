"""`p135 validate`: typer's reading of the command line into validate's options record
(`running.Validation`, which declares each option's names and default), run by
`running.validate`. `p135cli.launch` reads a plain command line into the same record without
typer."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from p135cli import running
from p135cli.cli_options import (
    ColorOption,
    Command,
    ConfigOption,
    DebugOption,
    ExcludeOption,
    ForceOption,
    IsolatedOption,
    LangOption,
    NoColorOption,
    StdinNameOption,
    StyleOption,
    ToleranceOption,
    above,
    examples,
    format_option,
    option,
)
from p135cli.formats import VALIDATE
from p135cli.i18n import _
from p135cli.running import DEFAULT, Validation

if TYPE_CHECKING:  # one of the registry's names: a str to mypy, typer's choices when it runs
    ValidateFormat = str
else:
    ValidateFormat = VALIDATE.choice

commands = typer.Typer()


@commands.command(
    cls=Command,
    help=_(
        "Validate plan files: schema, sums, shares, roadmap and citations.\n"
        "\n"
        "Exit 0 when no error is found, 1 when one is, 2 on a usage problem."
    ),
    epilog=examples(
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
    format: Annotated[ValidateFormat | None, format_option(VALIDATE)] = DEFAULT.format,
    strict: Annotated[bool, option("strict", help=_("Count warnings as errors."))] = DEFAULT.strict,
    quiet: Annotated[
        bool, option("quiet", help=_("Print only errors and the summary."))
    ] = DEFAULT.quiet,
    output: Annotated[
        Path | None, option("output", metavar="FILE", help=_("Write the report to this file."))
    ] = DEFAULT.output,
    force: ForceOption = DEFAULT.force,
    against: Annotated[
        str | None,
        option(
            "against",
            metavar="REV",
            help=_(
                "Also check the edit since this git revision, in each file's own repository: "
                "every change of a figure, name, date or the roadmap needs an amendment the "
                "edit adds (D101 to D107)."
            ),
        ),
    ] = DEFAULT.against,
    stdin_filename: StdinNameOption = DEFAULT.stdin_filename,
    show_acknowledged: Annotated[
        bool,
        option(
            "show_acknowledged",
            help=_("Also list the document errors the plans acknowledge, with their reasons."),
        ),
    ] = DEFAULT.show_acknowledged,
    no_color: NoColorOption = DEFAULT.no_color,
    color: ColorOption = DEFAULT.color,
    tolerance: ToleranceOption = DEFAULT.tolerance,
    max_bytes: Annotated[
        int, option("max_bytes", metavar="BYTES", help=_("Largest file read."))
    ] = DEFAULT.max_bytes,
    max_depth: Annotated[
        int, option("max_depth", metavar="LEVELS", help=_("Deepest nesting read."))
    ] = DEFAULT.max_depth,
    max_nodes: Annotated[
        int, option("max_nodes", metavar="VALUES", help=_("Most values read."))
    ] = DEFAULT.max_nodes,
    max_digits: Annotated[
        int, option("max_digits", metavar="DIGITS", help=_("Most digits of one figure."))
    ] = DEFAULT.max_digits,
    exclude: ExcludeOption = None,
    with_folder: Annotated[
        bool,
        option(
            "with_folder",
            help=_(
                "Check each file given with every plan and report of its folder (what the "
                "pre-commit hook passes: the edited files)."
            ),
        ),
    ] = DEFAULT.with_folder,
    jobs: Annotated[
        int | None,
        option(
            "jobs", metavar="N", help=_("Worker processes for many files (default: one per core).")
        ),
    ] = DEFAULT.jobs,
    no_cache: Annotated[
        bool,
        option(
            "no_cache",
            help=_("Check every file afresh: read and write no cache (or P135_NO_CACHE=1)."),
        ),
    ] = DEFAULT.no_cache,
    cache_dir: Annotated[
        str | None,
        option(
            "cache_dir",
            metavar="DIR",
            help=_(
                "Keep the cache here (default: .p135_cache in the project's root, outside "
                "a project the user's cache folder; or P135_CACHE_DIR)."
            ),
        ),
    ] = DEFAULT.cache_dir,
    config: ConfigOption = DEFAULT.config,
    isolated: IsolatedOption = DEFAULT.isolated,
    lang: LangOption = DEFAULT.lang,
    number_style: StyleOption = DEFAULT.number_style,
    debug: DebugOption = DEFAULT.debug,
    units: Annotated[
        str | None,
        option(
            "units",
            metavar="FILE",
            help=_(
                "Check place names against your own list of administrative units: the "
                "statistics office's export (CSV or xlsx) as it stood on --units-date, for "
                "plans of about that date (or `units` in the configuration)."
            ),
        ),
    ] = DEFAULT.units,
    units_date: Annotated[
        str | None,
        option(
            "units_date",
            metavar="DATE",
            help=_("The date the --units list stood on: 17/01/2017 or 2017-01-17."),
        ),
    ] = DEFAULT.units_date,
) -> None:
    if color is None and not no_color:
        color, no_color = above("color", None), above("no_color", False)
    given = Validation(
        paths=paths,
        format=format,
        strict=strict,
        quiet=quiet,
        output=output,
        force=force,
        against=against,
        stdin_filename=stdin_filename,
        show_acknowledged=show_acknowledged,
        no_color=no_color,
        color=color,
        tolerance=tolerance,
        max_bytes=max_bytes,
        max_depth=max_depth,
        max_nodes=max_nodes,
        max_digits=max_digits,
        exclude=exclude or DEFAULT.exclude,
        with_folder=with_folder,
        jobs=jobs,
        no_cache=no_cache,
        cache_dir=cache_dir,
        config=above("config", config),
        isolated=above("isolated", isolated),
        lang=above("lang", lang),
        number_style=above("number_style", number_style),
        debug=above("debug", debug),
        units=units,
        units_date=units_date,
    )
    running.validate(given)
