"""Building the search documents: what each sellable product looks like to search, in any backend."""

import html
import json
from collections.abc import Iterable, Iterator

from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.html import strip_tags
from oscar.core.loading import get_model

from marketplace.text import fold
from vendors import selectors, stock
from vendors.models import OcopRecognition

from .models import ProductDocument, SearchWord
from .query import CERTIFICATIONS, TOKEN, index_changed

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")
ProductCategory = get_model("catalogue", "ProductCategory")
StockRecord = get_model("partner", "StockRecord")
CHUNK = 500


def indexable():
    """Goods on sale. Experiences are sold too, but shoppers find them on their own pages."""
    return selectors.sellable_products().filter(experience__isnull=True)


def sellable_ids() -> Iterator[int]:
    yield from indexable().order_by("pk").values_list("pk", flat=True).iterator(chunk_size=2000)


def documents(product_ids: list[int]) -> list[dict]:
    """Plain dicts, one per sellable product among these ids, shared by every backend.

    Read as plain values in a fixed number of queries for any batch (no model instances: a
    rebuild of a million products spends its time on the rows, not on building objects).
    """
    from vendors.provenance.models import RegisteredCode, VietGapCertificate

    products = list(
        indexable()
        .filter(pk__in=product_ids)
        .order_by("pk")
        .values("pk", "title", "description", "date_created", "producer_id", "producer__name")
        .annotate(track_stock=F("product_class__track_stock"))
    )
    if not products:
        return []
    ids = [p["pk"] for p in products]
    records: dict[int, dict] = {}
    for record in (
        StockRecord.objects.filter(product_id__in=ids, partner__seller__isnull=False)
        .order_by("product_id", "pk")
        .values(
            "product_id", "price",
            "partner__seller__id", "partner__seller__shop_name", "partner__seller__ward_code",
            available=stock.AVAILABLE,
        )
    ):  # fmt: skip
        records.setdefault(record["product_id"], record)
    categories: dict[int, list[int]] = {}
    for product_id, category_id in ProductCategory.objects.filter(product_id__in=ids).values_list(
        "product_id", "category_id"
    ):
        categories.setdefault(product_id, []).append(category_id)
    tree = _category_tree()
    recognitions: dict[int, dict] = {}
    for recognition in (
        OcopRecognition.objects.active()
        .filter(product_id__in=ids)
        .order_by("product_id", "-stars", "-decision_date")
        .values("product_id", "stars", "valid_until", "group")
    ):
        recognitions.setdefault(recognition["product_id"], recognition)
    codes: dict[int, list[tuple[str, str]]] = {}
    for product_id, status, kind in RegisteredCode.products.through.objects.filter(
        product_id__in=ids
    ).values_list("product_id", "registeredcode__status", "registeredcode__kind"):
        codes.setdefault(product_id, []).append((status, kind))
    today = timezone.localdate()
    vietgap: dict[int, list] = {}
    producers = {p["producer_id"] for p in products if p["producer_id"]}
    for producer_id, ends in VietGapCertificate.objects.filter(
        producer_id__in=producers, issued_on__lte=today, expires_on__gt=today
    ).values_list("producer_id", "expires_on"):
        vietgap.setdefault(producer_id, []).append(ends)

    docs = []
    for product in products:
        pk = product["pk"]
        record = records.get(pk)
        if record is None:
            continue
        chosen = sorted((tree[c] for c in categories.get(pk, ()) if c in tree), key=lambda c: c["path"])
        category_names = " ".join(c["full_name"] for c in chosen)
        paths = {c["path"][: i * 4] for c in chosen for i in range(1, c["depth"] + 1)}
        certs = certifications(bool(vietgap.get(product["producer_id"])), codes.get(pk, ()))
        recognition = recognitions.get(pk)
        producer = product["producer__name"] or ""
        shop_name = record["partner__seller__shop_name"]
        available = record["available"]
        docs.append(
            {
                "product_id": pk,
                "title": product["title"],
                "title_folded": fold(product["title"]),
                "categories_folded": fold(category_names),
                "category_path_list": sorted(paths),
                "category_paths": " " + " ".join(sorted(paths)) + " ",
                "category_names": category_names,
                "producer_folded": fold(producer),
                "producer": producer,
                "shop_folded": fold(shop_name),
                "shop_name": shop_name,
                # Enough of the description to rank on; the rest would only widen every row. Its
                # words, not its markup: "<p>" and "&amp;" are not words a shopper types.
                "description_folded": fold(html.unescape(strip_tags(product["description"] or "")))[:1000],
                "ocop_group": recognition["group"] if recognition else "",
                "stars": recognition["stars"] if recognition else None,
                "stars_until": recognition["valid_until"] if recognition else None,
                # The day the producer's VietGAP certificates in force stop covering it.
                "vietgap_until": max(vietgap.get(product["producer_id"], ()), default=None),
                "shop_id": record["partner__seller__id"],
                "ward_code": record["partner__seller__ward_code"],
                "price": int(record["price"] or 0),
                "in_stock": available > 0 or product["track_stock"] is False,
                "certifications": certs,
                "certified": " " + " ".join(certs) + " " if certs else "",
                "date_created": product["date_created"],
            }
        )
    return docs


