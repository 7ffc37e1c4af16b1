"""Freshness: the index follows changes to products, stock, shops, categories and recognitions.

Changed products are gathered per transaction and reindexed once, after it commits (a task: in
process without Redis, on a Celery worker with it). A rolled-back change queues nothing.
"""

from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from oscar.core.loading import get_model

from vendors.models import OcopRecognition, Seller
from vendors.provenance.models import RegisteredCode, VietGapCertificate

Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")
StockRecord = get_model("partner", "StockRecord")

PENDING = "_productsearch_pending"


def queue_reindex(product_ids) -> None:
    # One flush per transaction: reuse the set if this transaction already has a flush queued.
    # A rolled-back transaction drops its callbacks, and so the set they would have flushed.
    pending = getattr(connection, PENDING, None)
    queued = pending is not None and any(entry[1] is _flush for entry in connection.run_on_commit)
    if not queued:
        pending = set()
        setattr(connection, PENDING, pending)
    pending.update(product_ids)
    if not queued:
        # Outside a transaction this runs at once; inside, after the commit.
        transaction.on_commit(_flush, robust=True)


def _flush() -> None:
    from .tasks import reindex_products

    ids = sorted(getattr(connection, PENDING, None) or ())
    setattr(connection, PENDING, None)
    if ids:
        reindex_products.delay(ids)


@receiver([post_save, post_delete], sender=Product)
def product_changed(sender, instance, **kwargs):
    queue_reindex([instance.pk])


@receiver([post_save, post_delete], sender=StockRecord)
@receiver([post_save, post_delete], sender=ProductCategory)
@receiver([post_save, post_delete], sender=OcopRecognition)
def product_part_changed(sender, instance, **kwargs):
    queue_reindex([instance.product_id])


@receiver(post_save, sender=Seller)
def seller_changed(sender, instance, **kwargs):
    # A shop suspended or reactivated takes all its products off the index or back on.
    queue_reindex(
        StockRecord.objects.filter(partner_id=instance.partner_id).values_list("product_id", flat=True)
    )


@receiver(post_save, sender=RegisteredCode)
def code_changed(sender, instance, **kwargs):
    # A revoked code delists (or flags) every product that relies on it.
    queue_reindex(instance.products.values_list("pk", flat=True))


@receiver(m2m_changed, sender=RegisteredCode.products.through)
def code_attached(sender, instance, action, pk_set, reverse, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if reverse:  # product.registered_codes changed
        queue_reindex([instance.pk])
    elif pk_set:
        queue_reindex(pk_set)


@receiver([post_save, post_delete], sender=VietGapCertificate)
def vietgap_changed(sender, instance, **kwargs):
    queue_reindex(Product.objects.filter(producer_id=instance.producer_id).values_list("pk", flat=True))
