"""Recording payments on a purchase's orders with Oscar's payment models (sources, transactions).

A purchase is paid only by something trusted: a gateway's server callback whose signature
verified, a status inquiry answered by the gateway itself, province staff who saw a transfer on
the bank statement, or a courier who collected the cash (each shop's order is then paid on its
own). The shopper coming back from a gateway proves nothing and settles nothing.

Settling happens under a lock on the purchase's row, then the payment's: two callbacks for the
same payment arriving together queue, and the second finds the work done and gets the same
answer. Expiry and refunds take the same locks in the same order.
"""

import csv
import datetime
import io
import re
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from marketplace.purchases.models import Purchase

from .models import Payment, PaymentEvent

Source = get_model("payment", "Source")
SourceType = get_model("payment", "SourceType")
Transaction = get_model("payment", "Transaction")

# Event data is kept for staff to read, not to store whatever a caller sends.
_MAX_DATA_VALUE = 500
_MAX_DATA_KEYS = 40


def _printable(value: str) -> str:
    # PostgreSQL's text and jsonb cannot hold NUL; a caller's garbage must not become our 500.
    return value.replace("\x00", "\N{REPLACEMENT CHARACTER}")


def log(
    *,
    gateway: str,
    kind: str,
    outcome: str,
    message: str = "",
    purchase=None,
    payment=None,
    data=None,
    flagged: bool = False,
) -> PaymentEvent:
    if payment is not None and purchase is None:
        purchase = payment.purchase
    clean = {}
    for key, value in list((data or {}).items())[:_MAX_DATA_KEYS]:
        if not isinstance(value, int | bool | None):
            value = _printable(str(value)[:_MAX_DATA_VALUE])
        clean[_printable(str(key)[:100])] = value
    return PaymentEvent.objects.create(
        gateway=gateway[:30],
        kind=kind,
        outcome=outcome[:40],
        message=_printable(str(message)),
        purchase=purchase,
        payment=payment,
        data=clean,
        flagged=flagged,
    )


def _source_type(method: str):
    from . import gateways

    gateway = gateways.get(method)
    source_type, _created = SourceType.objects.get_or_create(
        code=method, defaults={"name": str(gateway.label) if gateway else method}
    )
    return source_type


def _record(order, method: str, reference: str = "") -> None:
    amount = Decimal(order.total_incl_tax)
    source = Source.objects.create(
        order=order,
        source_type=_source_type(method),
        currency="VND",
        amount_allocated=amount,
        amount_debited=amount,
        reference=reference[:255],
    )
    Transaction.objects.create(
        source=source, txn_type=Transaction.DEBIT, amount=amount, reference=reference[:255], status="settled"
    )


def _settle(locked: Purchase, method: str, reference: str) -> None:
    """Every order of the (locked) purchase that was not cancelled is paid; so is the purchase."""
    for part in locked.parts.select_related("order"):
        if part.order.status != "Cancelled" and not part.order.sources.exists():
            _record(part.order, method, reference)
    locked.status = Purchase.Status.PAID
    locked.save(update_fields=["status"])


# --- Starting a payment -----------------------------------------------------------------------


# A payment's reference carries its attempt in three digits (see payment_begin).
MAX_ATTEMPTS = 999


class TooManyAttempts(Exception):
    """A purchase has been tried online more times than a reference can number."""


def payment_begin(*, purchase: Purchase, gateway) -> Payment:
    """The attempt to pay `purchase` through `gateway`: the pending one, or a new one after a decline."""
    with transaction.atomic():
        locked = Purchase.objects.select_for_update().get(pk=purchase.pk)
        pending = locked.payments.filter(gateway=gateway.code, status=Payment.Status.PENDING).first()
        if pending is not None:
            return pending
        attempt = locked.payments.count() + 1
        if attempt > MAX_ATTEMPTS:
            raise TooManyAttempts(locked.number)
        return Payment.objects.create(
            purchase=locked,
            gateway=gateway.code,
            # "-TT" (thanh toán): never mistaken for a shop's order number, "<purchase>-1"; three
            # digits, so a gateway's check_sum over fields run together cannot shift into it.
            reference=f"{locked.number}-TT{attempt:03d}",
            amount=locked.total,
        )


