"""A seller's home: what is waiting for the shop, and its figures over a known week of orders and views."""

import csv
import datetime
import io

import pytest
from dateutil.relativedelta import relativedelta
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from marketplace.figures import shop
from marketplace.purchases import fulfilment
from marketplace.purchases.models import LedgerEntry
from marketplace.visits.models import DailyCount
from tests.factories import open_shop, product_for_sale, seller_shop
from tests.pages import text
from tests.shopping import add, checkout_data, option
from vendors.recognitions import RECOGNITION_VALIDITY

pytestmark = pytest.mark.django_db
Order = get_model("order", "Order")
Kind = DailyCount.Kind


def _buy(seller, product, quantity, email, *, days_ago, kind="flat"):
    """A guest's purchase of one line from the shop, placed `days_ago` days ago (ledger too)."""
    shopper = Client()
    add(shopper, product, quantity)
    shopper.post(reverse("checkout:index"), checkout_data({seller: option(seller, kind)}, email=email))
    order = Order.objects.filter(lines__product=product).latest("pk")
    when = timezone.now() - datetime.timedelta(days=days_ago)
    Order.objects.filter(pk=order.pk).update(date_placed=when)
    LedgerEntry.objects.filter(order=order).update(created_at=when)
    order.refresh_from_db()
    return order


@pytest.fixture
def week():
    """A shop with a known week: 3 kept orders (one 10 days old), one cancelled, views and visitors."""
    user = get_user_model().objects.create_user("htx@example.vn", "htx@example.vn", "pw-123456")
    seller = seller_shop(owner=user)
    today = timezone.localdate()
    expiring_on = today - RECOGNITION_VALIDITY + datetime.timedelta(days=30)
    p1 = product_for_sale(seller, title="Chả mực Hạ Long", price=200_000, stock=10, on=expiring_on)
    p2 = product_for_sale(seller, title="Trà hoa vàng", price=100_000, stock=3)
    p3 = product_for_sale(seller, title="Rượu mơ", price=150_000, stock=0)
    other = open_shop()
    elsewhere = product_for_sale(other, title="Nước mắm khác", price=90_000, stock=10)
    old = _buy(seller, p1, 1, "b@example.vn", days_ago=10)
    first = _buy(seller, p1, 2, "a@example.vn", days_ago=3)
    second = _buy(seller, p2, 1, "a@example.vn", days_ago=0, kind="pickup")
    cancelled = _buy(seller, p1, 1, "c@example.vn", days_ago=0, kind="pickup")
    staff = get_user_model().objects.create_user("staff@example.vn", "staff@example.vn", "x", is_staff=True)
    fulfilment.order_cancel(order=cancelled, by=staff, reason="Khách đổi ý")
    fulfilment.order_step(order=old, step="confirm", by=staff)
    for day, kind, subject, count in [
        (today, Kind.SHOP_VISITORS, str(seller.pk), 10),
        (today - datetime.timedelta(days=2), Kind.SHOP_VISITORS, str(seller.pk), 30),
        (today - datetime.timedelta(days=9), Kind.SHOP_VISITORS, str(seller.pk), 500),  # outside the week
        (today, Kind.SHOP_VISITORS, str(other.pk), 70),
        (today, Kind.PRODUCT_VIEWS, str(p1.pk), 20),
        (today - datetime.timedelta(days=1), Kind.PRODUCT_VIEWS, str(p2.pk), 5),
        (today, Kind.PRODUCT_VIEWS, str(elsewhere.pk), 100),
        (today, Kind.BASKET_ADDS, str(p1.pk), 4),
        (today - datetime.timedelta(days=3), Kind.BASKET_ADDS, str(p2.pk), 2),
    ]:
        DailyCount.objects.create(day=day, kind=kind, subject=subject, count=count)
    return {"seller": seller, "user": user, "p1": p1, "p2": p2, "p3": p3, "first": first, "second": second}


def test_every_figure_of_the_week_agrees_with_the_orders_and_views(week):
    figures = shop.figures(week["seller"], shop.Period.last(7))
    assert figures["visitors"] == 40
    assert figures["product_views"] == 25
    assert figures["basket_adds"] == 6
    assert figures["orders"] == 2  # the cancelled one and the one 10 days old left out
    assert figures["goods"] == 500_000
    assert figures["average_order"] == 250_000
    assert figures["conversion"] == 5.0
    # 400.000 less 5 % and 60.000 delivery; 100.000 less 5 %, picked up; the cancelled one nets 0.
    assert figures["revenue"] == 380_000 + 60_000 + 95_000
    assert figures["repeat_shoppers"] == 1
    assert [(p["title"], p["units"], p["goods"]) for p in figures["top_products"]] == [
        ("Chả mực Hạ Long", 2, 400_000),
        ("Trà hoa vàng", 1, 100_000),
    ]
    by_day = {d["day"]: d for d in figures["days"]}
    today = timezone.localdate()
    assert len(figures["days"]) == 7
    assert by_day[today]["visitors"] == 10 and by_day[today]["orders"] == 1
    assert by_day[today - datetime.timedelta(days=3)]["orders"] == 1
    assert by_day[today - datetime.timedelta(days=3)]["revenue"] == 440_000


