"""A shop's order status: the named steps every rule, page and e-mail uses, and the groups rules ask.

Oscar keeps an order's status as a word in English; these are those words, with the shopper's
wording as their label. The pipeline Oscar's settings want is built from here.
"""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The payment method every rule about cash collected on delivery compares against (its gateway in
# marketplace.payments.providers.offline has this code; settings name it too).
CASH_ON_DELIVERY = "cod"


class PurchaseStatus(models.TextChoices):
    """A purchase's payment (`Purchase.Status`): placed, paid, or cancelled before payment."""

    PLACED = "placed", _("Placed")
    PAID = "paid", _("Paid")
    CANCELLED = "cancelled", _("Cancelled")


class OrderStatus(models.TextChoices):
    PENDING = "Pending", _("Waiting for the shop")
    CONFIRMED = "Confirmed", _("Confirmed")
    PACKED = "Packed", _("Packed")
    SHIPPED = "Shipped", _("Shipped")
    DELIVERED = "Delivered", _("Delivered")
    CANCELLED = "Cancelled", _("Cancelled")

    @classmethod
    def label_of(cls, status: str) -> str:
        """The shopper's word for a status; a word this marketplace does not use is shown as it is."""
        return cls(status).label if status in cls.values else status


# The steps a shop takes, each from one status to the next.
STEPS = {
    "confirm": (OrderStatus.PENDING, OrderStatus.CONFIRMED),
    "pack": (OrderStatus.CONFIRMED, OrderStatus.PACKED),
    "ship": (OrderStatus.PACKED, OrderStatus.SHIPPED),
    "deliver": (OrderStatus.SHIPPED, OrderStatus.DELIVERED),
}
# Before the goods leave the shop an order may be cancelled: stock and ledger are given back.
CANCELLABLE = frozenset({OrderStatus.PENDING, OrderStatus.CONFIRMED, OrderStatus.PACKED})
# Once the goods have left, units are refunded line by line instead.
REFUNDABLE = frozenset({OrderStatus.SHIPPED, OrderStatus.DELIVERED})
# Waiting for the shop: what it still has to do before the goods leave (the home's "waiting").
WAITING = (OrderStatus.PENDING, OrderStatus.CONFIRMED, OrderStatus.PACKED)


def overdue_since(now: datetime.datetime | None = None) -> datetime.datetime:
    """An order still waiting for the shop when placed before this is overdue
    (MARKETPLACE_ORDER_OVERDUE_HOURS after it was placed)."""
    return (now or timezone.now()) - datetime.timedelta(hours=settings.MARKETPLACE_ORDER_OVERDUE_HOURS)


# Orders that still count towards what the shopper owes.
OPEN = frozenset(set(OrderStatus) - {OrderStatus.CANCELLED})


def pipeline() -> dict[str, tuple[str, ...]]:
    """Oscar's OSCAR_ORDER_STATUS_PIPELINE: where each status may go next, as plain strings."""
    following = {status.value: [] for status in OrderStatus}
    for source, target in STEPS.values():
        following[source.value].append(target.value)
    for status in CANCELLABLE:
        following[status.value].append(OrderStatus.CANCELLED.value)
    return {status: tuple(targets) for status, targets in following.items()}


class MoneyState(models.TextChoices):
    """Where a shop's money for one order stands, in the words the seller reads: a cash-on-delivery
    order is money the shop will receive only once the goods are delivered and the cash collected."""

    AWAITING_PAYMENT = "awaiting_payment", _("Waiting for the shopper's payment")
    TO_COLLECT = "to_collect", _("Cash to collect on delivery")
    WILL_RECEIVE = "will_receive", _("Paid: the shop will receive it")
    RECEIVED = "received", _("Earned: in the shop's balance")
    NONE = "none", _("Nothing to receive (cancelled)")


def money_state(order, purchase) -> MoneyState:
    """The money state of a shop's `order` within its `purchase` (cash on delivery or paid online)."""
    return money_state_of(order.status, purchase.payment_method, purchase.status == PurchaseStatus.PAID)


def money_state_of(status: str, payment_method: str, paid: bool) -> MoneyState:
    """The same rule from plain values (an order's status, its purchase's method and whether it is
    paid), for what is counted in the database (ledger.balance_by_state)."""
    if status == OrderStatus.CANCELLED:
        return MoneyState.NONE
    delivered = status == OrderStatus.DELIVERED
    if payment_method == CASH_ON_DELIVERY:
        return MoneyState.RECEIVED if delivered else MoneyState.TO_COLLECT
    if not paid:
        return MoneyState.AWAITING_PAYMENT
    return MoneyState.RECEIVED if delivered else MoneyState.WILL_RECEIVE
