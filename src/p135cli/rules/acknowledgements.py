"""Acknowledged discrepancies: a document's own errors, recorded verbatim and explained.

The engine (`p135cli.engine`) marks the findings an acknowledgement names and raises A001
for one that names none; this module holds the rule's code and documentation.
"""

from __future__ import annotations

from typing import Any

from p135cli.findings import Severity
from p135cli.rules.base import Rule

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
acknowledgement names a value or a part of the plan: it covers the findings of its rule at
that pointer and below it. An acknowledgement that matches no finding is a warning, so stale
ones do not pile up (one whose rule is turned off in the configuration is not stale).

Passing (the document's share 55% does not match 4.972 of 9.039, and the plan says why):

    acknowledged:
      - {rule: P101, pointer: /funding/sources/credit/share, reason: "printed 55%; 55.0% is right"}

Failing: the same acknowledgement after the figure was corrected: nothing matches it.""",
)
