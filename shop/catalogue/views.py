"""The product page: Oscar's, shown only while the product is sellable."""

from django.db.models import Prefetch
from oscar.apps.catalogue import views
from oscar.core.loading import get_model

from vendors import selectors

StockRecord = get_model("partner", "StockRecord")


class ProductDetailView(views.ProductDetailView):
    def get_queryset(self):
        # What the page shows of the product, fetched once: its shop, producer and class.
        return (
            super()
            .get_queryset()
            .select_related("product_class", "producer")
            .prefetch_related(
                Prefetch("stockrecords", queryset=StockRecord.objects.select_related("partner__seller")),
                "images",  # the gallery, the primary picture, the page's preview and structured data
            )
        )

    def redirect_if_necessary(self, current_path, product):
        # Oscar sends any /catalogue/x_<id>/ to the product's real address before asking whether
        # it may be seen, which would spell out a hidden product's title: ask first (a 404 follows).
        if not self.is_viewable(product, self.request):
            return None
        return super().redirect_if_necessary(current_path, product)

    def is_viewable(self, product, request):
        # A product whose shop is suspended (or never activated) leaves the storefront at once;
        # staff may still look at it.
        if request.user.is_staff:
            return True
        return selectors.is_sellable(product) and super().is_viewable(product, request)

    def send_signal(self, request, response, product):
        # Oscar's analytics would write a view counter (and a row per signed-in view) on every
        # product page, and its history would set a cookie that keeps the page out of the page
        # cache: no write on a read. Views are counted in the cache by marketplace.visits.
        return None
