"""Cash on delivery is paid as each order is delivered; VietQR shows a scannable payload."""

import io

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.translation import gettext as _

from marketplace.payments import transfers, vietqr
from marketplace.purchases.models import Purchase
from tests.payments.paying import vietqr_purchase
from tests.shopping import add, checkout_data, option, step

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


def test_a_cash_on_delivery_purchase_is_paid_when_every_order_is_delivered(client, placed):
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


def test_a_vietqr_checkout_shows_the_code_and_staff_settle_it_once(client, two_shops):
    a = two_shops["a"]
    add(client, two_shops["a1"])
    response = client.post(
        reverse("checkout:index"), checkout_data({a: option(a, "flat")}, payment_method="vietqr"), follow=True
    )
    purchase = Purchase.objects.get(email="khach@example.vn")
    html = response.content.decode()
    assert "<svg" in html and f"OCOP {purchase.number}" in html and "410.000\xa0₫" in html
    assert "Thanh toán bằng chuyển khoản" in html
    assert transfers.transfer_received(purchase=purchase, reference="FT123") is True
    assert transfers.transfer_received(purchase=purchase, reference="FT123") is False
    purchase.refresh_from_db()
    assert purchase.status == "paid"
    assert purchase.parts.get().order.sources.get().reference == "FT123"


def test_unpaid_transfers_expire_and_give_their_stock_back(client, two_shops):
    import datetime

    from django.core.management import call_command
    from django.utils import timezone
    from oscar.core.loading import get_model

    from marketplace.purchases.models import LedgerEntry

    StockRecord = get_model("partner", "StockRecord")
    purchase = vietqr_purchase(client, two_shops)
    assert StockRecord.objects.get(product=two_shops["a1"]).num_allocated == 2
    out = io.StringIO()
    call_command("expire_payments", stdout=out)  # not yet: placed just now
    assert "0 unpaid purchases expired" in out.getvalue()
    Purchase.objects.filter(pk=purchase.pk).update(created_at=timezone.now() - datetime.timedelta(hours=25))
    call_command("expire_payments", stdout=out)
    purchase.refresh_from_db()
    assert purchase.status == "cancelled" and purchase.number in out.getvalue()
    assert purchase.parts.get().order.status == "Cancelled"
    assert StockRecord.objects.get(product=two_shops["a1"]).num_allocated == 0
    assert sum(LedgerEntry.objects.filter(seller=two_shops["a"]).values_list("amount", flat=True)) == 0


def test_a_bank_statement_settles_matching_transfers_and_reports_the_rest(client, two_shops, tmp_path):
    from django.core.management import call_command

    purchase = vietqr_purchase(client, two_shops)  # 700.000 ₫, pickup
    statement = tmp_path / "sao-ke.csv"
    statement.write_text(
        "amount,description,reference\n"
        f"699000,CK OCOP {purchase.number} thieu,FT1\n"
        "500000,chuyen tien an trua,FT2\n"
        f"700.000,Nguyen Lan chuyen khoan OCOP {purchase.number},FT3\n",
        encoding="utf-8",
    )
    out = io.StringIO()
    call_command("import_bank_statement", str(statement), stdout=out)
    text = out.getvalue()
    assert "amount_mismatch" in text and "unknown" in text and "1 purchases settled" in text
    purchase.refresh_from_db()
    assert purchase.status == "paid"
    assert purchase.parts.get().order.sources.get().reference == "FT3"
    call_command("import_bank_statement", str(statement), stdout=out)  # again: nothing settles twice
    assert out.getvalue().count("already_paid") == 1


def test_staff_mark_a_transfer_received_from_the_purchases_admin(client, two_shops, admin_user):
    purchase = vietqr_purchase(client, two_shops)
    staff = Client()
    staff.force_login(admin_user)
    changelist = reverse("admin:purchases_purchase_changelist")
    response = staff.post(
        changelist, {"action": "transfer_received", "_selected_action": [purchase.pk]}, follow=True
    )
    assert response.status_code == 200
    assert [m.message for m in response.context["messages"]] == [
        _("%(count)d purchases marked paid.") % {"count": 1}
    ]
    purchase.refresh_from_db()
    assert purchase.status == Purchase.Status.PAID


@pytest.mark.parametrize(
    ("written", "settles"), [("700,000", True), ("700 000", True), ("700,0", False), ("7.0", False)]
)
def test_a_statement_amount_is_read_with_either_thousands_mark_and_never_as_a_decimal(
    client, two_shops, written, settles
):
    from marketplace.payments.transfers import match_statement

    purchase = vietqr_purchase(client, two_shops)  # 700.000 ₫
    [outcome] = match_statement(
        [{"amount": written, "description": f"OCOP {purchase.number}", "reference": "FT9"}]
    )
    purchase.refresh_from_db()
    assert (purchase.status == "paid") is settles
    assert outcome["outcome"] == ("settled" if settles else "amount_mismatch")
