"""Benchmark: product search at 100,000 products across 1,000 shops on PostgreSQL.

Generates the catalogue once (real products, stock records, categories, OCOP recognitions and
shops, then the search index), then runs a realistic query mix from N threads and prints p50,
p95 and queries per second. Target: p95 under 100 ms.

    createdb -h 127.0.0.1 -U postgres ocop_search_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ocop_search_bench \\
        .venv/bin/python bench/search_load.py --products 100000 --shops 1000 --threads 4 --seconds 30
"""

import argparse
import datetime
import io
import os
import random
import statistics
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings.dev")
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.dummy.EmailBackend")
# As the site runs: DEBUG would keep every statement (a batch of documents is a long one) in memory.
os.environ.setdefault("DJANGO_DEBUG", "false")

# What shoppers type: without diacritics, partly, with a slip, with filters, or just browsing.
QUERIES = [
    {"q": "cha muc"},
    {"q": "cha muc ha long"},
    {"q": "Chả mực"},
    {"q": "tra hoa vang"},
    {"q": "tra hoa"},
    {"q": "mien dong"},
    {"q": "mien dong binh lieu"},
    {"q": "sa sung"},
    {"q": "sa sung van don"},
    {"q": "gom dong trieu"},
    {"q": "gom"},
    {"q": "ruou ba kich"},
    {"q": "nuoc mam"},
    {"q": "mat ong"},
    {"q": "cha mu"},
    {"q": "tra hoa vnag"},
    {"q": "mien dogn"},
    {"q": "nam linh chi"},
    {"q": "tra", "filters": {"stars": ["4"]}},
    {"q": "", "filters": {"group": ["food"]}},
    {"q": "", "filters": {"price": ["100000-300000"]}, "sort": "price"},
    {"q": "cha", "filters": {"in_stock": ["1"]}, "sort": "-price"},
    {"q": ""},
    {"q": "", "page": 5},
]


def label(spec: dict) -> str:
    """How a query of the mix is named in the figures: its words, filters, sort and page."""
    parts = [repr(spec.get("q", "")) if spec.get("q") else "(browse)"]
    parts += [f"{k}={','.join(v)}" for k, v in spec.get("filters", {}).items()]
    parts += [f"sort={spec['sort']}"] if "sort" in spec else []
    parts += [f"page={spec['page']}"] if "page" in spec else []
    return " ".join(parts)


