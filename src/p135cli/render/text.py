"""`--format text`: a report a planner reads at a glance.

Lines are built as styled segments. On a terminal they are printed with rich; in a pipe or a
CI log (no colour) they are written as they are, so rich is not even imported there.
"""

from __future__ import annotations

from typing import TextIO

from p135cli.findings import FileResult, Finding, RunResult, Severity

Segment = tuple[str, str]  # (text, rich style)
Line = list[Segment]

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _header(result: FileResult) -> Line:
    errors, warnings, acknowledged = result.counts()
    line: Line = [(result.path, "bold"), ("  ", "")]
    line.append(
        (f"✗ {_plural(errors, 'error')}", "bold red") if errors else ("✓ valid", "bold green")
    )
    extra = [_plural(warnings, "warning")] if warnings else []
    extra += [f"{acknowledged} acknowledged"] if acknowledged else []
    if extra:
        line.append((f" ({', '.join(extra)})", "dim"))
    return line


def _where(path: str, finding: Finding) -> str:
    location = finding.location
    return f"{path}:{location.line}:{location.column}" if location else path


def _finding(path: str, finding: Finding) -> list[Line]:
    label = "acknowledged" if finding.acknowledged else str(finding.severity)
    style = "dim" if finding.acknowledged else _STYLE[finding.severity]
    code = f"{finding.code} {finding.rule}"
    lines: list[Line] = [
        [
            ("  ", ""),
            (_where(path, finding), "bold"),
            ("  ", ""),
            (label, style),
            ("  ", ""),
            (code, "cyan"),
        ],
        [("    " + finding.message, "")],
    ]
    expected, actual, difference = finding.expected, finding.actual, finding.difference
    if expected is not None and actual is not None and difference is not None:
        compared = f"expected {expected:f}, found {actual:f}, difference {difference:+f}"
        lines.append([("    " + compared, "dim")])
    if finding.hint:
        lines.append([(f"    hint: {finding.hint}", "green")])
    if finding.reason:
        lines.append([(f"    acknowledged: {finding.reason}", "dim")])
    for item in finding.related:
        place = f"{item.path or path}:{item.location.line}:{item.location.column}"
        lines.append([(f"    {item.role}: {place}", "dim")])
    return lines


def report_lines(run: RunResult) -> list[Line]:
    lines: list[Line] = []
    for result in run.files:
        lines.append(_header(result))
        for finding in result.findings:
            lines.extend(_finding(result.path, finding))
    errors, warnings, acknowledged = run.totals()
    summary = (
        f"{_plural(len(run.files), 'file')} checked: {_plural(errors, 'error')}, "
        f"{_plural(warnings, 'warning')}, {acknowledged} acknowledged"
    )
    if run.config.get("file"):
        summary += f" (configuration: {run.config['file']})"
    lines.append([(summary, "bold green" if run.ok else "bold red")])
    return lines


def render(run: RunResult, stream: TextIO, *, color: bool, width: int | None = None) -> None:
    lines = report_lines(run)
    if not color:
        stream.write("".join("".join(text for text, _ in line) + "\n" for line in lines))
        return
    from rich.console import Console
    from rich.text import Text

    console = Console(file=stream, highlight=False, width=width, soft_wrap=width is None)
    for line in lines:
        console.print(Text.assemble(*line))
