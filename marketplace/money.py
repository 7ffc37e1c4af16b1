"""The one place money is formatted: whole đồng through Oscar's Babel-backed currency filter."""

from decimal import ROUND_DOWN, Decimal

from oscar.templatetags.currency_filters import currency


def format_vnd(amount) -> str:
    """1250000 → "1.250.000 ₫" (a no-break space before ₫), whatever the interface language."""
    return currency(amount, "VND")


def round_discount(amount, currency=None) -> Decimal:
    """Oscar's offers round discounts with this (OSCAR_OFFER_ROUNDING_FUNCTION): down to the đồng,
    so a discount never exceeds what the offer says and every price stays in whole đồng."""
    return Decimal(amount).quantize(Decimal(1), ROUND_DOWN)
