"""Payments follow the shops' orders: the receivers of `marketplace.purchases.events.order_event`."""

from django.db import transaction
from django.dispatch import receiver

from marketplace.purchases import events

from .refunds import order_refund
from .settlement import cod_order_delivered


@receiver(events.order_event, sender=events.Delivered, dispatch_uid="payments-delivered")
def _delivered(sender, payload: events.Delivered, **kwargs) -> None:
    # In the shop's transaction: the cash is recorded with the delivery, or neither is.
    cod_order_delivered(payload.order)


@receiver(events.order_event, sender=events.MoneyOwedBack, dispatch_uid="payments-owed-back")
def _owed_back(sender, payload: events.MoneyOwedBack, **kwargs) -> None:
    # Only money that was paid goes back, through the way it came, once the shop's change commits.
    if payload.order.sources.exists():
        transaction.on_commit(
            lambda: order_refund(order=payload.order, amount=payload.amount, reason=payload.reason),
            robust=True,
        )
