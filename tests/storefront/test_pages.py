"""The storefront's hot pages: what a shopper sees, in a bounded number of queries.

The query counts and the floor's figures are measured on the demo catalogue, as a shopper meets
it (432 products, 129 open shops); the other tests build their own shops."""

import datetime
import re

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from tests.factories import SellerFactory, product_for_sale
from vendors import selectors
from vendors.models import BusinessKind, Seller

pytestmark = pytest.mark.django_db
Category = get_model("catalogue", "Category")

MAX_QUERIES = 30
PRICE = re.compile(r"\d{1,3}(?:\.\d{3})+\xa0₫")


def card_titles(html):
    return re.findall(r'class="product-card-title">\s*<a href="[^"]+">([^<]+)</a>', html)


def in_stock_product():
    return selectors.sellable_products().filter(stockrecords__num_in_stock__gt=5).order_by("pk").first()


def test_home_page_is_the_cms_page_with_new_products_and_shops(client, warm, django_assert_max_num_queries):
    warm("/")
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get("/")
    html = response.content.decode()
    assert "Sản phẩm OCOP Quảng Ninh, từ tận nơi làm ra" in html  # the hero, edited in the CMS
    assert html.count('class="product_pod"') == 8
    assert "129 gian hàng đang mở" in html


def test_catalogue_lists_every_sellable_product_with_price_shop_and_stars(client, warm):
    response = warm("/catalogue/")
    html = response.content.decode()
    assert "432 sản phẩm" in html
    assert html.count('class="product_pod"') == 24
    assert len(PRICE.findall(html)) >= 24
    assert html.count('class="product-card-shop"') == 24
    assert html.count("ocop-badge") == 24
    card_alts = re.findall(r'<img src="[^"]+"[^>]*? alt="([^"]*)"[^>]*class="product-card-img"', html)
    assert len(card_alts) == 24 and all(card_alts)  # every card picture is described


@pytest.mark.parametrize("per_page", [4, 24])
def test_catalogue_queries_do_not_grow_with_cards_per_page(
    client, warm, per_page, django_assert_max_num_queries
):
    with override_settings(OSCAR_PRODUCTS_PER_PAGE=per_page):
        warm("/catalogue/")
        with django_assert_max_num_queries(20):
            response = client.get("/catalogue/")
    assert response.content.decode().count('class="product_pod"') == per_page


def test_a_category_lists_only_its_own_products(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # the index follows, as after a commit
        shop = SellerFactory()
        for title in ("Gốm Đông Triều bình hoa", "Gốm Đông Triều ấm trà"):
            product_for_sale(shop, title=title, category="Thủ công mỹ nghệ > Gốm sứ")
        product_for_sale(shop, title="Chè hoa vàng Ba Chẽ", category="Đồ uống > Trà")
    category = Category.objects.get(name="Gốm sứ")
    titles = card_titles(client.get(category.get_absolute_url()).content.decode())
    assert {"Gốm Đông Triều bình hoa", "Gốm Đông Triều ấm trà"} <= set(titles)
    assert all(title.startswith("Gốm Đông Triều") for title in titles)


def test_an_invalid_page_number_sends_the_shopper_back_with_a_message(client):
    response = client.get("/catalogue/?page=999", follow=True)
    assert response.redirect_chain[-1][0] == "/catalogue/"
    assert "Số trang không hợp lệ." in response.content.decode()


def test_product_page_shows_price_stars_shop_and_producer(client, warm, django_assert_max_num_queries):
    product = in_stock_product()
    url = product.get_absolute_url()
    warm(url)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(url)
    html = response.content.decode()
    record = product.stockrecords.get()
    assert product.title in html
    assert f"{int(record.price):,}".replace(",", ".") + "\xa0₫" in html
    assert record.partner.seller.shop_name in html
    assert product.producer.name in html
    assert "ocop-badge" in html


def test_basket_shows_added_goods_in_vnd_with_bounded_queries(client, django_assert_max_num_queries):
    products = list(selectors.sellable_products().filter(stockrecords__num_in_stock__gt=5).order_by("pk")[:6])
    for product in products:
        response = client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 2})
        assert response.status_code == 302
    client.get("/basket/")
    with django_assert_max_num_queries(MAX_QUERIES + 10):
        response = client.get("/basket/")
    html = response.content.decode()
    for product in products:
        assert product.title in html
    total = sum(2 * p.stockrecords.get().price for p in products)
    assert f"{int(total):,}".replace(",", ".") + "\xa0₫" in html
    # The phone's basket button says its total in Vietnamese too.
    button = re.search(r'class="btn btn-secondary float-right btn-cart[^"]*"[^>]*>(.*?)</a>', html, re.S)
    words = " ".join(button.group(1).split())
    assert "Tổng cộng:" in words and "Total" not in words


