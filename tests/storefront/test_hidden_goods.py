"""Goods hidden from shoppers stay hidden at every door that names a product by its number:
wish lists, the catalogue's address fixer, the trace page and the CMS product chooser."""

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from marketplace.cms.stories import corner_for
from tests.factories import SellerFactory, UserFactory, batch_of, open_shop, product_for_sale, seller_shop
from tests.pages import text
from vendors import selectors
from vendors.models import Seller
from vendors.provenance import services as provenance
from vendors.provenance.models import Batch, RegisteredCode

pytestmark = pytest.mark.django_db
Product = get_model("catalogue", "Product")


def names(response, title: str) -> bool:
    """Whether the answer spells the title out, as HTML or as JSON (which escapes "í" as "\\u00ed")."""
    body = response.content.decode()
    return title in body or json.dumps(title)[1:-1] in body


@pytest.fixture
def seller():
    """A seller with two products on sale, each with a batch and its trace page."""
    seller = seller_shop()
    for title in ("Chè hoa vàng Ba Chẽ", "Miến dong Bình Liêu"):
        batch_of(product_for_sale(seller, title=title))
    return seller


def _batched_products(seller):
    return (
        selectors.sellable_products()
        .filter(stockrecords__partner=seller.partner, batches__isnull=False)
        .distinct()
        .order_by("pk")
    )


@pytest.fixture
def hidden(seller):
    """A product its seller took off the floor, with its batch."""
    product = _batched_products(seller).first()
    Product.objects.filter(pk=product.pk).update(is_public=False)
    product.refresh_from_db()
    return product


@pytest.fixture
def visible(seller, hidden):
    return _batched_products(seller).exclude(pk=hidden.pk).first()


@pytest.fixture
def shopper(client):
    user = UserFactory()
    client.force_login(user)
    return user


# --- Wish lists -------------------------------------------------------------------------------


def test_a_hidden_product_cannot_be_wished_for_and_its_title_is_not_shown(client, shopper, hidden, visible):
    for url in (
        f"/accounts/wishlists/add/{hidden.pk}/",
        f"/accounts/wishlists/create/with-product/{hidden.pk}/",
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert hidden.title not in response.content.decode()
    assert not shopper.wishlists.filter(lines__product=hidden).exists()
    own = shopper.wishlists.create(name="Quà Tết")
    assert client.get(f"/accounts/wishlists/{own.key}/add/{hidden.pk}/").status_code == 404
    # A product on sale is wished for as before.
    assert client.get(f"/accounts/wishlists/add/{visible.pk}/").status_code == 302
    assert shopper.wishlists.filter(lines__product=visible).exists()
    assert visible.title in text(client.get(f"/accounts/wishlists/create/with-product/{visible.pk}/"))


def test_wish_lists_still_ask_a_stranger_to_sign_in(client, hidden):
    response = client.get(f"/accounts/wishlists/add/{hidden.pk}/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


# --- The catalogue's address fixer ----------------------------------------------------------


def test_a_wrong_slug_of_a_hidden_product_answers_404_not_its_real_address(client, hidden, visible):
    response = client.get(f"/catalogue/x_{hidden.pk}/")
    assert response.status_code == 404 and "Location" not in response.headers
    assert hidden.slug not in response.content.decode()
    # A product on sale is still sent to its real address.
    moved = client.get(f"/catalogue/x_{visible.pk}/")
    assert moved.status_code == 301 and moved["Location"] == visible.get_absolute_url()


# --- The trace page -------------------------------------------------------------------------


def test_the_trace_page_of_a_hidden_products_batch_is_missing(client, hidden):
    batch = Batch.objects.filter(product=hidden).first()
    events = list(batch.events.all())
    for path in (
        batch.digital_link_path(),
        reverse("provenance:qr", args=[hidden.upc, batch.lot_code, "svg"]),
    ):
        response = client.get(path)
        assert response.status_code == 404, path
        page = response.content.decode()
        assert hidden.title not in page
        assert all(e.note not in page or not e.note for e in events)
        assert all(e.place not in page or not e.place for e in events)


def test_the_trace_page_of_a_closed_shops_batch_is_missing(client, seller):
    product = _batched_products(seller).first()
    batch = Batch.objects.filter(product=product).first()
    assert client.get(batch.digital_link_path()).status_code == 200
    Seller.objects.filter(pk=seller.pk).update(status=Seller.Status.SUSPENDED)
    response = client.get(batch.digital_link_path())
    assert response.status_code == 404 and product.title not in response.content.decode()


def test_a_product_delisted_by_a_revoked_code_keeps_its_trace_page_with_the_reason(client, seller):
    product = _batched_products(seller).first()
    batch = Batch.objects.filter(product=product).first()
    code = provenance.code_issue(
        code="VN-QNOR-8501",
        kind="growing_domestic",
        crop="Chè",
        area_ha="2.00",
        ward_code=7030,
        issued_on=timezone.localdate() - datetime.timedelta(days=100),
    )
    code.products.add(product)
    RegisteredCode.objects.filter(pk=code.pk).update(
        status=RegisteredCode.Status.REVOKED, status_reason="Hết hạn"
    )
    assert not selectors.is_sellable(Product.objects.get(pk=product.pk))
    page = client.get(batch.digital_link_path())
    assert page.status_code == 200 and product.title in text(page) and "đã bị thu hồi" in text(page)


# --- The CMS product chooser ----------------------------------------------------------------


def test_the_cms_product_chooser_names_no_hidden_or_other_shops_product(client, seller, hidden, visible):
    corner_for(seller)
    client.force_login(seller.owner)
    other = product_for_sale(open_shop(), title="Trà hoa vàng của gian khác")
    for product in (hidden, other):
        response = client.get(reverse("product_chooser:chosen", args=[product.pk]))
        assert response.status_code == 404 and not names(response, product.title)
        several = client.get(reverse("product_chooser:chosen_multiple"), {"id": [product.pk]})
        assert not names(several, product.title)
    assert names(client.get(reverse("product_chooser:chosen", args=[visible.pk])), visible.title)


def test_the_cms_shop_chooser_names_no_shop_that_is_not_open(client, seller):
    corner_for(seller)
    client.force_login(seller.owner)
    applied = SellerFactory(status=Seller.Status.APPLIED, activated_at=None)
    response = client.get(reverse("shop_chooser:chosen", args=[applied.pk]))
    assert response.status_code == 404 and not names(response, applied.shop_name)
