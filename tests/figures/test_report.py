"""The province's figures as of two days, from a history built here on top of the demo.

The demo's own rows are there too, so each figure is checked as what this history adds to it: the
report before the history is built, the report after, the difference. Every figure of `summary`
and the month's parts of `report` are checked on both days.
"""

import datetime
import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from marketplace.demo.history import ARTICLE_END, ARTICLE_START
from marketplace.figures import report, sales
from marketplace.figures.models import SalesDay
from marketplace.purchases.ledger import commission_for
from marketplace.purchases.models import LedgerEntry, LineRefund, Purchase
from marketplace.purchases.shipping import shipping_defaults_create
from marketplace.purchases.status import OrderStatus
from marketplace.visits.models import DailyCount
from tests.factories import SellerFactory, a_ward_code, product_for_sale
from tests.shopping import add, checkout_data, option
from vendors import selectors
from vendors.models import BusinessKind, OcopGroup, Seller, SellerTransition
from vendors.provenance.models import CodeStatusChange, RegisteredCode, VietGapCertificate

pytestmark = pytest.mark.django_db
Order = get_model("order", "Order")
OrderStatusChange = get_model("order", "OrderStatusChange")
Product = get_model("catalogue", "Product")

# The second day is the end of last month, so the orders below fall in its month.
D2 = timezone.localdate().replace(day=1) - datetime.timedelta(days=1)
D1 = D2 - datetime.timedelta(days=60)


def at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def step(seller, before, to, day):
    SellerTransition.objects.create(seller=seller, from_status=before, to_status=to, at=at(day))


def listed(product, day):
    Product.objects.filter(pk=product.pk).update(date_created=at(day, 8))


def count_visits(day, pages, visitors):
    for kind, n in ((DailyCount.Kind.PAGE_VIEWS, pages), (DailyCount.Kind.VISITORS, visitors)):
        row, _ = DailyCount.objects.get_or_create(day=day, kind=kind, subject="")
        DailyCount.objects.filter(pk=row.pk).update(count=F("count") + n)


def order_of(client, product, quantity, placed_on):
    add(client, product, quantity)
    shop = product.stockrecords.get().partner.seller
    client.post(reverse("checkout:index"), checkout_data({shop: option(shop, "flat")}))
    order = Order.objects.filter(lines__product=product).latest("pk")
    Order.objects.filter(pk=order.pk).update(date_placed=at(placed_on, 12))
    Purchase.objects.filter(parts__order=order).update(created_at=at(placed_on, 12))
    LedgerEntry.objects.filter(order=order).update(created_at=at(placed_on, 12))
    return order


