"""Factories for the tests' own data: each test builds what it reads, whatever else the database holds."""

import datetime
import io
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.utils import timezone
from oscar.apps.catalogue.categories import create_from_breadcrumbs
from oscar.core.loading import get_model
from PIL import Image as Picture
from wagtail.images.models import Image
from wagtail.rich_text import RichText

from marketplace import wards
from marketplace.cms.models import ExperienceIndexPage, ExperiencePage, StoryPage, StoryProduct
from marketplace.cms.stories import corner_for
from marketplace.purchases.shipping import shipping_defaults_create
from vendors import lifecycle, recognitions
from vendors.models import BusinessKind, OcopGroup, Producer, Seller
from vendors.provenance import gs1
from vendors.provenance import services as provenance

Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductClass = get_model("catalogue", "ProductClass")
Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")


PASSWORD = "secret-pass-123"  # every factory-made account's, to sign in through a form


def a_ward_code() -> int:
    return int(wards.wards()[0].code)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()

    email = factory.Sequence(lambda n: f"user{n}@example.vn")
    username = factory.SelfAttribute("email")
    password = factory.django.Password(PASSWORD)


class StaffFactory(UserFactory):
    """Province staff: the dashboard, the CMS and Django's admin, as the demo's admin account."""

    email = factory.Sequence(lambda n: f"can-bo{n}@example.vn")
    is_staff = True
    is_superuser = True


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


class SellerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Seller

    partner = factory.SubFactory(PartnerFactory, name=factory.SelfAttribute("..shop_name"))
    owner = factory.SubFactory(UserFactory)
    producer = factory.SubFactory(ProducerFactory)
    kind = BusinessKind.COOPERATIVE
    legal_name = factory.Sequence(lambda n: f"HTX Thử nghiệm {n}")
    ward_code = factory.LazyFunction(a_ward_code)
    shop_name = factory.Sequence(lambda n: f"Gian hàng thử {n}")
    slug = factory.Sequence(lambda n: f"gian-hang-thu-{n}")
    status = Seller.Status.ACTIVE
    activated_at = factory.LazyFunction(timezone.now)


def goods_class():
    """The product class of goods that are shipped (the seller centre's create form names it)."""
    product_class, _ = ProductClass.objects.get_or_create(
        slug="hang-hoa", defaults={"name": "Hàng hóa", "requires_shipping": True, "track_stock": True}
    )
    return product_class


def open_shop(**kwargs):
    """An activated shop with the delivery options activation gives it."""
    seller = SellerFactory(**kwargs)
    shipping_defaults_create(seller)
    return seller


def seller_shop(**kwargs):
    """An open shop whose owner works in the seller centre (and their corner of the CMS), as
    activation leaves a shop."""
    seller = open_shop(**kwargs)
    lifecycle.seller_centre_access_set(seller, allowed=True)
    return seller


def product_for_sale(
    seller, *, title="Chả mực thử nghiệm", price=1_250_000, stock=10, stars=4, on=None, category=None
):
    """A public product sold by the seller, with stock, (if stars) an OCOP recognition, and (if a
    category path is given, "Đồ uống > Trà") its category."""
    product = Product.objects.create(
        title=title,
        product_class=goods_class(),
        structure=Product.STANDALONE,
        producer=seller.producer,
        is_public=True,
    )
    if category:
        ProductCategory.objects.create(product=product, category=create_from_breadcrumbs(category))
    StockRecord.objects.create(
        product=product,
        partner=seller.partner,
        partner_sku=f"sku-{product.pk}",
        price=Decimal(price),
        price_currency="VND",
        num_in_stock=stock,
    )
    if stars:
        recognitions.recognition_record(
            product=product,
            producer=seller.producer,
            stars=stars,
            score={3: 60, 4: 80, 5: 95}[stars],
            group=OcopGroup.FOOD,
            decision_number=f"{product.pk}/QĐ-UBND",
            decision_date=on or timezone.localdate() - datetime.timedelta(days=30),
        )
    return product


def batch_of(product, *, lot_code="L2611-01"):
    """A batch of the product with its harvest step; a product without a barcode gets a GTIN-13
    first (the trace page's link is built from it), in a range the demo's barcodes never use."""
    if not product.upc:
        product.upc = gs1.with_check_digit(f"893999{product.pk:06d}")
        product.save()
    today = timezone.localdate()
    batch = provenance.batch_record(
        product=product,
        lot_code=lot_code,
        harvested_on=today - datetime.timedelta(days=20),
        packed_on=today - datetime.timedelta(days=18),
        quantity=100,
    )
    provenance.batch_event_add(
        batch=batch,
        kind="harvest",
        happened_on=today - datetime.timedelta(days=20),
        place="Đồi chè Thác Lạc",
        note=f"Hái búp đầu vụ cho {product.title}",
    )
    return batch


# --- CMS pages: each under the site's one section of its kind (the home page's children) ---------


def a_picture(title="Vườn cam Vân Đồn", colour=(20, 140, 60)) -> Image:
    """A picture in the CMS's library, of one colour."""
    data = io.BytesIO()
    Picture.new("RGB", (640, 480), colour).save(data, "JPEG")
    return Image.objects.create(title=title, file=ImageFile(data, name="anh-thu.jpg"))


def story_page(shop, *, title, slug, products=(), quote="", live=True, **fields) -> StoryPage:
    """A producer's story in the shop's corner of the CMS, published unless `live=False`, naming
    its products (the first in a buy block) and with the quote, if any."""
    body = [("paragraph", RichText(f"<p>{shop.shop_name} kể chuyện làm ra sản phẩm của mình.</p>"))]
    if quote:
        body.append(("quote", {"text": quote, "who": shop.shop_name}))
    if products:
        body.append(("buy", {"product": products[0], "note": "Mua ngay từ gian hàng của nhà sản xuất."}))
    fields.setdefault("intro", f"Chuyện của {shop.shop_name}.")
    page = corner_for(shop).add_child(
        instance=StoryPage(title=title, slug=slug, body=body, live=False, **fields)
    )
    for order, product in enumerate(products):
        StoryProduct.objects.create(page=page, product=product, sort_order=order)
    if live:
        page.save_revision().publish()
        page.refresh_from_db()
    return page


def experience_page(shop, *, title="Tour vườn thử", slug="tour-vuon-thu", **fields) -> ExperiencePage:
    """A published visit the shop sells by date, in the site's experiences section."""
    fields = {
        "intro": "Nửa ngày trong vườn cùng nhà vườn.",
        "ward_code": 7030,
        "season": "Quanh năm",
        "price": 250_000,
        "capacity_per_date": 20,
        **fields,
    }
    page = ExperienceIndexPage.objects.get().add_child(
        instance=ExperiencePage(title=title, slug=slug, shop=shop, **fields)
    )
    page.save_revision().publish()
    page.refresh_from_db()
    return page
