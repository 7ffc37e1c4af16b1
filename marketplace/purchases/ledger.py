"""Each shop's statement: what its orders earned it, what the marketplace keeps, what was paid out.

Money is whole đồng. A shop's commission is its goods subtotal times its rate (the shop's own, or
MARKETPLACE_COMMISSION_RATE), rounded half up to the đồng, once per order — never per line — so a
statement's entries add up to what the shop is owed. Shipping is the shop's income, not
commissioned. The ledger is append-only: a cancellation or a refund is new entries, never an edit.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Sum, Window
from django.utils.translation import gettext as _

from marketplace.money import format_vnd
from vendors.models import Seller

from .models import LedgerEntry
from .status import MoneyState, PurchaseStatus, money_state_of


def commission_for(seller: Seller, goods: int) -> int:
    rate = (
        seller.commission_rate if seller.commission_rate is not None else settings.MARKETPLACE_COMMISSION_RATE
    )
    return int((Decimal(goods) * rate).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def sale_record(*, seller: Seller, order, goods: int, marketplace_funded: int, shipping: int) -> None:
    """A placed order on its shop's statement: the sale, the marketplace's top-up of discounts it
    funds, the commission (on the goods' value before the marketplace's discounts), and delivery.

    A discount the shop funds simply lowers its sale.
    """
    LedgerEntry.objects.create(seller=seller, kind=LedgerEntry.Kind.SALE, amount=goods, order=order)
    if marketplace_funded:
        LedgerEntry.objects.create(
            seller=seller, kind=LedgerEntry.Kind.DISCOUNT, amount=marketplace_funded, order=order
        )
    commission = commission_for(seller, goods + marketplace_funded)
    if commission:
        LedgerEntry.objects.create(
            seller=seller, kind=LedgerEntry.Kind.COMMISSION, amount=-commission, order=order
        )
    if shipping:
        LedgerEntry.objects.create(
            seller=seller, kind=LedgerEntry.Kind.SHIPPING, amount=shipping, order=order
        )


def cancellation_record(*, seller: Seller, order, by) -> None:
    """A cancelled order leaves nothing in its shop's balance: each kind of entry is reversed."""
    booked = LedgerEntry.objects.filter(order=order).values("kind").annotate(total=Sum("amount"))
    for row in booked:
        if row["total"]:
            LedgerEntry.objects.create(
                seller=seller,
                kind=LedgerEntry.Kind.REFUND,
                amount=-row["total"],
                order=order,
                note=_("Cancelled: reverses %(kind)s") % {"kind": LedgerEntry.Kind(row["kind"]).label},
                created_by=by,
            )


def refund_record(*, seller: Seller, order, line, amount: int, reason: str, by) -> None:
    """Refunded units leave the shop's sale, and the marketplace gives back its commission on them."""
    LedgerEntry.objects.create(
        seller=seller,
        kind=LedgerEntry.Kind.REFUND,
        amount=-amount,
        order=order,
        reference=f"line-{line.pk}",
        note=reason[:255],
        created_by=by,
    )
    commission = commission_for(seller, amount)
    if commission:
        LedgerEntry.objects.create(
            seller=seller,
            kind=LedgerEntry.Kind.COMMISSION,
            amount=commission,
            order=order,
            reference=f"line-{line.pk}",
            note=_("Commission given back on a refund"),
            created_by=by,
        )


def balance(seller: Seller) -> int:
    """What the marketplace owes the shop now: the sum of its statement, in đồng."""
    return LedgerEntry.objects.filter(seller=seller).aggregate(total=Sum("amount"))["total"] or 0


def booked_for(order, seller: Seller) -> dict[str, int]:
    """What one order booked on the shop's statement, by kind (sale, commission, shipping, …)."""
    return dict(
        LedgerEntry.objects.filter(order=order, seller=seller)
        .values_list("kind")
        .annotate(total=Sum("amount"))
    )


def balance_by_state(seller: Seller) -> dict:
    """The balance in true words: what is earned (delivered, or paid and on its way), what is still
    cash to collect on delivery or waiting for the shopper's payment, and what was paid out.
    {"earned", "will_receive", "to_collect", "awaiting_payment", "paid_out", "available"} in đồng;
    "available" is what the marketplace owes the shop now (earned less paid out)."""
    found = dict.fromkeys(("earned", "will_receive", "to_collect", "awaiting_payment", "paid_out"), 0)
    rows = (
        LedgerEntry.objects.filter(seller=seller)
        .values(
            "kind",
            "order__status",
            "order__purchase_part__purchase__payment_method",
            "order__purchase_part__purchase__status",
        )
        .annotate(total=Sum("amount"))
        .order_by()
    )
    names = {
        MoneyState.RECEIVED: "earned",
        MoneyState.WILL_RECEIVE: "will_receive",
        MoneyState.TO_COLLECT: "to_collect",
        MoneyState.AWAITING_PAYMENT: "awaiting_payment",
    }
    for row in rows:
        if row["kind"] == LedgerEntry.Kind.PAYOUT or row["order__status"] is None:
            found["paid_out"] += row["total"]
            continue
        state = money_state_of(
            row["order__status"],
            row["order__purchase_part__purchase__payment_method"],
            row["order__purchase_part__purchase__status"] == PurchaseStatus.PAID,
        )
        if state in names:
            found[names[state]] += row["total"]
    found["available"] = found["earned"] + found["paid_out"]
    return found


def statement(seller: Seller):
    """The shop's entries, oldest first, each with the running balance after it."""
    return (
        LedgerEntry.objects.filter(seller=seller)
        .select_related("order")
        .annotate(balance=Window(Sum("amount"), order_by=[F("created_at").asc(), F("pk").asc()]))
        .order_by("created_at", "pk")
    )


@transaction.atomic
def payout_record(*, seller: Seller, amount: int, bank_reference: str, by) -> LedgerEntry:
    """Staff paid the shop: the transfer's amount leaves its balance, with the bank's reference."""
    Seller.objects.select_for_update().get(pk=seller.pk)  # one payout at a time per shop
    if amount <= 0:
        raise ValidationError(_("A payout is more than 0 ₫."), code="payout_amount")
    owed = balance(seller)
    if amount > owed:
        raise ValidationError(
            _("The shop is owed %(balance)s: a payout cannot be larger.") % {"balance": format_vnd(owed)},
            code="payout_too_large",
        )
    if not bank_reference.strip():
        raise ValidationError(_("Give the bank transfer's reference."), code="payout_reference")
    return LedgerEntry.objects.create(
        seller=seller,
        kind=LedgerEntry.Kind.PAYOUT,
        amount=-amount,
        reference=bank_reference.strip()[:128],
        note=_("Transfer to %(bank)s %(account)s")
        % {"bank": seller.bank_code, "account": seller.bank_account_number},
        created_by=by,
    )
