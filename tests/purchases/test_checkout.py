"""One basket, many shops: one checkout places one order per shop under one purchase."""

from decimal import Decimal

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from oscar.core.loading import get_model

from marketplace.purchases.ledger import commission_for
from marketplace.purchases.models import LedgerEntry, Purchase
from tests.factories import PASSWORD, UserFactory, open_shop, product_for_sale
from tests.shopping import add, checkout_data, option
from vendors.models import Seller

pytestmark = pytest.mark.django_db
StockRecord = get_model("partner", "StockRecord")
Order = get_model("order", "Order")


def test_a_two_shop_basket_becomes_one_purchase_of_two_orders(
    client, two_shops, django_capture_on_commit_callbacks
):
    a, b = two_shops["a"], two_shops["b"]
    add(client, two_shops["a1"], 1)
    add(client, two_shops["a2"], 1)
    add(client, two_shops["b1"], 2)
    page = client.get(reverse("checkout:index")).content.decode()
    assert a.shop_name in page and b.shop_name in page
    choices = {a: option(a, "flat"), b: option(b, "free_over")}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("checkout:index"), checkout_data(choices), follow=True)
    purchase = Purchase.objects.get(email="khach@example.vn")
    parts = {p.seller: p.order for p in purchase.parts.select_related("order", "seller")}
    assert set(parts) == {a, b}
    order_a, order_b = parts[a], parts[b]
    assert order_a.number != order_b.number and order_a.number.startswith(purchase.number)
    assert {line.partner for line in order_a.lines.all()} == {a.partner}
    assert {line.partner for line in order_b.lines.all()} == {b.partner}
    # Shop A: 470.000 ₫ of goods, express 60.000 ₫. Shop B: 1.300.000 ₫, free above 500.000 ₫.
    assert (order_a.total_incl_tax, order_a.shipping_incl_tax) == (Decimal("530000"), Decimal("60000"))
    assert (order_b.total_incl_tax, order_b.shipping_incl_tax) == (Decimal("1300000"), Decimal("0"))
    assert (purchase.goods_total, purchase.shipping_total, purchase.total) == (1_770_000, 60_000, 1_830_000)
    assert order_a.status == order_b.status == "Pending"
    # Stock is allocated, the basket is spent, the shopper sees both orders.
    assert StockRecord.objects.get(product=two_shops["b1"]).num_allocated == 2
    assert client.get(reverse("basket:summary")).context["basket"].is_empty
    html = response.content.decode()
    assert order_a.number in html and order_b.number in html and "1.830.000\xa0₫" in html
    # One e-mail to the shopper, one to each seller.
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted(["khach@example.vn", a.email or a.owner.email, b.email or b.owner.email])


def test_each_shop_books_its_sale_commission_and_shipping(client, two_shops):
    a = two_shops["a"]
    add(client, two_shops["a1"], 3)  # 1.050.000 ₫
    client.post(reverse("checkout:index"), checkout_data({a: option(a, "flat")}))
    entries = {e.kind: e.amount for e in LedgerEntry.objects.filter(seller=a)}
    assert entries == {"sale": 1_050_000, "commission": -52_500, "shipping": 60_000}
    assert sum(entries.values()) == 1_057_500


@pytest.mark.parametrize(
    ("rate", "goods", "commission"),
    [("0.05", 12_345, 617), ("0.05", 12_350, 618), ("0.033", 999_999, 33_000)],
)
def test_commission_is_rounded_half_up_to_the_dong(rate, goods, commission):
    seller = Seller(commission_rate=Decimal(rate))
    assert commission_for(seller, goods) == commission


def test_guests_check_out_too_and_see_their_thank_you_page(client, two_shops):
    b = two_shops["b"]
    add(client, two_shops["b1"])
    response = client.post(
        reverse("checkout:index"), checkout_data({b: option(b, "pickup")}, email="khach.le@example.vn")
    )
    purchase = Purchase.objects.get(email="khach.le@example.vn")
    assert purchase.user is None and purchase.shipping_total == 0
    assert response["Location"] == reverse("checkout:thank-you", kwargs={"number": purchase.number})
    assert client.get(response["Location"]).status_code == 200
    from django.test import Client

    assert Client().get(response["Location"]).status_code == 404  # not another visitor's to see


