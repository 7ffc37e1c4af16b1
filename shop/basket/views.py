"""The basket page: Oscar's, with the lines grouped by shop, each shop's subtotal and delivery, and
the totals the checkout will charge for the deliveries it proposes."""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from oscar.apps.basket import views
from oscar.apps.shipping.methods import FixedPrice

from marketplace.purchases.checkout import basket_groups


class ShopsDelivery(FixedPrice):
    """The sum of each shop's proposed delivery, as Oscar's basket totals show one shipping charge."""

    code = "shops-delivery"
    name = _("Delivery by each shop")


class BasketView(views.BasketView):
    def shop_groups(self):
        if not hasattr(self, "_shop_groups"):
            basket = self.request.basket
            self._shop_groups = basket_groups(basket) if not basket.is_empty else []
        return self._shop_groups

    def get_default_shipping_method(self, basket):
        # Oscar would add free shipping to the total; the checkout charges each shop's delivery.
        charge = Decimal(sum(group.shipping for group in self.shop_groups()))
        return ShopsDelivery(charge_excl_tax=charge, charge_incl_tax=charge)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        groups = self.shop_groups()
        ctx["shop_groups"] = groups
        ctx["shop_names"] = {g.seller.partner_id: g.seller.shop_name for g in groups}
        return ctx
