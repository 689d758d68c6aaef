"""What a run is given besides its files: the settings the rules are concluded under and the
reader's caps. A module of its own, importing no model, rule or YAML reader: a run whose
files are all known to the cache's index reads its settings and nothing heavier."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: this module stands below both (pyproject's layers)
    from p135cli.findings import Severity
    from p135cli.places import OwnList


@dataclass(frozen=True)
class Settings:
    """What a run may change: amount tolerance, rules turned off, severities changed, and
    whether warnings count as errors. Only the engine (`p135cli.engine`) applies them."""

    tolerance: Decimal = Decimal(0)
    disabled: frozenset[str] = frozenset()
    severities: Mapping[str, Severity] = field(default_factory=dict)
    strict: bool = False
    units: OwnList | None = None
    """The user's own list of administrative units (`--units FILE`), if any."""


@dataclass(frozen=True)
class Limits:
    """Caps checked before or while parsing; a real plan is far below each of them."""

    max_bytes: int = 2_000_000
    max_depth: int = 64
    max_nodes: int = 200_000
    max_digits: int = 30  # of one stated figure; types.MAX_DIGITS
