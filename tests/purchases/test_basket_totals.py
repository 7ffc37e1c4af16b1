"""The basket and the checkout agree to the đồng: each shop's delivery is counted on the basket page
as the checkout will charge it."""

import re

import pytest
from django.urls import reverse

from marketplace.purchases.models import Purchase
from tests.shopping import add, checkout_data, option

pytestmark = pytest.mark.django_db


def amounts(html: str) -> list[str]:
    return re.findall(r"\d{1,3}(?:\.\d{3})*\xa0₫", html)


def test_a_two_shop_basket_shows_the_total_the_checkout_charges(client, two_shops):
    add(client, two_shops["a1"], 1)  # shop A: 350.000 ₫, below its free-delivery threshold
    add(client, two_shops["b1"], 1)  # shop B: 650.000 ₫, above it
    basket = client.get(reverse("basket:summary"))
    html = basket.content.decode()
    # The basket names each shop's delivery and its fee, and adds them to the total.
    rows = re.findall(r'<tr class="basket-shop-row">(.*?)</tr>', html, re.S)
    assert len(rows) == 2
    assert "30.000\xa0₫" in rows[0] and "Giao hàng tiêu chuẩn" in rows[0]
    assert "0\xa0₫" in rows[1]
    assert basket.context["order_total"].incl_tax == 1_030_000
    assert "1.030.000\xa0₫" in amounts(html)
    assert "Giao hàng miễn phí" not in html

    checkout = client.get(reverse("checkout:index"))
    assert checkout.context["grand_total"] == 1_030_000
    # Placed with what the checkout proposes (the radios it checked), the purchase costs the same.
    checked = dict(
        re.findall(
            r'name="(shipping-\d+)" id="shipping-\d+" value="(\d+)"[^>]* checked', checkout.content.decode()
        )
    )
    assert len(checked) == 2
    client.post(reverse("checkout:index"), {**checkout_data(), **checked})
    assert Purchase.objects.get(email="khach@example.vn").total == 1_030_000


def test_the_basket_proposes_the_cheapest_delivery_to_the_door_not_pickup(client, two_shops):
    a = two_shops["a"]
    standard = option(a, "free_over")
    standard.fee = 90_000  # now dearer than express (60.000 ₫)
    standard.save()
    add(client, two_shops["a1"], 1)
    basket = client.get(reverse("basket:summary"))
    assert basket.context["order_total"].incl_tax == 350_000 + 60_000
    assert client.get(reverse("checkout:index")).context["shipping_total"] == 60_000


def test_a_shop_without_delivery_is_left_to_the_checkout(client, two_shops):
    two_shops["a"].shipping_options.all().delete()
    add(client, two_shops["a1"], 1)
    html = client.get(reverse("basket:summary")).content.decode()
    assert "chọn ở bước thanh toán" in html
