"""Placing one shop's order of a purchase (loaded with `get_class("order.utils", "OrderCreator")`).

A purchase is split into one Oscar order per shop, each with only that shop's lines, its own
number, shipping and total. Stock, the ledger and bookings are the purchase's business
(`marketplace.purchases.checkout`); this writes the order and its lines the way Oscar does.
"""

from dataclasses import dataclass

from django.conf import settings
from oscar.apps.order import utils
from oscar.core.prices import Price


@dataclass(frozen=True)
class ShippingMethod:
    """The little Oscar needs to know of a shipping method to write it on an order."""

    name: str
    code: str


class OrderCreator(utils.OrderCreator):
    def place_shop_order(
        self,
        *,
        basket,
        lines,
        number: str,
        shipping_address,
        shipping_method: ShippingMethod,
        shipping_charge: Price,
        total: Price,
        user=None,
        guest_email: str = "",
        request=None,
    ):
        """One shop's order of `basket`, holding `lines` (that shop's basket lines), in its first status."""
        order = self.create_order_model(
            user,
            basket,
            shipping_address,
            shipping_method,
            shipping_charge,
            None,  # no billing address: the shopper pays the marketplace, not the shop
            total,
            number,
            settings.OSCAR_INITIAL_ORDER_STATUS,
            request,
            guest_email=guest_email,
        )
        for line in lines:
            self.create_line_models(order, line)
        return order
