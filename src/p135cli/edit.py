"""The edit of a plan since a git revision, as the amendment rules read it (`p135 validate
--against REV`): what changed (p135cli.diff's comparison, value by value and place by place on
the roadmap), which amendments and acknowledgements the edit added, changed or removed, and
what the edit's rules (D101, D102, D104-D108) find in it.

The findings are the rules' own: the engine concludes them with the file's other findings,
once (p135cli.checking).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any, Literal

from p135cli.checking import Checked, Edited
from p135cli.diff import Placed, called, compare, paired_places
from p135cli.leaves import LIST_ITEMS, Change, Walk, leaves, value_changes
from p135cli.loading import pointer_of, tokens_of
from p135cli.model import Acknowledgement, Plan
from p135cli.rules.amendments import (
    EDIT_CODES,
    EDIT_RULES,
    NOT_COMPARED,
    Changed,
    Edit,
    Recorded,
    history,
)
from p135cli.rules.base import Context
from p135cli.settings import Settings

PROSE = frozenset({"title", "text", "source", "reason", "note", "inferred"})
"""The fields that hold wording (a title, a clause, a reason): a change of one alone needs no
amendment (D104). Names, numbers, dates, years, units, qualifiers and the roadmap do."""

RECORDS = frozenset({"amendments", "acknowledged"})
"""The plan's own records, not what the document states: the amendments keep their history
(D106), the acknowledgements are checked as acknowledgements."""


@dataclass(frozen=True)
class Base:
    """What a file is compared with: its version at `commit` (what `revision` names), at
    `path` in the repository, or nothing (`status` says why: `new`, the revision does not
    have the file; `unread`, it has one p135 cannot read as a plan or report)."""

    checked: Checked | None
    revision: str
    commit: str
    path: str
    status: Literal["compared", "new", "unread"] = "compared"


def edited(base: Base, new: Checked, settings: Settings) -> Edited:
    """What the edit of `new` since `base` gives: the edit's rules' findings, or D105 where
    there is no base to compare with (then no other edit rule ran, and an acknowledgement of
    one can neither match nor be stale)."""
    context = Context(new.loaded, settings)
    if base.checked is None:
        status = "unread" if base.status == "unread" else "new"
        said = NOT_COMPARED.finding(
            context, status, "", revision=base.revision, commit=base.commit[:12], path=base.path
        )
        return Edited((said,), unchecked=EDIT_CODES - {NOT_COMPARED.code})
    edit = edit_of(base.checked, new, settings.tolerance)
    found = [finding for _rule, check in EDIT_RULES for finding in check(edit, context)]
    return Edited(tuple(found), unchecked=frozenset())


def edit_of(old: Checked, new: Checked, tolerance: Decimal = Decimal(0)) -> Edit:
    """What changed from `old` to `new`, as the amendment rules read it."""
    if isinstance(old.plan, Plan) and isinstance(new.plan, Plan):
        values = compare(old, new, tolerance).changes
        places = list(roadmap_changes(old, new))
    else:  # a results report: its values (its years' names among them) one by one
        walk = Walk("", "")
        before, after = leaves(old.plan, walk), leaves(new.plan, walk)
        values, places = tuple(value_changes(before, after, old.loaded, new.loaded)), []
    names = _naming(old, new)
    changes = [_changed(c, names) for c in values if c.path[0] not in RECORDS]
    amendments = (old.plan.amendments, new.plan.amendments)
    recorded = list(_acknowledgements(values, old.plan.acknowledged, new.plan.acknowledged))
    edit = Edit(new.plan.amendments, [*changes, *places], history(*amendments), names)
    return replace(edit, acknowledgements=recorded)


def _acknowledgements(
    values: Sequence[Change], before: Sequence[Acknowledgement], after: Sequence[Acknowledgement]
) -> Iterator[Recorded]:
    """Each acknowledgement the edit added, changed or removed, once, by its identity (its
    rule and pointer): a reviewer is shown what the plan now claims the document prints."""
    touched: dict[str, list[Change]] = {}
    for change in values:
        if change.path[0] == "acknowledged" and len(change.path) > 1:
            touched.setdefault(change.path[1], []).append(change)
    was = {_ack_key(ack): ack for ack in before}
    now = {_ack_key(ack): (index, ack) for index, ack in enumerate(after)}
    for key in touched:
        if key in now:
            index, ack = now[key]
            status = "changed" if key in was else "added"
            yield Recorded(status, pointer_of("acknowledged", index), ack.rule, ack.pointer)
        elif key in was:
            ack = was[key]
            yield Recorded("removed", "/acknowledged", ack.rule, ack.pointer)


def _ack_key(ack: Acknowledgement) -> str:
    return LIST_ITEMS[Acknowledgement][0](ack) or ""


def _changed(change: Change, names: Callable[[str], bool]) -> Changed:
    name = change.pointer.rsplit("/", 1)[-1]
    wording = name in PROSE and not isinstance(change.old or change.new, Decimal)
    at = _written_at(change.pointer, names)
    return Changed(at, (at,), text_only=wording)


def _written_at(pointer: str, names: Callable[[str], bool]) -> str:
    """Where an amendment finds a changed value: a qualifier written inside its amount
    (`"hơn 29,2"`) is the amount's, as neither version has a `qualifier` key to list."""
    head, _, name = pointer.rpartition("/")
    return f"{head}/amount" if name == "qualifier" and not names(pointer) else pointer


def roadmap_changes(old: Checked, new: Checked) -> Iterator[Changed]:
    """Each commune and village moved, added, taken off, renamed or given another district or
    commune (`paired_places`): the pointers of where it was and where it is, which an
    amendment must list."""
    for was, now in paired_places(old, new):
        if now is None:
            assert was is not None
            listed = f"/roadmap/years/{was.year}/{was.kind}s"
            yield _place_change("removed_place", was, None, listed)
        elif was is None:
            yield _place_change("added_place", None, now, now.pointer)
        elif was.year != now.year:
            yield _place_change("moved", was, now, now.pointer)
        elif called(was) != called(now):
            yield _place_change("renamed", was, now, now.pointer)


def _place_change(template: str, was: Placed | None, now: Placed | None, at: str) -> Changed:
    here = now or was
    assert here is not None
    fields = {
        "place": _label(here),
        "old_place": _label(was) if was else "",
        "old_year": was.year if was else "",
        "new_year": now.year if now else "",
    }
    touches = tuple(place.pointer for place in (was, now) if place is not None)
    return Changed(at, touches, template, fields)


def _label(at: Placed) -> str:
    if at.district is None:  # a document dated after districts were abolished
        return at.name if at.commune is None else f"{at.name}, {at.commune}"
    if at.commune is None:
        return f"{at.name} ({at.district})"
    return f"{at.name}, {at.commune} ({at.district})"


def _naming(*versions: Checked) -> Callable[[str], bool]:
    """Whether a pointer names a value written in one of `versions` (a null one too)."""

    def names(pointer: str) -> bool:
        if not pointer.startswith("/"):
            return False
        tokens = tokens_of(pointer.rstrip("/"))
        return any(_written(version.loaded.root, tokens) for version in versions)

    return names


def _written(node: Any, tokens: list[str]) -> bool:
    for token in tokens:
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            return False
    return True
