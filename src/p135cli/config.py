"""Configuration: `p135.toml`, or `[tool.p135]` in a `pyproject.toml`, found from the working
directory upward (the nearest wins).

    [tool.p135]
    tolerance = "0.001"          # allowed difference between amounts (default: exact)

    [tool.p135.rules]
    F107 = "error"               # error, warning, info, or off
    T102 = "off"
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from p135cli.findings import Severity
from p135cli.rules.base import Settings

LEVELS = {"error": Severity.ERROR, "warning": Severity.WARNING, "info": Severity.INFO}


class ConfigError(Exception):
    """A configuration file p135 cannot use: exit code 2, with the file and the key."""


@dataclass(frozen=True)
class Found:
    settings: Settings
    source: str | None  # "pyproject.toml [tool.p135]", or None when no file was found


def find(start: Path) -> tuple[Path, dict[str, Any]] | None:
    """The nearest configuration at or above `start`, and its p135 table."""
    for folder in (start, *start.parents):
        own = folder / "p135.toml"
        if own.is_file():
            return own, _read(own)
        project = folder / "pyproject.toml"
        if project.is_file():
            table = _read(project).get("tool", {}).get("p135")
            if isinstance(table, dict):
                return project, table
    return None


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"{path}: {error}") from None


def load(start: Path, known_codes: set[str]) -> Found:
    found = find(start)
    if found is None:
        return Found(Settings(), None)
    path, table = found
    label = f"{path} [tool.p135]" if path.name == "pyproject.toml" else str(path)
    unknown = set(table) - {"tolerance", "rules"}
    if unknown:
        raise ConfigError(f"{label}: unknown key(s) {', '.join(sorted(unknown))}")
    disabled, severities = _rules(table.get("rules", {}), known_codes, label)
    return Found(
        Settings(_tolerance(table.get("tolerance", "0"), label), disabled, severities), label
    )


def _tolerance(value: object, label: str) -> Decimal:
    try:
        tolerance = Decimal(str(value))  # a TOML float arrives as float: str() keeps its digits
    except InvalidOperation:
        raise ConfigError(f'{label}: tolerance must be a decimal such as "0.001"') from None
    if not tolerance.is_finite() or tolerance < 0:
        raise ConfigError(f"{label}: tolerance must be zero or more")
    return tolerance


def _rules(
    table: object, known: set[str], label: str
) -> tuple[frozenset[str], dict[str, Severity]]:
    if not isinstance(table, dict):
        raise ConfigError(f"{label}: 'rules' must be a table of CODE = \"level\"")
    disabled: set[str] = set()
    severities: dict[str, Severity] = {}
    for code, level in table.items():
        if code.upper() not in known:
            raise ConfigError(f"{label}: no rule {code} ('p135 rules' lists them)")
        if level == "off":
            disabled.add(code.upper())
        elif level in LEVELS:
            severities[code.upper()] = LEVELS[level]
        else:
            raise ConfigError(f"{label}: {code} = {level!r}: use error, warning, info or off")
    return frozenset(disabled), severities
