"""Official administrative units: whether a province, district or commune a plan names existed
on the plan's date, and what it became.

The lists (src/p135cli/admin_units/) are derived from the `vietnamadminunits` package (MIT; see
the folder's README): every commune of the 63 provinces with its district as they stood before
the 2025 reform, and the 3,321 communes of the 34 provinces after it. They are one state in
time, not a history: a change between a plan's date and that state is known, with its date and
resolution, only where `changes.tsv` records it (checked by hand against the resolution); the
package's former names (accentless, undated) are a hint that a name may be an older one.

A name is compared as a Vietnamese reader reads it: `names.identity` (NFC, case, spacing, both
tone placements) after the unit's type ("Xã", "Thị trấn", "Huyện", "Thành phố"…), leading zeros
("Phường 01") and look-alike punctuation (`Ð` for `Đ`, curly apostrophes, dashes) are folded.
Accents are never folded away when deciding (Trực Hùng and Trực Hưng are two communes): a name
that matches only without them is a suggestion.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from p135cli.names import bare, identity

DATA = Path(__file__).parent / "admin_units"
REFORM = datetime.date(2025, 7, 1)
"""The two-tier local government: from this day there are no districts, and p135 reads a
plan's communes against the list after the reform."""

_TYPES = re.compile(
    r"^(?:(?:tỉnh|thành phố|quận|huyện|thị xã|xã|thị trấn|phường|đặc khu)\s+"
    r"|(?:tp|tx|tt|p|x|q|h)\.\s*|(?:tp|tx|tt)\s+)+",
    re.IGNORECASE,
)
"""The types a name may start with, written out or abbreviated (`TP.Hạ Long`, `P. Hồng Hà`),
once or more: matched in one pass, so a name of many repeated words costs linear time."""
_LEADING_ZEROS = re.compile(r"\b0+(?=\d)")
_FOLDED = str.maketrans(
    {"Ð": "Đ", "ð": "đ", "’": "'", "‘": "'", "ʼ": "'", "–": " ", "—": " ", "-": " "}
)
"""Look-alike letters and apostrophes written one way; a dash is a space (`Bà Rịa - Vũng Tàu`
and `Bà Rịa Vũng Tàu` are one province)."""


def _stripped(name: str) -> str:
    """`name` with look-alike punctuation folded, without its type and leading zeros."""
    text = " ".join(name.translate(_FOLDED).split())
    stripped = _TYPES.sub("", text, count=1)
    return _LEADING_ZEROS.sub("", stripped or text)


@functools.lru_cache(maxsize=65536)
def place_key(name: str) -> str:
    """The form two unit names are compared in: `Xã Hoà Bình`, `hòa bình` and `Hoà  Bình` are
    one; `Phường 01` and `Phường 1` are one; `Ðồng` (Icelandic eth) is `Đồng`."""
    return identity(_stripped(name))


@functools.lru_cache(maxsize=65536)
def plain_key(name: str) -> str:
    """`place_key` without accents or spaces, as the package writes former names
    (`xatinhhuc` and `tinhhuc` for Xã Tình Húc): only ever a suggestion."""
    return bare(_stripped(name)).replace(" ", "")


class Unit(NamedTuple):
    """A commune of the list, with its district (none after the reform), its code, and the
    commune of today it became (the package's default where it was divided)."""

    district: str
    commune: str
    code: str
    today: str = ""
    today_province: str = ""
    was: tuple[str, ...] = ()
    """Its former names, accentless (the package's `wardAlias`)."""


class Change(NamedTuple):
    """A unit merged, renamed or moved to another district on `effective`, by `resolution`."""

    effective: datetime.date
    resolution: str
    province: str
    district: str
    commune: str
    """Empty when the whole district changed (its communes moved with their names)."""
    to_district: str
    to_commune: str
    codes: tuple[str, str] | None = None
    """For a whole district: the first and last code of the communes it held (GSO codes,
    which moved with them), so that only those are taken to have moved; codes are stable
    only within the list before the 2025 reform."""

    def held(self, unit: Unit) -> bool:
        """Whether `unit` was one of the communes of the district that changed whole."""
        return self.codes is None or self.codes[0] <= unit.code.zfill(5) <= self.codes[1]


