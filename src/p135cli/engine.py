"""The engine: the one place that turns what the rules found into what a run reports.

Rules state findings at their own severity and never look at the configuration beyond
skipping work for a rule that is off. Here, once, for every finding of every kind (file,
schema, rules, across plans, plan and report, and with --against the edit's), each file's
findings all together:

1. `off` drops a finding, and a configured severity replaces the rule's own;
2. in a file with a duplicate key, every rule's finding says it may follow from it;
3. the plan's acknowledgements mark what they name (a value, a part of the plan, or a failed
   sum with the finding that explains it) with the figures they name; one that names nothing
   is A001, one that names no figures A002;
4. `--strict` makes every warning an error, so every output counts the same;
5. a finding another one explains is hidden while that one is shown at the same or a
   higher severity (F100's likely wrong figure explains the sums it breaks, but an F100
   configured down to `info` hides nothing).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from decimal import Decimal

from p135cli.findings import Finding, Severity
from p135cli.i18n import N_, Message
from p135cli.loading import pointer_of
from p135cli.model import Acknowledgement
from p135cli.rules.acknowledgements import STALE, UNPINNED
from p135cli.rules.amendments import EDIT_CODES
from p135cli.rules.base import Context
from p135cli.settings import Settings


def conclude(
    findings: Iterable[Finding],
    settings: Settings,
    acknowledged: Sequence[Acknowledgement] = (),
    context: Context | None = None,
    unchecked: frozenset[str] = EDIT_CODES,
) -> list[Finding]:
    """What one file's findings come to under `settings`, in the order of the file. An
    acknowledgement of a rule in `unchecked` (the edit's, when no base was compared) cannot
    match and is not stale."""
    kept = _after_duplicate(_configured(findings, settings))
    if acknowledged and context is not None:
        kept = _acknowledge(kept, acknowledged, context, settings, unchecked)
    if settings.strict:
        kept = [_strict(finding) for finding in kept]
    return sorted(_unexplained(kept), key=_order)


DUPLICATE = "Y003"
"""A duplicate key: YAML keeps one of the two values, so what the rules found after it may be
its doing."""
FOLLOWS = N_("this may follow from the duplicate key at line {line}: fix that first")


def _order(finding: Finding) -> tuple[bool, int, int, str]:
    """The order of the file, a duplicate key first: the findings it causes follow it."""
    return (finding.code != DUPLICATE, *finding.sort_key)


def _after_duplicate(findings: list[Finding]) -> list[Finding]:
    """In a file with a duplicate key, each rule's finding says it may follow from it, and
    offers no acknowledgement: the document did not print what YAML dropped."""
    lines = [f.location.line for f in findings if f.code == DUPLICATE and f.location]
    if not lines:
        return findings
    first = min(lines)
    hint = Message(FOLLOWS, {"line": first})
    return [
        f if f.code.startswith(NOT_RULES) else replace(f, follows=first, hint=hint)
        for f in findings
    ]


NOT_RULES = ("Y", "S", "A", "I", "D")
"""Codes of the file itself (reading, schema), of acknowledgements and of inferences: none of
them follows from a duplicate key's dropped value. The edit's (D, with --against) are not
marked either, as they were not before the engine concluded them with the file's: whether a
change since the base may follow from a duplicate key is not settled."""


def _configured(findings: Iterable[Finding], settings: Settings) -> list[Finding]:
    kept = []
    for finding in findings:
        if finding.code in settings.disabled:
            continue
        severity = settings.severities.get(finding.code)
        kept.append(finding if severity is None else finding.with_severity(severity))
    return kept


def _ancestors(pointer: str) -> Iterable[str]:
    """`/a/b/c`, `/a/b`, `/a`, and `` (the whole document)."""
    while pointer:
        yield pointer
        pointer = pointer.rsplit("/", 1)[0]
    yield ""


def _acknowledge(
    findings: list[Finding],
    acknowledged: Sequence[Acknowledgement],
    context: Context,
    settings: Settings,
    unchecked: frozenset[str],
) -> list[Finding]:
    """Mark acknowledged findings; then A001 for an acknowledgement that matches none (unless
    its rule is off or did not run: then nothing could match it), A002 for one that matched
    without naming the figures."""
    ledger = _Ledger(acknowledged, findings)
    result = [ledger.mark(finding) for finding in findings]
    notes = [
        *ledger.stale(context, settings.disabled | unchecked, result),
        *ledger.unpinned(context),
    ]
    return result + _configured(notes, settings)


_Place = tuple[str, str, Decimal | None, Decimal | None]
"""Where an entry applies: its rule, its pointer and the figures it pins (None: not pinned)."""


class _Ledger:
    """Which acknowledgement covers which finding. An entry covers a finding of its rule at its
    pointer or below it, whose figures are the ones it names (all of them, where it names
    any); an F100 it covers through a sum the F100 explains, with that sum's figures."""

    def __init__(self, acknowledged: Sequence[Acknowledgement], findings: list[Finding]) -> None:
        self.acknowledged = acknowledged
        self.by_place: dict[_Place, list[int]] = {}  # by rule, pointer and pinned figures
        for index, ack in enumerate(acknowledged):
            place = (ack.rule.upper(), ack.pointer.rstrip("/"), ack.expected, ack.found)
            self.by_place.setdefault(place, []).append(index)
        self.by_key: dict[tuple[str, str], Finding] = {}
        for finding in findings:
            self.by_key.setdefault((finding.code, _pointer(finding)), finding)
        self.used: dict[int, Finding] = {}  # an entry, and the first finding it covered

    def mark(self, finding: Finding) -> Finding:
        """`finding`, acknowledged if an entry covers it. One covered only through some of the
        sums it explains goes on explaining (and hiding) those alone: an F103 acknowledged does
        not hide the F104 the same slip causes."""
        index = self._entry(finding.code, _pointer(finding), finding)
        if index is not None:
            return finding.acknowledge(self.acknowledged[index].reason)
        covered: dict[tuple[str, str], int] = {}
        for key in sorted(finding.explains):
            index = self._entry(*key, self.by_key.get(key))
            if index is not None:
                covered[key] = index
        if not covered:
            return finding
        reason = self.acknowledged[covered[min(covered)]].reason
        return replace(finding.acknowledge(reason), explains=frozenset(covered))

    def _entry(self, code: str, pointer: str, finding: Finding | None) -> int | None:
        """The first entry that covers `finding` (found as `code` at `pointer`): looked up by
        the figures it may pin, so each finding costs a few look-ups at each place above it,
        however many entries the plan has."""
        expected = finding.expected if finding is not None else None
        actual = finding.actual if finding is not None else None
        for at in _ancestors(pointer):
            pinned = {(expected, actual), (expected, None), (None, actual), (None, None)}
            candidates = [i for pins in pinned for i in self.by_place.get((code, at, *pins), ())]
            for index in sorted(candidates):
                if self._free(index, finding):
                    if finding is not None:
                        self.used.setdefault(index, finding)
                    return index
        return None

    def _free(self, index: int, finding: Finding | None) -> bool:
        """Whether entry `index` may cover `finding`: a pinned entry names one error of the
        document, so it covers the first finding with its figures and no other (a later slip
        at another place under its pointer, with the same figures, is an error again); an
        entry without figures covers any (A002 says so)."""
        ack = self.acknowledged[index]
        if ack.expected is None and ack.found is None:
            return True
        return self.used.get(index, finding) is finding

    def stale(
        self, context: Context, unchecked: frozenset[str], result: list[Finding]
    ) -> Iterator[Finding]:
        """A001 for each entry that covered nothing: with the figures of a finding it would
        cover but for them, where there is one. Each shown finding is indexed once under
        every place above it, so many entries beside many findings cost their sum, not their
        product."""
        near_by: dict[tuple[str, str], Finding] = {}
        for finding in result:
            if not finding.acknowledged:
                for at in _ancestors(_pointer(finding)):
                    near_by.setdefault((finding.code, at), finding)
        for index, ack in enumerate(self.acknowledged):
            code = ack.rule.upper()
            if index in self.used or code in unchecked:
                continue
            near = near_by.get((code, ack.pointer.rstrip("/")))
            at = pointer_of("acknowledged", index)
            if near is None:
                yield STALE.finding(context, "stale", at, rule=ack.rule, at=ack.pointer)
                continue
            yield STALE.finding(
                context, "changed", at, rule=ack.rule, at=ack.pointer,
                old_expected=_figure(ack.expected), old_found=_figure(ack.found),
                now_expected=_figure(near.expected), now_found=_figure(near.actual),
            )  # fmt: skip

    def unpinned(self, context: Context) -> Iterator[Finding]:
        """A002 for each entry that covered a finding without naming all its figures."""
        for index, finding in sorted(self.used.items()):
            ack = self.acknowledged[index]
            if (finding.expected is not None and ack.expected is None) or (
                finding.actual is not None and ack.found is None
            ):
                at = pointer_of("acknowledged", index)
                entry = finding.entry or ""
                yield UNPINNED.finding(
                    context, "unpinned", at, rule=ack.rule, at=ack.pointer, entry=entry
                )


def _pointer(finding: Finding) -> str:
    return finding.location.pointer if finding.location else ""


def _figure(value: Decimal | None) -> Decimal | str:
    return "—" if value is None else value


def _strict(finding: Finding) -> Finding:
    return (
        finding.with_severity(Severity.ERROR) if finding.severity is Severity.WARNING else finding
    )


def _unexplained(findings: list[Finding]) -> list[Finding]:
    """Hide each finding that a shown finding of at least its severity explains."""
    strongest: dict[tuple[str, str], int] = {}
    for finding in findings:
        for key in finding.explains:
            strongest[key] = max(strongest.get(key, 0), finding.severity.rank)
    if not strongest:
        return findings
    return [finding for finding in findings if not _hidden(finding, strongest)]


def _hidden(finding: Finding, strongest: dict[tuple[str, str], int]) -> bool:
    pointer = finding.location.pointer if finding.location else ""
    return strongest.get((finding.code, pointer), 0) >= finding.severity.rank
