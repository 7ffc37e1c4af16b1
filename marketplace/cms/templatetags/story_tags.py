"""Stories on shop and product pages: the ties from the catalogue back to the CMS."""

from django import template

register = template.Library()


@register.inclusion_tag("cms/includes/stories_strip.html", takes_context=True)
def stories_for(context, shop=None, product=None, limit=3):
    from marketplace.cms.models import StoryPage

    stories = StoryPage.objects.live().select_related("shop", "hero_image").order_by("-first_published_at")
    if shop is not None:
        stories = stories.filter(shop=shop)
    if product is not None:
        stories = stories.filter(product_links__product=product).distinct()
    return {"stories": list(stories[:limit]), "request": context.get("request")}
