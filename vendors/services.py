"""A shop's default shipping options and its payouts; views, commands and the admin call these."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from marketplace.money import format_vnd

from .models import LedgerEntry, ShippingOption, Vendor

# --- Shipping ------------------------------------------------------------------------------


def shipping_defaults_create(vendor: Vendor) -> None:
    """A newly activated shop delivers at a flat fee, free above 500.000 ₫, or lets shoppers pick up."""
    if vendor.shipping_options.exists():
        return
    with translation.override(settings.LANGUAGE_CODE):  # stored text, in the floor's language
        _shipping_defaults_create(vendor)


def _shipping_defaults_create(vendor: Vendor) -> None:
    ShippingOption.objects.bulk_create(
        [
            ShippingOption(
                vendor=vendor,
                kind=ShippingOption.Kind.FREE_OVER,
                name=_("Standard delivery"),
                fee=30000,
                free_over=500000,
                display_order=0,
            ),
            ShippingOption(
                vendor=vendor,
                kind=ShippingOption.Kind.FLAT,
                name=_("Express delivery"),
                fee=60000,
                display_order=1,
            ),
            ShippingOption(
                vendor=vendor,
                kind=ShippingOption.Kind.PICKUP,
                name=_("Pickup at the shop"),
                fee=0,
                display_order=2,
            ),
        ]
    )


# --- Ledger ---------------------------------------------------------------------------------


@transaction.atomic
def payout_record(*, vendor: Vendor, amount: int, bank_reference: str, by) -> LedgerEntry:
    """Staff paid the shop: the transfer's amount leaves its balance, with the bank's reference."""
    from . import selectors

    Vendor.objects.select_for_update().get(pk=vendor.pk)  # one payout at a time per shop
    if amount <= 0:
        raise ValidationError(_("A payout is more than 0 ₫."), code="payout_amount")
    balance = selectors.ledger_balance(vendor)
    if amount > balance:
        raise ValidationError(
            _("The shop is owed %(balance)s: a payout cannot be larger.") % {"balance": format_vnd(balance)},
            code="payout_too_large",
        )
    if not bank_reference.strip():
        raise ValidationError(_("Give the bank transfer's reference."), code="payout_reference")
    return LedgerEntry.objects.create(
        vendor=vendor,
        kind=LedgerEntry.Kind.PAYOUT,
        amount=-amount,
        reference=bank_reference.strip()[:128],
        note=_("Transfer to %(bank)s %(account)s")
        % {"bank": vendor.bank_code, "account": vendor.bank_account_number},
        created_by=by,
    )
