"""Citations: the documents a plan cites hold together, within the plan and across plans."""

from __future__ import annotations

import functools
import itertools
import re
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from p135cli.findings import Finding, Related
from p135cli.i18n import N_, Listed, Message
from p135cli.loading import pointer_of
from p135cli.model import Citation, Plan
from p135cli.names import bare, document_number, identity
from p135cli.places import REFORM, merged_into, place_key, province_today
from p135cli.plan_places import real_date
from p135cli.rules.base import RELATED_CAP, Context, Rule, rule
from p135cli.scalars import parse_date


def citations(plan: Plan) -> Iterator[tuple[str, Citation]]:
    """(pointer, citation) for every document the plan cites."""
    if plan.document.attached_to:
        yield "/document/attached_to", plan.document.attached_to
    for index, citation in enumerate(plan.legal_basis):
        yield pointer_of("legal_basis", index), citation
    for index, citation in enumerate(plan.cited):
        yield pointer_of("cited", index), citation
    for index, citation in enumerate(plan.considered):
        yield pointer_of("considered", index), citation
    if plan.funding:
        for year, data in plan.funding.years.items():
            for key, part in data.parts.items():
                if part.allocated and part.allocated.decision:
                    pointer = pointer_of(
                        "funding", "years", year, "parts", key, "allocated", "decision"
                    )
                    yield pointer, part.allocated.decision


@functools.lru_cache(maxsize=65536)
def _year(date: str) -> int:
    return parse_date(date)[0]


@rule(
    "C101",
    "date-is-real",
    "A cited document's date is a real date",
    "citations",
    {
        "date": "{number} is dated {date}, which is not a real date",
        "own": "the plan's document is dated {date}, which is not a real date",
    },
)
def date_is_real(plan: Plan, context: Context) -> Iterator[Finding]:
    """The day, month and year of a citation, and of the plan's own document, make a date
    that exists (a date that does not would be read as another by every rule that reads it).

    Passing: `{number: 1722/QĐ-TTg, date: 02/9/2016, source: căn cứ}`

    Failing: `{number: 1722/QĐ-TTg, date: 02/0/2016, source: I.1}` (month 0).
    """
    own = plan.document.date
    if own is not None and real_date(own) is None:
        yield date_is_real.finding(context, "own", "/document/date", date=own)
    for pointer, citation in citations(plan):
        if citation.date is not None and real_date(citation.date) is None:
            yield date_is_real.finding(
                context, "date", pointer + "/date", number=citation.number, date=citation.date
            )


_NUMBER_YEAR = re.compile(r"/((?:19|20)[0-9]{2})/")


@rule(
    "C102",
    "number-year-matches-date",
    "The year inside a document number is the year of its date",
    "citations",
    {"year": "{number} carries the year {in_number}, but is dated {date}"},
)
def number_year_matches_date(plan: Plan, context: Context) -> Iterator[Finding]:
    """Where a number holds a year (`41/2016/QĐ-TTg`), it is the year the document was issued.

    Passing: `{number: 100/2015/QH13, date: 12/11/2015, source: căn cứ}`

    Failing: `{number: 100/2005/QH13, date: 12/11/2015, source: căn cứ}`
    """
    for pointer, citation in citations(plan):
        match = _NUMBER_YEAR.search(citation.number or "")
        if match and citation.date and parse_date(citation.date)[0] != int(match.group(1)):
            yield number_year_matches_date.finding(
                context,
                "year",
                pointer + "/number",
                number=citation.number,
                in_number=match.group(1),
                date=citation.date,
            )


# The issuer a document code names, as words its stated issuer must contain (folded).
_ISSUERS: tuple[tuple[re.Pattern[str], str, tuple[str, ...]], ...] = (
    (re.compile(r"-TTg$"), N_("the Prime Minister (Thủ tướng Chính phủ)"), ("thu tuong",)),
    (re.compile(r"-CP$"), N_("the Government (Chính phủ)"), ("chinh phu",)),
    (re.compile(r"(^|/)QH[0-9]*$"), N_("the National Assembly (Quốc hội)"), ("quoc hoi",)),
    (
        re.compile(r"-HĐND$"),
        N_("a People's Council (Hội đồng nhân dân)"),
        ("hoi dong nhan dan", "hdnd"),
    ),
    (
        re.compile(r"-UBND$"),
        N_("a People's Committee (Ủy ban nhân dân)"),
        ("uy ban nhan dan", "ubnd"),
    ),
    (re.compile(r"/TT-B[^/]*$"), N_("a ministry (Bộ)"), ("bo ",)),
)


