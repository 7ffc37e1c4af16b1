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
from marketplace.amounts import DONG, parse_whole
from marketplace.purchases import ledger
from marketplace.querystring import ForgivingPageMixin, bounded_int
from vendors import lifecycle
from vendors.filters import SellerQueueFilter
from vendors.models import BusinessKind, Seller


class SellerQueueView(ForgivingPageMixin, ListView):
    template_name = "sellers/dashboard/seller_list.html"
    context_object_name = "sellers"
    paginate_by = 50

    def get_queryset(self):
        # Newest first: a new application is on the first page, not behind every older one.
        sellers = Seller.objects.select_related("owner").order_by("-applied_at", "-pk")
        self.filterset = SellerQueueFilter(self.request.GET, queryset=sellers)
        self.filters = self.filterset.chosen()
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(
            filters=self.filters,
            statuses=Seller.Status.choices,
            kinds=BusinessKind.choices,
            ward_choices=wards.ward_choices(),
            query_string=self.request.GET.urlencode(),
        )
        return ctx


class SellerDetailView(DetailView):
    template_name = "sellers/dashboard/seller_detail.html"
    context_object_name = "seller"

    def get_queryset(self):
        return Seller.objects.select_related("owner", "partner").prefetch_related(
            "documents", "transitions__by"
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["decisions"] = lifecycle.decisions_for(self.object)
        if any(name == "activate" for name, _decision in ctx["decisions"]):
            ctx["missing"] = lifecycle.missing_for_activation(self.object)
        return ctx


class SellerDecideView(View):
    def post(self, request, pk):
        seller = get_object_or_404(Seller, pk=pk)
        try:
            lifecycle.decide(
                seller=seller,
                action=request.POST.get("action", "")[:20],
                by=request.user,
                reason=request.POST.get("reason", "")[:2000],
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("dashboard:seller-detail", pk=pk)
        messages.success(
            request,
            _("%(shop)s is now %(status)s.")
            % {"shop": seller.shop_name, "status": seller.get_status_display()},
        )
        return redirect("dashboard:seller-detail", pk=pk)


class BulkApproveView(View):
    def post(self, request):
        ids = [n for i in request.POST.getlist("seller") if (n := bounded_int(i)) is not None]
        approved, refused = 0, []
        for seller in Seller.objects.filter(pk__in=ids).order_by("pk"):
            try:
                lifecycle.seller_activate(seller=seller, by=request.user)
                approved += 1
            except ValidationError:
                refused.append(seller.shop_name)
        if approved:
            messages.success(
                request,
                ngettext("%(count)d seller activated.", "%(count)d sellers activated.", approved)
                % {"count": approved},
            )
        if refused:
            messages.error(
                request,
                _(
                    "Not activated — no longer waiting, or without documents or a bank account (open "
                    "each one): %(shops)s"
                )
                % {"shops": ", ".join(refused)},
            )
        if not ids:
            messages.error(request, _("Tick the sellers to activate first."))
        return redirect(request.POST.get("next") or "dashboard:seller-list")


class SellerDocumentView(View):
    """Streams an applicant's document from private storage; only staff reach this view."""

    def get(self, request, pk, document_pk):
        seller = get_object_or_404(Seller, pk=pk)
        document = seller.documents.filter(pk=document_pk).first()
        if document is None:
            raise Http404
        response = FileResponse(document.file.open("rb"), content_type=document.content_type)
        response["Content-Disposition"] = f'inline; filename="{document.pk}{_suffix(document.content_type)}"'
        response["X-Content-Type-Options"] = "nosniff"
        return response


def _suffix(content_type: str) -> str:
    return {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}.get(content_type, "")


PAYOUT_AT_MOST = 10**12  # a thousand thousand million đồng: far above any shop's balance


class SellerLedgerView(DetailView):
    """Staff: a shop's statement and balance, and recording a payout made by bank transfer."""

    template_name = "sellers/dashboard/seller_ledger.html"
    context_object_name = "seller"
    model = Seller

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["entries"] = ledger.statement(self.object)
        ctx["balance"] = ledger.balance(self.object)
        ctx["money"] = ledger.balance_by_state(self.object)
        return ctx

    def post(self, request, pk):
        seller = get_object_or_404(Seller, pk=pk)
        try:
            ledger.payout_record(
                seller=seller,
                amount=parse_whole(request.POST.get("amount", ""), kind=DONG, at_most=PAYOUT_AT_MOST),
                bank_reference=request.POST.get("bank_reference", ""),
                by=request.user,
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Payout recorded."))
        return redirect("dashboard:seller-ledger", pk=pk)
