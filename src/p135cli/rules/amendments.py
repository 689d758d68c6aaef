"""Amendments: a figure a document states changes only by a decision that says so.

D103 looks at the plan alone. The others look at an edit: the plan (or results report) as it
is and as it was at a git revision (`p135 validate --against REV`), which `p135cli.edit`
compares value by value and name by name on the roadmap. What they are given is an `Edit`.

Amendments are history: they are matched by identity (their decision's number and date, not
their place in the list); only those the edit adds may authorise its changes, and one the
base already has is neither edited nor deleted (D106).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, NamedTuple

from p135cli.findings import Finding, Severity
from p135cli.loading import pointer_of
from p135cli.model import Amendment, Plan
from p135cli.names import identity
from p135cli.plan_places import real_date
from p135cli.rules.base import Context, Rule, rule
from p135cli.settings import Settings


# A named tuple: a dataclass costs every start of `validate` most of a millisecond.
class Changed(NamedTuple):
    """One thing an edit changed, as an auditor asks about it: reported at `at` (NEW's
    pointer, OLD's for what was removed) with one of D101's templates and its fields. An
    amendment must list every pointer of `touches` (a place moved on the roadmap touches its
    old year and its new one). Wording (`text_only`) needs no amendment (D104)."""

    at: str
    touches: tuple[str, ...]
    template: str = "unamended"
    fields: Mapping[str, Any] | None = None
    text_only: bool = False


# A named tuple: a dataclass costs every start of `validate` most of a millisecond.
class History(NamedTuple):
    """NEW's amendments against the base's, by identity: those the edit adds (indexes into
    NEW's list), those it edits, the base's it deletes, and those it adds again under an
    identity the base already records (a copy of an old decision, which authorises nothing)."""

    added: Sequence[int]
    edited: Sequence[int]
    deleted: Sequence[Amendment]
    repeated: Sequence[int] = ()


# A named tuple: a dataclass costs every start of `validate` most of a millisecond.
class Recorded(NamedTuple):
    """An acknowledgement the edit added, changed or removed: its rule and pointer, reported
    at `at` (NEW's entry; the list itself for one removed)."""

    status: str  # "added", "changed" or "removed"
    at: str
    rule: str
    place: str


@dataclass(frozen=True)
class Edit:
    """A plan or results report and what changed since its base."""

    amendments: Sequence[Amendment]
    """NEW's amendments, as listed."""
    changes: Sequence[Changed]
    history: History
    names: Callable[[str], bool]
    """Whether a pointer names a value of NEW or of the base."""
    acknowledgements: Sequence[Recorded] = ()

    @property
    def added(self) -> list[Amendment]:
        return [self.amendments[index] for index in self.history.added]


def amendment_identity(amendment: Amendment) -> str:
    """What an amendment is known by: its decision's number (else its kind) and date."""
    date = real_date(amendment.date)
    return f"{identity(amendment.number or amendment.kind)} | {date or amendment.date or ''}"


def _keyed(amendments: Sequence[Amendment]) -> dict[str, int]:
    """Each amendment's index by identity; a second with one identity is `identity #2`."""
    seen: Counter[str] = Counter()
    keyed = {}
    for index, amendment in enumerate(amendments):
        key = amendment_identity(amendment)
        seen[key] += 1
        keyed[key if seen[key] == 1 else f"{key} #{seen[key]}"] = index
    return keyed


def history(base: Sequence[Amendment], now: Sequence[Amendment]) -> History:
    before, after = _keyed(base), _keyed(now)
    recorded = {amendment_identity(amendment) for amendment in base}
    new = [index for key, index in after.items() if key not in before]
    added = [index for index in new if amendment_identity(now[index]) not in recorded]
    repeated = [index for index in new if index not in added]
    edited = [i for key, i in after.items() if key in before and now[i] != base[before[key]]]
    deleted = [base[index] for key, index in before.items() if key not in after]
    return History(sorted(added), sorted(edited), deleted, sorted(repeated))


def whole(listed: str) -> bool:
    """`/` or an empty pointer: the whole plan, which no decision changes."""
    return not listed.rstrip("/")


def covers(listed: str, pointer: str) -> bool:
    """Whether an amendment's pointer `listed` is `pointer` or a part of the plan above it."""
    prefix = listed.rstrip("/")
    return bool(prefix) and (pointer == prefix or pointer.startswith(prefix + "/"))


UNAMENDED = Rule[Any](
    "D101",
    "change-has-amendment",
    "A stated value or roadmap name changed in an edit is listed by an amendment the edit adds",
    "amendments",
    {
        "unamended": "{place} changed in this edit, but no amendment this edit adds lists it",
        "moved": (
            "{place} moved on the roadmap from {old_year} to {new_year} in this edit, but no "
            "amendment this edit adds lists {missing}"
        ),
        "added_place": (
            "{place} was added to the roadmap in {new_year} in this edit, but no amendment "
            "this edit adds lists {missing}"
        ),
        "renamed": (
            "{old_place} on the roadmap of {new_year} is {place} in this edit (renamed, or "
            "another district), but no amendment this edit adds lists {missing}"
        ),
        "removed_place": (
            "{place} was taken off the roadmap of {old_year} in this edit, but no amendment "
            "this edit adds lists {missing}"
        ),
    },
    doc="""Checked by `p135 validate --against REV`: the plan as it is is compared with the
plan at the git revision REV. A plan records the decisions that amended it under
`amendments:`, each with the pointers of the values it changes. A value that changed in the
edit must be listed (itself or a section above it) by an amendment that the same edit adds,
so that every change an auditor would ask about has the decision that allows it: a figure, a
name, a year, a date, and the roadmap (a commune or village moved between years, added,
taken off, renamed, or given another district: one listed by its old year and its new one).
An amendment the base already has authorises nothing new; wording is D104.

Passing: the 2019 provincial budget moves to 2020, and the edit adds

    amendments:
      - kind: Quyết định
        number: 100/QĐ-UBND
        date: 15/3/2019
        changes: [/funding/years/2019, /funding/years/2020]
        reason: chuyển 10 tỷ đồng ngân sách tỉnh từ 2019 sang 2020
        source: "Điều 1"

Failing: the same figures changed with no amendment, or with an amendment listing only
/funding/years/2019; a commune moved from 2019 to 2020 with no amendment listing
/roadmap/years/2019 and /roadmap/years/2020.""",
)


def unamended(edit: Edit, context: Context) -> Iterator[Finding]:
    listed = [pointer for amendment in edit.added for pointer in amendment.changes]
    for change in edit.changes:
        if change.text_only:
            continue
        missing = [p for p in change.touches if not any(covers(at, p) for at in listed)]
        if missing:
            fields: dict[str, Any] = dict(change.fields or {"place": change.at})
            shown = ", ".join(dict.fromkeys(_listable(pointer) for pointer in missing))
            yield UNAMENDED.finding(context, change.template, change.at, missing=shown, **fields)


def _listable(pointer: str) -> str:
    """What an amendment would list for `pointer`: a roadmap name's year, else itself."""
    if pointer.startswith("/roadmap/years/"):
        return "/".join(pointer.split("/")[:4])
    return pointer


UNCHANGED = Rule[Any](
    "D102",
    "amendment-changes-something",
    "An amendment an edit adds lists only values the edit changes",
    "amendments",
    {"unchanged": "the amendment lists {place}, which this edit does not change"},
    doc="""Checked by `p135 validate --against REV`: an amendment that the edit adds lists
values that the edit changes; one that lists a value the edit leaves as it was names the
wrong place, or the figure was not updated. A roadmap year whose communes or villages
moved, were added, taken off, renamed or given another district is changed.

Passing: an amendment listing /funding/years/2019, in an edit that changes a 2019 figure;
one listing /roadmap/years/2018, in an edit that renames a commune of 2018.

Failing: an amendment listing /funding/years/2018, in an edit that changes only 2019.""",
)


def unchanged(edit: Edit, context: Context) -> Iterator[Finding]:
    touched = [pointer for change in edit.changes for pointer in change.touches]
    for index in edit.history.added:
        for place, listed in enumerate(edit.amendments[index].changes):
            if whole(listed) or not edit.names(listed):
                continue  # D107
            if not any(covers(listed, pointer) for pointer in touched):
                at = pointer_of("amendments", index, "changes", place)
                yield UNCHANGED.finding(context, "unchanged", at, place=listed)


TEXT_ONLY = Rule[Any](
    "D104",
    "text-only-edit",
    "An edit that changes only wording is listed, and needs no amendment",
    "amendments",
    {"text": "the wording of {place} changed in this edit (text, not a figure: no amendment)"},
    severity=Severity.INFO,
    doc="""Checked by `p135 validate --against REV`: a change of text that is not a figure,
a name, a year, a date, the roadmap or a pointer (a title, a clause's wording, a reason, a
note) is listed as information, so that a reviewer sees it, and needs no amendment.

Passing: an edit that changes no text.

Failing (information): an edit that fixes a typo in the plan's title,
`title: Đề án giảm ngèo` to `title: Đề án giảm nghèo`.""",
)


def text_only(edit: Edit, context: Context) -> Iterator[Finding]:
    for change in edit.changes:
        if change.text_only:
            yield TEXT_ONLY.finding(context, "text", change.at, place=change.at)


REWRITTEN = Rule[Any](
    "D106",
    "amendments-are-history",
    "An edit neither changes nor deletes an amendment its base already records",
    "amendments",
    {
        "edited": (
            "the amendment {number} of {date} is already in the base and was changed in this "
            "edit: amendments are history, record a new decision as a new amendment"
        ),
        "deleted": (
            "the amendment {number} of {date} of the base was deleted in this edit: "
            "amendments are history, keep it"
        ),
        "repeated": (
            "the amendment {number} of {date} is already in the base and this edit records "
            "it again: a decision already recorded authorises nothing new; record a new "
            "decision as a new amendment"
        ),
    },
    doc="""Checked by `p135 validate --against REV`: amendments are the plan's history. They
are matched by their decision's number and date, not by their place in the list (reordering
them changes nothing). One the base already records is kept as it was: changing what it
lists or says would let an old decision authorise a new change, and deleting it loses the
record. A new decision is a new amendment.

Passing: an edit that adds a second amendment after the first, or lists them in another order.

Failing: an edit that adds `/funding/years/2020` to the `changes` of an amendment the base
already has, or deletes it, or lists a copy of it (the same number and date) again.""",
)


def rewritten(edit: Edit, context: Context) -> Iterator[Finding]:
    for index in edit.history.edited:
        amendment = edit.amendments[index]
        at = pointer_of("amendments", index)
        yield REWRITTEN.finding(context, "edited", at, **_known_as(amendment))
    for amendment in edit.history.deleted:
        at = "/amendments"
        yield REWRITTEN.finding(context, "deleted", at, key=True, **_known_as(amendment))
    for index in edit.history.repeated:
        at = pointer_of("amendments", index)
        yield REWRITTEN.finding(context, "repeated", at, **_known_as(edit.amendments[index]))


def _known_as(amendment: Amendment) -> dict[str, Any]:
    return {"number": amendment.number or amendment.kind, "date": amendment.date or "–"}


NAMES_NOTHING = Rule[Any](
    "D107",
    "amendment-names-values",
    "Each pointer an added amendment lists names a value of the plan",
    "amendments",
    {
        "nothing": "the amendment lists {place}, which names nothing in the plan",
        "whole": "the amendment lists {place}, the whole plan: list the values it changes",
    },
    doc="""Checked by `p135 validate --against REV`: each pointer in the `changes` of an
amendment the edit adds names a value of the plan, as it is or as it was (a value the
decision removed). One that names nothing was mistyped; `/` (the whole plan) says nothing
of what the decision changed, and covers nothing.

Passing: `changes: [/funding/years/2019]` in a plan with a 2019 budget.

Failing: `changes: [/funding/year/2019]`, or `changes: [/]`.""",
)


def names_nothing(edit: Edit, context: Context) -> Iterator[Finding]:
    for index in edit.history.added:
        for place, listed in enumerate(edit.amendments[index].changes):
            at = pointer_of("amendments", index, "changes", place)
            if whole(listed):
                yield NAMES_NOTHING.finding(context, "whole", at, place=listed)
            elif not edit.names(listed):
                yield NAMES_NOTHING.finding(context, "nothing", at, place=listed)


NOT_COMPARED = Rule[Any](
    "D105",
    "compared-with-base",
    "A plan checked with --against is compared with the revision, or said to be new",
    "amendments",
    {
        "new": "not in {revision} ({commit}): a new file, with no earlier version to compare",
        "unread": (
            "{path} at {revision} ({commit}) is not a plan p135 can read: this edit is not "
            "compared with it"
        ),
    },
    severity=Severity.INFO,
    doc="""Checked by `p135 validate --against REV`: every plan and results report checked is
compared with its version at REV. One that REV does not have (a new plan, or one moved to a
new path) has nothing to compare with: this is said once, as information, rather than
skipped in silence; so is a version at REV that p135 cannot read. Configure it to `error`
to require that every plan in a pull request already exists in its base.

Passing: a plan that REV has, compared with it.

Failing (information): a plan added since REV.""",
)


ACKNOWLEDGEMENT_EDITED = Rule[Any](
    "D108",
    "acknowledgement-edited",
    "An edit that adds, changes or removes an acknowledgement is listed",
    "amendments",
    {
        "added": "this edit acknowledges {rule} at {place} as the document's own error: a "
        "reviewer checks that the document prints it",
        "changed": "this edit changes the acknowledgement of {rule} at {place}: a reviewer "
        "checks that the document prints what it now names",
        "removed": "this edit removes the acknowledgement of {rule} at {place}",
    },
    severity=Severity.INFO,
    doc="""Checked by `p135 validate --against REV`: an acknowledgement says that the document
itself prints an error, so an edit that adds one is how a slip could be made to pass. It
needs no amendment (the document did not change, the plan's record of it did), but it is
listed as information, so that whoever reviews the edit checks the document. A changed
figure still needs its amendment (D101) whatever the acknowledgements say.

Passing: an edit that leaves `acknowledged:` as it was.

Failing (information): an edit that adds
`{rule: F101, pointer: /funding/total/amount, expected: "2.688", found: "2.687", reason: ...}`.""",
)


def acknowledgements_edited(edit: Edit, context: Context) -> Iterator[Finding]:
    for recorded in edit.acknowledgements:
        yield ACKNOWLEDGEMENT_EDITED.finding(
            context, recorded.status, recorded.at, rule=recorded.rule, place=recorded.place
        )


EDIT_RULES: tuple[tuple[Rule[Any], Callable[[Edit, Context], Iterator[Finding]]], ...] = (
    (UNAMENDED, unamended),
    (UNCHANGED, unchanged),
    (TEXT_ONLY, text_only),
    (REWRITTEN, rewritten),
    (NAMES_NOTHING, names_nothing),
    (ACKNOWLEDGEMENT_EDITED, acknowledgements_edited),
)
"""The rules of an edit, with their checks (run by `p135cli.edit.edited`)."""
EDIT_CODES = frozenset({*(edit_rule.code for edit_rule, _ in EDIT_RULES), NOT_COMPARED.code})
"""Every code only `--against` gives."""
ERROR_WITH_BASE = frozenset({"D103"})
"""Plan rules that are errors by default when the user asked for the edit to be checked
(`--against`): the edit's own rules are errors of themselves."""


def against_settings(settings: Settings) -> Settings:
    """`settings` when the user asked for the edit's checks: D103 is an error too, unless the
    configuration sets its level."""
    errors = dict.fromkeys(ERROR_WITH_BASE, Severity.ERROR)
    return replace(settings, severities={**errors, **settings.severities})


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
