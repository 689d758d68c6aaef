"""Shares: a stated percentage matches its figures at the precision it is stated with."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from p135cli.arithmetic import (
    finer,
    finer_range,
    half_unit,
    percent,
    rounded_like,
    rounds_to,
    share_missed,
    share_range,
)
from p135cli.findings import Finding
from p135cli.i18n import N_, Message
from p135cli.loading import pointer_of
from p135cli.model import Funding, Plan, amount_in, interval_in, qualifies, rounding_of
from p135cli.rules import funding
from p135cli.rules.base import Context, rule
from p135cli.rules.wording import both_written, ranged


@rule(
    "P101",
    "share-matches-amount",
    "A source's stated share equals its amount over the total, at the stated precision",
    "shares",
    {
        "share": "{label}: {amount} of {total} is {true}%, but the plan states {stated}%",
        "qualified": "{label}: {amount} of {total} lies {true}%, but the plan states {stated}%",
    },
)
def share_matches_amount(plan: Plan, context: Context) -> Iterator[Finding]:
    """A stated share holds if amount ÷ total × 100 rounds to it at its stated precision.

    Passing: 1.582 of 9.039 is 17,502%, which rounds to the stated 17,5.

        total: {amount: "9.039", source: "IV"}
        sources:
          central: {name: Ngân sách Trung ương, amount: "1.582", share: "17,5", source: "IV.1"}

    Failing: the same source stated as 17,6%.

    Where the document qualifies the amount or the total, the share may be any the ranges
    allow: `gần 21,7` of `hơn 29,2` is 73,72% to 74,32%, so 74,0 holds and 75,0 fails.
    """
    f = plan.funding
    if f is None or f.total is None:
        return
    total = amount_in(f.total, f.unit)
    for key, source in f.sources.items():
        amount = amount_in(source, f.unit)
        if source.share is None or amount is None or not total:
            continue
        approximate = (source, f.total)  # qualified or rounded: the share is a range
        if any(qualifies(x.qualifier) or rounding_of(x, f.rounded) for x in approximate):
            yield from _qualified_share(f, key, context)
            continue
        true = percent(amount, total)
        if true is not None and not rounds_to(true, source.share):
            yield share_matches_amount.finding(
                context,
                "share",
                pointer_of("funding", "sources", key, "share"),
                expected=rounded_like(true, source.share),
                actual=source.share,
                label=source.name,
                amount=amount,
                total=total,
                true=finer(true, source.share),
            )


def _qualified_share(funding_: Funding, key: str, context: Context) -> Iterator[Finding]:
    """P101 where the document qualifies the source's amount or the total: the stated share
    (half a unit either side) meets the shares the two ranges allow."""
    source, total = funding_.sources[key], funding_.total
    assert source.share is not None and total is not None  # asked only of a stated share
    unit, rounded = funding_.unit, funding_.rounded
    amount, whole = interval_in(source, unit, rounded), interval_in(total, unit, rounded)
    if amount is None or whole is None:
        return
    shares = share_range(amount, whole)
    nearest = share_missed(shares, source.share)
    if nearest is None:
        return
    amount_said, total_said = both_written(source, total, funding_.unit)
    yield share_matches_amount.finding(
        context,
        "qualified",
        pointer_of("funding", "sources", key, "share"),
        expected=rounded_like(nearest, source.share),
        actual=source.share,
        label=source.name,
        amount=amount_said,
        total=total_said,
        true=ranged(finer_range(shares, source.share)),
    )


@rule(
    "P102",
    "shares-make-whole",
    "Stated shares that make a whole add to 100% within the rounding of each part",
    "shares",
    {"whole": "the stated shares of {what} add to {sum}%, not 100% (each part allows ±{slack})"},
)
def shares_make_whole(plan: Plan, context: Context) -> Iterator[Finding]:
    """Shares that split a whole add to 100, allowed only the rounding of each stated part.

    Passing: 17,5 + 9,8 + 11,8 + 55 + 5,9 = 100,0.

    Failing: bands stated as 37,2 + 3,4 + 13,5 + 45,4 = 99,5, while four shares stated to one
    decimal allow at most 4 × 0,05 = 0,2 of rounding.

        bands:
          - {label: A, least: 19, most: 19, count: 77, share: "37,2", source: "II"}
          - {label: B, least: 15, most: 18, count: 8, share: "3,4", source: "II"}
          - {label: C, least: 10, most: 14, count: 28, share: "13,5", source: "II"}
          - {label: D, least: 5, most: 9, count: 94, share: "45,4", source: "II"}

    Checked only when every part with something in it states a share.
    """
    groups: list[tuple[str, Message | str, list[Decimal | None]]] = []
    if plan.funding and plan.funding.sources:
        shares = [s.share for s in plan.funding.sources.values()]
        groups.append(("/funding/sources", Message(N_("the funding sources")), shares))
    for index, banded in enumerate(plan.banded):
        shares = [b.share for b in banded.bands if b.share is not None or b.count]
        groups.append((pointer_of("banded", index, "bands"), f"'{banded.id}'", shares))
    for pointer, what, stated in groups:
        if len(stated) < 2 or any(s is None for s in stated):
            continue
        parts = [s for s in stated if s is not None]
        total = sum(parts, Decimal(0))
        slack = sum((half_unit(s) for s in parts), Decimal(0))
        if not -slack < total - 100 <= slack:  # each part rounds half up: [s - h, s + h)
            yield shares_make_whole.finding(
                context,
                "whole",
                pointer,
                key=True,
                expected=Decimal(100),
                actual=total,
                what=what,
                sum=total,
                slack=slack,
            )


@rule(
    "P103",
    "split-adds-to-part",
    "A stated split of a money figure adds up to that figure",
    "shares",
    funding.OPEN_SUM_MESSAGES,
)
def split_adds_to_part(plan: Plan, context: Context) -> Iterator[Finding]:
    """The stated split of a money figure ("trong đó ...": a source, a year's part, a
    component, split by programme, district, commune or village) adds up to the figure,
    exactly, or as the qualifiers of its figures allow (`hơn 23` split as `gần 6,8`, `hơn
    8,7`, ...).

    Passing: 1.045 + 537 = 1.582.

        central:
          name: Ngân sách Trung ương
          amount: "1.582"
          split:
            new_rural: {name: NTM, amount: "1.045", source: "IV.1"}
            poverty: {name: Giảm nghèo, amount: "537", source: "IV.1"}
          source: "IV.1"

    Failing: the same with `poverty` at 573: the split adds to 1.618.
    """
    return funding.sum_findings(split_adds_to_part, plan, context)
