"""The one sanitizer for rich text sellers write (product descriptions and attributes, shop stories)."""

import nh3
from django.utils.safestring import SafeString, mark_safe

# What a description may keep: paragraphs, emphasis, lists, small headings and links. No pictures
# (product images have their own field), no styles, no scripts, no event handlers.
ALLOWED_TAGS = {"p", "br", "strong", "b", "em", "i", "u", "ul", "ol", "li", "h3", "h4", "blockquote", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
# javascript:, data: and the like are dropped from links; only these survive.
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def sanitize_rich_text(html: str | None) -> str:
    """The allowed part of what was typed, as HTML; anything else is dropped or escaped.

    Idempotent, so a value sanitized on save comes out the same when sanitized again on reading.
    """
    if not html:
        return ""
    return nh3.clean(
        str(html),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def rich_text_html(html: str | None) -> SafeString:
    """Sanitized rich text, marked safe for a template to print."""
    return mark_safe(sanitize_rich_text(html))  # sanitized just above
