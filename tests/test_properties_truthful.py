"""Plans that tell the truth pass; a stated share that no true figures give is refused.

A plan here is made from true figures first: sources (some given by a rate times a count,
some split "trong đó" into parts), the total they add up to, band counts and the whole they
make. Each figure is then written as a document might write it, truthfully: exactly, `hơn`
below it at one decimal, `gần` or `khoảng` where the words allow it, rounded or cut to 0,1, `ít
nhất`, `tối đa`, `dưới`; each share is the true share rounded half up at the places it is
stated with. Whatever the words chosen, no rule may call such a plan wrong.

The words are chosen by this file's own reading of them (`words_allow`, `count_allowed` in
test_properties_arithmetic.py), never by p135's. Examples are derandomized (the same on every
machine).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, localcontext
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from p135cli.checking import check_file
from p135cli.findings import Finding, Severity
from p135cli.settings import Limits, Settings

from .test_properties_arithmetic import count_allowed

D = Decimal
CONFIG = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
HEAD = """province: Tỉnh thử
programme: Chương trình thử
number_style: vi
document: {kind: Quyết định, title: Thử, issuer: UBND tỉnh, date: 13/6/2017, source: "1"}
period: {start: 2017, end: 2018, source: "1"}
"""
TENTH = 100
"""0,1 tỷ đồng in the unit true figures are made in: a thousandth of a tỷ (one triệu đồng)."""


def vi(value: Decimal) -> str:
    """A figure of under 1.000 as a vi document writes it: `21,7`, `7,000`, `55`."""
    return f"{value:f}".replace(".", ",")


def tenths(count: int) -> str:
    """A number of tenths of a tỷ, written to one decimal: 217 -> `21,7`."""
    return vi(D(count).scaleb(-1))


@dataclass(frozen=True)
class Said:
    """A figure as written: its amount text, its `rounded` (if any), and the closed range of
    true figures (in thousandths; None: no bound) its words allow, read by this file."""

    amount: str
    low: int
    high: int | None
    rounded: str = ""


def ceil_div(a: int, b: int) -> int:
    return -(-a // b)


def ways_to_say(true: int) -> list[Said]:
    """Every truthful way this file writes a true figure of `true` thousandths of a tỷ."""
    down, up = true // TENTH, ceil_div(true, TENTH)
    nearest = (true + TENTH // 2) // TENTH
    ways = [Said(vi(D(true).scaleb(-3)), true, true)]
    if true % TENTH:  # `hơn 21,7` is above 21,7, below 21,8; `gần 21,8` likewise, within a tenth
        ways.append(Said(f"hơn {tenths(down)}", down * TENTH, up * TENTH))
        if 10 * (up * TENTH - true) < up * TENTH:
            reach = min(TENTH, up * TENTH // 10)
            ways.append(Said(f"gần {tenths(up)}", up * TENTH - reach, up * TENTH))
    reach = min(TENTH // 2, nearest * TENTH // 10) if nearest else TENTH // 2
    if abs(true - nearest * TENTH) <= reach:  # `khoảng`: half a unit, and a tenth of it
        ways.append(
            Said(
                f"khoảng {tenths(nearest)}",
                max(0, nearest * TENTH - reach),
                nearest * TENTH + reach,
            )
        )
    ways += [
        Said(tenths(nearest), max(0, nearest * TENTH - TENTH // 2), nearest * TENTH + TENTH // 2,
             'rounded: {to: "0,1", source: "1"}'),
        Said(tenths(down), down * TENTH, down * TENTH + TENTH,
             'rounded: {to: "0,1", cut: true, source: "1"}'),
        Said(f"tối đa {tenths(up)}", 0, up * TENTH),
        Said(f"dưới {tenths(down + 1)}", 0, (down + 1) * TENTH),
    ]  # fmt: skip
    if down:  # a document never says `ít nhất 0`
        ways.append(Said(f"ít nhất {tenths(down)}", down * TENTH, None))
    return ways


def figure(said: Said, extra: str = "") -> str:
    """A figure's fields inside `{...}`."""
    fields = [f'amount: "{said.amount}"', said.rounded, extra, 'source: "1"']
    return ", ".join(part for part in fields if part)


@dataclass
class Source:
    true: int
    said: Said
    share: str | None = None
    rate: str = ""
    split: list[Said] = field(default_factory=list)


