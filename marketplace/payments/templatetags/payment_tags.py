"""The VietQR code a shopper scans to pay a purchase by bank transfer."""

import segno
from django import template
from django.conf import settings
from django.utils.safestring import mark_safe

from marketplace.payments import vietqr
from vendors.banks import BANKS

register = template.Library()


def transfer_note(purchase) -> str:
    return f"OCOP {purchase.number}"


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