def _category_tree() -> dict[int, dict]:
    """Every category's path, depth and full name ("Đồ uống > Trà"): the tree is small and read
    once per batch, rather than a query per category."""
    rows = list(Category.objects.values("pk", "path", "depth", "name"))
    names = {row["path"]: row["name"] for row in rows}
    steps = Category.steplen
    return {
        row["pk"]: {
            **row,
            "full_name": " > ".join(
                names.get(row["path"][: i * steps], "") for i in range(1, row["depth"] + 1)
            ),
        }
        for row in rows
    }


def certifications(vietgap: bool, codes) -> list[str]:
    """The proofs of origin in force for a product: a VietGAP certificate of its producer, and
    active growing-area (export) and packing-facility codes it relies on (`codes`: their status
    and kind)."""
    from vendors.provenance.models import RegisteredCode

    found = {"vietgap"} if vietgap else set()
    for status, kind in codes:
        if status != RegisteredCode.Status.ACTIVE:
            continue
        if kind == RegisteredCode.Kind.PACKING:
            found.add("packing")
        else:
            found.add("growing_area")
            if kind == RegisteredCode.Kind.GROWING_EXPORT:
                found.add("export")
    return [c for c in CERTIFICATIONS if c in found]


@transaction.atomic
def write_database_documents(product_ids: list[int], known_words: set | None = None) -> int:
    """Bring the database index up to date for these products: upsert the sellable, drop the rest.

    `known_words`: the vocabulary already written by this run (a rebuild passes one set through
    all its batches, so a word is sent once)."""
    docs = documents(product_ids)
    keep = {d["product_id"] for d in docs}
    dropped, _kinds = (
        ProductDocument.objects.filter(product_id__in=product_ids).exclude(product_id__in=keep).delete()
    )
    if connection.vendor == "postgresql":
        written = _upsert_postgres(docs)
    else:
        written = len(docs)
        rows = []
        for d in docs:
            values = {name: d[name] for name in DOCUMENT_FIELDS if name in d}
            # SQLite matches words in one folded text, with spaces around every word so " token"
            # matches at word starts only (as you type). PostgreSQL uses the tsvector instead.
            rows.append(
                ProductDocument(
                    product_id=d["product_id"], shop_id=d["shop_id"], all_folded=_all_words(d), **values
                )
            )
        ProductDocument.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["product"],
            update_fields=[*DOCUMENT_FIELDS, "all_folded", "shop"],
        )
    known = known_words if known_words is not None else set()
    # Words to correct slips against: numbers ("500", "2024") are not corrected, so not kept.
    words = {
        w
        for d in docs
        for w in TOKEN.findall(" ".join((d["title_folded"], d["categories_folded"], d["producer_folded"])))
        if 2 <= len(w) <= 64 and not w.isdigit() and w not in known
    }
    SearchWord.objects.bulk_create([SearchWord(word=w) for w in sorted(words)], ignore_conflicts=True)
    known |= words
    if dropped or written:
        # What was counted over the index is out of date only when a document changed: a sale that
        # leaves a product in stock keeps every cached count (PostgreSQL tells; SQLite always bumps).
        transaction.on_commit(index_changed)
    return len(docs)


