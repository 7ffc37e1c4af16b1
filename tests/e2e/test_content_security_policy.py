"""Under the Content-Security-Policy the storefront and the seller centre still work in a real
browser, and no page breaks the policy (no inline script left without its nonce)."""

import pytest

from tests.e2e.journeys import SCREENSHOTS

pytestmark = [pytest.mark.e2e, pytest.mark.django_db]

# Playwright's init scripts are not subject to the page's policy: this one records its violations.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (e) {
    window.__cspViolations.push(
        e.violatedDirective + " " + (e.blockedURI || "inline") + " " + e.sourceFile + ":" + e.lineNumber
    );
});
"""
WIDTHS = (360, 1280)


def _watched_page(browser, width):
    context = browser.new_context(locale="en-US", viewport={"width": width, "height": 900})
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    console = []
    page.on(
        "console",
        lambda message: (
            console.append(message.text)
            if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text
            else None
        ),
    )
    return context, page, console


def _visit(page, console, url, name, width):
    response = page.goto(url)
    assert response.status == 200, url
    assert "script-src" in response.headers["content-security-policy"]
    page.wait_for_load_state("networkidle")
    violations = page.evaluate("window.__cspViolations")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"csp-{name}-{width}.png"), full_page=True)
    return violations


@pytest.mark.parametrize("width", WIDTHS)
def test_shopper_pages_break_no_policy(served_marketplace, browser, width):
    base = served_marketplace
    context, page, console = _watched_page(browser, width)
    found = {}
    found["home"] = _visit(page, console, base + "/", "home", width)
    found["catalogue"] = _visit(page, console, base + "/catalogue/", "catalogue", width)
    # A ticked filter still applies at once (a static script, no inline handler).
    page.locator(".facets input[type=checkbox]").first.check()
    page.wait_for_url("**/catalogue/?*")
    assert page.evaluate("window.__cspViolations") == []
    product_url = page.locator(".product_pod .product-card-title a").first.get_attribute("href")
    found["product"] = _visit(page, console, base + product_url, "product", width)
    page.locator("#add_to_basket_form button[type=submit]").click()
    page.wait_for_load_state()
    found["basket"] = _visit(page, console, base + "/basket/", "basket", width)
    found["checkout"] = _visit(page, console, base + "/checkout/", "checkout", width)
    # The checkout's totals still follow the delivery chosen (its script runs with the nonce).
    assert "₫" in page.locator("#grand-total").inner_text()
    context.close()
    assert found == {name: [] for name in found}
    assert console == []


@pytest.mark.parametrize("width", WIDTHS)
def test_seller_centre_breaks_no_policy(served_marketplace, browser, width):
    base = served_marketplace
    context, page, console = _watched_page(browser, width)
    page.goto(base + "/accounts/login/")
    page.fill("#id_login-username", "seller1@ocop.local")
    page.fill("#id_login-password", "ocop-demo")
    page.click("button[name=login_submit]")
    page.wait_for_load_state()
    found = {"dashboard": _visit(page, console, base + "/dashboard/", "dashboard", width)}
    found["products"] = _visit(page, console, base + "/dashboard/catalogue/", "dashboard-products", width)
    edit_url = page.locator("table a[href*='/dashboard/catalogue/products/']").first.get_attribute("href")
    found["product form"] = _visit(page, console, base + edit_url, "dashboard-product-form", width)
    found["shop page"] = _visit(page, console, base + "/dashboard/shop/", "dashboard-shop", width)
    context.close()
    assert found == {name: [] for name in found}
    assert console == []


def test_the_api_docs_draw_under_the_policy(served_marketplace, browser):
    # The docs page's scripts are files (drf-spectacular's split view, sidecar's copies): the
    # policy lets them run, and the page lists the API's operations.
    context, page, console = _watched_page(browser, 1280)
    found = _visit(page, console, served_marketplace + "/api/v1/docs/", "api-docs", 1280)
    assert page.locator(".opblock").count() >= 5
    context.close()
    assert found == [] and console == []
