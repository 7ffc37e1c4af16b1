"""A shopper pays a two-shop purchase through the Viettel Pay sandbox wallet; both shops' orders show paid.

The first try is declined; the second is approved with the gateway's callback arriving late, so
the shopper is back on the marketplace before the money is confirmed — and the page says so
until the server-to-server callback lands.
"""

import re

import pytest

from tests.e2e.journeys import SCREENSHOTS, add_first_product_of_shop, sign_in
from vendors.models import Seller

pytestmark = [pytest.mark.e2e, pytest.mark.django_db]


def order_payments(page) -> list[str]:
    return [text.strip() for text in page.locator(".order-payment").all_inner_texts()]


def test_a_two_shop_purchase_paid_through_the_sandbox_wallet(served_marketplace, browser):
    base = served_marketplace
    shopper = browser.new_context(locale="vi-VN").new_page()
    sign_in(shopper, base, "shopper@ocop.local", "ocop-demo")
    for email in ("seller1@ocop.local", "seller2@ocop.local"):
        add_first_product_of_shop(shopper, base, Seller.objects.get(owner__email=email).slug)

    shopper.goto(base + "/checkout/")
    shopper.fill("#id_name", "Trần Văn Minh")
    shopper.fill("#id_phone", "0987 654 321")
    shopper.select_option("#id_ward_code", label="Phường Hạ Long")
    shopper.fill("#id_street", "Số 12 đường Trần Hưng Đạo")
    for shop in shopper.locator(".checkout-shop").all():
        shop.locator("input[type=radio]").last.check()
    total = shopper.locator("#grand-total").inner_text().strip()
    shopper.check("input[name=payment_method][value=viettelpay]")
    shopper.click("#place-purchase")
    shopper.wait_for_load_state()

    # On the gateway's page (the sandbox wallet), for the whole purchase's amount.
    assert "/payments/viettelpay/sandbox/" in shopper.url
    assert shopper.locator("h1").inner_text() == "Ví thử nghiệm Viettel Pay"
    assert shopper.locator(".wallet-amount").inner_text().strip() == total
    shopper.click("button[value=decline]")
    shopper.wait_for_load_state()
    assert "/checkout/thank-you/" in shopper.url
    assert "Thanh toán bị từ chối" in shopper.locator(".payment-declined").inner_text()
    assert order_payments(shopper) == ["Chưa thanh toán", "Chưa thanh toán"]

    # Try again; this time the gateway calls the marketplace back a few seconds late.
    shopper.click("text=Thanh toán qua Viettel Pay")
    shopper.wait_for_load_state()
    shopper.select_option("#behaviour", "late")
    shopper.click("button[value=approve]")
    shopper.wait_for_load_state()
    assert "Đang chờ Viettel Pay xác nhận" in shopper.locator(".payment-waiting").inner_text()
    assert order_payments(shopper) == ["Chưa thanh toán", "Chưa thanh toán"]  # back ≠ paid

    # The page looks again by itself until the callback has settled the purchase.
    shopper.wait_for_function(
        "() => document.querySelector('.purchase-status')?.textContent.includes('Đã thanh toán')",
        timeout=30_000,
        polling=500,
    )
    assert order_payments(shopper) == ["Đã thanh toán", "Đã thanh toán"]
    assert shopper.locator(".payment-online").count() == 0
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shopper.screenshot(path=str(SCREENSHOTS / "paid-with-viettelpay.png"), full_page=True)

    # Each seller sees their order paid through Viettel Pay in the seller centre.
    numbers = re.findall(
        r"Đơn hàng (\S+) ·", " ".join(shopper.locator(".purchase-part h2").all_inner_texts())
    )
    assert len(numbers) == 2
    for email, number in zip(("seller1@ocop.local", "seller2@ocop.local"), numbers, strict=True):
        seller = browser.new_context(locale="vi-VN").new_page()
        sign_in(seller, base, email, "ocop-demo")
        detail = seller.goto(f"{base}/dashboard/orders/{number}/")
        assert detail.status == 200
        assert "Viettel Pay" in seller.content()
