"""Banded counts: a whole split into bands (communes by criteria met), and what is said of them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from p135cli.arithmetic import (
    SAFE,
    Interval,
    at_places,
    count_interval,
    finer,
    finer_range,
    half_unit,
    nearest_ends,
    percent,
    rounded_like,
    rounds_to,
    share_missed,
    share_range,
)
from p135cli.findings import Finding
from p135cli.i18n import N_, Message
from p135cli.loading import pointer_of
from p135cli.model import QUALIFIED, Banded, Comparator, Plan, qualifies
from p135cli.rules.base import Context, rule
from p135cli.rules.wording import ranged


def _range(count: int, qualifier: Comparator | None) -> Interval:
    """The whole numbers a count the document qualifies may be (`hơn 20 xã`: 21 to 30), as
    the roadmap's counts are read; a point for a count stated exactly."""
    return count_interval(count, qualifier if qualifies(qualifier) else None)


def _said(count: int, qualifier: Comparator | None) -> Message | Decimal:
    """A count as the document writes it, with its qualifier: `hơn 20`, in the plan's number
    style (`hơn 1.500`)."""
    value = Decimal(count)
    return Message(QUALIFIED[qualifier], {"value": value}) if qualifier else value


@dataclass(frozen=True)
class _Split:
    """A banded whole whose counts the document qualifies, read as ranges once (every rule
    asks of each band, and summing the bands for each would be quadratic in them)."""

    ranges: tuple[Interval, ...]  # each band's count as its qualifier allows
    parts: Interval  # what they add up to
    stated: Interval  # the whole as its qualifier allows

    @classmethod
    def of(cls, banded: Banded) -> _Split:
        ranges = tuple(_range(band.count, band.qualifier) for band in banded.bands)
        parts = sum(ranges, Interval.point(Decimal(0)))
        return cls(ranges, parts, _range(banded.whole, banded.qualifier))

    @property
    def meets(self) -> bool:
        """Whether the bands' counts can add up to the whole (B101 says when not)."""
        return self.parts.meets(self.stated)

    @property
    def divisor(self) -> Interval:
        """Where the whole a share divides by lies: the bands split it, so it is both what its
        qualifier allows and what the bands add up to; where the two do not meet, the whole
        read alone."""
        return self.parts.within(self.stated) if self.meets else self.stated

    def others(self, number: int) -> Interval:
        """What the bands other than `number` add up to."""
        own = self.ranges[number]
        return Interval(_less(self.parts.low, own.low), _less(self.parts.high, own.high))

    def count(self, number: int) -> Interval:
        """Band `number`'s count as its qualifier, the whole and the other bands allow: the
        whole less the others (`hơn 20` beside `khoảng 170` of exactly 200 is 25 to 30, not 21
        to 30; `từ 77 trở lên` beside 130 more of exactly 207 is 77)."""
        own = self.ranges[number]
        if not self.meets:
            return own
        whole, others = self.divisor, self.others(number)
        rest = Interval(_less(whole.low, others.high), _less(whole.high, others.low))
        return own.within(rest) if own.meets(rest) else own

    def shares(self, number: int) -> Interval:
        """The shares, in %, band `number` can be of the whole, the whole being the band and
        the others together: least where the band is fewest and the others as many as the
        whole then allows, most the other way round (`hơn 100` beside 80 of `khoảng 200`: 101
        of 181 to 140 of 220, not 101 of 220 to 140 of 181)."""
        own, whole = self.count(number), self.divisor
        if not self.meets:
            return share_range(own, whole)  # B101 says so: the band against the whole alone
        rest = self.others(number)
        most_others = _bounded(min, rest.high, _less(whole.high, own.low))
        fewest_others = _bounded(max, rest.low, _less(whole.low, own.high))
        low = _percent_of(own.low, most_others, Decimal(0))
        high = _percent_of(own.high, fewest_others, Decimal(100))
        return Interval(low, high)


def _bounded(
    pick: Callable[[Decimal, Decimal], Decimal], one: Decimal | None, other: Decimal | None
) -> Decimal | None:
    """`pick` of two bounds, either of which may be None (no bound): the other then."""
    if one is None or other is None:
        return other if one is None else one
    return pick(one, other)


def _percent_of(
    count: Decimal | None, others: Decimal | None, unbounded: Decimal
) -> Decimal | None:
    """`count` in % of itself and `others`; `unbounded` where either has no bound."""
    if count is None or others is None:
        return unbounded
    return percent(count, SAFE.add(count, max(others, Decimal(0))))


