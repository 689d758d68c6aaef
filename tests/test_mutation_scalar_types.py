"""What `make mutation` found untested in scalars.py: each scalar's exact message as `validate`
shows it, on its line, its bounds, and what it keeps of the value as written."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from pydantic import ValidationError

from p135cli.checking import check_file, load_plan
from p135cli.model import Figure, Plan
from p135cli.numbers import NumberStyle
from p135cli.scalars import parse_date
from p135cli.settings import Limits, Settings

MINIMAL = """\
province: Tỉnh thử
programme: Chương trình thử
number_style: vi
document: {kind: Quyết định, title: Thử, issuer: UBND tỉnh, source: "1"}
period: {start: 2017, end: 2018, source: "5"}
"""


def schema_errors(tmp_path: Path, text: str) -> list[tuple[int, str]]:
    """(line, message) of each S003 finding of the plan `text`."""
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    findings = check_file(path, Settings(), Limits()).findings
    return [(f.location.line if f.location else 0, f.message) for f in findings if f.code == "S003"]


def one_error(tmp_path: Path, text: str, line: int) -> str:
    ((at, message),) = schema_errors(tmp_path, text)
    assert at == line, message
    return message


def plan_of(tmp_path: Path, text: str) -> Plan:
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    checked, _ = load_plan(path, Limits())
    assert checked is not None and isinstance(checked.plan, Plan)
    return checked.plan


def amount(value: str) -> str:
    return MINIMAL + f"funding:\n  total: {{amount: {value}, source: '4.1'}}\n"


# Number and Percent


@pytest.mark.parametrize(
    ("value", "expected"), [("'1.342,439'", "1342.439"), ("7", "7"), ("'2,50'", "2.50")]
)
def test_amounts_are_read_exactly(tmp_path: Path, value: str, expected: str) -> None:
    funding = plan_of(tmp_path, amount(value)).funding
    assert funding is not None and funding.total is not None
    assert str(funding.total.amount) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("~", "expected a number, found nothing"),
        ("[1]", "expected a number, found a list"),
        ("{a: 1}", "expected a number, found a mapping"),
        ("true", "'true' is not a number"),
        ("010", "'010' is not a plain decimal number: a leading zero reads as octal in YAML 1.1"),
    ],
)
def test_amount_errors_name_what_was_found(tmp_path: Path, value: str, expected: str) -> None:
    assert expected in one_error(tmp_path, amount(value), 7)


def test_quoted_amount_without_a_style_could_be_read_two_ways(tmp_path: Path) -> None:
    text = amount("'1.342,439'").replace("number_style: vi\n", "")
    assert "could be read two ways" in one_error(tmp_path, text, 6)


def share(value: str) -> str:
    return MINIMAL + (
        "funding:\n  sources:\n    central: {name: Trung ương, amount: 1, "
        f"share: {value}, source: '4.1'}}\n"
    )


@pytest.mark.parametrize(
    ("value", "expected"), [("'17,5%'", "17.5"), ("' 17,5 % '", "17.5"), ("17", "17")]
)
def test_shares_keep_their_stated_decimals(tmp_path: Path, value: str, expected: str) -> None:
    funding = plan_of(tmp_path, share(value)).funding
    assert funding is not None
    assert str(funding.sources["central"].share) == expected


def test_an_unquoted_share_with_a_percent_sign_is_no_number(tmp_path: Path) -> None:
    assert "'17%' is not a number" in one_error(tmp_path, share("17%"), 8)


# Count and Year


def districts(value: str) -> str:
    return MINIMAL + f"scope: {{district_count: {value}, source: '1'}}\n"


@pytest.mark.parametrize(("value", "expected"), [("13", 13), ("' 7 '", 7), ("0", 0)])
def test_counts(tmp_path: Path, value: str, expected: int) -> None:
    scope = plan_of(tmp_path, districts(value)).scope
    assert scope is not None and scope.district_count == expected


@pytest.mark.parametrize(
    ("value", "found"),
    [
        ("013", "'013'"),
        ("1.5", "'1.5'"),
        ("-1", "'-1'"),
        ("true", "'true'"),
        ("[1]", "a list"),
        ("{a: 1}", "a mapping"),
    ],
)
def test_count_errors(tmp_path: Path, value: str, found: str) -> None:
    expected = f"expected a whole number such as 13, found {found}"
    assert one_error(tmp_path, districts(value), 6).endswith(expected)


def period(start: str) -> str:
    return MINIMAL.replace("start: 2017", f"start: {start}")


@pytest.mark.parametrize(("value", "expected"), [("1900", 1900), ("'2017'", 2017)])
def test_year_bounds(tmp_path: Path, value: str, expected: int) -> None:
    assert plan_of(tmp_path, period(value)).period.start == expected


def test_the_last_year_read(tmp_path: Path) -> None:
    text = MINIMAL.replace("end: 2018", "end: 2199")
    assert plan_of(tmp_path, text).period.end == 2199


@pytest.mark.parametrize(
    ("value", "found"),
    [("1899", "'1899'"), ("2200", "'2200'"), ("17", "'17'"), ("true", "'true'"), ("~", "nothing")],
)
def test_year_errors(tmp_path: Path, value: str, found: str) -> None:
    expected = f"expected a year such as 2019, found {found}"
    assert one_error(tmp_path, period(value), 5).endswith(expected)


# Text, DateText, Flag


def test_text_is_kept_as_written(tmp_path: Path) -> None:
    plan = plan_of(tmp_path, MINIMAL.replace("Chương trình thử", "' Chương trình thử '"))
    assert plan.programme == " Chương trình thử "


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("'   '", "this text is empty"),
        ("''", "this text is empty"),
        ("[1]", "expected text, found a list"),
        ("{a: 1}", "expected text, found a mapping"),
    ],
)
def test_text_errors(tmp_path: Path, value: str, expected: str) -> None:
    text = MINIMAL.replace("Chương trình thử", value)
    assert one_error(tmp_path, text, 2).endswith(expected)


def dated(value: str) -> str:
    return MINIMAL.replace('source: "1"}', f'source: "1", date: {value}}}')


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("' 02/9/2016 '", "02/9/2016"),
        ("02 tháng 9 năm 2015", "02 tháng 9 năm 2015"),
        ("'ngày 2 tháng 9 năm 2015 '", "ngày 2 tháng 9 năm 2015"),
        ("02/0/2016", "02/0/2016"),  # an impossible day is recorded; C101 judges it
    ],
)
def test_dates_as_written(tmp_path: Path, value: str, expected: str) -> None:
    assert plan_of(tmp_path, dated(value)).document.date == expected


@pytest.mark.parametrize(
    ("value", "found"), [("2016-09-02", "'2016-09-02'"), ("2/9/16", "'2/9/16'"), ("[1]", "a list")]
)
def test_date_errors(tmp_path: Path, value: str, found: str) -> None:
    expected = f"expected a date written day/month/year such as 02/9/2016, found {found}"
    assert one_error(tmp_path, dated(value), 4).endswith(expected)


def need(value: str) -> str:
    return MINIMAL + f"funding:\n  need: {value}\n"


@pytest.mark.parametrize(("value", "expected"), [("true", True), ("false", False)])
def test_flags(tmp_path: Path, value: str, expected: bool) -> None:
    funding = plan_of(tmp_path, need(value)).funding
    assert funding is not None and funding.need is expected


@pytest.mark.parametrize(
    ("value", "found"), [("'true'", "'true'"), ("yes", "'yes'"), ("~", "nothing")]
)
def test_flag_errors(tmp_path: Path, value: str, found: str) -> None:
    """A quoted 'true' is text, and YAML 1.1's `yes` is no flag."""
    expected = f"expected true or false, found {found}"
    assert one_error(tmp_path, need(value), 7).endswith(expected)


