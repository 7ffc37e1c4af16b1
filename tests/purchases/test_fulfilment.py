"""Each shop fulfils its own order; cancelling gives the stock back; refunds and the ledger balance."""

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from marketplace.purchases.models import LedgerEntry
from tests.shopping import step

pytestmark = pytest.mark.django_db
StockRecord = get_model("partner", "StockRecord")


def test_a_shop_walks_its_order_to_delivery_with_tracking(client, placed, django_capture_on_commit_callbacks):
    from django.core import mail

    order = placed["order_a"]
    client.login(username="ban0@example.vn", password="pw-123456")
    for name in ("confirm", "pack"):
        step(client, order, name)
    refused = step(client, order, "ship")
    assert "Hãy nhập đơn vị vận chuyển và mã vận đơn." in refused.content.decode()
    order.refresh_from_db()
    assert order.status == "Packed"
    with django_capture_on_commit_callbacks(execute=True):
        step(client, order, "ship", carrier="Viettel Post", tracking_number="VTP123456789")
    shipped = mail.outbox[-1]
    assert shipped.to == ["khach@example.vn"] and order.number in shipped.subject
    assert "Viettel Post" in shipped.body and "VTP123456789" in shipped.body
    order.refresh_from_db()
    assert order.status == "Shipped" and order.purchase_part.tracking_number == "VTP123456789"
    record = StockRecord.objects.get(product=placed["pa"])
    assert (record.num_in_stock, record.num_allocated) == (7, 0)  # the goods left the shop
    step(client, order, "deliver")
    order.refresh_from_db()
    assert order.status == "Delivered" and order.purchase_part.delivered_at
    assert [c.new_status for c in order.status_changes.order_by("pk")] == [
        "Confirmed",
        "Packed",
        "Shipped",
        "Delivered",
    ]


def test_a_seller_cannot_move_another_shops_order(client, placed):
    client.login(username="ban1@example.vn", password="pw-123456")
    response = client.post(
        reverse("dashboard:order-fulfil", kwargs={"number": placed["order_a"].number}), {"step": "confirm"}
    )
    assert response.status_code == 404
    placed["order_a"].refresh_from_db()
    assert placed["order_a"].status == "Pending"


def test_steps_cannot_be_skipped(client, placed):
    client.login(username="ban0@example.vn", password="pw-123456")
    response = step(client, placed["order_a"], "deliver")
    assert "Đơn hàng chưa thể chuyển sang bước này." in response.content.decode()


def test_cancelling_before_shipping_gives_back_the_stock_and_reverses_the_ledger(
    client, placed, django_capture_on_commit_callbacks
):
    from django.core import mail

    a, order = placed["a"], placed["order_a"]
    before = sum(LedgerEntry.objects.filter(seller=a).values_list("amount", flat=True))
    assert before == 600_000 - 30_000 + 60_000
    client.login(username="ban0@example.vn", password="pw-123456")
    assert "Hãy nêu lý do" in step(client, order, "cancel").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        step(client, order, "cancel", reason="Hết hàng trong kho thực tế.")
    told = mail.outbox[-1]  # the shopper is told why, in Vietnamese
    assert told.to == ["khach@example.vn"] and told.body.endswith("Lý do: Hết hàng trong kho thực tế.")
    order.refresh_from_db()
    assert order.status == "Cancelled"
    assert StockRecord.objects.get(product=placed["pa"]).num_allocated == 0
    assert sum(LedgerEntry.objects.filter(seller=a).values_list("amount", flat=True)) == 0
    # Shop B's order is untouched.
    placed["order_b"].refresh_from_db()
    assert placed["order_b"].status == "Pending"
    assert StockRecord.objects.get(product=placed["pb"]).num_allocated == 1


def test_a_shipped_order_cannot_be_cancelled_but_lines_can_be_refunded(client, placed):
    a, order = placed["a"], placed["order_a"]
    client.login(username="ban0@example.vn", password="pw-123456")
    for name in ("confirm", "pack"):
        step(client, order, name)
    step(client, order, "ship", carrier="VNPost", tracking_number="EB123")
    assert "không thể hủy" in step(client, order, "cancel", reason="x").content.decode()
    line = order.lines.get()
    url = reverse("dashboard:order-line-refund", kwargs={"number": order.number, "line_id": line.pk})
    client.post(url, {"quantity": 1, "reason": "Hộp bị móp khi giao."})
    balance = sum(LedgerEntry.objects.filter(seller=a).values_list("amount", flat=True))
    # 600.000 sale − 30.000 commission + 60.000 shipping − 200.000 refund + 10.000 commission back
    assert balance == 440_000
    too_many = client.post(url, {"quantity": 3, "reason": "x"}, follow=True)
    assert "Chỉ còn có thể hoàn tối đa 2" in too_many.content.decode()
