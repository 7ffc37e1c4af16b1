"""What is hidden stays hidden on every worker: the embedded default (`make run`: SQLite or the
database given, no Redis, two gunicorn workers) keeps its page cache in files every process shares,
so a change made anywhere — here by a management command, outside both workers — is what every
worker serves on its next request: a new price, a product taken off sale, a suspended shop."""

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from oscar.core.loading import get_model

from marketplace.amounts import thousands
from tests.e2e.conftest import ROOT, _copy_test_database, _free_port
from vendors import selectors

pytestmark = pytest.mark.django_db
StockRecord = get_model("partner", "StockRecord")
REQUESTS = 12  # enough for both workers to answer several times each


@pytest.fixture(scope="module")
def embedded_site(django_db_setup, django_db_blocker, tmp_path_factory):
    """The marketplace as `make run` serves it (dev settings, cache in files, pages kept ten
    minutes), on a copy of the demo database; and a way to run code in a separate process on it."""
    scratch = tmp_path_factory.mktemp("workers")
    with django_db_blocker.unblock():
        database_url, drop_copy = _copy_test_database(scratch, suffix="workers")
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"REDIS_URL", "ELASTICSEARCH_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="marketplace.settings.dev",
        DJANGO_DEBUG="false",
        DATABASE_URL=database_url,
        MARKETPLACE_CACHE_DIR=str(scratch / "cache"),
        MARKETPLACE_PAGE_CACHE_SECONDS="600",
        MARKETPLACE_VISITS_ROLLUP_IN_PROCESS_SECONDS="0",
        MEDIA_ROOT=str(ROOT / "var" / "test-media"),
        STATIC_ROOT=str(scratch / "static"),
    )
    # As `make run` does before serving: the production-like static storage needs its manifest.
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=300,
    )
    port = _free_port()
    server = subprocess.Popen(
        [
            *(sys.executable, "-m", "gunicorn", "marketplace.wsgi", "--bind", f"127.0.0.1:{port}"),
            *("--workers", "2", "--no-control-socket", "--timeout", "60"),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(base + "/catalogue/", timeout=5)
            break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                raise RuntimeError(
                    "gunicorn did not start: " + server.stderr.read().decode()[-3000:]
                ) from None
            time.sleep(0.3)

    def elsewhere(code: str) -> None:
        """Run Django code in a process of its own, as a management command or a task would."""
        subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", code], cwd=ROOT, env=env, check=True, timeout=120
        )

    yield base, elsewhere
    server.terminate()
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
    drop_copy()


def visits(url: str) -> list[tuple[int, str]]:
    """What REQUESTS anonymous visitors (no cookie: the cached page) get, one after another."""
    answers = []
    for _ in range(REQUESTS):
        try:
            with urllib.request.urlopen(url, timeout=20) as response:
                answers.append((response.status, response.read().decode()))
        except urllib.error.HTTPError as error:
            answers.append((error.code, ""))
    return answers


def test_a_change_made_outside_the_workers_is_served_by_every_worker_at_once(embedded_site):
    base, elsewhere = embedded_site
    products = list(selectors.sellable_products().filter(stockrecords__price__gt=0).order_by("pk")[:40])
    priced = products[0]
    record = priced.stockrecords.get()
    delisted = next(p for p in products if p.pk != priced.pk)
    shop = next(
        p.stockrecords.get().partner.seller
        for p in products
        if p.stockrecords.get().partner_id not in {record.partner_id, delisted.stockrecords.get().partner_id}
    )
    product_url, delisted_url = base + priced.get_absolute_url(), base + delisted.get_absolute_url()
    shop_url = base + shop.get_absolute_url()

    old_price, new_price = int(record.price), int(record.price) + 7_000
    for url in (product_url, delisted_url, shop_url):  # every worker has each page cached
        assert {status for status, _html in visits(url)} == {200}, url
    assert all(thousands(old_price) in html for _status, html in visits(product_url))

    elsewhere(
        "from oscar.core.loading import get_model;"
        f"get_model('partner', 'StockRecord').objects.filter(pk={record.pk}).update(price={new_price})"
    )
    answers = visits(product_url)
    assert all(status == 200 and thousands(new_price) in html for status, html in answers)
    assert not any(thousands(old_price) + "\xa0₫" in html for _status, html in answers)

    elsewhere(
        "from oscar.core.loading import get_model;"
        f"get_model('catalogue', 'Product').objects.filter(pk={delisted.pk}).update(is_public=False)"
    )
    assert {status for status, _html in visits(delisted_url)} == {404}

    elsewhere(
        f"from vendors.models import Seller; Seller.objects.filter(pk={shop.pk}).update(status='suspended')"
    )
    assert {status for status, _html in visits(shop_url)} == {404}
