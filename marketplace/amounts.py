"""The one parser for what people type as an amount in đồng or a count of units, and its form fields.

Vietnamese writes a dot between thousands (125.000) and a comma before decimals (1,5), and đồng have no
decimals: so "125.000", "125000", "125 000" and "125.000 ₫" are one hundred and twenty-five thousand,
while "1.5", "1,5", "2.50" or "0.5" are refused, never read as 15, 250 or 5. A dot or a space counts as
a thousands separator only between groups of exactly three digits.
"""

import re
import unicodedata
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

DONG = "dong"
UNITS = "units"

PRICE_AT_MOST = 1_000_000_000  # one thousand million đồng: no OCOP product costs more
STOCK_AT_MOST = 1_000_000

# ASCII digits only: "١٢٣" or full-width digits are refused, not read as 123.
_PLAIN = re.compile(r"[0-9]+")
# What may follow an amount in đồng, longest first: "125.000 ₫", "125.000đ", "125.000 VND", "125.000 đồng".
_CURRENCY = ("vnđ", "vnd", "đồng", "dong", "₫", "đ")
_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2009": " ", "\t": " "})
MAX_LENGTH = 40  # "1.000.000.000 ₫" is 15 characters: anything far longer is not an amount


def thousands(number: int) -> str:
    """125000 → "125.000": how the parser's messages and inputs write a whole number."""
    return f"{number:,}".replace(",", ".")


def parse_whole(
    value,
    *,
    kind: str = DONG,
    at_least: int | None = 0,
    at_most: int | None = None,
    thousands_marks: str = ". ",
) -> int:
    """A whole number of đồng (kind=DONG) or of units (kind=UNITS) from what a person typed or a
    spreadsheet cell held, within [at_least, at_most]; anything else raises ValidationError with a
    message in the interface's language. Never guesses: an ambiguous "1.5" is refused.
    `at_least=None` leaves the floor to the caller's own rule (a price is more than 0 ₫).
    `thousands_marks`: the characters that may separate thousands; a bank's statement may write
    "1,250,000" too (thousands_marks=".,  "), and a decimal is still refused there."""
    if at_most is None:
        at_most = PRICE_AT_MOST if kind == DONG else STOCK_AT_MOST
    number = _number(value, kind, thousands_marks)
    if at_least is not None and number < at_least:
        message = (
            _("An amount is at least %(n)s ₫.") if kind == DONG else _("A number of units is at least %(n)s.")
        )
        raise ValidationError(message % {"n": thousands(at_least)}, code="too_small", params={"n": at_least})
    if number > at_most:
        raise ValidationError(
            _("At most %(n)s.") % {"n": thousands(at_most)}, code="too_large", params={"n": at_most}
        )
    return number


def _number(value, kind: str, thousands_marks: str = ". ") -> int:
    if isinstance(value, bool):
        raise _invalid(str(value), kind)
    if isinstance(value, int):
        return value
    if isinstance(value, float | Decimal):
        # A spreadsheet's number cell: whole numbers only (1.5 is refused as typed text is).
        if value != value or value in (float("inf"), float("-inf")) or value != int(value):
            raise _invalid(str(value), kind, decimal=True)
        return int(value)
    text = unicodedata.normalize("NFC", str(value)).translate(_SPACES).strip()
    if not text:
        raise ValidationError(
            _("Enter an amount.") if kind == DONG else _("Enter a number."), code="required"
        )
    if len(text) > MAX_LENGTH:
        raise _invalid(text[:MAX_LENGTH] + "…", kind)
    shown = text
    negative = text.startswith("-")
    text = text.removeprefix("-").strip()
    if kind == DONG:
        lowered = text.lower()
        for suffix in _CURRENCY:
            if lowered.endswith(suffix):
                text = text[: -len(suffix)].strip()
                break
    grouped = any(
        re.fullmatch(rf"[0-9]{{1,3}}(?:{re.escape(mark)}[0-9]{{3}})+", text) for mark in set(thousands_marks)
    )
    if _PLAIN.fullmatch(text) or grouped:
        number = int(re.sub(r"[^0-9]", "", text))
        return -number if negative else number
    # Digits with a comma or a dot that is not a thousands separator: a decimal, or a slip.
    decimal = bool(re.fullmatch(r"[0-9., ]+", text)) and any(mark in text for mark in ".,")
    raise _invalid(shown, kind, decimal=decimal)


def _invalid(shown: str, kind: str, *, decimal: bool = False) -> ValidationError:
    if kind == DONG and decimal:
        message = _(
            "“%(value)s” is not a whole number of đồng: đồng have no decimals, and a dot separates "
            "thousands (125.000)."
        )
    elif kind == DONG:
        message = _("“%(value)s” is not an amount in đồng: write it as 125.000 or 125000.")
    elif decimal:
        message = _("“%(value)s” is not a whole number of units.")
    else:
        message = _("“%(value)s” is not a number: write it as 30 or 1.000.")
    return ValidationError(message % {"value": shown}, code="decimal" if decimal else "invalid")


def far_from(new: int, old: int | None) -> bool:
    """A new price under a tenth or over ten times the old one is more likely a slip than a decision."""
    return bool(old) and (new * 10 < old or new > old * 10)


class WholeNumberField(forms.Field):
    """A form field typed like a number on a phone's keypad, read by parse_whole: units by default,
    đồng with kind=DONG (the value is an int; `min_value`/`max_value` as Django's IntegerField takes
    them, so a model's integer field can use it in a ModelForm or the admin)."""

    def __init__(self, *, kind: str = UNITS, at_least: int | None = 0, at_most: int | None = None, **kwargs):
        min_value, max_value = kwargs.pop("min_value", None), kwargs.pop("max_value", None)
        kwargs.pop("step_size", None)
        self.kind = kind
        self.at_least = (
            min_value if at_least is None else at_least if min_value is None else max(at_least, min_value)
        )
        self.at_most = at_most if max_value is None else min(at_most or max_value, max_value)
        # One message for every refusal, where the field's own words say it better ("whole grams…").
        self.message = kwargs.pop("message", None)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric", "maxlength": MAX_LENGTH}))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, int | Decimal | float) and not isinstance(value, bool) and value == int(value):
            return str(int(value))
        return value

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return parse_whole(value, kind=self.kind, at_least=self.at_least, at_most=self.at_most)
        except ValidationError as error:
            if self.message:
                raise ValidationError(self.message, code=error.code) from error
            raise


class WholeDongField(WholeNumberField):
    """An amount in whole đồng ("125.000" or "125000"); the value is a Decimal, as Oscar's prices are."""

    default_error_messages = {"required": gettext_lazy("Enter an amount.")}

    def __init__(self, **kwargs):
        kwargs.pop("max_digits", None), kwargs.pop("decimal_places", None)
        super().__init__(kind=DONG, **kwargs)

    def to_python(self, value):
        number = super().to_python(value)
        return None if number is None else Decimal(number)
