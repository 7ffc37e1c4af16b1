"""Events (fairs, festivals) with the shops taking part, and news."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, MultipleChooserPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page

from marketplace import wards

from ..blocks import StoryStreamBlock
from .base import (
    FoldedSlugMixin,
    IllustratedPage,
    SectionIndexPage,
)


class EventIndexPage(SectionIndexPage):
    subpage_types = ["cms.EventPage"]

    class Meta:
        verbose_name = _("Event index")

    def get_context(self, request, *args, **kwargs):
        ctx = super().get_context(request, *args, **kwargs)
        events = EventPage.objects.live().child_of(self)
        today = timezone.localdate()
        ctx["upcoming"] = events.filter(end_date__gte=today).order_by("start_date")
        ctx["past"] = events.filter(end_date__lt=today).order_by("-start_date")[:20]
        return ctx


class EventPage(IllustratedPage):
    """An OCOP fair or a festival: dates, venue, and the shops taking part."""

    start_date = models.DateField(_("Starts"))
    end_date = models.DateField(_("Ends"))
    venue = models.CharField(_("Venue"), max_length=255)
    ward_code = models.PositiveIntegerField(_("Ward"))
    body = StreamField(StoryStreamBlock(), verbose_name=_("Programme"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("start_date"),
        FieldPanel("end_date"),
        FieldPanel("venue"),
        FieldPanel("ward_code", widget=forms.Select(choices=wards.ward_choices())),
        FieldPanel("intro"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
        MultipleChooserPanel("shop_links", chooser_field_name="shop", label=_("Participating shops")),
    ]
    parent_page_types = ["cms.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Event")
        verbose_name_plural = _("Events")

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("An event cannot end before it starts.")})

    @property
    def ward_name(self):
        return wards.ward_name(self.ward_code)

    @property
    def shops(self):
        return [link.shop for link in self.shop_links.select_related("shop")]


class EventShop(Orderable):
    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="shop_links")
    shop = models.ForeignKey(
        "vendors.Seller", verbose_name=_("Shop"), on_delete=models.CASCADE, related_name="+"
    )
    panels = [FieldPanel("shop")]


class NewsIndexPage(FoldedSlugMixin, Page):
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.NewsPage"]
    max_count = 1

    class Meta:
        verbose_name = _("News index")

    def get_context(self, request, *args, **kwargs):
        ctx = super().get_context(request, *args, **kwargs)
        ctx["articles"] = NewsPage.objects.live().child_of(self).order_by("-date", "-pk")
        return ctx


class NewsPage(IllustratedPage):
    date = models.DateField(_("Date"), default=datetime.date.today)
    body = StreamField(StoryStreamBlock(), verbose_name=_("Article"), blank=True)
    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("intro"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
    ]
    parent_page_types = ["cms.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("News article")
        verbose_name_plural = _("News")