def expected_issuer(number: str) -> tuple[str, tuple[str, ...]] | None:
    for pattern, who, words in _ISSUERS:
        if pattern.search(number):
            return who, words
    return None


@rule(
    "C103",
    "issuer-matches-code",
    "The issuer named agrees with the issuer code in the number",
    "citations",
    {"issuer": "{number} is a document of {who}, but the plan names {issuer}"},
)
def issuer_matches_code(plan: Plan, context: Context) -> Iterator[Finding]:
    """The code in a number names its issuer: QĐ-TTg the Prime Minister; NĐ-CP and NQ-CP the
    Government; QH the National Assembly; HĐND a People's Council; UBND a People's Committee;
    TT-B... a ministry. The stated issuer must agree.

    Passing: `{number: 100/2015/QH13, issuer: Quốc hội, date: 12/11/2015, source: căn cứ}`

    Failing: `{number: 100/2015/QH13, issuer: Chính phủ, date: 12/11/2015, source: căn cứ}`
    """
    for pointer, citation in citations(plan):
        expected = expected_issuer(citation.number or "")
        if expected is None or citation.issuer is None:
            continue
        who, words = expected
        issuer = bare(citation.issuer) + " "
        wrong_government = words == ("chinh phu",) and issuer.startswith("thu tuong")
        if wrong_government or not any(word in issuer for word in words):
            yield issuer_matches_code.finding(
                context,
                "issuer",
                pointer + "/issuer",
                number=citation.number,
                who=Message(who),
                issuer=citation.issuer,
            )


@rule(
    "C104",
    "cited-before-plan",
    "A cited document is not dated after the plan that cites it",
    "citations",
    {"after": "{number} is dated {date}, after the plan itself ({plan_date})"},
)
def cited_before_plan(plan: Plan, context: Context) -> Iterator[Finding]:
    """A plan can only cite what already exists on its own date.

    Passing: a plan dated 13/6/2017 citing `{number: 42/KH-UBND, date: 28/02/2017}`.

    Failing: the same plan citing `{number: 42/KH-UBND, date: 28/02/2018}`.
    """
    own = real_date(plan.document.date) if plan.document.date else None
    if own is None:
        return
    for pointer, citation in citations(plan):
        date = real_date(citation.date)
        if date is not None and date > own:
            yield cited_before_plan.finding(
                context,
                "after",
                pointer + "/date",
                number=citation.number or citation.title,
                date=citation.date,
                plan_date=plan.document.date,
            )


ONE_DATE = Rule[Any](
    "C105",
    "one-number-one-date",
    "One document number is cited with one date, within a plan and across the plans of a run",
    "citations",
    {
        "dates": "{number} is dated {date} here, but {others}",
    },
    doc="""A document number names one document, so every citation of it carries the same date,
in one plan and in every plan validated in the same run. Where one date is the most common,
the citations that disagree with it get a finding naming the other places; where no date is
the most common, every citation does. A date a plan acknowledges as its document's error
(C105 at it) is found wherever another date differs, but is no witness: it makes no other
plan's date wrong, whichever plans a run checks together.

Passing: two plans citing `1722/QĐ-TTg` dated 02/9/2016.

Failing: a third plan citing it as `02 tháng 9 năm 2015`, or one plan citing `01/CT-TTg` dated
06/01/2017 in one place and 09/01/2017 in another.""",
)


# A named tuple: a dataclass costs every start of `validate` most of a millisecond.
class Place(NamedTuple):
    path: str
    pointer: str
    number: str
    date: str
    context: Context  # of the place's own file
    witness: bool = True  # False where its plan acknowledges this date as the document's error

    @property
    def day(self) -> tuple[int, int, int] | str:
        date = real_date(self.date)
        return (date.year, date.month, date.day) if date else self.date

    @property
    def year(self) -> int:
        return _year(self.date)


# The last part of the code of a document issued for the whole country: the Prime Minister,
# the Government, the National Assembly and its Standing Committee, the Government Office,
# the Committee for Ethnic Affairs, joint circulars, and the ministries. Any other issuer (a
# People's Committee or Council, a provincial board) numbers its own documents, so the same
# number in two provinces names two documents.
NATIONAL_CODES = re.compile(
    r"TTG|CP|QH[0-9]*|UBTVQH[0-9]*|VPCP|UBDT|NHNN|BLDTBXH|BTC|BKHDT|BNN(?:PTNT)?|BYT|BGDDT|BXD"
    r"|BGTVT|BTNMT|BCT|BTP|BNV|BQP|BCA|BVHTTDL|BTTTT|BKHCN|BNG|BTTTT"
)


