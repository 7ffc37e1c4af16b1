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
from collections import defaultdict
from contextvars import ContextVar
from dataclasses import dataclass
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import (
    Case,
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
    When,
)
from django.db.models.functions import Coalesce, TruncDate, TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from marketplace import wards
from marketplace.cms.models import ExperiencePage
from marketplace.pagecache import versions
from marketplace.payments import gateways
from marketplace.purchases.models import LineRefund, Purchase, PurchaseOrder
from marketplace.purchases.status import OrderStatus
from marketplace.visits.models import DailyCount
from vendors.models import BusinessKind, OcopGroup, OcopRecognition, Seller, SellerTransition
from vendors.provenance.models import CodeStatusChange, RegisteredCode, VietGapCertificate

from . import sales
from .models import SalesDay

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")
Line = get_model("order", "Line")
OrderStatusChange = get_model("order", "OrderStatusChange")

REGISTER_EXPIRING_DAYS = 90
TOP = 10
TREND_MONTHS = 12
STARS = (3, 4, 5)

DEFINITIONS = [
    (
        _("Seller account"),
        _(
            "An application to sell (a cooperative, an enterprise or a household) made by the day, "
            "whatever became of it; its status is the one it had at the end of the day."
        ),
    ),
    (_("Activated account"), _("A seller account whose status was “activated” at the end of the day.")),
    (
        _("Shop trading"),
        _("An activated account selling at least one product on sale at the end of the day."),
    ),
    (
        _("Product on sale"),
        _(
            "Goods (not experiences, which are booked by date) listed by the day, public now, sold by "
            "an activated shop and, where the province delists them, not relying on a code revoked "
            "by then. Its stars and group are those of the OCOP recognition in force that day."
        ),
    ),
    (_("Producer"), _("A cooperative, enterprise or household that makes at least one product on sale.")),
    (
        _("VietGAP area"),
        _("The hectares of the VietGAP certificates in force at the end of the day (issued, not expired)."),
    ),
    (
        _("Growing-area and packing codes"),
        _("Codes issued by the day, by their status at the end of it; the area is that of active codes."),
    ),
    (
        _("Visit"),
        _(
            "A storefront page shown to a person (crawlers left out), counted in the cache and added "
            "to the daily counts; a visitor is counted once a day, without storing who they are."
        ),
    ),
    (
        _("Goods value (GMV)"),
        _(
            "What shoppers paid for goods (after discounts, before delivery fees) in orders placed in "
            "the period, less orders cancelled and units refunded by the end of the day."
        ),
    ),
    (
        _("Commission"),
        _("The marketplace's commission on those orders, less what it gave back on refunds."),
    ),
    (
        _("Purchase"),
        _(
            "One checkout by a shopper, of one order per shop, placed in the period whatever became of "
            "its orders; with a ward or a group chosen, those with an order of that ward or group."
        ),
    ),
]


@dataclass(frozen=True)
class Scope:
    """The day the figures stand at (its end), and the ward and OCOP group they are narrowed to."""

    at: datetime.date
    ward: int | None = None
    group: str = ""

    @property
    def end(self) -> datetime.datetime:
        """The first moment after the day, in the marketplace's time zone."""
        return sales.midnight(self.at + datetime.timedelta(days=1))

    @property
    def month_start(self) -> datetime.date:
        return self.at.replace(day=1)

    @property
    def month_begins(self) -> datetime.datetime:
        return sales.midnight(self.month_start)


def today_scope(ward: int | None = None, group: str = "") -> Scope:
    return Scope(timezone.localdate(), ward, group)


# --- sellers ----------------------------------------------------------------------------------


def sellers_then(scope: Scope) -> QuerySet:
    """The seller accounts that existed at the end of the day, each with `status_then`.

    A seller's status then is the last step of its history before the end of the day; one whose
    history only starts later was still applying; one with no history at all (made before the
    history was kept) is read as it is now.
    """
    history = SellerTransition.objects.filter(seller=OuterRef("pk"))
    last_step = history.filter(at__lt=scope.end).order_by("-at", "-pk").values("to_status")[:1]
    sellers = Seller.objects.filter(
        Q(applied_at__lt=scope.end) | Exists(history.filter(at__lt=scope.end))
    ).annotate(
        status_then=Coalesce(
            Subquery(last_step),
            Case(When(Exists(history), then=Value(Seller.Status.APPLIED)), default=F("status")),
            output_field=CharField(),
        )
    )
    if scope.ward:
        sellers = sellers.filter(ward_code=scope.ward)
    return sellers