def build_history(client, ward):
    """Three sellers, three products, two codes, a certificate, visits and three orders."""
    household = SellerFactory(
        kind=BusinessKind.HOUSEHOLD, ward_code=ward, applied_at=at(D1 - datetime.timedelta(5))
    )
    step(household, "", Seller.Status.APPLIED, D1 - datetime.timedelta(5))
    step(household, Seller.Status.APPLIED, Seller.Status.ACTIVE, D1 - datetime.timedelta(2))
    step(household, Seller.Status.ACTIVE, Seller.Status.SUSPENDED, D1 + datetime.timedelta(10))
    Seller.objects.filter(pk=household.pk).update(status=Seller.Status.SUSPENDED)

    cooperative = SellerFactory(ward_code=ward, applied_at=at(D1 - datetime.timedelta(1)))
    step(cooperative, "", Seller.Status.APPLIED, D1 - datetime.timedelta(1))
    step(cooperative, Seller.Status.APPLIED, Seller.Status.ACTIVE, D1 + datetime.timedelta(3))
    shipping_defaults_create(cooperative)

    enterprise = SellerFactory(
        kind=BusinessKind.ENTERPRISE,
        ward_code=ward,
        status=Seller.Status.REJECTED,
        applied_at=at(D1 + datetime.timedelta(1)),
    )
    step(enterprise, "", Seller.Status.APPLIED, D1 + datetime.timedelta(1))
    step(enterprise, Seller.Status.APPLIED, Seller.Status.REJECTED, D1 + datetime.timedelta(4))

    # The household's 4★ product, listed before D1, its recognition ending within 90 days of D1.
    p1 = product_for_sale(
        household, title="Mắm tép thử", price=90_000, stars=4, on=D1 - datetime.timedelta(30)
    )
    listed(p1, D1 - datetime.timedelta(1))
    p1.ocop_recognitions.update(valid_until=D1 + datetime.timedelta(30))
    # The cooperative's 5★ product and an unrated one relying on an export code revoked before D2.
    p2 = product_for_sale(cooperative, title="Chè thử", price=300_000, stars=5, on=D1 + datetime.timedelta(6))
    listed(p2, D1 + datetime.timedelta(5))
    p3 = product_for_sale(cooperative, title="Na thử", price=50_000, stars=None)
    listed(p3, D1 + datetime.timedelta(5))

    export = RegisteredCode.objects.create(
        code="VN-QN-TEST-001", kind=RegisteredCode.Kind.GROWING_EXPORT, crop="Na", area_ha=Decimal("12.25"),
        ward_code=ward, issued_on=D1 - datetime.timedelta(20), status=RegisteredCode.Status.REVOKED,
    )  # fmt: skip
    export.products.add(p3)
    CodeStatusChange.objects.create(code=export, new_status="active", at=at(D1 - datetime.timedelta(20)))
    CodeStatusChange.objects.create(
        code=export, old_status="active", new_status="revoked", at=at(D1 + datetime.timedelta(15))
    )
    packing = RegisteredCode.objects.create(
        code="VN-QN-TEST-P01", kind=RegisteredCode.Kind.PACKING, crop="Chè", ward_code=ward,
        issued_on=D1 + datetime.timedelta(2),
    )  # fmt: skip
    CodeStatusChange.objects.create(code=packing, new_status="active", at=at(D1 + datetime.timedelta(2)))
    VietGapCertificate.objects.create(
        number="VietGAP-TT-99-01-22-0001", producer=household.producer, certifying_body="Trung tâm thử",
        scope="Tép", area_ha=Decimal("5.50"), issued_on=D1 - datetime.timedelta(10),
        expires_on=D1 + datetime.timedelta(20),
    )  # fmt: skip

    count_visits(D1 - datetime.timedelta(1), 100, 30)
    count_visits(D2 - datetime.timedelta(1), 50, 20)

    # Two orders in D2's month (one cancelled the next day), a refund, and one placed after D2.
    kept = order_of(client, p2, 2, D2 - datetime.timedelta(5))
    cancelled = order_of(client, p2, 1, D2 - datetime.timedelta(4))
    change = OrderStatusChange.objects.create(order=cancelled, old_status="Pending", new_status="Cancelled")
    OrderStatusChange.objects.filter(pk=change.pk).update(date_created=at(D2 - datetime.timedelta(3)))
    Order.objects.filter(pk=cancelled.pk).update(status=OrderStatus.CANCELLED)
    LineRefund.objects.create(
        line=kept.lines.get(), quantity=1, amount=100_000, reason="Hỏng", at=at(D2 - datetime.timedelta(2))
    )
    # What `ledger.refund_record` writes: the commission on the refunded unit given back.
    LedgerEntry.objects.create(
        seller=cooperative,
        kind=LedgerEntry.Kind.COMMISSION,
        amount=commission_for(cooperative, 100_000),
        order=kept,
        created_at=at(D2 - datetime.timedelta(2)),
    )
    order_of(client, p2, 1, D2 + datetime.timedelta(1))
    return {"cooperative": cooperative, "p2": p2}


def difference(after: dict, before: dict) -> dict:
    found = {}
    for key, value in after.items():
        if isinstance(value, dict):
            found[key] = difference(value, before[key])
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            found[key] = round(value - before[key], 2)
    return found


def nested(figures: dict, *keys):
    for key in keys:
        figures = figures[key]
    return figures


