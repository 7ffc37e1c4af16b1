"""Offers and vouchers across shops: each discount is attributed to the shop whose lines it lowers,
and funded by the marketplace or by that shop, as the offer says."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from marketplace.purchases.models import LedgerEntry, OfferFunding, Purchase
from tests.shopping import add, checkout_data, option

pytestmark = pytest.mark.django_db
Range = get_model("offer", "Range")
Condition = get_model("offer", "Condition")
Benefit = get_model("offer", "Benefit")
ConditionalOffer = get_model("offer", "ConditionalOffer")
Voucher = get_model("voucher", "Voucher")


def percent_offer(products, percent, funded_by, *, voucher_code=None):
    goods = Range.objects.create(name=f"Hàng giảm {percent}% {funded_by}")
    for product in products:
        goods.add_product(product)
    offer = ConditionalOffer.objects.create(
        name=f"Giảm {percent}%",
        offer_type=ConditionalOffer.VOUCHER if voucher_code else ConditionalOffer.SITE,
        condition=Condition.objects.create(range=goods, type=Condition.COUNT, value=1),
        benefit=Benefit.objects.create(range=goods, type=Benefit.PERCENTAGE, value=percent),
    )
    OfferFunding.objects.create(offer=offer, funded_by=funded_by)
    if voucher_code:
        voucher = Voucher.objects.create(
            name=voucher_code,
            code=voucher_code,
            usage=Voucher.MULTI_USE,
            start_datetime=timezone.now() - datetime.timedelta(days=1),
            end_datetime=timezone.now() + datetime.timedelta(days=30),
        )
        voucher.offers.add(offer)
    return offer


def ledger(seller):
    return {e.kind: e.amount for e in LedgerEntry.objects.filter(seller=seller)}


def test_a_marketplace_funded_offer_lowers_the_price_but_not_the_shops_earnings(client, two_shops):
    a, b = two_shops["a"], two_shops["b"]
    percent_offer([two_shops["a1"]], 10, OfferFunding.FundedBy.MARKETPLACE)
    add(client, two_shops["a1"])  # 350.000 ₫, 10 % off
    add(client, two_shops["b1"])  # 650.000 ₫, not in the offer
    client.post(reverse("checkout:index"), checkout_data({a: option(a, "pickup"), b: option(b, "pickup")}))
    purchase = Purchase.objects.get(email="khach@example.vn")
    assert purchase.goods_total == 315_000 + 650_000
    order_a = purchase.parts.get(seller=a).order
    assert order_a.total_incl_tax == Decimal("315000")
    assert order_a.discounts.get().amount == Decimal("35000")
    assert ledger(a) == {"sale": 315_000, "discount": 35_000, "commission": -17_500}
    assert ledger(b) == {"sale": 650_000, "commission": -32_500}


def test_a_shop_funded_voucher_spanning_two_shops_is_split_between_them(client, two_shops):
    a, b = two_shops["a"], two_shops["b"]
    percent_offer([two_shops["a1"], two_shops["b1"]], 20, OfferFunding.FundedBy.SHOP, voucher_code="OCOP20")
    add(client, two_shops["a1"])
    add(client, two_shops["b1"])
    response = client.post(reverse("basket:vouchers-add"), {"code": "OCOP20"}, follow=True)
    assert response.status_code == 200
    client.post(reverse("checkout:index"), checkout_data({a: option(a, "pickup"), b: option(b, "pickup")}))
    purchase = Purchase.objects.get(email="khach@example.vn")
    order_a = purchase.parts.get(seller=a).order
    order_b = purchase.parts.get(seller=b).order
    assert (order_a.discounts.get().amount, order_b.discounts.get().amount) == (
        Decimal("70000"),
        Decimal("130000"),
    )
    assert order_a.discounts.get().voucher_code == "OCOP20"
    # The shops fund it: their sales are simply lower, and commission is on what they sold at.
    assert ledger(a) == {"sale": 280_000, "commission": -14_000}
    assert ledger(b) == {"sale": 520_000, "commission": -26_000}
    voucher = Voucher.objects.get(code="OCOP20")
    assert voucher.num_orders == 1  # one purchase uses the voucher once


def test_discounts_stay_in_whole_dong(client, two_shops):
    a = two_shops["a"]
    percent_offer([two_shops["a2"]], 7, OfferFunding.FundedBy.SHOP)  # 7 % of 120.000 = 8.400
    add(client, two_shops["a2"], 3)  # 360.000 ₫ → 25.200 off
    client.post(reverse("checkout:index"), checkout_data({a: option(a, "pickup")}))
    order = Purchase.objects.get(email="khach@example.vn").parts.get().order
    assert order.total_incl_tax == Decimal("334800")
    assert order.total_incl_tax == order.total_incl_tax.to_integral_value()
