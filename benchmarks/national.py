"""A deterministic national set of plans: what a national office would check in one run.

63 provinces, each plan with 10-80 communes and up to 40 villages leaving the list over three
years, 2-9 funding sources in 1-3 yearly categories over four years, targets, outputs and
citations, about 15 KB a file. Every sum is exact and every citation agrees, so a correct
checker finds nothing: the set measures the cost of checking, not of reporting.

    python benchmarks/national.py OUT --plans 10000     # OUT/<province>/<n>.yaml
"""

from __future__ import annotations

import argparse
import csv
import functools
import random
import re
import sys
from decimal import Decimal
from pathlib import Path

PROVINCES = (
    "An Giang", "Bà Rịa - Vũng Tàu", "Bắc Giang", "Bắc Kạn", "Bạc Liêu", "Bắc Ninh", "Bến Tre",
    "Bình Định", "Bình Dương", "Bình Phước", "Bình Thuận", "Cà Mau", "Cần Thơ", "Cao Bằng",
    "Đà Nẵng", "Đắk Lắk", "Đắk Nông", "Điện Biên", "Đồng Nai", "Đồng Tháp", "Gia Lai",
    "Hà Giang", "Hà Nam", "Hà Nội", "Hà Tĩnh", "Hải Dương", "Hải Phòng", "Hậu Giang",
    "Hòa Bình", "Hưng Yên", "Khánh Hòa", "Kiên Giang", "Kon Tum", "Lai Châu", "Lâm Đồng",
    "Lạng Sơn", "Lào Cai", "Long An", "Nam Định", "Nghệ An", "Ninh Bình", "Ninh Thuận",
    "Phú Thọ", "Phú Yên", "Quảng Bình", "Quảng Nam", "Quảng Ngãi", "Quảng Ninh", "Quảng Trị",
    "Sóc Trăng", "Sơn La", "Tây Ninh", "Thái Bình", "Thái Nguyên", "Thanh Hóa",
    "Thừa Thiên Huế", "Tiền Giang", "TP Hồ Chí Minh", "Trà Vinh", "Tuyên Quang", "Vĩnh Long",
    "Vĩnh Phúc", "Yên Bái",
)  # fmt: skip
SYLLABLES = (
    "An", "Bình", "Cao", "Đồng", "Hà", "Hòa", "Hồng", "Khánh", "Lâm", "Lạc", "Minh", "Nam",
    "Ngọc", "Phú", "Phúc", "Quảng", "Sơn", "Tân", "Thanh", "Thịnh", "Thượng", "Tiến", "Trung",
    "Vân", "Việt", "Xuân", "Yên", "Đức", "Lương", "Mỹ", "Nghĩa", "Thái",
)  # fmt: skip
# Cited by every plan, always with the same date: the work of the check across plans.
NATIONAL = (
    ("Quyết định", "449/QĐ-TTg", "phê duyệt Chiến lược công tác dân tộc", "12/03/2013"),
    ("Quyết định", "1722/QĐ-TTg", "phê duyệt Chương trình giảm nghèo bền vững", "02/9/2016"),
    ("Quyết định", "900/QĐ-TTg", "phê duyệt danh sách xã đặc biệt khó khăn", "20/6/2017"),
    ("Nghị quyết", "76/2014/QH13", "về đẩy mạnh thực hiện mục tiêu giảm nghèo", "24/6/2014"),
    ("Quyết định", "582/QĐ-TTg", "phê duyệt danh sách thôn đặc biệt khó khăn", "28/4/2017"),
)
YEARS = (2017, 2018, 2019, 2020)
CATEGORY_NAMES = ("Vốn ngân sách", "Vốn huy động, xã hội hóa", "Vốn lồng ghép khác")
SOURCE_NAMES = (
    "Ngân sách Trung ương", "Ngân sách tỉnh", "Ngân sách huyện, xã", "Vốn tín dụng",
    "Vốn doanh nghiệp đầu tư", "Vốn xã hội hóa", "Vốn lồng ghép khác", "Vốn ODA",
    "Vốn nhân dân đóng góp",
)  # fmt: skip


