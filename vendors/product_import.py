"""Sellers' bulk product import from CSV or XLSX: read, validate every row, then write all or nothing.

Columns (first row, in any order): title, sku, price, stock, category, and optionally description
and is_public. A row whose SKU the shop already has updates that product; other rows create one.
Progress is published in the cache, so a status page (or a terminal) can follow a long import.
A file is bounded before it is trusted: its size, its rows (read lazily, so a sheet of millions
stops at the limit), each cell's length and characters, and the time a run may take.
"""

import csv
import datetime
import io
import re
import time
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from oscar.core.loading import get_model

from marketplace.amounts import DONG, PRICE_AT_MOST, STOCK_AT_MOST, UNITS, parse_whole
from marketplace.richtext import sanitize_rich_text
from marketplace.spreadsheets import safe_row

from . import producers
from .models import ProductImport, Seller
from .validators import whole_dong_price

Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
ProductCategory = get_model("catalogue", "ProductCategory")
Category = get_model("catalogue", "Category")
StockRecord = get_model("partner", "StockRecord")

COLUMNS = ["title", "sku", "price", "stock", "category", "description", "is_public"]
REQUIRED = ["title", "sku", "price", "stock", "category"]
# What each column holds, for the import page: the headers stay as written, the file's own words.
COLUMN_MEANINGS = {
    "title": gettext_lazy("the product's name"),
    "sku": gettext_lazy("your own code for the product; a code your shop already has updates that product"),
    "price": gettext_lazy("the price in whole đồng: 125000 or 125.000"),
    "stock": gettext_lazy("units in stock"),
    "category": gettext_lazy("the category: its name, or its levels joined by >: Đồ uống > Trà"),
    "description": gettext_lazy("the description (optional)"),
    "is_public": gettext_lazy("on sale: yes or no (optional, yes when left empty)"),
}
# The seven columns and room for a seller's own notes; cells further right are not read.
MAX_COLUMNS = 30
# An XLSX is a zip: what its parts unpack to is bounded too. openpyxl reads every part whole when
# it opens the file (shared strings, styles) except worksheets that declare their size up front:
# a sheet without a <dimension> (openpyxl's own write-only sheets) is scanned to its end before
# the first row is read, so such parts together get a smaller bound.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_READ_WHOLE_BYTES = 32 * 1024 * 1024
MAX_PARTS = 1000
SHEET_HEAD_BYTES = 64 * 1024
DIMENSION = re.compile(rb"<(?:\w+:)?dimension\b")
SHEET_DATA = re.compile(rb"<(?:\w+:)?sheetData\b")
# Control characters have no place in a product's text (NUL even breaks PostgreSQL); line breaks
# and tabs do, in descriptions.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
SKU_MAX_LENGTH = StockRecord._meta.get_field("partner_sku").max_length
# Past its time limit (and this margin), a running job has lost its worker: it is failed.
STALLED_AFTER = datetime.timedelta(minutes=2)
# A task that never reached a worker: a whole day behind other imports is not a queue, it is lost.
PENDING_LOST_AFTER = datetime.timedelta(days=1)
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
    """The file as a whole cannot be read (wrong type, no header, too many rows), or reading
    stopped at one row (`row`) that cannot be read."""

    def __init__(self, message: str, row: int | None = None):
        super().__init__(message)
        self.row = row


class ImportTimeout(Exception):
    """The run took longer than MARKETPLACE_IMPORT_TIME_LIMIT."""


class Record(dict):
    """One row's cells by column name, and the row's number in the seller's spreadsheet."""

    def __init__(self, cells: dict, row: int):
        super().__init__(cells)
        self.row = row


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
    writer.writerows(safe_row(row) for row in TEMPLATE_ROWS)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # the BOM lets Excel read Vietnamese


