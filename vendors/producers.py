"""Which producer a product names, when the seller centre or a bulk import leaves it unsaid."""

from .models import Producer


def product_producer_default(product) -> None:
    """A product with no producer is made by the shop selling it: the shop's own business."""
    if product.producer_id:
        return
    record = product.stockrecords.select_related("partner__vendor").first()
    vendor = getattr(record.partner, "vendor", None) if record else None
    if vendor is None:
        return
    if vendor.producer_id is None:
        producer, _created = Producer.objects.get_or_create(
            name=vendor.legal_name,
            ward_code=vendor.ward_code,
            defaults={"kind": vendor.kind, "street": vendor.street},
        )
        vendor.producer = producer
        vendor.save(update_fields=["producer"])
    product.producer_id = vendor.producer_id
    product.save(update_fields=["producer"])