def generate(n_products: int, n_shops: int) -> None:
    from django.contrib.auth import get_user_model
    from django.utils import timezone
    from oscar.core.loading import get_model

    from marketplace import wards
    from marketplace.demo import catalogue as goods
    from marketplace.text import slugify_vi
    from vendors.models import OcopRecognition, Producer, Seller

    Product = get_model("catalogue", "Product")
    ProductClass = get_model("catalogue", "ProductClass")
    ProductCategory = get_model("catalogue", "ProductCategory")
    Category = get_model("catalogue", "Category")
    Partner = get_model("partner", "Partner")
    StockRecord = get_model("partner", "StockRecord")
    User = get_user_model()

    rng = random.Random(11)
    ward_codes = [int(w.code) for w in wards.wards()]
    cls = ProductClass.objects.get(slug="hang-hoa")
    categories = {c.name: c for c in Category.objects.all()}
    # A second run (to grow the catalogue) adds shops of its own, numbered after the first run's.
    first = Partner.objects.filter(code__startswith="bench-").count()
    print(f"generating {n_shops} shops…", flush=True)
    users = User.objects.bulk_create(
        [
            User(username=f"bench{first + i}@ocop.local", email=f"bench{first + i}@ocop.local", password="!")
            for i in range(n_shops)
        ]
    )
    partners = Partner.objects.bulk_create(
        [Partner(code=f"bench-{first + i}", name=f"Bench {first + i}") for i in range(n_shops)]
    )
    producers = Producer.objects.bulk_create(
        [
            Producer(name=f"HTX Bench {first + i}", kind="cooperative", ward_code=rng.choice(ward_codes))
            for i in range(n_shops)
        ]
    )
    sellers = Seller.objects.bulk_create(
        [
            Seller(
                partner=partners[i],
                owner=users[i],
                producer=producers[i],
                kind="cooperative",
                legal_name=f"HTX Bench {first + i}",
                ward_code=producers[i].ward_code,
                shop_name=f"HTX Bench {first + i}",
                slug=f"bench-{first + i}",
                status=Seller.Status.ACTIVE,
                activated_at=timezone.now(),
            )
            for i in range(n_shops)
        ]
    )
    catalogue = [(group, entry) for group, entries in goods.GOODS.items() for entry in entries]
    today = timezone.localdate()
    batch = 5000
    for start in range(0, n_products, batch):
        rows = []
        for i in range(start, min(start + batch, n_products)):
            group, (base, category, (low, high), packs) = rng.choice(catalogue)
            title = f"{base} {rng.choice(goods.GRADES)} {rng.choice(packs)} #{i}".replace("  ", " ")
            rows.append(
                (
                    group,
                    category,
                    low,
                    high,
                    Product(
                        title=title,
                        slug=slugify_vi(title)[:128],
                        product_class=cls,
                        structure="standalone",
                        is_public=True,
                        producer=producers[i % n_shops],
                        description=f"{base} của vùng.",
                    ),
                )
            )
        products = Product.objects.bulk_create([r[4] for r in rows])
        StockRecord.objects.bulk_create(
            [
                StockRecord(
                    product=p,
                    partner=partners[p.pk % n_shops],
                    partner_sku=f"B{p.pk}",
                    price_currency="VND",
                    price=rng.randrange(low, high + 1, 1000),
                    num_in_stock=rng.choice([0, 5, 20, 100]),
                )
                for (_g, _c, low, high, _p), p in zip(rows, products, strict=True)
            ]
        )
        ProductCategory.objects.bulk_create(
            [
                ProductCategory(product=p, category=categories[c])
                for (_g, c, *_), p in zip(rows, products, strict=True)
            ]
        )
        stars = [rng.choices([3, 4, 5], weights=[74, 25, 1])[0] for _ in products]
        OcopRecognition.objects.bulk_create(
            [
                OcopRecognition(
                    product=p,
                    producer=producers[p.pk % n_shops],
                    stars=s,
                    score={3: 60, 4: 80, 5: 95}[s],
                    group=g,
                    decision_number=f"{p.pk}/QĐ-UBND",
                    decision_date=today - datetime.timedelta(days=100),
                    valid_until=today + datetime.timedelta(days=900),
                    issuing_level="province",
                )
                for (g, *_), p, s in zip(rows, products, stars, strict=True)
            ]
        )
        print(f"  {start + len(rows)}/{n_products} products", flush=True)
    del sellers


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--shops", type=int, default=1_000)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=30)
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, connections
    from django.utils.module_loading import import_string
    from oscar.core.loading import get_model

    from marketplace.productsearch.backends import database_backend_path
    from marketplace.productsearch.models import ProductDocument
    from marketplace.productsearch.query import SearchQuery

    if connection.vendor != "postgresql":
        sys.exit("Point DATABASE_URL at PostgreSQL: the target is for PostgreSQL.")
    call_command("migrate", verbosity=0)
    call_command("load_demo", "--if-empty", verbosity=0, stdout=io.StringIO())
    Product = get_model("catalogue", "Product")
    if Product.objects.count() < args.products:
        started = time.perf_counter()
        generate(args.products - Product.objects.count(), args.shops)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # fresh statistics, as autovacuum would give a live site
        print(f"generated in {time.perf_counter() - started:.0f} s", flush=True)
    if ProductDocument.objects.count() < args.products:
        started = time.perf_counter()
        call_command("search_index", "--rebuild", stdout=sys.stdout)
        print(f"indexed in {time.perf_counter() - started:.0f} s", flush=True)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE productsearch_productdocument")
    print(f"{ProductDocument.objects.count()} products in the index")

    backend = import_string(database_backend_path())()
    timings: list[tuple[str, float]] = []
    lock = threading.Lock()
    stop_at = time.perf_counter() + args.seconds

    def worker(seed):
        rng = random.Random(seed)
        mine = []
        while time.perf_counter() < stop_at:
            spec = rng.choice(QUERIES)
            query = SearchQuery(
                q=spec.get("q", ""),
                filters=spec.get("filters", {}),
                sort=spec.get("sort", "relevance"),
                page=spec.get("page", 1),
            )
            started = time.perf_counter()
            backend.search(query)
            mine.append((label(spec), time.perf_counter() - started))
        connections.close_all()
        with lock:
            timings.extend(mine)

    for _ in range(3):  # warm the caches the way a running site has them warm
        backend.search(SearchQuery(q="tra hoa vang"))
    threads = [threading.Thread(target=worker, args=(n,)) for n in range(args.threads)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    times = sorted(t for _q, t in timings)
    p95 = times[int(len(times) * 0.95) - 1]
    rate = len(times) / args.seconds
    print(f"{len(times)} searches by {args.threads} threads in {args.seconds:.0f} s: {rate:.1f} queries/s")
    p50, worst = statistics.median(times), times[-1]
    print(f"latency: p50 {p50 * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms, max {worst * 1000:.1f} ms")
    by_query: dict[str, list[float]] = {}
    for name, took in timings:
        by_query.setdefault(name, []).append(took)
    print("median by query, slowest first:")
    for name, took in sorted(by_query.items(), key=lambda kv: -statistics.median(kv[1])):
        print(f"  {statistics.median(took) * 1000:7.1f} ms  {name}")


if __name__ == "__main__":
    main()
