"""Seller-centre pages of the marketplace's own: the shop's profile and bulk product import."""

import csv
import io
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import DetailView, FormView, ListView, TemplateView, UpdateView
from oscar.core.loading import get_model

from marketplace.cms.models import ShopStoriesPage, StoryPage
from marketplace.cms.stories import corner_for
from marketplace.images import BoundedImageField
from marketplace.money import format_vnd
from marketplace.purchases import ledger
from marketplace.querystring import bounded_int, printable
from marketplace.richtext import sanitize_rich_text
from marketplace.spreadsheets import safe_row
from vendors import lifecycle, product_import, selectors, stock, tasks
from vendors.models import ProductImport, Seller


class SellerMixin:
    """These pages belong to the signed-in seller's activated shop; staff have none of their own."""

    def dispatch(self, request, *args, **kwargs):
        self.seller = selectors.active_seller_of(request.user)
        if self.seller is None:
            raise Http404(_("These pages are for activated sellers."))
        return super().dispatch(request, *args, **kwargs)


class ShopProfileForm(forms.ModelForm):
    class Meta:
        model = Seller
        fields = ["shop_name", "story", "logo", "banner"]
        widgets = {"story": forms.Textarea(attrs={"rows": 6})}
        field_classes = {"logo": BoundedImageField, "banner": BoundedImageField}

    def clean_story(self):
        # The shop page prints the story as rich text (shop_detail.html): only allowed markup stays.
        return sanitize_rich_text(self.cleaned_data.get("story"))


class ShopProfileView(SellerMixin, UpdateView):
    template_name = "sellers/dashboard/shop_profile.html"
    form_class = ShopProfileForm

    def get_object(self, queryset=None):
        return self.seller

    def form_valid(self, form):
        lifecycle.shop_save(form.save(commit=False))
        messages.success(self.request, _("Your shop's page is updated."))
        return redirect("dashboard:shop-profile")


class ImportForm(forms.Form):
    file = forms.FileField(label=_("CSV or XLSX file"), help_text=_("Up to 20 MB and 10,000 products."))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.MARKETPLACE_IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(size)s MB.")
                % {"size": settings.MARKETPLACE_IMPORT_MAX_BYTES // (1024 * 1024)}
            )
        return upload


class ImportView(SellerMixin, FormView):
    template_name = "sellers/dashboard/import_form.html"
    form_class = ImportForm

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["imports"] = [product_import.as_seen(job) for job in self.seller.product_imports.all()[:10]]
        ctx["columns"] = [(name, product_import.COLUMN_MEANINGS[name]) for name in product_import.COLUMNS]
        return ctx

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        job = ProductImport.objects.create(
            seller=self.seller, file=upload, original_name=upload.name[:255], created_by=self.request.user
        )
        transaction.on_commit(lambda: tasks.product_import_run.delay(job.pk))
        return redirect("dashboard:shop-import-detail", pk=job.pk)


class ImportDetailView(SellerMixin, DetailView):
    template_name = "sellers/dashboard/import_detail.html"
    context_object_name = "job"

    def get_queryset(self):
        return self.seller.product_imports.all()

    def get_object(self, queryset=None):
        return product_import.as_seen(super().get_object(queryset))

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["progress"] = cache.get(product_import.progress_key(self.object))
        return ctx


class ImportProgressView(SellerMixin, View):
    """JSON for the import page's progress bar while a worker runs the import."""

    def get(self, request, pk):
        job = product_import.as_seen(get_object_or_404(self.seller.product_imports, pk=pk))
        progress = cache.get(product_import.progress_key(job)) or {}
        return JsonResponse({"status": job.status, **progress})


