"""A cooperative member runs the shop from a phone: confirms two orders at once, prints their
slips, edits a price where it is listed and reads the week's figures; and the same pages on a desk."""

import pytest

from tests.e2e.journeys import SCREENSHOTS, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db]
SELLER = "seller2@ocop.local"


WIDEST = """() => [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
    .slice(-3).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))"""


def _fits(page, width):
    too_wide = page.evaluate(WIDEST)
    assert page.evaluate("document.documentElement.scrollWidth") <= width, (page.url, too_wide)


def test_a_seller_on_a_phone_confirms_two_orders_prints_slips_and_edits_a_price(served_marketplace, browser):
    width = 360
    context = browser.new_context(
        locale="vi-VN", viewport={"width": width, "height": 800}, accept_downloads=True
    )
    page = context.new_page()
    base = served_marketplace
    sign_in(page, base, SELLER, "ocop-demo")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.goto(base + "/dashboard/")
    assert page.locator("#waiting-title").inner_text().strip() == "Chờ bạn xử lý hôm nay"
    waiting = int(page.locator("[data-waiting=to_confirm] .seller-todo-count").inner_text().replace(".", ""))
    assert waiting >= 2
    assert page.locator("[data-figure=visitors]").is_visible()  # the week's figures
    _fits(page, width)
    page.screenshot(path=SCREENSHOTS / f"seller-home-{width}.png", full_page=True)

    page.click("[data-waiting=to_confirm]")
    page.wait_for_load_state()
    rows = page.locator("#order-rows tbody tr")
    assert rows.count() == waiting
    numbers = [rows.nth(n).get_attribute("data-order") for n in range(2)]
    for n in range(2):
        rows.nth(n).locator("input[type=checkbox]").check()
    _fits(page, width)
    page.screenshot(path=SCREENSHOTS / f"seller-orders-{width}.png", full_page=True)
    with page.expect_download() as slips:
        page.click("button[value=print_slips]")
    assert slips.value.suggested_filename == "phieu-dong-goi.pdf"
    page.click("button[value=confirm_selected]")
    page.wait_for_load_state()
    assert "Đã chuyển bước 2 đơn hàng." in page.content()
    page.click("[data-tab=Confirmed]")
    page.wait_for_load_state()
    confirmed = page.locator("#order-rows tbody tr").evaluate_all("rows => rows.map(r => r.dataset.order)")
    assert set(numbers) <= set(confirmed)

    # One order on a page of its own: one column, the next step as one button, the money's state.
    page.goto(base + f"/dashboard/orders/{numbers[0]}/")
    assert page.locator("#seller-order button[value=pack]").is_visible()
    assert page.locator(".money-state").inner_text().strip()
    _fits(page, width)
    page.screenshot(path=SCREENSHOTS / f"seller-order-{width}.png", full_page=True)

    page.goto(base + "/dashboard/shop/stock/")
    row = page.locator("#stock-rows tbody tr").first
    title = row.locator("th").inner_text().strip()
    row.locator("input[name=price]").fill("123.000")
    row.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert f"{title}: 123.000" in page.content().replace("\xa0", " ")
    _fits(page, width)
    page.screenshot(path=SCREENSHOTS / f"seller-stock-{width}.png", full_page=True)

    # Oscar's product list as cards of labelled lines, and the product form, on the phone.
    page.goto(base + "/dashboard/catalogue/")
    first = page.locator("table tbody tr").first
    assert first.locator("td[data-label]").count() >= 3
    _fits(page, width)
    page.screenshot(path=SCREENSHOTS / f"seller-products-{width}.png", full_page=True)
    first.locator("a[href*='/dashboard/catalogue/products/']").first.click()
    page.wait_for_load_state()
    assert page.locator("label.picture-input-button").first.is_visible()
    assert page.locator("#product_parcel").is_visible()
    _fits(page, width)
    page.screenshot(path=SCREENSHOTS / f"seller-product-form-{width}.png", full_page=True)
    context.close()


def test_the_seller_centre_on_a_desk(served_marketplace, browser):
    width = 1280
    context = browser.new_context(locale="vi-VN", viewport={"width": width, "height": 900})
    page = context.new_page()
    sign_in(page, served_marketplace, SELLER, "ocop-demo")
    for name, path in [
        ("home", "/dashboard/"),
        ("orders", "/dashboard/orders/"),
        ("stock", "/dashboard/shop/stock/"),
        ("products", "/dashboard/catalogue/"),
    ]:
        page.goto(served_marketplace + path)
        assert page.locator("h1").count() >= 1
        _fits(page, width)
        page.screenshot(path=SCREENSHOTS / f"seller-{name}-{width}.png", full_page=True)
    context.close()


def test_on_a_phone_amounts_are_read_as_written_and_what_cannot_be_undone_asks_first(
    served_marketplace, browser
):
    from vendors.provenance.models import RegisteredCode

    width = 360
    context = browser.new_context(locale="vi-VN", viewport={"width": width, "height": 800})
    page = context.new_page()
    base = served_marketplace
    sign_in(page, base, SELLER, "ocop-demo")

    # "1.5" is refused, never saved as 15 ₫; a price under a tenth of the old one asks first.
    page.goto(base + "/dashboard/shop/stock/")
    # The page's last row: the other journeys edit the first one's price.
    row = page.locator("#stock-rows tbody tr").last
    record = row.get_attribute("data-record")
    old_price = row.locator("input[name=price]").input_value()
    far = f"{max(int(old_price) // 20 // 1000, 1) * 1000:,}".replace(",", ".")  # under a tenth
    row.locator("input[name=price]").fill("1.5")
    row.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert "“1.5” không phải số đồng chẵn" in page.content()
    row = page.locator(f"#stock-rows tr[data-record='{record}']")
    assert row.locator("input[name=price]").input_value() == old_price
    row.locator("input[name=price]").fill(far)
    row.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert "khác xa giá cũ" in page.content()
    row = page.locator(f"#stock-rows tr[data-record='{record}']")
    row.locator("input[name=confirm_price]").check()
    _fits(page, width)
    page.screenshot(path=SCREENSHOTS / f"seller-stock-confirm-{width}.png", full_page=True)
    row.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert any(f": {far}\xa0₫," in text for text in page.locator(".alert").all_inner_texts())

    # Detaching a code asks first: dismissed, nothing changes; accepted, the code goes.
    code = RegisteredCode.objects.filter(status=RegisteredCode.Status.ACTIVE).order_by("pk").first().code
    page.goto(base + "/dashboard/shop/batches/")
    first = page.locator("table.product-codes tbody tr").first
    first.locator("input[name=code]").fill(code)
    first.locator("form.form-inline button[type=submit]").click()
    page.wait_for_load_state()

    def detach_button():
        row = page.locator("table.product-codes tbody tr").first
        return row.locator("form", has_text=code).locator("button[name=detach]")

    detach = detach_button()
    assert detach.bounding_box()["height"] >= 40
    page.once("dialog", lambda dialog: dialog.dismiss())
    detach.click()
    page.wait_for_timeout(300)
    assert code in page.locator("table.product-codes tbody tr").first.inner_text()
    dialogs = []
    page.once("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.accept()))
    detach_button().click()
    page.wait_for_load_state()
    assert dialogs and dialogs[0].startswith("Gỡ mã") and code in dialogs[0]
    assert code not in page.locator("table.product-codes tbody tr").first.inner_text()
    _fits(page, width)
    context.close()
