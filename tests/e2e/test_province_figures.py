"""Province staff read the figures on a phone and a desk, choose a day and a ward, and take the
month away as a workbook; anyone reads the open figures on /so-lieu/."""

import datetime

import pytest

from tests.e2e.journeys import SCREENSHOTS, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db]


@pytest.mark.parametrize("width", [360, 1280])
def test_the_open_figures_fit_the_screen(served_marketplace, browser, width):
    context = browser.new_context(locale="vi-VN", viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(served_marketplace + "/")
    page.click("footer a[href='/so-lieu/']")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text().strip() == "Sàn qua các con số"
    # The server's copy of the demo is shared by the browser journeys: one may have applied to sell.
    assert int(page.locator("[data-figure=seller_accounts]").inner_text().replace(".", "")) >= 332
    assert int(page.locator("[data-figure=visits]").inner_text().replace(".", "")) >= 96_000
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"figures-public-{width}.png", full_page=True)
    context.close()


@pytest.mark.parametrize("width", [360, 1280])
def test_staff_choose_a_day_and_a_ward_and_download_the_workbook(served_marketplace, browser, width):
    context = browser.new_context(
        locale="vi-VN", viewport={"width": width, "height": 900}, accept_downloads=True
    )
    page = context.new_page()
    base = served_marketplace
    sign_in(page, base, "admin@ocop.local", "ocop-demo")
    page.goto(base + "/dashboard/")
    figures = page.locator("#province-figures")
    accounts = int(figures.locator("[data-figure=seller_accounts]").inner_text().replace(".", ""))
    assert accounts >= 332  # the demo's, and any a journey before this one applied for
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"figures-dashboard-{width}.png", full_page=True)

    earlier = (datetime.date.today().replace(day=1) - datetime.timedelta(days=1)).isoformat()
    page.fill("#id_at", earlier)
    page.select_option("#id_ward", index=1)
    page.click("#province-figures button[type=submit]")
    page.wait_for_load_state()
    assert f"at={earlier}" in page.url
    assert page.input_value("#id_at") == earlier
    one_ward = int(page.locator("[data-figure=seller_accounts]").inner_text().replace(".", ""))
    assert 0 <= one_ward < accounts
    with page.expect_download() as download:
        page.click("#province-figures a:has-text('XLSX')")
    assert download.value.suggested_filename.startswith(f"so-lieu-ocop-{earlier}-")
    assert download.value.suggested_filename.endswith(".xlsx")
    context.close()
