"""Properties of p135's arithmetic: rounding of shares, intervals, qualifiers, number forms.

Each property is checked against an oracle written here from what the documents mean (half up
is `[s - h, s + h)`, `hơn 29,2` is above 29,2 and below 29,3, a point in each term gives a
point of the sum), never against the function it tests. Examples are derandomized: the same
ones on every machine, so CI cannot be flaky, and each property was seen to fail against a
deliberately broken copy of the code it checks (the commit that added them names the breaks).
"""

from __future__ import annotations

from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal, localcontext

from hypothesis import given, settings
from hypothesis import strategies as st

from p135cli.arithmetic import (
    SAFE,
    Interval,
    at_places,
    count_interval,
    half_unit,
    interval_of,
    last_place,
    rounded_interval,
    rounded_like,
    rounds_to,
    share_missed,
    share_range,
)
from p135cli.numbers import NumberStyle, format_number, parse_document_number, parse_plain_number

D = Decimal
CONFIG = settings(max_examples=300, deadline=None, derandomize=True, database=None)
QUALIFIERS = ("more_than", "nearly", "about", "at_least", "at_most", "less_than")


def unit_of(places: int) -> Decimal:
    """One unit of the last of `places` decimals: 2 -> 0.01."""
    return D(1).scaleb(-places)


def stated(draw: st.DrawFn, most: int = 100_000) -> Decimal:
    """A figure as a document states it: digits and a number of decimals (trailing zeros kept:
    `10,0` is stated to one decimal)."""
    return D(draw(st.integers(0, most))).scaleb(-draw(st.integers(0, 3)))


# --- shares: a stated percentage, compared at its stated precision ----------------------------


@st.composite
def shares_near_a_tie(draw: st.DrawFn) -> tuple[Decimal, Decimal]:
    """(true share, stated share): the true share a few quarter half-units from the stated
    one (exactly on a tie half the time), sometimes a little off the quarter steps."""
    share = stated(draw)
    half = D(5).scaleb(-(decimals_of(share) + 1))
    off = D(draw(st.integers(-999, 999))).scaleb(-(decimals_of(share) + 5))
    true = share + draw(st.integers(-6, 6)) * half / 2 + draw(st.sampled_from([D(0), off]))
    return max(true, D(0)), share  # a share is never negative


def decimals_of(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)
    return max(-exponent, 0)


@CONFIG
@given(shares_near_a_tie())
def test_a_stated_share_stands_for_half_a_unit_below_it_up_to_half_a_unit_above(
    pair: tuple[Decimal, Decimal],
) -> None:
    """Documents round half up: 17,5 stands for 17,45 up to, not reaching, 17,55. A true share
    on the tie 17,45 is 17,5, not 17,4 (half even would say 17,4)."""
    true, share = pair
    half = D(5).scaleb(-(decimals_of(share) + 1))
    assert half_unit(share) == half
    assert rounds_to(true, share) == (share - half <= true < share + half)


@CONFIG
@given(shares_near_a_tie(), st.integers(-3, 3))
def test_a_true_share_rounded_at_the_stated_places_is_accepted_and_one_unit_off_is_not(
    pair: tuple[Decimal, Decimal], units: int
) -> None:
    """What the document should have printed keeps the stated precision and is accepted; a
    share one or more units of its last place away is refused, as a point (an exact amount of
    an exact total) and as the share range of exact figures."""
    true, share = pair
    places = decimals_of(share)
    printed = true.quantize(unit_of(places), rounding=ROUND_HALF_UP)  # the oracle: half up
    assert rounded_like(true, share) == printed
    assert rounded_like(true, share).as_tuple().exponent == -places  # 10,0 stays 10,0
    assert rounds_to(true, printed)
    other = printed + units * unit_of(places)
    assert rounds_to(true, other) == (units == 0)
    assert (share_missed(Interval.point(true), other) is None) == (units == 0)


@st.composite
def ranges_and_share(draw: st.DrawFn) -> tuple[Interval, Interval, Decimal]:
    """A part and a whole, each a closed range of figures (a point half the time), and a
    stated share near what they give."""

    def closed(least: int) -> Interval:
        low = draw(st.integers(least, 2_000))
        return Interval(D(low), D(low + draw(st.sampled_from([0, 0, 1, 3, 50]))))

    part, whole = closed(0), closed(1)
    places = draw(st.integers(0, 2))
    with localcontext() as exact:
        exact.prec = 60
        middle = 100 * (part.low or D(0)) / (whole.high or D(1))
    near = middle.quantize(unit_of(places), rounding=ROUND_HALF_UP)
    return part, whole, abs(near + draw(st.integers(-3, 3)) * unit_of(places))


