"""Benchmark: the province's figures (the staff dashboard's report) on a large floor, PostgreSQL.

Generates once, on top of the demo: 10,000 shops with their history of steps, 200,000 products
(shops, producers, stock, recognitions as `search_load.py` makes them), 1,000,000 purchases of one
order each over two years (one or two lines, 5 % cancelled, a sale and a commission entry on the
ledger each) and two years of daily visits; then times the whole report (`report.report`, what
`/dashboard/` renders) and `report.summary` (what `marketplace_stats --json` prints) as of today
(the first view after a write, which counts the goods on sale again, and the views after it, which
find them counted), as of the end of last month, and for one ward and one OCOP group, and prints p50
and p95 of each, with the slowest figures. The closed days' sales are rolled up first
(`rollup_sales`, timed), as beat keeps them on a live site. Target: p95 well under a second.

    createdb -h 127.0.0.1 -U postgres ocop_figures_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ocop_figures_bench \\
        .venv/bin/python bench/figures_load.py --shops 10000 --products 200000 --orders 1000000
"""

import argparse
import io
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings.dev")
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.dummy.EmailBackend")
os.environ.setdefault("DJANGO_DEBUG", "false")

BATCH = 100_000

# Orders and everything they leave, written by the database itself a batch at a time: each order
# of batch [%(lo)s, %(hi)s) is placed by a shopper with one line (a second one every third order)
# of a product picked by a stride through the catalogue, in the shop that sells it.
ORDERS_SQL = """
WITH picked AS (
    SELECT g,
           now() - make_interval(days => ((g * 7) %% 730)::int, mins => ((g * 13) %% 1440)::int) AS placed,
           c.product_id, c.partner_id, c.seller_id, c.price, c.title
    FROM generate_series(%(lo)s::bigint, %(hi)s::bigint - 1) AS g
    JOIN bench_catalogue AS c ON c.n = 1 + (g * 7919) %% %(products)s
), purchases AS (
    INSERT INTO purchases_purchase
        (number, email, phone, payment_method, status, goods_total, shipping_total, total, created_at)
    SELECT 'BP' || g, 'khach' || (g %% 50000) || '@example.vn', '0912345678',
           (ARRAY['cod', 'cod', 'vietqr', 'viettelpay', 'stripe'])[1 + g %% 5],
           'placed', price, 30000, price + 30000, placed
    FROM picked
    RETURNING id, number
), orders AS (
    INSERT INTO order_order
        (number, currency, total_incl_tax, total_excl_tax, shipping_incl_tax, shipping_excl_tax,
         shipping_method, shipping_code, status, guest_email, date_placed, analytics_tracked)
    SELECT 'BO' || g, 'VND', price + 30000, price + 30000, 30000, 30000, 'Giao hàng', 'flat',
           CASE WHEN g %% 20 = 0 THEN 'Cancelled' ELSE 'Delivered' END, 'khach@example.vn', placed, false
    FROM picked
    RETURNING id, number, date_placed
)
INSERT INTO bench_placed (g, order_id, purchase_id, placed)
SELECT p.g, o.id, pu.id, p.placed
FROM picked AS p
JOIN orders AS o ON o.number = 'BO' || p.g
JOIN purchases AS pu ON pu.number = 'BP' || p.g
"""

