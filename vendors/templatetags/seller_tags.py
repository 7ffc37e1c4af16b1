"""Template tags for the way in to selling: apply at /sell/, or, for a seller, the seller centre."""

from django import template

from vendors import selectors

register = template.Library()


@register.filter
def is_seller(user) -> bool:
    return selectors.is_seller(user)
