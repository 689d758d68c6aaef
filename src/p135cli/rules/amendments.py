"""Amendments: a figure a document states changes only by a decision that says so.

D103 looks at the plan alone. D101 and D102 look at an edit: the plan as it is and as it was at
a git revision (`p135 validate --against REV`), which `p135cli.diff` compares value by value.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from p135cli.findings import Finding, Severity
from p135cli.loading import pointer_of
from p135cli.model import Amendment, Plan
from p135cli.rules.base import Context, Rule, rule
from p135cli.rules.citations import real_date


@dataclass(frozen=True)
class Edit:
    """A plan and what changed since its base: the NEW pointers of every changed value, and
    the amendments the edit added or changed (indexes into `plan.amendments`)."""

    plan: Plan
    changed: Sequence[str]
    new_amendments: Sequence[int]


def _covers(amendment: Amendment, pointer: str) -> bool:
    return any(
        pointer == p.rstrip("/") or pointer.startswith(p.rstrip("/") + "/")
        for p in amendment.changes
    )


UNAMENDED = Rule[Any](
    "D101",
    "change-has-amendment",
    "A stated figure changed in an edit is listed by an amendment the edit adds or changes",
    "amendments",
    {"unamended": "{place} changed in this edit, but no amendment added or changed by it lists it"},
    severity=Severity.WARNING,
    doc="""Checked by `p135 validate --against REV`: the plan as it is is compared with the
plan at the git revision REV. A plan records the decisions that amended it under
`amendments:`, each with the pointers of the values it changes. A value that changed in the
edit must be listed (itself or a section above it) by an amendment that the same edit adds or
changes, so that every changed figure has the decision that allows it.

Passing: the 2019 provincial budget moves to 2020, and the edit adds

    amendments:
      - kind: Quyết định
        number: 100/QĐ-UBND
        date: 15/3/2019
        changes: [/funding/years/2019, /funding/years/2020]
        reason: chuyển 10 tỷ đồng ngân sách tỉnh từ 2019 sang 2020
        source: "Điều 1"

Failing: the same figures changed with no amendment, or with an amendment listing only
/funding/years/2019.""",
)


def unamended(edit: Edit, context: Context) -> Iterator[Finding]:
    listed = [edit.plan.amendments[i] for i in edit.new_amendments]
    for pointer in edit.changed:
        if pointer.startswith("/amendments") or pointer.startswith("/acknowledged"):
            continue
        if not any(_covers(amendment, pointer) for amendment in listed):
            yield UNAMENDED.finding(context, "unamended", pointer, place=pointer)


UNCHANGED = Rule[Any](
    "D102",
    "amendment-changes-something",
    "An amendment an edit adds lists only values the edit changes",
    "amendments",
    {"unchanged": "the amendment lists {place}, which this edit does not change"},
    severity=Severity.WARNING,
    doc="""Checked by `p135 validate --against REV`: an amendment that the edit adds or changes
lists values that the edit changes; one that lists a value the edit leaves as it was names
the wrong place, or the figure was not updated.

Passing: an amendment listing /funding/years/2019, in an edit that changes a 2019 figure.

Failing: an amendment listing /funding/years/2018, in an edit that changes only 2019.""",
)


def unchanged(edit: Edit, context: Context) -> Iterator[Finding]:
    for index in edit.new_amendments:
        amendment = edit.plan.amendments[index]
        for place, pointer in enumerate(amendment.changes):
            prefix = pointer.rstrip("/")
            if not any(c == prefix or c.startswith(prefix + "/") for c in edit.changed):
                at = pointer_of("amendments", index, "changes", place)
                yield UNCHANGED.finding(context, "unchanged", at, place=pointer)


EDIT_RULES: tuple[tuple[Rule[Any], Any], ...] = ((UNAMENDED, unamended), (UNCHANGED, unchanged))
"""The rules of an edit, with their checks (run by `p135cli.diff.edit_findings`)."""
EDIT_CODES = frozenset(edit_rule.code for edit_rule, _ in EDIT_RULES)


@rule(
    "D103",
    "amendment-after-plan",
    "An amendment is not dated before the plan it amends",
    "amendments",
    {"before": "the amendment {number} is dated {date}, before the plan itself ({plan_date})"},
    severity=Severity.WARNING,
)
def amendment_after_plan(plan: Plan, context: Context) -> Iterator[Finding]:
    """A decision can only amend a plan that already exists.

    Passing: a plan of 17/01/2017 amended by a decision of 15/3/2019.

        amendments:
          - {kind: Quyết định, number: 100/QĐ-UBND, date: 15/3/2019,
             changes: [/funding/years/2019], reason: điều chỉnh, source: "Điều 1"}

    Failing: the same amendment dated 15/3/2016.
    """
    own = real_date(plan.document.date)
    if own is None:
        return
    for index, amendment in enumerate(plan.amendments):
        date = real_date(amendment.date)
        if date is not None and date < own:
            yield amendment_after_plan.finding(
                context, "before", pointer_of("amendments", index, "date"),
                number=amendment.number or amendment.kind, date=amendment.date,
                plan_date=plan.document.date,
            )  # fmt: skip
