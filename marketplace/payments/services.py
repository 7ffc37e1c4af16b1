"""Recording payments on a purchase's orders with Oscar's payment models (sources, transactions).

Cash on delivery: each shop's order is paid when its seller marks it delivered; the purchase is
paid when every order that was not cancelled is. VietQR bank transfer: province staff mark the
purchase paid when the transfer shows on the marketplace's account.
"""

from decimal import Decimal

from django.db import transaction
from oscar.core.loading import get_model

from marketplace.purchases.models import Purchase

Source = get_model("payment", "Source")
SourceType = get_model("payment", "SourceType")
Transaction = get_model("payment", "Transaction")

METHOD_NAMES = {"cod": "Cash on delivery", "vietqr": "VietQR bank transfer"}


def _record(order, method: str, reference: str = "") -> None:
    source_type, _created = SourceType.objects.get_or_create(
        code=method, defaults={"name": METHOD_NAMES[method]}
    )
    amount = Decimal(order.total_incl_tax)
    source = Source.objects.create(
        order=order,
        source_type=source_type,
        currency="VND",
        amount_allocated=amount,
        amount_debited=amount,
        reference=reference[:255],
    )
    Transaction.objects.create(
        source=source, txn_type=Transaction.DEBIT, amount=amount, reference=reference[:255], status="settled"
    )


@transaction.atomic
def cod_order_delivered(order) -> None:
    """The courier collected the cash for this order: record it; the purchase is paid once all are."""
    part = order.purchase_part
    purchase = Purchase.objects.select_for_update().get(pk=part.purchase_id)
    if purchase.payment_method != "cod" or order.sources.exists():
        return
    _record(order, "cod")
    open_orders = [p.order for p in purchase.parts.select_related("order") if p.order.status != "Cancelled"]
    if all(o.sources.exists() for o in open_orders):
        purchase.status = Purchase.Status.PAID
        purchase.save(update_fields=["status"])


@transaction.atomic
def transfer_received(*, purchase: Purchase, reference: str) -> bool:
    """Staff saw the transfer on the bank statement: settle every order once. False if already paid."""
    locked = Purchase.objects.select_for_update().get(pk=purchase.pk)
    if locked.status == Purchase.Status.PAID:
        return False
    for part in locked.parts.select_related("order"):
        if part.order.status != "Cancelled" and not part.order.sources.exists():
            _record(part.order, "vietqr", reference)
    locked.status = Purchase.Status.PAID
    locked.save(update_fields=["status"])
    return True


def expire_unpaid_transfers(*, older_than, by=None) -> list[str]:
    """Cancel bank-transfer purchases still unpaid after the deadline: their stock goes back on sale.

    Each order is cancelled through the shop's own cancel step (stock released, ledger reversed),
    so an expired purchase leaves no trace in anyone's balance. Returns the purchases' numbers.
    """
    from django.utils import timezone
    from django.utils.translation import gettext as _

    from marketplace.purchases.fulfilment import CANCELLABLE, order_cancel

    expired = []
    stale = Purchase.objects.filter(
        payment_method="vietqr", status=Purchase.Status.PLACED, created_at__lt=timezone.now() - older_than
    )
    for purchase in stale.order_by("pk"):
        with transaction.atomic():
            locked = Purchase.objects.select_for_update().get(pk=purchase.pk)
            if locked.status != Purchase.Status.PLACED:
                continue  # paid meanwhile
            for part in locked.parts.select_related("order"):
                if part.order.status in CANCELLABLE:
                    order_cancel(
                        order=part.order, by=by, reason=_("The bank transfer did not arrive in time.")
                    )
            locked.status = Purchase.Status.CANCELLED
            locked.save(update_fields=["status"])
            expired.append(locked.number)
    return expired


def match_statement(rows: list[dict]) -> list[dict]:
    """Settle transfers from a bank statement's rows ({"amount", "description", "reference"}).

    A row names its purchase by "OCOP <number>" in the description. The amount must be the
    purchase's total to the đồng; anything else is reported for staff, and nothing changes.
    """
    import re

    report = []
    for row in rows:
        found = re.search(r"OCOP\s*(\d{12})", row.get("description", ""), re.IGNORECASE)
        purchase = Purchase.objects.filter(number=found.group(1)).first() if found else None
        try:
            amount = int(str(row.get("amount", "")).replace(".", "").replace(",", "").strip())
        except ValueError:
            amount = None
        if purchase is None or purchase.payment_method != "vietqr":
            outcome = "unknown"
        elif amount != purchase.total:
            outcome = "amount_mismatch"
        elif transfer_received(purchase=purchase, reference=row.get("reference", "") or "statement"):
            outcome = "settled"
        else:
            outcome = "already_paid"
        report.append({**row, "purchase": purchase.number if purchase else "", "outcome": outcome})
    return report
