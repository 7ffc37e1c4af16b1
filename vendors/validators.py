"""Checks of what applicants type and upload: tax codes, phone numbers, documents."""

import re
from decimal import Decimal

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from marketplace.images import check_image_pixels

# Weights of the first nine digits of a tax code (mã số thuế), as the tax authority applies them.
TAX_CODE_WEIGHTS = (31, 29, 23, 19, 17, 13, 7, 5, 3)
TAX_CODE_FORMAT = re.compile(r"^\d{10}(-\d{3})?$")

DOCUMENT_MAX_BYTES = 10 * 1024 * 1024
# What a file really is, read from its first bytes, never from its name.
DOCUMENT_SIGNATURES = {
    b"%PDF-": "application/pdf",
    b"\xff\xd8\xff": "image/jpeg",
    b"\x89PNG\r\n\x1a\n": "image/png",
}


def tax_code_check_digit(first_nine: str) -> str | None:
    """The 10th digit a tax code must have after these nine, or None when no digit can be valid."""
    remainder = sum(int(d) * w for d, w in zip(first_nine, TAX_CODE_WEIGHTS, strict=True)) % 11
    check = 10 - remainder
    return None if check == 10 else str(check)


def validate_tax_code(value: str) -> None:
    """10 digits, or 10 + "-" + 3 for a branch; the 10th digit is the check digit."""
    if not TAX_CODE_FORMAT.match(value):
        raise ValidationError(
            _("A tax code has 10 digits, or 10 digits, a hyphen and 3 digits for a branch."),
            code="tax_code_format",
        )
    if tax_code_check_digit(value[:9]) != value[9]:
        raise ValidationError(
            _("This tax code's check digit is wrong: please check the number."), code="tax_code_check"
        )


def normalize_phone(value: str) -> str:
    """A Vietnamese phone number in national form (0912345678), or ValidationError."""
    try:
        number = phonenumbers.parse(value, "VN")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or number.country_code != 84 or not phonenumbers.is_valid_number(number):
        raise ValidationError(_("Enter a Vietnamese phone number, for example 0912 345 678."), code="phone")
    return "0" + str(number.national_number)


def sniff_document(upload) -> str:
    """The content type of an uploaded PDF, JPEG or PNG (≤ 10 MB), or ValidationError."""
    if upload.size > DOCUMENT_MAX_BYTES:
        raise ValidationError(_("The file is larger than 10 MB."), code="document_size")
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    for signature, content_type in DOCUMENT_SIGNATURES.items():
        if head.startswith(signature):
            if content_type.startswith("image/"):
                check_image_pixels(upload)  # staff must be able to open what they review
            return content_type
    raise ValidationError(
        _("Upload a PDF, JPEG or PNG file (the file's content is checked, not its name)."),
        code="document_type",
    )


def whole_dong_price(price: Decimal) -> Decimal:
    """A price above 0 in whole đồng (VND has no smaller unit), or ValidationError."""
    if price <= 0:
        raise ValidationError(_("A price must be more than 0 ₫."), code="price_positive")
    if price != price.to_integral_value():
        raise ValidationError(_("Prices are in whole đồng: no decimals."), code="price_whole")
    return Decimal(int(price))
