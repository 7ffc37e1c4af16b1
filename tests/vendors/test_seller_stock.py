"""A seller edits a product's price and stock in the list: validated, whole đồng, their own only."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from tests.factories import product_for_sale, seller_shop
from tests.pages import text

pytestmark = pytest.mark.django_db
StockRecord = get_model("partner", "StockRecord")


@pytest.fixture
def sellers():
    users = [
        get_user_model().objects.create_user(f"ban{n}@example.vn", f"ban{n}@example.vn", "pw-123456")
        for n in range(2)
    ]
    shops = [seller_shop(owner=user) for user in users]
    mine = product_for_sale(shops[0], title="Chả mực Hạ Long", price=200_000, stock=10)
    theirs = product_for_sale(shops[1], title="Trà hoa vàng", price=100_000, stock=10)
    client = Client()
    client.login(username="ban0@example.vn", password="pw-123456")
    return {"client": client, "mine": mine.stockrecords.get(), "theirs": theirs.stockrecords.get()}


def _save(client, record, **data):
    return client.post(reverse("dashboard:shop-stock-update", args=[record.pk]), data, follow=True)


def test_the_price_and_stock_are_saved_from_the_list(sellers):
    client, record = sellers["client"], sellers["mine"]
    page = client.get(reverse("dashboard:shop-stock"))
    assert "Chả mực Hạ Long" in text(page) and "Trà hoa vàng" not in text(page)
    response = _save(client, record, price="1.250.000", stock="25")
    assert "Chả mực Hạ Long: 1.250.000 ₫, 25 trong kho." in text(response)
    record.refresh_from_db()
    assert (int(record.price), record.num_in_stock) == (1_250_000, 25)


@pytest.mark.parametrize(
    ("price", "stock", "message"),
    [
        ("12,5", "3", "“12,5” không phải số đồng chẵn"),
        ("1.5", "3", "“1.5” không phải số đồng chẵn"),
        ("2.50", "3", "“2.50” không phải số đồng chẵn"),
        ("200000", "1.5", "“1.5” không phải số nguyên"),
        ("0", "3", "Giá phải lớn hơn 0 ₫."),
        ("200000", "-1", "Số lượng ít nhất là 0."),
        ("200000", "abc", "“abc” không phải một số"),
        ("99999999999", "3", "Tối đa 1.000.000.000."),
    ],
)
def test_bad_input_is_refused_in_vietnamese_and_nothing_changes(sellers, price, stock, message):
    client, record = sellers["client"], sellers["mine"]
    response = _save(client, record, price=price, stock=stock)
    assert message in text(response)
    record.refresh_from_db()
    assert (int(record.price), record.num_in_stock) == (200_000, 10)


def test_stock_cannot_go_below_what_orders_hold(sellers):
    client, record = sellers["client"], sellers["mine"]
    StockRecord.objects.filter(pk=record.pk).update(num_allocated=4)
    response = _save(client, record, price="200000", stock="3")
    assert "Các đơn chưa giao đang giữ 4 sản phẩm: không thể đặt tồn kho thấp hơn." in text(response)
    assert StockRecord.objects.get(pk=record.pk).num_in_stock == 10


def test_another_shops_record_is_not_found_and_unchanged(sellers):
    client, theirs = sellers["client"], sellers["theirs"]
    response = client.post(
        reverse("dashboard:shop-stock-update", args=[theirs.pk]), {"price": "1", "stock": "0"}
    )
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert (int(theirs.price), theirs.num_in_stock) == (100_000, 10)


def test_the_product_list_filters_out_of_stock_and_low_as_the_home_counts(sellers):
    client, record = sellers["client"], sellers["mine"]
    Product = get_model("catalogue", "Product")
    seller = record.partner.seller
    empty = product_for_sale(seller, title="Rượu mơ Yên Tử", price=150_000, stock=0)
    low = product_for_sale(seller, title="Ruốc hàu Vân Đồn", price=90_000, stock=2)
    listed = client.get(reverse("dashboard:catalogue-product-list"), {"stock": "out"})
    assert [p.title for p in listed.context["products"].data] == [empty.title]
    listed = client.get(reverse("dashboard:catalogue-product-list"), {"stock": "low"})
    assert [p.title for p in listed.context["products"].data] == [low.title]
    Product.objects.filter(pk=low.pk).update(is_public=False)
    listed = client.get(reverse("dashboard:catalogue-product-list"), {"listed": "no"})
    assert [p.title for p in listed.context["products"].data] == [low.title]
    wrong = client.get(reverse("dashboard:catalogue-product-list"), {"stock": "<b>"})
    assert "Bộ lọc này không tồn tại nên đã được bỏ qua." in text(wrong)


def test_a_price_far_from_the_old_one_is_saved_only_once_confirmed(sellers):
    client, record = sellers["client"], sellers["mine"]
    # 200.000 ₫ → 15.000 ₫ (a slip for 150.000?): under a tenth of the old price.
    response = _save(client, record, price="15.000", stock="12")
    assert "15.000 ₫ khác xa giá cũ 200.000 ₫" in text(response)
    html = response.content.decode()
    assert 'name="confirm_price" value="15000"' in html and 'value="12"' in html
    record.refresh_from_db()
    assert (int(record.price), record.num_in_stock) == (200_000, 10)
    response = _save(client, record, price="15.000", stock="12", confirm_price="15000")
    assert "Chả mực Hạ Long: 15.000 ₫, 12 trong kho." in text(response)
    record.refresh_from_db()
    assert (int(record.price), record.num_in_stock) == (15_000, 12)


def test_a_confirmation_for_another_price_does_not_count(sellers):
    client, record = sellers["client"], sellers["mine"]
    response = _save(client, record, price="2.500.000", stock="10", confirm_price="25000000")
    assert "2.500.000 ₫ khác xa giá cũ 200.000 ₫" in text(response)
    record.refresh_from_db()
    assert int(record.price) == 200_000


def test_the_product_list_shows_price_stock_sold_and_status_in_vietnamese_in_fixed_queries(
    sellers, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.shopping import add, checkout_data, option

    client, mine = sellers["client"], sellers["mine"]
    seller = mine.partner.seller
    shopper = Client()
    add(shopper, mine.product, 3)
    shopper.post(reverse("checkout:index"), checkout_data({seller: option(seller, "pickup")}))
    url = reverse("dashboard:catalogue-product-list")
    html = client.get(url).content.decode()
    page = text(client.get(url))
    assert "Giá và tồn kho" in page and "Đã bán" in page and "Đang bán" in page
    # 10 in stock, 3 held by the order just placed; 3 sold; on sale.
    assert "Chả mực Hạ Long — 200.000 ₫ · còn 7 3 Đang bán" in page
    assert "chọn thao tác" in html and "Đưa các sản phẩm lên sàn" in html and "choose action" not in html
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(8):
        product_for_sale(seller, title=f"Sản phẩm thêm {n}", price=50_000, stock=4)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)
