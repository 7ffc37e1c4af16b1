"""Producers' stories: their index, each shop's corner of them, a story and the products it tells of."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, MultipleChooserPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from vendors import selectors

from ..blocks import StoryStreamBlock
from .base import IllustratedPage, SectionIndexPage


class StoryIndexPage(SectionIndexPage):
    """Every producer's stories, newest first."""

    subpage_types = ["cms.ShopStoriesPage"]

    class Meta:
        verbose_name = _("Story index")

    def get_context(self, request, *args, **kwargs):
        ctx = super().get_context(request, *args, **kwargs)
        ctx["stories"] = (
            StoryPage.objects.live()
            .descendant_of(self)
            .select_related("shop", "hero_image")
            .order_by("-first_published_at")
        )
        return ctx


class ShopStoriesPage(Page):
    """A shop's corner of the stories: its seller writes here, and only here."""

    shop = models.OneToOneField(
        "vendors.Seller", verbose_name=_("Shop"), on_delete=models.PROTECT, related_name="stories_page"
    )
    content_panels = [*Page.content_panels, FieldPanel("shop")]
    parent_page_types = ["cms.StoryIndexPage"]
    subpage_types = ["cms.StoryPage"]

    class Meta:
        verbose_name = _("A shop's stories")

    def serve(self, request, *args, **kwargs):
        from django.shortcuts import redirect

        return redirect(self.shop.get_absolute_url())


class StoryPage(IllustratedPage):
    """A producer's story, told with text, pictures, quotes and videos, and goods to buy."""

    shop = models.ForeignKey(
        "vendors.Seller",
        verbose_name=_("Shop"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="stories",
        editable=False,
    )
    body = StreamField(StoryStreamBlock(), verbose_name=_("Story"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
        MultipleChooserPanel(
            "product_links", chooser_field_name="product", label=_("Products in this story")
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["cms.ShopStoriesPage"]
    subpage_types = []
    serve_related = ("shop", "hero_image")

    class Meta:
        verbose_name = _("Producer story")
        verbose_name_plural = _("Producer stories")

    def save(self, *args, **kwargs):
        # The story belongs to the shop whose corner it is written in, whoever edits it.
        parent = self.get_parent() if self.pk or self.path else None
        if parent is not None and isinstance(parent.specific, ShopStoriesPage):
            self.shop_id = parent.specific.shop_id
        super().save(*args, **kwargs)

    @property
    def products(self):
        """The products the editor linked, whether on sale or not (the page shows those on sale:
        `story_products`)."""
        return [link.product for link in self.product_links.select_related("product")]

    def get_context(self, request, *args, **kwargs):
        """The linked products and those of the buy blocks, on sale now, with their card data:
        one query and its prefetches, however many the story holds. The links are read through
        the page (a preview shows the editor's links before they are saved)."""
        ctx = super().get_context(request, *args, **kwargs)
        linked = [link.product_id for link in self.product_links.all()]
        bought = [
            block["value"].get("product")
            for block in self.body.raw_data
            if block.get("type") == "buy" and isinstance(block.get("value"), dict)
        ]
        wanted = {*linked, *(pk for pk in bought if isinstance(pk, int))}
        found = (
            selectors.with_card_data(selectors.sellable_products()).filter(pk__in=wanted) if wanted else []
        )
        ctx["buyable"] = {product.pk: product for product in found}
        ctx["story_products"] = [ctx["buyable"][pk] for pk in dict.fromkeys(linked) if pk in ctx["buyable"]]
        return ctx


class StoryProduct(Orderable):
    page = ParentalKey(StoryPage, on_delete=models.CASCADE, related_name="product_links")
    product = models.ForeignKey(
        "catalogue.Product", verbose_name=_("Product"), on_delete=models.CASCADE, related_name="story_links"
    )
    panels = [FieldPanel("product")]