# parse_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [("02/9/2016", (2016, 9, 2)), ("ngày 17 tháng 1 năm 2017", (2017, 1, 17))],
)
def test_parse_date_is_year_month_day(text: str, expected: tuple[int, int, int]) -> None:
    assert parse_date(text) == expected


def test_parse_date_refuses_other_forms() -> None:
    with pytest.raises(ValueError, match="2016-09-02"):
        parse_date("2016-09-02")


def test_amount_digits_limit_counts_the_written_digits(tmp_path: Path) -> None:
    assert plan_of(tmp_path, amount("'1" + "0" * 29 + "'")).funding is not None
    message = one_error(tmp_path, amount("'1" + "0" * 30 + "'"), 7)
    assert "the figure has 31 digits" in message and "at most 30 digits" in message


def test_a_schema_error_reads_whole_through_pydantic_too() -> None:
    """The schema layer shows a refused value from the `Message` pydantic keeps; a caller of
    the Python API who prints pydantic's own error reads the same words."""
    with pytest.raises(ValidationError) as caught:
        Plan.model_validate({"period": {"start": "hai nghìn", "end": 2018}})
    messages = [error["msg"] for error in caught.value.errors()]
    assert "expected a year such as 2019, found 'hai nghìn'" in messages


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (Decimal("1342.439"), Decimal("1342.439")),
        (Decimal("99.9"), Decimal("99.9")),
        (245, Decimal(245)),
        ("1.342,439", Decimal("1342.439")),
    ],
)
def test_a_number_from_python_is_read_as_given(amount: object, expected: Decimal) -> None:
    """A plan built in Python may hold Decimals and ints where a file holds text."""
    figure = Figure.model_validate(
        {"amount": amount, "source": "1"}, context={"number_style": NumberStyle.VI, "max_digits": 7}
    )
    assert figure.amount == expected and isinstance(figure.amount, Decimal)


