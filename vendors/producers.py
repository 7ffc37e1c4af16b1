"""Which producer a product names, when the seller centre or a bulk import leaves it unsaid."""

from .models import Producer


def product_producer_default(product) -> None:
    """A product with no producer is made by the shop selling it: the shop's own business."""
    if product.producer_id:
        return
    record = product.stockrecords.select_related("partner__seller").first()
    seller = getattr(record.partner, "seller", None) if record else None
    if seller is None:
        return
    if seller.producer_id is None:
        producer, _created = Producer.objects.get_or_create(
            name=seller.legal_name,
            ward_code=seller.ward_code,
            defaults={"kind": seller.kind, "street": seller.street},
        )
        seller.producer = producer
        seller.save(update_fields=["producer"])
    product.producer_id = seller.producer_id
    product.save(update_fields=["producer"])
