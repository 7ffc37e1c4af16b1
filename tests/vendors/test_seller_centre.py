"""The seller centre: Oscar's dashboard, limited to the seller's own shop."""

import pytest
from django.contrib.auth import get_user_model
from oscar.core.loading import get_model

from tests.forms import CREATE_URL, product_form
from vendors import selectors
from vendors.models import Vendor

pytestmark = pytest.mark.django_db
Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")


@pytest.fixture
def seller1(client):
    client.login(username="seller1@ocop.local", password="ocop-demo")
    return Vendor.objects.get(owner__email="seller1@ocop.local")


def test_a_seller_lists_a_product_that_goes_live_in_their_shop(client, seller1):
    response = client.post(CREATE_URL, product_form(seller1.partner))
    assert response.status_code == 302, response.context and response.context["form"].errors
    product = Product.objects.get(title="Chả mực giã tay Hạ Long hộp 500 g")
    record = product.stockrecords.get()
    assert record.partner == seller1.partner and record.price == 385000 and record.num_in_stock == 40
    assert product.producer == seller1.producer
    assert selectors.sellable_products().filter(pk=product.pk).exists()
    assert product.title in client.get(seller1.get_absolute_url(), {"sort_by": "newest"}).content.decode()
    assert "385.000\xa0₫" in client.get(product.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    ("price", "message"),
    [("385000.50", "đồng chẵn"), ("0", "lớn hơn 0"), ("-5", "lớn hơn 0")],
)
def test_prices_are_whole_positive_dong(client, seller1, price, message):
    response = client.post(CREATE_URL, product_form(seller1.partner, **{"stockrecords-0-price": price}))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Product.objects.filter(title="Chả mực giã tay Hạ Long hộp 500 g").exists()


def test_a_seller_cannot_list_a_product_under_another_shop(client, seller1):
    other = Vendor.objects.get(owner__email="seller2@ocop.local")
    response = client.post(CREATE_URL, product_form(other.partner))
    assert response.status_code == 200
    assert not Product.objects.filter(title="Chả mực giã tay Hạ Long hộp 500 g").exists()


def test_the_seller_centre_lists_only_the_sellers_own_products(client, seller1):
    response = client.get("/dashboard/catalogue/")
    listed = {p.pk for p in response.context["products"].data.data}
    own = set(Product.objects.filter(stockrecords__partner=seller1.partner).values_list("pk", flat=True))
    assert listed and listed <= own


@pytest.mark.parametrize("status", ["applied", "rejected", "suspended"])
def test_pending_rejected_or_suspended_sellers_cannot_list_products(client, status):
    vendor = Vendor.objects.filter(status="active").exclude(owner__email__startswith="seller").first()
    user = vendor.owner
    user.set_password("pw-123456")
    user.save()
    Vendor.objects.filter(pk=vendor.pk).update(status=status)
    from vendors import services

    services.seller_centre_access_set(vendor, allowed=False)
    client.login(username=user.email, password="pw-123456")
    assert client.get(CREATE_URL).status_code == 403
    response = client.post(CREATE_URL, product_form(vendor.partner))
    assert response.status_code == 403
    assert not get_user_model().objects.get(pk=user.pk).has_perm("partner.dashboard_access")


def test_a_seller_edits_their_shop_page_and_shoppers_see_it(client, seller1):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from marketplace.demo.images import shop_logo

    other = Vendor.objects.get(owner__email="seller2@ocop.local")
    response = client.post(
        "/dashboard/sellers/shop/",
        {
            "shop_name": seller1.shop_name,
            "story": "Ba thế hệ làm nông sản sạch bên bờ sông Ka Long.",
            "logo": SimpleUploadedFile("logo.png", shop_logo("Thử", 1), "image/png"),
        },
    )
    assert response.status_code == 302
    page = client.get(seller1.get_absolute_url()).content.decode()
    assert "Ba thế hệ làm nông sản sạch bên bờ sông Ka Long." in page
    seller1.refresh_from_db()
    assert seller1.logo.url in page
    other.refresh_from_db()
    assert other.story != seller1.story


def test_a_logo_must_be_an_image(client, seller1):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        "/dashboard/sellers/shop/",
        {"shop_name": seller1.shop_name, "logo": SimpleUploadedFile("logo.png", b"%PDF-1.4 not an image")},
    )
    assert response.status_code == 200
    assert "logo" in response.context["form"].errors
