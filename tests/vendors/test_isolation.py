"""Isolation in the seller centre: every seller-centre URL × every role.

A seller never sees or changes another shop's products, stock, orders or order lines — not in
lists and not by guessing ids; staff see everything. CI runs this on PostgreSQL.
"""

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from tests.factories import SellerFactory, StaffFactory, UserFactory, product_for_sale, seller_shop
from tests.oscar_orders import place_oscar_order
from vendors import lifecycle
from vendors.models import Seller

pytestmark = pytest.mark.django_db
Product = get_model("catalogue", "Product")
Order = get_model("order", "Order")
Line = get_model("order", "Line")
PASSWORD = "matrix-pass-123"

ROLES = ["anonymous", "shopper", "pending", "seller_a", "seller_b", "suspended", "staff"]


@pytest.fixture
def world():
    """Shops A and B with their sellers and products, an order of A's alone, and a mixed order
    with a line of each; an applicant, a suspended seller, a shopper and staff."""
    a, b = seller_shop(), seller_shop()
    pending = SellerFactory(status=Seller.Status.APPLIED, activated_at=None)
    suspended = seller_shop()
    product_for_sale(suspended)
    admin = StaffFactory()
    lifecycle.seller_suspend(seller=suspended, by=admin, reason="Kiểm tra chất lượng.")
    users = {
        "shopper": UserFactory(),
        "pending": pending.owner,
        "seller_a": a.owner,
        "seller_b": b.owner,
        "suspended": suspended.owner,
        "staff": admin,
    }
    for user in users.values():
        user.set_password(PASSWORD)
        user.save()
    product_a = product_for_sale(a, title="Chả mực Hạ Long A")
    product_b = product_for_sale(b, title="Trà hoa vàng B")
    place_oscar_order(
        number="A-ONLY-1", shopper=users["shopper"], lines=[(product_a, 2)], ward_name="Phường Hạ Long"
    )
    mixed = place_oscar_order(
        number="MIXED-1",
        shopper=users["shopper"],
        lines=[(product_a, 1), (product_b, 1)],
        ward_name="Phường Hạ Long",
    )
    return {
        "a": a,
        "b": b,
        "users": users,
        "product_a": product_a,
        "order_a": mixed,
        "line_a": mixed.lines.get(partner=a.partner),
        "line_b": mixed.lines.get(partner=b.partner),
        "pending_seller": pending,
    }


def urls(world):
    """Every seller-centre URL, with shop A's objects where the URL names one."""
    product, order, line = world["product_a"], world["order_a"], world["line_a"]
    return {
        "index": reverse("dashboard:index"),
        "product list": reverse("dashboard:catalogue-product-list"),
        "product create": reverse(
            "dashboard:catalogue-product-create", kwargs={"product_class_slug": "hang-hoa"}
        ),
        "product A edit": reverse("dashboard:catalogue-product", kwargs={"pk": product.pk}),
        "product A delete": reverse("dashboard:catalogue-product-delete", kwargs={"pk": product.pk}),
        "order list": reverse("dashboard:order-list"),
        "order with A": reverse("dashboard:order-detail", kwargs={"number": order.number}),
        "order line A": reverse(
            "dashboard:order-line-detail", kwargs={"number": order.number, "line_id": line.pk}
        ),
        "shop page": reverse("dashboard:shop-profile"),
        "import": reverse("dashboard:shop-import"),
        "statement": reverse("dashboard:shop-statement"),
        "shop A ledger (staff)": reverse("dashboard:seller-ledger", kwargs={"pk": world["a"].pk}),
        "activation queue": reverse("dashboard:seller-list"),
        "applicant": reverse("dashboard:seller-detail", kwargs={"pk": world["pending_seller"].pk}),
        "payments desk": reverse("dashboard:payments-desk"),
    }


SELLER_CENTRE = ["index", "product list", "product create", "order list", "shop page", "import", "statement"]
SHOP_A_OBJECTS = ["product A edit", "product A delete", "order line A"]
STAFF_ONLY = ["activation queue", "applicant", "shop A ledger (staff)", "payments desk"]

