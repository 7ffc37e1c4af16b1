"""The activation queue: find and filter applicants, open their documents, decide, approve several at once."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import DetailView, ListView

from marketplace import wards
from marketplace.purchases import ledger
from marketplace.querystring import ForgivingPageMixin, bounded_int, printable
from vendors import lifecycle, selectors
from vendors.models import BusinessKind, Vendor

# What staff may do, by button: the service that does it and whether it takes the reason typed.
DECISIONS = {
    "activate": (lifecycle.vendor_activate, False),
    "reject": (lifecycle.vendor_reject, True),
    "suspend": (lifecycle.vendor_suspend, True),
    "reactivate": (lifecycle.vendor_reactivate, True),
}


class VendorQueueView(ForgivingPageMixin, ListView):
    template_name = "vendors/dashboard/vendor_list.html"
    context_object_name = "vendors"
    paginate_by = 50

    def get_queryset(self):
        # Newest first: a new application is on the first page, not behind every older one.
        vendors = Vendor.objects.select_related("owner").order_by("-applied_at", "-pk")
        self.filters = {
            "status": self.request.GET.get("status", Vendor.Status.APPLIED),
            "kind": self.request.GET.get("kind", ""),
            "ward": self.request.GET.get("ward", ""),
            "q": printable(self.request.GET.get("q"), limit=100),
        }
        if self.filters["status"] in Vendor.Status.values:
            vendors = vendors.filter(status=self.filters["status"])
        if self.filters["kind"] in BusinessKind.values:
            vendors = vendors.filter(kind=self.filters["kind"])
        if (ward := bounded_int(self.filters["ward"])) is not None:
            vendors = vendors.filter(ward_code=ward)
        return selectors.vendors_matching(vendors, self.filters["q"])

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(
            filters=self.filters,
            statuses=Vendor.Status.choices,
            kinds=BusinessKind.choices,
            ward_choices=wards.ward_choices(),
            query_string=self.request.GET.urlencode(),
        )
        return ctx


class VendorDetailView(DetailView):
    template_name = "vendors/dashboard/vendor_detail.html"
    context_object_name = "vendor"

    def get_queryset(self):
        return Vendor.objects.select_related("owner", "partner").prefetch_related(
            "documents", "transitions__by"
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["actions"] = [name for name in DECISIONS if _target(name, self.object)]
        return ctx


def _target(action: str, vendor: Vendor) -> str | None:
    """The status an action leads to from the vendor's current one, or None if it does not apply."""
    S = Vendor.Status
    return {
        "activate": S.ACTIVE if vendor.status == S.APPLIED else None,
        "reactivate": S.ACTIVE if vendor.status == S.SUSPENDED else None,
        "reject": S.REJECTED if vendor.status == S.APPLIED else None,
        "suspend": S.SUSPENDED if vendor.status == S.ACTIVE else None,
    }[action]


class VendorDecideView(View):
    def post(self, request, pk):
        vendor = get_object_or_404(Vendor, pk=pk)
        action = request.POST.get("action", "")
        if action not in DECISIONS:
            messages.error(request, _("This decision is not possible for this seller."))
            return redirect("dashboard:vendor-detail", pk=pk)
        service, takes_reason = DECISIONS[action]
        kwargs = {"vendor": vendor, "by": request.user}
        if takes_reason:
            kwargs["reason"] = request.POST.get("reason", "")
        try:
            service(**kwargs)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("dashboard:vendor-detail", pk=pk)
        messages.success(
            request,
            _("%(shop)s is now %(status)s.")
            % {"shop": vendor.shop_name, "status": vendor.get_status_display()},
        )
        return redirect("dashboard:vendor-detail", pk=pk)


class BulkApproveView(View):
    def post(self, request):
        ids = [n for i in request.POST.getlist("vendor") if (n := bounded_int(i)) is not None]
        approved, refused = 0, []
        for vendor in Vendor.objects.filter(pk__in=ids).order_by("pk"):
            try:
                lifecycle.vendor_activate(vendor=vendor, by=request.user)
                approved += 1
            except ValidationError:
                refused.append(vendor.shop_name)
        if approved:
            messages.success(
                request,
                ngettext("%(count)d seller activated.", "%(count)d sellers activated.", approved)
                % {"count": approved},
            )
        if refused:
            messages.error(
                request,
                _("Not activated (no longer waiting): %(shops)s") % {"shops": ", ".join(refused)},
            )
        if not ids:
            messages.error(request, _("Tick the sellers to activate first."))
        return redirect(request.POST.get("next") or "dashboard:vendor-list")


class VendorDocumentView(View):
    """Streams an applicant's document from private storage; only staff reach this view."""

    def get(self, request, pk, document_pk):
        vendor = get_object_or_404(Vendor, pk=pk)
        document = vendor.documents.filter(pk=document_pk).first()
        if document is None:
            raise Http404
        response = FileResponse(document.file.open("rb"), content_type=document.content_type)
        response["Content-Disposition"] = f'inline; filename="{document.pk}{_suffix(document.content_type)}"'
        response["X-Content-Type-Options"] = "nosniff"
        return response


def _suffix(content_type: str) -> str:
    return {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}.get(content_type, "")


class VendorLedgerView(DetailView):
    """Staff: a shop's statement and balance, and recording a payout made by bank transfer."""

    template_name = "vendors/dashboard/vendor_ledger.html"
    context_object_name = "vendor"
    model = Vendor

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["entries"] = ledger.statement(self.object)
        ctx["balance"] = ledger.balance(self.object)
        return ctx

    def post(self, request, pk):
        vendor = get_object_or_404(Vendor, pk=pk)
        raw = request.POST.get("amount", "").replace(".", "").replace(" ", "")
        try:
            ledger.payout_record(
                vendor=vendor,
                amount=bounded_int(raw, low=0, high=10**15) or 0,
                bank_reference=request.POST.get("bank_reference", ""),
                by=request.user,
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Payout recorded."))
        return redirect("dashboard:vendor-ledger", pk=pk)
