"""The one place money is formatted: whole đồng through Oscar's Babel-backed currency filter."""

from oscar.templatetags.currency_filters import currency


def format_vnd(amount) -> str:
    """1250000 → "1.250.000 ₫" (a no-break space before ₫), whatever the interface language."""
    return currency(amount, "VND")