def vi(amount: Decimal) -> str:
    """`1342.439` as a vi plan writes it: `1.342,439`."""
    whole, _, fraction = f"{amount:.3f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{grouped},{fraction}"


def split(total: int, parts: int, rng: random.Random) -> list[int]:
    """`total` (in thousandths) cut into `parts` positive pieces that add up exactly."""
    cuts = sorted(rng.sample(range(1, total), parts - 1))
    return [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)]


class Names:
    """Unique village names within one plan."""

    def __init__(self, rng: random.Random) -> None:
        self.rng, self.used = rng, set[str]()

    def next(self) -> str:
        while True:
            name = f"{self.rng.choice(SYLLABLES)} {self.rng.choice(SYLLABLES)}"
            if name not in self.used:
                self.used.add(name)
                return name


UNITS = Path(__file__).resolve().parent.parent / "src/p135cli/admin_units"
ALIASES = {"TP Hồ Chí Minh": "Hồ Chí Minh", "Thừa Thiên Huế": "Huế"}


@functools.cache
def units(province: str) -> dict[str, list[str]]:
    """The province's communes by district as p135's list has them before 2025, so that
    every place a plan names is official (no R105 on a clean plan)."""
    with (UNITS / "provinces.tsv").open(encoding="utf-8") as file:
        files = {row["short"]: row["file"] for row in csv.DictReader(file, delimiter="\t")}
    path = UNITS / "before-2025" / f"{files[ALIASES.get(province, province)]}.tsv"
    found: dict[str, list[str]] = {}
    with path.open(encoding="utf-8") as file:
        for row in csv.DictReader(file, delimiter="\t"):
            found.setdefault(row["district"], []).append(row["commune"])
    return found


class Places:
    """Official districts and communes of one province, each commune named once a plan."""

    def __init__(self, province: str, rng: random.Random, wanted: int) -> None:
        by_district = units(province)
        order = rng.sample(sorted(by_district), len(by_district))
        self.districts = order[: rng.randint(3, 9)]
        for extra in order[len(self.districts) :]:  # enough communes for the roadmap
            if sum(len(by_district[d]) for d in self.districts) >= wanted:
                break
            self.districts.append(extra)
        self.pool = [(c, d) for d in self.districts for c in by_district[d]]
        self.communes = rng.sample(self.pool, min(wanted, len(self.pool)))
        self.rng = rng

    def commune(self) -> tuple[str, str]:
        """A commune not named yet, and its district."""
        return self.communes.pop()

    def any_commune(self) -> tuple[str, str]:
        """A commune of the plan's districts, and its district (a village's)."""
        return self.rng.choice(self.pool)


def plan(number: int, seed: int = 135, realistic: bool = False) -> str:
    """Plan `number` of the national set, the same text for the same number and seed;
    `realistic`: as provinces write them (`_realistic`)."""
    rng = random.Random(seed * 1_000_003 + number)
    province = PROVINCES[number % len(PROVINCES)]
    names = Names(rng)
    places = Places(province, rng, 80)
    lines = _head(number, province, places.districts)
    lines += _targets(rng)
    lines += _roadmap(rng, names, places)
    lines += _outputs(rng)
    lines += _funding(rng)
    text = "\n".join(lines) + "\n"
    return _realistic(text, number) if realistic else text


MISDATED = ("28/4/2017", "28/4/2016")
"""582/QĐ-TTg as every plan dates it, and as one plan in fifty misdates it."""