@CONFIG
@given(ranges_and_share())
def test_a_stated_share_of_ranges_is_refused_exactly_when_no_share_they_allow_rounds_to_it(
    case: tuple[Interval, Interval, Decimal],
) -> None:
    """`gần 21,7` of `hơn 29,2` allows every share from the least part of the most whole to
    the most part of the least whole; a stated share is refused only where none of them rounds
    to it. The oracle takes the four corners, not the two share_range picks."""
    part, whole, share = case
    assert part.low is not None and part.high is not None
    assert whole.low is not None and whole.high is not None
    with localcontext() as exact:
        exact.prec = 60
        corners = [100 * p / w for p in (part.low, part.high) for w in (whole.low, whole.high)]
    least, most = min(corners), max(corners)
    half = D(5).scaleb(-(decimals_of(share) + 1))
    some_share_rounds_to_it = least < share + half and most >= share - half
    missed = share_missed(share_range(part, whole), share)
    assert (missed is None) == some_share_rounds_to_it
    if missed is not None:  # the nearest share the figures allow is quoted
        assert abs(missed - (most if most < share else least)) < D("1e-40")


# --- intervals ---------------------------------------------------------------------------------

END = st.one_of(st.none(), st.integers(0, 8))


@st.composite
def intervals(draw: st.DrawFn) -> Interval:
    """A range holding at least one value: integer ends (or none), each open or closed."""
    low, high = draw(END), draw(END)
    if low is not None and high is not None and low > high:
        low, high = high, low
    low_open = low is not None and draw(st.booleans())
    high_open = high is not None and draw(st.booleans())
    if low is not None and low == high:
        low_open = high_open = False  # a point: open at either end it would hold nothing
    return Interval(
        None if low is None else D(low), None if high is None else D(high), low_open, high_open
    )


def holds(interval: Interval, x: Decimal) -> bool:
    """The oracle of membership: above the low end (or on it, if closed), below the high."""
    above = (
        interval.low is None or x > interval.low or (x == interval.low and not interval.low_open)
    )
    below = (
        interval.high is None
        or x < interval.high
        or (x == interval.high and not interval.high_open)
    )
    return above and below


POINTS = [D(k) / 2 for k in range(-4, 22)]
"""Every end lies on the integers 0 to 8: halves from -2 to 10.5 reach into every range two
such ranges can share, and each end."""


def both(one: Interval, other: Interval) -> list[Decimal]:
    return [x for x in POINTS if holds(one, x) and holds(other, x)]


@CONFIG
@given(intervals(), intervals())
def test_two_ranges_meet_exactly_when_a_value_lies_in_both(one: Interval, other: Interval) -> None:
    """`hơn 10` (above 10) does not meet an exact 10, and `gần 10` (below 10) does not meet
    `hơn 10`: ends that touch meet only when both are closed."""
    shared = bool(both(one, other))  # not any(): 0 is a value
    assert one.meets(other) == shared
    assert other.meets(one) == shared
    assert (one.gap(other) == 0) == (shared or touch(one, other) or touch(other, one))


def touch(one: Interval, other: Interval) -> bool:
    """Whether `one` ends where `other` begins."""
    return one.high is not None and one.high == other.low


@CONFIG
@given(intervals(), intervals())
def test_what_two_meeting_ranges_both_allow_is_every_value_in_both(
    one: Interval, other: Interval
) -> None:
    """`within` narrows a whole to what its qualifier and its parts both allow: it keeps every
    value the two share and nothing else."""
    if not one.meets(other):
        return
    narrowed = one.within(other)
    for x in POINTS:
        assert holds(narrowed, x) == (holds(one, x) and holds(other, x)), x


@CONFIG
@given(st.lists(intervals(), min_size=1, max_size=4), st.data())
def test_a_sum_of_ranges_holds_every_sum_of_their_values_and_no_more(
    terms: list[Interval], pick: st.DataObject
) -> None:
    """The figures of a qualified sum add up to some value of the range of their sum; a
    closed end of the sum is reached (every term's end is), an open one is not (some term
    leaves its end out)."""
    total = sum(terms, Interval.point(D(0)))
    values = [pick.draw(st.sampled_from([x for x in POINTS if holds(t, x)])) for t in terms]
    assert holds(total, sum(values, D(0)))
    for end, is_open, ends in (
        (total.low, total.low_open, [(t.low, t.low_open) for t in terms]),
        (total.high, total.high_open, [(t.high, t.high_open) for t in terms]),
    ):
        assert (end is None) == any(e is None for e, _ in ends)
        if end is not None:
            assert end == sum((e for e, _ in ends if e is not None), D(0))
            assert is_open == any(o for _, o in ends)


@CONFIG
@given(intervals(), st.sampled_from([D("0.001"), D("0.000001"), D(11), D("1000")]))
def test_a_range_scaled_by_a_unit_or_a_count_holds_the_scaled_values(
    interval: Interval, factor: Decimal
) -> None:
    """A range in triệu đồng read in tỷ đồng (or a rate times its count) holds a value
    exactly when the unscaled range holds the unscaled value."""
    scaled = interval.scaled(factor)
    for x in POINTS:
        assert holds(scaled, x * factor) == holds(interval, x)