EXPECTED = {
    "anonymous": dict.fromkeys([*SELLER_CENTRE, *SHOP_A_OBJECTS, "order with A", *STAFF_ONLY], "login"),
    "shopper": dict.fromkeys([*SELLER_CENTRE, *SHOP_A_OBJECTS, "order with A", *STAFF_ONLY], 403),
    "pending": dict.fromkeys([*SELLER_CENTRE, *SHOP_A_OBJECTS, "order with A", *STAFF_ONLY], 403),
    "suspended": dict.fromkeys([*SELLER_CENTRE, *SHOP_A_OBJECTS, "order with A", *STAFF_ONLY], 403),
    "seller_a": {
        **dict.fromkeys([*SELLER_CENTRE, *SHOP_A_OBJECTS, "order with A"], 200),
        **dict.fromkeys(STAFF_ONLY, 403),
    },
    # The mixed order holds a line of B's too: B opens it, but sees only B's line (checked below).
    "seller_b": {
        **dict.fromkeys([*SELLER_CENTRE, "order with A"], 200),
        **dict.fromkeys(SHOP_A_OBJECTS, 404),
        **dict.fromkeys(STAFF_ONLY, 403),
    },
    # Staff see everything; the seller's own shop pages have nothing to show someone with no shop.
    "staff": {
        **dict.fromkeys([*SELLER_CENTRE, *SHOP_A_OBJECTS, "order with A", *STAFF_ONLY], 200),
        "shop page": 404,
        "import": 404,
        "statement": 404,
    },
}


@pytest.mark.parametrize("role", ROLES)
def test_every_seller_centre_url_for_every_role(client, world, role):
    if role != "anonymous":
        assert client.login(username=world["users"][role].email, password=PASSWORD)
    outcomes = {}
    for name, url in urls(world).items():
        response = client.get(url)
        if response.status_code == 302 and "login" in response["Location"]:
            outcomes[name] = "login"
        else:
            outcomes[name] = response.status_code
    assert outcomes == EXPECTED[role]


def test_lists_show_a_seller_only_their_own_products_and_orders(client, world):
    client.login(username=world["users"]["seller_b"].email, password=PASSWORD)
    products = client.get(reverse("dashboard:catalogue-product-list")).context["products"].data.data
    assert products.exists()
    assert not products.filter(stockrecords__partner=world["a"].partner).exists()
    orders = client.get(reverse("dashboard:order-list")).context["orders"]
    numbers = {o.number for o in orders}
    a_only = set(
        Order.objects.filter(lines__partner=world["a"].partner)
        .exclude(number="MIXED-1")
        .values_list("number", flat=True)
    )
    assert a_only and not numbers & a_only
    assert "MIXED-1" in numbers


def test_a_mixed_order_shows_each_seller_only_their_own_line(client, world):
    client.login(username=world["users"]["seller_b"].email, password=PASSWORD)
    response = client.get(reverse("dashboard:order-detail", kwargs={"number": "MIXED-1"}))
    assert list(response.context["lines"]) == [world["line_b"]]
    html = response.content.decode()
    assert world["line_b"].title in html
    assert world["line_a"].title not in html


def test_guessed_ids_change_nothing_of_another_shop(client, world):
    client.login(username=world["users"]["seller_b"].email, password=PASSWORD)
    product = world["product_a"]
    record = product.stockrecords.get()
    assert (
        client.post(reverse("dashboard:catalogue-product-delete", kwargs={"pk": product.pk})).status_code
        == 404
    )
    assert Product.objects.filter(pk=product.pk).exists()
    edit = client.post(reverse("dashboard:catalogue-product", kwargs={"pk": product.pk}), {"title": "Hacked"})
    assert edit.status_code == 404
    record.refresh_from_db()
    assert Product.objects.get(pk=product.pk).title != "Hacked"
    # Oscar's line action on A's line, posted by hand on the order B can open: nothing happens…
    line_a = world["line_a"]
    action = {
        "line_action": "change_line_statuses",
        "selected_line": [line_a.pk],
        f"selected_line_qty_{line_a.pk}": line_a.quantity,
        "new_status": "Confirmed",
    }
    url = reverse("dashboard:order-detail", kwargs={"number": "MIXED-1"})
    client.post(url, action)
    line_a.refresh_from_db()
    assert line_a.status == "Pending"
    # …nor from A's own seller: a line moves only with its shop's steps (stock, ledger, e-mail),
    # never by Oscar's status change.
    client.login(username=world["users"]["seller_a"].email, password=PASSWORD)
    refused = client.post(url, action, follow=True)
    assert refused.status_code == 200
    line_a.refresh_from_db()
    assert line_a.status == "Pending"


def test_who_may_act_for_a_shop_is_one_rule():
    from django.contrib.auth.models import AnonymousUser

    from tests.factories import StaffFactory
    from vendors import lifecycle
    from vendors.selectors import may_act_for

    shop, other = seller_shop(), seller_shop()
    assert may_act_for(shop.owner, shop)
    assert not may_act_for(other.owner, shop)
    assert not may_act_for(AnonymousUser(), shop)
    assert may_act_for(StaffFactory(), shop)
    # Suspended, the owner no longer acts for the shop (the seller centre's permission is taken back).
    lifecycle.seller_centre_access_set(shop, allowed=False)
    owner = type(shop.owner).objects.get(pk=shop.owner.pk)  # permissions read afresh
    assert not may_act_for(owner, shop)
