"""Public seller pages: the shop directory, a shop's storefront, and the application to sell."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, ListView

from marketplace import wards
from marketplace.querystring import ForgivingPageMixin, bounded_int

from . import lifecycle, selectors
from .filters import ShopFilter
from .forms import ApplicationForm
from .models import BusinessKind, Seller


class ShopListView(ForgivingPageMixin, ListView):
    template_name = "sellers/shop_list.html"
    context_object_name = "shops"
    paginate_by = 24

    def get_queryset(self):
        self.filterset = ShopFilter(self.request.GET, queryset=selectors.open_sellers().order_by("shop_name"))
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        chosen = self.filterset.chosen()
        ctx["kinds"] = BusinessKind.choices
        ctx["ward_choices"] = wards.ward_choices()
        ctx["selected_kind"], ctx["selected_ward"] = chosen["kind"], chosen["ward"]
        ctx["summary"] = _("Shops")
        return ctx


class ShopDetailView(ForgivingPageMixin, ListView):
    """A shop's storefront: who they are, where, and their live products."""

    template_name = "sellers/shop_detail.html"
    context_object_name = "products"

    def get_paginate_by(self, queryset):
        return settings.OSCAR_PRODUCTS_PER_PAGE

    def get_queryset(self):
        self.seller = get_object_or_404(Seller, slug=self.kwargs["slug"])
        if self.seller.status != Seller.Status.ACTIVE:
            raise Http404(_("This shop is not open."))
        return selectors.with_card_data(
            selectors.sellable_products().filter(stockrecords__partner=self.seller.partner_id)
        ).order_by("title")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["shop"] = self.seller
        ctx["summary"] = self.seller.shop_name
        return ctx


class ApplyView(LoginRequiredMixin, FormView):
    """`/sell/`: apply to sell, see where the application stands, re-apply after a rejection."""

    template_name = "sellers/apply.html"
    form_class = ApplicationForm

    def dispatch(self, request, *args, **kwargs):
        self.seller = None
        if request.user.is_authenticated:
            self.seller = Seller.objects.filter(owner=request.user).select_related("partner").first()
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        if self.seller is not None and self.seller.status == Seller.Status.REJECTED and not self.request.POST:
            kwargs["initial"] = {
                field: getattr(self.seller, field)
                for field in ApplicationForm.base_fields
                if hasattr(self.seller, field)
            }
        return kwargs

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["seller"] = self.seller
        ctx["can_apply"] = self.seller is None or self.seller.status == Seller.Status.REJECTED
        return ctx

    def post(self, request, *args, **kwargs):
        if self.seller is not None and self.seller.status != Seller.Status.REJECTED:
            messages.info(request, _("You already have a seller account."))
            return redirect("sell:apply")
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            lifecycle.seller_apply(
                user=self.request.user, documents=form.documents(), **form.seller_details()
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(
            self.request, _("Your application is sent. Province staff will review it and e-mail you.")
        )
        return redirect("sell:apply")

    def form_invalid(self, form):
        form.stash_document()
        messages.error(self.request, _("Please correct the errors below."))
        return super().form_invalid(form)


def ward_options(request):
    """The wards of a province, for the address form's ward list."""
    # Province codes have two digits; wards() caches per code, so no other number gets that far.
    province = bounded_int(request.GET.get("province"), high=99)
    if province is None:
        return JsonResponse({"wards": []})
    return JsonResponse({"wards": [{"code": c, "name": n} for c, n in wards.ward_choices(province)]})