def seller_accounts(scope: Scope) -> dict:
    """Accounts by status (registered = all of them) and by kind, at the end of the day."""
    rows = sellers_then(scope).values("status_then", "kind").annotate(n=Count("pk")).order_by()
    by_status = {status: 0 for status in Seller.Status.values}
    by_kind = {kind: 0 for kind in BusinessKind.values}
    for row in rows:
        by_status[row["status_then"]] = by_status.get(row["status_then"], 0) + row["n"]
        by_kind[row["kind"]] = by_kind.get(row["kind"], 0) + row["n"]
    return {"total": sum(by_status.values()), "by_status": by_status, "by_kind": by_kind}


# --- goods ------------------------------------------------------------------------------------


def recognitions_in_force(day: datetime.date) -> QuerySet:
    """OCOP recognitions in force on the day: decided by then, not expired, not revoked by then."""
    return OcopRecognition.objects.filter(decision_date__lte=day, valid_until__gt=day).filter(
        Q(revoked_at__isnull=True) | Q(revoked_at__gt=day)
    )


def codes_then(scope: Scope, *, narrowed: bool = True) -> QuerySet:
    """Codes issued by the day, each with `status_then`: the last change before the day's end, or
    (a history recorded later than the code's issue) the status it was issued with."""
    history = CodeStatusChange.objects.filter(code=OuterRef("pk"))
    last_change = history.filter(at__lt=scope.end).order_by("-at", "-pk").values("new_status")[:1]
    first_change = history.order_by("at", "pk").values("new_status")[:1]
    codes = RegisteredCode.objects.filter(issued_on__lte=scope.at).annotate(
        status_then=Coalesce(
            Subquery(last_change), Subquery(first_change), F("status"), output_field=CharField()
        )
    )
    if narrowed and scope.ward:
        codes = codes.filter(ward_code=scope.ward)
    return codes


def active_partner_ids(scope: Scope) -> list[int]:
    """The partners (Oscar's side of a shop) of the sellers activated at the end of the day.

    Read once as a list: inside the products' query, the history behind each shop's status hides
    how few shops there are from PostgreSQL's planner, which then visits every product's shop."""
    active = sellers_then(scope).filter(status_then=Seller.Status.ACTIVE)
    return list(active.values_list("partner_id", flat=True))


def products_on_sale(scope: Scope, partners: list[int] | None = None) -> QuerySet:
    """Goods on sale at the end of the day (see DEFINITIONS), narrowed to the shop's ward and to the
    group of the recognition in force; today, the same products as `vendors.selectors`' rule.
    `partners`: `active_partner_ids(scope)`, when the caller has it already."""
    partners = active_partner_ids(scope) if partners is None else partners
    # Experiences left out with NOT EXISTS: PostgreSQL misjudges a LEFT JOIN … IS NULL as keeping
    # one product in the whole catalogue, and then joins everything else row by row.
    products = (
        Product.objects.browsable()
        .filter(date_created__lt=scope.end)
        .exclude(Exists(ExperiencePage.objects.filter(product=OuterRef("pk"))))
        .filter(Exists(StockRecord.objects.filter(product=OuterRef("pk"), partner_id__in=partners)))
    )
    if settings.MARKETPLACE_REVOKED_CODE_RULE == "delist":
        revoked = codes_then(scope, narrowed=False).filter(status_then=RegisteredCode.Status.REVOKED)
        revoked_ids = list(revoked.values_list("pk", flat=True))
        if revoked_ids:
            relies_on_revoked = RegisteredCode.products.through.objects.filter(
                product=OuterRef("pk"), registeredcode_id__in=revoked_ids
            )
            products = products.exclude(Exists(relies_on_revoked))
    if scope.group:
        products = products.filter(
            Exists(recognitions_in_force(scope.at).filter(product=OuterRef("pk"), group=scope.group))
        )
    return products


