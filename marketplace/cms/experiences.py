"""Booking experiences: each experience page is sold as an Oscar product that needs no shipping; the
shopper picks a date, and checkout books it under a lock on the date's row, so no date ever takes
more visitors than the page allows.
"""

import datetime
import os
from decimal import Decimal

from django import forms
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from oscar.core.loading import get_model

Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
Option = get_model("catalogue", "Option")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")

VISIT_DATE = "ngay-tham-quan"
BOOKABLE_DAYS = 60


def visit_date_option():
    option, _created = Option.objects.get_or_create(
        code=VISIT_DATE, defaults={"name": "Ngày tham quan", "type": Option.DATE, "required": True}
    )
    return option


def product_sync(page) -> None:
    """Create or update the product that sells visits of this experience (public while the page is live)."""
    from .models import ExperiencePage

    product_class, _created = ProductClass.objects.get_or_create(
        slug="trai-nghiem-dat-cho",
        defaults={"name": "Trải nghiệm đặt chỗ", "requires_shipping": False, "track_stock": False},
    )
    product = page.product
    if product is None:
        product = Product(structure=Product.STANDALONE, product_class=product_class)
    product.title = page.title
    product.description = page.intro
    product.is_public = page.live
    product.producer = page.shop.producer
    product.save()
    product.product_options.add(visit_date_option())
    # One shop sells the visits: the page's (if the page changes hands, the old offer goes).
    StockRecord.objects.filter(product=product).exclude(partner=page.shop.partner).delete()
    StockRecord.objects.update_or_create(
        product=product,
        partner=page.shop.partner,
        defaults={
            "partner_sku": f"trai-nghiem-{page.pk}",
            "price": Decimal(page.price),
            "price_currency": "VND",
        },
    )
    if page.product_id != product.pk:
        ExperiencePage.objects.filter(pk=page.pk).update(product=product)
        page.product = product
    picture_sync(page, product)


def picture_sync(page, product) -> None:
    """The experience's picture is its product's, so cards, the basket and search results show it
    rather than Oscar's "Image Not Available". Copied once per picture: the file's name says which."""
    hero = page.hero_image
    mark = f"trai-nghiem-{page.pk}-anh-{hero.pk}-" if hero is not None else None
    images = list(product.images.all())
    if mark and any(os.path.basename(image.original.name).startswith(mark) for image in images):
        return
    for image in images:  # the product shows the page's picture only: an old one goes
        image.delete()
    if hero is None:
        return
    try:
        with hero.file.open("rb") as source:
            content = ContentFile(source.read(), name=mark + os.path.basename(hero.file.name))
    except OSError:  # the picture's file is gone from storage: the page still saves, without it
        return
    ProductImage.objects.create(product=product, original=content, caption=hero.title[:200], display_order=0)


def booking_dates(page, today: datetime.date | None = None) -> list[tuple[datetime.date, int]]:
    """The next bookable dates and the places left on each."""
    today = today or timezone.localdate()
    first = today + datetime.timedelta(days=1)
    booked = dict(
        page.booked_dates.filter(
            date__gte=first, date__lt=first + datetime.timedelta(days=BOOKABLE_DAYS)
        ).values_list("date", "booked")
    )
    days = (first + datetime.timedelta(days=n) for n in range(BOOKABLE_DAYS))
    return [(day, page.capacity_per_date - booked.get(day, 0)) for day in days]


class BookingForm(forms.Form):
    date = forms.DateField(label=gettext_lazy("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    visitors = forms.IntegerField(label=gettext_lazy("Visitors"), min_value=1, initial=2)

    def __init__(self, *args, experience, **kwargs):
        super().__init__(*args, **kwargs)
        self.experience = experience
        first = timezone.localdate() + datetime.timedelta(days=1)
        self.fields["date"].widget.attrs.update(
            min=first.isoformat(), max=(first + datetime.timedelta(days=BOOKABLE_DAYS - 1)).isoformat()
        )
        self.fields["visitors"].widget.attrs["max"] = experience.capacity_per_date

    def clean(self):
        data = super().clean()
        day, visitors = data.get("date"), data.get("visitors")
        if day is None or visitors is None:
            return data
        left = dict(booking_dates(self.experience)).get(day)
        if left is None:
            raise forms.ValidationError(
                _("Book a date from tomorrow to %(days)s days ahead.") % {"days": BOOKABLE_DAYS}
            )
        if visitors > left:
            raise forms.ValidationError(
                _("Only %(left)s places are left on %(date)s.")
                % {"left": max(left, 0), "date": day.strftime("%d-%m-%Y")}
                if left > 0
                else _("%(date)s is fully booked: choose another date.") % {"date": day.strftime("%d-%m-%Y")}
            )
        return data
