"""Shared arithmetic: percentages, rounding and shares, the one way the documents do them.

Vietnamese documents round half up ("làm tròn"): 17,45 % printed to one decimal is 17,5 %.
Every share p135 derives or checks is rounded that way, in a decimal context that never
raises (a zero total gives no share, not an exception), so a hostile figure cannot crash a run.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Context, Decimal, localcontext
from typing import ParamSpec, TypeVar

from p135cli.numbers import decimals

P = ParamSpec("P")
R = TypeVar("R")

# 250 significant digits hold every sum of figures within the loader's digit limit (at most
# 100 digits each, --max-digits) exactly, with room for a share of it; no trap is set, so an
# operation gives a value or NaN, never raises.
SAFE = Context(prec=250, rounding=ROUND_HALF_UP, traps=[])


def exactly(function: Callable[P, R]) -> Callable[P, R]:
    """Run `function` with SAFE as the decimal context: `sum()` and every operator in it are
    exact for a plan's figures, and never raise."""

    @functools.wraps(function)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        with localcontext(SAFE):
            return function(*args, **kwargs)

    return run


def percent(part: Decimal, whole: Decimal) -> Decimal | None:
    """`part` as a percentage of `whole`; None when `whole` is zero."""
    if not whole:
        return None
    return SAFE.divide(SAFE.multiply(part, Decimal(100)), whole)