def _less(value: Decimal | None, other: Decimal | None) -> Decimal | None:
    """`value - other`, None (no bound) where either is unbounded."""
    return None if value is None or other is None else SAFE.subtract(value, other)


def _whole_said(banded: Banded, split: _Split) -> Message | Decimal:
    """The whole a share divides by, as the document writes it and, where the bands' counts
    narrow it, where they put it: `khoảng 200 (the bands' counts put it at 207)`."""
    said = _said(banded.whole, banded.qualifier)
    divisor = split.divisor
    if divisor == split.stated:
        return said
    return Message(
        N_("{said} (the bands' counts put it {range})"), {"said": said, "range": ranged(divisor)}
    )


def _any_qualified(banded: Banded) -> bool:
    counts = [banded.qualifier, *(band.qualifier for band in banded.bands)]
    return any(qualifies(q) for q in counts)


@rule(
    "B101",
    "bands-sum-to-whole",
    "The bands' counts add up to the stated whole",
    "bands",
    {
        "sum": "the bands of '{id}' count {actual} {unit}, but the whole is {expected}",
        "qualified": "the bands of '{id}' count {parts} {unit}, but the whole is {whole}: "
        "the two do not meet",
    },
)
def bands_sum_to_whole(plan: Plan, context: Context) -> Iterator[Finding]:
    """The counts of the bands add up to the whole they split; counts the document qualifies
    (`hơn 20 xã`) add up as ranges, as the roadmap's counts are checked.

    Passing: 77 + 8 + 28 + 94 = 207.

        whole: 207
        bands:
          - {label: 19 tiêu chí, least: 19, most: 19, count: 77, source: "II"}
          - {label: 15-18 tiêu chí, least: 15, most: 18, count: 8, source: "II"}
          - {label: 10-14 tiêu chí, least: 10, most: 14, count: 28, source: "II"}
          - {label: 5-9 tiêu chí, least: 5, most: 9, count: 94, source: "II"}

    Failing: the same with `whole: 208`.

    Passing too: `whole: 200` with `qualifier: more_than` (hơn 200 xã: 201 to 300, a count
    being whole) and the same bands. Failing: `whole: 207` and a band of `count: 94,
    qualifier: more_than` (hơn 94 is 95: the bands count 208).
    """
    for index, banded in enumerate(plan.banded):
        if _any_qualified(banded):
            yield from _qualified_sum(banded, index, context)
            continue
        counted = sum(band.count for band in banded.bands)
        if counted != banded.whole:
            yield bands_sum_to_whole.finding(
                context,
                "sum",
                pointer_of("banded", index, "whole"),
                expected=Decimal(banded.whole),
                actual=Decimal(counted),
                id=banded.id,
                unit=banded.unit,
            )


def _qualified_sum(banded: Banded, index: int, context: Context) -> Iterator[Finding]:
    """B101 for bands whose counts, or whole, the document qualifies: their ranges meet."""
    split = _Split.of(banded)
    parts, whole = split.parts, split.stated
    if split.meets:
        return
    expected, actual = nearest_ends(whole, parts)
    yield bands_sum_to_whole.finding(
        context,
        "qualified",
        pointer_of("banded", index, "whole"),
        expected=expected,
        actual=actual,
        id=banded.id,
        unit=banded.unit,
        parts=parts.low if parts.is_point else ranged(parts),
        whole=_said_lying(banded.whole, banded.qualifier, whole),
    )


def _said_lying(count: int, qualifier: Comparator | None, lies: Interval) -> Message | Decimal:
    """A count as the document writes it and, when qualified, where it lies: `hơn 200, which
    lies between 201 and 300`."""
    if not qualifies(qualifier):
        return Decimal(count)
    return Message(
        N_("{said}, which lies {range}"), {"said": _said(count, qualifier), "range": ranged(lies)}
    )


