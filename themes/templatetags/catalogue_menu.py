"""`{% category_menu depth=1 as categories %}`: Oscar's `category_tree`, from the cache until the
catalogue changes.

The menu is in every page's header and the catalogue lists it again: two queries each time for
what changes only when staff edit categories. It is kept under the page cache's content version
(renewed by any commit that writes the catalogue), so an edit shows on the next request. The
header (oscar/partials/nav_primary.html) and the catalogue's side list (oscar/catalogue/browse.html)
use it in place of Oscar's tag.
"""

from django import template
from django.core.cache import cache
from django.utils import translation
from oscar.templatetags import category_tags

from marketplace.pagecache import versions

register = template.Library()


@register.simple_tag
def category_menu(depth=None, parent=None):
    parent_key = parent.pk if parent is not None else ""
    key = f"category_tree:{versions.current()}:{translation.get_language()}:{depth}:{parent_key}"
    tree = cache.get(key)
    if tree is None:
        tree = category_tags.get_annotated_list(depth=depth, parent=parent)
        cache.set(key, tree, 60 * 60)
    return tree
