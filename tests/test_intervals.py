"""Intervals: what two ranges of a figure both allow; where a qualified figure or count lies."""

from decimal import Decimal

import pytest

from p135cli.arithmetic import (
    Interval,
    count_interval,
    interval_of,
    nearest_ends,
    share_missed,
    share_range,
)

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


@pytest.mark.parametrize(
    ("value", "qualifier", "low", "high"),
    [
        # "Gần" is close below: at most a tenth of the figure, or one unit of its last digit.
        ("10", "nearly", "9", "10"),
        ("800", "nearly", "720", "800"),
        ("900", "nearly", "810", "900"),
        ("21.7", "nearly", "21.6", "21.7"),
        ("0.8", "nearly", "0.72", "0.8"),
        ("15", "nearly", "14", "15"),
        ("0", "nearly", "0", "0"),
        # "Khoảng" is within half a unit of the last digit and a tenth; "hơn" up to the next unit.
        ("10", "more_than", "10", "20"),
        ("200", "about", "180", "220"),
        ("1000", "about", "900", "1100"),
        ("5000", "about", "4500", "5500"),
        ("8", "about", "7.5", "8.5"),
    ],
)
def test_a_qualified_figure_lies_where_its_words_allow(
    value: str, qualifier: str, low: str, high: str
) -> None:
    found = interval_of(D(value), qualifier)
    assert (found.low, found.high) == (D(low), D(high))


@pytest.mark.parametrize(
    ("count", "qualifier", "low", "high"),
    [
        (20, "more_than", 21, 30),
        (3, "more_than", 4, 4),  # above 3 and below 4 holds no count: the far end is kept
        (0, "more_than", 1, 1),
        (40, "nearly", 36, 39),
        (4, "nearly", 3, 3),  # a tenth of 4 is no count: the next one down
        (1, "nearly", 0, 0),
        (8, "about", 8, 8),
        (200, "about", 180, 220),
        (40, "about", 36, 44),
        (5, "less_than", 0, 4),
        (5, "at_most", 0, 5),
        (7, None, 7, 7),
        # None is possible: the range is empty, and meets nothing.
        (0, "nearly", 0, -1),
        (0, "less_than", 0, -1),
    ],
)
def test_a_qualified_count_is_a_range_of_whole_numbers(
    count: int, qualifier: str | None, low: int, high: int
) -> None:
    assert count_interval(count, qualifier) == Interval(D(low), D(high))


def test_an_empty_count_range_meets_no_count() -> None:
    empty = count_interval(0, "nearly")
    assert not any(empty.meets(Interval.point(D(n))) for n in range(-1, 3))


def test_at_least_is_open_above() -> None:
    assert count_interval(5, "at_least") == Interval(D(5), None)


@pytest.mark.parametrize(
    ("part", "whole", "low", "high"),
    [
        (Interval.point(D(8)), Interval.point(D(200)), D(4), D(4)),
        (Interval(D(21), D(30)), Interval.point(D(200)), D("10.5"), D(15)),
        (Interval.point(D(20)), Interval(D(200), D(250)), D(8), D(10)),
        # A whole with no most leaves the part as little as nothing; one of 0 as much as any.
        (Interval.point(D(20)), Interval(D(100), None), D(0), D(20)),
        (Interval.point(D(20)), Interval(D(0), D(100)), D(20), None),
        (Interval(D(20), None), Interval.point(D(100)), D(20), None),
    ],
)
def test_a_share_of_ranges_is_the_least_part_of_the_most_whole_to_the_reverse(
    part: Interval, whole: Interval, low: Decimal, high: Decimal | None
) -> None:
    shares = share_range(part, whole)
    assert (shares.low, shares.high) == (low, high)


