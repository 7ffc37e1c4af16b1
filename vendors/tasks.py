"""Background work of the vendors app (in process without Redis, on a Celery worker with it)."""

from celery import shared_task

from . import product_import
from .models import ProductImport


@shared_task
def product_import_run(import_id: int) -> str:
    job = ProductImport.objects.select_related("vendor__partner").get(pk=import_id)
    return product_import.run(job).status
