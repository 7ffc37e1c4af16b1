"""Order statuses in the shopper's language (Oscar keeps them as English words)."""

from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()

ORDER_STATUS_LABELS = {
    "Pending": _("Waiting for the shop"),
    "Confirmed": _("Confirmed"),
    "Packed": _("Packed"),
    "Shipped": _("Shipped"),
    "Delivered": _("Delivered"),
    "Cancelled": _("Cancelled"),
}


@register.filter
def order_status(status: str) -> str:
    return ORDER_STATUS_LABELS.get(status, status)


@register.simple_tag
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.simple_tag
def shipping_charge(option, subtotal):
    """What a shop's delivery option costs for this subtotal of its goods, in đồng."""
    return option.charge_for(subtotal)
