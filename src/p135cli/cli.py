"""The `p135` command line: the program and its common options; its commands are in one module
per group, in the order its help lists them (`cli_validate`, `cli_views`, `cli_rules`), on
what every command shares (`cli_options`). Commands parse options and call the library; heavy
imports (pydantic models, rich, pandas) happen inside the commands that need them, so `p135
--help` and `p135 validate` start fast.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from p135cli import __version__, cli_rules, cli_validate, cli_views, running
from p135cli.cli_options import (
    GIVEN_BEFORE,
    ColorOption,
    ConfigOption,
    DebugOption,
    Group,
    IsolatedOption,
    LangOption,
    NoColorOption,
    StyleOption,
)
from p135cli.i18n import _

app = typer.Typer(
    name="p135",
    cls=Group,
    help=_(
        "Check the roadmaps and budgets of Vietnam's Programme 135 and poverty-reduction plans."
    ),
    no_args_is_help=True,
    add_completion=True,  # --install-completion and --show-completion for bash, zsh, fish
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
for group in (cli_validate, cli_views, cli_rules):  # typer's way to add commands kept apart
    app.add_typer(group.commands)


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


def main() -> None:
    """Entry point: exit 130 on Ctrl-C with one line, quiet when a pipe closes early."""
    running.prepare_streams()
    try:
        app(prog_name="p135")
    except KeyboardInterrupt:
        sys.stderr.write("p135: interrupted\n")
        sys.exit(130)