class Verdict(NamedTuple):
    """What the lists say of a name on a date: `official`; `changed` (official, and changed
    by `change` after the date); `gone` (changed by `change` on or before the date);
    `former` (not in the list, but the former name of `unit`, undated); `unknown` (not in the
    list: `suggestions` are the nearest names)."""

    status: str
    unit: Unit | None = None
    change: Change | None = None
    suggestions: tuple[str, ...] = ()


class Province:
    """One province's list: its units by district and commune, and the changes on record.
    (Named tuples and a plain class: each dataclass costs every start of `validate` most of a
    millisecond, and these are defined whenever the rules are.)"""

    def __init__(self, name: str, units: list[Unit], changes: list[Change] | None = None) -> None:
        self.name = name
        self.units = units
        self.changes = changes or []
        self.by_place: dict[tuple[str, str], Unit] = {}
        self.districts: dict[str, str] = {}
        """Each district's key and its name as the list writes it."""
        for unit in self.units:
            self.by_place.setdefault((place_key(unit.district), place_key(unit.commune)), unit)
            self.districts.setdefault(place_key(unit.district), unit.district)

    def district(self, name: str, on: datetime.date) -> Verdict:
        """Whether district `name` existed on `on`."""
        key = place_key(name)
        for change in self.changes:
            if not change.commune and place_key(change.district) == key:
                return Verdict("changed" if change.effective > on else "gone", change=change)
        if key in self.districts:
            return Verdict("official")
        return Verdict("unknown", suggestions=_nearest(name, self.districts.values()))

    def commune(self, district: str | None, name: str, on: datetime.date) -> Verdict:
        """Whether commune `name` (of `district`, before the reform) existed on `on`."""
        where, key = place_key(district or ""), place_key(name)
        for change in self.changes:
            if place_key(change.district) != where:
                continue
            status = "changed" if change.effective > on else "gone"
            if place_key(change.commune) == key:
                return Verdict(status, change=change)
            moved = self.by_place.get((place_key(change.to_district), key))
            if not change.commune and moved is not None and change.held(moved):
                return Verdict(status, unit=moved, change=change)
        unit = self.by_place.get((where, key)) if district else self._anywhere(key)
        if unit is not None:
            return Verdict("official", unit=unit)
        return self._not_listed(where if district else None, name)

    def today(self, district: str | None, name: str, on: datetime.date) -> Unit | None:
        """The unit of the list that commune `name` (of `district`) was or became on the
        list's date, with its commune of today: None when the list does not know it."""
        verdict = self.commune(district, name, on)
        change = verdict.change
        if change is not None and change.commune:  # merged into another commune
            return self.by_place.get((place_key(change.to_district), place_key(change.to_commune)))
        return verdict.unit

    def kept(self, unit: Unit) -> bool:
        """Whether `unit` stayed a commune of its own name in the 2025 reform (no other
        commune merged into it); the package says so only by where each commune went."""
        if place_key(unit.today) != place_key(unit.commune):
            return False
        return sum(place_key(other.today) == place_key(unit.today) for other in self.units) == 1

    def _anywhere(self, key: str) -> Unit | None:
        return next((u for (_d, c), u in self.by_place.items() if c == key), None)

    def _not_listed(self, where: str | None, name: str) -> Verdict:
        plain = plain_key(name)
        near = [u for u in self.units if where is None or place_key(u.district) == where]
        for unit in near:
            if plain in unit.was:
                return Verdict("former", unit=unit)
        names = [unit.commune for unit in (near or self.units)]
        return Verdict("unknown", suggestions=_nearest(name, names))


def _nearest(name: str, names: Iterable[str], most: int = 3) -> tuple[str, ...]:
    """The listed names closest to `name`: those equal without accents first, then the most
    alike by letters (difflib), at most `most`."""
    import difflib  # only for a name the list does not hold: not on every start

    listed = list(dict.fromkeys(names))
    plain = plain_key(name)
    same = [n for n in listed if plain_key(n) == plain]
    keys = {place_key(n): n for n in listed}
    alike = difflib.get_close_matches(place_key(name), list(keys), n=most, cutoff=0.75)
    found = dict.fromkeys([*same, *(keys[k] for k in alike)])
    return tuple(found)[:most]


