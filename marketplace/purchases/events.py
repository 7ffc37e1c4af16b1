"""What happens to a shop's order, told to whoever cares — the one hook between orders and payments.

Orders never import payments. When something happens that money must follow, fulfilment sends
`order_event` with one of the payloads below, inside the order's transaction and under its row
lock. A receiver that writes to the database (recording cash collected) does so in that same
transaction, so both commit or neither does; a receiver that talks to the outside world (a
gateway's refund) defers itself with `transaction.on_commit`, so a gateway that is down never
undoes the shop's decision.

Receivers: `marketplace.payments.receivers` (connected in its AppConfig.ready()).
"""

from dataclasses import dataclass

from django.dispatch import Signal

# Sent with `payload=` one of the dataclasses below; `sender` is the payload's class.
order_event = Signal()


@dataclass(frozen=True)
class Delivered:
    """The shop handed the goods over: an order paid in cash on delivery has now been paid."""

    order: object  # oscar's order.Order


@dataclass(frozen=True)
class MoneyOwedBack:
    """The shop cancelled the order or refunded units of it: `amount` đồng goes back to the shopper,
    if the shopper had paid for the order."""

    order: object
    amount: int
    reason: str


def announce(payload) -> None:
    order_event.send(sender=type(payload), payload=payload)
