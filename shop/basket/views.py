"""The basket page: Oscar's, with the lines grouped by shop and each shop's subtotal and delivery."""

from oscar.apps.basket import views

from marketplace.purchases.services import basket_groups


class BasketView(views.BasketView):
    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        groups = basket_groups(self.request.basket) if not self.request.basket.is_empty else []
        ctx["shop_groups"] = groups
        ctx["shop_names"] = {g.vendor.partner_id: g.vendor.shop_name for g in groups}
        return ctx
