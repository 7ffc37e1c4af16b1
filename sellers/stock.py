"""A shop sets a product's price and stock from its list: whole đồng, under the stock record's row
lock (as checkout takes it), never below what orders already hold."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from .models import Seller
from .validators import whole_dong_price

PRICE_AT_MOST = 1_000_000_000  # one thousand million đồng
STOCK_AT_MOST = 1_000_000


def _whole(text: str, *, field: str, at_most: int) -> int:
    cleaned = str(text).strip().replace(".", "").replace(" ", "").replace("\u00a0", "").removesuffix("₫")
    if not cleaned.isdigit():
        message = (
            _("Enter whole đồng, such as 125000.")
            if field == "price"
            else _("Enter a whole number of units.")
        )
        raise ValidationError({field: message})
    value = int(cleaned)
    if value > at_most:
        raise ValidationError({field: _("At most %(n)s.") % {"n": f"{at_most:,}".replace(",", ".")}})
    return value


@transaction.atomic
def price_and_stock_set(*, seller: Seller, record_id: int, price: str, stock: str):
    """Set the shop's own stock record's price (whole đồng, above 0) and units in stock."""
    StockRecord = get_model("partner", "StockRecord")
    record = StockRecord.objects.select_for_update().filter(pk=record_id, partner=seller.partner).first()
    if record is None:
        raise StockRecord.DoesNotExist
    errors = {}
    try:
        new_price = int(whole_dong_price(Decimal(_whole(price, field="price", at_most=PRICE_AT_MOST))))
    except ValidationError as error:
        errors["price"] = error.messages
    try:
        new_stock = _whole(stock, field="stock", at_most=STOCK_AT_MOST)
        held = record.num_allocated or 0
        if new_stock < held:
            errors["stock"] = [
                _("Orders not yet shipped hold %(n)s units: the stock cannot be lower.") % {"n": held}
            ]
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    record.price, record.num_in_stock = new_price, new_stock
    record.save(update_fields=["price", "num_in_stock", "date_updated"])
    return record