AFTER_ORDERS_SQL = [
    """INSERT INTO purchases_purchaseorder
           (order_id, purchase_id, seller_id, carrier, tracking_number)
       SELECT b.order_id, b.purchase_id, c.seller_id, '', ''
       FROM bench_placed AS b JOIN bench_catalogue AS c ON c.n = 1 + (b.g * 7919) %% %(products)s
       WHERE b.g >= %(lo)s::bigint AND b.g < %(hi)s::bigint""",
    """INSERT INTO order_line
           (partner_name, partner_sku, partner_line_reference, partner_line_notes, title, quantity,
            line_price_incl_tax, line_price_excl_tax, line_price_before_discounts_incl_tax,
            line_price_before_discounts_excl_tax, unit_price_incl_tax, unit_price_excl_tax, status,
            order_id, partner_id, product_id, allocation_cancelled, num_allocated)
       SELECT 'Bench', 'B' || c.product_id, '', '', c.title, q, c.price * q, c.price * q,
              c.price * q, c.price * q, c.price, c.price, 'Delivered', b.order_id, c.partner_id,
              c.product_id, false, q
       FROM bench_placed AS b
       CROSS JOIN LATERAL (SELECT 1 + b.g %% 2 AS q, s FROM generate_series(0, (b.g %% 3 = 0)::int) AS s) AS l
       JOIN bench_catalogue AS c ON c.n = 1 + (b.g * 7919 + l.s * 104729) %% %(products)s
       WHERE b.g >= %(lo)s::bigint AND b.g < %(hi)s::bigint""",
    """INSERT INTO order_orderstatuschange (order_id, old_status, new_status, date_created)
       SELECT b.order_id, 'Pending', CASE WHEN b.g %% 20 = 0 THEN 'Cancelled' ELSE 'Delivered' END,
              b.placed + interval '2 days'
       FROM bench_placed AS b WHERE b.g >= %(lo)s::bigint AND b.g < %(hi)s::bigint""",
    """INSERT INTO purchases_ledgerentry (seller_id, kind, amount, order_id, reference, note, created_at)
       SELECT c.seller_id, k.kind, CASE WHEN k.kind = 'sale' THEN c.price ELSE -round(c.price * 0.05) END,
              b.order_id, '', '', b.placed
       FROM bench_placed AS b
       JOIN bench_catalogue AS c ON c.n = 1 + (b.g * 7919) %% %(products)s
       CROSS JOIN (VALUES ('sale'), ('commission')) AS k(kind)
       WHERE b.g >= %(lo)s::bigint AND b.g < %(hi)s::bigint""",
]


def generate_orders(cursor, n_orders: int) -> None:
    cursor.execute("DROP TABLE IF EXISTS bench_catalogue")
    cursor.execute(
        """CREATE UNLOGGED TABLE bench_catalogue AS
           SELECT row_number() OVER (ORDER BY s.product_id) AS n, s.product_id, s.partner_id,
                  v.id AS seller_id, round(s.price)::bigint AS price, p.title
           FROM partner_stockrecord AS s
           JOIN vendors_seller AS v ON v.partner_id = s.partner_id AND v.slug LIKE 'bench-%%'
           JOIN catalogue_product AS p ON p.id = s.product_id
           WHERE s.price IS NOT NULL""",
        [],
    )
    cursor.execute("CREATE UNIQUE INDEX ON bench_catalogue (n)")
    cursor.execute("SELECT count(*) FROM bench_catalogue")
    products = cursor.fetchone()[0]
    cursor.execute(
        "CREATE UNLOGGED TABLE IF NOT EXISTS bench_placed"
        " (g bigint, order_id bigint, purchase_id bigint, placed timestamptz)"
    )
    cursor.execute("SELECT coalesce(max(g) + 1, 0) FROM bench_placed")
    done = cursor.fetchone()[0]
    for lo in range(done, n_orders, BATCH):
        hi = min(lo + BATCH, n_orders)
        started = time.perf_counter()
        params = {"lo": lo, "hi": hi, "products": products}
        cursor.execute(ORDERS_SQL, params)
        for sql in AFTER_ORDERS_SQL:
            cursor.execute(sql, params)
        print(f"  {hi}/{n_orders} orders ({time.perf_counter() - started:.0f} s)", flush=True)


