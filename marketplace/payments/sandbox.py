"""The sandbox wallet: the marketplace plays Viettel Pay's side of the protocol on the embedded default.

The wallet page checks the signed redirect as the gateway would, lets the shopper approve or
decline, keeps its own book (`SandboxTransaction`), calls the merchant's callback URL server to
server over HTTP — once, twice, late, or with a wrong amount, to rehearse what real gateways do —
and sends the shopper back to the return URL. Its API answers status inquiries and refunds from
its book. None of it is reachable unless MARKETPLACE_VIETTELPAY_SANDBOX is on.
"""

import logging
import secrets
import threading
import urllib.error
import urllib.parse
import urllib.request

from django.conf import settings
from django.db import transaction
from django.db.models import F

from .models import SandboxTransaction
from .viettelpay_protocol import (
    CALLBACK_SIGNED,
    REDIRECT_SIGNED,
    Config,
    api_fields,
    format_problem,
    is_amount,
)

logger = logging.getLogger(__name__)

BEHAVIOURS = ("once", "twice", "late", "wrong_amount")


def check_redirect(params: dict) -> str:
    """Why the gateway would refuse this payment request ("" when it is fine)."""
    cfg = Config.from_settings()
    for name in (*REDIRECT_SIGNED, "return_url", "check_sum"):
        if not params.get(name):
            return f"missing {name}"
    # Formats first, as the real gateway should: the check_sum runs its fields together.
    problem = format_problem(params, REDIRECT_SIGNED, cfg.merchant_code)
    if problem:
        return problem
    if not cfg.verify(params, REDIRECT_SIGNED):
        return "bad check_sum"
    return ""


def charge(params: dict, *, approve: bool, msisdn: str) -> SandboxTransaction:
    """The wallet's side of approving or declining a (verified) payment request."""
    return SandboxTransaction.objects.create(
        vt_transaction_id=f"SBX{secrets.token_hex(8).upper()}",
        merchant_code=params["merchant_code"],
        order_id=params["order_id"],
        billcode=params["billcode"],
        amount=int(params["trans_amount"]),
        status=SandboxTransaction.Status.PAID if approve else SandboxTransaction.Status.DECLINED,
        msisdn=msisdn,
    )


def result_params(txn: SandboxTransaction, *, amount: int | None = None) -> dict:
    """The signed fields the gateway sends to the callback and appends to the return URL."""
    paid = txn.status == SandboxTransaction.Status.PAID
    params = {
        "billcode": txn.billcode,
        "cust_msisdn": txn.msisdn,
        "error_code": "00" if paid else "22",  # 22: the customer cancelled the payment
        "merchant_code": txn.merchant_code,
        "order_id": txn.order_id,
        "payment_status": "1" if paid else "2",
        "trans_amount": str(txn.amount if amount is None else amount),
        "vt_transaction_id": txn.vt_transaction_id,
    }
    return Config.from_settings().signed(params, CALLBACK_SIGNED)


def deliveries(txn: SandboxTransaction, behaviour: str) -> list[tuple[float, dict]]:
    """The callbacks to send for this behaviour: (seconds to wait, signed fields) each."""
    params = result_params(txn)
    if behaviour == "twice":
        return [(0, params), (0, params)]
    if behaviour == "late":
        return [(settings.MARKETPLACE_VIETTELPAY_SANDBOX_LATE_SECONDS, params)]
    if behaviour == "wrong_amount":
        return [(0, result_params(txn, amount=txn.amount - 1_000))]
    return [(0, params)]


def post(url: str, params: dict) -> tuple[int, str]:
    """Call the merchant's callback as the gateway does: a form POST, server to server."""
    body = urllib.parse.urlencode(params).encode()
    try:
        with urllib.request.urlopen(urllib.request.Request(url, data=body), timeout=15) as response:
            return response.status, response.read().decode(errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")
    except OSError as error:
        logger.warning("sandbox callback to %s failed: %s", url, error)
        return 0, str(error)


def send(url: str, planned: list[tuple[float, dict]]) -> list[tuple[int, str]]:
    """Send the callbacks due now (and answer what the merchant said); schedule the late ones."""
    answers = []
    for delay, params in planned:
        if delay:
            timer = threading.Timer(delay, post, args=(url, params))
            timer.daemon = True
            timer.start()
        else:
            answers.append(post(url, params))
    return answers


# --- The API: status inquiry and refunds ----------------------------------------------------


def api(request: dict) -> dict:
    """Answer a signed API request from the book, signed the same way."""
    cfg = Config.from_settings()
    if format_problem(request, api_fields(request), cfg.merchant_code):
        answer = {"error_code": "03"}
    elif not cfg.verify(request, api_fields(request)):
        answer = {"error_code": "04"}
    elif request.get("cmd") == "TRANS_INQUIRY":
        answer = _inquiry(request)
    elif request.get("cmd") == "REFUND_PAYMENT":
        answer = _refund(request)
    else:
        answer = {"error_code": "05"}
    answer = {**answer, "merchant_code": cfg.merchant_code, "order_id": str(request.get("order_id", ""))}
    answer["check_sum"] = cfg.sign(answer, api_fields(answer))
    return answer


def _inquiry(request: dict) -> dict:
    txn = SandboxTransaction.objects.filter(order_id=request.get("order_id", "")).first()
    if txn is None:
        return {"error_code": "01"}
    return {
        "error_code": "00",
        "payment_status": "1" if txn.status == SandboxTransaction.Status.PAID else "2",
        "trans_amount": str(txn.amount),
        "vt_transaction_id": txn.vt_transaction_id,
    }


def _refund(request: dict) -> dict:
    amount = str(request.get("trans_amount", ""))
    if not is_amount(amount) or int(amount) <= 0:
        return {"error_code": "06"}
    with transaction.atomic():
        txn = (
            SandboxTransaction.objects.select_for_update()
            .filter(
                order_id=request.get("order_id", ""),
                vt_transaction_id=request.get("originalRequestId", ""),
                status=SandboxTransaction.Status.PAID,
            )
            .first()
        )
        if txn is None:
            return {"error_code": "01"}
        if txn.refunded + int(amount) > txn.amount:
            return {"error_code": "07"}  # more than was paid
        SandboxTransaction.objects.filter(pk=txn.pk).update(refunded=F("refunded") + int(amount))
    return {"error_code": "00", "refund_id": f"SBR{secrets.token_hex(6).upper()}"}
