"""Goods the marketplace does not sell are refused at every door, with the same words.

Three ways a product stops being sold: its shop is suspended, a code it relies on is revoked
(the "delist" rule), or it is unpublished. Each door — the product page, adding to the basket,
the basket merged on sign-in, the basket page, the checkout and the strategy any API would ask —
refuses all three.
"""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_class, get_model

from marketplace.purchases.models import Purchase
from tests.factories import SellerFactory, open_shop, product_for_sale
from tests.shopping import add, checkout_data
from vendors import lifecycle
from vendors.provenance import services as provenance

pytestmark = pytest.mark.django_db
Basket = get_model("basket", "Basket")
Product = get_model("catalogue", "Product")
Selector = get_class("partner.strategy", "Selector")
User = get_user_model()
NOT_SOLD = "“{}” không còn được bán."


def suspend_shop(product):
    seller = product.stockrecords.get().partner.seller
    lifecycle.seller_suspend(seller=seller, by=None, reason="Kiểm tra chất lượng")


def revoke_code(product):
    code = provenance.code_issue(
        code=f"VN-QNOR-{8000 + product.pk % 1000:04d}",  # clear of the demo registry's numbers
        kind="growing_domestic",
        crop="Chè",
        area_ha="2.00",
        ward_code=7030,
        issued_on=timezone.localdate() - datetime.timedelta(days=100),
    )
    provenance.code_attach(product=product, code_text=code.code)
    provenance.code_step(code=code, step="revoke", reason="Hết hiệu lực")


def unpublish(product):
    product.is_public = False
    product.save()


CLOSINGS = {"suspended shop": suspend_shop, "revoked code": revoke_code, "unpublished": unpublish}


@pytest.fixture(params=list(CLOSINGS))
def closed(request):
    """A product that was on sale, a product of another open shop, and how the first one closes."""
    shop = open_shop()
    product = product_for_sale(shop, title=f"Chè Ba Chẽ ({request.param})", price=200_000)
    other = product_for_sale(open_shop(), title="Trà hoa vàng", price=300_000)
    return product, other, CLOSINGS[request.param]


def messages_of(response):
    return [str(m) for m in response.context["messages"]] if response.context else []


def test_the_strategy_refuses_it_with_the_shared_words(closed):
    product, other, close = closed
    strategy = Selector().strategy()
    assert strategy.fetch_for_product(product).availability.is_available_to_buy
    close(product)
    product = Product.objects.get(pk=product.pk)
    info = Selector().strategy().fetch_for_product(product)
    assert not info.availability.is_available_to_buy
    assert info.availability.is_purchase_permitted(1) == (False, NOT_SOLD.format(product.title))
    assert Selector().strategy().fetch_for_product(other).availability.is_available_to_buy


def test_its_page_is_gone_and_it_cannot_be_added(client, closed):
    product, _other, close = closed
    url = product.get_absolute_url()
    assert client.get(url).status_code == 200
    close(product)
    assert client.get(url).status_code == 404

    response = client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1}, follow=True)
    assert NOT_SOLD.format(product.title) in messages_of(response)
    assert client.get(reverse("basket:summary")).context["basket"].num_lines == 0


def test_the_basket_page_and_the_checkout_refuse_it_once_it_closes(client, closed):
    product, other, close = closed
    add(client, product)
    add(client, other)
    close(product)

    basket_page = client.get(reverse("basket:summary"))
    assert NOT_SOLD.format(product.title) in basket_page.content.decode()

    response = client.post(reverse("checkout:index"), checkout_data(), follow=True)
    assert NOT_SOLD.format(product.title) in messages_of(response)
    assert not Purchase.objects.filter(email="khach@example.vn").exists()
    # The basket is kept as it was, for the shopper to remove the line.
    assert client.get(reverse("basket:summary")).context["basket"].num_lines == 2


def test_a_basket_merged_on_sign_in_leaves_it_out(client, closed):
    product, other, close = closed
    user = User.objects.create_user("lan@example.vn", "lan@example.vn", "mat-khau-123")
    add(client, product)
    add(client, other)
    close(product)

    response = client.post(
        reverse("customer:login"),
        {"login-username": "lan@example.vn", "login-password": "mat-khau-123", "login_submit": "1"},
        follow=True,
    )
    assert response.context["user"] == user
    assert NOT_SOLD.format(product.title) in messages_of(response)
    basket = Basket.open.get(owner=user)
    assert [line.product for line in basket.lines.all()] == [other]


def test_a_listing_asks_no_query_per_card_for_sellability(client, django_assert_max_num_queries, warm):
    # The cards' strategy reads the answer fetched with the products (with_card_data).
    warm("/catalogue/")
    with django_assert_max_num_queries(30):
        response = client.get("/catalogue/")
    assert len(response.context["products"]) == 24


def test_a_suspended_shops_product_shown_to_staff_still_cannot_be_bought(client, closed):
    product, _other, close = closed
    close(product)
    staff = SellerFactory().owner
    staff.is_staff = True
    staff.save()
    client.force_login(staff)
    response = client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1}, follow=True)
    assert NOT_SOLD.format(product.title) in messages_of(response)
