"""One parser for amounts in đồng and counts of units: "125.000" is a hundred and twenty-five thousand,
"1.5" is refused (never 15), whatever form, import or staff page it is typed into."""

import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from marketplace.amounts import DONG, UNITS, WholeDongField, far_from, parse_whole, thousands
from marketplace.money import format_vnd


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("125.000", 125_000),
        ("125000", 125_000),
        ("125.000 ₫", 125_000),
        ("125.000\xa0₫", 125_000),
        ("125.000đ", 125_000),
        ("125.000 VND", 125_000),
        ("1.250.000", 1_250_000),
        ("125 000", 125_000),
        ("  45000  ", 45_000),
        ("1.500", 1_500),
        (125000, 125_000),
        (125000.0, 125_000),
    ],
)
def test_what_vietnamese_people_type_for_an_amount_is_read_as_they_mean_it(typed, amount):
    assert parse_whole(typed, kind=DONG) == amount


@pytest.mark.parametrize(
    "typed", ["1.5", "1,5", "2.50", "0.5", "12,500", "1.25.000", "125.00", "1.2345", 1.5]
)
def test_a_decimal_looking_amount_is_refused_in_vietnamese(typed):
    with translation.override("vi"), pytest.raises(ValidationError) as refused:
        parse_whole(typed, kind=DONG)
    message = refused.value.messages[0]
    assert "không có phần lẻ" in message
    assert "125.000" in message


@pytest.mark.parametrize("typed", ["1.5", "1,5", "0.5", 2.5])
def test_a_decimal_count_of_units_is_refused(typed):
    with translation.override("vi"), pytest.raises(ValidationError) as refused:
        parse_whole(typed, kind=UNITS)
    assert "không phải số nguyên" in refused.value.messages[0]


@pytest.mark.parametrize(
    "typed", ["", "   ", "abc", "12a", "-", "1e5", "١٢٣", "0x10", "12.000.00", "x" * 500]
)
def test_what_is_not_a_number_is_refused_with_a_message(typed):
    with pytest.raises(ValidationError) as refused:
        parse_whole(typed, kind=DONG)
    assert refused.value.messages[0]


def test_bounds_are_said_in_the_users_words():
    with translation.override("vi"), pytest.raises(ValidationError) as refused:
        parse_whole("-5", kind=UNITS)
    assert refused.value.messages == ["Số lượng ít nhất là 0."]
    with translation.override("vi"), pytest.raises(ValidationError) as refused:
        parse_whole("2.000.000.000", kind=DONG)
    assert refused.value.messages == ["Tối đa 1.000.000.000."]


def test_the_form_field_gives_a_decimal_price_and_keeps_the_typed_text_on_error():
    field = WholeDongField(at_least=1)
    assert field.clean("125.000") == Decimal(125_000)
    with pytest.raises(ValidationError):
        field.clean("1.5")
    assert field.prepare_value(Decimal("125000.00")) == "125000"


def test_a_price_far_from_the_old_one_asks_for_confirmation():
    assert far_from(15, 150_000)
    assert far_from(1_500_001, 150_000)
    assert not far_from(150_000, 150_000)
    assert not far_from(15_001, 150_000)
    assert not far_from(15, None)


amounts = st.integers(min_value=0, max_value=1_000_000_000)


@given(amounts)
def test_every_amount_written_any_usual_way_reads_back_the_same(amount):
    for written in (str(amount), thousands(amount), format_vnd(amount), thousands(amount).replace(".", " ")):
        assert parse_whole(written, kind=DONG) == amount


@given(st.integers(min_value=0, max_value=99_999), st.integers(min_value=0, max_value=99))
def test_a_number_with_one_or_two_decimals_is_never_read_as_a_whole(whole, fraction):
    for mark in ".,":
        for digits in (str(fraction % 10), f"{fraction:02d}"):
            with pytest.raises(ValidationError):
                parse_whole(f"{whole}{mark}{digits}", kind=DONG)
            with pytest.raises(ValidationError):
                parse_whole(f"{whole}{mark}{digits}", kind=UNITS)


@given(st.text(alphabet="0123456789., ₫đ-", max_size=20))
def test_whatever_is_typed_the_parser_refuses_or_returns_exactly_the_digits_typed(typed):
    try:
        amount = parse_whole(typed, kind=DONG)
    except ValidationError:
        return
    digits = re.sub(r"\D", "", typed)
    assert amount == int(digits)
    assert 0 <= amount <= 1_000_000_000
    # A dot that survived was a thousands separator: three digits after each one.
    assert all(len(group) == 3 for group in re.sub(r"[^\d.]", "", typed).split(".")[1:])
