"""Thirty shoppers after the last five places of a date: exactly five bookings (PostgreSQL).

Real threads, each with its own connection, check out at once; the date's row lock makes them
queue. SQLite serialises every writer, so this runs where DATABASE_URL points at PostgreSQL (CI).
"""

import datetime
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections
from django.utils import timezone
from oscar.core.loading import get_model
from wagtail.models import Page

from marketplace import wards
from marketplace.cms.experiences import visit_date_option
from marketplace.cms.models import ExperienceDate, ExperienceIndexPage, ExperiencePage
from marketplace.demo.loader import vietnam_present
from marketplace.purchases import checkout as services
from shop.partner.strategy import Default
from tests.factories import SellerFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL row locks; CI runs it there"
    ),
]
Basket = get_model("basket", "Basket")
SHOPPERS, PLACES = 30, 5


def test_a_date_never_takes_more_visitors_than_its_capacity():
    vietnam_present()  # a transactional test starts from what migrations made, and they make no country
    index = Page.get_first_root_node().add_child(
        instance=ExperienceIndexPage(title="Trải nghiệm", slug="trai-nghiem-thu")
    )
    shop = SellerFactory()
    experience = index.add_child(
        instance=ExperiencePage(
            title="Tour vườn thử",
            slug="tour-vuon-thu",
            shop=shop,
            intro="Thử",
            ward_code=7030,
            season="Quanh năm",
            price=200_000,
            capacity_per_date=PLACES,
        )
    )
    experience.save_revision().publish()
    experience.refresh_from_db()
    day = timezone.localdate() + datetime.timedelta(days=7)
    baskets = []
    for _ in range(SHOPPERS):
        basket = Basket.objects.create()
        basket.strategy = Default()
        basket.add_product(
            experience.product, 1, options=[{"option": visit_date_option(), "value": day.isoformat()}]
        )
        baskets.append(basket.pk)
    ward = int(wards.wards(22)[0].code)
    start = threading.Barrier(SHOPPERS, timeout=60)

    def book(basket_pk):
        try:
            start.wait()
            basket = Basket.objects.get(pk=basket_pk)
            basket.strategy = Default()
            try:
                services.purchase_place(
                    basket=basket,
                    user=None,
                    email="khach@example.vn",
                    address=services.Address("Khách", "0912345678", 22, ward, "Số 1"),
                    shipping_choices={},
                )
                return "booked"
            except services.CheckoutError as error:
                return "; ".join(error.problems)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=SHOPPERS) as pool:
        outcomes = list(pool.map(book, baskets))

    assert outcomes.count("booked") == PLACES
    assert all("còn 0 chỗ" in o for o in outcomes if o != "booked"), set(outcomes)
    assert ExperienceDate.objects.get(experience=experience, date=day).booked == PLACES
