"""Two rollups at once (beat's and an operator's `rollup_sales`) add each day once (PostgreSQL).

Real threads with their own connections; it needs PostgreSQL's row locks (SQLite serialises every
writer), so it runs where DATABASE_URL points at PostgreSQL — as in CI.
"""

import datetime
import threading

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from marketplace.demo.loader import vietnam_present
from marketplace.figures import sales
from marketplace.figures.models import SalesDay, SalesRollup
from marketplace.purchases.shipping import shipping_defaults_create
from tests.factories import SellerFactory, product_for_sale
from tests.shopping import add, checkout_data, option

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL row locks; CI runs it there"
    ),
]
Order = get_model("order", "Order")


def orders_over_days(days: int) -> None:
    """One order a day over the last `days` days, placed through the checkout, then dated."""
    vietnam_present()  # a transactional test starts from what migrations made: no country yet
    shop = SellerFactory()
    shipping_defaults_create(shop)
    product = product_for_sale(shop, title="Chè thử", price=100_000, stock=days + 5)
    for n in range(days):
        client = Client()
        add(client, product, 1)
        client.post(reverse("checkout:index"), checkout_data({shop: option(shop, "flat")}))
        order = Order.objects.latest("pk")
        Order.objects.filter(pk=order.pk).update(
            date_placed=timezone.now() - datetime.timedelta(days=days - n)
        )


def test_two_rollups_at_once_add_each_day_once():
    orders_over_days(12)
    start = threading.Barrier(2, timeout=30)
    done = []

    def roll():
        try:
            start.wait()
            done.append(sales.rollup())
        finally:
            connections.close_all()

    threads = [threading.Thread(target=roll) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    assert SalesRollup.objects.get().through == yesterday
    first = sales.first_day()
    assert sum(done) == (yesterday - first).days + 1  # every day once, between the two
    rows = sorted(
        SalesDay.objects.values_list("placed_on", "counted_on", "ward_code", "group", "orders", "goods")
    )
    sales.rollup(rebuild=True)
    assert (
        sorted(
            SalesDay.objects.values_list("placed_on", "counted_on", "ward_code", "group", "orders", "goods")
        )
        == rows
    )
    assert (
        sum(r[4] for r in rows if r[3] == "")
        == Order.objects.filter(date_placed__date__lt=timezone.localdate()).count()
    )
