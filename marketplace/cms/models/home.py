"""The home page: the floor's featured shops, products and stories, chosen by staff or, where they
chose none, the newest."""

from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, MultipleChooserPanel
from wagtail.models import Orderable, Page

from vendors import selectors

from .base import FEATURED_PRODUCTS, FEATURED_SHOPS, FEATURED_STORIES, FoldedSlugMixin, SeoMixin
from .stories import StoryPage


def in_order(objects, pks: list[int]) -> list:
    """The objects in the order editors chose them (`pks`)."""
    position = {pk: i for i, pk in enumerate(pks)}
    return sorted(objects, key=lambda obj: position[obj.pk])


class HomePage(FoldedSlugMixin, SeoMixin, Page):
    """The front page: a hero, then shops, products and stories — chosen in the CMS, or the newest."""

    hero_title = models.CharField(_("Hero title"), max_length=255, blank=True)
    hero_text = models.TextField(_("Hero text"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("hero_title"),
        FieldPanel("hero_text"),
        MultipleChooserPanel("featured_shop_links", chooser_field_name="shop", label=_("Featured shops")),
        MultipleChooserPanel(
            "featured_product_links", chooser_field_name="product", label=_("Featured products")
        ),
        MultipleChooserPanel("featured_story_links", chooser_field_name="story", label=_("Featured stories")),
    ]
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("Home page")

    def route(self, request, path_components):
        """Wagtail's routing, with every page on the way found in one query (by their stored
        `url_path`) rather than two per segment; a page type with its own `route` still gets the
        rest of the path. The page served comes with what its template shows (`serve_related`)."""
        if not path_components:
            return super().route(request, path_components)
        prefixes, prefix = [], self.url_path
        for component in path_components:
            prefix += f"{component}/"
            prefixes.append(prefix)
        pages = Page.objects.filter(path__startswith=self.path, url_path__in=prefixes)
        found = {page.url_path: page for page in pages}
        parent = self
        for depth, prefix in enumerate(prefixes, start=1):
            page = found.get(prefix)
            if page is None:
                raise Http404
            page._cached_parent_obj = parent
            model = page.specific_class
            if model is None or model.route is not Page.route:
                return page.specific.route(request, path_components[depth:])
            if depth == len(prefixes):
                specific = model._default_manager.select_related(*getattr(model, "serve_related", ()))
                specific = specific.get(pk=page.pk)
                specific._cached_parent_obj = parent
                return specific.route(request, [])
            parent = page
        raise Http404  # not reached: the loop returns on its last segment

    def get_context(self, request, *args, **kwargs):
        ctx = super().get_context(request, *args, **kwargs)
        products = selectors.with_card_data(selectors.sellable_products())
        chosen = [link.product_id for link in self.featured_product_links.all()]
        ctx["featured_products"] = (
            in_order(products.filter(pk__in=chosen), chosen)
            if chosen
            else products.order_by("-date_created", "pk")[:FEATURED_PRODUCTS]
        )
        shops = selectors.open_sellers()
        chosen = [link.shop_id for link in self.featured_shop_links.all()]
        ctx["featured_shops"] = (
            in_order(shops.filter(pk__in=chosen), chosen)
            if chosen
            else shops.order_by("-activated_at", "pk")[:FEATURED_SHOPS]
        )
        # Each card shows the story's picture and shop: fetched with the stories, not per card.
        stories = StoryPage.objects.live().select_related("shop", "hero_image")
        chosen = [link.story_id for link in self.featured_story_links.all()]
        ctx["featured_stories"] = (in_order(stories.filter(pk__in=chosen), chosen) if chosen else []) or list(
            stories.order_by("-first_published_at")[:FEATURED_STORIES]
        )
        ctx["funnel"] = selectors.funnel_counts()
        return ctx


class FeaturedShop(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_shop_links")
    shop = models.ForeignKey(
        "vendors.Seller", verbose_name=_("Shop"), on_delete=models.CASCADE, related_name="+"
    )
    panels = [FieldPanel("shop")]


class FeaturedProduct(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_product_links")
    product = models.ForeignKey(
        "catalogue.Product", verbose_name=_("Product"), on_delete=models.CASCADE, related_name="+"
    )
    panels = [FieldPanel("product")]


class FeaturedStory(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_story_links")
    story = models.ForeignKey(
        "cms.StoryPage", verbose_name=_("Story"), on_delete=models.CASCADE, related_name="+"
    )
    panels = [FieldPanel("story")]