@functools.lru_cache(maxsize=65536)
def document_key(number: str, province: str) -> tuple[str, str, str]:
    """Which document a number names, in whose numbering: (scope, serial, code). Remembered:
    a run over every province meets the same national numbers thousands of times."""
    parts = document_number(number)
    if parts is None:
        return (identity(province), bare(number).replace(" ", ""), "")
    serial, _, code = parts
    national = NATIONAL_CODES.fullmatch(code.rsplit("-", 1)[-1]) or code.startswith("TTLT")
    return ("" if national else identity(province), serial, code)


@dataclass(frozen=True)
class Dated:
    """What C105 needs of one plan, all a run keeps of it: its province and every citation
    that has both a number and a date, as (pointer, number, date, witness): a date the plan
    acknowledges as its document's error (C105 at it or above it) is no witness against the
    same document's date in another plan."""

    province: str
    citations: tuple[tuple[str, str, str, bool, str], ...]
    """(pointer, number, date, witness, scope): `scope` is whose numbering a provincial number
    is in (`issuing_scope`)."""

    @property
    def pointers(self) -> list[str]:
        """Where C105 may place a finding or name another place."""
        return [pointer + "/date" for pointer, *_ in self.citations]

    def __reduce__(self) -> tuple[Any, ...]:
        # Kept of every plan of a run, back from a worker: its texts one copy each (see
        # `Loaded.__reduce__`), since plans cite the same documents at the same places.
        return _unpickled, (self.province, self.citations)


def _unpickled(province: str, citations: tuple[tuple[str, str, str, bool, str], ...]) -> Dated:
    share = sys.intern
    return Dated(
        share(province),
        tuple((share(at), share(nr), share(on), by, share(of)) for at, nr, on, by, of in citations),
    )


def dated(plan: Plan) -> Dated:
    doubted = {a.pointer.rstrip("/") for a in plan.acknowledged if a.rule.upper() == ONE_DATE.code}
    found = tuple(
        (
            pointer,
            citation.number,
            citation.date,
            not _within(pointer + "/date", doubted),
            issuing_scope(plan, citation),
        )
        for pointer, citation in citations(plan)
        if citation.number and citation.date
    )
    return Dated(plan.province, found)


_ISSUER_UNIT = re.compile(
    r"(?:^|\s)(tỉnh|thành phố|huyện|thị xã|quận|xã|phường|thị trấn)\s+(\S.*?)\s*$", re.IGNORECASE
)
"""The unit an issuer names last (`UBND tỉnh Hòa Bình`, `UBND huyện Thanh Sơn`)."""
_FORMER = re.compile(r"\s*(?:\(\s*cũ\s*\)|\bcũ\b)\s*$|[\s.,;:]+$", re.IGNORECASE)
"""What may follow a unit's name in an issuer: `(cũ)`, `cũ` (former), a full stop."""


def _issuer_unit(issuer: str) -> tuple[str, str] | None:
    """(kind, name) of the unit an issuer names, lower-cased kind: `('tỉnh', 'Hòa Bình')` of
    `UBND tỉnh Hòa Bình (cũ).`"""
    text = " ".join(issuer.split())
    while (trimmed := _FORMER.sub("", text)) != text:
        text = trimmed
    named = _ISSUER_UNIT.search(text)
    return (named.group(1).lower(), named.group(2)) if named else None


def issuing_scope(plan: Plan, citation: Citation) -> str:
    """Whose numbering a local document's number is in: the unit its issuer names (`UBND
    tỉnh Hòa Bình`, cited by a Phú Thọ plan after the two merged; `UBND huyện Thanh Sơn`, whose
    numbers are not the province's), else the plan's province. A province the 2025 reform
    formed by a merger numbers its documents afresh from 01/07/2025, so its later documents
    are in a numbering of their own (`phú thọ@2025-07-01`), apart from the former province's
    of the same name and year, whether or not the plan records the merger."""
    unit = _issuer_unit(citation.issuer or "")
    if unit is not None and unit[0] not in ("tỉnh", "thành phố"):
        return f"{unit[0]} {place_key(unit[1])}"  # a district's or a commune's own numbering
    if unit is not None and unit[0] == "thành phố" and province_today(unit[1]) is None:
        return f"thành phố {place_key(unit[1])}"  # a city of a province (Hạ Long)
    name = unit[1] if unit else plan.province
    province = place_key(name)
    cited = real_date(citation.date)
    if cited is None or cited < REFORM or len(merged_into(name)) < 2:
        return province
    return f"{province}@{REFORM.isoformat()}"


