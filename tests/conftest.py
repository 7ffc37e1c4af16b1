"""Test fixtures shared by the whole suite.

The demo marketplace (the article's 332 sellers and 432 products) is loaded once per test
database. It makes the site itself (the CMS home page and its sections, the country addresses are
in) and the floor that the hot-page tests measure, as a shopper meets it; the demo's own tests and
the browser journeys read it too. Every other test builds the accounts, shops, products and pages
it reads with tests/factories.py, and passes whatever else the database holds.

Tests run in a random order (pytest-randomly prints the seed; `--randomly-seed=N` repeats a run,
`-p no:randomly` keeps the file order). pytest-django then
moves the transactional tests (the PostgreSQL concurrency tests) after all the others: each of
those empties every table when it ends, so each is marked `serialized_rollback=True` and starts
from what migrations made (Wagtail's locale, root page and site, content types, ...), and builds
the rest itself.
"""

import io

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_model

from tests.factories import open_shop, product_for_sale, seller_shop
from tests.shopping import add, checkout_data, option


def pytest_terminal_summary(terminalreporter, config):
    # `pytest -q` drops the header where pytest-randomly prints the seed: say it at the end, for
    # a failure to be run again in the same order.
    seed = config.getoption("randomly_seed", default=None)
    if seed is not None and terminalreporter.verbosity < 0:
        terminalreporter.write_line(f"Using --randomly-seed={seed}")


@pytest.fixture(scope="session")
def django_db_keepdb(request, django_db_keepdb):
    """Keep the test database between runs, unless a transactional test will empty it at its end.

    Transactional tests (the PostgreSQL concurrency tests) flush every table when they finish,
    migrations' data included; a database kept after that would be missing it next time.
    """
    flushing = connection.vendor == "postgresql" and any(
        (marker := item.get_closest_marker("django_db")) and marker.kwargs.get("transaction")
        for item in request.session.items
    )
    return django_db_keepdb and not flushing


def _on_test_database() -> bool:
    name = str(connection.settings_dict["NAME"])
    test_name = (connection.settings_dict.get("TEST") or {}).get("NAME")
    return name == str(test_name) if test_name else name.startswith("test_")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    # pytest-django sets up no database when no selected test asks for one: then there is
    # nothing to load, and the connection still points at the real database, never to be touched.
    if not _on_test_database():
        return
    with django_db_blocker.unblock():
        call_command("load_demo", stdout=io.StringIO())
        call_command("search_index", "--rebuild", stdout=io.StringIO())
        call_command("picture_sizes", stdout=io.StringIO())  # a kept database from before the sizes


@pytest.fixture(autouse=True)
def _each_test_starts_in_the_marketplace_language():
    # A request through the locale middleware leaves its language active in this thread; a test
    # that then builds a form or a message outside a request would read it. In any order, each
    # test starts in the marketplace's language, as a fresh worker would.
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _caches_start_empty():
    # Each test's writes go with its transaction, but what it cached would outlive them: the
    # catalogue's counts (under the index version the test moved on), the CMS menu, the POST
    # throttles' counters. The caches in this process's memory are emptied before every test
    # (sign-in lockouts, django-axes, live in the database); a shared Redis is never flushed.
    for cache in caches.all():
        if isinstance(cache, LocMemCache):
            cache.clear()


@pytest.fixture
def client():
    # A browser that prefers English: the marketplace must still answer in Vietnamese.
    return Client(HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")


@pytest.fixture
def warm(client):
    """Request a page once so one-time work (thumbnails) is done before queries are counted."""

    def _warm(url):
        response = client.get(url)
        assert response.status_code == 200, url
        return response

    return _warm


@pytest.fixture
def two_shops():
    """Two open shops, A with two products and B with one, each with 10 in stock."""
    a, b = open_shop(), open_shop()
    return {
        "a": a,
        "b": b,
        "a1": product_for_sale(a, title="Chả mực A", price=350_000, stock=10),
        "a2": product_for_sale(a, title="Ruốc hàu A", price=120_000, stock=10),
        "b1": product_for_sale(b, title="Trà hoa vàng B", price=650_000, stock=10),
    }


@pytest.fixture
def placed(client):
    """Shops A and B, each with a seller who can sign in, and a guest's purchase of 3 + 1 units."""
    Order = get_model("order", "Order")
    shops = []
    for n in range(2):
        user = get_user_model().objects.create_user(f"ban{n}@example.vn", f"ban{n}@example.vn", "pw-123456")
        shops.append(seller_shop(owner=user))
    a, b = shops
    pa = product_for_sale(a, title="Chả mực A", price=200_000, stock=10)
    pb = product_for_sale(b, title="Trà B", price=100_000, stock=10)
    add(client, pa, 3)
    add(client, pb, 1)
    client.post(reverse("checkout:index"), checkout_data({a: option(a, "flat"), b: option(b, "flat")}))
    order_a = Order.objects.get(lines__product=pa)
    order_b = Order.objects.get(lines__product=pb)
    client.logout()
    return {"a": a, "b": b, "pa": pa, "pb": pb, "order_a": order_a, "order_b": order_b}
