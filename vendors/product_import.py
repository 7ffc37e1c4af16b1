"""Sellers' bulk product import from CSV or XLSX: read, validate every row, then write all or nothing.

Columns (first row, in any order): title, sku, price, stock, category, and optionally description
and is_public. A row whose SKU the shop already has updates that product; other rows create one.
Progress is published in the cache, so a status page (or a terminal) can follow a long import.
"""

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from marketplace.richtext import sanitize_rich_text

from .models import ProductImport, Vendor
from .validators import whole_dong_price

Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
ProductCategory = get_model("catalogue", "ProductCategory")
Category = get_model("catalogue", "Category")
StockRecord = get_model("partner", "StockRecord")

COLUMNS = ["title", "sku", "price", "stock", "category", "description", "is_public"]
REQUIRED = ["title", "sku", "price", "stock", "category"]
MAX_ROWS = 10_000
TEMPLATE_ROWS = [
    [
        "Chả mực Hạ Long hộp 500 g",
        "CM-500",
        "385000",
        "40",
        "Thực phẩm > Đặc sản chế biến",
        "Mực giã tay.",
        "yes",
    ],
    ["Trà hoa vàng Ba Chẽ hộp 100 g", "THV-100", "650000", "25", "Đồ uống > Trà", "", "yes"],
]
PROGRESS_EVERY = 50


class ImportFileError(Exception):
    """The file as a whole cannot be read (wrong type, no header, too many rows)."""


@dataclass
class Row:
    number: int  # as the seller sees it in a spreadsheet: the header is row 1
    title: str = ""
    sku: str = ""
    price: Decimal | None = None
    stock: int | None = None
    category: object = None
    description: str = ""
    is_public: bool = True
    errors: list[str] = field(default_factory=list)


def template_csv() -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    writer.writerows(TEMPLATE_ROWS)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # the BOM lets Excel read Vietnamese


def template_xlsx() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "products"
    sheet.append(COLUMNS)
    for row in TEMPLATE_ROWS:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def read_table(content: bytes, name: str) -> list[dict]:
    """Rows of the file as dicts keyed by the header's column names."""
    if content[:4] == b"PK\x03\x04":  # an XLSX is a zip archive, whatever its name
        rows = _xlsx_rows(content)
    else:
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ImportFileError(_("Save the file as CSV (UTF-8) or XLSX.")) from exc
        rows = list(csv.reader(io.StringIO(text)))
    rows = [r for r in rows if any(str(c or "").strip() for c in r)]
    if not rows:
        raise ImportFileError(_("The file is empty."))
    header = [str(c or "").strip().lower() for c in rows[0]]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise ImportFileError(
            _("The first row must name the columns; missing: %(columns)s.") % {"columns": ", ".join(missing)}
        )
    if len(rows) - 1 > MAX_ROWS:
        raise ImportFileError(_("At most %(max)s products per file.") % {"max": MAX_ROWS})
    return [
        dict(zip(header, [str(c if c is not None else "").strip() for c in r], strict=False))
        for r in rows[1:]
    ]


def _xlsx_rows(content: bytes) -> list[list]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        raise ImportFileError(_("This XLSX file cannot be read.")) from exc
    sheet = book.worksheets[0]
    return [list(r) for r in sheet.iter_rows(values_only=True)]


def _categories() -> tuple[dict[str, object], dict[str, list]]:
    by_path, by_name = {}, {}
    for category in Category.objects.all():
        by_path[category.full_name.lower()] = category
        by_name.setdefault(category.name.lower(), []).append(category)
    return by_path, by_name


def validate(records: list[dict], vendor: Vendor, progress=None) -> list[Row]:
    """Every row checked; rows with errors say what is wrong in the seller's language."""
    by_path, by_name = _categories()
    seen_skus: dict[str, int] = {}
    rows = []
    for index, record in enumerate(records, start=2):
        row = Row(number=index)
        row.title = record.get("title", "")
        if not row.title:
            row.errors.append(_("The title is missing."))
        elif len(row.title) > 255:
            row.errors.append(_("The title is longer than 255 characters."))
        row.sku = record.get("sku", "")
        if not row.sku:
            row.errors.append(_("The SKU is missing."))
        elif row.sku in seen_skus:
            row.errors.append(
                _("SKU %(sku)s is also on row %(row)s.") % {"sku": row.sku, "row": seen_skus[row.sku]}
            )
        else:
            seen_skus[row.sku] = index
        row.price = _price(record.get("price", ""), row.errors)
        row.stock = _stock(record.get("stock", ""), row.errors)
        row.category = _category(record.get("category", ""), by_path, by_name, row.errors)
        row.description = sanitize_rich_text(record.get("description", ""))
        row.is_public = record.get("is_public", "yes").lower() not in {"no", "0", "false", "không", "khong"}
        rows.append(row)
        if progress:
            progress(index - 1)
    return rows


