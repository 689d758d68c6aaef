"""Configuration: `p135.toml` (its keys at the top level, or under `[tool.p135]` as in the
example), or `[tool.p135]` in a `pyproject.toml`, in the project's root:
the nearest folder, from the working directory upward, that holds `p135.toml`,
`pyproject.toml` (with or without `[tool.p135]`) or `.git` (a folder, or the file of a
worktree or a submodule). Nothing above the root is read: a folder above it is someone
else's, and their `F101 = "off"` must not pass a planner's failing plan. `--config FILE`
names one, `--isolated` uses none.

    [tool.p135]
    tolerance = "0.001"          # allowed difference between amounts (default: exact)

    units = "lists/gso-2017-01-17.xlsx"  # your own list of administrative units (CSV
    units_date = "17/01/2017"               # or xlsx) and the date it stood on

    [tool.p135.rules]
    F107 = "error"               # error, warning, info, or off
    T102 = "off"
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any

from p135cli.findings import Severity
from p135cli.i18n import N_, _
from p135cli.numbers import NumberError, parse_option_number
from p135cli.settings import Settings

if TYPE_CHECKING:
    from p135cli.places import OwnList

DECIMAL = N_('{label}: tolerance must be a decimal such as "0.001"')
LEVELS = {"error": Severity.ERROR, "warning": Severity.WARNING, "info": Severity.INFO}


class ConfigError(Exception):
    """A configuration file p135 cannot use: exit code 2, with the file and the key."""


FIXED = frozenset({"Y001", "Y002", "Y003", "Y004", "Y005", "S000", "S001", "S002", "S003"})
"""Codes of a file that cannot be read as a plan: no configuration turns them off or down,
since no verdict on the plan's figures could follow (the engine relies on this)."""


@dataclass(frozen=True)
class Found:
    settings: Settings
    source: str | None  # "pyproject.toml [tool.p135]", or None when no file was used
    lang: str | None = None  # `lang = "vi"`: the language people read p135 in

    def summary(self) -> dict[str, Any]:
        """What the run used, for every output to say: JSON's top-level `config`."""
        levels = {code: str(level) for code, level in self.settings.severities.items()}
        levels |= dict.fromkeys(self.settings.disabled, "off")
        return {
            "file": self.source,
            "tolerance": f"{self.settings.tolerance:f}",
            "strict": self.settings.strict,
            "rules": dict(sorted(levels.items())),
            **_units_summary(self.settings),
        }


def _units_summary(settings: Settings) -> dict[str, Any]:
    """The user's list of units, where one is given (a key added only then: the JSON
    contract's keys are only ever added)."""
    own = settings.units
    if own is None:
        return {}
    return {"units": {"file": own.source, "date": own.on.isoformat(), "rows": len(own.rows)}}


ROOT_MARKS = ("p135.toml", "pyproject.toml", ".git")


def project_root(start: Path) -> Path | None:
    """The nearest folder at or above `start` holding one of `ROOT_MARKS`, or None. The
    configuration is read there and the cache kept there: never above it."""
    for folder in (start, *start.parents):
        if any((folder / mark).exists() for mark in ROOT_MARKS):
            return folder
    return None


def find(start: Path) -> tuple[Path, dict[str, Any]] | None:
    """The configuration of the project `start` is in, and its p135 table: the root's
    p135.toml, else its pyproject.toml's [tool.p135]; None when the root has neither (a
    pyproject.toml without the table, or only .git, still ends the search)."""
    root = project_root(start)
    if root is None:
        return None
    own = root / "p135.toml"
    if own.is_file():
        return own, _own_table(_read(own), own)
    project = root / "pyproject.toml"
    if project.is_file():
        table = _tool_table(_read(project), project)
        if table is not None:
            return project, table
    return None


def _tool_table(document: dict[str, Any], path: Path) -> dict[str, Any] | None:
    tool = document.get("tool", {})
    if not isinstance(tool, dict):
        raise ConfigError(_("{path}: 'tool' must be a table").format(path=path))
    table = tool.get("p135")
    if table is not None and not isinstance(table, dict):
        raise ConfigError(_("{path} [tool.p135]: must be a table").format(path=path))
    return table


def _own_table(document: dict[str, Any], path: Path) -> dict[str, Any]:
    """A p135.toml's settings: at its top level, or all under [tool.p135] as a pyproject.toml
    holds them (the README's example, copied as it is, works in either file)."""
    if "tool" not in document:
        return document
    table = _tool_table(document, path) or {}
    stray = sorted(set(document) - {"tool"})
    stray += sorted(f"tool.{name}" for name in document["tool"] if name != "p135")
    if stray:
        message = _(
            "{path}: unknown key(s) {keys}: a p135.toml holds its settings at its top level, "
            "or all of them under [tool.p135]"
        )
        raise ConfigError(message.format(path=path, keys=", ".join(stray)))
    return table


