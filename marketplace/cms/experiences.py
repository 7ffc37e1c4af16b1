"""Experiences on sale: each published experience page is sold as an Oscar product that needs no
shipping, with the visit's date as the line's option (booking the dates is the purchase's business:
`marketplace.purchases.booking`).
"""

import os
from decimal import Decimal

from django.core.files.base import ContentFile
from oscar.core.loading import get_model

from .models import ExperiencePage

Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
Option = get_model("catalogue", "Option")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")

VISIT_DATE = "ngay-tham-quan"


def visit_date_option():
    option, _created = Option.objects.get_or_create(
        code=VISIT_DATE, defaults={"name": "Ngày tham quan", "type": Option.DATE, "required": True}
    )
    return option


def product_sync(page) -> None:
    """Create or update the product that sells visits of this experience (public while the page is live)."""
    product_class, _created = ProductClass.objects.get_or_create(
        slug="trai-nghiem-dat-cho",
        defaults={"name": "Trải nghiệm đặt chỗ", "requires_shipping": False, "track_stock": False},
    )
    product = page.product
    if product is None:
        product = Product(structure=Product.STANDALONE, product_class=product_class)
    product.title = page.title
    product.description = page.intro
    product.is_public = page.live
    product.producer = page.shop.producer
    product.save()
    product.product_options.add(visit_date_option())
    # One shop sells the visits: the page's (if the page changes hands, the old offer goes).
    StockRecord.objects.filter(product=product).exclude(partner=page.shop.partner).delete()
    StockRecord.objects.update_or_create(
        product=product,
        partner=page.shop.partner,
        defaults={
            "partner_sku": f"trai-nghiem-{page.pk}",
            "price": Decimal(page.price),
            "price_currency": "VND",
        },
    )
    if page.product_id != product.pk:
        ExperiencePage.objects.filter(pk=page.pk).update(product=product)
        page.product = product
    picture_sync(page, product)


def product_withdraw(page) -> None:
    """A deleted experience is no longer on sale: its product is hidden (it stays for the orders
    that name it)."""
    if page.product_id is None:
        return
    product = Product.objects.filter(pk=page.product_id).first()
    if product is not None and product.is_public:
        product.is_public = False
        product.save()


def picture_sync(page, product) -> None:
    """The experience's picture is its product's, so cards, the basket and search results show it
    rather than Oscar's "Image Not Available". Copied once per picture: the file's name says which."""
    hero = page.hero_image
    mark = f"trai-nghiem-{page.pk}-anh-{hero.pk}-" if hero is not None else None
    images = list(product.images.all())
    if mark and any(os.path.basename(image.original.name).startswith(mark) for image in images):
        return
    for image in images:  # the product shows the page's picture only: an old one goes
        image.delete()
    if hero is None:
        return
    try:
        with hero.file.open("rb") as source:
            content = ContentFile(source.read(), name=mark + os.path.basename(hero.file.name))
    except OSError:  # the picture's file is gone from storage: the page still saves, without it
        return
    ProductImage.objects.create(product=product, original=content, caption=hero.title[:200], display_order=0)
