"""Viettel Pay, as its payment gateway 2.0 is publicly described: a signed redirect and a signed callback.

The shopper is sent to the gateway with the merchant code, our order id (the payment's
reference: the purchase number and the attempt, "…-TT1"), the bill code (the purchase number), the
amount in whole đồng, the return URL and a description naming the purchase and its shops' orders,
signed as `viettelpay_protocol` says. The gateway calls our callback server to server with
`error_code` ("00" is success), `payment_status` ("1" paid), `vt_transaction_id` and a check_sum;
the shopper comes back to the return URL with the same fields, which we only display.

Without MARKETPLACE_VIETTELPAY_PAYMENT_URL the marketplace's own sandbox wallet plays the gateway
(see `marketplace.payments.sandbox`); a real endpoint is configuration only.
"""

import urllib.error
import urllib.parse
import urllib.request

from django.conf import settings
from django.http import JsonResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .. import bounded_json, events, sandbox, settlement
from ..gateways.base import Gateway, GatewayError, Refunded, Start, purchase_description
from ..models import Payment, PaymentEvent
from ..viettelpay_protocol import (
    ANSWER_SIGNED,
    CALLBACK_SIGNED,
    REDIRECT_SIGNED,
    VERSION,
    Config,
    api_fields,
    format_problem,
    is_amount,
    refund_content,
    single_values,
)

# What the merchant answers a callback with.
ANSWER_CODES = {"settled": "00", "replay": "00", "declined": "00", "unknown": "01", "amount_mismatch": "02"}


class ViettelPay(Gateway):
    code = "viettelpay"
    label = _("Viettel Pay")
    redirects = True

    @property
    def config(self) -> Config:
        return Config.from_settings()

    def is_configured(self) -> bool:
        cfg = self.config
        where = cfg.payment_url or settings.MARKETPLACE_VIETTELPAY_SANDBOX
        return bool(cfg.merchant_code and cfg.access_code and cfg.hash_key and where)

    # --- Start and return ---------------------------------------------------------------------

    def redirect_params(self, payment, return_url: str) -> dict:
        cfg = self.config
        params = {
            "version": VERSION,
            "command": "PAYMENT",
            "merchant_code": cfg.merchant_code,
            "order_id": payment.reference,
            "billcode": payment.purchase.number,
            "trans_amount": str(payment.amount),
            "return_url": return_url,
            "locale": "Vi" if translation.get_language() == "vi" else "En",
            # Shown on the wallet, not signed: what the shopper is paying for, the whole purchase.
            "desc": purchase_description(payment.purchase)[:255],
        }
        return cfg.signed(params, REDIRECT_SIGNED)

    def start(self, payment, request) -> Start:
        return_url = request.build_absolute_uri(reverse("payments:return", args=[self.code]))
        endpoint = self.config.payment_url or reverse("payments:viettelpay-sandbox")
        query = urllib.parse.urlencode(self.redirect_params(payment, return_url))
        return Start(redirect_url=f"{endpoint}?{query}")

    def handle_return(self, request):
        params = single_values(request.GET)
        return Payment.objects.filter(
            gateway=self.code, reference=str(params.get("order_id", ""))[:64]
        ).first()

    # --- The server callback ------------------------------------------------------------------

    def answer(self, outcome_code: str, params: dict) -> dict:
        cfg = self.config
        answer = {
            "error_code": ANSWER_CODES.get(outcome_code, "99"),
            "merchant_code": cfg.merchant_code,
            "order_id": str(params.get("order_id", ""))[:64],
        }
        return cfg.signed(answer, ANSWER_SIGNED)

    def handle_callback(self, request):
        cfg = self.config
        params = single_values(request.POST)
        problem = format_problem(params, (*CALLBACK_SIGNED, "check_sum"), cfg.merchant_code)
        if problem:
            events.log(
                gateway=self.code,
                kind=PaymentEvent.Kind.CALLBACK,
                outcome="malformed",
                data={key: value[:100] for key, value in list(params.items())[:20]},
                message=problem,
            )
            return JsonResponse({"error_code": "03", "message": "malformed"}, status=400)
        if not cfg.verify(params, CALLBACK_SIGNED):
            events.log(
                gateway=self.code, kind=PaymentEvent.Kind.CALLBACK, outcome="bad_signature", data=params
            )
            return JsonResponse({"error_code": "04", "message": "bad check_sum"}, status=400)
        outcome = settlement.callback_record(
            gateway=self.code,
            reference=params["order_id"],
            paid=params["error_code"] == "00" and params["payment_status"] == "1",
            amount=int(params["trans_amount"]),
            currency="VND",
            external_id=params["vt_transaction_id"],
            data=params,
        )
        return JsonResponse(self.answer(outcome.code, params))

    # --- Server-to-server requests ------------------------------------------------------------

    def call(self, params: dict) -> dict:
        """Send a signed request to the gateway's API and return its verified answer."""
        cfg = self.config
        request = {**params, "merchant_code": cfg.merchant_code, "version": VERSION}
        request["check_sum"] = cfg.sign(request, api_fields(request))
        if cfg.api_url:
            body = urllib.parse.urlencode(request).encode()
            try:
                with urllib.request.urlopen(urllib.request.Request(cfg.api_url, data=body), timeout=15) as r:
                    answer = bounded_json.loads(r.read(bounded_json.MAX_BYTES + 1))
            except (OSError, ValueError) as error:
                raise GatewayError(f"Viettel Pay did not answer: {error}") from error
        else:
            answer = sandbox.api(request)  # the built-in sandbox answers in process
        if (
            not isinstance(answer, dict)
            or format_problem(answer, api_fields(answer), cfg.merchant_code)
            or not cfg.verify(answer, api_fields(answer))
        ):
            raise GatewayError("Viettel Pay's answer did not verify.")
        return answer

    def refund(self, payment, amount: int, reason: str) -> Refunded:
        answer = self.call(
            {
                "cmd": "REFUND_PAYMENT",
                "order_id": payment.reference,
                "originalRequestId": payment.external_id,
                "trans_amount": str(amount),
                "trans_content": refund_content(reason),
            }
        )
        if answer.get("error_code") != "00":
            raise GatewayError(f"Viettel Pay refused the refund ({answer.get('error_code')}).")
        return Refunded(reference=str(answer.get("refund_id", "")))

    def inquiry(self, payment) -> dict:
        answer = self.call({"cmd": "TRANS_INQUIRY", "order_id": payment.reference})
        status = {"1": "paid", "2": "failed"}.get(answer.get("payment_status"), "pending")
        if answer.get("error_code") == "01":
            status = "pending"  # the gateway has not seen this order: the shopper never paid
        return {
            "status": status,
            "amount": int(answer["trans_amount"]) if is_amount(answer.get("trans_amount")) else None,
            "currency": "VND",
            "external_id": answer.get("vt_transaction_id", ""),
        }