def at_places(value: Decimal, places: int) -> Decimal:
    """`value` rounded half up to `places` decimals."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP, context=SAFE)


def half_unit(stated: Decimal) -> Decimal:
    """Half a unit in the last stated place: 17.5 -> 0.05, 55 -> 0.5."""
    return Decimal(5).scaleb(-(decimals(stated) + 1))


def rounds_to(true: Decimal, stated: Decimal) -> bool:
    """Does `true`, rounded half up at the stated precision, give the stated figure?"""
    return at_places(true, decimals(stated)) == stated


def rounded_like(true: Decimal, stated: Decimal) -> Decimal:
    """The true share at the stated precision: what the document should have printed."""
    return at_places(true, decimals(stated))


def finer(true: Decimal, stated: Decimal) -> Decimal:
    """The true share at one more decimal than stated, for messages."""
    return at_places(true, decimals(stated) + 1)


def share(part: Decimal | None, whole: Decimal | None, places: int = 1) -> Decimal | None:
    """A derived share for a view: `part` of `whole` in %, half up to `places` decimals;
    None when either is missing or `whole` is nothing."""
    if part is None or whole is None:
        return None
    true = percent(part, whole)
    return None if true is None else at_places(true, places)


# --- approximate figures -----------------------------------------------------------------------


def last_place(value: Decimal) -> Decimal:
    """The place of a figure's last significant digit: 29,2 -> 0,1; 10,0 -> 0,1; 800 -> 100;
    23 -> 1.

    A document that writes `hơn 29,2` or `gần 800 triệu` rounds at that place, so the true
    figure lies within one unit of it. Written decimals are significant, zeros included
    (`10,0`); the zeros that end a whole number are not (`800`); a zero is exact to its
    decimals."""
    if not value or decimals(value):
        return Decimal(1).scaleb(-decimals(value))
    exponent = value.normalize(SAFE).as_tuple().exponent
    return Decimal(1).scaleb(exponent if isinstance(exponent, int) else 0)


@dataclass(frozen=True)
class Interval:
    """Where a figure's true value lies: from `low` to `high` (None: no bound), each end
    open or closed. An exact figure is a point."""

    low: Decimal | None
    high: Decimal | None
    low_open: bool = False
    high_open: bool = False

    @classmethod
    def point(cls, value: Decimal) -> Interval:
        return cls(value, value)

    @property
    def is_point(self) -> bool:
        return self.low is not None and self.low == self.high and not self.low_open

    def __add__(self, other: Interval) -> Interval:
        low = None if self.low is None or other.low is None else SAFE.add(self.low, other.low)
        high = None if self.high is None or other.high is None else SAFE.add(self.high, other.high)
        return Interval(
            low, high, self.low_open or other.low_open, self.high_open or other.high_open
        )

    def swapped(self, old: Interval, new: Interval) -> Interval:
        """This sum with one of its terms, `old`, replaced by `new` (its ends kept open or
        closed as they were)."""

        def moved(
            total: Decimal | None, was: Decimal | None, now: Decimal | None
        ) -> Decimal | None:
            if total is None or was is None or now is None:
                return None if now is None or was is None else total
            return SAFE.add(SAFE.subtract(total, was), now)

        return Interval(
            moved(self.low, old.low, new.low),
            moved(self.high, old.high, new.high),
            self.low_open,
            self.high_open,
        )

    def scaled(self, factor: Decimal) -> Interval:
        """Every value times a positive `factor` (a unit conversion, a count)."""

        def times(bound: Decimal | None) -> Decimal | None:
            return None if bound is None else SAFE.multiply(bound, factor)

        return Interval(times(self.low), times(self.high), self.low_open, self.high_open)

    def within(self, other: Interval) -> Interval:
        """The values both allow: the higher low end and the lower high end. Only for two
        intervals that meet."""
        low, low_open = _tighter(
            (self.low, self.low_open), (other.low, other.low_open), higher=True
        )
        high, high_open = _tighter(
            (self.high, self.high_open), (other.high, other.high_open), higher=False
        )
        return Interval(low, high, low_open, high_open)

    def gap(self, other: Interval) -> Decimal:
        """How far apart the two are: 0 when they overlap or touch."""
        above = (
            SAFE.subtract(other.low, self.high)
            if other.low is not None and self.high is not None
            else Decimal(0)
        )
        below = (
            SAFE.subtract(self.low, other.high)
            if self.low is not None and other.high is not None
            else Decimal(0)
        )
        return max(above, below, Decimal(0))

    def meets(self, other: Interval, tolerance: Decimal = Decimal(0)) -> bool:
        """Could both be true of one value (within `tolerance`)? Ends that only touch meet
        when both are closed: `hơn 10` (above 10) does not meet an exact 10."""
        gap = self.gap(other)
        if tolerance:
            return gap <= tolerance
        if gap:
            return False
        touching_open = (
            self.high is not None
            and other.low is not None
            and self.high == other.low
            and (self.high_open or other.low_open)
        ) or (
            self.low is not None
            and other.high is not None
            and self.low == other.high
            and (self.low_open or other.high_open)
        )
        return not touching_open or self == other


def _tighter(
    one: tuple[Decimal | None, bool], other: tuple[Decimal | None, bool], *, higher: bool
) -> tuple[Decimal | None, bool]:
    """Of two ends of the same side, the one that allows less (None allows everything; at a
    tie an open end allows less than a closed one)."""
    if one[0] is None or other[0] is None:
        return other if one[0] is None else one
    if one[0] == other[0]:
        return one[0], one[1] or other[1]
    return one if (one[0] > other[0]) == higher else other


def interval_of(value: Decimal, qualifier: str | None) -> Interval:
    """What a stated figure with its document's qualifier allows.

    `hơn 29,2` (more_than) lies above 29,2 and below 29,3 (else the document would write
    29,3), `gần 21,7` (nearly) below 21,7 and above 21,6, `khoảng 5.000` (about) within half
    a unit of its last digit (4.500 to 5.500); `ít nhất` (at_least) and `tối đa` (at_most) are
    bounded on one side only, `dưới` (less_than) lies below it. Money and counts are never
    negative, so the lower ends stop at 0.

    "Gần" and "khoảng" say the figure is close: neither reaches further from it than a tenth of
    it. A figure of one significant digit would otherwise reach down to 0 (`gần 10 tỷ` is
    above 9, not above 0; `gần 800 triệu` above 720, not 700; `khoảng 1.000` 900 to 1.100, not
    500 to 1.500). "Hơn" says only that the figure is above: up to its next unit (`hơn 20 tỷ`
    may be 29,9)."""
    unit = last_place(value)
    zero, tenth = Decimal(0), SAFE.divide(value, Decimal(10))
    near = min(unit, tenth) if value else unit
    half = min(SAFE.divide(unit, Decimal(2)), tenth) if value else SAFE.divide(unit, Decimal(2))
    ranges = {
        "more_than": lambda: Interval(value, SAFE.add(value, unit), True, True),
        "nearly": lambda: Interval(max(zero, SAFE.subtract(value, near)), value, True, True),
        "about": lambda: Interval(max(zero, SAFE.subtract(value, half)), SAFE.add(value, half)),
        "at_least": lambda: Interval(value, None),
        "at_most": lambda: Interval(zero, value),
        "less_than": lambda: Interval(zero, value, False, True),
    }
    made = ranges.get(qualifier or "")
    return made() if made else Interval.point(value)


def rounded_interval(value: Decimal, to: Decimal, *, cut: bool = False) -> Interval:
    """What a figure rounded to units of `to` allows: half up, from half a unit below it up to
    (not reaching) half a unit above (2.688 rounded to 1 is 2.687,5 to below 2.688,5); cut, from
    the figure up to (not reaching) the next unit (273 cut to 1 is 273 to below 274). Money is
    never negative, so the lower end stops at 0."""
    if cut:
        return Interval(value, SAFE.add(value, to), False, True)
    half = SAFE.divide(to, Decimal(2))
    return Interval(max(Decimal(0), SAFE.subtract(value, half)), SAFE.add(value, half), False, True)


def count_interval(count: int, qualifier: str | None) -> Interval:
    """The whole numbers a count stated with its document's qualifier allows, from the least
    to the most, both included: `hơn 20 xã` is 21 to 30, `gần 40` is 36 to 39, `khoảng 8` is 8,
    `dưới 5` is 0 to 4, `hơn 3` is 4, `gần 4` is 3. Where none is possible (`gần 0`, `dưới 0`)
    the range is empty: its low end lies above its high end, and it meets nothing.

    A count is whole, so the range of `interval_of` is read in whole numbers, and its far end
    is included: a document that counts 30 may write `hơn 20`, and one that counts 4 may
    write `hơn 3` (read as a figure, 3 to 4 with both ends left out, it would hold no count)."""
    stated = Decimal(count)
    rough = interval_of(stated, qualifier)
    low, high = rough.low, rough.high
    if low is not None:
        low = SAFE.add(low, 1) if rough.low_open and low == stated else _ceiling(low)
    if high is not None:
        high = SAFE.subtract(high, 1) if rough.high_open and high == stated else _floor(high)
    if qualifier == "nearly" and low is not None:  # `gần 4 xã` is 3: a tenth of 4 is no count
        low = max(Decimal(0), min(low, SAFE.subtract(stated, 1)))
    return Interval(low, high)


def _ceiling(value: Decimal) -> Decimal:
    return value.to_integral_value(rounding=ROUND_CEILING, context=SAFE)


def _floor(value: Decimal) -> Decimal:
    return value.to_integral_value(rounding=ROUND_FLOOR, context=SAFE)


def share_range(part: Interval, whole: Interval) -> Interval:
    """The percentages `part` of `whole` can be where either is a range: the least part of
    the most whole to the most part of the least whole (None: no bound on that side)."""
    if part.low is None:
        low = None
    else:  # a whole with no most leaves the part as little as nothing of it
        low = Decimal(0) if whole.high is None else percent(part.low, whole.high)
    high = None if part.high is None or whole.low is None else percent(part.high, whole.low)
    return Interval(low, high)


def share_missed(shares: Interval, stated: Decimal) -> Decimal | None:
    """The share of `shares` nearest to a stated one when the stated figure (what rounds half
    up to it: half a unit below, up to half a unit above) can be none of them; None when it
    can be one."""
    slack = half_unit(stated)
    if shares.high is not None and shares.high < SAFE.subtract(stated, slack):
        return shares.high
    if shares.low is not None and shares.low >= SAFE.add(stated, slack):
        return shares.low
    return None


def finer_range(shares: Interval, stated: Decimal) -> Interval:
    """A range of shares at one more decimal than the stated share, for messages."""
    return Interval(
        None if shares.low is None else finer(shares.low, stated),
        None if shares.high is None else finer(shares.high, stated),
    )


def nearest_ends(wanted: Interval, found: Interval) -> tuple[Decimal | None, Decimal | None]:
    """Of two ranges that do not meet, the end of each nearest the other (`wanted`'s first):
    the expected and found figures of a finding about them, their difference the gap."""
    if found.low is not None and wanted.high is not None and found.low >= wanted.high:
        return wanted.high, found.low
    return wanted.low, found.high
