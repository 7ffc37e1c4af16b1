"""What every payment gateway does, and the defaults for those that do not redirect the shopper.

A gateway class says how to start a payment (send the shopper somewhere, or show instructions),
what to show when the shopper comes back (nothing is settled from that), how to handle the
gateway's server callback (verify, then settle once through `settlement.callback_record`), how to
refund, and how to ask the gateway where a payment stands. Adding a real gateway is one subclass
and a line in `MARKETPLACE_PAYMENT_GATEWAYS`.
"""

from dataclasses import dataclass, field

from django.http import HttpResponse, HttpResponseNotFound
from django.utils.translation import gettext as _

from marketplace.money import format_vnd


class GatewayError(Exception):
    """The gateway could not be reached or refused the request; the message is for staff."""


@dataclass
class Start:
    """How a payment begins: a redirect to the gateway, or instructions shown on the purchase page."""

    redirect_url: str = ""
    instructions: str = ""
    context: dict = field(default_factory=dict)


@dataclass
class Refunded:
    reference: str = ""
    # Money that a person still has to hand back (cash, a bank transfer): staff are told.
    manual: bool = False


def purchase_description(purchase) -> str:
    """What one payment is for, in the shopper's language: the purchase, each shop's order, the total.

    Gateways that show the shopper a description (the Viettel Pay wallet, Stripe's page) send this,
    so the shopper sees the whole purchase being charged, never one shop's order alone.
    """
    parts = purchase.parts.select_related("order", "seller").order_by("pk")
    orders = "; ".join(
        _("Order %(number)s · %(shop)s") % {"number": part.order.number, "shop": part.seller.shop_name}
        for part in parts
    )
    return _("Purchase %(number)s (%(orders)s), total %(total)s") % {
        "number": purchase.number,
        "orders": orders,
        "total": format_vnd(purchase.total),
    }


class Gateway:
    code = ""
    label = ""
    # Redirect gateways take the shopper away to pay before the goods leave; the others do not.
    redirects = False
    # Paid before delivery (stock is held until the money arrives, then released if it never does).
    prepaid = True

    def is_configured(self) -> bool:
        return True

    def start(self, payment, request) -> Start:
        return Start()

    def handle_return(self, request):
        """The Payment the shopper came back for, or None. Never settles anything."""
        return None

    def handle_callback(self, request) -> HttpResponse:
        return HttpResponseNotFound()

    def refund(self, payment, amount: int, reason: str) -> Refunded:
        """Give `amount` back; raise GatewayError if the gateway refuses."""
        return Refunded(manual=True)

    def inquiry(self, payment) -> dict:
        """Ask the gateway about a payment: {"status": paid|failed|pending, "amount", "currency", …}.

        A gateway that cannot be asked answers "pending": its payment expires on time, and money
        that still arrives later is flagged for a refund. Raise GatewayError when the gateway
        cannot be reached: the payment then waits for the next round, and staff are told.
        """
        return {"status": "pending"}
