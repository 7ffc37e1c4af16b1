"""Factories for the tests' own data, on top of the demo marketplace."""

import datetime
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone
from oscar.core.loading import get_model

from marketplace import wards
from vendors import recognitions
from vendors.models import BusinessKind, OcopGroup, Producer, Vendor

Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")


def a_ward_code() -> int:
    return int(wards.wards()[0].code)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()

    email = factory.Sequence(lambda n: f"user{n}@example.vn")
    username = factory.SelfAttribute("email")
    password = factory.django.Password("secret-pass-123")


class ProducerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Producer

    name = factory.Sequence(lambda n: f"HTX Thử nghiệm {n}")
    kind = BusinessKind.COOPERATIVE
    ward_code = factory.LazyFunction(a_ward_code)


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    name = factory.Sequence(lambda n: f"Shop {n}")


class VendorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vendor

    partner = factory.SubFactory(PartnerFactory, name=factory.SelfAttribute("..shop_name"))
    owner = factory.SubFactory(UserFactory)
    producer = factory.SubFactory(ProducerFactory)
    kind = BusinessKind.COOPERATIVE
    legal_name = factory.Sequence(lambda n: f"HTX Thử nghiệm {n}")
    ward_code = factory.LazyFunction(a_ward_code)
    shop_name = factory.Sequence(lambda n: f"Gian hàng thử {n}")
    slug = factory.Sequence(lambda n: f"gian-hang-thu-{n}")
    status = Vendor.Status.ACTIVE
    activated_at = factory.LazyFunction(timezone.now)


def product_for_sale(vendor, *, title="Chả mực thử nghiệm", price=1_250_000, stock=10, stars=4, on=None):
    """A public product sold by the vendor, with stock and (if stars) an OCOP recognition."""
    product_class, _ = ProductClass.objects.get_or_create(slug="hang-hoa", defaults={"name": "Hàng hóa"})
    product = Product.objects.create(
        title=title,
        product_class=product_class,
        structure=Product.STANDALONE,
        producer=vendor.producer,
        is_public=True,
    )
    StockRecord.objects.create(
        product=product,
        partner=vendor.partner,
        partner_sku=f"sku-{product.pk}",
        price=Decimal(price),
        price_currency="VND",
        num_in_stock=stock,
    )
    if stars:
        recognitions.recognition_record(
            product=product,
            producer=vendor.producer,
            stars=stars,
            score={3: 60, 4: 80, 5: 95}[stars],
            group=OcopGroup.FOOD,
            decision_number=f"{product.pk}/QĐ-UBND",
            decision_date=on or timezone.localdate() - datetime.timedelta(days=30),
        )
    return product
