"""`table._capped` (the layout search every wide table runs) finds what the plain search
finds: the same widths for any spans and room, with and without a cap."""

from __future__ import annotations

import random
from types import SimpleNamespace

from p135cli.views import table


def _plain(spans: list[SimpleNamespace], room: int) -> list[int] | None:
    """The search as first written: each width max(low, min(high, cap)), the largest cap
    that fits, then what is left one column at a time."""
    if sum(span.low for span in spans) > room:
        return None
    bottom, top = 0, max(span.high for span in spans)

    def at(cap: int) -> list[int]:
        return [max(span.low, min(span.high, cap)) for span in spans]

    while bottom < top:
        cap = (bottom + top + 1) // 2
        bottom, top = (cap, top) if sum(at(cap)) <= room else (bottom, cap - 1)
    widths = at(bottom)
    spare = room - sum(widths)
    for i, span in enumerate(spans):
        if spare > 0 and widths[i] < span.high:
            widths[i] += 1
            spare -= 1
    return widths


def test_capped_widths_are_the_plain_search_s() -> None:
    chance = random.Random(30)
    for _ in range(20_000):
        spans = [
            SimpleNamespace(low=chance.randint(0, 20), high=chance.randint(0, 30))
            for _ in range(chance.randint(1, 6))
        ]
        room = chance.randint(0, 120)
        assert table._capped(spans, room, "low", "high") == _plain(spans, room), (spans, room)  # type: ignore[arg-type]
