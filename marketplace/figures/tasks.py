"""The sales rollup as a Celery task, for beat."""

from celery import shared_task

from . import sales


@shared_task
def rollup_sales() -> int:
    return sales.rollup()
