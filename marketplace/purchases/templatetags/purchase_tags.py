"""Order statuses in the shopper's language (Oscar keeps them as English words)."""

from django import template

from marketplace.purchases.status import OrderStatus

register = template.Library()


@register.filter
def order_status(status: str) -> str:
    return OrderStatus.label_of(status)


@register.simple_tag
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.simple_tag
def shipping_charge(option, subtotal):
    """What a shop's delivery option costs for this subtotal of its goods, in đồng."""
    return option.charge_for(subtotal)
