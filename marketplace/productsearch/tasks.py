"""Background work of the product search."""

import datetime

from celery import shared_task
from django.core.cache import cache
from django.utils import timezone
from oscar.core.loading import get_model

from .backends import get_backend

# How far back a lapse is still picked up (a server down for days is covered by a rebuild).
LAPSE_LOOKBACK = datetime.timedelta(days=7)
Product = get_model("catalogue", "Product")


@shared_task
def reindex_products(product_ids: list[int]) -> int:
    return get_backend().index(product_ids)


@shared_task
def refresh_lapsed_recognitions(today: datetime.date | None = None) -> int:
    """Recognitions and VietGAP certificates lapse at midnight with no save for the index to
    notice: rewrite their products' documents (on Celery beat). Searches already compare the
    stored last days with today, so this only tidies the documents (a lower recognition still in
    force, the sort by stars)."""
    from vendors.models import OcopRecognition
    from vendors.provenance.models import VietGapCertificate

    today = today or timezone.localdate()
    key = f"productsearch:lapsed:{today.isoformat()}"
    if cache.get(key):
        return 0
    lapsed = OcopRecognition.objects.filter(valid_until__gt=today - LAPSE_LOOKBACK, valid_until__lte=today)
    certificates = VietGapCertificate.objects.filter(
        expires_on__gt=today - LAPSE_LOOKBACK, expires_on__lte=today
    ).values("producer_id")
    ids = sorted(
        set(lapsed.values_list("product_id", flat=True))
        | set(Product.objects.filter(producer_id__in=certificates).values_list("pk", flat=True))
    )
    if ids:
        get_backend().index(ids)
    cache.set(key, True, 60 * 60 * 26)
    return len(ids)
