"""The seller centre: Oscar's dashboard, limited to the seller's own shop."""

import pytest
from django.contrib.auth import get_user_model
from oscar.core.loading import get_model

from tests.factories import PASSWORD, product_for_sale, seller_shop
from tests.forms import CREATE_URL, product_form
from vendors import lifecycle, selectors
from vendors.models import Seller

pytestmark = pytest.mark.django_db
Product = get_model("catalogue", "Product")


@pytest.fixture
def seller(client):
    """A seller signed in to the seller centre, with one product on sale."""
    seller = seller_shop()
    product_for_sale(seller, title="Ruốc hàu Vân Đồn hũ 200 g")
    client.force_login(seller.owner)
    return seller


def test_a_seller_lists_a_product_that_goes_live_in_their_shop(client, seller):
    response = client.post(CREATE_URL, product_form(seller.partner))
    assert response.status_code == 302, response.context and response.context["form"].errors
    product = Product.objects.get(title="Chả mực giã tay Hạ Long hộp 500 g")
    record = product.stockrecords.get()
    assert record.partner == seller.partner and record.price == 385000 and record.num_in_stock == 40
    assert product.producer == seller.producer
    assert selectors.sellable_products().filter(pk=product.pk).exists()
    assert product.title in client.get(seller.get_absolute_url(), {"sort_by": "newest"}).content.decode()
    assert "385.000\xa0₫" in client.get(product.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    ("price", "message"),
    [("385000.50", "đồng chẵn"), ("0", "lớn hơn 0"), ("-5", "lớn hơn 0")],
)
def test_prices_are_whole_positive_dong(client, seller, price, message):
    response = client.post(CREATE_URL, product_form(seller.partner, **{"stockrecords-0-price": price}))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Product.objects.filter(title="Chả mực giã tay Hạ Long hộp 500 g").exists()


def test_a_seller_cannot_list_a_product_under_another_shop(client, seller):
    other = seller_shop()
    response = client.post(CREATE_URL, product_form(other.partner))
    assert response.status_code == 200
    assert not Product.objects.filter(title="Chả mực giã tay Hạ Long hộp 500 g").exists()


def test_the_seller_centre_lists_only_the_sellers_own_products(client, seller):
    response = client.get("/dashboard/catalogue/")
    listed = {p.pk for p in response.context["products"].data.data}
    own = set(Product.objects.filter(stockrecords__partner=seller.partner).values_list("pk", flat=True))
    assert listed and listed <= own


@pytest.mark.parametrize("status", ["applied", "rejected", "suspended"])
def test_pending_rejected_or_suspended_sellers_cannot_list_products(client, status):
    seller = seller_shop()
    user = seller.owner
    Seller.objects.filter(pk=seller.pk).update(status=status)
    lifecycle.seller_centre_access_set(seller, allowed=False)
    assert client.login(username=user.email, password=PASSWORD)
    assert client.get(CREATE_URL).status_code == 403
    response = client.post(CREATE_URL, product_form(seller.partner))
    assert response.status_code == 403
    assert not get_user_model().objects.get(pk=user.pk).has_perm("partner.dashboard_access")


def test_a_seller_edits_their_shop_page_and_shoppers_see_it(client, seller):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from marketplace.demo.images import shop_logo

    other = seller_shop()
    response = client.post(
        "/dashboard/shop/",
        {
            "shop_name": "HTX Nông sản sạch Ka Long",
            "story": "Ba thế hệ làm nông sản sạch bên bờ sông Ka Long.",
            "logo": SimpleUploadedFile("logo.png", shop_logo("Thử", 1), "image/png"),
        },
    )
    assert response.status_code == 302
    page = client.get(seller.get_absolute_url()).content.decode()
    assert "Ba thế hệ làm nông sản sạch bên bờ sông Ka Long." in page
    seller.refresh_from_db()
    assert seller.logo.url in page
    # Renamed everywhere at once: the partner the basket and the orders name carries the new name.
    assert seller.partner.name == seller.shop_name == "HTX Nông sản sạch Ka Long"
    other.refresh_from_db()
    assert other.story != seller.story


def test_a_logo_must_be_an_image(client, seller):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        "/dashboard/shop/",
        {"shop_name": seller.shop_name, "logo": SimpleUploadedFile("logo.png", b"%PDF-1.4 not an image")},
    )
    assert response.status_code == 200
    assert "logo" in response.context["form"].errors


def test_the_seller_centre_has_its_own_address_and_old_links_still_reach_it(client, seller):
    assert client.get("/dashboard/shop/stock/").status_code == 200
    old = client.get("/dashboard/sellers/shop/stock/?q=tra")
    assert old.status_code == 301 and old["Location"] == "/dashboard/shop/stock/?q=tra"