# --- the lists --------------------------------------------------------------------------------


def _rows(path: Path) -> list[dict[str, str]]:
    import csv  # only for a plan of a province p135 has a list of

    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream, delimiter="\t"))


@functools.cache
def _provinces() -> dict[str, dict[str, str]]:
    """Each province before the reform by `place_key`: its list's file and today's province."""
    return {place_key(row["short"]): row for row in _rows(DATA / "provinces.tsv")}


@functools.cache
def _today() -> dict[str, str]:
    """The provinces after the reform by `place_key` of their names: their lists' files."""
    names = {row["today"] for row in _provinces().values()}
    return {place_key(name): plain_key(name) for name in names}


FORMERLY = {"Thừa Thiên Huế": "Huế"}
"""Provinces the package's list knows by a later name only (Thừa Thiên Huế became the city of
Huế on 01/01/2025): the name a plan of before then wrote, and the list's."""


def _province_row(name: str) -> dict[str, str] | None:
    rows = _provinces()
    later = {place_key(old): new for old, new in FORMERLY.items()}.get(place_key(name))
    return rows.get(place_key(name)) or (rows.get(place_key(later)) if later else None)


@functools.cache
def _changes() -> tuple[Change, ...]:
    return tuple(_change(row) for row in _rows(DATA / "changes.tsv"))


def _change(row: dict[str, str]) -> Change:
    effective = datetime.date.fromisoformat(row["effective"])
    district, commune = row["district"], row["commune"]
    to = (row["to_district"], row["to_commune"])
    first, _, last = row.get("codes", "").partition("-")
    codes = (first.zfill(5), (last or first).zfill(5)) if first else None
    return Change(effective, row["resolution"], row["province"], district, commune, *to, codes)


class OwnList:
    """A list of units a user gives (`--units FILE`): the statistics office's list as it
    stood on `on`, read by `p135cli.units_file`. Each row is (province, district, commune,
    code); the district is empty in a list of after the 2025 reform. Equal, and hashed, by
    its date and rows (`digest`), which the cache's key holds too."""

    def __init__(
        self, source: str, on: datetime.date, rows: tuple[tuple[str, str, str, str], ...]
    ) -> None:
        import hashlib

        self.source = source
        self.on = on
        self.rows = rows
        text = "\n".join("\t".join(row) for row in rows)
        self.digest = hashlib.blake2b(f"{on}\n{text}".encode(), digest_size=16).hexdigest()
        self.provinces = frozenset(place_key(row[0]) for row in rows)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, OwnList) and other.digest == self.digest

    def __hash__(self) -> int:
        return hash(self.digest)

    def __repr__(self) -> str:
        return f"OwnList({self.source!r}, {self.on}, {len(self.rows)} rows)"


def province(
    name: str,
    on: datetime.date,
    own: OwnList | None = None,
    *,
    document: datetime.date | None = None,
) -> Province | None:
    """The list of province `name` as of `on`: the user's own list where it holds the
    province and is of the same time (`own_applies`), else p135's. A `document` of after
    the reform read as of a day before it (its roadmap's earlier years) names units of every
    province that became part of its own: their lists are read as one."""
    if own is not None and own_applies(own, name, on):
        return _own_province(own, name)
    if document is not None and document >= REFORM > on:
        return _merged(name, on)
    return _province(name, on)


@functools.lru_cache(maxsize=16)
def _merged(name: str, on: datetime.date) -> Province | None:
    """The lists, as of `on` (before the reform), of the provinces that became part of
    province `name` (none known: the province itself under that name)."""
    parts = [p for p in (_province(each, on) for each in merged_into(name)) if p is not None]
    if not parts:
        return _province(name, on)
    units = [unit for part in parts for unit in part.units]
    return Province(name, units, [change for part in parts for change in part.changes])


