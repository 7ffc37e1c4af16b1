"""Stories on shop and product pages: the ties from the catalogue back to the CMS."""

from django import template
from django.core.cache import cache
from wagtail.models import Page

from marketplace.cms.models import (
    EventIndexPage,
    ExperienceIndexPage,
    NewsIndexPage,
    StoryIndexPage,
    StoryPage,
)

register = template.Library()


@register.inclusion_tag("cms/includes/stories_strip.html", takes_context=True)
def stories_for(context, shop=None, product=None, limit=3):
    stories = StoryPage.objects.live().select_related("shop", "hero_image").order_by("-first_published_at")
    if shop is not None:
        stories = stories.filter(shop=shop)
    if product is not None:
        stories = stories.filter(product_links__product=product).distinct()
    return {"stories": list(stories[:limit]), "request": context.get("request")}


@register.simple_tag(takes_context=True)
def cms_sections(context):
    """The CMS sections for the main menu (stories, experiences, events, news), cached briefly."""
    sections = cache.get("cms:sections")
    if sections is None:
        request = context.get("request")
        pages = Page.objects.live().type(StoryIndexPage, ExperienceIndexPage, EventIndexPage, NewsIndexPage)
        sections = [(page.title, page.get_url(request=request)) for page in pages.order_by("path")]
        cache.set("cms:sections", sections, 60)
    return sections
