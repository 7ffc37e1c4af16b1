"""200 shoppers after the last 10 units: exactly 10 purchases, nothing oversold (PostgreSQL).

Real threads, each with its own database connection, place real purchases at once. It needs
PostgreSQL's row locks (SQLite serialises every writer), so it runs where DATABASE_URL points at
PostgreSQL — as in CI.
"""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections
from oscar.core.loading import get_model

from marketplace import wards
from marketplace.demo.loader import vietnam_present
from marketplace.purchases import checkout as services
from marketplace.purchases.models import Purchase
from marketplace.purchases.shipping import shipping_defaults_create
from shop.partner.strategy import Default
from tests.factories import SellerFactory, product_for_sale

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL row locks; CI runs it there"
    ),
]
Basket = get_model("basket", "Basket")
StockRecord = get_model("partner", "StockRecord")
Order = get_model("order", "Order")

SHOPPERS = 200
UNITS = 10
# PostgreSQL here allows 100 connections: 80 shoppers check out at any instant, 200 in all.
AT_ONCE = 80


def test_exactly_the_stock_is_sold_and_the_others_are_told(django_db_blocker):
    vietnam_present()  # a transactional test starts from what migrations made, and they make no country
    seller = SellerFactory()
    shipping_defaults_create(seller)
    product = product_for_sale(seller, title="Sá sùng khô Vân Đồn", price=3_200_000, stock=UNITS)
    option = seller.shipping_options.get(kind="pickup")
    baskets = []
    for _ in range(SHOPPERS):
        basket = Basket.objects.create()
        basket.strategy = Default()
        basket.add_product(product, 1)
        baskets.append(basket.pk)
    ward = int(wards.wards(22)[0].code)
    start = threading.Barrier(AT_ONCE, timeout=60)
    outcomes = []

    def shop(basket_pk, index):
        try:
            if index < AT_ONCE:
                start.wait()  # the first wave all press "Place order" together
            basket = Basket.objects.get(pk=basket_pk)
            basket.strategy = Default()
            try:
                services.purchase_place(
                    basket=basket,
                    user=None,
                    email=f"khach{index}@example.vn",
                    address=services.Address("Khách", "0912345678", 22, ward, "Số 1"),
                    shipping_choices={seller.pk: option.pk},
                )
                return "placed"
            except services.CheckoutError as error:
                return "; ".join(error.problems)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=AT_ONCE) as pool:
        outcomes = list(pool.map(shop, baskets, range(SHOPPERS)))

    assert outcomes.count("placed") == UNITS
    refused = [o for o in outcomes if o != "placed"]
    assert len(refused) == SHOPPERS - UNITS
    assert all("Sá sùng khô Vân Đồn" in o and ("hết hàng" in o or "Chỉ còn" in o) for o in refused), set(
        refused
    )
    record = StockRecord.objects.get(product=product)
    assert record.num_allocated == UNITS and record.num_in_stock == UNITS
    assert Purchase.objects.filter(parts__seller=seller).count() == UNITS
    assert Order.objects.filter(lines__product=product).count() == UNITS
    # The refused shoppers keep their baskets, ready to change.
    assert Basket.objects.filter(pk__in=baskets, status=Basket.OPEN).count() == SHOPPERS - UNITS
