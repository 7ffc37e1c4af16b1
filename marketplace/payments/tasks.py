"""Periodic payment work (Celery beat with REDIS_URL; otherwise run `manage.py expire_payments`)."""

from celery import shared_task
from django.core.management import call_command


@shared_task
def expire_payments() -> None:
    call_command("expire_payments")
