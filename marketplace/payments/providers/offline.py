"""The two ways to pay that need no gateway: cash on delivery and a VietQR bank transfer.

Neither has a server callback. Cash is recorded per order when the seller marks it delivered;
a transfer when staff see it on the bank statement (by hand or from the statement's CSV). Their
refunds are money a person hands back, so staff are told.
"""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from marketplace.purchases.status import CASH_ON_DELIVERY

from ..gateways.base import Gateway, Start


class CashOnDelivery(Gateway):
    code = CASH_ON_DELIVERY
    label = _("Cash on delivery")
    prepaid = False

    def start(self, payment, request) -> Start:
        return Start(instructions=_("Pay each shop's courier in cash when your parcel arrives."))


class VietQRTransfer(Gateway):
    code = "vietqr"
    label = _("Bank transfer (VietQR)")

    def is_configured(self) -> bool:
        # A code to scan needs an account to pay into.
        return bool(settings.MARKETPLACE_VIETQR_ACCOUNT and settings.MARKETPLACE_VIETQR_BANK_BIN)

    def start(self, payment, request) -> Start:
        return Start(
            instructions=_("Scan the code with your bank's app; the amount and the note are filled in.")
        )
