"""Refunds: giving part or all of a paid shop order back through the way it was paid.

Called after the shop's cancel or refund has committed. A gateway that refuses or cannot be
reached leaves a flagged event for staff; money a person must hand back (cash, a transfer) is
recorded as manual and flagged too.
"""

from decimal import Decimal

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from . import gateways
from .events import log
from .gateways import GatewayError
from .models import Payment, PaymentEvent

Source = get_model("payment", "Source")
Transaction = get_model("payment", "Transaction")


def order_refund(*, order, amount: int, reason: str) -> None:
    """Give `amount` of a paid order back through the way it was paid; staff hear of what is left to do.

    Runs after the shop's cancel or refund has committed: a gateway that is down must not undo
    the shop's decision, it leaves a flagged event instead.
    """
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
