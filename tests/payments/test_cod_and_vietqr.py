"""Cash on delivery is paid as each order is delivered; VietQR shows a scannable payload."""

import pytest
from django.urls import reverse

from marketplace.payments import services, vietqr
from marketplace.purchases.models import Purchase
from tests.purchases.test_checkout import add, checkout_data, option, two_shops  # noqa: F401
from tests.purchases.test_fulfilment import placed, step  # noqa: F401 -- the fixture

pytestmark = pytest.mark.django_db


def test_crc_is_ccitt_false():
    assert vietqr.crc16_ccitt(b"123456789") == 0x29B1


def test_the_payload_carries_bank_account_amount_and_note_and_a_valid_crc():
    text = vietqr.payload(
        bank_bin="970436", account="0011000999888", amount=1_830_000, note="OCOP 261130000001"
    )
    fields = vietqr.parse(text)
    assert fields["00"] == "01" and fields["01"] == "12" and fields["53"] == "704" and fields["58"] == "VN"
    assert fields["54"] == "1830000"
    merchant = vietqr.parse(fields["38"])
    assert merchant["00"] == "A000000727" and merchant["02"] == "QRIBFTTA"
    assert vietqr.parse(merchant["01"]) == {"00": "970436", "01": "0011000999888"}
    assert vietqr.parse(fields["62"]) == {"08": "OCOP 261130000001"}
    assert fields["63"] == f"{vietqr.crc16_ccitt(text[:-4].encode()):04X}"
    with pytest.raises(ValueError):
        vietqr.payload(bank_bin="970436", account="1", amount=0, note="x")


def test_a_cash_on_delivery_purchase_is_paid_when_every_order_is_delivered(client, placed):  # noqa: F811
    purchase = Purchase.objects.get(email="khach@example.vn")
    for n, order in enumerate((placed["order_a"], placed["order_b"])):
        client.login(username=f"ban{n}@example.vn", password="pw-123456")
        for name in ("confirm", "pack"):
            step(client, order, name)
        step(client, order, "ship", carrier="Viettel Post", tracking_number=f"VTP{n}")
        step(client, order, "deliver")
        purchase.refresh_from_db()
        assert purchase.status == ("placed" if n == 0 else "paid")
        source = order.sources.get()
        assert (source.source_type.code, source.amount_debited) == ("cod", order.total_incl_tax)


def test_a_vietqr_checkout_shows_the_code_and_staff_settle_it_once(client, two_shops):  # noqa: F811
    a = two_shops["a"]
    add(client, two_shops["a1"])
    response = client.post(
        reverse("checkout:index"), checkout_data({a: option(a, "flat")}, payment_method="vietqr"), follow=True
    )
    purchase = Purchase.objects.get(email="khach@example.vn")
    html = response.content.decode()
    assert "<svg" in html and f"OCOP {purchase.number}" in html and "410.000\xa0₫" in html
    assert "Thanh toán bằng chuyển khoản" in html
    assert services.transfer_received(purchase=purchase, reference="FT123") is True
    assert services.transfer_received(purchase=purchase, reference="FT123") is False
    purchase.refresh_from_db()
    assert purchase.status == "paid"
    assert purchase.parts.get().order.sources.get().reference == "FT123"