@rule(
    "B102",
    "band-share-matches",
    "A band's stated share equals its count over the whole, at the stated precision",
    "bands",
    {
        "share": "{label}: {count} of {whole} is {true}%, but the plan states {stated}%",
        "qualified": "{label}: the share of {count} in {whole} lies {true}%, but the plan "
        "states {stated}%",
    },
)
def band_share_matches(plan: Plan, context: Context) -> Iterator[Finding]:
    """A band's share holds if count ÷ whole × 100 rounds to it at its stated precision.

    Passing: 77 of 207 is 37,20%, stated 37,2.

        whole: 207
        bands: [{label: 19 tiêu chí, least: 19, most: 19, count: 77, share: "37,2", source: "II"}]

    Failing: 8 of 207 is 3,86%, stated 3,4.

        whole: 207
        bands: [{label: 15-18 tiêu chí, least: 15, most: 18, count: 8, share: "3,4", source: "II"}]

    A count the document qualifies is every whole number its words allow, and gives a range
    of shares: `hơn 20` of 207 (21 to 30) is 10,14% to 14,49%; `khoảng 8` of 207 is 8 (7,5 to
    8,5 holds no other whole number), 3,86%, so 3,9 holds and 4,1 fails.
    """
    for index, banded in enumerate(plan.banded):
        split = _Split.of(banded) if _any_qualified(banded) else None
        for number, band in enumerate(banded.bands):
            if band.share is None or not banded.whole:
                continue
            if split is not None and (qualifies(band.qualifier) or qualifies(banded.qualifier)):
                yield from _qualified_share(banded, split, (index, number), context)
                continue
            true = percent(Decimal(band.count), Decimal(banded.whole))
            if true is not None and not rounds_to(true, band.share):
                yield band_share_matches.finding(
                    context,
                    "share",
                    pointer_of("banded", index, "bands", number, "share"),
                    expected=rounded_like(true, band.share),
                    actual=band.share,
                    label=band.label,
                    count=band.count,
                    whole=banded.whole,
                    true=finer(true, band.share),
                )


def _qualified_share(
    banded: Banded, split: _Split, place: tuple[int, int], context: Context
) -> Iterator[Finding]:
    """B102 for a band whose count, or whose whole, the document qualifies: the share its
    stated figure stands for (half a unit either side) meets the shares the ranges allow."""
    index, number = place
    band = banded.bands[number]
    assert band.share is not None  # B102 asks only of a stated share
    shares = split.shares(number)
    nearest = share_missed(shares, band.share)
    if nearest is None:
        return
    yield band_share_matches.finding(
        context,
        "qualified",
        pointer_of("banded", index, "bands", number, "share"),
        expected=rounded_like(nearest, band.share),
        actual=band.share,
        label=band.label,
        count=_said(band.count, band.qualifier),
        whole=_whole_said(banded, split),
        true=ranged(finer_range(shares, band.share)),
    )


@rule(
    "B103",
    "average-within-bands",
    "A stated average over the bands lies between the least and the most they allow",
    "bands",
    {"outside": "'{id}' states an average of {stated}, but its bands allow only {low} to {high}"},
)
def average_within_bands(plan: Plan, context: Context) -> Iterator[Finding]:
    """The average over banded counts is at least Σ count × least ÷ whole and at most
    Σ count × most ÷ whole; the stated figure may be off by its own rounding. Counts the
    document qualifies count as few, or as many, as their qualifiers allow; a qualified whole
    is only what the bands' counts allow too (`khoảng 207` of bands of exactly 207 is 207).

    Passing: bands 77 × 19, 8 × 15-18, 28 × 10-14, 94 × 5-9 of 207 allow 11,27 to 13,74;
    a stated average of 13,5 lies inside.

    Failing: a stated average of 13,8 (at one decimal, 13,75 or more) lies above 13,74.

        average: "13,8"
    """
    for index, banded in enumerate(plan.banded):
        if banded.average is None or not banded.whole:
            continue
        allowed = _allowed(banded)
        if allowed is None:
            continue  # the bands' counts and the whole do not meet: B101 says so
        low, high = allowed
        slack = half_unit(banded.average)
        # The stated average stands for [average - slack, average + slack) (half up).
        if banded.average + slack <= low or (high is not None and banded.average - slack > high):
            nearest = low if banded.average < low or high is None else high
            yield average_within_bands.finding(
                context,
                "outside",
                pointer_of("banded", index, "average"),
                expected=at_places(nearest, 2),
                actual=banded.average,
                id=banded.id,
                low=at_places(low, 2),
                high="∞" if high is None else at_places(high, 2),
            )


