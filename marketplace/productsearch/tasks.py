"""Background work of the product search."""

import datetime

from celery import shared_task
from django.core.cache import cache
from django.utils import timezone

from .backends import get_backend

# How far back a lapse is still picked up (a server down for days is covered by a rebuild).
LAPSE_LOOKBACK = datetime.timedelta(days=7)


@shared_task
def reindex_products(product_ids: list[int]) -> int:
    return get_backend().index(product_ids)


@shared_task
def refresh_lapsed_recognitions(today: datetime.date | None = None) -> int:
    """Recognitions lapse at midnight with no save for the index to notice: reindex their products.

    Runs the first time the search is used on a new day (and nightly on Celery beat), so an
    expired recognition's stars leave the star filter as soon as the day turns.
    """
    from vendors.models import OcopRecognition

    today = today or timezone.localdate()
    key = f"productsearch:lapsed:{today.isoformat()}"
    if cache.get(key):
        return 0
    ids = sorted(
        set(
            OcopRecognition.objects.filter(
                valid_until__gt=today - LAPSE_LOOKBACK, valid_until__lte=today
            ).values_list("product_id", flat=True)
        )
    )
    if ids:
        get_backend().index(ids)
    cache.set(key, True, 60 * 60 * 26)
    return len(ids)
