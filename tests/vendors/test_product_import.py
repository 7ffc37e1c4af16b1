"""Bulk import in the seller centre: a template, a per-row report, and all or nothing."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import Workbook, load_workbook
from oscar.apps.catalogue.categories import create_from_breadcrumbs
from oscar.core.loading import get_model

from tests.factories import product_for_sale, seller_shop
from vendors import selectors
from vendors.models import ProductImport

pytestmark = pytest.mark.django_db
Product = get_model("catalogue", "Product")
HEADER = ["title", "sku", "price", "stock", "category", "description", "is_public"]
# The categories the rows name, by the demo catalogue's paths (the same rows whether it is loaded).
CATEGORIES = [
    "Thực phẩm > Đặc sản chế biến",
    "Thực phẩm > Nông sản",
    "Đồ uống > Trà",
    "Thủ công mỹ nghệ > Gốm sứ",
]


def csv_file(rows, name="san-pham.csv"):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    writer.writerows(rows)
    return SimpleUploadedFile(name, buffer.getvalue().encode("utf-8"), "text/csv")


def xlsx_file(rows, name="san-pham.xlsx"):
    book = Workbook()
    book.active.append(HEADER)
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


GOOD = [
    [
        "Ruốc hàu Vân Đồn hũ 200 g",
        "RH-200",
        "150000",
        "20",
        "Thực phẩm > Đặc sản chế biến",
        "Hàu tươi.",
        "yes",
    ],
    ["Trà hoa vàng túi lọc", "THV-TL", "180.000", "12", "Trà", "", "yes"],
]


@pytest.fixture
def seller(client):
    """A seller signed in to the seller centre, with one product on sale; the categories the
    rows name exist."""
    for path in CATEGORIES:
        create_from_breadcrumbs(path)
    seller = seller_shop()
    product_for_sale(seller, title="Chả mực Hạ Long hộp 500 g")
    client.force_login(seller.owner)
    return seller


def upload(client, file, capture):
    with capture(execute=True):
        response = client.post(reverse("dashboard:shop-import"), {"file": file})
    assert response.status_code == 302
    return client.get(response["Location"])


def test_templates_download_in_both_formats(client, seller):
    csv_response = client.get(reverse("dashboard:shop-import-template", kwargs={"fmt": "csv"}))
    rows = list(csv.reader(io.StringIO(csv_response.content.decode("utf-8-sig"))))
    assert rows[0] == HEADER and rows[1][0] == "Chả mực Hạ Long hộp 500 g"
    xlsx_response = client.get(reverse("dashboard:shop-import-template", kwargs={"fmt": "xlsx"}))
    sheet = load_workbook(io.BytesIO(xlsx_response.content)).active
    assert [c.value for c in sheet[1]] == HEADER
    assert client.get(reverse("dashboard:shop-import-template", kwargs={"fmt": "exe"})).status_code == 404


@pytest.mark.parametrize("make_file", [csv_file, xlsx_file])
def test_a_valid_file_puts_every_product_on_the_floor(
    client, seller, make_file, django_capture_on_commit_callbacks
):
    page = upload(client, make_file(GOOD), django_capture_on_commit_callbacks)
    assert "2 sản phẩm được tạo và 0 được cập nhật." in page.content.decode()
    for title, sku, price, *_ in GOOD:
        product = Product.objects.get(title=title)
        record = product.stockrecords.get()
        assert (record.partner, record.partner_sku) == (seller.partner, sku)
        assert record.price == int(price.replace(".", ""))
        assert product.producer == seller.producer
        assert selectors.sellable_products().filter(pk=product.pk).exists()
    assert Product.objects.get(title="Trà hoa vàng túi lọc").categories.get().name == "Trà"


def test_one_bad_row_imports_nothing_and_the_report_says_what_to_fix(
    client, seller, django_capture_on_commit_callbacks
):
    rows = [
        *GOOD,
        ["", "X-1", "12,5", "-3", "Không có danh mục", "", ""],
        ["Gốm Đông Triều", "RH-200", "250000", "2", "Gốm sứ", "", ""],
    ]
    before = Product.objects.count()
    html = upload(client, csv_file(rows), django_capture_on_commit_callbacks).content.decode()
    assert Product.objects.count() == before
    job = ProductImport.objects.get(seller=seller)
    assert job.status == ProductImport.Status.FAILED
    assert [item["row"] for item in job.report] == [4, 5]
    for message in [
        "Thiếu tên sản phẩm.",
        "Giá: “12,5” không phải số đồng chẵn: tiền đồng không có phần lẻ",
        "Tồn kho: Số lượng ít nhất là 0.",
        "Không có danh mục “Không có danh mục”.",
        "SKU RH-200 trùng với dòng 2.",
        "Không có sản phẩm nào được nhập",
    ]:
        assert message in html, message


def test_a_known_sku_updates_its_product(client, seller, django_capture_on_commit_callbacks):
    record = seller.partner.stockrecords.order_by("pk").first()
    rows = [[record.product.title, record.partner_sku, "99000", "7", "Trà", "Mô tả mới", "yes"]]
    html = upload(client, csv_file(rows), django_capture_on_commit_callbacks).content.decode()
    assert "0 sản phẩm được tạo và 1 được cập nhật." in html
    record.refresh_from_db()
    assert (record.price, record.num_in_stock) == (99000, 7)


def test_a_file_that_is_not_a_table_is_refused_whole(client, seller, django_capture_on_commit_callbacks):
    html = upload(
        client,
        SimpleUploadedFile("anh.xlsx", b"\x89PNG\r\n\x1a\n\x00\x00"),
        django_capture_on_commit_callbacks,
    )
    assert "CSV (UTF-8) hoặc XLSX" in html.content.decode()
    no_header = SimpleUploadedFile("x.csv", "tên,giá\nA,1\n".encode())
    html = upload(client, no_header, django_capture_on_commit_callbacks).content.decode()
    assert "Dòng đầu tiên phải là tên các cột" in html


def test_another_seller_cannot_open_my_import(client, seller, django_capture_on_commit_callbacks):
    upload(client, csv_file(GOOD), django_capture_on_commit_callbacks)
    job = ProductImport.objects.get(seller=seller)
    client.force_login(seller_shop().owner)
    assert client.get(reverse("dashboard:shop-import-detail", kwargs={"pk": job.pk})).status_code == 404
    assert client.get(reverse("dashboard:shop-import-progress", kwargs={"pk": job.pk})).status_code == 404


def test_the_command_shows_progress_on_a_large_file(seller, tmp_path):
    path = tmp_path / "lon.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for n in range(300):
            writer.writerow([f"Miến dong Bình Liêu lô {n}", f"MD-{n}", "85000", "10", "Nông sản", "", "yes"])
    out = io.StringIO()
    call_command("import_products", seller.slug, str(path), stdout=out)
    text = out.getvalue()
    assert "Checking rows" in text and "300/300" in text and "Writing" in text
    assert "Imported: 300 created, 0 updated." in text
    assert seller.partner.stockrecords.filter(partner_sku__startswith="MD-").count() == 300

    bad = tmp_path / "sai.csv"
    bad.write_text("title,sku,price,stock,category\nA,S1,abc,1,Trà\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_products", seller.slug, str(bad), stdout=io.StringIO())


@pytest.mark.parametrize(
    ("make", "price", "stock"),
    [
        (csv_file, "1.5", "3"),
        (csv_file, "2.50", "3"),
        (csv_file, "120000", "1.5"),
        (xlsx_file, "1.5", "3"),  # typed as text in the sheet
        (xlsx_file, 1.5, 3),  # a number cell
        (xlsx_file, 120000, 2.5),
    ],
)
def test_a_decimal_price_or_stock_is_refused_never_read_as_ten_times_less(
    client, seller, django_capture_on_commit_callbacks, make, price, stock
):
    rows = [["Mật ong hoa rừng Ba Chẽ", "MO-1", price, stock, "Trà", "", "yes"]]
    html = upload(client, make(rows), django_capture_on_commit_callbacks).content.decode()
    assert "không phải số đồng chẵn" in html or "không phải số nguyên" in html
    assert not Product.objects.filter(title="Mật ong hoa rừng Ba Chẽ").exists()


def test_whole_numbers_stored_as_decimals_in_a_sheet_are_read_whole(
    client, seller, django_capture_on_commit_callbacks
):
    rows = [["Mật ong hoa rừng Ba Chẽ", "MO-1", 125000.0, 12.0, "Trà", "", "yes"]]
    upload(client, xlsx_file(rows), django_capture_on_commit_callbacks)
    record = Product.objects.get(title="Mật ong hoa rừng Ba Chẽ").stockrecords.get()
    assert (record.price, record.num_in_stock) == (125_000, 12)
