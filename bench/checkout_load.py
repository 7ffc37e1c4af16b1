"""Benchmark: purchase placement throughput and latency with N concurrent shoppers on PostgreSQL.

Each shopper's basket holds goods of two or three shops; every shopper places it at once through
the same service the checkout page calls (stock locked, one order per shop, ledger entries).

    createdb -h 127.0.0.1 -U postgres ocop_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ocop_bench \\
        .venv/bin/python bench/checkout_load.py --shoppers 400 --concurrency 32

The first run migrates and loads the demo into that database (about a minute).
"""

import argparse
import io
import os
import random
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings.dev")
# Measure placing purchases, not printing their e-mails on the console.
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.dummy.EmailBackend")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--shoppers", type=int, default=400)
    parser.add_argument("--concurrency", type=int, default=32)
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, connections
    from oscar.apps.partner.strategy import Default
    from oscar.core.loading import get_model

    from marketplace import wards
    from marketplace.purchases import checkout as services
    from vendors import selectors

    if connection.vendor != "postgresql":
        sys.exit("Point DATABASE_URL at PostgreSQL: this measures row-locked checkouts there.")
    call_command("migrate", verbosity=0)
    call_command("load_demo", "--if-empty", verbosity=0, stdout=io.StringIO())

    Basket = get_model("basket", "Basket")
    StockRecord = get_model("partner", "StockRecord")
    rng = random.Random(7)
    products = list(selectors.sellable_products().select_related("product_class").order_by("pk")[:200])
    StockRecord.objects.filter(product__in=products).update(num_in_stock=1_000_000)
    by_shop = {}
    for product in products:
        by_shop.setdefault(product.stockrecords.get().partner_id, []).append(product)
    shops = list(by_shop)
    baskets = []
    for _ in range(args.shoppers):
        basket = Basket.objects.create()
        basket.strategy = Default()
        for shop in rng.sample(shops, rng.choice([2, 3])):
            basket.add_product(rng.choice(by_shop[shop]), rng.randint(1, 3))
        baskets.append(basket.pk)
    ward = int(wards.wards()[0].code)

    def place(basket_pk):
        basket = Basket.objects.get(pk=basket_pk)
        basket.strategy = Default()
        groups = services.basket_groups(basket)
        choices = {g.seller.pk: g.chosen.pk for g in groups if g.chosen}
        started = time.perf_counter()
        try:
            services.purchase_place(
                basket=basket,
                user=None,
                email="bench@example.vn",
                address=services.Address("Bench", "0912345678", 22, ward, "Số 1"),
                shipping_choices=choices,
            )
            return time.perf_counter() - started, True
        finally:
            connections.close_all()

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=args.concurrency) as pool:
        results = list(pool.map(place, baskets))
    elapsed = time.perf_counter() - started
    times = sorted(t for t, ok in results if ok)
    print(f"{args.shoppers} purchases ({len(times)} placed) by {args.concurrency} concurrent shoppers")
    print(f"throughput: {len(times) / elapsed:.1f} purchases/s over {elapsed:.1f} s")
    print(
        f"latency: p50 {statistics.median(times) * 1000:.0f} ms, "
        f"p95 {times[int(len(times) * 0.95) - 1] * 1000:.0f} ms, max {times[-1] * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
