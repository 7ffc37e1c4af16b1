"""A shopper opens the home page, goes to a product and puts it in the basket, in a real browser."""

import re

import pytest

from tests.e2e.journeys import SCREENSHOTS

# The test itself only reads (in a transaction that takes no lock); the server process writes
# the shopper's session and basket on its own connections.
pytestmark = [pytest.mark.e2e, pytest.mark.django_db]


def test_home_to_product_to_basket(served_marketplace, page):
    page.goto(served_marketplace + "/")
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.get_by_role("heading", name="Mới lên sàn").is_visible()

    card = (
        page.locator(".product_pod")
        .filter(has=page.locator(".ocop-badge"))
        .filter(has=page.locator("button", has_text="Thêm vào giỏ hàng"))
        .first
    )
    title = card.locator(".product-card-title a").inner_text().strip()
    price = card.locator(".price_color").inner_text().strip()
    assert re.fullmatch(r"\d{1,3}(\.\d{3})+\s₫", price)

    card.locator(".product-card-title a").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text().strip() == title
    assert page.locator(".ocop-badge").first.is_visible()

    page.locator("#add_to_basket_form button[type=submit]").click()
    page.wait_for_load_state()
    assert "đã được thêm vào giỏ hàng" in page.locator(".alert-success").first.inner_text()

    page.goto(served_marketplace + "/basket/")
    basket = page.locator("#basket_formset")
    assert title in basket.inner_text()
    assert price in page.locator("#basket_totals").inner_text()

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shot = SCREENSHOTS / "basket.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_on_a_phone_the_header_follows_a_change_of_quantity_in_vietnamese(served_marketplace, browser):
    # The basket page changes a quantity without reloading: the header's button and the message
    # both give the new total, in Vietnamese.
    from tests.e2e.journeys import add_first_product_of_shop
    from vendors.models import Seller

    context = browser.new_context(locale="vi-VN", viewport={"width": 360, "height": 800})
    page = context.new_page()
    shop = Seller.objects.filter(status=Seller.Status.ACTIVE).order_by("pk").first()
    add_first_product_of_shop(page, served_marketplace, shop.slug)
    page.goto(served_marketplace + "/basket/")
    button = page.locator(".btn-cart")
    before = button.inner_text()
    page.locator("#basket_formset input[name$=quantity]").first.fill("2")
    page.locator("#basket_formset button[type=submit]").first.click()
    page.wait_for_selector("text=Tổng giỏ hàng của bạn bây giờ là")
    message = page.locator("#messages").inner_text()
    assert "Your basket" not in message
    assert button.inner_text() != before
    assert re.search(r"\d{1,3}(\.\d{3})+\s₫", button.inner_text()).group() in message
    context.close()
