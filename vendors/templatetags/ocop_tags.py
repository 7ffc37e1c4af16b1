"""Template tags for OCOP badges and shop names on product cards and pages."""

from django import template

from marketplace import wards
from vendors import selectors

register = template.Library()


@register.simple_tag
def ocop_stars(product):
    return selectors.active_stars(product)


@register.simple_tag
def selling_vendor(product):
    return selectors.selling_vendor(product)


@register.filter
def ward_name(code):
    return wards.ward_name(code)
