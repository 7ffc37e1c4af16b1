"""The seller centre's batches and codes: a shop records its lots and the events that made them, and
attaches the register's codes to its products (it never changes a code)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView
from oscar.core.loading import get_model

from vendors.provenance import gs1, services
from vendors.provenance.models import Batch, BatchEvent, RegisteredCode

from .views import SellerMixin

Product = get_model("catalogue", "Product")


class BatchForm(forms.ModelForm):
    class Meta:
        model = Batch
        fields = [
            "product",
            "lot_code",
            "harvested_on",
            "packed_on",
            "growing_area",
            "packing_facility",
            "quantity",
            "unit",
        ]
        widgets = {
            "harvested_on": forms.DateInput(attrs={"type": "date"}),
            "packed_on": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, seller, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = Product.objects.filter(
            stockrecords__partner=seller.partner
        ).order_by("title")
        active = RegisteredCode.objects.filter(status=RegisteredCode.Status.ACTIVE)
        self.fields["growing_area"].queryset = active.filter(kind__in=RegisteredCode.GROWING)
        self.fields["packing_facility"].queryset = active.filter(kind=RegisteredCode.Kind.PACKING)


class EventForm(forms.ModelForm):
    class Meta:
        model = BatchEvent
        fields = ["kind", "happened_on", "place", "note"]
        widgets = {
            "happened_on": forms.DateInput(attrs={"type": "date"}),
            "note": forms.Textarea(attrs={"rows": 2}),
        }


class SellerBatchesView(SellerMixin, TemplateView):
    template_name = "provenance/dashboard/batches.html"

    def batches(self):
        return (
            Batch.objects.filter(product__stockrecords__partner=self.seller.partner)
            .select_related("product", "growing_area", "packing_facility")
            .annotate(event_count=Count("events"))
            .order_by("-packed_on", "-pk")
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.setdefault("form", BatchForm(seller=self.seller))
        ctx["batches"] = self.batches()[:200]
        ctx["products"] = (
            Product.objects.filter(stockrecords__partner=self.seller.partner)
            .prefetch_related("registered_codes")
            .order_by("title")
        )
        return ctx

    def post(self, request):
        form = BatchForm(request.POST, seller=self.seller)
        if form.is_valid():
            data = dict(form.cleaned_data)
            product = data.pop("product")
            try:
                batch = services.batch_record(product=product, **data)
            except ValidationError as error:
                if hasattr(error, "error_dict"):
                    for field, problems in error.message_dict.items():
                        form.add_error(field if field in form.fields else None, problems)
                else:
                    form.add_error(None, error)
            else:
                messages.success(request, _("Batch %(lot)s is recorded.") % {"lot": batch.lot_code})
                return redirect("dashboard:shop-batch", pk=batch.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class SellerBatchView(SellerMixin, TemplateView):
    template_name = "provenance/dashboard/batch_detail.html"

    def get_batch(self):
        return get_object_or_404(
            Batch.objects.select_related("product", "growing_area", "packing_facility"),
            pk=self.kwargs["pk"],
            product__stockrecords__partner=self.seller.partner,
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        batch = self.get_batch()
        ctx.update(batch=batch, events=batch.events.all(), gtin14=gs1.gtin14(batch.product.upc))
        ctx.setdefault("form", EventForm())
        return ctx

    def post(self, request, pk):
        batch = self.get_batch()
        form = EventForm(request.POST, instance=BatchEvent(batch=batch))
        if form.is_valid():
            form.save()
            messages.success(request, _("The step is added to the batch's story."))
            return redirect("dashboard:shop-batch", pk=pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class SellerCodesView(SellerMixin, View):
    """Attach a registry code to one of the shop's products, or detach it."""

    def post(self, request):
        product = get_object_or_404(
            Product, pk=request.POST.get("product") or 0, stockrecords__partner=self.seller.partner
        )
        if request.POST.get("detach"):
            code = get_object_or_404(RegisteredCode, pk=request.POST["detach"])
            services.code_detach(product=product, code=code)
            messages.success(request, _("%(code)s is no longer attached.") % {"code": code.code})
        else:
            try:
                code = services.code_attach(product=product, code_text=request.POST.get("code", ""))
            except ValidationError as error:
                for message in error.messages:
                    messages.error(request, message)
            else:
                messages.success(
                    request,
                    _("%(code)s is attached to %(title)s.")
                    % {"code": code.code, "title": product.get_title()},
                )
        return redirect("dashboard:shop-batches")
