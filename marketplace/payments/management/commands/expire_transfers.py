"""`manage.py expire_transfers`: cancel bank-transfer purchases unpaid past the deadline (run it hourly)."""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand

from marketplace.payments.services import expire_unpaid_transfers


class Command(BaseCommand):
    help = (
        "Cancel VietQR purchases whose transfer has not arrived in time, releasing their stock. Re-runnable."
    )

    def add_arguments(self, parser):
        parser.add_argument("--hours", type=float, default=settings.MARKETPLACE_TRANSFER_EXPIRY_HOURS)

    def handle(self, *args, hours, **options):
        expired = expire_unpaid_transfers(older_than=datetime.timedelta(hours=hours))
        self.stdout.write(f"{len(expired)} unpaid transfers expired: {', '.join(expired) or '-'}")
