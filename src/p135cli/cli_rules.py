"""What `validate` checks against, for people and tools: the rules (`rules`, `explain`) and
the JSON Schemas of a plan and a results report (`schema`)."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from p135cli.cli_options import (
    Command,
    DebugOption,
    ForceOption,
    LangOption,
    OutputOption,
    StyleOption,
    above,
    emit,
    examples,
    format_option,
    option,
)
from p135cli.formats import RULES
from p135cli.i18n import N_, _
from p135cli.running import fail, guard, speak_as

if TYPE_CHECKING:  # one of the registry's names: a str to mypy, typer's choices when it runs
    RulesFormat = str
else:
    RulesFormat = RULES.choice

PLAN_SCHEMA = Path("data/schemas/plan.schema.json")
"""Where `p135 schema` writes the plan schema unless told (the report schema goes beside it)."""

commands = typer.Typer()


@commands.command(
    cls=Command,
    help=_(
        "Write the JSON Schemas of a plan and of a results report (for editors and validators)."
    ),
    epilog=examples(["p135 schema", "p135 schema --check"]),
)
def schema(
    check: Annotated[
        bool, typer.Option("--check", help=_("Fail if either file is out of date."))
    ] = False,
    output: Annotated[
        Path, option("output", metavar="FILE", help=_("Where the plan schema goes."))
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
    with guard(above("debug", debug)):
        speak_as(above("lang", lang), above("number_style", number_style))
        from p135cli.output import OutputError, check_target, write_output
        from p135cli.schema import plan_schema_text, report_schema_path, report_schema_text

        report = report_output or report_schema_path(output)
        if report.resolve() == output.resolve():
            fail(
                _("the plan and the report schema cannot both go to {path}").format(path=output), 2
            )
        files = [(output, plan_schema_text()), (report, report_schema_text())]
        if check:
            _check_schemas(files)
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


def _check_schemas(files: list[tuple[Path, str]]) -> None:
    """Each file holds its schema as generated, else exit 1 naming the stale ones."""
    from p135cli.output import special_kind
    from p135cli.schema import is_current

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


@commands.command(
    "rules",
    cls=Command,
    help=_("List every rule: code, name, severity and summary."),
    epilog=examples(["p135 rules", "p135 rules --format json"]),
)
def list_rules(
    format: Annotated[RulesFormat, format_option(RULES)] = RULES.default,
    output: OutputOption = None,
    force: ForceOption = False,
    lang: LangOption = None,
) -> None:
    speak_as(above("lang", lang), None)
    emit(RULES[format](), output, format, "rules", force=force, read=[])


SUMMARY_ROOM = 30
"""The narrowest column of summaries beside the names; narrower, each summary goes under its
rule's name."""


def rules_text() -> str:
    """One rule a line: code, name, severity and summary, in columns at the terminal's width
    (COLUMNS, else 80 in a pipe), a summary wrapped under itself between words. Narrower than
    the names leave room for, each summary goes under its rule's name."""
    from p135cli.render.text import kept, text_width, wrap_text
    from p135cli.rules import ALL_RULES

    width = text_width(sys.stdout)
    names = max(len(rule.name) for rule in ALL_RULES)
    levels = max(len(rule.severity.label) for rule in ALL_RULES)
    lines = []
    for rule in ALL_RULES:
        head = f"{rule.code}  {rule.name:<{names}}  {rule.severity.label:<{levels}}  "
        if width - len(head) >= SUMMARY_ROOM:
            lines += wrap_text(head + _(rule.summary), width, hanging=len(head))
        else:
            said = f"{rule.code}  {kept(rule.name)}  {kept(rule.severity.label)}"
            lines += wrap_text(said, width, hanging=6)
            lines += wrap_text(" " * 6 + _(rule.summary), width, hanging=6)
    return "".join(f"{line}\n" for line in lines)


def rules_json() -> str:
    """For scripts and editors: every rule, its level and its family."""
    import json

    from p135cli.rules import ALL_RULES

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
    return json.dumps({"version": 1, "rules": rows}, ensure_ascii=False, indent=2) + "\n"


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


@commands.command(
    cls=Command,
    help=_("Show one rule's documentation, with a passing and a failing example."),
    epilog=examples(["p135 explain F101", "p135 explain sources-sum-to-total"]),
)
def explain(
    code: Annotated[str, typer.Argument(help=_("A rule code (F101) or name."))],
    output: OutputOption = None,
    force: ForceOption = False,
    lang: LangOption = None,
) -> None:
    import difflib

    from p135cli.rules import BY_CODE, BY_NAME, find

    speak_as(above("lang", lang), None)
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
    text += _(rule.summary) + ".\n\n" + _(rule.doc)
    emit(flowed(text), output, "text", "explain", force=force, read=[])


def flowed(text: str) -> str:
    """Paragraphs (blocks between blank lines) wrapped at the terminal's width (COLUMNS, else 80
    in a pipe), between words; an indented block (an example plan) kept line for line."""
    from p135cli.render.text import text_width, wrap_text

    width = text_width(sys.stdout)
    blocks = []
    for block in text.split("\n\n"):
        if block.startswith(" "):
            blocks.append(block)
        else:
            blocks.append("\n".join(wrap_text(" ".join(block.split()), width, hanging=0)))
    return "\n\n".join(blocks) + "\n"
