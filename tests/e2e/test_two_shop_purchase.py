"""A shopper buys from two shops with cash on delivery and gets two orders; each seller sees only theirs."""

import re

import pytest

from tests.e2e.journeys import SCREENSHOTS, add_first_product_of_shop, sign_in
from vendors.models import Seller

pytestmark = [pytest.mark.e2e, pytest.mark.django_db]


def test_two_shops_one_checkout_two_orders(served_marketplace, browser):
    base = served_marketplace
    shopper = browser.new_context(locale="vi-VN").new_page()
    sign_in(shopper, base, "shopper@ocop.local", "ocop-demo")
    slugs = {
        email: Seller.objects.get(owner__email=email).slug
        for email in ("seller1@ocop.local", "seller2@ocop.local")
    }
    shop_a, title_a = add_first_product_of_shop(shopper, base, slugs["seller1@ocop.local"])
    shop_b, title_b = add_first_product_of_shop(shopper, base, slugs["seller2@ocop.local"])
    assert shop_a != shop_b

    shopper.goto(base + "/checkout/")
    assert shopper.locator(".checkout-shop").count() == 2
    shopper.fill("#id_name", "Nguyễn Thị Lan")
    shopper.fill("#id_phone", "0912 345 678")
    shopper.select_option("#id_ward_code", label="Phường Hạ Long")
    shopper.fill("#id_street", "Số 5 đường Lê Thánh Tông")
    shopper.check("input[name=payment_method][value=cod]")
    # Both shops picked up at the shop: the totals follow at once, no delivery charged.
    for shop in shopper.locator(".checkout-shop").all():
        shop.locator("input[type=radio]").last.check()
    assert shopper.locator("#shipping-total").inner_text().replace("\xa0", " ") == "0 ₫"
    shopper.click("#place-purchase")
    shopper.wait_for_load_state()
    heading = shopper.locator("h1").inner_text()
    assert re.search(r"Đã đặt lượt mua \d+", heading), heading
    parts = shopper.locator(".purchase-part")
    assert parts.count() == 2
    text = parts.all_inner_texts()
    assert any(shop_a in t and title_a in t for t in text) and any(shop_b in t and title_b in t for t in text)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shopper.screenshot(path=str(SCREENSHOTS / "two-orders.png"), full_page=True)
    number = {
        shop: re.search(r"Đơn hàng (\S+)", t).group(1) for t in text for shop in (shop_a, shop_b) if shop in t
    }

    shopper.goto(base + "/accounts/purchases/")
    assert all(n in shopper.content() for n in number.values())
    assert shopper.locator(".purchase").first.locator("li").count() == 2

    # Each seller finds their own order in the seller centre, and not the other shop's.
    for email, mine, theirs in (
        ("seller1@ocop.local", shop_a, shop_b),
        ("seller2@ocop.local", shop_b, shop_a),
    ):
        seller = browser.new_context(locale="vi-VN").new_page()
        sign_in(seller, base, email, "ocop-demo")
        seller.goto(base + "/dashboard/orders/")
        listing = seller.content()
        assert number[mine] in listing and number[theirs] not in listing
        assert seller.goto(f"{base}/dashboard/orders/{number[mine]}/").status == 200
        assert seller.goto(f"{base}/dashboard/orders/{number[theirs]}/").status == 404
