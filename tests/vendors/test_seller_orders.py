"""The seller centre's orders: tabs by state with counts, search, steps on several orders at once,
packing slips, and no way around the shop's steps."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model
from pypdf import PdfReader

from shop.dashboard.orders.views import TABS
from tests.factories import product_for_sale, seller_shop
from tests.shopping import add, checkout_data, option

pytestmark = pytest.mark.django_db
Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")


def _buy(seller, product, **fields):
    shopper = Client()
    add(shopper, product, 1)
    shopper.post(reverse("checkout:index"), checkout_data({seller: option(seller, "pickup")}, **fields))
    return Order.objects.filter(lines__product=product).latest("pk")


@pytest.fixture
def shop_orders():
    users = [
        get_user_model().objects.create_user(f"ban{n}@example.vn", f"ban{n}@example.vn", "pw-123456")
        for n in range(2)
    ]
    mine, theirs = seller_shop(owner=users[0]), seller_shop(owner=users[1])
    product = product_for_sale(mine, title="Chả mực Hạ Long", price=200_000, stock=10)
    other = product_for_sale(theirs, title="Trà hoa vàng", price=100_000, stock=10)
    orders = [
        _buy(mine, product, name="Nguyễn Thị Lan", phone="0912345678", email="lan@example.vn"),
        _buy(mine, product, name="Trần Văn Hải", phone="0987654321", email="hai@example.vn"),
        _buy(mine, product, name="Lê Thu", phone="0911222333", email="thu@example.vn"),
    ]
    foreign = _buy(theirs, other, name="Phạm Minh", phone="0900000001", email="minh@example.vn")
    client = Client()
    client.login(username="ban0@example.vn", password="pw-123456")
    return {"client": client, "orders": orders, "foreign": foreign, "product": product}


def _tab_counts(page):
    return {tab["status"]: tab["count"] for tab in page.context["tabs"]}


def test_tabs_count_the_shops_orders_by_state(shop_orders):
    client = shop_orders["client"]
    page = client.get(reverse("dashboard:order-list"))
    assert _tab_counts(page) == {status.value: (3 if status == "Pending" else 0) for status, _ in TABS}
    html = page.content.decode()
    assert "Chờ xác nhận" in html and "Chờ đóng gói" in html and "Trả hàng" in html
    assert shop_orders["foreign"].number not in html
    pending = client.get(reverse("dashboard:order-list"), {"status": "Pending"})
    assert len(pending.context["orders"]) == 3


def test_search_by_phone_name_or_number(shop_orders):
    client = shop_orders["client"]
    lan = shop_orders["orders"][0]
    for typed in ["0912345678", "+84912345678", "Lan", lan.number]:
        found = [
            o.number for o in client.get(reverse("dashboard:order-list"), {"q": typed}).context["orders"]
        ]
        assert found == [lan.number], typed
    # The other shop's shopper is not found from this shop.
    assert not client.get(reverse("dashboard:order-list"), {"q": "0900000001"}).context["orders"]


def test_two_orders_confirmed_at_once_and_their_slips_printed(shop_orders):
    client = shop_orders["client"]
    lan, hai, thu = shop_orders["orders"]
    foreign = shop_orders["foreign"]
    response = client.post(
        reverse("dashboard:order-list"),
        {"action": "confirm_selected", "selected_order": [lan.pk, hai.pk, foreign.pk]},
        follow=True,
    )
    assert "Đã chuyển bước 2 đơn hàng." in response.content.decode()
    statuses = {o.number: o.status for o in Order.objects.all()}
    assert statuses[lan.number] == statuses[hai.number] == "Confirmed"
    assert statuses[thu.number] == "Pending" and statuses[foreign.number] == "Pending"
    assert _tab_counts(client.get(reverse("dashboard:order-list")))["Confirmed"] == 2

    slips = client.post(
        reverse("dashboard:order-list"), {"action": "print_slips", "selected_order": [lan.pk, hai.pk]}
    )
    assert slips["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(slips.content))
    assert len(reader.pages) == 2
    first = reader.pages[0].extract_text()
    assert lan.number in first and "Nguyễn Thị Lan" in first and "Chả mực Hạ Long" in first
    assert round(float(reader.pages[0].mediabox.width) / 72 * 25.4) == 105  # A6


def test_pack_at_once_refuses_orders_not_confirmed_and_says_which(shop_orders):
    client = shop_orders["client"]
    lan, hai, _thu = shop_orders["orders"]
    client.post(reverse("dashboard:order-list"), {"action": "confirm_selected", "selected_order": [lan.pk]})
    response = client.post(
        reverse("dashboard:order-list"),
        {"action": "pack_selected", "selected_order": [lan.pk, hai.pk]},
        follow=True,
    )
    html = response.content.decode()
    assert f"{hai.number}: Đơn hàng chưa thể chuyển sang bước này." in html
    assert (
        Order.objects.get(pk=lan.pk).status == "Packed" and Order.objects.get(pk=hai.pk).status == "Pending"
    )


def test_oscars_status_change_cannot_skip_the_shops_steps(shop_orders):
    client = shop_orders["client"]
    lan = shop_orders["orders"][0]
    client.post(
        reverse("dashboard:order-list"),
        {"action": "change_order_statuses", "selected_order": [lan.pk], "new_status": "Cancelled"},
    )
    client.post(
        reverse("dashboard:order-detail", kwargs={"number": lan.number}),
        {"order_action": "change_order_status", "new_status": "Cancelled"},
    )
    lan.refresh_from_db()
    assert lan.status == "Pending"
    assert StockRecord.objects.get(product=shop_orders["product"]).num_allocated == 3


def test_the_list_and_the_home_make_as_many_queries_for_six_orders_as_for_three(shop_orders):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = shop_orders["client"]

    def queries(url):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    before = {url: queries(url) for url in ["/dashboard/orders/", "/dashboard/"]}
    seller = shop_orders["product"].stockrecords.get().partner.seller
    for n in range(3):
        _buy(
            seller, shop_orders["product"], name=f"Khách {n}", phone=f"090000010{n}", email=f"k{n}@example.vn"
        )
    assert {url: queries(url) for url in before} == before


def test_the_orders_download_is_in_vietnamese_with_what_a_seller_packs_and_delivers(shop_orders):
    import csv

    client, lan = shop_orders["client"], shop_orders["orders"][0]
    response = client.post(
        reverse("dashboard:order-list"),
        {"action": "download_selected_orders", "selected_order": [lan.pk, shop_orders["foreign"].pk]},
    )
    assert response["Content-Disposition"].endswith('.csv"') or ".csv" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header, *lines = rows
    assert header[:3] == ["Mã đơn hàng", "Đặt lúc (ngày giờ)", "Trạng thái"]
    assert [line[0] for line in lines] == [lan.number]  # another shop's order is not in it
    row = dict(zip(header, lines[0], strict=True))
    assert row["Trạng thái"] == "Chờ gian hàng xác nhận" and row["Đã thanh toán"] == "chưa"
    assert row["Tổng cộng (₫)"] == "200000" and row["Người nhận"] == "Nguyễn Thị Lan"
    assert row["Điện thoại"].endswith("912345678") and row["Hàng hoá"] == "Chả mực Hạ Long × 1"
    assert row["Đặt lúc (ngày giờ)"][:4].isdigit() and row["Đặt lúc (ngày giờ)"][4] == "-"
    assert "Pending" not in response.content.decode("utf-8-sig")


def test_an_action_with_no_order_ticked_says_so_in_vietnamese(shop_orders):
    response = shop_orders["client"].post(
        reverse("dashboard:order-list"), {"action": "confirm_selected"}, follow=True
    )
    html = response.content.decode()
    assert "Hãy đánh dấu các đơn cần xử lý trước." in html
    assert "Bạn cần chọn vài" not in html


def test_a_seller_reads_their_order_on_a_page_of_their_own_in_vietnamese(shop_orders):
    client, lan = shop_orders["client"], shop_orders["orders"][0]
    page = client.get(reverse("dashboard:order-detail", kwargs={"number": lan.number}))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="seller-order"' in html
    # The next step as one button, the money and where it stands, the receiver to call, the items.
    assert 'value="confirm"' in html and "Xác nhận đơn hàng" in html
    assert "Thu tiền khi giao" in html  # cash on delivery, not yet delivered: money to collect
    assert 'data-figure="shop_receives">190.000\xa0₫<' in html  # 200.000 less 5 % commission
    assert "Nguyễn Thị Lan" in html and 'href="tel:' in html and "Chả mực Hạ Long" in html
    for english in ("Pending", "Status Changes", "No status changes", "Line status", "Payment events"):
        assert english not in html, english
    # Another shop's order is not found.
    assert (
        client.get(
            reverse("dashboard:order-detail", kwargs={"number": shop_orders["foreign"].number})
        ).status_code
        == 404
    )


def test_oscars_order_statistics_are_not_a_sellers_second_revenue(shop_orders):
    client = shop_orders["client"]
    assert client.get(reverse("dashboard:order-stats")).status_code == 403
    assert reverse("dashboard:order-stats") not in client.get(reverse("dashboard:index")).content.decode()
