"""Wagtail page types of the marketplace."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from vendors import selectors

FEATURED_PRODUCTS = 8
FEATURED_SHOPS = 6


class HomePage(Page):
    """The front page: a hero written in the CMS, then the floor's best-rated goods and shops."""

    hero_title = models.CharField(_("Hero title"), max_length=255, blank=True)
    hero_text = models.TextField(_("Hero text"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("hero_title"), FieldPanel("hero_text")]
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("Home page")

    def get_context(self, request, *args, **kwargs):
        ctx = super().get_context(request, *args, **kwargs)
        products = selectors.with_card_data(selectors.sellable_products())
        ctx["featured_products"] = products.order_by("-date_created", "pk")[:FEATURED_PRODUCTS]
        ctx["featured_shops"] = selectors.open_vendors().order_by("-activated_at", "pk")[:FEATURED_SHOPS]
        ctx["funnel"] = selectors.funnel_counts()
        return ctx
