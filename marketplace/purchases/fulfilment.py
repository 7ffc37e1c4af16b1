"""A shop fulfils its own order: confirm, pack, ship (carrier and tracking), deliver; or cancel, or refund.

Every change happens under a lock on the order's row, so two clicks (or two staff) cannot both act
on the old status. Cancelling before shipping gives the stock back and reverses the shop's ledger
entries for the order; a refund reverses the sale of the refunded units and their commission.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from marketplace.mail import email_queue
from vendors import selectors, stock

from . import booking, events, ledger
from .models import LineRefund, PurchaseOrder
from .status import CANCELLABLE, REFUNDABLE, STEPS, OrderStatus

Order = get_model("order", "Order")


def may_fulfil(user, order) -> bool:
    """Staff, or the seller whose shop the order belongs to (`selectors.may_act_for`)."""
    if user.is_staff:
        return True
    part = PurchaseOrder.objects.filter(order=order).select_related("seller").first()
    return part is not None and selectors.may_act_for(user, part.seller)


def may_refund_lines(order) -> bool:
    """Whether units of the order's lines may be refunded now: only once its goods have left."""
    return order.status in REFUNDABLE


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
        stock.consume(locked.lines.all())
    if step == "deliver":
        part.delivered_at = timezone.now()
    part.save()
    _set_status(locked, STEPS[step][1], by, note=f"{part.carrier} {part.tracking_number}".strip())
    if step == "deliver":
        events.announce(events.Delivered(order=locked))


@transaction.atomic
def order_cancel(*, order, by, reason: str) -> None:
    locked = Order.objects.select_for_update().get(pk=order.pk)
    if locked.status not in CANCELLABLE:
        raise ValidationError(_("An order that has left the shop cannot be cancelled."), code="cancel")
    if not reason.strip():
        raise ValidationError(_("Give a reason: the shopper will read it."), code="reason_required")
    stock.release(locked.lines.all())
    part = PurchaseOrder.objects.get(order=locked)
    ledger.cancellation_record(seller=part.seller, order=locked, by=by)
    booking.release_order(locked)
    _set_status(locked, OrderStatus.CANCELLED, by, note=reason.strip())
    events.announce(
        events.MoneyOwedBack(order=locked, amount=int(locked.total_incl_tax), reason=reason.strip())
    )


@transaction.atomic
def line_refund(*, line, quantity: int, by, reason: str) -> LineRefund:
    order = Order.objects.select_for_update().get(pk=line.order_id)
    if order.status not in REFUNDABLE:
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
    part = PurchaseOrder.objects.select_related("seller").get(order=order)
    refund = LineRefund.objects.create(
        line=line, quantity=quantity, amount=amount, reason=reason.strip(), by=by
    )
    ledger.refund_record(
        seller=part.seller, order=order, line=line, amount=amount, reason=reason.strip(), by=by
    )
    events.announce(events.MoneyOwedBack(order=order, amount=amount, reason=reason.strip()))
    return refund


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
    part = PurchaseOrder.objects.select_related("order", "purchase", "seller").get(order_id=order_pk)
    order = part.order
    with translation.override(settings.LANGUAGE_CODE):
        email_queue(
            _("Order %(number)s: %(status)s")
            % {"number": order.number, "status": OrderStatus.label_of(order.status)},
            render_to_string(
                "emails/order_moved.txt",
                {
                    "order": order,
                    "part": part,
                    "note": note,
                    "shipped": order.status == OrderStatus.SHIPPED,
                    "cancelled": order.status == OrderStatus.CANCELLED,
                },
            ).strip(),
            [part.purchase.email],
        )
