"""How each shop delivers its order: its options, the ones a new shop starts with, and the default."""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from .models import ShippingOption


def default_delivery(options: list[ShippingOption], subtotal: int) -> ShippingOption:
    """What the basket counts and the checkout proposes until the shopper chooses: the cheapest way
    the shop delivers to the door for these goods (pickup only when the shop offers nothing else)."""
    delivering = [o for o in options if o.kind != ShippingOption.Kind.PICKUP] or options
    return min(delivering, key=lambda o: (o.charge_for(subtotal), o.display_order, o.pk))


def shipping_defaults_create(seller) -> None:
    """A newly activated shop delivers at a flat fee, free above 500.000 ₫, or lets shoppers pick up."""
    if seller.shipping_options.exists():
        return
    with translation.override(settings.LANGUAGE_CODE):  # stored text, in the floor's language
        ShippingOption.objects.bulk_create(
            [
                ShippingOption(
                    seller=seller,
                    kind=ShippingOption.Kind.FREE_OVER,
                    name=_("Standard delivery"),
                    fee=30000,
                    free_over=500000,
                    display_order=0,
                ),
                ShippingOption(
                    seller=seller,
                    kind=ShippingOption.Kind.FLAT,
                    name=_("Express delivery"),
                    fee=60000,
                    display_order=1,
                ),
                ShippingOption(
                    seller=seller,
                    kind=ShippingOption.Kind.PICKUP,
                    name=_("Pickup at the shop"),
                    fee=0,
                    display_order=2,
                ),
            ]
        )