@CONFIG
@given(st.lists(intervals(), min_size=1, max_size=4), intervals(), st.data())
def test_a_sum_with_one_term_swapped_is_the_sum_of_the_swapped_terms(
    terms: list[Interval], new: Interval, pick: st.DataObject
) -> None:
    """A unit slip is tried by swapping one figure into a sum already made: the result has the
    ends of the sum made afresh, wherever the figure swapped out was bounded (where it was
    not, nothing is known of the rest, and the end stays unbounded)."""
    index = pick.draw(st.integers(0, len(terms) - 1))
    old = terms[index]
    swapped = sum(terms, Interval.point(D(0))).swapped(old, new)
    afresh = sum([*terms[:index], new, *terms[index + 1 :]], Interval.point(D(0)))
    assert swapped.low == (afresh.low if old.low is not None else None)
    assert swapped.high == (afresh.high if old.high is not None else None)


# --- qualifiers: where a figure the document qualifies lies ------------------------------------


@CONFIG
@given(st.integers(0, 10**6), st.integers(0, 3))
def test_the_last_place_of_a_figure_is_that_of_its_last_significant_digit(
    digits: int, places: int
) -> None:
    """`29,2` and `10,0` are stated to 0,1, `800` to 100, `23` to 1, `0` to its decimals."""
    value = D(digits).scaleb(-places)
    if places or not digits:
        expected = unit_of(places)
    else:
        zeros = len(str(digits)) - len(str(digits).rstrip("0"))
        expected = D(10) ** zeros
    assert last_place(value) == expected


def words_allow(qualifier: str, value: Decimal, unit: Decimal, x: Decimal) -> bool:
    """What a qualified figure means, said again from the words: `hơn` is above it and below
    its next unit; `gần` below it, by at most one unit and a tenth of it; `khoảng` within half
    a unit and a tenth of it; money and counts are never below 0."""
    tenth = value / 10
    reach = min(unit / 2, tenth) if value else unit / 2
    meaning = {
        "more_than": lambda: value < x < value + unit,
        "nearly": lambda: value - min(unit, tenth) < x < value,
        "about": lambda: abs(x - value) <= reach,
        "at_least": lambda: x >= value,
        "at_most": lambda: x <= value,
        "less_than": lambda: x < value,
    }
    return x >= 0 and meaning[qualifier]()


@st.composite
def qualified(draw: st.DrawFn) -> tuple[str, Decimal, Decimal]:
    """(qualifier, stated figure, its last place), the figure as a document writes it."""
    qualifier = draw(st.sampled_from(QUALIFIERS))
    places = draw(st.integers(0, 2))
    digits = draw(st.integers(1 if qualifier in ("nearly", "less_than") else 0, 5_000))
    value = D(digits).scaleb(-places)  # `gần 0`, `dưới 0` are refused by the model
    zeros = len(str(digits)) - len(str(digits).rstrip("0"))
    unit = unit_of(places) if places or not digits else D(10) ** zeros
    return qualifier, value, unit


@CONFIG
@given(qualified(), st.integers(-40, 40))
def test_a_qualified_figure_allows_exactly_the_values_its_words_allow(
    case: tuple[str, Decimal, Decimal], steps: int
) -> None:
    """`hơn 29,2` holds 29,25 but not 29,2 nor 29,3; `gần 10` holds 9,5 but not 8,9 (a tenth
    of 10) nor 10; `khoảng 5.000` holds 4.500 and 5.500. Values are tried in steps of a
    twentieth of the last place, and at the tenth of the figure."""
    qualifier, value, unit = case
    interval = interval_of(value, qualifier)
    tries = [value + steps * unit / 20, value * D("0.9"), value * D("1.1"), value + unit]
    for x in tries:
        assert holds(interval, x) == words_allow(qualifier, value, unit, x), (x, interval)


def count_allowed(qualifier: str | None, count: int, n: int) -> bool:
    """Whether a qualified count may be the whole number `n`, from the words: the figure's
    range holds it, its far end included (`hơn 20 xã` may be 30), never the stated count itself
    where the words exclude it; `gần 4 xã`, with no whole number within a tenth below 4, is 3."""
    if qualifier is None:
        return n == count
    value = D(count)
    zeros = len(str(count)) - len(str(count).rstrip("0")) if count else 0
    unit = D(10) ** zeros

    def read(x: int) -> bool:
        far_end = (qualifier == "more_than" and x == value + unit) or (
            qualifier == "nearly" and x == value - min(unit, value / 10) != value
        )
        return words_allow(qualifier, value, unit, D(x)) or far_end

    if read(n):
        return True
    below = range(max(0, count - int(unit)), count)
    return qualifier == "nearly" and n == count - 1 >= 0 and not any(map(read, below))


