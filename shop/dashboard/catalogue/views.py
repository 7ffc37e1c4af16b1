"""Product editing in the seller centre: a seller's new product names their business as producer;
the product list filtered the way a seller's home counts (out of stock, low, OCOP expiring, no
picture, delisted, by OCOP group)."""

from django.db.models import OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from oscar.apps.dashboard.catalogue import views
from oscar.core.loading import get_model

from marketplace.purchases.status import OrderStatus
from vendors import producers, selectors
from vendors.models import OcopRecognition
from vendors.provenance.models import RegisteredCode

from .filters import FILTERS, SellerProductFilter

Line = get_model("order", "Line")


class ProductCreateUpdateView(views.ProductCreateUpdateView):
    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        # The OCOP recognition the province's register holds for the product (read here, kept there).
        saved = self.object is not None and self.object.pk is not None
        ctx["recognition"] = (
            OcopRecognition.objects.filter(product=self.object).order_by("-decision_date").first()
            if saved
            else None
        )
        # The register's codes (growing area, packing facility) the product relies on, with their state.
        ctx["codes"] = (
            RegisteredCode.objects.filter(products=self.object).order_by("kind", "code") if saved else []
        )
        return ctx

    def forms_invalid(self, form, formsets):
        # The pictures chosen on this failed save are kept for the next one (ProductImageForm.keep).
        images = formsets.get("image_formset")
        if images is not None:
            data = images.data.copy()
            for image_form in images.forms:
                if note := image_form.keep():
                    data[image_form.add_prefix("kept")] = note
            images.data = data
            for image_form in images.forms:
                image_form.data = data
        return super().forms_invalid(form, formsets)

    def forms_valid(self, form, formsets):
        response = super().forms_valid(form, formsets)
        producers.product_producer_default(self.object)
        return response


class ProductListView(views.ProductListView):
    def get_queryset(self):
        self.filterset = SellerProductFilter(
            self.request.GET,
            queryset=super().get_queryset(),
            seller=selectors.active_seller_of(self.request.user),
        )
        queryset = self.filterset.qs
        self.chosen_filters = {name: value for name, value in self.filterset.chosen().items() if value}
        # Units sold (orders not cancelled), read with the page's products in the same query.
        sold = (
            Line.objects.filter(product=OuterRef("pk"))
            .exclude(order__status=OrderStatus.CANCELLED)
            .values("product")
            .annotate(n=Sum("quantity"))
            .values("n")
        )
        return queryset.annotate(units_sold=Coalesce(Subquery(sold), 0))

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["product_filters"] = [
            (name, value, label) for name, values in FILTERS.items() for value, label in values.items()
        ]
        ctx["chosen_filters"] = getattr(self, "chosen_filters", {})
        ctx["unknown_filter"] = self.filterset.unknown if hasattr(self, "filterset") else False
        return ctx
