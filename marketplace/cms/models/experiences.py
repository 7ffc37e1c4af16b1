"""Experiences (garden tours, village visits): their index, a page with its dates and its booking form."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from marketplace import wards

from ..blocks import StoryStreamBlock
from ..forms import BOOKABLE_DAYS, BookingForm
from .base import (
    IllustratedPage,
    SectionIndexPage,
)


class ExperienceIndexPage(SectionIndexPage):
    subpage_types = ["cms.ExperiencePage"]

    class Meta:
        verbose_name = _("Experience index")

    def get_context(self, request, *args, **kwargs):
        ctx = super().get_context(request, *args, **kwargs)
        ctx["experiences"] = ExperiencePage.objects.live().child_of(self).select_related("shop", "hero_image")
        return ctx


class ExperiencePage(IllustratedPage):
    """A visit to book — a garden tour, a village experience — sold as a product without shipping.

    The shopper picks a date; no date takes more visitors than `capacity_per_date`.
    """

    shop = models.ForeignKey(
        "vendors.Seller", verbose_name=_("Shop"), on_delete=models.PROTECT, related_name="experiences"
    )
    description = StreamField(StoryStreamBlock(), verbose_name=_("Description"), blank=True)
    ward_code = models.PositiveIntegerField(_("Ward"))
    season = models.CharField(
        _("Season"), max_length=120, help_text=_("For example: from October to January.")
    )
    price = models.BigIntegerField(_("Price per visitor (₫)"))
    capacity_per_date = models.PositiveIntegerField(_("Visitors per date"))
    product = models.OneToOneField(
        "catalogue.Product",
        verbose_name=_("Product"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="experience",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("shop"),
        FieldPanel("intro"),
        FieldPanel("hero_image"),
        FieldPanel("description"),
        FieldPanel("ward_code", widget=forms.Select(choices=wards.ward_choices())),
        FieldPanel("season"),
        FieldPanel("price"),
        FieldPanel("capacity_per_date"),
    ]
    parent_page_types = ["cms.ExperienceIndexPage"]
    subpage_types = []
    # A copy is another experience: it gets its own product when it is published.
    exclude_fields_in_copy = ["product"]

    class Meta:
        verbose_name = _("Experience")
        verbose_name_plural = _("Experiences")

    def clean(self):
        super().clean()
        if self.price is not None and self.price <= 0:
            raise ValidationError({"price": _("Give the price in đồng.")})
        if self.capacity_per_date is not None and self.capacity_per_date < 1:
            raise ValidationError({"capacity_per_date": _("At least one visitor a date.")})
        if self.ward_code and not wards.ward_name(self.ward_code):
            raise ValidationError({"ward_code": _("Choose a ward of the province.")})

    @property
    def ward_name(self):
        return wards.ward_name(self.ward_code)

    def with_content_json(self, content):
        """A revision restores what the editor wrote, never the product: publishing an old revision
        keeps selling through the experience's own product, not through a second one."""
        page = super().with_content_json(content)
        page.product_id = self.product_id
        return page

    def dates_open(self, today: datetime.date | None = None) -> list[tuple[datetime.date, int]]:
        """The next bookable dates and the places left on each (all of them on a page not saved
        yet, which an editor previews)."""
        today = today or timezone.localdate()
        first = today + datetime.timedelta(days=1)
        booked = {}
        if self.pk is not None:
            booked = dict(
                self.booked_dates.filter(
                    date__gte=first, date__lt=first + datetime.timedelta(days=BOOKABLE_DAYS)
                ).values_list("date", "booked")
            )
        days = (first + datetime.timedelta(days=n) for n in range(BOOKABLE_DAYS))
        return [(day, self.capacity_per_date - booked.get(day, 0)) for day in days]

    def get_context(self, request, *args, booking_form=None, **kwargs):
        ctx = super().get_context(request, *args, **kwargs)
        ctx["dates"] = self.dates_open()
        # Booking is an ordinary view (cms.views.book_experience): it shows a refused form here.
        ctx["booking_form"] = booking_form or BookingForm(experience=self)
        return ctx


class ExperienceDate(models.Model):
    """How many visitors a date of an experience already has: the row checkout locks to book."""

    experience = models.ForeignKey(ExperiencePage, on_delete=models.CASCADE, related_name="booked_dates")
    date = models.DateField(_("Date"))
    booked = models.PositiveIntegerField(_("Booked"), default=0)

    class Meta:
        verbose_name = _("Booked date")
        verbose_name_plural = _("Booked dates")
        constraints = [
            models.UniqueConstraint(fields=["experience", "date"], name="one_row_per_experience_date")
        ]

    def __str__(self):
        return f"{self.experience_id} {self.date}: {self.booked}"
