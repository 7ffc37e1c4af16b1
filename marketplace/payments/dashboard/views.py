"""The payments desk: transfers waiting to be seen on the bank statement, statement upload, events
that need a person, and each purchase's payment history with a button to ask its gateway."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView

from marketplace.purchases.models import Purchase
from marketplace.querystring import printable

from .. import gateways, inquiry, transfers
from ..models import Payment, PaymentEvent

MAX_STATEMENT_BYTES = 2 * 1024 * 1024


class TransferPaidForm(forms.Form):
    bank_reference = forms.CharField(
        label=_("Bank reference"), max_length=100, help_text=_("The transaction number on the statement.")
    )


class StatementForm(forms.Form):
    statement = forms.FileField(
        label=_("Bank statement (CSV)"),
        help_text=_(
            "Columns: amount, description, reference. The description names the purchase: OCOP <number>."
        ),
    )

    def clean_statement(self):
        upload = self.cleaned_data["statement"]
        if upload.size > MAX_STATEMENT_BYTES:
            raise forms.ValidationError(_("The statement is larger than 2 MB; split it by date."))
        try:
            content = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError(
                _("Save the statement as CSV in UTF-8 and upload it again.")
            ) from None
        rows = transfers.statement_rows(content)
        if rows is None:
            raise forms.ValidationError(
                _("The statement needs the columns amount and description (and reference).")
            )
        return rows


class PaymentsDeskView(TemplateView):
    template_name = "payments/dashboard/desk.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        number = printable(self.request.GET.get("q"), limit=40)
        if number:
            ctx["found"] = Purchase.objects.filter(number=number).first()
            ctx["q"] = number
        ctx["awaiting"] = Purchase.objects.filter(
            payment_method="vietqr", status=Purchase.Status.PLACED
        ).order_by("created_at")[:100]
        ctx["flagged"] = PaymentEvent.objects.filter(flagged=True, reviewed_at__isnull=True).select_related(
            "purchase"
        )[:100]
        ctx["recent"] = PaymentEvent.objects.select_related("purchase")[:30]
        ctx["transfer_form"] = TransferPaidForm()
        ctx["statement_form"] = kwargs.get("statement_form") or StatementForm()
        return ctx


class StatementUploadView(View):
    def post(self, request):
        form = StatementForm(request.POST, request.FILES)
        if not form.is_valid():
            desk = PaymentsDeskView()
            desk.setup(request)
            return render(request, desk.template_name, desk.get_context_data(statement_form=form), status=400)
        report = transfers.match_statement(form.cleaned_data["statement"], by=request.user)
        settled = sum(1 for row in report if row["outcome"] == "settled")
        messages.success(
            request,
            _("%(settled)s purchases settled; %(rest)s rows to look at.")
            % {"settled": settled, "rest": len(report) - settled},
        )
        return render(request, "payments/dashboard/statement_report.html", {"report": report})


class TransferPaidView(View):
    def post(self, request, number):
        purchase = get_object_or_404(Purchase, number=number, payment_method="vietqr")
        form = TransferPaidForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Give the bank reference of the transfer."))
        elif transfers.transfer_received(
            purchase=purchase, reference=form.cleaned_data["bank_reference"], by=request.user
        ):
            messages.success(request, _("Purchase %(number)s is paid.") % {"number": number})
        else:
            messages.warning(
                request, _("Purchase %(number)s was not waiting for a transfer.") % {"number": number}
            )
        return redirect("dashboard:payments-desk")


class EventReviewedView(View):
    def post(self, request, pk):
        PaymentEvent.objects.filter(pk=pk, reviewed_at__isnull=True).update(
            reviewed_at=timezone.now(), reviewed_by=request.user
        )
        back = request.POST.get("next", "")
        if url_has_allowed_host_and_scheme(back, {request.get_host()}):
            return redirect(back)
        return redirect("dashboard:payments-desk")


class PurchasePaymentsView(TemplateView):
    template_name = "payments/dashboard/purchase.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        purchase = get_object_or_404(
            Purchase.objects.prefetch_related("parts__order__sources__transactions", "parts__seller"),
            number=kwargs["number"],
        )
        ctx.update(
            purchase=purchase,
            payments=purchase.payments.all(),
            events=purchase.payment_events.select_related("reviewed_by"),
            gateway=gateways.get(purchase.payment_method),
        )
        return ctx


class InquireView(View):
    def post(self, request, pk):
        payment = get_object_or_404(Payment.objects.select_related("purchase"), pk=pk)
        status = inquiry.inquire(payment)
        messages.info(request, _("The gateway says: %(status)s.") % {"status": status})
        return redirect("dashboard:payments-purchase", number=payment.purchase.number)