# --- Callbacks ------------------------------------------------------------------------------


@dataclass
class Outcome:
    """What a verified callback amounted to; the gateway class turns it into its protocol's answer."""

    code: str  # settled, replay, declined, amount_mismatch, unknown
    payment: Payment | None = None

    @property
    def accepted(self) -> bool:
        return self.code in {"settled", "replay", "declined"}


def callback_record(
    *,
    gateway: str,
    reference: str,
    paid: bool,
    amount,
    currency: str,
    external_id: str = "",
    data=None,
    kind: str = PaymentEvent.Kind.CALLBACK,
) -> Outcome:
    """A verified message from the gateway about payment `reference`: settle it once, or say why not.

    `amount` and `currency` are what the gateway says it charged; anything but the payment's own
    amount in VND is refused and flagged for staff. A repeated message changes nothing.
    """
    found = Payment.objects.filter(gateway=gateway, reference=reference).only("pk", "purchase_id").first()
    if found is None:
        log(
            gateway=gateway,
            kind=kind,
            outcome="unknown",
            data=data,
            message=_("No payment has this reference."),
        )
        return Outcome("unknown")
    with transaction.atomic():
        purchase = Purchase.objects.select_for_update().get(pk=found.purchase_id)
        payment = Payment.objects.select_for_update().get(pk=found.pk)
        if payment.status == Payment.Status.PAID or (payment.status == Payment.Status.FAILED and not paid):
            log(
                gateway=gateway,
                kind=kind,
                outcome="replay",
                payment=payment,
                data=data,
                message=_("Already recorded; nothing changed."),
            )
            return Outcome("replay", payment)
        if str(currency).upper() != payment.currency or amount != payment.amount:
            log(
                gateway=gateway,
                kind=kind,
                outcome="amount_mismatch",
                payment=payment,
                data=data,
                flagged=True,
                message=_("The gateway reports %(amount)s %(currency)s; the payment is for %(expected)s VND.")
                % {"amount": amount, "currency": currency, "expected": payment.amount},
            )
            return Outcome("amount_mismatch", payment)
        payment.external_id = str(external_id)[:255]
        if not paid:
            payment.status = Payment.Status.FAILED
            payment.save(update_fields=["status", "external_id", "updated_at"])
            log(
                gateway=gateway,
                kind=kind,
                outcome="declined",
                payment=payment,
                data=data,
                message=_("The gateway reports the payment declined or failed."),
            )
            return Outcome("declined", payment)
        payment.status = Payment.Status.PAID
        payment.save(update_fields=["status", "external_id", "updated_at"])
        if purchase.status == Purchase.Status.PLACED:
            _settle(purchase, gateway, payment.external_id or payment.reference)
            log(gateway=gateway, kind=kind, outcome="settled", payment=payment, data=data, message=_("Paid."))
        else:
            # The money came after the purchase expired, or on top of another payment: a person
            # has to give it back. The gateway still hears "received", or it would keep retrying.
            log(
                gateway=gateway,
                kind=kind,
                outcome="paid_not_needed",
                payment=payment,
                data=data,
                flagged=True,
                message=_("Money arrived for a purchase that is %(status)s: refund it to the shopper.")
                % {"status": purchase.get_status_display()},
            )
        return Outcome("settled", payment)


def inquire(payment: Payment) -> str:
    """Ask the payment's gateway where it stands; a paid or failed answer is recorded like a callback."""
    from . import gateways
    from .gateways import GatewayError

    gateway = gateways.get(payment.gateway)
    try:
        answer = gateway.inquiry(payment)
    except GatewayError as error:
        log(
            gateway=payment.gateway,
            kind=PaymentEvent.Kind.INQUIRY,
            outcome="error",
            payment=payment,
            message=str(error),
            flagged=True,
        )
        return "unknown"
    status = answer.get("status", "unknown")
    if status in {"paid", "failed"}:
        callback_record(
            gateway=payment.gateway,
            reference=payment.reference,
            paid=status == "paid",
            amount=answer.get("amount"),
            currency=answer.get("currency", "VND"),
            external_id=answer.get("external_id", ""),
            data=answer,
            kind=PaymentEvent.Kind.INQUIRY,
        )
    else:
        log(
            gateway=payment.gateway,
            kind=PaymentEvent.Kind.INQUIRY,
            outcome=status,
            payment=payment,
            data=answer,
        )
    return status


