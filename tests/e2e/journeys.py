"""Steps every browser journey takes (signing in, putting a shop's first product in the basket),
and the folder their screenshots go to."""

from pathlib import Path

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "e2e"


def sign_in(page, base, email, password):
    page.goto(base + "/accounts/login/")
    page.fill("#id_login-username", email)
    page.fill("#id_login-password", password)
    page.click("button[name=login_submit]")
    page.wait_for_load_state()


def add_first_product_of_shop(page, base, slug):
    page.goto(f"{base}/shops/{slug}/")
    shop_name = page.locator("h1").inner_text().strip()
    card = page.locator(".product_pod").filter(has=page.locator("button", has_text="Thêm vào giỏ hàng")).first
    title = card.locator(".product-card-title a").inner_text().strip()
    card.locator("button", has_text="Thêm vào giỏ hàng").click()
    page.wait_for_load_state()
    return shop_name, title
