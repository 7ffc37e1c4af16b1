"""Oscar's basket middleware, telling a shopper who signs in which goods were left out of the merge."""

from django.contrib import messages
from oscar.apps.basket.middleware import BasketMiddleware as OscarBasketMiddleware


class BasketMiddleware(OscarBasketMiddleware):
    def get_basket(self, request):
        cached = request._basket_cache is not None
        basket = super().get_basket(request)
        if not cached:
            for refusal in getattr(basket, "merge_refusals", ()):
                messages.warning(request, refusal)
            basket.merge_refusals = []
        return basket
