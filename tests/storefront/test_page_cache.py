"""Whole pages served from the cache to visitors who carry nothing of their own.

The suite's other tests render every page (tests never commit, so nothing would renew the cache):
here the cache is on, and what a commit would run after a write is run as it commits
(django_capture_on_commit_callbacks). What a visitor would notice: the same page, with no query;
their own working forms; a change of price, stock, shop or story on the next request; and never
another visitor's account, basket or language.
"""

import re

import pytest
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from marketplace.cms.models import StoryPage
from tests.factories import SellerFactory, UserFactory, product_for_sale
from vendors import selectors
from vendors.models import Seller

pytestmark = pytest.mark.django_db
StockRecord = get_model("partner", "StockRecord")
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
NONCE = re.compile(r'<script nonce="([^"]+)">')


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.MARKETPLACE_PAGE_CACHE_SECONDS = 600


@pytest.fixture
def product(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return product_for_sale(SellerFactory(), title="Chả mực Hạ Long hộp 500 g", price=250000, stock=20)


def vnd(amount: int) -> str:
    return f"{amount:,}".replace(",", ".") + "\xa0₫"


def test_a_second_visitor_gets_the_same_catalogue_without_a_query(django_assert_num_queries):
    first = Client().get("/catalogue/")
    with django_assert_num_queries(0):
        second = Client().get("/catalogue/")
    assert second.status_code == 200
    assert "432 sản phẩm" in second.content.decode()
    cards = re.compile(r'class="product-card-title">\s*<a href="([^"]+)"')
    assert cards.findall(second.content.decode()) == cards.findall(first.content.decode())


@pytest.mark.parametrize("url", ["/", "/catalogue/", "/shops/", "/stories/", "/experiences/"])
def test_every_hot_page_is_served_from_the_cache_the_second_time(url, django_assert_num_queries):
    assert Client().get(url).status_code == 200
    with django_assert_num_queries(0):
        assert Client().get(url).status_code == 200


def test_each_visitor_gets_their_own_working_token_and_script_nonce(product):
    url = product.get_absolute_url()
    Client().get(url)  # stored
    tokens, nonces = [], []
    for _visitor in range(2):
        browser = Client(enforce_csrf_checks=True)
        response = browser.get(url)
        html = response.content.decode()
        assert response["X-Page-Cache"] == "hit"
        (nonce,) = NONCE.findall(html)
        assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]
        token = TOKEN.findall(html)[-1]
        added = browser.post(
            reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1, "csrfmiddlewaretoken": token}
        )
        assert added.status_code == 302  # not 403: the form works for this visitor
        assert browser.get("/basket/").content.decode().count(product.title) >= 1
        tokens.append(token)
        nonces.append(nonce)
    assert tokens[0] != tokens[1] and nonces[0] != nonces[1]


def test_a_new_price_and_the_last_item_sold_show_on_the_next_request(
    product, django_capture_on_commit_callbacks
):
    url = product.get_absolute_url()
    assert vnd(250000) in Client().get(url).content.decode()
    assert Client().get(url)["X-Page-Cache"] == "hit"

    record = product.stockrecords.get()
    with django_capture_on_commit_callbacks(execute=True):
        record.price = 199000
        record.save()
    html = Client().get(url).content.decode()
    assert vnd(199000) in html and vnd(250000) not in html

    add = reverse("basket:add", kwargs={"pk": product.pk})
    assert add in html
    # Stock moved the way checkout moves it: an UPDATE under a row lock, no model signal.
    with django_capture_on_commit_callbacks(execute=True):
        StockRecord.objects.filter(pk=record.pk).update(num_in_stock=0)
    assert add not in Client().get(url).content.decode()


