"""A cooperative goes from application to a live shop without help, in a real browser."""

import re
import uuid

import pytest

from tests.e2e.journeys import SCREENSHOTS, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_apply_get_approved_list_a_product_and_see_it_on_the_floor(served_marketplace, browser):
    base = served_marketplace
    tag = uuid.uuid4().hex[:6]
    email, password = f"htx-{tag}@example.vn", "Mat-khau-rat-kho-2025"
    shop_name = f"HTX Trà Hoa Vàng Đồng Sơn {tag}"
    product_title = f"Trà hoa vàng Đồng Sơn hộp 100 g {tag}"

    seller = browser.new_context(locale="vi-VN").new_page()
    # 1. The cooperative registers and applies at /sell/.
    seller.goto(base + "/accounts/login/")
    seller.fill("#id_registration-email", email)
    seller.fill("#id_registration-password1", password)
    seller.fill("#id_registration-password2", password)
    seller.click("button[name=registration_submit]")
    seller.wait_for_load_state()
    seller.goto(base + "/sell/")
    seller.check("input[name=kind][value=cooperative]")
    seller.fill("#id_legal_name", f"Hợp tác xã Trà Hoa Vàng Đồng Sơn {tag}")
    seller.fill("#id_tax_code", "0100109106")
    seller.fill("#id_representative", "Đặng Văn Sơn")
    seller.fill("#id_phone", "0987 654 321")
    seller.fill("#id_email", email)
    seller.select_option("#id_ward_code", label="Xã Ba Chẽ")
    seller.fill("#id_street", "Thôn Đồng Sơn")
    seller.fill("#id_shop_name", shop_name)
    seller.select_option("#id_bank_code", "BIDV")
    seller.fill("#id_bank_account_number", "21510000123456")
    seller.fill("#id_bank_account_holder", "HTX TRA HOA VANG DONG SON")
    seller.set_input_files(
        "#id_document", files=[{"name": "dang-ky-htx.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    seller.click("text=Gửi hồ sơ")
    seller.wait_for_load_state()
    assert "Hồ sơ đã được gửi" in seller.locator(".alert-success").inner_text()
    assert seller.locator(".seller-status").inner_text().strip() == "Đã đăng ký"

    # 2. Province staff find the application in the queue and activate it.
    staff = browser.new_context(locale="vi-VN").new_page()
    sign_in(staff, base, "admin@ocop.local", "ocop-demo")
    staff.goto(base + "/dashboard/sellers/?status=applied&kind=cooperative")
    staff.select_option("#id_ward", label="Xã Ba Chẽ")
    staff.click(".seller-filters button[type=submit]")
    staff.wait_for_load_state()
    staff.click(f"text={shop_name}")
    staff.wait_for_load_state()
    assert "dang-ky-htx.pdf" in staff.locator(".seller-documents").inner_text()
    # Activating asks first, saying what will happen; the staff member agrees.
    asked = []
    staff.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    staff.click("button[value=activate]")
    staff.wait_for_load_state()
    assert asked == ["Kích hoạt người bán này? Gian hàng sẽ mở trên sàn và người bán nhận e-mail."]
    assert "Đã kích hoạt" in staff.locator(".seller-facts").inner_text()

    # 3. The seller lists a product in the seller centre.
    seller.goto(base + "/sell/")
    seller.click("text=Mở kênh người bán")
    seller.wait_for_load_state()
    seller.goto(base + "/dashboard/catalogue/products/create/hang-hoa/")
    seller.fill("#id_title", product_title)
    tea = seller.locator("#id_productcategory_set-0-category option", has_text=re.compile(r"Trà\s*$")).first
    seller.select_option("#id_productcategory_set-0-category", value=tea.get_attribute("value"))
    seller.fill("#id_stockrecords-0-partner_sku", f"THV-{tag}")
    seller.fill("#id_stockrecords-0-price", "450000")
    seller.fill("#id_stockrecords-0-num_in_stock", "30")
    seller.click("button[name=action][value=save]")
    seller.wait_for_load_state()
    assert product_title in seller.content()

    # 4. Shoppers find it on the shop's page and in the catalogue.
    shopper = browser.new_context(locale="vi-VN").new_page()
    shopper.goto(base + "/shops/")
    shopper.goto(base + "/catalogue/?sort_by=newest")
    card = shopper.locator(".product_pod", has_text=product_title)
    assert card.count() == 1
    assert "450.000 ₫" in card.locator(".price_color").inner_text().replace("\xa0", " ")
    card.locator(".product-card-shop a").click()
    shopper.wait_for_load_state()
    assert shopper.locator("h1").inner_text().strip() == shop_name
    assert shopper.locator(".product_pod", has_text=product_title).count() == 1
    assert f"/tra-hoa-vang-dong-son-hop-100-g-{tag}_" in card.locator("a").first.get_attribute("href")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shopper.screenshot(path=str(SCREENSHOTS / "new-shop.png"), full_page=True)
