"""A person's name as Vietnamese writes it: the family name first ("Bùi Đức Sơn")."""

from django import template

register = template.Library()


@register.filter
def person_name(user) -> str:
    """Family name (Django's last_name) then given names (first_name); the e-mail when both are empty."""
    name = " ".join(part for part in (user.last_name.strip(), user.first_name.strip()) if part)
    return name or user.email