def named(path: Path) -> tuple[Path, dict[str, Any]]:
    """The configuration of `--config FILE`: a p135.toml, or a pyproject.toml's [tool.p135]."""
    if not path.is_file():
        raise ConfigError(_("{path}: no such file").format(path=path))
    document = _read(path)
    if path.name == "pyproject.toml":
        return path, _tool_table(document, path) or {}
    return path, _own_table(document, path)


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(_("{path}: {error}").format(path=path, error=error)) from None


def load(
    start: Path,
    known_codes: Callable[[], set[str]],
    *,
    path: Path | None = None,
    isolated: bool = False,
) -> Found:
    """The configuration a run uses: `path` if given, none if `isolated`, else the nearest.
    `known_codes` gives every rule's code, asked for only when a `rules` table names some
    (the rules' registry is not imported by a run that needs no rule)."""
    if isolated:
        return Found(Settings(), None)
    found = named(path) if path is not None else find(start)
    if found is None:
        return Found(Settings(), None)
    path, table = found
    label = f"{path} [tool.p135]" if path.name == "pyproject.toml" else str(path)
    unknown = set(table) - {"tolerance", "rules", "lang", "units", "units_date"}
    if unknown:
        keys = ", ".join(sorted(unknown))
        raise ConfigError(_("{label}: unknown key(s) {keys}").format(label=label, keys=keys))
    disabled, severities = _rules(table.get("rules", {}), known_codes, label)
    lang = table.get("lang")
    if lang is not None and lang not in ("vi", "en"):
        raise ConfigError(
            _('{label}: lang = {lang!r}: use "vi" or "en"').format(label=label, lang=lang)
        )
    tolerance = _tolerance(table.get("tolerance", "0"), label)
    units = _units(table, path.parent, label)
    return Found(Settings(tolerance, disabled, severities, units=units), label, lang)


def _units(table: dict[str, Any], folder: Path, label: str) -> OwnList | None:
    """`units` (a path from the configuration's folder) and `units_date`: the user's own
    list of administrative units and the date it stood on."""
    from p135cli.units_file import UnitsError, own_list

    named, date = table.get("units"), table.get("units_date")
    for key, value in (("units", named), ("units_date", date)):
        if value is not None and not isinstance(value, str):
            message = _('{label}: {key} must be a string such as "{example}"')
            example = "lists/units.csv" if key == "units" else "17/01/2017"
            raise ConfigError(message.format(label=label, key=key, example=example))
    path = folder / named if isinstance(named, str) else None
    try:
        return own_list(path, date if isinstance(date, str) else None, label)
    except UnitsError as error:
        raise ConfigError(str(error)) from None


def _tolerance(value: object, label: str) -> Decimal:
    """A TOML number, or a string read with the digits a plan's figures take."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ConfigError(_(DECIMAL).format(label=label))
    try:  # a TOML float arrives as float: str() keeps its digits
        tolerance = parse_option_number(value) if isinstance(value, str) else Decimal(str(value))
    except (InvalidOperation, NumberError):
        raise ConfigError(_(DECIMAL).format(label=label)) from None
    if not tolerance.is_finite() or tolerance < 0:
        raise ConfigError(_("{label}: tolerance must be zero or more").format(label=label))
    return tolerance


def _rules(
    table: object, known_codes: Callable[[], set[str]], label: str
) -> tuple[frozenset[str], dict[str, Severity]]:
    if not isinstance(table, dict):
        message = _("{label}: 'rules' must be a table of CODE = \"level\"")
        raise ConfigError(message.format(label=label))
    disabled: set[str] = set()
    severities: dict[str, Severity] = {}
    known = known_codes() if table else set()
    for code, level in table.items():
        if code.upper() not in known:
            message = _("{label}: rules.{code}: no such rule ('p135 rules' lists them)")
            raise ConfigError(message.format(label=label, code=code))
        if code.upper() in FIXED:
            message = _(
                "{label}: rules.{code}: cannot be changed: a file with this finding cannot "
                "be read as a plan, so no verdict on its figures could follow"
            )
            raise ConfigError(message.format(label=label, code=code))
        if not isinstance(level, str):
            message = _('{label}: rules.{code}: use "error", "warning", "info" or "off"')
            raise ConfigError(message.format(label=label, code=code))
        if level == "off":
            disabled.add(code.upper())
        elif level in LEVELS:
            severities[code.upper()] = LEVELS[level]
        else:
            raise ConfigError(
                _("{label}: rules.{code} = {level!r}: use error, warning, info or off").format(
                    label=label, code=code, level=level
                )
            )
    return frozenset(disabled), severities