@pytest.fixture
def history(client):
    ward = a_ward_code()
    scopes = {day: report.Scope(day) for day in (D1, D2)}
    in_ward = {day: report.Scope(day, ward) for day in (D1, D2)}
    before = {day: report.summary(scope) for day, scope in scopes.items()}
    before_ward = {day: report.summary(scope) for day, scope in in_ward.items()}
    before_report = {day: report.report(scope) for day, scope in scopes.items()}
    made = build_history(client, ward)
    return {
        "ward": ward,
        "made": made,
        "changed": {day: difference(report.summary(scopes[day]), before[day]) for day in scopes},
        "changed_in_ward": {
            day: difference(report.summary(in_ward[day]), before_ward[day]) for day in in_ward
        },
        "before_report": before_report,
        "report": {day: report.report(scope) for day, scope in scopes.items()},
    }


EXPECTED = {
    D1: {
        # The household (activated) and the cooperative (still applying); the enterprise came later.
        "seller_accounts": 2,
        "activated_accounts": 1,
        "accounts_by_status": {"applied": 1, "active": 1, "suspended": 0, "rejected": 0},
        "accounts_by_kind": {"cooperative": 1, "enterprise": 0, "household": 1},
        "active_shops": 1,
        "products": 1,
        "producers": 1,
        "products_by_stars": {"3": 0, "4": 1, "5": 0},
        "products_by_group": {"food": 1},
        "vietgap_certificates": 1,
        "vietgap_hectares": 5.5,
        "growing_area_codes": {"export": 1, "domestic": 0, "hectares": 12.25},
        "packing_codes": 0,
        "suspended_codes": 0,
        "revoked_codes": 0,
        "visits": 100,
        "visitors": 30,
        "orders": 0,
        "purchases": 0,
        "gmv": 0,
        "commission": 0,
    },
    D2: {
        # The household suspended, the cooperative trading, the enterprise rejected.
        "seller_accounts": 3,
        "activated_accounts": 1,
        "accounts_by_status": {"applied": 0, "active": 1, "suspended": 1, "rejected": 1},
        "accounts_by_kind": {"cooperative": 1, "enterprise": 1, "household": 1},
        "active_shops": 1,
        # The 5★ tea; the custard apple relies on the revoked code and is off the floor.
        "products": 1,
        "producers": 1,
        "products_by_stars": {"3": 0, "4": 0, "5": 1},
        "products_by_group": {"food": 1},
        "vietgap_certificates": 0,
        "vietgap_hectares": 0,
        "growing_area_codes": {"export": 0, "domestic": 0, "hectares": 0},
        "packing_codes": 1,
        "suspended_codes": 0,
        "revoked_codes": 1,
        "visits": 150,
        "visitors": 50,
        # The kept order (2 × 300,000 ₫, 100,000 ₫ refunded); the cancelled one and the later one not.
        "orders": 1,
        # Purchases placed, whatever became of them: the kept one and the cancelled one.
        "purchases": 2,
        "gmv": 500_000,
    },
}


def flat(expected: dict, prefix=()):
    for key, value in expected.items():
        if isinstance(value, dict):
            yield from flat(value, (*prefix, key))
        else:
            yield (*prefix, key), value


@pytest.mark.parametrize("day", [D1, D2], ids=["D1", "D2"])
def test_every_figure_as_of_each_day(history, day):
    changed = history["changed"][day]
    for keys, value in flat(EXPECTED[day]):
        assert nested(changed, *keys) == value, keys
    # Narrowed to the sellers' ward, the history adds the same (the demo's rows there are in both).
    for keys, value in flat(EXPECTED[day]):
        if keys[0] not in ("visits", "visitors"):  # visits belong to no ward
            assert nested(history["changed_in_ward"][day], *keys) == value, keys


def test_commission_is_the_shops_rate_on_what_was_kept_less_what_the_refund_gave_back(history):
    seller = history["made"]["cooperative"]
    expected = commission_for(seller, 600_000) - commission_for(seller, 100_000)
    assert expected > 0
    assert history["changed"][D2]["commission"] == expected
    assert history["changed"][D2]["month"]["commission"] == expected
    assert history["changed"][D1]["commission"] == 0


