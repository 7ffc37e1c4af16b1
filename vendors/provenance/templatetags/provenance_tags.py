"""Provenance on the product page: the current batch (its trace page and QR) and the codes' standing."""

from django import template

from vendors.provenance import gs1
from vendors.provenance.models import RegisteredCode
from vendors.provenance.services import current_batch

register = template.Library()


@register.inclusion_tag("provenance/includes/product_provenance.html")
def product_provenance(product):
    batch = current_batch(product)
    codes = list(product.registered_codes.all())
    return {
        "batch": batch,
        "gtin14": gs1.gtin14(product.upc) if product.upc else "",
        "codes": codes,
        "troubled": [c for c in codes if c.status != RegisteredCode.Status.ACTIVE],
    }