# --- Cash, transfers, refunds ---------------------------------------------------------------


@transaction.atomic
def cod_order_delivered(order) -> None:
    """The courier collected the cash for this order: record it; the purchase is paid once all are."""
    part = order.purchase_part
    purchase = Purchase.objects.select_for_update().get(pk=part.purchase_id)
    if purchase.payment_method != "cod" or order.sources.exists():
        return
    _record(order, "cod")
    log(
        gateway="cod",
        kind=PaymentEvent.Kind.CALLBACK,
        outcome="collected",
        purchase=purchase,
        message=_("Cash collected on delivery of %(order)s.") % {"order": order.number},
    )
    open_orders = [p.order for p in purchase.parts.select_related("order") if p.order.status != "Cancelled"]
    if all(o.sources.exists() for o in open_orders):
        purchase.status = Purchase.Status.PAID
        purchase.save(update_fields=["status"])


@transaction.atomic
def transfer_received(*, purchase: Purchase, reference: str, by=None) -> bool:
    """Staff saw the transfer on the bank statement: settle every order once. False if already paid."""
    locked = Purchase.objects.select_for_update().get(pk=purchase.pk)
    if locked.status != Purchase.Status.PLACED or locked.payment_method != "vietqr":
        return False
    _settle(locked, "vietqr", reference)
    log(
        gateway="vietqr",
        kind=PaymentEvent.Kind.STAFF,
        outcome="settled",
        purchase=locked,
        data={"reference": reference, "by": getattr(by, "pk", None)},
        message=_("Transfer received (bank reference %(reference)s).") % {"reference": reference},
    )
    return True


def order_refund(*, order, amount: int, reason: str) -> None:
    """Give `amount` of a paid order back through the way it was paid; staff hear of what is left to do.

    Runs after the shop's cancel or refund has committed: a gateway that is down must not undo
    the shop's decision, it leaves a flagged event instead.
    """
    from . import gateways
    from .gateways import GatewayError

    purchase = order.purchase_part.purchase
    source = order.sources.select_related("source_type").first()
    if source is None or amount <= 0:
        return  # nothing was paid for this order (yet): nothing to give back
    method = source.source_type.code
    gateway = gateways.get(method)
    payment = purchase.payments.filter(gateway=method, status=Payment.Status.PAID).first()
    try:
        if gateway is None or (gateway.redirects and payment is None):
            raise GatewayError(_("No payment through %(method)s to refund.") % {"method": method})
        done = gateway.refund(payment, amount, reason)
    except GatewayError as error:
        log(
            gateway=method,
            kind=PaymentEvent.Kind.REFUND,
            outcome="error",
            purchase=purchase,
            payment=payment,
            flagged=True,
            data={"order": order.number, "amount": amount},
            message=_("Refund of %(amount)s ₫ for %(order)s failed: %(error)s")
            % {"amount": amount, "order": order.number, "error": error},
        )
        return
    with transaction.atomic():
        Source.objects.filter(pk=source.pk).update(amount_refunded=F("amount_refunded") + amount)
        Transaction.objects.create(
            source=source,
            txn_type=Transaction.REFUND,
            amount=Decimal(amount),
            reference=done.reference[:255],
            status="manual" if done.manual else "settled",
        )
        if payment is not None:
            Payment.objects.filter(pk=payment.pk).update(refunded=F("refunded") + amount)
        log(
            gateway=method,
            kind=PaymentEvent.Kind.REFUND,
            outcome="manual" if done.manual else "refunded",
            purchase=purchase,
            payment=payment,
            flagged=done.manual,
            data={"order": order.number, "amount": amount, "reference": done.reference},
            message=(
                _("Hand %(amount)s ₫ back to the shopper for %(order)s: %(reason)s")
                if done.manual
                else _("%(amount)s ₫ refunded for %(order)s: %(reason)s")
            )
            % {"amount": amount, "order": order.number, "reason": reason},
        )