def floor(scope: Scope) -> dict:
    """The goods on sale counted in one statement, the products' selection read once: by their
    highest stars in force, by the groups of their recognitions in force (a product with two
    counts in both), by their shop's ward (products and shops), and the shops and producers in all.

    Within one report, each scope is counted once (`goods` and `by_ward` share it)."""
    memo = _floor_memo.get()
    if memo is not None and scope in memo:
        return memo[scope]
    # Everything counted here is in the tables the page cache follows (products, stock, shops and
    # their steps, recognitions, codes, experiences): cached under its version, the counts are
    # counted again after any commit that changes them, and otherwise once per page-cache lifetime.
    key = f"figures:floor:{versions.current()}:{scope.at.isoformat()}:{scope.ward or ''}:{scope.group}"
    seconds = settings.MARKETPLACE_PAGE_CACHE_SECONDS
    found = cache.get(key) if seconds else None
    if found is None:
        found = _count_floor(scope)
        if seconds:
            cache.set(key, found, seconds)
    if memo is not None:
        memo[scope] = found
    return found


def _count_floor(scope: Scope) -> dict:
    found = {"stars": {}, "groups": {}, "wards": {}, "shops": 0, "producers": 0}
    partners = active_partner_ids(scope)
    if not partners:
        # Before the first shop opened (or in a ward with none): nothing on sale. The queries below
        # cannot even be written for no shop (Django raises EmptyResultSet on an empty IN list).
        return found
    on_sale_sql, on_sale_params = (
        products_on_sale(scope, partners).values("pk", "producer_id").query.sql_with_params()
    )
    rec_sql, rec_params = (
        recognitions_in_force(scope.at).values("product_id", "stars", "group").query.sql_with_params()
    )
    stock = StockRecord.objects.filter(partner_id__in=partners).values(
        "product_id", "partner_id", ward=F("partner__seller__ward_code")
    )
    stock_sql, stock_params = stock.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"""WITH on_sale AS ({on_sale_sql}),
                rec AS (SELECT r.product_id, r.stars, r."group" AS grp FROM ({rec_sql}) AS r
                        WHERE r.product_id IN (SELECT pk FROM on_sale)),
                stock AS (SELECT s.product_id, s.partner_id, s.ward FROM ({stock_sql}) AS s
                          WHERE s.product_id IN (SELECT pk FROM on_sale))
            SELECT 'stars', CAST(best.stars AS TEXT), COUNT(*), 0 FROM on_sale AS p
                LEFT JOIN (SELECT product_id, MAX(stars) AS stars FROM rec GROUP BY product_id) AS best
                ON best.product_id = p.pk GROUP BY best.stars
            UNION ALL SELECT 'group', grp, COUNT(DISTINCT product_id), 0 FROM rec GROUP BY grp
            UNION ALL SELECT 'ward', CAST(ward AS TEXT), COUNT(DISTINCT product_id),
                COUNT(DISTINCT partner_id) FROM stock GROUP BY ward
            UNION ALL SELECT 'all', NULL, COUNT(DISTINCT partner_id),
                (SELECT COUNT(DISTINCT producer_id) FROM on_sale) FROM stock""",
            [*on_sale_params, *rec_params, *stock_params],
        )
        for kind, key, first, second in cursor.fetchall():
            if kind == "stars":
                found["stars"][int(key) if key is not None else None] = first
            elif kind == "group":
                found["groups"][key] = first
            elif kind == "ward" and key is not None:
                found["wards"][int(key)] = {"products": first, "shops": second}
            elif kind == "all":
                found["shops"], found["producers"] = first, second
    return found


def goods(scope: Scope) -> dict:
    """Products on sale, their producers and shops, and the products by stars and by group."""
    counted = floor(scope)
    by_stars = {str(s): 0 for s in STARS}
    by_group = {g: 0 for g in OcopGroup.values}
    for stars, n in counted["stars"].items():
        if stars is not None:
            by_stars[str(stars)] = by_stars.get(str(stars), 0) + n
    for group, n in counted["groups"].items():
        by_group[group] = by_group.get(group, 0) + n
    unrated = counted["stars"].get(None, 0)
    return {
        "products": sum(counted["stars"].values()),
        "producers": counted["producers"],
        "shops_trading": counted["shops"],
        "by_stars": by_stars,
        "unrated": unrated,
        "by_group": by_group,
    }


