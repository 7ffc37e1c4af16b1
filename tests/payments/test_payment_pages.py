"""Every page where a shopper pays names what they pay for: the purchase, each shop's order, the total."""

import re

import pytest
from django.urls import reverse

from marketplace.purchases.models import Purchase
from tests.pages import text
from tests.payments.paying import pay_online
from tests.shopping import add, checkout_data, option

pytestmark = pytest.mark.django_db


def shop_orders(purchase) -> dict[str, str]:
    return {
        part.seller.shop_name: part.order.number for part in purchase.parts.select_related("order", "seller")
    }


def covers(html: str) -> str:
    """The words of the page's "this payment covers" box."""
    found = re.search(r'<div class="payment-covers">(.*?)</div>', html, re.S)
    assert found, "the page does not say what the payment covers"
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", found.group(1))).strip()


def test_the_viettelpay_wallet_names_the_purchase_its_shops_orders_and_the_total(client, two_shops):
    purchase, url, params = pay_online(client, two_shops)
    orders = shop_orders(purchase)
    wallet = text(client.get(url))
    assert f"Lượt mua {purchase.number}" in wallet
    for shop, number in orders.items():
        assert f"Đơn hàng {number} · {shop}" in wallet
    assert "Tổng cộng 1.350.000 ₫" in wallet
    # The payment's own reference can no longer be read as the first shop's order number.
    assert params["order_id"] not in orders.values() and params["billcode"] == purchase.number


def test_the_pay_online_box_names_the_purchase_its_orders_and_the_total(client, two_shops):
    purchase, _url, _params = pay_online(client, two_shops)
    box = covers(client.get(reverse("checkout:thank-you", args=[purchase.number])).content.decode())
    assert f"Một lần thanh toán 1.350.000 ₫ cho lượt mua {purchase.number}" in box
    for shop, number in shop_orders(purchase).items():
        assert f"Đơn hàng {number} · {shop}" in box


def test_the_vietqr_box_names_the_purchase_its_orders_and_the_total(client, two_shops):
    a, b = two_shops["a"], two_shops["b"]
    add(client, two_shops["a1"], 2)
    add(client, two_shops["b1"], 1)
    page = client.post(
        reverse("checkout:index"),
        checkout_data({a: option(a, "pickup"), b: option(b, "pickup")}, payment_method="vietqr"),
        follow=True,
    )
    purchase = Purchase.objects.get(email="khach@example.vn")
    box = covers(page.content.decode())
    assert f"Một lần thanh toán 1.350.000 ₫ cho lượt mua {purchase.number}" in box
    for shop, number in shop_orders(purchase).items():
        assert f"Đơn hàng {number} · {shop}" in box
