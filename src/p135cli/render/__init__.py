"""Renderers of a validate run, one module per `--format`, imported only when chosen.

Each module has `render(run, stream, *, color, width, detail)`; adding a format is a module
here and a line in `p135cli.formats.VALIDATE`, the registry the command reads its choices from.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Protocol, TextIO

from p135cli.findings import Finding, RunResult, Severity
from p135cli.formats import VALIDATE


class Detail(StrEnum):
    """How much a report to read shows; JSON always lists every finding."""

    QUIET = "quiet"  # errors and the summary
    NORMAL = "normal"  # what needs a look: errors, warnings, information; a clean file is a line
    ALL = "all"  # and every acknowledged finding, with its reason, and every inference


INFERENCE = "I101"
"""The code of an inference the plan records (`p135cli.rules.inferences`): information about
what the plan records, not about its figures. A report to read counts them on the file's line
and lists them with the acknowledged findings (`--show-acknowledged`); JSON and SARIF list
them always."""


def is_inference(finding: Finding) -> bool:
    return finding.code == INFERENCE and finding.severity is Severity.INFO


def is_history(finding: Finding) -> bool:
    """A place's later history that the document could not know (R106 as information):
    counted on the file's line and listed on request, as inferences are, so that a run over
    a province's old plans shows what needs a look."""
    return finding.code == "R106" and finding.severity is Severity.INFO


def offer(finding: Finding) -> str | None:
    """The `acknowledged:` entry every output offers for a finding: none for an edit's
    findings, which an amendment answers, not an acknowledgement."""
    if not finding.code.startswith("D"):  # the edit's codes are all D1xx: a run without
        return finding.offer  # --against need not import the rules to know it
    from p135cli.rules.amendments import EDIT_CODES

    return None if finding.code in EDIT_CODES else finding.offer


class Render(Protocol):
    def __call__(
        self,
        run: RunResult,
        stream: TextIO,
        *,
        color: bool,
        width: int | None = None,
        detail: Detail = Detail.NORMAL,
    ) -> None: ...


def renderer(name: str) -> Render:
    """The renderer of a validate format, by its name in `p135cli.formats.VALIDATE`."""
    render: Render = VALIDATE[name].load()
    return render