def _realistic(text: str, number: int) -> str:
    """The plan as real provinces' plans are: a citation whose number does not carry its
    year, acknowledged (C102, every plan); a target the document leaves to be inferred (I101,
    every plan); one plan in fifty misdates a national decision every other plan cites
    (C105 across plans, acknowledged in every other such plan); one in a hundred states a
    funding total its sources do not add up to (an error)."""
    text = text.replace(
        "legal_basis:\n",
        "legal_basis:\n  - kind: Nghị quyết\n    number: 100/2005/QH13\n"
        "    title: về phê duyệt chủ trương đầu tư các chương trình mục tiêu\n"
        "    date: 12/11/2015\n    source: căn cứ\n",
        1,
    )
    text = text.replace(
        '    by: 2020\n    source: "2.2 0"',
        "    by: 2020\n    inferred: Mục 2.2 không nêu năm; hiểu là hết năm 2020 như mục tiêu"
        ' chung.\n    source: "2.2 0"',
        1,
    )
    acknowledged = [
        "  - rule: C102\n    pointer: /legal_basis/0/number\n"
        "    reason: Kế hoạch in 100/2005/QH13; nghị quyết là 100/2015/QH13."
    ]
    if number % 50 == 7:
        text = text.replace(f"date: {MISDATED[0]}", f"date: {MISDATED[1]}", 1)
        if number % 100 == 7:
            acknowledged.append(
                "  - rule: C105\n    pointer: /legal_basis/5/date\n"
                "    reason: Kế hoạch in sai năm của 582/QĐ-TTg."
            )
    if number % 100 == 42:
        text = re.sub(r'total: \{amount: "([0-9.]+),', r'total: {amount: "1\1,', text, count=1)
    return text + "\nacknowledged:\n" + "\n".join(acknowledged) + "\n"


def _head(number: int, province: str, districts: list[str]) -> list[str]:
    lines = [
        f"# National benchmark set: plan {number} (generated; every figure adds up).",
        f"province: {province}",
        "programme: Chương trình 135",
        "number_style: vi",
        "",
        "document:",
        "  kind: Quyết định",
        f"  number: {1000 + number}/QĐ-UBND",
        "  title: >-",
        "    V/v phê duyệt Đề án đưa các xã, thôn ra khỏi diện đặc biệt khó khăn, hoàn thành",
        f"    mục tiêu Chương trình 135 giai đoạn 2017 - 2020 trên địa bàn tỉnh {province}",
        f"  issuer: Ủy ban nhân dân tỉnh {province}",
        "  date: 17/8/2017",
        '  source: "Điều 1"',
        "",
        'period: {start: 2017, end: 2020, source: "5"}',
        "",
        "legal_basis:",
    ]
    for kind, code, title, date in NATIONAL:
        lines += [
            f"  - kind: {kind}",
            f"    number: {code}",
            f"    title: {title}",
            f"    date: {date}",
            "    source: căn cứ",
        ]
    lines += [
        "",
        "scope:",
        "  description: các xã khu vực III và thôn đặc biệt khó khăn của tỉnh",
        f"  district_count: {len(districts)}",
        f"  districts: [{', '.join(districts)}]",
        '  source: "1.2"',
        "",
    ]
    return lines


def _targets(rng: random.Random) -> list[str]:
    lines = ["targets:"]
    for index in range(rng.randint(14, 26)):
        value = rng.randint(50, 100)
        lines += [
            f"  - id: target_{index}",
            "    text: >-",
            f"      Có {value}% thôn có đường trục giao thông được cứng hóa đảm bảo tiêu chuẩn và",
            "      cấp kỹ thuật theo quy định của Bộ Giao thông vận tải.",
            f"    value: {value}",
            '    unit: "%"',
            "    by: 2020",
            f'    source: "2.2 {index}"',
        ]
    return [*lines, ""]