def template_xlsx() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "products"
    sheet.append(COLUMNS)
    for row in TEMPLATE_ROWS:
        sheet.append(safe_row(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def read_table(content: bytes, name: str) -> list[Record]:
    """Rows of the file keyed by the header's column names, blank rows skipped, at most
    MARKETPLACE_IMPORT_MAX_ROWS of them: reading stops at the first row past the limit."""
    max_rows = settings.MARKETPLACE_IMPORT_MAX_ROWS
    if len(content) > settings.MARKETPLACE_IMPORT_MAX_BYTES:
        raise ImportFileError(_("The file is larger than %(size)s MB.") % {"size": _max_megabytes()})
    rows = _xlsx_rows(content) if content[:4] == b"PK\x03\x04" else _csv_rows(content)
    header, records = None, []
    for number, row in rows:
        if number > 2 * max_rows + 1:
            # Blank rows are skipped, not counted as products; a sheet of millions of them is
            # still refused without reading it to the end.
            raise ImportFileError(
                _("The sheet has more than %(max)s rows; delete the empty ones.") % {"max": 2 * max_rows}
            )
        cells = [_cell_text(c) for c in row[:MAX_COLUMNS]]
        if not any(c.strip() for c in cells):
            continue
        if header is None:
            header = [c.strip().lower() for c in cells]
            missing = [c for c in REQUIRED if c not in header]
            if missing:
                raise ImportFileError(
                    _("The first row must name the columns; missing: %(columns)s.")
                    % {"columns": ", ".join(missing)}
                )
            continue
        if len(records) == max_rows:
            raise ImportFileError(_("At most %(max)s products per file.") % {"max": max_rows})
        records.append(Record(zip(header, [c.strip() for c in cells], strict=False), row=number))
    if header is None:
        raise ImportFileError(_("The file is empty."))
    return records


def _cell_text(value) -> str:
    """A cell as text; a spreadsheet's whole number stored as 125000.0 is written 125000, and any
    other number as Python writes it (1.5 stays "1.5", which the amount parser refuses)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)


def _max_megabytes() -> int:
    return settings.MARKETPLACE_IMPORT_MAX_BYTES // (1024 * 1024)


def _csv_rows(content: bytes):
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFileError(_("Save the file as CSV (UTF-8) or XLSX.")) from exc
    reader = csv.reader(io.StringIO(text))
    number = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            # The csv module's own field limit (131,072 characters) or a quote never closed:
            # reported on the row, where the seller can find it.
            raise ImportFileError(
                _("A cell is longer than %(max)s characters, or a quotation mark is not closed.")
                % {"max": settings.MARKETPLACE_IMPORT_MAX_CELL_CHARS},
                row=number + 1,
            ) from exc
        number += 1
        yield number, row


def _xlsx_rows(content: bytes):
    from openpyxl import load_workbook

    unreadable = _("This XLSX file cannot be read.")
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            _check_unpacked_size(archive)
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:  # a damaged archive
        raise ImportFileError(unreadable) from exc
    try:
        # Read-only: rows are parsed one at a time as they are asked for, never the whole sheet.
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        raise ImportFileError(unreadable) from exc
    try:
        if not book.worksheets:
            raise ImportFileError(unreadable)
        sheet = book.worksheets[0]
        # Read every row there is, whatever size the sheet declares; the row limit stops us.
        sheet.reset_dimensions()
        rows = sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True)
        number = 0
        while True:
            try:
                row = next(rows)
            except StopIteration:
                return
            except Exception as exc:  # damaged sheet XML
                raise ImportFileError(unreadable, row=number + 1) from exc
            number += 1
            yield number, row
    finally:
        book.close()


def _check_unpacked_size(archive: zipfile.ZipFile) -> None:
    parts = archive.infolist()
    if len(parts) > MAX_PARTS:
        raise ImportFileError(_("This XLSX file cannot be read."))
    too_large = _("This XLSX file unpacks to more than %(size)s MB; split it into smaller files.")
    if sum(part.file_size for part in parts) > MAX_UNPACKED_BYTES:
        raise ImportFileError(too_large % {"size": MAX_UNPACKED_BYTES // (1024 * 1024)})
    read_whole = sum(part.file_size for part in parts if not _declares_its_size(archive, part))
    if read_whole > MAX_READ_WHOLE_BYTES:
        raise ImportFileError(too_large % {"size": MAX_READ_WHOLE_BYTES // (1024 * 1024)})


def _declares_its_size(archive: zipfile.ZipFile, part: zipfile.ZipInfo) -> bool:
    """A worksheet whose <dimension> comes before its rows (as Excel and LibreOffice write it)."""
    if part.file_size <= SHEET_HEAD_BYTES:
        return False
    with archive.open(part) as stream:
        head = stream.read(SHEET_HEAD_BYTES)
    dimension, data = DIMENSION.search(head), SHEET_DATA.search(head)
    return dimension is not None and (data is None or dimension.start() < data.start())


def _categories() -> tuple[dict[str, object], dict[str, list]]:
    by_path, by_name = {}, {}
    for category in Category.objects.all():
        by_path[category.full_name.lower()] = category
        by_name.setdefault(category.name.lower(), []).append(category)
    return by_path, by_name


def validate(records: list[dict], seller: Seller, progress=None) -> list[Row]:
    """Every row checked; rows with errors say what is wrong in the seller's language."""
    by_path, by_name = _categories()
    seen_skus: dict[str, int] = {}
    rows = []
    for index, record in enumerate(records, start=2):
        row = Row(number=getattr(record, "row", index))
        rows.append(row)
        if progress:
            progress(index - 1)
        row.errors = _cell_errors(record)
        if row.errors:
            continue  # a cell that cannot be stored says so alone, not through every other check
        row.title = record.get("title", "")
        if not row.title:
            row.errors.append(_("The title is missing."))
        elif len(row.title) > 255:
            row.errors.append(_("The title is longer than 255 characters."))
        row.sku = record.get("sku", "")
        if not row.sku:
            row.errors.append(_("The SKU is missing."))
        elif len(row.sku) > SKU_MAX_LENGTH:
            row.errors.append(_("The SKU is longer than %(max)s characters.") % {"max": SKU_MAX_LENGTH})
        elif row.sku in seen_skus:
            row.errors.append(
                _("SKU %(sku)s is also on row %(row)s.") % {"sku": row.sku, "row": seen_skus[row.sku]}
            )
        else:
            seen_skus[row.sku] = row.number
        row.price = _price(record.get("price", ""), row.errors)
        row.stock = _stock(record.get("stock", ""), row.errors)
        row.category = _category(record.get("category", ""), by_path, by_name, row.errors)
        row.description = sanitize_rich_text(record.get("description", ""))
        row.is_public = record.get("is_public", "yes").lower() not in {"no", "0", "false", "không", "khong"}
    return rows


def _cell_errors(record: dict) -> list[str]:
    limit = settings.MARKETPLACE_IMPORT_MAX_CELL_CHARS
    errors = []
    for column, value in record.items():
        if len(value) > limit:
            errors.append(
                _("The %(column)s cell is longer than %(max)s characters.") % {"column": column, "max": limit}
            )
        elif CONTROL_CHARACTERS.search(value):
            errors.append(
                _("The %(column)s cell holds a control character (such as NUL); delete it.")
                % {"column": column}
            )
    return errors


def _price(raw: str, errors: list[str]) -> Decimal | None:
    try:
        return whole_dong_price(Decimal(parse_whole(raw, kind=DONG, at_least=None, at_most=PRICE_AT_MOST)))
    except ValidationError as error:
        errors.extend(_("Price: %(problem)s") % {"problem": message} for message in error.messages)
        return None


def _stock(raw: str, errors: list[str]) -> int | None:
    try:
        return parse_whole(raw, kind=UNITS, at_most=STOCK_AT_MOST)
    except ValidationError as error:
        errors.extend(_("Stock: %(problem)s") % {"problem": message} for message in error.messages)
        return None


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
    A run past MARKETPLACE_IMPORT_TIME_LIMIT, or stopped by the worker's soft time limit, writes
    nothing and ends "failed" with the reason; so do the shop's imports a lost worker left behind.
    """
    # This job's worker has it now, however long it waited in the queue: only the others can be lost.
    fail_stalled(job.seller, but=job)
    job.refresh_from_db(fields=["status"])
    if job.status not in (ProductImport.Status.PENDING, ProductImport.Status.RUNNING):
        return job  # already finished, or failed as stalled before a worker took it
    total_key = progress_key(job)
    deadline = time.monotonic() + settings.MARKETPLACE_IMPORT_TIME_LIMIT

    def publish(phase: str, done: int, total: int) -> None:
        cache.set(total_key, {"phase": phase, "done": done, "total": total}, 60 * 60)
        if on_progress:
            on_progress(phase, done, total)
        if time.monotonic() > deadline:
            raise ImportTimeout

    job.status = ProductImport.Status.RUNNING
    job.started_at = timezone.now()
    job.save(update_fields=["status", "started_at"])
    try:
        try:
            with job.file.open("rb") as handle:
                records = read_table(
                    handle.read(settings.MARKETPLACE_IMPORT_MAX_BYTES + 1), job.original_name
                )
        except ImportFileError as error:
            return fail(job, str(error), row=error.row)
        job.total_rows = len(records)
        job.save(update_fields=["total_rows"])
        rows = validate(records, job.seller, progress=lambda n: publish("validating", n, len(records)))
        report = [{"row": r.number, "errors": r.errors} for r in rows if r.errors]
        if report:
            return _finish(job, ProductImport.Status.FAILED, report=report)
        created, updated = _write(job.seller, rows, progress=lambda n: publish("writing", n, len(rows)))
    except (ImportTimeout, SoftTimeLimitExceeded):
        return fail(job, too_long_message())
    publish_done = {"phase": "done", "done": len(rows), "total": len(rows)}
    cache.set(total_key, publish_done, 60 * 60)
    if on_progress:
        on_progress("done", len(rows), len(rows))
    return _finish(job, ProductImport.Status.DONE, created=created, updated=updated)


def too_long_message() -> str:
    return _("The import took longer than %(minutes)s minutes and was stopped; nothing was imported.") % {
        "minutes": max(1, round(settings.MARKETPLACE_IMPORT_TIME_LIMIT / 60))
    }


def fail(job: ProductImport, reason: str, row: int | None = None) -> ProductImport:
    """End the job "failed", nothing written, with the reason as its report."""
    return _finish(job, ProductImport.Status.FAILED, report=[{"row": row, "errors": [reason]}])


def stalled(job: ProductImport, now=None) -> bool:
    """Running past the time limit (and a margin): its worker was killed or lost. Or pending for a
    day: its task was lost (a queue behind other shops' imports is slow, not that slow)."""
    now = now or timezone.now()
    if job.status == ProductImport.Status.RUNNING:
        limit = datetime.timedelta(seconds=settings.MARKETPLACE_IMPORT_TIME_LIMIT) + STALLED_AFTER
        return (job.started_at or job.created_at) < now - limit
    if job.status == ProductImport.Status.PENDING:
        return job.created_at < now - PENDING_LOST_AFTER
    return False


def stalled_message() -> str:
    return _("The import did not finish: its worker stopped. Nothing was imported; upload the file again.")


def as_seen(job: ProductImport) -> ProductImport:
    """The job as its seller should see it now: a stalled one reads as failed, with the reason.
    Only shown, never saved here (the shop's next import records it)."""
    if stalled(job):
        job.status = ProductImport.Status.FAILED
        job.report = [{"row": None, "errors": [stalled_message()]}]
    return job


def fail_stalled(seller: Seller, but: ProductImport | None = None) -> int:
    """Record every stalled import of the shop (but the one named) as failed; how many there were."""
    now = timezone.now()
    jobs = seller.product_imports.filter(
        status__in=[ProductImport.Status.PENDING, ProductImport.Status.RUNNING]
    ).exclude(pk=but.pk if but else None)
    count = 0
    for job in jobs:
        if stalled(job, now):
            fail(job, stalled_message())
            count += 1
    return count


@transaction.atomic
def _write(seller: Seller, rows: list[Row], progress) -> tuple[int, int]:
    goods_class = ProductClass.objects.filter(requires_shipping=True).order_by("pk").first()
    existing = {
        r.partner_sku: r
        for r in StockRecord.objects.select_for_update().filter(
            partner=seller.partner, partner_sku__in=[row.sku for row in rows]
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
                partner=seller.partner,
                partner_sku=row.sku,
                price=row.price,
                price_currency="VND",
                num_in_stock=row.stock,
            )
            ProductCategory.objects.create(product=product, category=row.category)
            producers.product_producer_default(product)
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
