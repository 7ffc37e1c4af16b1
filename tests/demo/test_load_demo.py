"""The demo command: the article's figures, real wards, and nothing duplicated on a second run."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import Count, Sum
from oscar.core.loading import get_model

from marketplace import wards
from vendors import selectors
from vendors.models import BusinessKind, OcopRecognition, Producer, Seller
from vendors.provenance import gs1
from vendors.provenance.models import Batch, BatchEvent, RegisteredCode, VietGapCertificate

pytestmark = pytest.mark.django_db
Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")
ProductImage = get_model("catalogue", "ProductImage")
User = get_user_model()


def counts():
    return {
        "users": User.objects.count(),
        "sellers": Seller.objects.count(),
        "producers": Producer.objects.count(),
        "products": Product.objects.count(),
        "stockrecords": StockRecord.objects.count(),
        "images": ProductImage.objects.count(),
        "recognitions": OcopRecognition.objects.count(),
        "codes": RegisteredCode.objects.count(),
        "code links": RegisteredCode.products.through.objects.count(),
        "vietgap": VietGapCertificate.objects.count(),
        "batches": Batch.objects.count(),
        "batch events": BatchEvent.objects.count(),
    }


def test_the_seller_funnel_matches_the_article():
    assert selectors.funnel_counts() == {"accounts": 332, "activated": 169, "open": 129}


def test_products_producers_and_stars_match_the_article():
    # The article's 432 OCOP goods; the demo's two bookable experiences are products too.
    assert Product.objects.filter(experience__isnull=True).count() == 432
    assert selectors.sellable_products().filter(experience__isnull=True).count() == 432
    assert Product.objects.filter(experience__isnull=False, is_public=True).count() == 2
    assert Producer.objects.count() == 235
    assert Producer.objects.filter(products__isnull=True).count() == 0
    active = OcopRecognition.objects.active()
    assert {s: active.filter(stars=s).count() for s in (5, 4, 3)} == {5: 5, 4: 107, 3: 320}


def test_the_registry_matches_the_article_and_every_product_has_a_batch():
    codes = RegisteredCode.objects.values("kind", "status").annotate(n=Count("pk"), ha=Sum("area_ha"))
    by = {(row["kind"], row["status"]): row for row in codes}
    assert by[("growing_export", "active")]["n"] == 34 and by[("growing_domestic", "active")]["n"] == 20
    growing_ha = by[("growing_export", "active")]["ha"] + by[("growing_domestic", "active")]["ha"]
    assert float(growing_ha) == pytest.approx(1049.32)
    assert by[("packing", "active")]["n"] == 7
    assert RegisteredCode.objects.filter(status="revoked").count() == 12
    assert float(VietGapCertificate.objects.aggregate(ha=Sum("area_ha"))["ha"]) == pytest.approx(322.35)
    demo = selectors.sellable_products().filter(upc__startswith="893", experience__isnull=True)
    assert demo.count() == 432 and not demo.filter(batches__isnull=True).exists()
    assert all(gs1.gtin_error(upc) == "" for upc in demo.values_list("upc", flat=True))


def test_sellers_are_of_every_kind_and_sit_in_real_quang_ninh_wards():
    province_wards = {int(w.code) for w in wards.wards(22)}
    assert len(province_wards) == 54
    assert set(Seller.objects.values_list("ward_code", flat=True)) <= province_wards
    assert set(Producer.objects.values_list("ward_code", flat=True)) <= province_wards
    assert set(Seller.objects.values_list("kind", flat=True)) == set(BusinessKind.values)


def test_every_product_has_a_whole_dong_price_stock_and_a_drawn_picture():
    for record in StockRecord.objects.all():
        assert record.price == int(record.price) and record.price >= 1000
        assert record.price_currency == "VND"
    # Goods count their stock; experiences count places per date instead (ExperienceDate).
    assert not StockRecord.objects.filter(
        product__experience__isnull=True, num_in_stock__isnull=True
    ).exists()
    assert not StockRecord.objects.filter(num_in_stock__lt=0).exists()
    # One picture each: the 432 goods' drawn ones, and the experiences' taken from their pages.
    assert not Product.objects.filter(images__isnull=True).exists()
    images = list(ProductImage.objects.filter(product__experience__isnull=True))
    assert len(images) == 432
    assert ProductImage.objects.count() == Product.objects.count()
    sample = Path(settings.MEDIA_ROOT) / images[0].original.name
    assert sample.read_bytes()[:3] == b"\xff\xd8\xff"  # a JPEG drawn by Pillow


def test_open_shops_have_a_drawn_logo_and_banner():
    for shop in selectors.open_sellers():
        assert shop.logo and shop.banner, shop
    assert (Path(settings.MEDIA_ROOT) / selectors.open_sellers().first().logo.name).read_bytes()[
        :4
    ] == b"\x89PNG"


def test_running_it_again_duplicates_nothing():
    before = counts()
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert counts() == before
    assert "332 seller accounts, 169 activated, 432 products of 235 producers" in out.getvalue()


def test_it_shows_progress_and_if_empty_skips_a_loaded_database():
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert "Products" in out.getvalue() and "432/432" in out.getvalue()
    skipped = io.StringIO()
    call_command("load_demo", "--if-empty", stdout=skipped)
    assert "already present" in skipped.getvalue()


@pytest.mark.parametrize(
    "email", ["admin@ocop.local", "seller1@ocop.local", "seller2@ocop.local", "shopper@ocop.local"]
)
def test_demo_accounts_sign_in_with_the_demo_password(client, email):
    assert client.login(username=email, password="ocop-demo")


def test_the_two_demo_sellers_run_two_different_open_shops():
    shop1 = Seller.objects.get(owner__email="seller1@ocop.local")
    shop2 = Seller.objects.get(owner__email="seller2@ocop.local")
    assert shop1 != shop2
    open_shops = selectors.open_sellers()
    assert open_shops.filter(pk=shop1.pk).exists() and open_shops.filter(pk=shop2.pk).exists()
    assert User.objects.get(email="admin@ocop.local").is_staff


def test_without_demo_accounts_no_account_gets_a_known_password():
    from marketplace.demo.loader import DemoLoader

    User.objects.filter(email__in=["admin@ocop.local", "shopper@ocop.local"]).delete()
    DemoLoader(io.StringIO(), with_accounts=False).run()
    assert not User.objects.filter(email__in=["admin@ocop.local", "shopper@ocop.local"]).exists()


def test_the_demo_sellers_have_orders_they_can_fulfil():
    from marketplace.purchases import fulfilment
    from marketplace.purchases.models import PurchaseOrder

    for email in ("seller1@ocop.local", "seller2@ocop.local"):
        parts = PurchaseOrder.objects.filter(seller__owner__email=email).select_related(
            "order", "seller__owner"
        )
        assert parts.count() == 3
        for part in parts:
            assert fulfilment.may_fulfil(part.seller.owner, part.order)
            assert fulfilment.next_steps(part.order) == ["confirm", "cancel"]
