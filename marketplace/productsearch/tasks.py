"""Background work of the product search."""

from celery import shared_task

from .backends import get_backend


@shared_task
def reindex_products(product_ids: list[int]) -> int:
    return get_backend().index(product_ids)