def test_members_find_their_purchases_in_their_account(client, two_shops):
    member = UserFactory(email="lan@example.vn")
    assert client.login(username="lan@example.vn", password=PASSWORD)
    a = two_shops["a"]
    add(client, two_shops["a1"])
    client.post(reverse("checkout:index"), checkout_data({a: option(a, "flat")}))
    purchase = Purchase.objects.get(user=member)
    listing = client.get(reverse("purchases:list")).content.decode()
    assert purchase.number in listing and "Chờ gian hàng xác nhận" in listing
    assert client.get(purchase.get_absolute_url()).status_code == 200


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"ward_code": "6694"}, "không thuộc tỉnh"),
        ({"phone": "123"}, "số điện thoại Việt Nam"),
        ({"email": ""}, "bắt buộc"),
    ],
)
def test_bad_address_is_explained_and_nothing_is_placed(client, two_shops, change, message):
    a = two_shops["a"]
    add(client, two_shops["a1"])
    response = client.post(reverse("checkout:index"), checkout_data({a: option(a, "flat")}, **change))
    assert response.status_code == 200 and message in response.content.decode()
    assert not Purchase.objects.exists() or not Purchase.objects.filter(email="khach@example.vn").exists()
    assert not client.get(reverse("basket:summary")).context["basket"].is_empty


def test_a_shipping_option_of_another_shop_is_refused(client, two_shops):
    a, b = two_shops["a"], two_shops["b"]
    add(client, two_shops["a1"])
    response = client.post(
        reverse("checkout:index"), checkout_data({}, **{f"shipping-{a.pk}": option(b, "pickup").pk})
    )
    assert f"Hãy chọn cách {a.shop_name} giao hàng." in response.content.decode()
    assert not Purchase.objects.filter(email="khach@example.vn").exists()


def test_a_price_change_since_the_basket_is_told_and_then_accepted(client, two_shops):
    a = two_shops["a"]
    add(client, two_shops["a1"])
    StockRecord.objects.filter(product=two_shops["a1"]).update(price=Decimal(370_000))
    response = client.post(reverse("checkout:index"), checkout_data({a: option(a, "flat")}), follow=True)
    assert "Giá của “Chả mực A” đã thay đổi từ 350.000\xa0₫ thành 370.000\xa0₫." in response.content.decode()
    assert not Purchase.objects.filter(email="khach@example.vn").exists()
    client.post(reverse("checkout:index"), checkout_data({a: option(a, "flat")}))
    purchase = Purchase.objects.get(email="khach@example.vn")
    assert purchase.goods_total == 370_000


def test_more_than_the_stock_is_refused_whole_and_the_basket_kept(client, two_shops):
    a, b = two_shops["a"], two_shops["b"]
    add(client, two_shops["a1"], 1)
    add(client, two_shops["b1"], 3)
    StockRecord.objects.filter(product=two_shops["b1"]).update(num_in_stock=2)
    response = client.post(
        reverse("checkout:index"), checkout_data({a: option(a, "flat"), b: option(b, "flat")}), follow=True
    )
    assert "Chỉ còn 2 “Trà hoa vàng B”" in response.content.decode()
    assert not Order.objects.filter(lines__product=two_shops["a1"]).exists()  # not even shop A's part
    assert StockRecord.objects.get(product=two_shops["a1"]).num_allocated in (None, 0)
    assert client.get(reverse("basket:summary")).context["basket"].num_lines == 2


def test_a_suspended_shop_in_the_basket_stops_the_checkout(client, two_shops):
    a = two_shops["a"]
    add(client, two_shops["a1"])
    Seller.objects.filter(pk=a.pk).update(status=Seller.Status.SUSPENDED)
    response = client.post(reverse("checkout:index"), checkout_data({a: option(a, "flat")}), follow=True)
    assert "“Chả mực A” không còn được bán." in response.content.decode()


