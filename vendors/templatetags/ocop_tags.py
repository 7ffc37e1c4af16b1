"""Template tags for OCOP badges and shop names on product cards and pages."""

from django import template

from marketplace import wards
from vendors import selectors

register = template.Library()


@register.simple_tag
def ocop_stars(product):
    return selectors.active_stars(product)


@register.simple_tag
def selling_seller(product):
    return selectors.selling_seller(product)


@register.filter
def ward_name(code):
    return wards.ward_name(code)


@register.simple_tag(takes_context=True)
def product_jsonld(context, product):
    """schema.org Product data for search engines: name, barcode, maker, and the offer as it stands."""
    import json

    from django.utils.html import strip_tags
    from django.utils.safestring import mark_safe
    from oscar.core.loading import get_class

    request = context["request"]
    Selector = get_class("partner.strategy", "Selector")
    info = Selector().strategy(request=request).fetch_for_product(product)
    data = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": product.get_title(),
        "description": strip_tags(product.description or "")[:500],
        "url": request.build_absolute_uri(product.get_absolute_url()),
    }
    image = product.primary_image()
    if getattr(image, "original", None):
        data["image"] = request.build_absolute_uri(image.original.url)
    if product.upc and len(product.upc) == 13:
        data["gtin13"] = product.upc
    if product.producer:
        data["brand"] = {"@type": "Brand", "name": product.producer.name}
    if info.price.exists:
        seller = selectors.selling_seller(product)
        data["offers"] = {
            "@type": "Offer",
            "price": str(int(info.price.incl_tax)),
            "priceCurrency": "VND",
            "availability": "https://schema.org/InStock"
            if info.availability.is_available_to_buy
            else "https://schema.org/OutOfStock",
            "url": data["url"],
            **({"seller": {"@type": "Organization", "name": seller.shop_name}} if seller else {}),
        }
    # Escape "<" so nothing in a product's text can close the script element.
    text = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")
    return mark_safe(f'<script type="application/ld+json">{text}</script>')
