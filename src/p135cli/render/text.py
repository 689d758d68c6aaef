"""`--format text`: a report a planner reads at a glance.

Lines are built as styled segments. On a terminal they are printed with rich; in a pipe or a
CI log (no colour) they are written as they are, so rich is not even imported there.

File names and messages (which quote plan text) are shown through `printable`: a control
character in either is written as its escape (`\\x1b`), never sent to the terminal. Segments
are rich `Text`, never markup, so `[` in a name is just a bracket.
"""

from __future__ import annotations

from typing import TextIO

from p135cli.findings import FileResult, Finding, RunResult, Severity
from p135cli.i18n import N_, Signed, _, _n, shown
from p135cli.render import Detail, is_history, is_inference, offer
from p135cli.render.escape import printable

Segment = tuple[str, str]  # (text, rich style)
Line = list[Segment]

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


ROLES = (N_("sum"), N_("part"), N_("alternative"), N_("first"), N_("other date"))
"""The roles of related places (JSON keeps them as these English keys); text translates them."""


def _errors(count: int) -> str:
    return _n("{count} error", "{count} errors", count)


def _warnings(count: int) -> str:
    return _n("{count} warning", "{count} warnings", count)


def _header(result: FileResult) -> Line:
    errors, warnings, acknowledged = result.counts()
    inferred = sum(1 for finding in result.findings if is_inference(finding))
    changed = sum(1 for finding in result.findings if is_history(finding))
    line: Line = [(printable(result.path), "bold"), ("  ", "")]
    line.append((f"✗ {_errors(errors)}", "bold red") if errors else (_("✓ valid"), "bold green"))
    extra = [_warnings(warnings)] if warnings else []
    extra += [_("{count} acknowledged").format(count=acknowledged)] if acknowledged else []
    extra += [_("{count} inferred").format(count=inferred)] if inferred else []
    extra += [_n("{count} place changed since", "{count} places changed since", changed)] * (
        changed > 0
    )
    if extra:
        line.append((", " + ", ".join(extra), "dim"))
    return line


def _where(path: str, finding: Finding) -> str:
    location = finding.location
    path = printable(path)
    return f"{path}:{location.line}:{location.column}" if location else path


def _finding(path: str, finding: Finding) -> list[Line]:
    label = _("acknowledged") if finding.acknowledged else finding.severity.label
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
        [("    " + printable(finding.message), "")],
    ]
    expected, actual, difference = finding.expected, finding.actual, finding.difference
    if expected is not None and actual is not None and difference is not None:
        compared = _("expected {expected}, found {actual}, difference {difference}").format(
            expected=shown(expected, finding.style),
            actual=shown(actual, finding.style),
            difference=shown(Signed(difference), finding.style),
        )
        lines.append([("    " + compared, "dim")])
    if finding.hint:
        hint = _("hint: {hint}").format(hint=printable(finding.hint_text or ""))
        lines.append([("    " + hint, "green")])
    entry = offer(finding)
    if entry:  # only a document's own error is acknowledged: a typing slip is corrected
        offered = _("if the document itself says so, acknowledge: {entry}").format(
            entry=printable(entry)
        )
        lines.append([("    " + offered, "dim")])
    if finding.reason:
        reason = _("acknowledged: {reason}").format(reason=printable(finding.reason))
        lines.append([("    " + reason, "dim")])
    for item in finding.related:
        place = f"{printable(item.path or path)}:{item.location.line}:{item.location.column}"
        lines.append([(f"    {_(item.role)}: {place}", "dim")])
    return lines


def _listed(finding: Finding, detail: Detail) -> bool:
    if finding.acknowledged or is_inference(finding) or is_history(finding):
        return detail is Detail.ALL
    return finding.severity is Severity.ERROR or detail is not Detail.QUIET


def report_lines(run: RunResult, detail: Detail = Detail.NORMAL) -> list[Line]:
    """A line a file (quiet: a line a file with errors), what needs a look under it, and
    the summary."""
    lines: list[Line] = []
    for result in run.files:
        listed = [finding for finding in result.findings if _listed(finding, detail)]
        if detail is Detail.QUIET and not result.counts()[0]:
            continue
        lines.append(_header(result))
        for finding in listed:
            lines.extend(_finding(result.path, finding))
    errors, warnings, acknowledged = run.totals()
    summary = _("{files} checked: {errors}, {warnings}, {acknowledged} acknowledged").format(
        files=_n("{count} file", "{count} files", len(run.files)),
        errors=_errors(errors),
        warnings=_warnings(warnings),
        acknowledged=acknowledged,
    )
    if run.config.get("file"):
        used = printable(str(run.config["file"]))
        summary += " " + _("(configuration: {file})").format(file=used)
    lines.append([(summary, "bold green" if run.ok else "bold red")])
    return lines


def render(
    run: RunResult,
    stream: TextIO,
    *,
    color: bool,
    width: int | None = None,
    detail: Detail = Detail.NORMAL,
) -> None:
    lines = report_lines(run, detail)
    if not color:
        stream.write("".join("".join(text for text, _ in line) + "\n" for line in lines))
        return
    from rich.console import Console
    from rich.text import Text

    console = Console(  # colour was asked for (--color, FORCE_COLOR or a terminal): given
        file=stream,
        highlight=False,
        width=width,
        soft_wrap=width is None,
        force_terminal=True,
        no_color=False,
    )
    for line in lines:
        console.print(Text.assemble(*line))
