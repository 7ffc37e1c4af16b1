"""A shop's own figures and what is waiting for it, as its home in the seller centre shows them.

`waiting` is what needs doing today, each item counted the way the list it links to filters;
`figures` is the shop's last 7, 30 or 90 days, day by day. Every figure is an aggregate in the
database (a fixed number of queries whatever the shop's size); views are read from the daily
counts (`marketplace.visits`), so the last few minutes arrive with the next roll-up.
"""

import datetime
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Count, F, Q, Sum, Value
from django.db.models.functions import Cast, Coalesce, NullIf, TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model
from wagtail.models import Page, WorkflowState

from marketplace.cms.models import ShopStoriesPage, StoryPage
from marketplace.purchases import ledger
from marketplace.purchases.models import LedgerEntry
from marketplace.purchases.status import WAITING, OrderStatus, overdue_since
from marketplace.visits.models import DailyCount
from vendors import selectors, stock
from vendors.models import Seller

Order = get_model("order", "Order")
Line = get_model("order", "Line")
StockRecord = get_model("partner", "StockRecord")

SUMMED = ("visitors", "product_views", "basket_adds", "orders", "goods", "revenue")
PERIODS = (7, 30, 90)
TOP = 5

DEFINITIONS = [
    (_("Visitors"), _("People who opened the shop's page or one of its products' pages, each once a day.")),
    (_("Product views"), _("Times the shop's product pages were opened.")),
    (_("Added to basket"), _("Times a shopper put one of the shop's products in a basket.")),
    (_("Orders"), _("The shop's orders placed in the period, those cancelled since left out.")),
    (_("Conversion rate"), _("Orders for every hundred visitors.")),
    (
        _("Revenue"),
        _(
            "What the shop's statement gained in the period: sales, discounts the marketplace funds "
            "and delivery income, less the marketplace's commission, cancellations and refunds "
            "(payouts are not revenue)."
        ),
    ),
    (
        _("Average order value"),
        _("The goods' value of the orders, after discounts, divided by their number."),
    ),
    (
        _("Repeat shoppers"),
        _("Shoppers of the period (by e-mail address) who have ordered from the shop at least twice."),
    ),
]


def shop_orders(seller: Seller):
    return Order.objects.filter(purchase_part__seller=seller)


def stories_waiting(seller: Seller) -> int:
    """The shop's stories submitted and not yet approved by the province's staff."""
    corner = ShopStoriesPage.objects.filter(shop=seller).first()
    if corner is None:
        return 0
    story_ids = StoryPage.objects.child_of(corner).annotate(key=Cast("pk", CharField())).values("key")
    return (
        WorkflowState.objects.active()
        .filter(base_content_type=ContentType.objects.get_for_model(Page), object_id__in=story_ids)
        .count()
    )


def waiting(seller: Seller) -> dict:
    """What needs doing today, each a count the linked list shows."""
    counts = shop_orders(seller).aggregate(
        to_confirm=Count("pk", filter=Q(status=OrderStatus.PENDING)),
        to_pack=Count("pk", filter=Q(status=OrderStatus.CONFIRMED)),
        to_hand_over=Count("pk", filter=Q(status=OrderStatus.PACKED)),
        overdue=Count("pk", filter=Q(status__in=WAITING, date_placed__lt=overdue_since())),
    )
    payouts = LedgerEntry.objects.filter(seller=seller, kind=LedgerEntry.Kind.PAYOUT)
    return {
        **counts,
        "out_of_stock": stock.out_of_stock(seller).count(),
        "low_stock": stock.low_stock(seller).count(),
        "recognitions": list(selectors.expiring_recognitions(seller)[:TOP]),
        "recognitions_count": selectors.expiring_recognitions(seller).count(),
        "certificates": list(selectors.expiring_certificates(seller)[:TOP]),
        "expiring_days": selectors.SHOP_EXPIRING_DAYS,
        "stories_waiting": stories_waiting(seller),
        "balance": ledger.balance(seller),
        "money": ledger.balance_by_state(seller),
        "last_payout": payouts.order_by("-created_at", "-pk").first(),
    }


@dataclass(frozen=True)
class Period:
    since: datetime.date
    until: datetime.date

    @classmethod
    def last(cls, days: int, today: datetime.date | None = None) -> "Period":
        until = today or timezone.localdate()
        return cls(until - datetime.timedelta(days=days - 1), until)

    @property
    def days(self) -> list[datetime.date]:
        return [self.since + datetime.timedelta(days=n) for n in range((self.until - self.since).days + 1)]

    def placed(self) -> Q:
        """Orders placed on the period's days, local time."""
        return Q(date_placed__date__gte=self.since, date_placed__date__lte=self.until)


