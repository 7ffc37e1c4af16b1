"""Paying, on the shopper's purchase pages: where the payment stands, and the VietQR code to scan."""

import datetime

import segno
from django import template
from django.conf import settings
from django.utils import timezone
from django.utils.safestring import mark_safe

from marketplace.payments import gateways, vietqr
from marketplace.payments.models import Payment, PaymentEvent
from marketplace.payments.transfers import awaits_transfer, transfer_note
from marketplace.purchases.models import Purchase
from vendors.banks import BANKS

register = template.Library()

# How long after the shopper's return the page keeps looking for the gateway's callback.
WAIT = datetime.timedelta(minutes=2)


@register.simple_tag
def payment_state(purchase: Purchase) -> dict:
    """What the purchase page shows about paying: the latest attempt, and the gateways to (re)try with.

    Asked once per page however often the page's blocks ask: the answer is kept on the purchase.
    """
    cached = getattr(purchase, "_payment_state", None)
    if cached is not None:
        return cached
    latest = purchase.payments.order_by("-created_at", "-pk").first()
    gateway = gateways.get(purchase.payment_method)
    placed = purchase.status == Purchase.Status.PLACED
    retry = gateways.online_alternatives(purchase.payment_method) if placed else []
    # Back from the gateway before its callback: the page looks again every few seconds, for as
    # long as a callback may reasonably take; after that the shopper may simply pay again.
    waiting = (
        latest is not None
        and latest.status == Payment.Status.PENDING
        and retry != []
        and latest.events.filter(
            kind=PaymentEvent.Kind.RETURN, created_at__gte=timezone.now() - WAIT
        ).exists()
    )
    purchase._payment_state = {"payment": latest, "gateway": gateway, "retry": retry, "waiting": waiting}
    return purchase._payment_state


# The desk shows staff the note to look for on the statement.
register.filter("transfer_note", transfer_note)
register.filter("awaits_transfer", awaits_transfer)


@register.inclusion_tag("payments/includes/vietqr.html")
def vietqr_transfer(purchase):
    data = vietqr.payload(
        bank_bin=settings.MARKETPLACE_VIETQR_BANK_BIN,
        account=settings.MARKETPLACE_VIETQR_ACCOUNT,
        amount=purchase.total,
        note=transfer_note(purchase),
    )
    bank = next((name for _code, name, bin_ in BANKS if bin_ == settings.MARKETPLACE_VIETQR_BANK_BIN), "")
    return {
        "purchase": purchase,
        "payload": data,
        # segno writes the SVG itself from the payload: no user text reaches the markup unescaped.
        "svg": mark_safe(segno.make(data, error="m").svg_inline(scale=5, title=transfer_note(purchase))),
        "bank": bank,
        "account": settings.MARKETPLACE_VIETQR_ACCOUNT,
        "account_name": settings.MARKETPLACE_VIETQR_ACCOUNT_NAME,
        "note": transfer_note(purchase),
    }
