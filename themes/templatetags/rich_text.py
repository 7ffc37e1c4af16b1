"""The `rich_text` filter: sellers' rich text printed through the project's one sanitizer."""

import html

from django import template
from django.utils.html import strip_tags

from marketplace.richtext import rich_text_html

register = template.Library()


@register.filter
def rich_text(value):
    # Stored values are sanitized on save already; sanitizing again on reading also covers text
    # written where no form runs (Django admin, shell, older rows) — the allow-list is idempotent.
    return rich_text_html(value)


@register.filter
def plain_text(value):
    """Rich text as the words it says, for a card or a meta description (escaped as any text)."""
    return html.unescape(strip_tags(value or ""))
