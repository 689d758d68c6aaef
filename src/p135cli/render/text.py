"""`--format text`: a report a planner reads at a glance (rich is imported only here)."""

from __future__ import annotations

from typing import TextIO

from rich.console import Console
from rich.text import Text

from p135cli.findings import FileResult, Finding, RunResult, Severity

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _header(result: FileResult, strict: bool) -> Text:
    errors, warnings, acknowledged = result.counts(strict)
    if errors:
        status = Text(f"✗ {_plural(errors, 'error')}", style="bold red")
    else:
        status = Text("✓ valid", style="bold green")
    extra = [_plural(warnings, "warning")] if warnings else []
    extra += [f"{acknowledged} acknowledged"] if acknowledged else []
    line = Text.assemble((result.path, "bold"), "  ", status)
    if extra:
        line.append(f" ({', '.join(extra)})", style="dim")
    return line


def _finding(path: str, finding: Finding) -> list[Text]:
    where = (
        f"{path}:{finding.location.line}:{finding.location.column}" if finding.location else path
    )
    label = "acknowledged" if finding.acknowledged else str(finding.severity)
    style = "dim" if finding.acknowledged else _STYLE[finding.severity]
    head = Text.assemble(
        "  ",
        (where, "bold"),
        "  ",
        (label, style),
        "  ",
        (f"{finding.code} {finding.rule}", "cyan"),
    )
    lines = [head, Text("    " + finding.message)]
    if finding.expected is not None and finding.actual is not None:
        lines.append(
            Text(
                f"    expected {finding.expected:f}, found {finding.actual:f}, "
                f"difference {finding.difference:+f}",
                style="dim",
            )
        )
    if finding.hint:
        lines.append(Text(f"    hint: {finding.hint}", style="green"))
    if finding.reason:
        lines.append(Text(f"    acknowledged: {finding.reason}", style="dim"))
    for item in finding.related:
        where = item.path or path
        lines.append(
            Text(
                f"    {item.role}: {where}:{item.location.line}:{item.location.column}", style="dim"
            )
        )
    return lines


def render(run: RunResult, stream: TextIO, *, color: bool, width: int | None = None) -> None:
    console = Console(
        file=stream, no_color=not color, highlight=False, width=width, soft_wrap=width is None
    )
    for result in run.files:
        console.print(_header(result, run.strict))
        for finding in result.findings:
            for line in _finding(result.path, finding):
                console.print(line)
    errors, warnings, acknowledged = run.totals()
    summary = (
        f"{_plural(len(run.files), 'file')} checked: {_plural(errors, 'error')}, "
        f"{_plural(warnings, 'warning')}, {acknowledged} acknowledged"
    )
    if run.config_source:
        summary += f" (configuration: {run.config_source})"
    console.print(Text(summary, style="bold red" if not run.ok else "bold green"))
