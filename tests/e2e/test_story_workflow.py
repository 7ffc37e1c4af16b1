"""A seller drafts their shop's story in the CMS and submits it; province staff approve it in the
moderation workflow; it shows on the shop's page."""

import pytest

from tests.e2e.journeys import SCREENSHOTS, sign_in
from vendors.models import Seller

pytestmark = [pytest.mark.e2e, pytest.mark.django_db]


def test_a_seller_drafts_a_story_staff_publish_it_and_it_shows_on_the_shop_page(served_marketplace, browser):
    base = served_marketplace
    shop = Seller.objects.get(owner__email="seller1@ocop.local")
    title = "Mùa chè xuân trên đồi"

    # 1. The seller writes the story in the CMS, from the seller centre, and submits it.
    seller = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 1000}).new_page()
    sign_in(seller, base, "seller1@ocop.local", "ocop-demo")
    seller.goto(base + "/dashboard/shop/stories/")
    seller.click("a.write-story")
    seller.wait_for_load_state()
    assert "/cms/pages/add/cms/storypage/" in seller.url
    seller.fill("#id_title", title)
    seller.fill("#id_intro", "Những búp chè đầu mùa được hái lúc sớm mai.")
    seller.locator(".c-sf-add-button").first.click()
    seller.locator("[role=option]", has_text="Đoạn văn").first.click()
    editor = seller.locator(".story-body, [data-contentpath=body] [contenteditable=true]").first
    editor.wait_for(state="visible")
    editor.click()
    seller.keyboard.type("Sáng sớm, cả nhà ra đồi chè hái búp non.")
    assert "hái búp non" in editor.inner_text()
    seller.wait_for_timeout(500)  # the editor writes its content to the form as typing settles
    seller.locator("[data-w-dropdown-target=toggle]").last.click()
    seller.click("button[name=action-submit]")
    seller.wait_for_load_state()

    # Not on the shop's page yet: nobody has approved it.
    shopper = browser.new_context(locale="vi-VN").new_page()
    shopper.goto(f"{base}/shops/{shop.slug}/")
    assert title not in shopper.content()

    # 2. Staff find it awaiting their review on the CMS dashboard and approve it.
    staff = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 1000}).new_page()
    sign_in(staff, base, "admin@ocop.local", "ocop-demo")
    staff.goto(base + "/cms/")
    row = staff.locator("tr", has_text=title)
    row.locator("[data-w-dropdown-target=toggle]").first.click()
    row.locator("button[data-workflow-action-url*='/approve/']:not([data-launch-modal])").first.click()
    staff.wait_for_load_state()
    staff.wait_for_timeout(500)

    # 3. The story is on the shop's page, and reads as written.
    shopper.goto(f"{base}/shops/{shop.slug}/")
    stories = shopper.locator(".stories-strip")
    assert title in stories.inner_text()
    stories.locator("a", has_text=title).click()
    shopper.wait_for_load_state()
    assert shopper.locator("h1").inner_text().strip() == title
    assert shopper.url.endswith("/mua-che-xuan-tren-doi/")  # the address is folded like the catalogue's
    assert "Sáng sớm, cả nhà ra đồi chè hái búp non." in shopper.locator(".story-body").inner_text()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shopper.screenshot(path=str(SCREENSHOTS / "story.png"), full_page=True)
