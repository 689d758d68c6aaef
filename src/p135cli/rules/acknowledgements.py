"""Acknowledged discrepancies: a document's own errors, recorded verbatim and explained."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from p135cli.findings import Finding, Severity
from p135cli.loading import pointer_of
from p135cli.model import Plan
from p135cli.rules.base import Context, Rule

if TYPE_CHECKING:
    from p135cli.results import ResultsReport

STALE = Rule[Any](
    "A001",
    "stale-acknowledgement",
    "Every acknowledgement matches a finding",
    "acknowledgements",
    {"stale": "acknowledgement of {rule} at {at} matches no finding: remove it"},
    severity=Severity.WARNING,
    doc="""A plan lists the known discrepancies of its document under `acknowledged`, each with
the rule code, the pointer of the value and the reason. `validate` still reports each one,
marked acknowledged, and leaves it out of the exit code and the error count. An
acknowledgement that matches no finding is a warning, so stale ones do not pile up.

Passing (the document's share 55% does not match 4.972 of 9.039, and the plan says why):

    acknowledged:
      - {rule: P101, pointer: /funding/sources/credit/share, reason: "printed 55%; 55.0% is right"}

Failing: the same acknowledgement after the figure was corrected: nothing matches it.""",
)


def _matches(finding: Finding, rule: str, pointer: str) -> bool:
    at = finding.location.pointer if finding.location else ""
    return finding.code == rule and (at == pointer or at.startswith(pointer.rstrip("/") + "/"))


def apply(
    plan: Plan | ResultsReport, context: Context, findings: Iterable[Finding]
) -> list[Finding]:
    """Mark acknowledged findings, and warn of acknowledgements that match none."""
    result = list(findings)
    for index, ack in enumerate(plan.acknowledged):
        hits = [i for i, f in enumerate(result) if _matches(f, ack.rule, ack.pointer)]
        for i in hits:
            result[i] = result[i].acknowledge(ack.reason)
        if not hits and context.enabled(STALE.code):
            pointer = pointer_of("acknowledged", index)
            result.append(STALE.finding(context, "stale", pointer, rule=ack.rule, at=ack.pointer))
    return result
