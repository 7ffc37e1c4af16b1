"""The staff dashboard's visits: today and the last 30 days, the most searched and most viewed."""

from datetime import timedelta

from django import template
from django.utils import timezone
from oscar.core.loading import get_model

from marketplace.visits import selectors
from marketplace.visits.models import DailyCount

register = template.Library()

DAYS = 30
SHOWN = 5


@register.simple_tag
def visit_figures() -> dict:
    today = timezone.localdate()
    since = today - timedelta(days=DAYS - 1)
    viewed = selectors.top(DailyCount.Kind.PRODUCT_VIEWS, since, today, SHOWN)
    Product = get_model("catalogue", "Product")
    products = Product.objects.in_bulk([int(pk) for pk, _ in viewed if pk.isdigit()])
    return {
        "days": DAYS,
        "today": selectors.totals(today, today),
        "recent": selectors.totals(since, today),
        "searches": selectors.top(DailyCount.Kind.SEARCHES, since, today, SHOWN),
        "products": [
            (products[int(pk)], count) for pk, count in viewed if pk.isdigit() and int(pk) in products
        ],
    }