def expiring_recognitions(scope: Scope, limit: int = TOP) -> dict:
    """Recognitions in force whose last day falls within REGISTER_EXPIRING_DAYS: how many, soonest first."""
    until = scope.at + datetime.timedelta(days=REGISTER_EXPIRING_DAYS)
    expiring = recognitions_in_force(scope.at).filter(valid_until__lte=until)
    if scope.ward:
        expiring = expiring.filter(producer__ward_code=scope.ward)
    if scope.group:
        expiring = expiring.filter(group=scope.group)
    soonest = expiring.select_related("product", "producer").order_by("valid_until", "pk")[:limit]
    return {
        "days": REGISTER_EXPIRING_DAYS,
        "count": expiring.count(),
        "soonest": [
            {
                "product": r.product.get_title(),
                "producer": r.producer.name,
                "stars": r.stars,
                # The recognition's last day: valid_until is the first day it no longer holds.
                "last_day": r.valid_until - datetime.timedelta(days=1),
            }
            for r in soonest
        ],
    }


# --- origin -----------------------------------------------------------------------------------


def vietgap(scope: Scope) -> dict:
    """VietGAP certificates in force at the end of the day and their area (producer's ward)."""
    certificates = VietGapCertificate.objects.filter(issued_on__lte=scope.at, expires_on__gt=scope.at)
    if scope.ward:
        certificates = certificates.filter(producer__ward_code=scope.ward)
    found = certificates.aggregate(n=Count("pk"), ha=Sum("area_ha"))
    return {"certificates": found["n"], "hectares": found["ha"] or Decimal("0.00")}


def codes(scope: Scope) -> dict:
    """Growing-area and packing codes by kind and status at the end of the day, with areas."""
    rows = (
        codes_then(scope).values("kind", "status_then").annotate(n=Count("pk"), ha=Sum("area_ha")).order_by()
    )
    table = {
        kind: {status: {"count": 0, "hectares": Decimal("0.00")} for status in RegisteredCode.Status.values}
        for kind in RegisteredCode.Kind.values
    }
    for row in rows:
        cell = table.setdefault(row["kind"], {}).setdefault(
            row["status_then"], {"count": 0, "hectares": Decimal("0.00")}
        )
        cell["count"] += row["n"]
        cell["hectares"] += row["ha"] or Decimal("0.00")
    active = RegisteredCode.Status.ACTIVE
    export = table[RegisteredCode.Kind.GROWING_EXPORT][active]
    domestic = table[RegisteredCode.Kind.GROWING_DOMESTIC][active]
    return {
        "table": table,
        "growing": {
            "export": export["count"],
            "domestic": domestic["count"],
            "hectares": export["hectares"] + domestic["hectares"],
        },
        "packing": table[RegisteredCode.Kind.PACKING][active]["count"],
        "suspended": sum(table[k][RegisteredCode.Status.SUSPENDED]["count"] for k in table),
        "revoked": sum(table[k][RegisteredCode.Status.REVOKED]["count"] for k in table),
    }


# --- visits -----------------------------------------------------------------------------------


def visits(scope: Scope) -> dict:
    """Visits (pages shown) and daily visitors: since the first count, and in the day's month."""
    counted = DailyCount.objects.filter(
        day__lte=scope.at, subject="", kind__in=[DailyCount.Kind.PAGE_VIEWS, DailyCount.Kind.VISITORS]
    )
    found = counted.aggregate(
        visits=Sum("count", filter=Q(kind=DailyCount.Kind.PAGE_VIEWS)),
        visitors=Sum("count", filter=Q(kind=DailyCount.Kind.VISITORS)),
        month_visits=Sum("count", filter=Q(kind=DailyCount.Kind.PAGE_VIEWS, day__gte=scope.month_start)),
        month_visitors=Sum("count", filter=Q(kind=DailyCount.Kind.VISITORS, day__gte=scope.month_start)),
    )
    return {key: value or 0 for key, value in found.items()}


# --- orders and money -------------------------------------------------------------------------


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


def _as_day(month) -> datetime.date:
    """A month as TruncMonth gives it back: a local datetime on PostgreSQL, a date on SQLite."""
    return timezone.localtime(month).date() if isinstance(month, datetime.datetime) else month


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


# --- the whole report -------------------------------------------------------------------------


# Within one report, the days not rolled up yet are read once for all its figures, and so are the
# goods on sale of each scope.
_live_events: ContextVar[dict | None] = ContextVar("live_sales_events", default=None)
_floor_memo: ContextVar[dict | None] = ContextVar("floor_counts", default=None)


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
