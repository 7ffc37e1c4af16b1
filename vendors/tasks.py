"""Background work of the sellers app (in process without Redis, on a Celery worker with it)."""

import logging

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.utils.translation import gettext as _

from . import product_import
from .models import ProductImport

logger = logging.getLogger(__name__)


# The soft limit lets the run end "failed" with its reason; the hard one, a little later, kills a
# run that ignores it (then the next import, or the status page, reports it failed).
@shared_task(
    # The name queued tasks carry from before the package moved: pinned, so a deploy keeps them.
    name="sellers.tasks.product_import_run",
    soft_time_limit=settings.MARKETPLACE_IMPORT_TIME_LIMIT,
    time_limit=settings.MARKETPLACE_IMPORT_TIME_LIMIT + 30,
)
def product_import_run(import_id: int) -> str:
    job = ProductImport.objects.select_related("seller__partner").get(pk=import_id)
    try:
        return product_import.run(job).status
    except SoftTimeLimitExceeded:
        return product_import.fail(job, product_import.too_long_message()).status
    except Exception:
        # Whatever went wrong, the seller sees "failed", never an import running forever.
        logger.exception("Product import %s failed", import_id)
        return product_import.fail(
            job, _("The import stopped on an unexpected error; nothing was imported.")
        ).status
