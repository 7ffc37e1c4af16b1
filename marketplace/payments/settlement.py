"""Settling a purchase: starting an attempt, a gateway's verified callback, cash on delivery.

A purchase is paid only by something trusted: a gateway's server callback whose signature
verified, a status inquiry answered by the gateway itself (`inquiry`), province staff who saw a
transfer on the bank statement (`transfers`), or a courier who collected the cash (each shop's
order is then paid on its own). The shopper coming back from a gateway proves nothing and settles
nothing. Payments are recorded on each shop's order with Oscar's payment models (a Source and its
Transactions).

Settling happens under a lock on the purchase's row, then the payment's: two callbacks for the
same payment arriving together queue, and the second finds the work done and gets the same
answer. Expiry and refunds take the same locks in the same order.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from marketplace.purchases.models import Purchase
from marketplace.purchases.status import CASH_ON_DELIVERY, OPEN

from . import gateways
from .events import log
from .models import Payment, PaymentEvent

Source = get_model("payment", "Source")
SourceType = get_model("payment", "SourceType")
Transaction = get_model("payment", "Transaction")


def _source_type(method: str):
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


def purchase_settle(locked: Purchase, method: str, reference: str) -> None:
    """Every order of the (locked) purchase that was not cancelled is paid; so is the purchase."""
    for part in locked.parts.select_related("order"):
        if part.order.status in OPEN and not part.order.sources.exists():
            _record(part.order, method, reference)
    locked.status = Purchase.Status.PAID
    locked.save(update_fields=["status"])


# --- Starting a payment -----------------------------------------------------------------------


# A payment's reference carries its attempt in three digits (see payment_begin).
MAX_ATTEMPTS = 999


class TooManyAttempts(Exception):
    """A purchase has been tried online more times than a reference can number."""


def payment_begin(*, purchase: Purchase, gateway) -> Payment:
    """The attempt to pay `purchase` through `gateway`: the pending one, or a new one after a decline.

    A purchase still waiting for its payment takes the gateway as its method: a shopper who moves
    from one online gateway to another after a decline pays through the one they chose.
    """
    with transaction.atomic():
        locked = Purchase.objects.select_for_update().get(pk=purchase.pk)
        if locked.status == Purchase.Status.PLACED and locked.payment_method != gateway.code:
            locked.payment_method = gateway.code
            locked.save(update_fields=["payment_method"])
            purchase.payment_method = gateway.code
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
            purchase_settle(purchase, gateway, payment.external_id or payment.reference)
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


# --- Cash on delivery ----------------------------------------------------------------------


@transaction.atomic
def cod_order_delivered(order) -> None:
    """The courier collected the cash for this order: record it; the purchase is paid once all are."""
    part = order.purchase_part
    purchase = Purchase.objects.select_for_update().get(pk=part.purchase_id)
    if purchase.payment_method != CASH_ON_DELIVERY or order.sources.exists():
        return
    _record(order, CASH_ON_DELIVERY)
    log(
        gateway=CASH_ON_DELIVERY,
        kind=PaymentEvent.Kind.CALLBACK,
        outcome="collected",
        purchase=purchase,
        message=_("Cash collected on delivery of %(order)s.") % {"order": order.number},
    )
    open_orders = [p.order for p in purchase.parts.select_related("order") if p.order.status in OPEN]
    if all(o.sources.exists() for o in open_orders):
        purchase.status = Purchase.Status.PAID
        purchase.save(update_fields=["status"])
