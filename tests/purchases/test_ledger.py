"""Each shop's ledger: append-only entries in whole đồng whose sum is the balance; payouts by staff."""

import csv
import io

import pytest
from django.urls import reverse

from marketplace.purchases import ledger
from marketplace.purchases.models import LedgerEntry
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db


def test_the_seller_sees_their_statement_and_exports_it(client, placed):
    client.login(username="ban0@example.vn", password="pw-123456")
    page = client.get(reverse("dashboard:shop-statement")).content.decode()
    assert "630.000\xa0₫" in page  # 600.000 sale − 30.000 commission + 60.000 shipping
    exported = client.get(reverse("dashboard:shop-statement-csv"))
    rows = list(csv.DictReader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert [int(r["Số tiền (₫)"]) for r in rows] == [600_000, -30_000, 60_000]
    assert [int(r["Số dư (₫)"]) for r in rows] == [600_000, 570_000, 630_000]
    assert {r["Mã đơn hàng"] for r in rows} == {placed["order_a"].number}


def test_a_seller_never_sees_another_shops_entries(client, placed):
    client.login(username="ban1@example.vn", password="pw-123456")
    page = client.get(reverse("dashboard:shop-statement"))
    assert {e.seller for e in page.context["entries"]} == {placed["b"]}
    assert placed["order_a"].number not in page.content.decode()
    assert client.get(reverse("dashboard:seller-ledger", kwargs={"pk": placed["a"].pk})).status_code == 403


def test_staff_record_a_payout_with_its_bank_reference(client, placed):
    a = placed["a"]
    client.force_login(StaffFactory())
    url = reverse("dashboard:seller-ledger", kwargs={"pk": a.pk})
    page = client.get(url).content.decode()
    assert "Trong đó đã kiếm được (đã giao) và chưa chi trả: 0\xa0₫." in page  # the order is not delivered
    assert "630.000\xa0₫ thu khi giao hàng" in page
    too_much = client.post(url, {"amount": "700.000", "bank_reference": "FT2611"}, follow=True)
    assert "Gian hàng đang được nợ 630.000\xa0₫" in too_much.content.decode()
    no_reference = client.post(url, {"amount": "500000", "bank_reference": ""}, follow=True)
    assert "mã tham chiếu" in no_reference.content.decode()
    client.post(url, {"amount": "500.000", "bank_reference": "FT26113344"})
    payout = LedgerEntry.objects.get(seller=a, kind="payout")
    assert (payout.amount, payout.reference) == (-500_000, "FT26113344")
    assert ledger.balance(a) == 130_000


@pytest.mark.parametrize("typed", ["1.5", "2,50", "0.5", "100.00"])
def test_a_payout_typed_with_decimals_is_refused_never_read_as_a_few_dong(client, placed, typed):
    a = placed["a"]
    client.force_login(StaffFactory())
    url = reverse("dashboard:seller-ledger", kwargs={"pk": a.pk})
    response = client.post(url, {"amount": typed, "bank_reference": "FT2611"}, follow=True)
    assert f"“{typed}” không phải số đồng chẵn" in response.content.decode()
    assert not LedgerEntry.objects.filter(seller=a, kind="payout").exists()
    assert ledger.balance(a) == 630_000


def test_a_cash_order_is_money_to_collect_until_delivered_then_earned(client, placed):
    from tests.shopping import step

    a = placed["a"]
    money = ledger.balance_by_state(a)
    # 600.000 sale − 30.000 commission + 60.000 delivery, cash on delivery, not yet delivered.
    assert (money["available"], money["to_collect"], money["earned"]) == (0, 630_000, 0)
    client.login(username="ban0@example.vn", password="pw-123456")
    page = client.get(reverse("dashboard:shop-statement")).content.decode()
    assert 'id="balance">0\xa0₫<' in page and "630.000\xa0₫ thu khi giao hàng" in page
    home = client.get(reverse("dashboard:index")).content.decode()
    assert 'data-figure="available">0\xa0₫<' in home
    for name in ("confirm", "pack"):
        step(client, placed["order_a"], name)
    step(client, placed["order_a"], "ship", carrier="VNPost", tracking_number="EB1")
    step(client, placed["order_a"], "deliver")
    money = ledger.balance_by_state(a)
    assert (money["available"], money["to_collect"], money["earned"]) == (630_000, 0, 630_000)