DOCUMENT_FIELDS = [
    f.name
    for f in ProductDocument._meta.concrete_fields
    if f.name not in {"id", "product", "shop", "search_vector", "all_folded"}
]
# The weighted vector, made in the same statement as the row: title (A), categories, producer and
# shop (B), description (C).
VECTOR_SQL = (
    "setweight(to_tsvector('simple', u.vector_a), 'A') || setweight(to_tsvector('simple', u.vector_b), 'B')"
    " || setweight(to_tsvector('simple', u.vector_c), 'C')"
)


def _upsert_postgres(docs: list[dict]) -> int:
    """One INSERT … ON CONFLICT for the batch, each row written once with its vector, and a row
    left alone when nothing in it changed: a rebuild of an unchanged catalogue writes nothing,
    and the table does not fill with dead row versions that every search would then wade through.
    The batch travels as one array per column (`unnest`): a short statement, whatever its size.
    `all_folded` stays empty (the vector holds the words). Returns how many documents were
    written."""
    if not docs:
        return 0
    meta = ProductDocument._meta
    fields = [meta.get_field(name) for name in [*DOCUMENT_FIELDS, "all_folded", "product", "shop"]]
    columns = [f.column for f in fields]
    quote = connection.ops.quote_name
    arrays, casts = [], []
    for f in fields:
        # The driver sends strings, numbers, dates and booleans as they are; JSON goes as text.
        if f.name == "all_folded":
            values = [""] * len(docs)
        else:
            values = [d[f.attname if f.is_relation else f.name] for d in docs]
        kind = f.db_type(connection)
        if kind == "jsonb":
            arrays.append([None if v is None else json.dumps(v) for v in values])
            casts.append(("text", f"u.{quote(f.column)}::jsonb"))
        else:
            arrays.append(values)
            casts.append((kind, f"u.{quote(f.column)}"))
    arrays += [
        [d["title_folded"] for d in docs],
        [f"{d['categories_folded']} {d['producer_folded']} {d['shop_folded']}" for d in docs],
        [d["description_folded"] for d in docs],
    ]
    casts += [("text", ""), ("text", ""), ("text", "")]
    names = [*map(quote, columns), "vector_a", "vector_b", "vector_c"]
    compared = [c for c in columns if c != "product_id"]
    sql = (
        f"INSERT INTO {quote(meta.db_table)} AS t ({', '.join(map(quote, columns))}, search_vector) "
        f"SELECT {', '.join(expr for _kind, expr in casts if expr)}, {VECTOR_SQL} "
        f"FROM unnest({', '.join(f'%s::{kind}[]' for kind, _expr in casts)}) AS u({', '.join(names)}) "
        "ON CONFLICT (product_id) DO UPDATE SET "
        + ", ".join(f"{quote(c)} = EXCLUDED.{quote(c)}" for c in [*compared, "search_vector"])
        + f" WHERE t.search_vector IS NULL OR ({', '.join(f't.{quote(c)}' for c in compared)})"
        f" IS DISTINCT FROM ({', '.join(f'EXCLUDED.{quote(c)}' for c in compared)})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, arrays)
        return cursor.rowcount


def _all_words(d: dict) -> str:
    text = " ".join(
        [
            d["title_folded"],
            d["categories_folded"],
            d["producer_folded"],
            d["shop_folded"],
            d["description_folded"],
        ]
    )
    return " " + " ".join(TOKEN.findall(text)) + " "


def chunks(ids: Iterable[int], size: int = CHUNK) -> Iterator[list[int]]:
    batch = []
    for pk in ids:
        batch.append(pk)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
