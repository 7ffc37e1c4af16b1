"""The rollup as a Celery task, for beat (with REDIS_URL, where every process counts in Redis)."""

from celery import shared_task

from . import rollup


@shared_task
def rollup_counts() -> int | None:
    return rollup.rollup()
