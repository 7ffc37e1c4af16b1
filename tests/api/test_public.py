"""The API's public, read-only part: what a shopper may see and nothing more, the same queries for
any page size, a schema that validates and is the one committed, docs served without a CDN."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.factories import product_for_sale, seller_shop
from vendors.models import Seller

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def test_a_product_on_sale_is_listed_with_its_price_stock_stars_and_shop(client):
    shop = seller_shop(shop_name="HTX Chè Hoa Vàng")
    product = product_for_sale(shop, title="Trà hoa vàng Ba Chẽ hộp 100 g", price=650_000, stock=7, stars=4)
    product.refresh_from_db()
    listed = client.get(reverse("api:products"), {"shop": shop.slug}).json()
    assert listed["count"] == 1
    (item,) = listed["results"]
    assert item == {
        "id": product.pk,
        "title": "Trà hoa vàng Ba Chẽ hộp 100 g",
        "upc": product.upc,
        "price": 650_000,
        "in_stock": 7,
        "stars": 4,
        "shop": {"slug": shop.slug, "shop_name": "HTX Chè Hoa Vàng"},
        "url": product.get_absolute_url(),
    }
    assert client.get(reverse("api:product", args=[product.pk])).json() == item


def test_what_is_hidden_on_the_site_is_hidden_from_the_api(client):
    shop = seller_shop()
    hidden = product_for_sale(shop, title="Sản phẩm chưa công khai")
    hidden.is_public = False
    hidden.save()
    closed = seller_shop()
    closed_product = product_for_sale(closed, title="Của gian hàng bị tạm ngừng")
    Seller.objects.filter(pk=closed.pk).update(status=Seller.Status.SUSPENDED)
    for product in (hidden, closed_product):
        assert client.get(reverse("api:product", args=[product.pk])).status_code == 404
    titles = {p["title"] for p in client.get(reverse("api:products"), {"shop": shop.slug}).json()["results"]}
    assert "Sản phẩm chưa công khai" not in titles
    assert client.get(reverse("api:shop", args=[closed.slug])).status_code == 404
    assert client.get(reverse("api:product", args=[987654321])).status_code == 404


def test_a_page_of_products_costs_the_same_queries_for_three_as_for_twenty_four(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    few, many = seller_shop(), seller_shop()
    for n in range(3):
        product_for_sale(few, title=f"Trà hoa vàng hộp {n}")
    for n in range(30):
        product_for_sale(many, title=f"Chả mực Hạ Long hộp {n}")
    counted = []
    for shop in (few, many):
        with CaptureQueriesContext(connection) as queries:
            page = client.get(reverse("api:products"), {"shop": shop.slug}).json()
        counted.append(len(queries))
    assert len(page["results"]) == 24 and page["next"]
    assert counted[0] == counted[1] <= 6


def test_the_schema_validates_and_is_the_one_committed(tmp_path):
    generated = tmp_path / "openapi.yaml"
    options = ["--validate", "--fail-on-warn", "--file", str(generated)]
    call_command("spectacular", *options, stdout=io.StringIO())
    committed = (ROOT / "docs" / "api" / "openapi.yaml").read_text()
    assert generated.read_text() == committed, "run `make api-schema` and commit docs/api/openapi.yaml"


def test_the_docs_are_served_from_installed_files_with_no_inline_script(client):
    schema = client.get(reverse("api:schema"))
    assert schema.status_code == 200 and b"openapi: 3" in schema.content
    docs = client.get(reverse("api:docs"))
    html = docs.content.decode()
    assert docs.status_code == 200 and "swagger-ui" in html
    assert "cdn." not in html and "unpkg" not in html  # drf-spectacular-sidecar's own copies
    assert "<script>" not in html  # every script a file: the Content-Security-Policy allows it


def test_the_throttle_counts_the_address_not_what_a_header_claims(client, monkeypatch):
    from django.core.cache import cache
    from rest_framework.throttling import SimpleRateThrottle

    # Three requests a minute for this test (the rates are read when the throttles are imported).
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "3/min", "user": "600/min"})
    cache.clear()
    answers = [
        client.get(reverse("api:categories"), HTTP_X_FORWARDED_FOR=f"10.0.0.{n}").status_code
        for n in range(5)
    ]
    cache.clear()
    assert answers == [200, 200, 200, 429, 429]
