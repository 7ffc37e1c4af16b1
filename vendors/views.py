"""Public shop pages: the directory of open shops and a shop's storefront."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView

from marketplace import wards

from . import selectors
from .models import BusinessKind, Vendor


class ShopListView(ListView):
    template_name = "vendors/shop_list.html"
    context_object_name = "shops"
    paginate_by = 24

    def get_queryset(self):
        shops = selectors.open_vendors().order_by("shop_name")
        kind = self.request.GET.get("kind")
        if kind in BusinessKind.values:
            shops = shops.filter(kind=kind)
        ward = self.request.GET.get("ward", "")
        if ward.isdigit():
            shops = shops.filter(ward_code=int(ward))
        return shops

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["kinds"] = BusinessKind.choices
        ctx["ward_choices"] = wards.ward_choices()
        ctx["selected_kind"] = self.request.GET.get("kind", "")
        ctx["selected_ward"] = self.request.GET.get("ward", "")
        ctx["summary"] = _("Shops")
        return ctx


class ShopDetailView(ListView):
    """A shop's storefront: who they are, where, and their live products."""

    template_name = "vendors/shop_detail.html"
    context_object_name = "products"

    def get_paginate_by(self, queryset):
        return settings.OSCAR_PRODUCTS_PER_PAGE

    def get_queryset(self):
        self.vendor = get_object_or_404(Vendor, slug=self.kwargs["slug"])
        if self.vendor.status != Vendor.Status.ACTIVE:
            raise Http404(_("This shop is not open."))
        return selectors.with_card_data(
            selectors.sellable_products().filter(stockrecords__partner=self.vendor.partner_id)
        ).order_by("title")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["shop"] = self.vendor
        ctx["summary"] = self.vendor.shop_name
        return ctx
