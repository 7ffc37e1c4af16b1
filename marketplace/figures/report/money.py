"""Orders and their money as they stood: goods value, commission, purchases, states, payment
methods, the top shops and products, months and wards."""

import datetime
from collections import defaultdict

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db.models import (
    CharField,
    Count,
    DateTimeField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, TruncDate, TruncMonth
from django.utils import timezone
from oscar.core.loading import get_model

from marketplace import wards
from marketplace.payments import gateways
from marketplace.purchases.models import LineRefund, Purchase, PurchaseOrder
from marketplace.purchases.status import OrderStatus
from marketplace.visits.models import DailyCount
from vendors.models import OcopRecognition, Seller

from .. import sales
from ..models import SalesDay
from .accounts import sellers_then
from .goods import (
    floor,
)
from .scope import (
    TOP,
    TREND_MONTHS,
    Scope,
    _live_events,
)

Line = get_model("order", "Line")
OrderStatusChange = get_model("order", "OrderStatusChange")


def _cancelled_by(scope: Scope):
    return OrderStatusChange.objects.filter(
        order=OuterRef("order_id"), new_status=OrderStatus.CANCELLED, date_created__lt=scope.end
    )


def _lines(scope: Scope, since: datetime.datetime | None) -> QuerySet:
    """Order lines of orders placed from `since` (the beginning, if None) to the day's end and not
    cancelled by then, narrowed to the shop's ward and the product's group."""
    lines = Line.objects.filter(order__date_placed__lt=scope.end).exclude(Exists(_cancelled_by(scope)))
    if since is not None:
        lines = lines.filter(order__date_placed__gte=since)
    if scope.ward:
        lines = lines.filter(partner__seller__ward_code=scope.ward)
    if scope.group:
        lines = lines.filter(_in_group(scope.group))
    return lines


def _in_group(group: str) -> Exists:
    """A line's product had a recognition of the group in force the day its order was placed (the
    group `sales` counts the order in)."""
    placed = ExpressionWrapper(OuterRef("order__date_placed"), output_field=DateTimeField())
    placed_on = TruncDate(placed, tzinfo=timezone.get_current_timezone())
    in_force = OcopRecognition.objects.filter(
        product=OuterRef("product_id"), group=group, decision_date__lte=placed_on, valid_until__gt=placed_on
    ).filter(Q(revoked_at__isnull=True) | Q(revoked_at__gt=placed_on))
    return Exists(in_force)


def _refunds(lines: QuerySet, scope: Scope) -> QuerySet:
    return LineRefund.objects.filter(line__in=lines.values("pk"), at__lt=scope.end)


def _goods_value_by(lines: QuerySet, scope: Scope, key, refund_key) -> dict:
    """The goods value of the lines by a key of theirs (`refund_key`: the same key as seen from a
    refund, through its line), refunds by the day's end taken off: {key: đồng}."""
    paid = lines.annotate(k=key).values("k").annotate(v=Sum("line_price_incl_tax")).order_by()
    found = {row["k"]: int(row["v"] or 0) for row in paid}
    refunds = _refunds(lines, scope).annotate(k=refund_key).values("k").annotate(v=Sum("amount")).order_by()
    for row in refunds:
        found[row["k"]] = found.get(row["k"], 0) - int(row["v"] or 0)
    return found


def sales_by(scope: Scope, since: datetime.date | None, key=None) -> dict:
    """Orders, purchases, goods value and commission of the orders placed from `since` (the
    beginning, if None) to the day, as they stood at its end, narrowed to the ward and group:
    {key: measures}, `key` a function of the row's (placed_on, ward) (None: one total, under None).

    The rolled-up days come from `SalesDay`; the days after them (today) from `sales.events`."""
    group = scope.group or sales.ALL_GROUPS
    found: dict = defaultdict(lambda: dict.fromkeys(sales.MEASURES, 0))
    through = sales.rolled_through()
    if through is not None:
        rows = SalesDay.objects.filter(
            group=group, placed_on__lte=scope.at, counted_on__lte=min(through, scope.at)
        )
        if since is not None:
            rows = rows.filter(placed_on__gte=since)
        if scope.ward:
            rows = rows.filter(ward_code=scope.ward)
        grouped = (
            rows.values("placed_on", "ward_code").annotate(**{m: Sum(m) for m in sales.MEASURES}).order_by()
        )
        for row in grouped:
            totals = found[key(row["placed_on"], row["ward_code"]) if key else None]
            for measure in sales.MEASURES:
                totals[measure] += row[measure] or 0
    first = through + datetime.timedelta(days=1) if through is not None else sales.first_day()
    if first is not None and first <= scope.at:
        memo = _live_events.get()
        live = memo.get((first, scope.at)) if memo is not None else None
        if live is None:
            live = sales.events(first, scope.at)
            if memo is not None:
                memo[(first, scope.at)] = live
        for (placed_on, _counted_on, ward, row_group), values in live.items():
            if row_group != group or placed_on > scope.at or (since is not None and placed_on < since):
                continue
            if scope.ward and ward != scope.ward:
                continue
            totals = found[key(placed_on, ward) if key else None]
            for measure in sales.MEASURES:
                totals[measure] += values[measure]
    return found


def money(scope: Scope) -> dict:
    """Orders, purchases, goods value and commission: in the day's month and since the beginning."""
    result = {}
    for name, since in (("month", scope.month_start), ("all", None)):
        totals = sales_by(scope, since)[None]
        purchases = totals["purchases"]
        if not scope.ward and not scope.group:
            # A purchase from shops of two wards is one purchase, not one in each ward's rows.
            placed = Purchase.objects.filter(created_at__lt=scope.end)
            if since is not None:
                placed = placed.filter(created_at__gte=sales.midnight(since))
            purchases = placed.count()
        result[name] = {
            "orders": totals["orders"],
            "purchases": purchases,
            "gmv": totals["goods"],
            "commission": totals["commission"],
        }
    return result


def orders_by_state(scope: Scope) -> dict:
    """The month's orders by the state they were in at the end of the day."""
    last_change = (
        OrderStatusChange.objects.filter(order=OuterRef("order_id"), date_created__lt=scope.end)
        .order_by("-date_created", "-pk")
        .values("new_status")[:1]
    )
    parts = PurchaseOrder.objects.filter(
        order__date_placed__gte=scope.month_begins, order__date_placed__lt=scope.end
    )
    if scope.ward:
        parts = parts.filter(seller__ward_code=scope.ward)
    if scope.group:
        parts = parts.filter(
            Exists(Line.objects.filter(order=OuterRef("order_id")).filter(_in_group(scope.group)))
        )
    rows = (
        parts.annotate(
            state=Coalesce(
                Subquery(last_change), Value(settings.OSCAR_INITIAL_ORDER_STATUS), output_field=CharField()
            )
        )
        .values("state")
        .annotate(n=Count("pk"))
        .order_by()
    )
    found = {status.value: 0 for status in OrderStatus}
    for row in rows:
        found[row["state"]] = found.get(row["state"], 0) + row["n"]
    return found


def payment_methods(scope: Scope) -> list[dict]:
    """How the month's purchases were paid: each method's purchases and share, most used first."""
    purchases = Purchase.objects.filter(created_at__gte=scope.month_begins, created_at__lt=scope.end)
    if scope.ward or scope.group:
        purchases = purchases.filter(parts__order__in=_lines(scope, scope.month_begins).values("order_id"))
    rows = list(
        purchases.values("payment_method")
        .annotate(n=Count("pk", distinct=True))
        .order_by("-n", "payment_method")
    )
    total = sum(row["n"] for row in rows) or 1
    shares = []
    for row in rows:
        gateway = gateways.get(row["payment_method"])
        shares.append(
            {
                "method": row["payment_method"],
                "label": str(gateway.label) if gateway else row["payment_method"],
                "purchases": row["n"],
                "share": round(100 * row["n"] / total, 1),
            }
        )
    return shares


def top_sellers(scope: Scope, limit: int = TOP) -> dict:
    """The month's shops and products with the most goods value (refunds taken off)."""
    lines = _lines(scope, scope.month_begins)
    by_shop = _goods_value_by(lines, scope, F("partner__seller__pk"), F("line__partner__seller__pk"))
    by_product = _goods_value_by(lines, scope, F("product_id"), F("line__product_id"))
    shops = sorted(((v, k) for k, v in by_shop.items() if k is not None), key=lambda t: (-t[0], t[1]))[:limit]
    products = sorted(((v, k) for k, v in by_product.items() if k is not None), key=lambda t: (-t[0], t[1]))
    products = products[:limit]
    names = dict(Seller.objects.filter(pk__in=[k for _v, k in shops]).values_list("pk", "shop_name"))
    orders = dict(
        lines.filter(partner__seller__pk__in=[k for _v, k in shops])
        .values("partner__seller__pk")
        .annotate(n=Count("order_id", distinct=True))
        .values_list("partner__seller__pk", "n")
    )
    units = dict(
        lines.filter(product_id__in=[k for _v, k in products])
        .values("product_id")
        .annotate(n=Sum("quantity"))
        .values_list("product_id", "n")
    )
    titles = dict(
        lines.filter(product_id__in=[k for _v, k in products]).values_list("product_id", "title").distinct()
    )
    return {
        "shops": [{"shop": names.get(k, "—"), "gmv": v, "orders": orders.get(k, 0)} for v, k in shops],
        "products": [
            {"product": titles.get(k, "—"), "gmv": v, "units": units.get(k, 0)} for v, k in products
        ],
    }


def trends(scope: Scope, months: int = TREND_MONTHS) -> list[dict]:
    """Visits, orders and goods value month by month, the day's month last (to the day)."""
    first = scope.month_start - relativedelta(months=months - 1)
    series = {first + relativedelta(months=n): {"visits": 0, "orders": 0, "gmv": 0} for n in range(months)}
    visit_rows = (
        DailyCount.objects.filter(
            kind=DailyCount.Kind.PAGE_VIEWS, subject="", day__gte=first, day__lte=scope.at
        )
        .annotate(month=TruncMonth("day"))
        .values("month")
        .annotate(n=Sum("count"))
        .order_by()
    )
    for row in visit_rows:
        series[row["month"]]["visits"] = row["n"]
    by_month = sales_by(scope, first, key=lambda placed_on, _ward: placed_on.replace(day=1))
    for month, totals in by_month.items():
        series[month].update(orders=totals["orders"], gmv=totals["goods"])
    return [{"month": month, **values} for month, values in sorted(series.items())]


def by_ward(scope: Scope) -> list[dict]:
    """Each ward's accounts, shops trading, products on sale and the month's goods value, the most
    active first (goods value, then products). Narrowed to the group, never to one ward."""
    whole = Scope(scope.at, None, scope.group)
    rows: dict[int, dict] = {}

    def row(code):
        return rows.setdefault(code, {"accounts": 0, "active": 0, "shops": 0, "products": 0, "gmv": 0})

    for r in sellers_then(whole).values("ward_code", "status_then").annotate(n=Count("pk")).order_by():
        row(r["ward_code"])["accounts"] += r["n"]
        if r["status_then"] == Seller.Status.ACTIVE:
            row(r["ward_code"])["active"] += r["n"]
    for code, listed in floor(whole)["wards"].items():
        row(code).update(listed)
    sold = sales_by(whole, scope.month_start, key=lambda _placed_on, ward: ward)
    for code, totals in sold.items():
        if code:
            row(code)["gmv"] = totals["goods"]
    table = [{"ward": code, "name": wards.ward_name(code), **values} for code, values in rows.items()]
    return sorted(table, key=lambda r: (-r["gmv"], -r["products"], -r["accounts"], r["name"]))
