"""`--format github`: workflow commands that GitHub shows as annotations on the plan's lines."""

from __future__ import annotations

from typing import TextIO

from p135cli.findings import Finding, RunResult, Severity

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(path: str, finding: Finding) -> str:
    level = "notice" if finding.acknowledged else _LEVEL[finding.severity]
    props = [f"file={_property(path)}"]
    if finding.location:
        props += [f"line={finding.location.line}", f"col={finding.location.column}"]
    title = f"{finding.code} {finding.rule}" + (" (acknowledged)" if finding.acknowledged else "")
    props.append(f"title={_property(title)}")
    message = finding.message
    if finding.hint:
        message += f"\n{finding.hint}"
    if finding.reason:
        message += f"\nacknowledged: {finding.reason}"
    return f"::{level} {','.join(props)}::{_data(message)}"


def render(run: RunResult, stream: TextIO, *, color: bool, width: int | None = None) -> None:
    for result in run.files:
        for finding in result.findings:
            stream.write(annotation(result.path, finding) + "\n")
    errors, warnings, acknowledged = run.totals()
    used = f" (configuration: {run.config['file']})" if run.config.get("file") else ""
    stream.write(
        f"p135: {len(run.files)} file(s), {errors} error(s), {warnings} warning(s), "
        f"{acknowledged} acknowledged{used}\n"
    )
