"""The Content-Security-Policy header: on every HTML page, no inline script runs on the storefront
or in the seller centre without the page's nonce, and the CMS admits no script from elsewhere."""

import re

import pytest
from django.urls import reverse

from marketplace.cms.models import StoryPage
from marketplace.cms.stories import corner_for
from tests.factories import StaffFactory, open_shop, product_for_sale, seller_shop

pytestmark = pytest.mark.django_db


def directives(response) -> dict[str, list[str]]:
    header = response.headers["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def inline_scripts(html: str) -> list[str]:
    """The opening tags of the scripts written into the page (not loaded from a file, not data)."""
    tags = re.findall(r"<script\b[^>]*>", html)
    return [
        t for t in tags if "src=" not in t and "application/ld+json" not in t and "application/json" not in t
    ]


def assert_strict(response):
    policy = directives(response)
    scripts = policy["script-src"]
    assert "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts
    assert policy["default-src"] == ["'self'"] and policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    nonces = [s for s in scripts if s.startswith("'nonce-")]
    html = response.content.decode()
    for tag in inline_scripts(html):
        # Every script the page writes inline runs by the nonce the header announces, and only that.
        assert nonces and f'nonce="{nonces[0][7:-1]}"' in tag, tag


@pytest.fixture
def product():
    return product_for_sale(open_shop(), title="Trà hoa vàng Ba Chẽ")


@pytest.fixture
def pages(product):
    return {
        "home": "/",
        "catalogue": reverse("catalogue:index"),
        "search": reverse("search:search") + "?q=tra",
        "product": product.get_absolute_url(),
        "basket": reverse("basket:summary"),
        "checkout": reverse("checkout:index"),
        "shops": reverse("sellers:shop-list"),
        "sign in": reverse("customer:login"),
    }


def test_every_storefront_page_carries_the_strict_policy(client, pages, product):
    client.post(reverse("basket:add", args=[product.pk]), {"quantity": 1})
    for name, url in pages.items():
        response = client.get(url, follow=True)
        assert response.status_code == 200, name
        assert_strict(response)
    # Errors too: a missing page is HTML a shopper reads.
    missing = client.get("/catalogue/khong-co_999999999/")
    assert missing.status_code == 404 and "Content-Security-Policy" in missing.headers


def test_the_nonce_changes_with_every_response(client):
    first, second = (
        [s for s in directives(client.get("/"))["script-src"] if s.startswith("'nonce-")] for _ in range(2)
    )
    assert first and second and first != second


def test_the_seller_centre_carries_the_strict_policy(client):
    client.force_login(seller_shop().owner)
    for url in ["/dashboard/", "/dashboard/catalogue/", reverse("dashboard:shop-profile")]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_strict(response)


def test_django_admin_carries_the_strict_policy_too(client):
    client.force_login(StaffFactory())
    response = client.get("/django-admin/")
    assert response.status_code == 200
    assert_strict(response)


def test_the_cms_admits_its_own_inline_scripts_and_nothing_from_elsewhere(client):
    client.force_login(StaffFactory())
    response = client.get("/cms/pages/")
    assert response.status_code == 200
    policy = directives(response)
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["default-src"] == ["'self'"] and policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'self'"]
    # Wagtail would show avatars from gravatar.com: the marketplace fetches nothing from outside.
    assert "gravatar.com" not in response.content.decode()


def test_a_pages_draft_seen_in_the_cms_keeps_the_storefronts_policy(client):
    # What a seller wrote is shown to a moderator under /cms/: there, inline scripts must not run.
    story = corner_for(seller_shop()).add_child(
        instance=StoryPage(title="Mùa chè mới", slug="mua-che-moi", intro="Chè xuân.", live=False)
    )
    client.force_login(StaffFactory())
    for url in (f"/cms/pages/{story.pk}/view_draft/", f"/cms/pages/{story.pk}/edit/preview/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_strict(response)
    # The editor itself may frame its own preview.
    editor = client.get(f"/cms/pages/{story.pk}/edit/")
    assert "'self'" in directives(editor)["frame-src"]
