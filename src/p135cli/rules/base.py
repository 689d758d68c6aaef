"""What a rule is, and what it is given: the plan and a context that places values in the file."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Generic, TypeVar

from p135cli.findings import Finding, Location, Related, Severity
from p135cli.i18n import Message, NumberStyle, Signed, Written
from p135cli.loading import Loaded, tokens_of, value_at
from p135cli.settings import Settings


def style_of(root: object) -> NumberStyle | None:
    """The number style a document sets (`number_style: vi`), read from the file as loaded:
    before the model has read it, which needs it, and for a file it cannot read."""
    style = root.get("number_style") if isinstance(root, dict) else None
    return NumberStyle(style) if style in ("vi", "en") else None


@dataclass
class Context:
    """Everything a rule may look at besides the plan; rules never print and never exit."""

    loaded: Loaded
    settings: Settings = field(default_factory=Settings)
    memo: dict[str, Any] = field(default_factory=dict)

    def locate(self, pointer: str, *, key: bool = False) -> Location:
        mark = self.loaded.key_mark(pointer) if key else self.loaded.mark(pointer)
        return Location(mark.line, mark.column, pointer)

    @property
    def style(self) -> NumberStyle | None:
        """The plan's number style, in which its figures are shown."""
        return style_of(self.loaded.root)

    def written(self, pointer: str) -> Written | None:
        """The scalar at `pointer` as the file writes it (`245,160`), if there is one."""
        value = value_at(self.loaded.root, tokens_of(pointer)) if pointer else None
        return Written(value.strip()) if isinstance(value, str) else None

    def remember(self, name: str, compute: Callable[[], Any]) -> Any:
        """Compute shared work (the funding balances) once per plan, for every rule using it."""
        if name not in self.memo:
            self.memo[name] = compute()
        return self.memo[name]


RELATED_CAP = 5
"""How many other places one finding names: the first few and a count, so that output stays
proportional to the input however many places are alike."""

Subject = TypeVar("Subject")
"""What a rule checks: a `Plan`, or a results report paired with its plan."""

Check = Callable[[Subject, Context], Iterable[Finding]]


@dataclass(frozen=True)
class Rule(Generic[Subject]):
    """A small documented check with a stable code and message templates kept beside it.

    The templates are `str.format` strings keyed by name, so that a catalogue in another
    language can replace them without touching the check.
    """

    code: str
    name: str
    summary: str
    family: str
    messages: Mapping[str, str]
    severity: Severity = Severity.ERROR
    check: Check[Subject] | None = None
    doc: str = ""

    def run(self, subject: Subject, context: Context) -> Iterator[Finding]:
        """The check's findings as the rule states them. `off`, severities, strict,
        acknowledgements and explanations are the engine's alone (`p135cli.engine`): a rule
        that skipped itself would be a second place deciding what a run reports."""
        if self.check is None:
            return
        yield from self.check(subject, context)

    def finding(
        self,
        context: Context,
        message: str,
        pointer: str,
        *,
        key: bool = False,
        expected: Decimal | None = None,
        actual: Decimal | None = None,
        related: Iterable[Related] = (),
        hint: Message | None = None,
        severity: Severity | None = None,
        explains: Iterable[tuple[str, str]] = (),
        **fields: object,
    ) -> Finding:
        """Build a finding from one of this rule's templates, placed at `pointer`.

        The template is kept with its arguments and shown in the run's language. `expected`,
        `actual` and their signed `difference` are offered to it as figures (written in the
        plan's number style), and `stated` as the value at `pointer` exactly as the file
        writes it.
        """
        difference = actual - expected if expected is not None and actual is not None else None
        if expected is not None and actual is not None and difference is not None:
            fields = {
                "expected": expected,
                "actual": actual,
                "difference": Signed(difference),
                **fields,
            }
        written = context.written(pointer)
        if written is not None:
            fields = {"stated": written, **fields}
        return Finding(
            code=self.code,
            rule=self.name,
            severity=severity or self.severity,
            text=Message(self.messages[message], fields),
            location=context.locate(pointer, key=key),
            expected=expected,
            actual=actual,
            difference=difference,
            related=tuple(related),
            hint=hint,
            template=message,
            style=context.style,
            explains=frozenset(explains),
        )


def rule(
    code: str,
    name: str,
    summary: str,
    family: str,
    messages: Mapping[str, str],
    severity: Severity = Severity.ERROR,
) -> Callable[[Check[Subject]], Rule[Subject]]:
    """Make a `Rule` of a check function; its docstring (with examples) becomes the rule's doc."""

    def wrap(check: Check[Subject]) -> Rule[Subject]:
        doc = inspect.cleandoc(check.__doc__ or "")
        return Rule(code, name, summary, family, messages, severity, check, doc)

    return wrap


def related(context: Context, pointers: Iterable[str], role: str) -> tuple[Related, ...]:
    return tuple(Related(context.locate(pointer), role) for pointer in pointers)
