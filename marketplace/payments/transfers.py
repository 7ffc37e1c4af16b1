"""Bank transfers (VietQR): staff mark one received, or settle many from a bank statement's CSV.

A statement row names its purchase by "OCOP <number>" in the transfer note and must pay the
purchase's total to the đồng; anything else is reported for staff and changes nothing.
"""

import csv
import io
import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from marketplace.amounts import DONG, parse_whole
from marketplace.purchases.models import Purchase

from .events import log
from .models import PaymentEvent
from .settlement import purchase_settle


def transfer_note(purchase) -> str:
    """The note the VietQR code fills in on the shopper's transfer; `match_statement` reads it back."""
    return f"OCOP {purchase.number}"


def awaits_transfer(purchase: Purchase) -> bool:
    """Whether the shopper still has to make this purchase's bank transfer."""
    return purchase.payment_method == "vietqr" and purchase.status == Purchase.Status.PLACED


@transaction.atomic
def transfer_received(*, purchase: Purchase, reference: str, by=None) -> bool:
    """Staff saw the transfer on the bank statement: settle every order once. False if already paid."""
    locked = Purchase.objects.select_for_update().get(pk=purchase.pk)
    if not awaits_transfer(locked):
        return False
    purchase_settle(locked, "vietqr", reference)
    log(
        gateway="vietqr",
        kind=PaymentEvent.Kind.STAFF,
        outcome="settled",
        purchase=locked,
        data={"reference": reference, "by": getattr(by, "pk", None)},
        message=_("Transfer received (bank reference %(reference)s).") % {"reference": reference},
    )
    return True


STATEMENT_COLUMNS = {"amount", "description"}


def statement_rows(text: str) -> list[dict] | None:
    """A bank statement's CSV rows, keys lower-cased and values trimmed; None without its columns."""
    reader = csv.DictReader(io.StringIO(text))
    headers = {(name or "").strip().lower() for name in reader.fieldnames or []}
    if not headers >= STATEMENT_COLUMNS:
        return None
    return [{(k or "").strip().lower(): (v or "").strip() for k, v in row.items()} for row in reader]


def match_statement(rows: list[dict], *, by=None) -> list[dict]:
    """Settle transfers from a bank statement's rows ({"amount", "description", "reference"}).

    A row names its purchase by "OCOP <number>" in the description. The amount must be the
    purchase's total to the đồng; anything else is reported for staff, and nothing changes.
    """
    report = []
    for row in rows:
        found = re.search(r"OCOP\s*(\d{12})", row.get("description", ""), re.IGNORECASE)
        purchase = Purchase.objects.filter(number=found.group(1)).first() if found else None
        try:
            # Banks group thousands with dots or commas ("700.000", "700,000"); "700,5" is no amount.
            amount = parse_whole(row.get("amount", ""), kind=DONG, thousands_marks=".,  ", at_most=10**15)
        except ValidationError:
            amount = None
        if purchase is None or purchase.payment_method != "vietqr":
            outcome = "unknown"
        elif amount != purchase.total:
            outcome = "amount_mismatch"
            log(
                gateway="vietqr",
                kind=PaymentEvent.Kind.STAFF,
                outcome=outcome,
                purchase=purchase,
                data=row,
                flagged=True,
                message=_("A transfer of %(amount)s ₫ names this purchase, whose total is %(total)s ₫.")
                % {"amount": row.get("amount", ""), "total": purchase.total},
            )
        elif transfer_received(purchase=purchase, reference=row.get("reference", "") or "statement", by=by):
            outcome = "settled"
        else:
            outcome = "already_paid" if purchase.status == Purchase.Status.PAID else "not_payable"
        report.append({**row, "purchase": purchase.number if purchase else "", "outcome": outcome})
    return report
