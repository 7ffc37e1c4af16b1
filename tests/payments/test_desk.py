"""The staff's payments desk: transfers marked paid, statements uploaded, flagged events dealt with."""

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from marketplace.payments import sandbox
from marketplace.payments.models import PaymentEvent, SandboxTransaction
from tests.payments.paying import pay_online, vietqr_purchase, wallet

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client):
    get_user_model().objects.create_user("tinh@example.vn", "tinh@example.vn", "pw-123456", is_staff=True)

    def sign_in():
        client.logout()
        assert client.login(username="tinh@example.vn", password="pw-123456")

    return sign_in


def test_staff_mark_an_awaited_transfer_paid_with_its_bank_reference(client, two_shops, staff):
    purchase = vietqr_purchase(client, two_shops)
    staff()
    desk = client.get(reverse("dashboard:payments-desk")).content.decode()
    assert f"OCOP {purchase.number}" in desk and "700.000\xa0₫" in desk
    url = reverse("dashboard:payments-transfer-paid", args=[purchase.number])
    refused = client.post(url, {"bank_reference": ""}, follow=True).content.decode()
    assert "Hãy nhập mã giao dịch ngân hàng của khoản chuyển." in refused
    purchase.refresh_from_db()
    assert purchase.status == "placed"
    done = client.post(url, {"bank_reference": "FT2633400001"}, follow=True).content.decode()
    assert f"Lượt mua {purchase.number} đã được thanh toán." in done
    purchase.refresh_from_db()
    assert purchase.status == "paid" and purchase.parts.get().order.sources.get().reference == "FT2633400001"
    again = client.post(url, {"bank_reference": "FT2633400001"}, follow=True).content.decode()
    assert "không chờ khoản chuyển nào" in again
    assert purchase.parts.get().order.sources.count() == 1
    event = PaymentEvent.objects.get(purchase=purchase, kind="staff")
    assert event.outcome == "settled" and event.data["reference"] == "FT2633400001"


def test_an_uploaded_statement_settles_and_reports_and_bad_files_are_explained(client, two_shops, staff):
    purchase = vietqr_purchase(client, two_shops)
    staff()
    url = reverse("dashboard:payments-statement")
    csv = (
        "amount,description,reference\n"
        f"690000,OCOP {purchase.number},FT1\n"
        f"700000,Chuyen khoan OCOP {purchase.number},FT2\n"
        "1000,tien le,FT3\n"
    ).encode()
    report = client.post(url, {"statement": SimpleUploadedFile("sao-ke.csv", csv, "text/csv")})
    html = report.content.decode()
    assert report.status_code == 200
    assert (
        "Đã ghi nhận thanh toán" in html and "Số tiền không khớp" in html and "Không nêu lượt mua nào" in html
    )
    purchase.refresh_from_db()
    assert purchase.status == "paid"
    desk = client.get(reverse("dashboard:payments-desk")).content.decode()
    assert "amount_mismatch" in desk  # the 690.000 ₫ transfer waits for a person
    wrong = client.post(
        url, {"statement": SimpleUploadedFile("x.csv", b"so tien;noi dung\n1;2\n", "text/csv")}
    )
    assert (
        wrong.status_code == 400 and "Sao kê cần có các cột amount và description" in wrong.content.decode()
    )
    binary = client.post(url, {"statement": SimpleUploadedFile("x.csv", b"\xff\xfe\x00\x00", "text/csv")})
    assert binary.status_code == 400 and "UTF-8" in binary.content.decode()


def test_flagged_events_wait_on_the_desk_until_someone_deals_with_them(client, two_shops, staff):
    purchase, _url, params = pay_online(client, two_shops)
    txn = wallet(params)
    ((_delay, fields),) = sandbox.deliveries(txn, "wrong_amount")
    client.post("/payments/viettelpay/callback/", fields)
    staff()
    desk = client.get(reverse("dashboard:payments-desk")).content.decode()
    assert "amount_mismatch" in desk and purchase.number in desk
    event = PaymentEvent.objects.get(flagged=True)
    client.post(reverse("dashboard:payments-event-reviewed", args=[event.pk]))
    event.refresh_from_db()
    assert event.reviewed_at is not None and event.reviewed_by.email == "tinh@example.vn"
    assert "Không có gì chờ người xử lý." in client.get(reverse("dashboard:payments-desk")).content.decode()


def test_staff_ask_the_gateway_about_a_pending_payment_and_it_settles(client, two_shops, staff):
    purchase, _url, params = pay_online(client, two_shops)
    wallet(params)  # paid at the gateway; its callback lost
    staff()
    page = client.get(reverse("dashboard:payments-purchase", args=[purchase.number])).content.decode()
    assert "Hỏi cổng thanh toán" in page
    payment = purchase.payments.get()
    client.post(reverse("dashboard:payments-inquire", args=[payment.pk]))
    purchase.refresh_from_db()
    assert purchase.status == "paid"
    assert SandboxTransaction.objects.get(order_id=payment.reference).status == "paid"
    page = client.get(reverse("dashboard:payments-purchase", args=[purchase.number])).content.decode()
    assert "Hỏi trạng thái" in page and "<code>settled</code>" in page