def counts_allowed(qualifier: str | None, count: int) -> set[int]:
    """The whole numbers a qualified count may be (see `count_allowed`), up to twice it."""
    return {n for n in range(0, 2 * count + 40) if count_allowed(qualifier, count, n)}


@CONFIG
@given(st.sampled_from([*QUALIFIERS, None]), st.integers(0, 400))
def test_a_qualified_count_holds_exactly_the_whole_numbers_its_words_allow(
    qualifier: str | None, count: int
) -> None:
    """`hơn 20 xã` is 21 to 30, `gần 40` 36 to 39, `gần 4` 3, `khoảng 8` 8, `dưới 5` 0 to 4."""
    allowed = count_interval(count, qualifier)
    assert allowed.low is not None
    if qualifier == "at_least":
        assert allowed.high is None and allowed.low == count
        return
    assert allowed.high is not None
    whole_numbers = set(range(int(allowed.low), int(allowed.high) + 1))
    assert whole_numbers == counts_allowed(qualifier, count)


@CONFIG
@given(
    st.sampled_from([D(1), D("0.1"), D(10), D("0.5")]),
    st.integers(0, 4_000),
    st.sampled_from([0, 0, 1, 2, 3]),
    st.booleans(),
)
def test_every_true_figure_lies_in_the_range_of_exactly_one_rounded_figure(
    to: Decimal, quarters: int, fine: int, cut: bool
) -> None:
    """2.688,969 rounded to 1 is 2.689 and cut is 2.688: of the figures a document could write
    (the multiples of `to`), exactly the one rounding (or cutting) gives holds the true figure,
    ties included (2.688,5 is 2.689, not also 2.688)."""
    true = quarters * to / 4 + fine * to / 1000
    rounding = ROUND_FLOOR if cut else ROUND_HALF_UP
    written = (true / to).quantize(D(1), rounding=rounding) * to
    holding = [
        k * to
        for k in range(max(0, int(true / to) - 3), int(true / to) + 4)
        if holds(rounded_interval(k * to, to, cut=cut), true)
    ]
    assert holding == [written]


# --- numbers as the documents write them -------------------------------------------------------


@CONFIG
@given(
    st.integers(0, 10**30 - 1),
    st.integers(0, 6),
    st.booleans(),
    st.sampled_from([NumberStyle.VI, NumberStyle.EN, None]),
)
def test_a_figure_written_in_a_style_reads_back_with_its_value_and_its_stated_decimals(
    digits: int, places: int, negative: bool, style: NumberStyle | None
) -> None:
    """`1.342,50` (vi), `1,342.50` (en) and `1342.50` (plain) read back as 1342.50, to two
    decimals: a share's precision is how many decimals it is stated with, so a trailing zero
    lost on the way would change what it is compared at. Figures of up to 30 digits (the
    default --max-digits), in the decimal context every command runs in (SAFE)."""
    value = D(f"{digits}E-{places}")  # exactly: scaleb would round to the context's 28 digits
    if negative and digits:
        value = value.copy_negate()  # exactly: -value rounds to the context
    with localcontext(SAFE):
        written = format_number(value, style)
    read = parse_plain_number(written) if style is None else parse_document_number(written, style)
    assert read.as_tuple() == value.as_tuple()
    with localcontext(SAFE):
        assert format_number(read, style) == written
    if style is not None and digits >= 10**places * 1000:  # grouped: 1.342 is not 1342 in en
        group, _ = style.separators
        assert group in written


def test_a_thirty_digit_figure_is_written_whole_in_any_decimal_context() -> None:
    """format_number is called outside `running.guard` too (a library caller; a worker process
    started by spawn, not fork, on macOS and Windows): its text must not depend on the decimal
    context it happens to be called in."""
    value = D("123456789012345678901234567.891")  # 30 digits: within --max-digits' default
    assert format_number(value, NumberStyle.VI) == "123.456.789.012.345.678.901.234.567,891"


def test_the_oracles_here_agree_with_the_documents_examples() -> None:
    """The oracles above are code too: they say what the docstrings' examples say."""
    assert words_allow("more_than", D("29.2"), D("0.1"), D("29.25"))
    assert not words_allow("nearly", D(10), D(10), D("8.9"))
    assert counts_allowed("more_than", 20) == set(range(21, 31))
    assert counts_allowed("nearly", 40) == set(range(36, 40))
    assert counts_allowed("nearly", 4) == {3}
    assert counts_allowed("about", 8) == {8}
    assert counts_allowed("less_than", 5) == set(range(5))
    assert at_places(D("17.45"), 1) == D("17.5")
    assert both(Interval(D(1), D(2)), Interval(D(2), D(3))) == [D(2)]
