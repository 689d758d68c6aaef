"""What `make mutation` found untested in the rules' messages and the loader's library calls:
the rule cases assert each finding's code and place; these assert its exact message too."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from p135cli.loading import LoadError, Mark, read_file
from p135cli.settings import Limits

from .rules.test_rule_cases import CASES, outcome

NOT_WHOLE = ", which is not a whole number of đồng"

MESSAGES: dict[str, list[tuple[str, int, str]]] = {
    "D101-fail": [
        (
            "D101",
            11,
            "/funding/years/2018/total/amount changed in this edit, but no amendment this edit "
            "adds lists it",
        ),
        (
            "D101",
            12,
            "/funding/years/2019/total/amount changed in this edit, but no amendment this edit "
            "adds lists it",
        ),
    ],
    "D102-fail": [
        (
            "D101",
            12,
            "/funding/years/2019/total/amount changed in this edit, but no amendment this edit "
            "adds lists it",
        ),
        ("D102", 17, "the amendment lists /funding/total, which this edit does not change"),
    ],
    "D103-fail": [
        (
            "D103",
            8,
            "the amendment 100/QĐ-UBND is dated 15/3/2016, before the plan itself (17/01/2017)",
        ),
    ],
    "R101-fail-village": [
        (
            "R105",
            2,
            "Tỉnh thử is not a province p135 has a list of, so the names of "
            "its districts and communes are not checked",
        ),
        ("R101", 18, "village 'thôn 3' leaves the list again (first at line 13)"),
    ],
    "T105-fail": [
        (
            "T105",
            14,
            "target 'sample': the part 'hộ khó khăn' is 1.200, more than the whole 1.000",
        ),
    ],
    "T105-fail-just-over": [
        ("T105", 13, "target 'sample': a part is 100,5% of the whole, over 100%"),
    ],
    "T105-fail-over": [
        ("T105", 13, "target 'sample': the part 'nữ' is 120% of the whole, over 100%"),
    ],
    "T105-fail-share": [
        ("T105", 14, "target 'sample': 200 of 1.000 is 20,0%, but the plan states 25%"),
    ],
    # A whole the target qualifies gives a range of shares, not the share of its stated value.
    "T105-fail-share-about": [
        (
            "T105",
            16,
            "target 'sample': 200 of about 1.000 is between 18,2 and 22,2%, but the plan states "
            "25%",
        ),
    ],
    # A rate's message quotes the amount as the document states it, qualifier and unit
    # included, and the rate with its own unit.
    "F109-fail": [
        (
            "F109",
            13,
            "Trung ương states 7,7, but 700 triệu đồng for each of 12 xã gives 8,4 "
            "(difference +0,7)",
        )
    ],
    "F109-fail-qualified": [
        (
            "F109",
            13,
            "Trung ương states nearly 7,7, but 700 triệu đồng for each of 12 xã gives 8,4 "
            "(difference +0,7)",
        )
    ],
    # Sums with qualified figures: the range each side lies in, the qualifiers, the unit hint.
    "F101-fail-qualified": [
        (
            "F101",
            9,
            "the sum of the sources lies above 28,9 and below 29,1, but the total states more "
            "than 29,2, which lies above 29,2 and below 29,3: the two do not meet (qualified: the "
            "total more than 29,2; vốn đầu tư nearly 21,5; vốn sự nghiệp more than 7,5)",
        ),
    ],
    # With a tolerance, the message credits it only where the qualifiers alone fall short.
    "F101-info-tolerance-qualified": [
        (
            "F110",
            11,
            "the sum of the sources is 10,15, not 10,0; it holds as the qualifiers and the "
            "tolerance of 0,1 allow: more than 10,0 lies above 10 and below 10,1, the parts at "
            "10,15 (qualified: the total more than 10,0)",
        ),
    ],
    "F101-info-qualifiers-allow-tolerance": [
        (
            "F110",
            11,
            "the sum of the sources is 10,5, not 10; it holds as the qualifiers allow: more than "
            "10 lies above 10 and below 20, the parts at 10,5 (qualified: the total more than 10)",
        ),
    ],
    "F110-info-sum": [
        (
            "F110",
            10,
            "the sum of the sources is 29,3, not 29,2; it holds as the qualifiers allow: more "
            "than 29,2 lies above 29,2 and below 29,3, the parts above 29,1 and below 29,3 "
            "(qualified: the total more than 29,2; vốn đầu tư nearly 21,7; vốn sự nghiệp nearly "
            "7,6)",
        ),
    ],
    "F102-fail-qualified": [
        (
            "F102",
            9,
            "the sum of the years lies at 10, but the total states more than 10, which lies above "
            "10 and below 20: the two do not meet (qualified: the total more than 10)",
        ),
    ],
    "F103-fail-qualified": [
        (
            "F103",
            11,
            "the sum of the parts of 2017 lies at 10, but 2017 states more than 10, which lies "
            "above 10 and below 20: the two do not meet (qualified: 2017 more than 10)",
        ),
    ],
    "F104-fail-qualified": [
        (
            "F104",
            10,
            "the sum of P over the years lies at 10, but A states more than 10, which lies "
            "above 10 and below 20: the two do not meet (qualified: A more than 10)",
        ),
    ],
    "F100-fail-unit": [
        (
            "F100",
            13,
            "B states 800, 1.000 times what every other figure implies (0,8): "
            "written without its unit, as 800 triệu đồng, it explains: the sources "
            "(F101); Q over the years (F104)",
        ),
    ],
    "F120-fail-qualified": [
        (
            "F120",
            9,
            "the sum of the components lies at 10, but the total states more than 10, which lies "
            "above 10 and below 20: the two do not meet (qualified: the total more than 10)",
        ),
    ],
    "B101-fail-qualified": [
        (
            "B101",
            11,
            "the bands of 'criteria' count 208 xã, but the whole is 207: the two do not meet",
        ),
    ],
    "B102-fail-qualified": [
        (
            "B102",
            21,
            "15-18 tiêu chí: the share of about 8 in 207 lies at 3,86%, but the plan states 3,4%",
        ),
    ],
    # The whole the share divides by is named as the document writes it and as the bands put it.
    "B102-fail-qualified-whole": [
        (
            "B102",
            17,
            "15-18 tiêu chí: the share of 8 in about 200 (the bands' counts put it at 207) "
            "lies at 3,86%, but the plan states 5,2%",
        ),
    ],
    # A qualified count is a whole number: the nearest one it allows is the expected figure.
    "R103-fail-nearly": [
        (
            "R105",
            3,
            "Tỉnh thử is not a province p135 has a list of, so the names of "
            "its districts and communes are not checked",
        ),
        ("R103", 12, "2018 states nearly 4 communes but names 4"),
    ],
    # Communes counted by a qualified figure in a year that names villages but no commune:
    # counted, not named.
    "R104-fail-qualified-count-villages-named": [
        (
            "R105",
            4,
            "Tỉnh thử is not a province p135 has a list of, so the names of "
            "its districts and communes are not checked",
        ),
        (
            "R104",
            10,
            "by 2020 the roadmap's years count 3 communes, but the goal is 10: the two do not meet",
        ),
    ],
    "R104-fail-qualified-year": [
        (
            "R104",
            9,
            "by 2020 the roadmap's years count between 11 and 20 villages, but the goal is 10: "
            "the two do not meet",
        ),
    ],
    "R104-fail-qualified-goal": [
        (
            "R104",
            9,
            "by 2020 the roadmap's years count 30 communes, but the goal is about 40, which lies "
            "between 36 and 44: the two do not meet",
        ),
    ],
    "F101-fail-nearly-one-digit": [
        (
            "F101",
            10,
            "the sum of the sources lies at 2, but the total states nearly 10, which lies above 9 "
            "and below 10: the two do not meet (qualified: the total nearly 10)",
        ),
    ],
    "P101-fail-qualified": [
        (
            "P101",
            12,
            "vốn đầu tư: nearly 21,7 of more than 29,2 lies between 73,72 and 74,32%, but the "
            "plan states 75,0%",
        ),
    ],
    # Qualified figures are quoted as written, the qualifier in the run's language.
    "F107-fail-qualified": [
        ("F107", 20, "2017 Ngân sách tỉnh: more than 10,0 allocated against a need of nearly 10,0"),
    ],
    "F100-fail-rate-confirmed": [
        (
            "F100",
            11,
            "4 figures could each explain the components (F120), and the document alone cannot "
            "tell which: the total states 10 and, if it alone is wrong, should be 9 (difference "
            "+1); the others: B, xã, thôn; C, xã, thôn; D, xã",
        ),
    ],
    # A qualified whole is named with where it lies.
    "B101-fail-qualified-whole": [
        (
            "B101",
            11,
            "the bands of 'criteria' count 320 xã, but the whole is more than 200, which lies "
            "between 201 and 300: the two do not meet",
        ),
    ],
    # Where a count has no most, the bands' own values bound the average.
    "B103-fail-unbounded": [
        ("B103", 20, "'criteria' states an average of 25, but its bands allow only 11,27 to 19,00"),
    ],
    "R104-fail-one": [
        (
            "R105",
            4,
            "Tỉnh thử is not a province p135 has a list of, so the names of "
            "its districts and communes are not checked",
        ),
        ("R104", 10, "the roadmap names 2 communes by 2020, but the goal is 3"),
        ("R104", 10, "the roadmap names 1 village by 2020, but the goal is 2"),
        ("R103", 13, "2018 states 1 commune but names 2"),
    ],
    "F110-info-rate": [
        (
            "F110",
            14,
            "Hạ tầng states nearly 8, and 700 triệu đồng for each of 11 xã gives 7,7: they agree "
            "as the qualifiers allow",
        ),
    ],
    "R104-fail-thousands": [
        (
            "R104",
            10,
            "by 2020 the roadmap's years count between 1.201 and 1.300 villages, but the goal is "
            "about 1.500, which lies between 1.450 and 1.550: the two do not meet",
        ),
    ],
    "R104-fail-exactly": [("R104", 9, "the roadmap names 9 villages by 2020, but the goal is 10")],
    "F107-fail-units": [
        (
            "F107",
            22,
            "2017 Ngân sách tỉnh: 1.150 triệu đồng allocated against a need of about 1 tỷ đồng",
        ),
    ],
    "B103-fail-qualified": [
        (
            "B103",
            21,
            "'criteria' states an average of 14,5, but its bands allow only 11,31 to 13,77",
        ),
    ],
    # Each kind of figure under its own label, at its own line.
    "F108-fail-every-figure": [
        ("F108", 12, "the total states 3,5 đồng" + NOT_WHOLE),
        ("F108", 16, "Nguồn A states 1,5 đồng" + NOT_WHOLE),
        ("F108", 19, "Huyện X states 0,5 đồng" + NOT_WHOLE),
        ("F108", 25, "the rate of Nguồn B states 0,5 đồng" + NOT_WHOLE),
        ("F108", 29, "2018 total states 3,5 đồng" + NOT_WHOLE),
        ("F108", 33, "2018 Phần P states 1,5 đồng" + NOT_WHOLE),
        ("F108", 36, "Huyện U states 0,5 đồng" + NOT_WHOLE),
        ("F108", 42, "2018 Phần Q allocated states 1,5 đồng" + NOT_WHOLE),
        ("F108", 47, "Hạ tầng states 1,5 đồng" + NOT_WHOLE),
        ("F108", 50, "Huyện S states 0,5 đồng" + NOT_WHOLE),
    ],
    # The categories of F104, and sums that hold or fail as their qualifiers allow.
    "F104-fail-empty": [
        (
            "F104",
            17,
            "category 'p' stands for no source, so nothing checks it",
        ),
    ],
    "F104-fail-repeated": [
        (
            "F104",
            17,
            "category 'p' names source 'a' twice: it would be counted twice",
        ),
    ],
    "F104-fail-shared": [
        (
            "F104",
            17,
            "source 'a' stands in category 'p' already: a source belongs to one "
            "category, or the sums count it twice",
        ),
    ],
    "F104-fail-unknown": [
        (
            "F104",
            18,
            "category 'p' stands for 'zz', which is not a funding source",
        ),
    ],
    "F104-fail": [
        (
            "F104",
            10,
            "the sum of P over the years is 10,0, but A states 4,0 (difference +6,0)",
        ),
    ],
    "F104-fail-two-sources": [
        (
            "F104",
            10,
            "the sum of P over the years is 10,0, but A + B states 9,0 (difference +1,0)",
        ),
    ],
    "F104-info-qualifiers-allow": [
        (
            "F110",
            11,
            "the sum of P over the years is 10,1, not 10,0; it holds as the qualifiers allow: "
            "more than 10,0 lies above 10 and below 10,1, the parts above 10 and below 10,1 "
            "(qualified: A more than 10,0; 2018 P nearly 6,1)",
        ),
    ],
    "F102-info-qualifiers-allow": [
        (
            "F110",
            10,
            "the sum of the years is 10,1, not 10,0; it holds as the qualifiers allow: more than "
            "10,0 lies above 10 and below 10,1, the parts above 10 and below 10,1 (qualified: the "
            "total more than 10,0; 2018 nearly 6,1)",
        ),
    ],
    "F103-info-qualifiers-allow": [
        (
            "F110",
            11,
            "the sum of the parts of 2017 is 10,1, not 10,0; it holds as the qualifiers allow: "
            "more than 10,0 lies above 10 and below 10,1, the parts above 10 and below 10,1 "
            "(qualified: 2017 more than 10,0; 2017 Q nearly 6,1)",
        ),
    ],
    "F120-info-qualifiers-allow": [
        (
            "F110",
            9,
            "the sum of the components is 10,1, not 10,0; it holds as the qualifiers allow: more "
            "than 10,0 lies above 10 and below 10,1, the parts above 10 and below 10,1 "
            "(qualified: the total more than 10,0; B nearly 6,1)",
        ),
    ],
    "P103-fail": [
        (
            "P103",
            13,
            "the sum of the split of Ngân sách Trung ương is 1.618, but Ngân sách "
            "Trung ương states 1.582 (difference +36)",
        ),
    ],
    "P103-fail-unit": [
        (
            "P103",
            12,
            "the sum of the split of Hạ tầng lies above 742,1 and below 823,4, but Hạ tầng states "
            "more than 23, which lies above 23 and below 24: the two do not meet (qualified: Hạ "
            "tầng more than 23; huyện Sơn Hòa nearly 6,8; huyện Sông Hinh more than 8,7; huyện "
            "Đồng Xuân more than 5,7; huyện Phú Hòa nearly 800; TX Sông Cầu more than 1)",
        ),
    ],
    "P103-info-qualifiers-allow": [
        (
            "F110",
            12,
            "the sum of the split of A is 10,1, not 10,0; it holds as the qualifiers allow: more "
            "than 10,0 lies above 10 and below 10,1, the parts above 10 and below 10,1 "
            "(qualified: A more than 10,0; Y nearly 6,1)",
        ),
    ],
}
BY_NAME = {case.stem: case for case in CASES}
FIGURES: dict[str, list[tuple[str, Decimal | None, Decimal | None]]] = {
    "T105-fail": [("T105", Decimal(1000), Decimal(1200))],
    # A qualified count's expected figure is the nearest whole number it allows.
    "R103-fail-nearly": [("R105", None, None), ("R103", Decimal(3), Decimal(4))],
    "R103-fail-qualified": [("R105", None, None), ("R103", Decimal(4), Decimal(3))],
    # R104 against a range: the nearest ends of the two, on either side.
    "R104-fail-qualified-year": [("R104", Decimal(10), Decimal(11))],
    "R104-fail-qualified-goal": [("R104", Decimal(36), Decimal(30))],
    "P101-fail-qualified": [("P101", Decimal("74.3"), Decimal("75.0"))],
    "F107-fail-qualified": [("F107", None, None)],
    "F107-fail": [("F107", Decimal("326.641"), Decimal("400.0"))],
    # Ranges that do not meet: the nearest ends of the two, their difference the gap.
    "F101-fail-nearly-one-digit": [("F101", Decimal(9), Decimal(2))],
    "B101-fail-qualified": [("B101", Decimal(207), Decimal(208))],
    "B104-fail-qualified": [("B104", Decimal(77), Decimal(78))],
    "B101-fail-qualified-whole": [("B101", Decimal(300), Decimal(320))],
}


@pytest.mark.parametrize("name", sorted(MESSAGES))
def test_each_finding_of_the_case_says_exactly_this(name: str) -> None:
    findings = outcome(BY_NAME[name]).findings
    shown = [(f.code, f.location.line if f.location else 0, f.message) for f in findings]
    assert shown == MESSAGES[name]


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_each_finding_of_the_case_carries_these_figures(name: str) -> None:
    findings = outcome(BY_NAME[name]).findings
    assert [(f.code, f.expected, f.actual) for f in findings] == FIGURES[name]


def test_read_file_applies_the_limits_it_is_given(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text("a:\n  b:\n    c: 1\n", encoding="utf-8")
    assert read_file(path).root == {"a": {"b": {"c": "1"}}}
    with pytest.raises(LoadError) as caught:
        read_file(path, Limits(max_depth=2))
    problem = caught.value.problem
    assert (problem.code, problem.message, problem.mark) == (
        "Y005",
        "the file nests deeper than 2 levels",
        Mark(3, 5),
    )


def test_a_citation_with_many_dates_names_three_places_and_relates_five() -> None:
    case = BY_NAME["C105-fail-many"]
    first, *_ = outcome(case).findings
    assert first.message == (
        f"01/CT-TTg is dated 01/01/2017 here, but 02/01/2017 at {case}:16; "
        f"03/01/2017 at {case}:21; 04/01/2017 at {case}:26; and others"
    )
    assert [(r.location.line, r.location.column, r.role) for r in first.related] == [
        (line, 11, "other date") for line in (16, 21, 26, 31, 36)
    ]


def test_a_sum_names_the_figure_typed_without_its_unit_on_either_side() -> None:
    """The slip may be the whole (the total typed in triệu đồng) as well as a part."""
    (finding,) = outcome(BY_NAME["F101-fail-unit-total"]).findings
    assert finding.hint_text == (
        "the total states 10.800: as 10.800 triệu đồng the sum holds. Is its unit missing?"
    )


@pytest.mark.parametrize(
    ("name", "hint"),
    [
        (
            "F101-fail-unit-tolerance",
            "B states 800,01: as 800,01 triệu đồng the sum holds. Is its unit missing?",
        ),
        (
            "F101-fail-unit-total-tolerance",
            "the total states 10.800,01: as 10.800,01 triệu đồng the sum holds. "
            "Is its unit missing?",
        ),
    ],
)
def test_a_unit_slip_is_found_within_the_tolerance(name: str, hint: str) -> None:
    (finding,) = outcome(BY_NAME[name]).findings
    assert finding.hint_text == hint
