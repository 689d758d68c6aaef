"""What every command of `p135` shares: how a command's help and usage read, the common
options, and the helpers that read them (with the common options given before the command).

Each option `p135 validate` has, the common ones among them, is named as validate's options
record declares it (`running.Validation`), the declaration `p135cli.launch` reads a plain
command line by too; a `--format` takes its choices from its command's registry
(`p135cli.formats`).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

# p135 loads no pydantic plugins: finding them scans every installed package's metadata,
# about 30 ms of each start. Set PYDANTIC_DISABLE_PLUGINS yourself to change this.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

import typer
from typer.core import TyperCommand, TyperGroup

from p135cli.i18n import N_, NumberStyle, _, adopt, detect, speak
from p135cli.running import OPTIONS, Color, Lang, Whole, configuration, marked, use_color, write

if TYPE_CHECKING:
    from p135cli.config import Found
    from p135cli.formats import Formats

# Help is written when the command is built, before options are read: it follows P135_LANG or
# the locale. Everything else follows --lang, the configuration's lang, then the same.
speak(detect())
adopt()


# --- how a command's help reads ----------------------------------------------------------------
# typer's public hook for the look of a command is its class (`cls=`, a TyperCommand or a
# TyperGroup); the methods below are click's public ones, which typer's classes keep. Their
# arguments are typed Any: typer 0.29 carries its own copy of click (`typer._click`, not the
# `click` package, which p135 does not need installed), whose classes it does not export.


def _plain_name(argument: Any) -> str:
    """An argument as every other command line writes it, `PATH`: typer 0.29 writes a
    required one `{PATH}` and its Python type beside it (`<list[str]>`)."""
    return str(argument.metavar or argument.name)


def _write_usage(command: Any, ctx: Any, formatter: Any) -> None:
    """The usage line, its `Usage:` in the run's language (typer's click writes it in English)."""
    pieces = " ".join(command.collect_usage_pieces(ctx))
    formatter.write_usage(ctx.command_path, pieces, prefix=f"{_('Usage:')} ")


def _spoken(help_option: Any) -> Any:
    """The help option, its text in the run's language (typer's click writes it in English)."""
    if help_option is not None:
        help_option.help = _("Show this message and exit.")
    return help_option


class Command(TyperCommand):
    """A p135 command: its usage line, help and help option in the run's language, and its
    arguments by their plain names."""

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        _write_usage(self, ctx, formatter)

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name == "argument":
                pieces.append(_plain_name(param) + ("..." if param.nargs != 1 else ""))
        return pieces

    def format_options(self, ctx: Any, formatter: Any) -> None:
        arguments, options = [], []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is not None and param.param_type_name == "argument":
                arguments.append((_plain_name(param), record[1]))
            elif record is not None:
                options.append(record)
        for heading, records in ((_("Arguments"), arguments), (_("Options"), options)):
            if records:
                with formatter.section(heading):
                    formatter.write_dl(records)

    def get_help_option(self, ctx: Any) -> Any:
        return _spoken(super().get_help_option(ctx))


COMPLETION = {
    "install_completion": N_("Install completion for the current shell."),
    "show_completion": N_(
        "Show completion for the current shell, to copy it or customize the installation."
    ),
}
"""The options typer adds to `p135` (`add_completion`), by name, and their help (typer writes
it in English)."""


class Group(TyperGroup):
    """`p135` itself: its usage line, help option and completion options in the run's
    language."""

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        _write_usage(self, ctx, formatter)

    def get_help_option(self, ctx: Any) -> Any:
        return _spoken(super().get_help_option(ctx))

    def get_params(self, ctx: Any) -> list[Any]:
        params: list[Any] = super().get_params(ctx)
        for param in params:
            said = COMPLETION.get(param.name or "")
            if said is not None:
                param.help = _(said)
        return params


def examples(commands: list[str]) -> str:
    """A command's examples, under the help: `\b` keeps the lines as they are written."""
    return "\b\n" + _("Examples:") + "\n" + "\n".join(f"  {command}" for command in commands)


# --- the options ---------------------------------------------------------------------------


def whole(least: int, most: int) -> Any:
    """typer's reading of a whole number from `least` to `most` (`running.Whole`): a usage
    error naming the range."""
    read = Whole(least, most)

    def parse(value: object) -> int:
        if isinstance(value, int):  # the option's default
            return value
        try:
            return read(str(value))
        except ValueError as error:
            raise typer.BadParameter(str(error)) from None

    return parse