@pytest.mark.parametrize(
    ("low", "high", "stated", "nearest"),
    [
        # 3,9 stands for 3,85 up to (not with) 3,95: a true share of 3,95 rounds to 4,0.
        ("3.95", "4.2", "3.9", "3.95"),
        ("3.9499", "4.2", "3.9", None),
        ("3.5", "3.85", "3.9", None),
        ("3.5", "3.8499", "3.9", "3.8499"),
        # Unbounded ends never miss on their side.
        (None, "3.8", "3.9", "3.8"),
        ("4", None, "3.9", "4"),
        (None, None, "3.9", None),
    ],
)
def test_a_stated_share_misses_only_shares_that_cannot_round_to_it(
    low: str | None, high: str | None, stated: str, nearest: str | None
) -> None:
    shares = Interval(None if low is None else D(low), None if high is None else D(high))
    assert share_missed(shares, D(stated)) == (None if nearest is None else D(nearest))


@pytest.mark.parametrize(
    ("wanted", "found", "ends"),
    [
        (Interval(D(9), D(10), True, True), Interval.point(D(2)), (D(9), D(2))),
        (Interval.point(D(10)), Interval(D(11), D(20)), (D(10), D(11))),
        (Interval(D(35), D(45)), Interval.point(D(30)), (D(35), D(30))),
        (Interval(D(5), None), Interval.point(D(3)), (D(5), D(3))),
        (Interval(D(0), D(5)), Interval(D(8), None), (D(5), D(8))),
    ],
)
def test_two_ranges_apart_are_quoted_by_their_nearest_ends(
    wanted: Interval, found: Interval, ends: tuple[Decimal, Decimal]
) -> None:
    assert nearest_ends(wanted, found) == ends


def test_a_range_is_quoted_with_every_digit_of_its_ends() -> None:
    """Figures of up to 30 digits are exact: an end is not rounded to 28 of them, nor shown
    with the zeros a unit conversion adds (22,6, not 22,600)."""
    from p135cli.rules.wording import ranged

    big = "1234567890123456789012345678.9"
    said = ranged(Interval(D(big), D("22.600")))
    assert {key: str(value) for key, value in said.args.items()} == {"low": big, "high": "22.6"}
    unbounded = ranged(Interval(D("2E+1"), None))
    assert (unbounded.template, str(unbounded.args["low"])) == ("{low} or more", "20")


@pytest.mark.parametrize(
    ("interval", "said"),
    [
        (Interval(D(10), D(20), True, True), "above 10 and below 20"),
        (Interval(D(10), D(20)), "between 10 and 20"),
        (Interval(D(10), D(20), True, False), "above 10, up to 20"),
        (Interval(D(10), D(20), False, True), "from 10, below 20"),
        (Interval(D(10), None, True), "above 10"),
        (Interval(D(10), None), "10 or more"),
        (Interval.point(D(10)), "at 10"),
    ],
)
def test_a_range_says_which_of_its_ends_it_leaves_out(interval: Interval, said: str) -> None:
    """`hơn 10` lies above 10: a sum of exactly 10 is not in it, and the message says so."""
    from p135cli.rules.wording import ranged

    message = ranged(interval)
    assert message.template.format(**{k: str(v) for k, v in message.args.items()}) == said


@pytest.mark.parametrize(
    ("counts", "whole", "least"),
    [
        # Exact counts: their own average.
        (
            [(Interval.point(D(1)), D(10)), (Interval.point(D(1)), D(20))],
            Interval.point(D(2)),
            D(15),
        ),
        # The whole needs 3 more: the lowest value takes what its range allows, the next the rest.
        (
            [(Interval(D(1), D(2)), D(10)), (Interval(D(1), D(9)), D(20))],
            Interval.point(D(5)),
            D(16),
        ),
        # More may be added while it lowers the average, up to what the whole allows.
        (
            [(Interval(D(1), D(9)), D(10)), (Interval.point(D(1)), D(20))],
            Interval(D(2), D(5)),
            D(12),
        ),
        # A count without end in a whole without end takes the average down to its value.
        (
            [(Interval(D(1), None), D(10)), (Interval.point(D(1)), D(20))],
            Interval(D(2), None),
            D(10),
        ),
        # No count at all: no average.
        ([(Interval.point(D(0)), D(10))], Interval.point(D(0)), None),
    ],
)
def test_the_least_average_fills_the_lowest_values_first(
    counts: list[tuple[Interval, Decimal]], whole: Interval, least: Decimal | None
) -> None:
    from p135cli.rules.bands import _extreme

    assert _extreme(counts, whole) == least
