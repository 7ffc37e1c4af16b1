"""Periodic payment work (Celery beat with REDIS_URL; otherwise run `manage.py expire_transfers`)."""

import datetime

from celery import shared_task
from django.conf import settings

from .services import expire_unpaid_transfers


@shared_task
def expire_transfers() -> int:
    hours = settings.MARKETPLACE_TRANSFER_EXPIRY_HOURS
    return len(expire_unpaid_transfers(older_than=datetime.timedelta(hours=hours)))
