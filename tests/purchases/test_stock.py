"""Stock moves in one place, through Oscar's own API: the last unit bought leaves the "in stock" search,
the product page and the basket at once; a cancel brings it back; shipping takes it out of stock."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils.module_loading import import_string
from oscar.core.loading import get_model

from marketplace.productsearch.backends import database_backend_path
from marketplace.productsearch.query import SearchQuery
from tests.factories import product_for_sale, seller_shop
from tests.shopping import add, checkout_data, option, step

pytestmark = pytest.mark.django_db
Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")
backend = import_string(database_backend_path())()  # the database's own: PostgreSQL's on PostgreSQL
TITLE = "Chả mực Hạ Long hộp cuối cùng"


@pytest.fixture
def last_unit(django_capture_on_commit_callbacks):
    owner = get_user_model().objects.create_user("chu@example.vn", "chu@example.vn", "pw-123456")
    with django_capture_on_commit_callbacks(execute=True):
        seller = seller_shop(owner=owner)
        product = product_for_sale(seller, title=TITLE, price=350_000, stock=1)
    return seller, product


def in_stock_search(seller):
    return backend.search(SearchQuery(filters={"shop": [str(seller.pk)], "in_stock": ["1"]})).product_ids


def search_page():
    """The "in stock" search as a new visitor sees it (no basket messages on the page)."""
    return Client().get("/search/", {"q": "cha muc ha long", "in_stock": "1"}).content.decode()


def sells(client, product) -> bool:
    """The shopper's view: the product page offers it and the basket takes it."""
    page = client.get(product.get_absolute_url())
    assert page.status_code == 200
    response = client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1}, follow=True)
    basket = client.get(reverse("basket:summary")).context["basket"]
    taken = any(line.product_id == product.pk for line in basket.all_lines())
    if taken:
        basket.flush()
    return 'id="add_to_basket_form"' in page.content.decode() and taken and response.status_code == 200


def test_the_last_unit_sold_leaves_the_in_stock_search_and_a_cancel_brings_it_back(
    client, last_unit, django_capture_on_commit_callbacks
):
    seller, product = last_unit
    assert product.pk in in_stock_search(seller)
    assert TITLE in search_page()

    add(client, product, 1)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("checkout:index"), checkout_data({seller: option(seller, "flat")}))
    order = Order.objects.get(lines__product=product)
    record = StockRecord.objects.get(product=product)
    assert (record.num_in_stock, record.num_allocated) == (1, 1)
    # Sold out: gone from the "in stock" search and its facets, and no longer sold anywhere.
    assert product.pk not in in_stock_search(seller)
    assert TITLE not in search_page()
    facets = dict(backend.search(SearchQuery(filters={"shop": [str(seller.pk)]})).facets["in_stock"])
    assert facets.get("1", 0) == 0
    shopper = Client()
    assert not sells(shopper, product)

    client.login(username="chu@example.vn", password="pw-123456")
    with django_capture_on_commit_callbacks(execute=True):
        step(client, order, "cancel", reason="Khách đổi ý, gọi điện huỷ.")
    assert StockRecord.objects.get(product=product).num_allocated == 0
    assert product.pk in in_stock_search(seller)
    assert TITLE in search_page()
    assert sells(shopper, product)


def test_shipping_takes_the_units_out_of_stock_and_the_product_stays_sold_out(
    client, last_unit, django_capture_on_commit_callbacks
):
    seller, product = last_unit
    add(client, product, 1)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("checkout:index"), checkout_data({seller: option(seller, "flat")}))
    order = Order.objects.get(lines__product=product)
    client.login(username="chu@example.vn", password="pw-123456")
    for name in ("confirm", "pack"):
        step(client, order, name)
    with django_capture_on_commit_callbacks(execute=True):
        step(client, order, "ship", carrier="VNPost", tracking_number="EB123456789VN")
    record = StockRecord.objects.get(product=product)
    assert (record.num_in_stock, record.num_allocated) == (0, 0)
    assert product.pk not in in_stock_search(seller)
