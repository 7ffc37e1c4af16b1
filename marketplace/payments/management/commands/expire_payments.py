"""`manage.py expire_payments`: cancel prepaid purchases unpaid past their deadline (run it often)."""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand

from marketplace.payments import gateways
from marketplace.payments.expiry import expire_unpaid


class Command(BaseCommand):
    help = (
        "Cancel purchases whose bank transfer or gateway payment has not arrived in time, releasing "
        "their stock. A payment still pending at its gateway is asked about first. Re-runnable."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--hours",
            type=float,
            default=settings.MARKETPLACE_TRANSFER_EXPIRY_HOURS,
            help="Deadline of bank transfers (VietQR).",
        )
        parser.add_argument(
            "--minutes",
            type=float,
            default=settings.MARKETPLACE_GATEWAY_EXPIRY_MINUTES,
            help="Deadline of payments through a gateway (Viettel Pay, Stripe).",
        )

    def handle(self, *args, hours, minutes, **options):
        expired = expire_unpaid(methods=["vietqr"], older_than=datetime.timedelta(hours=hours))
        expired += expire_unpaid(methods=redirect_codes(), older_than=datetime.timedelta(minutes=minutes))
        self.stdout.write(f"{len(expired)} unpaid purchases expired: {', '.join(expired) or '-'}")


def redirect_codes() -> list[str]:
    return [code for code in settings.MARKETPLACE_PAYMENT_GATEWAYS if gateways.get(code).redirects]