def _price(raw: str, errors: list[str]) -> Decimal | None:
    if "," in raw:
        # "12,5" is twelve and a half in Vietnamese but "12,500" is twelve thousand in English:
        # too easy to get wrong by a factor of a thousand, so ask for plain digits.
        errors.append(_("Write the price “%(value)s” in whole đồng without commas: 180000.") % {"value": raw})
        return None
    cleaned = raw.replace(".", "").replace(" ", "").replace("\xa0", "").replace("₫", "").replace("đ", "")
    try:
        price = Decimal(cleaned)
    except InvalidOperation:
        errors.append(_("The price “%(value)s” is not a number of đồng.") % {"value": raw})
        return None
    try:
        return whole_dong_price(price)
    except ValidationError as error:
        errors.extend(str(message) for message in error.messages)  # stored as JSON
        return None


def _stock(raw: str, errors: list[str]) -> int | None:
    try:
        value = float(raw)
    except ValueError:
        errors.append(_("The stock “%(value)s” is not a whole number.") % {"value": raw})
        return None
    if value < 0 or value != int(value):
        errors.append(_("The stock must be a whole number, 0 or more."))
        return None
    return int(value)


def _category(raw: str, by_path, by_name, errors: list[str]):
    key = " > ".join(part.strip() for part in raw.split(">")).lower()
    if key in by_path:
        return by_path[key]
    matches = by_name.get(key, [])
    if len(matches) == 1:
        return matches[0]
    if not raw:
        errors.append(_("The category is missing."))
    elif matches:
        errors.append(_("Category “%(value)s” is ambiguous: write its full path.") % {"value": raw})
    else:
        errors.append(_("There is no category “%(value)s”.") % {"value": raw})
    return None


def progress_key(job: ProductImport) -> str:
    return f"product-import-progress:{job.pk}"


def run(job: ProductImport, on_progress=None) -> ProductImport:
    """Validate the whole file, then write every row in one transaction, or nothing.

    Progress goes to the cache (for the status page) and to `on_progress(phase, done, total)`.
    """
    total_key = progress_key(job)

    def publish(phase: str, done: int, total: int) -> None:
        cache.set(total_key, {"phase": phase, "done": done, "total": total}, 60 * 60)
        if on_progress:
            on_progress(phase, done, total)

    job.status = ProductImport.Status.RUNNING
    job.save(update_fields=["status"])
    try:
        with job.file.open("rb") as handle:
            records = read_table(handle.read(), job.original_name)
    except ImportFileError as error:
        return _finish(job, ProductImport.Status.FAILED, report=[{"row": None, "errors": [str(error)]}])
    job.total_rows = len(records)
    job.save(update_fields=["total_rows"])
    rows = validate(records, job.vendor, progress=lambda n: publish("validating", n, len(records)))
    report = [{"row": r.number, "errors": r.errors} for r in rows if r.errors]
    if report:
        return _finish(job, ProductImport.Status.FAILED, report=report)
    created, updated = _write(job.vendor, rows, progress=lambda n: publish("writing", n, len(rows)))
    publish("done", len(rows), len(rows))
    return _finish(job, ProductImport.Status.DONE, created=created, updated=updated)


@transaction.atomic
def _write(vendor: Vendor, rows: list[Row], progress) -> tuple[int, int]:
    from . import services

    goods_class = ProductClass.objects.filter(requires_shipping=True).order_by("pk").first()
    existing = {
        r.partner_sku: r
        for r in StockRecord.objects.select_for_update().filter(
            partner=vendor.partner, partner_sku__in=[row.sku for row in rows]
        )
    }
    created = updated = 0
    for done, row in enumerate(rows, start=1):
        record = existing.get(row.sku)
        if record is None:
            product = Product.objects.create(
                title=row.title,
                description=row.description,
                product_class=goods_class,
                structure=Product.STANDALONE,
                is_public=row.is_public,
            )
            StockRecord.objects.create(
                product=product,
                partner=vendor.partner,
                partner_sku=row.sku,
                price=row.price,
                price_currency="VND",
                num_in_stock=row.stock,
            )
            ProductCategory.objects.create(product=product, category=row.category)
            services.product_producer_default(product)
            created += 1
        else:
            product = record.product
            product.title, product.description, product.is_public = row.title, row.description, row.is_public
            product.save()
            record.price, record.num_in_stock = row.price, row.stock
            record.save(update_fields=["price", "num_in_stock", "date_updated"])
            ProductCategory.objects.filter(product=product).delete()
            ProductCategory.objects.create(product=product, category=row.category)
            updated += 1
        if done % PROGRESS_EVERY == 0 or done == len(rows):
            progress(done)
    return created, updated


def _finish(job: ProductImport, status: str, *, report=None, created=0, updated=0) -> ProductImport:
    job.status = status
    job.report = report or []
    job.created_count, job.updated_count = created, updated
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "report", "created_count", "updated_count", "finished_at"])
    return job