def test_checkout_queries_do_not_grow_with_lines_or_shops(client):
    shops = [open_shop() for _ in range(4)]
    products = [
        product_for_sale(shop, title=f"Hàng {i}-{j}") for i, shop in enumerate(shops) for j in range(3)
    ]
    measured = []
    for batch in (products[:1], products[1:]):
        for product in batch:
            add(client, product)
        client.get(reverse("checkout:index"))
        with CaptureQueriesContext(connection) as ctx:
            client.get(reverse("checkout:index"))
        measured.append(len(ctx.captured_queries))
    one_line_one_shop, twelve_lines_four_shops = measured
    assert twelve_lines_four_shops == one_line_one_shop, measured
    assert twelve_lines_four_shops <= 30


def test_the_basket_groups_lines_by_shop_with_each_shops_subtotal(client, two_shops):
    a, b = two_shops["a"], two_shops["b"]
    add(client, two_shops["a1"])
    add(client, two_shops["b1"])
    add(client, two_shops["a2"])
    page = client.get(reverse("basket:summary")).content.decode()
    html = page[page.index('id="basket_formset"') :]
    # A's two lines sit together under A's name, before or after B's, never split by them.
    order = [html.index(t) for t in (a.shop_name, "Chả mực A", "Ruốc hàu A")]
    assert order == sorted(order)
    b_position = html.index(b.shop_name)
    assert not order[0] < b_position < order[2]
    assert "Theo gian hàng" in html and "470.000\xa0₫" in html and "650.000\xa0₫" in html


@pytest.mark.parametrize(
    ("quantity", "message"),
    [
        ("0", "Giá trị phải lớn hơn hoặc bằng 1"),
        ("-2", "Giá trị phải lớn hơn hoặc bằng 1"),
        ("11", "chỉ có thể mua tối đa 10 sản phẩm"),
    ],
)
def test_bad_quantities_are_refused_when_added(client, two_shops, quantity, message):
    response = client.post(
        reverse("basket:add", kwargs={"pk": two_shops["a1"].pk}), {"quantity": quantity}, follow=True
    )
    assert client.get(reverse("basket:summary")).context["basket"].is_empty
    assert message in response.content.decode()


def test_a_price_in_the_post_is_ignored(client, two_shops):
    a = two_shops["a"]
    add(client, two_shops["a1"])
    client.post(reverse("checkout:index"), checkout_data({a: option(a, "pickup")}, price="1", total="1"))
    assert Purchase.objects.get(email="khach@example.vn").total == 350_000


def test_the_e_mails_read_in_vietnamese_and_show_a_shops_name_as_typed(
    client, two_shops, django_capture_on_commit_callbacks
):
    a = two_shops["a"]
    a.shop_name = "HTX Chè & Mật ong <Ba Chẽ><script>alert(1)</script>"
    a.save(update_fields=["shop_name"])
    add(client, two_shops["a1"], 2)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("checkout:index"), checkout_data({a: option(a, "flat")}))
    order = Order.objects.get(lines__product=two_shops["a1"])
    shopper = next(m for m in mail.outbox if m.to == ["khach@example.vn"])
    body = shopper.body
    assert body.startswith("Cảm ơn bạn. Mỗi gian hàng sẽ gửi đơn hàng của mình:")
    # Plain text, as typed (not &amp;): a text/plain message with no HTML part, so nothing in it runs.
    assert f"Đơn hàng {order.number} của HTX Chè & Mật ong <Ba Chẽ><script>alert(1)</script>" in body
    assert shopper.content_subtype == "plain" and not getattr(shopper, "alternatives", [])
    assert f"2 × {two_shops['a1'].title}: 700.000\xa0₫" in body
    assert "Phí giao hàng:" in body and "Tổng cộng:" in body and "{%" not in body
    seller = next(m for m in mail.outbox if m.to == [a.email or a.owner.email])
    assert seller.body == f"2 × {two_shops['a1'].title}\nHãy mở kênh người bán để xác nhận đơn hàng."
