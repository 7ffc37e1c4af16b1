"""An old product link on a phone: the marketplace's own 404, in Vietnamese, with its menu, a search
box that works and no sideways scroll."""

import pytest

from tests.e2e.journeys import SCREENSHOTS

pytestmark = [pytest.mark.e2e, pytest.mark.django_db]


def test_a_shopper_on_a_phone_lands_on_a_404_and_searches_from_it(served_marketplace, browser):
    context = browser.new_context(locale="vi-VN", viewport={"width": 360, "height": 800})
    page = context.new_page()
    response = page.goto(served_marketplace + "/catalogue/cha-muc-da-ngung-ban_99999999/")
    assert response.status == 404
    assert page.locator("h1").inner_text().strip() == "Không có trang này"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "error-404-360.png", full_page=True)
    page.fill("#error-search", "trà")
    page.locator("#error-page button[type=submit]").click()
    page.wait_for_load_state()
    assert "/search/" in page.url and page.locator("h1").count() >= 1
    context.close()
