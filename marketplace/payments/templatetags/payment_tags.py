"""The VietQR code a shopper scans to pay a purchase by bank transfer, and the note it carries."""

import segno
from django import template
from django.conf import settings
from django.utils.safestring import mark_safe

from marketplace.payments import vietqr
from marketplace.payments.transfers import transfer_note
from vendors.banks import BANKS

register = template.Library()


# The desk shows staff the note to look for on the statement.
register.filter("transfer_note", transfer_note)


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