def option(field: str, **settings: Any) -> Any:
    """typer's option for a field of validate's options record: the names it declares and,
    for a whole number, its range."""
    declared = OPTIONS[field]
    if isinstance(declared.read, Whole):
        settings["parser"] = whole(declared.read.least, declared.read.most)
    return typer.Option(*declared.names, **settings)


def format_option(formats: Formats) -> Any:
    """A command's --format; its choices are the annotation, `formats.choice`."""
    if formats.from_output:
        return option(
            "format", help=_("Output format (default: from the -o file's extension, else text).")
        )
    return option("format", help=_("Output format."))


LangOption = Annotated[
    Lang | None,
    option(
        "lang",
        help=_(
            "Language of the output (default: the configuration's lang, then P135_LANG, then "
            "the locale)."
        ),
    ),
]
StyleOption = Annotated[
    NumberStyle | None,
    option(
        "number_style",
        help=_("Write every figure in this style: vi 1.342,439 or en 1,342.439 (default: each "
               "plan's own)."),
    ),
]  # fmt: skip
ToleranceOption = Annotated[
    str | None,
    option(
        "tolerance",
        metavar="AMOUNT",
        help=_("Allowed difference between amounts (default 0: exact)."),
    ),
]
DebugOption = Annotated[bool, option("debug", help=_("Show tracebacks of internal errors."))]
ForceOption = Annotated[bool, option("force", help=_("Replace a file p135 did not create."))]
NoColorOption = Annotated[
    bool, option("no_color", help=_("Plain text output: the same as --color never."))
]
ColorOption = Annotated[
    Color | None,
    option(
        "color",
        help=_(
            "Colour the output: auto (on a terminal, unless NO_COLOR is set or FORCE_COLOR "
            "is), always or never."
        ),
    ),
]
StdinNameOption = Annotated[
    str | None,
    option(
        "stdin_filename",
        metavar="NAME",
        help=_("The name findings give a plan read from standard input (-)."),
    ),
]
ExcelOption = Annotated[
    bool,
    typer.Option(
        "--excel",
        help=_(
            "Write the CSV for Excel in the run's language (or --number-style's): a byte-order "
            "mark for the Vietnamese letters and, in Vietnamese, ';' between fields and decimal "
            "commas (1342,439), so that Excel reads every figure as a number."
        ),
    ),
]
OutputOption = Annotated[
    Path | None, option("output", metavar="FILE", help=_("Write the output to this file."))
]
WidthOption = Annotated[
    int | None,
    typer.Option(
        parser=whole(40, 10_000),
        metavar="COLUMNS",
        help=_("Width of the text view (default: the terminal's)."),
    ),
]
ConfigOption = Annotated[
    Path | None,
    option(
        "config",
        metavar="FILE",
        help=_("Use this configuration (p135.toml, or a pyproject.toml with [tool.p135])."),
    ),
]
ExcludeOption = Annotated[
    list[str] | None,
    option(
        "exclude",
        metavar="PATTERN",
        help=_(
            "Skip files and folders whose name or path matches (repeatable); hidden folders, "
            "virtual environments and node_modules are always skipped."
        ),
    ),
]
IsolatedOption = Annotated[
    bool, option("isolated", help=_("Use no configuration file: every rule as shipped."))
]


# --- reading them --------------------------------------------------------------------------

GIVEN_BEFORE: dict[str, Any] = {}
"""The common options given before the command, as the root callback received them (typer's
public way to hand a group's options to its commands)."""


def above(name: str, value: Any) -> Any:
    """A common option's value: the command's own if given, else the one given before the
    command (`p135 --lang vi validate ...`), else its default."""
    if value is not None and value is not False:
        return value
    given = GIVEN_BEFORE.get(name)
    return value if given is None else given


def in_color(color: Color | None, no_color: bool) -> bool:
    """Colour on standard output, by --color / --no-color given to the command, else before
    it, else by NO_COLOR, FORCE_COLOR and the terminal."""
    if color is None and not no_color:
        color, no_color = above("color", None), above("no_color", False)
    return use_color(color, no_color)


def configured(
    config: Path | None,
    isolated: bool,
    lang: Lang | None,
    number_style: NumberStyle | None,
    tolerance: str | None = None,
) -> Found:
    """`running.configuration`, with the common options given before the command too."""
    return configuration(
        above("config", config),
        above("isolated", isolated),
        tolerance=tolerance,
        lang=above("lang", lang),
        style=above("number_style", number_style),
    )


def emit(
    text: str, output: Path | None, format: str, command: str, *, force: bool, read: list[Path]
) -> None:
    """A view's text to standard output, or written whole to `output` with p135's mark."""
    if output is None:
        sys.stdout.write(text)
    else:
        write(output, marked(text, format, command), force=force, inputs=read)
