"""A message quotes the document's own word for a qualifier: "trên 909", not "hơn 909"."""

from __future__ import annotations

import pytest

from p135cli.i18n import NumberStyle, speak
from p135cli.model import Figure
from p135cli.numbers import qualifier_word
from p135cli.rules.wording import as_written


@pytest.mark.parametrize(
    ("amount", "vi", "en"),
    [
        ("trên 909", "trên 909", "over 909"),
        ("hơn 909", "hơn 909", "more than 909"),
        ("gần 737", "gần 737", "nearly 737"),
        ("xấp xỉ 60", "xấp xỉ 60", "approximately 60"),
        ("khoảng 60", "khoảng 60", "about 60"),
        ("không quá 20", "không quá 20", "no more than 20"),
        ("90 trở lên", "90 trở lên", "90 or more"),
        ("Trên 909", "trên 909", "over 909"),
    ],
)
def test_a_qualified_amount_is_said_in_the_documents_word(amount: str, vi: str, en: str) -> None:
    figure = Figure.model_validate({"amount": amount, "source": "1"})
    speak("vi", NumberStyle.VI)  # the autouse fixture speaks English again after the test
    assert as_written(figure).render(NumberStyle.VI) == vi
    speak("en", NumberStyle.EN)
    assert as_written(figure).render(NumberStyle.EN) == en


def test_the_word_is_split_off_with_the_qualifier() -> None:
    assert qualifier_word("trên 909") == ("more_than", "trên", "909")
    assert qualifier_word("3%/năm trở lên") == ("at_least", "trở lên", "3%/năm")
    assert qualifier_word("909") == (None, None, "909")


def test_an_explicit_qualifier_has_no_word_and_is_said_as_usual() -> None:
    figure = Figure.model_validate({"amount": "909", "qualifier": "more_than", "source": "1"})
    assert figure.said_word is None
    speak("en", NumberStyle.EN)
    assert as_written(figure).render(NumberStyle.EN) == "more than 909"
