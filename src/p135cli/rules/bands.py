"""Banded counts: a whole split into bands (communes by criteria met), and what is said of them."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from p135cli.arithmetic import SAFE, at_places, half_unit, percent, rounded_like, rounds_to, shown
from p135cli.findings import Finding
from p135cli.loading import pointer_of
from p135cli.model import Banded, Plan
from p135cli.rules.base import Context, rule


@rule(
    "B101",
    "bands-sum-to-whole",
    "The bands' counts add up to the stated whole",
    "bands",
    {"sum": "the bands of '{id}' count {actual} {unit}, but the whole is {expected}"},
)
def bands_sum_to_whole(plan: Plan, context: Context) -> Iterator[Finding]:
    """The counts of the bands add up to the whole they split.

    Passing: 77 + 8 + 28 + 94 = 207.

        whole: 207
        bands:
          - {label: 19 tiêu chí, least: 19, most: 19, count: 77, source: "II"}
          - {label: 15-18 tiêu chí, least: 15, most: 18, count: 8, source: "II"}
          - {label: 10-14 tiêu chí, least: 10, most: 14, count: 28, source: "II"}
          - {label: 5-9 tiêu chí, least: 5, most: 9, count: 94, source: "II"}

    Failing: the same with `whole: 208`.
    """
    for index, banded in enumerate(plan.banded):
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


@rule(
    "B102",
    "band-share-matches",
    "A band's stated share equals its count over the whole, at the stated precision",
    "bands",
    {"share": "{label}: {count} of {whole} is {true}%, but the plan states {stated}%"},
)
def band_share_matches(plan: Plan, context: Context) -> Iterator[Finding]:
    """A band's share holds if count ÷ whole × 100 rounds to it at its stated precision.

    Passing: 77 of 207 is 37,20%, stated 37,2.

        whole: 207
        bands: [{label: 19 tiêu chí, least: 19, most: 19, count: 77, share: "37,2", source: "II"}]

    Failing: 8 of 207 is 3,86%, stated 3,4.

        whole: 207
        bands: [{label: 15-18 tiêu chí, least: 15, most: 18, count: 8, share: "3,4", source: "II"}]
    """
    for index, banded in enumerate(plan.banded):
        for number, band in enumerate(banded.bands):
            if band.share is None or not banded.whole:
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
                    true=shown(true, band.share),
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
    Σ count × most ÷ whole; the stated figure may be off by its own rounding.

    Passing: bands 77 × 19, 8 × 15-18, 28 × 10-14, 94 × 5-9 of 207 allow 11,27 to 13,74;
    a stated average of 13,5 lies inside.

    Failing: a stated average of 13,8 (at one decimal, 13,75 or more) lies above 13,74.

        average: "13,8"
    """
    for index, banded in enumerate(plan.banded):
        if banded.average is None or not banded.whole:
            continue
        whole = Decimal(banded.whole)
        low = SAFE.divide(_weighted(banded, least=True), whole)
        high = SAFE.divide(_weighted(banded, least=False), whole)
        slack = half_unit(banded.average)
        # The stated average stands for [average - slack, average + slack) (half up).
        if banded.average + slack <= low or banded.average - slack > high:
            nearest = low if banded.average < low else high
            yield average_within_bands.finding(
                context,
                "outside",
                pointer_of("banded", index, "average"),
                expected=at_places(nearest, 2),
                actual=banded.average,
                id=banded.id,
                low=at_places(low, 2),
                high=at_places(high, 2),
            )


def _weighted(banded: Banded, *, least: bool) -> Decimal:
    total = Decimal(0)
    for band in banded.bands:
        total = SAFE.add(total, SAFE.multiply(band.count, band.least if least else band.most))
    return total


@rule(
    "B104",
    "subset-within-set",
    "A stated subset ('of which 5') is no larger than its set",
    "bands",
    {"larger": "'{text}' counts {count}, more than the {whole} of {label}"},
)
def subset_within_set(plan: Plan, context: Context) -> Iterator[Finding]:
    """A subset of a band ("trong đó có 05 xã ...") is no larger than the band.

    Passing: 5 especially difficult communes among the 77.

        bands:
          - label: 19 tiêu chí
            least: 19
            most: 19
            count: 77
            of_which: [{text: xã điểm đặc biệt khó khăn, count: 5, source: "II"}]
            source: "II"

    Failing: the same with `count: 78` in the subset.
    """
    for index, banded in enumerate(plan.banded):
        for number, band in enumerate(banded.bands):
            for part, subset in enumerate(band.of_which):
                if subset.count > band.count:
                    pointer = pointer_of(
                        "banded", index, "bands", number, "of_which", part, "count"
                    )
                    yield subset_within_set.finding(
                        context,
                        "larger",
                        pointer,
                        expected=Decimal(band.count),
                        actual=Decimal(subset.count),
                        text=subset.text,
                        count=subset.count,
                        whole=band.count,
                        label=band.label,
                    )
