"""The province's figures, each computed by one function, as they stood at the end of a chosen day.

Every figure is read from dated records, so a month-end report gives the same numbers when it is
run again later: a seller's status from its history (`SellerTransition`), a code's from its
(`CodeStatusChange`), an order's from Oscar's status changes, a recognition and a certificate from
their dates, visits from the daily counts. What has no history is read as it is now: whether a
product is public (a product withdrawn since leaves the past figures too). `DEFINITIONS` says what
each figure counts; the staff dashboard, the exports, `marketplace_stats` and the public page all
call `report` (or the functions it calls), so they cannot disagree.

All figures are aggregates in the database, a fixed number of queries whatever the floor's size.
"""

import datetime

from django.db.models import Q, Sum

from marketplace.purchases.models import Purchase
from marketplace.visits.models import DailyCount
from vendors.models import Seller, SellerTransition

from .. import sales
from .accounts import seller_accounts, sellers_then
from .definitions import DEFINITIONS
from .goods import (
    active_partner_ids,
    codes_then,
    expiring_recognitions,
    floor,
    goods,
    products_on_sale,
    recognitions_in_force,
)
from .money import (
    by_ward,
    money,
    orders_by_state,
    payment_methods,
    sales_by,
    top_sellers,
    trends,
)
from .origin import codes, vietgap
from .scope import (
    REGISTER_EXPIRING_DAYS,
    STARS,
    TOP,
    TREND_MONTHS,
    Scope,
    _floor_memo,
    _live_events,
    today_scope,
)
from .visits import visits

__all__ = [
    "DEFINITIONS",
    "REGISTER_EXPIRING_DAYS",
    "STARS",
    "TOP",
    "TREND_MONTHS",
    "Scope",
    "active_partner_ids",
    "by_ward",
    "codes",
    "codes_then",
    "expiring_recognitions",
    "floor",
    "goods",
    "money",
    "open_figures",
    "orders_by_state",
    "payment_methods",
    "period",
    "products_on_sale",
    "recognitions_in_force",
    "report",
    "sales_by",
    "seller_accounts",
    "sellers_then",
    "summary",
    "today_scope",
    "top_sellers",
    "trends",
    "vietgap",
    "visits",
]


def report(scope: Scope) -> dict:
    """Every figure for the scope, as the dashboard, the exports and the command show them."""
    tokens = _live_events.set({}), _floor_memo.set({})
    try:
        return _report(scope)
    finally:
        _live_events.reset(tokens[0])
        _floor_memo.reset(tokens[1])


def _report(scope: Scope) -> dict:
    return {
        "scope": scope,
        "accounts": seller_accounts(scope),
        "goods": goods(scope),
        "expiring": expiring_recognitions(scope),
        "vietgap": vietgap(scope),
        "codes": codes(scope),
        "visits": visits(scope),
        "money": money(scope),
        "orders_by_state": orders_by_state(scope),
        "payment_methods": payment_methods(scope),
        "top": top_sellers(scope),
        "trends": trends(scope),
        "wards": by_ward(scope),
    }


def open_figures(scope: Scope) -> dict:
    """What the province publishes: counts only, no person's or shop's name."""
    return {
        "scope": scope,
        "accounts": seller_accounts(scope),
        "goods": goods(scope),
        "vietgap": vietgap(scope),
        "codes": codes(scope),
        "visits": visits(scope),
    }


def period(since: datetime.date, until: datetime.date, *, ward: int | None = None, group: str = "") -> dict:
    """What happened from one day to another, both included (a month, a quarter, a half-year), under
    the names `marketplace_stats --from --to --json` prints: accounts opened and activated, visits
    and daily visitors (the whole province's), orders, purchases, goods value and commission of the
    orders placed in the period as they stood at its end."""
    scope = Scope(until, ward, group)
    start = sales.midnight(since)
    applied = Seller.objects.filter(applied_at__gte=start, applied_at__lt=scope.end)
    activated = SellerTransition.objects.filter(
        to_status=Seller.Status.ACTIVE, from_status=Seller.Status.APPLIED, at__gte=start, at__lt=scope.end
    )
    if ward:
        applied, activated = applied.filter(ward_code=ward), activated.filter(seller__ward_code=ward)
    seen = DailyCount.objects.filter(day__gte=since, day__lte=until, subject="").aggregate(
        visits=Sum("count", filter=Q(kind=DailyCount.Kind.PAGE_VIEWS)),
        visitors=Sum("count", filter=Q(kind=DailyCount.Kind.VISITORS)),
    )
    totals = sales_by(scope, since)[None]
    purchases = totals["purchases"]
    if not ward and not group:
        # A purchase from shops of two wards is one purchase (as `money` counts it).
        purchases = Purchase.objects.filter(created_at__gte=start, created_at__lt=scope.end).count()
    return {
        "from": since.isoformat(),
        "to": until.isoformat(),
        "ward": ward,
        "group": group or None,
        "new_accounts": applied.count(),
        "activations": activated.count(),
        "visits": seen["visits"] or 0,
        "visitors": seen["visitors"] or 0,
        "orders": totals["orders"],
        "purchases": purchases,
        "gmv": totals["goods"],
        "commission": totals["commission"],
    }


def summary(scope: Scope) -> dict:
    """The figures as plain JSON-ready values, under the names `marketplace_stats --json` promises."""
    accounts = seller_accounts(scope)
    on_sale = goods(scope)
    registry = codes(scope)
    seen = visits(scope)
    sold = money(scope)
    certified = vietgap(scope)
    return {
        "at": scope.at.isoformat(),
        "ward": scope.ward,
        "group": scope.group or None,
        "seller_accounts": accounts["total"],
        "activated_accounts": accounts["by_status"][Seller.Status.ACTIVE],
        "accounts_by_status": accounts["by_status"],
        "accounts_by_kind": accounts["by_kind"],
        "active_shops": on_sale["shops_trading"],
        "products": on_sale["products"],
        "producers": on_sale["producers"],
        "products_by_stars": on_sale["by_stars"],
        "products_by_group": on_sale["by_group"],
        "vietgap_certificates": certified["certificates"],
        "vietgap_hectares": float(certified["hectares"]),
        "growing_area_codes": {
            "export": registry["growing"]["export"],
            "domestic": registry["growing"]["domestic"],
            "hectares": float(registry["growing"]["hectares"]),
        },
        "packing_codes": registry["packing"],
        "suspended_codes": registry["suspended"],
        "revoked_codes": registry["revoked"],
        "visits": seen["visits"],
        "visitors": seen["visitors"],
        "orders": sold["all"]["orders"],
        "purchases": sold["all"]["purchases"],
        "gmv": sold["all"]["gmv"],
        "commission": sold["all"]["commission"],
        "month": {
            "visits": seen["month_visits"],
            "orders": sold["month"]["orders"],
            "purchases": sold["month"]["purchases"],
            "gmv": sold["month"]["gmv"],
            "commission": sold["month"]["commission"],
        },
    }
