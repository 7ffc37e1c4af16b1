"""Bulk import is bounded: file size, rows, cell length and characters, and run time; a job whose
worker was killed or lost ends "failed" with its reason instead of running forever."""

import csv
import datetime
import io
import zipfile

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from oscar.apps.catalogue.categories import create_from_breadcrumbs
from oscar.core.loading import get_model

from tests.factories import seller_shop
from vendors import product_import, tasks
from vendors.models import ProductImport

pytestmark = pytest.mark.django_db
Product = get_model("catalogue", "Product")
HEADER = ["title", "sku", "price", "stock", "category", "description", "is_public"]
GOOD_ROW = ["Ruốc hàu Vân Đồn hũ 200 g", "RH-200", "150000", "20", "Trà", "Hàu tươi.", "yes"]


def csv_bytes(rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def xlsx_with_rows(count: int, cell: str = "x", dimension: bool = True) -> bytes:
    """An XLSX written by hand: the header, then `count` rows of one cell, with the sheet's size
    declared up front as Excel writes it (or not, as openpyxl's write-only mode writes it).
    Three million rows pack into a few hundred kilobytes, as a hostile upload would."""
    ns = "http://schemas.openxmlformats.org"
    rel = f"{ns}/officeDocument/2006/relationships"
    parts = {
        "[Content_Types].xml": (
            f'<Types xmlns="{ns}/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument'
            '.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.worksheet+xml"/></Types>'
        ),
        "_rels/.rels": (
            f'<Relationships xmlns="{ns}/package/2006/relationships"><Relationship Id="rId1" '
            f'Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'<workbook xmlns="{ns}/spreadsheetml/2006/main" xmlns:r="{rel}"><sheets>'
            '<sheet name="products" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            f'<Relationships xmlns="{ns}/package/2006/relationships"><Relationship Id="rId1" '
            f'Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
        ),
    }
    header = "".join(f'<c t="inlineStr"><is><t>{name}</t></is></c>' for name in HEADER)
    row = f'<row><c t="inlineStr"><is><t>{cell}</t></is></c></row>' if cell else "<row><c/></row>"
    size = f'<dimension ref="A1:G{count + 1}"/>' if dimension else ""
    sheet = (
        f'<worksheet xmlns="{ns}/spreadsheetml/2006/main">{size}<sheetData><row>{header}</row>'
        + row * count
        + "</sheetData></worksheet>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
    return buffer.getvalue()


@pytest.fixture
def seller(client):
    """A seller signed in to the seller centre; the rows name the category "Trà"."""
    create_from_breadcrumbs("Đồ uống > Trà")
    seller = seller_shop()
    client.force_login(seller.owner)
    return seller


def upload(client, content: bytes, name: str, capture):
    with capture(execute=True):
        response = client.post(reverse("dashboard:shop-import"), {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert page.status_code == 200
    return page.content.decode(), ProductImport.objects.get(pk=page.context["job"].pk)


def test_a_cell_past_the_csv_modules_own_limit_gets_a_row_message(
    client, seller, django_capture_on_commit_callbacks
):
    rows = [GOOD_ROW, ["Mực khô", "MK-1", "200000", "3", "Trà", "x" * 200_000, "yes"]]
    before = Product.objects.count()
    html, job = upload(client, csv_bytes(rows), "dai.csv", django_capture_on_commit_callbacks)
    assert job.status == ProductImport.Status.FAILED
    assert [item["row"] for item in job.report] == [3]
    assert "Một ô dài hơn 10000 ký tự" in html
    assert Product.objects.count() == before


def test_a_cell_longer_than_the_limit_is_refused_on_its_row(
    client, seller, django_capture_on_commit_callbacks
):
    rows = [GOOD_ROW, ["Mực khô", "MK-1", "200000", "3", "Trà", "x" * 20_000, "yes"]]
    html, job = upload(client, csv_bytes(rows), "dai.csv", django_capture_on_commit_callbacks)
    assert job.report == [{"row": 3, "errors": ["Ô description dài hơn 10000 ký tự."]}]
    assert "Ô description dài hơn 10000 ký tự." in html


@pytest.mark.parametrize(
    "row",
    [
        ["Chả mực\x00 Hạ Long", "CM-NUL", "385000", "4", "Trà", "", "yes"],
        ["Chả mực Hạ Long", "CM-\x07", "385000", "4", "Trà", "", "yes"],
        ["Chả mực Hạ Long", "CM-ESC", "385000", "4", "Trà", "Mô tả \x1b[31m", "yes"],
    ],
)
def test_nul_and_control_characters_are_refused_on_their_row(
    client, seller, row, django_capture_on_commit_callbacks
):
    before = Product.objects.count()
    html, job = upload(client, csv_bytes([GOOD_ROW, row]), "nul.csv", django_capture_on_commit_callbacks)
    assert job.status == ProductImport.Status.FAILED
    assert [item["row"] for item in job.report] == [3]
    assert "chứa ký tự điều khiển" in html
    assert Product.objects.count() == before


def test_line_breaks_in_a_description_are_still_welcome(client, seller, django_capture_on_commit_callbacks):
    row = ["Chả mực Hạ Long", "CM-LB", "385000", "4", "Trà", "Dòng một\r\nDòng hai\tcột", "yes"]
    _html, job = upload(client, csv_bytes([row]), "ok.csv", django_capture_on_commit_callbacks)
    assert job.status == ProductImport.Status.DONE, job.report


def test_a_sku_longer_than_the_stock_record_holds_is_a_row_message(
    client, seller, django_capture_on_commit_callbacks
):
    row = ["Chả mực Hạ Long", "S" * 129, "385000", "4", "Trà", "", "yes"]
    _html, job = upload(client, csv_bytes([row]), "sku.csv", django_capture_on_commit_callbacks)
    assert job.report == [{"row": 2, "errors": ["SKU dài hơn 128 ký tự."]}]


@pytest.fixture
def rows_read(monkeypatch):
    """How many rows of the sheet the import parsed: it must stop at the limit, not read on."""
    counted = {"rows": 0}
    read = product_import._xlsx_rows

    def counting(content):
        for numbered in read(content):
            counted["rows"] += 1
            yield numbered

    monkeypatch.setattr(product_import, "_xlsx_rows", counting)
    return counted


def test_three_million_rows_stop_at_the_row_limit(
    client, seller, django_capture_on_commit_callbacks, rows_read
):
    content = xlsx_with_rows(3_000_000)
    html, job = upload(client, content, "ba-trieu.xlsx", django_capture_on_commit_callbacks)
    assert rows_read["rows"] <= 10_000 + 2  # the header, the limit, and the one row past it
    assert job.status == ProductImport.Status.FAILED
    assert "Mỗi tệp tối đa 10000 sản phẩm." in html


def test_a_sheet_that_must_be_read_whole_to_be_opened_is_refused_before_opening_it(seller, rows_read):
    job = ProductImport.objects.create(
        seller=seller,
        file=ContentFile(xlsx_with_rows(3_000_000, dimension=False), name="ghi-nhanh.xlsx"),
        original_name="ghi-nhanh.xlsx",
    )
    job = product_import.run(job)
    assert rows_read["rows"] == 0  # refused from the archive's sizes, before a row is parsed
    assert job.report[0]["errors"] == ["Tệp XLSX này giải nén ra hơn 32 MB; hãy chia thành các tệp nhỏ hơn."]
    # The same rows a thousand times fewer, without a declared size, are read as usual.
    small = ProductImport.objects.create(
        seller=seller,
        file=ContentFile(xlsx_with_rows(3_000, dimension=False), name="nho.xlsx"),
        original_name="nho.xlsx",
    )
    assert "Thiếu mã SKU." in product_import.run(small).report[0]["errors"]


def test_millions_of_blank_rows_are_refused_without_reading_them_all(seller, rows_read):
    job = ProductImport.objects.create(
        seller=seller,
        file=ContentFile(xlsx_with_rows(3_000_000, cell=""), name="trong.xlsx"),
        original_name="t",
    )
    job = product_import.run(job)
    assert rows_read["rows"] <= 2 * 10_000 + 2
    assert job.status == ProductImport.Status.FAILED
    assert "dòng trống" in job.report[0]["errors"][0]


@override_settings(MARKETPLACE_IMPORT_MAX_ROWS=5)
def test_one_row_past_the_limit_refuses_the_file(client, seller, django_capture_on_commit_callbacks):
    rows = [[f"Sản phẩm {n}", f"SP-{n}", "10000", "1", "Trà", "", "yes"] for n in range(6)]
    html, job = upload(client, csv_bytes(rows), "sau.csv", django_capture_on_commit_callbacks)
    assert "Mỗi tệp tối đa 5 sản phẩm." in html
    html, job = upload(client, csv_bytes(rows[:5]), "nam.csv", django_capture_on_commit_callbacks)
    assert job.status == ProductImport.Status.DONE


@override_settings(MARKETPLACE_IMPORT_MAX_BYTES=1024 * 1024)
def test_a_file_over_the_size_limit_is_refused_by_the_form_and_by_the_run(client, seller):
    content = csv_bytes([GOOD_ROW]) + b" " * (1024 * 1024)
    response = client.post(reverse("dashboard:shop-import"), {"file": SimpleUploadedFile("lon.csv", content)})
    assert response.status_code == 200
    assert "Tệp lớn hơn 1 MB." in response.content.decode()
    assert not ProductImport.objects.filter(seller=seller).exists()
    # The command and any other caller go through the same run.
    job = ProductImport.objects.create(
        seller=seller, file=ContentFile(content, name="lon.csv"), original_name="lon.csv"
    )
    assert product_import.run(job).report[0]["errors"] == ["Tệp lớn hơn 1 MB."]


def test_a_run_past_its_time_limit_ends_failed_with_the_reason_and_writes_nothing(seller):
    rows = [[f"Sản phẩm {n}", f"TL-{n}", "10000", "1", "Trà", "", "yes"] for n in range(120)]
    job = ProductImport.objects.create(
        seller=seller, file=ContentFile(csv_bytes(rows), name="cham.csv"), original_name="cham.csv"
    )
    before = Product.objects.count()

    def stop_while_writing(phase, done, total):
        # What Celery does when the task's soft time limit passes: raise in the running code.
        if phase == "writing" and done >= 50:
            raise SoftTimeLimitExceeded()

    job = product_import.run(job, on_progress=stop_while_writing)
    assert job.status == ProductImport.Status.FAILED
    assert "quá 10 phút" in job.report[0]["errors"][0]
    assert Product.objects.count() == before  # the rows written before the stop are rolled back

    with override_settings(MARKETPLACE_IMPORT_TIME_LIMIT=0):
        again = ProductImport.objects.create(
            seller=seller, file=ContentFile(csv_bytes(rows), name="cham.csv"), original_name="cham.csv"
        )
        again = product_import.run(again)
    assert again.status == ProductImport.Status.FAILED
    assert Product.objects.count() == before


def test_the_worker_task_has_a_soft_and_a_hard_time_limit():
    assert tasks.product_import_run.soft_time_limit == 600
    assert tasks.product_import_run.time_limit > tasks.product_import_run.soft_time_limit


def test_an_import_left_running_by_a_dead_worker_reads_failed_then_is_recorded_failed(
    client, seller, django_capture_on_commit_callbacks
):
    lost = ProductImport.objects.create(
        seller=seller,
        file=ContentFile(csv_bytes([GOOD_ROW]), name="mat.csv"),
        original_name="mat.csv",
        status=ProductImport.Status.RUNNING,
        created_at=timezone.now() - datetime.timedelta(hours=1),
        started_at=timezone.now() - datetime.timedelta(hours=1),
    )
    fresh = ProductImport.objects.create(
        seller=seller,
        file=ContentFile(csv_bytes([GOOD_ROW]), name="moi.csv"),
        original_name="moi.csv",
        status=ProductImport.Status.RUNNING,
        started_at=timezone.now(),
    )
    page = client.get(reverse("dashboard:shop-import-detail", kwargs={"pk": lost.pk})).content.decode()
    assert "Không nhập được" in page and "tiến trình xử lý đã dừng" in page
    progress = client.get(reverse("dashboard:shop-import-progress", kwargs={"pk": lost.pk})).json()
    assert progress["status"] == "failed"
    assert client.get(reverse("dashboard:shop-import-progress", kwargs={"pk": fresh.pk})).json()[
        "status"
    ] == ("running")
    lost.refresh_from_db()
    assert lost.status == ProductImport.Status.RUNNING  # a page view writes nothing

    upload(client, csv_bytes([GOOD_ROW]), "tiep.csv", django_capture_on_commit_callbacks)
    lost.refresh_from_db()
    fresh.refresh_from_db()
    assert lost.status == ProductImport.Status.FAILED and lost.finished_at is not None
    assert fresh.status == ProductImport.Status.RUNNING


def test_an_import_that_waited_in_the_queue_still_runs_when_its_worker_takes_it(seller):
    # Behind other shops' long imports, a job may wait past the time limit before a worker is free.
    waited = ProductImport.objects.create(
        seller=seller,
        file=ContentFile(csv_bytes([GOOD_ROW]), name="cho.csv"),
        original_name="cho.csv",
    )
    ProductImport.objects.filter(pk=waited.pk).update(created_at=timezone.now() - datetime.timedelta(hours=2))
    waited.refresh_from_db()
    assert product_import.as_seen(waited).status == ProductImport.Status.PENDING
    assert product_import.run(waited).status == ProductImport.Status.DONE
    # A task lost for a day is failed, with the reason, by the shop's next import.
    lost = ProductImport.objects.create(
        seller=seller, file=ContentFile(csv_bytes([GOOD_ROW]), name="mat.csv"), original_name="mat.csv"
    )
    ProductImport.objects.filter(pk=lost.pk).update(created_at=timezone.now() - datetime.timedelta(days=2))
    assert product_import.fail_stalled(seller) == 1
    lost.refresh_from_db()
    assert lost.status == ProductImport.Status.FAILED