def test_basket_queries_do_not_grow_with_lines(client, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    products = list(selectors.sellable_products().filter(stockrecords__num_in_stock__gt=5).order_by("pk")[:8])
    measured = []
    for batch in (products[:2], products[2:8]):
        for product in batch:
            client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})
        client.get("/basket/")
        with CaptureQueriesContext(connection) as ctx:
            client.get("/basket/")
        measured.append(len(ctx.captured_queries))
    two_lines, eight_lines = measured
    # Oscar's basket page loads each line's product and stock once; it must not be per line.
    assert eight_lines == two_lines, measured


def test_a_suspended_shop_leaves_the_storefront_at_once(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        seller = SellerFactory()
        product = product_for_sale(seller, title="Sá sùng khô Quan Lạn")
        product_for_sale(seller, title="Ruốc hàu Quan Lạn")
    goods = selectors.sellable_products().filter(experience__isnull=True)  # goods, not visits
    before = goods.count()
    assert f"{before} sản phẩm" in client.get("/catalogue/").content.decode()
    assert client.get(seller.get_absolute_url()).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        seller.status = Seller.Status.SUSPENDED
        seller.save()
    assert client.get(seller.get_absolute_url()).status_code == 404
    found = client.get("/search/", {"q": product.title}).content.decode()
    assert product.get_absolute_url() not in found
    assert goods.count() == before - 2
    assert f"{before - 2} sản phẩm" in client.get("/catalogue/").content.decode()
    assert client.get(product.get_absolute_url()).status_code == 404


def test_the_badge_goes_when_the_recognition_expires():
    seller = SellerFactory()
    product = product_for_sale(seller, stars=4)
    assert selectors.active_stars(product) == 4
    expired = product_for_sale(
        seller, title="Hết hạn", stars=4, on=timezone.localdate() - datetime.timedelta(days=37 * 31)
    )
    assert selectors.active_stars(expired) is None


def test_shop_directory_filters_by_kind_and_ward(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get("/shops/")
    assert "129 gian hàng" in response.content.decode()
    shop = SellerFactory(kind=BusinessKind.HOUSEHOLD, shop_name="Trà Hoa Vàng Bà Lan")
    product_for_sale(shop, title="Trà hoa vàng Bà Lan")
    filtered = client.get("/shops/", {"kind": shop.kind, "ward": shop.ward_code}).content.decode()
    assert shop.shop_name in filtered
    expected = selectors.open_sellers().filter(kind=shop.kind, ward_code=shop.ward_code).count()
    assert f"{expected} gian hàng" in filtered
    assert f'<option value="{shop.ward_code}" selected>' in filtered  # the choice stays chosen
    # A value that is no choice (a typo, an old link, a hostile address) is ignored: the whole list.
    for bad in ({"kind": "ceo"}, {"ward": "99999999999999999999"}, {"ward": "1 OR 1=1"}):
        response = client.get("/shops/", bad)
        assert response.status_code == 200 and "130 gian hàng" in response.content.decode()


def test_a_shop_page_shows_its_products_and_an_unknown_shop_is_404(client, warm):
    shop = SellerFactory()
    for n in range(3):
        product_for_sale(shop, title=f"Chả mực Hạ Long hộp {n + 3}00 g")
    product_for_sale(SellerFactory(), title="Chả mực của gian khác")
    html = warm(shop.get_absolute_url()).content.decode()
    assert shop.shop_name in html and shop.ward_name in html
    assert sorted(card_titles(html)) == [f"Chả mực Hạ Long hộp {n}00 g" for n in (3, 4, 5)]
    assert client.get("/shops/khong-co-gian-hang-nay/").status_code == 404


def test_search_finds_products_by_name_first(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        shop = SellerFactory()
        product_for_sale(shop, title="Chả mực giã tay Hạ Long")
        side = product_for_sale(shop, title="Bánh gạo Hạ Long")
        side.description = "Ăn kèm chả mực."
        side.save()
    html = client.get("/search/", {"q": "Chả mực"}).content.decode()
    titles = card_titles(html)
    named = [t for t in titles if t.startswith("Chả mực")]
    assert "Chả mực giã tay Hạ Long" in named and "Bánh gạo Hạ Long" in titles
    assert titles[: len(named)] == named
