"""How a finding's message says a figure: as the document writes it, where a value lies, and
what lets approximate figures agree. Shared by the rules of every family."""

from __future__ import annotations

from decimal import Decimal

from p135cli.arithmetic import SAFE, Interval
from p135cli.i18n import N_, Message
from p135cli.model import Amounted, Comparator, qualified_as, qualifies

QUALIFIERS_ALLOW = N_("the qualifiers allow")
ROUNDING_ALLOWS = N_("the rounding allows")
BOTH_ALLOW = N_("the qualifiers and the rounding allow")
TOLERANCE_ALLOWS = N_("{what} and the tolerance of {tolerance} allow")
THE_QUALIFIERS = N_("the qualifiers")
THE_ROUNDING = N_("the rounding")
THE_BOTH = N_("the qualifiers and the rounding")


def said(
    value: Decimal, qualifier: Comparator | None, word: str | None = None
) -> Message | Decimal:
    """A figure as the document says it: `trên 814` (in its `word` where known), or the figure
    alone (stated exactly)."""
    if not qualifies(qualifier):
        return value
    return Message(qualified_as(qualifier, word), {"value": value})


def _bound(value: Decimal | None) -> Decimal | str:
    """A bound as a reader reads it: without the zeros a unit conversion adds (22,6, not
    22,600)."""
    if value is None:
        return "∞"
    normal = value.normalize(SAFE)
    exponent = normal.as_tuple().exponent
    return normal.quantize(Decimal(1)) if isinstance(exponent, int) and exponent > 0 else normal


RANGES = {
    (False, False): N_("between {low} and {high}"),
    (True, True): N_("above {low} and below {high}"),
    (True, False): N_("above {low}, up to {high}"),
    (False, True): N_("from {low}, below {high}"),
}
"""A range by whether its low and its high end are left out: `hơn 29,2` lies above 29,2 and
below 29,3, and a sum of exactly 29,2 is not in it."""


def ranged(interval: Interval) -> Message:
    """Where a value lies, as a reader reads it, its ends left out or not: `above 29,2 and
    below 29,3`, `between 6,7 and 6,8`, `at 10`, `10 or more`."""
    if interval.is_point and interval.low is not None:
        return Message(N_("at {value}"), {"value": _bound(interval.low)})
    if interval.high is None and interval.low is not None:
        template = N_("above {low}") if interval.low_open else N_("{low} or more")
        return Message(template, {"low": _bound(interval.low)})
    return Message(
        RANGES[(interval.low_open, interval.high_open)],
        {"low": _bound(interval.low), "high": _bound(interval.high)},
    )


def as_written(figure: Amounted, unit: str | None = None) -> Message:
    """A stated amount with its qualifier and its own unit, as the document writes it; with
    `unit`, a figure in the plan's unit names it too (beside one in another unit)."""
    template = qualified_as(figure.qualifier, figure.said_word) if figure.qualifier else "{value}"
    said = Message(template, {"value": figure.amount})
    shown = figure.unit or unit
    return Message("{said} {unit}", {"said": said, "unit": shown}) if shown else said


def both_written(one: Amounted, other: Amounted, unit: str) -> tuple[Message, Message]:
    """Two figures as written, each with its unit where they are stated in different ones
    (`about 1 tỷ đồng` beside `1.150 triệu đồng`, not `about 1`)."""
    mixed = (one.unit or unit) != (other.unit or unit)
    return as_written(one, unit if mixed else None), as_written(other, unit if mixed else None)


def allowance(qualified_: bool, rounded: bool, tolerance: Decimal | None) -> Message:
    """`the qualifiers allow`, `the rounding allows`, `the qualifiers and the tolerance of 0,1
    allow`: what makes approximate figures agree."""
    if tolerance is not None:
        what = THE_BOTH if qualified_ and rounded else THE_ROUNDING if rounded else THE_QUALIFIERS
        return Message(TOLERANCE_ALLOWS, {"what": Message(what), "tolerance": tolerance})
    if qualified_ and rounded:
        return Message(BOTH_ALLOW)
    return Message(ROUNDING_ALLOWS if rounded else QUALIFIERS_ALLOW)
