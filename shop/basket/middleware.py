"""Oscar's basket middleware, writing nothing on a read, and telling a shopper who signs in which
goods were left out of the merge."""

from django.contrib import messages
from oscar.apps.basket.middleware import BasketMiddleware as OscarBasketMiddleware
from oscar.core.loading import get_model

Basket = get_model("basket", "Basket")


class BasketMiddleware(OscarBasketMiddleware):
    def get_basket(self, request):
        cached = request._basket_cache is not None
        user = getattr(request, "user", None)
        if (
            not cached
            and user is not None
            and user.is_authenticated
            and self.get_cookie_key(request) not in request.COOKIES
            and not Basket.open.filter(owner=user).exists()
        ):
            # Oscar would create a signed-in shopper's basket on any page; an unsaved one serves
            # until something is added (Basket.add_product saves it then).
            request._basket_cache = Basket(owner=user)
            return request._basket_cache
        basket = super().get_basket(request)
        if not cached:
            for refusal in getattr(basket, "merge_refusals", ()):
                messages.warning(request, refusal)
            basket.merge_refusals = []
        return basket
