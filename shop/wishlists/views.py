"""Oscar's wish-list views that name a product, refusing one that is not on sale.

Oscar's customer app looks its views up by name; forking the whole app for two views would carry
its models and migrations along, so these wrap Oscar's classes and take their URLs (urls.py).
"""

from django.http import Http404
from oscar.core.loading import get_class, get_model

from vendors import selectors

Product = get_model("catalogue", "Product")
OscarWishListAddProduct = get_class("customer.wishlists.views", "WishListAddProduct")
OscarWishListCreateView = get_class("customer.wishlists.views", "WishListCreateView")


class OnSaleProductMixin:
    """A product hidden from shoppers is answered as missing: its title is never shown."""

    def dispatch(self, request, *args, **kwargs):
        product = Product.objects.filter(pk=kwargs["product_pk"]).first()
        if product is None or not selectors.is_sellable(product):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class WishListAddProduct(OnSaleProductMixin, OscarWishListAddProduct):
    pass


class WishListCreateView(OnSaleProductMixin, OscarWishListCreateView):
    pass