def _allowed(banded: Banded) -> tuple[Decimal, Decimal | None] | None:
    """The least and the most average the bands allow (None: no most). Where the document
    qualifies a count, the counts may be any their qualifiers allow that add up to what the
    whole's allows: the least average puts as many as it may in the lowest bands, the most in
    the highest; none at all where the counts and the whole do not meet (an average of counts
    that cannot be is no check)."""
    if not _any_qualified(banded):
        stated = Decimal(banded.whole)
        return (
            SAFE.divide(_weighted(banded, least=True), stated),
            SAFE.divide(_weighted(banded, least=False), stated),
        )
    split = _Split.of(banded)
    if not split.meets:
        return None
    ranges, whole = split.ranges, split.stated
    low = _extreme([(r, b.least) for r, b in zip(ranges, banded.bands, strict=True)], whole)
    high = _extreme([(r, -b.most) for r, b in zip(ranges, banded.bands, strict=True)], whole)
    return low or Decimal(0), None if high is None else -high


def _extreme(counts: list[tuple[Interval, Decimal]], whole: Interval) -> Decimal | None:
    """The least average of the values that counts in these ranges, adding up to what `whole`
    allows, can give (the most: call it with the values negated). Each count starts at its
    least; the lowest values first take what the whole still needs, then more while that
    lowers the average. A count and a whole without end let the average come down to its
    value: that is the bound. None: no count at all."""
    order = sorted(counts, key=lambda pair: pair[1])
    taken = [count.low or Decimal(0) for count, _value in order]
    total = sum(taken, Decimal(0))
    weighted = _sum_of([(t, value) for t, (_count, value) in zip(taken, order, strict=True)])
    for index, (count, value) in enumerate(order):  # what the whole still needs
        need = _less(whole.low, total) or Decimal(0)
        room = _less(count.high, taken[index])
        add = max(Decimal(0), need if room is None else min(room, need))
        taken[index] = SAFE.add(taken[index], add)
        total, weighted = SAFE.add(total, add), SAFE.add(weighted, SAFE.multiply(add, value))
    for index, (count, value) in enumerate(order):  # what lowers the average
        if total and value >= SAFE.divide(weighted, total):
            break
        room = _bounded(min, _less(count.high, taken[index]), _less(whole.high, total))
        if room is None:
            return value
        add = max(room, Decimal(0))
        total, weighted = SAFE.add(total, add), SAFE.add(weighted, SAFE.multiply(add, value))
    return SAFE.divide(weighted, total) if total else None


def _weighted(banded: Banded, *, least: bool) -> Decimal:
    return _sum_of([(Decimal(b.count), b.least if least else b.most) for b in banded.bands])


def _sum_of(products: list[tuple[Decimal, Decimal]]) -> Decimal:
    total = Decimal(0)
    for count, value in products:
        total = SAFE.add(total, SAFE.multiply(count, value))
    return total


@rule(
    "B104",
    "subset-within-set",
    "A stated subset ('of which 5') is no larger than its set",
    "bands",
    {"larger": "'{text}' counts {count}, more than the {whole} of {label}"},
)
def subset_within_set(plan: Plan, context: Context) -> Iterator[Finding]:
    """A subset of a band ("trong đó có 05 xã ...") is no larger than the band; counts the
    document qualifies are compared as the ranges they allow.

    Passing: 5 especially difficult communes among the 77.

        bands:
          - label: 19 tiêu chí
            least: 19
            most: 19
            count: 77
            of_which: [{text: xã điểm đặc biệt khó khăn, count: 5, source: "II"}]
            source: "II"

    Failing: the same with `count: 78` in the subset; and "hơn 77" of a band of 77.
    """
    for index, banded in enumerate(plan.banded):
        for number, band in enumerate(banded.bands):
            for part, subset in enumerate(band.of_which):
                subset_range, band_range = (
                    _range(subset.count, subset.qualifier),
                    _range(band.count, band.qualifier),
                )
                if _fits(subset_range, band_range):
                    continue
                yield subset_within_set.finding(
                    context,
                    "larger",
                    pointer_of("banded", index, "bands", number, "of_which", part, "count"),
                    # the most the band can be, and the least the subset can be
                    expected=band_range.high,
                    actual=subset_range.low,
                    text=subset.text,
                    count=_said(subset.count, subset.qualifier),
                    whole=_said(band.count, band.qualifier),
                    label=band.label,
                )


def _fits(subset: Interval, whole: Interval) -> bool:
    """Whether some count the subset's range allows is at most some count the band's allows:
    `hơn 77` of `77` cannot be, `dưới 80` of `77` can (0 to 79). Counts' ranges include both
    their ends (`count_interval`): the least the subset can be against the most the band can."""
    return subset.low is None or whole.high is None or subset.low <= whole.high
