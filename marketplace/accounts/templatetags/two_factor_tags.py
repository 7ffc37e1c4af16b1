"""Template tags for staff two-factor sign-in: whether the dashboard should ask staff to turn it on."""

from django import template

from marketplace.accounts import two_factor

register = template.Library()


@register.simple_tag
def two_factor_missing(user) -> bool:
    return two_factor.can_enrol(user) and not two_factor.has_two_factor(user)
