"""The seller's product list filtered the way the seller's home counts, through django-filter: out of
stock or low, an OCOP recognition expiring, no picture, delisted, by OCOP group. A value this list
does not know is left out, and the page says so (`unknown`)."""

import django_filters
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from marketplace.querystring import ChosenFilterSet
from vendors import selectors, stock
from vendors.models import OcopGroup, OcopRecognition

FILTERS = {
    "stock": {"out": _("Out of stock"), "low": _("Low in stock")},
    "ocop": {
        "expiring": format_lazy(
            _("OCOP recognition expiring within {days} days"), days=selectors.SHOP_EXPIRING_DAYS
        )
    },
    "picture": {"none": _("No picture")},
    "listed": {"no": _("Delisted")},
    "group": dict(OcopGroup.choices),
}


def _choice(name: str, method: str) -> django_filters.ChoiceFilter:
    return django_filters.ChoiceFilter(choices=list(FILTERS[name].items()), method=method)


class SellerProductFilter(ChosenFilterSet):
    stock = _choice("stock", "by_stock")
    ocop = _choice("ocop", "expiring")
    picture = _choice("picture", "without_picture")
    listed = _choice("listed", "delisted")
    group = _choice("group", "in_group")

    def __init__(self, *args, seller=None, **kwargs):
        self.seller = seller  # the shop whose stock and recognitions are read (None for staff)
        super().__init__(*args, **kwargs)

    @property
    def unknown(self) -> bool:
        """Whether a filter was asked for with a value this list does not know."""
        return bool(self.errors)

    def by_stock(self, products, name, value):
        if self.seller is None:
            return products
        levels = stock.out_of_stock(self.seller) if value == "out" else stock.low_stock(self.seller)
        return products.filter(pk__in=levels.values("product_id"))

    def expiring(self, products, name, value):
        if self.seller is None:
            return products.none()
        return products.filter(pk__in=selectors.expiring_recognitions(self.seller).values("product_id"))

    def without_picture(self, products, name, value):
        return products.filter(images__isnull=True)

    def delisted(self, products, name, value):
        return products.filter(is_public=False)

    def in_group(self, products, name, value):
        in_force = OcopRecognition.objects.active().filter(group=value)
        return products.filter(pk__in=in_force.values("product_id"))
