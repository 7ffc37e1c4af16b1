"""Stripe Checkout for cards from abroad: on only when its keys are set.

The shopper pays on a Checkout Session created for the purchase's total. VND is a zero-decimal
currency at Stripe, so the amount is whole đồng as it stands, never multiplied by 100. The
purchase is settled by the `checkout.session.completed` webhook, verified with the stripe
library's signature check against STRIPE_WEBHOOK_SECRET; `payment_intent.payment_failed` marks
the attempt failed so the shopper can try again.
"""

import re

import stripe
from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import bounded_json, events, settlement
from ..gateways.base import Gateway, GatewayError, Refunded, Start, purchase_description
from ..models import Payment, PaymentEvent

# `t=1700000000,v1=<64 hex>[,v0=…]`: printable ASCII, a few hundred characters at most. Anything
# else (a non-ASCII byte made stripe's check raise TypeError) is refused before the check.
_SIGNATURE_HEADER = re.compile(r"[ -~]{1,1024}")


def _is_signature_header(value: str) -> bool:
    return _SIGNATURE_HEADER.fullmatch(value) is not None


class StripeCheckout(Gateway):
    code = "stripe"
    label = gettext_lazy("Card (Stripe)")
    redirects = True

    def is_configured(self) -> bool:
        return bool(settings.STRIPE_SECRET_KEY and settings.STRIPE_WEBHOOK_SECRET)

    def client(self) -> stripe.StripeClient:
        return stripe.StripeClient(settings.STRIPE_SECRET_KEY)

    def session_params(self, payment, *, success_url: str, cancel_url: str) -> dict:
        return {
            "mode": "payment",
            "client_reference_id": payment.reference,
            "success_url": success_url,
            "cancel_url": cancel_url,
            "locale": "vi" if translation.get_language() == "vi" else "en",
            "line_items": [
                {
                    "quantity": 1,
                    "price_data": {
                        "currency": "vnd",
                        "unit_amount": payment.amount,  # zero-decimal: whole đồng
                        "product_data": {
                            "name": _("OCOP purchase %(number)s") % {"number": payment.purchase.number},
                            "description": purchase_description(payment.purchase)[:255],
                        },
                    },
                }
            ],
            "metadata": {"payment_reference": payment.reference},
            "payment_intent_data": {"metadata": {"payment_reference": payment.reference}},
            "customer_email": payment.purchase.email,
        }

    def start(self, payment, request) -> Start:
        back = request.build_absolute_uri(reverse("payments:return", args=[self.code]))
        params = self.session_params(
            payment,
            success_url=f"{back}?ref={payment.reference}&session_id={{CHECKOUT_SESSION_ID}}",
            cancel_url=f"{back}?ref={payment.reference}&cancelled=1",
        )
        try:
            session = self.client().v1.checkout.sessions.create(params=params)
        except stripe.StripeError as error:
            raise GatewayError(str(error)) from error
        payment.external_id = session.id  # until the webhook replaces it with the payment intent
        payment.save(update_fields=["external_id", "updated_at"])
        return Start(redirect_url=session.url)

    def handle_return(self, request):
        return Payment.objects.filter(
            gateway=self.code, reference=request.GET.get("ref", "").replace("\x00", "")[:64]
        ).first()

    def handle_callback(self, request) -> HttpResponse:
        body = request.body
        header = request.headers.get("Stripe-Signature", "")
        if len(body) > bounded_json.MAX_BYTES or not _is_signature_header(header):
            events.log(gateway=self.code, kind=PaymentEvent.Kind.CALLBACK, outcome="malformed")
            return JsonResponse({"error": "malformed request"}, status=400)
        try:
            stripe.WebhookSignature.verify_header(
                body.decode("utf-8"), header, settings.STRIPE_WEBHOOK_SECRET, stripe.Webhook.DEFAULT_TOLERANCE
            )
        except (UnicodeDecodeError, TypeError, ValueError, stripe.SignatureVerificationError) as error:
            # TypeError: what hmac.compare_digest raises on a non-ASCII signature, should one pass.
            events.log(
                gateway=self.code,
                kind=PaymentEvent.Kind.CALLBACK,
                outcome="bad_signature",
                message=str(error)[:300],
            )
            return JsonResponse({"error": "invalid signature"}, status=400)
        try:
            event = bounded_json.loads(body)
            kind, obj = event["type"], event["data"]["object"]
            if not isinstance(kind, str) or not isinstance(obj, dict):
                raise TypeError
        except (ValueError, KeyError, TypeError):
            events.log(gateway=self.code, kind=PaymentEvent.Kind.CALLBACK, outcome="malformed")
            return JsonResponse({"error": "malformed event"}, status=400)
        data = {"event": event.get("id"), "type": kind}
        if kind == "checkout.session.completed":
            if obj.get("payment_status") != "paid":
                events.log(gateway=self.code, kind=PaymentEvent.Kind.CALLBACK, outcome="waiting", data=data)
                return JsonResponse({"received": True})
            outcome = settlement.callback_record(
                gateway=self.code,
                reference=str(obj.get("client_reference_id") or ""),
                paid=True,
                amount=obj.get("amount_total"),
                currency=str(obj.get("currency") or ""),
                external_id=str(obj.get("payment_intent") or obj.get("id") or ""),
                data=data,
            )
        elif kind == "payment_intent.payment_failed":
            outcome = settlement.callback_record(
                gateway=self.code,
                reference=str(metadata.get("payment_reference") or "")
                if isinstance(metadata := obj.get("metadata"), dict)
                else "",
                paid=False,
                amount=obj.get("amount"),
                currency=str(obj.get("currency") or ""),
                external_id=str(obj.get("id") or ""),
                data=data,
            )
        else:
            return JsonResponse({"received": True, "ignored": kind})
        return JsonResponse({"received": True, "outcome": outcome.code})

    def refund(self, payment, amount: int, reason: str) -> Refunded:
        try:
            refund = self.client().v1.refunds.create(
                params={
                    "payment_intent": payment.external_id,
                    "amount": amount,
                    "metadata": {"reason": reason[:200]},
                }
            )
        except stripe.StripeError as error:
            raise GatewayError(str(error)) from error
        return Refunded(reference=refund.id)

    def inquiry(self, payment) -> dict:
        if not payment.external_id.startswith("cs_"):
            return {"status": "pending"}  # no session was created, or it is already settled
        try:
            session = self.client().v1.checkout.sessions.retrieve(payment.external_id)
        except stripe.StripeError as error:
            raise GatewayError(str(error)) from error
        if session.payment_status != "paid":
            return {"status": "pending"}
        return {
            "status": "paid",
            "amount": session.amount_total,
            "currency": session.currency,
            "external_id": session.payment_intent or session.id,
        }