def _roadmap(rng: random.Random, names: Names, places: Places) -> list[str]:
    communes = min(rng.randint(10, 80), len(places.communes))
    villages = rng.randint(0, 60)
    by_year = [split(communes, 3, rng) if communes >= 3 else [communes, 0, 0]]
    village_years = split(villages, 3, rng) if villages >= 3 else [villages, 0, 0]
    lines = [
        "roadmap:",
        f'  goal: {{communes: {communes}, villages: {villages}, by: 2020, source: "2.1"}}',
        "  years:",
    ]
    for year, leaving, leaving_villages in zip(YEARS[1:], by_year[0], village_years, strict=True):
        counts = [f"communes: {leaving}"] + (
            [f"villages: {leaving_villages}"] if leaving_villages else []
        )
        lines += [f"    {year}:", f"      count: {{{', '.join(counts)}}}", "      communes:"]
        lines += [
            "        - {{name: {}, district: {}}}".format(*places.commune()) for _ in range(leaving)
        ]
        if leaving_villages:
            lines.append("      villages:")
            for _ in range(leaving_villages):
                commune, district = places.any_commune()
                lines.append(
                    f"        - {{name: Thôn {names.next()}, commune: {commune}, "
                    f"district: {district}}}"
                )
        lines.append(f'      source: "2.3 {year}"')
    return [*lines, ""]


def _outputs(rng: random.Random) -> list[str]:
    lines = ["outputs:"]
    for what, unit in (
        ("công trình cầu tràn", "công trình"),
        ("đường trục thôn, liên thôn", "km"),
        ("nhà văn hóa thôn, bản", "nhà"),
        ("hỗ trợ xây nhà ở cho hộ nghèo", "hộ"),
    ):
        quantity = rng.randint(3, 900)
        lines.append(f'  - {{what: "{what}", quantity: {quantity}, unit: {unit}, source: "3"}}')
    return [*lines, ""]


def _funding(rng: random.Random) -> list[str]:
    sources = rng.randint(2, 9)
    categories = rng.randint(1, min(3, sources))
    amounts = [Decimal(rng.randint(5_000, 900_000)) / 1000 for _ in range(sources)]
    owner = list(range(categories)) + [
        rng.randrange(categories) for _ in range(sources - categories)
    ]
    total = sum(amounts, Decimal(0))
    lines = [
        "funding:",
        "  unit: tỷ đồng",
        f'  total: {{amount: "{vi(total)}", source: "4.1"}}',
        "  sources:",
    ]
    for index, amount in enumerate(amounts):
        lines.append(
            f'    source_{index}: {{name: "{SOURCE_NAMES[index]}", amount: "{vi(amount)}", '
            'source: "4.2"}'
        )
    by_category = [
        sum((a for a, o in zip(amounts, owner, strict=True) if o == c), Decimal(0))
        for c in range(categories)
    ]
    yearly = [split(int(amount * 1000), len(YEARS), rng) for amount in by_category]
    lines.append("  years:")
    for column, year in enumerate(YEARS):
        parts = [Decimal(share[column]) / 1000 for share in yearly]
        lines += [
            f"    {year}:",
            f'      total: {{amount: "{vi(sum(parts, Decimal(0)))}", source: "4.3 {year}"}}',
            "      parts:",
        ]
        lines += [
            f'        category_{c}: {{name: "{CATEGORY_NAMES[c]}", amount: "{vi(part)}", '
            f'source: "4.3 {year}"}}'
            for c, part in enumerate(parts)
        ]
    lines.append("  categories:")
    for c in range(categories):
        members = ", ".join(f"source_{i}" for i, o in enumerate(owner) if o == c)
        lines.append(f"    category_{c}: {{stands_for: [{members}]}}")
    return lines


def write(folder: Path, count: int, seed: int = 135, realistic: bool = False) -> list[Path]:
    """Write plans 0..count-1 under `folder/<province number>/`; return their paths."""
    paths = []
    for number in range(count):
        path = folder / f"{number % len(PROVINCES):02d}" / f"plan-{number:05d}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(plan(number, seed, realistic), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--plans", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=135)
    parser.add_argument("--realistic", action="store_true", help="as provinces write them")
    args = parser.parse_args()
    paths = write(args.folder, args.plans, args.seed, args.realistic)
    size = sum(path.stat().st_size for path in paths)
    print(f"{len(paths)} plans, {size / len(paths) / 1024:.1f} KB a plan, in {args.folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
