"""A shop fulfils its own order: confirm, pack, ship (carrier and tracking), deliver; or cancel, or refund.

Every change happens under a lock on the order's row, so two clicks (or two staff) cannot both act
on the old status. Cancelling before shipping gives the stock back and reverses the shop's ledger
entries for the order; a refund reverses the sale of the refunded units and their commission.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Sum
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from marketplace.cms.experiences import release_order
from marketplace.mail import email_queue
from vendors.models import LedgerEntry

from .models import LineRefund, PurchaseOrder
from .services import commission_for

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")

# The steps a shop takes, and what each leads to.
STEPS = {
    "confirm": ("Pending", "Confirmed"),
    "pack": ("Confirmed", "Packed"),
    "ship": ("Packed", "Shipped"),
    "deliver": ("Shipped", "Delivered"),
}
CANCELLABLE = {"Pending", "Confirmed", "Packed"}


def may_fulfil(user, order) -> bool:
    """Staff, or the seller whose shop the order belongs to."""
    if user.is_staff:
        return True
    part = PurchaseOrder.objects.filter(order=order).select_related("vendor").first()
    return part is not None and part.vendor.owner_id == user.pk and user.has_perm("partner.dashboard_access")


def next_steps(order) -> list[str]:
    steps = [name for name, (src, _dst) in STEPS.items() if src == order.status]
    if order.status in CANCELLABLE:
        steps.append("cancel")
    return steps


@transaction.atomic
def order_step(*, order, step: str, by, carrier: str = "", tracking_number: str = "") -> None:
    locked = Order.objects.select_for_update().get(pk=order.pk)
    if step not in STEPS or STEPS[step][0] != locked.status:
        raise ValidationError(_("This order cannot take that step now."), code="step")
    part = PurchaseOrder.objects.select_for_update().get(order=locked)
    if step == "ship":
        if not carrier.strip() or not tracking_number.strip():
            raise ValidationError(_("Give the carrier and the tracking number."), code="tracking")
        part.carrier, part.tracking_number, part.shipped_at = (
            carrier.strip(),
            tracking_number.strip(),
            timezone.now(),
        )
        # The goods leave the shop: their allocation becomes a stock decrease.
        for line in locked.lines.all():
            if line.stockrecord_id and line.product and line.product.get_product_class().track_stock:
                StockRecord.objects.filter(pk=line.stockrecord_id).update(
                    num_in_stock=F("num_in_stock") - line.quantity,
                    num_allocated=Greatest(Coalesce(F("num_allocated"), 0) - line.quantity, 0),
                )
    if step == "deliver":
        part.delivered_at = timezone.now()
    part.save()
    _set_status(locked, STEPS[step][1], by, note=f"{part.carrier} {part.tracking_number}".strip())
    if step == "deliver":
        from marketplace.payments.settlement import cod_order_delivered

        cod_order_delivered(locked)


@transaction.atomic
def order_cancel(*, order, by, reason: str) -> None:
    locked = Order.objects.select_for_update().get(pk=order.pk)
    if locked.status not in CANCELLABLE:
        raise ValidationError(_("An order that has left the shop cannot be cancelled."), code="cancel")
    if not reason.strip():
        raise ValidationError(_("Give a reason: the shopper will read it."), code="reason_required")
    lines = list(locked.lines.select_related("product__product_class").order_by("stockrecord_id"))
    for line in lines:
        if line.stockrecord_id and line.product and line.product.get_product_class().track_stock:
            StockRecord.objects.filter(pk=line.stockrecord_id).update(
                num_allocated=Greatest(Coalesce(F("num_allocated"), 0) - line.quantity, 0)
            )
    part = PurchaseOrder.objects.get(order=locked)
    booked = LedgerEntry.objects.filter(order=locked).values("kind").annotate(total=Sum("amount"))
    for row in booked:
        if row["total"]:
            LedgerEntry.objects.create(
                vendor=part.vendor,
                kind=LedgerEntry.Kind.REFUND,
                amount=-row["total"],
                order=locked,
                note=_("Cancelled: reverses %(kind)s") % {"kind": LedgerEntry.Kind(row["kind"]).label},
                created_by=by,
            )
    release_order(locked)
    _set_status(locked, "Cancelled", by, note=reason.strip())
    _refund_after_commit(locked, int(locked.total_incl_tax), reason.strip())


@transaction.atomic
def line_refund(*, line, quantity: int, by, reason: str) -> LineRefund:
    order = Order.objects.select_for_update().get(pk=line.order_id)
    if order.status not in {"Shipped", "Delivered"}:
        raise ValidationError(
            _("Refund lines of an order that has shipped; cancel it otherwise."), code="refund"
        )
    refunded = LineRefund.objects.filter(line=line).aggregate(n=Coalesce(Sum("quantity"), 0))["n"]
    if quantity < 1 or quantity > line.quantity - refunded:
        raise ValidationError(
            _("At most %(n)s of this line can still be refunded.") % {"n": line.quantity - refunded},
            code="refund_quantity",
        )
    if not reason.strip():
        raise ValidationError(_("Give a reason: the shopper will read it."), code="reason_required")
    amount = int(line.unit_price_incl_tax) * quantity
    part = PurchaseOrder.objects.select_related("vendor").get(order=order)
    refund = LineRefund.objects.create(
        line=line, quantity=quantity, amount=amount, reason=reason.strip(), by=by
    )
    LedgerEntry.objects.create(
        vendor=part.vendor,
        kind=LedgerEntry.Kind.REFUND,
        amount=-amount,
        order=order,
        reference=f"line-{line.pk}",
        note=reason.strip()[:255],
        created_by=by,
    )
    commission = commission_for(part.vendor, amount)
    if commission:
        LedgerEntry.objects.create(
            vendor=part.vendor,
            kind=LedgerEntry.Kind.COMMISSION,
            amount=commission,
            order=order,
            reference=f"line-{line.pk}",
            note=_("Commission given back on a refund"),
            created_by=by,
        )
    _refund_after_commit(order, amount, reason.strip())
    return refund


def _refund_after_commit(order, amount: int, reason: str) -> None:
    """Money the shopper already paid for this order goes back the way it came, once this commits."""
    from marketplace.payments.refunds import order_refund

    if order.sources.exists():
        transaction.on_commit(lambda: order_refund(order=order, amount=amount, reason=reason), robust=True)


def _set_status(order, status: str, by, note: str = "") -> None:
    previous = order.status
    order.status = status
    order.save(update_fields=["status"])
    order.lines.update(status=status)
    order.status_changes.create(old_status=previous, new_status=status)
    if note:
        order.notes.create(user=by, message=note[:2000], note_type="System")
    transaction.on_commit(lambda: _tell_shopper(order.pk, note), robust=True)


def _tell_shopper(order_pk: int, note: str) -> None:
    """Each shop's order writes to the shopper on its own as it moves."""
    from marketplace.purchases.templatetags.purchase_tags import order_status

    part = PurchaseOrder.objects.select_related("order", "purchase", "vendor").get(order_id=order_pk)
    order = part.order
    with translation.override(settings.LANGUAGE_CODE):
        lines = [
            _("Your order %(number)s from %(shop)s: %(status)s.")
            % {"number": order.number, "shop": part.vendor.shop_name, "status": order_status(order.status)}
        ]
        if order.status == "Shipped":
            lines.append(
                _("Carrier: %(carrier)s, tracking number: %(tracking)s")
                % {"carrier": part.carrier, "tracking": part.tracking_number}
            )
        elif order.status == "Cancelled" and note:
            lines.append(_("Reason: %(reason)s") % {"reason": note})
        email_queue(
            _("Order %(number)s: %(status)s")
            % {"number": order.number, "status": order_status(order.status)},
            "\n".join(lines),
            [part.purchase.email],
        )