# --- Expiry and bank statements -------------------------------------------------------------


def expire_unpaid(*, methods, older_than: datetime.timedelta, by=None) -> list[str]:
    """Cancel prepaid purchases still unpaid after the deadline: their stock goes back on sale.

    A payment still pending at a gateway is asked about first: money the gateway did take settles
    the purchase instead. Each order is cancelled through the shop's own cancel step (stock
    released, ledger reversed), so an expired purchase leaves no trace in anyone's balance.
    Returns the purchases' numbers.
    """
    from marketplace.purchases.fulfilment import CANCELLABLE, order_cancel

    expired = []
    stale = Purchase.objects.filter(
        payment_method__in=list(methods),
        status=Purchase.Status.PLACED,
        created_at__lt=timezone.now() - older_than,
    )
    for purchase in stale.order_by("pk"):
        answers = [inquire(payment) for payment in purchase.payments.filter(status=Payment.Status.PENDING)]
        if "unknown" in answers:
            continue  # the gateway could not say whether it took the money: staff are told, try later
        with transaction.atomic():
            locked = Purchase.objects.select_for_update().get(pk=purchase.pk)
            if locked.status != Purchase.Status.PLACED:
                continue  # paid meanwhile
            for part in locked.parts.select_related("order"):
                if part.order.status in CANCELLABLE:
                    order_cancel(order=part.order, by=by, reason=_("The payment did not arrive in time."))
            locked.status = Purchase.Status.CANCELLED
            locked.save(update_fields=["status"])
            locked.payments.filter(status=Payment.Status.PENDING).update(status=Payment.Status.CANCELLED)
            log(
                gateway=locked.payment_method,
                kind=PaymentEvent.Kind.EXPIRY,
                outcome="expired",
                purchase=locked,
                message=_("Not paid in time: the purchase is cancelled and its stock released."),
            )
            expired.append(locked.number)
    return expired


STATEMENT_COLUMNS = {"amount", "description"}


def statement_rows(text: str) -> list[dict] | None:
    """A bank statement's CSV rows, keys lower-cased and values trimmed; None without its columns."""
    reader = csv.DictReader(io.StringIO(text))
    headers = {(name or "").strip().lower() for name in reader.fieldnames or []}
    if not headers >= STATEMENT_COLUMNS:
        return None
    return [{(k or "").strip().lower(): (v or "").strip() for k, v in row.items()} for row in reader]


def match_statement(rows: list[dict], *, by=None) -> list[dict]:
    """Settle transfers from a bank statement's rows ({"amount", "description", "reference"}).

    A row names its purchase by "OCOP <number>" in the description. The amount must be the
    purchase's total to the đồng; anything else is reported for staff, and nothing changes.
    """
    report = []
    for row in rows:
        found = re.search(r"OCOP\s*(\d{12})", row.get("description", ""), re.IGNORECASE)
        purchase = Purchase.objects.filter(number=found.group(1)).first() if found else None
        try:
            amount = int(str(row.get("amount", "")).replace(".", "").replace(",", "").strip())
        except ValueError:
            amount = None
        if purchase is None or purchase.payment_method != "vietqr":
            outcome = "unknown"
        elif amount != purchase.total:
            outcome = "amount_mismatch"
            log(
                gateway="vietqr",
                kind=PaymentEvent.Kind.STAFF,
                outcome=outcome,
                purchase=purchase,
                data=row,
                flagged=True,
                message=_("A transfer of %(amount)s ₫ names this purchase, whose total is %(total)s ₫.")
                % {"amount": row.get("amount", ""), "total": purchase.total},
            )
        elif transfer_received(purchase=purchase, reference=row.get("reference", "") or "statement", by=by):
            outcome = "settled"
        else:
            outcome = "already_paid" if purchase.status == Purchase.Status.PAID else "not_payable"
        report.append({**row, "purchase": purchase.number if purchase else "", "outcome": outcome})
    return report
