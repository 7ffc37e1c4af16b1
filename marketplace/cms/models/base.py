"""What the page types share: the featured counts, a slug folded as the catalogue's, SEO fields,
an index of a section, a page with a picture and an introduction."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from marketplace.text import slugify_vi

from ..blocks import TEXT_FEATURES

FEATURED_PRODUCTS = 8
FEATURED_SHOPS = 6
FEATURED_STORIES = 3


class FoldedSlugMixin:
    """Page addresses without diacritics, made the catalogue's way ("Đồi chè" → "doi-che")."""

    def full_clean(self, *args, **kwargs):
        self.slug = slugify_vi(self.slug) or self.slug
        super().full_clean(*args, **kwargs)


class SeoMixin:
    """What a page says to search engines and link previews (meta description, Open Graph)."""

    def og_image(self):
        return None


class SectionIndexPage(FoldedSlugMixin, Page):
    """The one page of a section under home (stories, experiences, events): an introduction."""

    intro = RichTextField(_("Introduction"), blank=True, features=TEXT_FEATURES)
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    max_count = 1

    class Meta:
        abstract = True


class IllustratedPage(FoldedSlugMixin, SeoMixin, Page):
    """A page with a short introduction and a main picture, both shown on cards and link previews."""

    intro = models.TextField(
        _("Introduction"), max_length=400, help_text=_("Shown on cards and link previews.")
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Main picture"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True

    def get_meta_description(self):
        return self.search_description or self.intro

    def og_image(self):
        return self.hero_image
