"""Shared arithmetic: percentages, rounding and shares, the one way the documents do them.

Vietnamese documents round half up ("làm tròn"): 17,45 % printed to one decimal is 17,5 %.
Every share p135 derives or checks is rounded that way, in a decimal context that never
raises (a zero total gives no share, not an exception), so a hostile figure cannot crash a run.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Context, Decimal, localcontext
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


def shown(true: Decimal, stated: Decimal) -> Decimal:
    """The true share at one more decimal than stated, for messages."""
    return at_places(true, decimals(stated) + 1)


def share(part: Decimal, whole: Decimal, places: int = 1) -> Decimal | None:
    """A derived share for a view: `part` of `whole` in %, half up to `places` decimals."""
    true = percent(part, whole)
    return None if true is None else at_places(true, places)
