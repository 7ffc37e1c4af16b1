"""Expiry: prepaid purchases still unpaid after their deadline are cancelled and their stock released.

Run by `manage.py expire_payments` (on a schedule with Celery beat).
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.purchases.fulfilment import order_cancel
from marketplace.purchases.models import Purchase
from marketplace.purchases.status import CANCELLABLE

from .events import log
from .inquiry import inquire
from .models import Payment, PaymentEvent


def expire_unpaid(*, methods, older_than: datetime.timedelta, by=None) -> list[str]:
    """Cancel prepaid purchases still unpaid after the deadline: their stock goes back on sale.

    A payment still pending at a gateway is asked about first: money the gateway did take settles
    the purchase instead. Each order is cancelled through the shop's own cancel step (stock
    released, ledger reversed), so an expired purchase leaves no trace in anyone's balance.
    Returns the purchases' numbers.
    """
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
