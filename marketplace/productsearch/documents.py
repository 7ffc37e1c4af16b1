"""Building the search documents: what each sellable product looks like to search, in any backend."""

import html
from collections.abc import Iterable, Iterator

from django.db import connection, transaction
from django.utils.html import strip_tags
from oscar.core.loading import get_model

from marketplace.text import fold
from sellers import selectors

from .models import ProductDocument, SearchWord
from .query import CERTIFICATIONS, TOKEN, index_changed

Product = get_model("catalogue", "Product")
CHUNK = 500


def indexable():
    """Goods on sale. Experiences are sold too, but shoppers find them on their own pages."""
    return selectors.sellable_products().filter(experience__isnull=True)


def sellable_ids() -> Iterator[int]:
    yield from indexable().order_by("pk").values_list("pk", flat=True).iterator(chunk_size=2000)


def build(products: Iterable) -> list[dict]:
    """Plain dicts, one per product (card data prefetched), shared by every backend."""
    docs = []
    full_names: dict[int, str] = {}  # a category's full name costs a query: once per category
    for product in products:
        record = next(iter(product.stockrecords.all()), None)
        if record is None:
            continue
        seller = record.partner.seller
        categories = list(product.categories.all())
        for c in categories:
            if c.pk not in full_names:
                full_names[c.pk] = c.full_name
        category_names = " ".join(full_names[c.pk] for c in categories)
        paths = {c.path[: i * 4] for c in categories for i in range(1, c.depth + 1)}
        certs = certifications(product)
        recognitions = getattr(product, "active_recognitions", [])
        stars = recognitions[0].stars if recognitions else None
        stars_until = recognitions[0].valid_until if recognitions else None
        group = recognitions[0].group if recognitions else ""
        available = (record.num_in_stock or 0) - (record.num_allocated or 0)
        docs.append(
            {
                "product_id": product.pk,
                "title": product.title,
                "title_folded": fold(product.title),
                "categories_folded": fold(category_names),
                "category_path_list": sorted(paths),
                "category_paths": " " + " ".join(sorted(paths)) + " ",
                "category_names": category_names,
                "producer_folded": fold(product.producer.name) if product.producer else "",
                "producer": product.producer.name if product.producer else "",
                "shop_folded": fold(seller.shop_name),
                "shop_name": seller.shop_name,
                # Enough of the description to rank on; the rest would only widen every row. Its
                # words, not its markup: "<p>" and "&amp;" are not words a shopper types.
                "description_folded": fold(html.unescape(strip_tags(product.description or "")))[:1000],
                "ocop_group": group,
                "stars": stars,
                "stars_until": stars_until,
                "vietgap_until": vietgap_until(product),
                "shop_id": seller.pk,
                "ward_code": seller.ward_code,
                "price": int(record.price or 0),
                "in_stock": available > 0 or not product.get_product_class().track_stock,
                "certifications": certs,
                "certified": " " + " ".join(certs) + " " if certs else "",
                "date_created": product.date_created,
            }
        )
    return docs


def load(product_ids: list[int]):
    """The products among these ids that are sellable, with what their documents need."""
    return (
        selectors.with_card_data(indexable().filter(pk__in=product_ids))
        .select_related("product_class")
        .prefetch_related("registered_codes", "producer__vietgap_certificates")
        .order_by("pk")
    )


def vietgap_until(product):
    """The day the producer's VietGAP certificates in force stop covering it (None without one)."""
    if not product.producer:
        return None
    ends = [c.expires_on for c in product.producer.vietgap_certificates.all() if c.is_valid_on()]
    return max(ends, default=None)


def certifications(product) -> list[str]:
    """The proofs of origin in force for a product: a VietGAP certificate of its producer, and
    active growing-area (export) and packing-facility codes it relies on."""
    from sellers.provenance.models import RegisteredCode

    found = set()
    if product.producer and any(c.is_valid_on() for c in product.producer.vietgap_certificates.all()):
        found.add("vietgap")
    for code in product.registered_codes.all():
        if code.status != RegisteredCode.Status.ACTIVE:
            continue
        if code.kind == RegisteredCode.Kind.PACKING:
            found.add("packing")
        else:
            found.add("growing_area")
            if code.kind == RegisteredCode.Kind.GROWING_EXPORT:
                found.add("export")
    return [c for c in CERTIFICATIONS if c in found]


@transaction.atomic
def write_database_documents(product_ids: list[int]) -> int:
    """Bring the database index up to date for these products: upsert the sellable, drop the rest."""
    docs = build(load(product_ids))
    keep = {d["product_id"] for d in docs}
    ProductDocument.objects.filter(product_id__in=product_ids).exclude(product_id__in=keep).delete()
    fields = [
        f.name
        for f in ProductDocument._meta.concrete_fields
        if f.name not in {"id", "product", "shop", "search_vector", "all_folded"}
    ]
    rows = []
    for d in docs:
        values = {name: d[name] for name in fields if name in d}
        # SQLite matches words in one folded text, with spaces around every word so " token"
        # matches at word starts only (as you type). PostgreSQL uses the tsvector instead, and
        # leaves the column empty: narrower rows scan faster.
        values["all_folded"] = "" if connection.vendor == "postgresql" else _all_words(d)
        rows.append(ProductDocument(product_id=d["product_id"], shop_id=d["shop_id"], **values))
    ProductDocument.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["product"],
        update_fields=[*fields, "all_folded", "shop"],
    )
    words = {
        w
        for d in docs
        for w in TOKEN.findall(" ".join((d["title_folded"], d["categories_folded"], d["producer_folded"])))
        if 2 <= len(w) <= 64
    }
    SearchWord.objects.bulk_create([SearchWord(word=w) for w in sorted(words)], ignore_conflicts=True)
    transaction.on_commit(index_changed)
    if connection.vendor == "postgresql" and keep:
        from django.contrib.postgres.search import SearchVector

        ProductDocument.objects.filter(product_id__in=keep).update(
            search_vector=SearchVector("title_folded", weight="A", config="simple")
            + SearchVector("categories_folded", "producer_folded", "shop_folded", weight="B", config="simple")
            + SearchVector("description_folded", weight="C", config="simple")
        )
    return len(docs)


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