def share_said(part: int, whole: int, places: int) -> str:
    """The true share `part` of `whole`, rounded half up at `places`, as a vi document writes
    it (`17,5`)."""
    with localcontext() as exact:
        exact.prec = 60
        true = D(100) * part / whole
    return vi(true.quantize(D(1).scaleb(-places), rounding=ROUND_HALF_UP))


@st.composite
def sources(draw: st.DrawFn) -> list[Source]:
    """One to three sources of true figures, each written truthfully, some with a rate, some
    with a split, some with their true share."""
    made: list[Source] = []
    for _ in range(draw(st.integers(1, 3))):
        rate = ""
        if draw(st.booleans()):  # 700 triệu đồng for each of 11 xã
            each, count = draw(st.integers(1, 9_999)), draw(st.integers(1, 12))
            true = each * count
            rate = f'rate: {{amount: "{each} triệu đồng", per: xã, count: {count}, source: "2"}}'
        else:
            true = draw(st.integers(1, 99_999))
        split: list[Said] = []
        if true > 1 and draw(st.booleans()):
            cuts = sorted(draw(st.sets(st.integers(1, true - 1), min_size=1, max_size=2)))
            parts = [b - a for a, b in zip([0, *cuts], [*cuts, true], strict=True)]
            split = [draw(st.sampled_from(ways_to_say(part))) for part in parts]
        made.append(Source(true, draw(st.sampled_from(ways_to_say(true))), rate=rate, split=split))
    whole = sum(source.true for source in made)
    for source in made:
        if draw(st.booleans()):
            source.share = share_said(source.true, whole, draw(st.integers(0, 2)))
    return made


def funding_text(total: Said, made: list[Source]) -> str:
    lines = [HEAD + "funding:", "  unit: tỷ đồng", f"  total: {{{figure(total)}}}", "  sources:"]
    for index, source in enumerate(made):
        lines.append(f"    s{index}:")
        lines.append(f"      name: Nguồn {index}")
        lines.append(f'      amount: "{source.said.amount}"')
        if source.said.rounded:
            lines.append(f"      {source.said.rounded}")
        if source.share is not None:
            lines.append(f'      share: "{source.share}"')
        if source.rate:
            lines.append(f"      {source.rate}")
        if source.split:
            lines.append("      split:")
            lines += [
                f"        p{n}: {{name: Phần {n}, {figure(part)}}}"
                for n, part in enumerate(source.split)
            ]
        lines.append('      source: "1"')
    return "\n".join(lines) + "\n"


def errors(tmp_path: Path, text: str) -> list[Finding]:
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    found = check_file(path, Settings(), Limits()).findings
    return [finding for finding in found if finding.severity is Severity.ERROR]


@CONFIG
@given(sources(), st.data())
def test_funding_written_truthfully_in_any_words_is_never_refused(
    tmp_path: Path, made: list[Source], pick: st.DataObject
) -> None:
    """Sources add up to the total, splits to their source, rates times counts to their
    amounts, shares are the true ones at their stated places: however qualified, rounded or
    cut each figure is written, no sum (F100-F104, F120, P103), rate (F109) or share (P101,
    P102) may fail; F110 may say a sum holds only as the words allow."""
    total = pick.draw(st.sampled_from(ways_to_say(sum(source.true for source in made))))
    text = funding_text(total, made)
    assert errors(tmp_path, text) == [], text


# --- a stated share: refused exactly when no figures the words allow give it -------------------


def ratio(part: int | None, whole: int | None) -> Decimal | None:
    """part / whole in %, on the closed ranges: None (no bound) for no most part or a whole of
    nothing; 0 for a whole with no most."""
    if part is None or whole == 0:
        return None
    if whole is None:
        return D(0)
    with localcontext() as exact:
        exact.prec = 60
        return D(100) * part / whole


