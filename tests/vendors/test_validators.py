"""Vietnamese identifiers: tax codes and phone numbers."""

import pytest
from django.core.exceptions import ValidationError

from vendors.validators import normalize_phone, validate_tax_code


@pytest.mark.parametrize("code", ["0100112437", "0100109106", "0100109106-001"])
def test_real_tax_codes_pass(code):
    validate_tax_code(code)


@pytest.mark.parametrize("code", ["0100112438", "010011243", "0100112437-1", "01001124377", "abcdefghij"])
def test_wrong_tax_codes_fail(code):
    with pytest.raises(ValidationError):
        validate_tax_code(code)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("0912 345 678", "0912345678"), ("+84 912 345 678", "0912345678"), ("0203 3825 123", "02033825123")],
)
def test_phone_numbers_are_kept_in_national_form(typed, stored):
    assert normalize_phone(typed) == stored


@pytest.mark.parametrize("typed", ["12345", "+1 202 555 0100", "091234567890123", ""])
def test_non_vietnamese_or_malformed_phones_fail(typed):
    with pytest.raises(ValidationError):
        normalize_phone(typed)