@pytest.mark.parametrize("amount", [Decimal("1342.4391"), 12345678, "1.342,4391"])
def test_a_number_from_python_is_held_to_the_digit_limit(amount: object) -> None:
    with pytest.raises(ValidationError) as caught:
        Figure.model_validate(
            {"amount": amount, "source": "1"},
            context={"number_style": NumberStyle.VI, "max_digits": 7},
        )
    ((error,),) = [caught.value.errors()]
    assert error["type"] == "digits"
    assert error["msg"] == (
        "the figure has 8 digits; p135 reads figures of at most 7 digits (raise the limit with "
        "--max-digits if this is intended)"
    )


@pytest.mark.parametrize(
    ("amount", "found"), [(True, "'True'"), ([1], "a list"), (None, "nothing")]
)
def test_what_is_no_number_is_refused_by_its_kind(amount: object, found: str) -> None:
    with pytest.raises(ValidationError) as caught:
        Figure.model_validate({"amount": amount, "source": "1"})
    ((error,),) = [caught.value.errors()]
    assert (error["type"], error["msg"]) == ("number", f"expected a number, found {found}")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            "3.800",
            "funding.total.amount: unquoted, '3.800' is the YAML number 3.8, but in this vi plan "
            'a dot groups thousands: quote the document\'s form, "3,8" for 3.8 or "3.800" '
            "for 3800",
        ),
        (
            "1.5",
            "funding.total.amount: unquoted, '1.5' is the YAML number 1.5, but in this vi plan "
            'a dot groups thousands: quote the document\'s form, "1,5"',
        ),
    ],
)
def test_an_unquoted_dot_in_a_vi_plan_offers_each_reading(
    tmp_path: Path, value: str, message: str
) -> None:
    """`3.800` is 3,8 to YAML and 3.800 to a planner: both forms are offered, quoted; `1.5`
    has no thousands reading, so one is."""
    assert one_error(tmp_path, amount(value), 7) == message
