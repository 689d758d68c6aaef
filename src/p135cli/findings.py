"""The one result type of every check: a `Finding`, placed in a file."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import StrEnum
from typing import Any

from p135cli.i18n import N_, Message, NumberStyle, _, format_number


class Severity(StrEnum):
    """How much a finding matters; `error` fails `validate`, `warning` only with --strict."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def label(self) -> str:
        """The severity as a person reads it, in the run's language."""
        return _({"error": N_("error"), "warning": N_("warning"), "info": N_("info")}[self.value])

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


@dataclass(frozen=True, slots=True)
class Location:
    """Where a value stands: 1-based line and column, and its JSON pointer in the plan."""

    line: int
    column: int
    pointer: str = ""


@dataclass(frozen=True, slots=True)
class Related:
    """Another place a finding depends on (a part of a sum, the other date of a citation)."""

    location: Location
    role: str
    path: str | None = None  # set when the place is in another file


@dataclass(frozen=True, slots=True)
class Finding:
    """One discrepancy, with everything a reader needs to find and judge it."""

    code: str
    rule: str
    severity: Severity
    text: Message
    location: Location | None = None
    expected: Decimal | None = None
    actual: Decimal | None = None
    difference: Decimal | None = None
    related: tuple[Related, ...] = field(default=())
    hint: Message | None = None
    acknowledged: bool = False
    reason: str | None = None  # the acknowledgement's reason
    template: str = ""  # the key of the rule's message template it was made from
    style: NumberStyle | None = None  # the plan's number style, for the figures it quotes
    explains: frozenset[tuple[str, str]] = frozenset()
    """(code, pointer) of the findings this one explains: the engine hides each of them
    while this one is shown at the same or a higher severity."""
    follows: int | None = None
    """The line of a duplicate key in the file, which this finding may follow from: it is
    not offered as the document's error until that is fixed."""

    @property
    def message(self) -> str:
        """The message in the run's language, its figures in the plan's style."""
        return self.text.render(self.style)

    @property
    def hint_text(self) -> str | None:
        return None if self.hint is None else self.hint.render(self.style)

    def acknowledge(self, reason: str) -> Finding:
        return replace(self, acknowledged=True, reason=reason)

    def with_severity(self, severity: Severity) -> Finding:
        return replace(self, severity=severity)

    @property
    def entry(self) -> str | None:
        """The `acknowledged:` entry that would cover exactly this finding: its rule, its
        pointer and its figures as printed (None for a finding without a place)."""
        if self.location is None:
            return None
        fields = [f"rule: {self.code}", f"pointer: {_scalar(self.location.pointer or '/')}"]
        for name, value in (("expected", self.expected), ("found", self.actual)):
            if value is not None:
                fields.append(f"{name}: {pinned(value, self.style)}")
        return "{" + ", ".join(fields) + "}"

    @property
    def offer(self) -> str | None:
        """The entry to offer a reader: only for a document's own error, shown, with a place;
        not for what cannot be read as a plan, nor for a stale or unpinned acknowledgement
        (removed or replaced, not acknowledged), nor for what a duplicate key may cause."""
        if (
            self.acknowledged
            or self.severity is Severity.INFO
            or self.code.startswith(UNACKNOWLEDGEABLE)
            or self.follows is not None
        ):
            return None
        return self.entry

    @property
    def sort_key(self) -> tuple[int, int, str]:
        loc = self.location
        return (loc.line if loc else 0, loc.column if loc else 0, self.code)


UNACKNOWLEDGEABLE = ("Y", "S", "A")
"""Families no acknowledgement is for: a file that cannot be read as a plan has none to make,
and a stale or unpinned acknowledgement (A001, A002) is removed or replaced."""

_FLOW = frozenset(",[]{}#:&*!|>'\"%@`")


def _scalar(text: str) -> str:
    """`text` as a YAML flow scalar: plain where it can be, else double-quoted (JSON's
    quoting is YAML's)."""
    import json

    return (
        json.dumps(text, ensure_ascii=False) if _FLOW & set(text) or text != text.strip() else text
    )


def pinned(value: Decimal, style: NumberStyle | None) -> str:
    """A figure as an acknowledgement names it: in the plan's own form, quoted (`"2.688"` in a
    vi plan), or a plain YAML number in a plan that sets no number style."""
    text = format_number(value, style)
    return text if style is None else f'"{text}"'


class Deferred(Sequence[Finding]):
    """A file's findings as an earlier run concluded them, read only when they are looked
    at: a run over thousands of unchanged files that shows only their counts (or only the
    files with errors) decodes none of the others' findings."""

    __slots__ = ("_found", "_load", "counted")

    def __init__(self, counted: tuple[int, int, int], load: Callable[[], Sequence[Finding]]):
        self.counted = counted
        """(errors, warnings, acknowledged), as `FileResult.counts` gives them."""
        self._load = load
        self._found: tuple[Finding, ...] | None = None

    def _findings(self) -> tuple[Finding, ...]:
        if self._found is None:
            self._found = tuple(self._load())
        return self._found

    def once(self) -> Sequence[Finding]:
        """The findings, not kept unless they already were: for an output that writes each
        file's findings once, so that a run's memory does not grow with them."""
        return self._found if self._found is not None else tuple(self._load())

    def __len__(self) -> int:
        return len(self._findings())

    def __getitem__(self, index: Any) -> Any:
        return self._findings()[index]

    def __iter__(self) -> Iterator[Finding]:
        return iter(self._findings())

    def __eq__(self, other: object) -> bool:
        return tuple(self) == (tuple(other) if isinstance(other, Sequence) else other)

    __hash__ = None  # type: ignore[assignment]


@dataclass(frozen=True, slots=True)
class FileResult:
    """What checking one file found, as the engine concluded it: made once, with every
    finding the file has. Its findings are kept as a tuple, so nothing adds to them after;
    its path is only how the file is named (standard input by --stdin-filename)."""

    path: str
    findings: Sequence[Finding] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.findings, Deferred):
            object.__setattr__(self, "findings", tuple(self.findings))

    def counts(self) -> tuple[int, int, int]:
        """(errors, warnings, acknowledged), as the engine concluded them (under --strict it
        has already made every warning an error)."""
        if isinstance(self.findings, Deferred):
            return self.findings.counted
        errors = warnings = acknowledged = 0
        for finding in self.findings:
            if finding.acknowledged:
                acknowledged += 1
            elif finding.severity is Severity.ERROR:
                errors += 1
            elif finding.severity is Severity.WARNING:
                warnings += 1
        return errors, warnings, acknowledged

    def valid(self) -> bool:
        return self.counts()[0] == 0


@dataclass(frozen=True, slots=True)
class RunResult:
    """Every file of one `validate` run, and the configuration it used."""

    files: list[FileResult]
    config: Mapping[str, Any] = field(default_factory=dict)
    """The configuration the run used, as JSON shows it (file, tolerance, strict, rules)."""
    against: Mapping[str, Any] | None = None
    """With `--against REV`: the revision, the commit it named and each file's status."""

    def totals(self) -> tuple[int, int, int]:
        errors = warnings = acknowledged = 0
        for result in self.files:
            e, w, a = result.counts()
            errors, warnings, acknowledged = errors + e, warnings + w, acknowledged + a
        return errors, warnings, acknowledged

    @property
    def ok(self) -> bool:
        return all(result.valid() for result in self.files)
