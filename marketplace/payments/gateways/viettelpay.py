"""Viettel Pay, as its payment gateway 2.0 is publicly described: a signed redirect and a signed callback.

The shopper is sent to the gateway with the merchant code, our order id (the payment's
reference: the purchase number and the attempt, "…-TT1"), the bill code (the purchase number), the
amount in whole đồng, the return URL and a description naming the purchase and its shops' orders,
signed with `check_sum = Base64(HMAC-SHA1(hash_key, access_code + billcode + command +
merchant_code + order_id + trans_amount + version))`. The gateway calls our callback server to
server with `error_code` ("00" is success), `payment_status` ("1" paid), `vt_transaction_id` and a
check_sum over the same access code and its fields in alphabetical order; the shopper comes back to
the return URL with the same fields, which we only display.

Public descriptions disagree on the inquiry and refund messages; this stand-in signs them over the
access code and the message's other fields in alphabetical order. Without
MARKETPLACE_VIETTELPAY_PAYMENT_URL the marketplace's own sandbox wallet plays the gateway (see
`marketplace.payments.sandbox`); a real endpoint is configuration only.
"""

import base64
import hashlib
import hmac
import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from django.conf import settings
from django.http import JsonResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .. import bounded_json
from .base import Gateway, GatewayError, Refunded, Start, purchase_description

VERSION = "2.0"
REDIRECT_SIGNED = ("billcode", "command", "merchant_code", "order_id", "trans_amount", "version")
CALLBACK_SIGNED = (
    "billcode",
    "cust_msisdn",
    "error_code",
    "merchant_code",
    "order_id",
    "payment_status",
    "trans_amount",
    "vt_transaction_id",
)
ANSWER_SIGNED = ("error_code", "merchant_code", "order_id")
# What the merchant answers a callback with.
ANSWER_CODES = {"settled": "00", "replay": "00", "declined": "00", "unknown": "01", "amount_mismatch": "02"}
_AMOUNT = re.compile(r"[0-9]{1,15}")
# The check_sum signs its fields run together without separators, so "…-TT001" + "150000" and
# "…-TT0011" + "50000" would sign alike. Each field is therefore held to a strict format before
# any check_sum is looked at, chosen so that no value can end where its neighbour's should
# begin: fixed-width codes, amounts without leading zeros, transaction ids that start with a
# letter, and an order id that must be the bill code's "-TT" and a three-digit attempt.
FIELD_FORMATS = {
    "version": re.compile(r"2\.0"),
    "command": re.compile(r"PAYMENT"),
    "cmd": re.compile(r"TRANS_INQUIRY|REFUND_PAYMENT"),
    "merchant_code": re.compile(r"[A-Z0-9_]{2,32}"),
    "billcode": re.compile(r"[0-9]{12,20}"),
    "order_id": re.compile(r"[0-9]{12,20}-TT[0-9]{3}"),
    "trans_amount": re.compile(r"[1-9][0-9]{0,14}"),
    "error_code": re.compile(r"[0-9]{2}"),
    "payment_status": re.compile(r"[0-9]"),
    "cust_msisdn": re.compile(r"(?:[0-9]{9,12})?"),
    "vt_transaction_id": re.compile(r"[A-Za-z][A-Za-z0-9]{0,39}"),
    "originalRequestId": re.compile(r"[A-Za-z][A-Za-z0-9]{0,39}"),
    "refund_id": re.compile(r"[A-Za-z][A-Za-z0-9]{0,39}"),
    # Free text after an amount: it must not start with a digit (see refund_content).
    "trans_content": re.compile(r"(?:[^0-9].{0,199})?", re.DOTALL),
}


def refund_content(reason: str) -> str:
    """The refund's note, which the check_sum runs straight after its amount: never digit-led."""
    text = reason.strip()
    return (f"Hoàn tiền: {text}" if text[:1].isdigit() else text)[:200]


def is_amount(value) -> bool:
    """Whole đồng as the protocol writes them: ASCII digits only (no sign, no separators)."""
    return value is not None and _AMOUNT.fullmatch(str(value)) is not None


def format_problem(params: dict, fields, merchant_code: str) -> str:
    """Why these signed fields are not in their strict formats ("" when they are), checked
    before the check_sum so that the check_sum is only ever computed over unambiguous fields."""
    for name in fields:
        value = params.get(name)
        if not isinstance(value, str):
            return f"missing {name}"
        pattern = FIELD_FORMATS.get(name)
        if pattern is not None and pattern.fullmatch(value) is None:
            return f"invalid {name}"
    if "merchant_code" in fields and params["merchant_code"] != merchant_code:
        return "unknown merchant_code"
    if (
        "billcode" in fields
        and "order_id" in fields
        and not params["order_id"].startswith(params["billcode"] + "-TT")
    ):
        return "order_id is not of billcode"
    return ""


@dataclass(frozen=True)
class Config:
    merchant_code: str
    access_code: str
    hash_key: str
    payment_url: str
    api_url: str

    @classmethod
    def from_settings(cls) -> "Config":
        return cls(
            merchant_code=settings.MARKETPLACE_VIETTELPAY_MERCHANT_CODE,
            access_code=settings.MARKETPLACE_VIETTELPAY_ACCESS_CODE,
            hash_key=settings.MARKETPLACE_VIETTELPAY_HASH_KEY,
            payment_url=settings.MARKETPLACE_VIETTELPAY_PAYMENT_URL,
            api_url=settings.MARKETPLACE_VIETTELPAY_API_URL,
        )

    def sign(self, params: dict, fields) -> str:
        message = self.access_code + "".join(str(params.get(name, "")) for name in fields)
        digest = hmac.new(self.hash_key.encode(), message.encode(), hashlib.sha1).digest()
        return base64.b64encode(digest).decode()

    def verify(self, params: dict, fields) -> bool:
        given = params.get("check_sum")
        if not isinstance(given, str):
            return False
        # Compared as bytes: a non-ASCII check_sum is simply wrong, never an error.
        return hmac.compare_digest(self.sign(params, fields).encode(), given.encode("utf-8", "replace"))

    def signed(self, params: dict, fields) -> dict:
        return {**params, "check_sum": self.sign(params, fields)}


def api_fields(params: dict) -> list[str]:
    return sorted(name for name in params if name != "check_sum")


def single_values(querydict) -> dict:
    """One value per field, without NUL characters (no database column can hold them)."""
    return {key.replace("\x00", ""): (querydict.get(key) or "").replace("\x00", "") for key in querydict}


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
        from ..models import Payment

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
        from .. import events, settlement
        from ..models import PaymentEvent

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
        from .. import sandbox

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