def generate_history(cursor) -> None:
    """Each generated shop's steps (applied, then activated a week later), and two years of visits."""
    cursor.execute(
        """INSERT INTO vendors_sellertransition (seller_id, from_status, to_status, at, reason)
           SELECT v.id, s.from_status, s.to_status,
                  now() - make_interval(days => (740 - (v.id %% 700) - s.later)::int), ''
           FROM vendors_seller AS v
           CROSS JOIN (VALUES ('', 'applied', 0), ('applied', 'active', 7))
                AS s(from_status, to_status, later)
           WHERE v.slug LIKE 'bench-%%'
             AND NOT EXISTS (SELECT 1 FROM vendors_sellertransition AS t WHERE t.seller_id = v.id)""",
        [],  # with parameters (none), so %% reads as %
    )
    cursor.execute(
        """UPDATE catalogue_product SET date_created = now() - make_interval(days => (720 - (id %% 700))::int)
           WHERE id IN (SELECT product_id FROM partner_stockrecord
                 WHERE partner_id IN (SELECT partner_id FROM vendors_seller WHERE slug LIKE 'bench-%%'))""",
        [],  # with parameters (none), so %% reads as %
    )
    cursor.execute(
        """INSERT INTO visits_dailycount (day, kind, subject, count)
           SELECT current_date - d, k.kind, '', 2000 + (d * 37) %% 900
           FROM generate_series(1, 730) AS d CROSS JOIN (VALUES ('page_views'), ('visitors')) AS k(kind)
           ON CONFLICT DO NOTHING""",
        [],  # with parameters (none), so %% reads as %
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--shops", type=int, default=10_000)
    parser.add_argument("--products", type=int, default=200_000)
    parser.add_argument("--orders", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone
    from oscar.core.loading import get_model

    from marketplace.figures import report, sales
    from marketplace.pagecache import versions
    from vendors.models import OcopGroup, Seller

    if connection.vendor != "postgresql":
        sys.exit("Point DATABASE_URL at PostgreSQL: the target is for PostgreSQL.")
    call_command("migrate", verbosity=0)
    call_command("load_demo", "--if-empty", verbosity=0, stdout=io.StringIO())
    Product = get_model("catalogue", "Product")
    Order = get_model("order", "Order")
    if Product.objects.count() < args.products:
        from search_load import generate

        started = time.perf_counter()
        generate(args.products - Product.objects.count(), args.shops)
        print(f"products generated in {time.perf_counter() - started:.0f} s", flush=True)
    with connection.cursor() as cursor:
        if Order.objects.count() < args.orders:
            started = time.perf_counter()
            generate_history(cursor)
            generate_orders(cursor, args.orders)
            cursor.execute("ANALYZE")
            print(f"orders generated in {time.perf_counter() - started:.0f} s", flush=True)
    yesterday = timezone.localdate() - timezone.timedelta(days=1)
    if sales.rolled_through() != yesterday:
        started = time.perf_counter()
        days = sales.rollup(out=sys.stdout)
        print(f"{days} days of sales rolled up in {time.perf_counter() - started:.0f} s", flush=True)
    print(
        f"{Seller.objects.count()} seller accounts, {Product.objects.count()} products, "
        f"{Order.objects.count()} orders",
        flush=True,
    )

    today = timezone.localdate()
    month_end = today.replace(day=1) - timezone.timedelta(days=1)
    ward = Seller.objects.filter(slug__startswith="bench-").values_list("ward_code", flat=True).first()

    def after_a_write(scope):
        versions.renew()  # what any commit to the products, shops or codes does: counted again
        return report.report(scope)

    cases = {
        "report, today, after a write": (after_a_write, report.Scope(today)),
        "report, today": (report.report, report.Scope(today)),
        "report, end of last month": (report.report, report.Scope(month_end)),
        "report, one ward": (report.report, report.Scope(today, ward)),
        "report, one OCOP group": (report.report, report.Scope(today, None, OcopGroup.BEVERAGE)),
        "summary (marketplace_stats)": (report.summary, report.Scope(today)),
    }
    parts = [
        "seller_accounts", "floor", "expiring_recognitions", "vietgap", "codes", "visits", "money",
        "orders_by_state", "payment_methods", "top_sellers", "trends", "by_ward",
    ]  # fmt: skip
    print(f"{args.runs} runs each (after one to warm the caches):")
    for name, (compute, scope) in cases.items():
        compute(scope)
        took = []
        for _ in range(args.runs):
            started = time.perf_counter()
            compute(scope)
            took.append(time.perf_counter() - started)
        took.sort()
        p95 = took[max(0, int(len(took) * 0.95) - 1)]
        print(
            f"  {name:30} p50 {statistics.median(took) * 1000:7.0f} ms   p95 {p95 * 1000:7.0f} ms", flush=True
        )
    print("each figure of the report as of today, the floor counted each time (median of 3):")
    scope = report.Scope(today)
    settings.MARKETPLACE_PAGE_CACHE_SECONDS = 0
    timings = []
    for part in parts:
        function = getattr(report, part)
        took = []
        for _ in range(3):
            started = time.perf_counter()
            function(scope)
            took.append(time.perf_counter() - started)
        timings.append((statistics.median(took), part))
    for took, part in sorted(timings, reverse=True):
        print(f"  {took * 1000:7.0f} ms  {part}")


if __name__ == "__main__":
    main()