@CONFIG
@given(
    st.integers(1, 60_000),
    st.integers(1, 60_000),
    st.data(),
    st.integers(0, 2),
    st.integers(-2, 2),
)
def test_a_stated_share_is_refused_exactly_when_no_figures_its_words_allow_give_it(
    tmp_path: Path, own: int, other: int, pick: st.DataObject, places: int, units: int
) -> None:
    """`gần 21,7` of `hơn 29,2` may be 73,72 % to 74,32 %: 74,0 passes and 75,0 fails. The
    share stated is the true one, or up to two units of its last place away; it is refused
    (P101) exactly when no share between the least part of the most whole and the most part of
    the least whole (the four corners of the ranges, read by this file) rounds to it."""
    source = pick.draw(st.sampled_from(ways_to_say(own)))
    rest = pick.draw(st.sampled_from(ways_to_say(other)))
    total = pick.draw(st.sampled_from(ways_to_say(own + other)))
    true = share_said(own, own + other, places)
    stated = D(true.replace(",", ".")) + units * D(1).scaleb(-places)
    if stated < 0:
        return
    share = vi(stated)
    made = [Source(own, source, share), Source(other, rest)]
    found = errors(tmp_path, funding_text(total, made))
    assert [f.code for f in found if f.code != "P101"] == []  # the figures are truthful
    corners = [ratio(p, w) for p in (source.low, source.high) for w in (total.low, total.high)]
    least = min((c for c in corners if c is not None), default=None)
    most = None if None in corners else max(c for c in corners if c is not None)
    half = D(5).scaleb(-(places + 1))
    allowed = (least is None or least < stated + half) and (most is None or most >= stated - half)
    if total.amount.split()[-1] in ("0", "0,0"):  # a total written as 0 states no share
        allowed = True
    assert (found == []) == allowed, (source, total, share, least, most, found)


# --- bands: counts of a whole, their shares and their average ----------------------------------

COUNT_WORDS = ("more_than", "nearly", "about", "at_least", "at_most", "less_than")


@st.composite
def count_said(draw: st.DrawFn, true: int) -> tuple[int, str | None]:
    """A count written truthfully: the figure and its qualifier, chosen among the figures near
    the true count whose words (read by this file) allow it."""
    ways: dict[str | None, list[int]] = {None: [true]}
    for qualifier in COUNT_WORDS:
        for stated in range(max(0, true - 30), true + 31):
            if stated == 0 and qualifier in ("nearly", "less_than", "at_least"):
                continue  # `gần 0`, `dưới 0` are refused; no document says `ít nhất 0`
            if count_allowed(qualifier, stated, true):
                ways.setdefault(qualifier, []).append(stated)
    words = draw(st.sampled_from(sorted(ways, key=str)))  # each word as often
    return draw(st.sampled_from(ways[words])), words


@st.composite
def banded(draw: st.DrawFn) -> str:
    counts = draw(st.lists(st.integers(0, 300), min_size=1, max_size=4))
    whole = sum(counts)
    if not whole:
        counts[0] = whole = draw(st.integers(1, 300))
    lines = [HEAD + "banded:", "  - id: criteria", "    text: t", "    unit: xã"]
    stated, qualifier = draw(count_said(whole))
    lines.append(f"    whole: {stated}")
    if qualifier:
        lines.append(f"    qualifier: {qualifier}")
    lines.append("    bands:")
    least_sum = 0
    for number, count in enumerate(counts):
        least, most = 5 * (len(counts) - number), 5 * (len(counts) - number) + 4
        least_sum += count * least
        stated, qualifier = draw(count_said(count))
        fields = [f"label: B{number}", f"least: {least}", f"most: {most}", f"count: {stated}"]
        if qualifier:
            fields.append(f"qualifier: {qualifier}")
        if draw(st.booleans()):
            fields.append(f'share: "{share_said(count, whole, draw(st.integers(0, 2)))}"')
        lines.append(f"      - {{{', '.join(fields)}, source: II}}")
    if draw(st.booleans()):  # every commune at its band's least: a true average
        with localcontext() as exact:
            exact.prec = 60
            true = D(least_sum) / whole
        places = draw(st.integers(0, 2))
        average = true.quantize(D(1).scaleb(-places), rounding=ROUND_HALF_UP)
        lines.append(f'    average: "{vi(average)}"')
    lines.append("    source: II")
    return "\n".join(lines) + "\n"


@CONFIG
@given(banded())
def test_band_counts_written_truthfully_in_any_words_are_never_refused(
    tmp_path: Path, text: str
) -> None:
    """Bands whose true counts add up to the whole, each count written with any words that
    allow it (`hơn 20 xã`, `gần 40`, `khoảng 200`, `dưới 5`), their true shares and an average
    that is true: no band rule (B101-B104, P102) may fail."""
    assert errors(tmp_path, text) == [], text
