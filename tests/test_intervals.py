"""Interval.within: what two ranges of one figure both allow, end by end."""

from decimal import Decimal

import pytest

from p135cli.arithmetic import Interval, interval_of

D = Decimal


@pytest.mark.parametrize(
    ("one", "other", "both"),
    [
        # A point inside a range is the point, whichever is asked.
        (Interval.point(D(207)), interval_of(D(200), "about"), Interval.point(D(207))),
        (interval_of(D(200), "about"), Interval.point(D(207)), Interval.point(D(207))),
        # Overlapping ranges: the higher low end, the lower high end.
        (Interval(D(1), D(5)), Interval(D(3), D(9)), Interval(D(3), D(5))),
        (Interval(D(3), D(9)), Interval(D(1), D(5)), Interval(D(3), D(5))),
        # No bound on one side allows everything there.
        (Interval(D(1), None), Interval(D(0), D(4)), Interval(D(1), D(4))),
        (Interval(D(0), D(4)), Interval(D(1), None), Interval(D(1), D(4))),
        (Interval(None, D(4)), Interval(D(2), None), Interval(D(2), D(4))),
        # At a tie an open end allows less than a closed one.
        (Interval(D(2), D(4), True, False), Interval(D(2), D(4)), Interval(D(2), D(4), True)),
        (
            Interval(D(2), D(4)),
            Interval(D(2), D(4), high_open=True),
            Interval(D(2), D(4), high_open=True),
        ),
        # An open end that is not the tighter one is not kept.
        (Interval(D(1), D(9), True, True), Interval(D(2), D(8)), Interval(D(2), D(8))),
    ],
)
def test_within_keeps_what_both_allow(one: Interval, other: Interval, both: Interval) -> None:
    assert one.within(other) == both
