"""The orders' money figures as events, added up a day at a time.

`events(first, last)` reads what happened to orders on those days from the records themselves —
orders placed, orders cancelled (Oscar's status changes), units refunded, commission booked and
given back (the ledger) — and adds it up by the day the orders were placed, the day it happened,
the shop's ward and the OCOP group. `rollup` stores the events of every closed day in `SalesDay`;
the report reads those rows and asks `events` only for the days not rolled up yet (today), so its
figures never wait for the schedule and a million orders cost a few thousand rows.

An order's groups are those of its products' OCOP recognitions in force the day it was placed; an
order counts once in the "" (every group) rows and once in the rows of each group it has a line of.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Min
from django.utils import timezone
from oscar.core.loading import get_model

from marketplace.progress import bar
from marketplace.purchases.models import LedgerEntry, LineRefund
from marketplace.purchases.status import OrderStatus
from vendors.models import OcopRecognition

from .models import SalesDay, SalesRollup

Order = get_model("order", "Order")
Line = get_model("order", "Line")
OrderStatusChange = get_model("order", "OrderStatusChange")

ALL_GROUPS = ""
MEASURES = ("orders", "purchases", "goods", "commission")
CHUNK = 2_000  # orders whose lines are read at once


def midnight(day: datetime.date) -> datetime.datetime:
    """The first moment of the day in the marketplace's time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _day(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment).date()


@dataclass
class _Order:
    placed_on: datetime.date
    ward: int
    purchase: int | None
    goods: dict[str, int] = field(default_factory=dict)  # by group, ALL_GROUPS: every line
    line_groups: dict[int, set[str]] = field(default_factory=dict)


def _groups(recognitions: list[tuple], day: datetime.date) -> set[str]:
    """The groups of a product's recognitions in force on the day."""
    return {
        group
        for _stars, group, decided, until, revoked in recognitions
        if decided <= day < until and (revoked is None or revoked > day)
    }


def _orders(order_ids: set[int]) -> dict[int, _Order]:
    """What each order brings to the rows: the day it was placed, its shop's ward, its purchase,
    and its goods value by group."""
    found: dict[int, _Order] = {}
    ids = sorted(order_ids)
    for start in range(0, len(ids), CHUNK):
        lines = list(
            Line.objects.filter(order_id__in=ids[start : start + CHUNK]).values_list(
                "pk",
                "order_id",
                "product_id",
                "line_price_incl_tax",
                "order__date_placed",
                "partner__seller__ward_code",
                "order__purchase_part__purchase_id",
            )
        )
        recognitions = defaultdict(list)
        products = {line[2] for line in lines if line[2] is not None}
        for product_id, *facts in OcopRecognition.objects.filter(product_id__in=products).values_list(
            "product_id", "stars", "group", "decision_date", "valid_until", "revoked_at"
        ):
            recognitions[product_id].append(tuple(facts))
        for pk, order_id, product_id, price, placed, ward, purchase in lines:
            order = found.get(order_id)
            if order is None:
                order = found[order_id] = _Order(_day(placed), ward or 0, purchase)
            value = int(price or 0)
            groups = _groups(recognitions.get(product_id, []), order.placed_on)
            order.line_groups[pk] = groups
            for group in {ALL_GROUPS, *groups}:
                order.goods[group] = order.goods.get(group, 0) + value
    return found


