"""Acknowledged discrepancies: a document's own errors, recorded verbatim and explained.

The engine (`p135cli.engine`) marks the findings an acknowledgement names, raises A001 for one
that names none (or whose figures no longer match) and A002 for one that names no figures;
this module holds the rules' codes and documentation.
"""

from __future__ import annotations

from typing import Any

from p135cli.findings import Severity
from p135cli.rules.base import Rule

STALE = Rule[Any](
    "A001",
    "stale-acknowledgement",
    "Every acknowledgement matches a finding, with the figures it names",
    "acknowledgements",
    {
        "stale": "acknowledgement of {rule} at {at} matches no finding: remove it",
        "changed": "acknowledgement of {rule} at {at} covers expected {old_expected}, found "
        "{old_found}, but the plan now gives expected {now_expected}, found {now_found}: "
        "correct the figure, or (if the document itself prints this) update the entry",
    },
    severity=Severity.WARNING,
    doc="""A plan lists the known discrepancies of its document under `acknowledged`, each with
the rule code, the pointer of the value, the figures p135 printed for it (`expected`, `found`,
as the finding shows them, in the plan's number style) and the reason. `validate` still
reports each one, marked acknowledged, and leaves it out of the exit code and the error count.
An acknowledgement names a value or a part of the plan: it covers the findings of its rule at
that pointer and below it whose figures are the ones it names, and nothing else: a later slip
in the same sum gives other figures, so the finding is an error again and this warning shows
the entry's figures beside the new ones. One that names figures names one error: it covers
the first finding with them, not another that comes to give the same figures elsewhere under
its pointer. An acknowledgement that matches no finding at all is
a warning too, so stale ones do not pile up (one whose rule is turned off in the configuration
is not stale).

Passing (the document's share 3,4% does not match 8 of 207, and the plan says why):

    acknowledged:
      - {rule: B102, pointer: /bands/0/bands/3/share, expected: "3,9", found: "3,4",
         reason: "printed 3,4%; 8 of 207 is 3,9%"}

Failing: the same acknowledgement after the share was corrected (nothing matches it), or after
it was typed 3,5 (the finding's figures are 3,9 and 3,5, not the ones named).""",
)

UNPINNED = Rule[Any](
    "A002",
    "acknowledgement-names-figures",
    "An acknowledgement of a finding with figures names them",
    "acknowledgements",
    {
        "unpinned": "acknowledgement of {rule} at {at} does not name the figures of its finding, "
        "so it would cover any other difference there: pin it as {entry}",
    },
    severity=Severity.WARNING,
    doc="""An acknowledgement written before p135 pinned figures (rule, pointer and reason only)
still covers its finding, but it would cover any other difference at the same place too: a
total typed 2.868 instead of the printed 2.688 would pass as the document's error. This
warning gives the entry with the figures of the finding it covers now, to paste in its place.

Passing:

    acknowledged:
      - {rule: F101, pointer: /funding/total/amount, expected: "2.688", found: "2.687",
         reason: "the article prints 2.688; its sources add to 2.687"}

Failing: `{rule: F101, pointer: /funding/total/amount, reason: ...}` without the figures.""",
)
