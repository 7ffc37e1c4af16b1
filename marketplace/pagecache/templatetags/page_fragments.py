"""Parts of a page cached for everyone, under the same version as whole pages.

A visitor with a session (every signed-in shopper) is served by the view, but the parts of a page
that are the same for everyone need not be rendered again for each of them:

    {% load cache page_fragments %}{% page_fragment as fragment %}
    {% cache fragment.seconds product-description product.pk fragment.version fragment.language %}
    …{% endcache %}

The version is the content's (renewed after each commit that writes what pages show) and the day
(what is on sale follows the calendar); the page cache's lifetime applies (0, as in the tests,
caches nothing). Only what carries nothing of the visitor's own goes inside: no form with its
CSRF token, no "you" of any kind.
"""

from django import template
from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language

from marketplace.pagecache import versions

register = template.Library()


@register.simple_tag
def page_fragment() -> dict:
    return {
        "version": f"{versions.current()}:{timezone.localdate().isoformat()}",
        "language": get_language() or settings.LANGUAGE_CODE,
        "seconds": settings.MARKETPLACE_PAGE_CACHE_SECONDS,
    }
