"""Product editing in the seller centre: a seller's new product names their business as producer;
the product list filtered the way a seller's home counts (out of stock, low, OCOP expiring, no
picture, delisted, by OCOP group)."""

from django.db.models import OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from oscar.apps.dashboard.catalogue import views
from oscar.core.loading import get_model

from marketplace.purchases.status import OrderStatus
from vendors import producers, selectors, stock
from vendors.models import OcopGroup, OcopRecognition
from vendors.provenance.models import RegisteredCode

Line = get_model("order", "Line")

FILTERS = {
    "stock": {"out": _("Out of stock"), "low": _("Low in stock")},
    "ocop": {
        "expiring": format_lazy(
            _("OCOP recognition expiring within {days} days"), days=selectors.SHOP_EXPIRING_DAYS
        )
    },
    "picture": {"none": _("No picture")},
    "listed": {"no": _("Delisted")},
    "group": dict(OcopGroup.choices),
}


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
    def _chosen(self) -> dict[str, str]:
        """The filters asked for that exist; a value this list does not know is left out (and said)."""
        chosen, self.unknown_filter = {}, False
        for name, values in FILTERS.items():
            value = self.request.GET.get(name, "")
            if value in values:
                chosen[name] = value
            elif value:
                self.unknown_filter = True
        return chosen

    def get_queryset(self):
        queryset = super().get_queryset()
        chosen = self._chosen()
        seller = selectors.active_seller_of(self.request.user)
        if chosen.get("stock") and seller is not None:
            levels = stock.out_of_stock(seller) if chosen["stock"] == "out" else stock.low_stock(seller)
            queryset = queryset.filter(pk__in=levels.values("product_id"))
        if chosen.get("ocop"):
            expiring = (
                selectors.expiring_recognitions(seller)
                if seller is not None
                else OcopRecognition.objects.none()
            )
            queryset = queryset.filter(pk__in=expiring.values("product_id"))
        if chosen.get("picture"):
            queryset = queryset.filter(images__isnull=True)
        if chosen.get("listed"):
            queryset = queryset.filter(is_public=False)
        if chosen.get("group"):
            in_force = OcopRecognition.objects.active().filter(group=chosen["group"])
            queryset = queryset.filter(pk__in=in_force.values("product_id"))
        self.chosen_filters = chosen
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
        ctx["unknown_filter"] = getattr(self, "unknown_filter", False)
        return ctx
