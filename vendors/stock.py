"""A shop's stock, moved in one place: a seller sets a price and the units in stock, an order allocates
units at checkout, consumes them when shipped and releases them when cancelled — each record under its
row lock, taken in primary-key order so two movements queue rather than deadlock, and each movement
through Oscar's own `StockRecord.allocate / consume_allocation / cancel_allocation`, which send the
signals the search index and the page cache follow. What a shopper can still buy is Oscar's
`net_stock_level` (in stock less allocated); `AVAILABLE` is the same rule in SQL."""

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from marketplace.amounts import DONG, PRICE_AT_MOST, STOCK_AT_MOST, UNITS, far_from, parse_whole, thousands

from .models import Seller
from .validators import whole_dong_price

StockRecord = get_model("partner", "StockRecord")

# What can still be bought, in SQL: Oscar's `net_stock_level`, for querysets and documents.
AVAILABLE = Coalesce(F("num_in_stock"), 0) - Coalesce(F("num_allocated"), 0)


def levels(seller: Seller):
    """The shop's stock records of goods whose stock is kept, with `net` (what can still be bought)
    and `threshold` (the record's low-stock threshold, or MARKETPLACE_LOW_STOCK_THRESHOLD)."""
    return StockRecord.objects.filter(
        partner=seller.partner, product__product_class__track_stock=True
    ).annotate(
        net=AVAILABLE,
        threshold=Coalesce(F("low_stock_threshold"), settings.MARKETPLACE_LOW_STOCK_THRESHOLD),
    )


def out_of_stock(seller: Seller):
    return levels(seller).filter(net__lte=0)


def low_stock(seller: Seller):
    return levels(seller).filter(net__gt=0, net__lte=F("threshold"))


def available(record) -> int:
    """Units a shopper can still buy from this record (Oscar's rule: in stock less allocated)."""
    return record.net_stock_level


def locked(record_ids: Iterable[int]) -> dict[int, "StockRecord"]:
    """The records, row-locked in primary-key order (the one order every stock movement takes)."""
    ids = sorted({pk for pk in record_ids if pk})
    return {
        record.pk: record
        # Only the stock rows are locked (OF self): the product and its class come along to read.
        for record in StockRecord.objects.select_for_update(of=("self",))
        .filter(pk__in=ids)
        .select_related("product__product_class", "product__parent__product_class")
        .order_by("pk")
    }


def _quantities(lines) -> dict[int, int]:
    wanted: dict[int, int] = defaultdict(int)
    for line in lines:
        if line.stockrecord_id:
            wanted[line.stockrecord_id] += line.quantity
    return wanted


@transaction.atomic
def allocate(lines) -> None:
    """Checkout: the lines' units are held for their order (goods whose stock is kept only)."""
    wanted = _quantities(lines)
    records = locked(wanted)
    for pk, quantity in sorted(wanted.items()):
        if pk in records:
            records[pk].allocate(quantity)


@transaction.atomic
def consume(lines) -> None:
    """Shipping: the units held leave the shop, out of stock and out of the allocation."""
    wanted = _quantities(lines)
    records = locked(wanted)
    for pk, quantity in sorted(wanted.items()):
        record = records.get(pk)
        if record is None or not record.can_track_allocations:
            continue
        if record.is_allocation_consumption_possible(quantity):
            record.consume_allocation(quantity)
        else:
            # Stock set below what was held (an import can do that): the goods still leave, so the
            # count never goes negative and the allocation is released to what remains.
            record.num_in_stock = max((record.num_in_stock or 0) - quantity, 0)
            record.num_allocated = max((record.num_allocated or 0) - quantity, 0)
            record.save(update_fields=["num_in_stock", "num_allocated", "date_updated"])


@transaction.atomic
def release(lines) -> None:
    """Cancelling: the units held go back on sale."""
    wanted = _quantities(lines)
    records = locked(wanted)
    for pk, quantity in sorted(wanted.items()):
        if pk in records:
            records[pk].cancel_allocation(quantity)


def price_change_check(new: int, old, *, confirmed: bool) -> None:
    """A new price under a tenth or over ten times the old one is refused (code "confirm", the new
    price in params) until the seller confirms it: "15" for "150.000" is more often a slip."""
    old = int(old) if old is not None else None
    if far_from(new, old) and not confirmed:
        raise ValidationError(
            _(
                "%(new)s ₫ is far from the old price, %(old)s ₫: if it is right, tick “Yes, this price” "
                "and save again."
            )
            % {"new": thousands(new), "old": thousands(old)},
            code="confirm",
            params={"price": new},
        )


@transaction.atomic
def price_and_stock_set(
    *, seller: Seller, record_id: int, price: str, stock: str, confirmed_price: str = ""
) -> "StockRecord":
    """Set the shop's own stock record's price (whole đồng, above 0) and units in stock.

    A price far from the old one is refused (`price_change_check`) unless `confirmed_price` repeats it."""
    record = StockRecord.objects.select_for_update().filter(pk=record_id, partner=seller.partner).first()
    if record is None:
        raise StockRecord.DoesNotExist
    errors = {}
    new_price = None
    try:
        typed = parse_whole(price, kind=DONG, at_least=None, at_most=PRICE_AT_MOST)
        new_price = int(whole_dong_price(Decimal(typed)))
    except ValidationError as error:
        errors["price"] = error.messages
    try:
        new_stock = parse_whole(stock, kind=UNITS, at_most=STOCK_AT_MOST)
        held = record.num_allocated or 0
        if new_stock < held:
            errors["stock"] = [
                _("Orders not yet shipped hold %(n)s units: the stock cannot be lower.") % {"n": held}
            ]
    except ValidationError as error:
        errors["stock"] = error.messages
    if errors:
        raise ValidationError(errors)
    price_change_check(new_price, record.price, confirmed=confirmed_price == str(new_price))
    record.price, record.num_in_stock = new_price, new_stock
    record.save(update_fields=["price", "num_in_stock", "date_updated"])
    return record
