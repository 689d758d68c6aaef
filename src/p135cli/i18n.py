"""Languages and number styles: every string a person reads, in Vietnamese or English, and
every figure in the style its plan writes it.

Strings are English msgids marked with `N_` (where they are defined) or `_` (where they are
used); `make messages` extracts them with Babel into `locale/p135.pot`, and the Vietnamese
catalogue `locale/vi/LC_MESSAGES/p135.po` is compiled to the `.mo` file that ships in the
package and that the standard library's gettext reads: nothing beyond Python is needed at
run time.

A message is kept as a template and its arguments (`Message`) until it is shown, so that the
language and the number style are chosen where the output is written, not where a finding
is made. Arguments that are `Decimal` are written in the plan's style (`1.342,439` in a vi
plan); `Written` arguments are a figure as the plan's file writes it, quoted verbatim, so a
reader can search the file for it.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any

LOCALE = Path(__file__).resolve().parent / "locale"
DOMAIN = "p135"
LANGUAGES = ("vi", "en")


class NumberStyle(StrEnum):
    VI = "vi"  # 1.342,439
    EN = "en"  # 1,342.439

    @property
    def separators(self) -> tuple[str, str]:
        """(group separator, decimal mark)."""
        return (".", ",") if self is NumberStyle.VI else (",", ".")


def N_(message: str) -> str:
    """Mark a string for the catalogue where it is defined; it is translated where shown."""
    return message


@dataclass
class _Speaking:
    """How this run speaks: its language, and a number style that overrides each plan's."""

    lang: str = "en"
    style: NumberStyle | None = None


SPEAKING = _Speaking()


def detect(configured: str | None = None) -> str:
    """The language to speak: the configuration's `lang`, else P135_LANG, else the locale
    (LC_ALL, then LC_MESSAGES, then LANG; one starting with `vi` gives vi), else English."""
    for value in (configured, os.environ.get("P135_LANG")):
        if value:
            return "vi" if value.lower().startswith("vi") else "en"
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:
            return "vi" if value.lower().startswith("vi") else "en"
    return "en"


def speak(lang: str, style: NumberStyle | None = None) -> None:
    """Choose the language (and a number style for every figure) of what follows."""
    SPEAKING.lang, SPEAKING.style = lang, style


@cache
def _catalogue(lang: str) -> gettext.NullTranslations:
    if lang == "en":
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALE, languages=[lang], fallback=True)


def _(message: str) -> str:
    """`message` in the language this run speaks."""
    return _catalogue(SPEAKING.lang).gettext(message) if message else message


TOOLKIT_MODULES = (
    "click.core",
    "click.decorators",
    "click.exceptions",
    "click.formatting",
    "click.parser",
    "click.types",
    "click.utils",
    "typer.core",
)
TOOLKIT = (
    N_("Usage:"),
    N_("Options"),
    N_("Arguments"),
    N_("Commands"),
    N_("Show this message and exit."),
    N_("Try '{command} {option}' for help."),
    N_("Error: {message}"),
    N_("No such option: {name}"),
    N_("No such command {name!r}."),
    N_("Missing argument"),
    N_("Missing option"),
    N_("Missing command."),
    N_("Invalid value for {param_hint}: {message}"),
    N_("Got unexpected extra argument ({args})"),
    N_("Got unexpected extra arguments ({args})"),
    N_("{value!r} is not one of {choices}."),
    N_("{value!r} is not a valid {number_type}."),
    N_("{value} is not in the range {range}."),
    N_("default: {default}"),
    N_("required"),
    N_("Aborted!"),
)
"""What the command-line toolkit (click, under typer) writes itself: help headings and usage
errors. `adopt` makes it write them through p135's catalogue."""


def adopt() -> None:
    """Let click and typer speak the run's language: their modules look up `_` when they
    write a heading or an error, so pointing it at ours translates them (they keep their own
    English where the catalogue has no entry). The usage line and the help option are
    written by p135's own command class (`p135cli.cli_options.Command`)."""
    import sys

    for name in TOOLKIT_MODULES:  # only if loaded: typer 0.29 carries its own click (below),
        module = sys.modules.get(name)  # and importing click for nothing costs every start
        if module is not None and hasattr(module, "_"):
            setattr(module, "_", _)  # noqa: B010 - a module's attribute, named `_`
    _adopt_usage_errors()


def _adopt_usage_errors() -> None:
    """A usage error in the run's language. typer 0.29 writes one ('Error: ...', 'Try ... for
    help.') in English inside `UsageError.show` of the copy of click it carries
    (`typer._click`; the `click` package is another library, which p135 does not need
    installed), and it exports neither that class nor a hook to write the error otherwise
    (`rich_markup_mode` draws it as a rich panel, another look). So `show` is replaced here,
    the one private name p135 uses; guarded: a typer without it keeps its English and p135
    works the same."""
    try:
        from typer._click import exceptions
    except ImportError:  # pragma: no cover - an older typer uses click itself
        return

    def show(self: Any, file: Any = None) -> None:
        """A usage error as typer shows it, in the run's language."""
        import sys

        stream = file or sys.stderr
        if self.ctx is not None:
            stream.write(self.ctx.get_usage() + "\n")
            if self.ctx.command.get_help_option(self.ctx) is not None:
                hint = _("Try '{command} {option}' for help.")
                stream.write(hint.format(command=self.ctx.command_path, option="--help") + "\n")
        stream.write(_("Error: {message}").format(message=usage_error(self.format_message())))
        stream.write("\n")

    if hasattr(exceptions, "UsageError"):
        setattr(exceptions.UsageError, "show", show)  # noqa: B010