def test_the_month_of_the_second_day(history):
    after, before = history["report"][D2], history["before_report"][D2]
    states = {s: after["orders_by_state"][s] - before["orders_by_state"][s] for s in after["orders_by_state"]}
    assert states[OrderStatus.PENDING] == 1 and states[OrderStatus.CANCELLED] == 1
    assert sum(states.values()) == 2
    assert after["money"]["month"]["gmv"] - before["money"]["month"]["gmv"] == 500_000
    month = {t["month"]: t for t in after["trends"]}[D2.replace(day=1)]
    month_before = {t["month"]: t for t in before["trends"]}[D2.replace(day=1)]
    assert month["gmv"] - month_before["gmv"] == 500_000 and month["orders"] - month_before["orders"] == 1
    assert after["top"]["shops"][0]["shop"] == history["made"]["cooperative"].shop_name
    assert after["top"]["products"][0] == {"product": "Chè thử", "gmv": 500_000, "units": 2}
    cod = {p["method"]: p for p in after["payment_methods"]}["cod"]
    assert (
        cod["purchases"]
        - {p["method"]: p for p in before["payment_methods"]}.get("cod", {"purchases": 0})["purchases"]
        == 2
    )
    ward = {w["ward"]: w for w in after["wards"]}[history["ward"]]
    ward_before = {w["ward"]: w for w in before["wards"]}.get(history["ward"], {"gmv": 0, "accounts": 0})
    assert ward["gmv"] - ward_before["gmv"] == 500_000 and ward["accounts"] - ward_before["accounts"] == 3


def test_the_month_narrowed_to_the_orders_group(history):
    food = report.report(report.Scope(D2, None, OcopGroup.FOOD))
    beverage = report.report(report.Scope(D2, None, OcopGroup.BEVERAGE))
    # The tea was recognised in the food group when it was ordered: its shop leads the food month.
    assert food["top"]["shops"][0]["shop"] == history["made"]["cooperative"].shop_name
    assert all(r["shop"] != history["made"]["cooperative"].shop_name for r in beverage["top"]["shops"])
    # The cancelled tea order is a food order of that month, not a beverage one.
    assert food["orders_by_state"][OrderStatus.CANCELLED] >= 1
    assert beverage["orders_by_state"][OrderStatus.CANCELLED] < food["orders_by_state"][OrderStatus.CANCELLED]


def test_recognitions_expiring_within_90_days(history):
    def added(day):
        return (
            history["report"][day]["expiring"]["count"] - history["before_report"][day]["expiring"]["count"]
        )

    # The 4★ recognition ends 30 days after D1: expiring then, lapsed (so not counted) by D2.
    assert added(D1) == 1
    assert added(D2) == 0


@pytest.mark.parametrize("day", [ARTICLE_END, "today"])
def test_the_demo_gives_the_articles_figures_at_the_end_of_its_half_year_and_today(day):
    # The demo dates its history inside the article's half-year and keeps it in force since.
    day = timezone.localdate() if day == "today" else day
    figures = report.summary(report.Scope(day))
    assert figures["seller_accounts"] == 332
    assert figures["activated_accounts"] == 169
    assert figures["active_shops"] == 129
    assert figures["products"] == 432
    assert figures["producers"] == 235
    assert figures["products_by_stars"] == {"3": 320, "4": 107, "5": 5}
    assert figures["vietgap_hectares"] == pytest.approx(322.35)
    assert figures["growing_area_codes"] == {"export": 34, "domestic": 20, "hectares": pytest.approx(1049.32)}
    assert figures["packing_codes"] == 7
    assert figures["revoked_codes"] == 12
    # "hơn 96.000 lượt truy cập trong 6 tháng đầu năm": by its end, and more since.
    assert figures["visits"] == 96_000 if day == ARTICLE_END else figures["visits"] > 96_000


def test_the_half_years_visits_are_the_articles():
    assert report.period(ARTICLE_START, ARTICLE_END)["visits"] == 96_000
    out = io.StringIO()
    call_command("marketplace_stats", "--from", "2025-01-01", "--to", "2025-06-30", "--json", stdout=out)
    assert json.loads(out.getvalue())["period"]["visits"] == 96_000


