"""`/payments/<gateway>/…`: start a payment, come back from the gateway, and the gateway's callback.

Only the callback (verified by the gateway class) and staff change what is paid; the shopper's
return shows where the purchase stands and, while the gateway has not called yet, keeps looking.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from marketplace.purchases.models import Purchase
from marketplace.purchases.views import shopper_purchase

from . import events, gateways, sandbox, settlement
from .gateways import GatewayError
from .models import PaymentEvent, SandboxTransaction
from .viettelpay_protocol import single_values


class StartView(View):
    """Send the shopper to the gateway for their purchase (a new attempt after a decline).

    Only a POST starts a payment (the checkout's, or the purchase page's "Pay with" buttons): a
    GET — a link, a prefetch, another site's <img> — writes nothing and shows the purchase.
    """

    def get(self, request, gateway, number):
        shopper_purchase(request, number)
        return redirect("checkout:thank-you", number=number)

    def post(self, request, gateway, number):
        return payment_start(request, gateway, number)


def payment_start(request, gateway: str, number: str):
    """Begin an attempt at paying purchase `number` through `gateway` and send the shopper there;
    called from a POST only (this view's, or the checkout's as it places the purchase)."""
    purchase = shopper_purchase(request, number)
    chosen = next(
        (g for g in gateways.online_alternatives(purchase.payment_method) if g.code == gateway), None
    )
    if chosen is None:
        raise Http404
    if purchase.status != Purchase.Status.PLACED:
        messages.info(request, _("This purchase is not waiting for a payment."))
        return redirect("checkout:thank-you", number=number)
    try:
        payment = settlement.payment_begin(purchase=purchase, gateway=chosen)
    except settlement.TooManyAttempts:
        messages.error(request, _("This purchase cannot be tried online again: pay another way."))
        return redirect("checkout:thank-you", number=number)
    try:
        start = chosen.start(payment, request)
    except GatewayError as error:
        events.log(
            gateway=chosen.code,
            kind=PaymentEvent.Kind.START,
            outcome="error",
            payment=payment,
            message=str(error),
            flagged=True,
        )
        messages.error(
            request,
            _("%(gateway)s cannot be reached just now. Try again in a moment, or pay another way.")
            % {"gateway": chosen.label},
        )
        return redirect("checkout:thank-you", number=number)
    events.log(
        gateway=chosen.code,
        kind=PaymentEvent.Kind.START,
        outcome="redirected",
        payment=payment,
        data={"amount": payment.amount},
    )
    return redirect(start.redirect_url)


class ReturnView(View):
    """The shopper is back from the gateway. What they bring is logged and shown, never trusted."""

    def get(self, request, gateway):
        chosen = gateways.get(gateway)
        if chosen is None or not chosen.redirects:
            raise Http404
        payment = chosen.handle_return(request)
        events.log(
            gateway=chosen.code,
            kind=PaymentEvent.Kind.RETURN,
            outcome="returned",
            payment=payment,
            data=single_values(request.GET),
        )
        if payment is None:
            messages.warning(
                request,
                _("We could not tell which purchase you paid for. Your purchases show where each stands."),
            )
            return redirect("home")
        return redirect("checkout:thank-you", number=payment.purchase.number)


@csrf_exempt
@require_POST
def callback(request, gateway):
    chosen = gateways.get(gateway)
    if chosen is None or not chosen.is_configured():
        raise Http404
    return chosen.handle_callback(request)


# --- The Viettel Pay sandbox wallet (the embedded default's stand-in for the real gateway) ------


def _sandbox_on():
    if not settings.MARKETPLACE_VIETTELPAY_SANDBOX:
        raise Http404


class SandboxWalletView(View):
    template_name = "payments/sandbox_wallet.html"

    def get(self, request):
        _sandbox_on()
        params = single_values(request.GET)
        problem = sandbox.check_redirect(params)
        if (
            not problem
            and SandboxTransaction.objects.filter(
                order_id=params["order_id"], status=SandboxTransaction.Status.PAID
            ).exists()
        ):
            problem = "order already paid"
        if problem:
            return render(request, self.template_name, {"problem": problem}, status=400)
        return render(request, self.template_name, {"params": params})

    def post(self, request):
        _sandbox_on()
        params = single_values(request.GET)  # the signed request stays in the page's address
        problem = sandbox.check_redirect(params)
        if problem or not url_has_allowed_host_and_scheme(params["return_url"], {request.get_host()}):
            return HttpResponseBadRequest(problem or "return_url is not this site")
        if SandboxTransaction.objects.filter(
            order_id=params["order_id"], status=SandboxTransaction.Status.PAID
        ).exists():
            return HttpResponseBadRequest("order already paid")
        approve = request.POST.get("action") == "approve"
        behaviour = request.POST.get("behaviour", "once")
        if behaviour not in sandbox.BEHAVIOURS:
            behaviour = "once"
        txn = sandbox.charge(params, approve=approve, msisdn=request.POST.get("msisdn", "")[:20])
        url = settings.MARKETPLACE_VIETTELPAY_CALLBACK_URL or request.build_absolute_uri(
            reverse("payments:callback", args=["viettelpay"])
        )
        sandbox.send(url, sandbox.deliveries(txn, behaviour))
        back = sandbox.result_params(txn)
        separator = "&" if "?" in params["return_url"] else "?"
        return redirect(params["return_url"] + separator + urlencode(back))


@csrf_exempt
@require_POST
def sandbox_api(request):
    _sandbox_on()
    return JsonResponse(sandbox.api(single_values(request.POST)))