# The usage errors of typer's click, as it writes them in English, and the catalogue's form.
_USAGE_ERRORS = (
    (r"No such option: (?P<name>\S+)(?P<rest>.*)", N_("No such option: {name}")),
    (r"No such command '(?P<name>[^']*)'\.(?P<rest>.*)", N_("No such command {name!r}.")),
    (
        r"Invalid value for (?P<param_hint>.+?): (?:Value error, )?(?P<message>.*)",
        N_("Invalid value for {param_hint}: {message}"),
    ),
    (r"Missing argument (?P<name>.*)\.(?P<rest>.*)", N_("Missing argument {name}.")),
    (r"Missing option (?P<name>.*)\.(?P<rest>.*)", N_("Missing option {name}.")),
    (
        r"Got unexpected extra arguments? \((?P<args>.*)\)",
        N_("Got unexpected extra arguments ({args})"),
    ),
    (r"(?P<value>.+) is not one of (?P<choices>.*)\.", N_("{value} is not one of {choices}.")),
    (
        r"(?P<value>.+) is not a valid (?P<number_type>.*)\.",
        N_("{value} is not a valid {number_type}."),
    ),
    (
        r"(?P<value>.+) is not in the range (?P<range>.*)\.",
        N_("{value} is not in the range {range}."),
    ),
)


def usage_error(message: str) -> str:
    """A usage error of the toolkit in the run's language, where the catalogue knows its form."""
    import re

    for pattern, template in _USAGE_ERRORS:
        match = re.fullmatch(pattern, message, re.S)
        if match:
            fields = match.groupdict()
            rest = fields.pop("rest", "") or ""
            if "message" in fields:  # an error inside an error: "'xml' is not one of ..."
                fields["message"] = usage_error(fields["message"])
            text = _(template).replace("{name!r}", "'{name}'").format(**fields)
            return text + rest
    return message


def _n(singular: str, plural: str, count: int, *, shown: object = None, **args: object) -> str:
    """`singular` or `plural` for `count`, in the run's language, with {count} (and `args`)
    filled in; `shown`, where given, is written for {count} (a count with the document's
    qualifier: `hơn 10`)."""
    template = _catalogue(SPEAKING.lang).ngettext(singular, plural, count)
    return template.format(count=count if shown is None else shown, **args)


def format_number(value: Decimal, style: NumberStyle | None = NumberStyle.VI) -> str:
    """A Decimal as the document writes it, keeping its stated decimals: 1342.439 ->
    '1.342,439' (vi), '1,342.439' (en); with no style, a plain decimal '1342.439'."""
    if not value.is_finite():
        return str(value)
    if style is None:
        return f"{value:f}"
    group, point = style.separators
    sign = "-" if value.is_signed() and value != 0 else ""
    integer, _, fraction = f"{value.copy_abs():f}".partition(".")
    grouped = f"{int(integer):,}".replace(",", group)
    return sign + grouped + (point + fraction if fraction else "")


class Written(str):
    """A figure as the plan's file writes it (`245,160`): quoted verbatim in messages."""

    __slots__ = ()


class Signed(Decimal):
    """A difference: written with its sign, `+0,001`."""

    __slots__ = ()


@dataclass(frozen=True)
class Listed:
    """Several arguments shown as one, joined by `between`."""

    items: Sequence[object]
    between: str = ", "


def shown(value: object, style: NumberStyle | None) -> str:
    """One argument of a message, as a reader sees it."""
    if isinstance(value, Listed):
        return value.between.join(shown(item, style) for item in value.items)
    chosen = SPEAKING.style or style
    if isinstance(value, Signed):
        text = format_number(Decimal(value), chosen)
        return text if value < 0 else "+" + text
    if isinstance(value, Decimal):
        return format_number(value, chosen)
    if isinstance(value, Message):
        return value.render(style)
    return str(value)


@dataclass(frozen=True)
class Message:
    """A template (an English msgid) and its arguments, rendered when shown."""

    template: str
    args: Mapping[str, object] = field(default_factory=dict)

    def render(self, style: NumberStyle | None = None) -> str:
        values = {name: shown(value, style) for name, value in self.args.items()}
        try:
            return _(self.template).format(**values)
        except (KeyError, IndexError, ValueError):  # a catalogue's slip must not end a run
            return self.template.format(**values)

    def __str__(self) -> str:
        """Rendered: pydantic formats a schema error's message with str(), so a caller of the
        Python API who prints a ValidationError reads words, not a template."""
        return self.render()

    def __hash__(self) -> int:
        return hash((self.template, tuple(sorted(self.args))))