class ImportTemplateView(SellerMixin, View):
    def get(self, request, fmt):
        if fmt not in {"csv", "xlsx"}:
            raise Http404
        if fmt == "csv":
            response = HttpResponse(product_import.template_csv(), content_type="text/csv; charset=utf-8")
        else:
            response = HttpResponse(
                product_import.template_xlsx(),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
        response["Content-Disposition"] = f'attachment; filename="mau-nhap-san-pham.{fmt}"'
        return response


class StatementView(SellerMixin, ListView):
    """The shop's statement: every entry with the running balance; what it is owed now."""

    template_name = "sellers/dashboard/statement.html"
    context_object_name = "entries"
    paginate_by = 100

    def get_queryset(self):
        return ledger.statement(self.seller)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["balance"] = ledger.balance(self.seller)
        ctx["money"] = ledger.balance_by_state(self.seller)
        ctx["seller"] = self.seller
        return ctx


# The statement's download, in the interface's language; ISO dates that sort, whole đồng as numbers.
STATEMENT_COLUMNS = (
    _("Date and time"),
    _("Kind"),
    _("Order number"),
    _("Reference"),
    _("Note"),
    _("Amount (₫)"),
    _("Balance (₫)"),
)


class StatementCsvView(SellerMixin, View):
    def get(self, request):
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow([str(label) for label in STATEMENT_COLUMNS])
        for entry in ledger.statement(self.seller):
            writer.writerow(
                safe_row(
                    [
                        timezone.localtime(entry.created_at).strftime("%Y-%m-%d %H:%M"),
                        entry.get_kind_display(),
                        entry.order.number if entry.order else "",
                        entry.reference,
                        entry.note,
                        entry.amount,
                        entry.balance,
                    ]
                )
            )
        response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="sao-ke-{self.seller.slug}.csv"'
        return response


class StoriesView(SellerMixin, TemplateView):
    """The shop's stories, and the way into the CMS to write one (staff publish them)."""

    template_name = "sellers/dashboard/stories.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        # Only read here: the corner is made when the shop is activated (or by the POST below,
        # for a shop activated before corners were).
        corner = ShopStoriesPage.objects.filter(shop=self.seller).first()
        ctx["corner"] = corner
        ctx["stories"] = (
            StoryPage.objects.child_of(corner).order_by("-latest_revision_created_at") if corner else []
        )
        return ctx

    def post(self, request, *args, **kwargs):
        corner_for(self.seller)
        messages.success(request, _("Your corner of the CMS is ready: write your first story."))
        return redirect("dashboard:shop-stories")


class StockListView(SellerMixin, ListView):
    """The shop's products with their price and stock, each editable where it is listed."""

    template_name = "sellers/dashboard/stock.html"
    context_object_name = "records"
    paginate_by = 50

    def get_queryset(self):
        StockRecord = get_model("partner", "StockRecord")
        records = StockRecord.objects.filter(partner=self.seller.partner).select_related("product")
        words = self.request.GET.get("q", "").strip()[:100]
        if words:
            records = records.filter(product__title__icontains=words)
        return records.order_by("product__title", "pk")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        # A price far from the old one comes back here to be confirmed (StockUpdateView).
        query = self.request.GET
        record, price = bounded_int(query.get("confirm")), bounded_int(query.get("price"))
        if record and price:
            stock_typed = printable(query.get("stock", ""), limit=20)
            ctx["confirm"] = {"record": record, "price": price, "stock": stock_typed}
        return ctx


class StockUpdateView(SellerMixin, View):
    def post(self, request, pk):
        try:
            record = stock.price_and_stock_set(
                seller=self.seller,
                record_id=pk,
                price=request.POST.get("price", "")[:40],
                stock=request.POST.get("stock", "")[:40],
                confirmed_price=request.POST.get("confirm_price", "")[:20],
            )
        except ObjectDoesNotExist as missing:
            raise Http404() from missing
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            if getattr(error, "code", None) == "confirm":
                # Back to the row with the typed price and the box that confirms it.
                query = urlencode(
                    {
                        "confirm": pk,
                        "price": error.params["price"],
                        "stock": request.POST.get("stock", "")[:20],
                        **({"page": page} if (page := request.POST.get("page", "")).isdigit() else {}),
                    }
                )
                return redirect(f"{reverse('dashboard:shop-stock')}?{query}#stock-{pk}")
        else:
            messages.success(
                request,
                _("%(title)s: %(price)s, %(stock)s in stock.")
                % {
                    "title": record.product.get_title(),
                    "price": format_vnd(int(record.price)),
                    "stock": record.num_in_stock,
                },
            )
        page = request.POST.get("page", "")
        suffix = f"?page={page}" if page.isdigit() else ""
        return redirect(reverse("dashboard:shop-stock") + suffix)