def _within(pointer: str, places: set[str]) -> bool:
    """Whether `pointer` is one of `places` or below one (`""` is the whole plan)."""
    while pointer:
        if pointer in places:
            return True
        pointer = pointer.rsplit("/", 1)[0]
    return "" in places


def date_conflicts(plans: Sequence[tuple[str, Dated, Context]]) -> dict[str, list[Finding]]:
    """C105 over every plan of a run: findings by path. Linear in the citations: each
    disagreeing place names the first few others and a count."""
    by_document: dict[tuple[str, str, str], list[Place]] = {}
    for path, kept, context in plans:
        for pointer, number, date, witness, scope in kept.citations:
            key = document_key(number, scope)
            place = Place(path, pointer, number, date, context, witness)
            by_document.setdefault(key, []).append(place)
    found: dict[str, list[Finding]] = {}
    for places in by_document.values():
        for group in _by_year(places):
            for place, others in _disagreeing(group):
                found.setdefault(place.path, []).append(_finding(place, others))
    return found


def _by_year(places: list[Place]) -> list[list[Place]]:
    """Split one number's citations into documents: `50/2016/NQ-HĐND` and `50/2017/NQ-HĐND`
    are two; `80/NQ-CP` dated in 2011 is `80/2011/NQ-CP`; numbers without a year that meet
    no such match stay together (a year typed wrong must still be compared)."""
    groups: dict[int | None, list[Place]] = {}
    for place in places:
        parts = document_number(place.number)
        groups.setdefault(parts[1] if parts else None, []).append(place)
    yearless = groups.pop(None, [])
    for place in yearless:
        groups.get(place.year, groups.setdefault(None, [])).append(place)
    return list(groups.values())


def _disagreeing(places: list[Place]) -> Iterator[tuple[Place, list[Place]]]:
    """Each place whose date the others contradict, with the first few of them. Witnesses (the
    dates no plan acknowledges as wrong) decide among themselves: the date most of them give
    stands, and where two dates are as common, each is doubted. A date its plan acknowledges
    is found wherever another place differs (so its acknowledgement holds), but accuses no one."""
    if len({place.day for place in places}) < 2:
        return
    counts = Counter(place.day for place in places if place.witness)
    ranked = [*counts.most_common(2), (None, 0), (None, 0)]
    (top, most), (_, second) = ranked[0], ranked[1]
    firsts: dict[tuple[int, int, int] | str, list[Place]] = {}  # enough to name, linear
    witnesses: dict[tuple[int, int, int] | str, list[Place]] = {}
    for place in places:
        for few in (firsts, witnesses) if place.witness else (firsts,):
            kept = few.setdefault(place.day, [])
            if len(kept) <= RELATED_CAP:
                kept.append(place)
    for place in places:
        if place.witness and second and (most == second or place.day != top):
            yield place, _others(witnesses, place)
        elif not place.witness:
            yield place, _others(firsts, place)


def _others(firsts: dict[tuple[int, int, int] | str, list[Place]], place: Place) -> list[Place]:
    others = (o for day, few in firsts.items() if day != place.day for o in few)
    return list(itertools.islice(others, RELATED_CAP + 1))


def _finding(place: Place, others: list[Place]) -> Finding:
    def where(other: Place) -> Message:
        line = other.context.locate(other.pointer + "/date").line
        return Message(
            N_("{date} at {place}"), {"date": other.date, "place": f"{other.path}:{line}"}
        )

    shown = others[:RELATED_CAP]
    related = tuple(
        Related(
            other.context.locate(other.pointer + "/date"),
            "other date",
            other.path if other.path != place.path else None,
        )
        for other in shown
    )
    named: list[Message] = [where(other) for other in shown[:3]]
    if len(others) > len(shown):
        named.append(Message(N_("and others")))
    return ONE_DATE.finding(
        place.context,
        "dates",
        place.pointer + "/date",
        related=related,
        number=place.number,
        date=place.date,
        others=Listed(named, "; "),
    )