def test_the_home_lists_exactly_what_is_waiting_with_links(week):
    client = Client()
    client.login(username="htx@example.vn", password="pw-123456")
    page = client.get(reverse("dashboard:index"))
    assert page.status_code == 200
    html = page.content.decode()
    waiting = page.context["waiting"]
    assert (waiting["to_confirm"], waiting["to_pack"], waiting["to_hand_over"]) == (2, 1, 0)
    assert waiting["overdue"] == 2  # the 3-day-old order to confirm, the 10-day-old one to pack
    assert (waiting["out_of_stock"], waiting["low_stock"]) == (1, 1)  # Rượu mơ; Trà hoa vàng (2 left)
    assert [r.product.title for r in waiting["recognitions"]] == ["Chả mực Hạ Long"]
    assert 'href="/dashboard/orders/?status=Pending"' in html
    assert "Chờ bạn xử lý hôm nay" in html and "đơn cần xác nhận" in html
    assert "Chả mực Hạ Long: OCOP 4★" in html
    assert "chứng nhận OCOP hết hạn trong 60 ngày" in html  # the window said from its one constant
    assert 'data-figure="visitors">40<' in html and 'data-figure="orders">2<' in html
    assert 'data-figure="revenue">535.000\xa0₫<' in html
    # The average is of a figure on the page (goods ordered), and conversion says what it divides.
    assert 'data-figure="goods">500.000\xa0₫<' in html and 'data-figure="average_order">250.000\xa0₫<' in html
    assert "Số đơn ÷ số khách ghé các trang của gian hàng." in html and 'id="conversion-over"' not in html

    assert "Your Store Statistics" not in html and "Thống kê cửa hàng của bạn" not in text(page)


def test_more_orders_than_visitors_is_explained_not_just_shown(week):
    # Two orders this week and one visitor counted: 200 %, and the page says why.
    client = Client()
    client.login(username="htx@example.vn", password="pw-123456")
    DailyCount.objects.filter(subject=str(week["seller"].pk), kind=Kind.SHOP_VISITORS).delete()
    DailyCount.objects.create(
        day=timezone.localdate(), kind=Kind.SHOP_VISITORS, subject=str(week["seller"].pk), count=1
    )
    html = client.get(reverse("dashboard:index")).content.decode()
    assert 'data-figure="conversion">200,0 %<' in html
    assert "Số đơn nhiều hơn số khách" in html


def test_a_wrong_period_is_refused_in_vietnamese_and_the_week_is_shown(week):
    client = Client()
    client.login(username="htx@example.vn", password="pw-123456")
    page = client.get(reverse("dashboard:index"), {"days": "13"})
    assert page.status_code == 200
    assert "Hãy chọn 7, 30 hoặc 90 ngày." in page.content.decode()
    assert page.context["shop_figures"]["period"] == shop.Period.last(7)
    month = client.get(reverse("dashboard:index"), {"days": "30"})
    assert month.context["shop_figures"]["visitors"] == 540


def test_the_figures_download_as_csv_and_xlsx_for_the_shop_only(week):
    client = Client()
    client.login(username="htx@example.vn", password="pw-123456")
    response = client.get(reverse("dashboard:shop-figures-export", args=["csv"]), {"days": "7"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    summary = {row[1]: row[2] for row in rows if len(row) > 2}
    assert summary["Số khách"] == "40" and summary["Doanh thu (₫)"] == "535000"
    assert ["Sản phẩm bán chạy", "Chả mực Hạ Long", "2", "400000"] in rows
    xlsx = client.get(reverse("dashboard:shop-figures-export", args=["xlsx"]))
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    assert client.get(reverse("dashboard:shop-figures-export", args=["pdf"])).status_code == 400
    # Another seller downloads their own shop's figures, never this one's.
    stranger = get_user_model().objects.create_user("khac@example.vn", "khac@example.vn", "pw-123456")
    seller_shop(owner=stranger)
    client.login(username="khac@example.vn", password="pw-123456")
    theirs = client.get(reverse("dashboard:shop-figures-export", args=["csv"])).content.decode("utf-8-sig")
    assert "Chả mực Hạ Long" not in theirs


def test_a_recognition_expiring_after_60_days_is_not_waiting(week):
    recognition = week["p1"].ocop_recognitions.get()
    recognition.valid_until = timezone.localdate() + relativedelta(days=61)
    recognition.save()
    assert shop.waiting(week["seller"])["recognitions_count"] == 0


def test_the_charts_read_with_their_days_and_highest_value_and_90_days_come_by_week(week):
    client = Client()
    client.login(username="htx@example.vn", password="pw-123456")
    today = timezone.localdate()
    html = client.get(reverse("dashboard:index")).content.decode()
    first = (today - datetime.timedelta(days=6)).strftime("%d/%m")
    assert (
        f'data-axis="visitors"><span>{first}</span><span>cao nhất: 30</span><span>{today:%d/%m}</span>'
        in html
    )
    assert 'id="figures-by-day"' in html and 'id="figures-by-week"' not in html
    page = client.get(reverse("dashboard:index"), {"days": "90"})
    html = page.content.decode()
    weeks = page.context["weeks"]
    assert 'id="figures-by-week"' in html and 'id="figures-by-day"' not in html
    assert 13 <= len(weeks) <= 14
    assert sum(w["visitors"] for w in weeks) == page.context["shop_figures"]["visitors"] == 540
    assert sum(w["orders"] for w in weeks) == page.context["shop_figures"]["orders"]


def test_the_overdue_tab_lists_what_the_home_counts_and_a_stray_value_lists_all(week):
    client = Client()
    client.login(username="htx@example.vn", password="pw-123456")
    counted = client.get(reverse("dashboard:index")).context["waiting"]["overdue"]
    overdue = list(client.get(reverse("dashboard:order-list"), {"overdue": "1"}).context["orders"])
    assert len(overdue) == counted == 2
    everything = list(client.get(reverse("dashboard:order-list")).context["orders"])
    assert len(everything) > len(overdue)
    stray = list(client.get(reverse("dashboard:order-list"), {"overdue": "<b>"}).context["orders"])
    assert len(stray) == len(everything)
    assert not list(client.get(reverse("dashboard:order-list"), {"returns": "1"}).context["orders"])