def events(first: datetime.date, last: datetime.date) -> dict[tuple, dict]:
    """What the days from `first` to `last` did: {(placed_on, counted_on, ward, group): measures}."""
    since, until = midnight(first), midnight(last + datetime.timedelta(days=1))
    placed = set(
        Order.objects.filter(date_placed__gte=since, date_placed__lt=until).values_list("pk", flat=True)
    )
    cancelled = list(
        OrderStatusChange.objects.filter(
            new_status=OrderStatus.CANCELLED, date_created__gte=since, date_created__lt=until
        ).values_list("order_id", "date_created")
    )
    refunds = list(
        LineRefund.objects.filter(at__gte=since, at__lt=until).values_list(
            "line_id", "line__order_id", "amount", "at"
        )
    )
    commission = list(
        LedgerEntry.objects.filter(
            kind=LedgerEntry.Kind.COMMISSION, created_at__gte=since, created_at__lt=until, order__isnull=False
        ).values_list("order_id", "amount", "created_at")
    )
    cancelled_ids = {order_id for order_id, _at in cancelled}
    # The commission booked on each cancelled order before it was cancelled (ledger amounts: < 0),
    # taken back off with the order.
    booked_before_cancel: dict[int, int] = defaultdict(int)
    cancelled_at = dict(cancelled)
    for order_id, amount, at in LedgerEntry.objects.filter(
        kind=LedgerEntry.Kind.COMMISSION, order_id__in=cancelled_ids
    ).values_list("order_id", "amount", "created_at"):
        if at < cancelled_at[order_id]:
            booked_before_cancel[order_id] += amount
    orders = _orders(placed | cancelled_ids | {r[1] for r in refunds} | {c[0] for c in commission})

    rows: dict[tuple, dict] = defaultdict(
        lambda: {"orders": 0, "purchases": set(), "goods": 0, "commission": 0}
    )

    def row(order: _Order, counted_on: datetime.date, group: str) -> dict:
        return rows[(order.placed_on, counted_on, order.ward, group)]

    for order_id in placed & orders.keys():
        order = orders[order_id]
        for group, goods in order.goods.items():
            placing = row(order, order.placed_on, group)
            placing["orders"] += 1
            placing["goods"] += goods
            if order.purchase is not None:
                placing["purchases"].add(order.purchase)
    for order_id, at in cancelled:
        if order_id in orders:
            order = orders[order_id]
            for group, goods in order.goods.items():
                cancelling = row(order, _day(at), group)
                cancelling["orders"] -= 1
                cancelling["goods"] -= goods
                cancelling["commission"] += booked_before_cancel.get(order_id, 0)
    for line_id, order_id, amount, at in refunds:
        if order_id in orders:
            order = orders[order_id]
            for group in {ALL_GROUPS, *order.line_groups.get(line_id, ())}:
                row(order, _day(at), group)["goods"] -= int(amount)
    for order_id, amount, at in commission:
        if order_id in orders:
            order = orders[order_id]
            for group in order.goods:
                # The ledger books the marketplace's commission as owed by the shop (negative).
                row(order, _day(at), group)["commission"] -= int(amount)
    return {key: {**row, "purchases": len(row["purchases"])} for key, row in rows.items()}


def first_day() -> datetime.date | None:
    """The day the first order was placed (None before any)."""
    first = Order.objects.aggregate(first=Min("date_placed"))["first"]
    return _day(first) if first else None


def rolled_through() -> datetime.date | None:
    marker = SalesRollup.objects.filter(pk=1).first()
    return marker.through if marker else None


def rollup(*, rebuild: bool = False, out=None) -> int:
    """Store the events of every closed day not stored yet (all of them again with `rebuild`), a
    day per transaction under a lock on the one marker row: rollups running at once do each day
    once. Returns how many days this call rolled up."""
    if rebuild:
        with transaction.atomic():
            SalesDay.objects.all().delete()
            SalesRollup.objects.all().delete()
    first = first_day()
    if first is None:
        return 0
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    through = rolled_through()
    day = max(first, through + datetime.timedelta(days=1)) if through is not None else first
    if day > yesterday:
        return 0
    progress = bar("Sales days", (yesterday - day).days + 1, out) if out is not None else None
    done = 0
    while day <= yesterday:
        with transaction.atomic():
            SalesRollup.objects.get_or_create(pk=1, defaults={"through": first - datetime.timedelta(days=1)})
            marker = SalesRollup.objects.select_for_update().get(pk=1)
            if marker.through >= day:  # another rollup did it meanwhile
                day = marker.through + datetime.timedelta(days=1)
                continue
            SalesDay.objects.filter(counted_on=day).delete()
            SalesDay.objects.bulk_create(
                SalesDay(placed_on=p, counted_on=c, ward_code=w, group=g, **values)
                for (p, c, w, g), values in events(day, day).items()
            )
            marker.through = day
            marker.save(update_fields=["through"])
        done += 1
        day += datetime.timedelta(days=1)
        if progress is not None:
            progress.update()
    if progress is not None:
        progress.close()
    return done