def test_today_the_figures_follow_the_storefronts_rule():
    today = report.products_on_sale(report.today_scope())
    assert set(today.values_list("pk", flat=True)) == set(
        selectors.sellable_products().filter(experience__isnull=True).values_list("pk", flat=True)
    )
    assert report.goods(report.today_scope())["shops_trading"] == selectors.funnel_counts()["open"]


def test_a_group_narrows_the_goods_to_that_groups_recognitions():
    scope = report.Scope(timezone.localdate(), None, OcopGroup.BEVERAGE)
    goods = report.goods(scope)
    everything = report.goods(report.today_scope())
    assert goods["products"] == everything["by_group"]["beverage"] > 0
    assert {g: n for g, n in goods["by_group"].items() if n} == {"beverage": goods["products"]}


def test_the_reports_queries_do_not_grow_with_the_floor(client):
    made = build_history(client, a_ward_code())
    scope = report.Scope(D2)
    with CaptureQueriesContext(connection) as before:
        report.report(scope)
    # More shops, products and orders in the month: the same queries.
    for n in range(3):
        shop = SellerFactory(applied_at=at(D1))
        shipping_defaults_create(shop)
        product = product_for_sale(shop, title=f"Thêm {n}", price=10_000, on=D1)
        listed(product, D1)
        order_of(client, product, 1, D2 - datetime.timedelta(days=6))
    order_of(client, made["p2"], 1, D2 - datetime.timedelta(days=7))
    with CaptureQueriesContext(connection) as after:
        figures = report.report(scope)
    assert len(figures["top"]["shops"]) >= 4
    assert len(after) == len(before) <= 45


def test_rolled_up_days_give_the_same_figures_as_the_records(history):
    ward = history["ward"]
    scopes = [
        report.Scope(day, w, g)
        for day in (D1, D2, timezone.localdate())
        for w in (None, ward)
        for g in ("", "food")
    ]

    def read():
        return [(report.money(s), report.trends(s), report.by_ward(s)) for s in scopes]

    live = read()
    assert sales.rolled_through() is None
    days = sales.rollup()
    assert days > 0 and sales.rolled_through() == timezone.localdate() - datetime.timedelta(days=1)
    assert SalesDay.objects.exists()
    assert read() == live
    # Again: nothing to do. From scratch: the same rows.
    rows = sorted(SalesDay.objects.values_list("placed_on", "counted_on", "ward_code", "group", "orders",
                                               "purchases", "goods", "commission"))  # fmt: skip
    assert sales.rollup() == 0
    sales.rollup(rebuild=True)
    assert sorted(SalesDay.objects.values_list("placed_on", "counted_on", "ward_code", "group", "orders",
                                               "purchases", "goods", "commission")) == rows  # fmt: skip
    assert read() == live


def test_todays_orders_count_before_any_rollup_runs(client):
    sales.rollup()
    shop = SellerFactory()
    shipping_defaults_create(shop)
    product = product_for_sale(shop, title="Hôm nay", price=70_000)
    before = report.money(report.today_scope())
    add(client, product, 1)
    client.post(reverse("checkout:index"), checkout_data({shop: option(shop, "flat")}))
    after = report.money(report.today_scope())
    assert after["month"]["orders"] - before["month"]["orders"] == 1
    assert after["all"]["gmv"] - before["all"]["gmv"] == 70_000


def test_the_floors_counts_are_kept_until_a_write_changes_them(
    settings, django_capture_on_commit_callbacks, django_assert_num_queries
):
    settings.MARKETPLACE_PAGE_CACHE_SECONDS = 600
    scope = report.today_scope()
    counted = report.goods(scope)["products"]
    with django_assert_num_queries(0):  # the same counts, kept
        assert report.goods(scope)["products"] == counted
    product = selectors.sellable_products().filter(experience__isnull=True).first()
    with django_capture_on_commit_callbacks(execute=True):
        Product.objects.filter(pk=product.pk).update(is_public=False)
    assert report.goods(scope)["products"] == counted - 1
