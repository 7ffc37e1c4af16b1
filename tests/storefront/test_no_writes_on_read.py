"""A shopper reading the floor writes nothing to the database: no counters, no baskets, no pages.

(Thumbnails are made once per picture, on the first view of it by anyone: another visitor asks
for each page first, and the shopper's own first visit is the one read.)
"""

import datetime
import re
import zoneinfo

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import SellerFactory, product_for_sale
from vendors import selectors
from vendors.models import OcopRecognition

pytestmark = pytest.mark.django_db
ZONE = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER)\b", re.I)


def shopper_pages():
    product = selectors.sellable_products().order_by("pk").first()
    shop = product.stockrecords.get().partner.seller
    return [
        "/",
        "/catalogue/",
        product.get_absolute_url(),
        product.categories.first().get_absolute_url(),
        "/search/?q=tra&stars=4",
        "/shops/",
        reverse("sellers:shop", kwargs={"slug": shop.slug}),
        "/basket/",
        "/stories/",
        "/experiences/",
    ]


def writes_during(client, url, *, after_another_visitor=True) -> list[str]:
    """The writes of this client's first visit to the page (another visitor came before it and
    had the pictures' thumbnails made: that happens once per picture, not per visit)."""
    if after_another_visitor:
        Client().get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return [q["sql"] for q in queries.captured_queries if WRITE.match(q["sql"])]


def test_reading_the_floor_writes_nothing_for_a_visitor(client):
    for url in shopper_pages():
        assert writes_during(client, url) == [], url


def test_reading_the_floor_writes_nothing_for_a_signed_in_shopper(client, django_user_model):
    shopper = django_user_model.objects.create_user("doc@example.vn", "doc@example.vn", "mat-khau-123")
    client.force_login(shopper)
    for url in shopper_pages():
        assert writes_during(client, url) == [], url
    # The basket is made when something goes in it.
    product = selectors.sellable_products().filter(stockrecords__num_in_stock__gt=2).order_by("pk").first()
    client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})
    assert client.get("/basket/").context["basket"].num_items == 1


def test_a_recognition_that_lapsed_overnight_leaves_the_star_filter_without_a_write(
    client, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        product = product_for_sale(SellerFactory(), title="Mật ong hoa rừng Ba Chẽ", stars=5)
        # Its last day is today (update(): no save, as when a date simply passes).
        OcopRecognition.objects.filter(product=product).update(valid_until=today + datetime.timedelta(days=1))
    url = "/search/?q=mat+ong+hoa+rung&stars=5"
    assert product.title in client.get(url).content.decode()
    # Midnight passes, and nothing is saved to say so.
    tomorrow = datetime.datetime.combine(today + datetime.timedelta(days=1), datetime.time(8), ZONE)
    with time_machine.travel(tomorrow, tick=False):
        # The day's first search (the pictures were drawn yesterday): it used to reindex here.
        assert writes_during(client, url, after_another_visitor=False) == []
        assert product.title not in client.get(url).content.decode()
        assert product.title in client.get("/search/?q=mat+ong+hoa+rung").content.decode()