def _product_subjects(seller: Seller):
    return (
        StockRecord.objects.filter(partner=seller.partner)
        .annotate(subject=Cast("product_id", CharField()))
        .values("subject")
    )


def _counts_by_day(kind: str, period: Period, subjects) -> dict:
    rows = (
        DailyCount.objects.filter(kind=kind, day__range=(period.since, period.until), subject__in=subjects)
        .values("day")
        .annotate(total=Sum("count"))
        .order_by()
    )
    return {row["day"]: row["total"] for row in rows}


def _kept_orders(seller: Seller):
    return shop_orders(seller).exclude(status=OrderStatus.CANCELLED)


def _shopper():
    """Who placed an order: a guest's e-mail address, or the account's."""
    return Coalesce(NullIf("guest_email", Value("")), "user__email")


def figures(seller: Seller, period: Period) -> dict:
    """The shop's figures over the period: totals, each day's, the top products."""
    visitors = _counts_by_day(DailyCount.Kind.SHOP_VISITORS, period, [str(seller.pk)])
    views = _counts_by_day(DailyCount.Kind.PRODUCT_VIEWS, period, _product_subjects(seller))
    adds = _counts_by_day(DailyCount.Kind.BASKET_ADDS, period, _product_subjects(seller))
    orders = _kept_orders(seller).filter(period.placed())
    by_day = {
        row["day"]: row
        for row in orders.annotate(day=TruncDate("date_placed"))
        .values("day")
        .annotate(orders=Count("pk"), goods=Sum(F("total_incl_tax") - F("shipping_incl_tax")))
        .order_by()
    }
    revenue = {
        row["day"]: row["total"]
        for row in LedgerEntry.objects.filter(
            seller=seller,
            created_at__date__gte=period.since,
            created_at__date__lte=period.until,
        )
        .exclude(kind=LedgerEntry.Kind.PAYOUT)
        .annotate(day=TruncDate("created_at"))
        .values("day")
        .annotate(total=Sum("amount"))
        .order_by()
    }
    days = []
    for day in period.days:
        row = by_day.get(day, {})
        days.append(
            {
                "day": day,
                "visitors": visitors.get(day, 0),
                "product_views": views.get(day, 0),
                "basket_adds": adds.get(day, 0),
                "orders": row.get("orders", 0),
                "goods": int(row.get("goods") or 0),
                "revenue": int(revenue.get(day, 0)),
            }
        )
    totals = {key: sum(day[key] for day in days) for key in SUMMED}
    return {
        "period": period,
        "days": days,
        **totals,
        "conversion": round(100 * totals["orders"] / totals["visitors"], 1) if totals["visitors"] else None,
        "average_order": round(totals["goods"] / totals["orders"]) if totals["orders"] else 0,
        "repeat_shoppers": repeat_shoppers(seller, period),
        "top_products": top_products(seller, period),
    }


def repeat_shoppers(seller: Seller, period: Period) -> int:
    kept = _kept_orders(seller).annotate(shopper=_shopper())
    of_period = kept.filter(period.placed()).values("shopper")
    return (
        kept.filter(date_placed__date__lte=period.until, shopper__in=of_period)
        .values("shopper")
        .annotate(n=Count("pk"))
        .filter(n__gte=2)
        .count()
    )


def top_products(seller: Seller, period: Period, limit: int = TOP) -> list[dict]:
    rows = (
        Line.objects.filter(order__in=_kept_orders(seller).filter(period.placed()))
        .values("product_id", "title")
        .annotate(units=Sum("quantity"), goods=Sum("line_price_incl_tax"))
        .order_by("-units", "-goods", "title")[:limit]
    )
    return [{**row, "goods": int(row["goods"] or 0)} for row in rows]


WEEK_SUMMED = ("visitors", "product_views", "basket_adds", "orders", "revenue")


def by_week(days: list[dict]) -> list[dict]:
    """The days of a period added up by week (Monday to Sunday, cut at the period's ends), newest
    first: a 90-day period reads as 13 rows, not 90."""
    weeks: dict[datetime.date, dict] = {}
    for day in days:
        monday = day["day"] - datetime.timedelta(days=day["day"].weekday())
        week = weeks.setdefault(
            monday, {"since": day["day"], "until": day["day"], **dict.fromkeys(WEEK_SUMMED, 0)}
        )
        week["since"], week["until"] = min(week["since"], day["day"]), max(week["until"], day["day"])
        for key in WEEK_SUMMED:
            week[key] += day[key]
    return [weeks[monday] for monday in sorted(weeks, reverse=True)]
