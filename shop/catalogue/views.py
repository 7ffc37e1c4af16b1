"""The product page: Oscar's, shown only while the product is sellable."""

from oscar.apps.catalogue import views

from vendors import selectors


class ProductDetailView(views.ProductDetailView):
    def is_viewable(self, product, request):
        # A product whose shop is suspended (or never activated) leaves the storefront at once;
        # staff may still look at it.
        if request.user.is_staff:
            return True
        sellable = selectors.sellable_products().filter(pk=(product.parent_id or product.pk)).exists()
        return sellable and super().is_viewable(product, request)
