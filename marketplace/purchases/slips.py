"""Packing slips: one A6 page per shop order, to stick on the parcel — the order number in words and
as a barcode (Code 39), the shop, the shopper's address and phone, the items. Roboto is embedded,
so every Vietnamese mark prints."""

import font_roboto
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from fpdf import FPDF

from marketplace.money import format_vnd

from .status import CASH_ON_DELIVERY

CODE39 = set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-. $/+%")


def _address_lines(address) -> list[str]:
    if address is None:
        return []
    return [line for line in address.active_address_fields() if line]


def slips(orders) -> bytes:
    """A PDF of the orders' slips, in the order given (orders with `purchase_part` and lines)."""
    document = FPDF(format=(105, 148))  # A6, in millimetres
    document.set_creator(str(settings.OSCAR_SHOP_NAME))
    document.set_title(_("Packing slips"))
    document.add_font("Roboto", "", font_roboto.Roboto)
    document.add_font("Roboto", "B", font_roboto.RobotoBold)
    document.set_margins(7, 7, 7)
    document.set_auto_page_break(True, margin=7)
    for order in orders:
        part = order.purchase_part
        document.add_page()
        document.set_font("Roboto", "B", 12)
        document.cell(0, 6, _("Order %(number)s") % {"number": order.number}, new_x="LMARGIN", new_y="NEXT")
        code = order.number.upper()
        if set(code) <= CODE39:
            document.code39(f"*{code}*", x=7, y=document.get_y() + 1, w=0.6, h=12)
            document.set_y(document.get_y() + 15)
        document.set_font("Roboto", "", 8)
        placed = timezone.localtime(order.date_placed).strftime("%d/%m/%Y %H:%M")
        document.multi_cell(0, 4, _("Placed %(when)s") % {"when": placed}, new_x="LMARGIN", new_y="NEXT")
        document.ln(1)
        document.set_font("Roboto", "B", 9)
        shop = _("From: %(shop)s") % {"shop": part.seller.shop_name}
        document.multi_cell(0, 4.5, shop, new_x="LMARGIN", new_y="NEXT")
        document.set_font("Roboto", "", 9)
        document.multi_cell(0, 4.5, _("To:"), new_x="LMARGIN", new_y="NEXT")
        for line in [*_address_lines(order.shipping_address), part.purchase.phone]:
            document.multi_cell(0, 4.5, str(line), new_x="LMARGIN", new_y="NEXT")
        document.ln(2)
        document.set_font("Roboto", "B", 9)
        document.multi_cell(0, 4.5, _("Items"), new_x="LMARGIN", new_y="NEXT")
        document.set_font("Roboto", "", 9)
        for line in order.lines.all():
            document.multi_cell(0, 4.5, f"{line.quantity} × {line.title}", new_x="LMARGIN", new_y="NEXT")
        document.ln(1)
        # Cash on delivery: the carrier collects this shop's order; otherwise it is paid already.
        collect = int(order.total_incl_tax) if part.purchase.payment_method == CASH_ON_DELIVERY else 0
        document.multi_cell(
            0,
            4.5,
            _("To collect: %(amount)s") % {"amount": format_vnd(collect)},
            new_x="LMARGIN",
            new_y="NEXT",
        )
    return bytes(document.output())
