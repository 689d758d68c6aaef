"""What a stated percentage of plan implies: every plan figure whose share rounds to it.

A results report may state `1856 hộ, đạt 161,8 % kế hoạch` without the plan's figure: the
percentage still names the plan figures it can be a share of, and for units of whole things
(households, communes) the whole numbers among them. K101 checks a report by it, and
`p135 progress` shows it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from p135cli.arithmetic import Interval, half_unit, percent

if TYPE_CHECKING:
    from p135cli.progress_report import Actual


COUNTED_UNITS = frozenset(
    {"hộ", "lượt hộ", "người", "lượt người", "lao động", "xã", "thôn", "bản", "công trình"}
)
"""Units of whole things: a plan figure in them is a whole number."""


@dataclass(frozen=True)
class Implied:
    """The plan figure a stated percentage implies: every figure that rounds to it."""

    low: Decimal
    central: Decimal
    high: Decimal
    first: int | None = None
    last: int | None = None
    """The least and the most whole number in the range (units of whole things), if any:
    kept as a range, never listed, so a slip like `0,1 %` costs nothing."""

    @property
    def wholes(self) -> int:
        """How many whole numbers the range holds."""
        if self.first is None or self.last is None:
            return 0
        return self.last - self.first + 1

    def listed(self, most: int = 10) -> list[int]:
        """The whole numbers, when there are at most `most` of them."""
        if self.first is None or self.wholes > most:
            return []
        return list(range(self.first, self.first + self.wholes))


def implied_plan(value: Decimal, stated: Decimal, counted: bool) -> Implied | None:
    """`value` is `stated` % of what? Every plan figure whose share rounds to `stated`.

    1856 at 161,8 %: 1856 × 100 / 161.85 = 1146.74 … 1856 × 100 / 161.75 = 1147.45, so a
    whole number of households can only be 1147.
    """
    half = half_unit(stated)
    low, high = percent(value, stated + half), percent(value, stated - half)
    central = percent(value, stated)
    if low is None or high is None or central is None or stated - half <= 0:
        return None  # a percentage this small implies no plan figure: any would do
    # A plan figure x gives a share that rounds half up to `stated` when
    # stated - half <= value / x × 100 < stated + half, that is low < x <= high.
    first, last = math.floor(low) + 1, math.floor(high)
    if not counted or first > last:
        return Implied(low, central, high)
    return Implied(low, central, high, first, last)


def is_counted(result: Actual) -> bool:
    return " ".join(result.unit.split()) in COUNTED_UNITS


WIDEST = 10_000
"""The most whole reported values `whole_fits` tries: a range wider than this (`hơn 10.000
hộ`) fits some whole plan at any percentage a report states, and is taken to."""


def whole_values(values: Interval) -> range | None:
    """The whole numbers a qualified count allows (`hơn 10 hộ`: 11 to 19, `gần 11`: 10), or
    None where it has no upper end."""
    if values.low is None or values.high is None:
        return None
    first = math.floor(values.low) + 1 if values.low_open else math.ceil(values.low)
    last = math.ceil(values.high) - 1 if values.high_open else math.floor(values.high)
    return range(max(first, 0), last + 1)


def whole_fits(values: Interval, stated: Decimal) -> bool:
    """Whether some whole count the values allow is `stated` % of some whole plan: `hơn 10
    hộ, đạt 55%` holds (11 of 20), `gần 11 hộ, đạt 55%` does not (10 of 18,02 to 18,35)."""
    counts = whole_values(values)
    if counts is None or len(counts) > WIDEST:
        return True
    for count in counts:
        implied = implied_plan(Decimal(count), stated, True)
        if implied is None or implied.wholes:
            return True
    return False


def implied_span(values: Interval, stated: Decimal) -> Implied | None:
    """The plan figures `stated` % of a qualified figure implies (`trên 452` at 63,38 %: above
    713,10, up to 714,79), without whole numbers: for what `progress` shows."""
    half = half_unit(stated)
    if values.low is None or values.high is None or stated - half <= 0:
        return None
    low, high = percent(values.low, stated + half), percent(values.high, stated - half)
    central = percent((values.low + values.high) / 2, stated)
    if low is None or high is None or central is None:
        return None
    return Implied(low, central, high)
