"""The engine: the one place that turns what the rules found into what a run reports.

Rules state findings at their own severity and never look at the configuration beyond
skipping work for a rule that is off. Here, once, for every finding of every kind (file,
schema, rules, across plans, plan and report):

1. `off` drops a finding, and a configured severity replaces the rule's own;
2. the plan's acknowledgements mark what they name (a value, a part of the plan, or a failed
   sum with the finding that explains it); one that names nothing is A001;
3. `--strict` makes every warning an error, so every output counts the same;
4. a finding another one explains is hidden while that one is shown at the same or a
   higher severity (F100's likely wrong figure explains the sums it breaks, but an F100
   configured down to `info` hides nothing).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from p135cli.findings import Finding, Severity
from p135cli.loading import pointer_of
from p135cli.model import Acknowledgement
from p135cli.rules.acknowledgements import STALE
from p135cli.rules.amendments import EDIT_CODES
from p135cli.rules.base import Context, Settings


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
    kept = _configured(findings, settings)
    if acknowledged and context is not None:
        kept = _acknowledge(kept, acknowledged, context, settings, unchecked)
    if settings.strict:
        kept = [_strict(finding) for finding in kept]
    return sorted(_unexplained(kept), key=lambda finding: finding.sort_key)


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
    """Mark acknowledged findings; an acknowledgement that matches none is stale (A001),
    unless its rule is off or did not run (then nothing could match it)."""
    by_place: dict[tuple[str, str], list[int]] = {}
    for index, ack in enumerate(acknowledged):
        by_place.setdefault((ack.rule.upper(), ack.pointer.rstrip("/")), []).append(index)
    used: set[int] = set()
    result = []
    for finding in findings:
        indexes = next((by_place[key] for key in _covering(finding) if key in by_place), None)
        if indexes is None:
            result.append(finding)
        else:
            used.update(indexes)
            result.append(finding.acknowledge(acknowledged[indexes[0]].reason))
    stale = [
        STALE.finding(
            context, "stale", pointer_of("acknowledged", index), rule=ack.rule, at=ack.pointer
        )
        for index, ack in enumerate(acknowledged)
        if index not in used and ack.rule.upper() not in settings.disabled | unchecked
    ]
    return result + _configured(stale, settings)


def _covering(finding: Finding) -> Iterator[tuple[str, str]]:
    """The (rule, pointer) an acknowledgement may name to cover `finding`: its own rule at its
    value or any part of the plan above it, or a failed sum it explains. One acknowledgement of
    a sum (`{rule: F101, pointer: /funding/total}`) so covers the F100 that names the one
    figure breaking it: one document error, one acknowledgement."""
    pointer = finding.location.pointer if finding.location else ""
    yield from ((finding.code, at) for at in _ancestors(pointer))
    for code, explained in sorted(finding.explains):
        yield from ((code, at) for at in _ancestors(explained))


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
