"""`--format github`: workflow commands that GitHub shows as annotations on the plan's lines.

File names and messages (which quote plan text) are shown through `printable` first: a control
character is written as its escape (`\\x1b`), and a line break in them as `\\n`, so they can
neither reach the log's terminal nor start a workflow command of their own.
"""

from __future__ import annotations

from typing import TextIO

from p135cli.findings import Finding, RunResult, Severity
from p135cli.i18n import _
from p135cli.render import Detail
from p135cli.render.escape import printable

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def _annotated(finding: Finding, detail: Detail) -> bool:
    if finding.acknowledged:
        return detail is Detail.ALL
    if finding.severity is Severity.ERROR:
        return True
    return finding.severity is Severity.WARNING and detail is not Detail.QUIET


def annotation(path: str, finding: Finding) -> str:
    level = "notice" if finding.acknowledged else _LEVEL[finding.severity]
    props = [f"file={_property(printable(path))}"]
    if finding.location:
        props += [f"line={finding.location.line}", f"col={finding.location.column}"]
    title = f"{finding.code} {finding.rule}"
    if finding.acknowledged:
        title += " " + _("(acknowledged)")
    props.append(f"title={_property(title)}")
    message = printable(finding.message)
    if finding.hint:
        message += f"\n{printable(finding.hint_text or '')}"
    if finding.reason:
        message += "\n" + _("acknowledged: {reason}").format(reason=printable(finding.reason))
    return f"::{level} {','.join(props)}::{_data(message)}"


def render(
    run: RunResult,
    stream: TextIO,
    *,
    color: bool,
    width: int | None = None,
    detail: Detail = Detail.NORMAL,
) -> None:
    """Annotations only where something needs action (errors, and warnings unless quiet):
    a notice on every acknowledged line nobody changed would bury them; --show-acknowledged
    adds those as notices."""
    for result in run.files:
        for finding in result.findings:
            if _annotated(finding, detail):
                stream.write(annotation(result.path, finding) + "\n")
    errors, warnings, acknowledged = run.totals()
    summary = _("{files} file(s), {errors} error(s), {warnings} warning(s), {acknowledged} "
                "acknowledged").format(
        files=len(run.files), errors=errors, warnings=warnings, acknowledged=acknowledged
    )  # fmt: skip
    if run.config.get("file"):
        used = printable(str(run.config["file"]))
        summary += " " + _("(configuration: {file})").format(file=used)
    stream.write(f"p135: {summary}\n")