def own_applies(own: OwnList, name: str, on: datetime.date) -> bool:
    """Whether the user's list stands for the province's units on `on`: it holds the
    province, it is on the same side of the 2025 reform, and no change p135 records for
    the province falls between the two dates (the list is exact on its own date; near it,
    only as far as p135 knows of no change)."""
    key = place_key(name)
    if key not in own.provinces or (on >= REFORM) != (own.on >= REFORM):
        return False
    first, last = sorted((on, own.on))
    return not any(
        place_key(change.province) == key and first < change.effective <= last
        for change in _changes()
    )


@functools.lru_cache(maxsize=8)
def _own_province(own: OwnList, name: str) -> Province:
    key = place_key(name)
    units = [
        Unit(district, commune, code)
        for province_name, district, commune, code in own.rows
        if place_key(province_name) == key
    ]
    if own.on >= REFORM:
        return Province(name, units)
    changes = [c for c in _changes() if place_key(c.province) == key]
    return Province(name, units, changes)


@functools.lru_cache(maxsize=128)
def _province(name: str, on: datetime.date) -> Province | None:
    """The list of province `name` as p135 knows it for a document of `on`: before the
    reform its districts and communes (with the changes on record), from it its communes;
    None when p135 has no such province."""
    key = place_key(name)
    if on >= REFORM:
        known = _today().get(key)
        if known is None:
            return None
        rows = _rows(DATA / "from-2025" / f"{known}.tsv")
        return Province(name, [Unit("", row["commune"], row["code"]) for row in rows])
    row = _province_row(name)
    if row is None:
        return None
    key = place_key(row["short"])
    units = [_unit(r) for r in _rows(DATA / "before-2025" / f"{row['file']}.tsv")]
    changes = [c for c in _changes() if place_key(c.province) == key]
    return Province(row["province"], units, changes)


def _unit(row: dict[str, str]) -> Unit:
    was = tuple(filter(None, row["was"].split(",")))
    return Unit(
        row["district"], row["commune"], row["code"], row["today"], row["today_province"], was
    )


BEFORE_REFORM = REFORM - datetime.timedelta(days=1)


def today_of(
    province_name: str,
    district: str | None,
    name: str,
    on: datetime.date,
    document: datetime.date | None = None,
) -> str:
    """The commune of today that commune `name` (of `district`), read as of `on` in a
    document of `document`, is part of, by p135's lists; empty when they do not know it."""
    listed = province(province_name, on, document=document)
    if listed is None:
        return ""
    if on >= REFORM:
        return name if listed.commune(None, name, on).status == "official" else ""
    unit = listed.today(district, name, on)
    return unit.today if unit is not None else ""


def reorganized(province_name: str, district: str | None, name: str, on: datetime.date) -> str:
    """The commune of today that commune `name` of before the reform became part of on
    01/07/2025; empty when p135's list does not know it or it stayed a commune of its own
    name that no other joined."""
    listed = _province(province_name, min(on, BEFORE_REFORM))
    unit = listed.today(district, name, on) if listed is not None else None
    if unit is None or not unit.today or listed is None or listed.kept(unit):
        return ""
    return unit.today


def nearest_province(name: str, on: datetime.date) -> tuple[str, ...]:
    """The provinces p135 knows for a document of `on` whose names are near `name`: a
    misspelling's suggestions (none for a name far from every province)."""
    return _nearest(name, known_provinces(on))


def province_today(name: str) -> str | None:
    """The province of today a province of before the 2025 reform became part of."""
    row = _province_row(name)
    return row["today"] if row else None


def merged_into(name: str) -> list[str]:
    """The provinces of before the 2025 reform that became part of province `name` (its own
    former self included), as the list names them (short names: Hòa Bình, Phú Thọ)."""
    key = place_key(name)
    return [row["short"] for row in _provinces().values() if place_key(row["today"]) == key]


def known_provinces(on: datetime.date) -> list[str]:
    """The provinces p135 has a list of for a document of `on`, as the lists name them."""
    if on >= REFORM:
        return sorted({row["today"] for row in _provinces().values()})
    return [row["short"] for row in _provinces().values()]
