"""Visits, product views and searches: counted in the cache as pages are served, written later.

What a visitor would notice: nothing (no database write, no query, on their page, served from the
page cache or not). What staff notice: the dashboard's figures after the rollup, each visit once,
crawlers and the back offices left out, and the same figures however often the rollup runs.
"""

import io
import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from oscar.core.loading import get_model

from marketplace.visits import counters, rollup, selectors
from marketplace.visits.models import DailyCount
from tests.factories import SellerFactory, StaffFactory, product_for_sale

pytestmark = pytest.mark.django_db
ProductRecord = get_model("analytics", "ProductRecord")
UserSearch = get_model("analytics", "UserSearch")
BROWSER = "Mozilla/5.0 (Linux; Android 14) Chrome/131.0 Mobile Safari/537.36"
WRITES = re.compile(r"^\s*(INSERT|UPDATE|DELETE)", re.I)


@pytest.fixture(autouse=True)
def _no_counts_yet():
    # These tests count from an empty table: the year of daily counts the demo seeds (the
    # article's visits, read by the province's figures) is set aside in each test's transaction.
    DailyCount.objects.all().delete()


@pytest.fixture
def product(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return product_for_sale(SellerFactory(), title="Trà hoa vàng Ba Chẽ", price=320000, stock=5)


def visitor(address: str = "203.0.113.7", agent: str = BROWSER) -> Client:
    return Client(REMOTE_ADDR=address, HTTP_USER_AGENT=agent)


def today_counts() -> dict[str, int]:
    today = timezone.localdate()
    return selectors.totals(today, today)


def test_product_views_are_written_by_the_rollup_not_by_the_page(product, settings):
    settings.MARKETPLACE_PAGE_CACHE_SECONDS = 600  # the second view is served from the page cache
    url = product.get_absolute_url()
    with CaptureQueriesContext(connection) as queries:
        assert visitor().get(url).status_code == 200
        assert visitor().get(url)["X-Page-Cache"] == "hit"
    assert [q["sql"] for q in queries if WRITES.match(q["sql"])] == []
    assert not DailyCount.objects.exists()
    assert not ProductRecord.objects.filter(product=product).exists()  # Oscar's counter stays unused

    assert rollup.rollup() == 4  # page views, visitors, this product's views, its shop's visitors
    assert today_counts() == {
        "page_views": 2,
        "visitors": 1,
        "product_views": 2,
        "searches": 0,
        "shop_visitors": 1,
        "basket_adds": 0,
    }
    today = timezone.localdate()
    assert selectors.top("product_views", today, today) == [(str(product.pk), 2)]


def test_each_visitor_is_counted_once_a_day_however_many_pages_they_see():
    for _page in ("/", "/catalogue/", "/shops/"):
        visitor("203.0.113.7").get(_page)
    visitor("198.51.100.20").get("/")
    visitor("203.0.113.7", agent="Mozilla/5.0 (iPhone) Safari/604.1").get("/")  # another phone, same Wi-Fi
    rollup.rollup()
    assert today_counts()["visitors"] == 3
    assert today_counts()["page_views"] == 5


def test_a_signed_in_shopper_is_one_visitor_from_any_address(client):
    from tests.factories import UserFactory

    shopper = UserFactory()
    for address in ("203.0.113.7", "198.51.100.20"):
        browser = visitor(address)
        browser.force_login(shopper)
        browser.get("/")
    rollup.rollup()
    assert today_counts()["visitors"] == 1


def test_searches_are_counted_by_their_words_on_the_first_page_only():
    visitor().get("/search/", {"q": "  Trà   HOA vàng "})
    visitor().get("/search/", {"q": "trà hoa vàng", "page": "2"})  # paging through the same search
    visitor().get("/search/", {"q": "trà hoa vàng"})
    visitor().get("/search/", {"q": "chả mực"})
    visitor().get("/search/", {"q": "   "})
    rollup.rollup()
    today = timezone.localdate()
    assert selectors.top("searches", today, today) == [("trà hoa vàng", 2), ("chả mực", 1)]
    assert UserSearch.objects.count() == 0


def test_crawlers_back_offices_and_missing_pages_are_not_counted(product):
    visitor(agent="Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)").get("/")
    visitor(agent="facebookexternalhit/1.1").get(product.get_absolute_url())
    staff = visitor()
    staff.force_login(StaffFactory())
    staff.get("/dashboard/")
    visitor().get("/catalogue/no-such-thing_999999/")
    product.is_public = False
    product.save()
    visitor().get(product.get_absolute_url())  # a hidden product answers 404: no view of it
    assert rollup.rollup() == 0
    assert set(today_counts().values()) == {0}


def test_running_the_rollup_again_adds_only_what_came_in_since(product):
    url = product.get_absolute_url()
    for _view in range(3):
        visitor().get(url)
    rollup.rollup()
    assert rollup.rollup() == 0  # nothing new: nothing added twice
    visitor().get(url)
    visitor().get(url)
    rollup.rollup()
    assert today_counts()["product_views"] == 5
    assert DailyCount.objects.filter(kind="product_views").count() == 1


def test_counts_stay_in_the_cache_when_the_database_write_fails(product, monkeypatch):
    visitor().get(product.get_absolute_url())

    def broken(items):
        raise RuntimeError("database gone")

    monkeypatch.setattr(rollup, "_add_to_rows", broken)
    with pytest.raises(RuntimeError):
        rollup.rollup()
    monkeypatch.undo()
    assert rollup.rollup() == 4
    assert today_counts()["product_views"] == 1


def test_a_rollup_already_running_is_not_doubled(product):
    visitor().get(product.get_absolute_url())
    counters.store().add(rollup.LOCK_KEY, 1)
    assert rollup.rollup() is None
    assert not DailyCount.objects.exists()
    counters.store().delete(rollup.LOCK_KEY)
    assert rollup.rollup() == 4


def test_yesterdays_counts_go_to_yesterdays_row():
    yesterday = timezone.localdate() - timedelta(days=1)
    counters.add("page_views", day=yesterday)
    counters.add("page_views")
    rollup.rollup()
    assert DailyCount.objects.get(day=yesterday, kind="page_views").count == 1
    assert DailyCount.objects.get(day=timezone.localdate(), kind="page_views").count == 1


def test_a_flood_of_different_searches_keeps_the_register_bounded(monkeypatch):
    monkeypatch.setattr(counters, "MAX_SUBJECTS_PER_DAY", 3)
    for number in range(6):
        counters.add("searches", f"tìm {number}")
    rollup.rollup()
    rows = dict(DailyCount.objects.filter(kind="searches").values_list("subject", "count"))
    assert len(rows) == 4  # the first three typed, and the undivided rest
    assert sum(rows.values()) == 6
    assert rows[""] == 3


def test_a_cache_that_cannot_be_reached_costs_the_count_not_the_page(monkeypatch):
    def unreachable(*args, **kwargs):
        raise ConnectionError("redis is down")

    monkeypatch.setattr(counters, "add", unreachable)
    response = visitor().get("/catalogue/")
    assert response.status_code == 200


def test_staff_see_the_figures_and_the_most_viewed_and_searched(product, client):
    for _view in range(2):
        visitor().get(product.get_absolute_url())
    visitor().get("/search/", {"q": "<script>alert(1)</script>"})
    out = io.StringIO()
    call_command("rollup_counts", stdout=out)
    # page views, a visitor, a product, its shop's visitor, a search
    assert out.getvalue() == "Rolled up 5 counters.\n"
    client.force_login(StaffFactory())
    html = client.get("/dashboard/").content.decode()
    assert "Lượt truy cập" in html
    most_viewed = html.split('id="most-viewed"')[1].split("</ol>")[0]
    assert product.title in most_viewed and "(2)" in most_viewed
    most_searched = html.split('id="most-searched"')[1].split("</ol>")[0]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in most_searched and "<script>" not in most_searched


def test_the_figures_use_vietnamese_thousands(client):
    DailyCount.objects.create(day=timezone.localdate(), kind="page_views", count=96000)
    client.force_login(StaffFactory())
    html = client.get("/dashboard/").content.decode()
    assert "96.000" in html


def test_a_shops_visitors_and_basket_additions_are_counted_for_that_shop(product, settings):
    settings.MARKETPLACE_PAGE_CACHE_SECONDS = 600  # the shop's page is counted from the cache too
    seller = product.stockrecords.get().partner.seller
    lan, hai = visitor("203.0.113.7"), visitor("203.0.113.8")
    for url in [product.get_absolute_url(), f"/shops/{seller.slug}/", product.get_absolute_url()]:
        assert lan.get(url).status_code == 200
    assert hai.get(f"/shops/{seller.slug}/").status_code == 200
    assert hai.post(f"/basket/add/{product.pk}/", {"quantity": 1}).status_code == 302
    rollup.rollup()
    counted = {(c.kind, c.subject): c.count for c in DailyCount.objects.all()}
    assert counted[(DailyCount.Kind.SHOP_VISITORS, str(seller.pk))] == 2  # each visitor once today
    assert counted[(DailyCount.Kind.BASKET_ADDS, str(product.pk))] == 1
    assert counted[(DailyCount.Kind.PRODUCT_VIEWS, str(product.pk))] == 2
