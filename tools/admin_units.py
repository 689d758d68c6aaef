"""Derive p135's lists of administrative units from the `vietnamadminunits` package.

    python tools/admin_units.py PATH/TO/vietnamadminunits/data

reads the package's `dataset.db` (its SQLite tables `admin_units_legacy`, the 63 provinces'
districts and communes as they stood before the 2025 reform, and `admin_units`, the 34
provinces' communes after it) and `converter_2025.json` (which commune of today each earlier
one became), and writes src/p135cli/admin_units/: `provinces.tsv`, one file a province under
`before-2025/` and `from-2025/`. The files are committed: p135 reads them at run time and does
not depend on the package (which pulls shapely, geopy and tqdm for what p135 does not use).

Get the package from the registry, e.g. `pip download --no-deps vietnamadminunits==1.0.4` and
unzip the wheel; the version used is written into the README of the folder by hand.
"""

from __future__ import annotations

import csv
import json
import sqlite3
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src" / "p135cli" / "admin_units"


def key(text: str) -> str:
    """A file name for a province: its short name without marks or spaces (Quảng Ninh:
    quangninh), as the package keys it."""
    text = text.replace("đ", "d").replace("Đ", "D")
    plain = unicodedata.normalize("NFD", text)
    return "".join(c for c in plain if c.isalnum() and not unicodedata.combining(c)).lower()


def former(aliases: str | None, own: str) -> str:
    """The package's former names of a unit (accentless keys such as `xatinhhuc`), without
    the unit's own keys, joined by `,`."""
    found = json.loads(aliases) if aliases else []
    return ",".join(sorted({a for a in found if a != own}))


def today_of(data: Path) -> dict[str, str]:
    """Each earlier commune's key (`province_district_commune`) and its commune of today (the
    package's default where the commune was divided), as `new-province-key|new-ward-key`."""
    converter = json.loads((data / "converter_2025.json").read_text(encoding="utf-8"))
    became: dict[str, str] = {}
    for province, wards in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for ward, earlier in wards.items():
            for one in earlier:
                became[one] = f"{province}|{ward}"
    for province, divided in converter["DICT_PROVINCE_WARD_DIVIDED"].items():
        for one, wards in divided.items():
            default = next((w["newWardKey"] for w in wards if w["isDefaultNewWard"]), None)
            if default:
                became.setdefault(one, f"{province}|{default}")
    return became


def write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as stream:
        out = csv.writer(stream, delimiter="\t", lineterminator="\n")
        out.writerow(header)
        out.writerows(rows)


def main(data: Path) -> None:
    db = sqlite3.connect(data / "dataset.db")
    became = today_of(data)
    today = {
        f"{p}|{w}": (ward, short)
        for p, w, ward, short in db.execute(
            "select provinceKey, wardKey, ward, provinceShort from admin_units"
        )
    }
    provinces: dict[str, set[str]] = defaultdict(set)
    before: dict[str, list[list[str]]] = defaultdict(list)
    query = (
        "select province, provinceShort, district, ward, wardCode, provinceKey, districtKey,"
        " wardKey, districtAlias, wardAlias, districtShortKey, wardShortKey"
        " from admin_units_legacy where ward is not null order by wardCode"
    )
    for row in db.execute(query):
        province, short, district, ward, code, pkey, dkey, wkey = row[:8]
        dalias, walias, dshort, wshort = row[8:]
        now = today.get(became.get(f"{pkey}_{dkey}_{wkey}", ""), ("", ""))
        provinces[province].add(now[1])
        before[short].append(
            [district, ward, code, now[0], now[1], former(dalias, dshort), former(walias, wshort)]
        )
    header = ["district", "commune", "code", "today", "today_province", "district_was", "was"]
    for short, rows in before.items():
        write(OUT / "before-2025" / f"{key(short)}.tsv", header, rows)
    after: dict[str, list[list[str]]] = defaultdict(list)
    for short, ward, code in db.execute(
        "select provinceShort, ward, wardCode from admin_units order by wardCode"
    ):
        after[short].append([ward, code])
    for short, rows in after.items():
        write(OUT / "from-2025" / f"{key(short)}.tsv", ["commune", "code"], rows)
    names = db.execute(
        "select distinct province, provinceShort from admin_units_legacy order by provinceCode"
    )
    listed = [
        [full, short, key(short), ",".join(sorted(provinces[full] - {""}))] for full, short in names
    ]
    write(OUT / "provinces.tsv", ["province", "short", "file", "today"], listed)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