def test_a_suspended_shop_and_an_unpublished_story_are_gone_on_the_next_request(
    product, django_capture_on_commit_callbacks
):
    shop = product.stockrecords.get().partner.seller
    story = StoryPage.objects.live().first()
    for url in (product.get_absolute_url(), shop.get_absolute_url(), story.url):
        Client().get(url)
        assert Client().get(url)["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        shop.status = Seller.Status.SUSPENDED
        shop.save()
        story.unpublish()
    assert Client().get(product.get_absolute_url()).status_code == 404
    assert Client().get(shop.get_absolute_url()).status_code == 404
    assert Client().get(story.url).status_code == 404


def test_a_write_not_committed_yet_keeps_the_cached_page(product):
    url = product.get_absolute_url()
    Client().get(url)
    record = product.stockrecords.get()
    record.price = 1000
    record.save()  # the test's transaction never commits: nothing is renewed
    assert Client().get(url)["X-Page-Cache"] == "hit"


def test_a_signed_in_shopper_never_gets_the_cached_page_nor_leaves_theirs(product):
    url = product.get_absolute_url()
    Client().get(url)
    shopper = UserFactory(email="lan.nguyen@example.vn")
    signed_in = Client()
    signed_in.force_login(shopper)
    theirs = signed_in.get(url)
    assert "X-Page-Cache" not in theirs
    assert reverse("customer:logout") in theirs.content.decode()
    anonymous = Client().get(url)
    assert anonymous["X-Page-Cache"] == "hit"
    assert reverse("customer:logout") not in anonymous.content.decode()
    assert "lan.nguyen" not in anonymous.content.decode()


def test_a_visitor_with_a_basket_sees_their_own_basket(product):
    url = product.get_absolute_url()
    Client().get(url)
    shopper = Client()
    shopper.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 3})
    theirs = shopper.get(url)
    assert "X-Page-Cache" not in theirs
    assert vnd(3 * 250000) in theirs.content.decode()  # the header's basket total
    assert vnd(3 * 250000) not in Client().get(url).content.decode()


def test_a_visitor_who_chose_english_gets_the_english_page():
    Client().get("/catalogue/")
    english = Client()
    english.cookies["django_language"] = "en"
    response = english.get("/catalogue/")
    assert response["Content-Language"] == "en"
    assert '<html lang="en"' in response.content.decode()
    assert '<html lang="vi"' in Client().get("/catalogue/").content.decode()


def test_searches_and_long_addresses_are_not_kept():
    for url in ("/search/?q=tra", "/catalogue/?" + "x=1&" * 100):
        Client().get(url)
        assert "X-Page-Cache" not in Client().get(url)
    assert selectors.sellable_products().exists()


def test_another_shoppers_basket_does_not_renew_everyones_pages(product, django_capture_on_commit_callbacks):
    url = product.get_absolute_url()
    Client().get(url)
    with django_capture_on_commit_callbacks(execute=True):
        Client().post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 2})
    assert Client().get(url)["X-Page-Cache"] == "hit"


def test_a_signed_in_shopper_gets_the_shared_parts_from_the_cache_and_fresh(
    product, settings, django_capture_on_commit_callbacks
):
    """The product page's price, origin, description and details are the same for everyone: a
    signed-in shopper's page takes them from the cache, yet shows a new price at once."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = product.get_absolute_url()
    shopper = UserFactory(email="lan.nguyen@example.vn")
    signed_in = Client()
    signed_in.force_login(shopper)

    def queries() -> int:
        signed_in.get(url)
        with CaptureQueriesContext(connection) as captured:
            signed_in.get(url)
        return len(captured)

    settings.MARKETPLACE_PAGE_CACHE_SECONDS = 0  # nothing kept: every part rendered
    rendered = queries()
    settings.MARKETPLACE_PAGE_CACHE_SECONDS = 600
    first = signed_in.get(url).content.decode()
    assert vnd(250000) in first and reverse("customer:logout") in first
    assert queries() <= rendered - 4  # origin, codes, stories and details came from the cache
    again = signed_in.get(url).content.decode()
    assert vnd(250000) in again and TOKEN.search(again)
    assert TOKEN.search(again).group(1) != TOKEN.search(Client().get(url).content.decode()).group(1)
    record = product.stockrecords.get()
    with django_capture_on_commit_callbacks(execute=True):
        record.price = 199000
        record.save()
    html = signed_in.get(url).content.decode()
    assert vnd(199000) in html and vnd(250000) not in html
    other = Client()
    other.force_login(UserFactory(email="binh.tran@example.vn"))
    assert "lan.nguyen" not in other.get(url).content.decode()
